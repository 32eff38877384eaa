//! `http_v2_module`: generated once from `registry/data/`; rginx support is edited here.

use crate::registry::{Arity as A, Ctx, DirectiveSpec as D, Setter as S};

#[rustfmt::skip]
pub const DIRECTIVES: &[D] = &[
    D::new("http2", "http_v2_module", Ctx::HTTP_MAIN.or(Ctx::HTTP_SRV), A::FLAG, S::Flag).support(crate::registry::Support::Supported).added(crate::registry::Version::new(1, 25, 1)).default_value("off").doc("https://nginx.org/en/docs/http/ngx_http_v2_module.html#http2"),
    D::new("http2_recv_buffer_size", "http_v2_module", Ctx::HTTP_MAIN, A::TAKE1, S::Size).default_value("256k").doc("https://nginx.org/en/docs/http/ngx_http_v2_module.html#http2_recv_buffer_size"),
    D::new("http2_pool_size", "http_v2_module", Ctx::HTTP_MAIN.or(Ctx::HTTP_SRV), A::TAKE1, S::Size),
    D::new("http2_max_concurrent_streams", "http_v2_module", Ctx::HTTP_MAIN.or(Ctx::HTTP_SRV), A::TAKE1, S::Num).support(crate::registry::Support::Supported).default_value("128").doc("https://nginx.org/en/docs/http/ngx_http_v2_module.html#http2_max_concurrent_streams"),
    D::new("http2_max_concurrent_pushes", "http_v2_module", Ctx::HTTP_MAIN.or(Ctx::HTTP_SRV), A::TAKE1, S::Custom).default_value("10").doc("https://nginx.org/en/docs/http/ngx_http_v2_module.html#http2_max_concurrent_pushes"),
    D::new("http2_max_requests", "http_v2_module", Ctx::HTTP_MAIN.or(Ctx::HTTP_SRV), A::TAKE1, S::Custom).obsolete("keepalive_requests").default_value("1000").doc("https://nginx.org/en/docs/http/ngx_http_v2_module.html#http2_max_requests"),
    D::new("http2_max_field_size", "http_v2_module", Ctx::HTTP_MAIN.or(Ctx::HTTP_SRV), A::TAKE1, S::Custom).obsolete("large_client_header_buffers").default_value("4k").doc("https://nginx.org/en/docs/http/ngx_http_v2_module.html#http2_max_field_size"),
    D::new("http2_max_header_size", "http_v2_module", Ctx::HTTP_MAIN.or(Ctx::HTTP_SRV), A::TAKE1, S::Custom).obsolete("large_client_header_buffers").default_value("16k").doc("https://nginx.org/en/docs/http/ngx_http_v2_module.html#http2_max_header_size"),
    D::new("http2_body_preread_size", "http_v2_module", Ctx::HTTP_MAIN.or(Ctx::HTTP_SRV), A::TAKE1, S::Size).default_value("64k").doc("https://nginx.org/en/docs/http/ngx_http_v2_module.html#http2_body_preread_size"),
    D::new("http2_streams_index_size", "http_v2_module", Ctx::HTTP_MAIN.or(Ctx::HTTP_SRV), A::TAKE1, S::Num),
    D::new("http2_recv_timeout", "http_v2_module", Ctx::HTTP_MAIN.or(Ctx::HTTP_SRV), A::TAKE1, S::Custom).obsolete("client_header_timeout").default_value("30s").doc("https://nginx.org/en/docs/http/ngx_http_v2_module.html#http2_recv_timeout"),
    D::new("http2_idle_timeout", "http_v2_module", Ctx::HTTP_MAIN.or(Ctx::HTTP_SRV), A::TAKE1, S::Custom).obsolete("keepalive_timeout").default_value("3m").doc("https://nginx.org/en/docs/http/ngx_http_v2_module.html#http2_idle_timeout"),
    D::new("http2_chunk_size", "http_v2_module", Ctx::HTTP_MAIN.or(Ctx::HTTP_SRV).or(Ctx::HTTP_LOC), A::TAKE1, S::Size).default_value("8k").doc("https://nginx.org/en/docs/http/ngx_http_v2_module.html#http2_chunk_size"),
    D::new("http2_push_preload", "http_v2_module", Ctx::HTTP_MAIN.or(Ctx::HTTP_SRV).or(Ctx::HTTP_LOC), A::FLAG, S::Custom).default_value("off").doc("https://nginx.org/en/docs/http/ngx_http_v2_module.html#http2_push_preload"),
    D::new("http2_push", "http_v2_module", Ctx::HTTP_MAIN.or(Ctx::HTTP_SRV).or(Ctx::HTTP_LOC), A::TAKE1, S::Custom).default_value("off").doc("https://nginx.org/en/docs/http/ngx_http_v2_module.html#http2_push"),
];
