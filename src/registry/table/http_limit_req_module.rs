//! `http_limit_req_module`: generated once from `registry/data/`; rginx support is edited here.

use crate::registry::{Arity as A, Ctx, DirectiveSpec as D, Setter as S, Values as V};

#[rustfmt::skip]
pub const DIRECTIVES: &[D] = &[
    D::new("limit_req_zone", "http_limit_req_module", Ctx::HTTP_MAIN, A::TAKE3, S::Custom).doc("https://nginx.org/en/docs/http/ngx_http_limit_req_module.html#limit_req_zone"),
    D::new("limit_req", "http_limit_req_module", Ctx::HTTP_MAIN.or(Ctx::HTTP_SRV).or(Ctx::HTTP_LOC), A::TAKE123, S::Custom).doc("https://nginx.org/en/docs/http/ngx_http_limit_req_module.html#limit_req"),
    D::new("limit_req_log_level", "http_limit_req_module", Ctx::HTTP_MAIN.or(Ctx::HTTP_SRV).or(Ctx::HTTP_LOC), A::TAKE1, S::Enum).values(V::Enum(&["info", "notice", "warn", "error"])).default_value("error").doc("https://nginx.org/en/docs/http/ngx_http_limit_req_module.html#limit_req_log_level"),
    D::new("limit_req_status", "http_limit_req_module", Ctx::HTTP_MAIN.or(Ctx::HTTP_SRV).or(Ctx::HTTP_LOC), A::TAKE1, S::Num).values(V::Bounds(400, 599)).default_value("503").doc("https://nginx.org/en/docs/http/ngx_http_limit_req_module.html#limit_req_status"),
    D::new("limit_req_dry_run", "http_limit_req_module", Ctx::HTTP_MAIN.or(Ctx::HTTP_SRV).or(Ctx::HTTP_LOC), A::FLAG, S::Flag).default_value("off").doc("https://nginx.org/en/docs/http/ngx_http_limit_req_module.html#limit_req_dry_run"),
];
