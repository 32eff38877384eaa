//! The test client: send one request over a fresh TCP connection and read
//! one response, parsed with `httparse` (body by Content-Length, chunked, or
//! up to the close). Over TLS ([`send_tls`]) the connection is made with
//! rustls (trusting the case's CA), and HTTP/2 is spoken with the `h2`
//! crate when ALPN chose it.

use super::chunked::ChunkedDecoder;
use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::time::{Duration, Instant};

/// A response as the client saw it.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Response {
    pub status: u16,
    pub reason: String,
    /// In order, with their case.
    pub headers: Vec<(String, String)>,
    /// Decoded (de-chunked) body.
    pub body: String,
}

impl Response {
    /// Every value of header `name` (case-insensitive), in order.
    pub fn header_values<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a str> + 'a {
        self.headers
            .iter()
            .filter(move |(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

/// Why no response could be read.
#[derive(Debug, thiserror::Error)]
pub enum ClientError {
    #[error("cannot connect to {addr}: {source}")]
    Connect {
        addr: SocketAddr,
        source: std::io::Error,
    },
    #[error("i/o error: {0}")]
    Io(#[from] std::io::Error),
    #[error("no complete response within {0:?}")]
    Timeout(Duration),
    #[error("connection closed before a complete response ({0} bytes received)")]
    Closed(usize),
    #[error("malformed response: {0}")]
    Malformed(String),
    #[error("TLS handshake failed: {0}")]
    Handshake(std::io::Error),
    #[error("HTTP/2: {0}")]
    H2(String),
}

/// Build a request: `METHOD PATH HTTP/1.1`, the headers as given, `Host:
/// localhost` when none is given, `Content-Length` when there is a body (and
/// no Content-Length or Transfer-Encoding is given), `Connection: close`
/// when no Connection is given.
pub fn build_request(
    method: &str,
    path: &str,
    headers: &[(String, String)],
    body: &str,
) -> Vec<u8> {
    let has = |name: &str| headers.iter().any(|(n, _)| n.eq_ignore_ascii_case(name));
    let mut out = format!("{method} {path} HTTP/1.1\r\n");
    if !has("Host") {
        out.push_str("Host: localhost\r\n");
    }
    for (n, v) in headers {
        out.push_str(&format!("{n}: {v}\r\n"));
    }
    if !body.is_empty() && !has("Content-Length") && !has("Transfer-Encoding") {
        out.push_str(&format!("Content-Length: {}\r\n", body.len()));
    }
    if !has("Connection") {
        out.push_str("Connection: close\r\n");
    }
    out.push_str("\r\n");
    out.push_str(body);
    out.into_bytes()
}

/// Send `request` to `addr` on a fresh connection and read one response.
pub fn send(addr: SocketAddr, request: &[u8], timeout: Duration) -> Result<Response, ClientError> {
    let deadline = Instant::now() + timeout;
    let mut stream = TcpStream::connect_timeout(&addr, timeout)
        .map_err(|source| ClientError::Connect { addr, source })?;
    stream.set_write_timeout(Some(timeout))?;
    stream.write_all(request)?;
    let head_request = request.starts_with(b"HEAD ");
    let mut buf = Vec::new();
    let mut eof = false;
    loop {
        if let Some(resp) = try_parse(&buf, head_request, eof)? {
            return Ok(resp);
        }
        if eof {
            return Err(ClientError::Closed(buf.len()));
        }
        let left = deadline.saturating_duration_since(Instant::now());
        if left.is_zero() {
            return Err(ClientError::Timeout(timeout));
        }
        stream.set_read_timeout(Some(left))?;
        let mut chunk = [0u8; 16384];
        match stream.read(&mut chunk) {
            Ok(0) => eof = true,
            Ok(n) => buf.extend_from_slice(&chunk[..n]),
            Err(e)
                if matches!(
                    e.kind(),
                    std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut
                ) =>
            {
                return Err(ClientError::Timeout(timeout))
            }
            // A reset after the response was sent still leaves it readable.
            Err(e) if e.kind() == std::io::ErrorKind::ConnectionReset => eof = true,
            Err(e) => return Err(e.into()),
        }
    }
}

/// One response from `buf` if it is complete (skipping interim 1xx ones).
fn try_parse(buf: &[u8], head_request: bool, eof: bool) -> Result<Option<Response>, ClientError> {
    let mut start = 0;
    loop {
        let mut slots = vec![httparse::EMPTY_HEADER; 128];
        let mut resp = httparse::Response::new(&mut slots);
        let len = match resp.parse(&buf[start..]) {
            Ok(httparse::Status::Complete(n)) => n,
            Ok(httparse::Status::Partial) => return Ok(None),
            Err(e) => return Err(ClientError::Malformed(e.to_string())),
        };
        let status = resp.code.unwrap_or(0);
        let headers = header_pairs(resp.headers);
        let reason = resp.reason.unwrap_or("").to_string();
        let body_start = start + len;
        if (100..200).contains(&status) && status != 101 {
            start = body_start;
            continue;
        }
        let rest = &buf[body_start..];
        let make = |body: &[u8]| Response {
            status,
            reason: reason.clone(),
            headers: headers.clone(),
            body: String::from_utf8_lossy(body).into_owned(),
        };
        if head_request || status == 204 || status == 304 {
            return Ok(Some(make(&[])));
        }
        let get = |name: &str| {
            headers
                .iter()
                .find(|(n, _)| n.eq_ignore_ascii_case(name))
                .map(|(_, v)| v.as_str())
        };
        let chunked = get("Transfer-Encoding").is_some_and(|v| {
            v.split(',')
                .any(|t| t.trim().eq_ignore_ascii_case("chunked"))
        });
        if chunked {
            let mut dec = ChunkedDecoder::new();
            let mut body = Vec::new();
            dec.feed(rest, &mut body)
                .map_err(|e| ClientError::Malformed(e.to_string()))?;
            return Ok(dec.is_done().then(|| make(&body)));
        }
        if let Some(cl) = get("Content-Length") {
            let n: usize = cl
                .trim()
                .parse()
                .map_err(|_| ClientError::Malformed(format!("Content-Length {cl:?}")))?;
            return Ok((rest.len() >= n).then(|| make(&rest[..n])));
        }
        return Ok(eof.then(|| make(rest)));
    }
}

/// Parsed headers as (name, value) pairs, in order and with their case.
pub fn header_pairs(headers: &[httparse::Header<'_>]) -> Vec<(String, String)> {
    headers
        .iter()
        .map(|h| {
            (
                h.name.to_string(),
                String::from_utf8_lossy(h.value).into_owned(),
            )
        })
        .collect()
}

/// A request sent over TLS: the bytes for HTTP/1.x, the parts for HTTP/2.
pub struct TlsSend<'a> {
    /// What HTTP/1.x writes (a built or raw request).
    pub bytes: &'a [u8],
    /// For HTTP/2 (when ALPN chooses `h2`); `None` for a raw request.
    pub parts: Option<Parts<'a>>,
}

/// A built request's parts (placeholders substituted).
#[derive(Clone, Copy, Debug)]
pub struct Parts<'a> {
    pub method: &'a str,
    pub path: &'a str,
    pub headers: &'a [(String, String)],
    pub body: &'a str,
}

/// What the handshake showed: the server's leaf certificate (DER) and
/// the protocol ALPN chose.
#[derive(Clone, Debug, Default)]
pub struct Handshake {
    pub cert: Option<Vec<u8>>,
    pub alpn: String,
}

/// Connect to `addr` with TLS (`config`, `name` for SNI and
/// verification), send `req` and read one response. The handshake is
/// reported even when no response follows.
pub async fn send_tls(
    addr: SocketAddr,
    req: TlsSend<'_>,
    config: std::sync::Arc<rustls::ClientConfig>,
    name: rustls::pki_types::ServerName<'static>,
    timeout: Duration,
) -> (Result<Response, ClientError>, Option<Handshake>) {
    let mut seen = None;
    let r = tokio::time::timeout(timeout, tls_exchange(addr, req, config, name, &mut seen)).await;
    let r = r.unwrap_or(Err(ClientError::Timeout(timeout)));
    (r, seen)
}

async fn tls_exchange(
    addr: SocketAddr,
    req: TlsSend<'_>,
    config: std::sync::Arc<rustls::ClientConfig>,
    name: rustls::pki_types::ServerName<'static>,
    seen: &mut Option<Handshake>,
) -> Result<Response, ClientError> {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let tcp = tokio::net::TcpStream::connect(addr)
        .await
        .map_err(|source| ClientError::Connect { addr, source })?;
    let mut stream = tokio_rustls::TlsConnector::from(config)
        .connect(name, tcp)
        .await
        .map_err(ClientError::Handshake)?;
    let (_, conn) = stream.get_ref();
    let hs = Handshake {
        cert: conn
            .peer_certificates()
            .and_then(|c| c.first())
            .map(|c| c.to_vec()),
        alpn: conn
            .alpn_protocol()
            .map(|p| String::from_utf8_lossy(p).into_owned())
            .unwrap_or_default(),
    };
    let h2 = hs.alpn == "h2";
    *seen = Some(hs);
    if h2 {
        let Some(parts) = req.parts else {
            return Err(ClientError::H2("ALPN chose h2 for a raw request".into()));
        };
        return h2_exchange(stream, parts).await;
    }
    stream.write_all(req.bytes).await?;
    stream.flush().await?;
    let head_request = req.bytes.starts_with(b"HEAD ");
    let mut buf = Vec::new();
    let mut eof = false;
    loop {
        if let Some(resp) = try_parse(&buf, head_request, eof)? {
            return Ok(resp);
        }
        if eof {
            return Err(ClientError::Closed(buf.len()));
        }
        let mut chunk = [0u8; 16384];
        match stream.read(&mut chunk).await {
            Ok(0) => eof = true,
            Ok(n) => buf.extend_from_slice(&chunk[..n]),
            // A close without close_notify, or a reset, after the response
            // still leaves it readable.
            Err(e)
                if matches!(
                    e.kind(),
                    std::io::ErrorKind::UnexpectedEof | std::io::ErrorKind::ConnectionReset
                ) =>
            {
                eof = true
            }
            Err(e) => return Err(e.into()),
        }
    }
}

/// One HTTP/2 request: the Host header becomes `:authority`, Connection
/// is left out (HTTP/2 has none), the other headers go as given
/// (lowercased), with Content-Length when there is a body.
async fn h2_exchange<S>(
    stream: S,
    Parts {
        method,
        path,
        headers,
        body,
    }: Parts<'_>,
) -> Result<Response, ClientError>
where
    S: tokio::io::AsyncRead + tokio::io::AsyncWrite + Unpin + Send + 'static,
{
    let e = |e: h2::Error| ClientError::H2(e.to_string());
    let (mut client, conn) = h2::client::handshake(stream).await.map_err(e)?;
    let driver = tokio::spawn(async move {
        let _ = conn.await;
    });
    let host = headers
        .iter()
        .find(|(n, _)| n.eq_ignore_ascii_case("host"))
        .map_or("localhost", |(_, v)| v.as_str());
    let mut b = http::Request::builder()
        .method(method)
        .uri(format!("https://{host}{path}"));
    for (n, v) in headers {
        if n.eq_ignore_ascii_case("host") || n.eq_ignore_ascii_case("connection") {
            continue;
        }
        b = b.header(n.to_ascii_lowercase(), v);
    }
    let has_length = headers
        .iter()
        .any(|(n, _)| n.eq_ignore_ascii_case("content-length"));
    if !body.is_empty() && !has_length {
        b = b.header("content-length", body.len());
    }
    let request = b
        .body(())
        .map_err(|err| ClientError::H2(format!("the request: {err}")))?;
    let (response, mut send) = client.send_request(request, body.is_empty()).map_err(e)?;
    if !body.is_empty() {
        send.send_data(bytes::Bytes::copy_from_slice(body.as_bytes()), true)
            .map_err(e)?;
    }
    let response = response.await.map_err(e)?;
    let (parts, mut recv) = response.into_parts();
    let mut out = Vec::new();
    while let Some(chunk) = recv.data().await {
        let chunk = chunk.map_err(e)?;
        let _ = recv.flow_control().release_capacity(chunk.len());
        out.extend_from_slice(&chunk);
    }
    driver.abort();
    Ok(Response {
        status: parts.status.as_u16(),
        reason: String::new(),
        headers: parts
            .headers
            .iter()
            .map(|(n, v)| {
                (
                    n.as_str().to_string(),
                    String::from_utf8_lossy(v.as_bytes()).into_owned(),
                )
            })
            .collect(),
        body: if method == "HEAD" {
            String::new()
        } else {
            String::from_utf8_lossy(&out).into_owned()
        },
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builds_requests() {
        let r = build_request("POST", "/x", &[("X-A".into(), "1".into())], "hi");
        assert_eq!(
            String::from_utf8(r).unwrap(),
            "POST /x HTTP/1.1\r\nHost: localhost\r\nX-A: 1\r\nContent-Length: 2\r\nConnection: close\r\n\r\nhi"
        );
    }

    #[test]
    fn parses_framings() {
        let r = try_parse(
            b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nokEXTRA",
            false,
            false,
        )
        .unwrap()
        .unwrap();
        assert_eq!((r.status, r.body.as_str()), (200, "ok"));
        assert!(try_parse(
            b"HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nok",
            false,
            false
        )
        .unwrap()
        .is_none());
        let r = try_parse(
            b"HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 404 NF\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nno\r\n0\r\n\r\n",
            false,
            false,
        )
        .unwrap()
        .unwrap();
        assert_eq!((r.status, r.body.as_str()), (404, "no"));
        assert!(try_parse(b"HTTP/1.0 200 OK\r\n\r\nabc", false, false)
            .unwrap()
            .is_none());
        let r = try_parse(b"HTTP/1.0 200 OK\r\n\r\nabc", false, true)
            .unwrap()
            .unwrap();
        assert_eq!(r.body, "abc");
        assert!(try_parse(b"garbage\r\n\r\n", false, false).is_err());
    }
}
