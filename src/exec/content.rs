//! The content phase: the location's handler (`proxy_pass`), the index
//! module for a directory, else the static module.

use super::*;

impl<'a> Exec<'a> {
    /// The access and content phases: realip of the location, try_files,
    /// then the location's handler.
    pub(super) fn content(&mut self) -> Outcome {
        self.realip();
        if let Some(rule) = self.access_denied() {
            step!(self, format!("access forbidden by rule at {}", rule.at));
            return self.special(403);
        }
        // try_files is the location's own (an `if` block has none); where
        // no location matched, the server's.
        let try_files = match self.if_block {
            None => &self.conf().try_files,
            Some(_) => &[][..],
        };
        if !try_files.is_empty() {
            if let Some(out) = self.try_files(try_files) {
                return out;
            }
        }
        if let Some(pass) = &self.conf().proxy_pass {
            return self.proxy(pass);
        }
        if self.uri.ends_with('/') {
            return self.index();
        }
        self.discards_first = true;
        self.static_file()
    }
}
