//! `quic_bpf_module`: generated once from `registry/data/`; rginx support is edited here.

use crate::registry::{Arity as A, Ctx, DirectiveSpec as D, Setter as S};

#[rustfmt::skip]
pub const DIRECTIVES: &[D] = &[
    D::new("quic_bpf", "quic_bpf_module", Ctx::MAIN, A::FLAG, S::Flag).added(crate::registry::Version::new(1, 23, 0)).default_value("off").doc("https://nginx.org/en/docs/http/ngx_http_v3_module.html#quic_bpf"),
];
