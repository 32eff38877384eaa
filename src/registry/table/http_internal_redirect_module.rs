//! `http_internal_redirect_module`: generated once from `registry/data/`; rginx support is edited here.

use crate::registry::{Arity as A, Ctx, DirectiveSpec as D, Origin, Setter as S};

#[rustfmt::skip]
pub const DIRECTIVES: &[D] = &[
    D::new("internal_redirect", "http_internal_redirect_module", Ctx::HTTP_SRV.or(Ctx::HTTP_LOC), A::TAKE1, S::Custom).origin(Origin::Plus).doc("https://nginx.org/en/docs/http/ngx_http_internal_redirect_module.html#internal_redirect"),
];
