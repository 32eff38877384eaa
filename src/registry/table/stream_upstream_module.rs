//! `stream_upstream_module`: generated once from `registry/data/`; rginx support is edited here.

use crate::registry::{Arity as A, Ctx, DirectiveSpec as D, Origin, Setter as S};

#[rustfmt::skip]
pub const DIRECTIVES: &[D] = &[
    D::new("upstream", "stream_upstream_module", Ctx::STREAM_MAIN, A::TAKE1, S::Custom).block(),
    D::new("server", "stream_upstream_module", Ctx::STREAM_UPS, A::ONE_MORE, S::Custom),
    D::new("resolver", "stream_upstream_module", Ctx::STREAM_UPS, A::ONE_MORE, S::Custom).added((1, 23, 0)),
    D::new("resolver_timeout", "stream_upstream_module", Ctx::STREAM_UPS, A::TAKE1, S::Msec).added((1, 23, 0)),
    D::new("state", "stream_upstream_module", Ctx::STREAM_UPS, A::TAKE1, S::Custom).origin(Origin::Plus),
];
