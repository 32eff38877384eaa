//! One client connection: requests read one after another (keep-alive,
//! pipelining), each run through the IR's executor, the outcome carried
//! out, and the access log written.

use super::client::{ChunkError, Client, HeadError, Linger, RequestHead};
use super::error::Side;
use super::upstream::{self, Forward};
use super::wire::Head;
use super::Generation;
use crate::exec::route::Request;
use crate::exec::{Body, Exec, Outcome, Reply};
use crate::profile::{has, Behaviour};
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Instant;
use tokio::io::AsyncReadExt;

/// The page nginx sends for a request it refuses before routing.
fn refusal(status: u16) -> (u16, String) {
    if status == 494 {
        let page = "<html>\r\n<head><title>400 Request Header Or Cookie Too Large</title></head>\r\n<body>\r\n<center><h1>400 Bad Request</h1></center>\r\n<center>Request Header Or Cookie Too Large</center>\r\n<hr><center>rginx</center>\r\n</body>\r\n</html>\r\n";
        return (400, page.to_string());
    }
    (status, crate::ir::pages::page(status).unwrap_or_default())
}

/// The access log line of a request refused while its head was read, as
/// nginx writes it: `$request` is its first line as sent, and the default
/// server's `access_log` applies.
fn log_refused_access(
    gen: &Generation,
    local: SocketAddr,
    remote: SocketAddr,
    buf: &[u8],
    status: u16,
    sent: u64,
    body: u64,
) {
    let start = buf
        .iter()
        .position(|&c| c != b'\r' && c != b'\n')
        .unwrap_or(buf.len());
    let rest = &buf[start..];
    let end = rest.iter().position(|&c| c == b'\n').unwrap_or(rest.len());
    let line = rest[..end].strip_suffix(b"\r").unwrap_or(&rest[..end]);
    let req = Request {
        method: "GET".into(),
        target: "/".into(),
        headers: Vec::new(),
        local,
        remote,
        protocol: "HTTP/1.0".into(),
        tls: None,
        body: None,
    };
    let Ok(mut exec) = Exec::new(&gen.http, &req, gen.version) else {
        return;
    };
    exec.serving = true;
    if !super::logs::wanted(&exec) {
        return;
    }
    let now = crate::time::now();
    exec.status = Some(status);
    let vars = [
        ("request", crate::octets::to_text(line)),
        ("status", format!("{status:03}")),
        ("body_bytes_sent", body.min(sent).to_string()),
        ("bytes_sent", sent.to_string()),
        ("request_time", "0.000".to_string()),
        ("time_local", crate::time::time_local(now.as_secs())),
        ("time_iso8601", crate::time::time_iso8601(now.as_secs())),
        ("msec", format!("{:.3}", now.as_secs_f64())),
        ("request_length", (start + end).to_string()),
    ];
    for (name, value) in vars {
        exec.runtime_vars.insert(name.into(), value);
    }
    super::logs::access(&exec, &gen.formats, &gen.files, &gen.prefix);
}

/// How nginx reads request heads on this socket: the default server's
/// buffer and header settings.
fn head_limits(gen: &Arc<Generation>, local: SocketAddr) -> super::head::Limits {
    let mut limits = super::head::Limits::new(gen.version);
    let srv = gen.http.early(local).1;
    limits.header_buffer = usize::try_from(srv.client_header_buffer_size).unwrap_or(usize::MAX);
    limits.large_buffers = srv.large_client_header_buffers.number as _;
    limits.large_size = usize::try_from(srv.large_client_header_buffers.size).unwrap_or(usize::MAX);
    limits.ignore_invalid_headers = srv.ignore_invalid_headers;
    limits.underscores_in_headers = srv.underscores_in_headers;
    limits.check_uri = Some(uri_accepted);
    let gen = gen.clone();
    limits.server_for = Some(Arc::new(move |host: &[u8]| {
        let host = crate::octets::to_text(host);
        let srv = crate::ir::server::select(&gen.http.servers, local, &host)
            .map_or(&gen.http.srv, |(s, _)| &s.srv);
        super::head::HeaderSettings {
            ignore_invalid_headers: srv.ignore_invalid_headers,
            underscores_in_headers: srv.underscores_in_headers,
        }
    }));
    limits
}

/// nginx decodes a complex request target before reading any header, and
/// refuses one that climbs above the root.
fn uri_accepted(target: &[u8]) -> bool {
    crate::ir::uri::parse(&crate::octets::to_text(target), true).is_ok()
}

/// The name of the socket's default server (the `server:` of nginx's log
/// lines before the request picks one).
fn default_name(gen: &Generation, local: SocketAddr) -> String {
    crate::ir::server::socket_default(&gen.http.servers, local)
        .map(|s| s.primary_name.clone())
        .unwrap_or_default()
}

/// The `[info]` lines of the header lines nginx ignored.
fn log_ignored(
    gen: &Generation,
    id: u64,
    remote: SocketAddr,
    local: SocketAddr,
    lines: &[Vec<u8>],
) {
    for line in lines {
        log_head_line(
            gen,
            id,
            remote,
            local,
            line,
            "reading client request headers",
        );
    }
}

/// An `[info]` line about the request head, as nginx words it.
fn log_head_line(
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

/// What a plaintext socket speaks.
enum Plaintext {
    Http1,
    /// `listen … http2` before nginx 1.25.1: HTTP/2 with prior knowledge only.
    Http2Only,
    /// Since 1.25.1 (`http2 on;` or `listen … http2`): HTTP/2 when the
    /// connection starts with its preface, HTTP/1.x otherwise.
    Sniff,
}

fn plaintext_http2(gen: &Generation, local: std::net::SocketAddr) -> Plaintext {
    let servers = &gen.http.servers;
    let listen_http2 = crate::ir::server::candidates(servers, local)
        .iter()
        .any(|(_, l)| l.http2);
    let http2_on = crate::ir::server::socket_default(servers, local).is_some_and(|s| s.srv.http2);
    if has(gen.version, Behaviour::PlaintextHttp2Sniffed) {
        if listen_http2 || http2_on {
            return Plaintext::Sniff;
        }
    } else if listen_http2 {
        return Plaintext::Http2Only;
    }
    Plaintext::Http1
}

/// Whether the connection starts with HTTP/2's connection preface (read
/// without consuming it; waits until enough bytes decide).
async fn starts_with_preface(stream: &tokio::net::TcpStream) -> std::io::Result<bool> {
    const PREFACE: &[u8] = b"PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n";
    let mut buf = [0u8; 24];
    loop {
        stream.readable().await?;
        let n = stream.peek(&mut buf).await?;
        if n == 0 || buf[..n] != PREFACE[..n] {
            return Ok(false);
        }
        if n == PREFACE.len() {
            return Ok(true);
        }
        // A prefix of the preface so far: wait for more.
        tokio::time::sleep(std::time::Duration::from_millis(1)).await;
    }
}

/// Serve one connection until it closes.
/// `local` is the listener's address when it is a specific one (a
/// wildcard listener's connections ask the kernel which address they came
/// to); `remote` is what accept returned.
pub async fn serve(
    stream: tokio::net::TcpStream,
    gen: Arc<Generation>,
    id: u64,
    local: Option<SocketAddr>,
    remote: SocketAddr,
) {
    let local = match local {
        Some(a) => a,
        None => match stream.local_addr() {
            Ok(a) => a,
            Err(_) => return,
        },
    };
    let _ = stream.set_nodelay(true);
    // What the socket's default server decides, found once per connection.
    let (header_timeout, keepalive_timeout, limit, linger, body_timeout) = {
        let (early, srv) = gen.http.early(local);
        let linger = match early.lingering_close {
            crate::ir::conf::Lingering::Off => Linger::Off,
            crate::ir::conf::Lingering::Always => Linger::Always,
            crate::ir::conf::Lingering::On => Linger::On,
        };
        (
            srv.client_header_timeout,
            early.keepalive_timeout.timeout,
            early.keepalive_requests,
            (linger, early.lingering_time, early.lingering_timeout),
            early.client_body_timeout,
        )
    };
    let mut tls = None;
    let mut plain_on_tls = false;
    let mut client = if gen.is_tls(local) {
        // A TLS record starts with 0x16 (handshake); anything else is plain
        // HTTP sent to the TLS port (nginx's 497).
        let mut first = [0u8; 1];
        match tokio::time::timeout(header_timeout, stream.peek(&mut first)).await {
            Ok(Ok(1)) if first[0] == 0x16 => {
                match super::tls::accept(&gen, stream, local, header_timeout).await {
                    Ok((s, info)) if info.h2 => {
                        super::h2::serve(s, gen, local, remote, id, Some(info)).await;
                        return;
                    }
                    Ok((s, info)) => {
                        tls = Some(info);
                        Client::new(s)
                    }
                    Err(e) => {
                        gen.log(
                            "info",
                            Some(id),
                            &format!(
                                "{e} while SSL handshaking, client: {remote}, server: {local}"
                            ),
                        );
                        return;
                    }
                }
            }
            Ok(Ok(1)) => {
                plain_on_tls = true;
                Client::tcp(stream)
            }
            _ => return,
        }
    } else {
        match plaintext_http2(&gen, local) {
            Plaintext::Http1 => Client::tcp(stream),
            Plaintext::Http2Only => {
                super::h2::serve(stream, gen, local, remote, id, None).await;
                return;
            }
            Plaintext::Sniff => {
                match tokio::time::timeout(header_timeout, starts_with_preface(&stream)).await {
                    Ok(Ok(true)) => {
                        super::h2::serve(stream, gen, local, remote, id, None).await;
                        return;
                    }
                    Ok(Ok(false)) => Client::tcp(stream),
                    _ => return,
                }
            }
        }
    };
    let limits = head_limits(&gen, local);
    let mut served = 0u64;
    let retired = gen.retired.subscribe();
    let mut stopping = super::stopping().subscribe();
    loop {
        let timeout = if served == 0 {
            header_timeout
        } else {
            // Between requests: keepalive_timeout of the server.
            keepalive_timeout
        };
        if served > 0 && client.buf.is_empty() {
            // An idle keep-alive connection: a graceful stop closes it at
            // once, as nginx closes its idle connections.
            tokio::select! {
                r = client.wait_data(keepalive_timeout) => match r {
                    Ok(0) | Err(_) => return,
                    Ok(_) => {}
                },
                _ = stopping.wait_for(|s| *s) => return,
            }
        }
        let read = match client.read_head(timeout, &limits).await {
            Ok(h) => h,
            Err(HeadError::Closed) => return,
            Err(HeadError::Timeout) => {
                if served == 0 || !client.buf.is_empty() {
                    gen.log(
                        "info",
                        Some(id),
                        &format!(
                            "client timed out while reading client request headers, client: {}, server: {}",
                            remote.ip(),
                            default_name(&gen, local)
                        ),
                    );
                }
                return;
            }
            Err(HeadError::Refuse(r)) => {
                log_ignored(&gen, id, remote, local, &r.ignored);
                log_head_line(&gen, id, remote, local, &r.log, r.action.text());
                let head_only = client
                    .buf
                    .iter()
                    .skip_while(|&&c| c == b'\r' || c == b'\n')
                    .take(5)
                    .eq(b"HEAD ".iter());
                let (status, page) = refusal(r.status);
                let mut out = Vec::new();
                if !r.http09 {
                    Head {
                        status,
                        status_line: None,
                        server: Some(concat!("rginx/", env!("CARGO_PKG_VERSION"))),
                        content_type: Some("text/html"),
                        content_length: Some(page.len() as u64),
                        chunked: false,
                        keepalive: Some(false),
                        keepalive_header: None,
                        headers: &[],
                    }
                    .write(&mut out);
                }
                if !head_only || r.http09 {
                    out.extend_from_slice(page.as_bytes());
                }
                let sent = if client.write_all(&out).await.is_ok() {
                    out.len() as u64
                } else {
                    0
                };
                log_refused_access(
                    &gen,
                    local,
                    remote,
                    &client.buf,
                    status,
                    sent,
                    page.len() as u64,
                );
                client.linger(linger.0, linger.1, linger.2).await;
                return;
            }
        };
        log_ignored(&gen, id, remote, local, &read.ignored);
        client.body_only = read.http09;
        let head = read.head;
        served += 1;
        let keep = handle(
            &mut client,
            &gen,
            head,
            Conn {
                local,
                remote,
                id,
                served,
                tls: tls.as_ref(),
                plain_on_tls,
                // After a reload the next response of a connection opened
                // before it says "Connection: close": no request is lost
                // to a close racing the client's next request.
                last: served >= limit || *retired.borrow(),
                body_timeout,
            },
        )
        .await;
        if !keep || served >= limit {
            client.linger(linger.0, linger.1, linger.2).await;
            return;
        }
    }
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
