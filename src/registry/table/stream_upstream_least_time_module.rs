//! `stream_upstream_least_time_module`: generated once from `registry/data/`; rginx support is edited here.

use crate::registry::{Arity as A, Ctx, DirectiveSpec as D, Setter as S};

#[rustfmt::skip]
pub const DIRECTIVES: &[D] = &[
    D::new("least_time", "stream_upstream_least_time_module", Ctx::STREAM_UPS, A::TAKE12, S::Custom).added(crate::registry::Version::new(1, 23, 0)).doc("https://nginx.org/en/docs/stream/ngx_stream_upstream_module.html#least_time"),
];
