//! `http_charset_filter_module`: generated once from `registry/data/`; rginx support is edited here.

use crate::registry::{Arity as A, Ctx, DirectiveSpec as D, Setter as S};

#[rustfmt::skip]
pub const DIRECTIVES: &[D] = &[
    D::new("charset", "http_charset_filter_module", Ctx::HTTP_MAIN.or(Ctx::HTTP_SRV).or(Ctx::HTTP_LOC).or(Ctx::HTTP_LIF), A::TAKE1, S::Custom).once(),
    D::new("source_charset", "http_charset_filter_module", Ctx::HTTP_MAIN.or(Ctx::HTTP_SRV).or(Ctx::HTTP_LOC).or(Ctx::HTTP_LIF), A::TAKE1, S::Custom).once(),
    D::new("override_charset", "http_charset_filter_module", Ctx::HTTP_MAIN.or(Ctx::HTTP_SRV).or(Ctx::HTTP_LOC).or(Ctx::HTTP_LIF), A::FLAG, S::Flag),
    D::new("charset_types", "http_charset_filter_module", Ctx::HTTP_MAIN.or(Ctx::HTTP_SRV).or(Ctx::HTTP_LOC), A::ONE_MORE, S::Custom),
    D::new("charset_map", "http_charset_filter_module", Ctx::HTTP_MAIN, A::TAKE2, S::Custom).block(),
];
