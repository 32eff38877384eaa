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
    let streams = early_u32(&gen, local, "http2_max_concurrent_streams").unwrap_or(128);
    // keepalive_requests counts streams; the last one is followed by GOAWAY.
    let limit = u64::from(early_u32(&gen, local, "keepalive_requests").unwrap_or(1000));
    let served = Arc::new(std::sync::atomic::AtomicU64::new(0));
    let enough = Arc::new(tokio::sync::Notify::new());
    let mut retired = gen.retired.subscribe();
    let (service_gen, service_enough) = (gen.clone(), enough.clone());
    let service = hyper::service::service_fn(move |req: hyper::Request<Incoming>| {
        let gen = service_gen.clone();
        let tls = tls.clone();
        let served = served.clone();
        let enough = service_enough.clone();
        async move {
            let n = served.fetch_add(1, std::sync::atomic::Ordering::Relaxed) + 1;
            if n == limit {
                enough.notify_one();
            }
            Ok::<_, Infallible>(stream_request(req, gen, local, remote, id, n, tls).await)
        }
    });
    let mut builder =
        hyper::server::conn::http2::Builder::new(hyper_util::rt::TokioExecutor::new());
    builder
        .max_concurrent_streams(streams)
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

fn early_u32(gen: &Generation, local: SocketAddr, name: &str) -> Option<u32> {
    crate::ir::server::socket_default(&gen.http.servers, local)
        .and_then(|s| s.settings.iter().rev().find(|x| x.name == name))
        .or_else(|| gen.http.settings.iter().rev().find(|x| x.name == name))
        .and_then(|s| s.args.first())
        .and_then(|a| a.parse().ok())
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

/// Headers HTTP/2 does not carry.
const CONNECTION_SPECIFIC: &[&str] = &[
    "connection",
    "keep-alive",
    "proxy-connection",
    "transfer-encoding",
    "upgrade",
];

async fn stream_request(
    req: hyper::Request<Incoming>,
    gen: Arc<Generation>,
    local: SocketAddr,
    remote: SocketAddr,
    id: u64,
    served: u64,
    tls: Option<Arc<TlsInfo>>,
) -> hyper::Response<Body> {
    let (parts, body) = req.into_parts();
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
        };
        handle(&mut client, &gen2, head, conn).await;
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
