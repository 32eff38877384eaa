use crate::lint::{Category, Finding, Model, RuleInfo, Severity};
use crate::tls::ciphers::{evaluate, served_with, CertKind, Suite};

pub const RULE: RuleInfo = RuleInfo {
    code: "RGX104",
    name: "cipher-suites",
    severity: Severity::Warning,
    category: Category::Compatibility,
    summary: "Which TLS 1.2 suites of `ssl_ciphers` rustls can serve.",
    doc: "## What it does\nEvaluates `ssl_ciphers` (and `proxy_ssl_ciphers`, `grpc_ssl_ciphers`, `uwsgi_ssl_ciphers`) exactly as \
OpenSSL 3.0 does (names, aliases such as HIGH, aNULL, ECDHE, AESGCM, the `! - +` operators and `@STRENGTH`), \
intersects the TLS 1.2 suites it enables with those rustls implements (ECDHE with AES-GCM or ChaCha20-Poly1305), \
and says which remain for an RSA and for an ECDSA certificate. An error when none remain. TLS 1.3 suites are not \
governed by `ssl_ciphers` and are always offered.\n\n\
## Why is this bad?\nClients limited to TLS 1.2 can only negotiate the suites that remain; with none, they \
cannot connect at all, while nginx with OpenSSL would have served them with a CBC or DHE suite.\n\n\
## Example\n```nginx\n# OpenSSL enables 36 TLS 1.2 suites for this string; rustls serves 2 of them,\n\
# and with an RSA certificate only ECDHE-RSA-CHACHA20-POLY1305.\nssl_ciphers ECDHE-RSA-AES256-SHA384:AES256-SHA256:RC4:HIGH:!MD5:!aNULL:!eNULL:!NULL:!DH:!EDH:!AESGCM;\n```\n",
    check,
};

const CIPHER_LISTS: &[&str] = &[
    "ssl_ciphers",
    "proxy_ssl_ciphers",
    "grpc_ssl_ciphers",
    "uwsgi_ssl_ciphers",
];

fn names(suites: &[&Suite]) -> String {
    if suites.is_empty() {
        return "none".into();
    }
    suites
        .iter()
        .map(|s| s.openssl_name)
        .collect::<Vec<_>>()
        .join(", ")
}

fn check(m: &Model, out: &mut Vec<Finding>) {
    for (i, n) in m.nodes.iter().enumerate() {
        if !CIPHER_LISTS.iter().any(|c| n.d.is(c)) {
            continue;
        }
        let Some(string) = m.args(i).into_iter().next() else {
            continue;
        };
        let enabled = match evaluate(&string) {
            Ok(s) => s,
            Err(e) => {
                // nginx refuses the string at start: SSL_CTX_set_cipher_list fails.
                let mut f = Finding::new(
                    &RULE,
                    m.span(i),
                    format!("OpenSSL rejects this cipher string: {e}"),
                );
                f.severity = Severity::Error;
                out.push(f);
                continue;
            }
        };
        let rsa = served_with(&enabled, CertKind::Rsa);
        let ecdsa = served_with(&enabled, CertKind::Ecdsa);
        let served = rsa.len() + ecdsa.len();
        let lost = enabled.len().saturating_sub(served);
        if lost == 0 {
            continue;
        }
        let mut f = Finding::new(
            &RULE,
            m.span(i),
            format!(
                "of the {} TLS 1.2 suites this string enables, rustls serves {}: with an RSA certificate {}; with an ECDSA certificate {}",
                enabled.len(),
                served,
                names(&rsa),
                names(&ecdsa)
            ),
        )
        .help("TLS 1.3 suites are not governed by ssl_ciphers and stay available");
        if served == 0 {
            f.severity = Severity::Error;
            f.message = format!(
                "none of the {} TLS 1.2 suites this string enables can be served by rustls (ECDHE with AES-GCM or ChaCha20 only)",
                enabled.len()
            );
        }
        out.push(f);
    }
}
