//! Security: known ways a configuration gets attacked (the Gixy class).

use crate::lint::RuleInfo;

pub const RULES: &[&RuleInfo] = &[];
