//! `ndk_http_module`: generated once from `registry/data/`; rginx support is edited here.

use crate::registry::{Arity as A, Ctx, DirectiveSpec as D, Origin, Setter as S};

#[rustfmt::skip]
pub const DIRECTIVES: &[D] = &[
    D::new("upstream_list", "ndk_http_module", Ctx::HTTP_MAIN.or(Ctx::HTTP_SRV), A::TWO_MORE, S::Custom).origin(Origin::ThirdParty),
];
