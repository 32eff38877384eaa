use super::util::{arg, effective_list, effective_one, header_value, in_http, KEEPALIVE_DEFAULTS};
use crate::lint::{Category, Finding, Model, RuleInfo, Severity};

pub const RULE: RuleInfo = RuleInfo {
    code: "RGX302",
    name: "websocket-needs-http11",
    severity: Severity::Error,
    category: Category::Semantics,
    summary: "WebSocket upgrade headers are proxied over HTTP/1.0: the upgrade never happens.",
    doc: "## What it does\nReports a `proxy_pass` whose location (directly or through inherited settings) sends \
`Upgrade` or a `Connection` header meant to upgrade (`$connection_upgrade`, `upgrade`) while the effective \
`proxy_http_version` is not 1.1. Only when targeting nginx before 1.29.7.\n\n\
## Why is this bad?\nUntil 1.29.7 nginx talks HTTP/1.0 to upstreams unless told otherwise, and protocol switching \
does not exist in HTTP/1.0: the back end answers the handshake with an ordinary response (or rejects it) and \
WebSocket clients fail to connect, although everything looks configured for it.\n\n\
## Example\n```nginx\nlocation /ws/ {\n    proxy_pass http://127.0.0.1:8080;\n    \
proxy_set_header Upgrade $http_upgrade;\n    proxy_set_header Connection upgrade;\n    \
# missing: proxy_http_version 1.1;\n}\n```\n",
    check,
};

fn check(m: &Model, out: &mut Vec<Finding>) {
    if m.opts.nginx_version >= KEEPALIVE_DEFAULTS {
        return;
    }
    for (i, n) in m.named("proxy_pass") {
        let Some(block) = n.parent else {
            continue;
        };
        if !in_http(m, i) {
            continue;
        }
        let Some((_, headers)) = effective_list(m, block, "proxy_set_header") else {
            continue;
        };
        let upgrade = header_value(m, &headers, "Upgrade").is_some()
            || header_value(m, &headers, "Connection").is_some_and(|v| {
                v.contains("$connection_upgrade") || v.eq_ignore_ascii_case("upgrade")
            });
        if !upgrade {
            continue;
        }
        let set = effective_one(m, block, "proxy_http_version");
        let version = set
            .and_then(|v| arg(m, v, 0))
            .unwrap_or_else(|| "1.0".into());
        if version == "1.1" {
            continue;
        }
        let how = if set.is_some() {
            "is set to"
        } else {
            "defaults to"
        };
        out.push(
            Finding::new(
                &RULE,
                m.span(set.unwrap_or(i)),
                format!(
                    "WebSocket upgrade headers are proxied, but \"proxy_http_version\" {how} {version}: \
the upstream cannot switch protocols and the WebSocket handshake fails"
                ),
            )
            .help("set \"proxy_http_version 1.1;\" in this location"),
        );
    }
}
