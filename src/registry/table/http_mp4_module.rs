//! `http_mp4_module`: generated once from `registry/data/`; rginx support is edited here.

use crate::registry::{Arity as A, Ctx, DirectiveSpec as D, Origin, Setter as S};

#[rustfmt::skip]
pub const DIRECTIVES: &[D] = &[
    D::new("mp4", "http_mp4_module", Ctx::HTTP_LOC, A::NOARGS, S::Custom).doc("https://nginx.org/en/docs/http/ngx_http_mp4_module.html#mp4"),
    D::new("mp4_buffer_size", "http_mp4_module", Ctx::HTTP_MAIN.or(Ctx::HTTP_SRV).or(Ctx::HTTP_LOC), A::TAKE1, S::Size).default_value("512K").doc("https://nginx.org/en/docs/http/ngx_http_mp4_module.html#mp4_buffer_size"),
    D::new("mp4_max_buffer_size", "http_mp4_module", Ctx::HTTP_MAIN.or(Ctx::HTTP_SRV).or(Ctx::HTTP_LOC), A::TAKE1, S::Size).default_value("10M").doc("https://nginx.org/en/docs/http/ngx_http_mp4_module.html#mp4_max_buffer_size"),
    D::new("mp4_start_key_frame", "http_mp4_module", Ctx::HTTP_MAIN.or(Ctx::HTTP_SRV).or(Ctx::HTTP_LOC), A::FLAG, S::Flag).default_value("off").doc("https://nginx.org/en/docs/http/ngx_http_mp4_module.html#mp4_start_key_frame"),
    D::new("mp4_limit_rate", "http_mp4_module", Ctx::HTTP_MAIN.or(Ctx::HTTP_SRV).or(Ctx::HTTP_LOC), A::TAKE1, S::Custom).origin(Origin::Plus).default_value("off").doc("https://nginx.org/en/docs/http/ngx_http_mp4_module.html#mp4_limit_rate"),
    D::new("mp4_limit_rate_after", "http_mp4_module", Ctx::HTTP_MAIN.or(Ctx::HTTP_SRV).or(Ctx::HTTP_LOC), A::TAKE1, S::Custom).origin(Origin::Plus).default_value("60s").doc("https://nginx.org/en/docs/http/ngx_http_mp4_module.html#mp4_limit_rate_after"),
];
