//! `http_index_module`: generated once from `registry/data/`; rginx support is edited here.

use crate::registry::{Arity as A, Check as C, Ctx, DirectiveSpec as D, Setter as S};

#[rustfmt::skip]
pub const DIRECTIVES: &[D] = &[
    D::new("index", "http_index_module", Ctx::HTTP_MAIN.or(Ctx::HTTP_SRV).or(Ctx::HTTP_LOC), A::ONE_MORE, S::Custom).support(crate::registry::Support::Supported).default_value("index.html").doc("https://nginx.org/en/docs/http/ngx_http_index_module.html#index").check(C::Index),
];
