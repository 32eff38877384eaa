use super::common::{access_in_effect, local_only};
use crate::lint::{Category, Finding, Model, RuleInfo, Severity};
use crate::registry::Ctx;

pub const RULE: RuleInfo = RuleInfo {
    code: "RGX410",
    name: "status-page-exposed",
    severity: Severity::Warning,
    category: Category::Security,
    summary: "`stub_status`, `status` or `api` with no access restriction in effect.",
    doc: "## What it does\nReports `stub_status`, `status` and `api` (NGINX Plus) in a location or server that has no \
`allow`/`deny` rules, `auth_basic` or `auth_request` in effect, its own or inherited, unless every `listen` of the \
server is on the loopback interface or a UNIX socket.\n\n\
## Why is this bad?\nThese handlers show nginx internals to whoever asks: connection counts and traffic, and for \
`api` the upstreams, their addresses and health, and with `write=on` the power to change them. That is \
reconnaissance for an attacker, or control of the load balancer.\n\n\
## Example\n```nginx\nlocation = /nginx_status {\n    stub_status;\n    allow 127.0.0.1;\n    deny all;\n}\n```\n",
    check,
};

fn check(m: &Model, out: &mut Vec<Finding>) {
    for (i, n) in m.nodes.iter().enumerate() {
        if !["stub_status", "status", "api"].iter().any(|s| n.d.is(s))
            || !n.ctx.intersects(Ctx::HTTP_SRV | Ctx::HTTP_LOC)
        {
            continue;
        }
        let Some(level) = n.parent else { continue };
        if access_in_effect(m, Some(level)) {
            continue;
        }
        if m.enclosing(i, "server").is_some_and(|s| local_only(m, s)) {
            continue;
        }
        out.push(
            Finding::new(
                &RULE,
                m.span(i),
                format!(
                    "\"{}\" is reachable by anyone: no allow/deny, auth_basic or auth_request applies here",
                    n.d.name_text()
                ),
            )
            .help("add \"allow 127.0.0.1; deny all;\" (or your monitoring network) to this location"),
        );
    }
}
