//! `stream_zone_sync_module`: generated once from `registry/data/`; rginx support is edited here.

use crate::registry::{Arity as A, Ctx, DirectiveSpec as D, Origin, Setter as S};

#[rustfmt::skip]
pub const DIRECTIVES: &[D] = &[
    D::new("zone_sync", "stream_zone_sync_module", Ctx::STREAM_SRV, A::NOARGS, S::Custom).origin(Origin::Plus).doc("https://nginx.org/en/docs/stream/ngx_stream_zone_sync_module.html#zone_sync"),
    D::new("zone_sync_buffers", "stream_zone_sync_module", Ctx::STREAM_MAIN.or(Ctx::STREAM_SRV), A::TAKE2, S::Custom).origin(Origin::Plus).default_value("8 4k|8k").doc("https://nginx.org/en/docs/stream/ngx_stream_zone_sync_module.html#zone_sync_buffers"),
    D::new("zone_sync_connect_retry_interval", "stream_zone_sync_module", Ctx::STREAM_MAIN.or(Ctx::STREAM_SRV), A::TAKE1, S::Custom).origin(Origin::Plus).default_value("1s").doc("https://nginx.org/en/docs/stream/ngx_stream_zone_sync_module.html#zone_sync_connect_retry_interval"),
    D::new("zone_sync_connect_timeout", "stream_zone_sync_module", Ctx::STREAM_MAIN.or(Ctx::STREAM_SRV), A::TAKE1, S::Custom).origin(Origin::Plus).default_value("5s").doc("https://nginx.org/en/docs/stream/ngx_stream_zone_sync_module.html#zone_sync_connect_timeout"),
    D::new("zone_sync_interval", "stream_zone_sync_module", Ctx::STREAM_MAIN.or(Ctx::STREAM_SRV), A::TAKE1, S::Custom).origin(Origin::Plus).default_value("1s").doc("https://nginx.org/en/docs/stream/ngx_stream_zone_sync_module.html#zone_sync_interval"),
    D::new("zone_sync_recv_buffer_size", "stream_zone_sync_module", Ctx::STREAM_MAIN.or(Ctx::STREAM_SRV), A::TAKE1, S::Custom).origin(Origin::Plus).default_value("4k|8k").doc("https://nginx.org/en/docs/stream/ngx_stream_zone_sync_module.html#zone_sync_recv_buffer_size"),
    D::new("zone_sync_server", "stream_zone_sync_module", Ctx::STREAM_MAIN.or(Ctx::STREAM_SRV), A::TAKE12, S::Custom).origin(Origin::Plus).doc("https://nginx.org/en/docs/stream/ngx_stream_zone_sync_module.html#zone_sync_server"),
    D::new("zone_sync_ssl", "stream_zone_sync_module", Ctx::STREAM_MAIN.or(Ctx::STREAM_SRV), A::FLAG, S::Custom).origin(Origin::Plus).default_value("off").doc("https://nginx.org/en/docs/stream/ngx_stream_zone_sync_module.html#zone_sync_ssl"),
    D::new("zone_sync_ssl_certificate", "stream_zone_sync_module", Ctx::STREAM_MAIN.or(Ctx::STREAM_SRV), A::TAKE1, S::Custom).origin(Origin::Plus).doc("https://nginx.org/en/docs/stream/ngx_stream_zone_sync_module.html#zone_sync_ssl_certificate"),
    D::new("zone_sync_ssl_certificate_key", "stream_zone_sync_module", Ctx::STREAM_MAIN.or(Ctx::STREAM_SRV), A::TAKE1, S::Custom).origin(Origin::Plus).doc("https://nginx.org/en/docs/stream/ngx_stream_zone_sync_module.html#zone_sync_ssl_certificate_key"),
    D::new("zone_sync_ssl_ciphers", "stream_zone_sync_module", Ctx::STREAM_MAIN.or(Ctx::STREAM_SRV), A::TAKE1, S::Custom).origin(Origin::Plus).default_value("DEFAULT").doc("https://nginx.org/en/docs/stream/ngx_stream_zone_sync_module.html#zone_sync_ssl_ciphers"),
    D::new("zone_sync_ssl_conf_command", "stream_zone_sync_module", Ctx::STREAM_MAIN.or(Ctx::STREAM_SRV), A::TAKE2, S::Custom).origin(Origin::Plus).doc("https://nginx.org/en/docs/stream/ngx_stream_zone_sync_module.html#zone_sync_ssl_conf_command"),
    D::new("zone_sync_ssl_crl", "stream_zone_sync_module", Ctx::STREAM_MAIN.or(Ctx::STREAM_SRV), A::TAKE1, S::Custom).origin(Origin::Plus).doc("https://nginx.org/en/docs/stream/ngx_stream_zone_sync_module.html#zone_sync_ssl_crl"),
    D::new("zone_sync_ssl_name", "stream_zone_sync_module", Ctx::STREAM_MAIN.or(Ctx::STREAM_SRV), A::TAKE1, S::Custom).origin(Origin::Plus).default_value("host from zone_sync_server").doc("https://nginx.org/en/docs/stream/ngx_stream_zone_sync_module.html#zone_sync_ssl_name"),
    D::new("zone_sync_ssl_password_file", "stream_zone_sync_module", Ctx::STREAM_MAIN.or(Ctx::STREAM_SRV), A::TAKE1, S::Custom).origin(Origin::Plus).doc("https://nginx.org/en/docs/stream/ngx_stream_zone_sync_module.html#zone_sync_ssl_password_file"),
    D::new("zone_sync_ssl_protocols", "stream_zone_sync_module", Ctx::STREAM_MAIN.or(Ctx::STREAM_SRV), A::ONE_MORE, S::Custom).origin(Origin::Plus).default_value("TLSv1.2 TLSv1.3").doc("https://nginx.org/en/docs/stream/ngx_stream_zone_sync_module.html#zone_sync_ssl_protocols"),
    D::new("zone_sync_ssl_server_name", "stream_zone_sync_module", Ctx::STREAM_MAIN.or(Ctx::STREAM_SRV), A::FLAG, S::Custom).origin(Origin::Plus).default_value("off").doc("https://nginx.org/en/docs/stream/ngx_stream_zone_sync_module.html#zone_sync_ssl_server_name"),
    D::new("zone_sync_ssl_trusted_certificate", "stream_zone_sync_module", Ctx::STREAM_MAIN.or(Ctx::STREAM_SRV), A::TAKE1, S::Custom).origin(Origin::Plus).doc("https://nginx.org/en/docs/stream/ngx_stream_zone_sync_module.html#zone_sync_ssl_trusted_certificate"),
    D::new("zone_sync_ssl_verify", "stream_zone_sync_module", Ctx::STREAM_MAIN.or(Ctx::STREAM_SRV), A::FLAG, S::Custom).origin(Origin::Plus).default_value("off").doc("https://nginx.org/en/docs/stream/ngx_stream_zone_sync_module.html#zone_sync_ssl_verify"),
    D::new("zone_sync_ssl_verify_depth", "stream_zone_sync_module", Ctx::STREAM_MAIN.or(Ctx::STREAM_SRV), A::TAKE1, S::Custom).origin(Origin::Plus).default_value("1").doc("https://nginx.org/en/docs/stream/ngx_stream_zone_sync_module.html#zone_sync_ssl_verify_depth"),
    D::new("zone_sync_timeout", "stream_zone_sync_module", Ctx::STREAM_MAIN.or(Ctx::STREAM_SRV), A::TAKE1, S::Custom).origin(Origin::Plus).default_value("5s").doc("https://nginx.org/en/docs/stream/ngx_stream_zone_sync_module.html#zone_sync_timeout"),
];
