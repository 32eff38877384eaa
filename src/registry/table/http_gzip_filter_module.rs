//! `http_gzip_filter_module`: generated once from `registry/data/`; rginx support is edited here.

use crate::registry::{Arity as A, Ctx, DirectiveSpec as D, Setter as S, Values as V};

#[rustfmt::skip]
pub const DIRECTIVES: &[D] = &[
    D::new("gzip", "http_gzip_filter_module", Ctx::HTTP_MAIN.or(Ctx::HTTP_SRV).or(Ctx::HTTP_LOC).or(Ctx::HTTP_LIF), A::FLAG, S::Flag).default_value("off").doc("https://nginx.org/en/docs/http/ngx_http_gzip_module.html#gzip"),
    D::new("gzip_buffers", "http_gzip_filter_module", Ctx::HTTP_MAIN.or(Ctx::HTTP_SRV).or(Ctx::HTTP_LOC), A::TAKE2, S::Bufs).default_value("32 4k|16 8k").doc("https://nginx.org/en/docs/http/ngx_http_gzip_module.html#gzip_buffers"),
    D::new("gzip_types", "http_gzip_filter_module", Ctx::HTTP_MAIN.or(Ctx::HTTP_SRV).or(Ctx::HTTP_LOC), A::ONE_MORE, S::Custom).default_value("text/html").doc("https://nginx.org/en/docs/http/ngx_http_gzip_module.html#gzip_types"),
    D::new("gzip_comp_level", "http_gzip_filter_module", Ctx::HTTP_MAIN.or(Ctx::HTTP_SRV).or(Ctx::HTTP_LOC), A::TAKE1, S::Num).values(V::Bounds(1, 9)).default_value("1").doc("https://nginx.org/en/docs/http/ngx_http_gzip_module.html#gzip_comp_level"),
    D::new("gzip_window", "http_gzip_filter_module", Ctx::HTTP_MAIN.or(Ctx::HTTP_SRV).or(Ctx::HTTP_LOC), A::TAKE1, S::Size),
    D::new("gzip_hash", "http_gzip_filter_module", Ctx::HTTP_MAIN.or(Ctx::HTTP_SRV).or(Ctx::HTTP_LOC), A::TAKE1, S::Size),
    D::new("postpone_gzipping", "http_gzip_filter_module", Ctx::HTTP_MAIN.or(Ctx::HTTP_SRV).or(Ctx::HTTP_LOC), A::TAKE1, S::Size),
    D::new("gzip_no_buffer", "http_gzip_filter_module", Ctx::HTTP_MAIN.or(Ctx::HTTP_SRV).or(Ctx::HTTP_LOC), A::FLAG, S::Flag),
    D::new("gzip_min_length", "http_gzip_filter_module", Ctx::HTTP_MAIN.or(Ctx::HTTP_SRV).or(Ctx::HTTP_LOC), A::TAKE1, S::Size).default_value("20").doc("https://nginx.org/en/docs/http/ngx_http_gzip_module.html#gzip_min_length"),
];
