//! `http_headers_more_filter_module`: generated once from `registry/data/`; rginx support is edited here.

use crate::registry::{Arity as A, Ctx, DirectiveSpec as D, Origin, Setter as S};

#[rustfmt::skip]
pub const DIRECTIVES: &[D] = &[
    D::new("more_set_headers", "http_headers_more_filter_module", Ctx::HTTP_MAIN.or(Ctx::HTTP_SRV).or(Ctx::HTTP_LOC).or(Ctx::HTTP_LIF), A::ONE_MORE, S::Custom).origin(Origin::ThirdParty),
    D::new("more_clear_headers", "http_headers_more_filter_module", Ctx::HTTP_MAIN.or(Ctx::HTTP_SRV).or(Ctx::HTTP_LOC).or(Ctx::HTTP_LIF), A::ONE_MORE, S::Custom).origin(Origin::ThirdParty),
    D::new("more_set_input_headers", "http_headers_more_filter_module", Ctx::HTTP_MAIN.or(Ctx::HTTP_SRV).or(Ctx::HTTP_LOC).or(Ctx::HTTP_LIF), A::ONE_MORE, S::Custom).origin(Origin::ThirdParty),
    D::new("more_clear_input_headers", "http_headers_more_filter_module", Ctx::HTTP_MAIN.or(Ctx::HTTP_SRV).or(Ctx::HTTP_LOC).or(Ctx::HTTP_LIF), A::ONE_MORE, S::Custom).origin(Origin::ThirdParty),
];
