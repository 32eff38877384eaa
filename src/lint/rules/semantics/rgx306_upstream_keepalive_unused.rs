use super::util::{
    arg, effective_list, effective_one, header_value, in_http, map_value_without_upgrade,
    split_url, KEEPALIVE_DEFAULTS,
};
use crate::lint::{Category, Finding, Model, RuleInfo, Severity};
use crate::registry::Ctx;

pub const RULE: RuleInfo = RuleInfo {
    code: "RGX306",
    name: "upstream-keepalive-unused",
    severity: Severity::Warning,
    category: Category::Semantics,
    summary: "An upstream's `keepalive` pool that its proxying locations never fill.",
    doc: "## What it does\nReports a `proxy_pass` to an upstream with `keepalive` when the connections cannot be \
kept: before nginx 1.29.7, when the effective `proxy_http_version` is not 1.1 or `Connection` is not cleared with \
`proxy_set_header Connection \"\"`; with any version, when `Connection` is set to `close`, directly or through a \
`map` on `$http_upgrade` whose value for ordinary requests is `close`.\n\n\
## Why is this bad?\nAn idle connection goes back to the pool only when the upstream keeps it open. Before 1.29.7 \
nginx proxies with HTTP/1.0 and sends `Connection: close` by default, so every request opens a new connection \
despite `keepalive`. The usual WebSocket map (`'' close;`) does the same for every request that is not a \
WebSocket handshake, and upgraded connections never return to the pool at all.\n\n\
## Example\n```nginx\nupstream app { server 127.0.0.1:8080; keepalive 16; }\nlocation / {\n    \
proxy_pass http://app;\n    proxy_http_version 1.1;\n    proxy_set_header Connection \"\";   # both are needed\n}\n```\n",
    check,
};

/// Upstreams (by name) with a non-zero `keepalive`.
fn pools(m: &Model) -> Vec<String> {
    m.named("upstream")
        .filter(|(_, n)| n.ctx.intersects(Ctx::HTTP_MAIN))
        .filter(|&(u, _)| {
            m.children_named(u, "keepalive")
                .last()
                .and_then(|k| k.d.args.first())
                .is_some_and(|a| !a.is("0"))
        })
        .filter_map(|(u, _)| arg(m, u, 0))
        .collect()
}

fn check(m: &Model, out: &mut Vec<Finding>) {
    let pools = pools(m);
    if pools.is_empty() {
        return;
    }
    let old = m.opts.nginx_version < KEEPALIVE_DEFAULTS;
    for (i, n) in m.named("proxy_pass") {
        let (Some(block), Some(url)) = (n.parent, n.d.args.first()) else {
            continue;
        };
        if !in_http(m, i) {
            continue;
        }
        let url = url.text();
        let Some((scheme, host, _)) = split_url(&url) else {
            continue;
        };
        if !(scheme.eq_ignore_ascii_case("http") || scheme.eq_ignore_ascii_case("https")) {
            continue;
        }
        let Some(pool) = pools.iter().find(|p| p.eq_ignore_ascii_case(host)) else {
            continue;
        };
        let mut why = Vec::new();
        let mut help = Vec::new();
        if old {
            let version = effective_one(m, block, "proxy_http_version").and_then(|v| arg(m, v, 0));
            if version.as_deref() != Some("1.1") {
                why.push(format!(
                    "requests go out as HTTP/{}",
                    version.as_deref().unwrap_or("1.0")
                ));
                help.push("set proxy_http_version 1.1;".to_string());
            }
        }
        let headers = effective_list(m, block, "proxy_set_header")
            .map(|(_, h)| h)
            .unwrap_or_default();
        match header_value(m, &headers, "Connection") {
            None if old => {
                why.push("nginx sends \"Connection: close\" by default".into());
                help.push("add proxy_set_header Connection \"\";".into());
            }
            None => {}
            Some(v) if v.eq_ignore_ascii_case("close") => {
                why.push("\"Connection: close\" is sent".into());
                help.push("set proxy_set_header Connection \"\"; instead".into());
            }
            Some(v)
                if map_value_without_upgrade(m, &v)
                    .is_some_and(|c| c.eq_ignore_ascii_case("close")) =>
            {
                why.push(format!(
                    "{v} is \"close\" for every request without \"Upgrade\", and upgraded connections never return to the pool"
                ));
                help.push(format!(
                    "map '' to an empty value in the map of {v} ('' \"\";) so ordinary requests keep the connection"
                ));
            }
            Some(_) => {}
        }
        if why.is_empty() {
            continue;
        }
        out.push(
            Finding::new(
                &RULE,
                m.span(i),
                format!(
                    "upstream \"{pool}\" has \"keepalive\", but connections from here are not kept: {}",
                    why.join("; ")
                ),
            )
            .help(help.join(" and ")),
        );
    }
}
