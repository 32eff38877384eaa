//! `mail_smtp_module`: generated once from `registry/data/`; rginx support is edited here.

use crate::registry::{Arity as A, Ctx, DirectiveSpec as D, Setter as S, Values as V};

#[rustfmt::skip]
pub const DIRECTIVES: &[D] = &[
    D::new("smtp_client_buffer", "mail_smtp_module", Ctx::MAIL_MAIN.or(Ctx::MAIL_SRV), A::TAKE1, S::Size).default_value("4k|8k").doc("https://nginx.org/en/docs/mail/ngx_mail_smtp_module.html#smtp_client_buffer"),
    D::new("smtp_greeting_delay", "mail_smtp_module", Ctx::MAIL_MAIN.or(Ctx::MAIL_SRV), A::TAKE1, S::Msec).default_value("0").doc("https://nginx.org/en/docs/mail/ngx_mail_smtp_module.html#smtp_greeting_delay"),
    D::new("smtp_capabilities", "mail_smtp_module", Ctx::MAIL_MAIN.or(Ctx::MAIL_SRV), A::ONE_MORE, S::Custom).doc("https://nginx.org/en/docs/mail/ngx_mail_smtp_module.html#smtp_capabilities"),
    D::new("smtp_auth", "mail_smtp_module", Ctx::MAIL_MAIN.or(Ctx::MAIL_SRV), A::ONE_MORE, S::Bitmask).values(V::Bitmask(&["plain", "login", "cram-md5", "external", "none"])).default_value("plain login").doc("https://nginx.org/en/docs/mail/ngx_mail_smtp_module.html#smtp_auth"),
];
