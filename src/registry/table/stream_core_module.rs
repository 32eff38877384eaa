//! `stream_core_module`: generated once from `registry/data/`; rginx support is edited here.

use crate::registry::{Arity as A, Ctx, DirectiveSpec as D, Setter as S};

#[rustfmt::skip]
pub const DIRECTIVES: &[D] = &[
    D::new("variables_hash_max_size", "stream_core_module", Ctx::STREAM_MAIN, A::TAKE1, S::Num),
    D::new("variables_hash_bucket_size", "stream_core_module", Ctx::STREAM_MAIN, A::TAKE1, S::Num),
    D::new("server_names_hash_max_size", "stream_core_module", Ctx::STREAM_MAIN, A::TAKE1, S::Num).added((1, 23, 0)),
    D::new("server_names_hash_bucket_size", "stream_core_module", Ctx::STREAM_MAIN, A::TAKE1, S::Num).added((1, 23, 0)),
    D::new("server", "stream_core_module", Ctx::STREAM_MAIN, A::NOARGS, S::Custom).block(),
    D::new("listen", "stream_core_module", Ctx::STREAM_SRV, A::ONE_MORE, S::Custom),
    D::new("server_name", "stream_core_module", Ctx::STREAM_SRV, A::ONE_MORE, S::Custom).added((1, 23, 0)),
    D::new("error_log", "stream_core_module", Ctx::STREAM_MAIN.or(Ctx::STREAM_SRV), A::ONE_MORE, S::Custom),
    D::new("resolver", "stream_core_module", Ctx::STREAM_MAIN.or(Ctx::STREAM_SRV), A::ONE_MORE, S::Custom).once(),
    D::new("resolver_timeout", "stream_core_module", Ctx::STREAM_MAIN.or(Ctx::STREAM_SRV), A::TAKE1, S::Msec),
    D::new("proxy_protocol_timeout", "stream_core_module", Ctx::STREAM_MAIN.or(Ctx::STREAM_SRV), A::TAKE1, S::Msec),
    D::new("tcp_nodelay", "stream_core_module", Ctx::STREAM_MAIN.or(Ctx::STREAM_SRV), A::FLAG, S::Flag),
    D::new("preread_buffer_size", "stream_core_module", Ctx::STREAM_MAIN.or(Ctx::STREAM_SRV), A::TAKE1, S::Size),
    D::new("preread_timeout", "stream_core_module", Ctx::STREAM_MAIN.or(Ctx::STREAM_SRV), A::TAKE1, S::Msec),
];
