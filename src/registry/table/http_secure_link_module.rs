//! `http_secure_link_module`: generated once from `registry/data/`; rginx support is edited here.

use crate::registry::{Arity as A, Ctx, DirectiveSpec as D, Setter as S};

#[rustfmt::skip]
pub const DIRECTIVES: &[D] = &[
    D::new("secure_link", "http_secure_link_module", Ctx::HTTP_MAIN.or(Ctx::HTTP_SRV).or(Ctx::HTTP_LOC), A::TAKE1, S::Custom).once().doc("https://nginx.org/en/docs/http/ngx_http_secure_link_module.html#secure_link"),
    D::new("secure_link_md5", "http_secure_link_module", Ctx::HTTP_MAIN.or(Ctx::HTTP_SRV).or(Ctx::HTTP_LOC), A::TAKE1, S::Custom).once().doc("https://nginx.org/en/docs/http/ngx_http_secure_link_module.html#secure_link_md5"),
    D::new("secure_link_secret", "http_secure_link_module", Ctx::HTTP_MAIN.or(Ctx::HTTP_SRV).or(Ctx::HTTP_LOC), A::TAKE1, S::Str).doc("https://nginx.org/en/docs/http/ngx_http_secure_link_module.html#secure_link_secret"),
];
