//! `http_upstream_keepalive_module`: generated once from `registry/data/`; rginx support is edited here.

use crate::registry::{Arity as A, Ctx, DirectiveSpec as D, Setter as S};

#[rustfmt::skip]
pub const DIRECTIVES: &[D] = &[
    D::new("keepalive", "http_upstream_keepalive_module", Ctx::HTTP_UPS, A::TAKE12, S::Custom).once(),
    D::new("keepalive_time", "http_upstream_keepalive_module", Ctx::HTTP_UPS, A::TAKE1, S::Msec),
    D::new("keepalive_timeout", "http_upstream_keepalive_module", Ctx::HTTP_UPS, A::TAKE1, S::Msec),
    D::new("keepalive_requests", "http_upstream_keepalive_module", Ctx::HTTP_UPS, A::TAKE1, S::Num),
];
