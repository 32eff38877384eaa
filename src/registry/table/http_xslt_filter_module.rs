//! `http_xslt_filter_module`: generated once from `registry/data/`; rginx support is edited here.

use crate::registry::{Arity as A, Ctx, DirectiveSpec as D, Setter as S};

#[rustfmt::skip]
pub const DIRECTIVES: &[D] = &[
    D::new("xml_entities", "http_xslt_filter_module", Ctx::HTTP_MAIN.or(Ctx::HTTP_SRV).or(Ctx::HTTP_LOC), A::TAKE1, S::Custom).once(),
    D::new("xslt_stylesheet", "http_xslt_filter_module", Ctx::HTTP_LOC, A::ONE_MORE, S::Custom),
    D::new("xslt_param", "http_xslt_filter_module", Ctx::HTTP_MAIN.or(Ctx::HTTP_SRV).or(Ctx::HTTP_LOC), A::TAKE2, S::Custom),
    D::new("xslt_string_param", "http_xslt_filter_module", Ctx::HTTP_MAIN.or(Ctx::HTTP_SRV).or(Ctx::HTTP_LOC), A::TAKE2, S::Custom),
    D::new("xslt_types", "http_xslt_filter_module", Ctx::HTTP_MAIN.or(Ctx::HTTP_SRV).or(Ctx::HTTP_LOC), A::ONE_MORE, S::Custom),
    D::new("xslt_last_modified", "http_xslt_filter_module", Ctx::HTTP_MAIN.or(Ctx::HTTP_SRV).or(Ctx::HTTP_LOC), A::FLAG, S::Flag),
];
