//! `devpoll_module`: generated once from `registry/data/`; rginx support is edited here.

use crate::registry::{Arity as A, Ctx, DirectiveSpec as D, Setter as S};

#[rustfmt::skip]
pub const DIRECTIVES: &[D] = &[
    D::new("devpoll_changes", "devpoll_module", Ctx::EVENT, A::TAKE1, S::Num),
    D::new("devpoll_events", "devpoll_module", Ctx::EVENT, A::TAKE1, S::Num),
];
