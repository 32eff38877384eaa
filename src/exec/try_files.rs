//! The try-files phase (`try_files`).

use super::*;

impl<'a> Exec<'a> {
    /// `try_files`: `None` when a file was found (the URI now names it).
    pub(super) fn try_files(&mut self, args: &'a [String]) -> Option<Outcome> {
        let (last, files) = args.split_last()?;
        for f in files {
            // A trailing "/" in the configuration tests for a directory.
            let test_dir = f.len() > 1 && f.ends_with('/');
            let name = self.eval(if test_dir { &f[..f.len() - 1] } else { f });
            let path = self.map_to_path(&name);
            let meta = std::fs::metadata(&path);
            let ok = meta.is_ok_and(|m| m.is_dir() == test_dir);
            if ok {
                step!(self, format!("try_files: \"{}\" exists", path.display()));
                self.uri = name;
                return None;
            }
        }
        let last = self.eval(last);
        if let Some(code) = last.strip_prefix('=') {
            let code = code.parse().unwrap_or(404);
            step!(self, format!("try_files falls back to ={code}"));
            return Some(self.special(code));
        }
        if last.starts_with('@') {
            return Some(self.named_redirect(&last));
        }
        // The fallback's own arguments replace the request's.
        let (path, args) = match last.split_once('?') {
            Some((p, a)) => (p.to_string(), Some(a.to_string())),
            None => (last.clone(), None),
        };
        step!(self, format!("try_files falls back to \"{last}\""));
        Some(self.redirect_to(path, args))
    }
}
