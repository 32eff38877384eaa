//! `http_split_clients_module`: generated once from `registry/data/`; rginx support is edited here.

use crate::registry::{Arity as A, Ctx, DirectiveSpec as D, Setter as S};

#[rustfmt::skip]
pub const DIRECTIVES: &[D] = &[
    D::new("split_clients", "http_split_clients_module", Ctx::HTTP_MAIN, A::TAKE2, S::Custom).support(crate::registry::Support::Supported).block().doc("https://nginx.org/en/docs/http/ngx_http_split_clients_module.html#split_clients"),
];
