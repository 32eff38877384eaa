use crate::lint::{Category, Finding, Model, RuleInfo, Severity};

pub const RULE: RuleInfo = RuleInfo {
    code: "RGX304",
    name: "try-files-flag-as-uri",
    severity: Severity::Warning,
    category: Category::Semantics,
    summary: "`try_files ... last;`: `last` is taken as the fallback URI, not as a flag.",
    doc: "## What it does\nReports `try_files` whose last argument is `last`, `break`, `redirect` or \
`permanent`.\n\n\
## Why is this bad?\nThose words are flags of `rewrite`; `try_files` has no flags. Its last argument is always \
the fallback: a URI to redirect to internally (or `=code`, or a named location). With `try_files $uri /index.html \
last;`, `/index.html` becomes just another file to look for, and when nothing exists the request is redirected to \
the URI `last`, which usually ends in a 404 or a redirect loop.\n\n\
## Example\n```nginx\ntry_files $uri $uri/ /index.html last;   # write: try_files $uri $uri/ /index.html;\n```\n",
    check,
};

const FLAGS: &[&str] = &["last", "break", "redirect", "permanent"];

fn check(m: &Model, out: &mut Vec<Finding>) {
    for (_, n) in m.named("try_files") {
        let args = &n.d.args;
        let Some(last) = args.last() else {
            continue;
        };
        if args.len() < 2 || !FLAGS.iter().any(|f| last.is(f)) {
            continue;
        }
        let flag = last.text();
        let previous = args[args.len() - 2].text();
        out.push(
            Finding::new(
                &RULE,
                Some(last.span),
                format!(
                    "\"{flag}\" is not a flag of try_files: it is the fallback URI, and \"{previous}\" is only tried as a file"
                ),
            )
            .help(format!("remove \"{flag}\" so that \"{previous}\" is the fallback")),
        );
    }
}
