use super::util::{effective_list, effective_one, header_value, in_http};
use crate::lint::{Category, Finding, Model, RuleInfo, Severity};

pub const RULE: RuleInfo = RuleInfo {
    code: "RGX307",
    name: "websocket-idle-timeout",
    severity: Severity::Info,
    category: Category::Semantics,
    summary: "WebSocket proxying with the default 60 s `proxy_read_timeout`.",
    doc: "## What it does\nReports a `proxy_pass` whose location forwards `Upgrade $http_upgrade` (a WebSocket \
proxy) while no `proxy_read_timeout` applies to it.\n\n\
## Why is this bad?\nOnce a connection is upgraded, nginx keeps applying `proxy_read_timeout` (60 seconds unless \
set) to the tunnel: a WebSocket on which the back end sends nothing for a minute is closed by nginx. Quiet \
connections (notifications, chat) drop and reconnect every minute unless the application sends pings more \
often or the timeout is raised.\n\n\
## Example\n```nginx\nlocation /ws/ {\n    proxy_pass http://127.0.0.1:8080;\n    proxy_http_version 1.1;\n    \
proxy_set_header Upgrade $http_upgrade;\n    proxy_set_header Connection upgrade;\n    \
proxy_read_timeout 1h;   # without it: closed after 60 s of silence\n}\n```\n",
    check,
};

fn check(m: &Model, out: &mut Vec<Finding>) {
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
        let websocket = header_value(m, &headers, "Upgrade")
            .is_some_and(|v| v.eq_ignore_ascii_case("$http_upgrade"));
        if !websocket || effective_one(m, block, "proxy_read_timeout").is_some() {
            continue;
        }
        out.push(
            Finding::new(
                &RULE,
                m.span(i),
                "WebSocket proxy without \"proxy_read_timeout\": nginx closes the connection after 60 s without data from the upstream",
            )
            .help("set \"proxy_read_timeout\" above the application's ping interval (for example 1h)"),
        );
    }
}
