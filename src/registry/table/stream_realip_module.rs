//! `stream_realip_module`: generated once from `registry/data/`; rginx support is edited here.

use crate::registry::{Arity as A, Ctx, DirectiveSpec as D, Setter as S};

#[rustfmt::skip]
pub const DIRECTIVES: &[D] = &[
    D::new("set_real_ip_from", "stream_realip_module", Ctx::STREAM_MAIN.or(Ctx::STREAM_SRV), A::TAKE1, S::Custom).doc("https://nginx.org/en/docs/stream/ngx_stream_realip_module.html#set_real_ip_from"),
];
