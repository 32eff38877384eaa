//! `stream_split_clients_module`: generated once from `registry/data/`; rginx support is edited here.

use crate::registry::{Arity as A, Ctx, DirectiveSpec as D, Setter as S};

#[rustfmt::skip]
pub const DIRECTIVES: &[D] = &[
    D::new("split_clients", "stream_split_clients_module", Ctx::STREAM_MAIN, A::TAKE2, S::Custom).block().doc("https://nginx.org/en/docs/stream/ngx_stream_split_clients_module.html#split_clients"),
];
