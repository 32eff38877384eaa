//! What several security rules need: variables in a value, `location` and
//! `if` arguments, the http configuration levels and what they inherit.

use super::regex::{self, Capture, Regex};
use crate::lint::Model;
use crate::registry::Ctx;

/// A variable reference in a value: `$name`, `${name}`, or a capture `$1`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct VarRef {
    /// As nginx reads it (lowercase is not applied).
    pub name: String,
    /// Byte offset of the `$`.
    pub at: usize,
    /// Byte offset just past the reference.
    pub end: usize,
}

impl VarRef {
    pub fn capture(&self) -> Option<Capture> {
        match self.name.parse::<usize>() {
            Ok(k) => Some(Capture::Index(k)),
            Err(_) => None,
        }
    }

    pub fn is(&self, name: &str) -> bool {
        self.name.eq_ignore_ascii_case(name)
    }
}

/// The variables a value refers to, as nginx's script compiler reads them:
/// a capture is one digit, a name is letters, digits and `_`.
pub fn vars(s: &str) -> Vec<VarRef> {
    let b = s.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        if b[i] != b'$' {
            i += 1;
            continue;
        }
        let at = i;
        i += 1;
        if i < b.len() && (b'1'..=b'9').contains(&b[i]) {
            out.push(VarRef {
                name: (b[i] as char).to_string(),
                at,
                end: i + 1,
            });
            i += 1;
            continue;
        }
        let braced = i < b.len() && b[i] == b'{';
        if braced {
            i += 1;
        }
        let start = i;
        while i < b.len() && (b[i].is_ascii_alphanumeric() || b[i] == b'_') {
            i += 1;
        }
        if i > start {
            let name = s[start..i].to_string();
            if braced && i < b.len() && b[i] == b'}' {
                i += 1;
            }
            out.push(VarRef { name, at, end: i });
        }
    }
    out
}

/// The condition of an `if`, its parentheses removed as nginx removes them.
pub fn if_condition(m: &Model, i: usize) -> Vec<String> {
    let mut args = m.args(i);
    if let Some(first) = args.first_mut() {
        if let Some(rest) = first.strip_prefix('(') {
            *first = rest.to_string();
        }
    }
    if let Some(last) = args.last_mut() {
        if let Some(rest) = last.strip_suffix(')') {
            *last = rest.to_string();
        }
    }
    args.retain(|a| !a.is_empty());
    args
}

/// A regex match in an `if` condition: the variable tested, the operator
/// (`~`, `~*`, `!~`, `!~*`), the regex and the index of its argument.
pub fn if_regex(m: &Model, i: usize) -> Option<(String, String, String, usize)> {
    let cond = if_condition(m, i);
    if cond.len() != 3 || !["~", "~*", "!~", "!~*"].contains(&cond[1].as_str()) {
        return None;
    }
    let arg = m.node(i).d.args.len() - 1;
    Some((cond[0].clone(), cond[1].clone(), cond[2].clone(), arg))
}

/// How a `location` matches.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LocKind {
    Prefix,
    /// `^~`
    PrefixNoRegex,
    Exact,
    Regex {
        caseless: bool,
    },
    Named,
}

/// A location's kind, its path or regex, and the argument index holding it.
pub fn location(m: &Model, i: usize) -> Option<(LocKind, String, usize)> {
    let n = m.node(i);
    if !n.d.is("location") {
        return None;
    }
    let args = m.args(i);
    if args.len() >= 2 {
        let kind = match args[0].as_str() {
            "=" => LocKind::Exact,
            "~" => LocKind::Regex { caseless: false },
            "~*" => LocKind::Regex { caseless: true },
            "^~" => LocKind::PrefixNoRegex,
            _ => return None,
        };
        return Some((kind, args[1].clone(), 1));
    }
    let a = args.first()?;
    let (kind, path) = if let Some(p) = a.strip_prefix("~*") {
        (LocKind::Regex { caseless: true }, p)
    } else if let Some(p) = a.strip_prefix('~') {
        (LocKind::Regex { caseless: false }, p)
    } else if let Some(p) = a.strip_prefix("^~") {
        (LocKind::PrefixNoRegex, p)
    } else if let Some(p) = a.strip_prefix('=') {
        (LocKind::Exact, p)
    } else if a.starts_with('@') {
        (LocKind::Named, a.as_str())
    } else {
        (LocKind::Prefix, a.as_str())
    };
    Some((kind, path.to_string(), 0))
}

/// A level of the http configuration: `http`, `server`, `location`, `if`,
/// `limit_except` (each has its own location configuration).
pub fn is_level(m: &Model, i: usize) -> bool {
    let n = m.node(i);
    (n.d.is("http") && n.ctx == Ctx::MAIN)
        || (n.d.is("server") && n.ctx == Ctx::HTTP_MAIN)
        || (n.d.is("location") && n.ctx.intersects(Ctx::HTTP_SRV | Ctx::HTTP_LOC))
        || (n.d.is("if") && n.ctx.intersects(Ctx::HTTP_SRV | Ctx::HTTP_LOC))
        || (n.d.is("limit_except") && n.ctx == Ctx::HTTP_LOC)
}

/// The level a node stands in: its nearest enclosing level, or `None` at
/// the top of the file (when linted with `--context http` and the like).
pub fn level_of(m: &Model, i: usize) -> Option<usize> {
    m.ancestors(i).find(|&a| is_level(m, a))
}

/// The level a level inherits from.
pub fn parent_level(m: &Model, level: usize) -> Option<usize> {
    level_of(m, level)
}

/// The statements of a level.
pub fn children<'m>(m: &'m Model, level: Option<usize>) -> &'m [usize] {
    match level {
        Some(l) => &m.node(l).children,
        None => &m.roots,
    }
}

/// The children of a level with one of these names.
pub fn children_named(m: &Model, level: Option<usize>, names: &[&str]) -> Vec<usize> {
    children(m, level)
        .iter()
        .copied()
        .filter(|&c| names.iter().any(|n| m.node(c).d.is(n)))
        .collect()
}

/// The last child with this name at `level` or the nearest enclosing level
/// that has one (standard inheritance).
pub fn inherited(m: &Model, level: Option<usize>, name: &str) -> Option<usize> {
    let mut cur = level;
    loop {
        if let Some(&c) = children(m, cur)
            .iter()
            .rev()
            .find(|&&c| m.node(c).d.is(name))
        {
            return Some(c);
        }
        cur = parent_level(m, cur?);
    }
}

/// Array-valued directives (`add_header`, `allow`/`deny`, `proxy_set_header`…)
/// are inherited whole, and only by a level that has none of its own: the
/// nodes in effect at `level`, found at the nearest level that has any.
pub fn inherited_array(m: &Model, level: Option<usize>, names: &[&str]) -> Vec<usize> {
    let mut cur = level;
    loop {
        let own = children_named(m, cur, names);
        if !own.is_empty() {
            return own;
        }
        match cur {
            Some(l) => cur = parent_level(m, l),
            None => return Vec::new(),
        }
    }
}

/// `add_header_inherit` in effect (nginx 1.29.3+): `on`, `off` or `merge`.
fn header_inherit_mode(m: &Model, level: Option<usize>) -> String {
    if !crate::profile::has(
        m.opts.nginx_version,
        crate::profile::Behaviour::AddHeaderInherit,
    ) {
        return "on".into();
    }
    inherited(m, level, "add_header_inherit")
        .and_then(|i| m.args(i).first().cloned())
        .unwrap_or_else(|| "on".into())
}

/// Whether `add_header_inherit merge` applies at this level.
pub fn headers_merge(m: &Model, level: Option<usize>) -> bool {
    header_inherit_mode(m, level) == "merge"
}

/// The `add_header` nodes in effect at a level, as nginx merges them.
pub fn effective_headers(m: &Model, level: Option<usize>) -> Vec<usize> {
    let own = children_named(m, level, &["add_header"]);
    let parent = || match level {
        Some(l) => effective_headers(m, parent_level(m, l)),
        None => Vec::new(),
    };
    match header_inherit_mode(m, level).as_str() {
        "off" => own,
        "merge" => {
            let mut v = parent();
            v.extend(own);
            v
        }
        _ if own.is_empty() => parent(),
        _ => own,
    }
}

/// The header an `add_header` node sets (lowercase), if it sets a value.
pub fn header_name(m: &Model, i: usize) -> Option<String> {
    let args = m.args(i);
    let name = args.first()?.to_ascii_lowercase();
    let value = args.get(1)?;
    (!name.is_empty() && !value.is_empty()).then_some(name)
}

/// The regex whose captures (`$1`, named groups) a directive at `i` sees:
/// the nearest enclosing `if` with a regex, else the enclosing regex
/// location.
pub fn capture_source(m: &Model, i: usize) -> Option<Regex> {
    for a in m.ancestors(i) {
        let n = m.node(a);
        if n.d.is("if") {
            if let Some((_, op, re, _)) = if_regex(m, a) {
                if !op.starts_with('!') {
                    return Some(Regex::parse(&re, op.ends_with('*')));
                }
            }
        }
        if let Some((LocKind::Regex { caseless }, re, _)) = location(m, a) {
            return Some(Regex::parse(&re, caseless));
        }
        if n.d.is("server") {
            break;
        }
    }
    None
}

/// The capture a variable stands for in `re`, if any.
pub fn capture_of(re: &Regex, v: &VarRef) -> Option<Capture> {
    if let Some(c) = v.capture() {
        return (matches!(c, Capture::Index(k) if k <= re.groups)).then_some(c);
    }
    re.names()
        .into_iter()
        .find(|n| n == &v.name)
        .map(Capture::Name)
}

/// Variables whose value the client chooses freely.
pub fn client_variable(name: &str) -> bool {
    let v = name.to_ascii_lowercase();
    v.starts_with("http_")
        || v.starts_with("arg_")
        || v.starts_with("cookie_")
        || matches!(
            v.as_str(),
            "uri"
                | "document_uri"
                | "request_uri"
                | "host"
                | "args"
                | "query_string"
                | "request"
                | "request_body"
        )
}

/// Whether the variable `v` used at node `i` carries client-chosen text:
/// a client variable, a capture of a non-literal group, or a `set`/`map`
/// variable built from one (followed a few steps).
pub fn controlled(m: &Model, i: usize, v: &VarRef, depth: u8) -> bool {
    if client_variable(&v.name) {
        return true;
    }
    if let Some(re) = capture_source(m, i) {
        if let Some(c) = capture_of(&re, v) {
            return re.group(&c).is_some_and(|g| !regex::is_literal(g));
        }
    }
    if depth == 0 {
        return false;
    }
    let target = format!("${}", v.name);
    for (s, _) in m.named("set") {
        let args = m.args(s);
        if args.len() == 2
            && args[0].eq_ignore_ascii_case(&target)
            && vars(&args[1])
                .iter()
                .any(|w| controlled(m, s, w, depth - 1))
        {
            return true;
        }
    }
    for (mp, _) in m.named("map") {
        let args = m.args(mp);
        if args.len() != 2 || !args[1].eq_ignore_ascii_case(&target) {
            continue;
        }
        let source_controlled = vars(&args[0])
            .iter()
            .any(|w| controlled(m, mp, w, depth - 1));
        for &e in &m.node(mp).children {
            let key = m.node(e).d.name_text().into_owned();
            let Some(value) = m.args(e).last().cloned() else {
                continue;
            };
            let re = key
                .strip_prefix("~*")
                .map(|r| Regex::parse(r, true))
                .or_else(|| key.strip_prefix('~').map(|r| Regex::parse(r, false)));
            for w in vars(&value) {
                let from_capture = re.as_ref().and_then(|re| {
                    capture_of(re, &w).map(|c| re.group(&c).is_some_and(|g| !regex::is_literal(g)))
                });
                let hit = match from_capture {
                    Some(free) => free && source_controlled,
                    None => controlled(m, mp, &w, depth - 1),
                };
                if hit {
                    return true;
                }
            }
        }
    }
    false
}

/// When a directive answers with a redirect, the argument holding the URL
/// (its index) and its text: `return 3xx URL`, `return URL`, `rewrite … URL`
/// that redirects, `error_page … URL`.
pub fn redirect_url(m: &Model, i: usize) -> Option<(usize, String)> {
    let n = m.node(i);
    let args = m.args(i);
    let absolute =
        |u: &str| u.starts_with("http://") || u.starts_with("https://") || u.starts_with("$scheme");
    if n.d.is("return") {
        return match args.as_slice() {
            [code, url] if ["301", "302", "303", "307", "308"].contains(&code.as_str()) => {
                Some((1, url.clone()))
            }
            [url] if absolute(url) => Some((0, url.clone())),
            _ => None,
        };
    }
    if n.d.is("rewrite") {
        let url = args.get(1)?;
        let flag = args.get(2).map(String::as_str);
        return (absolute(url) || matches!(flag, Some("redirect") | Some("permanent")))
            .then(|| (1, url.clone()));
    }
    if n.d.is("error_page") {
        let k = args.len().checked_sub(1)?;
        let url = &args[k];
        let internal = url.starts_with('/') || url.starts_with('@');
        let unknown = url.starts_with('$') && !url.starts_with("$scheme");
        return (k >= 1 && !internal && !unknown).then(|| (k, url.clone()));
    }
    None
}

/// Authentication directives: on unless their value is `off`.
const AUTH: &[&str] = &["auth_basic", "auth_request", "auth_jwt"];

/// Whether the level's own statements restrict access (`allow`/`deny`,
/// or an authentication directive that is not `off`).
pub fn access_own(m: &Model, level: usize) -> bool {
    m.node(level).children.iter().any(|&c| {
        let n = m.node(c);
        n.d.is("allow")
            || n.d.is("deny")
            || AUTH.iter().any(|a| n.d.is(a)) && !n.d.args.first().is_some_and(|v| v.is("off"))
    })
}

/// Whether access is restricted at a level, by its own statements or
/// inherited ones: access rules other than `allow all`, or authentication.
pub fn access_in_effect(m: &Model, level: Option<usize>) -> bool {
    let rules = inherited_array(m, level, &["allow", "deny"]);
    let open = rules.iter().all(|&r| {
        let n = m.node(r);
        n.d.is("allow") && n.d.args.first().is_some_and(|a| a.is("all"))
    });
    if !open {
        return true;
    }
    AUTH.iter().any(|a| {
        inherited(m, level, a)
            .is_some_and(|i| !m.node(i).d.args.first().is_some_and(|v| v.is("off")))
    })
}

/// In a URL or address (`http://host/path`, `$backend$request_uri`), the
/// byte range naming the host: after any `scheme://`, up to the path, the
/// query, or a variable that starts them (`$uri`, `$request_uri`,
/// `$document_uri`, `$is_args`). A URL that starts with a variable and has
/// no `://` takes its host (and scheme) from that variable.
pub fn url_host(url: &str) -> (usize, usize) {
    let start = url.find("://").map_or(0, |p| p + 3);
    let rest = &url[start..];
    let mut end = rest.find(['/', '?']).unwrap_or(rest.len());
    let refs = vars(rest);
    for v in &refs {
        let starts_path = ["uri", "document_uri", "request_uri", "is_args"]
            .iter()
            .any(|n| v.is(n));
        if v.at > 0 && starts_path {
            end = end.min(v.at);
        }
    }
    (start, start + end)
}

/// The files nginx ships that only hold types or parameters.
const PARAM_FILES: &[&str] = &[
    "mime.types",
    "fastcgi_params",
    "fastcgi.conf",
    "uwsgi_params",
    "scgi_params",
    "koi-utf",
    "koi-win",
    "win-utf",
];

/// Whether a level (and with `inherit`, a level it inherits from) has an
/// `include` that loaded nothing (a missing file): what it sets is unknown.
pub fn unresolved_include(m: &Model, level: Option<usize>, inherit: bool) -> bool {
    let mut cur = level;
    loop {
        let missing = children(m, cur).iter().any(|&c| {
            let d = m.node(c).d;
            d.is("include")
                && d.includes.is_empty()
                && d.args.first().is_some_and(|a| {
                    let path = a.text();
                    let file = path.rsplit('/').next().unwrap_or_default();
                    !path.contains(['*', '?', '[']) && !PARAM_FILES.contains(&file)
                })
        });
        if missing {
            return true;
        }
        match cur {
            Some(l) if inherit => cur = parent_level(m, l),
            _ => return false,
        }
    }
}

/// Whether every `listen` of a server is on the loopback interface or a
/// UNIX socket (only local clients reach it).
pub fn local_only(m: &Model, server: usize) -> bool {
    let listens: Vec<String> = m
        .children_named(server, "listen")
        .filter_map(|n| n.d.args.first().map(|a| a.text().into_owned()))
        .collect();
    !listens.is_empty()
        && listens.iter().all(|a| {
            a.starts_with("127.")
                || a.starts_with("[::1]")
                || a.starts_with("localhost")
                || a.starts_with("unix:")
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn variables() {
        let v: Vec<String> = vars("https://$http_host${uri}x$1$10$$ $is_args")
            .into_iter()
            .map(|v| v.name)
            .collect();
        assert_eq!(v, ["http_host", "uri", "1", "1", "is_args"]);
    }
}
