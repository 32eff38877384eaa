//! `stream_mqtt_preread_module`: generated once from `registry/data/`; rginx support is edited here.

use crate::registry::{Arity as A, Ctx, DirectiveSpec as D, Origin, Setter as S};

#[rustfmt::skip]
pub const DIRECTIVES: &[D] = &[
    D::new("mqtt_preread", "stream_mqtt_preread_module", Ctx::STREAM_MAIN.or(Ctx::STREAM_SRV), A::FLAG, S::Custom).origin(Origin::Plus).default_value("off").doc("https://nginx.org/en/docs/stream/ngx_stream_mqtt_preread_module.html#mqtt_preread"),
];
