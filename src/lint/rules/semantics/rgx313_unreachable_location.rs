use super::matcher::{verdicts, Cover, Reason};
use super::util::{place, written};
use crate::lint::{Category, Finding, Model, RuleInfo, Severity};

pub const RULE: RuleInfo = RuleInfo {
    code: "RGX313",
    name: "unreachable-location",
    severity: Severity::Warning,
    category: Category::Semantics,
    summary: "A location no request URI can reach: a server-level `return` answers first, or another location takes every URI it matches.",
    doc: "## What it does\nReports a location that nginx never chooses for any request URI, with the reason and \
what takes its requests instead. Only what can be proved is reported:\n\n\
- every location of a server whose server level has a `return` (outside `if`), or a `rewrite` whose regex \
matches every URI and which redirects: the server rewrite phase answers every request before locations are \
searched (internal redirects start over at that phase; a server whose `error_page` can lead to a named \
location, or where `break` or `rewrite ... last|break` can end the phase first, is left alone);\n\
- a regex location after a regex of the same level that matches every URI it matches: the same regex, one \
that matches every URI (`~ /`, `~ ^/`, `~ .`, `~* .*`…), or a literal the later one's matches must hold \
(`~ \\.php$` before `~ ^/app/.*\\.php$`, `~ ^/api` before `~ ^/api/v1/`) — nginx tries the regexes of a \
level in order and takes the first that matches;\n\
- a plain prefix location at the same level as a regex that matches every URI: nginx tries the regexes \
whenever the longest prefix is not `^~`, so that regex takes every request the prefix would get.\n\n\
Regexes are read as PCRE reads them (patterns with non-ASCII text, lookaround or backreferences are not \
judged), URIs are the normalized paths nginx matches (they start with `/`), and each claim is checked with \
rginx's location matcher on URIs made from the pattern: a location the matcher picks for any of them is not \
reported.\n\n\
## Why is this bad?\nThe configuration in the location never takes effect, and the requests it was written \
for are handled by another location with other settings: a cache rule, an access restriction or a proxy \
that silently does not apply. nginx gives no warning.\n\n\
## Example\n```nginx\nserver {\n    location ~ \\.php$ { fastcgi_pass 127.0.0.1:9000; }\n    \
location ~ ^/admin/.*\\.php$ { deny all; }   # never chosen: \\.php$ matches first\n}\n```\n",
    check,
};

fn check(m: &Model, out: &mut Vec<Finding>) {
    for v in verdicts(m) {
        let l = v.location;
        let by = match &v.reason {
            Reason::EarlierRegex { by, .. } | Reason::CatchAllRegex { by } => Some(*by),
            _ => None,
        };
        let example = match &v.example {
            Some((uri, _, node)) if *node == by => format!(" (e.g. \"{uri}\" goes there)"),
            Some((uri, what, node)) => {
                let at = node
                    .map(|n| format!(" ({})", place(m, l, n)))
                    .unwrap_or_default();
                format!(" (e.g. \"{uri}\" goes to `{what}`{at})")
            }
            None => String::new(),
        };
        let (message, help) = match &v.reason {
            Reason::ServerReturn { at } => {
                let (name, what) = if m.nodes[*at].d.is("return") {
                    ("return", "answers every request")
                } else {
                    ("rewrite", "matches every URI and redirects")
                };
                (
                    format!(
                        "this location never runs: the server-level \"{name}\" at {} {what} before a location is chosen",
                        place(m, l, *at)
                    ),
                    format!(
                        "remove the location, or move the server's \"{name}\" into the locations that should answer with it"
                    ),
                )
            }
            Reason::EarlierRegex { by, how } => {
                let e = written(m, *by);
                let what = match how {
                    Cover::Same => "is the same regex",
                    Cover::Everything => "matches every URI",
                    Cover::Literal => "matches every URI this one matches",
                };
                let help = match how {
                    Cover::Same => {
                        "remove the duplicate: only the first one is ever used".to_string()
                    }
                    _ => format!("move it above `{e}`, or remove it"),
                };
                (
                    format!(
                        "this regex location is never chosen: `{e}` ({}), written before it at the same level, {what}, and nginx takes the first regex that matches{example}",
                        place(m, l, *by)
                    ),
                    help,
                )
            }
            Reason::CatchAllRegex { by } => {
                let here = written(m, l);
                let e = written(m, *by);
                (
                    format!(
                        "this prefix location is never chosen: nginx goes on to the regex locations of its level whenever it is the longest prefix, and `{e}` ({}) matches every URI{example}",
                        place(m, l, *by)
                    ),
                    format!(
                        "write `{}` if regexes should not be tried for it, or narrow `{e}`",
                        here.replacen("location ", "location ^~ ", 1)
                    ),
                )
            }
            Reason::NoRegexPrefix { .. } => continue,
        };
        out.push(Finding::new(&RULE, m.span(l), message).help(help));
    }
}
