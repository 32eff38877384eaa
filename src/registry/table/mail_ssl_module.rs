//! `mail_ssl_module`: generated once from `registry/data/`; rginx support is edited here.

use crate::registry::{Arity as A, Ctx, DirectiveSpec as D, Setter as S, Values as V};

#[rustfmt::skip]
pub const DIRECTIVES: &[D] = &[
    D::new("starttls", "mail_ssl_module", Ctx::MAIL_MAIN.or(Ctx::MAIL_SRV), A::TAKE1, S::Custom).default_value("off").doc("https://nginx.org/en/docs/mail/ngx_mail_ssl_module.html#starttls"),
    D::new("ssl_certificate", "mail_ssl_module", Ctx::MAIL_MAIN.or(Ctx::MAIL_SRV), A::TAKE1, S::StrArray).doc("https://nginx.org/en/docs/mail/ngx_mail_ssl_module.html#ssl_certificate"),
    D::new("ssl_certificate_key", "mail_ssl_module", Ctx::MAIL_MAIN.or(Ctx::MAIL_SRV), A::TAKE1, S::StrArray).doc("https://nginx.org/en/docs/mail/ngx_mail_ssl_module.html#ssl_certificate_key"),
    D::new("ssl_password_file", "mail_ssl_module", Ctx::MAIL_MAIN.or(Ctx::MAIL_SRV), A::TAKE1, S::Custom).once().doc("https://nginx.org/en/docs/mail/ngx_mail_ssl_module.html#ssl_password_file"),
    D::new("ssl_certificate_compression", "mail_ssl_module", Ctx::MAIL_MAIN.or(Ctx::MAIL_SRV), A::FLAG, S::Flag).added(crate::registry::Version::new(1, 29, 1)).default_value("off").doc("https://nginx.org/en/docs/mail/ngx_mail_ssl_module.html#ssl_certificate_compression"),
    D::new("ssl_dhparam", "mail_ssl_module", Ctx::MAIL_MAIN.or(Ctx::MAIL_SRV), A::TAKE1, S::Str).doc("https://nginx.org/en/docs/mail/ngx_mail_ssl_module.html#ssl_dhparam"),
    D::new("ssl_ecdh_curve", "mail_ssl_module", Ctx::MAIL_MAIN.or(Ctx::MAIL_SRV), A::TAKE1, S::Str).default_value("auto").doc("https://nginx.org/en/docs/mail/ngx_mail_ssl_module.html#ssl_ecdh_curve"),
    D::new("ssl_protocols", "mail_ssl_module", Ctx::MAIL_MAIN.or(Ctx::MAIL_SRV), A::ONE_MORE, S::Bitmask).values(V::Bitmask(&["SSLv2", "SSLv3", "TLSv1", "TLSv1.1", "TLSv1.2", "TLSv1.3"])).default_value("TLSv1.2 TLSv1.3").doc("https://nginx.org/en/docs/mail/ngx_mail_ssl_module.html#ssl_protocols"),
    D::new("ssl_ciphers", "mail_ssl_module", Ctx::MAIL_MAIN.or(Ctx::MAIL_SRV), A::TAKE1, S::Str).default_value("HIGH:!aNULL:!MD5").doc("https://nginx.org/en/docs/mail/ngx_mail_ssl_module.html#ssl_ciphers"),
    D::new("ssl_prefer_server_ciphers", "mail_ssl_module", Ctx::MAIL_MAIN.or(Ctx::MAIL_SRV), A::FLAG, S::Flag).default_value("off").doc("https://nginx.org/en/docs/mail/ngx_mail_ssl_module.html#ssl_prefer_server_ciphers"),
    D::new("ssl_session_cache", "mail_ssl_module", Ctx::MAIL_MAIN.or(Ctx::MAIL_SRV), A::TAKE12, S::Custom).default_value("none").doc("https://nginx.org/en/docs/mail/ngx_mail_ssl_module.html#ssl_session_cache"),
    D::new("ssl_session_tickets", "mail_ssl_module", Ctx::MAIL_MAIN.or(Ctx::MAIL_SRV), A::FLAG, S::Flag).default_value("on").doc("https://nginx.org/en/docs/mail/ngx_mail_ssl_module.html#ssl_session_tickets"),
    D::new("ssl_session_ticket_key", "mail_ssl_module", Ctx::MAIL_MAIN.or(Ctx::MAIL_SRV), A::TAKE1, S::StrArray).doc("https://nginx.org/en/docs/mail/ngx_mail_ssl_module.html#ssl_session_ticket_key"),
    D::new("ssl_session_timeout", "mail_ssl_module", Ctx::MAIL_MAIN.or(Ctx::MAIL_SRV), A::TAKE1, S::Sec).default_value("5m").doc("https://nginx.org/en/docs/mail/ngx_mail_ssl_module.html#ssl_session_timeout"),
    D::new("ssl_verify_client", "mail_ssl_module", Ctx::MAIL_MAIN.or(Ctx::MAIL_SRV), A::TAKE1, S::Enum).values(V::Enum(&["off", "on", "optional", "optional_no_ca"])).default_value("off").doc("https://nginx.org/en/docs/mail/ngx_mail_ssl_module.html#ssl_verify_client"),
    D::new("ssl_verify_depth", "mail_ssl_module", Ctx::MAIL_MAIN.or(Ctx::MAIL_SRV), A::TAKE1, S::Num).default_value("1").doc("https://nginx.org/en/docs/mail/ngx_mail_ssl_module.html#ssl_verify_depth"),
    D::new("ssl_client_certificate", "mail_ssl_module", Ctx::MAIL_MAIN.or(Ctx::MAIL_SRV), A::TAKE1, S::Str).doc("https://nginx.org/en/docs/mail/ngx_mail_ssl_module.html#ssl_client_certificate"),
    D::new("ssl_trusted_certificate", "mail_ssl_module", Ctx::MAIL_MAIN.or(Ctx::MAIL_SRV), A::TAKE1, S::Str).doc("https://nginx.org/en/docs/mail/ngx_mail_ssl_module.html#ssl_trusted_certificate"),
    D::new("ssl_crl", "mail_ssl_module", Ctx::MAIL_MAIN.or(Ctx::MAIL_SRV), A::TAKE1, S::Str).doc("https://nginx.org/en/docs/mail/ngx_mail_ssl_module.html#ssl_crl"),
    D::new("ssl_conf_command", "mail_ssl_module", Ctx::MAIL_MAIN.or(Ctx::MAIL_SRV), A::TAKE2, S::KeyVal).doc("https://nginx.org/en/docs/mail/ngx_mail_ssl_module.html#ssl_conf_command"),
    D::new("ssl", "mail_ssl_module", Ctx::MAIL_MAIN.or(Ctx::MAIL_SRV), A::FLAG, S::Custom).removed(crate::registry::Version::new(1, 25, 1)).deprecated("listen ... ssl").default_value("off").doc("https://nginx.org/en/docs/mail/ngx_mail_ssl_module.html#ssl"),
];
