//! `http_js_module`: generated once from `registry/data/`; rginx support is edited here.

use crate::registry::{Arity as A, Ctx, DirectiveSpec as D, Origin, Setter as S};

#[rustfmt::skip]
pub const DIRECTIVES: &[D] = &[
    D::new("js_engine", "http_js_module", Ctx::HTTP_MAIN.or(Ctx::HTTP_SRV).or(Ctx::HTTP_LOC), A::TAKE1, S::Custom).origin(Origin::ThirdParty).default_value("njs").doc("https://nginx.org/en/docs/http/ngx_http_js_module.html#js_engine"),
    D::new("js_context_reuse", "http_js_module", Ctx::HTTP_MAIN.or(Ctx::HTTP_SRV).or(Ctx::HTTP_LOC), A::TAKE1, S::Size).origin(Origin::ThirdParty).default_value("128").doc("https://nginx.org/en/docs/http/ngx_http_js_module.html#js_context_reuse"),
    D::new("js_context_reuse_max_size", "http_js_module", Ctx::HTTP_MAIN.or(Ctx::HTTP_SRV).or(Ctx::HTTP_LOC), A::TAKE1, S::Size).origin(Origin::ThirdParty),
    D::new("js_import", "http_js_module", Ctx::HTTP_MAIN.or(Ctx::HTTP_SRV).or(Ctx::HTTP_LOC), A::TAKE13, S::Custom).origin(Origin::ThirdParty).doc("https://nginx.org/en/docs/http/ngx_http_js_module.html#js_import"),
    D::new("js_periodic", "http_js_module", Ctx::HTTP_LOC, A::ANY, S::Custom).origin(Origin::ThirdParty).doc("https://nginx.org/en/docs/http/ngx_http_js_module.html#js_periodic"),
    D::new("js_preload_object", "http_js_module", Ctx::HTTP_MAIN.or(Ctx::HTTP_SRV).or(Ctx::HTTP_LOC), A::TAKE13, S::Custom).origin(Origin::ThirdParty).doc("https://nginx.org/en/docs/http/ngx_http_js_module.html#js_preload_object"),
    D::new("js_path", "http_js_module", Ctx::HTTP_MAIN.or(Ctx::HTTP_SRV).or(Ctx::HTTP_LOC), A::TAKE1, S::StrArray).origin(Origin::ThirdParty).doc("https://nginx.org/en/docs/http/ngx_http_js_module.html#js_path"),
    D::new("js_set", "http_js_module", Ctx::HTTP_MAIN.or(Ctx::HTTP_SRV).or(Ctx::HTTP_LOC), A::TAKE23, S::Custom).origin(Origin::ThirdParty).doc("https://nginx.org/en/docs/http/ngx_http_js_module.html#js_set"),
    D::new("js_var", "http_js_module", Ctx::HTTP_MAIN.or(Ctx::HTTP_SRV).or(Ctx::HTTP_LOC), A::TAKE12, S::Custom).origin(Origin::ThirdParty).doc("https://nginx.org/en/docs/http/ngx_http_js_module.html#js_var"),
    D::new("js_access", "http_js_module", Ctx::HTTP_LOC.or(Ctx::HTTP_LIF).or(Ctx::HTTP_LMT), A::TAKE1, S::Custom).origin(Origin::ThirdParty),
    D::new("js_content", "http_js_module", Ctx::HTTP_LOC.or(Ctx::HTTP_LIF).or(Ctx::HTTP_LMT), A::TAKE1, S::Custom).origin(Origin::ThirdParty).doc("https://nginx.org/en/docs/http/ngx_http_js_module.html#js_content"),
    D::new("js_header_filter", "http_js_module", Ctx::HTTP_LOC.or(Ctx::HTTP_LIF).or(Ctx::HTTP_LMT), A::TAKE1, S::Str).origin(Origin::ThirdParty).doc("https://nginx.org/en/docs/http/ngx_http_js_module.html#js_header_filter"),
    D::new("js_body_filter", "http_js_module", Ctx::HTTP_LOC.or(Ctx::HTTP_LIF).or(Ctx::HTTP_LMT), A::TAKE12, S::Custom).origin(Origin::ThirdParty).doc("https://nginx.org/en/docs/http/ngx_http_js_module.html#js_body_filter"),
    D::new("js_fetch_buffer_size", "http_js_module", Ctx::HTTP_MAIN.or(Ctx::HTTP_SRV).or(Ctx::HTTP_LOC), A::TAKE1, S::Size).origin(Origin::ThirdParty).default_value("16k").doc("https://nginx.org/en/docs/http/ngx_http_js_module.html#js_fetch_buffer_size"),
    D::new("js_fetch_max_response_buffer_size", "http_js_module", Ctx::HTTP_MAIN.or(Ctx::HTTP_SRV).or(Ctx::HTTP_LOC), A::TAKE1, S::Size).origin(Origin::ThirdParty).default_value("1m").doc("https://nginx.org/en/docs/http/ngx_http_js_module.html#js_fetch_max_response_buffer_size"),
    D::new("js_fetch_timeout", "http_js_module", Ctx::HTTP_MAIN.or(Ctx::HTTP_SRV).or(Ctx::HTTP_LOC), A::TAKE1, S::Msec).origin(Origin::ThirdParty).default_value("60s").doc("https://nginx.org/en/docs/http/ngx_http_js_module.html#js_fetch_timeout"),
    D::new("js_fetch_ciphers", "http_js_module", Ctx::HTTP_MAIN.or(Ctx::HTTP_SRV).or(Ctx::HTTP_LOC), A::TAKE1, S::Str).origin(Origin::ThirdParty).default_value("HIGH:!aNULL:!MD5").doc("https://nginx.org/en/docs/http/ngx_http_js_module.html#js_fetch_ciphers"),
    D::new("js_fetch_protocols", "http_js_module", Ctx::HTTP_MAIN.or(Ctx::HTTP_SRV).or(Ctx::HTTP_LOC), A::ONE_MORE, S::Bitmask).origin(Origin::ThirdParty).default_value("TLSv1 TLSv1.1 TLSv1.2").doc("https://nginx.org/en/docs/http/ngx_http_js_module.html#js_fetch_protocols"),
    D::new("js_fetch_verify", "http_js_module", Ctx::HTTP_MAIN.or(Ctx::HTTP_SRV).or(Ctx::HTTP_LOC), A::FLAG, S::Flag).origin(Origin::ThirdParty).default_value("on").doc("https://nginx.org/en/docs/http/ngx_http_js_module.html#js_fetch_verify"),
    D::new("js_fetch_verify_depth", "http_js_module", Ctx::HTTP_MAIN.or(Ctx::HTTP_SRV).or(Ctx::HTTP_LOC), A::TAKE1, S::Num).origin(Origin::ThirdParty).default_value("100").doc("https://nginx.org/en/docs/http/ngx_http_js_module.html#js_fetch_verify_depth"),
    D::new("js_fetch_trusted_certificate", "http_js_module", Ctx::HTTP_MAIN.or(Ctx::HTTP_SRV).or(Ctx::HTTP_LOC), A::TAKE1, S::Str).origin(Origin::ThirdParty).doc("https://nginx.org/en/docs/http/ngx_http_js_module.html#js_fetch_trusted_certificate"),
    D::new("js_shared_dict_zone", "http_js_module", Ctx::HTTP_MAIN, A::ONE_MORE, S::Custom).origin(Origin::ThirdParty).doc("https://nginx.org/en/docs/http/ngx_http_js_module.html#js_shared_dict_zone"),
    D::new("js_fetch_keepalive", "http_js_module", Ctx::HTTP_MAIN.or(Ctx::HTTP_SRV).or(Ctx::HTTP_LOC), A::TAKE1, S::Num).origin(Origin::ThirdParty).default_value("0").doc("https://nginx.org/en/docs/http/ngx_http_js_module.html#js_fetch_keepalive"),
    D::new("js_fetch_keepalive_requests", "http_js_module", Ctx::HTTP_MAIN.or(Ctx::HTTP_SRV).or(Ctx::HTTP_LOC), A::TAKE1, S::Num).origin(Origin::ThirdParty).default_value("1000").doc("https://nginx.org/en/docs/http/ngx_http_js_module.html#js_fetch_keepalive_requests"),
    D::new("js_fetch_keepalive_time", "http_js_module", Ctx::HTTP_MAIN.or(Ctx::HTTP_SRV).or(Ctx::HTTP_LOC), A::TAKE1, S::Msec).origin(Origin::ThirdParty).default_value("1h").doc("https://nginx.org/en/docs/http/ngx_http_js_module.html#js_fetch_keepalive_time"),
    D::new("js_fetch_keepalive_timeout", "http_js_module", Ctx::HTTP_MAIN.or(Ctx::HTTP_SRV).or(Ctx::HTTP_LOC), A::TAKE1, S::Msec).origin(Origin::ThirdParty).default_value("60s").doc("https://nginx.org/en/docs/http/ngx_http_js_module.html#js_fetch_keepalive_timeout"),
    D::new("js_fetch_proxy", "http_js_module", Ctx::HTTP_MAIN.or(Ctx::HTTP_SRV).or(Ctx::HTTP_LOC), A::TAKE1, S::Custom).origin(Origin::ThirdParty).doc("https://nginx.org/en/docs/http/ngx_http_js_module.html#js_fetch_proxy"),
];
