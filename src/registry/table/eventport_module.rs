//! `eventport_module`: generated once from `registry/data/`; rginx support is edited here.

use crate::registry::{Arity as A, Ctx, DirectiveSpec as D, Setter as S};

#[rustfmt::skip]
pub const DIRECTIVES: &[D] = &[
    D::new("eventport_events", "eventport_module", Ctx::EVENT, A::TAKE1, S::Num),
];
