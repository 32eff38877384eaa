//! `openssl_module`: generated once from `registry/data/`; rginx support is edited here.

use crate::registry::{Arity as A, Ctx, DirectiveSpec as D, Setter as S};

#[rustfmt::skip]
pub const DIRECTIVES: &[D] = &[
    D::new("ssl_engine", "openssl_module", Ctx::MAIN, A::TAKE1, S::Custom).unsupported_because("OpenSSL engines (keys held in hardware) do not exist in rustls").once().doc("https://nginx.org/en/docs/ngx_core_module.html#ssl_engine"),
];
