//! `stream_geoip_module`: generated once from `registry/data/`; rginx support is edited here.

use crate::registry::{Arity as A, Ctx, DirectiveSpec as D, Setter as S};

#[rustfmt::skip]
pub const DIRECTIVES: &[D] = &[
    D::new("geoip_country", "stream_geoip_module", Ctx::STREAM_MAIN, A::TAKE12, S::Custom).once().doc("https://nginx.org/en/docs/stream/ngx_stream_geoip_module.html#geoip_country"),
    D::new("geoip_org", "stream_geoip_module", Ctx::STREAM_MAIN, A::TAKE12, S::Custom).once().doc("https://nginx.org/en/docs/stream/ngx_stream_geoip_module.html#geoip_org"),
    D::new("geoip_city", "stream_geoip_module", Ctx::STREAM_MAIN, A::TAKE12, S::Custom).once().doc("https://nginx.org/en/docs/stream/ngx_stream_geoip_module.html#geoip_city"),
];
