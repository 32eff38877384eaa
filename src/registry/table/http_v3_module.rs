//! `http_v3_module`: generated once from `registry/data/`; rginx support is edited here.

use crate::registry::{Arity as A, Ctx, DirectiveSpec as D, Setter as S};

#[rustfmt::skip]
pub const DIRECTIVES: &[D] = &[
    D::new("http3", "http_v3_module", Ctx::HTTP_MAIN.or(Ctx::HTTP_SRV), A::FLAG, S::Flag).added(crate::registry::Version::new(1, 25, 0)).default_value("on").doc("https://nginx.org/en/docs/http/ngx_http_v3_module.html#http3"),
    D::new("http3_hq", "http_v3_module", Ctx::HTTP_MAIN.or(Ctx::HTTP_SRV), A::FLAG, S::Flag).added(crate::registry::Version::new(1, 23, 0)).default_value("off").doc("https://nginx.org/en/docs/http/ngx_http_v3_module.html#http3_hq"),
    D::new("http3_max_concurrent_streams", "http_v3_module", Ctx::HTTP_MAIN.or(Ctx::HTTP_SRV), A::TAKE1, S::Num).added(crate::registry::Version::new(1, 23, 0)).default_value("128").doc("https://nginx.org/en/docs/http/ngx_http_v3_module.html#http3_max_concurrent_streams"),
    D::new("http3_stream_buffer_size", "http_v3_module", Ctx::HTTP_MAIN.or(Ctx::HTTP_SRV), A::TAKE1, S::Size).added(crate::registry::Version::new(1, 23, 0)).default_value("64k").doc("https://nginx.org/en/docs/http/ngx_http_v3_module.html#http3_stream_buffer_size"),
    D::new("quic_retry", "http_v3_module", Ctx::HTTP_MAIN.or(Ctx::HTTP_SRV), A::FLAG, S::Flag).added(crate::registry::Version::new(1, 25, 0)).default_value("off").doc("https://nginx.org/en/docs/http/ngx_http_v3_module.html#quic_retry"),
    D::new("quic_gso", "http_v3_module", Ctx::HTTP_MAIN.or(Ctx::HTTP_SRV), A::FLAG, S::Flag).added(crate::registry::Version::new(1, 23, 0)).default_value("off").doc("https://nginx.org/en/docs/http/ngx_http_v3_module.html#quic_gso"),
    D::new("quic_host_key", "http_v3_module", Ctx::HTTP_MAIN.or(Ctx::HTTP_SRV), A::TAKE1, S::Custom).added(crate::registry::Version::new(1, 23, 0)).doc("https://nginx.org/en/docs/http/ngx_http_v3_module.html#quic_host_key"),
    D::new("quic_active_connection_id_limit", "http_v3_module", Ctx::HTTP_MAIN.or(Ctx::HTTP_SRV), A::TAKE1, S::Num).added(crate::registry::Version::new(1, 23, 0)).default_value("2").doc("https://nginx.org/en/docs/http/ngx_http_v3_module.html#quic_active_connection_id_limit"),
];
