//! `http_try_files_module`: generated once from `registry/data/`; rginx support is edited here.

use crate::registry::{Arity as A, Check as C, Ctx, DirectiveSpec as D, Setter as S};

#[rustfmt::skip]
pub const DIRECTIVES: &[D] = &[
    D::new("try_files", "http_try_files_module", Ctx::HTTP_SRV.or(Ctx::HTTP_LOC), A::TWO_MORE, S::Custom).support(crate::registry::Support::Supported).once().doc("https://nginx.org/en/docs/http/ngx_http_core_module.html#try_files").check(C::TryFiles),
];
