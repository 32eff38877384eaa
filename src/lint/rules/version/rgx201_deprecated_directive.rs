use crate::lint::{Category, Finding, Model, RuleInfo, Severity};

pub const RULE: RuleInfo = RuleInfo {
    code: "RGX201",
    name: "deprecated-directive",
    severity: Severity::Warning,
    category: Category::Version,
    summary: "nginx deprecated this directive (and newer nginx removed it).",
    doc: "## What it does\nReports directives nginx marks deprecated or obsolete, such as `ssl on;` \
(use `listen ... ssl`) and the `http2_*` settings replaced in 1.19.7, saying whether the targeted \
nginx version still accepts them.\n\n\
## Why is this bad?\nnginx warns at every start, and versions that removed the directive refuse the \
configuration: `ssl on;` stops nginx 1.25.1 and later from starting, and rginx under those profiles \
(1.31 by default) refuses it too.\n\n\
## Example\n```nginx\nserver {\n    listen 443;\n    ssl on;          # write: listen 443 ssl;\n}\n```\n",
    check,
};

fn check(m: &Model, out: &mut Vec<Finding>) {
    let target = m.opts.nginx_version;
    for (i, n) in m.nodes.iter().enumerate() {
        let Some(spec) = n.spec else { continue };
        let Some((word, instead)) = spec.deprecated else {
            continue;
        };
        let message = match spec.removed {
            Some(gone) if target >= gone => format!(
                "\"{}\" is {word} and was removed in nginx {}: nginx {} refuses this configuration",
                spec.name, gone, target
            ),
            _ => format!("\"{}\" is {word}", spec.name),
        };
        out.push(
            Finding::new(&RULE, m.span(i), message).help(format!("use \"{instead}\" instead")),
        );
    }
}
