//! `stream_set_module`: generated once from `registry/data/`; rginx support is edited here.

use crate::registry::{Arity as A, Ctx, DirectiveSpec as D, Setter as S};

#[rustfmt::skip]
pub const DIRECTIVES: &[D] = &[
    D::new("set", "stream_set_module", Ctx::STREAM_SRV, A::TAKE2, S::Custom).doc("https://nginx.org/en/docs/stream/ngx_stream_set_module.html#set"),
];
