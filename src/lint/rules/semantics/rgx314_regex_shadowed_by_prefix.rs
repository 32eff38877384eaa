use super::matcher::{verdicts, Reason};
use super::util::{place, written};
use crate::lint::{Category, Finding, Model, RuleInfo, Severity};

pub const RULE: RuleInfo = RuleInfo {
    code: "RGX314",
    name: "regex-shadowed-by-prefix",
    severity: Severity::Warning,
    category: Category::Semantics,
    summary: "A regex location whose every URI is taken first by a `^~` location of the same level.",
    doc: "## What it does\nReports a regex location anchored at the start (`~ ^/static/`) when every URI it can \
match begins with the path of a `location ^~` of the same level, and no plain prefix location there could be a \
longer match for such a URI. The required beginning is read from the regex as PCRE reads it (`^/static/`, \
`^/(css|js)/`; a case-insensitive `~*` only counts where case cannot matter), and the claim is checked with \
rginx's location matcher on URIs made from the pattern.\n\n\
## Why is this bad?\nnginx searches prefix locations first; when the longest match is a `^~` location, it \
skips the regex locations of that level. Every request the regex was written for therefore goes to the `^~` \
location, and the regex location's settings never apply. (An `=` location is not counted: `~ ^/x$` also \
matches `/x` followed by a newline, `%0A`, which `location = /x` does not.)\n\n\
## Example\n```nginx\nserver {\n    location ^~ /static/ { root /srv; }\n    \
location ~ ^/static/.*\\.css$ { expires 30d; }   # never chosen\n}\n```\n",
    check,
};

fn check(m: &Model, out: &mut Vec<Finding>) {
    for v in verdicts(m) {
        let Reason::NoRegexPrefix { by } = &v.reason else {
            continue;
        };
        let l = v.location;
        let Some(&first) = by.first() else {
            continue;
        };
        let takers: Vec<String> = by
            .iter()
            .map(|&b| format!("`{}` ({})", written(m, b), place(m, l, b)))
            .collect();
        let paths: Vec<String> = by
            .iter()
            .map(|&b| format!("\"{}\"", m.args(b).last().cloned().unwrap_or_default()))
            .collect();
        let example = v
            .example
            .as_ref()
            .map(|(uri, what, _)| format!(" (e.g. \"{uri}\" goes to `{what}`)"))
            .unwrap_or_default();
        out.push(
            Finding::new(
                &RULE,
                m.span(l),
                format!(
                    "this regex location is never chosen: every URI it matches starts with {}, and {} takes such URIs without trying regexes{example}",
                    paths.join(" or "),
                    takers.join(" or ")
                ),
            )
            .help(if by.len() == 1 {
                format!(
                    "nest it inside `{}` (regexes nested there are tried), or remove it",
                    written(m, first)
                )
            } else {
                "nest a copy inside each of those locations (regexes nested there are tried), or remove it"
                    .to_string()
            }),
        );
    }
}
