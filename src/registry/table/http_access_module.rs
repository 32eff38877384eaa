//! `http_access_module`: generated once from `registry/data/`; rginx support is edited here.

use crate::registry::{Arity as A, Check as C, Ctx, DirectiveSpec as D, Setter as S};

#[rustfmt::skip]
pub const DIRECTIVES: &[D] = &[
    D::new("allow", "http_access_module", Ctx::HTTP_MAIN.or(Ctx::HTTP_SRV).or(Ctx::HTTP_LOC).or(Ctx::HTTP_LMT), A::TAKE1, S::Custom).support(crate::registry::Support::Supported).doc("https://nginx.org/en/docs/http/ngx_http_access_module.html#allow").check(C::AccessRule),
    D::new("deny", "http_access_module", Ctx::HTTP_MAIN.or(Ctx::HTTP_SRV).or(Ctx::HTTP_LOC).or(Ctx::HTTP_LMT), A::TAKE1, S::Custom).support(crate::registry::Support::Supported).doc("https://nginx.org/en/docs/http/ngx_http_access_module.html#deny").check(C::AccessRule),
];
