//! Every rule, by group. One rule per file (`rgx301_*.rs`), each exporting
//! `RULE`; a group's `mod.rs` lists its rules. Codes are never reused.

pub mod compat;
pub mod security;
pub mod semantics;
pub mod validity;
pub mod version;

use super::RuleInfo;
use std::sync::OnceLock;

/// All rules, in code order.
pub static ALL: AllRules = AllRules;

pub struct AllRules;

impl AllRules {
    fn list(&self) -> &'static [&'static RuleInfo] {
        static LIST: OnceLock<Vec<&'static RuleInfo>> = OnceLock::new();
        LIST.get_or_init(|| {
            let mut v: Vec<&'static RuleInfo> = [
                validity::RULES,
                compat::RULES,
                version::RULES,
                semantics::RULES,
                security::RULES,
            ]
            .concat();
            v.sort_by_key(|r| r.code);
            v
        })
    }

    pub fn iter(&self) -> std::iter::Copied<std::slice::Iter<'static, &'static RuleInfo>> {
        self.list().iter().copied()
    }

    pub fn len(&self) -> usize {
        self.list().len()
    }

    pub fn is_empty(&self) -> bool {
        self.list().is_empty()
    }
}

impl IntoIterator for &AllRules {
    type Item = &'static RuleInfo;
    type IntoIter = std::iter::Copied<std::slice::Iter<'static, &'static RuleInfo>>;
    fn into_iter(self) -> Self::IntoIter {
        self.iter()
    }
}

#[cfg(test)]
mod tests {
    use super::ALL;
    use std::collections::HashSet;

    #[test]
    fn codes_and_names_are_unique_and_documented() {
        let mut codes = HashSet::new();
        let mut names = HashSet::new();
        for r in &ALL {
            assert!(codes.insert(r.code), "duplicate code {}", r.code);
            assert!(names.insert(r.name), "duplicate name {}", r.name);
            for part in ["## What it does", "## Why is this bad?", "## Example"] {
                assert!(r.doc.contains(part), "{} doc lacks {part}", r.code);
            }
        }
    }
}
