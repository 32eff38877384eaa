//! The errors nginx's `-t` reports, as lint rules. They come from one
//! mechanism (`check`, which walks the configuration in nginx's order), so
//! they share this file; `rginx lint` reports all of them, not only the
//! first as `-t` does.

use crate::check::codes;
use crate::lint::{Category, Finding, Model, RuleInfo, Severity};

pub const RULES: &[&RuleInfo] = &[
    &SYNTAX,
    &UNKNOWN,
    &NOT_ALLOWED,
    &ARGUMENTS,
    &DUPLICATE,
    &VALUE,
    &INCLUDE,
    &NO_EVENTS,
];

fn from_check(m: &Model, rule: &RuleInfo, out: &mut Vec<Finding>) {
    for d in m.check.iter().filter(|d| d.code == Some(rule.code)) {
        // nginx reports a directive's errors at its `;` or `{`; lint points
        // at the whole directive, name first.
        let span = d.span.map(|s| {
            m.nodes
                .iter()
                .find(|n| n.d.terminator == s)
                .map_or(s, |n| n.d.name.span.to(s))
        });
        out.push(Finding::new(rule, span, d.message.clone()));
    }
}

macro_rules! validity_rule {
    ($id:ident, $code:expr, $name:expr, $summary:expr, $what:expr, $why:expr, $example:expr) => {
        pub const $id: RuleInfo = RuleInfo {
            code: $code,
            name: $name,
            severity: Severity::Error,
            category: Category::Validity,
            summary: $summary,
            doc: concat!(
                "## What it does\n",
                $what,
                "\n\n## Why is this bad?\n",
                $why,
                "\n\n## Example\n```nginx\n",
                $example,
                "\n```\n"
            ),
            check: |m, out| from_check(m, &$id, out),
        };
    };
}

validity_rule!(SYNTAX, codes::SYNTAX, "syntax-error", "The file does not follow nginx's config grammar.",
    "Reports tokenizer and block errors with nginx's wording: unexpected characters, unbalanced braces, unterminated strings, tokens over nginx's 4 KiB read buffer, a block where a `;` belongs.",
    "nginx refuses to start, and a reload keeps the old configuration.",
    "location / {\n    return 200 \"ok\"x;   # unexpected \"x\"\n}");
validity_rule!(
    UNKNOWN,
    codes::UNKNOWN,
    "unknown-directive",
    "No nginx module (nor a known third-party one) has this directive.",
    "Reports directive names no module defines.",
    "nginx refuses to start; usually a typo or a module that is not loaded.",
    "proxy_passs http://backend;"
);
validity_rule!(NOT_ALLOWED, codes::NOT_ALLOWED, "directive-not-allowed-here", "The directive exists but not in this block.",
    "Reports a directive used in a context its module does not allow (e.g. `listen` in `location`).",
    "nginx refuses to start.",
    "location / {\n    listen 80;\n}");
validity_rule!(
    ARGUMENTS,
    codes::ARGUMENTS,
    "invalid-argument-count",
    "Too many or too few arguments.",
    "Checks the argument count against the directive's shape in nginx's table.",
    "nginx refuses to start.",
    "internal yes;"
);
validity_rule!(
    DUPLICATE,
    codes::DUPLICATE,
    "duplicate-directive",
    "A directive that takes one value is set twice in one block.",
    "Reports a second `root`, `proxy_pass`, `worker_processes`… in the same block.",
    "nginx refuses to start.",
    "location / {\n    root /a;\n    root /b;\n}"
);
validity_rule!(VALUE, codes::VALUE, "invalid-value", "A value the directive does not accept, or one that conflicts with another.",
    "Checks flags, sizes, times, numbers, enumerations, bit masks and bounds as nginx's setters do, and what nginx checks across directives while loading: undefined log formats, duplicate or empty upstreams, duplicate or misplaced locations, listen conflicts (duplicate listen, two default servers, socket options set twice) and conflicting server names (a warning).",
    "nginx refuses to start.",
    "sendfile yes;");
validity_rule!(
    INCLUDE,
    codes::INCLUDE,
    "include-error",
    "An included file cannot be read.",
    "Reports a missing plain include, an include cycle, or a directory where a file belongs.",
    "nginx refuses to start (an include cycle makes it run out of files or crash).",
    "include missing.conf;"
);
validity_rule!(
    NO_EVENTS,
    codes::NO_EVENTS,
    "missing-events",
    "The configuration has no `events` block.",
    "Reports a main configuration without `events {}`.",
    "nginx refuses to start.",
    "http {\n    server { listen 80; }\n}"
);
