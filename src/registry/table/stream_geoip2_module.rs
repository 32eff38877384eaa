//! `stream_geoip2_module`: generated once from `registry/data/`; rginx support is edited here.

use crate::registry::{Arity as A, Ctx, DirectiveSpec as D, Origin, Setter as S};

#[rustfmt::skip]
pub const DIRECTIVES: &[D] = &[
    D::new("geoip2", "stream_geoip2_module", Ctx::STREAM_MAIN, A::TAKE1, S::Custom).block().origin(Origin::ThirdParty),
];
