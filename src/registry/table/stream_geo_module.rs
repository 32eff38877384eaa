//! `stream_geo_module`: generated once from `registry/data/`; rginx support is edited here.

use crate::registry::{Arity as A, Ctx, DirectiveSpec as D, Setter as S};

#[rustfmt::skip]
pub const DIRECTIVES: &[D] = &[
    D::new("geo", "stream_geo_module", Ctx::STREAM_MAIN, A::TAKE12, S::Custom).block().doc("https://nginx.org/en/docs/stream/ngx_stream_geo_module.html#geo"),
];
