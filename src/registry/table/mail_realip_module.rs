//! `mail_realip_module`: generated once from `registry/data/`; rginx support is edited here.

use crate::registry::{Arity as A, Ctx, DirectiveSpec as D, Setter as S};

#[rustfmt::skip]
pub const DIRECTIVES: &[D] = &[
    D::new("set_real_ip_from", "mail_realip_module", Ctx::MAIL_MAIN.or(Ctx::MAIL_SRV), A::TAKE1, S::Custom).doc("https://nginx.org/en/docs/mail/ngx_mail_realip_module.html#set_real_ip_from"),
];
