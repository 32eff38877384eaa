//! `stream_ssl_preread_module`: generated once from `registry/data/`; rginx support is edited here.

use crate::registry::{Arity as A, Ctx, DirectiveSpec as D, Setter as S};

#[rustfmt::skip]
pub const DIRECTIVES: &[D] = &[
    D::new("ssl_preread", "stream_ssl_preread_module", Ctx::STREAM_MAIN.or(Ctx::STREAM_SRV), A::FLAG, S::Flag).default_value("off").doc("https://nginx.org/en/docs/stream/ngx_stream_ssl_preread_module.html#ssl_preread"),
];
