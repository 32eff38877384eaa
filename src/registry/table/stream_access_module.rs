//! `stream_access_module`: generated once from `registry/data/`; rginx support is edited here.

use crate::registry::{Arity as A, Ctx, DirectiveSpec as D, Setter as S};

#[rustfmt::skip]
pub const DIRECTIVES: &[D] = &[
    D::new("allow", "stream_access_module", Ctx::STREAM_MAIN.or(Ctx::STREAM_SRV), A::TAKE1, S::Custom).doc("https://nginx.org/en/docs/stream/ngx_stream_access_module.html#allow"),
    D::new("deny", "stream_access_module", Ctx::STREAM_MAIN.or(Ctx::STREAM_SRV), A::TAKE1, S::Custom).doc("https://nginx.org/en/docs/stream/ngx_stream_access_module.html#deny"),
];
