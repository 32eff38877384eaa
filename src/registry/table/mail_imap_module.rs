//! `mail_imap_module`: generated once from `registry/data/`; rginx support is edited here.

use crate::registry::{Arity as A, Ctx, DirectiveSpec as D, Setter as S, Values as V};

#[rustfmt::skip]
pub const DIRECTIVES: &[D] = &[
    D::new("imap_client_buffer", "mail_imap_module", Ctx::MAIL_MAIN.or(Ctx::MAIL_SRV), A::TAKE1, S::Size).default_value("4k|8k").doc("https://nginx.org/en/docs/mail/ngx_mail_imap_module.html#imap_client_buffer"),
    D::new("imap_capabilities", "mail_imap_module", Ctx::MAIL_MAIN.or(Ctx::MAIL_SRV), A::ONE_MORE, S::Custom).default_value("IMAP4 IMAP4rev1 UIDPLUS").doc("https://nginx.org/en/docs/mail/ngx_mail_imap_module.html#imap_capabilities"),
    D::new("imap_auth", "mail_imap_module", Ctx::MAIL_MAIN.or(Ctx::MAIL_SRV), A::ONE_MORE, S::Bitmask).values(V::Bitmask(&["plain", "login", "cram-md5", "external"])).default_value("plain").doc("https://nginx.org/en/docs/mail/ngx_mail_imap_module.html#imap_auth"),
];
