//! `http_v2_module`: generated once from `registry/data/`; rginx support is edited here.

use crate::registry::{Arity as A, Ctx, DirectiveSpec as D, Setter as S};

#[rustfmt::skip]
pub const DIRECTIVES: &[D] = &[
    D::new("http2", "http_v2_module", Ctx::HTTP_MAIN.or(Ctx::HTTP_SRV), A::FLAG, S::Flag).added((1, 25, 1)),
    D::new("http2_recv_buffer_size", "http_v2_module", Ctx::HTTP_MAIN, A::TAKE1, S::Size),
    D::new("http2_pool_size", "http_v2_module", Ctx::HTTP_MAIN.or(Ctx::HTTP_SRV), A::TAKE1, S::Size),
    D::new("http2_max_concurrent_streams", "http_v2_module", Ctx::HTTP_MAIN.or(Ctx::HTTP_SRV), A::TAKE1, S::Num),
    D::new("http2_max_concurrent_pushes", "http_v2_module", Ctx::HTTP_MAIN.or(Ctx::HTTP_SRV), A::TAKE1, S::Custom),
    D::new("http2_max_requests", "http_v2_module", Ctx::HTTP_MAIN.or(Ctx::HTTP_SRV), A::TAKE1, S::Custom).obsolete("keepalive_requests"),
    D::new("http2_max_field_size", "http_v2_module", Ctx::HTTP_MAIN.or(Ctx::HTTP_SRV), A::TAKE1, S::Custom).obsolete("large_client_header_buffers"),
    D::new("http2_max_header_size", "http_v2_module", Ctx::HTTP_MAIN.or(Ctx::HTTP_SRV), A::TAKE1, S::Custom).obsolete("large_client_header_buffers"),
    D::new("http2_body_preread_size", "http_v2_module", Ctx::HTTP_MAIN.or(Ctx::HTTP_SRV), A::TAKE1, S::Size),
    D::new("http2_streams_index_size", "http_v2_module", Ctx::HTTP_MAIN.or(Ctx::HTTP_SRV), A::TAKE1, S::Num),
    D::new("http2_recv_timeout", "http_v2_module", Ctx::HTTP_MAIN.or(Ctx::HTTP_SRV), A::TAKE1, S::Custom).obsolete("client_header_timeout"),
    D::new("http2_idle_timeout", "http_v2_module", Ctx::HTTP_MAIN.or(Ctx::HTTP_SRV), A::TAKE1, S::Custom).obsolete("keepalive_timeout"),
    D::new("http2_chunk_size", "http_v2_module", Ctx::HTTP_MAIN.or(Ctx::HTTP_SRV).or(Ctx::HTTP_LOC), A::TAKE1, S::Size),
    D::new("http2_push_preload", "http_v2_module", Ctx::HTTP_MAIN.or(Ctx::HTTP_SRV).or(Ctx::HTTP_LOC), A::FLAG, S::Custom),
    D::new("http2_push", "http_v2_module", Ctx::HTTP_MAIN.or(Ctx::HTTP_SRV).or(Ctx::HTTP_LOC), A::TAKE1, S::Custom),
];
