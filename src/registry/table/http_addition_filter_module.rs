//! `http_addition_filter_module`: generated once from `registry/data/`; rginx support is edited here.

use crate::registry::{Arity as A, Ctx, DirectiveSpec as D, Setter as S};

#[rustfmt::skip]
pub const DIRECTIVES: &[D] = &[
    D::new("add_before_body", "http_addition_filter_module", Ctx::HTTP_MAIN.or(Ctx::HTTP_SRV).or(Ctx::HTTP_LOC), A::TAKE1, S::Str).doc("https://nginx.org/en/docs/http/ngx_http_addition_module.html#add_before_body"),
    D::new("add_after_body", "http_addition_filter_module", Ctx::HTTP_MAIN.or(Ctx::HTTP_SRV).or(Ctx::HTTP_LOC), A::TAKE1, S::Str).doc("https://nginx.org/en/docs/http/ngx_http_addition_module.html#add_after_body"),
    D::new("addition_types", "http_addition_filter_module", Ctx::HTTP_MAIN.or(Ctx::HTTP_SRV).or(Ctx::HTTP_LOC), A::ONE_MORE, S::Custom).default_value("text/html").doc("https://nginx.org/en/docs/http/ngx_http_addition_module.html#addition_types"),
];
