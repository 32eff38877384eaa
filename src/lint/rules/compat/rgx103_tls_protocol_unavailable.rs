use crate::lint::{Category, Finding, Model, RuleInfo, Severity};

pub const RULE: RuleInfo = RuleInfo {
    code: "RGX103",
    name: "tls-protocol-unavailable",
    severity: Severity::Warning,
    category: Category::Compatibility,
    summary: "rustls speaks only TLS 1.2 and TLS 1.3.",
    doc: "## What it does\nReports `ssl_protocols` (and `proxy_ssl_protocols`, `grpc_ssl_protocols`, `uwsgi_ssl_protocols`) \
entries that rustls cannot speak: SSLv2, SSLv3, TLSv1 and TLSv1.1; an error when nothing usable is left.\n\n\
## Why is this bad?\nClients (or upstreams) that only speak those versions fail the handshake under rginx, \
where nginx with an old OpenSSL would have served them. nginx 1.27.3 dropped TLSv1 and TLSv1.1 from its default too.\n\n\
## Example\n```nginx\nssl_protocols TLSv1 TLSv1.1 TLSv1.2;   # only TLSv1.2 remains\n```\n",
    check,
};

const PROTOCOL_LISTS: &[&str] = &[
    "ssl_protocols",
    "proxy_ssl_protocols",
    "grpc_ssl_protocols",
    "uwsgi_ssl_protocols",
];

fn check(m: &Model, out: &mut Vec<Finding>) {
    for (i, n) in m.nodes.iter().enumerate() {
        if !PROTOCOL_LISTS.iter().any(|p| n.d.is(p)) {
            continue;
        }
        let args = m.args(i);
        let old: Vec<&str> = args
            .iter()
            .map(String::as_str)
            .filter(|a| {
                ["sslv2", "sslv3", "tlsv1", "tlsv1.1"].contains(&a.to_ascii_lowercase().as_str())
            })
            .collect();
        if old.is_empty() {
            continue;
        }
        let usable = args.len() > old.len();
        let mut f = Finding::new(
            &RULE,
            m.span(i),
            format!(
                "rustls cannot speak {}: peers limited to it fail the handshake",
                old.join(", ")
            ),
        )
        .help("list only TLSv1.2 and TLSv1.3");
        if !usable {
            f.severity = Severity::Error;
            f.message = format!(
                "no protocol left that rustls can speak ({} only)",
                old.join(", ")
            );
        }
        out.push(f);
    }
}
