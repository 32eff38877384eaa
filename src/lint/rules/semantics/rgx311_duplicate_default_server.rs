use crate::lint::{Category, Finding, Model, RuleInfo, Severity};
use crate::registry::Ctx;

pub const RULE: RuleInfo = RuleInfo {
    code: "RGX311",
    name: "duplicate-default-server",
    severity: Severity::Error,
    category: Category::Semantics,
    summary: "Two servers claim `default_server` on the same address and port.",
    doc: "## What it does\nReports a `listen ... default_server` (or the old `default`) for an address and port \
that another server already declared its default for. `80`, `*:80` and `0.0.0.0:80` are the same address; \
`[::]:80` is another one.\n\n\
## Why is this bad?\nEach address and port has exactly one default server. nginx refuses the configuration with \
`a duplicate default server for 0.0.0.0:80`; this typically happens when two site files are both written as \
the catch-all.\n\n\
## Example\n```nginx\nserver { listen 80 default_server; server_name a.example; }\n\
server { listen 80 default_server; server_name b.example; }   # one of them must go\n```\n",
    check,
};

/// A listen address as nginx compares them: `80` and `*:80` are
/// `0.0.0.0:80`; an address without a port is on port 80.
fn normalize(addr: &str) -> String {
    let addr = addr.to_ascii_lowercase();
    if addr.starts_with("unix:") {
        return addr;
    }
    if let Some(rest) = addr.strip_prefix('[') {
        let (host, after) = rest.split_once(']').unwrap_or((rest, ""));
        let port = after.strip_prefix(':').unwrap_or("80");
        return format!("[{host}]:{port}");
    }
    if !addr.is_empty() && addr.bytes().all(|b| b.is_ascii_digit()) {
        return format!("0.0.0.0:{addr}");
    }
    let (host, port) = addr.rsplit_once(':').unwrap_or((&addr, "80"));
    let host = if host == "*" { "0.0.0.0" } else { host };
    format!("{host}:{port}")
}

fn check(m: &Model, out: &mut Vec<Finding>) {
    // (address, server) of each default seen so far.
    let mut seen: Vec<(String, usize)> = Vec::new();
    for (i, n) in m.named("listen") {
        let Some(server) = n.parent else {
            continue;
        };
        if !n.ctx.intersects(Ctx::HTTP_SRV) {
            continue;
        }
        let Some(addr) = n.d.args.first() else {
            continue;
        };
        if !n
            .d
            .args
            .iter()
            .skip(1)
            .any(|a| a.is("default_server") || a.is("default"))
        {
            continue;
        }
        let addr = normalize(&addr.text());
        if seen.iter().any(|(a, s)| *a == addr && *s != server) {
            out.push(
                Finding::new(
                    &RULE,
                    m.span(i),
                    format!("a duplicate default server for {addr}: another server is already the default there"),
                )
                .help("keep \"default_server\" on one server per address and port"),
            );
        }
        seen.push((addr, server));
    }
}
