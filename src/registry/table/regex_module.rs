//! `regex_module`: generated once from `registry/data/`; rginx support is edited here.

use crate::registry::{Arity as A, Ctx, DirectiveSpec as D, Setter as S};

#[rustfmt::skip]
pub const DIRECTIVES: &[D] = &[
    D::new("pcre_jit", "regex_module", Ctx::MAIN, A::FLAG, S::Flag).support(crate::registry::Support::Ignored("rginx's regex engine compiles patterns itself and has no JIT switch")).default_value("off").doc("https://nginx.org/en/docs/ngx_core_module.html#pcre_jit"),
];
