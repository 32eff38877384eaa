//! `http_sub_filter_module`: generated once from `registry/data/`; rginx support is edited here.

use crate::registry::{Arity as A, Ctx, DirectiveSpec as D, Setter as S};

#[rustfmt::skip]
pub const DIRECTIVES: &[D] = &[
    D::new("sub_filter", "http_sub_filter_module", Ctx::HTTP_MAIN.or(Ctx::HTTP_SRV).or(Ctx::HTTP_LOC), A::TAKE2, S::Custom).doc("https://nginx.org/en/docs/http/ngx_http_sub_module.html#sub_filter"),
    D::new("sub_filter_types", "http_sub_filter_module", Ctx::HTTP_MAIN.or(Ctx::HTTP_SRV).or(Ctx::HTTP_LOC), A::ONE_MORE, S::Custom).default_value("text/html").doc("https://nginx.org/en/docs/http/ngx_http_sub_module.html#sub_filter_types"),
    D::new("sub_filter_once", "http_sub_filter_module", Ctx::HTTP_MAIN.or(Ctx::HTTP_SRV).or(Ctx::HTTP_LOC), A::FLAG, S::Flag).default_value("on").doc("https://nginx.org/en/docs/http/ngx_http_sub_module.html#sub_filter_once"),
    D::new("sub_filter_last_modified", "http_sub_filter_module", Ctx::HTTP_MAIN.or(Ctx::HTTP_SRV).or(Ctx::HTTP_LOC), A::FLAG, S::Flag).default_value("off").doc("https://nginx.org/en/docs/http/ngx_http_sub_module.html#sub_filter_last_modified"),
];
