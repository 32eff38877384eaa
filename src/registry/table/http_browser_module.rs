//! `http_browser_module`: generated once from `registry/data/`; rginx support is edited here.

use crate::registry::{Arity as A, Ctx, DirectiveSpec as D, Setter as S};

#[rustfmt::skip]
pub const DIRECTIVES: &[D] = &[
    D::new("modern_browser", "http_browser_module", Ctx::HTTP_MAIN.or(Ctx::HTTP_SRV).or(Ctx::HTTP_LOC), A::TAKE12, S::Custom).doc("https://nginx.org/en/docs/http/ngx_http_browser_module.html#modern_browser"),
    D::new("ancient_browser", "http_browser_module", Ctx::HTTP_MAIN.or(Ctx::HTTP_SRV).or(Ctx::HTTP_LOC), A::ONE_MORE, S::Custom).doc("https://nginx.org/en/docs/http/ngx_http_browser_module.html#ancient_browser"),
    D::new("modern_browser_value", "http_browser_module", Ctx::HTTP_MAIN.or(Ctx::HTTP_SRV).or(Ctx::HTTP_LOC), A::TAKE1, S::Custom).default_value("1").doc("https://nginx.org/en/docs/http/ngx_http_browser_module.html#modern_browser_value"),
    D::new("ancient_browser_value", "http_browser_module", Ctx::HTTP_MAIN.or(Ctx::HTTP_SRV).or(Ctx::HTTP_LOC), A::TAKE1, S::Custom).default_value("1").doc("https://nginx.org/en/docs/http/ngx_http_browser_module.html#ancient_browser_value"),
];
