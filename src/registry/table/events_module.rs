//! `events_module`: generated once from `registry/data/`; rginx support is edited here.

use crate::registry::{Arity as A, Ctx, DirectiveSpec as D, Setter as S};

#[rustfmt::skip]
pub const DIRECTIVES: &[D] = &[
    D::new("events", "events_module", Ctx::MAIN, A::NOARGS, S::Custom).support(crate::registry::Support::Supported).once().block().doc("https://nginx.org/en/docs/ngx_core_module.html#events"),
];
