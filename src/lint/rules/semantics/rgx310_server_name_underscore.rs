use crate::lint::{Category, Finding, Model, RuleInfo, Severity};
use crate::registry::Ctx;

pub const RULE: RuleInfo = RuleInfo {
    code: "RGX310",
    name: "server-name-underscore",
    severity: Severity::Info,
    category: Category::Semantics,
    summary: "`server_name _;` does not make a server the default.",
    doc: "## What it does\nReports `server_name _;` in a server none of whose `listen` directives has \
`default_server`.\n\n\
## Why is this bad?\n`_` has no special meaning to nginx: it is an ordinary (invalid) host name that no request \
carries. Which server answers requests for unknown names is decided only by `default_server`, or else by \
which server comes first for that address and port. A catch-all written this way works only while it happens \
to be first, and stops working when an included file adds a server before it.\n\n\
## Example\n```nginx\nserver {\n    listen 80;   # write: listen 80 default_server;\n    server_name _;\n}\n```\n",
    check,
};

fn check(m: &Model, out: &mut Vec<Finding>) {
    for (i, n) in m.named("server_name") {
        let Some(server) = n.parent else {
            continue;
        };
        if !n.ctx.intersects(Ctx::HTTP_SRV) || !n.d.args.iter().any(|a| a.is("_")) {
            continue;
        }
        let default = m.children_named(server, "listen").any(|l| {
            l.d.args
                .iter()
                .skip(1)
                .any(|a| a.is("default_server") || a.is("default"))
        });
        if default {
            continue;
        }
        out.push(
            Finding::new(
                &RULE,
                m.span(i),
                "\"_\" is not a catch-all name: this server gets requests for unknown hosts only while it is the first server on its address",
            )
            .help("add \"default_server\" to its listen directive"),
        );
    }
}
