//! `http_upstream_module`: generated once from `registry/data/`; rginx support is edited here.

use crate::registry::{Arity as A, Check as C, Ctx, DirectiveSpec as D, Origin, Setter as S};

#[rustfmt::skip]
pub const DIRECTIVES: &[D] = &[
    D::new("upstream", "http_upstream_module", Ctx::HTTP_MAIN, A::TAKE1, S::Custom).support(crate::registry::Support::Supported).block().doc("https://nginx.org/en/docs/http/ngx_http_upstream_module.html#upstream"),
    D::new("server", "http_upstream_module", Ctx::HTTP_UPS, A::ONE_MORE, S::Custom).support(crate::registry::Support::Partial("weight, max_fails, fail_timeout, backup, down and max_conns; resolve, route and slow_start not yet")).doc("https://nginx.org/en/docs/http/ngx_http_upstream_module.html#server").check(C::UpstreamServer),
    D::new("resolver", "http_upstream_module", Ctx::HTTP_UPS, A::ONE_MORE, S::Custom).added(crate::registry::Version::new(1, 27, 3)).doc("https://nginx.org/en/docs/http/ngx_http_upstream_module.html#resolver"),
    D::new("resolver_timeout", "http_upstream_module", Ctx::HTTP_UPS, A::TAKE1, S::Msec).added(crate::registry::Version::new(1, 27, 3)).default_value("30s").doc("https://nginx.org/en/docs/http/ngx_http_upstream_module.html#resolver_timeout"),
    D::new("sticky", "http_upstream_module", Ctx::HTTP_UPS, A::TWO_MORE, S::Custom).origin(Origin::Plus),
    D::new("ntlm", "http_upstream_module", Ctx::HTTP_UPS, A::NOARGS, S::Custom).origin(Origin::Plus).doc("https://nginx.org/en/docs/http/ngx_http_upstream_module.html#ntlm"),
    D::new("queue", "http_upstream_module", Ctx::HTTP_UPS, A::TAKE12, S::Custom).origin(Origin::Plus).doc("https://nginx.org/en/docs/http/ngx_http_upstream_module.html#queue"),
    D::new("state", "http_upstream_module", Ctx::HTTP_UPS, A::TAKE1, S::Custom).origin(Origin::Plus).doc("https://nginx.org/en/docs/http/ngx_http_upstream_module.html#state"),
];
