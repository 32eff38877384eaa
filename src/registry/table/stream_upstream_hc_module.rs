//! `stream_upstream_hc_module`: generated once from `registry/data/`; rginx support is edited here.

use crate::registry::{Arity as A, Ctx, DirectiveSpec as D, Origin, Setter as S};

#[rustfmt::skip]
pub const DIRECTIVES: &[D] = &[
    D::new("health_check", "stream_upstream_hc_module", Ctx::STREAM_SRV, A::ANY, S::Custom).origin(Origin::Plus).doc("https://nginx.org/en/docs/stream/ngx_stream_upstream_hc_module.html#health_check"),
    D::new("health_check_timeout", "stream_upstream_hc_module", Ctx::STREAM_MAIN.or(Ctx::STREAM_SRV), A::TAKE1, S::Custom).origin(Origin::Plus).default_value("5s").doc("https://nginx.org/en/docs/stream/ngx_stream_upstream_hc_module.html#health_check_timeout"),
    D::new("match", "stream_upstream_hc_module", Ctx::STREAM_MAIN, A::TAKE1, S::Custom).block().origin(Origin::Plus).doc("https://nginx.org/en/docs/stream/ngx_stream_upstream_hc_module.html#match"),
];
