//! `stream_js_core_module`: generated once from `registry/data/`; rginx support is edited here.

use crate::registry::{Arity as A, Ctx, DirectiveSpec as D, Origin, Setter as S};

#[rustfmt::skip]
pub const DIRECTIVES: &[D] = &[
    D::new("js_load_stream_native_module", "stream_js_core_module", Ctx::MAIN, A::TAKE13, S::Custom).origin(Origin::ThirdParty),
];
