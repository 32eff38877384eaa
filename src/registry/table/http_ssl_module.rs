//! `http_ssl_module`: generated once from `registry/data/`; rginx support is edited here.

use crate::registry::{Arity as A, Ctx, DirectiveSpec as D, Setter as S, Values as V};

#[rustfmt::skip]
pub const DIRECTIVES: &[D] = &[
    D::new("ssl_certificate", "http_ssl_module", Ctx::HTTP_MAIN.or(Ctx::HTTP_SRV), A::TAKE1, S::StrArray),
    D::new("ssl_certificate_key", "http_ssl_module", Ctx::HTTP_MAIN.or(Ctx::HTTP_SRV), A::TAKE1, S::StrArray),
    D::new("ssl_certificate_cache", "http_ssl_module", Ctx::HTTP_MAIN.or(Ctx::HTTP_SRV), A::TAKE123, S::Custom).added((1, 23, 0)),
    D::new("ssl_ech_file", "http_ssl_module", Ctx::HTTP_MAIN.or(Ctx::HTTP_SRV), A::TAKE1, S::StrArray).added((1, 23, 0)),
    D::new("ssl_password_file", "http_ssl_module", Ctx::HTTP_MAIN.or(Ctx::HTTP_SRV), A::TAKE1, S::Custom).once(),
    D::new("ssl_certificate_compression", "http_ssl_module", Ctx::HTTP_MAIN.or(Ctx::HTTP_SRV), A::FLAG, S::Flag).added((1, 23, 0)),
    D::new("ssl_dhparam", "http_ssl_module", Ctx::HTTP_MAIN.or(Ctx::HTTP_SRV), A::TAKE1, S::Str),
    D::new("ssl_ecdh_curve", "http_ssl_module", Ctx::HTTP_MAIN.or(Ctx::HTTP_SRV), A::TAKE1, S::Str),
    D::new("ssl_protocols", "http_ssl_module", Ctx::HTTP_MAIN.or(Ctx::HTTP_SRV), A::ONE_MORE, S::Bitmask).values(V::Bitmask(&["SSLv2", "SSLv3", "TLSv1", "TLSv1.1", "TLSv1.2", "TLSv1.3"])),
    D::new("ssl_ciphers", "http_ssl_module", Ctx::HTTP_MAIN.or(Ctx::HTTP_SRV), A::TAKE1, S::Str),
    D::new("ssl_buffer_size", "http_ssl_module", Ctx::HTTP_MAIN.or(Ctx::HTTP_SRV), A::TAKE1, S::Size),
    D::new("ssl_verify_client", "http_ssl_module", Ctx::HTTP_MAIN.or(Ctx::HTTP_SRV), A::TAKE1, S::Enum).values(V::Enum(&["off", "on", "optional", "optional_no_ca"])),
    D::new("ssl_verify_depth", "http_ssl_module", Ctx::HTTP_MAIN.or(Ctx::HTTP_SRV), A::TAKE1, S::Num),
    D::new("ssl_client_certificate", "http_ssl_module", Ctx::HTTP_MAIN.or(Ctx::HTTP_SRV), A::TAKE1, S::Str),
    D::new("ssl_trusted_certificate", "http_ssl_module", Ctx::HTTP_MAIN.or(Ctx::HTTP_SRV), A::TAKE1, S::Str),
    D::new("ssl_prefer_server_ciphers", "http_ssl_module", Ctx::HTTP_MAIN.or(Ctx::HTTP_SRV), A::FLAG, S::Flag),
    D::new("ssl_session_cache", "http_ssl_module", Ctx::HTTP_MAIN.or(Ctx::HTTP_SRV), A::TAKE12, S::Custom),
    D::new("ssl_session_tickets", "http_ssl_module", Ctx::HTTP_MAIN.or(Ctx::HTTP_SRV), A::FLAG, S::Flag),
    D::new("ssl_session_ticket_key", "http_ssl_module", Ctx::HTTP_MAIN.or(Ctx::HTTP_SRV), A::TAKE1, S::StrArray),
    D::new("ssl_session_timeout", "http_ssl_module", Ctx::HTTP_MAIN.or(Ctx::HTTP_SRV), A::TAKE1, S::Sec),
    D::new("ssl_crl", "http_ssl_module", Ctx::HTTP_MAIN.or(Ctx::HTTP_SRV), A::TAKE1, S::Str),
    D::new("ssl_ocsp", "http_ssl_module", Ctx::HTTP_MAIN.or(Ctx::HTTP_SRV), A::TAKE1, S::Enum).values(V::Enum(&["off", "on", "leaf"])),
    D::new("ssl_ocsp_responder", "http_ssl_module", Ctx::HTTP_MAIN.or(Ctx::HTTP_SRV), A::TAKE1, S::Str),
    D::new("ssl_ocsp_cache", "http_ssl_module", Ctx::HTTP_MAIN.or(Ctx::HTTP_SRV), A::TAKE1, S::Custom).once(),
    D::new("ssl_stapling", "http_ssl_module", Ctx::HTTP_MAIN.or(Ctx::HTTP_SRV), A::FLAG, S::Flag),
    D::new("ssl_stapling_file", "http_ssl_module", Ctx::HTTP_MAIN.or(Ctx::HTTP_SRV), A::TAKE1, S::Str),
    D::new("ssl_stapling_responder", "http_ssl_module", Ctx::HTTP_MAIN.or(Ctx::HTTP_SRV), A::TAKE1, S::Str),
    D::new("ssl_stapling_verify", "http_ssl_module", Ctx::HTTP_MAIN.or(Ctx::HTTP_SRV), A::FLAG, S::Flag),
    D::new("ssl_early_data", "http_ssl_module", Ctx::HTTP_MAIN.or(Ctx::HTTP_SRV), A::FLAG, S::Flag),
    D::new("ssl_conf_command", "http_ssl_module", Ctx::HTTP_MAIN.or(Ctx::HTTP_SRV), A::TAKE2, S::KeyVal),
    D::new("ssl_reject_handshake", "http_ssl_module", Ctx::HTTP_MAIN.or(Ctx::HTTP_SRV), A::FLAG, S::Flag),
    D::new("ssl", "http_ssl_module", Ctx::HTTP_MAIN.or(Ctx::HTTP_SRV), A::FLAG, S::Custom).removed((1, 25, 1)).deprecated("listen ... ssl"),
];
