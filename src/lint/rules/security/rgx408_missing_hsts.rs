use super::common::{effective_headers, header_name, inherited, unresolved_include};
use crate::lint::{Category, Finding, Model, RuleInfo, Severity};
use crate::registry::Ctx;

pub const RULE: RuleInfo = RuleInfo {
    code: "RGX408",
    name: "missing-hsts",
    severity: Severity::Info,
    category: Category::Security,
    summary: "A TLS server that never sends Strict-Transport-Security.",
    doc: "## What it does\nReports an http `server` that accepts TLS (`listen … ssl`, `listen … quic`, or `ssl on`) when \
neither the `add_header` set in effect at the server nor any location inside it sets Strict-Transport-Security. A server with a missing `include` file is not reported: the file may set it.\n\n\
## Why is this bad?\nWithout HSTS, a browser that is sent to `http://` (a typed name, an old link, an attacker on \
the network) talks plain HTTP first, and that request can be intercepted or redirected before it ever reaches the \
TLS server. The header tells browsers to use HTTPS only, for as long as `max-age` says.\n\n\
## Example\n```nginx\nserver {\n    listen 443 ssl;\n\
    add_header Strict-Transport-Security \"max-age=31536000\" always;\n}\n```\n",
    check,
};

fn check(m: &Model, out: &mut Vec<Finding>) {
    for (s, n) in m.named("server") {
        if n.ctx != Ctx::HTTP_MAIN || !tls(m, s) || unresolved_include(m, Some(s), true) {
            continue;
        }
        let hsts = |h: usize| header_name(m, h).is_some_and(|n| n == "strict-transport-security");
        if effective_headers(m, Some(s)).into_iter().any(hsts) {
            continue;
        }
        let inside = m.nodes.iter().enumerate().any(|(i, n)| {
            (n.d.is("add_header") && hsts(i)
                || n.d.is("more_set_headers")
                    && m.args(i).iter().any(|a| {
                        a.to_ascii_lowercase()
                            .starts_with("strict-transport-security")
                    }))
                && m.ancestors(i).any(|a| a == s)
        });
        if inside {
            continue;
        }
        out.push(
            Finding::new(
                &RULE,
                m.span(s),
                "this TLS server sends no Strict-Transport-Security header",
            )
            .help("add_header Strict-Transport-Security \"max-age=31536000\" always;"),
        );
    }
}

fn tls(m: &Model, server: usize) -> bool {
    let listen_tls = m
        .children_named(server, "listen")
        .any(|l| l.d.args.iter().skip(1).any(|a| a.is("ssl") || a.is("quic")));
    listen_tls
        || inherited(m, Some(server), "ssl")
            .is_some_and(|i| m.node(i).d.args.first().is_some_and(|a| a.is("on")))
}
