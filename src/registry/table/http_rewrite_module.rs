//! `http_rewrite_module`: generated once from `registry/data/`; rginx support is edited here.

use crate::registry::{Arity as A, Check as C, Ctx, DirectiveSpec as D, Setter as S};

#[rustfmt::skip]
pub const DIRECTIVES: &[D] = &[
    D::new("rewrite", "http_rewrite_module", Ctx::HTTP_SRV.or(Ctx::HTTP_SIF).or(Ctx::HTTP_LOC).or(Ctx::HTTP_LIF), A::TAKE23, S::Custom).support(crate::registry::Support::Supported).doc("https://nginx.org/en/docs/http/ngx_http_rewrite_module.html#rewrite").check(C::Rewrite),
    D::new("return", "http_rewrite_module", Ctx::HTTP_SRV.or(Ctx::HTTP_SIF).or(Ctx::HTTP_LOC).or(Ctx::HTTP_LIF), A::TAKE12, S::Custom).support(crate::registry::Support::Supported).doc("https://nginx.org/en/docs/http/ngx_http_rewrite_module.html#return").check(C::Return),
    D::new("break", "http_rewrite_module", Ctx::HTTP_SRV.or(Ctx::HTTP_SIF).or(Ctx::HTTP_LOC).or(Ctx::HTTP_LIF), A::NOARGS, S::Custom).support(crate::registry::Support::Supported).doc("https://nginx.org/en/docs/http/ngx_http_rewrite_module.html#break"),
    D::new("if", "http_rewrite_module", Ctx::HTTP_SRV.or(Ctx::HTTP_LOC), A::ONE_MORE, S::Custom).support(crate::registry::Support::Supported).block().doc("https://nginx.org/en/docs/http/ngx_http_rewrite_module.html#if").check(C::IfCondition),
    D::new("set", "http_rewrite_module", Ctx::HTTP_SRV.or(Ctx::HTTP_SIF).or(Ctx::HTTP_LOC).or(Ctx::HTTP_LIF), A::TAKE2, S::Custom).support(crate::registry::Support::Supported).doc("https://nginx.org/en/docs/http/ngx_http_rewrite_module.html#set").check(C::SetVariable),
    D::new("rewrite_log", "http_rewrite_module", Ctx::HTTP_MAIN.or(Ctx::HTTP_SRV).or(Ctx::HTTP_SIF).or(Ctx::HTTP_LOC).or(Ctx::HTTP_LIF), A::FLAG, S::Flag).default_value("off").doc("https://nginx.org/en/docs/http/ngx_http_rewrite_module.html#rewrite_log"),
    D::new("uninitialized_variable_warn", "http_rewrite_module", Ctx::HTTP_MAIN.or(Ctx::HTTP_SRV).or(Ctx::HTTP_SIF).or(Ctx::HTTP_LOC).or(Ctx::HTTP_LIF), A::FLAG, S::Flag).default_value("on").doc("https://nginx.org/en/docs/http/ngx_http_rewrite_module.html#uninitialized_variable_warn"),
];
