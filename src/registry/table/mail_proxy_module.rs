//! `mail_proxy_module`: generated once from `registry/data/`; rginx support is edited here.

use crate::registry::{Arity as A, Ctx, DirectiveSpec as D, Setter as S};

#[rustfmt::skip]
pub const DIRECTIVES: &[D] = &[
    D::new("proxy", "mail_proxy_module", Ctx::MAIL_MAIN.or(Ctx::MAIL_SRV), A::FLAG, S::Flag),
    D::new("proxy_buffer", "mail_proxy_module", Ctx::MAIL_MAIN.or(Ctx::MAIL_SRV), A::TAKE1, S::Size).default_value("4k|8k").doc("https://nginx.org/en/docs/mail/ngx_mail_proxy_module.html#proxy_buffer"),
    D::new("proxy_timeout", "mail_proxy_module", Ctx::MAIL_MAIN.or(Ctx::MAIL_SRV), A::TAKE1, S::Msec).default_value("24h").doc("https://nginx.org/en/docs/mail/ngx_mail_proxy_module.html#proxy_timeout"),
    D::new("proxy_pass_error_message", "mail_proxy_module", Ctx::MAIL_MAIN.or(Ctx::MAIL_SRV), A::FLAG, S::Flag).default_value("off").doc("https://nginx.org/en/docs/mail/ngx_mail_proxy_module.html#proxy_pass_error_message"),
    D::new("xclient", "mail_proxy_module", Ctx::MAIL_MAIN.or(Ctx::MAIL_SRV), A::FLAG, S::Flag).default_value("on").doc("https://nginx.org/en/docs/mail/ngx_mail_proxy_module.html#xclient"),
    D::new("proxy_smtp_auth", "mail_proxy_module", Ctx::MAIL_MAIN.or(Ctx::MAIL_SRV), A::FLAG, S::Flag).default_value("off").doc("https://nginx.org/en/docs/mail/ngx_mail_proxy_module.html#proxy_smtp_auth"),
    D::new("proxy_protocol", "mail_proxy_module", Ctx::MAIL_MAIN.or(Ctx::MAIL_SRV), A::FLAG, S::Flag).default_value("off").doc("https://nginx.org/en/docs/mail/ngx_mail_proxy_module.html#proxy_protocol"),
];
