//! The access phase: `allow`/`deny` (nginx's access module).

use super::*;

impl<'a> Exec<'a> {
    /// The access module: `allow`/`deny` in order, the first rule that
    /// matches the client's address decides (a level with rules replaces
    /// the ones around it).
    pub(super) fn access_denied(&self) -> Option<&'a crate::ir::conf::Rule> {
        let ip = self.remote.ip();
        for r in &self.conf().allow {
            if r.what == "all" || crate::ir::maps::net_contains(&r.what, ip) {
                return r.deny.then_some(r);
            }
        }
        None
    }
}
