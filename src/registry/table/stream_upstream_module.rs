//! `stream_upstream_module`: generated once from `registry/data/`; rginx support is edited here.

use crate::registry::{Arity as A, Ctx, DirectiveSpec as D, Origin, Setter as S};

#[rustfmt::skip]
pub const DIRECTIVES: &[D] = &[
    D::new("upstream", "stream_upstream_module", Ctx::STREAM_MAIN, A::TAKE1, S::Custom).block().doc("https://nginx.org/en/docs/stream/ngx_stream_upstream_module.html#upstream"),
    D::new("server", "stream_upstream_module", Ctx::STREAM_UPS, A::ONE_MORE, S::Custom).doc("https://nginx.org/en/docs/stream/ngx_stream_upstream_module.html#server"),
    D::new("resolver", "stream_upstream_module", Ctx::STREAM_UPS, A::ONE_MORE, S::Custom).added(crate::registry::Version::new(1, 27, 3)).doc("https://nginx.org/en/docs/stream/ngx_stream_upstream_module.html#resolver"),
    D::new("resolver_timeout", "stream_upstream_module", Ctx::STREAM_UPS, A::TAKE1, S::Msec).added(crate::registry::Version::new(1, 27, 3)).default_value("30s").doc("https://nginx.org/en/docs/stream/ngx_stream_upstream_module.html#resolver_timeout"),
    D::new("state", "stream_upstream_module", Ctx::STREAM_UPS, A::TAKE1, S::Custom).origin(Origin::Plus).doc("https://nginx.org/en/docs/stream/ngx_stream_upstream_module.html#state"),
];
