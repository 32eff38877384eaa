//! `http_referer_module`: generated once from `registry/data/`; rginx support is edited here.

use crate::registry::{Arity as A, Ctx, DirectiveSpec as D, Setter as S};

#[rustfmt::skip]
pub const DIRECTIVES: &[D] = &[
    D::new("valid_referers", "http_referer_module", Ctx::HTTP_SRV.or(Ctx::HTTP_LOC), A::ONE_MORE, S::Custom),
    D::new("referer_hash_max_size", "http_referer_module", Ctx::HTTP_SRV.or(Ctx::HTTP_LOC), A::TAKE1, S::Num),
    D::new("referer_hash_bucket_size", "http_referer_module", Ctx::HTTP_SRV.or(Ctx::HTTP_LOC), A::TAKE1, S::Num),
];
