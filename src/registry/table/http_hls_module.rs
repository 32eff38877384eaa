//! `http_hls_module`: generated once from `registry/data/`; rginx support is edited here.

use crate::registry::{Arity as A, Ctx, DirectiveSpec as D, Origin, Setter as S};

#[rustfmt::skip]
pub const DIRECTIVES: &[D] = &[
    D::new("hls", "http_hls_module", Ctx::HTTP_LOC, A::NOARGS, S::Custom).origin(Origin::Plus),
    D::new("hls_buffers", "http_hls_module", Ctx::HTTP_MAIN.or(Ctx::HTTP_SRV).or(Ctx::HTTP_LOC), A::TAKE2, S::Custom).origin(Origin::Plus),
    D::new("hls_forward_args", "http_hls_module", Ctx::HTTP_MAIN.or(Ctx::HTTP_SRV).or(Ctx::HTTP_LOC), A::FLAG, S::Custom).origin(Origin::Plus),
    D::new("hls_fragment", "http_hls_module", Ctx::HTTP_MAIN.or(Ctx::HTTP_SRV).or(Ctx::HTTP_LOC), A::TAKE1, S::Custom).origin(Origin::Plus),
    D::new("hls_mp4_buffer_size", "http_hls_module", Ctx::HTTP_MAIN.or(Ctx::HTTP_SRV).or(Ctx::HTTP_LOC), A::TAKE1, S::Custom).origin(Origin::Plus),
    D::new("hls_mp4_max_buffer_size", "http_hls_module", Ctx::HTTP_MAIN.or(Ctx::HTTP_SRV).or(Ctx::HTTP_LOC), A::TAKE1, S::Custom).origin(Origin::Plus),
];
