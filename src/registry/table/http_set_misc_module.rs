//! `http_set_misc_module`: generated once from `registry/data/`; rginx support is edited here.

use crate::registry::{Arity as A, Ctx, DirectiveSpec as D, Origin, Setter as S};

#[rustfmt::skip]
pub const DIRECTIVES: &[D] = &[
    D::new("set_encode_base64", "http_set_misc_module", Ctx::HTTP_MAIN.or(Ctx::HTTP_SRV).or(Ctx::HTTP_SIF).or(Ctx::HTTP_LOC).or(Ctx::HTTP_LIF), A::TAKE12, S::Custom).origin(Origin::ThirdParty),
    D::new("set_decode_base64", "http_set_misc_module", Ctx::HTTP_MAIN.or(Ctx::HTTP_SRV).or(Ctx::HTTP_SIF).or(Ctx::HTTP_LOC).or(Ctx::HTTP_LIF), A::TAKE12, S::Custom).origin(Origin::ThirdParty),
    D::new("set_encode_base64url", "http_set_misc_module", Ctx::HTTP_MAIN.or(Ctx::HTTP_SRV).or(Ctx::HTTP_SIF).or(Ctx::HTTP_LOC).or(Ctx::HTTP_LIF), A::TAKE12, S::Custom).origin(Origin::ThirdParty),
    D::new("set_decode_base64url", "http_set_misc_module", Ctx::HTTP_MAIN.or(Ctx::HTTP_SRV).or(Ctx::HTTP_SIF).or(Ctx::HTTP_LOC).or(Ctx::HTTP_LIF), A::TAKE12, S::Custom).origin(Origin::ThirdParty),
    D::new("set_decode_hex", "http_set_misc_module", Ctx::HTTP_MAIN.or(Ctx::HTTP_SRV).or(Ctx::HTTP_SIF).or(Ctx::HTTP_LOC).or(Ctx::HTTP_LIF), A::TAKE12, S::Custom).origin(Origin::ThirdParty),
    D::new("set_encode_hex", "http_set_misc_module", Ctx::HTTP_MAIN.or(Ctx::HTTP_SRV).or(Ctx::HTTP_SIF).or(Ctx::HTTP_LOC).or(Ctx::HTTP_LIF), A::TAKE12, S::Custom).origin(Origin::ThirdParty),
    D::new("set_hmac_sha1", "http_set_misc_module", Ctx::HTTP_MAIN.or(Ctx::HTTP_SRV).or(Ctx::HTTP_SIF).or(Ctx::HTTP_LOC).or(Ctx::HTTP_LIF), A::TAKE3, S::Custom).origin(Origin::ThirdParty),
    D::new("set_hmac_sha256", "http_set_misc_module", Ctx::HTTP_MAIN.or(Ctx::HTTP_SRV).or(Ctx::HTTP_SIF).or(Ctx::HTTP_LOC).or(Ctx::HTTP_LIF), A::TAKE3, S::Custom).origin(Origin::ThirdParty),
    D::new("set_md5", "http_set_misc_module", Ctx::HTTP_MAIN.or(Ctx::HTTP_SRV).or(Ctx::HTTP_SIF).or(Ctx::HTTP_LOC).or(Ctx::HTTP_LIF), A::TAKE12, S::Custom).origin(Origin::ThirdParty),
    D::new("set_sha1", "http_set_misc_module", Ctx::HTTP_MAIN.or(Ctx::HTTP_SRV).or(Ctx::HTTP_SIF).or(Ctx::HTTP_LOC).or(Ctx::HTTP_LIF), A::TAKE12, S::Custom).origin(Origin::ThirdParty),
    D::new("set_unescape_uri", "http_set_misc_module", Ctx::HTTP_MAIN.or(Ctx::HTTP_SRV).or(Ctx::HTTP_SIF).or(Ctx::HTTP_LOC).or(Ctx::HTTP_LIF), A::TAKE12, S::Custom).origin(Origin::ThirdParty),
    D::new("set_escape_uri", "http_set_misc_module", Ctx::HTTP_MAIN.or(Ctx::HTTP_SRV).or(Ctx::HTTP_SIF).or(Ctx::HTTP_LOC).or(Ctx::HTTP_LIF), A::TAKE12, S::Custom).origin(Origin::ThirdParty),
    D::new("set_quote_sql_str", "http_set_misc_module", Ctx::HTTP_MAIN.or(Ctx::HTTP_SRV).or(Ctx::HTTP_SIF).or(Ctx::HTTP_LOC).or(Ctx::HTTP_LIF), A::TAKE12, S::Custom).origin(Origin::ThirdParty),
    D::new("set_quote_pgsql_str", "http_set_misc_module", Ctx::HTTP_MAIN.or(Ctx::HTTP_SRV).or(Ctx::HTTP_SIF).or(Ctx::HTTP_LOC).or(Ctx::HTTP_LIF), A::TAKE12, S::Custom).origin(Origin::ThirdParty),
    D::new("set_quote_json_str", "http_set_misc_module", Ctx::HTTP_MAIN.or(Ctx::HTTP_SRV).or(Ctx::HTTP_SIF).or(Ctx::HTTP_LOC).or(Ctx::HTTP_LIF), A::TAKE12, S::Custom).origin(Origin::ThirdParty),
    D::new("set_if_empty", "http_set_misc_module", Ctx::HTTP_MAIN.or(Ctx::HTTP_SRV).or(Ctx::HTTP_SIF).or(Ctx::HTTP_LOC).or(Ctx::HTTP_LIF), A::TAKE2, S::Custom).origin(Origin::ThirdParty),
    D::new("set_hashed_upstream", "http_set_misc_module", Ctx::HTTP_MAIN.or(Ctx::HTTP_SRV).or(Ctx::HTTP_SIF).or(Ctx::HTTP_LOC).or(Ctx::HTTP_LIF), A::TAKE3, S::Custom).origin(Origin::ThirdParty),
    D::new("set_misc_base32_padding", "http_set_misc_module", Ctx::HTTP_MAIN.or(Ctx::HTTP_SRV).or(Ctx::HTTP_SIF).or(Ctx::HTTP_LOC).or(Ctx::HTTP_LIF), A::FLAG, S::Flag).origin(Origin::ThirdParty),
    D::new("set_base32_padding", "http_set_misc_module", Ctx::HTTP_MAIN.or(Ctx::HTTP_SRV).or(Ctx::HTTP_SIF).or(Ctx::HTTP_LOC).or(Ctx::HTTP_LIF), A::FLAG, S::Flag).origin(Origin::ThirdParty),
    D::new("set_base32_alphabet", "http_set_misc_module", Ctx::HTTP_MAIN.or(Ctx::HTTP_SRV).or(Ctx::HTTP_SIF).or(Ctx::HTTP_LOC).or(Ctx::HTTP_LIF), A::TAKE1, S::Custom).origin(Origin::ThirdParty),
    D::new("set_encode_base32", "http_set_misc_module", Ctx::HTTP_MAIN.or(Ctx::HTTP_SRV).or(Ctx::HTTP_SIF).or(Ctx::HTTP_LOC).or(Ctx::HTTP_LIF), A::TAKE12, S::Custom).origin(Origin::ThirdParty),
    D::new("set_decode_base32", "http_set_misc_module", Ctx::HTTP_MAIN.or(Ctx::HTTP_SRV).or(Ctx::HTTP_SIF).or(Ctx::HTTP_LOC).or(Ctx::HTTP_LIF), A::TAKE12, S::Custom).origin(Origin::ThirdParty),
    D::new("set_local_today", "http_set_misc_module", Ctx::HTTP_MAIN.or(Ctx::HTTP_SRV).or(Ctx::HTTP_SIF).or(Ctx::HTTP_LOC).or(Ctx::HTTP_LIF), A::TAKE1, S::Custom).origin(Origin::ThirdParty),
    D::new("set_formatted_gmt_time", "http_set_misc_module", Ctx::HTTP_MAIN.or(Ctx::HTTP_SRV).or(Ctx::HTTP_SIF).or(Ctx::HTTP_LOC).or(Ctx::HTTP_LIF), A::TAKE2, S::Custom).origin(Origin::ThirdParty),
    D::new("set_formatted_local_time", "http_set_misc_module", Ctx::HTTP_MAIN.or(Ctx::HTTP_SRV).or(Ctx::HTTP_SIF).or(Ctx::HTTP_LOC).or(Ctx::HTTP_LIF), A::TAKE2, S::Custom).origin(Origin::ThirdParty),
    D::new("set_random", "http_set_misc_module", Ctx::HTTP_MAIN.or(Ctx::HTTP_SRV).or(Ctx::HTTP_SIF).or(Ctx::HTTP_LOC).or(Ctx::HTTP_LIF), A::TAKE3, S::Custom).origin(Origin::ThirdParty),
    D::new("set_secure_random_alphanum", "http_set_misc_module", Ctx::HTTP_MAIN.or(Ctx::HTTP_SRV).or(Ctx::HTTP_SIF).or(Ctx::HTTP_LOC).or(Ctx::HTTP_LIF), A::TAKE12, S::Custom).origin(Origin::ThirdParty),
    D::new("set_secure_random_lcalpha", "http_set_misc_module", Ctx::HTTP_MAIN.or(Ctx::HTTP_SRV).or(Ctx::HTTP_SIF).or(Ctx::HTTP_LOC).or(Ctx::HTTP_LIF), A::TAKE12, S::Custom).origin(Origin::ThirdParty),
    D::new("set_rotate", "http_set_misc_module", Ctx::HTTP_MAIN.or(Ctx::HTTP_SRV).or(Ctx::HTTP_SIF).or(Ctx::HTTP_LOC).or(Ctx::HTTP_LIF), A::TAKE3, S::Custom).origin(Origin::ThirdParty),
];
