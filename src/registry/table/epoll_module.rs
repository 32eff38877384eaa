//! `epoll_module`: generated once from `registry/data/`; rginx support is edited here.

use crate::registry::{Arity as A, Ctx, DirectiveSpec as D, Setter as S};

#[rustfmt::skip]
pub const DIRECTIVES: &[D] = &[
    D::new("epoll_events", "epoll_module", Ctx::EVENT, A::TAKE1, S::Num).support(crate::registry::Support::Ignored("tokio's reactor takes up to 1024 events per epoll_wait; the number only changes how many calls a burst of events takes")),
    D::new("worker_aio_requests", "epoll_module", Ctx::EVENT, A::TAKE1, S::Num).support(crate::registry::Support::Ignored("used only by `aio on`, which rginx does not run (a configuration using it is refused)")).default_value("32").doc("https://nginx.org/en/docs/ngx_core_module.html#worker_aio_requests"),
];
