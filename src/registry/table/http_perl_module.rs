//! `http_perl_module`: generated once from `registry/data/`; rginx support is edited here.

use crate::registry::{Arity as A, Ctx, DirectiveSpec as D, Setter as S};

#[rustfmt::skip]
pub const DIRECTIVES: &[D] = &[
    D::new("perl_modules", "http_perl_module", Ctx::HTTP_MAIN, A::TAKE1, S::StrArray).doc("https://nginx.org/en/docs/http/ngx_http_perl_module.html#perl_modules"),
    D::new("perl_require", "http_perl_module", Ctx::HTTP_MAIN, A::TAKE1, S::StrArray).doc("https://nginx.org/en/docs/http/ngx_http_perl_module.html#perl_require"),
    D::new("perl", "http_perl_module", Ctx::HTTP_LOC.or(Ctx::HTTP_LMT), A::TAKE1, S::Custom).doc("https://nginx.org/en/docs/http/ngx_http_perl_module.html#perl"),
    D::new("perl_set", "http_perl_module", Ctx::HTTP_MAIN, A::TAKE2, S::Custom).doc("https://nginx.org/en/docs/http/ngx_http_perl_module.html#perl_set"),
];
