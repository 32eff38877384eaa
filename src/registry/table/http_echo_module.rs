//! `http_echo_module`: generated once from `registry/data/`; rginx support is edited here.

use crate::registry::{Arity as A, Ctx, DirectiveSpec as D, Origin, Setter as S};

#[rustfmt::skip]
pub const DIRECTIVES: &[D] = &[
    D::new("echo", "http_echo_module", Ctx::HTTP_LOC.or(Ctx::HTTP_LIF), A::ANY, S::Custom).origin(Origin::ThirdParty),
    D::new("echo_request_body", "http_echo_module", Ctx::HTTP_LOC.or(Ctx::HTTP_LIF), A::NOARGS, S::Custom).origin(Origin::ThirdParty),
    D::new("echo_sleep", "http_echo_module", Ctx::HTTP_LOC.or(Ctx::HTTP_LIF), A::TAKE1, S::Custom).origin(Origin::ThirdParty),
    D::new("echo_flush", "http_echo_module", Ctx::HTTP_LOC.or(Ctx::HTTP_LIF), A::NOARGS, S::Custom).origin(Origin::ThirdParty),
    D::new("echo_blocking_sleep", "http_echo_module", Ctx::HTTP_LOC.or(Ctx::HTTP_LIF), A::TAKE1, S::Custom).origin(Origin::ThirdParty),
    D::new("echo_reset_timer", "http_echo_module", Ctx::HTTP_LOC.or(Ctx::HTTP_LIF), A::NOARGS, S::Custom).origin(Origin::ThirdParty),
    D::new("echo_before_body", "http_echo_module", Ctx::HTTP_LOC.or(Ctx::HTTP_LIF), A::ANY, S::Custom).origin(Origin::ThirdParty),
    D::new("echo_after_body", "http_echo_module", Ctx::HTTP_LOC.or(Ctx::HTTP_LIF), A::ANY, S::Custom).origin(Origin::ThirdParty),
    D::new("echo_location_async", "http_echo_module", Ctx::HTTP_LOC.or(Ctx::HTTP_LIF), A::TAKE12, S::Custom).origin(Origin::ThirdParty),
    D::new("echo_location", "http_echo_module", Ctx::HTTP_LOC.or(Ctx::HTTP_LIF), A::TAKE12, S::Custom).origin(Origin::ThirdParty),
    D::new("echo_subrequest_async", "http_echo_module", Ctx::HTTP_LOC.or(Ctx::HTTP_LIF), A::TWO_MORE, S::Custom).origin(Origin::ThirdParty),
    D::new("echo_subrequest", "http_echo_module", Ctx::HTTP_LOC.or(Ctx::HTTP_LIF), A::TWO_MORE, S::Custom).origin(Origin::ThirdParty),
    D::new("echo_duplicate", "http_echo_module", Ctx::HTTP_LOC.or(Ctx::HTTP_LIF), A::TWO_MORE, S::Custom).origin(Origin::ThirdParty),
    D::new("echo_read_request_body", "http_echo_module", Ctx::HTTP_LOC.or(Ctx::HTTP_LIF), A::NOARGS, S::Custom).origin(Origin::ThirdParty),
    D::new("echo_foreach_split", "http_echo_module", Ctx::HTTP_LOC.or(Ctx::HTTP_LIF), A::TWO_MORE, S::Custom).origin(Origin::ThirdParty),
    D::new("echo_end", "http_echo_module", Ctx::HTTP_LOC.or(Ctx::HTTP_LIF), A::NOARGS, S::Custom).origin(Origin::ThirdParty),
    D::new("echo_abort_parent", "http_echo_module", Ctx::HTTP_LOC.or(Ctx::HTTP_LIF), A::NOARGS, S::Custom).origin(Origin::ThirdParty),
    D::new("echo_exec", "http_echo_module", Ctx::HTTP_LOC.or(Ctx::HTTP_LIF), A::TAKE12, S::Custom).origin(Origin::ThirdParty),
    D::new("echo_status", "http_echo_module", Ctx::HTTP_LOC.or(Ctx::HTTP_LIF), A::TAKE1, S::Num).origin(Origin::ThirdParty),
];
