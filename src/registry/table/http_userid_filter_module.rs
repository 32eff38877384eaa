//! `http_userid_filter_module`: generated once from `registry/data/`; rginx support is edited here.

use crate::registry::{Arity as A, Ctx, DirectiveSpec as D, Setter as S, Values as V};

#[rustfmt::skip]
pub const DIRECTIVES: &[D] = &[
    D::new("userid", "http_userid_filter_module", Ctx::HTTP_MAIN.or(Ctx::HTTP_SRV).or(Ctx::HTTP_LOC), A::TAKE1, S::Enum).values(V::Enum(&["off", "log", "v1", "on"])).default_value("off").doc("https://nginx.org/en/docs/http/ngx_http_userid_module.html#userid"),
    D::new("userid_service", "http_userid_filter_module", Ctx::HTTP_MAIN.or(Ctx::HTTP_SRV).or(Ctx::HTTP_LOC), A::TAKE1, S::Num).default_value("IP address of the server").doc("https://nginx.org/en/docs/http/ngx_http_userid_module.html#userid_service"),
    D::new("userid_name", "http_userid_filter_module", Ctx::HTTP_MAIN.or(Ctx::HTTP_SRV).or(Ctx::HTTP_LOC), A::TAKE1, S::Str).default_value("uid").doc("https://nginx.org/en/docs/http/ngx_http_userid_module.html#userid_name"),
    D::new("userid_domain", "http_userid_filter_module", Ctx::HTTP_MAIN.or(Ctx::HTTP_SRV).or(Ctx::HTTP_LOC), A::TAKE1, S::Str).default_value("none").doc("https://nginx.org/en/docs/http/ngx_http_userid_module.html#userid_domain"),
    D::new("userid_path", "http_userid_filter_module", Ctx::HTTP_MAIN.or(Ctx::HTTP_SRV).or(Ctx::HTTP_LOC), A::TAKE1, S::Str).default_value("/").doc("https://nginx.org/en/docs/http/ngx_http_userid_module.html#userid_path"),
    D::new("userid_expires", "http_userid_filter_module", Ctx::HTTP_MAIN.or(Ctx::HTTP_SRV).or(Ctx::HTTP_LOC), A::TAKE1, S::Custom).once().default_value("off").doc("https://nginx.org/en/docs/http/ngx_http_userid_module.html#userid_expires"),
    D::new("userid_flags", "http_userid_filter_module", Ctx::HTTP_MAIN.or(Ctx::HTTP_SRV).or(Ctx::HTTP_LOC), A::TAKE123, S::Bitmask).values(V::Bitmask(&["off", "secure", "httponly", "samesite=strict", "samesite=lax", "samesite=none"])).default_value("off").doc("https://nginx.org/en/docs/http/ngx_http_userid_module.html#userid_flags"),
    D::new("userid_p3p", "http_userid_filter_module", Ctx::HTTP_MAIN.or(Ctx::HTTP_SRV).or(Ctx::HTTP_LOC), A::TAKE1, S::Str).default_value("none").doc("https://nginx.org/en/docs/http/ngx_http_userid_module.html#userid_p3p"),
    D::new("userid_mark", "http_userid_filter_module", Ctx::HTTP_MAIN.or(Ctx::HTTP_SRV).or(Ctx::HTTP_LOC), A::TAKE1, S::Custom).once().default_value("off").doc("https://nginx.org/en/docs/http/ngx_http_userid_module.html#userid_mark"),
];
