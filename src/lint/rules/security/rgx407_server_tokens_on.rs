use crate::lint::{Category, Finding, Model, RuleInfo, Severity};

pub const RULE: RuleInfo = RuleInfo {
    code: "RGX407",
    name: "server-tokens-on",
    severity: Severity::Info,
    category: Category::Security,
    summary: "`server_tokens on` (or `build`) tells every client the exact nginx version.",
    doc: "## What it does\nReports `server_tokens on` and `server_tokens build`.\n\n\
## Why is this bad?\nThe version (and with `build`, the build name) goes into the `Server` header of every \
response and the footer of nginx's error pages. It saves an attacker the step of finding out which known \
vulnerabilities apply. With `off`, nginx sends only `Server: nginx`.\n\n\
## Example\n```nginx\nserver_tokens on;   # write: server_tokens off;\n```\n",
    check,
};

fn check(m: &Model, out: &mut Vec<Finding>) {
    for (i, n) in m.named("server_tokens") {
        let Some(value) = n.d.args.first() else {
            continue;
        };
        if !(value.is("on") || value.is("build")) {
            continue;
        }
        out.push(
            Finding::new(
                &RULE,
                m.span(i),
                format!(
                    "server_tokens {} discloses the nginx version in the Server header and error pages",
                    value.text()
                ),
            )
            .help("set \"server_tokens off;\" in http"),
        );
    }
}
