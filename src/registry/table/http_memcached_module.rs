//! `http_memcached_module`: generated once from `registry/data/`; rginx support is edited here.

use crate::registry::{Arity as A, Ctx, DirectiveSpec as D, Setter as S, Values as V};

#[rustfmt::skip]
pub const DIRECTIVES: &[D] = &[
    D::new("memcached_pass", "http_memcached_module", Ctx::HTTP_LOC.or(Ctx::HTTP_LIF), A::TAKE1, S::Custom).once().doc("https://nginx.org/en/docs/http/ngx_http_memcached_module.html#memcached_pass"),
    D::new("memcached_bind", "http_memcached_module", Ctx::HTTP_MAIN.or(Ctx::HTTP_SRV).or(Ctx::HTTP_LOC), A::TAKE12, S::Custom).doc("https://nginx.org/en/docs/http/ngx_http_memcached_module.html#memcached_bind"),
    D::new("memcached_socket_keepalive", "http_memcached_module", Ctx::HTTP_MAIN.or(Ctx::HTTP_SRV).or(Ctx::HTTP_LOC), A::FLAG, S::Flag).default_value("off").doc("https://nginx.org/en/docs/http/ngx_http_memcached_module.html#memcached_socket_keepalive"),
    D::new("memcached_connect_timeout", "http_memcached_module", Ctx::HTTP_MAIN.or(Ctx::HTTP_SRV).or(Ctx::HTTP_LOC), A::TAKE1, S::Msec).default_value("60s").doc("https://nginx.org/en/docs/http/ngx_http_memcached_module.html#memcached_connect_timeout"),
    D::new("memcached_send_timeout", "http_memcached_module", Ctx::HTTP_MAIN.or(Ctx::HTTP_SRV).or(Ctx::HTTP_LOC), A::TAKE1, S::Msec).default_value("60s").doc("https://nginx.org/en/docs/http/ngx_http_memcached_module.html#memcached_send_timeout"),
    D::new("memcached_buffer_size", "http_memcached_module", Ctx::HTTP_MAIN.or(Ctx::HTTP_SRV).or(Ctx::HTTP_LOC), A::TAKE1, S::Size).default_value("4k|8k").doc("https://nginx.org/en/docs/http/ngx_http_memcached_module.html#memcached_buffer_size"),
    D::new("memcached_read_timeout", "http_memcached_module", Ctx::HTTP_MAIN.or(Ctx::HTTP_SRV).or(Ctx::HTTP_LOC), A::TAKE1, S::Msec).default_value("60s").doc("https://nginx.org/en/docs/http/ngx_http_memcached_module.html#memcached_read_timeout"),
    D::new("memcached_next_upstream", "http_memcached_module", Ctx::HTTP_MAIN.or(Ctx::HTTP_SRV).or(Ctx::HTTP_LOC), A::ONE_MORE, S::Bitmask).values(V::Bitmask(&["error", "timeout", "invalid_response", "not_found", "off"])).default_value("error timeout").doc("https://nginx.org/en/docs/http/ngx_http_memcached_module.html#memcached_next_upstream"),
    D::new("memcached_next_upstream_tries", "http_memcached_module", Ctx::HTTP_MAIN.or(Ctx::HTTP_SRV).or(Ctx::HTTP_LOC), A::TAKE1, S::Num).default_value("0").doc("https://nginx.org/en/docs/http/ngx_http_memcached_module.html#memcached_next_upstream_tries"),
    D::new("memcached_next_upstream_timeout", "http_memcached_module", Ctx::HTTP_MAIN.or(Ctx::HTTP_SRV).or(Ctx::HTTP_LOC), A::TAKE1, S::Msec).default_value("0").doc("https://nginx.org/en/docs/http/ngx_http_memcached_module.html#memcached_next_upstream_timeout"),
    D::new("memcached_gzip_flag", "http_memcached_module", Ctx::HTTP_MAIN.or(Ctx::HTTP_SRV).or(Ctx::HTTP_LOC), A::TAKE1, S::Num).doc("https://nginx.org/en/docs/http/ngx_http_memcached_module.html#memcached_gzip_flag"),
];
