//! `epoll_module`: generated once from `registry/data/`; rginx support is edited here.

use crate::registry::{Arity as A, Ctx, DirectiveSpec as D, Setter as S};

#[rustfmt::skip]
pub const DIRECTIVES: &[D] = &[
    D::new("epoll_events", "epoll_module", Ctx::EVENT, A::TAKE1, S::Num),
    D::new("worker_aio_requests", "epoll_module", Ctx::EVENT, A::TAKE1, S::Num).default_value("32").doc("https://nginx.org/en/docs/ngx_core_module.html#worker_aio_requests"),
];
