//! `http_upstream_module`: generated once from `registry/data/`; rginx support is edited here.

use crate::registry::{Arity as A, Ctx, DirectiveSpec as D, Setter as S};

pub const DIRECTIVES: &[D] = &[
    D::new("upstream", "http_upstream_module", Ctx::HTTP_MAIN, A::TAKE1, S::Custom).block(),
    D::new("server", "http_upstream_module", Ctx::HTTP_UPS, A::ONE_MORE, S::Custom),
];
