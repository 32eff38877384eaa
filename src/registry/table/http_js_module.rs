//! `http_js_module`: generated once from `registry/data/`; rginx support is edited here.

use crate::registry::{Arity as A, Ctx, DirectiveSpec as D, Origin, Setter as S};

#[rustfmt::skip]
pub const DIRECTIVES: &[D] = &[
    D::new("js_engine", "http_js_module", Ctx::HTTP_MAIN.or(Ctx::HTTP_SRV).or(Ctx::HTTP_LOC), A::TAKE1, S::Custom).origin(Origin::ThirdParty),
    D::new("js_context_reuse", "http_js_module", Ctx::HTTP_MAIN.or(Ctx::HTTP_SRV).or(Ctx::HTTP_LOC), A::TAKE1, S::Size).origin(Origin::ThirdParty),
    D::new("js_context_reuse_max_size", "http_js_module", Ctx::HTTP_MAIN.or(Ctx::HTTP_SRV).or(Ctx::HTTP_LOC), A::TAKE1, S::Size).origin(Origin::ThirdParty),
    D::new("js_import", "http_js_module", Ctx::HTTP_MAIN.or(Ctx::HTTP_SRV).or(Ctx::HTTP_LOC), A::TAKE13, S::Custom).origin(Origin::ThirdParty),
    D::new("js_periodic", "http_js_module", Ctx::HTTP_LOC, A::ANY, S::Custom).origin(Origin::ThirdParty),
    D::new("js_preload_object", "http_js_module", Ctx::HTTP_MAIN.or(Ctx::HTTP_SRV).or(Ctx::HTTP_LOC), A::TAKE13, S::Custom).origin(Origin::ThirdParty),
    D::new("js_path", "http_js_module", Ctx::HTTP_MAIN.or(Ctx::HTTP_SRV).or(Ctx::HTTP_LOC), A::TAKE1, S::StrArray).origin(Origin::ThirdParty),
    D::new("js_set", "http_js_module", Ctx::HTTP_MAIN.or(Ctx::HTTP_SRV).or(Ctx::HTTP_LOC), A::TAKE23, S::Custom).origin(Origin::ThirdParty),
    D::new("js_var", "http_js_module", Ctx::HTTP_MAIN.or(Ctx::HTTP_SRV).or(Ctx::HTTP_LOC), A::TAKE12, S::Custom).origin(Origin::ThirdParty),
    D::new("js_access", "http_js_module", Ctx::HTTP_LOC.or(Ctx::HTTP_LIF).or(Ctx::HTTP_LMT), A::TAKE1, S::Custom).origin(Origin::ThirdParty),
    D::new("js_content", "http_js_module", Ctx::HTTP_LOC.or(Ctx::HTTP_LIF).or(Ctx::HTTP_LMT), A::TAKE1, S::Custom).origin(Origin::ThirdParty),
    D::new("js_header_filter", "http_js_module", Ctx::HTTP_LOC.or(Ctx::HTTP_LIF).or(Ctx::HTTP_LMT), A::TAKE1, S::Str).origin(Origin::ThirdParty),
    D::new("js_body_filter", "http_js_module", Ctx::HTTP_LOC.or(Ctx::HTTP_LIF).or(Ctx::HTTP_LMT), A::TAKE12, S::Custom).origin(Origin::ThirdParty),
    D::new("js_fetch_buffer_size", "http_js_module", Ctx::HTTP_MAIN.or(Ctx::HTTP_SRV).or(Ctx::HTTP_LOC), A::TAKE1, S::Size).origin(Origin::ThirdParty),
    D::new("js_fetch_max_response_buffer_size", "http_js_module", Ctx::HTTP_MAIN.or(Ctx::HTTP_SRV).or(Ctx::HTTP_LOC), A::TAKE1, S::Size).origin(Origin::ThirdParty),
    D::new("js_fetch_timeout", "http_js_module", Ctx::HTTP_MAIN.or(Ctx::HTTP_SRV).or(Ctx::HTTP_LOC), A::TAKE1, S::Msec).origin(Origin::ThirdParty),
    D::new("js_fetch_ciphers", "http_js_module", Ctx::HTTP_MAIN.or(Ctx::HTTP_SRV).or(Ctx::HTTP_LOC), A::TAKE1, S::Str).origin(Origin::ThirdParty),
    D::new("js_fetch_protocols", "http_js_module", Ctx::HTTP_MAIN.or(Ctx::HTTP_SRV).or(Ctx::HTTP_LOC), A::ONE_MORE, S::Bitmask).origin(Origin::ThirdParty),
    D::new("js_fetch_verify", "http_js_module", Ctx::HTTP_MAIN.or(Ctx::HTTP_SRV).or(Ctx::HTTP_LOC), A::FLAG, S::Flag).origin(Origin::ThirdParty),
    D::new("js_fetch_verify_depth", "http_js_module", Ctx::HTTP_MAIN.or(Ctx::HTTP_SRV).or(Ctx::HTTP_LOC), A::TAKE1, S::Num).origin(Origin::ThirdParty),
    D::new("js_fetch_trusted_certificate", "http_js_module", Ctx::HTTP_MAIN.or(Ctx::HTTP_SRV).or(Ctx::HTTP_LOC), A::TAKE1, S::Str).origin(Origin::ThirdParty),
    D::new("js_shared_dict_zone", "http_js_module", Ctx::HTTP_MAIN, A::ONE_MORE, S::Custom).origin(Origin::ThirdParty),
    D::new("js_fetch_keepalive", "http_js_module", Ctx::HTTP_MAIN.or(Ctx::HTTP_SRV).or(Ctx::HTTP_LOC), A::TAKE1, S::Num).origin(Origin::ThirdParty),
    D::new("js_fetch_keepalive_requests", "http_js_module", Ctx::HTTP_MAIN.or(Ctx::HTTP_SRV).or(Ctx::HTTP_LOC), A::TAKE1, S::Num).origin(Origin::ThirdParty),
    D::new("js_fetch_keepalive_time", "http_js_module", Ctx::HTTP_MAIN.or(Ctx::HTTP_SRV).or(Ctx::HTTP_LOC), A::TAKE1, S::Msec).origin(Origin::ThirdParty),
    D::new("js_fetch_keepalive_timeout", "http_js_module", Ctx::HTTP_MAIN.or(Ctx::HTTP_SRV).or(Ctx::HTTP_LOC), A::TAKE1, S::Msec).origin(Origin::ThirdParty),
    D::new("js_fetch_proxy", "http_js_module", Ctx::HTTP_MAIN.or(Ctx::HTTP_SRV).or(Ctx::HTTP_LOC), A::TAKE1, S::Custom).origin(Origin::ThirdParty),
];
