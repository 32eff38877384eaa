//! `http_upstream_keepalive_module`: generated once from `registry/data/`; rginx support is edited here.

use crate::registry::{Arity as A, Check as C, Ctx, DirectiveSpec as D, Setter as S};

#[rustfmt::skip]
pub const DIRECTIVES: &[D] = &[
    D::new("keepalive", "http_upstream_keepalive_module", Ctx::HTTP_UPS, A::TAKE12, S::Custom).support(crate::registry::Support::Supported).once().doc("https://nginx.org/en/docs/http/ngx_http_upstream_module.html#keepalive").check(C::UpstreamKeepalive).arity_before(crate::registry::Version::new(1, 29, 7), A::TAKE1),
    D::new("keepalive_time", "http_upstream_keepalive_module", Ctx::HTTP_UPS, A::TAKE1, S::Msec).default_value("1h").doc("https://nginx.org/en/docs/http/ngx_http_upstream_module.html#keepalive_time"),
    D::new("keepalive_timeout", "http_upstream_keepalive_module", Ctx::HTTP_UPS, A::TAKE1, S::Msec).default_value("60s").doc("https://nginx.org/en/docs/http/ngx_http_upstream_module.html#keepalive_timeout"),
    D::new("keepalive_requests", "http_upstream_keepalive_module", Ctx::HTTP_UPS, A::TAKE1, S::Num).default_value("1000").doc("https://nginx.org/en/docs/http/ngx_http_upstream_module.html#keepalive_requests"),
];
