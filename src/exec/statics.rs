//! Local content: mapping the URI to a path (`root`, `alias`), the index
//! module (`index`), and static files (nginx's static handler): types,
//! the 301 for directories, 403/404/405 as nginx answers them.

use super::step;
use super::{Body, Exec, Outcome, Reply};

use std::path::PathBuf;

/// nginx's types when the configuration has no `types` block.
const DEFAULT_TYPES: &[(&str, &str)] = &[
    ("html", "text/html"),
    ("gif", "image/gif"),
    ("jpg", "image/jpeg"),
];

impl<'a> Exec<'a> {
    /// The `root` or `alias` in effect, evaluated (`html` by default).
    fn root_value(&self) -> (String, Option<&'a crate::ir::conf::AliasOf>) {
        match &self.conf().root {
            Some(r) => (self.eval(&r.path), r.alias.as_ref()),
            None => ("html".into(), None),
        }
    }

    /// The file a URI maps to.
    pub fn map_to_path(&self, uri: &str) -> PathBuf {
        let (value, alias) = self.root_value();
        let base = if value.starts_with('/') {
            PathBuf::from(&value)
        } else {
            self.http.prefix.join(&value)
        };
        let base = base.to_string_lossy().into_owned();
        match alias {
            // A regex location's alias is the whole path.
            Some(a) if a.regex => PathBuf::from(base),
            Some(a) => {
                let rest = uri.get(a.prefix_len.min(uri.len())..).unwrap_or("");
                PathBuf::from(format!("{base}{rest}"))
            }
            None => PathBuf::from(format!("{}{uri}", base.trim_end_matches('/'))),
        }
    }

    /// `$document_root`.
    pub fn document_root(&self) -> String {
        let (value, _) = self.root_value();
        if value.starts_with('/') {
            value
        } else {
            self.http.prefix.join(value).to_string_lossy().into_owned()
        }
    }

    /// The Content-Type for the URI's extension.
    fn content_type_of(&self, uri: &str) -> String {
        let last = uri.rsplit('/').next().unwrap_or("");
        let ext = last
            .rsplit_once('.')
            .map(|(_, e)| e.to_ascii_lowercase())
            .unwrap_or_default();
        let conf = self.conf();
        match &conf.types {
            Some(types) => {
                if let Some(t) = types.get(&ext) {
                    return t.clone();
                }
            }
            None => {
                if let Some((_, t)) = DEFAULT_TYPES.iter().find(|(e, _)| *e == ext) {
                    return (*t).to_string();
                }
            }
        }
        conf.default_type.clone()
    }

    /// The index module for a URI ending in "/".
    pub(super) fn index(&mut self) -> Outcome {
        if !matches!(self.method.as_str(), "GET" | "HEAD" | "POST") {
            return self.special(405);
        }
        let names: Vec<String> = self.conf().index.iter().map(|a| self.eval(a)).collect();
        let dir = self.map_to_path(&self.uri);
        for (i, name) in names.iter().enumerate() {
            if name.starts_with('/') {
                if i + 1 == names.len() {
                    return self.index_redirect(name.clone());
                }
                continue;
            }
            let path = PathBuf::from(format!("{}{name}", dir.to_string_lossy()));
            if path.exists() {
                let target = format!("{}{name}", self.uri);
                return self.index_redirect(target);
            }
        }
        if !dir.is_dir() {
            step!(self, format!("\"{}\" is not found: 404", dir.display()));
            return self.special(404);
        }
        step!(
            self,
            format!("directory index of \"{}\" is forbidden: 403", dir.display())
        );
        self.special(403)
    }

    fn index_redirect(&mut self, target: String) -> Outcome {
        step!(self, format!("index: \"{target}\""));
        let args = self.args.clone();
        let out = match args {
            Some(a) => format!("{target}?{a}"),
            None => target,
        };
        self.redirect_keep_args(&out)
    }

    fn redirect_keep_args(&mut self, target: &str) -> Outcome {
        let (path, args) = match target.split_once('?') {
            Some((p, a)) => (p.to_string(), Some(a.to_string())),
            None => (target.to_string(), None),
        };
        self.redirect_to(path, args)
    }

    /// The static handler for a URI not ending in "/".
    pub(super) fn static_file(&mut self) -> Outcome {
        if !matches!(self.method.as_str(), "GET" | "HEAD" | "POST") {
            return self.special(405);
        }
        let path = self.map_to_path(&self.uri);
        let meta = match std::fs::metadata(&path) {
            Ok(m) => m,
            Err(e) => {
                let code = if e.kind() == std::io::ErrorKind::PermissionDenied {
                    403
                } else {
                    404
                };
                step!(self, format!("\"{}\": {e}: {code}", path.display()));
                return self.special(code);
            }
        };
        if meta.is_dir() {
            let mut to = format!("{}/", self.uri);
            if let Some(a) = &self.args {
                to.push('?');
                to.push_str(a);
            }
            step!(self, format!("\"{}\" is a directory: 301", path.display()));
            return self.redirect_status(301, to);
        }
        if !meta.is_file() {
            return self.special(404);
        }
        if self.method == "POST" {
            return self.special(405);
        }
        step!(self, format!("static file \"{}\"", path.display()));
        let mtime = meta
            .modified()
            .map_or(0, |t| crate::time::since_epoch(t).as_secs());
        let len = meta.len();
        // Ranges are the range filter's (see `filters`).
        let mut headers = vec![("Last-Modified".into(), crate::time::http_date(mtime))];
        if self.conf().etag {
            headers.push(("ETag".into(), format!("\"{mtime:x}-{len:x}\"")));
        }
        let reply = Reply {
            status: 200,
            headers,
            content_type: Some(self.content_type_of(&self.uri.clone())),
            body: Body::File(path.clone()),
        };
        self.respond(reply)
    }
}
