//! The rewrite phases (nginx's rewrite module): `rewrite`, `set`, `if`,
//! `return` and `break` statements of the server and the location, as
//! compiled by `ir::rewrite`.

use super::*;

impl<'a> Exec<'a> {
    pub(super) fn rewrite_result(&mut self, rw: Rw<'a>) -> Outcome {
        match rw {
            Rw::Return(ret) => self.do_return(ret),
            Rw::Redirect(code, url) => {
                self.location_header = Some(url);
                self.special(code)
            }
            Rw::Continue | Rw::Break | Rw::Last => self.content(),
        }
    }

    /// Run the rewrite module's statements of a level (`rewrite`, `set`,
    /// `if`, `return`, `break`). A true `if` runs its block in line and,
    /// in a location, becomes the configuration in effect.
    pub(super) fn rewrite(&mut self, stmts: &'a [Stmt], server_level: bool) -> Rw<'a> {
        for s in stmts {
            match s {
                Stmt::Return(r) => return Rw::Return(r),
                Stmt::Break => {
                    self.uri_changed = false;
                    return Rw::Break;
                }
                Stmt::Set { var, value } => {
                    let v = self.eval(value);
                    self.set_vars.insert(var.clone(), v);
                }
                Stmt::If(i) if self.condition(&i.cond) => {
                    step!(self, format!("if {} at {} is true", i.text, i.at));
                    if !server_level {
                        self.if_block = Some(i);
                    }
                    match self.rewrite(&i.block, server_level) {
                        Rw::Continue => {}
                        other => return other,
                    }
                }
                Stmt::If(_) => {}
                Stmt::Rewrite(r) => {
                    if let Some(rw) = self.rewrite_one(r) {
                        return rw;
                    }
                }
            }
        }
        Rw::Continue
    }

    /// One `rewrite`: `None` when the list goes on (no match, or a match
    /// without a flag), else how the phase ends.
    pub(super) fn rewrite_one(&mut self, r: &'a Rewrite) -> Option<Rw<'a>> {
        let (pattern, replacement) = (&r.pattern, &r.replacement);
        let re = match &r.regex {
            Ok(re) => re,
            Err(e) => {
                step!(
                    self,
                    format!("rginx cannot compile the rewrite regex \"{pattern}\": {e}")
                );
                return None;
            }
        };
        let uri = self.uri.clone();
        let caps = re.captures(&uri)?;
        self.set_captures(re, &caps);
        let flag = r.flag;
        // New arguments (after a "?" written in the replacement, not one a
        // variable brings) replace the old ones, which are appended unless
        // the replacement ends with "?".
        let (template, keep_old) = match replacement.strip_suffix('?') {
            Some(t) => (t, false),
            None => (replacement.as_str(), true),
        };
        let (path, args) = match template.split_once('?') {
            None => (
                self.eval(template),
                if keep_old { self.args.clone() } else { None },
            ),
            Some((p, a)) => {
                let a = self.eval(a);
                let args = match (keep_old, &self.args) {
                    (true, Some(old)) => Some(format!("{a}&{old}")),
                    _ => Some(a),
                };
                (self.eval(p), args)
            }
        };
        step!(
            self,
            format!(
                "rewrite {pattern} {replacement}{} at {}: \"{path}\"",
                flag.map(|f| format!(" {}", f.word())).unwrap_or_default(),
                r.at
            )
        );
        let scheme = replacement.starts_with("http://")
            || replacement.starts_with("https://")
            || replacement.starts_with("$scheme");
        if scheme || matches!(flag, Some(Flag::Redirect | Flag::Permanent)) {
            let code = if flag == Some(Flag::Permanent) {
                301
            } else {
                302
            };
            let url = match &args {
                Some(a) => format!("{path}?{a}"),
                None => path,
            };
            return Some(Rw::Redirect(code, url));
        }
        self.uri = path;
        self.args = args;
        self.uri_rewritten = true;
        match flag {
            Some(Flag::Last) => {
                self.uri_changed = true;
                Some(Rw::Last)
            }
            Some(Flag::Break) => {
                self.uri_changed = false;
                self.valid_location = false;
                Some(Rw::Break)
            }
            _ => {
                self.uri_changed = true;
                None
            }
        }
    }

    /// An `if` condition.
    pub(super) fn condition(&mut self, cond: &'a Cond) -> bool {
        let file_test = |test: FileTest, path: &str| {
            let meta = std::fs::metadata(path);
            match test {
                FileTest::File => meta.is_ok_and(|m| m.is_file()),
                FileTest::Dir => meta.is_ok_and(|m| m.is_dir()),
                FileTest::Exists => meta.is_ok(),
                FileTest::Executable => {
                    use std::os::unix::fs::PermissionsExt;
                    meta.is_ok_and(|m| m.permissions().mode() & 0o111 != 0)
                }
            }
        };
        match cond {
            Cond::File {
                test,
                path,
                negated,
            } => file_test(*test, &self.eval(path)) != *negated,
            Cond::Value(var) => {
                let v = self.eval(var);
                !v.is_empty() && v != "0"
            }
            Cond::Equals {
                value,
                other,
                negated,
            } => (self.eval(value) == self.eval(other)) != *negated,
            Cond::Matches {
                value,
                pattern,
                regex,
                negated,
            } => {
                let v = self.eval(value);
                let Ok(re) = regex else {
                    step!(
                        self,
                        format!("rginx cannot compile the if regex \"{pattern}\"")
                    );
                    return false;
                };
                let hit = re.captures(&v);
                if let Some(c) = &hit {
                    self.set_captures(re, c);
                }
                hit.is_some() != *negated
            }
            Cond::Never => false,
        }
    }

    /// `return code [text|URL]` / `return URL`.
    pub(super) fn do_return(&mut self, ret: &Return) -> Outcome {
        step!(self, format!("return {} at {}", ret.args.join(" "), ret.at));
        let code = ret.code;
        let status = code.unwrap_or(302);
        if status == 444 {
            // nginx's "close": no response at all, no error_page, no
            // filters; the access log still has the request, as 444.
            step!(
                self,
                "444: the connection is closed without a response".into()
            );
            self.status = Some(444);
            self.closes = true;
            return Outcome::Respond(Reply {
                status: 444,
                headers: Vec::new(),
                content_type: None,
                body: Body::Empty,
            });
        }
        let value = ret.value.as_ref().map(|t| self.eval(t));
        self.discards_first = status < 400 || value.is_some();
        match value {
            Some(url) if is_redirect(status) || code.is_none() => {
                self.location_header = Some(url);
                self.special(status)
            }
            Some(text) => {
                let content_type = self.default_type();
                self.finish(Reply {
                    status,
                    headers: Vec::new(),
                    content_type: Some(content_type),
                    body: Body::Text(text),
                })
            }
            None if status >= 300 || status == 204 => self.special(status),
            None => self.finish(Reply {
                status,
                headers: Vec::new(),
                content_type: None,
                body: Body::Text(String::new()),
            }),
        }
    }
}
