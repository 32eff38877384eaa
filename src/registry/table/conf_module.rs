//! `conf_module`: generated once from `registry/data/`; rginx support is edited here.

use crate::registry::{Arity as A, Ctx, DirectiveSpec as D, Setter as S};

#[rustfmt::skip]
pub const DIRECTIVES: &[D] = &[
    D::new("include", "conf_module", Ctx::ANY, A::TAKE1, S::Custom).support(crate::registry::Support::Supported).doc("https://nginx.org/en/docs/ngx_core_module.html#include"),
];
