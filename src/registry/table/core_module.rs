//! `core_module`: generated once from `registry/data/`; rginx support is edited here.

use crate::registry::{Arity as A, Check as C, Ctx, DirectiveSpec as D, Setter as S, Values as V};

#[rustfmt::skip]
pub const DIRECTIVES: &[D] = &[
    D::new("daemon", "core_module", Ctx::MAIN, A::FLAG, S::Flag).support(crate::registry::Support::Supported).default_value("on").doc("https://nginx.org/en/docs/ngx_core_module.html#daemon"),
    D::new("master_process", "core_module", Ctx::MAIN, A::FLAG, S::Flag).support(crate::registry::Support::Ignored("rginx is one process with worker threads")).default_value("on").doc("https://nginx.org/en/docs/ngx_core_module.html#master_process"),
    D::new("timer_resolution", "core_module", Ctx::MAIN, A::TAKE1, S::Msec).support(crate::registry::Support::Supported).doc("https://nginx.org/en/docs/ngx_core_module.html#timer_resolution"),
    D::new("pid", "core_module", Ctx::MAIN, A::TAKE1, S::Str).support(crate::registry::Support::Supported).default_value("logs/nginx.pid").doc("https://nginx.org/en/docs/ngx_core_module.html#pid"),
    D::new("lock_file", "core_module", Ctx::MAIN, A::TAKE1, S::Str).support(crate::registry::Support::Ignored("nginx on Linux serialises with atomic operations in shared memory and never uses the lock file")).default_value("logs/nginx.lock").doc("https://nginx.org/en/docs/ngx_core_module.html#lock_file"),
    D::new("worker_processes", "core_module", Ctx::MAIN, A::TAKE1, S::Custom).support(crate::registry::Support::Supported).once().check(C::NumberOrAuto).default_value("1").doc("https://nginx.org/en/docs/ngx_core_module.html#worker_processes"),
    D::new("debug_points", "core_module", Ctx::MAIN, A::TAKE1, S::Enum).support(crate::registry::Support::Supported).values(V::Enum(&["stop", "abort"])).doc("https://nginx.org/en/docs/ngx_core_module.html#debug_points"),
    D::new("user", "core_module", Ctx::MAIN, A::TAKE12, S::Custom).support(crate::registry::Support::Partial("rginx runs as the user that starts it and does not switch users")).once().check(C::User).default_value("nobody nobody").doc("https://nginx.org/en/docs/ngx_core_module.html#user"),
    D::new("worker_priority", "core_module", Ctx::MAIN, A::TAKE1, S::Custom).support(crate::registry::Support::Supported).once().default_value("0").doc("https://nginx.org/en/docs/ngx_core_module.html#worker_priority").check(C::Priority),
    D::new("worker_cpu_affinity", "core_module", Ctx::MAIN, A::ONE_MORE, S::Custom).support(crate::registry::Support::Supported).once().check(C::CpuAffinity).doc("https://nginx.org/en/docs/ngx_core_module.html#worker_cpu_affinity"),
    D::new("worker_rlimit_nofile", "core_module", Ctx::MAIN, A::TAKE1, S::Num).support(crate::registry::Support::Supported).doc("https://nginx.org/en/docs/ngx_core_module.html#worker_rlimit_nofile"),
    D::new("worker_rlimit_core", "core_module", Ctx::MAIN, A::TAKE1, S::Off).support(crate::registry::Support::Supported).doc("https://nginx.org/en/docs/ngx_core_module.html#worker_rlimit_core"),
    D::new("worker_shutdown_timeout", "core_module", Ctx::MAIN, A::TAKE1, S::Msec).support(crate::registry::Support::Supported).doc("https://nginx.org/en/docs/ngx_core_module.html#worker_shutdown_timeout"),
    D::new("working_directory", "core_module", Ctx::MAIN, A::TAKE1, S::Str).support(crate::registry::Support::Supported).doc("https://nginx.org/en/docs/ngx_core_module.html#working_directory"),
    D::new("env", "core_module", Ctx::MAIN, A::TAKE1, S::Custom).support(crate::registry::Support::Supported).default_value("TZ").doc("https://nginx.org/en/docs/ngx_core_module.html#env"),
    D::new("load_module", "core_module", Ctx::MAIN, A::TAKE1, S::Custom).support(crate::registry::Support::Partial("a module rginx has built in loads as a no-op; any other is not loaded: a [warn] says so, and its directives are refused")).check(C::ModuleFile).doc("https://nginx.org/en/docs/ngx_core_module.html#load_module"),
];
