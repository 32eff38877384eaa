//! HTTP/1.x upstream response heads, read byte by byte as nginx's proxy
//! module reads them: the status-line and header-line state machines
//! (`ngx_http_parse_status_line`, `ngx_http_parse_header_line` with
//! underscores allowed and the "HTTP/" line skipped), what
//! `ngx_http_proxy_process_status_line` and `ngx_http_proxy_process_header`
//! do with them (HTTP/0.9 fallback, early hints, keepalive), the header
//! handlers of `ngx_http_upstream` that can fail (Content-Length,
//! Transfer-Encoding) and the buffer rule ("upstream sent too big header"
//! once `proxy_buffer_size` is full and the head is not).
//!
//! [`parse_response_head`] is pure and reparses from the start each call
//! (linear in the input), so its verdict does not depend on how the bytes
//! arrived. A [`Verdict::Partial`] when the upstream closes the connection
//! is nginx's [`PREMATURE_CLOSE`] (an "error" for `proxy_next_upstream`,
//! then 502). Every [`Verdict::Invalid`] is an "invalid_header" (not
//! retried by default: 502). The messages are logged at `[error]` with
//! " while " [`ACTION`] after them.
//!
//! Chunked response bodies go through the same `ngx_http_parse_chunked`
//! as request bodies, without a size limit: [`chunked_body`] gives
//! `head`'s [`Chunked`] for it. Its failure is logged as
//! [`INVALID_CHUNKED`] ("while reading upstream"); nginx then closes the
//! client connection, which has received whatever had been flushed (no
//! 502: the head is already out, or buffered and dropped).

use crate::profile::{has, Behaviour};
use crate::registry::Version;
use crate::runtime::head::{atoof, Chunked};

/// What nginx's configuration says about reading the response head.
#[derive(Clone, Copy, Debug)]
pub struct Limits {
    /// `proxy_buffer_size` (default one page: 4096 on x86_64).
    pub buffer_size: usize,
    /// The request was HEAD (the response has no body, whatever it says).
    pub head_request: bool,
    pub version: Version,
}

impl Limits {
    /// nginx's defaults.
    pub fn new(version: Version) -> Limits {
        Limits {
            buffer_size: 4096,
            head_request: false,
            version,
        }
    }
}

/// The context of nginx's log lines about the head.
pub const ACTION: &str = "reading response header from upstream";
/// What nginx logs when the upstream closes before the head is complete.
pub const PREMATURE_CLOSE: &str = "upstream prematurely closed connection";
/// What nginx logs ("while reading upstream") for a broken chunked body.
pub const INVALID_CHUNKED: &str = "upstream sent invalid chunked response";
/// What nginx logs when the response has no status line.
pub const NO_STATUS_LINE: &str = "upstream sent no valid HTTP/1.0 header";

/// A response head nginx accepts.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Response {
    /// 000 to 999, as sent.
    pub status: u16,
    /// From the status code to the end of the line (without CR/LF), as
    /// nginx passes it on: "200 OK", "200", "200 " or "403.1 Forbidden".
    pub status_line: Vec<u8>,
    /// Up to (999, 999).
    pub http_version: (u16, u16),
    /// Every header line as sent (names in their case, values without the
    /// spaces around them), invalid names included; the "HTTP/..." lines
    /// nginx skips are not here.
    pub headers: Vec<(Vec<u8>, Vec<u8>)>,
    /// Indices in `headers` of the repeated lines nginx ignores (1.23+):
    /// not passed on. (1.22 ignores none; of two Content-Type lines it
    /// passes the last.)
    pub ignored: Vec<usize>,
    /// nginx's `[warn]` messages about them.
    pub warnings: Vec<Vec<u8>>,
    /// The body length; `None` for chunked or when unknown (then the body
    /// runs to the end of the connection).
    pub content_length: Option<u64>,
    pub chunked: bool,
    /// HTTP/1.0 or a Connection header containing "close".
    pub connection_close: bool,
    /// The upstream connection can be kept once the body (as the head
    /// delimits it) has been read. A 101 tunnel (when the client asked
    /// for an upgrade) never is, whatever this says.
    pub keepalive: bool,
    /// 103 heads skipped before this one (nginx 1.29+).
    pub early_hints: usize,
    /// Bytes consumed, early hints included.
    pub length: usize,
}

impl Response {
    /// The response has no body (204, 304, or the answer to HEAD).
    pub fn no_body(&self, limits: &Limits) -> bool {
        self.status == 204 || self.status == 304 || limits.head_request
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Verdict {
    Complete(Box<Response>),
    /// Nothing decided yet: wait for more bytes.
    Partial,
    /// No status line: nginx logs `log` ([`NO_STATUS_LINE`]), answers as
    /// to an HTTP/0.9 request — no status line, no headers — with the
    /// upstream's bytes from `body_start` on, until the upstream closes
    /// (`$upstream_status` 200).
    Http09 {
        body_start: usize,
        log: Vec<u8>,
    },
    /// 502; `log` is nginx's `[error]` message.
    Invalid {
        log: Vec<u8>,
    },
}

/// The parser of a chunked response body.
pub fn chunked_body(version: Version) -> Chunked {
    Chunked::new(version)
}

// ---------------------------------------------------------------------------
// The status line (ngx_http_parse_status_line).

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum StatusState {
    Start,
    H,
    Ht,
    Htt,
    Http,
    FirstMajorDigit,
    MajorDigit,
    FirstMinorDigit,
    MinorDigit,
    Status,
    SpaceAfterStatus,
    StatusText,
    AlmostDone,
}

struct StatusLine {
    major: u32,
    minor: u32,
    code: u32,
    /// The code's first digit.
    start: usize,
    /// The end of the reason (the CR, or the LF).
    end: usize,
    /// After the LF.
    next: usize,
}

enum Parsed<T> {
    Again,
    Error,
    Done(T),
}

fn status_line(buf: &[u8], from: usize) -> Parsed<StatusLine> {
    use StatusState::*;
    let mut state = Start;
    let (mut major, mut minor, mut code, mut count) = (0u32, 0u32, 0u32, 0u32);
    let mut start = from;
    for (p, &ch) in buf.iter().enumerate().skip(from) {
        let digit = ch.is_ascii_digit();
        let d = u32::from(ch.wrapping_sub(b'0'));
        let done = |end: usize| {
            Parsed::Done(StatusLine {
                major,
                minor,
                code,
                start,
                end,
                next: p + 1,
            })
        };
        state = match state {
            Start if ch == b'H' => H,
            H if ch == b'T' => Ht,
            Ht if ch == b'T' => Htt,
            Htt if ch == b'P' => Http,
            Http if ch == b'/' => FirstMajorDigit,
            FirstMajorDigit if (b'1'..=b'9').contains(&ch) => {
                major = d;
                MajorDigit
            }
            MajorDigit if ch == b'.' => FirstMinorDigit,
            MajorDigit if digit && major <= 99 => {
                major = major * 10 + d;
                MajorDigit
            }
            FirstMinorDigit if digit => {
                minor = d;
                MinorDigit
            }
            MinorDigit if ch == b' ' => Status,
            MinorDigit if digit && minor <= 99 => {
                minor = minor * 10 + d;
                MinorDigit
            }
            Status if ch == b' ' => Status,
            Status if digit => {
                code = code * 10 + d;
                count += 1;
                if count == 3 {
                    start = p - 2;
                    SpaceAfterStatus
                } else {
                    Status
                }
            }
            // "403.1": IIS's sub-status belongs to the text.
            SpaceAfterStatus if ch == b' ' || ch == b'.' => StatusText,
            SpaceAfterStatus | StatusText if ch == b'\r' => AlmostDone,
            SpaceAfterStatus | StatusText if ch == b'\n' => return done(p),
            StatusText => StatusText,
            AlmostDone if ch == b'\n' => return done(p - 1),
            _ => return Parsed::Error,
        };
    }
    Parsed::Again
}

// ---------------------------------------------------------------------------
// Header lines (ngx_http_parse_header_line as the proxy calls it).

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum HeaderState {
    Start,
    Name,
    SpaceBeforeValue,
    Value,
    SpaceAfterValue,
    IgnoreLine,
    AlmostDone,
    HeaderAlmostDone,
}

enum Line {
    /// A header line: its name and value, and where the next line begins.
    Header {
        name: (usize, usize),
        value: (usize, usize),
        next: usize,
    },
    /// The empty line: the head ends before `next`.
    End { next: usize },
    /// Invalid: nginx prints the bytes from `from` to `at`, then the byte
    /// at `at` in hex.
    Invalid { from: usize, at: usize },
}

fn invalid(from: usize, at: usize) -> Option<Line> {
    Some(Line::Invalid { from, at })
}

/// Bytes that end a header name badly (":" too, first).
fn name_breaks(ch: u8) -> bool {
    ch <= 0x20 || ch == 0x7f
}

/// The line from `from`; `None` until its end is in.
fn header_line(buf: &[u8], from: usize) -> Option<Line> {
    use HeaderState::*;
    let mut state = Start;
    let (mut name_start, mut name_end, mut value_start, mut end) = (from, from, from, from);
    let mut lf = None;
    for (p, &ch) in buf.iter().enumerate().skip(from) {
        match state {
            Start => {
                name_start = p;
                end = p;
                match ch {
                    b'\r' => state = HeaderAlmostDone,
                    b'\n' => return Some(Line::End { next: p + 1 }),
                    b':' => return invalid(name_start, p),
                    _ if name_breaks(ch) => return invalid(name_start, p),
                    _ => state = Name,
                }
            }
            Name => match ch {
                b':' => {
                    name_end = p;
                    state = SpaceBeforeValue;
                }
                b'\r' | b'\n' => {
                    (name_end, value_start, end) = (p, p, p);
                    state = AlmostDone;
                }
                // IIS may repeat its status line.
                b'/' if &buf[name_start..p] == b"HTTP" => state = IgnoreLine,
                _ if name_breaks(ch) => return invalid(name_start, p),
                _ => {}
            },
            SpaceBeforeValue => match ch {
                b' ' => {}
                b'\r' | b'\n' => {
                    (value_start, end) = (p, p);
                    state = AlmostDone;
                }
                0 => return invalid(name_start, p),
                _ => {
                    value_start = p;
                    state = Value;
                }
            },
            Value => match ch {
                b' ' => {
                    end = p;
                    state = SpaceAfterValue;
                }
                b'\r' | b'\n' => {
                    end = p;
                    state = AlmostDone;
                }
                0 => return invalid(name_start, p),
                _ => {}
            },
            SpaceAfterValue => match ch {
                b' ' => {}
                b'\r' | b'\n' => state = AlmostDone,
                0 => return invalid(name_start, p),
                _ => state = Value,
            },
            IgnoreLine => {
                if ch == b'\n' {
                    state = Start;
                }
            }
            AlmostDone => match ch {
                b'\r' => {}
                b'\n' => {}
                _ => return invalid(name_start, end),
            },
            HeaderAlmostDone => {
                if ch == b'\n' {
                    return Some(Line::End { next: p + 1 });
                }
                return invalid(name_start, end);
            }
        }
        // A line ends at its LF (AlmostDone entered on the LF itself).
        if ch == b'\n' && state == AlmostDone {
            lf = Some(p);
            break;
        }
    }
    lf.map(|p| Line::Header {
        name: (name_start, name_end),
        value: (value_start, end),
        next: p + 1,
    })
}

// ---------------------------------------------------------------------------
// The head: the status line, the header lines, what the handlers check.

/// Headers kept once; a repeated line is ignored with a warning (1.23+).
const SINGLE: &[&[u8]] = &[
    b"status",
    b"content-type",
    b"date",
    b"last-modified",
    b"etag",
    b"server",
    b"location",
    b"refresh",
    b"expires",
    b"x-accel-expires",
    b"x-accel-redirect",
    b"x-accel-limit-rate",
];

fn contains_nocase(hay: &[u8], needle: &[u8]) -> bool {
    hay.windows(needle.len())
        .any(|w| w.eq_ignore_ascii_case(needle))
}

/// `"Name: value"` as nginx quotes a header line in its messages.
fn quoted(name: &[u8], value: &[u8]) -> Vec<u8> {
    [b"\"", name, b": ", value, b"\""].concat()
}

fn fail(parts: &[&[u8]]) -> Verdict {
    Verdict::Invalid {
        log: parts.concat(),
    }
}

/// The 1.23+ checks Content-Length and Transfer-Encoding share: a second
/// line of the same header (`previous`), or both headers (`other`).
fn framing_conflict(
    headers: &[(Vec<u8>, Vec<u8>)],
    name: &[u8],
    value: &[u8],
    previous: Option<usize>,
    other: bool,
) -> Option<Verdict> {
    if let Some((n, v)) = previous.and_then(|j| headers.get(j)) {
        return Some(fail(&[
            b"upstream sent duplicate header line: ",
            &quoted(name, value),
            b", previous value: ",
            &quoted(n, v),
        ]));
    }
    other.then(|| {
        fail(&[
            b"upstream sent \"Content-Length\" and \"Transfer-Encoding\" headers at the same time",
        ])
    })
}

/// One head from `from`, within `end` (the buffer's end).
enum Head {
    Again,
    Verdict(Verdict),
    /// A 103 to skip; the next head starts at `next`.
    EarlyHints {
        next: usize,
    },
}

fn one_head(buf: &[u8], from: usize, limits: &Limits, early_hints: usize) -> Head {
    let version = limits.version;
    let strict = has(version, Behaviour::UpstreamLengthChecks);
    let line = match status_line(buf, from) {
        Parsed::Again => return Head::Again,
        Parsed::Error => {
            return Head::Verdict(Verdict::Http09 {
                body_start: from,
                log: NO_STATUS_LINE.as_bytes().to_vec(),
            })
        }
        Parsed::Done(line) => line,
    };
    let http_version = line.major * 1000 + line.minor;
    let hints = line.code == 103 && has(version, Behaviour::UpstreamEarlyHints);
    if hints && http_version < 1001 {
        return Head::Verdict(fail(&[b"upstream sent HTTP/1.0 response with early hints"]));
    }
    let mut r = Response {
        status: line.code as u16,
        status_line: buf[line.start..line.end].to_vec(),
        http_version: (line.major as u16, line.minor as u16),
        headers: Vec::new(),
        ignored: Vec::new(),
        warnings: Vec::new(),
        content_length: None,
        chunked: false,
        connection_close: http_version < 1001,
        keepalive: false,
        early_hints,
        length: 0,
    };
    // The first line of each kind nginx keeps.
    let mut first: Vec<(&[u8], usize)> = Vec::new();
    let mut content_length: Option<usize> = None;
    let mut transfer_encoding: Option<usize> = None;
    let mut at = line.next;
    loop {
        let (name, value, next) = match header_line(buf, at) {
            None => return Head::Again,
            Some(Line::Invalid { from, at }) => {
                let hex = format!("\\x{:02x}...\"", buf[at]);
                return Head::Verdict(fail(&[
                    b"upstream sent invalid header: \"",
                    &buf[from..at],
                    hex.as_bytes(),
                ]));
            }
            Some(Line::End { next }) => {
                if hints {
                    return Head::EarlyHints { next };
                }
                r.length = next;
                break;
            }
            Some(Line::Header { name, value, next }) => {
                (&buf[name.0..name.1], &buf[value.0..value.1], next)
            }
        };
        at = next;
        let i = r.headers.len();
        r.headers.push((name.to_vec(), value.to_vec()));
        if hints {
            // nginx 1.29+ reads a 103's lines without handling them.
            continue;
        }
        let lower = name.to_ascii_lowercase();
        match lower.as_slice() {
            b"content-length" => {
                if strict {
                    if let Some(v) = framing_conflict(
                        &r.headers,
                        name,
                        value,
                        content_length,
                        transfer_encoding.is_some(),
                    ) {
                        return Head::Verdict(v);
                    }
                }
                content_length = Some(i);
                r.content_length = atoof(value);
                if strict && r.content_length.is_none() {
                    return Head::Verdict(fail(&[
                        b"upstream sent invalid \"Content-Length\" header: ",
                        &quoted(name, value),
                    ]));
                }
            }
            b"transfer-encoding" => {
                if strict {
                    if let Some(v) = framing_conflict(
                        &r.headers,
                        name,
                        value,
                        transfer_encoding,
                        content_length.is_some(),
                    ) {
                        return Head::Verdict(v);
                    }
                    if !value.eq_ignore_ascii_case(b"chunked") {
                        return Head::Verdict(fail(&[
                            b"upstream sent unknown \"Transfer-Encoding\": \"",
                            value,
                            b"\"",
                        ]));
                    }
                    r.chunked = true;
                } else if contains_nocase(value, b"chunked") {
                    r.chunked = true;
                }
                transfer_encoding = Some(i);
            }
            b"connection" if contains_nocase(value, b"close") => r.connection_close = true,
            n if strict && SINGLE.contains(&n) => {
                if let Some(&(_, j)) = first.iter().find(|(k, _)| *k == n) {
                    let (pn, pv) = &r.headers[j];
                    r.warnings.push(
                        [
                            b"upstream sent duplicate header line: ",
                            quoted(name, value).as_slice(),
                            b", previous value: ",
                            &quoted(pn, pv),
                            b", ignored",
                        ]
                        .concat(),
                    );
                    r.ignored.push(i);
                } else {
                    let k = SINGLE
                        .iter()
                        .find(|k| **k == n)
                        .copied()
                        .unwrap_or_default();
                    first.push((k, i));
                }
            }
            _ => {}
        }
    }
    if r.chunked {
        r.content_length = None;
    }
    let delimited = r.chunked || r.content_length.is_some() || r.no_body(limits);
    r.keepalive = delimited && !r.connection_close;
    Head::Verdict(Verdict::Complete(Box::new(r)))
}

/// nginx's verdict on what the upstream sent so far (from the first byte
/// of its response).
pub fn parse_response_head(buf: &[u8], limits: &Limits) -> Verdict {
    let size = limits.buffer_size.max(1);
    let mut from = 0;
    let mut early_hints = 0;
    loop {
        // nginx reads into a buffer of `size` bytes; after a 103 it moves
        // what follows to the buffer's start.
        let end = buf.len().min(from + size);
        match one_head(&buf[..end], from, limits, early_hints) {
            Head::Again if end - from == size => {
                return fail(&[b"upstream sent too big header"]);
            }
            Head::Again => return Verdict::Partial,
            Head::Verdict(v) => return v,
            Head::EarlyHints { next } => {
                from = next;
                early_hints += 1;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    //! Every expectation below was obtained by having a local upstream
    //! send the bytes to nginx 1.22.1 (Debian's /usr/sbin/nginx) and
    //! 1.31.3, each proxying to it with default settings, and reading what
    //! the client got and the `[error]`/`[warn]` lines of the error log
    //! ("... while reading response header from upstream"): confirmed on
    //! 1.22.1 and 1.31.3. Keepalive was seen by whether a second request
    //! through an `upstream { keepalive 4; }` reused the connection.
    use super::*;

    const V122: Version = Version::new(1, 22, 1);
    const V131: Version = Version::new(1, 31, 3);

    /// What nginx did.
    #[derive(Debug, PartialEq)]
    enum W {
        /// Passed the response on: status, Content-Length, chunked.
        Ok(u16, Option<u64>, bool),
        /// Passed the bytes from this offset on, as HTTP/0.9.
        Nine(usize),
        /// 502 with this `[error]`.
        Bad(&'static [u8]),
        /// Waited (502 "upstream prematurely closed connection" at close).
        Wait,
    }
    use W::{Bad, Nine, Ok as Pass, Wait};

    const TOO_BIG: &[u8] = b"upstream sent too big header";
    const BOTH: &[u8] =
        b"upstream sent \"Content-Length\" and \"Transfer-Encoding\" headers at the same time";

    fn limits(version: Version) -> Limits {
        Limits::new(version)
    }

    fn w(v: &Verdict) -> W {
        match v {
            Verdict::Complete(r) => Pass(r.status, r.content_length, r.chunked),
            Verdict::Http09 { body_start, log } => {
                assert_eq!(log, NO_STATUS_LINE.as_bytes());
                Nine(*body_start)
            }
            Verdict::Invalid { log } => Bad(log.clone().leak()),
            Verdict::Partial => Wait,
        }
    }

    fn response(buf: &[u8], version: Version) -> Response {
        match parse_response_head(buf, &limits(version)) {
            Verdict::Complete(r) => *r,
            v => panic!("{v:?}"),
        }
    }

    /// A 200 with these header lines and "ok" read to the close.
    fn hd(lines: &[&[u8]]) -> Vec<u8> {
        let mut v = b"HTTP/1.1 200 OK\r\n".to_vec();
        for l in lines {
            v.extend_from_slice(l);
            v.extend_from_slice(b"\r\n");
        }
        v.extend_from_slice(b"\r\nok");
        v
    }

    /// This status line, then `Content-Length: 2` and "ok".
    fn st(line: &[u8]) -> Vec<u8> {
        [line, b"\r\nContent-Length: 2\r\n\r\nok"].concat()
    }

    /// A 200 whose head is `n` bytes long (an `X` line fills it).
    fn big(n: usize) -> Vec<u8> {
        let top = b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\nX: ";
        let mut v = top.to_vec();
        v.resize(n - 4, b'a');
        v.extend_from_slice(b"\r\n\r\nok");
        v
    }

    /// A 103 whose head is `n` bytes long.
    fn hints(n: usize) -> Vec<u8> {
        let mut v = b"HTTP/1.1 103 Early Hints\r\nLink: ".to_vec();
        v.resize(n - 4, b'a');
        v.extend_from_slice(b"\r\n\r\n");
        v
    }

    const CHUNKED_OK: &[u8] = b"2\r\nok\r\n0\r\n\r\n";

    fn cases() -> Vec<(&'static str, Vec<u8>, W, W)> {
        let ok = || Pass(200, Some(2), false);
        let body = || Pass(200, None, false);
        let ch = || Pass(200, None, true);
        let r103 = b"HTTP/1.1 103 Early Hints\r\nLink: </a>\r\n\r\n";
        let final_ok = b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok";
        vec![
            // Status lines.
            ("ok", st(b"HTTP/1.1 200 OK"), ok(), ok()),
            ("no reason", st(b"HTTP/1.1 200"), ok(), ok()),
            ("no reason, space", st(b"HTTP/1.1 200 "), ok(), ok()),
            ("four digits", st(b"HTTP/1.1 2000 x"), Nine(0), Nine(0)),
            ("two digits", st(b"HTTP/1.1 20 x"), Nine(0), Nine(0)),
            ("099", st(b"HTTP/1.1 099 x"), Pass(99, Some(2), false), Pass(99, Some(2), false)),
            ("000", st(b"HTTP/1.1 000 x"), Pass(0, Some(2), false), Pass(0, Some(2), false)),
            ("999", st(b"HTTP/1.1 999 Odd"), Pass(999, Some(2), false), Pass(999, Some(2), false)),
            ("lowercase http", st(b"http/1.1 200 OK"), Nine(0), Nine(0)),
            ("HTTP/2.0", st(b"HTTP/2.0 200 OK"), ok(), ok()),
            ("HTTP/100.1", st(b"HTTP/100.1 200 OK"), ok(), ok()),
            ("HTTP/1000.1", st(b"HTTP/1000.1 200 OK"), Nine(0), Nine(0)),
            ("HTTP/1.1000", st(b"HTTP/1.1000 200 OK"), Nine(0), Nine(0)),
            ("HTTP/0.9", st(b"HTTP/0.9 200 OK"), Nine(0), Nine(0)),
            ("HTTP/1", st(b"HTTP/1 200 OK"), Nine(0), Nine(0)),
            ("junk", b"garbage\r\n\r\nmore".to_vec(), Nine(0), Nine(0)),
            ("ICY", st(b"ICY 200 OK"), Nine(0), Nine(0)),
            ("IIS sub-status", st(b"HTTP/1.1 403.1 Forbidden"), Pass(403, Some(2), false), Pass(403, Some(2), false)),
            ("spaces before the code", st(b"HTTP/1.1   201 Created"), Pass(201, Some(2), false), Pass(201, Some(2), false)),
            ("tab before the code", st(b"HTTP/1.1\t200 OK"), Nine(0), Nine(0)),
            ("letter after the code", st(b"HTTP/1.1 200x"), Nine(0), Nine(0)),
            ("CR inside the reason", st(b"HTTP/1.1 200 O\rK"), Nine(0), Nine(0)),
            ("CR CR LF", st(b"HTTP/1.1 200\r"), Nine(0), Nine(0)),
            ("CRLF first", [b"\r\n", st(b"HTTP/1.1 200 OK").as_slice()].concat(), Nine(0), Nine(0)),
            ("bare LF", b"HTTP/1.1 200 OK\nContent-Length: 2\n\nok".to_vec(), ok(), ok()),
            ("HTTP/1.0", st(b"HTTP/1.0 200 OK"), ok(), ok()),
            // Premature close.
            ("nothing", b"".to_vec(), Wait, Wait),
            ("half a status line", b"HTTP/1.1 20".to_vec(), Wait, Wait),
            ("half a head", b"HTTP/1.1 200 OK\r\nX: y\r\n".to_vec(), Wait, Wait),
            // Content-Length.
            (
                "CL twice, same",
                hd(&[b"Content-Length: 2", b"Content-Length: 2"]),
                ok(),
                Bad(b"upstream sent duplicate header line: \"Content-Length: 2\", previous value: \"Content-Length: 2\""),
            ),
            (
                "CL twice, different",
                hd(&[b"Content-Length: 2", b"Content-Length: 1"]),
                Pass(200, Some(1), false),
                Bad(b"upstream sent duplicate header line: \"Content-Length: 1\", previous value: \"Content-Length: 2\""),
            ),
            ("CL spaces", hd(&[b"Content-Length:    2    "]), ok(), ok()),
            ("CL leading zeros", hd(&[b"Content-Length: 002"]), ok(), ok()),
            ("CL case", hd(&[b"content-LENGTH: 2"]), ok(), ok()),
            ("CL +", hd(&[b"Content-Length: +2"]), body(), Bad(b"upstream sent invalid \"Content-Length\" header: \"Content-Length: +2\"")),
            ("CL -", hd(&[b"Content-Length: -2"]), body(), Bad(b"upstream sent invalid \"Content-Length\" header: \"Content-Length: -2\"")),
            (
                "CL overflow",
                hd(&[b"Content-Length: 99999999999999999999"]),
                body(),
                Bad(b"upstream sent invalid \"Content-Length\" header: \"Content-Length: 99999999999999999999\""),
            ),
            (
                "CL 2^63-1",
                b"HTTP/1.1 204 OK\r\nContent-Length: 9223372036854775807\r\n\r\n".to_vec(),
                Pass(204, Some(i64::MAX as u64), false),
                Pass(204, Some(i64::MAX as u64), false),
            ),
            (
                "CL 2^63",
                b"HTTP/1.1 204 OK\r\nContent-Length: 9223372036854775808\r\n\r\n".to_vec(),
                Pass(204, None, false),
                Bad(b"upstream sent invalid \"Content-Length\" header: \"Content-Length: 9223372036854775808\""),
            ),
            ("CL inner space", hd(&[b"Content-Length: 1 2"]), body(), Bad(b"upstream sent invalid \"Content-Length\" header: \"Content-Length: 1 2\"")),
            ("CL empty", hd(&[b"Content-Length:"]), body(), Bad(b"upstream sent invalid \"Content-Length\" header: \"Content-Length: \"")),
            (
                "CL invalid, then valid",
                hd(&[b"Content-Length: x", b"Content-Length: 2"]),
                ok(),
                Bad(b"upstream sent invalid \"Content-Length\" header: \"Content-Length: x\""),
            ),
            // Transfer-Encoding.
            (
                "TE chunked, then CL",
                [b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nContent-Length: 2\r\n\r\n".as_slice(), CHUNKED_OK].concat(),
                ch(),
                Bad(BOTH),
            ),
            (
                "CL, then TE chunked",
                [b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\nTransfer-Encoding: chunked\r\n\r\n".as_slice(), CHUNKED_OK].concat(),
                ch(),
                Bad(BOTH),
            ),
            ("TE gzip", hd(&[b"Transfer-Encoding: gzip"]), body(), Bad(b"upstream sent unknown \"Transfer-Encoding\": \"gzip\"")),
            ("TE gzip, chunked", hd(&[b"Transfer-Encoding: gzip, chunked"]), ch(), Bad(b"upstream sent unknown \"Transfer-Encoding\": \"gzip, chunked\"")),
            ("TE xchunkedx", hd(&[b"Transfer-Encoding: xchunkedx"]), ch(), Bad(b"upstream sent unknown \"Transfer-Encoding\": \"xchunkedx\"")),
            ("TE CHUNKED", hd(&[b"Transfer-Encoding: CHUNKED"]), ch(), ch()),
            ("TE spaces", hd(&[b"Transfer-Encoding:  chunked  "]), ch(), ch()),
            (
                "TE twice",
                hd(&[b"Transfer-Encoding: chunked", b"Transfer-Encoding: chunked"]),
                ch(),
                Bad(b"upstream sent duplicate header line: \"Transfer-Encoding: chunked\", previous value: \"Transfer-Encoding: chunked\""),
            ),
            // Header lines.
            ("no colon", hd(&[b"X-Foo"]), body(), body()),
            ("space before colon", hd(&[b"X-Foo : bar"]), Bad(b"upstream sent invalid header: \"X-Foo\\x20...\""), Bad(b"upstream sent invalid header: \"X-Foo\\x20...\"")),
            ("obs-fold", hd(&[b"X-Foo: a", b" b"]), Bad(b"upstream sent invalid header: \"\\x20...\""), Bad(b"upstream sent invalid header: \"\\x20...\"")),
            ("NUL in value", hd(&[b"X-Foo: a\0b"]), Bad(b"upstream sent invalid header: \"X-Foo: a\\x00...\""), Bad(b"upstream sent invalid header: \"X-Foo: a\\x00...\"")),
            ("NUL in name", hd(&[b"X-F\0oo: ab"]), Bad(b"upstream sent invalid header: \"X-F\\x00...\""), Bad(b"upstream sent invalid header: \"X-F\\x00...\"")),
            ("tab in name", hd(&[b"X\tFoo: a"]), Bad(b"upstream sent invalid header: \"X\\x09...\""), Bad(b"upstream sent invalid header: \"X\\x09...\"")),
            ("CR in value", hd(&[b"X-Foo: a\rb"]), Bad(b"upstream sent invalid header: \"X-Foo: a\\x0d...\""), Bad(b"upstream sent invalid header: \"X-Foo: a\\x0d...\"")),
            ("colon first", hd(&[b": x"]), Bad(b"upstream sent invalid header: \"\\x3a...\""), Bad(b"upstream sent invalid header: \"\\x3a...\"")),
            (
                "CR then junk at the end",
                b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\rZok".to_vec(),
                Bad(b"upstream sent invalid header: \"\\x0d...\""),
                Bad(b"upstream sent invalid header: \"\\x0d...\""),
            ),
            ("bytes >= 0x80", hd(&[b"X-F\xe9o: a\xff\x80b"]), body(), body()),
            ("CR then junk after a name", hd(&[b"X-Foo\rZ: a"]), Bad(b"upstream sent invalid header: \"X-Foo\\x0d...\""), Bad(b"upstream sent invalid header: \"X-Foo\\x0d...\"")),
            ("space, CR then junk", hd(&[b"X-Foo: a \rZ"]), Bad(b"upstream sent invalid header: \"X-Foo: a\\x20...\""), Bad(b"upstream sent invalid header: \"X-Foo: a\\x20...\"")),
            ("NUL after a space", hd(&[b"X-Foo: a \0"]), Bad(b"upstream sent invalid header: \"X-Foo: a \\x00...\""), Bad(b"upstream sent invalid header: \"X-Foo: a \\x00...\"")),
            ("NUL first in value", hd(&[b"X-Foo: \0"]), Bad(b"upstream sent invalid header: \"X-Foo: \\x00...\""), Bad(b"upstream sent invalid header: \"X-Foo: \\x00...\"")),
            ("control in name", hd(&[b"X\x01Foo: a"]), Bad(b"upstream sent invalid header: \"X\\x01...\""), Bad(b"upstream sent invalid header: \"X\\x01...\"")),
            ("DEL in name", hd(&[b"X\x7fFoo: a"]), Bad(b"upstream sent invalid header: \"X\\x7f...\""), Bad(b"upstream sent invalid header: \"X\\x7f...\"")),
            ("lowercase http/ line", hd(&[b"http/1.1 200 OK"]), Bad(b"upstream sent invalid header: \"http/1.1\\x20...\""), Bad(b"upstream sent invalid header: \"http/1.1\\x20...\"")),
            ("underscore", hd(&[b"X_Foo: a"]), body(), body()),
            ("tab in value", hd(&[b"X-Foo:\ta\t"]), body(), body()),
            ("controls in value", hd(&[b"X-Foo: a\x01\x7fb"]), body(), body()),
            ("CR CR LF", hd(&[b"X-Foo: a\r"]), body(), body()),
            ("IIS repeats its status line", hd(&[b"HTTP/1.1 200 OK"]), body(), body()),
            ("HTTPX/1 name", hd(&[b"HTTPX/1: a"]), body(), body()),
            ("Content-Length( is another name", hd(&[b"Content-Length(: 5", b"Content-Length: 2"]), ok(), ok()),
            // proxy_buffer_size.
            ("head of 4095", big(4095), ok(), ok()),
            ("head of 4096", big(4096), ok(), ok()),
            ("head of 4097", big(4097), Bad(TOO_BIG), Bad(TOO_BIG)),
            ("head of 5000", big(5000), Bad(TOO_BIG), Bad(TOO_BIG)),
            ("status line of 5000", [b"HTTP/1.1 200 ".as_slice(), &[b'O'; 5000], b"\r\n\r\n"].concat(), Bad(TOO_BIG), Bad(TOO_BIG)),
            // 1xx.
            (
                "100 first",
                [b"HTTP/1.1 100 Continue\r\n\r\n".as_slice(), final_ok].concat(),
                Pass(100, None, false),
                Pass(100, None, false),
            ),
            ("101", b"HTTP/1.1 101 Switching Protocols\r\nUpgrade: x\r\nConnection: upgrade\r\n\r\nok".to_vec(), Pass(101, None, false), Pass(101, None, false)),
            ("103 first", [r103.as_slice(), final_ok].concat(), Pass(103, None, false), ok()),
            (
                "HTTP/1.0 103",
                [b"HTTP/1.0 103 Early Hints\r\nLink: </a>\r\n\r\n".as_slice(), final_ok].concat(),
                Pass(103, None, false),
                Bad(b"upstream sent HTTP/1.0 response with early hints"),
            ),
            ("103, then junk", b"HTTP/1.1 103 Early Hints\r\n\r\njunk".to_vec(), Pass(103, None, false), Nine(28)),
            (
                "103 with CL and TE",
                [b"HTTP/1.1 103 Early Hints\r\nContent-Length: 1\r\nTransfer-Encoding: x\r\n\r\n".as_slice(), final_ok].concat(),
                Pass(103, Some(1), false),
                ok(),
            ),
            ("103 alone", b"HTTP/1.1 103 Early Hints\r\n\r\n".to_vec(), Pass(103, None, false), Wait),
            ("103 of 3000, head of 3000", [hints(3000), big(3000)].concat(), Pass(103, None, false), ok()),
            ("103 of 3000, head of 4097", [hints(3000), big(4097)].concat(), Pass(103, None, false), Bad(TOO_BIG)),
            ("two 103", [hints(100), hints(100), big(200)].concat(), Pass(103, None, false), ok()),
        ]
    }

    #[test]
    fn verdicts() {
        let mut wrong = Vec::new();
        for (name, bytes, v122, v131) in cases() {
            for (version, want) in [(V122, &v122), (V131, &v131)] {
                let got = w(&parse_response_head(&bytes, &limits(version)));
                if &got != want {
                    wrong.push(format!("{name} on {version:?}: got {got:?}, want {want:?}"));
                }
            }
        }
        assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    }

    /// A prefix is undecided or decided as the whole.
    #[test]
    fn prefixes() {
        for (name, bytes, _, _) in cases() {
            for version in [V122, V131] {
                let l = limits(version);
                let whole = parse_response_head(&bytes, &l);
                for k in 0..bytes.len() {
                    match parse_response_head(&bytes[..k], &l) {
                        Verdict::Partial => {}
                        v => assert_eq!(v, whole, "{name}, {k} bytes"),
                    }
                }
            }
        }
    }

    #[test]
    fn status_lines_as_passed_on() {
        // Confirmed on 1.22.1 and 1.31.3: the client got "HTTP/1.1 " and
        // these bytes.
        for (line, kept, version) in [
            (&b"HTTP/1.1 200 OK"[..], &b"200 OK"[..], (1, 1)),
            (b"HTTP/1.1 200", b"200", (1, 1)),
            (b"HTTP/1.1 200 ", b"200 ", (1, 1)),
            (b"HTTP/1.1 099 x", b"099 x", (1, 1)),
            (b"HTTP/1.1 403.1 Forbidden", b"403.1 Forbidden", (1, 1)),
            (b"HTTP/1.1   201 Created", b"201 Created", (1, 1)),
            (b"HTTP/2.0 200 OK", b"200 OK", (2, 0)),
            (b"HTTP/100.1 200 OK", b"200 OK", (100, 1)),
        ] {
            for v in [V122, V131] {
                let r = response(&st(line), v);
                assert_eq!(r.status_line, kept);
                assert_eq!(r.http_version, version);
                assert_eq!(r.length, line.len() + 23);
            }
        }
        let r = response(b"HTTP/1.1 200 OK\nContent-Length: 2\n\nok", V131);
        assert_eq!((r.status_line.as_slice(), r.length), (&b"200 OK"[..], 35));
    }

    #[test]
    fn header_lines_as_kept() {
        // Confirmed on 1.22.1 and 1.31.3 by the headers the client got.
        for v in [V122, V131] {
            let h = |lines: &[&[u8]]| response(&hd(lines), v).headers;
            assert_eq!(h(&[b"X-Foo"]), [(b"X-Foo".to_vec(), b"".to_vec())]);
            assert_eq!(
                h(&[b"X-F\xe9o: a\xff\x80b"]),
                [(b"X-F\xe9o".to_vec(), b"a\xff\x80b".to_vec())]
            );
            assert_eq!(
                h(&[b"X-Foo:\ta\t"]),
                [(b"X-Foo".to_vec(), b"\ta\t".to_vec())]
            );
            assert_eq!(
                h(&[b"X-Foo:   a b  "]),
                [(b"X-Foo".to_vec(), b"a b".to_vec())]
            );
            assert_eq!(h(&[b"X-Foo: a\r"]), [(b"X-Foo".to_vec(), b"a".to_vec())]);
            assert_eq!(h(&[b"X_Foo: a"]), [(b"X_Foo".to_vec(), b"a".to_vec())]);
            assert_eq!(
                h(&[b"HTTP/1.1 200 OK", b"A: b"]),
                [(b"A".to_vec(), b"b".to_vec())]
            );
            assert_eq!(h(&[b"HTTPX/1: a"]), [(b"HTTPX/1".to_vec(), b"a".to_vec())]);
        }
    }

    #[test]
    fn repeated_lines_ignored() {
        // Confirmed on 1.22.1 (nothing logged) and 1.31.3 ([warn]).
        let bytes = b"HTTP/1.1 200 OK\r\nServer: a\r\nServer: b\r\nContent-Length: 2\r\n\r\nok";
        let r = response(bytes, V122);
        assert!(r.ignored.is_empty() && r.warnings.is_empty());
        let r = response(bytes, V131);
        assert_eq!(r.ignored, [1]);
        let ct =
            b"HTTP/1.1 200 OK\r\nContent-Type: a\r\ncontent-type: b\r\nContent-Length: 2\r\n\r\nok";
        assert_eq!(
            response(ct, V131).warnings,
            [b"upstream sent duplicate header line: \"content-type: b\", previous value: \"Content-Type: a\", ignored".to_vec()]
        );
        assert_eq!(
            r.warnings,
            [b"upstream sent duplicate header line: \"Server: b\", previous value: \"Server: a\", ignored".to_vec()]
        );
    }

    #[test]
    fn early_hints() {
        // Confirmed on 1.31.3: the client got the final response only.
        let bytes = [hints(100), hints(100), big(200)].concat();
        let r = response(&bytes, V131);
        assert_eq!((r.early_hints, r.length), (2, 400));
        assert_eq!(r.headers[0].0, b"Content-Length");
        assert_eq!(response(&bytes, V122).length, 100);
    }

    #[test]
    fn keepalive() {
        // Confirmed on 1.22.1 and 1.31.3: a second request through
        // `keepalive 4` reused the connection (true) or not.
        let ka = |bytes: &[u8], head: bool, v: Version| {
            let l = Limits {
                head_request: head,
                ..limits(v)
            };
            match parse_response_head(bytes, &l) {
                Verdict::Complete(r) => r.keepalive,
                v => panic!("{v:?}"),
            }
        };
        for (bytes, head, v122, v131) in [
            (&st(b"HTTP/1.1 200 OK")[..], false, true, true),
            (&hd(&[b"Connection: close", b"Content-Length: 2"]), false, false, false),
            (&hd(&[b"Connection: CLOSE", b"Content-Length: 2"]), false, false, false),
            (&hd(&[b"Connection: keep-alive, xclosedx", b"Content-Length: 2"]), false, false, false),
            (b"HTTP/1.0 200 OK\r\nConnection: keep-alive\r\nKeep-Alive: timeout=5\r\nContent-Length: 2\r\n\r\nok", false, false, false),
            (b"HTTP/1.1 200 OK\r\nKeep-Alive: timeout=0, max=0\r\nContent-Length: 2\r\n\r\nok", false, true, true),
            (&[b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n".as_slice(), CHUNKED_OK].concat(), false, true, true),
            (b"HTTP/1.1 204 No Content\r\n\r\n", false, true, true),
            (b"HTTP/1.1 304 Not Modified\r\nContent-Length: 10\r\n\r\n", false, true, true),
            (b"HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\n", true, true, true),
            (b"HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n", false, true, true),
            (b"HTTP/1.1 101 Switching Protocols\r\nContent-Length: 0\r\n\r\n", false, true, true),
            (b"HTTP/1.1 200 OK\r\n\r\nok", false, false, false),
            (b"HTTP/1.1 103 Early Hints\r\nConnection: close\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok", false, false, true),
        ] {
            assert_eq!(ka(bytes, head, V122), v122, "{:?}", String::from_utf8_lossy(bytes));
            assert_eq!(ka(bytes, head, V131), v131, "{:?}", String::from_utf8_lossy(bytes));
        }
    }

    #[test]
    fn chunked_bodies() {
        // Confirmed on 1.22.1 and 1.31.3: the body passed on, or
        // "upstream sent invalid chunked response while reading upstream"
        // and the client connection closed.
        let run = |body: &[u8], v: Version| {
            let mut out = Vec::new();
            chunked_body(v).feed(body, &mut out).map(|s| (s, out))
        };
        for v in [V122, V131] {
            let (s, out) = run(b"4\r\nabcd\r\n0\r\n\r\n", v).unwrap();
            assert_eq!(
                (s, out.as_slice()),
                (
                    crate::runtime::head::ChunkStatus::Done { consumed: 14 },
                    &b"abcd"[..]
                )
            );
            assert!(run(b"zz\r\n", v).is_err());
            assert!(run(b"4\r\nabcd\r\nzz\r\n", v).is_err());
            assert!(run(b"ffffffffffffffffff\r\n", v).is_err());
        }
        assert!(run(b"4\nabcd\n0\n\n", V122).is_ok());
        assert!(run(b"4\nabcd\n0\n\n", V131).is_err());
    }
}
