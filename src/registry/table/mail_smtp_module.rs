//! `mail_smtp_module`: generated once from `registry/data/`; rginx support is edited here.

use crate::registry::{Arity as A, Ctx, DirectiveSpec as D, Setter as S, Values as V};

#[rustfmt::skip]
pub const DIRECTIVES: &[D] = &[
    D::new("smtp_client_buffer", "mail_smtp_module", Ctx::MAIL_MAIN.or(Ctx::MAIL_SRV), A::TAKE1, S::Size),
    D::new("smtp_greeting_delay", "mail_smtp_module", Ctx::MAIL_MAIN.or(Ctx::MAIL_SRV), A::TAKE1, S::Msec),
    D::new("smtp_capabilities", "mail_smtp_module", Ctx::MAIL_MAIN.or(Ctx::MAIL_SRV), A::ONE_MORE, S::Custom),
    D::new("smtp_auth", "mail_smtp_module", Ctx::MAIL_MAIN.or(Ctx::MAIL_SRV), A::ONE_MORE, S::Bitmask).values(V::Bitmask(&["plain", "login", "cram-md5", "external", "none"])),
];
