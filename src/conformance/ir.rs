//! The rginx routing IR as a conformance engine: each request is routed
//! without running anything, and the engine reports what the IR determines
//! (status, body of a fixed `return`, the redirect, the request line sent to
//! a static `proxy_pass`). Whatever the IR cannot determine yet is missing
//! from the observation, so a case that expects it fails in IR mode.
//!
//! A TLS request is given to the IR as `rginx route --tls --sni NAME`
//! gives it: the server name (empty without SNI), so `$https`, `$scheme`
//! and `$ssl_server_name` are known; what only a handshake tells
//! (`$ssl_protocol`, `$ssl_cipher`, `$ssl_session_reused`) is not, and
//! cases that need it run in oracle and runtime modes only (`modes`). The
//! certificate the server presents is the `ssl_certificate` of the server
//! the SNI selects, as the runtime chooses it; ALPN picks `h2` when that
//! server enables HTTP/2. Plain HTTP to a TLS port is nginx's 497.

use super::backend::RecordedRequest;
use super::case::{Case, PortRef, Send};
use super::client::Response;
use super::engine::{Engine, Observation, Run, TlsObserved};
use super::env::CaseEnv;
use super::oracle::nginx_conf;
use crate::exec::route::Request;
use crate::exec::{Body, Exec, Outcome, Reply};
use crate::ir::balance::{Attempt, Balancer};
use crate::ir::Http;
use crate::load;
use crate::registry::Version;
use crate::syntax::LoadOptions;
use std::collections::HashMap;

pub struct IrEngine {
    pub version: Version,
    name: String,
}

impl IrEngine {
    pub fn new(version: Version) -> Self {
        IrEngine {
            version,
            name: format!("rginx ir ({})", version.full()),
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

/// Whether connections to `local` speak TLS (a listen of the socket has
/// `ssl`, or its server has the legacy `ssl on`).
fn socket_is_tls(http: &Http, local: std::net::SocketAddr) -> bool {
    crate::ir::server::candidates(&http.servers, local)
        .iter()
        .any(|(_, l)| l.ssl)
}

/// What the handshake would show: the certificate of the server the SNI
/// selects (the socket's default without a match), and `h2` from ALPN
/// when that server enables HTTP/2 and the client offers it. `None`: that
/// server has `ssl_reject_handshake on`.
fn handshake(
    http: &Http,
    env: &CaseEnv,
    local: std::net::SocketAddr,
    sni: &str,
    offers_h2: bool,
) -> Option<TlsObserved> {
    let server = crate::ir::server::select(&http.servers, local, sni)
        .map(|(s, _)| s)
        .or_else(|| crate::ir::server::socket_default(&http.servers, local));
    if server.is_some_and(|s| s.srv.ssl_reject_handshake) {
        return None;
    }
    let cert_name = server
        .and_then(|s| s.srv.ssl_certificate.first())
        .and_then(|e| e.arg(0))
        .and_then(|p| {
            let p = if p.starts_with('/') {
                p.to_string()
            } else {
                env.dir().join(p).display().to_string()
            };
            env.cert_name_of_file(&p)
        });
    let h2 = offers_h2
        && server.is_some_and(|s| {
            s.listens.iter().any(|l| l.http2 && l.port == local.port()) || s.srv.http2
        });
    Some(TlsObserved {
        cert_name,
        alpn: if h2 { "h2" } else { "http/1.1" }.into(),
    })
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

    fn mode(&self) -> super::ModeName {
        super::ModeName::Ir
    }

    fn run(&self, case: &Case, env: &CaseEnv) -> Result<Run, String> {
        let conf = nginx_conf(env.dir(), &env.substitute(&case.config), false)?;
        let path = env.dir().join("nginx.conf");
        std::fs::write(&path, conf).map_err(|e| format!("writing {}: {e}", path.display()))?;
        // The gate is off: cases exercise what nginx runs, and the runtime
        // mode reports what rginx refuses.
        let opts = load::Options {
            files: LoadOptions::default(),
            gate: load::Gate::Off,
            root: false,
            version: self.version,
        };
        let http = match load::load(&path, &opts) {
            Ok(l) => l.http,
            Err(e) if e.stage == load::Stage::Check => {
                return Err(format!("rginx -t rejects the configuration: {e}"))
            }
            Err(e) => return Err(e.to_string()),
        };
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
                            tls: None,
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
            let local = std::net::SocketAddr::from(([127, 0, 0, 1], port));
            let tls_socket = socket_is_tls(&http, local);
            let mut tls = None;
            if let Some(t) = &r.tls {
                if !tls_socket {
                    observations.push(Observation {
                        response: Err("TLS handshake failed: the port speaks plain HTTP".into()),
                        upstream: Vec::new(),
                        tls: None,
                    });
                    continue;
                }
                let sni = t.sni.as_deref().unwrap_or("");
                let Some(seen) = handshake(&http, env, local, sni, t.http2) else {
                    observations.push(Observation {
                        response: Err("TLS handshake failed: ssl_reject_handshake".into()),
                        upstream: Vec::new(),
                        tls: None,
                    });
                    continue;
                };
                if seen.alpn == "h2" {
                    parts.protocol = "HTTP/2.0".into();
                    parts
                        .headers
                        .retain(|(n, _)| !n.eq_ignore_ascii_case("connection"));
                }
                tls = Some(seen);
            }
            let h2 = parts.protocol == "HTTP/2.0";
            let request = Request {
                method: parts.method.clone(),
                target: parts.target,
                headers: parts.headers,
                local,
                remote: std::net::SocketAddr::from(([127, 0, 0, 1], 50000)),
                protocol: parts.protocol,
                tls: r.tls.as_ref().map(|t| t.sni.clone().unwrap_or_default()),
                body: parts.body,
            };
            let mut upstream = Vec::new();
            let response = match Exec::new(&http, &request, self.version) {
                Err(reply) => present(reply, &request.method, false, None),
                Ok(mut exec) => {
                    if h2 {
                        exec.runtime_vars.insert("http2".into(), "h2".into());
                    }
                    let mut outcome = if r.tls.is_none() && tls_socket {
                        exec.special(497)
                    } else {
                        exec.run()
                    };
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
                                        exec.upstream_headers =
                                            vec![("Content-Type".into(), "text/plain".into())];
                                        let mut reply = match exec.upstream_answered(200, false) {
                                            crate::exec::proxy::Answer::Pass(r) => r,
                                            crate::exec::proxy::Answer::Intercepted(s) => {
                                                outcome = exec.upstream_error(s);
                                                continue;
                                            }
                                        };
                                        reply.body = Body::Text(format!("backend {name}"));
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
            let response = if h2 {
                // HTTP/2 has no Connection header.
                response.map(|mut resp| {
                    resp.headers.retain(|(n, _)| {
                        !n.eq_ignore_ascii_case("connection")
                            && !n.eq_ignore_ascii_case("keep-alive")
                    });
                    resp
                })
            } else {
                response
            };
            observations.push(Observation {
                response,
                upstream,
                tls,
            });
        }
        Ok(Run {
            observations,
            log: String::new(),
        })
    }
}
