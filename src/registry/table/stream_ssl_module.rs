//! `stream_ssl_module`: generated once from `registry/data/`; rginx support is edited here.

use crate::registry::{Arity as A, Ctx, DirectiveSpec as D, Setter as S, Values as V};

#[rustfmt::skip]
pub const DIRECTIVES: &[D] = &[
    D::new("ssl_handshake_timeout", "stream_ssl_module", Ctx::STREAM_MAIN.or(Ctx::STREAM_SRV), A::TAKE1, S::Msec),
    D::new("ssl_certificate", "stream_ssl_module", Ctx::STREAM_MAIN.or(Ctx::STREAM_SRV), A::TAKE1, S::StrArray),
    D::new("ssl_certificate_key", "stream_ssl_module", Ctx::STREAM_MAIN.or(Ctx::STREAM_SRV), A::TAKE1, S::StrArray),
    D::new("ssl_certificate_cache", "stream_ssl_module", Ctx::STREAM_MAIN.or(Ctx::STREAM_SRV), A::TAKE123, S::Custom).added((1, 23, 0)),
    D::new("ssl_ech_file", "stream_ssl_module", Ctx::STREAM_MAIN.or(Ctx::STREAM_SRV), A::TAKE1, S::StrArray).added((1, 23, 0)),
    D::new("ssl_password_file", "stream_ssl_module", Ctx::STREAM_MAIN.or(Ctx::STREAM_SRV), A::TAKE1, S::Custom).once(),
    D::new("ssl_certificate_compression", "stream_ssl_module", Ctx::STREAM_MAIN.or(Ctx::STREAM_SRV), A::FLAG, S::Flag).added((1, 23, 0)),
    D::new("ssl_dhparam", "stream_ssl_module", Ctx::STREAM_MAIN.or(Ctx::STREAM_SRV), A::TAKE1, S::Str),
    D::new("ssl_ecdh_curve", "stream_ssl_module", Ctx::STREAM_MAIN.or(Ctx::STREAM_SRV), A::TAKE1, S::Str),
    D::new("ssl_protocols", "stream_ssl_module", Ctx::STREAM_MAIN.or(Ctx::STREAM_SRV), A::ONE_MORE, S::Bitmask).values(V::Bitmask(&["SSLv2", "SSLv3", "TLSv1", "TLSv1.1", "TLSv1.2", "TLSv1.3"])),
    D::new("ssl_ciphers", "stream_ssl_module", Ctx::STREAM_MAIN.or(Ctx::STREAM_SRV), A::TAKE1, S::Str),
    D::new("ssl_verify_client", "stream_ssl_module", Ctx::STREAM_MAIN.or(Ctx::STREAM_SRV), A::TAKE1, S::Enum).values(V::Enum(&["off", "on", "optional", "optional_no_ca"])),
    D::new("ssl_verify_depth", "stream_ssl_module", Ctx::STREAM_MAIN.or(Ctx::STREAM_SRV), A::TAKE1, S::Num),
    D::new("ssl_client_certificate", "stream_ssl_module", Ctx::STREAM_MAIN.or(Ctx::STREAM_SRV), A::TAKE1, S::Str),
    D::new("ssl_trusted_certificate", "stream_ssl_module", Ctx::STREAM_MAIN.or(Ctx::STREAM_SRV), A::TAKE1, S::Str),
    D::new("ssl_prefer_server_ciphers", "stream_ssl_module", Ctx::STREAM_MAIN.or(Ctx::STREAM_SRV), A::FLAG, S::Flag),
    D::new("ssl_session_cache", "stream_ssl_module", Ctx::STREAM_MAIN.or(Ctx::STREAM_SRV), A::TAKE12, S::Custom),
    D::new("ssl_session_tickets", "stream_ssl_module", Ctx::STREAM_MAIN.or(Ctx::STREAM_SRV), A::FLAG, S::Flag),
    D::new("ssl_session_ticket_key", "stream_ssl_module", Ctx::STREAM_MAIN.or(Ctx::STREAM_SRV), A::TAKE1, S::StrArray),
    D::new("ssl_session_timeout", "stream_ssl_module", Ctx::STREAM_MAIN.or(Ctx::STREAM_SRV), A::TAKE1, S::Sec),
    D::new("ssl_crl", "stream_ssl_module", Ctx::STREAM_MAIN.or(Ctx::STREAM_SRV), A::TAKE1, S::Str),
    D::new("ssl_ocsp", "stream_ssl_module", Ctx::STREAM_MAIN.or(Ctx::STREAM_SRV), A::TAKE1, S::Enum).values(V::Enum(&["off", "on", "leaf"])).added((1, 23, 0)),
    D::new("ssl_ocsp_responder", "stream_ssl_module", Ctx::STREAM_MAIN.or(Ctx::STREAM_SRV), A::TAKE1, S::Str).added((1, 23, 0)),
    D::new("ssl_ocsp_cache", "stream_ssl_module", Ctx::STREAM_MAIN.or(Ctx::STREAM_SRV), A::TAKE1, S::Custom).added((1, 23, 0)),
    D::new("ssl_stapling", "stream_ssl_module", Ctx::STREAM_MAIN.or(Ctx::STREAM_SRV), A::FLAG, S::Flag).added((1, 23, 0)),
    D::new("ssl_stapling_file", "stream_ssl_module", Ctx::STREAM_MAIN.or(Ctx::STREAM_SRV), A::TAKE1, S::Str).added((1, 23, 0)),
    D::new("ssl_stapling_responder", "stream_ssl_module", Ctx::STREAM_MAIN.or(Ctx::STREAM_SRV), A::TAKE1, S::Str).added((1, 23, 0)),
    D::new("ssl_stapling_verify", "stream_ssl_module", Ctx::STREAM_MAIN.or(Ctx::STREAM_SRV), A::FLAG, S::Flag).added((1, 23, 0)),
    D::new("ssl_conf_command", "stream_ssl_module", Ctx::STREAM_MAIN.or(Ctx::STREAM_SRV), A::TAKE2, S::KeyVal),
    D::new("ssl_reject_handshake", "stream_ssl_module", Ctx::STREAM_MAIN.or(Ctx::STREAM_SRV), A::FLAG, S::Flag).added((1, 23, 0)),
    D::new("ssl_alpn", "stream_ssl_module", Ctx::STREAM_MAIN.or(Ctx::STREAM_SRV), A::ONE_MORE, S::Custom).once(),
];
