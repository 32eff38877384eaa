//! `rtmp_module`: generated once from `registry/data/`; rginx support is edited here.

use crate::registry::{Arity as A, Ctx, DirectiveSpec as D, Origin, Setter as S};

#[rustfmt::skip]
pub const DIRECTIVES: &[D] = &[
    D::new("rtmp", "rtmp_module", Ctx::MAIN, A::NOARGS, S::Custom).block().origin(Origin::ThirdParty),
];
