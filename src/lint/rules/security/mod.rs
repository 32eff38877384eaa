//! Security: known ways a configuration gets attacked (the Gixy class).

mod common;
mod regex;
pub mod rgx401_host_header_spoofing;
pub mod rgx402_alias_traversal;
pub mod rgx403_header_injection;
pub mod rgx404_ssrf_via_proxy_pass;
pub mod rgx405_unanchored_regex;
pub mod rgx406_security_headers_dropped;
pub mod rgx407_server_tokens_on;
pub mod rgx408_missing_hsts;
pub mod rgx409_autoindex_enabled;
pub mod rgx410_status_page_exposed;
pub mod rgx411_allow_without_deny;
pub mod rgx412_return_bypasses_access;
pub mod rgx413_redos_regex;

use crate::lint::RuleInfo;

pub const RULES: &[&RuleInfo] = &[
    &rgx401_host_header_spoofing::RULE,
    &rgx402_alias_traversal::RULE,
    &rgx403_header_injection::RULE,
    &rgx404_ssrf_via_proxy_pass::RULE,
    &rgx405_unanchored_regex::RULE,
    &rgx406_security_headers_dropped::RULE,
    &rgx407_server_tokens_on::RULE,
    &rgx408_missing_hsts::RULE,
    &rgx409_autoindex_enabled::RULE,
    &rgx410_status_page_exposed::RULE,
    &rgx411_allow_without_deny::RULE,
    &rgx412_return_bypasses_access::RULE,
    &rgx413_redos_regex::RULE,
];
