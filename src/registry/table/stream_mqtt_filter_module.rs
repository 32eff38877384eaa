//! `stream_mqtt_filter_module`: generated once from `registry/data/`; rginx support is edited here.

use crate::registry::{Arity as A, Ctx, DirectiveSpec as D, Origin, Setter as S};

#[rustfmt::skip]
pub const DIRECTIVES: &[D] = &[
    D::new("mqtt", "stream_mqtt_filter_module", Ctx::STREAM_MAIN.or(Ctx::STREAM_SRV), A::FLAG, S::Custom).origin(Origin::Plus).default_value("off").doc("https://nginx.org/en/docs/stream/ngx_stream_mqtt_filter_module.html#mqtt"),
    D::new("mqtt_buffers", "stream_mqtt_filter_module", Ctx::STREAM_MAIN.or(Ctx::STREAM_SRV), A::TAKE2, S::Custom).origin(Origin::Plus).default_value("100 1k").doc("https://nginx.org/en/docs/stream/ngx_stream_mqtt_filter_module.html#mqtt_buffers"),
    D::new("mqtt_rewrite_buffer_size", "stream_mqtt_filter_module", Ctx::STREAM_MAIN.or(Ctx::STREAM_SRV), A::TAKE1, S::Custom).origin(Origin::Plus).default_value("4k|8k").doc("https://nginx.org/en/docs/stream/ngx_stream_mqtt_filter_module.html#mqtt_rewrite_buffer_size"),
    D::new("mqtt_set_connect", "stream_mqtt_filter_module", Ctx::STREAM_MAIN.or(Ctx::STREAM_SRV), A::TAKE2, S::Custom).origin(Origin::Plus).doc("https://nginx.org/en/docs/stream/ngx_stream_mqtt_filter_module.html#mqtt_set_connect"),
];
