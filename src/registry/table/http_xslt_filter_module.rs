//! `http_xslt_filter_module`: generated once from `registry/data/`; rginx support is edited here.

use crate::registry::{Arity as A, Ctx, DirectiveSpec as D, Setter as S};

#[rustfmt::skip]
pub const DIRECTIVES: &[D] = &[
    D::new("xml_entities", "http_xslt_filter_module", Ctx::HTTP_MAIN.or(Ctx::HTTP_SRV).or(Ctx::HTTP_LOC), A::TAKE1, S::Custom).once().doc("https://nginx.org/en/docs/http/ngx_http_xslt_module.html#xml_entities"),
    D::new("xslt_stylesheet", "http_xslt_filter_module", Ctx::HTTP_LOC, A::ONE_MORE, S::Custom).doc("https://nginx.org/en/docs/http/ngx_http_xslt_module.html#xslt_stylesheet"),
    D::new("xslt_param", "http_xslt_filter_module", Ctx::HTTP_MAIN.or(Ctx::HTTP_SRV).or(Ctx::HTTP_LOC), A::TAKE2, S::Custom).doc("https://nginx.org/en/docs/http/ngx_http_xslt_module.html#xslt_param"),
    D::new("xslt_string_param", "http_xslt_filter_module", Ctx::HTTP_MAIN.or(Ctx::HTTP_SRV).or(Ctx::HTTP_LOC), A::TAKE2, S::Custom).doc("https://nginx.org/en/docs/http/ngx_http_xslt_module.html#xslt_string_param"),
    D::new("xslt_types", "http_xslt_filter_module", Ctx::HTTP_MAIN.or(Ctx::HTTP_SRV).or(Ctx::HTTP_LOC), A::ONE_MORE, S::Custom).default_value("text/xml").doc("https://nginx.org/en/docs/http/ngx_http_xslt_module.html#xslt_types"),
    D::new("xslt_last_modified", "http_xslt_filter_module", Ctx::HTTP_MAIN.or(Ctx::HTTP_SRV).or(Ctx::HTTP_LOC), A::FLAG, S::Flag).default_value("off").doc("https://nginx.org/en/docs/http/ngx_http_xslt_module.html#xslt_last_modified"),
];
