//! `mail_auth_http_module`: generated once from `registry/data/`; rginx support is edited here.

use crate::registry::{Arity as A, Ctx, DirectiveSpec as D, Setter as S};

#[rustfmt::skip]
pub const DIRECTIVES: &[D] = &[
    D::new("auth_http", "mail_auth_http_module", Ctx::MAIL_MAIN.or(Ctx::MAIL_SRV), A::TAKE1, S::Custom).doc("https://nginx.org/en/docs/mail/ngx_mail_auth_http_module.html#auth_http"),
    D::new("auth_http_timeout", "mail_auth_http_module", Ctx::MAIL_MAIN.or(Ctx::MAIL_SRV), A::TAKE1, S::Msec).default_value("60s").doc("https://nginx.org/en/docs/mail/ngx_mail_auth_http_module.html#auth_http_timeout"),
    D::new("auth_http_header", "mail_auth_http_module", Ctx::MAIL_MAIN.or(Ctx::MAIL_SRV), A::TAKE2, S::Custom).doc("https://nginx.org/en/docs/mail/ngx_mail_auth_http_module.html#auth_http_header"),
    D::new("auth_http_pass_client_cert", "mail_auth_http_module", Ctx::MAIL_MAIN.or(Ctx::MAIL_SRV), A::FLAG, S::Flag).default_value("off").doc("https://nginx.org/en/docs/mail/ngx_mail_auth_http_module.html#auth_http_pass_client_cert"),
];
