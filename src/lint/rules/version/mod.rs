//! Version: what the targeted nginx version (`--nginx-version`) removed,
//! deprecated or does not have yet.

pub mod rgx201_deprecated_directive;
pub mod rgx202_not_in_target_version;
pub mod rgx203_listen_http2;
pub mod rgx204_changed_default;
pub mod rgx205_prefer_server_ciphers_tls13;

use crate::lint::RuleInfo;

pub const RULES: &[&RuleInfo] = &[
    &rgx201_deprecated_directive::RULE,
    &rgx202_not_in_target_version::RULE,
    &rgx203_listen_http2::RULE,
    &rgx204_changed_default::RULE,
    &rgx205_prefer_server_ciphers_tls13::RULE,
];
