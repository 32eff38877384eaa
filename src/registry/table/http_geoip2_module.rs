//! `http_geoip2_module`: generated once from `registry/data/`; rginx support is edited here.

use crate::registry::{Arity as A, Ctx, DirectiveSpec as D, Origin, Setter as S};

#[rustfmt::skip]
pub const DIRECTIVES: &[D] = &[
    D::new("geoip2", "http_geoip2_module", Ctx::HTTP_MAIN, A::TAKE1, S::Custom).block().origin(Origin::ThirdParty),
    D::new("geoip2_proxy", "http_geoip2_module", Ctx::HTTP_MAIN, A::TAKE1, S::Custom).origin(Origin::ThirdParty),
    D::new("geoip2_proxy_recursive", "http_geoip2_module", Ctx::HTTP_MAIN, A::FLAG, S::Flag).origin(Origin::ThirdParty),
];
