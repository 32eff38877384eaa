use crate::lint::{Category, Finding, Model, RuleInfo, Severity};
use crate::registry::Support;
use std::collections::HashSet;

pub const RULE: RuleInfo = RuleInfo {
    code: "RGX101",
    name: "unsupported-directive",
    severity: Severity::Warning,
    category: Category::Compatibility,
    summary: "rginx does not implement this directive yet.",
    doc: "## What it does\nReports the first use, per file, of each directive whose registry status is *Unsupported*, \
and every use of a value rginx refuses of a directive it otherwise runs (`proxy_http_version 2`).\n\n\
## Why is this bad?\nrginx refuses to run a configuration with an unsupported directive (unless told `--allow-unsupported`), \
because silently skipping it would serve traffic differently from nginx.\n\n\
## Example\n```nginx\nlocation / {\n    mirror /copy;   # not implemented by rginx\n}\n```\n",
    check,
};

fn check(m: &Model, out: &mut Vec<Finding>) {
    let mut seen = HashSet::new();
    for (i, n) in m.nodes.iter().enumerate() {
        let Some(spec) = n.spec else { continue };
        let args: Vec<_> = n.d.args.iter().map(|a| a.text()).collect();
        if let Some(v) = spec.refused_arg(args.iter().map(|a| a.as_ref())) {
            out.push(
                Finding::new(
                    &RULE,
                    m.span(i),
                    format!("\"{} {v}\" is not supported by rginx yet", spec.name),
                )
                .help(format!(
                    "rginx refuses to run this configuration: {}",
                    match spec.support {
                        Support::Partial(why) => why,
                        _ => "see docs/directives.md",
                    }
                )),
            );
            continue;
        }
        if spec.support != Support::Unsupported || !seen.insert((n.d.name.span.file, spec.name)) {
            continue;
        }
        out.push(
            Finding::new(
                &RULE,
                m.span(i),
                format!("\"{}\" is not supported by rginx yet", spec.name),
            )
            .help(match spec.why_unsupported {
                Some(why) => format!("rginx refuses to run this configuration: {why}"),
                None => {
                    "rginx refuses to run this configuration until it is (see docs/directives.md)"
                        .to_string()
                }
            }),
        );
    }
}
