//! The client side of a connection: reading request heads (httparse) and
//! bodies (Content-Length, or chunked with httparse's chunk-size parser)
//! with nginx's limits and timeouts, and writing responses.

use std::time::Duration;
use tokio::io::{AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt};

/// The reading side of a client connection (TCP or TLS).
pub type Reader = Box<dyn AsyncRead + Send + Unpin>;
/// The writing side.
pub type Writer = Box<dyn AsyncWrite + Send + Unpin>;

/// nginx's `large_client_header_buffers 4 8k`: a request line or header
/// line longer than this is refused, and the head as a whole must fit the
/// four buffers.
pub const LARGE_BUFFER: usize = 8 * 1024;
pub const LARGE_BUFFERS: usize = 4;

/// The most header lines one request may have.
const MAX_HEADERS: usize = 256;

/// One request head as the client sent it.
#[derive(Debug)]
pub struct RequestHead {
    pub method: String,
    pub target: String,
    /// `HTTP/1.0` or `HTTP/1.1`.
    pub protocol: String,
    /// Names as sent, in order, values trimmed.
    pub headers: Vec<(String, String)>,
    /// Bytes the head took (`$request_length` before the body).
    pub length: usize,
}

/// Why no request head could be read.
#[derive(Debug)]
pub enum HeadError {
    /// The client closed the connection (or sent nothing before closing).
    Closed,
    /// `client_header_timeout` or `keepalive_timeout` passed: nginx closes
    /// without a response.
    Timeout,
    /// A response nginx sends before closing: 400, 414, 494-style 400.
    Refuse(u16, &'static str),
}

pub struct Client {
    pub rd: Reader,
    pub wr: Writer,
    /// Read but not consumed yet (pipelined requests, the body's start).
    pub buf: Vec<u8>,
    /// The request sent `Expect: 100-continue`: say "100 Continue" before
    /// reading its body.
    pub expects_continue: bool,
    /// `send_timeout` of the request in progress.
    pub send_timeout: Duration,
}

/// The write half of a client's TCP connection that, when dropped, leaves
/// the socket to be closed with the read half (one `close`, as nginx
/// does) instead of a `shutdown` first. An explicit `shutdown` still
/// shuts down.
struct CloseOnly(Option<tokio::net::tcp::OwnedWriteHalf>);

impl CloseOnly {
    fn half(&mut self) -> std::io::Result<&mut tokio::net::tcp::OwnedWriteHalf> {
        self.0
            .as_mut()
            .ok_or_else(|| std::io::Error::from(std::io::ErrorKind::NotConnected))
    }
}

impl Drop for CloseOnly {
    fn drop(&mut self) {
        if let Some(w) = self.0.take() {
            w.forget();
        }
    }
}

impl AsyncWrite for CloseOnly {
    fn poll_write(
        mut self: std::pin::Pin<&mut Self>,
        cx: &mut std::task::Context<'_>,
        buf: &[u8],
    ) -> std::task::Poll<std::io::Result<usize>> {
        match self.half() {
            Ok(w) => std::pin::Pin::new(w).poll_write(cx, buf),
            Err(e) => std::task::Poll::Ready(Err(e)),
        }
    }
    fn poll_write_vectored(
        mut self: std::pin::Pin<&mut Self>,
        cx: &mut std::task::Context<'_>,
        bufs: &[std::io::IoSlice<'_>],
    ) -> std::task::Poll<std::io::Result<usize>> {
        match self.half() {
            Ok(w) => std::pin::Pin::new(w).poll_write_vectored(cx, bufs),
            Err(e) => std::task::Poll::Ready(Err(e)),
        }
    }
    fn is_write_vectored(&self) -> bool {
        true
    }
    fn poll_flush(
        mut self: std::pin::Pin<&mut Self>,
        cx: &mut std::task::Context<'_>,
    ) -> std::task::Poll<std::io::Result<()>> {
        match self.half() {
            Ok(w) => std::pin::Pin::new(w).poll_flush(cx),
            Err(e) => std::task::Poll::Ready(Err(e)),
        }
    }
    fn poll_shutdown(
        mut self: std::pin::Pin<&mut Self>,
        cx: &mut std::task::Context<'_>,
    ) -> std::task::Poll<std::io::Result<()>> {
        match self.half() {
            Ok(w) => std::pin::Pin::new(w).poll_shutdown(cx),
            Err(e) => std::task::Poll::Ready(Err(e)),
        }
    }
}

impl Client {
    /// A plain TCP connection (its halves need no lock).
    pub fn tcp(stream: tokio::net::TcpStream) -> Client {
        let (rd, wr) = stream.into_split();
        Client {
            rd: Box::new(rd),
            wr: Box::new(CloseOnly(Some(wr))),
            buf: Vec::with_capacity(1024),
            expects_continue: false,
            send_timeout: Duration::from_secs(60),
        }
    }

    /// Any other stream (TLS).
    pub fn new<S: AsyncRead + AsyncWrite + Send + Unpin + 'static>(stream: S) -> Client {
        let (rd, wr) = tokio::io::split(stream);
        Client {
            rd: Box::new(rd),
            wr: Box::new(wr),
            buf: Vec::with_capacity(1024),
            expects_continue: false,
            send_timeout: Duration::from_secs(60),
        }
    }

    /// Read more bytes into the buffer; 0 at end of stream.
    async fn fill(&mut self, timeout: Duration) -> std::io::Result<usize> {
        // Read straight into the buffer's spare room (no zeroed scratch
        // array kept in the connection's state while it waits).
        self.buf.reserve(4096);
        tokio::time::timeout(timeout, self.rd.read_buf(&mut self.buf))
            .await
            .map_err(|_| std::io::Error::from(std::io::ErrorKind::TimedOut))?
    }

    /// Wait for the next bytes of the connection (0: closed). Cancelling
    /// it loses nothing: bytes are kept only when a read completes.
    pub async fn wait_data(&mut self, timeout: Duration) -> std::io::Result<usize> {
        self.fill(timeout).await
    }

    /// The next request head.
    pub async fn read_head(&mut self, timeout: Duration) -> Result<RequestHead, HeadError> {
        loop {
            // nginx skips empty lines before a request line.
            while self.buf.starts_with(b"\r\n") || self.buf.starts_with(b"\n") {
                let n = if self.buf.starts_with(b"\r\n") { 2 } else { 1 };
                self.buf.drain(..n);
            }
            if !self.buf.is_empty() {
                // Uninitialised slots: nothing to fill before parsing.
                let mut headers = [const { std::mem::MaybeUninit::uninit() }; MAX_HEADERS];
                let mut req = httparse::Request::new(&mut []);
                // nginx drops header lines with invalid names
                // (ignore_invalid_headers) and accepts runs of spaces in
                // the request line.
                let mut config = httparse::ParserConfig::default();
                config
                    .ignore_invalid_headers_in_requests(true)
                    .allow_multiple_spaces_in_request_line_delimiters(true);
                match config.parse_request_with_uninit_headers(&mut req, &self.buf, &mut headers) {
                    Ok(httparse::Status::Complete(len)) => {
                        let head = self.check_head(&req, len)?;
                        self.buf.drain(..len);
                        return Ok(head);
                    }
                    Ok(httparse::Status::Partial) => {
                        if self.buf.len() > LARGE_BUFFER * LARGE_BUFFERS {
                            return Err(self.too_large());
                        }
                    }
                    Err(httparse::Error::Version) => {
                        return Err(HeadError::Refuse(400, "invalid HTTP version"))
                    }
                    Err(httparse::Error::TooManyHeaders) => {
                        return Err(HeadError::Refuse(400, "too many headers"))
                    }
                    Err(_) => return Err(HeadError::Refuse(400, "invalid request")),
                }
            }
            match self.fill(timeout).await {
                Ok(0) => {
                    return Err(if self.buf.is_empty() {
                        HeadError::Closed
                    } else {
                        HeadError::Refuse(400, "the client closed mid-request")
                    })
                }
                Ok(_) => {}
                Err(e) if e.kind() == std::io::ErrorKind::TimedOut => {
                    return Err(HeadError::Timeout)
                }
                Err(_) => return Err(HeadError::Closed),
            }
        }
    }

    /// A partial head over the limit: a request line too long is 414,
    /// a header line too long 400 ("Request Header Or Cookie Too Large").
    fn too_large(&self) -> HeadError {
        let first_line = self.buf.iter().position(|&c| c == b'\n');
        match first_line {
            None => HeadError::Refuse(414, "request line too long"),
            Some(n) if n > LARGE_BUFFER => HeadError::Refuse(414, "request line too long"),
            Some(_) => HeadError::Refuse(494, "request header too large"),
        }
    }

    fn check_head(&self, req: &httparse::Request, len: usize) -> Result<RequestHead, HeadError> {
        let head = &self.buf[..len];
        let mut lines = head.split(|&c| c == b'\n');
        if lines.next().is_some_and(|l| l.len() > LARGE_BUFFER) {
            return Err(HeadError::Refuse(414, "request line too long"));
        }
        if lines.any(|l| l.len() > LARGE_BUFFER) {
            return Err(HeadError::Refuse(494, "request header too large"));
        }
        let headers = req
            .headers
            .iter()
            .map(|h| {
                (
                    h.name.to_string(),
                    // Spaces around a value are not part of it; a tab is
                    // (and makes a Host invalid, as nginx finds).
                    String::from_utf8_lossy(h.value)
                        .trim_matches(' ')
                        .to_string(),
                )
            })
            .collect();
        Ok(RequestHead {
            method: req.method.unwrap_or("GET").to_string(),
            target: req.path.unwrap_or("/").to_string(),
            protocol: format!("HTTP/1.{}", req.version.unwrap_or(1)),
            headers,
            length: len,
        })
    }

    /// "100 Continue" before the first body byte is read, if the client
    /// asked for it.
    async fn continue_if_expected(&mut self) -> std::io::Result<()> {
        if self.expects_continue && self.buf.is_empty() {
            self.expects_continue = false;
            self.wr.write_all(b"HTTP/1.1 100 Continue\r\n\r\n").await?;
        }
        Ok(())
    }

    /// Read `len` body bytes into `sink` (memory, then a temporary file).
    pub async fn read_body_into(
        &mut self,
        len: u64,
        sink: &mut super::body::Sink,
        timeout: Duration,
    ) -> std::io::Result<()> {
        self.continue_if_expected().await?;
        let mut left = len;
        loop {
            let take = (self.buf.len() as u64).min(left) as usize;
            if take > 0 {
                sink.write(&self.buf[..take]).await?;
                left -= take as u64;
            }
            self.buf.drain(..take);
            if left == 0 {
                return Ok(());
            }
            if self.fill(timeout).await? == 0 {
                return Err(std::io::ErrorKind::UnexpectedEof.into());
            }
        }
    }

    /// Read a chunked body, at most `cap` bytes of data (0: no cap).
    /// `Ok(None)` when it is larger than the cap.
    pub async fn read_chunked_body(
        &mut self,
        cap: u64,
        timeout: Duration,
    ) -> Result<Option<Vec<u8>>, ChunkError> {
        self.continue_if_expected()
            .await
            .map_err(|_| ChunkError::Closed)?;
        let mut body = Vec::new();
        loop {
            let (start, size) = loop {
                match httparse::parse_chunk_size(&self.buf) {
                    Ok(httparse::Status::Complete((start, size))) => break (start, size),
                    Ok(httparse::Status::Partial) => {
                        if self.buf.len() > LARGE_BUFFER {
                            return Err(ChunkError::Invalid);
                        }
                        self.more(timeout).await?;
                    }
                    Err(_) => return Err(ChunkError::Invalid),
                }
            };
            // A chunk-size line must end with CRLF (a bare LF is refused,
            // as nginx 1.29.4 does).
            if start < 2 || &self.buf[start - 2..start] != b"\r\n" {
                return Err(ChunkError::Invalid);
            }
            if size == 0 {
                self.buf.drain(..start);
                // Trailers, up to the empty line.
                loop {
                    if let Some(end) = self.buf.windows(2).position(|w| w == b"\r\n") {
                        let line_empty = end == 0;
                        self.buf.drain(..end + 2);
                        if line_empty {
                            return Ok(Some(body));
                        }
                    } else {
                        if self.buf.len() > LARGE_BUFFER {
                            return Err(ChunkError::Invalid);
                        }
                        self.more(timeout).await?;
                    }
                }
            }
            let size = usize::try_from(size).map_err(|_| ChunkError::Invalid)?;
            if cap > 0 && (body.len() + size) as u64 > cap {
                return Ok(None);
            }
            while self.buf.len() < start + size + 2 {
                self.more(timeout).await?;
            }
            if &self.buf[start + size..start + size + 2] != b"\r\n" {
                return Err(ChunkError::Invalid);
            }
            body.extend_from_slice(&self.buf[start..start + size]);
            self.buf.drain(..start + size + 2);
        }
    }

    async fn more(&mut self, timeout: Duration) -> Result<(), ChunkError> {
        match self.fill(timeout).await {
            Ok(0) => Err(ChunkError::Closed),
            Ok(_) => Ok(()),
            Err(_) => Err(ChunkError::Closed),
        }
    }

    /// Read and drop `len` body bytes (a body nginx does not use).
    pub async fn discard(&mut self, len: u64, timeout: Duration) -> std::io::Result<()> {
        let mut left = len;
        loop {
            let take = (self.buf.len() as u64).min(left) as usize;
            self.buf.drain(..take);
            left -= take as u64;
            if left == 0 {
                return Ok(());
            }
            if self.fill(timeout).await? == 0 {
                return Err(std::io::ErrorKind::UnexpectedEof.into());
            }
        }
    }

    /// Write to the client; `send_timeout` bounds each write, as nginx
    /// bounds the time between two successive writes.
    pub async fn write_all(&mut self, bytes: &[u8]) -> std::io::Result<()> {
        tokio::time::timeout(self.send_timeout, self.wr.write_all(bytes))
            .await
            .map_err(|_| std::io::Error::from(std::io::ErrorKind::TimedOut))?
    }
}

#[derive(Debug)]
pub enum ChunkError {
    /// Not valid chunked framing: 400.
    Invalid,
    /// The client went away.
    Closed,
}
