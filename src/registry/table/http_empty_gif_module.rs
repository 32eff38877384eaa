//! `http_empty_gif_module`: generated once from `registry/data/`; rginx support is edited here.

use crate::registry::{Arity as A, Ctx, DirectiveSpec as D, Setter as S};

#[rustfmt::skip]
pub const DIRECTIVES: &[D] = &[
    D::new("empty_gif", "http_empty_gif_module", Ctx::HTTP_LOC, A::NOARGS, S::Custom).doc("https://nginx.org/en/docs/http/ngx_http_empty_gif_module.html#empty_gif"),
];
