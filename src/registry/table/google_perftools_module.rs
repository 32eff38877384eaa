//! `google_perftools_module`: generated once from `registry/data/`; rginx support is edited here.

use crate::registry::{Arity as A, Ctx, DirectiveSpec as D, Setter as S};

#[rustfmt::skip]
pub const DIRECTIVES: &[D] = &[
    D::new("google_perftools_profiles", "google_perftools_module", Ctx::MAIN, A::TAKE1, S::Str).doc("https://nginx.org/en/docs/ngx_google_perftools_module.html#google_perftools_profiles"),
];
