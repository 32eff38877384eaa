//! Recording backends: tokio TCP servers on 127.0.0.1 that parse each
//! request with `httparse`, record its request line, headers (order and case
//! kept) and body, and answer `200` with the body `backend NAME`.
//!
//! Every byte read, on any connection, is also kept in arrival order
//! ([`Backend::raw_since`]), for the differential fuzzer.
//!
//! A backend honours keep-alive (HTTP/1.1 unless `Connection: close`,
//! HTTP/1.0 only with `Connection: keep-alive`) and stops when dropped.

use super::chunked::ChunkedDecoder;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tokio::runtime::Handle;
use tokio::task::{JoinHandle, JoinSet};

/// What a backend received: one request.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct RecordedRequest {
    /// The backend's name.
    pub backend: String,
    /// `GET /x?y=1 HTTP/1.0`.
    pub request_line: String,
    /// In order, with their case.
    pub headers: Vec<(String, String)>,
    /// Decoded (de-chunked) body.
    pub body: String,
}

/// A running recording backend.
#[derive(Debug)]
pub struct Backend {
    name: String,
    addr: SocketAddr,
    log: Arc<Mutex<Vec<RecordedRequest>>>,
    raw: Arc<Mutex<Vec<u8>>>,
    task: JoinHandle<()>,
}

/// Both logs a backend's connections write to.
#[derive(Clone)]
struct Logs {
    requests: Arc<Mutex<Vec<RecordedRequest>>>,
    raw: Arc<Mutex<Vec<u8>>>,
}

const MAX_HEAD: usize = 64 * 1024;
const MAX_BODY: usize = 16 * 1024 * 1024;

impl Backend {
    /// Start a backend called `name` on 127.0.0.1:0, on `rt`.
    pub fn start(name: &str, rt: &Handle) -> std::io::Result<Backend> {
        let std_listener = std::net::TcpListener::bind("127.0.0.1:0")?;
        std_listener.set_nonblocking(true)?;
        let addr = std_listener.local_addr()?;
        let listener = {
            let _guard = rt.enter();
            TcpListener::from_std(std_listener)?
        };
        let logs = Logs {
            requests: Arc::new(Mutex::new(Vec::new())),
            raw: Arc::new(Mutex::new(Vec::new())),
        };
        let task = rt.spawn(accept_loop(listener, name.to_string(), logs.clone()));
        Ok(Backend {
            name: name.to_string(),
            addr,
            log: logs.requests,
            raw: logs.raw,
            task,
        })
    }

    pub fn name(&self) -> &str {
        &self.name
    }

    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// Everything received so far, in order.
    pub fn recorded(&self) -> Vec<RecordedRequest> {
        lock(&self.log).clone()
    }

    /// How many bytes were received so far, on all connections.
    pub fn raw_len(&self) -> usize {
        lock(&self.raw).len()
    }

    /// The bytes received after the first `offset`, as they arrived (the
    /// connections' reads in the order they completed).
    pub fn raw_since(&self, offset: usize) -> Vec<u8> {
        lock(&self.raw).get(offset..).unwrap_or_default().to_vec()
    }

    /// How many requests were received so far.
    pub fn count(&self) -> usize {
        lock(&self.log).len()
    }
}

impl Drop for Backend {
    fn drop(&mut self) {
        // Aborting the accept loop drops its JoinSet, which aborts every
        // connection task.
        self.task.abort();
    }
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|p| p.into_inner())
}

async fn accept_loop(listener: TcpListener, name: String, logs: Logs) {
    let mut conns = JoinSet::new();
    loop {
        tokio::select! {
            accepted = listener.accept() => {
                if let Ok((stream, _)) = accepted {
                    conns.spawn(serve(stream, name.clone(), logs.clone()));
                }
            }
            Some(_) = conns.join_next(), if !conns.is_empty() => {}
        }
    }
}

/// A parsed request head, owned.
struct Head {
    len: usize,
    request_line: String,
    headers: Vec<(String, String)>,
    version: u8,
}

enum Framing {
    None,
    Length(usize),
    Chunked,
}

fn parse_head(buf: &[u8]) -> Result<Option<Head>, String> {
    let mut slots = vec![httparse::EMPTY_HEADER; 128];
    let mut req = httparse::Request::new(&mut slots);
    match req.parse(buf) {
        Ok(httparse::Status::Complete(len)) => {
            let version = req.version.unwrap_or(1);
            let request_line = format!(
                "{} {} HTTP/1.{}",
                req.method.unwrap_or(""),
                req.path.unwrap_or(""),
                version
            );
            let headers = super::client::header_pairs(req.headers);
            Ok(Some(Head {
                len,
                request_line,
                headers,
                version,
            }))
        }
        Ok(httparse::Status::Partial) => Ok(None),
        Err(e) => Err(e.to_string()),
    }
}

fn header<'a>(headers: &'a [(String, String)], name: &str) -> Option<&'a str> {
    headers
        .iter()
        .find(|(n, _)| n.eq_ignore_ascii_case(name))
        .map(|(_, v)| v.as_str())
}

fn has_token(value: Option<&str>, token: &str) -> bool {
    value.is_some_and(|v| v.split(',').any(|t| t.trim().eq_ignore_ascii_case(token)))
}

fn framing(headers: &[(String, String)]) -> Result<Framing, String> {
    if has_token(header(headers, "Transfer-Encoding"), "chunked") {
        return Ok(Framing::Chunked);
    }
    match header(headers, "Content-Length") {
        None => Ok(Framing::None),
        Some(v) => v
            .trim()
            .parse::<usize>()
            .ok()
            .filter(|n| *n <= MAX_BODY)
            .map(Framing::Length)
            .ok_or_else(|| format!("bad Content-Length {v:?}")),
    }
}

async fn read_more(
    stream: &mut TcpStream,
    buf: &mut Vec<u8>,
    raw: &Mutex<Vec<u8>>,
) -> std::io::Result<usize> {
    let mut chunk = [0u8; 8192];
    let n = stream.read(&mut chunk).await?;
    buf.extend_from_slice(&chunk[..n]);
    lock(raw).extend_from_slice(&chunk[..n]);
    Ok(n)
}

async fn serve(mut stream: TcpStream, name: String, logs: Logs) {
    let _ = serve_inner(&mut stream, &name, &logs).await;
}

async fn serve_inner(stream: &mut TcpStream, name: &str, logs: &Logs) -> std::io::Result<()> {
    let (log, raw) = (&*logs.requests, &*logs.raw);
    let mut buf = Vec::new();
    loop {
        let head = loop {
            if !buf.is_empty() {
                match parse_head(&buf) {
                    Ok(Some(h)) => break h,
                    Ok(None) if buf.len() > MAX_HEAD => return bad_request(stream).await,
                    Ok(None) => {}
                    Err(_) => return bad_request(stream).await,
                }
            }
            if read_more(stream, &mut buf, raw).await? == 0 {
                return Ok(());
            }
        };
        buf.drain(..head.len);
        let mut body = Vec::new();
        match framing(&head.headers) {
            Err(_) => return bad_request(stream).await,
            Ok(Framing::None) => {}
            Ok(Framing::Length(n)) => {
                while buf.len() < n {
                    if read_more(stream, &mut buf, raw).await? == 0 {
                        return Ok(());
                    }
                }
                body.extend(buf.drain(..n));
            }
            Ok(Framing::Chunked) => {
                let mut dec = ChunkedDecoder::new();
                loop {
                    match dec.feed(&buf, &mut body) {
                        Ok(used) => {
                            buf.drain(..used);
                        }
                        Err(_) => return bad_request(stream).await,
                    }
                    if dec.is_done() {
                        break;
                    }
                    if body.len() > MAX_BODY || read_more(stream, &mut buf, raw).await? == 0 {
                        return Ok(());
                    }
                }
            }
        }
        let conn = header(&head.headers, "Connection");
        let keep_alive = if head.version >= 1 {
            !has_token(conn, "close")
        } else {
            has_token(conn, "keep-alive")
        };
        let record = RecordedRequest {
            backend: name.to_string(),
            request_line: head.request_line,
            headers: head.headers,
            body: String::from_utf8_lossy(&body).into_owned(),
        };
        // Record before answering: once the client has its response, the
        // record is there.
        lock(log).push(record);
        let reply_body = format!("backend {name}");
        let reply = format!(
            "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: {}\r\n\r\n{reply_body}",
            reply_body.len()
        );
        stream.write_all(reply.as_bytes()).await?;
        stream.flush().await?;
        if !keep_alive {
            let _ = stream.shutdown().await;
            return Ok(());
        }
    }
}

async fn bad_request(stream: &mut TcpStream) -> std::io::Result<()> {
    stream
        .write_all(b"HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
        .await?;
    let _ = stream.shutdown().await;
    Ok(())
}
