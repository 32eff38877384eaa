//! `http_upstream_hc_module`: generated once from `registry/data/`; rginx support is edited here.

use crate::registry::{Arity as A, Ctx, DirectiveSpec as D, Origin, Setter as S};

#[rustfmt::skip]
pub const DIRECTIVES: &[D] = &[
    D::new("health_check", "http_upstream_hc_module", Ctx::HTTP_LOC, A::ANY, S::Custom).origin(Origin::Plus).doc("https://nginx.org/en/docs/http/ngx_http_upstream_hc_module.html#health_check"),
    D::new("match", "http_upstream_hc_module", Ctx::HTTP_MAIN, A::TAKE1, S::Custom).block().origin(Origin::Plus).doc("https://nginx.org/en/docs/http/ngx_http_upstream_hc_module.html#match"),
];
