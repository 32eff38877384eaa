use super::common::{redirect_url, vars};
use crate::lint::{Category, Finding, Model, RuleInfo, Severity};

pub const RULE: RuleInfo = RuleInfo {
    code: "RGX401",
    name: "host-header-spoofing",
    severity: Severity::Warning,
    category: Category::Security,
    summary: "`$http_host` (the raw Host header) in a redirect, a Location header or the proxied Host.",
    doc: "## What it does\nReports `$http_host` where it builds a URL or a Host: `proxy_set_header Host`, the URL of a \
redirecting `return`, `rewrite` or `error_page`, and `add_header Location`.\n\n\
## Why is this bad?\n`$http_host` is the Host header exactly as the client sent it: any name, any port, or nothing. \
A redirect built from it sends users (and caches that store the redirect) to a host the attacker picked, and a back end \
that trusts the forwarded Host builds password-reset links and absolute URLs for that host. `$host` is the \
checked, lowercased name without the port, and falls back to the matched `server_name` when the header is missing.\n\n\
## Example\n```nginx\nreturn 301 https://$http_host$request_uri;   # write: https://$host$request_uri\n\
proxy_set_header Host $http_host;               # write: proxy_set_header Host $host;\n```\n",
    check,
};

fn check(m: &Model, out: &mut Vec<Finding>) {
    for (i, n) in m.nodes.iter().enumerate() {
        let args = m.args(i);
        let (k, what) = if n.d.is("proxy_set_header") || n.d.is("grpc_set_header") {
            if !args.first().is_some_and(|h| h.eq_ignore_ascii_case("host")) {
                continue;
            }
            (1, "the Host header sent to the back end")
        } else if n.d.is("add_header") {
            if !args
                .first()
                .is_some_and(|h| h.eq_ignore_ascii_case("location"))
            {
                continue;
            }
            (1, "the Location header")
        } else if let Some((k, _)) = redirect_url(m, i) {
            (k, "the redirect URL")
        } else {
            continue;
        };
        let Some(value) = args.get(k) else { continue };
        if !vars(value).iter().any(|v| v.is("http_host")) {
            continue;
        }
        out.push(
            Finding::new(
                &RULE,
                Some(n.d.args[k].span),
                format!("{what} is built from $http_host, the Host header as the client sent it"),
            )
            .help("use $host (validated, falls back to server_name) or a fixed name"),
        );
    }
}
