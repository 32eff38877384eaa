//! `stream_js_module`: generated once from `registry/data/`; rginx support is edited here.

use crate::registry::{Arity as A, Ctx, DirectiveSpec as D, Origin, Setter as S};

#[rustfmt::skip]
pub const DIRECTIVES: &[D] = &[
    D::new("js_engine", "stream_js_module", Ctx::STREAM_MAIN.or(Ctx::STREAM_SRV), A::ONE_MORE, S::Custom).origin(Origin::ThirdParty).default_value("njs").doc("https://nginx.org/en/docs/stream/ngx_stream_js_module.html#js_engine"),
    D::new("js_context_reuse", "stream_js_module", Ctx::STREAM_MAIN.or(Ctx::STREAM_SRV), A::TAKE1, S::Size).origin(Origin::ThirdParty).default_value("128").doc("https://nginx.org/en/docs/stream/ngx_stream_js_module.html#js_context_reuse"),
    D::new("js_context_reuse_max_size", "stream_js_module", Ctx::STREAM_MAIN.or(Ctx::STREAM_SRV), A::TAKE1, S::Size).origin(Origin::ThirdParty),
    D::new("js_import", "stream_js_module", Ctx::STREAM_MAIN.or(Ctx::STREAM_SRV), A::TAKE13, S::Custom).origin(Origin::ThirdParty).doc("https://nginx.org/en/docs/stream/ngx_stream_js_module.html#js_import"),
    D::new("js_periodic", "stream_js_module", Ctx::STREAM_SRV, A::ANY, S::Custom).origin(Origin::ThirdParty).doc("https://nginx.org/en/docs/stream/ngx_stream_js_module.html#js_periodic"),
    D::new("js_preload_object", "stream_js_module", Ctx::STREAM_MAIN.or(Ctx::STREAM_SRV), A::TAKE13, S::Custom).origin(Origin::ThirdParty).doc("https://nginx.org/en/docs/stream/ngx_stream_js_module.html#js_preload_object"),
    D::new("js_path", "stream_js_module", Ctx::STREAM_MAIN.or(Ctx::STREAM_SRV), A::TAKE1, S::StrArray).origin(Origin::ThirdParty).doc("https://nginx.org/en/docs/stream/ngx_stream_js_module.html#js_path"),
    D::new("js_set", "stream_js_module", Ctx::STREAM_MAIN.or(Ctx::STREAM_SRV), A::TAKE23, S::Custom).origin(Origin::ThirdParty).doc("https://nginx.org/en/docs/stream/ngx_stream_js_module.html#js_set"),
    D::new("js_var", "stream_js_module", Ctx::STREAM_MAIN.or(Ctx::STREAM_SRV), A::TAKE12, S::Custom).origin(Origin::ThirdParty).doc("https://nginx.org/en/docs/stream/ngx_stream_js_module.html#js_var"),
    D::new("js_access", "stream_js_module", Ctx::STREAM_MAIN.or(Ctx::STREAM_SRV), A::TAKE1, S::Str).origin(Origin::ThirdParty).doc("https://nginx.org/en/docs/stream/ngx_stream_js_module.html#js_access"),
    D::new("js_preread", "stream_js_module", Ctx::STREAM_MAIN.or(Ctx::STREAM_SRV), A::TAKE1, S::Str).origin(Origin::ThirdParty).doc("https://nginx.org/en/docs/stream/ngx_stream_js_module.html#js_preread"),
    D::new("js_filter", "stream_js_module", Ctx::STREAM_MAIN.or(Ctx::STREAM_SRV), A::TAKE1, S::Str).origin(Origin::ThirdParty).doc("https://nginx.org/en/docs/stream/ngx_stream_js_module.html#js_filter"),
    D::new("js_fetch_buffer_size", "stream_js_module", Ctx::STREAM_MAIN.or(Ctx::STREAM_SRV), A::TAKE1, S::Size).origin(Origin::ThirdParty).default_value("16k").doc("https://nginx.org/en/docs/stream/ngx_stream_js_module.html#js_fetch_buffer_size"),
    D::new("js_fetch_max_response_buffer_size", "stream_js_module", Ctx::STREAM_MAIN.or(Ctx::STREAM_SRV), A::TAKE1, S::Size).origin(Origin::ThirdParty).default_value("1m").doc("https://nginx.org/en/docs/stream/ngx_stream_js_module.html#js_fetch_max_response_buffer_size"),
    D::new("js_fetch_timeout", "stream_js_module", Ctx::STREAM_MAIN.or(Ctx::STREAM_SRV), A::TAKE1, S::Msec).origin(Origin::ThirdParty).default_value("60s").doc("https://nginx.org/en/docs/stream/ngx_stream_js_module.html#js_fetch_timeout"),
    D::new("js_fetch_keepalive", "stream_js_module", Ctx::STREAM_MAIN.or(Ctx::STREAM_SRV), A::TAKE1, S::Num).origin(Origin::ThirdParty).default_value("0").doc("https://nginx.org/en/docs/stream/ngx_stream_js_module.html#js_fetch_keepalive"),
    D::new("js_fetch_keepalive_requests", "stream_js_module", Ctx::STREAM_MAIN.or(Ctx::STREAM_SRV), A::TAKE1, S::Num).origin(Origin::ThirdParty).default_value("1000").doc("https://nginx.org/en/docs/stream/ngx_stream_js_module.html#js_fetch_keepalive_requests"),
    D::new("js_fetch_keepalive_time", "stream_js_module", Ctx::STREAM_MAIN.or(Ctx::STREAM_SRV), A::TAKE1, S::Msec).origin(Origin::ThirdParty).default_value("1h").doc("https://nginx.org/en/docs/stream/ngx_stream_js_module.html#js_fetch_keepalive_time"),
    D::new("js_fetch_keepalive_timeout", "stream_js_module", Ctx::STREAM_MAIN.or(Ctx::STREAM_SRV), A::TAKE1, S::Msec).origin(Origin::ThirdParty).default_value("60s").doc("https://nginx.org/en/docs/stream/ngx_stream_js_module.html#js_fetch_keepalive_timeout"),
    D::new("js_fetch_ciphers", "stream_js_module", Ctx::STREAM_MAIN.or(Ctx::STREAM_SRV), A::TAKE1, S::Str).origin(Origin::ThirdParty).default_value("HIGH:!aNULL:!MD5").doc("https://nginx.org/en/docs/stream/ngx_stream_js_module.html#js_fetch_ciphers"),
    D::new("js_fetch_protocols", "stream_js_module", Ctx::STREAM_MAIN.or(Ctx::STREAM_SRV), A::ONE_MORE, S::Bitmask).origin(Origin::ThirdParty).default_value("TLSv1 TLSv1.1 TLSv1.2").doc("https://nginx.org/en/docs/stream/ngx_stream_js_module.html#js_fetch_protocols"),
    D::new("js_fetch_verify", "stream_js_module", Ctx::STREAM_MAIN.or(Ctx::STREAM_SRV), A::FLAG, S::Flag).origin(Origin::ThirdParty).default_value("on").doc("https://nginx.org/en/docs/stream/ngx_stream_js_module.html#js_fetch_verify"),
    D::new("js_fetch_verify_depth", "stream_js_module", Ctx::STREAM_MAIN.or(Ctx::STREAM_SRV), A::TAKE1, S::Num).origin(Origin::ThirdParty).default_value("100").doc("https://nginx.org/en/docs/stream/ngx_stream_js_module.html#js_fetch_verify_depth"),
    D::new("js_fetch_trusted_certificate", "stream_js_module", Ctx::STREAM_MAIN.or(Ctx::STREAM_SRV), A::TAKE1, S::Str).origin(Origin::ThirdParty).doc("https://nginx.org/en/docs/stream/ngx_stream_js_module.html#js_fetch_trusted_certificate"),
    D::new("js_shared_dict_zone", "stream_js_module", Ctx::STREAM_MAIN, A::ONE_MORE, S::Custom).origin(Origin::ThirdParty).doc("https://nginx.org/en/docs/stream/ngx_stream_js_module.html#js_shared_dict_zone"),
    D::new("js_fetch_proxy", "stream_js_module", Ctx::STREAM_MAIN.or(Ctx::STREAM_SRV), A::TAKE1, S::Custom).origin(Origin::ThirdParty).doc("https://nginx.org/en/docs/stream/ngx_stream_js_module.html#js_fetch_proxy"),
];
