//! `http_upstream_sticky_module`: generated once from `registry/data/`; rginx support is edited here.

use crate::registry::{Arity as A, Ctx, DirectiveSpec as D, Setter as S};

#[rustfmt::skip]
pub const DIRECTIVES: &[D] = &[
    D::new("sticky", "http_upstream_sticky_module", Ctx::HTTP_UPS, A::TWO_MORE, S::Custom).added(crate::registry::Version::new(1, 23, 0)).doc("https://nginx.org/en/docs/http/ngx_http_upstream_module.html#sticky"),
];
