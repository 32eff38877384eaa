//! The backend `benches/compare.sh` puts behind nginx and rginx: one
//! single-threaded tokio process, as cheap per request as it can be so the
//! proxy in front is what gets measured, and the same for both proxies.
//!
//!   bench_backend http 127.0.0.1:PORT   # every request: 200 "ok" (keep-alive)
//!   bench_backend ws   127.0.0.1:PORT   # WebSocket echo (RFC 6455 frames)
//!
//! The HTTP side answers each request head with one fixed response written
//! in a single `write` (so a kill lands between responses), keeps the
//! connection open unless the request is HTTP/1.0 or says
//! `Connection: close`, and skips a `Content-Length` body. The WebSocket
//! side answers the upgrade (Sec-WebSocket-Accept from tungstenite) and
//! echoes every data frame unmasked, in batches; a close frame is echoed
//! and ends the connection.

use std::net::SocketAddr;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

const RESPONSE: &[u8] =
    b"HTTP/1.1 200 OK\r\nServer: bench\r\nContent-Type: text/plain\r\nContent-Length: 2\r\n\r\nok";
const RESPONSE_CLOSE: &[u8] = b"HTTP/1.1 200 OK\r\nServer: bench\r\nContent-Type: text/plain\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok";

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

/// A header's value in a request head (name matched case-insensitively).
fn header<'a>(head: &'a [u8], name: &str) -> Option<&'a [u8]> {
    head.split(|&c| c == b'\n').skip(1).find_map(|line| {
        let colon = line.iter().position(|&c| c == b':')?;
        if !line[..colon].eq_ignore_ascii_case(name.as_bytes()) {
            return None;
        }
        let v = &line[colon + 1..];
        let start = v.iter().position(|&c| c != b' ' && c != b'\t')?;
        let end = v
            .iter()
            .rposition(|&c| c != b' ' && c != b'\r' && c != b'\t')?;
        Some(&v[start..=end])
    })
}

async fn http_conn(mut s: TcpStream) {
    let _ = s.set_nodelay(true);
    let mut buf: Vec<u8> = Vec::with_capacity(8192);
    let mut out: Vec<u8> = Vec::with_capacity(4096);
    let mut chunk = [0u8; 16 * 1024];
    let mut skip: usize = 0; // body bytes still to drop
    loop {
        let n = match s.read(&mut chunk).await {
            Ok(0) | Err(_) => return,
            Ok(n) => n,
        };
        buf.extend_from_slice(&chunk[..n]);
        let mut at = 0;
        let mut close = false;
        loop {
            if skip > 0 {
                let take = skip.min(buf.len() - at);
                at += take;
                skip -= take;
                if skip > 0 {
                    break;
                }
            }
            let Some(end) = find(&buf[at..], b"\r\n\r\n") else {
                break;
            };
            let head = &buf[at..at + end + 4];
            let line_end = find(head, b"\r\n").unwrap_or(0);
            let http10 = head[..line_end].ends_with(b"HTTP/1.0");
            let connection = header(head, "connection").map(|v| v.to_ascii_lowercase());
            close = match &connection {
                Some(v) if find(v, b"close").is_some() => true,
                Some(v) if find(v, b"keep-alive").is_some() => false,
                _ => http10,
            };
            skip = header(head, "content-length")
                .and_then(|v| std::str::from_utf8(v).ok()?.parse().ok())
                .unwrap_or(0);
            at += end + 4;
            out.extend_from_slice(if close { RESPONSE_CLOSE } else { RESPONSE });
            if close {
                break;
            }
        }
        buf.drain(..at);
        if !out.is_empty() {
            if s.write_all(&out).await.is_err() {
                return;
            }
            out.clear();
        }
        if close {
            let _ = s.shutdown().await;
            return;
        }
    }
}

async fn ws_conn(mut s: TcpStream) {
    let _ = s.set_nodelay(true);
    let mut buf: Vec<u8> = Vec::with_capacity(8192);
    let mut chunk = [0u8; 16 * 1024];
    // The upgrade request.
    let end = loop {
        if let Some(e) = find(&buf, b"\r\n\r\n") {
            break e + 4;
        }
        match s.read(&mut chunk).await {
            Ok(0) | Err(_) => return,
            Ok(n) => buf.extend_from_slice(&chunk[..n]),
        }
        if buf.len() > 64 * 1024 {
            return;
        }
    };
    let Some(key) = header(&buf[..end], "sec-websocket-key") else {
        let _ = s
            .write_all(
                b"HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n",
            )
            .await;
        return;
    };
    let accept = tokio_tungstenite::tungstenite::handshake::derive_accept_key(key);
    let reply = format!(
        "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: {accept}\r\n\r\n"
    );
    if s.write_all(reply.as_bytes()).await.is_err() {
        return;
    }
    buf.drain(..end);
    let mut out: Vec<u8> = Vec::with_capacity(16 * 1024);
    loop {
        // Echo every complete frame in the buffer.
        let mut at = 0;
        let mut closing = false;
        while buf.len() - at >= 2 {
            let b0 = buf[at];
            let b1 = buf[at + 1];
            let masked = b1 & 0x80 != 0;
            let (len, mut p) = match b1 & 0x7f {
                126 if buf.len() - at >= 4 => (
                    u16::from_be_bytes([buf[at + 2], buf[at + 3]]) as usize,
                    at + 4,
                ),
                127 if buf.len() - at >= 10 => {
                    let mut b = [0u8; 8];
                    b.copy_from_slice(&buf[at + 2..at + 10]);
                    (u64::from_be_bytes(b) as usize, at + 10)
                }
                126 | 127 => break,
                n => (n as usize, at + 2),
            };
            let mask = if masked {
                if buf.len() < p + 4 {
                    break;
                }
                let m = [buf[p], buf[p + 1], buf[p + 2], buf[p + 3]];
                p += 4;
                Some(m)
            } else {
                None
            };
            if buf.len() < p + len {
                break;
            }
            out.push(b0);
            match len {
                0..=125 => out.push(len as u8),
                126..=65535 => {
                    out.push(126);
                    out.extend_from_slice(&(len as u16).to_be_bytes());
                }
                _ => {
                    out.push(127);
                    out.extend_from_slice(&(len as u64).to_be_bytes());
                }
            }
            let payload = &buf[p..p + len];
            match mask {
                Some(m) => out.extend(payload.iter().enumerate().map(|(i, &c)| c ^ m[i & 3])),
                None => out.extend_from_slice(payload),
            }
            at = p + len;
            if b0 & 0x0f == 8 {
                closing = true;
                break;
            }
        }
        buf.drain(..at);
        if !out.is_empty() {
            if s.write_all(&out).await.is_err() {
                return;
            }
            out.clear();
        }
        if closing {
            let _ = s.shutdown().await;
            return;
        }
        match s.read(&mut chunk).await {
            Ok(0) | Err(_) => return,
            Ok(n) => buf.extend_from_slice(&chunk[..n]),
        }
    }
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let (mode, addr) = match args.as_slice() {
        [_, m, a] if m == "http" || m == "ws" => (m.clone(), a.clone()),
        _ => {
            eprintln!("usage: bench_backend http|ws 127.0.0.1:PORT");
            std::process::exit(2);
        }
    };
    let addr: SocketAddr = addr.parse().expect("address");
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime");
    rt.block_on(async move {
        let socket = tokio::net::TcpSocket::new_v4().expect("socket");
        socket.set_reuseaddr(true).expect("reuseaddr");
        socket.bind(addr).expect("bind");
        let listener: TcpListener = socket.listen(4096).expect("listen");
        loop {
            let s = match listener.accept().await {
                Ok((s, _)) => s,
                Err(_) => {
                    // Out of descriptors: wait rather than spin.
                    tokio::time::sleep(std::time::Duration::from_millis(10)).await;
                    continue;
                }
            };
            if mode == "http" {
                tokio::spawn(http_conn(s));
            } else {
                tokio::spawn(ws_conn(s));
            }
        }
    });
}
