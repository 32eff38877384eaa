//! A client connection as it arrives: TLS or plain text (HTTP sent to a
//! TLS port is nginx's 497), HTTP/2 by ALPN or by its preface, else
//! HTTP/1.x requests one after another (`request::handle`) until the
//! connection ends.

use super::client::{Client, HeadError, Linger};
use super::request::{default_name, handle, log_head_line, Conn};
use super::wire::Head;
use super::Generation;
use crate::exec::route::Request;
use crate::exec::Exec;
use crate::profile::{has, Behaviour};
use std::net::SocketAddr;
use std::sync::Arc;

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
