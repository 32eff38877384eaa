//! `stream_upstream_least_conn_module`: generated once from `registry/data/`; rginx support is edited here.

use crate::registry::{Arity as A, Ctx, DirectiveSpec as D, Setter as S};

#[rustfmt::skip]
pub const DIRECTIVES: &[D] = &[
    D::new("least_conn", "stream_upstream_least_conn_module", Ctx::STREAM_UPS, A::NOARGS, S::Custom).doc("https://nginx.org/en/docs/stream/ngx_stream_upstream_module.html#least_conn"),
];
