//! `stream_js_module`: generated once from `registry/data/`; rginx support is edited here.

use crate::registry::{Arity as A, Ctx, DirectiveSpec as D, Origin, Setter as S};

#[rustfmt::skip]
pub const DIRECTIVES: &[D] = &[
    D::new("js_engine", "stream_js_module", Ctx::STREAM_MAIN.or(Ctx::STREAM_SRV), A::ONE_MORE, S::Custom).origin(Origin::ThirdParty),
    D::new("js_context_reuse", "stream_js_module", Ctx::STREAM_MAIN.or(Ctx::STREAM_SRV), A::TAKE1, S::Size).origin(Origin::ThirdParty),
    D::new("js_context_reuse_max_size", "stream_js_module", Ctx::STREAM_MAIN.or(Ctx::STREAM_SRV), A::TAKE1, S::Size).origin(Origin::ThirdParty),
    D::new("js_import", "stream_js_module", Ctx::STREAM_MAIN.or(Ctx::STREAM_SRV), A::TAKE13, S::Custom).origin(Origin::ThirdParty),
    D::new("js_periodic", "stream_js_module", Ctx::STREAM_SRV, A::ANY, S::Custom).origin(Origin::ThirdParty),
    D::new("js_preload_object", "stream_js_module", Ctx::STREAM_MAIN.or(Ctx::STREAM_SRV), A::TAKE13, S::Custom).origin(Origin::ThirdParty),
    D::new("js_path", "stream_js_module", Ctx::STREAM_MAIN.or(Ctx::STREAM_SRV), A::TAKE1, S::StrArray).origin(Origin::ThirdParty),
    D::new("js_set", "stream_js_module", Ctx::STREAM_MAIN.or(Ctx::STREAM_SRV), A::TAKE23, S::Custom).origin(Origin::ThirdParty),
    D::new("js_var", "stream_js_module", Ctx::STREAM_MAIN.or(Ctx::STREAM_SRV), A::TAKE12, S::Custom).origin(Origin::ThirdParty),
    D::new("js_access", "stream_js_module", Ctx::STREAM_MAIN.or(Ctx::STREAM_SRV), A::TAKE1, S::Str).origin(Origin::ThirdParty),
    D::new("js_preread", "stream_js_module", Ctx::STREAM_MAIN.or(Ctx::STREAM_SRV), A::TAKE1, S::Str).origin(Origin::ThirdParty),
    D::new("js_filter", "stream_js_module", Ctx::STREAM_MAIN.or(Ctx::STREAM_SRV), A::TAKE1, S::Str).origin(Origin::ThirdParty),
    D::new("js_fetch_buffer_size", "stream_js_module", Ctx::STREAM_MAIN.or(Ctx::STREAM_SRV), A::TAKE1, S::Size).origin(Origin::ThirdParty),
    D::new("js_fetch_max_response_buffer_size", "stream_js_module", Ctx::STREAM_MAIN.or(Ctx::STREAM_SRV), A::TAKE1, S::Size).origin(Origin::ThirdParty),
    D::new("js_fetch_timeout", "stream_js_module", Ctx::STREAM_MAIN.or(Ctx::STREAM_SRV), A::TAKE1, S::Msec).origin(Origin::ThirdParty),
    D::new("js_fetch_keepalive", "stream_js_module", Ctx::STREAM_MAIN.or(Ctx::STREAM_SRV), A::TAKE1, S::Num).origin(Origin::ThirdParty),
    D::new("js_fetch_keepalive_requests", "stream_js_module", Ctx::STREAM_MAIN.or(Ctx::STREAM_SRV), A::TAKE1, S::Num).origin(Origin::ThirdParty),
    D::new("js_fetch_keepalive_time", "stream_js_module", Ctx::STREAM_MAIN.or(Ctx::STREAM_SRV), A::TAKE1, S::Msec).origin(Origin::ThirdParty),
    D::new("js_fetch_keepalive_timeout", "stream_js_module", Ctx::STREAM_MAIN.or(Ctx::STREAM_SRV), A::TAKE1, S::Msec).origin(Origin::ThirdParty),
    D::new("js_fetch_ciphers", "stream_js_module", Ctx::STREAM_MAIN.or(Ctx::STREAM_SRV), A::TAKE1, S::Str).origin(Origin::ThirdParty),
    D::new("js_fetch_protocols", "stream_js_module", Ctx::STREAM_MAIN.or(Ctx::STREAM_SRV), A::ONE_MORE, S::Bitmask).origin(Origin::ThirdParty),
    D::new("js_fetch_verify", "stream_js_module", Ctx::STREAM_MAIN.or(Ctx::STREAM_SRV), A::FLAG, S::Flag).origin(Origin::ThirdParty),
    D::new("js_fetch_verify_depth", "stream_js_module", Ctx::STREAM_MAIN.or(Ctx::STREAM_SRV), A::TAKE1, S::Num).origin(Origin::ThirdParty),
    D::new("js_fetch_trusted_certificate", "stream_js_module", Ctx::STREAM_MAIN.or(Ctx::STREAM_SRV), A::TAKE1, S::Str).origin(Origin::ThirdParty),
    D::new("js_shared_dict_zone", "stream_js_module", Ctx::STREAM_MAIN, A::ONE_MORE, S::Custom).origin(Origin::ThirdParty),
    D::new("js_fetch_proxy", "stream_js_module", Ctx::STREAM_MAIN.or(Ctx::STREAM_SRV), A::TAKE1, S::Custom).origin(Origin::ThirdParty),
];
