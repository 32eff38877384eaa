use crate::lint::{Category, Finding, Model, RuleInfo, Severity};

pub const RULE: RuleInfo = RuleInfo {
    code: "RGX203",
    name: "listen-http2",
    severity: Severity::Warning,
    category: Category::Version,
    summary: "`listen ... http2` is deprecated since nginx 1.25.1: use `http2 on;`.",
    doc: "## What it does\nReports the `http2` parameter of `listen` when targeting nginx 1.25.1 or later.\n\n\
## Why is this bad?\nnginx 1.25.1+ warns `the \"listen ... http2\" directive is deprecated, use the \"http2\" directive instead` \
at every start; the parameter also turns HTTP/2 on for every server on that address, not just this one.\n\n\
## Example\n```nginx\nlisten 443 ssl http2;   # write: listen 443 ssl; http2 on;\n```\n",
    check,
};

fn check(m: &Model, out: &mut Vec<Finding>) {
    if !crate::profile::has(
        m.opts.nginx_version,
        crate::profile::Behaviour::ListenHttp2Deprecated,
    ) {
        return;
    }
    for (i, n) in m.named("listen") {
        if n.d.args.iter().skip(1).any(|a| a.is("http2")) {
            out.push(
                Finding::new(
                    &RULE,
                    m.span(i),
                    "the \"listen ... http2\" parameter is deprecated since nginx 1.25.1",
                )
                .help("remove it and add \"http2 on;\" to the server"),
            );
        }
    }
}
