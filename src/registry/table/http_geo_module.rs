//! `http_geo_module`: generated once from `registry/data/`; rginx support is edited here.

use crate::registry::{Arity as A, Ctx, DirectiveSpec as D, Setter as S};

#[rustfmt::skip]
pub const DIRECTIVES: &[D] = &[
    D::new("geo", "http_geo_module", Ctx::HTTP_MAIN, A::TAKE12, S::Custom).support(crate::registry::Support::Supported).block().doc("https://nginx.org/en/docs/http/ngx_http_geo_module.html#geo"),
];
