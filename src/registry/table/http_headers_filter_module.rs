//! `http_headers_filter_module`: generated once from `registry/data/`; rginx support is edited here.

use crate::registry::{Arity as A, Ctx, DirectiveSpec as D, Setter as S, Values as V};

#[rustfmt::skip]
pub const DIRECTIVES: &[D] = &[
    D::new("expires", "http_headers_filter_module", Ctx::HTTP_MAIN.or(Ctx::HTTP_SRV).or(Ctx::HTTP_LOC).or(Ctx::HTTP_LIF), A::TAKE12, S::Custom).once(),
    D::new("add_header", "http_headers_filter_module", Ctx::HTTP_MAIN.or(Ctx::HTTP_SRV).or(Ctx::HTTP_LOC).or(Ctx::HTTP_LIF), A::TAKE23, S::Custom),
    D::new("add_trailer", "http_headers_filter_module", Ctx::HTTP_MAIN.or(Ctx::HTTP_SRV).or(Ctx::HTTP_LOC).or(Ctx::HTTP_LIF), A::TAKE23, S::Custom),
    D::new("add_header_inherit", "http_headers_filter_module", Ctx::HTTP_MAIN.or(Ctx::HTTP_SRV).or(Ctx::HTTP_LOC).or(Ctx::HTTP_LIF), A::TAKE1, S::Enum).values(V::Enum(&["off", "on", "merge"])).added((1, 29, 3)),
    D::new("add_trailer_inherit", "http_headers_filter_module", Ctx::HTTP_MAIN.or(Ctx::HTTP_SRV).or(Ctx::HTTP_LOC).or(Ctx::HTTP_LIF), A::TAKE1, S::Enum).values(V::Enum(&["off", "on", "merge"])).added((1, 23, 0)),
];
