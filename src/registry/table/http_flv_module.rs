//! `http_flv_module`: generated once from `registry/data/`; rginx support is edited here.

use crate::registry::{Arity as A, Ctx, DirectiveSpec as D, Setter as S};

#[rustfmt::skip]
pub const DIRECTIVES: &[D] = &[
    D::new("flv", "http_flv_module", Ctx::HTTP_LOC, A::NOARGS, S::Custom).doc("https://nginx.org/en/docs/http/ngx_http_flv_module.html#flv"),
];
