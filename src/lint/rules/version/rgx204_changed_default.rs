use crate::lint::{Category, Finding, Model, RuleInfo, Severity};
use crate::profile::{has, Behaviour::*};

pub const RULE: RuleInfo = RuleInfo {
    code: "RGX204",
    name: "relies-on-changed-default",
    severity: Severity::Info,
    category: Category::Version,
    summary: "The configuration relies on a default that differs between nginx versions.",
    doc: "## What it does\nReports settings left to a default that nginx changed, when the targeted version \
(`--nginx-version`) is on the old side of the change: a TLS server with no `ssl_protocols` before 1.27.3 \
(the default then still offered TLSv1 and TLSv1.1), and a proxied location with no `proxy_http_version` \
before 1.29.7 (HTTP/1.0 with `Connection: close` to the upstream; HTTP/1.1 with keepalive from 1.29.7).\n\n\
## Why is this bad?\nThe same file behaves differently after an upgrade. Spelling the value out makes the \
behaviour the same on every version.\n\n\
## Example\n```nginx\n# rginx lint --nginx-version 1.22\nlocation / {\n    proxy_pass http://app;   # HTTP/1.0 to app on 1.22, HTTP/1.1 on 1.29.7+\n}\n```\n",
    check,
};

fn check(m: &Model, out: &mut Vec<Finding>) {
    let target = m.opts.nginx_version;
    if !has(target, DefaultNoTls11) {
        for (i, n) in m.named("server") {
            let tls = m
                .children_named(i, "listen")
                .any(|l| l.d.args.iter().skip(1).any(|a| a.is("ssl")));
            if n.ctx.contains(crate::registry::Ctx::HTTP_MAIN)
                && tls
                && m.inherited(i, "ssl_protocols").is_none()
            {
                out.push(
                    Finding::new(&RULE, m.span(i), format!(
                        "no ssl_protocols: nginx {} offers TLSv1 and TLSv1.1 by default (not since 1.27.3)",
                        target
                    ))
                    .help("set ssl_protocols TLSv1.2 TLSv1.3;"),
                );
            }
        }
    }
    if !has(target, UpstreamHttp11Keepalive) {
        for (i, n) in m.named("proxy_pass") {
            let Some(block) = n.parent else { continue };
            if m.inherited(block, "proxy_http_version").is_none() {
                out.push(
                    Finding::new(&RULE, m.span(i), format!(
                        "no proxy_http_version: nginx {} talks HTTP/1.0 with Connection: close to this upstream (HTTP/1.1 from 1.29.7)",
                        target
                    ))
                    .help("set proxy_http_version explicitly"),
                );
            }
        }
    }
}
