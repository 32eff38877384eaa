//! `iocp_module`: generated once from `registry/data/`; rginx support is edited here.

use crate::registry::{Arity as A, Ctx, DirectiveSpec as D, Setter as S};

#[rustfmt::skip]
pub const DIRECTIVES: &[D] = &[
    D::new("iocp_threads", "iocp_module", Ctx::EVENT, A::TAKE1, S::Num).added(crate::registry::Version::new(1, 23, 0)),
    D::new("post_acceptex", "iocp_module", Ctx::EVENT, A::TAKE1, S::Num).added(crate::registry::Version::new(1, 23, 0)),
    D::new("acceptex_read", "iocp_module", Ctx::EVENT, A::FLAG, S::Flag).added(crate::registry::Version::new(1, 23, 0)),
];
