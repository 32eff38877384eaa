//! `http_upstream_hash_module`: generated once from `registry/data/`; rginx support is edited here.

use crate::registry::{Arity as A, Check as C, Ctx, DirectiveSpec as D, Setter as S};

#[rustfmt::skip]
pub const DIRECTIVES: &[D] = &[
    D::new("hash", "http_upstream_hash_module", Ctx::HTTP_UPS, A::TAKE12, S::Custom).support(crate::registry::Support::Supported).doc("https://nginx.org/en/docs/http/ngx_http_upstream_module.html#hash").check(C::UpstreamHash),
];
