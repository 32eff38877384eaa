//! The rewrite phase of a server or location, as the rewrite module runs it:
//! `rewrite`, `return` and `break` in the order written. A matching
//! `rewrite` changes the URI (captures `$1`…`$9`), then `last` searches the
//! locations again, `break` stays, `redirect`/`permanent` (or a replacement
//! that starts with a scheme) answer with a redirect, and no flag goes on to
//! the next directive; a changed URI at the end searches again.

use super::location::Setting;

/// Where a request stands while the rewrite phases run.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Current {
    /// The decoded URI (`$uri`).
    pub uri: String,
    /// `$args`.
    pub args: Option<String>,
    /// Whether a rewrite changed the URI.
    pub changed: bool,
}

/// What the phase decided.
#[derive(Debug)]
pub enum Flow<'a> {
    /// Go on to the content phase in this location.
    Next,
    /// Look for a location again with the changed URI.
    Search,
    /// A `return` answers.
    Return(&'a Setting),
    /// A redirect to this URL (relative or absolute).
    Redirect(u16, String),
    /// Something the IR cannot evaluate yet.
    Unknown(String),
}

fn expand_captures(replacement: &str, caps: &regex::Captures) -> String {
    let mut out = String::new();
    let mut chars = replacement.char_indices().peekable();
    while let Some((_, c)) = chars.next() {
        if c == '$' {
            if let Some(&(_, d)) = chars.peek() {
                if let Some(n) = d.to_digit(10) {
                    chars.next();
                    out.push_str(caps.get(n as usize).map_or("", |m| m.as_str()));
                    continue;
                }
            }
        }
        out.push(c);
    }
    out
}

/// Run one phase. `eval` expands the other variables for the current state.
pub fn run<'a>(
    settings: &'a [Setting],
    cur: &mut Current,
    eval: &dyn Fn(&str, &Current) -> Result<String, String>,
) -> Flow<'a> {
    let mut changed_here = false;
    for s in settings {
        match s.name.as_str() {
            "return" => return Flow::Return(s),
            "break" => return Flow::Next,
            "rewrite" => {
                let (Some(pattern), Some(replacement)) = (s.args.first(), s.args.get(1)) else {
                    continue;
                };
                let re = match regex::Regex::new(pattern) {
                    Ok(re) => re,
                    Err(e) => {
                        return Flow::Unknown(format!(
                            "rginx cannot compile rewrite regex \"{pattern}\": {e}"
                        ))
                    }
                };
                let Some(caps) = re.captures(&cur.uri) else {
                    continue;
                };
                let expanded = match eval(&expand_captures(replacement, &caps), cur) {
                    Ok(v) => v,
                    Err(e) => return Flow::Unknown(e),
                };
                let flag = s.args.get(2).map(String::as_str);
                // New arguments replace the old ones, which are appended
                // unless the replacement ends with "?".
                let (expanded, keep_old) = match expanded.strip_suffix('?') {
                    Some(e) => (e.to_string(), false),
                    None => (expanded, true),
                };
                let (path, args) = match expanded.split_once('?') {
                    None => (
                        expanded.clone(),
                        if keep_old { cur.args.clone() } else { None },
                    ),
                    Some((p, a)) => {
                        let args = match (keep_old, &cur.args) {
                            (true, Some(old)) => Some(format!("{a}&{old}")),
                            _ => Some(a.to_string()),
                        };
                        (p.to_string(), args)
                    }
                };
                let to_url = |path: &str, args: &Option<String>| match args {
                    Some(a) => format!("{path}?{a}"),
                    None => path.to_string(),
                };
                let scheme = expanded.starts_with("http://") || expanded.starts_with("https://");
                if scheme || matches!(flag, Some("redirect" | "permanent")) {
                    let code = if flag == Some("permanent") { 301 } else { 302 };
                    return Flow::Redirect(code, to_url(&path, &args));
                }
                cur.uri = path;
                cur.args = args;
                cur.changed = true;
                changed_here = true;
                match flag {
                    Some("last") => return Flow::Search,
                    Some("break") => return Flow::Next,
                    _ => {}
                }
            }
            _ => {}
        }
    }
    if changed_here {
        Flow::Search
    } else {
        Flow::Next
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ir::At;

    fn rewrite(args: &[&str]) -> Setting {
        Setting {
            name: "rewrite".into(),
            args: args.iter().map(|a| a.to_string()).collect(),
            at: At {
                file: "t".into(),
                line: 1,
            },
            block: Vec::new(),
        }
    }

    fn run_one(args: &[&str], uri: &str, query: Option<&str>) -> (String, Current) {
        let settings = [rewrite(args)];
        let mut cur = Current {
            uri: uri.into(),
            args: query.map(str::to_string),
            changed: false,
        };
        let flow = run(&settings, &mut cur, &|t, _| Ok(t.to_string()));
        (
            format!("{flow:?}").split('(').next().unwrap().to_string(),
            cur,
        )
    }

    #[test]
    fn flags_captures_and_arguments() {
        let (flow, cur) = run_one(
            &["^/old/(.*)/(.*)$", "/new/$2/$1", "last"],
            "/old/a/b",
            Some("q=1"),
        );
        assert_eq!(
            (flow.as_str(), cur.uri.as_str(), cur.args.as_deref()),
            ("Search", "/new/b/a", Some("q=1"))
        );
        let (_, cur) = run_one(&["^", "/show?x=1", "break"], "/keep", Some("q=9"));
        assert_eq!(
            cur.args.as_deref(),
            Some("x=1&q=9"),
            "old arguments are appended"
        );
        let (_, cur) = run_one(&["^", "/show?", "break"], "/drop", Some("q=9"));
        assert_eq!(cur.args, None, "a trailing ? drops them");
        let (flow, _) = run_one(&["^", "http://example.com/x"], "/a", None);
        assert_eq!(flow, "Redirect", "a scheme makes a redirect");
        let (flow, cur) = run_one(&["^/z", "/y"], "/a", None);
        assert_eq!(
            (flow.as_str(), cur.changed),
            ("Next", false),
            "no match, nothing changes"
        );
    }
}
