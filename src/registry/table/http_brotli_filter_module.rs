//! `http_brotli_filter_module`: generated once from `registry/data/`; rginx support is edited here.

use crate::registry::{Arity as A, Ctx, DirectiveSpec as D, Origin, Setter as S};

#[rustfmt::skip]
pub const DIRECTIVES: &[D] = &[
    D::new("brotli", "http_brotli_filter_module", Ctx::HTTP_MAIN.or(Ctx::HTTP_SRV).or(Ctx::HTTP_LOC).or(Ctx::HTTP_LIF), A::FLAG, S::Flag).origin(Origin::ThirdParty),
    D::new("brotli_buffers", "http_brotli_filter_module", Ctx::HTTP_MAIN.or(Ctx::HTTP_SRV).or(Ctx::HTTP_LOC), A::TAKE2, S::Bufs).origin(Origin::ThirdParty),
    D::new("brotli_types", "http_brotli_filter_module", Ctx::HTTP_MAIN.or(Ctx::HTTP_SRV).or(Ctx::HTTP_LOC), A::ONE_MORE, S::Custom).origin(Origin::ThirdParty),
    D::new("brotli_comp_level", "http_brotli_filter_module", Ctx::HTTP_MAIN.or(Ctx::HTTP_SRV).or(Ctx::HTTP_LOC), A::TAKE1, S::Num).origin(Origin::ThirdParty),
    D::new("brotli_window", "http_brotli_filter_module", Ctx::HTTP_MAIN.or(Ctx::HTTP_SRV).or(Ctx::HTTP_LOC), A::TAKE1, S::Size).origin(Origin::ThirdParty),
    D::new("brotli_min_length", "http_brotli_filter_module", Ctx::HTTP_MAIN.or(Ctx::HTTP_SRV).or(Ctx::HTTP_LOC), A::TAKE1, S::Size).origin(Origin::ThirdParty),
];
