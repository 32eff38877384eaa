//! Expectations against observations: a list of human-readable mismatches,
//! empty when the request behaved as expected.
//!
//! Header names compare case-insensitively, values exactly. Upstream headers
//! must match exactly and in order. Expected values have their placeholders
//! substituted first (the caller passes the substitution).

use super::backend::RecordedRequest;
use super::case::Expect;
use super::engine::Observation;

/// Every way `obs` differs from `expect`.
/// rginx signs its pages and Server header `rginx` where nginx signs
/// `nginx`: an expectation recorded from nginx holds for rginx's own.
fn as_nginx(s: &str) -> String {
    // Also "rginx/VERSION" (server_tokens on) as "nginx/VERSION".
    s.replace("<hr><center>rginx", "<hr><center>nginx")
}

pub fn compare(expect: &Expect, obs: &Observation, subst: &dyn Fn(&str) -> String) -> Vec<String> {
    let mut out = Vec::new();
    if expect.handshake_fails {
        if let Some(t) = &obs.tls {
            out.push(format!(
                "handshake: expected it to fail, it completed (certificate {})",
                t.cert_name.as_deref().unwrap_or("not the case's")
            ));
        }
        return out;
    }
    if let Some(want) = &expect.cert_name {
        match obs.tls.as_ref().map(|t| t.cert_name.as_deref()) {
            None => out.push(format!(
                "certificate: expected {want}, but no TLS handshake completed"
            )),
            Some(Some(got)) if got == want => {}
            Some(Some(got)) => out.push(format!("certificate: expected {want}, got {got}")),
            Some(None) => out.push(format!(
                "certificate: expected {want}, got one that is not the case's"
            )),
        }
    }
    match &obs.response {
        Err(e) => out.push(format!("response: {e}")),
        Ok(resp) => {
            if let Some(s) = expect.status {
                if resp.status != s {
                    out.push(format!("status: expected {s}, got {}", resp.status));
                }
            }
            if let Some(b) = &expect.body {
                let b = subst(b);
                if as_nginx(&resp.body) != b {
                    out.push(format!("body: expected {b:?}, got {:?}", resp.body));
                }
            }
            if let Some(b) = &expect.body_contains {
                let b = subst(b);
                if !as_nginx(&resp.body).contains(&b) {
                    out.push(format!(
                        "body: expected to contain {b:?}, got {:?}",
                        resp.body
                    ));
                }
            }
            for (name, value) in &expect.headers {
                let value = subst(value);
                let got: Vec<&str> = resp.header_values(name).collect();
                if !got.contains(&value.as_str()) {
                    let got = if got.is_empty() {
                        "none".to_string()
                    } else {
                        got.iter()
                            .map(|v| format!("{name}: {v}"))
                            .collect::<Vec<_>>()
                            .join(", ")
                    };
                    out.push(format!(
                        "header {name}: expected {name}: {value}, got {got}"
                    ));
                }
            }
            for name in &expect.absent_headers {
                for v in resp.header_values(name) {
                    out.push(format!("header {name}: expected absent, got {name}: {v}"));
                }
            }
        }
    }
    if let Some(u) = &expect.upstream {
        let mine: Vec<&RecordedRequest> = obs
            .upstream
            .iter()
            .filter(|r| r.backend == u.backend)
            .collect();
        match mine.first() {
            None => {
                let others: Vec<String> = obs
                    .upstream
                    .iter()
                    .map(|r| format!("{} got {:?}", r.backend, r.request_line))
                    .collect();
                out.push(if others.is_empty() {
                    format!(
                        "upstream: expected backend {} to receive the request, no backend received anything",
                        u.backend
                    )
                } else {
                    format!(
                        "upstream: expected backend {} to receive the request, but {}",
                        u.backend,
                        others.join("; ")
                    )
                });
            }
            Some(got) => {
                if mine.len() > 1 {
                    out.push(format!(
                        "upstream: backend {} received {} requests, expected 1",
                        u.backend,
                        mine.len()
                    ));
                }
                compare_upstream(u, got, subst, &mut out);
            }
        }
    }
    out
}

fn compare_upstream(
    u: &super::case::UpstreamExpect,
    got: &RecordedRequest,
    subst: &dyn Fn(&str) -> String,
    out: &mut Vec<String>,
) {
    if let Some(line) = &u.request_line {
        let line = subst(line);
        if got.request_line != line {
            out.push(format!(
                "upstream request line: expected {line:?}, got {:?}",
                got.request_line
            ));
        }
    }
    if let Some(headers) = &u.headers {
        let n = headers.len().max(got.headers.len());
        for i in 0..n {
            let exp = headers.get(i).map(|(k, v)| (k.clone(), subst(v)));
            let have = got.headers.get(i);
            let same = match (&exp, have) {
                (Some((en, ev)), Some((gn, gv))) => en.eq_ignore_ascii_case(gn) && ev == gv,
                _ => false,
            };
            if !same {
                let e = exp.map_or("nothing".to_string(), |(k, v)| format!("{k}: {v}"));
                let g = have.map_or("nothing".to_string(), |(k, v)| format!("{k}: {v}"));
                out.push(format!("upstream header {}: expected {e}, got {g}", i + 1));
            }
        }
    }
    if let Some(b) = &u.body {
        let b = subst(b);
        if got.body != b {
            out.push(format!("upstream body: expected {b:?}, got {:?}", got.body));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::case::UpstreamExpect;
    use super::super::client::Response;
    use super::*;

    fn obs() -> Observation {
        Observation {
            response: Ok(Response {
                status: 404,
                reason: "Not Found".into(),
                headers: vec![("content-type".into(), "text/html".into())],
                body: "nope".into(),
            }),
            upstream: vec![RecordedRequest {
                backend: "b1".into(),
                request_line: "GET / HTTP/1.0".into(),
                headers: vec![
                    ("Host".into(), "127.0.0.1:9".into()),
                    ("Connection".into(), "close".into()),
                ],
                body: String::new(),
            }],
            tls: Some(super::super::engine::TlsObserved {
                cert_name: Some("a.example".into()),
                alpn: "http/1.1".into(),
            }),
        }
    }

    #[test]
    fn reports_each_difference() {
        let expect = Expect {
            status: Some(200),
            cert_name: Some("b.example".into()),
            body: Some("yes".into()),
            headers: vec![("Content-Type".into(), "text/plain".into())],
            absent_headers: vec!["Content-TYPE".into()],
            upstream: Some(UpstreamExpect {
                backend: "b1".into(),
                request_line: Some("GET / HTTP/1.1".into()),
                headers: Some(vec![("host".into(), "{{backend:b1}}".into())]),
                body: None,
            }),
            ..Expect::default()
        };
        let subst = |s: &str| s.replace("{{backend:b1}}", "127.0.0.1:9");
        let m = compare(&expect, &obs(), &subst);
        assert_eq!(
            m,
            vec![
                "certificate: expected b.example, got a.example",
                "status: expected 200, got 404",
                "body: expected \"yes\", got \"nope\"",
                "header Content-Type: expected Content-Type: text/plain, got Content-Type: text/html",
                "header Content-TYPE: expected absent, got Content-TYPE: text/html",
                "upstream request line: expected \"GET / HTTP/1.1\", got \"GET / HTTP/1.0\"",
                "upstream header 2: expected nothing, got Connection: close",
            ]
        );
    }

    #[test]
    fn matching_expectations_report_nothing() {
        let expect = Expect {
            status: Some(404),
            cert_name: Some("a.example".into()),
            body_contains: Some("no".into()),
            headers: vec![("CONTENT-TYPE".into(), "text/html".into())],
            upstream: Some(UpstreamExpect {
                backend: "b1".into(),
                request_line: None,
                headers: Some(vec![
                    ("host".into(), "{{backend:b1}}".into()),
                    ("connection".into(), "close".into()),
                ]),
                body: Some(String::new()),
            }),
            ..Expect::default()
        };
        let subst = |s: &str| s.replace("{{backend:b1}}", "127.0.0.1:9");
        assert!(compare(&expect, &obs(), &subst).is_empty());
        let other = Expect {
            upstream: Some(UpstreamExpect {
                backend: "b2".into(),
                request_line: None,
                headers: None,
                body: None,
            }),
            ..Expect::default()
        };
        let m = compare(&other, &obs(), &subst);
        assert_eq!(m.len(), 1);
        assert!(m[0].contains("b1 got"), "{m:?}");
    }
}
