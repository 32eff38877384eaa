//! `http_stub_status_module`: generated once from `registry/data/`; rginx support is edited here.

use crate::registry::{Arity as A, Ctx, DirectiveSpec as D, Setter as S};

#[rustfmt::skip]
pub const DIRECTIVES: &[D] = &[
    D::new("stub_status", "http_stub_status_module", Ctx::HTTP_SRV.or(Ctx::HTTP_LOC), A::NOARGS.or(A::TAKE1), S::Custom).doc("https://nginx.org/en/docs/http/ngx_http_stub_status_module.html#stub_status"),
];
