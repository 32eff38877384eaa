//! `rginx route`: which server and location a request reaches, why, and
//! what nginx does with it (a `return`, or the request line it sends
//! upstream for a static `proxy_pass`).

use super::location::{find, LocationKind};
use super::merge::Levels;
use super::server::{select, Why};
use super::uri::{parse, UriError};
use super::{At, Http};
use crate::registry::Version;
use serde::Serialize;
use std::net::SocketAddr;

/// A request as `rginx route` takes it.
#[derive(Clone, Debug)]
pub struct Request {
    pub method: String,
    pub target: String,
    pub headers: Vec<(String, String)>,
    pub local: SocketAddr,
    /// The client's address.
    pub remote: SocketAddr,
    /// `HTTP/1.1`, `HTTP/1.0`.
    pub protocol: String,
    /// The request body, if any.
    pub body: Option<String>,
}

impl Request {
    /// A request from 127.0.0.1 over HTTP/1.1.
    pub fn new(method: &str, target: &str, headers: Vec<(String, String)>, local: SocketAddr) -> Self {
        Request {
            method: method.into(),
            target: target.into(),
            headers,
            local,
            remote: SocketAddr::from(([127, 0, 0, 1], 50000)),
            protocol: "HTTP/1.1".into(),
            body: None,
        }
    }

    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

#[derive(Debug, Serialize)]
pub struct Route {
    pub server: Option<String>,
    pub server_why: Option<String>,
    pub uri: Option<String>,
    pub location: Option<String>,
    pub location_at: Option<String>,
    pub candidates: Vec<String>,
    pub action: Option<String>,
    pub status: Option<u16>,
    pub upstream_request_line: Option<String>,
    pub notes: Vec<String>,
}

fn at_text(at: &At) -> String {
    at.to_string()
}

/// Characters nginx escapes in a URI it builds for the upstream
/// (`ngx_escape_uri`, NGX_ESCAPE_URI): space, `#`, `%`, `?`, controls and
/// bytes above 0x7f.
fn escape_uri(path: &[u8]) -> String {
    let mut out = String::with_capacity(path.len());
    for &c in path {
        if c <= 0x20 || c >= 0x7f || matches!(c, b'#' | b'%' | b'?') {
            out.push_str(&format!("%{c:02X}"));
        } else {
            out.push(c as char);
        }
    }
    out
}

/// Split `http://host:port/uri` into (authority, Some(uri part)).
fn split_url(url: &str) -> Option<(&str, Option<&str>)> {
    let rest = url
        .strip_prefix("http://")
        .or_else(|| url.strip_prefix("https://"))?;
    Some(match rest.find('/') {
        Some(i) => (&rest[..i], Some(&rest[i..])),
        None => (rest, None),
    })
}

pub fn route(http: &Http, req: &Request, version: Version) -> Route {
    let mut r = Route {
        server: None,
        server_why: None,
        uri: None,
        location: None,
        location_at: None,
        candidates: Vec::new(),
        action: None,
        status: None,
        upstream_request_line: None,
        notes: Vec::new(),
    };
    let host = req.header("host").unwrap_or("");
    let Some((server, why)) = select(&http.servers, req.local, host) else {
        r.notes.push(format!("no server listens on {}", req.local));
        return r;
    };
    r.server = Some(format!(
        "server #{} at {}",
        server.index + 1,
        at_text(&server.at)
    ));
    r.server_why = Some(match why {
        Why::DefaultServer | Why::FirstOnSocket => why.to_string(),
        _ => format!("Host \"{host}\" matches {why}"),
    });
    let uri = match parse(&req.target, server.merge_slashes) {
        Ok(u) => u,
        Err(e) => {
            r.status = Some(400);
            r.action = Some(format!("400 Bad Request: {e}"));
            if e == UriError::NotAbsolute {
                r.notes
                    .push("absolute-form targets are not routed yet".into());
            }
            return r;
        }
    };
    r.uri = Some(String::from_utf8_lossy(&uri.path).into_owned());
    // A server-level `return` runs before locations are looked at.
    if let Some(ret) = server.settings.iter().rev().find(|s| s.name == "return") {
        let code = ret.args.first().and_then(|c| c.parse::<u16>().ok());
        r.status = code.or(Some(302));
        r.action = Some(format!(
            "return {} at {} (server level, before locations)",
            ret.args.join(" "),
            at_text(&ret.at)
        ));
        return r;
    }
    let found = find(&server.locations, &uri.path);
    r.candidates = found
        .matched
        .iter()
        .map(|l| format!("{} at {}", l.describe(), at_text(&l.at)))
        .collect();
    let Some(loc) = found.location else {
        r.action = Some(
            "no location matches: the server's own settings apply (static files from its root)"
                .into(),
        );
        return r;
    };
    r.location = Some(loc.describe());
    r.location_at = Some(at_text(&loc.at));
    if let Some(ret) = loc.setting("return") {
        let code = ret.args.first().and_then(|c| c.parse::<u16>().ok());
        r.status = code.or(Some(302));
        r.action = Some(format!(
            "return {} at {}",
            ret.args.join(" "),
            at_text(&ret.at)
        ));
        return r;
    }
    if loc.setting("rewrite").is_some() {
        r.notes.push("rewrite rules are not evaluated yet".into());
    }
    if let Some(pass) = loc.setting("proxy_pass") {
        let url = pass.args.first().cloned().unwrap_or_default();
        r.action = Some(format!("proxy_pass {url} at {}", at_text(&pass.at)));
        let http_version = Levels::new(http, server, Some(loc)).proxy_http_version(version);
        if url.contains('$') {
            r.notes
                .push("proxy_pass with variables: the upstream URI is built at run time".into());
            return r;
        }
        let Some((_, uri_part)) = split_url(&url) else {
            r.notes
                .push("proxy_pass to a unix socket or an unknown scheme".into());
            return r;
        };
        let target = match uri_part {
            // No URI part: the request URI goes as the client sent it.
            None => uri.raw.clone(),
            Some(part) => match loc.kind {
                LocationKind::Prefix | LocationKind::PrefixNoRegex | LocationKind::Exact => {
                    let rest = &uri.path[loc.pattern.len().min(uri.path.len())..];
                    let mut t = escape_uri(part.as_bytes());
                    t.push_str(&escape_uri(rest));
                    if let Some(args) = &uri.args {
                        t.push('?');
                        t.push_str(args);
                    }
                    t
                }
                _ => {
                    r.notes
                        .push("proxy_pass with a URI part is not allowed in this location".into());
                    return r;
                }
            },
        };
        r.upstream_request_line = Some(format!("{} {target} HTTP/{http_version}", req.method));
        return r;
    }
    let root = loc.setting("alias").or_else(|| loc.setting("root"));
    r.action = Some(match root {
        Some(s) => format!(
            "static files: {} {} at {}",
            s.name,
            s.args.join(" "),
            at_text(&s.at)
        ),
        None => "static files from the server's root".into(),
    });
    r
}

/// The report of `rginx route` in text.
pub fn text(r: &Route) -> String {
    let mut out = String::new();
    let mut line = |k: &str, v: &Option<String>| {
        if let Some(v) = v {
            out.push_str(&format!("{k:<9}{v}\n"));
        }
    };
    line("server", &r.server);
    line("why", &r.server_why);
    line("uri", &r.uri);
    line(
        "location",
        &r.location
            .as_ref()
            .map(|l| format!("{l} at {}", r.location_at.clone().unwrap_or_default())),
    );
    if r.candidates.len() > 1 {
        line("matched", &Some(r.candidates.join("; ")));
    }
    line("action", &r.action);
    line("status", &r.status.map(|s| s.to_string()));
    line("upstream", &r.upstream_request_line);
    for n in &r.notes {
        out.push_str(&format!("note     {n}\n"));
    }
    out
}

/// What the IR says a request gets, without running anything: the
/// response rginx makes, or the request that goes upstream (and the
/// response, once the caller says what the upstream answered).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Simulated {
    pub status: Option<u16>,
    pub body: Option<String>,
    pub location: Option<String>,
    /// The upstream group (`upstream` name or `host:port`).
    pub upstream_authority: Option<String>,
    pub upstream_request_line: Option<String>,
    pub upstream_headers: Option<Vec<(String, String)>>,
    /// Response headers added by the configuration.
    pub added_headers: Vec<(String, String)>,
    pub content_type: Option<String>,
    pub unknown: Vec<String>,
}

/// The outcome of a request as far as the IR determines it (the upstream,
/// if any, is not asked).
pub fn simulate(http: &Http, req: &Request, version: Version) -> Simulated {
    let mut s = Simulated::default();
    let mut exec = match super::exec::Exec::new(http, req, version) {
        Ok(e) => e,
        Err(reply) => {
            s.status = Some(reply.status);
            if let super::exec::Body::Text(t) = reply.body {
                s.body = Some(t);
            }
            s.content_type = reply.content_type;
            return s;
        }
    };
    match exec.run() {
        super::exec::Outcome::Respond(reply) => {
            s.status = Some(reply.status);
            s.content_type = reply.content_type;
            for (n, v) in reply.headers {
                if n == "Location" {
                    s.location = Some(v);
                } else {
                    s.added_headers.push((n, v));
                }
            }
            match reply.body {
                super::exec::Body::Text(t) => s.body = Some(t),
                super::exec::Body::Empty => s.body = Some(String::new()),
                super::exec::Body::File(p) | super::exec::Body::FileRange(p, _, _) => {
                    s.unknown.push(format!("the file {}", p.display()))
                }
            }
        }
        super::exec::Outcome::Proxy(plan) => {
            s.upstream_authority = Some(plan.group.name.clone());
            s.upstream_request_line = Some(plan.request_line);
            s.upstream_headers = Some(plan.headers);
        }
    }
    s
}
