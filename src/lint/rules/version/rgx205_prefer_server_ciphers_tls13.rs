use crate::lint::{Category, Finding, Model, RuleInfo, Severity};

pub const RULE: RuleInfo = RuleInfo {
    code: "RGX205",
    name: "prefer-server-ciphers-tls13",
    severity: Severity::Info,
    category: Category::Version,
    summary: "`ssl_prefer_server_ciphers on` where TLS 1.3 is enabled.",
    doc: "## What it does\nReports `ssl_prefer_server_ciphers on` in a scope where TLSv1.3 is enabled: listed in the \
effective `ssl_protocols`, or by default from nginx 1.23.4 (when TLSv1.3 joined the default protocols).\n\n\
## Why is this bad?\nEvery TLS 1.3 suite is strong, and `ssl_ciphers` does not choose them; preferring the \
server's order only stops clients without AES hardware (many phones) from picking ChaCha20-Poly1305, the suite \
that is fastest for them. Current guidance for TLS 1.3 configurations is `off`.\n\n\
## Example\n```nginx\nssl_protocols TLSv1.2 TLSv1.3;\nssl_prefer_server_ciphers on;   # let TLS 1.3 clients choose: off\n```\n",
    check,
};

fn check(m: &Model, out: &mut Vec<Finding>) {
    for (i, n) in m.named("ssl_prefer_server_ciphers") {
        if !n
            .d
            .args
            .first()
            .is_some_and(|a| a.text().eq_ignore_ascii_case("on"))
        {
            continue;
        }
        let protocols = n
            .parent
            .and_then(|p| m.inherited(p, "ssl_protocols"))
            .or_else(|| {
                // At the top of a snippet, look at the siblings.
                m.roots
                    .iter()
                    .map(|&r| &m.nodes[r])
                    .rfind(|r| r.d.is("ssl_protocols"))
            });
        let tls13 = match protocols {
            Some(p) => {
                p.d.args
                    .iter()
                    .any(|a| a.text().eq_ignore_ascii_case("TLSv1.3"))
            }
            None => crate::profile::has(
                m.opts.nginx_version,
                crate::profile::Behaviour::DefaultTls13,
            ),
        };
        if tls13 {
            out.push(
                Finding::new(&RULE, m.span(i), "server cipher preference with TLS 1.3 enabled keeps clients from choosing ChaCha20")
                    .help("set ssl_prefer_server_ciphers off;"),
            );
        }
    }
}
