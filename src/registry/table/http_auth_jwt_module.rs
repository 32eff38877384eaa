//! `http_auth_jwt_module`: generated once from `registry/data/`; rginx support is edited here.

use crate::registry::{Arity as A, Ctx, DirectiveSpec as D, Origin, Setter as S};

#[rustfmt::skip]
pub const DIRECTIVES: &[D] = &[
    D::new("auth_jwt", "http_auth_jwt_module", Ctx::HTTP_MAIN.or(Ctx::HTTP_SRV).or(Ctx::HTTP_LOC).or(Ctx::HTTP_LMT), A::TAKE12, S::Custom).origin(Origin::Plus).default_value("off").doc("https://nginx.org/en/docs/http/ngx_http_auth_jwt_module.html#auth_jwt"),
    D::new("auth_jwt_claim_set", "http_auth_jwt_module", Ctx::HTTP_MAIN, A::TWO_MORE, S::Custom).origin(Origin::Plus).doc("https://nginx.org/en/docs/http/ngx_http_auth_jwt_module.html#auth_jwt_claim_set"),
    D::new("auth_jwt_header_set", "http_auth_jwt_module", Ctx::HTTP_MAIN, A::TWO_MORE, S::Custom).origin(Origin::Plus).doc("https://nginx.org/en/docs/http/ngx_http_auth_jwt_module.html#auth_jwt_header_set"),
    D::new("auth_jwt_key_cache", "http_auth_jwt_module", Ctx::HTTP_MAIN.or(Ctx::HTTP_SRV).or(Ctx::HTTP_LOC), A::TAKE1, S::Custom).origin(Origin::Plus).default_value("0").doc("https://nginx.org/en/docs/http/ngx_http_auth_jwt_module.html#auth_jwt_key_cache"),
    D::new("auth_jwt_key_file", "http_auth_jwt_module", Ctx::HTTP_MAIN.or(Ctx::HTTP_SRV).or(Ctx::HTTP_LOC).or(Ctx::HTTP_LMT), A::TAKE1, S::Custom).origin(Origin::Plus).doc("https://nginx.org/en/docs/http/ngx_http_auth_jwt_module.html#auth_jwt_key_file"),
    D::new("auth_jwt_key_request", "http_auth_jwt_module", Ctx::HTTP_MAIN.or(Ctx::HTTP_SRV).or(Ctx::HTTP_LOC).or(Ctx::HTTP_LMT), A::TAKE1, S::Custom).origin(Origin::Plus).doc("https://nginx.org/en/docs/http/ngx_http_auth_jwt_module.html#auth_jwt_key_request"),
    D::new("auth_jwt_leeway", "http_auth_jwt_module", Ctx::HTTP_MAIN.or(Ctx::HTTP_SRV).or(Ctx::HTTP_LOC), A::TAKE1, S::Custom).origin(Origin::Plus).default_value("0s").doc("https://nginx.org/en/docs/http/ngx_http_auth_jwt_module.html#auth_jwt_leeway"),
    D::new("auth_jwt_require", "http_auth_jwt_module", Ctx::HTTP_MAIN.or(Ctx::HTTP_SRV).or(Ctx::HTTP_LOC).or(Ctx::HTTP_LMT), A::ONE_MORE, S::Custom).origin(Origin::Plus).doc("https://nginx.org/en/docs/http/ngx_http_auth_jwt_module.html#auth_jwt_require"),
    D::new("auth_jwt_type", "http_auth_jwt_module", Ctx::HTTP_MAIN.or(Ctx::HTTP_SRV).or(Ctx::HTTP_LOC).or(Ctx::HTTP_LMT), A::TAKE1, S::Custom).origin(Origin::Plus).default_value("signed").doc("https://nginx.org/en/docs/http/ngx_http_auth_jwt_module.html#auth_jwt_type"),
];
