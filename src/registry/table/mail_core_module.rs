//! `mail_core_module`: generated once from `registry/data/`; rginx support is edited here.

use crate::registry::{Arity as A, Ctx, DirectiveSpec as D, Setter as S};

#[rustfmt::skip]
pub const DIRECTIVES: &[D] = &[
    D::new("server", "mail_core_module", Ctx::MAIL_MAIN, A::NOARGS, S::Custom).block(),
    D::new("listen", "mail_core_module", Ctx::MAIL_SRV, A::ONE_MORE, S::Custom),
    D::new("protocol", "mail_core_module", Ctx::MAIL_SRV, A::TAKE1, S::Custom),
    D::new("timeout", "mail_core_module", Ctx::MAIL_MAIN.or(Ctx::MAIL_SRV), A::TAKE1, S::Msec),
    D::new("server_name", "mail_core_module", Ctx::MAIL_MAIN.or(Ctx::MAIL_SRV), A::TAKE1, S::Str),
    D::new("error_log", "mail_core_module", Ctx::MAIL_MAIN.or(Ctx::MAIL_SRV), A::ONE_MORE, S::Custom),
    D::new("resolver", "mail_core_module", Ctx::MAIL_MAIN.or(Ctx::MAIL_SRV), A::ONE_MORE, S::Custom).once(),
    D::new("resolver_timeout", "mail_core_module", Ctx::MAIL_MAIN.or(Ctx::MAIL_SRV), A::TAKE1, S::Msec),
    D::new("max_errors", "mail_core_module", Ctx::MAIL_MAIN.or(Ctx::MAIL_SRV), A::TAKE1, S::Num),
];
