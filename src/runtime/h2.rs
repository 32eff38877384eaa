//! HTTP/2 over TLS (ALPN `h2`) with hyper's server. Each stream becomes
//! the same request the HTTP/1.x path serves — `:authority` as Host, the
//! body read in full (bounded) — and runs through the same code
//! (`request::handle`) over an in-memory pipe, so routing, proxying and
//! nginx's response rules are one code path. The HTTP/1.1 response that
//! comes back is turned into HTTP/2 frames (connection-specific headers
//! dropped, as HTTP/2 requires).

use super::client::{Client, RequestHead};
use super::request::{handle, Conn};
use super::tls::TlsInfo;
use super::Generation;
use bytes::Bytes;
use http_body_util::{combinators::BoxBody, BodyExt, Full, Limited, StreamBody};
use hyper::body::{Frame, Incoming};
use std::convert::Infallible;
use std::net::SocketAddr;
use std::sync::Arc;
use tokio::io::AsyncReadExt;

/// The largest request body an HTTP/2 stream may carry (a larger
/// `client_max_body_size` is checked by the executor as usual).
const BODY_CAP: usize = 64 * 1024 * 1024;

type Body = BoxBody<Bytes, std::io::Error>;

/// Serve an HTTP/2 connection until it ends: over TLS (ALPN `h2`), or in
/// plain text with prior knowledge (`tls` is `None`).
pub async fn serve<S>(
    stream: S,
    gen: Arc<Generation>,
    local: SocketAddr,
    remote: SocketAddr,
    id: u64,
    tls: Option<TlsInfo>,
) where
    S: tokio::io::AsyncRead + tokio::io::AsyncWrite + Send + Unpin + 'static,
{
    let tls = tls.map(Arc::new);
    let (early, srv) = gen.http.early(local);
    let streams = u32::try_from(srv.http2_max_concurrent_streams).unwrap_or(u32::MAX);
    // keepalive_requests counts streams; the last one is followed by GOAWAY.
    let limit = early.keepalive_requests;
    let send_timeout = early.send_timeout;
    // nginx bounds the HPACK-decoded head of a stream by
    // large_client_header_buffers (number × size; 4 × 8k by default).
    let bufs = srv.large_client_header_buffers;
    let header_list = u32::try_from(bufs.number.saturating_mul(bufs.size)).unwrap_or(u32::MAX);
    let served = Arc::new(std::sync::atomic::AtomicU64::new(0));
    let enough = Arc::new(tokio::sync::Notify::new());
    let mut retired = gen.retired.subscribe();
    let (service_gen, service_enough) = (gen.clone(), enough.clone());
    // Handlers running for the connection's streams, bounded as the
    // streams are: a stream the client resets leaves its handler running
    // to the end, so rapid resets would otherwise pile handlers up.
    let running = Arc::new(tokio::sync::Semaphore::new(streams.max(1) as usize));
    // Dropped when the connection ends: the handlers of its streams stop
    // then instead of running on for a client that is gone.
    let (_alive, alive) = tokio::sync::watch::channel(());
    let service = hyper::service::service_fn(move |req: hyper::Request<Incoming>| {
        let gen = service_gen.clone();
        let tls = tls.clone();
        let served = served.clone();
        let enough = service_enough.clone();
        let running = running.clone();
        let alive = alive.clone();
        let clock = Arc::new(Clock::default());
        NEXT_CLOCK.with(|c| *c.borrow_mut() = Some(clock.clone()));
        async move {
            let n = served.fetch_add(1, std::sync::atomic::Ordering::Relaxed) + 1;
            if n == limit {
                enough.notify_one();
            }
            let Ok(permit) = running.acquire_owned().await else {
                return Ok(error(503));
            };
            if let Ok(mut r) = clock.request.lock() {
                *r = context(&req, &gen, local, remote);
            }
            let response =
                stream_request(req, gen, local, remote, id, n, tls, (permit, alive)).await;
            clock
                .responded
                .store(true, std::sync::atomic::Ordering::Relaxed);
            Ok::<_, Infallible>(response)
        }
    });
    let mut builder = hyper::server::conn::http2::Builder::new(Watch {
        send_timeout,
        gen: gen.clone(),
        id,
    });
    builder
        .max_concurrent_streams(streams)
        .max_header_list_size(header_list)
        // Rapid reset: streams the client opens and resets before they are
        // answered, and streams rginx must reset, are bounded per
        // connection; past the bound the connection ends with GOAWAY
        // ENHANCE_YOUR_CALM, as nginx ends a flooding connection.
        .max_pending_accept_reset_streams(Some(streams.clamp(1, 128) as usize))
        .max_local_error_reset_streams(Some(1024))
        .max_send_buf_size(256 * 1024)
        .timer(hyper_util::rt::TokioTimer::new());
    let conn = builder.serve_connection(hyper_util::rt::TokioIo::new(stream), service);
    tokio::pin!(conn);
    tokio::select! {
        _ = conn.as_mut() => return,
        _ = retired.wait_for(|r| *r) => {}
        _ = enough.notified() => {}
    }
    // GOAWAY: streams already open finish, no new ones start.
    conn.as_mut().graceful_shutdown();
    let _ = conn.await;
}

thread_local! {
    /// The clock of the stream whose service future was just made: hyper
    /// calls the service and hands the stream's future to the executor in
    /// one go, on one thread.
    static NEXT_CLOCK: std::cell::RefCell<Option<Arc<Clock>>> =
        const { std::cell::RefCell::new(None) };
}

/// A stream's state for `send_timeout`: whether its response is ready, and
/// what nginx logs when the timeout ends it.
#[derive(Default)]
struct Clock {
    responded: std::sync::atomic::AtomicBool,
    request: std::sync::Mutex<String>,
}

/// hyper's executor for stream futures, with nginx's `send_timeout`: once
/// the response is ready, a stream whose future makes no progress (is not
/// woken: no flow-control window opens for it) for `send_timeout` is
/// dropped, which resets the stream (RST_STREAM CANCEL; nginx sends
/// PROTOCOL_ERROR) while the connection's other streams go on, and logged
/// at info as nginx words it.
#[derive(Clone)]
struct Watch {
    send_timeout: std::time::Duration,
    gen: Arc<Generation>,
    id: u64,
}

impl<F> hyper::rt::Executor<F> for Watch
where
    F: std::future::Future + Send + 'static,
    F::Output: Send + 'static,
{
    fn execute(&self, fut: F) {
        let clock = NEXT_CLOCK.with(|c| c.borrow_mut().take());
        let timeout = self.send_timeout;
        let (gen, id) = (self.gen.clone(), self.id);
        tokio::spawn(async move {
            let Some(clock) = clock else {
                fut.await;
                return;
            };
            let mut fut = std::pin::pin!(fut);
            let sleep = tokio::time::sleep(timeout);
            tokio::pin!(sleep);
            std::future::poll_fn(|cx| {
                use std::future::Future;
                use std::task::Poll;
                let responded = clock.responded.load(std::sync::atomic::Ordering::Relaxed);
                if responded && sleep.as_mut().poll(cx).is_ready() {
                    let request = clock.request.lock().map(|r| r.clone()).unwrap_or_default();
                    gen.log(
                        "info",
                        Some(id),
                        &format!(
                            "client timed out (110: Connection timed out) while sending response to client{request}"
                        ),
                    );
                    return Poll::Ready(());
                }
                if fut.as_mut().poll(cx).is_ready() {
                    return Poll::Ready(());
                }
                if clock.responded.load(std::sync::atomic::Ordering::Relaxed) {
                    sleep.as_mut().reset(tokio::time::Instant::now() + timeout);
                    let _ = sleep.as_mut().poll(cx);
                }
                Poll::Pending
            })
            .await;
        });
    }
}

fn error(status: u16) -> hyper::Response<Body> {
    let page = crate::ir::pages::page(status).unwrap_or_default();
    let mut r = hyper::Response::new(
        Full::new(Bytes::from(page))
            .map_err(|never: Infallible| match never {})
            .boxed(),
    );
    *r.status_mut() = hyper::StatusCode::from_u16(status).unwrap_or(hyper::StatusCode::BAD_REQUEST);
    r.headers_mut().insert(
        hyper::header::CONTENT_TYPE,
        hyper::header::HeaderValue::from_static("text/html"),
    );
    r
}

/// nginx's checks of a stream's decoded head that hyper's server leaves
/// to the service (h2 itself resets a stream — RST_STREAM PROTOCOL_ERROR —
/// for a missing, empty, repeated or late pseudo-header, a malformed
/// `:path` or `:authority`, connection-specific headers, `te` other than
/// `trailers` and a `content-length` that disagrees with the DATA, and
/// ends the connection for an unknown pseudo-header, an uppercase name or
/// a NUL/CR/LF in a value; nginx answers most of those with a 400).
/// Returns the status to answer with, the reason logged at info in
/// nginx's words. Confirmed against nginx 1.22.1 and 1.31.3 by
/// `tests/h2_validation.rs`.
fn refusal(
    parts: &hyper::http::request::Parts,
    gen: &Generation,
    local: SocketAddr,
    remote: SocketAddr,
    id: u64,
) -> Option<u16> {
    use crate::profile::{has, Behaviour};
    let method = parts.method.as_str();
    let authority = parts.uri.authority().map(|a| a.as_str());
    let host = parts
        .headers
        .get(hyper::header::HOST)
        .map(|v| String::from_utf8_lossy(v.as_bytes()).into_owned());
    let server = server_name(gen, local, authority.or(host.as_deref()));
    let target = parts.uri.path_and_query().map_or("/", |p| p.as_str());
    let log = |what: String, request: bool, host: Option<&str>| {
        let mut line = format!(
            "{what} while reading client request headers, client: {}, server: {server}",
            remote.ip()
        );
        if request {
            line.push_str(&format!(", request: \"{method} {target} HTTP/2.0\""));
        }
        if let Some(h) = host {
            line.push_str(&format!(", host: \"{h}\""));
        }
        gen.log("info", Some(id), &line);
    };
    // :method: nginx's known methods, or uppercase letters, '_' and '-'.
    if !method
        .bytes()
        .all(|c| c.is_ascii_uppercase() || c == b'_' || c == b'-')
    {
        log(
            format!("client sent invalid method: \"{method}\""),
            false,
            None,
        );
        return Some(400);
    }
    // :path: nginx's URI grammar wants "/" first (h2 lets "*" through).
    if !target.starts_with('/') {
        log(
            format!("client sent invalid :path header: \"{target}\""),
            false,
            None,
        );
        return Some(400);
    }
    // CONNECT (h2 lets it through without :scheme and :path).
    if parts.method == hyper::Method::CONNECT {
        let host = (!has(gen.version, Behaviour::H2AuthorityHost))
            .then_some(authority)
            .flatten();
        log("client sent no :scheme header".into(), false, host);
        return Some(400);
    }
    // :scheme (h2 keeps it only beside an :authority).
    if let Some(scheme) = parts.uri.scheme_str() {
        let ok = scheme.bytes().enumerate().all(|(i, c)| {
            c.is_ascii_alphabetic() || (i > 0 && (c.is_ascii_digit() || b"+-.".contains(&c)))
        });
        if !ok {
            log(
                format!("client sent invalid :scheme header: \"{scheme}\""),
                false,
                None,
            );
            return Some(400);
        }
    }
    // Host and :authority.
    if has(gen.version, Behaviour::H2AuthorityHost) {
        match (authority, host.as_deref()) {
            (None, None) => {
                log(
                    "client sent neither \":authority\" nor \"Host\" header".into(),
                    true,
                    None,
                );
                return Some(400);
            }
            (Some(a), Some(h)) if a != h => {
                log(
                    "client sent \":authority\" and \"Host\" headers with different values".into(),
                    true,
                    Some(h),
                );
                return Some(400);
            }
            _ => {}
        }
    } else {
        // :authority is a Host line to nginx 1.22: a Host header beside it
        // is a duplicate.
        match (authority, host.as_deref()) {
            (None, None) => {
                log(
                    "client sent HTTP/1.1 request without \"Host\" header".into(),
                    true,
                    None,
                );
                return Some(400);
            }
            (Some(a), Some(h)) => {
                log(
                    format!(
                        "client sent duplicate host header: \"host: {h}\", previous value: \"host: {a}\""
                    ),
                    false,
                    Some(a),
                );
                return Some(400);
            }
            _ => {}
        }
    }
    if parts.method == hyper::Method::TRACE {
        log(
            "client sent TRACE method".into(),
            true,
            authority.or(host.as_deref()),
        );
        return Some(405);
    }
    None
}

/// The name of the server a stream's `:authority` (or Host) selects.
fn server_name<'a>(gen: &'a Generation, local: SocketAddr, host: Option<&str>) -> &'a str {
    host.and_then(|h| crate::ir::server::select(&gen.http.servers, local, h).map(|(s, _)| s))
        .or_else(|| crate::ir::server::socket_default(&gen.http.servers, local))
        .map_or("", |s| s.primary_name.as_str())
}

/// The end of nginx's log line about a stream's request: client, server,
/// request line and host.
fn context<B>(
    req: &hyper::Request<B>,
    gen: &Generation,
    local: SocketAddr,
    remote: SocketAddr,
) -> String {
    let host = req
        .uri()
        .authority()
        .map(|a| a.as_str().to_string())
        .or_else(|| {
            req.headers()
                .get(hyper::header::HOST)
                .map(|v| String::from_utf8_lossy(v.as_bytes()).into_owned())
        });
    let target = req.uri().path_and_query().map_or("/", |p| p.as_str());
    format!(
        ", client: {}, server: {}, request: \"{} {target} HTTP/2.0\"{}",
        remote.ip(),
        server_name(gen, local, host.as_deref()),
        req.method(),
        host.map(|h| format!(", host: \"{h}\"")).unwrap_or_default()
    )
}

/// Headers HTTP/2 does not carry.
const CONNECTION_SPECIFIC: &[&str] = &[
    "connection",
    "keep-alive",
    "proxy-connection",
    "transfer-encoding",
    "upgrade",
];

#[allow(clippy::too_many_arguments)]
async fn stream_request(
    req: hyper::Request<Incoming>,
    gen: Arc<Generation>,
    local: SocketAddr,
    remote: SocketAddr,
    id: u64,
    served: u64,
    tls: Option<Arc<TlsInfo>>,
    (permit, mut alive): (
        tokio::sync::OwnedSemaphorePermit,
        tokio::sync::watch::Receiver<()>,
    ),
) -> hyper::Response<Body> {
    let (parts, body) = req.into_parts();
    if let Some(status) = refusal(&parts, &gen, local, remote, id) {
        return error(status);
    }
    let target = parts
        .uri
        .path_and_query()
        .map_or("/", |p| p.as_str())
        .to_string();
    let mut headers: Vec<(String, String)> = Vec::new();
    if !parts.headers.contains_key(hyper::header::HOST) {
        if let Some(a) = parts.uri.authority() {
            headers.push(("host".into(), a.as_str().to_string()));
        }
    }
    for (n, v) in &parts.headers {
        let name = n.as_str();
        if name == "content-length" {
            continue;
        }
        headers.push((
            name.to_string(),
            String::from_utf8_lossy(v.as_bytes()).into_owned(),
        ));
    }
    let body = match Limited::new(body, BODY_CAP).collect().await {
        Ok(b) => b.to_bytes(),
        Err(_) => return error(413),
    };
    if !body.is_empty() {
        headers.push(("content-length".into(), body.len().to_string()));
    }
    let head = RequestHead {
        method: parts.method.as_str().to_string(),
        target,
        protocol: "HTTP/2.0".into(),
        headers,
        length: 0,
        content_length: (!body.is_empty()).then_some(body.len() as u64),
        chunked: false,
    };
    // The request runs on the HTTP/1.x path over a pipe.
    let (mut ours, theirs) = tokio::io::duplex(64 * 1024);
    let gen2 = gen.clone();
    tokio::spawn(async move {
        let _permit = permit;
        let mut client = Client::new(theirs);
        client.buf = body.to_vec();
        let conn = Conn {
            local,
            remote,
            id,
            served,
            tls: tls.as_deref(),
            plain_on_tls: false,
            last: false,
            body_timeout: gen2.http.early(local).0.client_body_timeout,
        };
        tokio::select! {
            _ = handle(&mut client, &gen2, head, conn) => {}
            _ = alive.changed() => {}
        }
    });
    // Its HTTP/1.1 response head…
    let mut buf = bytes::BytesMut::with_capacity(4096);
    let (status, resp_headers, rest) = loop {
        match ours.read_buf(&mut buf).await {
            Ok(0) | Err(_) => return error(502),
            Ok(_) => {}
        }
        let mut hs = [httparse::EMPTY_HEADER; 128];
        let mut resp = httparse::Response::new(&mut hs);
        match resp.parse(&buf) {
            Ok(httparse::Status::Complete(len)) => {
                let headers: Vec<(String, Vec<u8>)> = resp
                    .headers
                    .iter()
                    .map(|h| (h.name.to_ascii_lowercase(), h.value.to_vec()))
                    .collect();
                let code = resp.code.unwrap_or(502);
                let _ = buf.split_to(len);
                break (code, headers, buf.freeze());
            }
            Ok(httparse::Status::Partial) if buf.len() < 64 * 1024 => {
                buf.reserve(4096);
                continue;
            }
            Ok(httparse::Status::Partial) | Err(_) => return error(502),
        }
    };
    let length: Option<usize> = resp_headers
        .iter()
        .find(|(n, _)| n == "content-length")
        .and_then(|(_, v)| std::str::from_utf8(v).ok()?.parse().ok());
    // …and its body, streamed as DATA frames.
    let state = (ours, Some(rest), length.map(|l| l as u64));
    let frames = futures_util::stream::unfold(state, |(mut pipe, first, left)| async move {
        if let Some(b) = first {
            if !b.is_empty() {
                let left = left.map(|l| l.saturating_sub(b.len() as u64));
                return Some((Ok(Frame::data(b)), (pipe, None, left)));
            }
        }
        if left == Some(0) {
            return None;
        }
        // No zeroed buffer: read_buf fills spare capacity.
        let want = left.map_or(64 * 1024, |l| l.min(64 * 1024) as usize);
        let mut chunk = bytes::BytesMut::with_capacity(want);
        match pipe.read_buf(&mut chunk).await {
            Ok(0) | Err(_) => None,
            Ok(n) => {
                let left = left.map(|l| l.saturating_sub(n as u64));
                Some((
                    Ok::<_, std::io::Error>(Frame::data(chunk.freeze())),
                    (pipe, None, left),
                ))
            }
        }
    });
    let mut response = hyper::Response::new(StreamBody::new(frames).boxed());
    *response.status_mut() =
        hyper::StatusCode::from_u16(status).unwrap_or(hyper::StatusCode::BAD_GATEWAY);
    for (n, v) in resp_headers {
        if CONNECTION_SPECIFIC.contains(&n.as_str()) {
            continue;
        }
        if let (Ok(name), Ok(value)) = (
            hyper::header::HeaderName::from_bytes(n.as_bytes()),
            hyper::header::HeaderValue::from_bytes(&v),
        ) {
            response.headers_mut().append(name, value);
        }
    }
    response
}
