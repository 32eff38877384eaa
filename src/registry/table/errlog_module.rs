//! `errlog_module`: generated once from `registry/data/`; rginx support is edited here.

use crate::registry::{Arity as A, Check as C, Ctx, DirectiveSpec as D, Setter as S};

#[rustfmt::skip]
pub const DIRECTIVES: &[D] = &[
    D::new("error_log", "errlog_module", Ctx::MAIN, A::ONE_MORE, S::Custom).support(crate::registry::Support::Supported).check(C::LogLevel).default_value("logs/error.log error").doc("https://nginx.org/en/docs/ngx_core_module.html#error_log"),
];
