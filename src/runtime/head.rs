//! HTTP/1.x request heads and chunked request bodies, read byte by byte as
//! nginx reads them: the same state machines (`ngx_http_parse_request_line`,
//! `ngx_http_parse_header_line`, `ngx_http_parse_chunked`), the same checks
//! once a line or the whole head is in (the request-line host, the header
//! handlers, `ngx_http_process_request_header`), and the same buffer
//! accounting (`client_header_buffer_size`, then up to N
//! `large_client_header_buffers`), so that every byte string gets nginx's
//! verdict: the status, the `[info]` line nginx logs, or "wait for more".
//!
//! [`parse_head`] is pure and reparses from the start each call (linear in
//! the input); it models the first request of a connection (nothing
//! pipelined before it). [`Chunked`] is incremental: feed it the body as it
//! arrives, split anywhere.

use crate::profile::{has, Behaviour};
use crate::registry::Version;

/// The header settings of the server a host names (nginx reads each
/// header line with the settings of the server chosen so far: the Host
/// line, or the request line's host, switches to a name-based server).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct HeaderSettings {
    pub ignore_invalid_headers: bool,
    pub underscores_in_headers: bool,
}

/// The settings of the server a (validated, lower-case) host selects.
pub type ServerFor = std::sync::Arc<dyn Fn(&[u8]) -> HeaderSettings + Send + Sync>;

/// What nginx's configuration says about reading request heads.
#[derive(Clone)]
pub struct Limits {
    /// `client_header_buffer_size` (default 1k).
    pub header_buffer: usize,
    /// `large_client_header_buffers` number (default 4).
    pub large_buffers: usize,
    /// `large_client_header_buffers` size (default 8k).
    pub large_size: usize,
    /// `ignore_invalid_headers` (default on).
    pub ignore_invalid_headers: bool,
    /// `underscores_in_headers` (default off).
    pub underscores_in_headers: bool,
    /// `max_headers` (default 1000). Upstream nginx has it since 1.29.8;
    /// Debian's 1.22.1 (the reference 1.22 here) has it backported, so
    /// every profile applies it. `usize::MAX` turns it off.
    pub max_headers: usize,
    /// The server accepts CONNECT (nginx 1.31's `tunnel_pass`).
    pub allow_connect: bool,
    /// nginx decodes a request target with `.`, `//`, `%` or `#` (or an
    /// empty path) right after the request line and refuses it with 400
    /// "client sent invalid request" before reading any header. The check
    /// itself (`ngx_http_parse_complex_uri`) is not here: given, it is
    /// called with the target as sent (`$request_uri`; "/" before it when
    /// the path is empty) and answers whether nginx accepts it.
    pub check_uri: Option<fn(&[u8]) -> bool>,
    /// The header settings after a host picks a server (`None`: those
    /// above, for every line).
    pub server_for: Option<ServerFor>,
    pub version: Version,
}

impl std::fmt::Debug for Limits {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Limits")
            .field("header_buffer", &self.header_buffer)
            .field("large_buffers", &self.large_buffers)
            .field("large_size", &self.large_size)
            .field("ignore_invalid_headers", &self.ignore_invalid_headers)
            .field("underscores_in_headers", &self.underscores_in_headers)
            .field("max_headers", &self.max_headers)
            .field("version", &self.version)
            .finish_non_exhaustive()
    }
}

impl Limits {
    /// nginx's defaults.
    pub fn new(version: Version) -> Limits {
        Limits {
            header_buffer: 1024,
            large_buffers: 4,
            large_size: 8192,
            ignore_invalid_headers: true,
            underscores_in_headers: false,
            max_headers: 1000,
            allow_connect: false,
            check_uri: None,
            server_for: None,
            version,
        }
    }
}

/// The methods nginx knows by name (`r->method`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Method {
    Unknown,
    Get,
    Head,
    Post,
    Put,
    Delete,
    Mkcol,
    Copy,
    Move,
    Options,
    Propfind,
    Proppatch,
    Lock,
    Unlock,
    Patch,
    Trace,
    Connect,
}

impl Method {
    fn of(name: &[u8]) -> Method {
        match name {
            b"GET" => Method::Get,
            b"PUT" => Method::Put,
            b"POST" => Method::Post,
            b"COPY" => Method::Copy,
            b"MOVE" => Method::Move,
            b"LOCK" => Method::Lock,
            b"HEAD" => Method::Head,
            b"MKCOL" => Method::Mkcol,
            b"PATCH" => Method::Patch,
            b"TRACE" => Method::Trace,
            b"DELETE" => Method::Delete,
            b"UNLOCK" => Method::Unlock,
            b"OPTIONS" => Method::Options,
            b"CONNECT" => Method::Connect,
            b"PROPFIND" => Method::Propfind,
            b"PROPPATCH" => Method::Proppatch,
            _ => Method::Unknown,
        }
    }
}

/// The `Connection` header as nginx reads it (the last line that says
/// "close" or "keep-alive" anywhere in its value, case-insensitively).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ConnectionType {
    None,
    Close,
    KeepAlive,
}

/// What nginx noticed about the request target while parsing it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct UriFlags {
    /// `.` after `/`, `//`, or `#`.
    pub complex: bool,
    /// `%`.
    pub quoted: bool,
    /// `+`.
    pub plus: bool,
    /// `http://host?args`: the path is empty.
    pub empty_path: bool,
}

/// A request head nginx accepts.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Head {
    /// As sent.
    pub method: Vec<u8>,
    pub method_kind: Method,
    /// The request line without its line end (`$request`).
    pub request_line: Vec<u8>,
    /// The target as nginx keeps it (`$request_uri`): for an absolute
    /// target, from the path on (`/` when there is none).
    pub target: Vec<u8>,
    /// After `?` (`$args`), empty when none, as the request-line parser
    /// finds it: after a `%`, `.` or `#` in the path nginx finds `?` only
    /// while decoding the target (`ngx_http_parse_complex_uri`).
    pub args: Vec<u8>,
    pub flags: UriFlags,
    /// The scheme of an absolute target.
    pub schema: Option<Vec<u8>>,
    /// The host of an absolute target (or of CONNECT) as sent; with nginx
    /// 1.29.3 and later it includes the port.
    pub line_host: Option<Vec<u8>>,
    /// "HTTP/1.1" as sent; empty for HTTP/0.9.
    pub protocol: Vec<u8>,
    /// (0, 9) for HTTP/0.9; the minor version can reach 999.
    pub version: (u16, u16),
    /// Header lines kept, names as sent, values without the spaces around
    /// them.
    pub headers: Vec<(Vec<u8>, Vec<u8>)>,
    /// The lines nginx ignored, as its `[info]` messages.
    pub ignored: Vec<Vec<u8>>,
    /// `$host` before the server's name: the request-line host, else the
    /// Host header, validated, lowercased, without port and final dot.
    pub host: Option<Vec<u8>>,
    /// The port with that host (nginx 1.29.3 and later; 0 when none).
    pub port: u16,
    pub content_length: Option<u64>,
    pub chunked: bool,
    pub connection: ConnectionType,
    /// nginx keeps the connection open after the response (unless the
    /// response itself says otherwise).
    pub keepalive: bool,
    /// Bytes consumed, empty lines before the request line included.
    pub length: usize,
    /// `$request_length` so far: from the method on.
    pub request_length: usize,
}

/// Where nginx was when it refused (the "while ..." of its log line).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Action {
    RequestLine,
    RequestHeaders,
}

impl Action {
    pub fn text(self) -> &'static str {
        match self {
            Action::RequestLine => "reading client request line",
            Action::RequestHeaders => "reading client request headers",
        }
    }
}

/// A request nginx refuses before handling it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Refusal {
    /// 400, 405, 414, 494 (sent as 400 "Request Header Or Cookie Too
    /// Large"), 501, 505.
    pub status: u16,
    /// nginx's `[info]` message, bytes as logged (nginx does not escape).
    pub log: Vec<u8>,
    pub action: Action,
    /// HTTP/0.9: the response is the page alone, no status line.
    pub http09: bool,
    /// nginx closes with lingering close.
    pub lingering_close: bool,
    /// Lines ignored before the refusal (their `[info]` messages).
    pub ignored: Vec<Vec<u8>>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Verdict {
    Complete(Box<Head>),
    /// Nothing decided yet: wait for more bytes.
    Partial,
    Refuse(Refusal),
}

// ---------------------------------------------------------------------------
// The request line (ngx_http_parse_request_line).

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum LineState {
    Start,
    Method,
    SpacesBeforeUri,
    Schema,
    SchemaSlash,
    SchemaSlashSlash,
    SpacesBeforeHost,
    HostStart,
    Host,
    HostEnd,
    HostIpLiteral,
    PortStart,
    Port,
    AfterSlashInUri,
    CheckUri,
    Uri,
    Http09,
    HttpH,
    HttpHT,
    HttpHTT,
    HttpHTTP,
    FirstMajorDigit,
    MajorDigit,
    FirstMinorDigit,
    MinorDigit,
    SpacesAfterDigit,
    AlmostDone,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum LineError {
    Method,
    Request,
    Version,
    Method09,
}

enum Step<E> {
    More,
    Line,
    Done,
    Fail(E),
}

/// Bytes that need no attention inside a path (nginx's `usual` table).
fn usual(ch: u8) -> bool {
    !matches!(
        ch,
        0..=0x20 | b'#' | b'%' | b'+' | b'.' | b'/' | b'?' | 0x7f
    )
}

fn method_char(ch: u8) -> bool {
    ch.is_ascii_uppercase() || ch == b'_' || ch == b'-'
}

fn ip_literal_char(ch: u8) -> bool {
    ch.is_ascii_alphanumeric()
        || matches!(
            ch,
            b':' | b'-'
                | b'.'
                | b'_'
                | b'~'
                | b'!'
                | b'$'
                | b'&'
                | b'\''
                | b'('
                | b')'
                | b'*'
                | b'+'
                | b','
                | b';'
                | b'='
        )
}

struct Line {
    state: LineState,
    /// CONNECT takes an authority (nginx 1.29.3+; see the profile).
    connect_form: bool,
    /// The request-line host runs to the end of the port.
    host_with_port: bool,
    request_start: usize,
    method_end: usize,
    method: Method,
    uri_start: Option<usize>,
    uri_end: Option<usize>,
    schema_start: Option<usize>,
    schema_end: Option<usize>,
    host_start: Option<usize>,
    host_end: Option<usize>,
    args_start: Option<usize>,
    protocol_start: Option<usize>,
    request_end: Option<usize>,
    major: u32,
    minor: u32,
    flags: UriFlags,
}

impl Line {
    fn new(version: Version) -> Line {
        Line {
            state: LineState::Start,
            connect_form: has(version, Behaviour::ConnectAuthorityForm),
            host_with_port: has(version, Behaviour::ConnectAuthorityForm),
            request_start: 0,
            method_end: 0,
            method: Method::Unknown,
            uri_start: None,
            uri_end: None,
            schema_start: None,
            schema_end: None,
            host_start: None,
            host_end: None,
            args_start: None,
            protocol_start: None,
            request_end: None,
            major: 0,
            minor: 0,
            flags: UriFlags::default(),
        }
    }

    fn connect(&self) -> bool {
        self.connect_form && self.method == Method::Connect
    }

    /// The end of the target, after a path state.
    fn path_end(&mut self, p: usize, ch: u8) -> Option<Step<LineError>> {
        match ch {
            b' ' => {
                self.uri_end = Some(p);
                self.state = LineState::Http09;
            }
            b'\r' => {
                self.uri_end = Some(p);
                self.minor = 9;
                self.state = LineState::AlmostDone;
            }
            b'\n' => {
                self.uri_end = Some(p);
                self.minor = 9;
                return Some(self.done(p));
            }
            _ => return None,
        }
        Some(Step::More)
    }

    /// After the host (and port) of an absolute target.
    fn after_authority(&mut self, p: usize, ch: u8) -> Step<LineError> {
        use LineState::*;
        match ch {
            b'/' => {
                self.uri_start = Some(p);
                self.state = AfterSlashInUri;
            }
            b'?' => {
                self.uri_start = Some(p);
                self.args_start = Some(p + 1);
                self.flags.empty_path = true;
                self.state = Uri;
            }
            b' ' => {
                // The "/" after the scheme's colon stands for the path.
                let s = self.schema_end.unwrap_or(0);
                self.uri_start = Some(s + 1);
                self.uri_end = Some(s + 2);
                self.state = Http09;
            }
            _ => return Step::Fail(LineError::Request),
        }
        Step::More
    }

    fn done(&mut self, p: usize) -> Step<LineError> {
        if self.request_end.is_none() {
            self.request_end = Some(p);
        }
        self.state = LineState::Start;
        if self.http_version() == 9 && self.method != Method::Get {
            // Reported apart: the response to it is HTTP/0.9.
            return Step::Fail(LineError::Method09);
        }
        Step::Done
    }

    fn http_version(&self) -> u32 {
        self.major * 1000 + self.minor
    }

    fn byte(&mut self, buf: &[u8], p: usize) -> Step<LineError> {
        use LineState::*;
        let ch = buf[p];
        loop {
            match self.state {
                Start => {
                    self.request_start = p;
                    if ch == b'\r' || ch == b'\n' {
                        return Step::More;
                    }
                    if !method_char(ch) {
                        return Step::Fail(LineError::Method);
                    }
                    self.state = Method;
                    return Step::More;
                }
                Method => {
                    if ch == b' ' {
                        self.method_end = p - 1;
                        self.method = crate::runtime::head::Method::of(&buf[self.request_start..p]);
                        self.state = if self.connect() {
                            SpacesBeforeHost
                        } else {
                            SpacesBeforeUri
                        };
                        return Step::More;
                    }
                    if !method_char(ch) {
                        return Step::Fail(LineError::Method);
                    }
                    return Step::More;
                }
                SpacesBeforeUri => {
                    if ch == b'/' {
                        self.uri_start = Some(p);
                        self.state = AfterSlashInUri;
                    } else if ch.is_ascii_alphabetic() {
                        self.schema_start = Some(p);
                        self.state = Schema;
                    } else if ch != b' ' {
                        return Step::Fail(LineError::Request);
                    }
                    return Step::More;
                }
                Schema => {
                    if ch.is_ascii_alphanumeric() || matches!(ch, b'+' | b'-' | b'.') {
                        return Step::More;
                    }
                    if ch == b':' {
                        self.schema_end = Some(p);
                        self.state = SchemaSlash;
                        return Step::More;
                    }
                    return Step::Fail(LineError::Request);
                }
                SchemaSlash | SchemaSlashSlash => {
                    if ch != b'/' {
                        return Step::Fail(LineError::Request);
                    }
                    self.state = if self.state == SchemaSlash {
                        SchemaSlashSlash
                    } else {
                        HostStart
                    };
                    return Step::More;
                }
                SpacesBeforeHost => {
                    if ch == b' ' {
                        return Step::More;
                    }
                    self.state = HostStart;
                }
                HostStart => {
                    self.host_start = Some(p);
                    if ch == b'[' {
                        self.state = HostIpLiteral;
                        return Step::More;
                    }
                    self.state = Host;
                }
                Host => {
                    if ch.is_ascii_alphanumeric() || ch == b'.' || ch == b'-' {
                        return Step::More;
                    }
                    self.state = HostEnd;
                }
                HostEnd => {
                    if self.host_with_port {
                        if ch == b':' {
                            self.state = PortStart;
                            return Step::More;
                        }
                        self.host_end = Some(p);
                        if self.connect() {
                            return Step::Fail(LineError::Request);
                        }
                        return self.after_authority(p, ch);
                    }
                    self.host_end = Some(p);
                    if ch == b':' {
                        self.state = Port;
                        return Step::More;
                    }
                    return self.after_authority(p, ch);
                }
                HostIpLiteral => {
                    if ch == b']' {
                        self.state = HostEnd;
                    } else if !ip_literal_char(ch) {
                        return Step::Fail(LineError::Request);
                    }
                    return Step::More;
                }
                PortStart => {
                    self.state = Port;
                    if ch.is_ascii_digit() {
                        return Step::More;
                    }
                    if self.connect() {
                        return Step::Fail(LineError::Request);
                    }
                }
                Port => {
                    if ch.is_ascii_digit() {
                        return Step::More;
                    }
                    if self.host_with_port {
                        self.host_end = Some(p);
                        if self.connect() {
                            if ch == b' ' {
                                self.state = Http09;
                                return Step::More;
                            }
                            return Step::Fail(LineError::Request);
                        }
                    }
                    return self.after_authority(p, ch);
                }
                AfterSlashInUri => {
                    if usual(ch) {
                        self.state = CheckUri;
                        return Step::More;
                    }
                    if let Some(s) = self.path_end(p, ch) {
                        return s;
                    }
                    match ch {
                        b'.' | b'/' | b'#' => {
                            self.flags.complex = true;
                            self.state = Uri;
                        }
                        b'%' => {
                            self.flags.quoted = true;
                            self.state = Uri;
                        }
                        b'?' => {
                            self.args_start = Some(p + 1);
                            self.state = Uri;
                        }
                        b'+' => self.flags.plus = true,
                        _ => {
                            if ch < 0x20 || ch == 0x7f {
                                return Step::Fail(LineError::Request);
                            }
                            self.state = CheckUri;
                        }
                    }
                    return Step::More;
                }
                CheckUri => {
                    if usual(ch) {
                        return Step::More;
                    }
                    if let Some(s) = self.path_end(p, ch) {
                        return s;
                    }
                    match ch {
                        b'/' => self.state = AfterSlashInUri,
                        b'.' => {}
                        b'%' => {
                            self.flags.quoted = true;
                            self.state = Uri;
                        }
                        b'?' => {
                            self.args_start = Some(p + 1);
                            self.state = Uri;
                        }
                        b'#' => {
                            self.flags.complex = true;
                            self.state = Uri;
                        }
                        b'+' => self.flags.plus = true,
                        _ => {
                            if ch < 0x20 || ch == 0x7f {
                                return Step::Fail(LineError::Request);
                            }
                        }
                    }
                    return Step::More;
                }
                Uri => {
                    if usual(ch) {
                        return Step::More;
                    }
                    if let Some(s) = self.path_end(p, ch) {
                        return s;
                    }
                    if ch == b'#' {
                        self.flags.complex = true;
                    } else if ch < 0x20 || ch == 0x7f {
                        return Step::Fail(LineError::Request);
                    }
                    return Step::More;
                }
                Http09 => {
                    match ch {
                        b' ' => {}
                        b'\r' => {
                            self.minor = 9;
                            self.state = AlmostDone;
                        }
                        b'\n' => {
                            self.minor = 9;
                            return self.done(p);
                        }
                        b'H' => {
                            self.protocol_start = Some(p);
                            self.state = HttpH;
                        }
                        _ => return Step::Fail(LineError::Request),
                    }
                    return Step::More;
                }
                HttpH | HttpHT | HttpHTT | HttpHTTP => {
                    let (want, next) = match self.state {
                        HttpH => (b'T', HttpHT),
                        HttpHT => (b'T', HttpHTT),
                        HttpHTT => (b'P', HttpHTTP),
                        _ => (b'/', FirstMajorDigit),
                    };
                    if ch != want {
                        return Step::Fail(LineError::Request);
                    }
                    if next == FirstMajorDigit && self.connect() {
                        self.uri_start = Some(p);
                        self.uri_end = Some(p + 1);
                    }
                    self.state = next;
                    return Step::More;
                }
                FirstMajorDigit => {
                    if !(b'1'..=b'9').contains(&ch) {
                        return Step::Fail(LineError::Request);
                    }
                    self.major = u32::from(ch - b'0');
                    if self.major > 1 {
                        return Step::Fail(LineError::Version);
                    }
                    self.state = MajorDigit;
                    return Step::More;
                }
                MajorDigit => {
                    if ch == b'.' {
                        self.state = FirstMinorDigit;
                        return Step::More;
                    }
                    if !ch.is_ascii_digit() {
                        return Step::Fail(LineError::Request);
                    }
                    self.major = self.major * 10 + u32::from(ch - b'0');
                    if self.major > 1 {
                        return Step::Fail(LineError::Version);
                    }
                    return Step::More;
                }
                FirstMinorDigit => {
                    if !ch.is_ascii_digit() {
                        return Step::Fail(LineError::Request);
                    }
                    self.minor = u32::from(ch - b'0');
                    self.state = MinorDigit;
                    return Step::More;
                }
                MinorDigit => {
                    match ch {
                        b'\r' => self.state = AlmostDone,
                        b'\n' => return self.done(p),
                        b' ' => self.state = SpacesAfterDigit,
                        b'0'..=b'9' => {
                            if self.minor > 99 {
                                return Step::Fail(LineError::Request);
                            }
                            self.minor = self.minor * 10 + u32::from(ch - b'0');
                        }
                        _ => return Step::Fail(LineError::Request),
                    }
                    return Step::More;
                }
                SpacesAfterDigit => {
                    match ch {
                        b' ' => {}
                        b'\r' => self.state = AlmostDone,
                        b'\n' => return self.done(p),
                        _ => return Step::Fail(LineError::Request),
                    }
                    return Step::More;
                }
                AlmostDone => {
                    self.request_end = Some(p - 1);
                    if ch == b'\n' {
                        return self.done(p);
                    }
                    return Step::Fail(LineError::Request);
                }
            }
        }
    }
}

// ---------------------------------------------------------------------------
// Header lines (ngx_http_parse_header_line).

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum HeaderState {
    Start,
    Name,
    SpaceBeforeValue,
    Value,
    SpaceAfterValue,
    AlmostDone,
    HeaderAlmostDone,
}

/// A byte nginx's lowercase table maps: letters, digits and "-".
fn name_char(ch: u8) -> bool {
    ch.is_ascii_alphanumeric() || ch == b'-'
}

struct HeaderLine {
    state: HeaderState,
    /// Where the line (or the last one) began (`r->header_name_start`).
    name_start: Option<usize>,
    name_end: usize,
    value_start: usize,
    /// `r->header_end`: the end of the value, or the byte an invalid line
    /// is reported at.
    end: usize,
    invalid: bool,
}

impl HeaderLine {
    fn byte(&mut self, ch: u8, p: usize, underscores: bool) -> Step<()> {
        use HeaderState::*;
        match self.state {
            Start => {
                self.name_start = Some(p);
                self.invalid = false;
                match ch {
                    b'\r' => {
                        self.end = p;
                        self.state = HeaderAlmostDone;
                    }
                    b'\n' => {
                        self.end = p;
                        return Step::Done;
                    }
                    _ => {
                        self.state = Name;
                        if name_char(ch) {
                        } else if ch == b'_' {
                            self.invalid = !underscores;
                        } else if ch <= 0x20 || ch == 0x7f || ch == b':' {
                            self.end = p;
                            return Step::Fail(());
                        } else {
                            self.invalid = true;
                        }
                    }
                }
            }
            Name => {
                if name_char(ch) {
                } else if ch == b'_' {
                    if !underscores {
                        self.invalid = true;
                    }
                } else if ch == b':' {
                    self.name_end = p;
                    self.state = SpaceBeforeValue;
                } else if ch == b'\r' || ch == b'\n' {
                    self.name_end = p;
                    self.value_start = p;
                    self.end = p;
                    return self.end_of_line(ch);
                } else if ch <= 0x20 || ch == 0x7f {
                    self.end = p;
                    return Step::Fail(());
                } else {
                    self.invalid = true;
                }
            }
            SpaceBeforeValue => match ch {
                b' ' => {}
                b'\r' | b'\n' => {
                    self.value_start = p;
                    self.end = p;
                    return self.end_of_line(ch);
                }
                0 => {
                    self.end = p;
                    return Step::Fail(());
                }
                _ => {
                    self.value_start = p;
                    self.state = Value;
                }
            },
            Value => match ch {
                b' ' => {
                    self.end = p;
                    self.state = SpaceAfterValue;
                }
                b'\r' | b'\n' => {
                    self.end = p;
                    return self.end_of_line(ch);
                }
                0 => {
                    self.end = p;
                    return Step::Fail(());
                }
                _ => {}
            },
            SpaceAfterValue => match ch {
                b' ' => {}
                b'\r' | b'\n' => return self.end_of_line(ch),
                0 => {
                    self.end = p;
                    return Step::Fail(());
                }
                _ => self.state = Value,
            },
            AlmostDone => match ch {
                b'\n' => return self.end_of_line(ch),
                b'\r' => {}
                _ => return Step::Fail(()),
            },
            HeaderAlmostDone => {
                if ch == b'\n' {
                    return Step::Done;
                }
                return Step::Fail(());
            }
        }
        Step::More
    }

    fn end_of_line(&mut self, ch: u8) -> Step<()> {
        if ch == b'\r' {
            self.state = HeaderState::AlmostDone;
            return Step::More;
        }
        self.state = HeaderState::Start;
        Step::Line
    }
}

// ---------------------------------------------------------------------------
// Hosts (ngx_http_validate_host).

/// nginx's check of a Host header or request-line host: the host,
/// lowercased, without port and final dot, and the port (strict
/// validation only; 0 when none).
pub fn validate_host(host: &[u8], version: Version) -> Option<(Vec<u8>, u16)> {
    let (len, port) = if has(version, Behaviour::StrictAuthority) {
        host_strict(host)?
    } else {
        (host_loose(host)?, 0)
    };
    Some((host[..len].to_ascii_lowercase(), port))
}

/// The final-dot and emptiness rules both versions share.
fn host_len(dot_pos: usize, mut len: usize) -> Option<usize> {
    if dot_pos == len.wrapping_sub(1) {
        len -= 1;
    }
    (len > 0).then_some(len)
}

fn host_loose(host: &[u8]) -> Option<usize> {
    #[derive(PartialEq)]
    enum S {
        Usual,
        Literal,
        Rest,
    }
    let mut dot_pos = host.len();
    let mut len = host.len();
    let mut state = S::Usual;
    for (i, &ch) in host.iter().enumerate() {
        match ch {
            b'.' => {
                if dot_pos == i.wrapping_sub(1) {
                    return None;
                }
                dot_pos = i;
            }
            b':' => {
                if state == S::Usual {
                    len = i;
                    state = S::Rest;
                }
            }
            b'[' => {
                if i == 0 {
                    state = S::Literal;
                }
            }
            b']' => {
                if state == S::Literal {
                    len = i + 1;
                    state = S::Rest;
                }
            }
            _ => {
                if ch == b'/' || ch <= 0x20 || ch == 0x7f {
                    return None;
                }
            }
        }
    }
    host_len(dot_pos, len)
}

fn host_strict(host: &[u8]) -> Option<(usize, u16)> {
    #[derive(PartialEq)]
    enum S {
        HostStart,
        Host,
        IpLiteral,
        HostEnd,
        Port,
    }
    let sub_delim = |ch: u8| {
        matches!(
            ch,
            b'-' | b'_'
                | b'~'
                | b'!'
                | b'$'
                | b'&'
                | b'\''
                | b'('
                | b')'
                | b'*'
                | b'+'
                | b','
                | b';'
                | b'='
        )
    };
    let mut dot_pos = host.len();
    let mut len = host.len();
    let mut port: u32 = 0;
    let mut state = S::HostStart;
    for (i, &ch) in host.iter().enumerate() {
        if state == S::HostStart {
            if ch == b'[' {
                state = S::IpLiteral;
                continue;
            }
            state = S::Host;
        }
        match state {
            S::Host | S::IpLiteral => {
                if ch.is_ascii_alphanumeric() || sub_delim(ch) {
                    continue;
                }
                match ch {
                    b'.' => {
                        if dot_pos == i.wrapping_sub(1) {
                            return None;
                        }
                        dot_pos = i;
                    }
                    b':' if state == S::Host => {
                        len = i;
                        state = S::Port;
                    }
                    b':' => {}
                    b'%' if state == S::Host => {}
                    b']' if state == S::IpLiteral => {
                        len = i + 1;
                        state = S::HostEnd;
                    }
                    _ => return None,
                }
            }
            S::HostEnd => {
                if ch != b':' {
                    return None;
                }
                state = S::Port;
            }
            S::Port => {
                if !ch.is_ascii_digit() {
                    return None;
                }
                let d = u32::from(ch - b'0');
                if port >= 6553 && (port > 6553 || d > 5) {
                    return None;
                }
                port = port * 10 + d;
            }
            S::HostStart => unreachable!(),
        }
    }
    if state == S::IpLiteral {
        return None;
    }
    Some((host_len(dot_pos, len)?, port as u16))
}

/// `ngx_atoof`: decimal digits only, at most 2^63 - 1.
pub fn atoof(s: &[u8]) -> Option<u64> {
    if s.is_empty() {
        return None;
    }
    let mut v: u64 = 0;
    for &c in s {
        if !c.is_ascii_digit() {
            return None;
        }
        v = v.checked_mul(10)?.checked_add(u64::from(c - b'0'))?;
        if v > i64::MAX as u64 {
            return None;
        }
    }
    Some(v)
}

// ---------------------------------------------------------------------------
// The head: buffers, the line, the header lines and what nginx checks.

/// Headers nginx refuses twice (`ngx_http_process_unique_header_line`).
const UNIQUE: &[&[u8]] = &[
    b"if-modified-since",
    b"if-unmodified-since",
    b"if-match",
    b"if-none-match",
    b"content-length",
    b"content-range",
    b"if-range",
    b"transfer-encoding",
    b"expect",
    b"authorization",
    b"proxy-authorization",
];
const CONTENT_LENGTH: usize = 4;
const TRANSFER_ENCODING: usize = 7;
const PROXY_AUTHORIZATION: usize = 10;

/// The longest text of a too long header line nginx logs.
const MAX_LOGGED_LINE: usize = 2048 - 300;

fn cat(parts: &[&[u8]]) -> Vec<u8> {
    parts.concat()
}

fn contains_nocase(hay: &[u8], needle: &[u8]) -> bool {
    hay.windows(needle.len())
        .any(|w| w.eq_ignore_ascii_case(needle))
}

struct Reader<'a> {
    buf: &'a [u8],
    limits: &'a Limits,
    ignored: Vec<Vec<u8>>,
    /// The request line was an HTTP/0.9 one: refusals are the page alone.
    http09: bool,
}

impl Reader<'_> {
    fn refuse(&mut self, status: u16, log: Vec<u8>, action: Action) -> Verdict {
        Verdict::Refuse(Refusal {
            status,
            log,
            action,
            http09: self.http09,
            lingering_close: status == 494,
            ignored: std::mem::take(&mut self.ignored),
        })
    }

    fn run(&mut self) -> Verdict {
        let buf = self.buf;
        let limits = self.limits;
        let version = limits.version;
        let large = limits.large_size.max(1);
        let mut size = limits.header_buffer.max(1);
        let mut end = size;
        let mut busy = 0;
        let mut line = Line::new(version);
        let mut p = 0;

        // The request line.
        loop {
            if p == end {
                if line.state == LineState::Start {
                    // Only empty lines so far: nginx starts the buffer over.
                    end = p + size;
                } else {
                    let old = line.request_start;
                    if p - old >= large || busy >= limits.large_buffers {
                        return self.refuse(
                            414,
                            b"client sent too long URI".to_vec(),
                            Action::RequestLine,
                        );
                    }
                    busy += 1;
                    size = large;
                    end = old + large;
                }
            }
            if p == buf.len() {
                return Verdict::Partial;
            }
            match line.byte(buf, p) {
                Step::More => p += 1,
                Step::Line | Step::Done => {
                    p += 1;
                    break;
                }
                Step::Fail(e) => {
                    let (status, msg): (u16, &[u8]) = match e {
                        LineError::Method => (400, b"client sent invalid method"),
                        LineError::Request => (400, b"client sent invalid request"),
                        LineError::Version => (505, b"client sent invalid version"),
                        LineError::Method09 => {
                            (400, b"client sent invalid method in HTTP/0.9 request")
                        }
                    };
                    let mut v = self.refuse(status, msg.to_vec(), Action::RequestLine);
                    if let Verdict::Refuse(r) = &mut v {
                        r.http09 = e == LineError::Method09;
                    }
                    return v;
                }
            }
        }

        self.http09 = line.http_version() < 1000;
        let uri_start = line.uri_start.unwrap_or(p);
        let uri_end = line.uri_end.unwrap_or(uri_start).max(uri_start);
        let target = buf[uri_start..uri_end].to_vec();
        let f = line.flags;
        if f.complex || f.quoted || f.empty_path {
            if let Some(check) = limits.check_uri {
                let path = if f.empty_path {
                    cat(&[b"/", &target])
                } else {
                    target.clone()
                };
                if !check(&path) {
                    return self.refuse(
                        400,
                        b"client sent invalid request".to_vec(),
                        Action::RequestLine,
                    );
                }
            }
        }
        let mut host = None;
        let mut port = 0;
        let mut line_host = None;
        if let (Some(s), Some(e)) = (line.host_start, line.host_end) {
            let raw = &buf[s..e.max(s)];
            line_host = Some(raw.to_vec());
            match validate_host(raw, version) {
                Some((h, pt)) => {
                    host = Some(h);
                    port = pt;
                }
                None => {
                    return self.refuse(
                        400,
                        b"client sent invalid host in request line".to_vec(),
                        Action::RequestLine,
                    )
                }
            }
        }
        let mut settings = HeaderSettings {
            ignore_invalid_headers: limits.ignore_invalid_headers,
            underscores_in_headers: limits.underscores_in_headers,
        };
        if let (Some(h), Some(server_for)) = (&host, &limits.server_for) {
            settings = server_for(h);
        }
        let http_version = line.http_version();
        let request_end = line.request_end.unwrap_or(p - 1);
        let mut head = Head {
            method: buf[line.request_start..line.method_end + 1].to_vec(),
            method_kind: line.method,
            request_line: buf[line.request_start..request_end].to_vec(),
            args: match line.args_start {
                Some(a) if uri_end > a => buf[a..uri_end].to_vec(),
                _ => Vec::new(),
            },
            target,
            flags: f,
            schema: match (line.schema_start, line.schema_end) {
                (Some(s), Some(e)) => Some(buf[s..e].to_vec()),
                _ => None,
            },
            line_host,
            protocol: line
                .protocol_start
                .map(|s| buf[s..request_end].to_vec())
                .unwrap_or_default(),
            version: ((http_version / 1000) as u16, (http_version % 1000) as u16),
            headers: Vec::new(),
            ignored: Vec::new(),
            host,
            port,
            content_length: None,
            chunked: false,
            connection: ConnectionType::None,
            keepalive: false,
            length: p,
            request_length: p - line.request_start,
        };
        if http_version < 1000 {
            return Verdict::Complete(Box::new(head));
        }

        // The header lines.
        let mut hl = HeaderLine {
            state: HeaderState::Start,
            name_start: None,
            name_end: 0,
            value_start: 0,
            end: 0,
            invalid: false,
        };
        let mut host_line: Option<usize> = None;
        let mut unique: [Option<usize>; UNIQUE.len()] = [None; UNIQUE.len()];
        let action = Action::RequestHeaders;
        let mut terminated: Option<(usize, usize)> = None;
        loop {
            if p == end {
                let fresh = hl.state == HeaderState::Start;
                let fits = fresh || p - hl.name_start.unwrap_or(p) < large;
                if fits && busy < limits.large_buffers {
                    busy += 1;
                    end = if fresh { p } else { hl.name_start.unwrap_or(p) } + large;
                } else {
                    let log = match hl.name_start {
                        None => b"client sent too large request".to_vec(),
                        Some(s) => {
                            let n = (end - s).min(MAX_LOGGED_LINE);
                            let mut text = buf[s..s + n].to_vec();
                            // nginx ends the name and the value of a line it
                            // keeps with NULs in place, and logs them so when
                            // that line is the one it reports.
                            if let Some((a, b)) = terminated {
                                for at in [a, b] {
                                    if (s..s + n).contains(&at) {
                                        text[at - s] = 0;
                                    }
                                }
                            }
                            cat(&[b"client sent too long header line: \"", &text, b"...\""])
                        }
                    };
                    return self.refuse(494, log, action);
                }
            }
            if p == buf.len() {
                return Verdict::Partial;
            }
            let ch = buf[p];
            match hl.byte(ch, p, settings.underscores_in_headers) {
                Step::More => p += 1,
                Step::Fail(()) => {
                    let s = hl.name_start.unwrap_or(p);
                    let at = format!("\\x{:02x}...\"", buf[hl.end]);
                    let log = cat(&[
                        b"client sent invalid header line: \"",
                        &buf[s..hl.end],
                        at.as_bytes(),
                    ]);
                    return self.refuse(400, log, action);
                }
                Step::Line => {
                    p += 1;
                    let s = hl.name_start.unwrap_or(0);
                    if hl.invalid && settings.ignore_invalid_headers {
                        self.ignored.push(cat(&[
                            b"client sent invalid header line: \"",
                            &buf[s..hl.end],
                            b"\"",
                        ]));
                        continue;
                    }
                    if head.headers.len() >= limits.max_headers {
                        return self.refuse(
                            494,
                            b"client sent too many header lines".to_vec(),
                            action,
                        );
                    }
                    terminated = Some((hl.name_end, hl.end));
                    let name = &buf[s..hl.name_end];
                    let value = &buf[hl.value_start..hl.end.max(hl.value_start)];
                    let index = head.headers.len();
                    head.headers.push((name.to_vec(), value.to_vec()));
                    if name.eq_ignore_ascii_case(b"host") {
                        if let Some(prev) = host_line {
                            let (pn, pv) = &head.headers[prev];
                            let log = cat(&[
                                b"client sent duplicate host header: \"",
                                name,
                                b": ",
                                value,
                                b"\", previous value: \"",
                                pn,
                                b": ",
                                pv,
                                b"\"",
                            ]);
                            return self.refuse(400, log, action);
                        }
                        host_line = Some(index);
                        let Some((h, pt)) = validate_host(value, version) else {
                            return self.refuse(
                                400,
                                b"client sent invalid host header".to_vec(),
                                action,
                            );
                        };
                        if head.host.is_none() {
                            if let Some(server_for) = &limits.server_for {
                                settings = server_for(&h);
                            }
                            head.host = Some(h);
                            head.port = pt;
                        }
                    } else if name.eq_ignore_ascii_case(b"connection") {
                        if contains_nocase(value, b"close") {
                            head.connection = ConnectionType::Close;
                        } else if contains_nocase(value, b"keep-alive") {
                            head.connection = ConnectionType::KeepAlive;
                        }
                    } else if let Some(u) = UNIQUE.iter().position(|u| name.eq_ignore_ascii_case(u))
                    {
                        if u == PROXY_AUTHORIZATION
                            && !has(version, Behaviour::UniqueProxyAuthorization)
                        {
                            continue;
                        }
                        if let Some(prev) = unique[u] {
                            let (pn, pv) = &head.headers[prev];
                            let log = cat(&[
                                b"client sent duplicate header line: \"",
                                name,
                                b": ",
                                value,
                                b"\", previous value: \"",
                                pn,
                                b": ",
                                pv,
                                b"\"",
                            ]);
                            return self.refuse(400, log, action);
                        }
                        unique[u] = Some(index);
                    }
                }
                Step::Done => {
                    p += 1;
                    break;
                }
            }
        }

        // ngx_http_process_request_header.
        head.length = p;
        head.request_length = p - line.request_start;
        head.ignored = std::mem::take(&mut self.ignored);
        let refuse = |head: &mut Head, status: u16, log: Vec<u8>| {
            Verdict::Refuse(Refusal {
                status,
                log,
                action,
                http09: false,
                lingering_close: false,
                ignored: std::mem::take(&mut head.ignored),
            })
        };
        if host_line.is_none() && http_version > 1000 {
            return refuse(
                &mut head,
                400,
                b"client sent HTTP/1.1 request without \"Host\" header".to_vec(),
            );
        }
        if let Some(i) = unique[CONTENT_LENGTH] {
            match atoof(&head.headers[i].1) {
                Some(n) => head.content_length = Some(n),
                None => {
                    return refuse(
                        &mut head,
                        400,
                        b"client sent invalid \"Content-Length\" header".to_vec(),
                    )
                }
            }
        }
        if let Some(i) = unique[TRANSFER_ENCODING] {
            if http_version < 1001 {
                return refuse(
                    &mut head,
                    400,
                    b"client sent HTTP/1.0 request with \"Transfer-Encoding\" header".to_vec(),
                );
            }
            if head.headers[i].1.eq_ignore_ascii_case(b"chunked") {
                if head.content_length.is_some() {
                    return refuse(
                        &mut head,
                        400,
                        b"client sent \"Content-Length\" and \"Transfer-Encoding\" headers at the same time".to_vec(),
                    );
                }
                head.chunked = true;
            } else {
                let log = cat(&[
                    b"client sent unknown \"Transfer-Encoding\": \"",
                    &head.headers[i].1,
                    b"\"",
                ]);
                return refuse(&mut head, 501, log);
            }
        }
        if head.method_kind == Method::Connect {
            if !line.connect_form || http_version != 1001 || !limits.allow_connect {
                return refuse(&mut head, 405, b"client sent CONNECT method".to_vec());
            }
            if has(version, Behaviour::ConnectBodyRefused)
                && (head.content_length.unwrap_or(0) > 0 || head.chunked)
            {
                return refuse(
                    &mut head,
                    400,
                    b"client sent CONNECT request with body".to_vec(),
                );
            }
        }
        if head.method_kind == Method::Trace {
            return refuse(&mut head, 405, b"client sent TRACE method".to_vec());
        }
        head.keepalive = match head.connection {
            ConnectionType::None => http_version > 1000,
            ConnectionType::Close => false,
            ConnectionType::KeepAlive => true,
        };
        Verdict::Complete(Box::new(head))
    }
}

/// nginx's verdict on the start of a connection's first request: the head
/// it accepts, a refusal, or "not decided yet". `buf` is everything the
/// client sent so far; the result for a longer `buf` never contradicts a
/// refusal or a complete head found in a shorter one.
pub fn parse_head(buf: &[u8], limits: &Limits) -> Verdict {
    Reader {
        buf,
        limits,
        ignored: Vec::new(),
        http09: false,
    }
    .run()
}

// ---------------------------------------------------------------------------
// Chunked request bodies (ngx_http_parse_chunked and the request body
// filter around it).

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum ChunkState {
    ChunkStart,
    ChunkSize,
    ChunkExtension,
    ChunkExtensionAlmostDone,
    ChunkData,
    AfterData,
    AfterDataAlmostDone,
    LastChunkExtension,
    LastChunkExtensionAlmostDone,
    Trailer,
    TrailerAlmostDone,
    TrailerHeader,
    TrailerHeaderAlmostDone,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ChunkStatus {
    /// Every byte was used; the body goes on.
    NeedMore { consumed: usize },
    /// The body ended; what follows `consumed` is the next request.
    Done { consumed: usize },
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ChunkError {
    /// 400, `[error] client sent invalid chunked body`.
    Invalid,
    /// 413: a chunk would take the body past `client_max_body_size`;
    /// `[error] client intended to send too large chunked body: R+S bytes`.
    TooLarge { received: u64, size: u64 },
}

impl ChunkError {
    pub fn status(&self) -> u16 {
        match self {
            ChunkError::Invalid => 400,
            ChunkError::TooLarge { .. } => 413,
        }
    }

    /// nginx's `[error]` message.
    pub fn log(&self) -> String {
        match self {
            ChunkError::Invalid => "client sent invalid chunked body".to_string(),
            ChunkError::TooLarge { received, size } => {
                format!("client intended to send too large chunked body: {received}+{size} bytes")
            }
        }
    }
}

/// The largest `off_t`.
const MAX_OFF_T: u64 = i64::MAX as u64;

/// A chunked request body in progress.
#[derive(Clone, Debug)]
pub struct Chunked {
    state: ChunkState,
    /// The chunk's size, then what is left of its data.
    size: u64,
    /// Bare LF ends no line (nginx 1.29.4+).
    strict: bool,
    /// `client_max_body_size` (0: none).
    max_body: u64,
    /// Data bytes so far (`r->headers_in.content_length_n`).
    received: u64,
    failed: Option<ChunkError>,
}

impl Chunked {
    pub fn new(version: Version) -> Chunked {
        Chunked {
            state: ChunkState::ChunkStart,
            size: 0,
            strict: has(version, Behaviour::StrictChunkedLineEnds),
            max_body: 0,
            received: 0,
            failed: None,
        }
    }

    /// Refuse with 413 a chunk that would take the body past `max`
    /// (`client_max_body_size`; 0 means no limit).
    pub fn max_body(mut self, max: u64) -> Chunked {
        self.max_body = max;
        self
    }

    /// The body's data bytes so far.
    pub fn received(&self) -> u64 {
        self.received
    }

    /// Read `input`, appending the body's data to `out`.
    pub fn feed(&mut self, input: &[u8], out: &mut Vec<u8>) -> Result<ChunkStatus, ChunkError> {
        if let Some(e) = &self.failed {
            return Err(e.clone());
        }
        let r = self.run(input, out);
        if let Err(e) = &r {
            self.failed = Some(e.clone());
        }
        r
    }

    /// What nginx checks each time it stops at chunk data.
    fn data_checks(&self) -> Result<(), ChunkError> {
        if self.size > MAX_OFF_T - 5 {
            return Err(ChunkError::Invalid);
        }
        if self.max_body > 0 && self.max_body.saturating_sub(self.received) < self.size {
            return Err(ChunkError::TooLarge {
                received: self.received,
                size: self.size,
            });
        }
        Ok(())
    }

    fn run(&mut self, input: &[u8], out: &mut Vec<u8>) -> Result<ChunkStatus, ChunkError> {
        use ChunkState::*;
        let bad = Err(ChunkError::Invalid);
        let lax = !self.strict;
        let mut pos = 0;
        while pos < input.len() {
            let ch = input[pos];
            match self.state {
                ChunkStart => {
                    let Some(d) = (ch as char).to_digit(16) else {
                        return bad;
                    };
                    self.size = u64::from(d);
                    self.state = ChunkSize;
                }
                ChunkSize => {
                    if self.size > MAX_OFF_T / 16 {
                        return bad;
                    }
                    if let Some(d) = (ch as char).to_digit(16) {
                        self.size = self.size * 16 + u64::from(d);
                    } else {
                        let last = self.size == 0;
                        self.state = match ch {
                            b'\r' if last => LastChunkExtensionAlmostDone,
                            b'\r' => ChunkExtensionAlmostDone,
                            b'\n' if lax && last => Trailer,
                            b'\n' if lax => ChunkData,
                            b';' | b' ' | b'\t' if last => LastChunkExtension,
                            b';' | b' ' | b'\t' => ChunkExtension,
                            _ => return bad,
                        };
                    }
                }
                ChunkExtension | LastChunkExtension => {
                    let last = self.state == LastChunkExtension;
                    match ch {
                        b'\r' if last => self.state = LastChunkExtensionAlmostDone,
                        b'\r' => self.state = ChunkExtensionAlmostDone,
                        b'\n' if lax && last => self.state = Trailer,
                        b'\n' if lax => self.state = ChunkData,
                        b'\n' => return bad,
                        _ => {}
                    }
                }
                ChunkExtensionAlmostDone => {
                    if ch != b'\n' {
                        return bad;
                    }
                    self.state = ChunkData;
                }
                ChunkData => {
                    self.data_checks()?;
                    let n = (self.size.min((input.len() - pos) as u64)) as usize;
                    out.extend_from_slice(&input[pos..pos + n]);
                    self.size -= n as u64;
                    self.received += n as u64;
                    pos += n;
                    if self.size == 0 {
                        self.state = AfterData;
                    }
                    continue;
                }
                AfterData => match ch {
                    b'\r' => self.state = AfterDataAlmostDone,
                    b'\n' if lax => self.state = ChunkStart,
                    _ => return bad,
                },
                AfterDataAlmostDone => {
                    if ch != b'\n' {
                        return bad;
                    }
                    self.state = ChunkStart;
                }
                LastChunkExtensionAlmostDone => {
                    if ch != b'\n' {
                        return bad;
                    }
                    self.state = Trailer;
                }
                Trailer => match ch {
                    b'\r' => self.state = TrailerAlmostDone,
                    b'\n' if lax => return Ok(self.done(pos)),
                    b'\n' => return bad,
                    _ => self.state = TrailerHeader,
                },
                TrailerAlmostDone => {
                    if ch != b'\n' {
                        return bad;
                    }
                    return Ok(self.done(pos));
                }
                TrailerHeader => match ch {
                    b'\r' => self.state = TrailerHeaderAlmostDone,
                    b'\n' if lax => self.state = Trailer,
                    b'\n' => return bad,
                    _ => {}
                },
                TrailerHeaderAlmostDone => {
                    if ch != b'\n' {
                        return bad;
                    }
                    self.state = Trailer;
                }
            }
            pos += 1;
        }
        // nginx checks the size each time it stops for more input.
        if self.size > MAX_OFF_T - 5 {
            return bad;
        }
        Ok(ChunkStatus::NeedMore { consumed: pos })
    }

    fn done(&mut self, pos: usize) -> ChunkStatus {
        self.state = ChunkState::ChunkStart;
        self.size = 0;
        ChunkStatus::Done { consumed: pos + 1 }
    }
}

#[cfg(test)]
mod tests {
    //! Every expectation below was obtained by sending the bytes to nginx
    //! 1.22.1 (Debian's /usr/sbin/nginx) and 1.31.3 on 127.0.0.1 and
    //! reading the response and the `[info]`/`[error]` lines of its error
    //! log: confirmed on 1.22.1 and 1.31.3.
    use super::*;

    const V122: Version = Version::new(1, 22, 1);
    const V131: Version = Version::new(1, 31, 3);
    const VERSIONS: [Version; 2] = [V122, V131];

    /// What nginx answered: the status ("09:" when the answer was an
    /// HTTP/0.9 one, "494" for "Request Header Or Cookie Too Large",
    /// "PARTIAL" when it waited), its log lines (with their "while ..."),
    /// and for a 200 `$host` and `$http_x`.
    struct Want {
        status: &'static str,
        logs: &'static [&'static [u8]],
        host: Option<&'static [u8]>,
        x: Option<&'static [u8]>,
    }

    const fn w(
        status: &'static str,
        logs: &'static [&'static [u8]],
        host: Option<&'static [u8]>,
        x: Option<&'static [u8]>,
    ) -> Want {
        Want {
            status,
            logs,
            host,
            x,
        }
    }

    enum Body {
        Got(&'static [u8]),
        Fail(u16, &'static [u8]),
        Pending,
    }
    use Body::{Fail, Got, Pending};

    fn with(action: Action, log: &[u8]) -> Vec<u8> {
        cat(&[log, b" while ", action.text().as_bytes()])
    }

    /// Outcome, log lines, and two optional byte strings of a verdict.
    type Described = (String, Vec<Vec<u8>>, Option<Vec<u8>>, Option<Vec<u8>>);

    /// The verdict in the terms of [`Want`].
    fn describe(v: &Verdict, version: Version) -> Described {
        match v {
            Verdict::Partial => ("PARTIAL".into(), vec![], None, None),
            Verdict::Refuse(r) => {
                let mut logs: Vec<Vec<u8>> = r
                    .ignored
                    .iter()
                    .map(|l| with(Action::RequestHeaders, l))
                    .collect();
                logs.push(with(r.action, &r.log));
                let status = if r.http09 {
                    format!("09:{}", r.status)
                } else {
                    r.status.to_string()
                };
                (status, logs, None, None)
            }
            Verdict::Complete(h) => {
                let logs = h
                    .ignored
                    .iter()
                    .map(|l| with(Action::RequestHeaders, l))
                    .collect();
                if h.version == (0, 9) {
                    return ("09:200".into(), logs, None, None);
                }
                let host = h.host.clone().unwrap_or_else(|| b"localhost".to_vec());
                let xs: Vec<&[u8]> = h
                    .headers
                    .iter()
                    .filter(|(n, _)| n.eq_ignore_ascii_case(b"x"))
                    .map(|(_, v)| v.as_slice())
                    .collect();
                let x = if has(version, Behaviour::JoinedHeaderVariables) {
                    xs.join(&b", "[..])
                } else {
                    xs.first().map(|v| v.to_vec()).unwrap_or_default()
                };
                ("200".into(), logs, Some(host), Some(x))
            }
        }
    }

    /// The verdict on `input` is nginx's; no prefix of it gets a verdict
    /// the whole does not.
    fn check(input: &[u8], limits: &Limits, want: &Want) {
        let v = parse_head(input, limits);
        let (status, logs, host, x) = describe(&v, limits.version);
        let ctx = format!(
            "{:?} on {:?}",
            String::from_utf8_lossy(input),
            limits.version
        );
        assert_eq!(status, want.status, "{ctx}");
        let want_logs: Vec<Vec<u8>> = want.logs.iter().map(|l| l.to_vec()).collect();
        assert_eq!(
            logs.iter()
                .map(|l| String::from_utf8_lossy(l).into_owned())
                .collect::<Vec<_>>(),
            want_logs
                .iter()
                .map(|l| String::from_utf8_lossy(l).into_owned())
                .collect::<Vec<_>>(),
            "{ctx}"
        );
        assert_eq!(logs, want_logs, "{ctx}");
        if let Some(h) = want.host {
            assert_eq!(host.as_deref(), Some(h), "{ctx}");
        }
        if let Some(wx) = want.x {
            assert_eq!(x.as_deref(), Some(wx), "{ctx}");
        }
        prefixes(input, limits, &v);
    }

    fn prefixes(input: &[u8], limits: &Limits, whole: &Verdict) {
        let step = (input.len() / 300).max(1);
        for k in (0..input.len()).step_by(step) {
            match parse_head(&input[..k], limits) {
                Verdict::Partial => {}
                v => assert_eq!(
                    &v,
                    whole,
                    "prefix {k} of {:?}",
                    String::from_utf8_lossy(input)
                ),
            }
        }
    }

    fn run(table: &[(&[u8], [Want; 2])], limits: impl Fn(Version) -> Limits) {
        for (input, wants) in table {
            for (version, want) in VERSIONS.iter().zip(wants) {
                check(input, &limits(*version), want);
            }
        }
    }

    fn small(version: Version, n: usize) -> Limits {
        Limits {
            header_buffer: 64,
            large_buffers: n,
            large_size: 512,
            ..Limits::new(version)
        }
    }

    /// The project's URI normalization stands for nginx's complex-URI
    /// parse in these tests.
    fn uri_ok(target: &[u8]) -> bool {
        std::str::from_utf8(target).is_ok_and(|t| crate::ir::uri::parse(t, true).is_ok())
    }

    /// An HTTP/0.9 request whose target climbs above the root gets the
    /// 400 page without a status line (found by the differential fuzzer;
    /// `GET /%2E%2e\nx HTTP/1.1` on nginx 1.22.1 and 1.31.3).
    #[test]
    fn an_invalid_http09_target_gets_the_page_alone() {
        for v in [V122, V131] {
            let limits = Limits {
                check_uri: Some(uri_ok),
                ..Limits::new(v)
            };
            match parse_head(b"GET /%2E%2e\nx HTTP/1.1\r\n\r\n", &limits) {
                Verdict::Refuse(r) => assert!(r.status == 400 && r.http09, "{r:?}"),
                other => panic!("{other:?}"),
            }
        }
    }

    #[test]
    fn request_lines() {
        run(LINE, |v| Limits {
            check_uri: Some(uri_ok),
            ..Limits::new(v)
        });
    }

    #[test]
    fn header_lines() {
        run(HEADERS, Limits::new);
    }

    #[test]
    fn invalid_headers_kept() {
        run(UNDERSCORES_KEPT, |v| Limits {
            underscores_in_headers: true,
            ignore_invalid_headers: false,
            ..Limits::new(v)
        });
        run(INVALID_KEPT, |v| Limits {
            ignore_invalid_headers: false,
            ..Limits::new(v)
        });
        // What is kept, as sent (nginx passes it on).
        let v = parse_head(
            b"GET / HTTP/1.1\r\nHost: a\r\nX_Y: z\r\nX.Y: 1\r\n\r\n",
            &Limits {
                ignore_invalid_headers: false,
                ..Limits::new(V131)
            },
        );
        let Verdict::Complete(h) = v else {
            panic!("{v:?}")
        };
        assert_eq!(h.headers[1], (b"X_Y".to_vec(), b"z".to_vec()));
        assert_eq!(h.headers[2], (b"X.Y".to_vec(), b"1".to_vec()));
        assert!(h.ignored.is_empty());
        // An underscored Content-Length is not Content-Length.
        let v = parse_head(
            b"POST / HTTP/1.1\r\nHost: a\r\nContent_Length: 5\r\n\r\n",
            &Limits {
                underscores_in_headers: true,
                ..Limits::new(V122)
            },
        );
        let Verdict::Complete(h) = v else {
            panic!("{v:?}")
        };
        assert_eq!(h.content_length, None);
    }

    /// The smuggling vectors of the brief, one by one (all in the tables
    /// too, confirmed on 1.22.1 and 1.31.3).
    #[test]
    fn smuggling_vectors() {
        let refused = |input: &[u8]| -> Vec<(u16, Vec<u8>)> {
            VERSIONS
                .iter()
                .map(|v| match parse_head(input, &Limits::new(*v)) {
                    Verdict::Refuse(r) => (r.status, r.log),
                    other => panic!("{other:?}"),
                })
                .collect()
        };
        let both = |input: &[u8], status: u16, log: &[u8]| {
            for got in refused(input) {
                assert_eq!(
                    got,
                    (status, log.to_vec()),
                    "{:?}",
                    String::from_utf8_lossy(input)
                );
            }
        };
        let head = |h: &[u8]| cat(&[b"POST / HTTP/1.1\r\nHost: a\r\n", h, b"\r\n\r\n"]);
        both(
            &head(b"Content-Length : 43"),
            400,
            b"client sent invalid header line: \"Content-Length\\x20...\"",
        );
        both(
            &head(b"Content-Length: 43\x0b"),
            400,
            b"client sent invalid \"Content-Length\" header",
        );
        both(
            &head(b"Content-Length: 99999999999999999999999"),
            400,
            b"client sent invalid \"Content-Length\" header",
        );
        both(
            &head(b"Transfer-Encoding: chunked\x0b"),
            501,
            b"client sent unknown \"Transfer-Encoding\": \"chunked\x0b\"",
        );
        both(
            &head(b"Transfer-Encoding : chunked"),
            400,
            b"client sent invalid header line: \"Transfer-Encoding\\x20...\"",
        );
        both(
            &head(b"Transfer-Encoding:\tchunked"),
            501,
            b"client sent unknown \"Transfer-Encoding\": \"\tchunked\"",
        );
        both(
            &head(b"X: a\r\n b"),
            400,
            b"client sent invalid header line: \"\\x20...\"",
        );
        both(
            &head(b"X: a\r\n\tb"),
            400,
            b"client sent invalid header line: \"\\x09...\"",
        );
        both(
            &head(b"X Y: z"),
            400,
            b"client sent invalid header line: \"X\\x20...\"",
        );
        both(
            &head(b"X\x01Y: z"),
            400,
            b"client sent invalid header line: \"X\\x01...\"",
        );
        both(
            &head(b":x: y"),
            400,
            b"client sent invalid header line: \"\\x3a...\"",
        );
        both(
            b"post / HTTP/1.1\r\nHost: a\r\n\r\n",
            400,
            b"client sent invalid method",
        );
        both(
            &head(b"Content-Length"),
            400,
            b"client sent invalid \"Content-Length\" header",
        );
        // A name without a colon is a header with an empty value.
        let Verdict::Complete(h) = parse_head(&head(b"X-No-Colon"), &Limits::new(V131)) else {
            panic!()
        };
        assert_eq!(h.headers[1], (b"X-No-Colon".to_vec(), Vec::new()));
    }

    #[test]
    fn what_a_head_says() {
        let input = b"\r\nGET http://Ex.COM.:8080/a/./b%41+c?x=1#f HTTP/1.1 \r\nHost: other\r\nConnection: keep-alive\r\nConnection: Upgrade, CLOSE\r\nTransfer-Encoding: Chunked\r\n\r\nrest";
        let v = parse_head(input, &Limits::new(V131));
        let Verdict::Complete(h) = v else {
            panic!("{v:?}")
        };
        assert_eq!(h.method, b"GET");
        assert_eq!(h.method_kind, Method::Get);
        assert_eq!(
            h.request_line,
            b"GET http://Ex.COM.:8080/a/./b%41+c?x=1#f HTTP/1.1 "
        );
        assert_eq!(h.target, b"/a/./b%41+c?x=1#f");
        // With "%" before it, nginx finds "?" only while decoding.
        assert!(h.args.is_empty());
        // Once "." made it complex, nginx looks no further ("%" and "+").
        assert_eq!(
            h.flags,
            UriFlags {
                complex: true,
                ..UriFlags::default()
            }
        );
        assert_eq!(h.schema.as_deref(), Some(&b"http"[..]));
        assert_eq!(h.line_host.as_deref(), Some(&b"Ex.COM.:8080"[..]));
        assert_eq!(h.host.as_deref(), Some(&b"ex.com"[..]));
        assert_eq!(h.port, 8080);
        assert_eq!(h.protocol, b"HTTP/1.1 ");
        assert_eq!(h.version, (1, 1));
        assert!(h.chunked);
        assert_eq!(h.content_length, None);
        assert_eq!(h.connection, ConnectionType::Close);
        assert!(!h.keepalive);
        assert_eq!(h.length, input.len() - 4);
        assert_eq!(h.request_length, h.length - 2);
        // 1.22.1 keeps the port out of the request-line host.
        let v = parse_head(b"GET http://a:1/ HTTP/1.0\r\n\r\n", &Limits::new(V122));
        let Verdict::Complete(h) = v else {
            panic!("{v:?}")
        };
        assert_eq!(h.line_host.as_deref(), Some(&b"a"[..]));
        assert_eq!((h.version, h.keepalive), ((1, 0), false));
        // Empty path: nginx's target is what follows the host.
        let v = parse_head(
            b"GET http://a?q HTTP/1.0\r\nConnection: x-keep-alive\r\n\r\n",
            &Limits::new(V122),
        );
        let Verdict::Complete(h) = v else {
            panic!("{v:?}")
        };
        assert_eq!(
            (h.target.as_slice(), h.args.as_slice()),
            (&b"?q"[..], &b"q"[..])
        );
        assert!(h.flags.empty_path && h.keepalive);
        let v = parse_head(b"GET /a+b?c=d#e HTTP/1.0\r\n\r\n", &Limits::new(V122));
        let Verdict::Complete(h) = v else {
            panic!("{v:?}")
        };
        assert_eq!(h.args, b"c=d#e");
        assert!(h.flags.plus && h.flags.complex);
        // No path at all: "/".
        let v = parse_head(b"GET http://a HTTP/1.0\r\n\r\n", &Limits::new(V131));
        let Verdict::Complete(h) = v else {
            panic!("{v:?}")
        };
        assert_eq!(h.target, b"/");
        // HTTP/0.9: no headers.
        let v = parse_head(b"GET /x\r\nHost: a\r\n", &Limits::new(V131));
        let Verdict::Complete(h) = v else {
            panic!("{v:?}")
        };
        assert_eq!((h.version, h.length, h.protocol.len()), ((0, 9), 8, 0));
    }

    #[test]
    fn keepalive_as_nginx_answers() {
        // Confirmed on 1.22.1 and 1.31.3 (keepalive_timeout 5): the
        // response's Connection header.
        for (input, keep) in [
            (&b"GET / HTTP/1.1\r\nHost: a\r\n\r\n"[..], true),
            (
                b"GET / HTTP/1.1\r\nHost: a\r\nConnection: Keep-Alive, CLOSE\r\n\r\n",
                false,
            ),
            (b"GET / HTTP/1.0\r\n\r\n", false),
            (
                b"GET / HTTP/1.0\r\nConnection: x-keep-alive-y\r\n\r\n",
                true,
            ),
            (
                b"GET / HTTP/1.1\r\nHost: a\r\nConnection: close\r\nConnection: keep-alive\r\n\r\n",
                true,
            ),
            (
                b"GET / HTTP/1.1\r\nHost: a\r\nConnection: close\r\nConnection: upgrade\r\n\r\n",
                false,
            ),
        ] {
            for v in VERSIONS {
                let Verdict::Complete(h) = parse_head(input, &Limits::new(v)) else {
                    panic!()
                };
                assert_eq!(h.keepalive, keep, "{:?}", String::from_utf8_lossy(input));
            }
        }
    }

    /// `client_header_buffer_size 64; large_client_header_buffers 2 512;`
    /// (and `1 512` where said), confirmed on 1.22.1 and 1.31.3.
    #[test]
    fn buffers() {
        let line = |n: usize, rest: &[u8]| cat(&[b"GET /", &vec![b'a'; n], b" HTTP/1.1\r\n", rest]);
        let header = |n: usize| cat(&[b"X: ", &vec![b'b'; n], b"\r\n"]);
        let host = b"Host: a\r\n\r\n";
        let ok = w("200", &[], Some(b"a"), None);
        let uri = w(
            "414",
            &[b"client sent too long URI while reading client request line"],
            None,
            None,
        );
        let both = |input: &[u8], n: usize, want: &Want| {
            for v in VERSIONS {
                check(input, &small(v, n), want);
            }
        };
        // A request line of 512 bytes with its CRLF fits a large buffer; 513 do not.
        both(&line(496, host), 2, &ok);
        both(&line(497, host), 2, &uri);
        both(
            &line(497, b"")[..497 + 5],
            2,
            &w("PARTIAL", &[], None, None),
        );
        // Leading empty lines do not count: nginx starts its buffer over.
        both(&cat(&[&b"\r\n".repeat(101), &line(496, host)]), 2, &ok);
        both(&cat(&[&b"\r\n".repeat(101), &line(497, host)]), 2, &uri);
        both(&line(40, host), 2, &ok);
        both(&cat(&[b"GET /", &[b'a'; 600], b"\r\n"]), 2, &uri);
        // A header line of 512 bytes fits; 513 do not.
        let base = |h: &[u8]| cat(&[b"GET / HTTP/1.1\r\nHost: a\r\n", h, b"\r\n"]);
        both(&base(&header(507)), 2, &ok);
        let long = cat(&[
            b"client sent too long header line: \"X: ",
            &[b'b'; 508],
            b"\r...\" while reading client request headers",
        ]);
        let want = Want {
            status: "494",
            logs: Box::leak(vec![&*Box::leak(long.into_boxed_slice())].into_boxed_slice()),
            host: None,
            x: None,
        };
        both(&base(&header(507 + 1)), 2, &want);
        // Each line that crosses a buffer's end takes a new one.
        both(&base(&header(395).repeat(2)), 2, &ok);
        let third = cat(&[
            b"client sent too long header line: \"X: ",
            &[b'b'; 109],
            b"...\" while reading client request headers",
        ]);
        let want = Want {
            status: "494",
            logs: Box::leak(vec![&*Box::leak(third.into_boxed_slice())].into_boxed_slice()),
            host: None,
            x: None,
        };
        both(&base(&header(395).repeat(3)), 2, &want);
        // The line nginx logs when a line ends a buffer and none is left is
        // the one before, as nginx left it: NULs after its name and value.
        let stale = cat(&[
            b"client sent too long header line: \"X\0 ",
            &[b'b'; 507],
            b"\0\n...\" while reading client request headers",
        ]);
        let want = Want {
            status: "494",
            logs: Box::leak(vec![&*Box::leak(stale.into_boxed_slice())].into_boxed_slice()),
            host: None,
            x: None,
        };
        both(
            &cat(&[&line(496, b"")[..], &header(507), b"\r\n"]),
            2,
            &want,
        );
        // The CR of the empty line at a buffer's end needs a buffer too.
        let input = cat(&[
            b"GET /",
            &[b'a'; 496],
            b" HTTP/1.0\r\n",
            &header(506),
            b"\r\n",
        ]);
        both(&input, 2, &w("494", &[b"client sent too long header line: \"\r...\" while reading client request headers"], None, None));
        // With one large buffer: a request line that fills it leaves none.
        both(
            &line(496, host),
            1,
            &w(
                "494",
                &[b"client sent too large request while reading client request headers"],
                None,
                None,
            ),
        );
        both(&line(495, host), 1, &w("494", &[b"client sent too long header line: \"H...\" while reading client request headers"], None, None));
    }

    /// `max_headers` 1000 (default): confirmed on 1.22.1 (Debian's, with
    /// the backport) and 1.31.3.
    #[test]
    fn too_many_header_lines() {
        let input = |n: usize, extra: &[u8]| {
            cat(&[
                b"GET / HTTP/1.1\r\nHost: a\r\n",
                &b"a: b\r\n".repeat(n),
                extra,
                b"\r\n",
            ])
        };
        for v in VERSIONS {
            let l = Limits::new(v);
            assert!(matches!(
                parse_head(&input(999, b""), &l),
                Verdict::Complete(_)
            ));
            let Verdict::Refuse(r) = parse_head(&input(1000, b""), &l) else {
                panic!()
            };
            assert_eq!(
                (r.status, r.log.as_slice()),
                (494, &b"client sent too many header lines"[..])
            );
            let Verdict::Complete(h) = parse_head(&input(999, b"a.b: c\r\n"), &l) else {
                panic!()
            };
            assert_eq!(
                h.ignored,
                vec![b"client sent invalid header line: \"a.b: c\"".to_vec()]
            );
        }
    }

    /// Version differences, each in the tables above too.
    #[test]
    fn duplicate_proxy_authorization() {
        let input = b"GET / HTTP/1.1\r\nHost: a\r\nProxy-Authorization: a\r\nProxy-Authorization: b\r\n\r\n";
        assert!(matches!(
            parse_head(input, &Limits::new(V122)),
            Verdict::Complete(_)
        ));
        assert!(matches!(
            parse_head(input, &Limits::new(V131)),
            Verdict::Refuse(Refusal { status: 400, .. })
        ));
        assert!(matches!(
            parse_head(input, &Limits::new(Version::new(1, 29, 6))),
            Verdict::Complete(_)
        ));
        assert!(matches!(
            parse_head(input, &Limits::new(Version::new(1, 29, 7))),
            Verdict::Refuse(_)
        ));
    }

    /// CONNECT with `tunnel_pass` (from nginx 1.31.3's source: with the
    /// authority form, HTTP/1.1 only, and no body since 1.31.3).
    #[test]
    fn connect_allowed() {
        let l = |v| Limits {
            allow_connect: true,
            ..Limits::new(v)
        };
        let Verdict::Complete(h) = parse_head(
            b"CONNECT ex.com:443 HTTP/1.1\r\nHost: ex.com\r\n\r\n",
            &l(V131),
        ) else {
            panic!()
        };
        assert_eq!(
            (h.host.as_deref(), h.port, h.target.as_slice()),
            (Some(&b"ex.com"[..]), 443, &b"/"[..])
        );
        let Verdict::Refuse(r) = parse_head(b"CONNECT ex.com:443 HTTP/1.0\r\n\r\n", &l(V131))
        else {
            panic!()
        };
        assert_eq!(
            (r.status, r.log.as_slice()),
            (405, &b"client sent CONNECT method"[..])
        );
        let body = b"CONNECT ex.com:443 HTTP/1.1\r\nHost: ex.com\r\nContent-Length: 1\r\n\r\n";
        let Verdict::Refuse(r) = parse_head(body, &l(V131)) else {
            panic!()
        };
        assert_eq!(
            (r.status, r.log.as_slice()),
            (400, &b"client sent CONNECT request with body"[..])
        );
        assert!(matches!(
            parse_head(body, &l(Version::new(1, 31, 2))),
            Verdict::Complete(_)
        ));
        let Verdict::Refuse(r) = parse_head(b"CONNECT / HTTP/1.1\r\nHost: a\r\n\r\n", &l(V122))
        else {
            panic!()
        };
        assert_eq!(r.status, 405);
    }

    #[test]
    fn uri_check_comes_before_headers() {
        fn no_dotdot(t: &[u8]) -> bool {
            !t.starts_with(b"/..")
        }
        let l = Limits {
            check_uri: Some(no_dotdot),
            ..Limits::new(V131)
        };
        // Refused as soon as the line is in (confirmed: "uri dotdot").
        let Verdict::Refuse(r) = parse_head(b"GET /../x HTTP/1.1\r\n", &l) else {
            panic!()
        };
        assert_eq!((r.status, r.action), (400, Action::RequestLine));
        assert!(matches!(
            parse_head(b"GET /a/../x HTTP/1.1\r\nHost: a\r\n\r\n", &l),
            Verdict::Complete(_)
        ));
    }

    #[test]
    fn hosts() {
        for (host, v122, v131) in [
            (
                &b"A.Example."[..],
                Some((&b"a.example"[..], 0)),
                Some((&b"a.example"[..], 0)),
            ),
            (b"a:8080", Some((b"a", 0)), Some((b"a", 8080))),
            (b"[::1]:80", Some((b"[::1]", 0)), Some((b"[::1]", 80))),
            (b"a:65536", Some((b"a", 0)), None),
            (b"a..b", None, None),
            (b"", None, None),
            (b"a/b", None, None),
        ] {
            let own = |r: Option<(&[u8], u16)>| r.map(|(h, p)| (h.to_vec(), p));
            assert_eq!(validate_host(host, V122), own(v122));
            assert_eq!(validate_host(host, V131), own(v131));
        }
        assert_eq!(atoof(b"9223372036854775807"), Some(i64::MAX as u64));
        assert_eq!(atoof(b"9223372036854775808"), None);
        assert_eq!(atoof(b""), None);
    }

    fn feed_all(
        version: Version,
        body: &[u8],
        split: usize,
    ) -> Result<(Vec<u8>, Option<usize>), ChunkError> {
        let mut c = Chunked::new(version).max_body(1 << 20);
        let mut out = Vec::new();
        let mut at = 0;
        for part in body.chunks(split.max(1)) {
            match c.feed(part, &mut out)? {
                ChunkStatus::NeedMore { consumed } => {
                    assert_eq!(consumed, part.len());
                    at += consumed;
                }
                ChunkStatus::Done { consumed } => return Ok((out, Some(at + consumed))),
            }
        }
        Ok((out, None))
    }

    #[test]
    fn chunked_bodies() {
        for (body, wants) in CHUNKED {
            for (v, want) in VERSIONS.iter().zip(wants) {
                for split in [body.len(), 1, 2, 3, 7] {
                    let got = feed_all(*v, body, split);
                    let ctx = format!("{:?} on {v:?} split {split}", String::from_utf8_lossy(body));
                    match (want, got) {
                        (Got(data), Ok((out, Some(end)))) => {
                            assert_eq!((out.as_slice(), end), (*data, body.len()), "{ctx}")
                        }
                        (Pending, Ok((_, None))) => {}
                        (Fail(status, log), Err(e)) => {
                            assert_eq!((e.status(), e.log().as_bytes()), (*status, *log), "{ctx}")
                        }
                        (_, got) => panic!("{ctx}: {got:?}"),
                    }
                }
            }
        }
        // Two chunks past client_max_body_size 1m: the second is refused
        // with what came before it (confirmed on both).
        let body = cat(&[b"80000\r\n", &vec![b'a'; 0x80000], b"\r\n80001\r\nx"]);
        for v in VERSIONS {
            for split in [body.len(), 1000, 4096] {
                let e = feed_all(v, &body, split).unwrap_err();
                assert_eq!(
                    e.log(),
                    "client intended to send too large chunked body: 524288+524289 bytes"
                );
            }
        }
        // What follows the body is not consumed.
        let mut c = Chunked::new(V131);
        let mut out = Vec::new();
        assert_eq!(
            c.feed(b"1\r\nx\r\n0\r\n\r\nGET", &mut out),
            Ok(ChunkStatus::Done { consumed: 11 })
        );
        assert_eq!(out, b"x");
    }

    /// Inputs built from request-ish pieces: no panic, prefixes agree,
    /// and any split of a chunked body gives what one read gives.
    #[test]
    fn random_inputs() {
        const PIECES: &[&[u8]] = &[
            b"GET ",
            b"CONNECT ",
            b"get ",
            b"/",
            b"http://",
            b"a",
            b"[::1]",
            b":80",
            b"?",
            b"%",
            b".",
            b" HTTP/1.1",
            b" HTTP/1.0",
            b"\r\n",
            b"\n",
            b"\r",
            b" ",
            b"\t",
            b"\0",
            b"Host: a",
            b"Host",
            b":",
            b"Content-Length: 5",
            b"Transfer-Encoding: chunked",
            b"X_Y",
            b"\xff",
            b"5",
            b"0",
            b";",
            b"hello",
            b"ffffffffffffffff",
        ];
        let mut seed: u64 = 0x2545_f491_4f6c_dd1d;
        let mut next = move || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        for _ in 0..3000 {
            let mut input = Vec::new();
            for _ in 0..next() % 24 {
                input.extend_from_slice(PIECES[(next() % PIECES.len() as u64) as usize]);
            }
            let n = next();
            let limits = Limits {
                header_buffer: 1 + (n % 40) as usize,
                large_buffers: (n >> 8) as usize % 4,
                large_size: 1 + (n >> 16) as usize % 64,
                ignore_invalid_headers: n & (1 << 30) == 0,
                underscores_in_headers: n & (1 << 31) != 0,
                ..Limits::new(VERSIONS[(n >> 32) as usize % 2])
            };
            let whole = parse_head(&input, &limits);
            prefixes(&input, &limits, &whole);
            for v in VERSIONS {
                let once = feed_all(v, &input, input.len());
                for split in [1, 2, 5] {
                    assert_eq!(
                        feed_all(v, &input, split),
                        once,
                        "{:?}",
                        String::from_utf8_lossy(&input)
                    );
                }
            }
        }
    }

    /// Request lines, each confirmed on 1.22.1 and 1.31.3 (defaults).
    const LINE: &[(&[u8], [Want; 2])] = &[
            // basic
            (b"GET / HTTP/1.1\r\nHost: a\r\n\r\n", [w("200", &[], Some(b"a"), Some(b"")), w("200", &[], Some(b"a"), Some(b""))]),
            // bare LF everywhere
            (b"GET / HTTP/1.1\nHost: a\n\n", [w("200", &[], Some(b"a"), Some(b"")), w("200", &[], Some(b"a"), Some(b""))]),
            // leading empty lines
            (b"\r\n\n\r\nGET / HTTP/1.1\r\nHost: a\r\n\r\n", [w("200", &[], Some(b"a"), Some(b"")), w("200", &[], Some(b"a"), Some(b""))]),
            // lowercase method
            (b"get / HTTP/1.1\r\nHost: a\r\n\r\n", [w("400", &[b"client sent invalid method while reading client request line"], None, None), w("400", &[b"client sent invalid method while reading client request line"], None, None)]),
            // digit in method
            (b"G1T / HTTP/1.1\r\nHost: a\r\n\r\n", [w("400", &[b"client sent invalid method while reading client request line"], None, None), w("400", &[b"client sent invalid method while reading client request line"], None, None)]),
            // tab after method
            (b"GET\t/ HTTP/1.1\r\nHost: a\r\n\r\n", [w("400", &[b"client sent invalid method while reading client request line"], None, None), w("400", &[b"client sent invalid method while reading client request line"], None, None)]),
            // underscore dash method
            (b"A_B-C / HTTP/1.1\r\nHost: a\r\n\r\n", [w("200", &[], Some(b"a"), Some(b"")), w("200", &[], Some(b"a"), Some(b""))]),
            // method starting with dash
            (b"-X / HTTP/1.1\r\nHost: a\r\n\r\n", [w("200", &[], Some(b"a"), Some(b"")), w("200", &[], Some(b"a"), Some(b""))]),
            // several spaces
            (b"GET   /   HTTP/1.1  \r\nHost: a\r\n\r\n", [w("200", &[], Some(b"a"), Some(b"")), w("200", &[], Some(b"a"), Some(b""))]),
            // NUL in uri
            (b"GET /a\x00 HTTP/1.1\r\nHost: a\r\n\r\n", [w("400", &[b"client sent invalid request while reading client request line"], None, None), w("400", &[b"client sent invalid request while reading client request line"], None, None)]),
            // ctl in uri
            (b"GET /a\x01 HTTP/1.1\r\nHost: a\r\n\r\n", [w("400", &[b"client sent invalid request while reading client request line"], None, None), w("400", &[b"client sent invalid request while reading client request line"], None, None)]),
            // DEL in uri
            (b"GET /\x7f HTTP/1.1\r\nHost: a\r\n\r\n", [w("400", &[b"client sent invalid request while reading client request line"], None, None), w("400", &[b"client sent invalid request while reading client request line"], None, None)]),
            // tab in uri
            (b"GET /a\tb HTTP/1.1\r\nHost: a\r\n\r\n", [w("400", &[b"client sent invalid request while reading client request line"], None, None), w("400", &[b"client sent invalid request while reading client request line"], None, None)]),
            // high byte in uri
            (b"GET /\x80\xff HTTP/1.1\r\nHost: a\r\n\r\n", [w("200", &[], Some(b"a"), Some(b"")), w("200", &[], Some(b"a"), Some(b""))]),
            // space inside uri
            (b"GET /a b HTTP/1.1\r\nHost: a\r\n\r\n", [w("400", &[b"client sent invalid request while reading client request line"], None, None), w("400", &[b"client sent invalid request while reading client request line"], None, None)]),
            // asterisk
            (b"OPTIONS * HTTP/1.1\r\nHost: a\r\n\r\n", [w("400", &[b"client sent invalid request while reading client request line"], None, None), w("400", &[b"client sent invalid request while reading client request line"], None, None)]),
            // absolute
            (b"GET http://Ex.Com/b?q=1 HTTP/1.1\r\nHost: a\r\n\r\n", [w("200", &[], Some(b"ex.com"), Some(b"")), w("200", &[], Some(b"ex.com"), Some(b""))]),
            // absolute no path
            (b"GET http://ex.com HTTP/1.1\r\nHost: a\r\n\r\n", [w("200", &[], Some(b"ex.com"), Some(b"")), w("200", &[], Some(b"ex.com"), Some(b""))]),
            // absolute query only
            (b"GET http://ex.com?x=1 HTTP/1.1\r\nHost: a\r\n\r\n", [w("200", &[], Some(b"ex.com"), Some(b"")), w("200", &[], Some(b"ex.com"), Some(b""))]),
            // absolute port
            (b"GET http://ex.com:8080/ HTTP/1.1\r\nHost: a\r\n\r\n", [w("200", &[], Some(b"ex.com"), Some(b"")), w("200", &[], Some(b"ex.com"), Some(b""))]),
            // absolute big port
            (b"GET http://ex.com:99999/ HTTP/1.1\r\nHost: a\r\n\r\n", [w("200", &[], Some(b"ex.com"), Some(b"")), w("400", &[b"client sent invalid host in request line while reading client request line"], None, None)]),
            // absolute empty port
            (b"GET http://ex.com:/ HTTP/1.1\r\nHost: a\r\n\r\n", [w("200", &[], Some(b"ex.com"), Some(b"")), w("200", &[], Some(b"ex.com"), Some(b""))]),
            // absolute ipv6
            (b"GET http://[::1]/ HTTP/1.1\r\nHost: a\r\n\r\n", [w("200", &[], Some(b"[::1]"), Some(b"")), w("200", &[], Some(b"[::1]"), Some(b""))]),
            // absolute ipv6 port
            (b"GET http://[::1]:80/ HTTP/1.1\r\nHost: a\r\n\r\n", [w("200", &[], Some(b"[::1]"), Some(b"")), w("200", &[], Some(b"[::1]"), Some(b""))]),
            // absolute ipv6 unclosed
            (b"GET http://[::1/ HTTP/1.1\r\nHost: a\r\n\r\n", [w("400", &[b"client sent invalid request while reading client request line"], None, None), w("400", &[b"client sent invalid request while reading client request line"], None, None)]),
            // absolute underscore host
            (b"GET http://a_b/ HTTP/1.1\r\nHost: a\r\n\r\n", [w("400", &[b"client sent invalid request while reading client request line"], None, None), w("400", &[b"client sent invalid request while reading client request line"], None, None)]),
            // absolute double dot
            (b"GET http://a..b/ HTTP/1.1\r\nHost: a\r\n\r\n", [w("400", &[b"client sent invalid host in request line while reading client request line"], None, None), w("400", &[b"client sent invalid host in request line while reading client request line"], None, None)]),
            // absolute trailing dot
            (b"GET http://a./ HTTP/1.1\r\nHost: b\r\n\r\n", [w("200", &[], Some(b"a"), Some(b"")), w("200", &[], Some(b"a"), Some(b""))]),
            // absolute empty host
            (b"GET http:///x HTTP/1.1\r\nHost: a\r\n\r\n", [w("400", &[b"client sent invalid host in request line while reading client request line"], None, None), w("400", &[b"client sent invalid host in request line while reading client request line"], None, None)]),
            // one slash
            (b"GET http:/a/ HTTP/1.1\r\nHost: a\r\n\r\n", [w("400", &[b"client sent invalid request while reading client request line"], None, None), w("400", &[b"client sent invalid request while reading client request line"], None, None)]),
            // schema chars
            (b"GET h2+x.-://a/ HTTP/1.1\r\nHost: a\r\n\r\n", [w("200", &[], Some(b"a"), Some(b"")), w("200", &[], Some(b"a"), Some(b""))]),
            // schema bad char
            (b"GET ht_tp://a/ HTTP/1.1\r\nHost: a\r\n\r\n", [w("400", &[b"client sent invalid request while reading client request line"], None, None), w("400", &[b"client sent invalid request while reading client request line"], None, None)]),
            // userinfo
            (b"GET http://u@a/ HTTP/1.1\r\nHost: a\r\n\r\n", [w("400", &[b"client sent invalid request while reading client request line"], None, None), w("400", &[b"client sent invalid request while reading client request line"], None, None)]),
            // absolute no host header
            (b"GET http://ex.com/ HTTP/1.1\r\n\r\n", [w("400", &[b"client sent HTTP/1.1 request without \"Host\" header while reading client request headers"], None, None), w("400", &[b"client sent HTTP/1.1 request without \"Host\" header while reading client request headers"], None, None)]),
            // HTTP/1.0
            (b"GET / HTTP/1.0\r\n\r\n", [w("200", &[], Some(b"localhost"), Some(b"")), w("200", &[], Some(b"localhost"), Some(b""))]),
            // HTTP/1.2 no host
            (b"GET / HTTP/1.2\r\n\r\n", [w("400", &[b"client sent HTTP/1.1 request without \"Host\" header while reading client request headers"], None, None), w("400", &[b"client sent HTTP/1.1 request without \"Host\" header while reading client request headers"], None, None)]),
            // HTTP/1.999
            (b"GET / HTTP/1.999\r\nHost: a\r\n\r\n", [w("200", &[], Some(b"a"), Some(b"")), w("200", &[], Some(b"a"), Some(b""))]),
            // HTTP/1.1000
            (b"GET / HTTP/1.1000\r\nHost: a\r\n\r\n", [w("400", &[b"client sent invalid request while reading client request line"], None, None), w("400", &[b"client sent invalid request while reading client request line"], None, None)]),
            // HTTP/2.0
            (b"GET / HTTP/2.0\r\nHost: a\r\n\r\n", [w("505", &[b"client sent invalid version while reading client request line"], None, None), w("505", &[b"client sent invalid version while reading client request line"], None, None)]),
            // HTTP/10.0
            (b"GET / HTTP/10.0\r\nHost: a\r\n\r\n", [w("505", &[b"client sent invalid version while reading client request line"], None, None), w("505", &[b"client sent invalid version while reading client request line"], None, None)]),
            // HTTP/01.1
            (b"GET / HTTP/01.1\r\nHost: a\r\n\r\n", [w("400", &[b"client sent invalid request while reading client request line"], None, None), w("400", &[b"client sent invalid request while reading client request line"], None, None)]),
            // HTTP/0.9
            (b"GET / HTTP/0.9\r\nHost: a\r\n\r\n", [w("400", &[b"client sent invalid request while reading client request line"], None, None), w("400", &[b"client sent invalid request while reading client request line"], None, None)]),
            // HTTP/1
            (b"GET / HTTP/1\r\nHost: a\r\n\r\n", [w("400", &[b"client sent invalid request while reading client request line"], None, None), w("400", &[b"client sent invalid request while reading client request line"], None, None)]),
            // HTTP/1.
            (b"GET / HTTP/1.\r\nHost: a\r\n\r\n", [w("400", &[b"client sent invalid request while reading client request line"], None, None), w("400", &[b"client sent invalid request while reading client request line"], None, None)]),
            // lowercase http
            (b"GET / http/1.1\r\nHost: a\r\n\r\n", [w("400", &[b"client sent invalid request while reading client request line"], None, None), w("400", &[b"client sent invalid request while reading client request line"], None, None)]),
            // HTTP/1.1x
            (b"GET / HTTP/1.1x\r\nHost: a\r\n\r\n", [w("400", &[b"client sent invalid request while reading client request line"], None, None), w("400", &[b"client sent invalid request while reading client request line"], None, None)]),
            // CR then junk
            (b"GET / HTTP/1.1\rX\nHost: a\r\n\r\n", [w("400", &[b"client sent invalid request while reading client request line"], None, None), w("400", &[b"client sent invalid request while reading client request line"], None, None)]),
            // CR CR LF line
            (b"GET / HTTP/1.1\r\r\nHost: a\r\n\r\n", [w("400", &[b"client sent invalid request while reading client request line"], None, None), w("400", &[b"client sent invalid request while reading client request line"], None, None)]),
            // junk after version space
            (b"GET / HTTP/1.1 x\r\nHost: a\r\n\r\n", [w("400", &[b"client sent invalid request while reading client request line"], None, None), w("400", &[b"client sent invalid request while reading client request line"], None, None)]),
            // 0.9 GET
            (b"GET /\r\n", [w("09:200", &[], None, None), w("09:200", &[], None, None)]),
            // 0.9 GET bare LF
            (b"GET /x\n", [w("09:200", &[], None, None), w("09:200", &[], None, None)]),
            // 0.9 with space
            (b"GET / \r\n", [w("09:200", &[], None, None), w("09:200", &[], None, None)]),
            // 0.9 HEAD
            (b"HEAD /\r\n", [w("09:400", &[b"client sent invalid method in HTTP/0.9 request while reading client request line"], None, None), w("09:400", &[b"client sent invalid method in HTTP/0.9 request while reading client request line"], None, None)]),
            // 0.9 POST
            (b"POST /\n", [w("09:400", &[b"client sent invalid method in HTTP/0.9 request while reading client request line"], None, None), w("09:400", &[b"client sent invalid method in HTTP/0.9 request while reading client request line"], None, None)]),
            // 0.9 absolute
            (b"GET http://ex.com\r\n", [w("400", &[b"client sent invalid request while reading client request line"], None, None), w("400", &[b"client sent invalid request while reading client request line"], None, None)]),
            // CONNECT authority
            (b"CONNECT ex.com:443 HTTP/1.1\r\nHost: ex.com\r\n\r\n", [w("400", &[b"client sent invalid request while reading client request line"], None, None), w("405", &[b"client sent CONNECT method while reading client request headers"], None, None)]),
            // CONNECT path
            (b"CONNECT / HTTP/1.1\r\nHost: a\r\n\r\n", [w("405", &[b"client sent CONNECT method while reading client request headers"], None, None), w("400", &[b"client sent invalid request while reading client request line"], None, None)]),
            // CONNECT no port
            (b"CONNECT ex.com HTTP/1.1\r\nHost: a\r\n\r\n", [w("400", &[b"client sent invalid request while reading client request line"], None, None), w("400", &[b"client sent invalid request while reading client request line"], None, None)]),
            // CONNECT empty port
            (b"CONNECT ex.com: HTTP/1.1\r\nHost: a\r\n\r\n", [w("400", &[b"client sent invalid request while reading client request line"], None, None), w("400", &[b"client sent invalid request while reading client request line"], None, None)]),
            // CONNECT 0.9
            (b"CONNECT ex.com:443\r\n", [w("400", &[b"client sent invalid request while reading client request line"], None, None), w("400", &[b"client sent invalid request while reading client request line"], None, None)]),
            // TRACE
            (b"TRACE / HTTP/1.1\r\nHost: a\r\n\r\n", [w("405", &[b"client sent TRACE method while reading client request headers"], None, None), w("405", &[b"client sent TRACE method while reading client request headers"], None, None)]),
            // incomplete
            (b"GET / HTTP/1.1\r\nHost: a\r\n", [w("PARTIAL", &[], None, None), w("PARTIAL", &[], None, None)]),
            // incomplete line
            (b"GET / HTT", [w("PARTIAL", &[], None, None), w("PARTIAL", &[], None, None)]),
            // uri dotdot
            (b"GET /../x HTTP/1.1\r\nHost: a\r\n\r\n", [w("400", &[b"client sent invalid request while reading client request line"], None, None), w("400", &[b"client sent invalid request while reading client request line"], None, None)]),
    ];

    /// Header lines and the checks after them, each confirmed on 1.22.1 and
    /// 1.31.3 (defaults).
    const HEADERS: &[(&[u8], [Want; 2])] = &[
            // ctl in name
            (b"GET / HTTP/1.1\r\nHost: a\r\nX\x01Y: z\r\n\r\n", [w("400", &[b"client sent invalid header line: \"X\\x01...\" while reading client request headers"], None, None), w("400", &[b"client sent invalid header line: \"X\\x01...\" while reading client request headers"], None, None)]),
            // NUL in name
            (b"GET / HTTP/1.1\r\nHost: a\r\nX\x00Y: z\r\n\r\n", [w("400", &[b"client sent invalid header line: \"X\\x00...\" while reading client request headers"], None, None), w("400", &[b"client sent invalid header line: \"X\\x00...\" while reading client request headers"], None, None)]),
            // DEL in name
            (b"GET / HTTP/1.1\r\nHost: a\r\nX\x7f: z\r\n\r\n", [w("400", &[b"client sent invalid header line: \"X\\x7f...\" while reading client request headers"], None, None), w("400", &[b"client sent invalid header line: \"X\\x7f...\" while reading client request headers"], None, None)]),
            // dot in name ignored
            (b"GET / HTTP/1.1\r\nHost: a\r\nX.Y: z  \r\n\r\n", [w("200", &[b"client sent invalid header line: \"X.Y: z\" while reading client request headers"], Some(b"a"), Some(b"")), w("200", &[b"client sent invalid header line: \"X.Y: z\" while reading client request headers"], Some(b"a"), Some(b""))]),
            // high byte in name ignored
            (b"GET / HTTP/1.1\r\nHost: a\r\nX\xffY: z\r\n\r\n", [w("200", &[b"client sent invalid header line: \"X\xffY: z\" while reading client request headers"], Some(b"a"), Some(b"")), w("200", &[b"client sent invalid header line: \"X\xffY: z\" while reading client request headers"], Some(b"a"), Some(b""))]),
            // underscore name ignored
            (b"GET / HTTP/1.1\r\nHost: a\r\nX_Y: z\r\n\r\n", [w("200", &[b"client sent invalid header line: \"X_Y: z\" while reading client request headers"], Some(b"a"), Some(b"")), w("200", &[b"client sent invalid header line: \"X_Y: z\" while reading client request headers"], Some(b"a"), Some(b""))]),
            // leading underscore ignored
            (b"GET / HTTP/1.1\r\nHost: a\r\n_X: z\r\n\r\n", [w("200", &[b"client sent invalid header line: \"_X: z\" while reading client request headers"], Some(b"a"), Some(b"")), w("200", &[b"client sent invalid header line: \"_X: z\" while reading client request headers"], Some(b"a"), Some(b""))]),
            // leading high byte ignored
            (b"GET / HTTP/1.1\r\nHost: a\r\n\xc3\xa9: z\r\n\r\n", [w("200", &[b"client sent invalid header line: \"\xc3\xa9: z\" while reading client request headers"], Some(b"a"), Some(b"")), w("200", &[b"client sent invalid header line: \"\xc3\xa9: z\" while reading client request headers"], Some(b"a"), Some(b""))]),
            // space in name
            (b"GET / HTTP/1.1\r\nHost: a\r\nX Y: z\r\n\r\n", [w("400", &[b"client sent invalid header line: \"X\\x20...\" while reading client request headers"], None, None), w("400", &[b"client sent invalid header line: \"X\\x20...\" while reading client request headers"], None, None)]),
            // CL space before colon
            (b"POST / HTTP/1.1\r\nHost: a\r\nContent-Length : 43\r\n\r\n", [w("400", &[b"client sent invalid header line: \"Content-Length\\x20...\" while reading client request headers"], None, None), w("400", &[b"client sent invalid header line: \"Content-Length\\x20...\" while reading client request headers"], None, None)]),
            // CL tab before colon
            (b"POST / HTTP/1.1\r\nHost: a\r\nContent-Length\t: 43\r\n\r\n", [w("400", &[b"client sent invalid header line: \"Content-Length\\x09...\" while reading client request headers"], None, None), w("400", &[b"client sent invalid header line: \"Content-Length\\x09...\" while reading client request headers"], None, None)]),
            // CL vtab
            (b"POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 43\x0b\r\n\r\n", [w("400", &[b"client sent invalid \"Content-Length\" header while reading client request headers"], None, None), w("400", &[b"client sent invalid \"Content-Length\" header while reading client request headers"], None, None)]),
            // CL huge
            (b"POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 99999999999999999999999\r\n\r\n", [w("400", &[b"client sent invalid \"Content-Length\" header while reading client request headers"], None, None), w("400", &[b"client sent invalid \"Content-Length\" header while reading client request headers"], None, None)]),
            // CL max off_t+1
            (b"POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 9223372036854775808\r\n\r\n", [w("400", &[b"client sent invalid \"Content-Length\" header while reading client request headers"], None, None), w("400", &[b"client sent invalid \"Content-Length\" header while reading client request headers"], None, None)]),
            // CL negative
            (b"POST / HTTP/1.1\r\nHost: a\r\nContent-Length: -1\r\n\r\n", [w("400", &[b"client sent invalid \"Content-Length\" header while reading client request headers"], None, None), w("400", &[b"client sent invalid \"Content-Length\" header while reading client request headers"], None, None)]),
            // CL plus
            (b"POST / HTTP/1.1\r\nHost: a\r\nContent-Length: +1\r\n\r\n", [w("400", &[b"client sent invalid \"Content-Length\" header while reading client request headers"], None, None), w("400", &[b"client sent invalid \"Content-Length\" header while reading client request headers"], None, None)]),
            // CL hex
            (b"POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 0x10\r\n\r\n", [w("400", &[b"client sent invalid \"Content-Length\" header while reading client request headers"], None, None), w("400", &[b"client sent invalid \"Content-Length\" header while reading client request headers"], None, None)]),
            // CL empty
            (b"POST / HTTP/1.1\r\nHost: a\r\nContent-Length: \r\n\r\n", [w("400", &[b"client sent invalid \"Content-Length\" header while reading client request headers"], None, None), w("400", &[b"client sent invalid \"Content-Length\" header while reading client request headers"], None, None)]),
            // CL no colon
            (b"POST / HTTP/1.1\r\nHost: a\r\nContent-Length\r\n\r\n", [w("400", &[b"client sent invalid \"Content-Length\" header while reading client request headers"], None, None), w("400", &[b"client sent invalid \"Content-Length\" header while reading client request headers"], None, None)]),
            // CL tab value
            (b"POST / HTTP/1.1\r\nHost: a\r\nContent-Length:\t0\r\n\r\n", [w("400", &[b"client sent invalid \"Content-Length\" header while reading client request headers"], None, None), w("400", &[b"client sent invalid \"Content-Length\" header while reading client request headers"], None, None)]),
            // CL spaces ok
            (b"POST / HTTP/1.1\r\nHost: a\r\nContent-Length:    0   \r\n\r\n", [w("200", &[], Some(b"a"), Some(b"")), w("200", &[], Some(b"a"), Some(b""))]),
            // CL comma list
            (b"POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 0, 0\r\n\r\n", [w("400", &[b"client sent invalid \"Content-Length\" header while reading client request headers"], None, None), w("400", &[b"client sent invalid \"Content-Length\" header while reading client request headers"], None, None)]),
            // CL duplicate
            (b"POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 0\r\ncontent-length: 0\r\n\r\n", [w("400", &[b"client sent duplicate header line: \"content-length: 0\", previous value: \"Content-Length: 0\" while reading client request headers"], None, None), w("400", &[b"client sent duplicate header line: \"content-length: 0\", previous value: \"Content-Length: 0\" while reading client request headers"], None, None)]),
            // CL zero
            (b"POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 0\r\n\r\n", [w("200", &[], Some(b"a"), Some(b"")), w("200", &[], Some(b"a"), Some(b""))]),
            // TE vtab
            (b"POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\x0b\r\n\r\n", [w("501", &[b"client sent unknown \"Transfer-Encoding\": \"chunked\x0b\" while reading client request headers"], None, None), w("501", &[b"client sent unknown \"Transfer-Encoding\": \"chunked\x0b\" while reading client request headers"], None, None)]),
            // TE space before colon
            (b"POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding : chunked\r\n\r\n", [w("400", &[b"client sent invalid header line: \"Transfer-Encoding\\x20...\" while reading client request headers"], None, None), w("400", &[b"client sent invalid header line: \"Transfer-Encoding\\x20...\" while reading client request headers"], None, None)]),
            // TE tab value
            (b"POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding:\tchunked\r\n\r\n", [w("501", &[b"client sent unknown \"Transfer-Encoding\": \"\tchunked\" while reading client request headers"], None, None), w("501", &[b"client sent unknown \"Transfer-Encoding\": \"\tchunked\" while reading client request headers"], None, None)]),
            // TE trailing tab
            (b"POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\t\r\n\r\n", [w("501", &[b"client sent unknown \"Transfer-Encoding\": \"chunked\t\" while reading client request headers"], None, None), w("501", &[b"client sent unknown \"Transfer-Encoding\": \"chunked\t\" while reading client request headers"], None, None)]),
            // TE list
            (b"POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: gzip, chunked\r\n\r\n", [w("501", &[b"client sent unknown \"Transfer-Encoding\": \"gzip, chunked\" while reading client request headers"], None, None), w("501", &[b"client sent unknown \"Transfer-Encoding\": \"gzip, chunked\" while reading client request headers"], None, None)]),
            // TE identity
            (b"POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: identity\r\n\r\n", [w("501", &[b"client sent unknown \"Transfer-Encoding\": \"identity\" while reading client request headers"], None, None), w("501", &[b"client sent unknown \"Transfer-Encoding\": \"identity\" while reading client request headers"], None, None)]),
            // TE uppercase
            (b"POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: CHUNKED\r\n\r\n0\r\n\r\n", [w("200", &[], Some(b"a"), Some(b"")), w("200", &[], Some(b"a"), Some(b""))]),
            // TE and CL
            (b"POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n", [w("400", &[b"client sent \"Content-Length\" and \"Transfer-Encoding\" headers at the same time while reading client request headers"], None, None), w("400", &[b"client sent \"Content-Length\" and \"Transfer-Encoding\" headers at the same time while reading client request headers"], None, None)]),
            // TE and bad CL
            (b"POST / HTTP/1.1\r\nHost: a\r\nContent-Length: x\r\nTransfer-Encoding: chunked\r\n\r\n", [w("400", &[b"client sent invalid \"Content-Length\" header while reading client request headers"], None, None), w("400", &[b"client sent invalid \"Content-Length\" header while reading client request headers"], None, None)]),
            // TE HTTP/1.0
            (b"POST / HTTP/1.0\r\nTransfer-Encoding: chunked\r\n\r\n", [w("400", &[b"client sent HTTP/1.0 request with \"Transfer-Encoding\" header while reading client request headers"], None, None), w("400", &[b"client sent HTTP/1.0 request with \"Transfer-Encoding\" header while reading client request headers"], None, None)]),
            // TE duplicate
            (b"POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n\r\n", [w("400", &[b"client sent duplicate header line: \"Transfer-Encoding: chunked\", previous value: \"Transfer-Encoding: chunked\" while reading client request headers"], None, None), w("400", &[b"client sent duplicate header line: \"Transfer-Encoding: chunked\", previous value: \"Transfer-Encoding: chunked\" while reading client request headers"], None, None)]),
            // TE unknown on 1.0
            (b"POST / HTTP/1.0\r\nTransfer-Encoding: gzip\r\n\r\n", [w("400", &[b"client sent HTTP/1.0 request with \"Transfer-Encoding\" header while reading client request headers"], None, None), w("400", &[b"client sent HTTP/1.0 request with \"Transfer-Encoding\" header while reading client request headers"], None, None)]),
            // obs-fold space
            (b"GET / HTTP/1.1\r\nHost: a\r\nX: a\r\n b\r\n\r\n", [w("400", &[b"client sent invalid header line: \"\\x20...\" while reading client request headers"], None, None), w("400", &[b"client sent invalid header line: \"\\x20...\" while reading client request headers"], None, None)]),
            // obs-fold tab
            (b"GET / HTTP/1.1\r\nHost: a\r\nX: a\r\n\tb\r\n\r\n", [w("400", &[b"client sent invalid header line: \"\\x09...\" while reading client request headers"], None, None), w("400", &[b"client sent invalid header line: \"\\x09...\" while reading client request headers"], None, None)]),
            // leading colon
            (b"GET / HTTP/1.1\r\nHost: a\r\n:x: y\r\n\r\n", [w("400", &[b"client sent invalid header line: \"\\x3a...\" while reading client request headers"], None, None), w("400", &[b"client sent invalid header line: \"\\x3a...\" while reading client request headers"], None, None)]),
            // name without colon
            (b"GET / HTTP/1.1\r\nHost: a\r\nX\r\n\r\n", [w("200", &[], Some(b"a"), Some(b"")), w("200", &[], Some(b"a"), Some(b""))]),
            // NUL in value
            (b"GET / HTTP/1.1\r\nHost: a\r\nX: a\x00b\r\n\r\n", [w("400", &[b"client sent invalid header line: \"X: a\\x00...\" while reading client request headers"], None, None), w("400", &[b"client sent invalid header line: \"X: a\\x00...\" while reading client request headers"], None, None)]),
            // NUL first in value
            (b"GET / HTTP/1.1\r\nHost: a\r\nX: \x00\r\n\r\n", [w("400", &[b"client sent invalid header line: \"X: \\x00...\" while reading client request headers"], None, None), w("400", &[b"client sent invalid header line: \"X: \\x00...\" while reading client request headers"], None, None)]),
            // NUL after trailing space
            (b"GET / HTTP/1.1\r\nHost: a\r\nX: a \x00\r\n\r\n", [w("400", &[b"client sent invalid header line: \"X: a \\x00...\" while reading client request headers"], None, None), w("400", &[b"client sent invalid header line: \"X: a \\x00...\" while reading client request headers"], None, None)]),
            // CR alone in value
            (b"GET / HTTP/1.1\r\nHost: a\r\nX: a\rb\r\n\r\n", [w("400", &[b"client sent invalid header line: \"X: a\\x0d...\" while reading client request headers"], None, None), w("400", &[b"client sent invalid header line: \"X: a\\x0d...\" while reading client request headers"], None, None)]),
            // CR after trailing space
            (b"GET / HTTP/1.1\r\nHost: a\r\nX: a \rb\r\n\r\n", [w("400", &[b"client sent invalid header line: \"X: a\\x20...\" while reading client request headers"], None, None), w("400", &[b"client sent invalid header line: \"X: a\\x20...\" while reading client request headers"], None, None)]),
            // CR CR LF
            (b"GET / HTTP/1.1\r\nHost: a\r\nX: a\r\r\n\r\n", [w("200", &[], Some(b"a"), Some(b"a")), w("200", &[], Some(b"a"), Some(b"a"))]),
            // CR then junk at end
            (b"GET / HTTP/1.1\r\nHost: a\r\n\rX", [w("400", &[b"client sent invalid header line: \"\\x0d...\" while reading client request headers"], None, None), w("400", &[b"client sent invalid header line: \"\\x0d...\" while reading client request headers"], None, None)]),
            // ctl in value kept
            (b"GET / HTTP/1.1\r\nHost: a\r\nX: a\x01\x1fb\x7f\r\n\r\n", [w("200", &[], Some(b"a"), Some(b"a\x01\x1fb\x7f")), w("200", &[], Some(b"a"), Some(b"a\x01\x1fb\x7f"))]),
            // high bytes in value
            (b"GET / HTTP/1.1\r\nHost: a\r\nX: \xc3\xa9\xff\r\n\r\n", [w("200", &[], Some(b"a"), Some(b"\xc3\xa9\xff")), w("200", &[], Some(b"a"), Some(b"\xc3\xa9\xff"))]),
            // trailing spaces trimmed
            (b"GET / HTTP/1.1\r\nHost: a\r\nX:   a b   \r\n\r\n", [w("200", &[], Some(b"a"), Some(b"a b")), w("200", &[], Some(b"a"), Some(b"a b"))]),
            // tabs kept
            (b"GET / HTTP/1.1\r\nHost: a\r\nX:\ta\t\r\n\r\n", [w("200", &[], Some(b"a"), Some(b"\ta\t")), w("200", &[], Some(b"a"), Some(b"\ta\t"))]),
            // empty value
            (b"GET / HTTP/1.1\r\nHost: a\r\nX:\r\n\r\n", [w("200", &[], Some(b"a"), Some(b"")), w("200", &[], Some(b"a"), Some(b""))]),
            // bare LF header
            (b"GET / HTTP/1.1\r\nHost: a\nX: b\n\r\n", [w("200", &[], Some(b"a"), Some(b"b")), w("200", &[], Some(b"a"), Some(b"b"))]),
            // host duplicate
            (b"GET / HTTP/1.1\r\nHost: a\r\nhost: b\r\n\r\n", [w("400", &[b"client sent duplicate host header: \"host: b\", previous value: \"Host: a\" while reading client request headers"], None, None), w("400", &[b"client sent duplicate host header: \"host: b\", previous value: \"Host: a\" while reading client request headers"], None, None)]),
            // host duplicate before end
            (b"GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n", [w("400", &[b"client sent duplicate host header: \"Host: b\", previous value: \"Host: a\" while reading client request headers"], None, None), w("400", &[b"client sent duplicate host header: \"Host: b\", previous value: \"Host: a\" while reading client request headers"], None, None)]),
            // host slash
            (b"GET / HTTP/1.1\r\nHost: a/b\r\n\r\n", [w("400", &[b"client sent invalid host header while reading client request headers"], None, None), w("400", &[b"client sent invalid host header while reading client request headers"], None, None)]),
            // host empty
            (b"GET / HTTP/1.1\r\nHost: \r\n\r\n", [w("400", &[b"client sent invalid host header while reading client request headers"], None, None), w("400", &[b"client sent invalid host header while reading client request headers"], None, None)]),
            // host only dot
            (b"GET / HTTP/1.1\r\nHost: .\r\n\r\n", [w("400", &[b"client sent invalid host header while reading client request headers"], None, None), w("400", &[b"client sent invalid host header while reading client request headers"], None, None)]),
            // host trailing dot
            (b"GET / HTTP/1.1\r\nHost: A.Example.\r\n\r\n", [w("200", &[], Some(b"a.example"), Some(b"")), w("200", &[], Some(b"a.example"), Some(b""))]),
            // host double dot
            (b"GET / HTTP/1.1\r\nHost: a..b\r\n\r\n", [w("400", &[b"client sent invalid host header while reading client request headers"], None, None), w("400", &[b"client sent invalid host header while reading client request headers"], None, None)]),
            // host big port
            (b"GET / HTTP/1.1\r\nHost: a:99999\r\n\r\n", [w("200", &[], Some(b"a"), Some(b"")), w("400", &[b"client sent invalid host header while reading client request headers"], None, None)]),
            // host port 65535
            (b"GET / HTTP/1.1\r\nHost: a:65535\r\n\r\n", [w("200", &[], Some(b"a"), Some(b"")), w("200", &[], Some(b"a"), Some(b""))]),
            // host port 65536
            (b"GET / HTTP/1.1\r\nHost: a:65536\r\n\r\n", [w("200", &[], Some(b"a"), Some(b"")), w("400", &[b"client sent invalid host header while reading client request headers"], None, None)]),
            // host alpha port
            (b"GET / HTTP/1.1\r\nHost: a:b\r\n\r\n", [w("200", &[], Some(b"a"), Some(b"")), w("400", &[b"client sent invalid host header while reading client request headers"], None, None)]),
            // host userinfo
            (b"GET / HTTP/1.1\r\nHost: u@a\r\n\r\n", [w("200", &[], Some(b"u@a"), Some(b"")), w("400", &[b"client sent invalid host header while reading client request headers"], None, None)]),
            // host backslash
            (b"GET / HTTP/1.1\r\nHost: a\\b\r\n\r\n", [w("200", &[], Some(b"a\\b"), Some(b"")), w("400", &[b"client sent invalid host header while reading client request headers"], None, None)]),
            // host underscore
            (b"GET / HTTP/1.1\r\nHost: a_b\r\n\r\n", [w("200", &[], Some(b"a_b"), Some(b"")), w("200", &[], Some(b"a_b"), Some(b""))]),
            // host percent
            (b"GET / HTTP/1.1\r\nHost: a%41\r\n\r\n", [w("200", &[], Some(b"a%41"), Some(b"")), w("200", &[], Some(b"a%41"), Some(b""))]),
            // host ipv6
            (b"GET / HTTP/1.1\r\nHost: [::1]:80\r\n\r\n", [w("200", &[], Some(b"[::1]"), Some(b"")), w("200", &[], Some(b"[::1]"), Some(b""))]),
            // host ipv6 unclosed
            (b"GET / HTTP/1.1\r\nHost: [::1\r\n\r\n", [w("200", &[], Some(b"[::1"), Some(b"")), w("400", &[b"client sent invalid host header while reading client request headers"], None, None)]),
            // host ipv6 junk after
            (b"GET / HTTP/1.1\r\nHost: [::1]x\r\n\r\n", [w("200", &[], Some(b"[::1]"), Some(b"")), w("400", &[b"client sent invalid host header while reading client request headers"], None, None)]),
            // host only port
            (b"GET / HTTP/1.1\r\nHost: :80\r\n\r\n", [w("400", &[b"client sent invalid host header while reading client request headers"], None, None), w("400", &[b"client sent invalid host header while reading client request headers"], None, None)]),
            // host high byte
            (b"GET / HTTP/1.1\r\nHost: \xc3\xa9\r\n\r\n", [w("200", &[], Some(b"\xc3\xa9"), Some(b"")), w("400", &[b"client sent invalid host header while reading client request headers"], None, None)]),
            // host tab inside
            (b"GET / HTTP/1.1\r\nHost: a\tb\r\n\r\n", [w("400", &[b"client sent invalid host header while reading client request headers"], None, None), w("400", &[b"client sent invalid host header while reading client request headers"], None, None)]),
            // host line and header
            (b"GET http://ex.com/ HTTP/1.1\r\nHost: other\r\n\r\n", [w("200", &[], Some(b"ex.com"), Some(b"")), w("200", &[], Some(b"ex.com"), Some(b""))]),
            // host header invalid with line host
            (b"GET http://ex.com/ HTTP/1.1\r\nHost: a/b\r\n\r\n", [w("400", &[b"client sent invalid host header while reading client request headers"], None, None), w("400", &[b"client sent invalid host header while reading client request headers"], None, None)]),
            // dup If-Match
            (b"GET / HTTP/1.1\r\nHost: a\r\nIf-Match: a\r\nIf-Match: b\r\n\r\n", [w("400", &[b"client sent duplicate header line: \"If-Match: b\", previous value: \"If-Match: a\" while reading client request headers"], None, None), w("400", &[b"client sent duplicate header line: \"If-Match: b\", previous value: \"If-Match: a\" while reading client request headers"], None, None)]),
            // dup Authorization
            (b"GET / HTTP/1.1\r\nHost: a\r\nAuthorization: a\r\nauthorization: b\r\n\r\n", [w("400", &[b"client sent duplicate header line: \"authorization: b\", previous value: \"Authorization: a\" while reading client request headers"], None, None), w("400", &[b"client sent duplicate header line: \"authorization: b\", previous value: \"Authorization: a\" while reading client request headers"], None, None)]),
            // dup Proxy-Authorization
            (b"GET / HTTP/1.1\r\nHost: a\r\nProxy-Authorization: a\r\nProxy-Authorization: b\r\n\r\n", [w("200", &[], Some(b"a"), Some(b"")), w("400", &[b"client sent duplicate header line: \"Proxy-Authorization: b\", previous value: \"Proxy-Authorization: a\" while reading client request headers"], None, None)]),
            // dup Expect
            (b"GET / HTTP/1.1\r\nHost: a\r\nExpect: a\r\nExpect: b\r\n\r\n", [w("400", &[b"client sent duplicate header line: \"Expect: b\", previous value: \"Expect: a\" while reading client request headers"], None, None), w("400", &[b"client sent duplicate header line: \"Expect: b\", previous value: \"Expect: a\" while reading client request headers"], None, None)]),
            // dup Content-Range
            (b"GET / HTTP/1.1\r\nHost: a\r\nContent-Range: a\r\nContent-Range: b\r\n\r\n", [w("400", &[b"client sent duplicate header line: \"Content-Range: b\", previous value: \"Content-Range: a\" while reading client request headers"], None, None), w("400", &[b"client sent duplicate header line: \"Content-Range: b\", previous value: \"Content-Range: a\" while reading client request headers"], None, None)]),
            // dup If-Range
            (b"GET / HTTP/1.1\r\nHost: a\r\nIf-Range: a\r\nIf-Range: b\r\n\r\n", [w("400", &[b"client sent duplicate header line: \"If-Range: b\", previous value: \"If-Range: a\" while reading client request headers"], None, None), w("400", &[b"client sent duplicate header line: \"If-Range: b\", previous value: \"If-Range: a\" while reading client request headers"], None, None)]),
            // dup If-Modified-Since
            (b"GET / HTTP/1.1\r\nHost: a\r\nIf-Modified-Since: a\r\nIf-Modified-Since: b\r\n\r\n", [w("400", &[b"client sent duplicate header line: \"If-Modified-Since: b\", previous value: \"If-Modified-Since: a\" while reading client request headers"], None, None), w("400", &[b"client sent duplicate header line: \"If-Modified-Since: b\", previous value: \"If-Modified-Since: a\" while reading client request headers"], None, None)]),
            // dup If-Unmodified-Since
            (b"GET / HTTP/1.1\r\nHost: a\r\nIf-Unmodified-Since: a\r\nIf-Unmodified-Since: b\r\n\r\n", [w("400", &[b"client sent duplicate header line: \"If-Unmodified-Since: b\", previous value: \"If-Unmodified-Since: a\" while reading client request headers"], None, None), w("400", &[b"client sent duplicate header line: \"If-Unmodified-Since: b\", previous value: \"If-Unmodified-Since: a\" while reading client request headers"], None, None)]),
            // dup If-None-Match
            (b"GET / HTTP/1.1\r\nHost: a\r\nIf-None-Match: a\r\nIf-None-Match: b\r\n\r\n", [w("400", &[b"client sent duplicate header line: \"If-None-Match: b\", previous value: \"If-None-Match: a\" while reading client request headers"], None, None), w("400", &[b"client sent duplicate header line: \"If-None-Match: b\", previous value: \"If-None-Match: a\" while reading client request headers"], None, None)]),
            // dup User-Agent ok
            (b"GET / HTTP/1.1\r\nHost: a\r\nUser-Agent: a\r\nUser-Agent: b\r\n\r\n", [w("200", &[], Some(b"a"), Some(b"")), w("200", &[], Some(b"a"), Some(b""))]),
            // dup X kept
            (b"GET / HTTP/1.1\r\nHost: a\r\nX: a\r\nX: b\r\n\r\n", [w("200", &[], Some(b"a"), Some(b"a")), w("200", &[], Some(b"a"), Some(b"a, b"))]),
            // first error wins
            (b"GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\nX\x01: y\r\n\r\n", [w("400", &[b"client sent duplicate host header: \"Host: b\", previous value: \"Host: a\" while reading client request headers"], None, None), w("400", &[b"client sent duplicate host header: \"Host: b\", previous value: \"Host: a\" while reading client request headers"], None, None)]),
            // ignored then error
            (b"GET / HTTP/1.1\r\nHost: a\r\nX.Y: 1\r\nX\x01: y\r\n\r\n", [w("400", &[b"client sent invalid header line: \"X.Y: 1\" while reading client request headers", b"client sent invalid header line: \"X\\x01...\" while reading client request headers"], None, None), w("400", &[b"client sent invalid header line: \"X.Y: 1\" while reading client request headers", b"client sent invalid header line: \"X\\x01...\" while reading client request headers"], None, None)]),
            // ignored then missing host
            (b"GET / HTTP/1.1\r\nX.Y: 1\r\n\r\n", [w("400", &[b"client sent invalid header line: \"X.Y: 1\" while reading client request headers", b"client sent HTTP/1.1 request without \"Host\" header while reading client request headers"], None, None), w("400", &[b"client sent invalid header line: \"X.Y: 1\" while reading client request headers", b"client sent HTTP/1.1 request without \"Host\" header while reading client request headers"], None, None)]),
            // HTTP/1.0 Host dup
            (b"GET / HTTP/1.0\r\nHost: a\r\nHost: a\r\n\r\n", [w("400", &[b"client sent duplicate host header: \"Host: a\", previous value: \"Host: a\" while reading client request headers"], None, None), w("400", &[b"client sent duplicate host header: \"Host: a\", previous value: \"Host: a\" while reading client request headers"], None, None)]),
            // proxy-connection
            (b"GET / HTTP/1.1\r\nHost: a\r\nProxy-Connection: x\r\n\r\n", [w("200", &[], Some(b"a"), Some(b"")), w("200", &[], Some(b"a"), Some(b""))]),
    ];

    /// With `underscores_in_headers on; ignore_invalid_headers off;`,
    /// confirmed on 1.22.1 and 1.31.3.
    const UNDERSCORES_KEPT: &[(&[u8], [Want; 2])] = &[
            // underscore kept
            (b"GET / HTTP/1.1\r\nHost: a\r\nX_Y: z\r\n\r\n", [w("200", &[], Some(b"a"), Some(b"")), w("200", &[], Some(b"a"), Some(b""))]),
            // dot kept
            (b"GET / HTTP/1.1\r\nHost: a\r\nX.Y: z\r\nX: 1\r\n\r\n", [w("200", &[], Some(b"a"), Some(b"1")), w("200", &[], Some(b"a"), Some(b"1"))]),
            // ctl name still 400
            (b"GET / HTTP/1.1\r\nHost: a\r\nX\x01Y: z\r\n\r\n", [w("400", &[b"client sent invalid header line: \"X\\x01...\" while reading client request headers"], None, None), w("400", &[b"client sent invalid header line: \"X\\x01...\" while reading client request headers"], None, None)]),
            // content_length with underscore
            (b"POST / HTTP/1.1\r\nHost: a\r\nContent_Length: 5\r\n\r\n", [w("200", &[], Some(b"a"), Some(b"")), w("200", &[], Some(b"a"), Some(b""))]),
    ];

    /// With `ignore_invalid_headers off;`, confirmed on 1.22.1 and 1.31.3.
    const INVALID_KEPT: &[(&[u8], [Want; 2])] = &[
            // underscore kept
            (b"GET / HTTP/1.1\r\nHost: a\r\nX_Y: z\r\n\r\n", [w("200", &[], Some(b"a"), Some(b"")), w("200", &[], Some(b"a"), Some(b""))]),
            // dot kept
            (b"GET / HTTP/1.1\r\nHost: a\r\nX.Y: z\r\nX: 1\r\n\r\n", [w("200", &[], Some(b"a"), Some(b"1")), w("200", &[], Some(b"a"), Some(b"1"))]),
            // ctl name still 400
            (b"GET / HTTP/1.1\r\nHost: a\r\nX\x01Y: z\r\n\r\n", [w("400", &[b"client sent invalid header line: \"X\\x01...\" while reading client request headers"], None, None), w("400", &[b"client sent invalid header line: \"X\\x01...\" while reading client request headers"], None, None)]),
            // content_length with underscore
            (b"POST / HTTP/1.1\r\nHost: a\r\nContent_Length: 5\r\n\r\n", [w("200", &[], Some(b"a"), Some(b"")), w("200", &[], Some(b"a"), Some(b""))]),
    ];

    /// Chunked bodies after `POST` with `Transfer-Encoding: chunked` (default
    /// `client_max_body_size 1m`), confirmed on 1.22.1 and 1.31.3: the body
    /// passed on, the error (status, `[error]` message), or still waiting.
    const CHUNKED: &[(&[u8], [Body; 2])] = &[
        // basic
        (b"5\r\nhello\r\n0\r\n\r\n", [Got(b"hello"), Got(b"hello")]),
        // two chunks
        (
            b"5\r\nhello\r\n6\r\n world\r\n0\r\n\r\n",
            [Got(b"hello world"), Got(b"hello world")],
        ),
        // uppercase hex
        (
            b"A\r\n0123456789\r\n0\r\n\r\n",
            [Got(b"0123456789"), Got(b"0123456789")],
        ),
        // leading zeros
        (
            b"0000000000000000000005\r\nhello\r\n0\r\n\r\n",
            [Got(b"hello"), Got(b"hello")],
        ),
        // extension
        (
            b"5;a=b\r\nhello\r\n0;x\r\n\r\n",
            [Got(b"hello"), Got(b"hello")],
        ),
        // space after size
        (b"5 \r\nhello\r\n0 \r\n\r\n", [Got(b"hello"), Got(b"hello")]),
        // tab after size
        (b"5\t\r\nhello\r\n0\r\n\r\n", [Got(b"hello"), Got(b"hello")]),
        // trailer
        (
            b"5\r\nhello\r\n0\r\nX: y\r\nZ: w\r\n\r\n",
            [Got(b"hello"), Got(b"hello")],
        ),
        // bare LF after size
        (
            b"5\nhello\r\n0\r\n\r\n",
            [
                Got(b"hello"),
                Fail(400, b"client sent invalid chunked body"),
            ],
        ),
        // bare LF after data
        (
            b"5\r\nhello\n0\r\n\r\n",
            [
                Got(b"hello"),
                Fail(400, b"client sent invalid chunked body"),
            ],
        ),
        // bare LF after last
        (
            b"5\r\nhello\r\n0\n\r\n",
            [
                Got(b"hello"),
                Fail(400, b"client sent invalid chunked body"),
            ],
        ),
        // bare LF final
        (
            b"5\r\nhello\r\n0\r\n\n",
            [
                Got(b"hello"),
                Fail(400, b"client sent invalid chunked body"),
            ],
        ),
        // bare LF after extension
        (
            b"5;a\nhello\r\n0\r\n\r\n",
            [
                Got(b"hello"),
                Fail(400, b"client sent invalid chunked body"),
            ],
        ),
        // bare LF after last extension
        (
            b"5\r\nhello\r\n0;a\n\r\n",
            [
                Got(b"hello"),
                Fail(400, b"client sent invalid chunked body"),
            ],
        ),
        // bare LF trailer
        (
            b"5\r\nhello\r\n0\r\nX: y\n\r\n",
            [
                Got(b"hello"),
                Fail(400, b"client sent invalid chunked body"),
            ],
        ),
        // all bare LF
        (
            b"5\nhello\n0\n\n",
            [
                Got(b"hello"),
                Fail(400, b"client sent invalid chunked body"),
            ],
        ),
        // 0x prefix
        (
            b"0x5\r\nhello\r\n0\r\n\r\n",
            [
                Fail(400, b"client sent invalid chunked body"),
                Fail(400, b"client sent invalid chunked body"),
            ],
        ),
        // negative
        (
            b"-5\r\nhello\r\n0\r\n\r\n",
            [
                Fail(400, b"client sent invalid chunked body"),
                Fail(400, b"client sent invalid chunked body"),
            ],
        ),
        // empty size
        (
            b"\r\nhello\r\n0\r\n\r\n",
            [
                Fail(400, b"client sent invalid chunked body"),
                Fail(400, b"client sent invalid chunked body"),
            ],
        ),
        // space before size
        (
            b" 5\r\nhello\r\n0\r\n\r\n",
            [
                Fail(400, b"client sent invalid chunked body"),
                Fail(400, b"client sent invalid chunked body"),
            ],
        ),
        // data too long
        (
            b"5\r\nhelloX\r\n0\r\n\r\n",
            [
                Fail(400, b"client sent invalid chunked body"),
                Fail(400, b"client sent invalid chunked body"),
            ],
        ),
        // CR junk after size
        (
            b"5\rX\nhello\r\n0\r\n\r\n",
            [
                Fail(400, b"client sent invalid chunked body"),
                Fail(400, b"client sent invalid chunked body"),
            ],
        ),
        // huge size
        (
            b"ffffffffffffffffff\r\n",
            [
                Fail(400, b"client sent invalid chunked body"),
                Fail(400, b"client sent invalid chunked body"),
            ],
        ),
        // size 2^63
        (
            b"8000000000000000\r\n",
            [
                Fail(400, b"client sent invalid chunked body"),
                Fail(400, b"client sent invalid chunked body"),
            ],
        ),
        // size 2^63-1
        (
            b"7fffffffffffffff\r\n",
            [
                Fail(400, b"client sent invalid chunked body"),
                Fail(400, b"client sent invalid chunked body"),
            ],
        ),
        // size 2^59
        (
            b"800000000000000\r\n",
            [
                Fail(400, b"client sent invalid chunked body"),
                Fail(400, b"client sent invalid chunked body"),
            ],
        ),
        // too large for max body
        (
            b"100001\r\nx",
            [
                Fail(
                    413,
                    b"client intended to send too large chunked body: 0+1048577 bytes",
                ),
                Fail(
                    413,
                    b"client intended to send too large chunked body: 0+1048577 bytes",
                ),
            ],
        ),
        // just max body
        (b"100000\r\nx", [Pending, Pending]),
        // incomplete
        (b"5\r\nhel", [Pending, Pending]),
        // junk in extension
        (
            b"5;\x00\x01\r\nhello\r\n0\r\n\r\n",
            [Got(b"hello"), Got(b"hello")],
        ),
        // CR CR
        (
            b"5\r\r\nhello\r\n0\r\n\r\n",
            [
                Fail(400, b"client sent invalid chunked body"),
                Fail(400, b"client sent invalid chunked body"),
            ],
        ),
    ];
}
