//! `http_image_filter_module`: generated once from `registry/data/`; rginx support is edited here.

use crate::registry::{Arity as A, Ctx, DirectiveSpec as D, Setter as S};

#[rustfmt::skip]
pub const DIRECTIVES: &[D] = &[
    D::new("image_filter", "http_image_filter_module", Ctx::HTTP_LOC, A::TAKE123, S::Custom),
    D::new("image_filter_jpeg_quality", "http_image_filter_module", Ctx::HTTP_MAIN.or(Ctx::HTTP_SRV).or(Ctx::HTTP_LOC), A::TAKE1, S::Custom),
    D::new("image_filter_webp_quality", "http_image_filter_module", Ctx::HTTP_MAIN.or(Ctx::HTTP_SRV).or(Ctx::HTTP_LOC), A::TAKE1, S::Custom),
    D::new("image_filter_sharpen", "http_image_filter_module", Ctx::HTTP_MAIN.or(Ctx::HTTP_SRV).or(Ctx::HTTP_LOC), A::TAKE1, S::Custom),
    D::new("image_filter_transparency", "http_image_filter_module", Ctx::HTTP_MAIN.or(Ctx::HTTP_SRV).or(Ctx::HTTP_LOC), A::FLAG, S::Flag),
    D::new("image_filter_interlace", "http_image_filter_module", Ctx::HTTP_MAIN.or(Ctx::HTTP_SRV).or(Ctx::HTTP_LOC), A::FLAG, S::Flag),
    D::new("image_filter_buffer", "http_image_filter_module", Ctx::HTTP_MAIN.or(Ctx::HTTP_SRV).or(Ctx::HTTP_LOC), A::TAKE1, S::Size),
];
