//! The client side of a connection: reading request heads and bodies
//! (Content-Length, or chunked), judged by `head` with nginx's grammar,
//! limits and timeouts, and writing responses.

use std::time::Duration;
use tokio::io::{AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt};

/// The reading side of a client connection (TCP or TLS).
pub type Reader = Box<dyn AsyncRead + Send + Unpin>;
/// The writing side.
pub type Writer = Box<dyn AsyncWrite + Send + Unpin>;

/// One request head as the client sent it (request bytes that are not
/// UTF-8 carried as text without loss, see `octets`).
#[derive(Debug)]
pub struct RequestHead {
    pub method: String,
    pub target: String,
    /// `HTTP/1.0`, `HTTP/1.1`; empty for HTTP/0.9.
    pub protocol: String,
    /// Names as sent, in order, values without the spaces around them.
    pub headers: Vec<(String, String)>,
    /// Bytes the head took (`$request_length` before the body).
    pub length: usize,
    /// A valid Content-Length.
    pub content_length: Option<u64>,
    /// `Transfer-Encoding: chunked`.
    pub chunked: bool,
}

impl RequestHead {
    fn from_parsed(h: &super::head::Head) -> RequestHead {
        use crate::octets::to_text;
        RequestHead {
            method: to_text(&h.method),
            target: to_text(&absolute_target(h)),
            protocol: to_text(&h.protocol),
            headers: h
                .headers
                .iter()
                .map(|(n, v)| (to_text(n), to_text(v)))
                .collect(),
            length: h.request_length,
            content_length: h.content_length,
            chunked: h.chunked,
        }
    }
}

/// The target as the executor reads it: an absolute-form target keeps
/// its scheme and host (which then name the server and `$host`).
fn absolute_target(h: &super::head::Head) -> std::borrow::Cow<'_, [u8]> {
    match (&h.schema, &h.line_host) {
        // Whatever the scheme (nginx takes any), the executor reads the
        // host from an http:// form.
        (Some(_), Some(host)) => {
            let mut t = b"http://".to_vec();
            t.extend_from_slice(host);
            if !h.target.starts_with(b"/") {
                t.push(b'/');
            }
            t.extend_from_slice(&h.target);
            std::borrow::Cow::Owned(t)
        }
        _ => std::borrow::Cow::Borrowed(&h.target),
    }
}

/// `lingering_close`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Linger {
    Off,
    On,
    Always,
}

/// Why no request head could be read.
#[derive(Debug)]
pub enum HeadError {
    /// The client closed the connection (or sent nothing before closing).
    Closed,
    /// `client_header_timeout` or `keepalive_timeout` passed: nginx closes
    /// without a response.
    Timeout,
    /// A request nginx refuses: its status, `[info]` line and whether the
    /// answer is HTTP/0.9's (the page alone).
    Refuse(super::head::Refusal),
}

/// A head that was read, with the header lines nginx ignored (each one an
/// `[info]` line of the error log).
pub struct ReadHead {
    pub head: RequestHead,
    pub ignored: Vec<Vec<u8>>,
    /// HTTP/0.9: the response is the body alone.
    pub http09: bool,
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
    /// An HTTP/0.9 request: the response goes out without its head.
    pub body_only: bool,
    /// The request's body was left unread: the client may still be
    /// sending it (nginx's `r->lingering_close`).
    pub body_unread: bool,
    /// While `body_only`: how much of the head's final CRLF CRLF the
    /// bytes dropped so far ended with.
    head_end: usize,
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
            body_only: false,
            body_unread: false,
            head_end: 0,
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
            body_only: false,
            body_unread: false,
            head_end: 0,
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

    /// The next request head, judged as nginx judges it
    /// (`runtime::head`). `timeout` bounds the whole head from its first
    /// byte, as `client_header_timeout` does.
    pub async fn read_head(
        &mut self,
        timeout: Duration,
        limits: &super::head::Limits,
    ) -> Result<ReadHead, HeadError> {
        let deadline = tokio::time::Instant::now() + timeout;
        loop {
            if !self.buf.is_empty() {
                match super::head::parse_head(&self.buf, limits) {
                    super::head::Verdict::Complete(h) => {
                        let read = ReadHead {
                            head: RequestHead::from_parsed(&h),
                            ignored: h.ignored.clone(),
                            http09: h.version == (0, 9),
                        };
                        self.buf.drain(..h.length);
                        return Ok(read);
                    }
                    super::head::Verdict::Refuse(r) => return Err(HeadError::Refuse(r)),
                    super::head::Verdict::Partial => {}
                }
            }
            let left = deadline.saturating_duration_since(tokio::time::Instant::now());
            match self.fill(left).await {
                Ok(0) => {
                    return Err(if self.buf.is_empty() {
                        HeadError::Closed
                    } else {
                        HeadError::Timeout
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

    /// Read a chunked body as nginx reads it (`runtime::head::Chunked`),
    /// at most `cap` bytes of data.
    pub async fn read_chunked_body(
        &mut self,
        cap: u64,
        timeout: Duration,
        version: crate::registry::Version,
    ) -> Result<Vec<u8>, ChunkError> {
        let mut parser = super::head::Chunked::new(version).max_body(cap);
        self.read_chunked_with(&mut parser, timeout).await
    }

    /// The chunked body bytes already received, without waiting for more
    /// (what nginx looks at before it answers a request whose body it
    /// discards): `Ok(true)` when the body is complete.
    pub fn chunked_in_buffer(
        &mut self,
        parser: &mut super::head::Chunked,
    ) -> Result<bool, ChunkError> {
        let mut sink = Vec::new();
        match parser.feed(&self.buf, &mut sink) {
            Ok(super::head::ChunkStatus::Done { consumed }) => {
                self.buf.drain(..consumed);
                Ok(true)
            }
            Ok(super::head::ChunkStatus::NeedMore { consumed }) => {
                self.buf.drain(..consumed);
                Ok(false)
            }
            Err(e) => Err(ChunkError::Invalid(e)),
        }
    }

    /// Go on reading a chunked body with `parser`.
    pub async fn read_chunked_with(
        &mut self,
        parser: &mut super::head::Chunked,
        timeout: Duration,
    ) -> Result<Vec<u8>, ChunkError> {
        self.continue_if_expected()
            .await
            .map_err(|_| ChunkError::Closed)?;
        let mut body = Vec::new();
        loop {
            match parser.feed(&self.buf, &mut body) {
                Ok(super::head::ChunkStatus::Done { consumed }) => {
                    self.buf.drain(..consumed);
                    return Ok(body);
                }
                Ok(super::head::ChunkStatus::NeedMore { consumed }) => {
                    self.buf.drain(..consumed);
                    self.more(timeout).await?;
                }
                Err(e) => return Err(ChunkError::Invalid(e)),
            }
        }
    }

    async fn more(&mut self, timeout: Duration) -> Result<(), ChunkError> {
        match self.fill(timeout).await {
            Ok(0) => Err(ChunkError::Closed),
            Ok(_) => Ok(()),
            Err(_) => Err(ChunkError::Closed),
        }
    }

    /// Close as nginx's lingering close does: when the client may still
    /// be sending (bytes not read yet, or `always`), stop writing and read
    /// and drop what comes for up to `time`, each read waiting at most
    /// `timeout`, so that the response is not lost to a reset.
    pub async fn linger(&mut self, mode: Linger, time: Duration, timeout: Duration) {
        use futures_util::FutureExt;
        let pending = match mode {
            Linger::Off => return,
            Linger::Always => true,
            Linger::On => {
                let mut probe = [0u8; 1];
                self.body_unread
                    || !self.buf.is_empty()
                    || matches!(self.rd.read(&mut probe).now_or_never(), Some(Ok(1..)))
            }
        };
        if !pending || self.wr.shutdown().await.is_err() {
            return;
        }
        let deadline = tokio::time::Instant::now() + time;
        let mut scratch = vec![0u8; 4096];
        loop {
            let left = deadline.saturating_duration_since(tokio::time::Instant::now());
            if left.is_zero() {
                return;
            }
            match tokio::time::timeout(left.min(timeout), self.rd.read(&mut scratch)).await {
                Ok(Ok(1..)) => continue,
                _ => return,
            }
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
        let bytes = if self.body_only && self.head_end < 4 {
            // HTTP/0.9: drop the response head, up to its empty line.
            let mut i = 0;
            while i < bytes.len() && self.head_end < 4 {
                self.head_end = match (self.head_end, bytes[i]) {
                    (0 | 2, b'\r') => self.head_end + 1,
                    (1 | 3, b'\n') => self.head_end + 1,
                    (_, b'\r') => 1,
                    _ => 0,
                };
                i += 1;
            }
            &bytes[i..]
        } else {
            bytes
        };
        if bytes.is_empty() {
            return Ok(());
        }
        tokio::time::timeout(self.send_timeout, self.wr.write_all(bytes))
            .await
            .map_err(|_| std::io::Error::from(std::io::ErrorKind::TimedOut))?
    }
}

#[derive(Debug)]
pub enum ChunkError {
    /// Not valid chunked framing (400), or larger than allowed (413):
    /// nginx's status and log line.
    Invalid(super::head::ChunkError),
    /// The client went away.
    Closed,
}
