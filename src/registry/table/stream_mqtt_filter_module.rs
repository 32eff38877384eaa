//! `stream_mqtt_filter_module`: generated once from `registry/data/`; rginx support is edited here.

use crate::registry::{Arity as A, Ctx, DirectiveSpec as D, Origin, Setter as S};

#[rustfmt::skip]
pub const DIRECTIVES: &[D] = &[
    D::new("mqtt", "stream_mqtt_filter_module", Ctx::STREAM_MAIN.or(Ctx::STREAM_SRV), A::FLAG, S::Custom).origin(Origin::Plus),
    D::new("mqtt_buffers", "stream_mqtt_filter_module", Ctx::STREAM_MAIN.or(Ctx::STREAM_SRV), A::TAKE2, S::Custom).origin(Origin::Plus),
    D::new("mqtt_rewrite_buffer_size", "stream_mqtt_filter_module", Ctx::STREAM_MAIN.or(Ctx::STREAM_SRV), A::TAKE1, S::Custom).origin(Origin::Plus),
    D::new("mqtt_set_connect", "stream_mqtt_filter_module", Ctx::STREAM_MAIN.or(Ctx::STREAM_SRV), A::TAKE2, S::Custom).origin(Origin::Plus),
];
