//! `http_charset_filter_module`: generated once from `registry/data/`; rginx support is edited here.

use crate::registry::{Arity as A, Ctx, DirectiveSpec as D, Setter as S};

#[rustfmt::skip]
pub const DIRECTIVES: &[D] = &[
    D::new("charset", "http_charset_filter_module", Ctx::HTTP_MAIN.or(Ctx::HTTP_SRV).or(Ctx::HTTP_LOC).or(Ctx::HTTP_LIF), A::TAKE1, S::Custom).once().default_value("off").doc("https://nginx.org/en/docs/http/ngx_http_charset_module.html#charset"),
    D::new("source_charset", "http_charset_filter_module", Ctx::HTTP_MAIN.or(Ctx::HTTP_SRV).or(Ctx::HTTP_LOC).or(Ctx::HTTP_LIF), A::TAKE1, S::Custom).once().doc("https://nginx.org/en/docs/http/ngx_http_charset_module.html#source_charset"),
    D::new("override_charset", "http_charset_filter_module", Ctx::HTTP_MAIN.or(Ctx::HTTP_SRV).or(Ctx::HTTP_LOC).or(Ctx::HTTP_LIF), A::FLAG, S::Flag).default_value("off").doc("https://nginx.org/en/docs/http/ngx_http_charset_module.html#override_charset"),
    D::new("charset_types", "http_charset_filter_module", Ctx::HTTP_MAIN.or(Ctx::HTTP_SRV).or(Ctx::HTTP_LOC), A::ONE_MORE, S::Custom).default_value("text/html text/xml text/plain text/vnd.wap.wml application/javascript application/rss+xml").doc("https://nginx.org/en/docs/http/ngx_http_charset_module.html#charset_types"),
    D::new("charset_map", "http_charset_filter_module", Ctx::HTTP_MAIN, A::TAKE2, S::Custom).block().doc("https://nginx.org/en/docs/http/ngx_http_charset_module.html#charset_map"),
];
