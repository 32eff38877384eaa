//! `http_memcached_module`: generated once from `registry/data/`; rginx support is edited here.

use crate::registry::{Arity as A, Ctx, DirectiveSpec as D, Setter as S, Values as V};

#[rustfmt::skip]
pub const DIRECTIVES: &[D] = &[
    D::new("memcached_pass", "http_memcached_module", Ctx::HTTP_LOC.or(Ctx::HTTP_LIF), A::TAKE1, S::Custom).once(),
    D::new("memcached_bind", "http_memcached_module", Ctx::HTTP_MAIN.or(Ctx::HTTP_SRV).or(Ctx::HTTP_LOC), A::TAKE12, S::Custom),
    D::new("memcached_socket_keepalive", "http_memcached_module", Ctx::HTTP_MAIN.or(Ctx::HTTP_SRV).or(Ctx::HTTP_LOC), A::FLAG, S::Flag),
    D::new("memcached_connect_timeout", "http_memcached_module", Ctx::HTTP_MAIN.or(Ctx::HTTP_SRV).or(Ctx::HTTP_LOC), A::TAKE1, S::Msec),
    D::new("memcached_send_timeout", "http_memcached_module", Ctx::HTTP_MAIN.or(Ctx::HTTP_SRV).or(Ctx::HTTP_LOC), A::TAKE1, S::Msec),
    D::new("memcached_buffer_size", "http_memcached_module", Ctx::HTTP_MAIN.or(Ctx::HTTP_SRV).or(Ctx::HTTP_LOC), A::TAKE1, S::Size),
    D::new("memcached_read_timeout", "http_memcached_module", Ctx::HTTP_MAIN.or(Ctx::HTTP_SRV).or(Ctx::HTTP_LOC), A::TAKE1, S::Msec),
    D::new("memcached_next_upstream", "http_memcached_module", Ctx::HTTP_MAIN.or(Ctx::HTTP_SRV).or(Ctx::HTTP_LOC), A::ONE_MORE, S::Bitmask).values(V::Bitmask(&["error", "timeout", "invalid_response", "not_found", "off"])),
    D::new("memcached_next_upstream_tries", "http_memcached_module", Ctx::HTTP_MAIN.or(Ctx::HTTP_SRV).or(Ctx::HTTP_LOC), A::TAKE1, S::Num),
    D::new("memcached_next_upstream_timeout", "http_memcached_module", Ctx::HTTP_MAIN.or(Ctx::HTTP_SRV).or(Ctx::HTTP_LOC), A::TAKE1, S::Msec),
    D::new("memcached_gzip_flag", "http_memcached_module", Ctx::HTTP_MAIN.or(Ctx::HTTP_SRV).or(Ctx::HTTP_LOC), A::TAKE1, S::Num),
];
