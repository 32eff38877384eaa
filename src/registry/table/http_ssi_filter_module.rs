//! `http_ssi_filter_module`: generated once from `registry/data/`; rginx support is edited here.

use crate::registry::{Arity as A, Ctx, DirectiveSpec as D, Setter as S};

#[rustfmt::skip]
pub const DIRECTIVES: &[D] = &[
    D::new("ssi", "http_ssi_filter_module", Ctx::HTTP_MAIN.or(Ctx::HTTP_SRV).or(Ctx::HTTP_LOC).or(Ctx::HTTP_LIF), A::FLAG, S::Flag).default_value("off").doc("https://nginx.org/en/docs/http/ngx_http_ssi_module.html#ssi"),
    D::new("ssi_silent_errors", "http_ssi_filter_module", Ctx::HTTP_MAIN.or(Ctx::HTTP_SRV).or(Ctx::HTTP_LOC), A::FLAG, S::Flag).default_value("off").doc("https://nginx.org/en/docs/http/ngx_http_ssi_module.html#ssi_silent_errors"),
    D::new("ssi_ignore_recycled_buffers", "http_ssi_filter_module", Ctx::HTTP_MAIN.or(Ctx::HTTP_SRV).or(Ctx::HTTP_LOC), A::FLAG, S::Flag),
    D::new("ssi_min_file_chunk", "http_ssi_filter_module", Ctx::HTTP_MAIN.or(Ctx::HTTP_SRV).or(Ctx::HTTP_LOC), A::TAKE1, S::Size).default_value("1k").doc("https://nginx.org/en/docs/http/ngx_http_ssi_module.html#ssi_min_file_chunk"),
    D::new("ssi_value_length", "http_ssi_filter_module", Ctx::HTTP_MAIN.or(Ctx::HTTP_SRV).or(Ctx::HTTP_LOC), A::TAKE1, S::Size).default_value("256").doc("https://nginx.org/en/docs/http/ngx_http_ssi_module.html#ssi_value_length"),
    D::new("ssi_types", "http_ssi_filter_module", Ctx::HTTP_MAIN.or(Ctx::HTTP_SRV).or(Ctx::HTTP_LOC), A::ONE_MORE, S::Custom).default_value("text/html").doc("https://nginx.org/en/docs/http/ngx_http_ssi_module.html#ssi_types"),
    D::new("ssi_last_modified", "http_ssi_filter_module", Ctx::HTTP_MAIN.or(Ctx::HTTP_SRV).or(Ctx::HTTP_LOC), A::FLAG, S::Flag).default_value("off").doc("https://nginx.org/en/docs/http/ngx_http_ssi_module.html#ssi_last_modified"),
];
