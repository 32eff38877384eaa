//! `stream_limit_conn_module`: generated once from `registry/data/`; rginx support is edited here.

use crate::registry::{Arity as A, Ctx, DirectiveSpec as D, Setter as S, Values as V};

#[rustfmt::skip]
pub const DIRECTIVES: &[D] = &[
    D::new("limit_conn_zone", "stream_limit_conn_module", Ctx::STREAM_MAIN, A::TAKE2, S::Custom).doc("https://nginx.org/en/docs/stream/ngx_stream_limit_conn_module.html#limit_conn_zone"),
    D::new("limit_conn", "stream_limit_conn_module", Ctx::STREAM_MAIN.or(Ctx::STREAM_SRV), A::TAKE2, S::Custom).doc("https://nginx.org/en/docs/stream/ngx_stream_limit_conn_module.html#limit_conn"),
    D::new("limit_conn_log_level", "stream_limit_conn_module", Ctx::STREAM_MAIN.or(Ctx::STREAM_SRV), A::TAKE1, S::Enum).values(V::Enum(&["info", "notice", "warn", "error"])).default_value("error").doc("https://nginx.org/en/docs/stream/ngx_stream_limit_conn_module.html#limit_conn_log_level"),
    D::new("limit_conn_dry_run", "stream_limit_conn_module", Ctx::STREAM_MAIN.or(Ctx::STREAM_SRV), A::FLAG, S::Flag).default_value("off").doc("https://nginx.org/en/docs/stream/ngx_stream_limit_conn_module.html#limit_conn_dry_run"),
];
