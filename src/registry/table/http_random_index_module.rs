//! `http_random_index_module`: generated once from `registry/data/`; rginx support is edited here.

use crate::registry::{Arity as A, Ctx, DirectiveSpec as D, Setter as S};

#[rustfmt::skip]
pub const DIRECTIVES: &[D] = &[
    D::new("random_index", "http_random_index_module", Ctx::HTTP_LOC, A::FLAG, S::Flag).default_value("off").doc("https://nginx.org/en/docs/http/ngx_http_random_index_module.html#random_index"),
];
