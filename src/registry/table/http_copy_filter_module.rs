//! `http_copy_filter_module`: generated once from `registry/data/`; rginx support is edited here.

use crate::registry::{Arity as A, Ctx, DirectiveSpec as D, Setter as S};

#[rustfmt::skip]
pub const DIRECTIVES: &[D] = &[
    D::new("output_buffers", "http_copy_filter_module", Ctx::HTTP_MAIN.or(Ctx::HTTP_SRV).or(Ctx::HTTP_LOC), A::TAKE2, S::Bufs).default_value("2 32k").doc("https://nginx.org/en/docs/http/ngx_http_core_module.html#output_buffers"),
];
