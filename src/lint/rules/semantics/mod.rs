//! Semantics: valid configurations where nginx does something other than
//! what the text suggests.

mod matcher;
pub mod rgx301_inherited_directives_dropped;
pub mod rgx302_websocket_needs_http11;
pub mod rgx303_connection_upgrade_undefined;
pub mod rgx304_try_files_flag_as_uri;
pub mod rgx305_proxy_pass_uri_in_regex_location;
pub mod rgx306_upstream_keepalive_unused;
pub mod rgx307_websocket_idle_timeout;
pub mod rgx308_underscore_in_header_name;
pub mod rgx309_if_in_location;
pub mod rgx310_server_name_underscore;
pub mod rgx311_duplicate_default_server;
pub mod rgx312_root_in_location;
pub mod rgx313_unreachable_location;
pub mod rgx314_regex_shadowed_by_prefix;
mod util;

use crate::lint::RuleInfo;

pub const RULES: &[&RuleInfo] = &[
    &rgx301_inherited_directives_dropped::RULE,
    &rgx302_websocket_needs_http11::RULE,
    &rgx303_connection_upgrade_undefined::RULE,
    &rgx304_try_files_flag_as_uri::RULE,
    &rgx305_proxy_pass_uri_in_regex_location::RULE,
    &rgx306_upstream_keepalive_unused::RULE,
    &rgx307_websocket_idle_timeout::RULE,
    &rgx308_underscore_in_header_name::RULE,
    &rgx309_if_in_location::RULE,
    &rgx310_server_name_underscore::RULE,
    &rgx311_duplicate_default_server::RULE,
    &rgx312_root_in_location::RULE,
    &rgx313_unreachable_location::RULE,
    &rgx314_regex_shadowed_by_prefix::RULE,
];
