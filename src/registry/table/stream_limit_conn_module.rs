//! `stream_limit_conn_module`: generated once from `registry/data/`; rginx support is edited here.

use crate::registry::{Arity as A, Ctx, DirectiveSpec as D, Setter as S, Values as V};

#[rustfmt::skip]
pub const DIRECTIVES: &[D] = &[
    D::new("limit_conn_zone", "stream_limit_conn_module", Ctx::STREAM_MAIN, A::TAKE2, S::Custom),
    D::new("limit_conn", "stream_limit_conn_module", Ctx::STREAM_MAIN.or(Ctx::STREAM_SRV), A::TAKE2, S::Custom),
    D::new("limit_conn_log_level", "stream_limit_conn_module", Ctx::STREAM_MAIN.or(Ctx::STREAM_SRV), A::TAKE1, S::Enum).values(V::Enum(&["info", "notice", "warn", "error"])),
    D::new("limit_conn_dry_run", "stream_limit_conn_module", Ctx::STREAM_MAIN.or(Ctx::STREAM_SRV), A::FLAG, S::Flag),
];
