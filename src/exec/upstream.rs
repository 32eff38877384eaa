//! The request nginx sends to a proxied upstream: its header list, in
//! nginx's order (observed on nginx 1.22.1 and 1.31.3 by the conformance
//! suite): the effective `proxy_set_header` entries first, then nginx's own
//! defaults not overridden (Host `$proxy_host`; `Connection: close` before
//! 1.29.7), then the client's headers in their order and case, minus those
//! named in either list and those with underscores. An entry whose value
//! is empty is not sent.

use crate::profile::{has, Behaviour::*};
use crate::registry::Version;

/// Headers nginx sets itself unless `proxy_set_header` names them, by
/// version: (name, value template, or `None` for the body's length).
fn defaults(
    version: Version,
    body: bool,
) -> impl Iterator<Item = (&'static str, Option<&'static str>)> {
    const CLEARED: [&str; 5] = ["Transfer-Encoding", "TE", "Keep-Alive", "Expect", "Upgrade"];
    let connection = if has(version, UpstreamHttp11Keepalive) {
        ""
    } else {
        "close"
    };
    [
        ("Host", Some("$proxy_host")),
        ("Connection", Some(connection)),
    ]
    .into_iter()
    .chain(body.then_some(("Content-Length", None)))
    .chain(CLEARED.iter().map(|h| (*h, Some(""))))
    // 1.31.3 drops the client's Proxy-Connection; 1.22.1 passes it.
    .chain(has(version, DropProxyConnection).then_some(("Proxy-Connection", Some(""))))
}

/// The header list sent upstream. `set` is the effective `proxy_set_header`
/// list (the innermost level that has any); `client` the client's headers
/// (none with `proxy_pass_request_headers off`); `body_len` the length of
/// the body sent, which nginx sends as Content-Length.
pub fn headers(
    set: &[(String, String)],
    eval: &dyn Fn(&str) -> Result<String, String>,
    client: &[(String, String)],
    version: Version,
    body_len: Option<u64>,
    pass_body: bool,
) -> Result<Vec<(String, String)>, String> {
    let mut out: Vec<(String, String)> = Vec::with_capacity(set.len() + client.len() + 2);
    let mut named: smallvec::SmallVec<[&str; 16]> = smallvec::SmallVec::new();
    let is_named = |named: &[&str], name: &str| named.iter().any(|n| n.eq_ignore_ascii_case(name));
    for (name, value) in set {
        named.push(name);
        let v = eval(value)?;
        if !v.is_empty() {
            out.push((name.clone(), v));
        }
    }
    for (name, value) in defaults(version, pass_body) {
        if is_named(&named, name) {
            continue;
        }
        named.push(name);
        let v = match value {
            None => body_len.map(|n| n.to_string()).unwrap_or_default(),
            Some("") => continue,
            Some(template) => eval(template)?,
        };
        if !v.is_empty() {
            out.push((name.to_string(), v));
        }
    }
    for (name, value) in client {
        if is_named(&named, name) {
            continue;
        }
        out.push((name.clone(), value.clone()));
    }
    Ok(out)
}
