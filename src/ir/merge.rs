//! nginx's inheritance as lint reads it from the raw levels: a directive
//! that takes one value is taken from the innermost level that sets it; a
//! list directive (`proxy_set_header`, `add_header`…) takes the whole list
//! of the innermost level that has any entry.

use super::location::Setting;
use crate::profile::{has, Behaviour::*};
use crate::registry::Version;
use smallvec::SmallVec;

/// The levels of a configuration as lint sees them: each level's own
/// settings, innermost first (an `if` block, locations, server, http),
/// including levels no request is routed to. Serving reads the typed
/// configuration merged at load (`ir::conf`) instead.
pub struct Levels<'a> {
    outer: SmallVec<[&'a [Setting]; 4]>,
}

impl<'a> Levels<'a> {
    /// Levels given as their own settings, innermost first (an `if` block,
    /// locations, server, http): how lint asks what nginx makes of any
    /// level of a configuration, including one the IR does not route to.
    pub fn of(levels: Vec<&'a [Setting]>) -> Self {
        Levels {
            outer: levels.into_iter().collect(),
        }
    }

    /// The levels of the enclosing block: what this level would have if
    /// it set nothing itself. `None` at the outermost level.
    pub fn parent(&self) -> Option<Levels<'a>> {
        let mut levels: Vec<&'a [Setting]> = self.levels().collect();
        if levels.is_empty() {
            return None;
        }
        levels.remove(0);
        Some(Levels::of(levels))
    }

    /// Each level's own settings, innermost first.
    fn levels(&self) -> impl Iterator<Item = &'a [Setting]> + '_ {
        self.outer.iter().copied()
    }

    /// A one-value directive as nginx merges it.
    pub fn value(&self, name: &str) -> Option<&'a Setting> {
        self.levels()
            .find_map(|level| level.iter().rev().find(|s| s.name == name))
    }

    /// A list directive as nginx merges it.
    pub fn list(&self, name: &str) -> Vec<&'a Setting> {
        self.levels()
            .map(|level| level.iter().filter(|s| s.name == name).collect::<Vec<_>>())
            .find(|l| !l.is_empty())
            .unwrap_or_default()
    }

    /// `add_header` (or another list) with `add_header_inherit` (1.29.3):
    /// `on` takes the innermost level's list, `off` only a level's own,
    /// `merge` a level's own followed by what its parent has.
    pub fn headers(&self, name: &str, version: Version) -> Vec<&'a Setting> {
        if !has(version, AddHeaderInherit) {
            return self.list(name);
        }
        let levels: Vec<&'a [Setting]> = self.levels().collect();
        fn merged<'a>(levels: &[&'a [Setting]], name: &str) -> Vec<&'a Setting> {
            let Some((own, parents)) = levels.split_first() else {
                return Vec::new();
            };
            let mode = levels
                .iter()
                .find_map(|l| l.iter().rev().find(|s| s.name == "add_header_inherit"))
                .and_then(|s| s.args.first())
                .map_or("on", String::as_str);
            let mine: Vec<&Setting> = own.iter().filter(|s| s.name == name).collect();
            match mode {
                "merge" => {
                    let mut out = mine;
                    out.extend(merged(parents, name));
                    out
                }
                "off" => mine,
                _ if !mine.is_empty() => mine,
                _ => merged(parents, name),
            }
        }
        merged(&levels, name)
    }
}
