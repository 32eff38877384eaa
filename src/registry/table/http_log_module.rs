//! `http_log_module`: generated once from `registry/data/`; rginx support is edited here.

use crate::registry::{Arity as A, Check as C, Ctx, DirectiveSpec as D, Setter as S};

#[rustfmt::skip]
pub const DIRECTIVES: &[D] = &[
    D::new("log_format", "http_log_module", Ctx::HTTP_MAIN, A::TWO_MORE, S::Custom).support(crate::registry::Support::Supported).default_value("combined \"...\"").doc("https://nginx.org/en/docs/http/ngx_http_log_module.html#log_format").check(C::LogFormat),
    D::new("access_log", "http_log_module", Ctx::HTTP_MAIN.or(Ctx::HTTP_SRV).or(Ctx::HTTP_LOC).or(Ctx::HTTP_LIF).or(Ctx::HTTP_LMT), A::ONE_MORE, S::Custom).support(crate::registry::Support::Partial("buffer=, gzip and flush= are not honoured; lines are written as requests end")).default_value("logs/access.log combined").doc("https://nginx.org/en/docs/http/ngx_http_log_module.html#access_log"),
    D::new("open_log_file_cache", "http_log_module", Ctx::HTTP_MAIN.or(Ctx::HTTP_SRV).or(Ctx::HTTP_LOC), A::TAKE1234, S::Custom).once().default_value("off").doc("https://nginx.org/en/docs/http/ngx_http_log_module.html#open_log_file_cache"),
];
