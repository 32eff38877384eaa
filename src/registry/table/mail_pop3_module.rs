//! `mail_pop3_module`: generated once from `registry/data/`; rginx support is edited here.

use crate::registry::{Arity as A, Ctx, DirectiveSpec as D, Setter as S, Values as V};

#[rustfmt::skip]
pub const DIRECTIVES: &[D] = &[
    D::new("pop3_capabilities", "mail_pop3_module", Ctx::MAIL_MAIN.or(Ctx::MAIL_SRV), A::ONE_MORE, S::Custom).default_value("TOP USER UIDL").doc("https://nginx.org/en/docs/mail/ngx_mail_pop3_module.html#pop3_capabilities"),
    D::new("pop3_auth", "mail_pop3_module", Ctx::MAIL_MAIN.or(Ctx::MAIL_SRV), A::ONE_MORE, S::Bitmask).values(V::Bitmask(&["plain", "apop", "cram-md5", "external"])).default_value("plain").doc("https://nginx.org/en/docs/mail/ngx_mail_pop3_module.html#pop3_auth"),
];
