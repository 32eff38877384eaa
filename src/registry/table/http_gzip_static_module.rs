//! `http_gzip_static_module`: generated once from `registry/data/`; rginx support is edited here.

use crate::registry::{Arity as A, Ctx, DirectiveSpec as D, Setter as S, Values as V};

#[rustfmt::skip]
pub const DIRECTIVES: &[D] = &[
    D::new("gzip_static", "http_gzip_static_module", Ctx::HTTP_MAIN.or(Ctx::HTTP_SRV).or(Ctx::HTTP_LOC), A::TAKE1, S::Enum).values(V::Enum(&["off", "on", "always"])).default_value("off").doc("https://nginx.org/en/docs/http/ngx_http_gzip_static_module.html#gzip_static"),
];
