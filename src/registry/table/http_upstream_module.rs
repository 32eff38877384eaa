//! `http_upstream_module`: generated once from `registry/data/`; rginx support is edited here.

use crate::registry::{Arity as A, Ctx, DirectiveSpec as D, Origin, Setter as S};

#[rustfmt::skip]
pub const DIRECTIVES: &[D] = &[
    D::new("upstream", "http_upstream_module", Ctx::HTTP_MAIN, A::TAKE1, S::Custom).block(),
    D::new("server", "http_upstream_module", Ctx::HTTP_UPS, A::ONE_MORE, S::Custom),
    D::new("resolver", "http_upstream_module", Ctx::HTTP_UPS, A::ONE_MORE, S::Custom).added((1, 23, 0)),
    D::new("resolver_timeout", "http_upstream_module", Ctx::HTTP_UPS, A::TAKE1, S::Msec).added((1, 23, 0)),
    D::new("sticky", "http_upstream_module", Ctx::HTTP_UPS, A::TWO_MORE, S::Custom).origin(Origin::Plus),
    D::new("ntlm", "http_upstream_module", Ctx::HTTP_UPS, A::NOARGS, S::Custom).origin(Origin::Plus),
    D::new("queue", "http_upstream_module", Ctx::HTTP_UPS, A::TAKE12, S::Custom).origin(Origin::Plus),
    D::new("state", "http_upstream_module", Ctx::HTTP_UPS, A::TAKE1, S::Custom).origin(Origin::Plus),
];
