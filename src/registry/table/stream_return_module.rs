//! `stream_return_module`: generated once from `registry/data/`; rginx support is edited here.

use crate::registry::{Arity as A, Ctx, DirectiveSpec as D, Setter as S};

#[rustfmt::skip]
pub const DIRECTIVES: &[D] = &[
    D::new("return", "stream_return_module", Ctx::STREAM_SRV, A::TAKE1, S::Custom).once().doc("https://nginx.org/en/docs/stream/ngx_stream_return_module.html#return"),
];
