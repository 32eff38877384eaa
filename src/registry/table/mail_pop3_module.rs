//! `mail_pop3_module`: generated once from `registry/data/`; rginx support is edited here.

use crate::registry::{Arity as A, Ctx, DirectiveSpec as D, Setter as S, Values as V};

#[rustfmt::skip]
pub const DIRECTIVES: &[D] = &[
    D::new("pop3_capabilities", "mail_pop3_module", Ctx::MAIL_MAIN.or(Ctx::MAIL_SRV), A::ONE_MORE, S::Custom),
    D::new("pop3_auth", "mail_pop3_module", Ctx::MAIL_MAIN.or(Ctx::MAIL_SRV), A::ONE_MORE, S::Bitmask).values(V::Bitmask(&["plain", "apop", "cram-md5", "external"])),
];
