//! `rginx route`: which server and location a request reaches, why, each
//! step on the way, and what nginx does with it: the response it makes,
//! or the request line and headers it sends upstream.

use crate::ir::location::find;
use crate::ir::server::{select, Why};
use crate::ir::{At, Http};
use crate::registry::Version;
use serde::Serialize;

pub use super::Request;

/// What `rginx route` reports for a request.
#[derive(Debug, Default, Serialize)]
pub struct Route {
    /// `server #N at file:line`.
    pub server: Option<String>,
    pub server_why: Option<String>,
    /// The normalized URI the first location search uses.
    pub uri: Option<String>,
    /// The location the request ended in, and where it is written.
    pub location: Option<String>,
    pub location_at: Option<String>,
    /// Every location whose pattern matched the URI, in nginx's order.
    pub candidates: Vec<String>,
    /// rewrite, if, try_files, index, error_page and redirect steps.
    pub steps: Vec<String>,
    /// What answers: the `return`, `proxy_pass` or static file.
    pub action: Option<String>,
    /// The response status (a proxied request: the upstream's).
    pub status: Option<u16>,
    pub body: Option<String>,
    /// For proxying: the group and its peers, the request line and headers
    /// sent upstream.
    pub upstream: Option<String>,
    pub upstream_peers: Vec<String>,
    pub upstream_request_line: Option<String>,
    pub upstream_headers: Vec<(String, String)>,
    /// Response headers (Location, add_header, expires…); for a proxied
    /// request, those added to a 200 from the upstream.
    pub response_headers: Vec<(String, String)>,
    pub notes: Vec<String>,
}

fn at_text(at: &At) -> String {
    at.to_string()
}

/// Route a request through the IR and explain it.
pub fn route(http: &Http, req: &Request, version: Version) -> Route {
    use super::{Body, Exec, Outcome};
    let mut r = Route::default();
    let mut exec = match Exec::new(http, req, version) {
        Ok(e) => e,
        Err(reply) => {
            r.status = Some(reply.status);
            r.action = Some(match select(&http.servers, req.local, "") {
                None => format!("no server listens on {}", req.local),
                Some(_) => format!(
                    "{} before any configuration applies (an invalid request)",
                    reply.status
                ),
            });
            return r;
        }
    };
    let server = exec.server;
    r.server = Some(format!(
        "server #{} at {}",
        server.index + 1,
        at_text(&server.at)
    ));
    r.server_why = Some(match &exec.server_why {
        Why::DefaultServer | Why::FirstOnSocket => exec.server_why.to_string(),
        why => format!("Host \"{}\" matches {why}", exec.host),
    });
    r.uri = Some(exec.uri.clone());
    r.candidates = find(&server.locations, exec.uri.as_bytes())
        .matched
        .iter()
        .map(|l| format!("{} at {}", l.describe(), at_text(&l.at)))
        .collect();
    let outcome = exec.run();
    if let Some(l) = exec.loc {
        r.location = Some(l.describe());
        r.location_at = Some(at_text(&l.at));
    }
    r.steps = exec.steps.iter().map(|s| s.what.clone()).collect();
    r.action = exec
        .steps
        .iter()
        .rev()
        .find(|s| {
            s.what.starts_with("return ")
                || s.what.starts_with("proxy_pass ")
                || s.what.starts_with("static file ")
        })
        .map(|s| s.what.clone());
    match outcome {
        Outcome::Respond(reply) => {
            r.status = Some(reply.status);
            if let Some(t) = &reply.content_type {
                r.response_headers.push(("Content-Type".into(), t.clone()));
            }
            r.response_headers.extend(reply.headers);
            r.body = match reply.body {
                Body::Text(t) => Some(t),
                Body::Empty => Some(String::new()),
                Body::File(p) | Body::FileRange(p, _, _) => {
                    Some(format!("(the file {})", p.display()))
                }
            };
            if r.action.is_none() {
                r.action = Some(format!("{} answered by rginx", reply.status));
            }
        }
        Outcome::Proxy(plan) => {
            r.upstream = Some(match &plan.group.at {
                Some(at) => format!("upstream {} at {at}", plan.group.name),
                None => plan.group.name.clone(),
            });
            r.upstream_peers = plan
                .group
                .peers
                .iter()
                .map(|p| {
                    let mut t = p.addr.to_string();
                    if p.weight != 1 {
                        t.push_str(&format!(" weight={}", p.weight));
                    }
                    if p.backup {
                        t.push_str(" backup");
                    }
                    if p.down {
                        t.push_str(" down");
                    }
                    t
                })
                .collect();
            r.upstream_request_line = Some(plan.request_line.clone());
            r.upstream_headers = plan.headers.clone();
            let mut headers = Vec::new();
            if let Some((expires, cache_control)) = exec.expires_headers(200, None) {
                headers.push(("Expires".to_string(), expires));
                headers.push(("Cache-Control".to_string(), cache_control));
            }
            headers.extend(exec.added_headers(200));
            r.response_headers = headers;
        }
    }
    for step in &exec.steps {
        if step.what.starts_with("rginx cannot") {
            r.notes.push(step.what.clone());
        }
    }
    r
}

/// The report of `rginx route` in text.
pub fn text(r: &Route) -> String {
    let mut out = String::new();
    let mut line = |k: &str, v: &str| out.push_str(&format!("{k:<9}{v}\n"));
    if let Some(v) = &r.server {
        line("server", v);
    }
    if let Some(v) = &r.server_why {
        line("why", v);
    }
    if let Some(v) = &r.uri {
        line("uri", v);
    }
    if r.candidates.len() > 1 {
        line("matched", &r.candidates.join("; "));
    }
    for s in &r.steps {
        line("step", s);
    }
    if let (Some(l), Some(at)) = (&r.location, &r.location_at) {
        line("location", &format!("{l} at {at}"));
    }
    if let Some(v) = &r.action {
        line("action", v);
    }
    if let Some(v) = &r.upstream {
        line(
            "upstream",
            &format!("{v} ({})", r.upstream_peers.join(", ")),
        );
    }
    if let Some(v) = &r.upstream_request_line {
        line("request", v);
        for (n, v) in &r.upstream_headers {
            line("", &format!("{n}: {v}"));
        }
    }
    if let Some(s) = r.status {
        line("status", &s.to_string());
    }
    if !r.response_headers.is_empty() {
        let title = if r.upstream.is_some() {
            "adds (to a 200 from the upstream)"
        } else {
            "headers"
        };
        line("response", title);
        for (n, v) in &r.response_headers {
            line("", &format!("{n}: {v}"));
        }
    }
    for n in &r.notes {
        line("note", n);
    }
    out
}
