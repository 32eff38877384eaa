//! `kqueue_module`: generated once from `registry/data/`; rginx support is edited here.

use crate::registry::{Arity as A, Ctx, DirectiveSpec as D, Setter as S};

#[rustfmt::skip]
pub const DIRECTIVES: &[D] = &[
    D::new("kqueue_changes", "kqueue_module", Ctx::EVENT, A::TAKE1, S::Num),
    D::new("kqueue_events", "kqueue_module", Ctx::EVENT, A::TAKE1, S::Num),
];
