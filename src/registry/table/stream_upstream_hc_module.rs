//! `stream_upstream_hc_module`: generated once from `registry/data/`; rginx support is edited here.

use crate::registry::{Arity as A, Ctx, DirectiveSpec as D, Origin, Setter as S};

#[rustfmt::skip]
pub const DIRECTIVES: &[D] = &[
    D::new("health_check", "stream_upstream_hc_module", Ctx::STREAM_SRV, A::ANY, S::Custom).origin(Origin::Plus),
    D::new("health_check_timeout", "stream_upstream_hc_module", Ctx::STREAM_MAIN.or(Ctx::STREAM_SRV), A::TAKE1, S::Custom).origin(Origin::Plus),
    D::new("match", "stream_upstream_hc_module", Ctx::STREAM_MAIN, A::TAKE1, S::Custom).block().origin(Origin::Plus),
];
