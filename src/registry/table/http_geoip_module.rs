//! `http_geoip_module`: generated once from `registry/data/`; rginx support is edited here.

use crate::registry::{Arity as A, Ctx, DirectiveSpec as D, Setter as S};

#[rustfmt::skip]
pub const DIRECTIVES: &[D] = &[
    D::new("geoip_country", "http_geoip_module", Ctx::HTTP_MAIN, A::TAKE12, S::Custom).once().doc("https://nginx.org/en/docs/http/ngx_http_geoip_module.html#geoip_country"),
    D::new("geoip_org", "http_geoip_module", Ctx::HTTP_MAIN, A::TAKE12, S::Custom).once().doc("https://nginx.org/en/docs/http/ngx_http_geoip_module.html#geoip_org"),
    D::new("geoip_city", "http_geoip_module", Ctx::HTTP_MAIN, A::TAKE12, S::Custom).once().doc("https://nginx.org/en/docs/http/ngx_http_geoip_module.html#geoip_city"),
    D::new("geoip_proxy", "http_geoip_module", Ctx::HTTP_MAIN, A::TAKE1, S::Custom).doc("https://nginx.org/en/docs/http/ngx_http_geoip_module.html#geoip_proxy"),
    D::new("geoip_proxy_recursive", "http_geoip_module", Ctx::HTTP_MAIN, A::FLAG, S::Flag).default_value("off").doc("https://nginx.org/en/docs/http/ngx_http_geoip_module.html#geoip_proxy_recursive"),
];
