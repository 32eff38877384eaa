//! `http_headers_filter_module`: generated once from `registry/data/`; rginx support is edited here.

use crate::registry::{Arity as A, Check as C, Ctx, DirectiveSpec as D, Setter as S, Values as V};

#[rustfmt::skip]
pub const DIRECTIVES: &[D] = &[
    D::new("expires", "http_headers_filter_module", Ctx::HTTP_MAIN.or(Ctx::HTTP_SRV).or(Ctx::HTTP_LOC).or(Ctx::HTTP_LIF), A::TAKE12, S::Custom).support(crate::registry::Support::Supported).once().default_value("off").doc("https://nginx.org/en/docs/http/ngx_http_headers_module.html#expires").check(C::Expires),
    D::new("add_header", "http_headers_filter_module", Ctx::HTTP_MAIN.or(Ctx::HTTP_SRV).or(Ctx::HTTP_LOC).or(Ctx::HTTP_LIF), A::TAKE23, S::Custom).support(crate::registry::Support::Supported).doc("https://nginx.org/en/docs/http/ngx_http_headers_module.html#add_header").check(C::AddHeader),
    D::new("add_trailer", "http_headers_filter_module", Ctx::HTTP_MAIN.or(Ctx::HTTP_SRV).or(Ctx::HTTP_LOC).or(Ctx::HTTP_LIF), A::TAKE23, S::Custom).doc("https://nginx.org/en/docs/http/ngx_http_headers_module.html#add_trailer").check(C::AddHeader),
    D::new("add_header_inherit", "http_headers_filter_module", Ctx::HTTP_MAIN.or(Ctx::HTTP_SRV).or(Ctx::HTTP_LOC).or(Ctx::HTTP_LIF), A::TAKE1, S::Enum).support(crate::registry::Support::Supported).values(V::Enum(&["off", "on", "merge"])).added(crate::registry::Version::new(1, 29, 3)).default_value("on").doc("https://nginx.org/en/docs/http/ngx_http_headers_module.html#add_header_inherit"),
    D::new("add_trailer_inherit", "http_headers_filter_module", Ctx::HTTP_MAIN.or(Ctx::HTTP_SRV).or(Ctx::HTTP_LOC).or(Ctx::HTTP_LIF), A::TAKE1, S::Enum).values(V::Enum(&["off", "on", "merge"])).added(crate::registry::Version::new(1, 29, 3)).default_value("on").doc("https://nginx.org/en/docs/http/ngx_http_headers_module.html#add_trailer_inherit"),
];
