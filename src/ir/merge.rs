//! nginx's inheritance, in one place: a directive that takes one value is
//! taken from the innermost level that sets it (location chain, then server,
//! then http); a list directive (`proxy_set_header`, `add_header`…) takes
//! the whole list of the innermost level that has any entry.

use super::location::{chain, Location, Setting};
use super::{Http, Server};
use crate::registry::Version;

/// The levels a location's settings come from.
pub struct Levels<'a> {
    pub http: &'a Http,
    pub server: &'a Server,
    /// From the server's top-level location down to the one in effect.
    pub chain: Vec<&'a Location>,
}

impl<'a> Levels<'a> {
    pub fn new(http: &'a Http, server: &'a Server, location: Option<&Location>) -> Self {
        let chain = location
            .map(|l| chain(&server.locations, l))
            .unwrap_or_default();
        Levels {
            http,
            server,
            chain,
        }
    }

    /// Each level's own settings, innermost first.
    fn levels(&self) -> impl Iterator<Item = &'a [Setting]> + '_ {
        self.chain
            .iter()
            .rev()
            .map(|l| l.settings.as_slice())
            .chain([
                self.server.settings.as_slice(),
                self.http.settings.as_slice(),
            ])
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

    /// `proxy_http_version` in effect; its default changed in 1.29.7.
    pub fn proxy_http_version(&self, version: Version) -> String {
        self.value("proxy_http_version")
            .and_then(|s| s.args.first().cloned())
            .unwrap_or_else(|| if version >= (1, 29, 7) { "1.1" } else { "1.0" }.to_string())
    }
}
