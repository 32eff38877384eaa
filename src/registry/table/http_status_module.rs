//! `http_status_module`: generated once from `registry/data/`; rginx support is edited here.

use crate::registry::{Arity as A, Ctx, DirectiveSpec as D, Origin, Setter as S};

#[rustfmt::skip]
pub const DIRECTIVES: &[D] = &[
    D::new("status", "http_status_module", Ctx::HTTP_LOC, A::NOARGS, S::Custom).origin(Origin::Plus).doc("https://nginx.org/en/docs/http/ngx_http_status_module.html#status"),
    D::new("status_format", "http_status_module", Ctx::HTTP_MAIN.or(Ctx::HTTP_SRV).or(Ctx::HTTP_LOC), A::TAKE12, S::Custom).origin(Origin::Plus).default_value("json").doc("https://nginx.org/en/docs/http/ngx_http_status_module.html#status_format"),
];
