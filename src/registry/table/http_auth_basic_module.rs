//! `http_auth_basic_module`: generated once from `registry/data/`; rginx support is edited here.

use crate::registry::{Arity as A, Ctx, DirectiveSpec as D, Setter as S};

#[rustfmt::skip]
pub const DIRECTIVES: &[D] = &[
    D::new("auth_basic", "http_auth_basic_module", Ctx::HTTP_MAIN.or(Ctx::HTTP_SRV).or(Ctx::HTTP_LOC).or(Ctx::HTTP_LMT), A::TAKE1, S::Custom).once().default_value("off").doc("https://nginx.org/en/docs/http/ngx_http_auth_basic_module.html#auth_basic"),
    D::new("auth_basic_user_file", "http_auth_basic_module", Ctx::HTTP_MAIN.or(Ctx::HTTP_SRV).or(Ctx::HTTP_LOC).or(Ctx::HTTP_LMT), A::TAKE1, S::Custom).once().doc("https://nginx.org/en/docs/http/ngx_http_auth_basic_module.html#auth_basic_user_file"),
];
