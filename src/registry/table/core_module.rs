//! `core_module`: generated once from `registry/data/`; rginx support is edited here.

use crate::registry::{Arity as A, Check as C, Ctx, DirectiveSpec as D, Setter as S, Values as V};

#[rustfmt::skip]
pub const DIRECTIVES: &[D] = &[
    D::new("daemon", "core_module", Ctx::MAIN, A::FLAG, S::Flag),
    D::new("master_process", "core_module", Ctx::MAIN, A::FLAG, S::Flag),
    D::new("timer_resolution", "core_module", Ctx::MAIN, A::TAKE1, S::Msec),
    D::new("pid", "core_module", Ctx::MAIN, A::TAKE1, S::Str),
    D::new("lock_file", "core_module", Ctx::MAIN, A::TAKE1, S::Str),
    D::new("worker_processes", "core_module", Ctx::MAIN, A::TAKE1, S::Custom).once().check(C::NumberOrAuto),
    D::new("debug_points", "core_module", Ctx::MAIN, A::TAKE1, S::Enum).values(V::Enum(&["stop", "abort"])),
    D::new("user", "core_module", Ctx::MAIN, A::TAKE12, S::Custom).once().check(C::User),
    D::new("worker_priority", "core_module", Ctx::MAIN, A::TAKE1, S::Custom).once(),
    D::new("worker_cpu_affinity", "core_module", Ctx::MAIN, A::ONE_MORE, S::Custom).once().check(C::CpuAffinity),
    D::new("worker_rlimit_nofile", "core_module", Ctx::MAIN, A::TAKE1, S::Num),
    D::new("worker_rlimit_core", "core_module", Ctx::MAIN, A::TAKE1, S::Off),
    D::new("worker_shutdown_timeout", "core_module", Ctx::MAIN, A::TAKE1, S::Msec),
    D::new("working_directory", "core_module", Ctx::MAIN, A::TAKE1, S::Str),
    D::new("env", "core_module", Ctx::MAIN, A::TAKE1, S::Custom),
    D::new("load_module", "core_module", Ctx::MAIN, A::TAKE1, S::Custom).check(C::ModuleFile),
];
