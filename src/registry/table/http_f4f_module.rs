//! `http_f4f_module`: generated once from `registry/data/`; rginx support is edited here.

use crate::registry::{Arity as A, Ctx, DirectiveSpec as D, Origin, Setter as S};

#[rustfmt::skip]
pub const DIRECTIVES: &[D] = &[
    D::new("f4f", "http_f4f_module", Ctx::HTTP_LOC, A::NOARGS, S::Custom).origin(Origin::Plus).doc("https://nginx.org/en/docs/http/ngx_http_f4f_module.html#f4f"),
    D::new("f4f_buffer_size", "http_f4f_module", Ctx::HTTP_MAIN.or(Ctx::HTTP_SRV).or(Ctx::HTTP_LOC), A::TAKE1, S::Custom).origin(Origin::Plus).default_value("512k").doc("https://nginx.org/en/docs/http/ngx_http_f4f_module.html#f4f_buffer_size"),
];
