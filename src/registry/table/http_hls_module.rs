//! `http_hls_module`: generated once from `registry/data/`; rginx support is edited here.

use crate::registry::{Arity as A, Ctx, DirectiveSpec as D, Origin, Setter as S};

#[rustfmt::skip]
pub const DIRECTIVES: &[D] = &[
    D::new("hls", "http_hls_module", Ctx::HTTP_LOC, A::NOARGS, S::Custom).origin(Origin::Plus).doc("https://nginx.org/en/docs/http/ngx_http_hls_module.html#hls"),
    D::new("hls_buffers", "http_hls_module", Ctx::HTTP_MAIN.or(Ctx::HTTP_SRV).or(Ctx::HTTP_LOC), A::TAKE2, S::Custom).origin(Origin::Plus).default_value("8 2m").doc("https://nginx.org/en/docs/http/ngx_http_hls_module.html#hls_buffers"),
    D::new("hls_forward_args", "http_hls_module", Ctx::HTTP_MAIN.or(Ctx::HTTP_SRV).or(Ctx::HTTP_LOC), A::FLAG, S::Custom).origin(Origin::Plus).default_value("off").doc("https://nginx.org/en/docs/http/ngx_http_hls_module.html#hls_forward_args"),
    D::new("hls_fragment", "http_hls_module", Ctx::HTTP_MAIN.or(Ctx::HTTP_SRV).or(Ctx::HTTP_LOC), A::TAKE1, S::Custom).origin(Origin::Plus).default_value("5s").doc("https://nginx.org/en/docs/http/ngx_http_hls_module.html#hls_fragment"),
    D::new("hls_mp4_buffer_size", "http_hls_module", Ctx::HTTP_MAIN.or(Ctx::HTTP_SRV).or(Ctx::HTTP_LOC), A::TAKE1, S::Custom).origin(Origin::Plus).default_value("512k").doc("https://nginx.org/en/docs/http/ngx_http_hls_module.html#hls_mp4_buffer_size"),
    D::new("hls_mp4_max_buffer_size", "http_hls_module", Ctx::HTTP_MAIN.or(Ctx::HTTP_SRV).or(Ctx::HTTP_LOC), A::TAKE1, S::Custom).origin(Origin::Plus).default_value("10m").doc("https://nginx.org/en/docs/http/ngx_http_hls_module.html#hls_mp4_max_buffer_size"),
];
