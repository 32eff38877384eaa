//! `stream_log_module`: generated once from `registry/data/`; rginx support is edited here.

use crate::registry::{Arity as A, Ctx, DirectiveSpec as D, Setter as S};

#[rustfmt::skip]
pub const DIRECTIVES: &[D] = &[
    D::new("log_format", "stream_log_module", Ctx::STREAM_MAIN, A::TWO_MORE, S::Custom).doc("https://nginx.org/en/docs/stream/ngx_stream_log_module.html#log_format"),
    D::new("access_log", "stream_log_module", Ctx::STREAM_MAIN.or(Ctx::STREAM_SRV), A::ONE_MORE, S::Custom).default_value("off").doc("https://nginx.org/en/docs/stream/ngx_stream_log_module.html#access_log"),
    D::new("open_log_file_cache", "stream_log_module", Ctx::STREAM_MAIN.or(Ctx::STREAM_SRV), A::TAKE1234, S::Custom).once().default_value("off").doc("https://nginx.org/en/docs/stream/ngx_stream_log_module.html#open_log_file_cache"),
];
