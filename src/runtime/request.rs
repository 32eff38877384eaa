//! One request of a connection (`handle`): run through the executor, the
//! outcome carried out (a response written, or the upstream's passed on),
//! and the access log written. `conn` reads the requests; `h2` brings
//! HTTP/2 streams here.

use super::client::{ChunkError, Client, RequestHead};
use super::error::Side;
use super::upstream::{self, Forward};
use super::wire::Head;
use super::Generation;
use crate::exec::route::Request;
use crate::exec::{Body, Exec, Outcome, Reply};
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Instant;
use tokio::io::AsyncReadExt;

/// The name of the socket's default server (the `server:` of nginx's log
/// lines before the request picks one).
pub(super) fn default_name(gen: &Generation, local: SocketAddr) -> String {
    crate::ir::server::socket_default(&gen.http.servers, local)
        .map(|s| s.primary_name.clone())
        .unwrap_or_default()
}

/// An `[info]` line about the request head, as nginx words it.
pub(super) fn log_head_line(
    gen: &Generation,
    id: u64,
    remote: SocketAddr,
    local: SocketAddr,
    message: &[u8],
    action: &str,
) {
    let mut line = String::from_utf8_lossy(message).into_owned();
    line.push_str(&format!(
        " while {action}, client: {}, server: {}",
        remote.ip(),
        default_name(gen, local)
    ));
    gen.log("info", Some(id), &line);
}

/// Whether the client asked to keep the connection (its Connection
/// header, matched as nginx does, or the protocol's default).
pub fn client_keepalive(req: &Request) -> bool {
    let connection = req
        .headers
        .iter()
        .rev()
        .find(|(n, _)| n.eq_ignore_ascii_case("connection"))
        .map(|(_, v)| v.to_ascii_lowercase());
    match connection.as_deref() {
        Some(c) if c.contains("close") => false,
        Some(c) if c.contains("keep-alive") => true,
        _ => req.protocol == "HTTP/1.1",
    }
}

/// What a request knows of its connection.
pub(super) struct Conn<'a> {
    pub local: SocketAddr,
    pub remote: SocketAddr,
    pub id: u64,
    pub served: u64,
    pub tls: Option<&'a super::tls::TlsInfo>,
    pub plain_on_tls: bool,
    /// The last request `keepalive_requests` allows: its response says
    /// `Connection: close`.
    pub last: bool,
    /// `client_body_timeout` of the socket's default server.
    pub body_timeout: std::time::Duration,
}

pub(super) async fn handle(
    client: &mut Client,
    gen: &Arc<Generation>,
    head: RequestHead,
    conn: Conn<'_>,
) -> bool {
    let Conn {
        local,
        remote,
        id,
        served,
        ..
    } = conn;
    let started = Instant::now();
    client.body_unread = false;
    let chunked = head.chunked;
    let content_length = head.content_length;
    client.expects_continue = head.protocol == "HTTP/1.1"
        && head.headers.iter().any(|(n, v)| {
            n.eq_ignore_ascii_case("expect") && v.eq_ignore_ascii_case("100-continue")
        });
    let mut req = Request {
        method: head.method,
        target: head.target,
        headers: head.headers,
        local,
        remote,
        protocol: head.protocol,
        tls: conn.tls.map(|t| t.server_name.clone()),
        body: None,
    };
    let body_timeout = conn.body_timeout;
    let mut refused = None;
    // A chunked body is read before routing when the request is proxied
    // (bounded by the largest client_max_body_size the server could
    // apply; the location's own limit is checked by the executor). A
    // request answered here is answered first and its body discarded
    // after, as nginx does: a client still sending it is not kept waiting.
    // (proxied, the handler judges the body before answering)
    let probe = || match Exec::new(&gen.http, &req, gen.version) {
        Ok(mut probe) => {
            probe.serving = true;
            let proxied = matches!(probe.run(), Outcome::Proxy(_));
            (proxied, probe.discards_first)
        }
        Err(_) => (false, false),
    };
    let (read_now, judge_first) = if chunked { probe() } else { (false, false) };
    let mut chunked_unread = chunked && !read_now;
    let mut discarding = super::head::Chunked::new(gen.version);
    let log_chunk_error = |e: &super::head::ChunkError, req: &Request| {
        gen.log(
            "error",
            Some(id),
            &format!(
                "{}, client: {}, server: {}, request: \"{} {} {}\"",
                e.log(),
                remote.ip(),
                default_name(gen, local),
                req.method,
                req.target,
                req.protocol
            ),
        );
    };
    if chunked_unread && judge_first {
        // What already came of a body to discard is judged before the
        // answer: invalid framing there is a 400.
        match client.chunked_in_buffer(&mut discarding) {
            Ok(done) => chunked_unread = !done,
            Err(ChunkError::Invalid(e)) => {
                log_chunk_error(&e, &req);
                refused = Some(e.status());
                chunked_unread = false;
            }
            Err(ChunkError::Closed) => return false,
        }
    }
    if read_now {
        let cap = 64 * 1024 * 1024;
        match client
            .read_chunked_body(cap, body_timeout, gen.version)
            .await
        {
            Ok(b) => req.body = Some(b),
            Err(ChunkError::Invalid(e)) => {
                log_chunk_error(&e, &req);
                refused = Some(e.status());
            }
            Err(ChunkError::Closed) => return false,
        }
    }
    let mut exec = match Exec::new(&gen.http, &req, gen.version) {
        Ok(e) => e,
        Err(reply) => {
            let status = reply.status;
            let sent = write_reply(client, None, reply, &req.method, false, None).await;
            log_refused(gen, &req, status, sent);
            return false;
        }
    };
    client.send_timeout = exec.conf().send_timeout;
    exec.connection = Some((id, served));
    exec.serving = true;
    if req.protocol == "HTTP/2.0" {
        let h2 = if conn.tls.is_some() { "h2" } else { "h2c" };
        exec.runtime_vars.insert("http2".into(), h2.into());
    }
    if let Some(t) = conn.tls {
        exec.runtime_vars
            .insert("ssl_protocol".into(), t.protocol.clone());
        exec.runtime_vars
            .insert("ssl_cipher".into(), t.cipher.clone());
        exec.runtime_vars.insert(
            "ssl_session_reused".into(),
            if t.resumed { "r" } else { "." }.into(),
        );
    }
    let cert_refusal = conn.tls.and_then(|t| {
        exec.client_cert = Some(t.client_cert.clone());
        client_cert_refusal(gen, &exec, t, conn.id, conn.remote)
    });
    let mut outcome = match refused {
        Some(status) => exec.special(status),
        None if conn.plain_on_tls => exec.special(497),
        None => match cert_refusal {
            Some(status) => exec.special(status),
            None => exec.run(),
        },
    };
    let keepalive_asked = client_keepalive(&req) && !conn.last;
    let (keep, status, sent) = loop {
        match outcome {
            // 444 closes the connection without a response.
            Outcome::Respond(reply) if reply.status == 444 => break (false, 444, 0),
            Outcome::Respond(reply) => {
                // A body nobody reads is dropped after the response (nginx
                // does not ask for it with 100 Continue); a large one ends
                // the connection instead.
                let mut keep = keepalive_asked && !exec.closes;
                let unread = match (content_length, &req.body, client.expects_continue) {
                    (Some(n), None, false) if n > 0 => Some(n),
                    _ => None,
                };
                if unread.is_some_and(|n| n > 1 << 20) || client.expects_continue {
                    keep = false;
                }
                let (on, header) = exec.keepalive_settings();
                keep = keep && on;
                let status = reply.status;
                let server = upstream::server_header(&exec);
                let sent = write_reply(
                    client,
                    server,
                    reply,
                    &exec.method.clone(),
                    keep,
                    header.as_deref(),
                )
                .await;
                client.body_unread = unread.is_some() || chunked_unread;
                let keep = match unread {
                    Some(n) if keep => client.discard(n, body_timeout).await.is_ok(),
                    _ => keep,
                };
                let keep = if std::mem::take(&mut chunked_unread) {
                    // No "100 Continue" after the final response.
                    client.expects_continue = false;
                    keep && client
                        .read_chunked_with(&mut discarding, body_timeout)
                        .await
                        .is_ok()
                } else {
                    keep
                };
                break (keep, status, sent);
            }
            Outcome::Proxy(plan) => {
                let keep = keepalive_asked && !exec.closes;
                match upstream::forward(client, gen, &mut exec, &plan, keep).await {
                    Forward::Done { keep, status, sent } => break (keep, status, sent),
                    Forward::Failed(e) if e.side() == Side::Client => break (false, e.status(), 0),
                    Forward::Failed(e) => outcome = exec.upstream_error(e.status()),
                }
            }
        }
    };
    if !super::logs::wanted(&exec) {
        return keep;
    }
    let now = crate::time::now();
    let elapsed = started.elapsed().as_secs_f64();
    exec.status = Some(status);
    exec.runtime_vars
        .insert("status".into(), format!("{status:03}"));
    exec.runtime_vars
        .insert("body_bytes_sent".into(), sent.to_string());
    exec.runtime_vars
        .insert("bytes_sent".into(), sent.to_string());
    exec.runtime_vars
        .insert("request_time".into(), format!("{elapsed:.3}"));
    exec.runtime_vars
        .insert("time_local".into(), crate::time::time_local(now.as_secs()));
    exec.runtime_vars.insert(
        "time_iso8601".into(),
        crate::time::time_iso8601(now.as_secs()),
    );
    exec.runtime_vars
        .insert("msec".into(), format!("{:.3}", now.as_secs_f64()));
    exec.runtime_vars.insert(
        "request_length".into(),
        (req.body.as_ref().map_or(0, Vec::len) as u64 + content_length.unwrap_or(0)).to_string(),
    );
    super::logs::access(&exec, &gen.formats, &gen.files, &gen.prefix);
    keep
}

/// `ssl_verify_client` of the request's server (as nginx, not the
/// handshake's): 495 for a chain that failed verification (but for the
/// unknown-issuer errors `optional_no_ca` lets through), 496 for no
/// certificate under `on`; both logged at info.
fn client_cert_refusal(
    gen: &Generation,
    exec: &Exec<'_>,
    tls: &super::tls::TlsInfo,
    id: u64,
    remote: std::net::SocketAddr,
) -> Option<u16> {
    use super::tls::VerifyClient;
    use crate::tls::x509::Verdict;
    let mode = super::tls::verify_client(exec.http, exec.server)?;
    let context = || {
        format!(
            " while reading client request headers, client: {}, server: {}, request: \"{} {} {}\", host: \"{}\"",
            remote.ip(),
            exec.server.primary_name,
            exec.req.method,
            exec.req.target,
            exec.req.protocol,
            exec.host
        )
    };
    match &tls.client_cert {
        Some(cert) => match cert.verdict {
            Verdict::Failed(code, why)
                if mode != VerifyClient::OptionalNoCa || !cert.verdict.no_ca_only() =>
            {
                gen.log_in(
                    exec,
                    "info",
                    Some(id),
                    &format!(
                        "client SSL certificate verify error: ({code}:{why}){}",
                        context()
                    ),
                );
                Some(495)
            }
            _ => None,
        },
        None if mode == VerifyClient::On => {
            gen.log_in(
                exec,
                "info",
                Some(id),
                &format!("client sent no required SSL certificate{}", context()),
            );
            Some(496)
        }
        None => None,
    }
}

fn log_refused(gen: &Generation, req: &Request, status: u16, _sent: u64) {
    gen.log(
        "info",
        None,
        &format!(
            "client sent an invalid request, {} {}: {status}",
            req.method, req.target
        ),
    );
}

/// Write a response rginx made; returns the body bytes sent.
async fn write_reply(
    client: &mut Client,
    server: Option<String>,
    reply: Reply,
    method: &str,
    keep: bool,
    keepalive_header: Option<&str>,
) -> u64 {
    let server = server.or_else(|| Some(concat!("rginx/", env!("CARGO_PKG_VERSION")).to_string()));
    let no_body = matches!(reply.status, 204 | 304) || reply.status < 200;
    // A text made from the request's own bytes goes out as those bytes.
    let text = match &reply.body {
        Body::Text(t) => crate::octets::to_bytes(t),
        _ => Vec::new(),
    };
    let (len, file) = match &reply.body {
        Body::Empty => (0, None),
        Body::Text(_) => (text.len() as u64, None),
        Body::File(p) => (
            std::fs::metadata(p).map_or(0, |m| m.len()),
            Some((p.clone(), 0, u64::MAX)),
        ),
        Body::FileRange(p, a, b) => (b - a, Some((p.clone(), *a, *b))),
    };
    let mut out = Vec::with_capacity(512);
    Head {
        status: reply.status,
        status_line: None,
        server: server.as_deref(),
        content_type: reply.content_type.as_deref(),
        content_length: (!no_body).then_some(len),
        chunked: false,
        keepalive: Some(keep),
        keepalive_header,
        headers: &reply.headers,
    }
    .write(&mut out);
    if method == "HEAD" || no_body {
        let _ = client.write_all(&out).await;
        return 0;
    }
    match (reply.body, file) {
        (Body::Text(_), _) => {
            out.extend_from_slice(&text);
            let _ = client.write_all(&out).await;
            len
        }
        (_, Some((path, start, end))) => {
            if client.write_all(&out).await.is_err() {
                return 0;
            }
            send_file(client, &path, start, end).await
        }
        _ => {
            let _ = client.write_all(&out).await;
            0
        }
    }
}

async fn send_file(client: &mut Client, path: &std::path::Path, start: u64, end: u64) -> u64 {
    use tokio::io::AsyncSeekExt;
    let Ok(mut f) = tokio::fs::File::open(path).await else {
        return 0;
    };
    if start > 0 && f.seek(std::io::SeekFrom::Start(start)).await.is_err() {
        return 0;
    }
    let mut left = end.saturating_sub(start);
    let mut sent = 0;
    let mut buf = vec![0u8; 64 * 1024];
    while left > 0 {
        let want = (buf.len() as u64).min(left) as usize;
        let n = match f.read(&mut buf[..want]).await {
            Ok(0) | Err(_) => break,
            Ok(n) => n,
        };
        if client.write_all(&buf[..n]).await.is_err() {
            break;
        }
        left -= n as u64;
        sent += n as u64;
    }
    sent
}
