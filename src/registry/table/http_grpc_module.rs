//! `http_grpc_module`: generated once from `registry/data/`; rginx support is edited here.

use crate::registry::{Arity as A, Ctx, DirectiveSpec as D, Setter as S, Values as V};

#[rustfmt::skip]
pub const DIRECTIVES: &[D] = &[
    D::new("grpc_pass", "http_grpc_module", Ctx::HTTP_LOC.or(Ctx::HTTP_LIF), A::TAKE1, S::Custom).once().doc("https://nginx.org/en/docs/http/ngx_http_grpc_module.html#grpc_pass"),
    D::new("grpc_bind", "http_grpc_module", Ctx::HTTP_MAIN.or(Ctx::HTTP_SRV).or(Ctx::HTTP_LOC), A::TAKE12, S::Custom).doc("https://nginx.org/en/docs/http/ngx_http_grpc_module.html#grpc_bind"),
    D::new("grpc_socket_keepalive", "http_grpc_module", Ctx::HTTP_MAIN.or(Ctx::HTTP_SRV).or(Ctx::HTTP_LOC), A::FLAG, S::Flag).default_value("off").doc("https://nginx.org/en/docs/http/ngx_http_grpc_module.html#grpc_socket_keepalive"),
    D::new("grpc_socket_rcvbuf", "http_grpc_module", Ctx::HTTP_MAIN.or(Ctx::HTTP_SRV).or(Ctx::HTTP_LOC), A::TAKE1, S::Size).added(crate::registry::Version::new(1, 23, 0)),
    D::new("grpc_socket_sndbuf", "http_grpc_module", Ctx::HTTP_MAIN.or(Ctx::HTTP_SRV).or(Ctx::HTTP_LOC), A::TAKE1, S::Size).added(crate::registry::Version::new(1, 23, 0)),
    D::new("grpc_connect_timeout", "http_grpc_module", Ctx::HTTP_MAIN.or(Ctx::HTTP_SRV).or(Ctx::HTTP_LOC), A::TAKE1, S::Msec).default_value("60s").doc("https://nginx.org/en/docs/http/ngx_http_grpc_module.html#grpc_connect_timeout"),
    D::new("grpc_send_timeout", "http_grpc_module", Ctx::HTTP_MAIN.or(Ctx::HTTP_SRV).or(Ctx::HTTP_LOC), A::TAKE1, S::Msec).default_value("60s").doc("https://nginx.org/en/docs/http/ngx_http_grpc_module.html#grpc_send_timeout"),
    D::new("grpc_intercept_errors", "http_grpc_module", Ctx::HTTP_MAIN.or(Ctx::HTTP_SRV).or(Ctx::HTTP_LOC), A::FLAG, S::Flag).default_value("off").doc("https://nginx.org/en/docs/http/ngx_http_grpc_module.html#grpc_intercept_errors"),
    D::new("grpc_buffer_size", "http_grpc_module", Ctx::HTTP_MAIN.or(Ctx::HTTP_SRV).or(Ctx::HTTP_LOC), A::TAKE1, S::Size).default_value("4k|8k").doc("https://nginx.org/en/docs/http/ngx_http_grpc_module.html#grpc_buffer_size"),
    D::new("grpc_read_timeout", "http_grpc_module", Ctx::HTTP_MAIN.or(Ctx::HTTP_SRV).or(Ctx::HTTP_LOC), A::TAKE1, S::Msec).default_value("60s").doc("https://nginx.org/en/docs/http/ngx_http_grpc_module.html#grpc_read_timeout"),
    D::new("grpc_next_upstream", "http_grpc_module", Ctx::HTTP_MAIN.or(Ctx::HTTP_SRV).or(Ctx::HTTP_LOC), A::ONE_MORE, S::Bitmask).values(V::Bitmask(&["error", "timeout", "invalid_header", "non_idempotent", "http_500", "http_502", "http_503", "http_504", "http_403", "http_404", "http_429", "off"])).default_value("error timeout").doc("https://nginx.org/en/docs/http/ngx_http_grpc_module.html#grpc_next_upstream"),
    D::new("grpc_next_upstream_tries", "http_grpc_module", Ctx::HTTP_MAIN.or(Ctx::HTTP_SRV).or(Ctx::HTTP_LOC), A::TAKE1, S::Num).default_value("0").doc("https://nginx.org/en/docs/http/ngx_http_grpc_module.html#grpc_next_upstream_tries"),
    D::new("grpc_next_upstream_timeout", "http_grpc_module", Ctx::HTTP_MAIN.or(Ctx::HTTP_SRV).or(Ctx::HTTP_LOC), A::TAKE1, S::Msec).default_value("0").doc("https://nginx.org/en/docs/http/ngx_http_grpc_module.html#grpc_next_upstream_timeout"),
    D::new("grpc_set_header", "http_grpc_module", Ctx::HTTP_MAIN.or(Ctx::HTTP_SRV).or(Ctx::HTTP_LOC), A::TAKE2, S::KeyVal).default_value("Content-Length $content_length").doc("https://nginx.org/en/docs/http/ngx_http_grpc_module.html#grpc_set_header"),
    D::new("grpc_pass_header", "http_grpc_module", Ctx::HTTP_MAIN.or(Ctx::HTTP_SRV).or(Ctx::HTTP_LOC), A::TAKE1, S::StrArray).doc("https://nginx.org/en/docs/http/ngx_http_grpc_module.html#grpc_pass_header"),
    D::new("grpc_hide_header", "http_grpc_module", Ctx::HTTP_MAIN.or(Ctx::HTTP_SRV).or(Ctx::HTTP_LOC), A::TAKE1, S::StrArray).doc("https://nginx.org/en/docs/http/ngx_http_grpc_module.html#grpc_hide_header"),
    D::new("grpc_ignore_headers", "http_grpc_module", Ctx::HTTP_MAIN.or(Ctx::HTTP_SRV).or(Ctx::HTTP_LOC), A::ONE_MORE, S::Bitmask).values(V::Bitmask(&["X-Accel-Redirect", "X-Accel-Expires", "X-Accel-Limit-Rate", "X-Accel-Buffering", "X-Accel-Charset", "Expires", "Cache-Control", "Set-Cookie", "Vary"])).doc("https://nginx.org/en/docs/http/ngx_http_grpc_module.html#grpc_ignore_headers"),
    D::new("grpc_ssl_session_reuse", "http_grpc_module", Ctx::HTTP_MAIN.or(Ctx::HTTP_SRV).or(Ctx::HTTP_LOC), A::FLAG, S::Flag).default_value("on").doc("https://nginx.org/en/docs/http/ngx_http_grpc_module.html#grpc_ssl_session_reuse"),
    D::new("grpc_ssl_protocols", "http_grpc_module", Ctx::HTTP_MAIN.or(Ctx::HTTP_SRV).or(Ctx::HTTP_LOC), A::ONE_MORE, S::Bitmask).values(V::Bitmask(&["SSLv2", "SSLv3", "TLSv1", "TLSv1.1", "TLSv1.2", "TLSv1.3"])).default_value("TLSv1.2 TLSv1.3").doc("https://nginx.org/en/docs/http/ngx_http_grpc_module.html#grpc_ssl_protocols"),
    D::new("grpc_ssl_ciphers", "http_grpc_module", Ctx::HTTP_MAIN.or(Ctx::HTTP_SRV).or(Ctx::HTTP_LOC), A::TAKE1, S::Str).default_value("DEFAULT").doc("https://nginx.org/en/docs/http/ngx_http_grpc_module.html#grpc_ssl_ciphers"),
    D::new("grpc_ssl_name", "http_grpc_module", Ctx::HTTP_MAIN.or(Ctx::HTTP_SRV).or(Ctx::HTTP_LOC), A::TAKE1, S::Custom).once().default_value("host from grpc_pass").doc("https://nginx.org/en/docs/http/ngx_http_grpc_module.html#grpc_ssl_name"),
    D::new("grpc_ssl_server_name", "http_grpc_module", Ctx::HTTP_MAIN.or(Ctx::HTTP_SRV).or(Ctx::HTTP_LOC), A::FLAG, S::Flag).default_value("off").doc("https://nginx.org/en/docs/http/ngx_http_grpc_module.html#grpc_ssl_server_name"),
    D::new("grpc_ssl_verify", "http_grpc_module", Ctx::HTTP_MAIN.or(Ctx::HTTP_SRV).or(Ctx::HTTP_LOC), A::FLAG, S::Flag).default_value("off").doc("https://nginx.org/en/docs/http/ngx_http_grpc_module.html#grpc_ssl_verify"),
    D::new("grpc_ssl_verify_depth", "http_grpc_module", Ctx::HTTP_MAIN.or(Ctx::HTTP_SRV).or(Ctx::HTTP_LOC), A::TAKE1, S::Num).default_value("1").doc("https://nginx.org/en/docs/http/ngx_http_grpc_module.html#grpc_ssl_verify_depth"),
    D::new("grpc_ssl_trusted_certificate", "http_grpc_module", Ctx::HTTP_MAIN.or(Ctx::HTTP_SRV).or(Ctx::HTTP_LOC), A::TAKE1, S::Str).doc("https://nginx.org/en/docs/http/ngx_http_grpc_module.html#grpc_ssl_trusted_certificate"),
    D::new("grpc_ssl_crl", "http_grpc_module", Ctx::HTTP_MAIN.or(Ctx::HTTP_SRV).or(Ctx::HTTP_LOC), A::TAKE1, S::Str).doc("https://nginx.org/en/docs/http/ngx_http_grpc_module.html#grpc_ssl_crl"),
    D::new("grpc_ssl_certificate", "http_grpc_module", Ctx::HTTP_MAIN.or(Ctx::HTTP_SRV).or(Ctx::HTTP_LOC), A::TAKE1, S::Custom).doc("https://nginx.org/en/docs/http/ngx_http_grpc_module.html#grpc_ssl_certificate"),
    D::new("grpc_ssl_certificate_key", "http_grpc_module", Ctx::HTTP_MAIN.or(Ctx::HTTP_SRV).or(Ctx::HTTP_LOC), A::TAKE1, S::Custom).doc("https://nginx.org/en/docs/http/ngx_http_grpc_module.html#grpc_ssl_certificate_key"),
    D::new("grpc_ssl_certificate_cache", "http_grpc_module", Ctx::HTTP_MAIN.or(Ctx::HTTP_SRV).or(Ctx::HTTP_LOC), A::TAKE123, S::Custom).added(crate::registry::Version::new(1, 27, 4)).default_value("off").doc("https://nginx.org/en/docs/http/ngx_http_grpc_module.html#grpc_ssl_certificate_cache"),
    D::new("grpc_ssl_password_file", "http_grpc_module", Ctx::HTTP_MAIN.or(Ctx::HTTP_SRV).or(Ctx::HTTP_LOC), A::TAKE1, S::Custom).once().doc("https://nginx.org/en/docs/http/ngx_http_grpc_module.html#grpc_ssl_password_file"),
    D::new("grpc_ssl_conf_command", "http_grpc_module", Ctx::HTTP_MAIN.or(Ctx::HTTP_SRV).or(Ctx::HTTP_LOC), A::TAKE2, S::KeyVal).doc("https://nginx.org/en/docs/http/ngx_http_grpc_module.html#grpc_ssl_conf_command"),
];
