//! `http_mirror_module`: generated once from `registry/data/`; rginx support is edited here.

use crate::registry::{Arity as A, Ctx, DirectiveSpec as D, Setter as S};

#[rustfmt::skip]
pub const DIRECTIVES: &[D] = &[
    D::new("mirror", "http_mirror_module", Ctx::HTTP_MAIN.or(Ctx::HTTP_SRV).or(Ctx::HTTP_LOC), A::TAKE1, S::Custom).default_value("off").doc("https://nginx.org/en/docs/http/ngx_http_mirror_module.html#mirror"),
    D::new("mirror_request_body", "http_mirror_module", Ctx::HTTP_MAIN.or(Ctx::HTTP_SRV).or(Ctx::HTTP_LOC), A::FLAG, S::Flag).default_value("on").doc("https://nginx.org/en/docs/http/ngx_http_mirror_module.html#mirror_request_body"),
];
