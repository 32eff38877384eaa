use crate::lint::{Category, Finding, Model, RuleInfo, Severity};

pub const RULE: RuleInfo = RuleInfo {
    code: "RGX202",
    name: "not-in-target-version",
    severity: Severity::Error,
    category: Category::Version,
    summary: "The targeted nginx version does not have this directive.",
    doc: "## What it does\nWith `--nginx-version X.Y`, reports directives added after that version \
(e.g. `http2 on;` before 1.25.1) and directives that version no longer has, unless they are deprecated \
ones that rginx keeps accepting (those are `deprecated-directive`).\n\n\
## Why is this bad?\nThe same file must run on the nginx it is deployed with: nginx answers \
`unknown directive` and does not start.\n\n\
## Example\n```nginx\n# rginx lint --nginx-version 1.22\nserver {\n    http2 on;   # added in 1.25.1\n}\n```\n",
    check,
};

fn check(m: &Model, out: &mut Vec<Finding>) {
    let target = m.opts.nginx_version;
    for (i, n) in m.nodes.iter().enumerate() {
        let Some(spec) = n.spec else { continue };
        if let Some(added) = spec.added {
            if target < added {
                let when = if added == crate::registry::Version::new(1, 23, 0) {
                    "after 1.22".to_string()
                } else {
                    added.to_string()
                };
                out.push(Finding::new(
                    &RULE,
                    m.span(i),
                    format!(
                        "\"{}\" was added in nginx {when}; nginx {} does not know it",
                        spec.name, target
                    ),
                ));
            }
        }
        if let (Some(gone), None) = (spec.removed, spec.deprecated) {
            if target >= gone {
                out.push(Finding::new(
                    &RULE,
                    m.span(i),
                    format!("\"{}\" is gone by nginx {}", spec.name, gone),
                ));
            }
        }
    }
}
