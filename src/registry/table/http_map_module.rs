//! `http_map_module`: generated once from `registry/data/`; rginx support is edited here.

use crate::registry::{Arity as A, Ctx, DirectiveSpec as D, Setter as S};

#[rustfmt::skip]
pub const DIRECTIVES: &[D] = &[
    D::new("map", "http_map_module", Ctx::HTTP_MAIN, A::TAKE2, S::Custom).support(crate::registry::Support::Supported).block().doc("https://nginx.org/en/docs/http/ngx_http_map_module.html#map"),
    D::new("map_hash_max_size", "http_map_module", Ctx::HTTP_MAIN, A::TAKE1, S::Num).support(crate::registry::Support::Partial("the value is checked as nginx checks it; rginx does not size a hash of its own by it, so nginx's warning that its hash is not optimal is not given")).default_value("2048").doc("https://nginx.org/en/docs/http/ngx_http_map_module.html#map_hash_max_size"),
    D::new("map_hash_bucket_size", "http_map_module", Ctx::HTTP_MAIN, A::TAKE1, S::Num).support(crate::registry::Support::Partial("the value is checked as nginx checks it; rginx does not size a hash of its own by it, so nginx's warning that its hash is not optimal is not given")).default_value("32|64|128").doc("https://nginx.org/en/docs/http/ngx_http_map_module.html#map_hash_bucket_size"),
];
