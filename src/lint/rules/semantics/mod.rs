//! Semantics: valid configurations where nginx does something other than
//! what the text suggests.

use crate::lint::RuleInfo;

pub const RULES: &[&RuleInfo] = &[];
