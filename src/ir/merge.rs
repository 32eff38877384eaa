//! nginx's inheritance, in one place: a directive that takes one value is
//! taken from the innermost level that sets it (location chain, then server,
//! then http); a list directive (`proxy_set_header`, `add_header`…) takes
//! the whole list of the innermost level that has any entry.

use super::location::{chain_into, Location, Setting};
use super::{Http, Server};
use crate::profile::{has, Behaviour::*};
use crate::registry::Version;
use smallvec::SmallVec;

/// A set of directive names, as a Bloom filter of 256 bits and two hashes:
/// "maybe set" or "certainly not set", for the price of one hash.
#[derive(Debug, Clone, Default)]
pub struct Names([u64; 4]);

impl Names {
    fn bits(name: &str) -> [usize; 2] {
        // FNV-1a: names are short and the set is built from the config.
        let mut h: u64 = 0xcbf2_9ce4_8422_2325;
        for &b in name.as_bytes() {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0000_0100_0000_01b3);
        }
        [(h & 0xff) as usize, ((h >> 8) & 0xff) as usize]
    }

    pub fn add(&mut self, name: &str) {
        for b in Self::bits(name) {
            self.0[b / 64] |= 1 << (b % 64);
        }
    }

    /// The names of these settings and of those in their blocks (`if`).
    pub fn add_all(&mut self, settings: &[Setting]) {
        for s in settings {
            self.add(&s.name);
            self.add_all(&s.block);
        }
    }

    pub fn may_contain(&self, name: &str) -> bool {
        Self::bits(name)
            .iter()
            .all(|&b| self.0[b / 64] & (1 << (b % 64)) != 0)
    }
}

/// The levels a location's settings come from (kept inline: one is made
/// for every setting a request looks up).
pub struct Levels<'a> {
    /// From the server's top-level location down to the one in effect.
    pub chain: SmallVec<[&'a Location; 4]>,
    /// A true `if` block of the innermost location.
    pub if_block: Option<&'a Setting>,
    /// The levels around the location chain, innermost first: the server's
    /// settings, then http's.
    outer: SmallVec<[&'a [Setting]; 4]>,
    /// The names set anywhere at these levels (unknown for `of`).
    names: Option<&'a Names>,
}

impl<'a> Levels<'a> {
    pub fn new(http: &'a Http, server: &'a Server, location: Option<&Location>) -> Self {
        let mut chain = SmallVec::new();
        if let Some(l) = location {
            chain_into(&server.locations, l, &mut chain);
        }
        Self::with_chain(http, server, chain)
    }

    /// The levels of a location whose chain is known (outermost first).
    pub fn with_chain(
        http: &'a Http,
        server: &'a Server,
        chain: SmallVec<[&'a Location; 4]>,
    ) -> Self {
        let mut outer = SmallVec::new();
        outer.push(server.settings.as_slice());
        outer.push(http.settings.as_slice());
        Levels {
            chain,
            if_block: None,
            outer,
            names: Some(&http.names),
        }
    }

    /// Levels given as their own settings, innermost first (an `if` block,
    /// locations, server, http): how lint asks what nginx makes of any
    /// level of a configuration, including one the IR does not route to.
    pub fn of(levels: Vec<&'a [Setting]>) -> Self {
        Levels {
            chain: SmallVec::new(),
            if_block: None,
            outer: levels.into_iter().collect(),
            names: None,
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
        self.if_block
            .map(|b| b.block.as_slice())
            .into_iter()
            .chain(self.chain.iter().rev().map(|l| l.settings.as_slice()))
            .chain(self.outer.iter().copied())
    }

    /// Whether any level may set `name`.
    fn may_set(&self, name: &str) -> bool {
        self.names.is_none_or(|n| n.may_contain(name))
    }

    /// A one-value directive as nginx merges it.
    pub fn value(&self, name: &str) -> Option<&'a Setting> {
        if !self.may_set(name) {
            return None;
        }
        self.levels()
            .find_map(|level| level.iter().rev().find(|s| s.name == name))
    }

    /// Several directives that form one list (`allow`/`deny`), in order,
    /// from the innermost level that has any of them.
    pub fn lists(&self, names: &[&str]) -> Vec<&'a Setting> {
        self.levels()
            .map(|level| {
                level
                    .iter()
                    .filter(|s| names.contains(&s.name.as_str()))
                    .collect::<Vec<_>>()
            })
            .find(|l| !l.is_empty())
            .unwrap_or_default()
    }

    /// A list directive as nginx merges it.
    pub fn list(&self, name: &str) -> Vec<&'a Setting> {
        if !self.may_set(name) {
            return Vec::new();
        }
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

    /// `proxy_http_version` in effect; its default changed in 1.29.7.
    pub fn proxy_http_version(&self, version: Version) -> String {
        self.value("proxy_http_version")
            .and_then(|s| s.args.first().cloned())
            .unwrap_or_else(|| {
                if has(version, UpstreamHttp11Keepalive) {
                    "1.1"
                } else {
                    "1.0"
                }
                .to_string()
            })
    }
}

#[cfg(test)]
mod tests {
    use super::Names;

    #[test]
    fn names_never_miss_one_that_was_added() {
        let mut names = Names::default();
        let added = ["proxy_pass", "root", "add_header", "proxy_set_header", "if"];
        for n in added {
            names.add(n);
        }
        assert!(added.iter().all(|n| names.may_contain(n)));
        // With five names in 256 bits most others are ruled out.
        let others = [
            "send_timeout",
            "proxy_read_timeout",
            "expires",
            "try_files",
            "index",
        ];
        assert!(others.iter().filter(|n| names.may_contain(n)).count() <= 1);
    }
}
