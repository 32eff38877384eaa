//! `stream_upstream_module`: generated once from `registry/data/`; rginx support is edited here.

use crate::registry::{Arity as A, Ctx, DirectiveSpec as D, Setter as S};

pub const DIRECTIVES: &[D] = &[
    D::new("upstream", "stream_upstream_module", Ctx::STREAM_MAIN, A::TAKE1, S::Custom).block(),
    D::new("server", "stream_upstream_module", Ctx::STREAM_UPS, A::ONE_MORE, S::Custom),
];
