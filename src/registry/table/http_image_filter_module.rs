//! `http_image_filter_module`: generated once from `registry/data/`; rginx support is edited here.

use crate::registry::{Arity as A, Ctx, DirectiveSpec as D, Setter as S};

#[rustfmt::skip]
pub const DIRECTIVES: &[D] = &[
    D::new("image_filter", "http_image_filter_module", Ctx::HTTP_LOC, A::TAKE123, S::Custom).default_value("off").doc("https://nginx.org/en/docs/http/ngx_http_image_filter_module.html#image_filter"),
    D::new("image_filter_jpeg_quality", "http_image_filter_module", Ctx::HTTP_MAIN.or(Ctx::HTTP_SRV).or(Ctx::HTTP_LOC), A::TAKE1, S::Custom).default_value("75").doc("https://nginx.org/en/docs/http/ngx_http_image_filter_module.html#image_filter_jpeg_quality"),
    D::new("image_filter_webp_quality", "http_image_filter_module", Ctx::HTTP_MAIN.or(Ctx::HTTP_SRV).or(Ctx::HTTP_LOC), A::TAKE1, S::Custom).default_value("80").doc("https://nginx.org/en/docs/http/ngx_http_image_filter_module.html#image_filter_webp_quality"),
    D::new("image_filter_sharpen", "http_image_filter_module", Ctx::HTTP_MAIN.or(Ctx::HTTP_SRV).or(Ctx::HTTP_LOC), A::TAKE1, S::Custom).default_value("0").doc("https://nginx.org/en/docs/http/ngx_http_image_filter_module.html#image_filter_sharpen"),
    D::new("image_filter_transparency", "http_image_filter_module", Ctx::HTTP_MAIN.or(Ctx::HTTP_SRV).or(Ctx::HTTP_LOC), A::FLAG, S::Flag).default_value("on").doc("https://nginx.org/en/docs/http/ngx_http_image_filter_module.html#image_filter_transparency"),
    D::new("image_filter_interlace", "http_image_filter_module", Ctx::HTTP_MAIN.or(Ctx::HTTP_SRV).or(Ctx::HTTP_LOC), A::FLAG, S::Flag).default_value("off").doc("https://nginx.org/en/docs/http/ngx_http_image_filter_module.html#image_filter_interlace"),
    D::new("image_filter_buffer", "http_image_filter_module", Ctx::HTTP_MAIN.or(Ctx::HTTP_SRV).or(Ctx::HTTP_LOC), A::TAKE1, S::Size).default_value("1M").doc("https://nginx.org/en/docs/http/ngx_http_image_filter_module.html#image_filter_buffer"),
];
