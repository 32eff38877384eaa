//! `event_core_module`: generated once from `registry/data/`; rginx support is edited here.

use crate::registry::{Arity as A, Check as C, Ctx, DirectiveSpec as D, Setter as S};

#[rustfmt::skip]
pub const DIRECTIVES: &[D] = &[
    D::new("worker_connections", "event_core_module", Ctx::EVENT, A::TAKE1, S::Custom).support(crate::registry::Support::Supported).once().check(C::Number).default_value("512").doc("https://nginx.org/en/docs/ngx_core_module.html#worker_connections"),
    D::new("use", "event_core_module", Ctx::EVENT, A::TAKE1, S::Custom).support(crate::registry::Support::Ignored("the only event method nginx and rginx have on Linux is epoll; any other is refused as nginx refuses it")).once().check(C::EventMethod).doc("https://nginx.org/en/docs/ngx_core_module.html#use"),
    D::new("multi_accept", "event_core_module", Ctx::EVENT, A::FLAG, S::Flag).support(crate::registry::Support::Supported).default_value("off").doc("https://nginx.org/en/docs/ngx_core_module.html#multi_accept"),
    D::new("accept_mutex", "event_core_module", Ctx::EVENT, A::FLAG, S::Flag).support(crate::registry::Support::Ignored("rginx's runtime accepts on every worker thread; there is no accept mutex to enable")).default_value("off").doc("https://nginx.org/en/docs/ngx_core_module.html#accept_mutex"),
    D::new("accept_mutex_delay", "event_core_module", Ctx::EVENT, A::TAKE1, S::Msec).support(crate::registry::Support::Ignored("rginx's runtime has no accept mutex")).default_value("500ms").doc("https://nginx.org/en/docs/ngx_core_module.html#accept_mutex_delay"),
    D::new("debug_connection", "event_core_module", Ctx::EVENT, A::TAKE1, S::Custom).support(crate::registry::Support::Supported).doc("https://nginx.org/en/docs/ngx_core_module.html#debug_connection"),
];
