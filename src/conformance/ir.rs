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
use crate::ir::route::{simulate, Request};
use crate::ir::Http;
use crate::registry::Version;
use crate::syntax::{include, LoadOptions};

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

/// Method, target and headers of a request.
type RequestParts = (String, String, Vec<(String, String)>);

/// Method, target and headers of a raw request, read with httparse.
fn parse_raw(raw: &str) -> Result<RequestParts, String> {
    let mut headers = [httparse::EMPTY_HEADER; 64];
    let mut req = httparse::Request::new(&mut headers);
    req.parse(raw.as_bytes())
        .map_err(|e| format!("the raw request does not parse: {e}"))?;
    let headers = super::client::header_pairs(req.headers);
    Ok((
        req.method.unwrap_or("GET").to_string(),
        req.path.unwrap_or("/").to_string(),
        headers,
    ))
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
        let mut observations = Vec::new();
        for r in &case.requests {
            let (method, target, mut headers, body) = match &r.send {
                Send::Raw(raw) => {
                    let (m, t, h) = parse_raw(&env.substitute(raw))?;
                    (m, t, h, None)
                }
                Send::Built {
                    method,
                    path,
                    headers,
                    body,
                } => (
                    method.clone(),
                    env.substitute(path),
                    headers
                        .iter()
                        .map(|(n, v)| (n.clone(), env.substitute(v)))
                        .collect::<Vec<_>>(),
                    (!body.is_empty()).then(|| body.clone()),
                ),
            };
            // The client adds these, as the oracle's client does.
            if !matches!(r.send, Send::Raw(_)) {
                if !headers.iter().any(|(n, _)| n.eq_ignore_ascii_case("host")) {
                    headers.push(("Host".into(), "localhost".into()));
                }
                if let Some(b) = &body {
                    headers.push(("Content-Length".into(), b.len().to_string()));
                }
                if !headers
                    .iter()
                    .any(|(n, _)| n.eq_ignore_ascii_case("connection"))
                {
                    headers.push(("Connection".into(), "close".into()));
                }
            }
            let port = match r.port {
                PortRef::Port => env.port,
                PortRef::Port2 => env.port2,
            };
            let request = Request {
                method,
                target,
                headers,
                local: std::net::SocketAddr::from(([127, 0, 0, 1], port)),
                body: body.clone(),
            };
            let sim = simulate(&http, &request, self.version);
            let response = match sim.status {
                Some(status) => Ok(Response {
                    status,
                    reason: String::new(),
                    headers: sim
                        .location
                        .iter()
                        .map(|l| ("Location".to_string(), l.clone()))
                        .collect(),
                    body: sim.body.clone().unwrap_or_default(),
                }),
                None if sim.upstream_request_line.is_some() => Ok(Response {
                    // A recording backend answers 200 with its name.
                    status: 200,
                    reason: String::new(),
                    headers: Vec::new(),
                    body: String::new(),
                }),
                None => Err("the IR cannot determine the response yet".to_string()),
            };
            let mut upstream = Vec::new();
            let mut response = response;
            if let (Some(line), Some(authority)) =
                (&sim.upstream_request_line, &sim.upstream_authority)
            {
                let backend = env
                    .backends
                    .iter()
                    .find(|(_, b)| b.addr().to_string() == *authority)
                    .map(|(name, _)| name.clone());
                if let (Some(name), Ok(resp)) = (&backend, &mut response) {
                    // The recording backend's answer, passed through.
                    if sim.status.is_none() {
                        resp.body = format!("backend {name}");
                        resp.headers
                            .push(("Content-Type".into(), "text/plain".into()));
                    }
                }
                upstream.push(RecordedRequest {
                    backend: backend.unwrap_or_else(|| authority.clone()),
                    request_line: line.clone(),
                    headers: sim.upstream_headers.clone().unwrap_or_default(),
                    body: body.clone().unwrap_or_default(),
                });
            }
            if let Ok(resp) = &mut response {
                if let Some(t) = &sim.content_type {
                    resp.headers.push(("Content-Type".into(), t.clone()));
                }
                // A body nginx knows the length of goes with Content-Length
                // (none for 204 and 304).
                let known_body = sim.body.is_some() || !upstream.is_empty();
                if known_body && !matches!(resp.status, 204 | 304) {
                    resp.headers
                        .push(("Content-Length".into(), resp.body.len().to_string()));
                }
                resp.headers.extend(sim.added_headers.iter().cloned());
            }
            observations.push(Observation { response, upstream });
        }
        Ok(Run {
            observations,
            log: String::new(),
        })
    }
}
