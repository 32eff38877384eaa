//! `stream_pass_module`: generated once from `registry/data/`; rginx support is edited here.

use crate::registry::{Arity as A, Ctx, DirectiveSpec as D, Setter as S};

#[rustfmt::skip]
pub const DIRECTIVES: &[D] = &[
    D::new("pass", "stream_pass_module", Ctx::STREAM_SRV, A::TAKE1, S::Custom).added(crate::registry::Version::new(1, 23, 0)).doc("https://nginx.org/en/docs/stream/ngx_stream_pass_module.html#pass"),
];
