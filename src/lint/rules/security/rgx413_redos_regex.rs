use super::common::{if_regex, location, LocKind};
use super::regex::Regex;
use crate::lint::{Category, Finding, Model, RuleInfo, Severity};
use crate::source::Span;

pub const RULE: RuleInfo = RuleInfo {
    code: "RGX413",
    name: "redos-regex",
    severity: Severity::Warning,
    category: Category::Security,
    summary: "A regex with nested quantifiers that can backtrack exponentially (ReDoS).",
    doc: "## What it does\nReports regexes in `location ~`, `if (… ~ …)`, `map` entries, `rewrite`, `server_name ~` and \
`valid_referers ~` where a repeated group contains an unbounded quantifier whose characters overlap what can follow \
it in the group, or the group's own start: `(a+)+`, `(a*)*`, `(\\w+)*`, `([a-z]+-?)+`, `(.*a){10}`. \
`(\\d+\\.)+` is not reported: the `.` after the digits fixes where each repetition ends. Possessive quantifiers \
(`a++`) and atomic groups (`(?>…)`) are safe.\n\n\
## Why is this bad?\nWhen such a regex fails to match, PCRE tries every way of dividing the input between the inner \
and the outer repetition, and there are exponentially many. A URI or header of a few dozen characters keeps a \
worker busy for seconds (or until PCRE's backtracking limit, and the request fails), and every request that \
reaches the regex is a chance to do it again.\n\n\
## Example\n```nginx\nlocation ~ ^/(\\w+/?)+$ { ... }   # /aaaaaaaaaaaaaaaaaaaaaaaaaaaa! backtracks for ages\n\
# write: location ~ ^/[\\w/]+$ { ... }\n```\n",
    check,
};

fn check(m: &Model, out: &mut Vec<Finding>) {
    for (i, n) in m.nodes.iter().enumerate() {
        if let Some((LocKind::Regex { caseless }, re, k)) = location(m, i) {
            test(out, n.d.args[k].span, "location", &re, caseless);
        } else if n.d.is("if") {
            if let Some((_, op, re, k)) = if_regex(m, i) {
                test(out, n.d.args[k].span, "if", &re, op.ends_with('*'));
            }
        } else if n.d.is("rewrite") {
            if let Some(a) = n.d.args.first() {
                test(out, a.span, "rewrite", &a.text(), false);
            }
        } else if n.d.is("server_name") || n.d.is("valid_referers") {
            for a in &n.d.args {
                if let Some(re) = a.text().strip_prefix('~') {
                    test(out, a.span, &n.d.name_text(), re, n.d.is("server_name"));
                }
            }
        } else if n.d.is("map") {
            for &e in &n.children {
                let key = &m.node(e).d.name;
                let text = key.text();
                if let Some(re) = text.strip_prefix("~*") {
                    test(out, key.span, "map", re, true);
                } else if let Some(re) = text.strip_prefix('~') {
                    test(out, key.span, "map", re, false);
                }
            }
        }
    }
}

fn test(out: &mut Vec<Finding>, span: Span, place: &str, re: &str, caseless: bool) {
    if !Regex::parse(re, caseless).nested_quantifier() {
        return;
    }
    out.push(
        Finding::new(
            &RULE,
            Some(span),
            format!(
                "the {place} regex \"{re}\" nests quantifiers that overlap: a non-matching input backtracks exponentially"
            ),
        )
        .help("make the repetition unambiguous (one quantifier over a character class), or use a possessive quantifier or atomic group"),
    );
}
