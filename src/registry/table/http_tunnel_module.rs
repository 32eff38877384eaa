//! `http_tunnel_module`: generated once from `registry/data/`; rginx support is edited here.

use crate::registry::{Arity as A, Ctx, DirectiveSpec as D, Setter as S, Values as V};

#[rustfmt::skip]
pub const DIRECTIVES: &[D] = &[
    D::new("tunnel_pass", "http_tunnel_module", Ctx::HTTP_SRV.or(Ctx::HTTP_LOC).or(Ctx::HTTP_LIF), A::NOARGS.or(A::TAKE1), S::Custom).added(crate::registry::Version::new(1, 23, 0)).doc("https://nginx.org/en/docs/http/ngx_http_tunnel_module.html#tunnel_pass"),
    D::new("tunnel_bind", "http_tunnel_module", Ctx::HTTP_MAIN.or(Ctx::HTTP_SRV).or(Ctx::HTTP_LOC), A::TAKE12, S::Custom).added(crate::registry::Version::new(1, 23, 0)).doc("https://nginx.org/en/docs/http/ngx_http_tunnel_module.html#tunnel_bind"),
    D::new("tunnel_socket_keepalive", "http_tunnel_module", Ctx::HTTP_MAIN.or(Ctx::HTTP_SRV).or(Ctx::HTTP_LOC), A::FLAG, S::Flag).added(crate::registry::Version::new(1, 23, 0)).default_value("off").doc("https://nginx.org/en/docs/http/ngx_http_tunnel_module.html#tunnel_socket_keepalive"),
    D::new("tunnel_socket_rcvbuf", "http_tunnel_module", Ctx::HTTP_MAIN.or(Ctx::HTTP_SRV).or(Ctx::HTTP_LOC), A::TAKE1, S::Size).added(crate::registry::Version::new(1, 23, 0)),
    D::new("tunnel_socket_sndbuf", "http_tunnel_module", Ctx::HTTP_MAIN.or(Ctx::HTTP_SRV).or(Ctx::HTTP_LOC), A::TAKE1, S::Size).added(crate::registry::Version::new(1, 23, 0)),
    D::new("tunnel_connect_timeout", "http_tunnel_module", Ctx::HTTP_MAIN.or(Ctx::HTTP_SRV).or(Ctx::HTTP_LOC), A::TAKE1, S::Msec).added(crate::registry::Version::new(1, 23, 0)).default_value("60s").doc("https://nginx.org/en/docs/http/ngx_http_tunnel_module.html#tunnel_connect_timeout"),
    D::new("tunnel_send_timeout", "http_tunnel_module", Ctx::HTTP_MAIN.or(Ctx::HTTP_SRV).or(Ctx::HTTP_LOC), A::TAKE1, S::Msec).added(crate::registry::Version::new(1, 23, 0)).default_value("60s").doc("https://nginx.org/en/docs/http/ngx_http_tunnel_module.html#tunnel_send_timeout"),
    D::new("tunnel_send_lowat", "http_tunnel_module", Ctx::HTTP_MAIN.or(Ctx::HTTP_SRV).or(Ctx::HTTP_LOC), A::TAKE1, S::Size).added(crate::registry::Version::new(1, 23, 0)).default_value("0").doc("https://nginx.org/en/docs/http/ngx_http_tunnel_module.html#tunnel_send_lowat"),
    D::new("tunnel_buffer_size", "http_tunnel_module", Ctx::HTTP_MAIN.or(Ctx::HTTP_SRV).or(Ctx::HTTP_LOC), A::TAKE1, S::Size).added(crate::registry::Version::new(1, 23, 0)).default_value("16k").doc("https://nginx.org/en/docs/http/ngx_http_tunnel_module.html#tunnel_buffer_size"),
    D::new("tunnel_read_timeout", "http_tunnel_module", Ctx::HTTP_MAIN.or(Ctx::HTTP_SRV).or(Ctx::HTTP_LOC), A::TAKE1, S::Msec).added(crate::registry::Version::new(1, 23, 0)).default_value("60s").doc("https://nginx.org/en/docs/http/ngx_http_tunnel_module.html#tunnel_read_timeout"),
    D::new("tunnel_next_upstream", "http_tunnel_module", Ctx::HTTP_MAIN.or(Ctx::HTTP_SRV).or(Ctx::HTTP_LOC), A::ONE_MORE, S::Bitmask).values(V::Bitmask(&["error", "timeout", "off"])).added(crate::registry::Version::new(1, 23, 0)).default_value("error timeout").doc("https://nginx.org/en/docs/http/ngx_http_tunnel_module.html#tunnel_next_upstream"),
    D::new("tunnel_next_upstream_tries", "http_tunnel_module", Ctx::HTTP_MAIN.or(Ctx::HTTP_SRV).or(Ctx::HTTP_LOC), A::TAKE1, S::Num).added(crate::registry::Version::new(1, 23, 0)).default_value("0").doc("https://nginx.org/en/docs/http/ngx_http_tunnel_module.html#tunnel_next_upstream_tries"),
    D::new("tunnel_next_upstream_timeout", "http_tunnel_module", Ctx::HTTP_MAIN.or(Ctx::HTTP_SRV).or(Ctx::HTTP_LOC), A::TAKE1, S::Msec).added(crate::registry::Version::new(1, 23, 0)).default_value("0").doc("https://nginx.org/en/docs/http/ngx_http_tunnel_module.html#tunnel_next_upstream_timeout"),
];
