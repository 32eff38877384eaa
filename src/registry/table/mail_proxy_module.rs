//! `mail_proxy_module`: generated once from `registry/data/`; rginx support is edited here.

use crate::registry::{Arity as A, Ctx, DirectiveSpec as D, Setter as S};

#[rustfmt::skip]
pub const DIRECTIVES: &[D] = &[
    D::new("proxy", "mail_proxy_module", Ctx::MAIL_MAIN.or(Ctx::MAIL_SRV), A::FLAG, S::Flag),
    D::new("proxy_buffer", "mail_proxy_module", Ctx::MAIL_MAIN.or(Ctx::MAIL_SRV), A::TAKE1, S::Size),
    D::new("proxy_timeout", "mail_proxy_module", Ctx::MAIL_MAIN.or(Ctx::MAIL_SRV), A::TAKE1, S::Msec),
    D::new("proxy_pass_error_message", "mail_proxy_module", Ctx::MAIL_MAIN.or(Ctx::MAIL_SRV), A::FLAG, S::Flag),
    D::new("xclient", "mail_proxy_module", Ctx::MAIL_MAIN.or(Ctx::MAIL_SRV), A::FLAG, S::Flag),
    D::new("proxy_smtp_auth", "mail_proxy_module", Ctx::MAIL_MAIN.or(Ctx::MAIL_SRV), A::FLAG, S::Flag),
    D::new("proxy_protocol", "mail_proxy_module", Ctx::MAIL_MAIN.or(Ctx::MAIL_SRV), A::FLAG, S::Flag),
];
