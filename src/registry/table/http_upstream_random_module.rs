//! `http_upstream_random_module`: generated once from `registry/data/`; rginx support is edited here.

use crate::registry::{Arity as A, Ctx, DirectiveSpec as D, Setter as S};

#[rustfmt::skip]
pub const DIRECTIVES: &[D] = &[
    D::new("random", "http_upstream_random_module", Ctx::HTTP_UPS, A::NOARGS.or(A::TAKE12), S::Custom).doc("https://nginx.org/en/docs/http/ngx_http_upstream_module.html#random"),
];
