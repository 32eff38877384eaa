//! Compatibility: what rginx runs differently from nginx, or not at all.

pub mod rgx101_unsupported_directive;
pub mod rgx102_ignored_directive;
pub mod rgx103_tls_protocol_unavailable;

use crate::lint::RuleInfo;

pub const RULES: &[&RuleInfo] = &[
    &rgx101_unsupported_directive::RULE,
    &rgx102_ignored_directive::RULE,
    &rgx103_tls_protocol_unavailable::RULE,
];
