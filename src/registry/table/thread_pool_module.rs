//! `thread_pool_module`: generated once from `registry/data/`; rginx support is edited here.

use crate::registry::{Arity as A, Check as C, Ctx, DirectiveSpec as D, Setter as S};

#[rustfmt::skip]
pub const DIRECTIVES: &[D] = &[
    D::new("thread_pool", "thread_pool_module", Ctx::MAIN, A::TAKE23, S::Custom).support(crate::registry::Support::Ignored("its threads serve only `aio threads`, which rginx does not run (a configuration using it is refused)")).check(C::ThreadPool).default_value("default threads=32 max_queue=65536").doc("https://nginx.org/en/docs/ngx_core_module.html#thread_pool"),
];
