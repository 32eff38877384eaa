//! `openssl_cache_module`: generated once from `registry/data/`; rginx support is edited here.

use crate::registry::{Arity as A, Ctx, DirectiveSpec as D, Setter as S};

#[rustfmt::skip]
pub const DIRECTIVES: &[D] = &[
    D::new("ssl_object_cache_inheritable", "openssl_cache_module", Ctx::MAIN, A::FLAG, S::Flag).support(crate::registry::Support::Ignored("rginx reads certificate files again on reload; nginx reuses only those that did not change, so the same certificates are served")).added(crate::registry::Version::new(1, 27, 4)).default_value("on").doc("https://nginx.org/en/docs/ngx_core_module.html#ssl_object_cache_inheritable"),
];
