//! The rginx routing IR as a conformance engine: each request is routed
//! without running anything, and the engine reports what the IR determines
//! (status, body of a fixed `return`, the redirect, the request line sent to
//! a static `proxy_pass`). Whatever the IR cannot determine yet is missing
//! from the observation, so a case that expects it fails in IR mode.

use super::backend::RecordedRequest;
use super::case::{Case, PortRef, Send};
use super::client::Response;
use super::engine::{Engine, Observation, Run};
use super::env::CaseEnv;
use super::oracle::nginx_conf;
use crate::check;
use crate::ir::balance::{Attempt, Balancer};
use crate::ir::exec::{Body, Exec, Outcome, Reply};
use crate::ir::route::Request;
use crate::ir::Http;
use crate::registry::Version;
use crate::syntax::{include, LoadOptions};
use std::collections::HashMap;

pub struct IrEngine {
    pub version: Version,
    name: String,
}

impl IrEngine {
    pub fn new(version: Version) -> Self {
        IrEngine {
            version,
            name: format!("rginx ir ({}.{}.{})", version.0, version.1, version.2),
        }
    }
}

/// A request as the IR takes it: method, target, protocol, headers, body.
struct Parts {
    method: String,
    target: String,
    protocol: String,
    headers: Vec<(String, String)>,
    body: Option<Vec<u8>>,
}

/// A raw request read with httparse; a chunked body is decoded.
fn parse_raw(raw: &str) -> Result<Parts, String> {
    let mut headers = [httparse::EMPTY_HEADER; 64];
    let mut req = httparse::Request::new(&mut headers);
    let status = req
        .parse(raw.as_bytes())
        .map_err(|e| format!("the raw request does not parse: {e}"))?;
    let head_len = match status {
        httparse::Status::Complete(n) => n,
        httparse::Status::Partial => raw.len(),
    };
    let headers = super::client::header_pairs(req.headers);
    let rest = &raw.as_bytes()[head_len.min(raw.len())..];
    let chunked = headers.iter().any(|(n, v)| {
        n.eq_ignore_ascii_case("transfer-encoding") && v.eq_ignore_ascii_case("chunked")
    });
    let body = if chunked {
        let mut out = Vec::new();
        let mut d = super::chunked::ChunkedDecoder::new();
        d.feed(rest, &mut out)
            .map_err(|e| format!("the raw chunked body: {e:?}"))?;
        Some(out)
    } else {
        (!rest.is_empty()).then(|| rest.to_vec())
    };
    Ok(Parts {
        method: req.method.unwrap_or("GET").to_string(),
        target: req.path.unwrap_or("/").to_string(),
        protocol: format!("HTTP/1.{}", req.version.unwrap_or(1)),
        headers,
        body,
    })
}

/// What the recording backend at `addr` is called, if one listens there.
fn backend_at(env: &CaseEnv, addr: std::net::SocketAddr) -> Option<String> {
    env.backends
        .iter()
        .find(|(_, b)| b.addr() == addr)
        .map(|(name, _)| name.clone())
}

/// Whether nginx keeps the connection open after this response: the
/// client's Connection header (matched as a substring, as nginx does), the
/// protocol's default, and statuses after which nginx closes.
fn keepalive(req: &Request, closes: bool) -> bool {
    crate::runtime::request::client_keepalive(req) && !closes
}

/// The response as a client sees it: Content-Type, Content-Length and
/// Connection as nginx adds them, no body for HEAD.
fn present(
    reply: Reply,
    method: &str,
    keepalive: bool,
    keepalive_header: Option<String>,
) -> Result<Response, String> {
    let mut headers = Vec::new();
    if let Some(t) = &reply.content_type {
        headers.push(("Content-Type".to_string(), t.clone()));
    }
    let body = match &reply.body {
        Body::Empty => String::new(),
        Body::Text(t) => t.clone(),
        Body::File(p) => {
            let bytes = std::fs::read(p).map_err(|e| format!("reading {}: {e}", p.display()))?;
            String::from_utf8_lossy(&bytes).into_owned()
        }
        Body::FileRange(p, start, end) => {
            let bytes = std::fs::read(p).map_err(|e| format!("reading {}: {e}", p.display()))?;
            let slice = bytes
                .get(*start as usize..(*end as usize).min(bytes.len()))
                .unwrap_or_default();
            String::from_utf8_lossy(slice).into_owned()
        }
    };
    let no_length =
        matches!(reply.status, 204 | 304) || (reply.body == Body::Empty && reply.status < 200);
    if !no_length {
        headers.push(("Content-Length".to_string(), body.len().to_string()));
    }
    headers.push((
        "Connection".to_string(),
        if keepalive { "keep-alive" } else { "close" }.to_string(),
    ));
    if let (true, Some(h)) = (keepalive, keepalive_header) {
        headers.push(("Keep-Alive".to_string(), h));
    }
    headers.extend(reply.headers);
    Ok(Response {
        status: reply.status,
        reason: String::new(),
        headers,
        body: if method == "HEAD" {
            String::new()
        } else {
            body
        },
    })
}

impl Engine for IrEngine {
    fn name(&self) -> &str {
        &self.name
    }

    fn run(&self, case: &Case, env: &CaseEnv) -> Result<Run, String> {
        let conf = nginx_conf(env.dir(), &env.substitute(&case.config), false)?;
        let path = env.dir().join("nginx.conf");
        std::fs::write(&path, conf).map_err(|e| format!("writing {}: {e}", path.display()))?;
        let config =
            include::load(&path, &LoadOptions::default()).map_err(|e| e.error.to_string())?;
        let checked = check::check(&config);
        if let Some(i) = checked.fatal {
            return Err(format!(
                "rginx -t rejects the configuration: {}",
                checked.diagnostics[i].message
            ));
        }
        let http = Http::build(&config, false)?;
        // Balancer state lives as long as the server: across the requests.
        let mut balancers: HashMap<String, Balancer> = HashMap::new();
        let mut observations = Vec::new();
        for r in &case.requests {
            let mut parts = match &r.send {
                Send::Raw(raw) => match parse_raw(&env.substitute(raw)) {
                    Ok(p) => p,
                    Err(_) => {
                        // nginx answers a request it cannot parse with 400.
                        let reply = Reply {
                            status: 400,
                            headers: Vec::new(),
                            content_type: Some("text/html".into()),
                            body: Body::Text(
                                crate::ir::pages::signed_page(400, true).unwrap_or_default(),
                            ),
                        };
                        observations.push(Observation {
                            response: present(reply, "GET", false, None),
                            upstream: Vec::new(),
                        });
                        continue;
                    }
                },
                Send::Built {
                    method,
                    path,
                    headers,
                    body,
                } => Parts {
                    method: method.clone(),
                    target: env.substitute(path),
                    protocol: "HTTP/1.1".into(),
                    headers: headers
                        .iter()
                        .map(|(n, v)| (n.clone(), env.substitute(v)))
                        .collect(),
                    body: (!body.is_empty()).then(|| body.clone().into_bytes()),
                },
            };
            // The client adds these, as the oracle's client does.
            if !matches!(r.send, Send::Raw(_)) {
                let has = |h: &[(String, String)], n: &str| {
                    h.iter().any(|(x, _)| x.eq_ignore_ascii_case(n))
                };
                if !has(&parts.headers, "host") {
                    parts.headers.push(("Host".into(), "localhost".into()));
                }
                if let Some(b) = &parts.body {
                    if !has(&parts.headers, "content-length")
                        && !has(&parts.headers, "transfer-encoding")
                    {
                        parts
                            .headers
                            .push(("Content-Length".into(), b.len().to_string()));
                    }
                }
                if !has(&parts.headers, "connection") {
                    parts.headers.push(("Connection".into(), "close".into()));
                }
            }
            let port = match r.port {
                PortRef::Port => env.port,
                PortRef::Port2 => env.port2,
            };
            let request = Request {
                method: parts.method.clone(),
                target: parts.target,
                headers: parts.headers,
                local: std::net::SocketAddr::from(([127, 0, 0, 1], port)),
                remote: std::net::SocketAddr::from(([127, 0, 0, 1], 50000)),
                protocol: parts.protocol,
                tls: None,
                body: parts.body,
            };
            let mut upstream = Vec::new();
            let response = match Exec::new(&http, &request, self.version) {
                Err(reply) => present(reply, &request.method, false, None),
                Ok(mut exec) => {
                    let mut outcome = exec.run();
                    loop {
                        match outcome {
                            Outcome::Respond(reply) => {
                                let (on, header) = exec.keepalive_settings();
                                let keep = on && keepalive(&request, exec.closes);
                                break present(reply, &exec.method, keep, header);
                            }
                            Outcome::Proxy(plan) => {
                                let group = &plan.group;
                                let balancer = balancers
                                    .entry(group.name.clone())
                                    .or_insert_with(|| Balancer::new(group));
                                let mut attempt = Attempt::default();
                                let mut tries = if plan.tries == 0 {
                                    group.tries()
                                } else {
                                    plan.tries
                                };
                                let mut answered = None;
                                let mut tried = Vec::new();
                                while tries > 0 {
                                    let Some(i) = balancer.pick(
                                        group,
                                        &mut attempt,
                                        request.remote.ip(),
                                        &plan.hash_key,
                                    ) else {
                                        break;
                                    };
                                    tries -= 1;
                                    let addr = group.peers[i].addr;
                                    tried.push(addr);
                                    match backend_at(env, addr) {
                                        Some(name) => {
                                            answered = Some(name);
                                            break;
                                        }
                                        None => {
                                            // Nothing listens there: refused.
                                            balancer.failed(group, i);
                                            if !plan.next_on_error {
                                                break;
                                            }
                                        }
                                    }
                                }
                                exec.upstream_addrs = tried;
                                match answered {
                                    Some(name) => {
                                        upstream.push(RecordedRequest {
                                            backend: name.clone(),
                                            request_line: plan.request_line.clone(),
                                            headers: plan.headers.clone(),
                                            body: String::from_utf8_lossy(
                                                plan.body.as_deref().unwrap_or_default(),
                                            )
                                            .into_owned(),
                                        });
                                        // The recording backend's answer.
                                        let reply = exec.proxied(
                                            200,
                                            vec![("Content-Type".into(), "text/plain".into())],
                                            Body::Text(format!("backend {name}")),
                                        );
                                        let (on, header) = exec.keepalive_settings();
                                        let keep = on && keepalive(&request, exec.closes);
                                        break present(reply, &exec.method, keep, header);
                                    }
                                    None => outcome = exec.upstream_error(502),
                                }
                            }
                        }
                    }
                }
            };
            observations.push(Observation { response, upstream });
        }
        Ok(Run {
            observations,
            log: String::new(),
        })
    }
}
