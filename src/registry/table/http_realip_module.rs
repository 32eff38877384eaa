//! `http_realip_module`: generated once from `registry/data/`; rginx support is edited here.

use crate::registry::{Arity as A, Check as C, Ctx, DirectiveSpec as D, Setter as S};

#[rustfmt::skip]
pub const DIRECTIVES: &[D] = &[
    D::new("set_real_ip_from", "http_realip_module", Ctx::HTTP_MAIN.or(Ctx::HTTP_SRV).or(Ctx::HTTP_LOC), A::TAKE1, S::Custom).support(crate::registry::Support::Supported).doc("https://nginx.org/en/docs/http/ngx_http_realip_module.html#set_real_ip_from").check(C::RealIpFrom),
    D::new("real_ip_header", "http_realip_module", Ctx::HTTP_MAIN.or(Ctx::HTTP_SRV).or(Ctx::HTTP_LOC), A::TAKE1, S::Custom).support(crate::registry::Support::Supported).once().default_value("X-Real-IP").doc("https://nginx.org/en/docs/http/ngx_http_realip_module.html#real_ip_header"),
    D::new("real_ip_recursive", "http_realip_module", Ctx::HTTP_MAIN.or(Ctx::HTTP_SRV).or(Ctx::HTTP_LOC), A::FLAG, S::Flag).support(crate::registry::Support::Supported).default_value("off").doc("https://nginx.org/en/docs/http/ngx_http_realip_module.html#real_ip_recursive"),
];
