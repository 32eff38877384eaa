//! `http_upstream_ip_hash_module`: generated once from `registry/data/`; rginx support is edited here.

use crate::registry::{Arity as A, Ctx, DirectiveSpec as D, Setter as S};

#[rustfmt::skip]
pub const DIRECTIVES: &[D] = &[
    D::new("ip_hash", "http_upstream_ip_hash_module", Ctx::HTTP_UPS, A::NOARGS, S::Custom).support(crate::registry::Support::Supported).doc("https://nginx.org/en/docs/http/ngx_http_upstream_module.html#ip_hash"),
];
