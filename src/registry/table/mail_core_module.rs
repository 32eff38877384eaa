//! `mail_core_module`: generated once from `registry/data/`; rginx support is edited here.

use crate::registry::{Arity as A, Ctx, DirectiveSpec as D, Setter as S};

#[rustfmt::skip]
pub const DIRECTIVES: &[D] = &[
    D::new("server", "mail_core_module", Ctx::MAIL_MAIN, A::NOARGS, S::Custom).block().doc("https://nginx.org/en/docs/mail/ngx_mail_core_module.html#server"),
    D::new("listen", "mail_core_module", Ctx::MAIL_SRV, A::ONE_MORE, S::Custom).doc("https://nginx.org/en/docs/mail/ngx_mail_core_module.html#listen"),
    D::new("protocol", "mail_core_module", Ctx::MAIL_SRV, A::TAKE1, S::Custom).doc("https://nginx.org/en/docs/mail/ngx_mail_core_module.html#protocol"),
    D::new("timeout", "mail_core_module", Ctx::MAIL_MAIN.or(Ctx::MAIL_SRV), A::TAKE1, S::Msec).default_value("60s").doc("https://nginx.org/en/docs/mail/ngx_mail_core_module.html#timeout"),
    D::new("server_name", "mail_core_module", Ctx::MAIL_MAIN.or(Ctx::MAIL_SRV), A::TAKE1, S::Str).default_value("hostname").doc("https://nginx.org/en/docs/mail/ngx_mail_core_module.html#server_name"),
    D::new("error_log", "mail_core_module", Ctx::MAIL_MAIN.or(Ctx::MAIL_SRV), A::ONE_MORE, S::Custom),
    D::new("resolver", "mail_core_module", Ctx::MAIL_MAIN.or(Ctx::MAIL_SRV), A::ONE_MORE, S::Custom).once().default_value("off").doc("https://nginx.org/en/docs/mail/ngx_mail_core_module.html#resolver"),
    D::new("resolver_timeout", "mail_core_module", Ctx::MAIL_MAIN.or(Ctx::MAIL_SRV), A::TAKE1, S::Msec).default_value("30s").doc("https://nginx.org/en/docs/mail/ngx_mail_core_module.html#resolver_timeout"),
    D::new("max_errors", "mail_core_module", Ctx::MAIL_MAIN.or(Ctx::MAIL_SRV), A::TAKE1, S::Num).default_value("5").doc("https://nginx.org/en/docs/mail/ngx_mail_core_module.html#max_errors"),
];
