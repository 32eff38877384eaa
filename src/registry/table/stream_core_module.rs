//! `stream_core_module`: generated once from `registry/data/`; rginx support is edited here.

use crate::registry::{Arity as A, Ctx, DirectiveSpec as D, Setter as S};

#[rustfmt::skip]
pub const DIRECTIVES: &[D] = &[
    D::new("variables_hash_max_size", "stream_core_module", Ctx::STREAM_MAIN, A::TAKE1, S::Num).default_value("1024").doc("https://nginx.org/en/docs/stream/ngx_stream_core_module.html#variables_hash_max_size"),
    D::new("variables_hash_bucket_size", "stream_core_module", Ctx::STREAM_MAIN, A::TAKE1, S::Num).default_value("64").doc("https://nginx.org/en/docs/stream/ngx_stream_core_module.html#variables_hash_bucket_size"),
    D::new("server_names_hash_max_size", "stream_core_module", Ctx::STREAM_MAIN, A::TAKE1, S::Num).added(crate::registry::Version::new(1, 25, 5)).default_value("512").doc("https://nginx.org/en/docs/stream/ngx_stream_core_module.html#server_names_hash_max_size"),
    D::new("server_names_hash_bucket_size", "stream_core_module", Ctx::STREAM_MAIN, A::TAKE1, S::Num).added(crate::registry::Version::new(1, 25, 5)).default_value("32|64|128").doc("https://nginx.org/en/docs/stream/ngx_stream_core_module.html#server_names_hash_bucket_size"),
    D::new("server", "stream_core_module", Ctx::STREAM_MAIN, A::NOARGS, S::Custom).block().doc("https://nginx.org/en/docs/stream/ngx_stream_core_module.html#server"),
    D::new("listen", "stream_core_module", Ctx::STREAM_SRV, A::ONE_MORE, S::Custom).doc("https://nginx.org/en/docs/stream/ngx_stream_core_module.html#listen"),
    D::new("server_name", "stream_core_module", Ctx::STREAM_SRV, A::ONE_MORE, S::Custom).added(crate::registry::Version::new(1, 25, 5)).doc("https://nginx.org/en/docs/stream/ngx_stream_core_module.html#server_name"),
    D::new("error_log", "stream_core_module", Ctx::STREAM_MAIN.or(Ctx::STREAM_SRV), A::ONE_MORE, S::Custom),
    D::new("resolver", "stream_core_module", Ctx::STREAM_MAIN.or(Ctx::STREAM_SRV), A::ONE_MORE, S::Custom).once().doc("https://nginx.org/en/docs/stream/ngx_stream_core_module.html#resolver"),
    D::new("resolver_timeout", "stream_core_module", Ctx::STREAM_MAIN.or(Ctx::STREAM_SRV), A::TAKE1, S::Msec).default_value("30s").doc("https://nginx.org/en/docs/stream/ngx_stream_core_module.html#resolver_timeout"),
    D::new("proxy_protocol_timeout", "stream_core_module", Ctx::STREAM_MAIN.or(Ctx::STREAM_SRV), A::TAKE1, S::Msec).default_value("30s").doc("https://nginx.org/en/docs/stream/ngx_stream_core_module.html#proxy_protocol_timeout"),
    D::new("tcp_nodelay", "stream_core_module", Ctx::STREAM_MAIN.or(Ctx::STREAM_SRV), A::FLAG, S::Flag).default_value("on").doc("https://nginx.org/en/docs/stream/ngx_stream_core_module.html#tcp_nodelay"),
    D::new("preread_buffer_size", "stream_core_module", Ctx::STREAM_MAIN.or(Ctx::STREAM_SRV), A::TAKE1, S::Size).default_value("16k").doc("https://nginx.org/en/docs/stream/ngx_stream_core_module.html#preread_buffer_size"),
    D::new("preread_timeout", "stream_core_module", Ctx::STREAM_MAIN.or(Ctx::STREAM_SRV), A::TAKE1, S::Msec).default_value("30s").doc("https://nginx.org/en/docs/stream/ngx_stream_core_module.html#preread_timeout"),
];
