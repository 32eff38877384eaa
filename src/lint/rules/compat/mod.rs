//! Compatibility: what rginx runs differently from nginx, or not at all.

pub mod rgx101_unsupported_directive;
pub mod rgx102_ignored_directive;
pub mod rgx103_tls_protocol_unavailable;
pub mod rgx104_cipher_suites;
pub mod rgx105_openssl_only_tls_feature;

use crate::lint::RuleInfo;

pub const RULES: &[&RuleInfo] = &[
    &rgx101_unsupported_directive::RULE,
    &rgx102_ignored_directive::RULE,
    &rgx103_tls_protocol_unavailable::RULE,
    &rgx104_cipher_suites::RULE,
    &rgx105_openssl_only_tls_feature::RULE,
];
