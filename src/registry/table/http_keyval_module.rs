//! `http_keyval_module`: generated once from `registry/data/`; rginx support is edited here.

use crate::registry::{Arity as A, Ctx, DirectiveSpec as D, Origin, Setter as S};

#[rustfmt::skip]
pub const DIRECTIVES: &[D] = &[
    D::new("keyval", "http_keyval_module", Ctx::HTTP_MAIN, A::TAKE3, S::Custom).origin(Origin::Plus).doc("https://nginx.org/en/docs/http/ngx_http_keyval_module.html#keyval"),
    D::new("keyval_zone", "http_keyval_module", Ctx::HTTP_MAIN, A::ONE_MORE, S::Custom).origin(Origin::Plus).doc("https://nginx.org/en/docs/http/ngx_http_keyval_module.html#keyval_zone"),
];
