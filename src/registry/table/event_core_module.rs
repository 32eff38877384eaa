//! `event_core_module`: generated once from `registry/data/`; rginx support is edited here.

use crate::registry::{Arity as A, Check as C, Ctx, DirectiveSpec as D, Setter as S};

#[rustfmt::skip]
pub const DIRECTIVES: &[D] = &[
    D::new("worker_connections", "event_core_module", Ctx::EVENT, A::TAKE1, S::Custom).once().check(C::Number),
    D::new("use", "event_core_module", Ctx::EVENT, A::TAKE1, S::Custom).once().check(C::EventMethod),
    D::new("multi_accept", "event_core_module", Ctx::EVENT, A::FLAG, S::Flag).support(crate::registry::Support::Ignored("rginx accepts connections as they come, as many as are ready")),
    D::new("accept_mutex", "event_core_module", Ctx::EVENT, A::FLAG, S::Flag).support(crate::registry::Support::Ignored("rginx's runtime accepts on every worker thread; there is no accept mutex to enable")),
    D::new("accept_mutex_delay", "event_core_module", Ctx::EVENT, A::TAKE1, S::Msec).support(crate::registry::Support::Ignored("rginx's runtime has no accept mutex")),
    D::new("debug_connection", "event_core_module", Ctx::EVENT, A::TAKE1, S::Custom),
];
