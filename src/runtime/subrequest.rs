//! Carrying out a subrequest (`exec::subrequest`) for its parent: the
//! response rginx makes itself, or the upstream's, kept in memory as
//! nginx keeps a subrequest's output (`subrequest_in_memory`), and the
//! access log line `log_subrequest` asks for.

use super::client::Client;
use super::error::Side;
use super::upstream::{self, Forward};
use super::Generation;
use crate::exec::{Body, Exec, Outcome, Reply};
use std::sync::Arc;
use tokio::io::AsyncReadExt;

/// What a subrequest answered.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Captured {
    pub status: u16,
    /// Its header lines, as the parent would see them (Content-Type
    /// included).
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Captured {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

/// Run a subrequest to its end and keep what it answered.
pub async fn capture(gen: &Arc<Generation>, sub: &mut Exec<'_>) -> Captured {
    let mut outcome = sub.run();
    let captured = loop {
        match outcome {
            Outcome::Respond(reply) => break from_reply(reply).await,
            Outcome::Proxy(mut plan) => {
                // A subrequest sends only the body its parent has read.
                plan.body_len = plan.body.as_ref().map(|b| b.len() as u64);
                let (ours, mut theirs) = tokio::io::duplex(64 * 1024);
                let mut client = Client::new(ours);
                let forwarding = async {
                    let result = upstream::forward(&mut client, gen, sub, &plan, false).await;
                    // The response has been written: the reader sees its end.
                    drop(client);
                    result
                };
                let reading = async {
                    let mut bytes = Vec::new();
                    let _ = theirs.read_to_end(&mut bytes).await;
                    bytes
                };
                let (result, bytes) = tokio::join!(forwarding, reading);
                match result {
                    Forward::Done { .. } => break parse(&bytes),
                    Forward::Failed(e) if e.side() == Side::Client => {
                        break Captured {
                            status: e.status(),
                            headers: Vec::new(),
                            body: Vec::new(),
                        }
                    }
                    Forward::Failed(e) => outcome = sub.upstream_error(e.status()),
                }
            }
        }
    };
    sub.status = Some(captured.status);
    if sub.conf().log_subrequest && super::logs::wanted(sub) {
        sub.runtime_vars
            .insert("status".into(), format!("{:03}", captured.status));
        sub.runtime_vars
            .insert("body_bytes_sent".into(), captured.body.len().to_string());
        super::logs::access(sub, &gen.formats, &gen.files, &gen.prefix);
    }
    captured
}

async fn from_reply(reply: Reply) -> Captured {
    let mut headers = reply.headers;
    if let Some(t) = reply.content_type {
        headers.push(("Content-Type".into(), t));
    }
    let body = match reply.body {
        Body::Empty => Vec::new(),
        Body::Text(t) => crate::octets::to_bytes(&t),
        Body::File(p) => tokio::fs::read(&p).await.unwrap_or_default(),
        Body::FileRange(p, start, end) => {
            let all = tokio::fs::read(&p).await.unwrap_or_default();
            let end = usize::try_from(end).unwrap_or(usize::MAX).min(all.len());
            let start = usize::try_from(start).unwrap_or(usize::MAX).min(end);
            all[start..end].to_vec()
        }
    };
    Captured {
        status: reply.status,
        headers,
        body,
    }
}

/// The HTTP/1.1 response the proxy module wrote for the subrequest.
fn parse(bytes: &[u8]) -> Captured {
    let mut lines = [httparse::EMPTY_HEADER; 128];
    let mut resp = httparse::Response::new(&mut lines);
    let Ok(httparse::Status::Complete(len)) = resp.parse(bytes) else {
        return Captured {
            status: 502,
            headers: Vec::new(),
            body: Vec::new(),
        };
    };
    let headers: Vec<(String, String)> = resp
        .headers
        .iter()
        .map(|h| (h.name.to_string(), crate::octets::to_text(h.value)))
        .collect();
    let chunked = headers.iter().any(|(n, v)| {
        n.eq_ignore_ascii_case("transfer-encoding") && v.eq_ignore_ascii_case("chunked")
    });
    let rest = &bytes[len..];
    let body = if chunked {
        dechunk(rest)
    } else {
        rest.to_vec()
    };
    Captured {
        status: resp.code.unwrap_or(502),
        headers: headers
            .into_iter()
            .filter(|(n, _)| {
                !["connection", "transfer-encoding", "keep-alive"]
                    .iter()
                    .any(|h| n.eq_ignore_ascii_case(h))
            })
            .collect(),
        body,
    }
}

/// The data of a chunked body rginx itself framed.
fn dechunk(mut rest: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    loop {
        let Some(eol) = rest.windows(2).position(|w| w == b"\r\n") else {
            return out;
        };
        let size = std::str::from_utf8(&rest[..eol])
            .ok()
            .and_then(|s| usize::from_str_radix(s.split(';').next()?.trim(), 16).ok());
        let Some(size) = size.filter(|&n| n > 0) else {
            return out;
        };
        let data = &rest[eol + 2..];
        let take = size.min(data.len());
        out.extend_from_slice(&data[..take]);
        rest = data.get(take + 2..).unwrap_or_default();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tokio::io::AsyncWriteExt;

    /// A backend answering every connection with `response`.
    async fn backend(response: &'static [u8]) -> std::net::SocketAddr {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        tokio::spawn(async move {
            while let Ok((mut s, _)) = listener.accept().await {
                tokio::spawn(async move {
                    let mut buf = vec![0u8; 4096];
                    let _ = s.read(&mut buf).await;
                    let _ = s.write_all(response).await;
                });
            }
        });
        addr
    }

    fn generation(conf: &str) -> Arc<Generation> {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("nginx.conf");
        let config =
            crate::syntax::include::load_text(&path, conf.as_bytes().to_vec(), &Default::default());
        let http = crate::ir::Http::build(&config, false).unwrap();
        let log = Arc::new(super::super::logs::ErrorLog::new(None, "emerg"));
        Arc::new(
            Generation::new(http, crate::registry::LATEST, dir.path().to_path_buf(), log).unwrap(),
        )
    }

    #[tokio::test]
    async fn a_proxied_subrequest_is_captured_whole() {
        let length = backend(b"HTTP/1.1 200 OK\r\nContent-Length: 5\r\nX-Up: 1\r\n\r\nhello").await;
        let chunked = backend(b"HTTP/1.1 201 Created\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n2\r\nde\r\n0\r\n\r\n").await;
        let closed = backend(b"HTTP/1.1 404 Not Found\r\n\r\ngone").await;
        let conf = format!(
            "http {{ server {{ listen 127.0.0.1:8080; \
             location /len {{ internal; proxy_pass http://{length}; }} \
             location /chunked {{ proxy_pass http://{chunked}; }} \
             location /closed {{ proxy_pass http://{closed}; }} \
             location /refused {{ proxy_pass http://127.0.0.1:1; }} \
             location /here {{ return 200 \"made here\"; }} }} }}"
        );
        let gen = generation(&conf);
        let local = std::net::SocketAddr::from(([127, 0, 0, 1], 8080));
        let req =
            crate::exec::route::Request::new("GET", "/", vec![("Host".into(), "h".into())], local);
        let parent = Exec::new(&gen.http, &req, gen.version).unwrap();

        let got = capture(&gen, &mut parent.subrequest("/len", None)).await;
        assert_eq!((got.status, got.body.as_slice()), (200, &b"hello"[..]));
        assert_eq!(got.header("X-Up"), Some("1"));

        let got = capture(&gen, &mut parent.subrequest("/chunked", None)).await;
        assert_eq!((got.status, got.body.as_slice()), (201, &b"abcde"[..]));
        assert_eq!(got.header("Transfer-Encoding"), None);

        let got = capture(&gen, &mut parent.subrequest("/closed", None)).await;
        assert_eq!((got.status, got.body.as_slice()), (404, &b"gone"[..]));

        let got = capture(&gen, &mut parent.subrequest("/refused", None)).await;
        assert_eq!(got.status, 502);
        assert!(String::from_utf8_lossy(&got.body).contains("502 Bad Gateway"));

        let got = capture(&gen, &mut parent.subrequest("/here", None)).await;
        assert_eq!((got.status, got.body.as_slice()), (200, &b"made here"[..]));
        assert_eq!(got.header("Content-Type"), Some("text/plain"));
    }

    #[tokio::test]
    async fn log_subrequest_writes_the_subrequest_access_log_line() {
        let dir = tempfile::tempdir().unwrap();
        let log = dir.path().join("sub.log");
        let conf = format!(
            "http {{ log_format s \"$request_method $uri $status\"; \
             access_log {} s; server {{ listen 127.0.0.1:8080; \
             location /on {{ log_subrequest on; return 204; }} \
             location /off {{ return 204; }} }} }}",
            log.display()
        );
        let gen = generation(&conf);
        let local = std::net::SocketAddr::from(([127, 0, 0, 1], 8080));
        let req =
            crate::exec::route::Request::new("POST", "/", vec![("Host".into(), "h".into())], local);
        let parent = Exec::new(&gen.http, &req, gen.version).unwrap();
        capture(&gen, &mut parent.subrequest("/off", None)).await;
        capture(&gen, &mut parent.subrequest("/on", None)).await;
        let text = std::fs::read_to_string(&log).unwrap_or_default();
        assert_eq!(text, "GET /on 204\n");
    }
}
