//! `http_referer_module`: generated once from `registry/data/`; rginx support is edited here.

use crate::registry::{Arity as A, Ctx, DirectiveSpec as D, Setter as S};

#[rustfmt::skip]
pub const DIRECTIVES: &[D] = &[
    D::new("valid_referers", "http_referer_module", Ctx::HTTP_SRV.or(Ctx::HTTP_LOC), A::ONE_MORE, S::Custom).doc("https://nginx.org/en/docs/http/ngx_http_referer_module.html#valid_referers"),
    D::new("referer_hash_max_size", "http_referer_module", Ctx::HTTP_SRV.or(Ctx::HTTP_LOC), A::TAKE1, S::Num).default_value("2048").doc("https://nginx.org/en/docs/http/ngx_http_referer_module.html#referer_hash_max_size"),
    D::new("referer_hash_bucket_size", "http_referer_module", Ctx::HTTP_SRV.or(Ctx::HTTP_LOC), A::TAKE1, S::Num).default_value("64").doc("https://nginx.org/en/docs/http/ngx_http_referer_module.html#referer_hash_bucket_size"),
];
