//! `http_geoip_module`: generated once from `registry/data/`; rginx support is edited here.

use crate::registry::{Arity as A, Ctx, DirectiveSpec as D, Setter as S};

#[rustfmt::skip]
pub const DIRECTIVES: &[D] = &[
    D::new("geoip_country", "http_geoip_module", Ctx::HTTP_MAIN, A::TAKE12, S::Custom).once(),
    D::new("geoip_org", "http_geoip_module", Ctx::HTTP_MAIN, A::TAKE12, S::Custom).once(),
    D::new("geoip_city", "http_geoip_module", Ctx::HTTP_MAIN, A::TAKE12, S::Custom).once(),
    D::new("geoip_proxy", "http_geoip_module", Ctx::HTTP_MAIN, A::TAKE1, S::Custom),
    D::new("geoip_proxy_recursive", "http_geoip_module", Ctx::HTTP_MAIN, A::FLAG, S::Flag),
];
