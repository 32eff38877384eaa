//! `http_autoindex_module`: generated once from `registry/data/`; rginx support is edited here.

use crate::registry::{Arity as A, Ctx, DirectiveSpec as D, Setter as S, Values as V};

#[rustfmt::skip]
pub const DIRECTIVES: &[D] = &[
    D::new("autoindex", "http_autoindex_module", Ctx::HTTP_MAIN.or(Ctx::HTTP_SRV).or(Ctx::HTTP_LOC), A::FLAG, S::Flag).default_value("off").doc("https://nginx.org/en/docs/http/ngx_http_autoindex_module.html#autoindex"),
    D::new("autoindex_format", "http_autoindex_module", Ctx::HTTP_MAIN.or(Ctx::HTTP_SRV).or(Ctx::HTTP_LOC), A::TAKE1, S::Enum).values(V::Enum(&["html", "json", "jsonp", "xml"])).default_value("html").doc("https://nginx.org/en/docs/http/ngx_http_autoindex_module.html#autoindex_format"),
    D::new("autoindex_localtime", "http_autoindex_module", Ctx::HTTP_MAIN.or(Ctx::HTTP_SRV).or(Ctx::HTTP_LOC), A::FLAG, S::Flag).default_value("off").doc("https://nginx.org/en/docs/http/ngx_http_autoindex_module.html#autoindex_localtime"),
    D::new("autoindex_exact_size", "http_autoindex_module", Ctx::HTTP_MAIN.or(Ctx::HTTP_SRV).or(Ctx::HTTP_LOC), A::FLAG, S::Flag).default_value("on").doc("https://nginx.org/en/docs/http/ngx_http_autoindex_module.html#autoindex_exact_size"),
];
