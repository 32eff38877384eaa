//! `http_api_module`: generated once from `registry/data/`; rginx support is edited here.

use crate::registry::{Arity as A, Ctx, DirectiveSpec as D, Origin, Setter as S};

#[rustfmt::skip]
pub const DIRECTIVES: &[D] = &[
    D::new("api", "http_api_module", Ctx::HTTP_LOC, A::NOARGS.or(A::TAKE1), S::Custom).origin(Origin::Plus).doc("https://nginx.org/en/docs/http/ngx_http_api_module.html#api"),
    D::new("status_zone", "http_api_module", Ctx::HTTP_SRV.or(Ctx::HTTP_LOC).or(Ctx::HTTP_LIF), A::TAKE1, S::Custom).origin(Origin::Plus).doc("https://nginx.org/en/docs/http/ngx_http_api_module.html#status_zone"),
];
