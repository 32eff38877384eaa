//! `http_random_index_module`: generated once from `registry/data/`; rginx support is edited here.

use crate::registry::{Arity as A, Ctx, DirectiveSpec as D, Setter as S};

#[rustfmt::skip]
pub const DIRECTIVES: &[D] = &[
    D::new("random_index", "http_random_index_module", Ctx::HTTP_LOC, A::FLAG, S::Flag),
];
