//! The request nginx sends to a proxied upstream: its header list, in
//! nginx's order (observed on nginx 1.22.1 and 1.31.3 by the conformance
//! suite): the effective `proxy_set_header` entries first, then nginx's own
//! defaults not overridden (Host `$proxy_host`; `Connection: close` before
//! 1.29.7), then the client's headers in their order and case, minus those
//! named in either list and those with underscores. An entry whose value
//! is empty is not sent.

use super::location::Setting;
use crate::profile::{has, Behaviour::*};
use crate::registry::Version;

/// Headers nginx sets itself unless `proxy_set_header` names them, by version.
fn defaults(version: Version, body: bool) -> Vec<(&'static str, String)> {
    let mut d = vec![("Host", "$proxy_host".to_string())];
    if !has(version, UpstreamHttp11Keepalive) {
        d.push(("Connection", "close".to_string()));
    } else {
        d.push(("Connection", String::new()));
    }
    if body {
        d.push(("Content-Length", String::new()));
    }
    d.extend(
        ["Transfer-Encoding", "TE", "Keep-Alive", "Expect", "Upgrade"]
            .iter()
            .map(|h| (*h, String::new())),
    );
    if has(version, DropProxyConnection) {
        // 1.31.3 drops the client's Proxy-Connection; 1.22.1 passes it.
        d.push(("Proxy-Connection", String::new()));
    }
    d
}

/// The header list sent upstream. `set` is the effective `proxy_set_header`
/// list (the innermost level that has any); `client` the client's headers
/// (none with `proxy_pass_request_headers off`); `body_len` the length of
/// the body sent, which nginx sends as Content-Length.
pub fn headers(
    set: &[&Setting],
    eval: &dyn Fn(&str) -> Result<String, String>,
    client: &[(String, String)],
    version: Version,
    body_len: Option<u64>,
    pass_body: bool,
) -> Result<Vec<(String, String)>, String> {
    let mut out: Vec<(String, String)> = Vec::new();
    let mut named: Vec<String> = Vec::new();
    for s in set {
        let (Some(name), Some(value)) = (s.args.first(), s.args.get(1)) else {
            continue;
        };
        named.push(name.to_ascii_lowercase());
        let v = eval(value)?;
        if !v.is_empty() {
            out.push((name.clone(), v));
        }
    }
    for (name, value) in defaults(version, pass_body) {
        if named.contains(&name.to_ascii_lowercase()) {
            continue;
        }
        named.push(name.to_ascii_lowercase());
        let v = if name == "Content-Length" {
            body_len.map(|n| n.to_string()).unwrap_or_default()
        } else {
            eval(&value)?
        };
        if !v.is_empty() {
            out.push((name.to_string(), v));
        }
    }
    for (name, value) in client {
        let lower = name.to_ascii_lowercase();
        if named.contains(&lower) {
            continue;
        }
        out.push((name.clone(), value.clone()));
    }
    Ok(out)
}
