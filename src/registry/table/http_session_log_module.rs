//! `http_session_log_module`: generated once from `registry/data/`; rginx support is edited here.

use crate::registry::{Arity as A, Ctx, DirectiveSpec as D, Origin, Setter as S};

#[rustfmt::skip]
pub const DIRECTIVES: &[D] = &[
    D::new("session_log", "http_session_log_module", Ctx::HTTP_MAIN.or(Ctx::HTTP_SRV).or(Ctx::HTTP_LOC), A::TAKE1, S::Custom).origin(Origin::Plus).default_value("off").doc("https://nginx.org/en/docs/http/ngx_http_session_log_module.html#session_log"),
    D::new("session_log_format", "http_session_log_module", Ctx::HTTP_MAIN, A::TWO_MORE, S::Custom).origin(Origin::Plus).default_value("combined \"...\"").doc("https://nginx.org/en/docs/http/ngx_http_session_log_module.html#session_log_format"),
    D::new("session_log_zone", "http_session_log_module", Ctx::HTTP_MAIN, A::TWO_MORE, S::Custom).origin(Origin::Plus).doc("https://nginx.org/en/docs/http/ngx_http_session_log_module.html#session_log_zone"),
];
