//! `stream_ssl_module`: generated once from `registry/data/`; rginx support is edited here.

use crate::registry::{Arity as A, Ctx, DirectiveSpec as D, Setter as S, Values as V};

#[rustfmt::skip]
pub const DIRECTIVES: &[D] = &[
    D::new("ssl_handshake_timeout", "stream_ssl_module", Ctx::STREAM_MAIN.or(Ctx::STREAM_SRV), A::TAKE1, S::Msec).default_value("60s").doc("https://nginx.org/en/docs/stream/ngx_stream_ssl_module.html#ssl_handshake_timeout"),
    D::new("ssl_certificate", "stream_ssl_module", Ctx::STREAM_MAIN.or(Ctx::STREAM_SRV), A::TAKE1, S::StrArray).doc("https://nginx.org/en/docs/stream/ngx_stream_ssl_module.html#ssl_certificate"),
    D::new("ssl_certificate_key", "stream_ssl_module", Ctx::STREAM_MAIN.or(Ctx::STREAM_SRV), A::TAKE1, S::StrArray).doc("https://nginx.org/en/docs/stream/ngx_stream_ssl_module.html#ssl_certificate_key"),
    D::new("ssl_certificate_cache", "stream_ssl_module", Ctx::STREAM_MAIN.or(Ctx::STREAM_SRV), A::TAKE123, S::Custom).added(crate::registry::Version::new(1, 27, 4)).default_value("off").doc("https://nginx.org/en/docs/stream/ngx_stream_ssl_module.html#ssl_certificate_cache"),
    D::new("ssl_ech_file", "stream_ssl_module", Ctx::STREAM_MAIN.or(Ctx::STREAM_SRV), A::TAKE1, S::StrArray).added(crate::registry::Version::new(1, 29, 4)).doc("https://nginx.org/en/docs/stream/ngx_stream_ssl_module.html#ssl_ech_file"),
    D::new("ssl_password_file", "stream_ssl_module", Ctx::STREAM_MAIN.or(Ctx::STREAM_SRV), A::TAKE1, S::Custom).once().doc("https://nginx.org/en/docs/stream/ngx_stream_ssl_module.html#ssl_password_file"),
    D::new("ssl_certificate_compression", "stream_ssl_module", Ctx::STREAM_MAIN.or(Ctx::STREAM_SRV), A::FLAG, S::Flag).added(crate::registry::Version::new(1, 29, 1)).default_value("off").doc("https://nginx.org/en/docs/stream/ngx_stream_ssl_module.html#ssl_certificate_compression"),
    D::new("ssl_dhparam", "stream_ssl_module", Ctx::STREAM_MAIN.or(Ctx::STREAM_SRV), A::TAKE1, S::Str).doc("https://nginx.org/en/docs/stream/ngx_stream_ssl_module.html#ssl_dhparam"),
    D::new("ssl_ecdh_curve", "stream_ssl_module", Ctx::STREAM_MAIN.or(Ctx::STREAM_SRV), A::TAKE1, S::Str).default_value("auto").doc("https://nginx.org/en/docs/stream/ngx_stream_ssl_module.html#ssl_ecdh_curve"),
    D::new("ssl_protocols", "stream_ssl_module", Ctx::STREAM_MAIN.or(Ctx::STREAM_SRV), A::ONE_MORE, S::Bitmask).values(V::Bitmask(&["SSLv2", "SSLv3", "TLSv1", "TLSv1.1", "TLSv1.2", "TLSv1.3"])).default_value("TLSv1.2 TLSv1.3").doc("https://nginx.org/en/docs/stream/ngx_stream_ssl_module.html#ssl_protocols"),
    D::new("ssl_ciphers", "stream_ssl_module", Ctx::STREAM_MAIN.or(Ctx::STREAM_SRV), A::TAKE1, S::Str).default_value("HIGH:!aNULL:!MD5").doc("https://nginx.org/en/docs/stream/ngx_stream_ssl_module.html#ssl_ciphers"),
    D::new("ssl_verify_client", "stream_ssl_module", Ctx::STREAM_MAIN.or(Ctx::STREAM_SRV), A::TAKE1, S::Enum).values(V::Enum(&["off", "on", "optional", "optional_no_ca"])).default_value("off").doc("https://nginx.org/en/docs/stream/ngx_stream_ssl_module.html#ssl_verify_client"),
    D::new("ssl_verify_depth", "stream_ssl_module", Ctx::STREAM_MAIN.or(Ctx::STREAM_SRV), A::TAKE1, S::Num).default_value("1").doc("https://nginx.org/en/docs/stream/ngx_stream_ssl_module.html#ssl_verify_depth"),
    D::new("ssl_client_certificate", "stream_ssl_module", Ctx::STREAM_MAIN.or(Ctx::STREAM_SRV), A::TAKE1, S::Str).doc("https://nginx.org/en/docs/stream/ngx_stream_ssl_module.html#ssl_client_certificate"),
    D::new("ssl_trusted_certificate", "stream_ssl_module", Ctx::STREAM_MAIN.or(Ctx::STREAM_SRV), A::TAKE1, S::Str).doc("https://nginx.org/en/docs/stream/ngx_stream_ssl_module.html#ssl_trusted_certificate"),
    D::new("ssl_prefer_server_ciphers", "stream_ssl_module", Ctx::STREAM_MAIN.or(Ctx::STREAM_SRV), A::FLAG, S::Flag).default_value("off").doc("https://nginx.org/en/docs/stream/ngx_stream_ssl_module.html#ssl_prefer_server_ciphers"),
    D::new("ssl_session_cache", "stream_ssl_module", Ctx::STREAM_MAIN.or(Ctx::STREAM_SRV), A::TAKE12, S::Custom).default_value("none").doc("https://nginx.org/en/docs/stream/ngx_stream_ssl_module.html#ssl_session_cache"),
    D::new("ssl_session_tickets", "stream_ssl_module", Ctx::STREAM_MAIN.or(Ctx::STREAM_SRV), A::FLAG, S::Flag).default_value("on").doc("https://nginx.org/en/docs/stream/ngx_stream_ssl_module.html#ssl_session_tickets"),
    D::new("ssl_session_ticket_key", "stream_ssl_module", Ctx::STREAM_MAIN.or(Ctx::STREAM_SRV), A::TAKE1, S::StrArray).doc("https://nginx.org/en/docs/stream/ngx_stream_ssl_module.html#ssl_session_ticket_key"),
    D::new("ssl_session_timeout", "stream_ssl_module", Ctx::STREAM_MAIN.or(Ctx::STREAM_SRV), A::TAKE1, S::Sec).default_value("5m").doc("https://nginx.org/en/docs/stream/ngx_stream_ssl_module.html#ssl_session_timeout"),
    D::new("ssl_crl", "stream_ssl_module", Ctx::STREAM_MAIN.or(Ctx::STREAM_SRV), A::TAKE1, S::Str).doc("https://nginx.org/en/docs/stream/ngx_stream_ssl_module.html#ssl_crl"),
    D::new("ssl_ocsp", "stream_ssl_module", Ctx::STREAM_MAIN.or(Ctx::STREAM_SRV), A::TAKE1, S::Enum).values(V::Enum(&["off", "on", "leaf"])).added(crate::registry::Version::new(1, 27, 2)).default_value("off").doc("https://nginx.org/en/docs/stream/ngx_stream_ssl_module.html#ssl_ocsp"),
    D::new("ssl_ocsp_responder", "stream_ssl_module", Ctx::STREAM_MAIN.or(Ctx::STREAM_SRV), A::TAKE1, S::Str).added(crate::registry::Version::new(1, 27, 2)).doc("https://nginx.org/en/docs/stream/ngx_stream_ssl_module.html#ssl_ocsp_responder"),
    D::new("ssl_ocsp_cache", "stream_ssl_module", Ctx::STREAM_MAIN.or(Ctx::STREAM_SRV), A::TAKE1, S::Custom).added(crate::registry::Version::new(1, 27, 2)).default_value("off").doc("https://nginx.org/en/docs/stream/ngx_stream_ssl_module.html#ssl_ocsp_cache"),
    D::new("ssl_stapling", "stream_ssl_module", Ctx::STREAM_MAIN.or(Ctx::STREAM_SRV), A::FLAG, S::Flag).added(crate::registry::Version::new(1, 27, 2)).default_value("off").doc("https://nginx.org/en/docs/stream/ngx_stream_ssl_module.html#ssl_stapling"),
    D::new("ssl_stapling_file", "stream_ssl_module", Ctx::STREAM_MAIN.or(Ctx::STREAM_SRV), A::TAKE1, S::Str).added(crate::registry::Version::new(1, 27, 2)).doc("https://nginx.org/en/docs/stream/ngx_stream_ssl_module.html#ssl_stapling_file"),
    D::new("ssl_stapling_responder", "stream_ssl_module", Ctx::STREAM_MAIN.or(Ctx::STREAM_SRV), A::TAKE1, S::Str).added(crate::registry::Version::new(1, 27, 2)).doc("https://nginx.org/en/docs/stream/ngx_stream_ssl_module.html#ssl_stapling_responder"),
    D::new("ssl_stapling_verify", "stream_ssl_module", Ctx::STREAM_MAIN.or(Ctx::STREAM_SRV), A::FLAG, S::Flag).added(crate::registry::Version::new(1, 27, 2)).default_value("off").doc("https://nginx.org/en/docs/stream/ngx_stream_ssl_module.html#ssl_stapling_verify"),
    D::new("ssl_conf_command", "stream_ssl_module", Ctx::STREAM_MAIN.or(Ctx::STREAM_SRV), A::TAKE2, S::KeyVal).doc("https://nginx.org/en/docs/stream/ngx_stream_ssl_module.html#ssl_conf_command"),
    D::new("ssl_reject_handshake", "stream_ssl_module", Ctx::STREAM_MAIN.or(Ctx::STREAM_SRV), A::FLAG, S::Flag).added(crate::registry::Version::new(1, 25, 5)).default_value("off").doc("https://nginx.org/en/docs/stream/ngx_stream_ssl_module.html#ssl_reject_handshake"),
    D::new("ssl_alpn", "stream_ssl_module", Ctx::STREAM_MAIN.or(Ctx::STREAM_SRV), A::ONE_MORE, S::Custom).once().doc("https://nginx.org/en/docs/stream/ngx_stream_ssl_module.html#ssl_alpn"),
];
