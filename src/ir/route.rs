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
    /// The request body, if any.
    pub body: Option<String>,
}

impl Request {
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

/// What the IR can say a request gets, without running anything. `None`
/// fields are what it cannot determine yet (a case that needs them fails
/// in IR mode).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Simulated {
    pub status: Option<u16>,
    pub body: Option<String>,
    pub location: Option<String>,
    /// `host:port` of a static `proxy_pass`.
    pub upstream_authority: Option<String>,
    pub upstream_request_line: Option<String>,
    /// The headers sent upstream, when every value could be evaluated.
    pub upstream_headers: Option<Vec<(String, String)>>,
    /// Response headers `add_header` adds (evaluated), for the status.
    pub added_headers: Vec<(String, String)>,
    /// The Content-Type of a response nginx makes itself.
    pub content_type: Option<String>,
    /// Why something above is unknown.
    pub unknown: Vec<String>,
}

/// Statuses `add_header` applies to without `always`.
const ADD_HEADER_STATUSES: &[u16] = &[200, 201, 204, 206, 301, 302, 303, 304, 307, 308];

/// Where routing ended: the levels settings come from and the URI.
struct Final<'a> {
    levels: Levels<'a>,
    uri: String,
    args: Option<String>,
    server_name: String,
}

/// The outcome of a request as far as the IR determines it.
pub fn simulate(http: &Http, req: &Request, version: Version) -> Simulated {
    let (mut s, end) = simulate_routing(http, req, version);
    // add_header applies to the response, proxied or returned, as the
    // location routing ended in has it.
    let status = s.status.or(s.upstream_request_line.as_ref().map(|_| 200));
    let (Some(status), Some(end)) = (status, end) else {
        return s;
    };
    let ctx = crate::ir::vars::VarContext {
        req,
        uri: &end.uri,
        args: end.args.as_deref(),
        proxy_host: "",
        server_name: &end.server_name,
        remote_addr: "127.0.0.1",
    };
    for h in end.levels.list("add_header") {
        let always = h.args.get(2).is_some_and(|a| a == "always");
        let (Some(name), Some(value)) = (h.args.first(), h.args.get(1)) else {
            continue;
        };
        if !always && !ADD_HEADER_STATUSES.contains(&status) {
            continue;
        }
        match ctx.eval(value) {
            Ok(v) if !v.is_empty() => s.added_headers.push((name.clone(), v)),
            Ok(_) => {}
            Err(e) => s.unknown.push(e),
        }
    }
    s
}

fn simulate_routing<'a>(
    http: &'a Http,
    req: &Request,
    version: Version,
) -> (Simulated, Option<Final<'a>>) {
    let r = route(http, req, version);
    let mut s = Simulated {
        status: r.status,
        upstream_request_line: r.upstream_request_line.clone(),
        ..Simulated::default()
    };
    let Some(server) =
        select(&http.servers, req.local, req.header("host").unwrap_or("")).map(|(s, _)| s)
    else {
        return (s, None);
    };
    let Ok(uri) = parse(&req.target, server.merge_slashes) else {
        return (s, None);
    };
    let server_name = server
        .names
        .first()
        .map(|n| match n {
            crate::ir::ServerName::Exact(e) => e.clone(),
            _ => String::new(),
        })
        .unwrap_or_default();
    // The rewrite phases: the server's once, then the location's, searching
    // again after a change, at most 10 times (then 500, as nginx).
    let mut cur = crate::ir::rewrite::Current {
        uri: String::from_utf8_lossy(&uri.path).into_owned(),
        args: uri.args.clone(),
        changed: false,
    };
    let eval_in = |t: &str, c: &crate::ir::rewrite::Current| {
        crate::ir::vars::VarContext {
            req,
            uri: &c.uri,
            args: c.args.as_deref(),
            proxy_host: "",
            server_name: &server_name,
            remote_addr: "127.0.0.1",
        }
        .eval(t)
    };
    use crate::ir::rewrite::{run, Flow};
    let mut flow = run(&server.settings, &mut cur, &eval_in);
    let mut loc = None;
    let mut cycles = 0;
    while matches!(flow, Flow::Next | Flow::Search) {
        loc = find(&server.locations, cur.uri.as_bytes()).location;
        let Some(l) = loc else { break };
        flow = run(&l.settings, &mut cur, &eval_in);
        if matches!(flow, Flow::Search) {
            cycles += 1;
            if cycles > 10 {
                s.status = Some(500);
                s.body = crate::ir::pages::page(500);
                s.content_type = Some("text/html".into());
                s.upstream_request_line = None;
                let end = Final {
                    levels: Levels::new(http, server, loc),
                    uri: cur.uri.clone(),
                    args: cur.args.clone(),
                    server_name: server_name.clone(),
                };
                return (s, Some(end));
            }
            continue;
        }
        break;
    }
    let end = Final {
        levels: Levels::new(http, server, loc),
        uri: cur.uri.clone(),
        args: cur.args.clone(),
        server_name: server_name.clone(),
    };
    let uri_text = cur.uri.clone();
    let vars = |proxy_host| crate::ir::vars::VarContext {
        req,
        uri: &uri_text,
        args: cur.args.as_deref(),
        proxy_host,
        server_name: &server_name,
        remote_addr: "127.0.0.1",
    };
    let absolute = |url: String| {
        if !url.starts_with('/') {
            return url;
        }
        let host = req
            .header("host")
            .map(|h| h.rsplit_once(':').map_or(h, |(a, _)| a).to_string());
        let host = host
            .filter(|h| !h.is_empty())
            .unwrap_or_else(|| server_name.clone());
        let port = req.local.port();
        let port = if port == 80 {
            String::new()
        } else {
            format!(":{port}")
        };
        format!("http://{host}{port}{url}")
    };
    match &flow {
        Flow::Redirect(code, url) => {
            s.status = Some(*code);
            s.location = Some(absolute(url.clone()));
            s.body = crate::ir::pages::page(*code);
            s.content_type = Some("text/html".into());
            s.upstream_request_line = None;
            return (s, Some(end));
        }
        Flow::Unknown(e) => {
            s.unknown.push(e.clone());
            s.status = None;
            s.upstream_request_line = None;
            return (s, Some(end));
        }
        _ => {}
    }
    if cur.changed {
        // route() saw the URI before rewriting; this is the one that counts.
        s.status = None;
        s.upstream_request_line = None;
    }
    if let Flow::Return(ret) = flow {
        let code = ret.args.first().and_then(|c| c.parse::<u16>().ok());
        s.status = Some(code.unwrap_or(302));
        let rest = if code.is_some() {
            ret.args.get(1)
        } else {
            ret.args.first()
        };
        let value = rest.map(|t| vars("").eval(t));
        let status = code.unwrap_or(302);
        match (code, value) {
            // `return URL` is a 302 to it; a relative one becomes absolute
            // (absolute_redirect on): the Host as sent, and the port unless 80.
            (None, Some(Ok(url))) | (Some(301 | 302 | 303 | 307 | 308), Some(Ok(url))) => {
                s.location = Some(absolute(url));
                s.body = crate::ir::pages::page(status);
                s.content_type = s.body.as_ref().map(|_| "text/html".to_string());
            }
            (Some(_), Some(Ok(text))) => {
                s.body = Some(text);
                s.content_type = Some(
                    end.levels
                        .value("default_type")
                        .and_then(|s| s.args.first().cloned())
                        .unwrap_or_else(|| "text/plain".into()),
                );
            }
            (Some(code), None) => {
                // nginx's own page for errors; nothing for other codes.
                let page = if code >= 400 {
                    crate::ir::pages::page(code)
                } else {
                    None
                };
                s.content_type = page.as_ref().map(|_| "text/html".to_string());
                s.body = Some(page.unwrap_or_default());
            }
            (_, Some(Err(e))) => s.unknown.push(e),
            _ => {}
        }
        return (s, Some(end));
    }
    let Some(loc) = loc else {
        return (s, Some(end));
    };
    if let Some(pass) = loc.setting("proxy_pass") {
        if let Some((authority, _)) = pass.args.first().and_then(|u| split_url(u)) {
            if !authority.contains('$') {
                s.upstream_authority = Some(authority.to_string());
                if cur.changed {
                    // After a rewrite the changed URI goes upstream as it is,
                    // whatever URI part proxy_pass has.
                    let http_version = end.levels.proxy_http_version(version);
                    let mut target = escape_uri(cur.uri.as_bytes());
                    if let Some(a) = &cur.args {
                        target.push('?');
                        target.push_str(a);
                    }
                    s.upstream_request_line =
                        Some(format!("{} {target} HTTP/{http_version}", req.method));
                }
                let set = end.levels.list("proxy_set_header");
                let ctx = vars(authority);
                match crate::ir::upstream::headers(&set, &ctx, version, req.body.as_deref()) {
                    Ok(h) => s.upstream_headers = Some(h),
                    Err(e) => s.unknown.push(e),
                }
            }
        }
    }
    (s, Some(end))
}
