//! `http_userid_filter_module`: generated once from `registry/data/`; rginx support is edited here.

use crate::registry::{Arity as A, Ctx, DirectiveSpec as D, Setter as S, Values as V};

#[rustfmt::skip]
pub const DIRECTIVES: &[D] = &[
    D::new("userid", "http_userid_filter_module", Ctx::HTTP_MAIN.or(Ctx::HTTP_SRV).or(Ctx::HTTP_LOC), A::TAKE1, S::Enum).values(V::Enum(&["off", "log", "v1", "on"])),
    D::new("userid_service", "http_userid_filter_module", Ctx::HTTP_MAIN.or(Ctx::HTTP_SRV).or(Ctx::HTTP_LOC), A::TAKE1, S::Num),
    D::new("userid_name", "http_userid_filter_module", Ctx::HTTP_MAIN.or(Ctx::HTTP_SRV).or(Ctx::HTTP_LOC), A::TAKE1, S::Str),
    D::new("userid_domain", "http_userid_filter_module", Ctx::HTTP_MAIN.or(Ctx::HTTP_SRV).or(Ctx::HTTP_LOC), A::TAKE1, S::Str),
    D::new("userid_path", "http_userid_filter_module", Ctx::HTTP_MAIN.or(Ctx::HTTP_SRV).or(Ctx::HTTP_LOC), A::TAKE1, S::Str),
    D::new("userid_expires", "http_userid_filter_module", Ctx::HTTP_MAIN.or(Ctx::HTTP_SRV).or(Ctx::HTTP_LOC), A::TAKE1, S::Custom).once(),
    D::new("userid_flags", "http_userid_filter_module", Ctx::HTTP_MAIN.or(Ctx::HTTP_SRV).or(Ctx::HTTP_LOC), A::TAKE123, S::Bitmask).values(V::Bitmask(&["off", "secure", "httponly", "samesite=strict", "samesite=lax", "samesite=none"])),
    D::new("userid_p3p", "http_userid_filter_module", Ctx::HTTP_MAIN.or(Ctx::HTTP_SRV).or(Ctx::HTTP_LOC), A::TAKE1, S::Str),
    D::new("userid_mark", "http_userid_filter_module", Ctx::HTTP_MAIN.or(Ctx::HTTP_SRV).or(Ctx::HTTP_LOC), A::TAKE1, S::Custom).once(),
];
