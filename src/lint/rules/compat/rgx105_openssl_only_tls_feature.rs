use crate::lint::{Category, Finding, Model, RuleInfo, Severity};

pub const RULE: RuleInfo = RuleInfo {
    code: "RGX105",
    name: "openssl-only-tls-feature",
    severity: Severity::Warning,
    category: Category::Compatibility,
    summary: "A TLS setting only OpenSSL has: rustls cannot honour it.",
    doc: "## What it does\nReports TLS directives that depend on OpenSSL itself: `ssl_dhparam` (rustls has no \
finite-field DHE), `ssl_engine`, `ssl_conf_command`, OCSP stapling (`ssl_stapling*`), encrypted private keys \
(`ssl_password_file`), and `ssl_ecdh_curve` groups rustls does not offer.\n\n\
## Why is this bad?\nUnder rginx the setting cannot take effect: DHE suites are never negotiated, stapled OCSP \
responses are not sent, an encrypted key cannot be loaded. Clients that depend on them behave differently.\n\n\
## Example\n```nginx\nssl_dhparam /etc/nginx/dhparam.pem;   # rustls offers no DHE suites\nssl_ecdh_curve secp521r1;             # not offered by rustls\n```\n",
    check,
};

/// What each OpenSSL-only directive would have done.
const OPENSSL_ONLY: &[(&str, &str)] = &[
    (
        "ssl_dhparam",
        "rustls has no DHE key exchange; these parameters are never used",
    ),
    ("ssl_engine", "rustls does not load OpenSSL engines"),
    (
        "ssl_conf_command",
        "these are OpenSSL configuration commands",
    ),
    (
        "ssl_stapling",
        "rustls-based rginx does not fetch or staple OCSP responses",
    ),
    (
        "ssl_stapling_file",
        "rustls-based rginx does not staple OCSP responses",
    ),
    (
        "ssl_stapling_verify",
        "rustls-based rginx does not staple OCSP responses",
    ),
    (
        "ssl_stapling_responder",
        "rustls-based rginx does not fetch OCSP responses",
    ),
    (
        "ssl_password_file",
        "rustls cannot decrypt encrypted private keys; store the key unencrypted",
    ),
];

/// Key-exchange groups rustls (aws-lc-rs provider) offers, by OpenSSL name.
const RUSTLS_GROUPS: &[&str] = &[
    "auto",
    "x25519",
    "prime256v1",
    "secp256r1",
    "p-256",
    "secp384r1",
    "p-384",
    "x25519mlkem768",
];

fn check(m: &Model, out: &mut Vec<Finding>) {
    for (i, n) in m.nodes.iter().enumerate() {
        if let Some((name, what)) = OPENSSL_ONLY.iter().find(|(name, _)| n.d.is(name)) {
            let off = n.d.args.first().is_some_and(|a| a.is("off"));
            if !off {
                out.push(Finding::new(
                    &RULE,
                    m.span(i),
                    format!("\"{name}\" has no effect under rustls: {what}"),
                ));
            }
        }
        if n.d.is("ssl_ecdh_curve") {
            let args = m.args(i);
            let curves = args.first().map(String::as_str).unwrap_or_default();
            let missing: Vec<&str> = curves
                .split(':')
                .filter(|c| !RUSTLS_GROUPS.contains(&c.to_ascii_lowercase().as_str()))
                .collect();
            if !missing.is_empty() {
                out.push(
                    Finding::new(
                        &RULE,
                        m.span(i),
                        format!("rustls does not offer {}", missing.join(", ")),
                    )
                    .help("rustls offers X25519, P-256, P-384 and X25519MLKEM768"),
                );
            }
        }
    }
}
