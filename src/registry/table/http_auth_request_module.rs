//! `http_auth_request_module`: generated once from `registry/data/`; rginx support is edited here.

use crate::registry::{Arity as A, Ctx, DirectiveSpec as D, Setter as S};

#[rustfmt::skip]
pub const DIRECTIVES: &[D] = &[
    D::new("auth_request", "http_auth_request_module", Ctx::HTTP_MAIN.or(Ctx::HTTP_SRV).or(Ctx::HTTP_LOC), A::TAKE1, S::Custom).once().default_value("off").doc("https://nginx.org/en/docs/http/ngx_http_auth_request_module.html#auth_request"),
    D::new("auth_request_set", "http_auth_request_module", Ctx::HTTP_MAIN.or(Ctx::HTTP_SRV).or(Ctx::HTTP_LOC), A::TAKE2, S::Custom).doc("https://nginx.org/en/docs/http/ngx_http_auth_request_module.html#auth_request_set"),
];
