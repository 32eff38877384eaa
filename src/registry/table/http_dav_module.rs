//! `http_dav_module`: generated once from `registry/data/`; rginx support is edited here.

use crate::registry::{Arity as A, Ctx, DirectiveSpec as D, Setter as S, Values as V};

#[rustfmt::skip]
pub const DIRECTIVES: &[D] = &[
    D::new("dav_methods", "http_dav_module", Ctx::HTTP_MAIN.or(Ctx::HTTP_SRV).or(Ctx::HTTP_LOC), A::ONE_MORE, S::Bitmask).values(V::Bitmask(&["off", "put", "delete", "mkcol", "copy", "move"])).default_value("off").doc("https://nginx.org/en/docs/http/ngx_http_dav_module.html#dav_methods"),
    D::new("create_full_put_path", "http_dav_module", Ctx::HTTP_MAIN.or(Ctx::HTTP_SRV).or(Ctx::HTTP_LOC), A::FLAG, S::Flag).default_value("off").doc("https://nginx.org/en/docs/http/ngx_http_dav_module.html#create_full_put_path"),
    D::new("min_delete_depth", "http_dav_module", Ctx::HTTP_MAIN.or(Ctx::HTTP_SRV).or(Ctx::HTTP_LOC), A::TAKE1, S::Num).default_value("0").doc("https://nginx.org/en/docs/http/ngx_http_dav_module.html#min_delete_depth"),
    D::new("dav_access", "http_dav_module", Ctx::HTTP_MAIN.or(Ctx::HTTP_SRV).or(Ctx::HTTP_LOC), A::TAKE123, S::Access).default_value("user:rw").doc("https://nginx.org/en/docs/http/ngx_http_dav_module.html#dav_access"),
];
