//! `mail_ssl_module`: generated once from `registry/data/`; rginx support is edited here.

use crate::registry::{Arity as A, Ctx, DirectiveSpec as D, Setter as S, Values as V};

#[rustfmt::skip]
pub const DIRECTIVES: &[D] = &[
    D::new("starttls", "mail_ssl_module", Ctx::MAIL_MAIN.or(Ctx::MAIL_SRV), A::TAKE1, S::Custom),
    D::new("ssl_certificate", "mail_ssl_module", Ctx::MAIL_MAIN.or(Ctx::MAIL_SRV), A::TAKE1, S::StrArray),
    D::new("ssl_certificate_key", "mail_ssl_module", Ctx::MAIL_MAIN.or(Ctx::MAIL_SRV), A::TAKE1, S::StrArray),
    D::new("ssl_password_file", "mail_ssl_module", Ctx::MAIL_MAIN.or(Ctx::MAIL_SRV), A::TAKE1, S::Custom).once(),
    D::new("ssl_certificate_compression", "mail_ssl_module", Ctx::MAIL_MAIN.or(Ctx::MAIL_SRV), A::FLAG, S::Flag).added((1, 23, 0)),
    D::new("ssl_dhparam", "mail_ssl_module", Ctx::MAIL_MAIN.or(Ctx::MAIL_SRV), A::TAKE1, S::Str),
    D::new("ssl_ecdh_curve", "mail_ssl_module", Ctx::MAIL_MAIN.or(Ctx::MAIL_SRV), A::TAKE1, S::Str),
    D::new("ssl_protocols", "mail_ssl_module", Ctx::MAIL_MAIN.or(Ctx::MAIL_SRV), A::ONE_MORE, S::Bitmask).values(V::Bitmask(&["SSLv2", "SSLv3", "TLSv1", "TLSv1.1", "TLSv1.2", "TLSv1.3"])),
    D::new("ssl_ciphers", "mail_ssl_module", Ctx::MAIL_MAIN.or(Ctx::MAIL_SRV), A::TAKE1, S::Str),
    D::new("ssl_prefer_server_ciphers", "mail_ssl_module", Ctx::MAIL_MAIN.or(Ctx::MAIL_SRV), A::FLAG, S::Flag),
    D::new("ssl_session_cache", "mail_ssl_module", Ctx::MAIL_MAIN.or(Ctx::MAIL_SRV), A::TAKE12, S::Custom),
    D::new("ssl_session_tickets", "mail_ssl_module", Ctx::MAIL_MAIN.or(Ctx::MAIL_SRV), A::FLAG, S::Flag),
    D::new("ssl_session_ticket_key", "mail_ssl_module", Ctx::MAIL_MAIN.or(Ctx::MAIL_SRV), A::TAKE1, S::StrArray),
    D::new("ssl_session_timeout", "mail_ssl_module", Ctx::MAIL_MAIN.or(Ctx::MAIL_SRV), A::TAKE1, S::Sec),
    D::new("ssl_verify_client", "mail_ssl_module", Ctx::MAIL_MAIN.or(Ctx::MAIL_SRV), A::TAKE1, S::Enum).values(V::Enum(&["off", "on", "optional", "optional_no_ca"])),
    D::new("ssl_verify_depth", "mail_ssl_module", Ctx::MAIL_MAIN.or(Ctx::MAIL_SRV), A::TAKE1, S::Num),
    D::new("ssl_client_certificate", "mail_ssl_module", Ctx::MAIL_MAIN.or(Ctx::MAIL_SRV), A::TAKE1, S::Str),
    D::new("ssl_trusted_certificate", "mail_ssl_module", Ctx::MAIL_MAIN.or(Ctx::MAIL_SRV), A::TAKE1, S::Str),
    D::new("ssl_crl", "mail_ssl_module", Ctx::MAIL_MAIN.or(Ctx::MAIL_SRV), A::TAKE1, S::Str),
    D::new("ssl_conf_command", "mail_ssl_module", Ctx::MAIL_MAIN.or(Ctx::MAIL_SRV), A::TAKE2, S::KeyVal),
    D::new("ssl", "mail_ssl_module", Ctx::MAIL_MAIN.or(Ctx::MAIL_SRV), A::FLAG, S::Custom).removed((1, 25, 1)).deprecated("listen ... ssl"),
];
