//! `http_gunzip_filter_module`: generated once from `registry/data/`; rginx support is edited here.

use crate::registry::{Arity as A, Ctx, DirectiveSpec as D, Setter as S};

#[rustfmt::skip]
pub const DIRECTIVES: &[D] = &[
    D::new("gunzip", "http_gunzip_filter_module", Ctx::HTTP_MAIN.or(Ctx::HTTP_SRV).or(Ctx::HTTP_LOC), A::FLAG, S::Flag).default_value("off").doc("https://nginx.org/en/docs/http/ngx_http_gunzip_module.html#gunzip"),
    D::new("gunzip_buffers", "http_gunzip_filter_module", Ctx::HTTP_MAIN.or(Ctx::HTTP_SRV).or(Ctx::HTTP_LOC), A::TAKE2, S::Bufs).default_value("32 4k|16 8k").doc("https://nginx.org/en/docs/http/ngx_http_gunzip_module.html#gunzip_buffers"),
];
