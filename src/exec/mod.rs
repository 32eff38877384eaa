//! Executing the IR for one request, phase by phase as nginx runs them:
//! server rewrite → find location → location rewrite (with `if`) → post
//! rewrite (search again, at most 10 URI changes) → access (`internal`,
//! `client_max_body_size`) → try_files → content (`proxy_pass`, index,
//! static files), with `error_page` taking over error statuses and
//! internal redirects starting over as nginx does.
//!
//! The result is an [`Outcome`]: a response rginx makes itself, or the
//! request to send to an upstream group. Peer choice and I/O belong to the
//! caller (the runtime, or the conformance engine's simulation), which
//! reports back with [`Exec::upstream_error`] or [`Exec::proxied`].

use crate::ir::balance::Group;
use crate::ir::conf::Loc;
use crate::ir::location::{find, named, Location};
use crate::ir::rewrite::{Cond, FileTest, Flag, If, Return, Rewrite, Stmt};
pub mod proxy;
pub mod realip;
pub mod route;
pub mod statics;
pub mod upstream;
pub mod vars;

use self::route::Request;
use crate::ir::server::{select, Why};
use crate::ir::uri::parse;
use crate::ir::{Http, Server};
use crate::profile::{has, Behaviour::*};
use crate::registry::Version;
use std::cell::RefCell;
use std::collections::HashMap;
use std::path::PathBuf;

/// A response body.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Body {
    Empty,
    Text(String),
    /// A file served as it is (static content).
    File(PathBuf),
    /// Bytes `start..end` of a file (a Range request).
    FileRange(PathBuf, u64, u64),
}

/// A response rginx makes itself.
#[derive(Clone, Debug)]
pub struct Reply {
    pub status: u16,
    /// In the order nginx sends them (Content-Type, Content-Length… are
    /// added by the caller from `content_type`/`body`).
    pub headers: Vec<(String, String)>,
    pub content_type: Option<String>,
    pub body: Body,
}

/// A request to send upstream.
#[derive(Clone, Debug)]
pub struct ProxyPlan {
    /// The upstream group (an `upstream` block, or the address).
    /// Shared with the IR: a plan costs no copy of the group.
    pub group: std::sync::Arc<Group>,
    /// The key for `hash` balancing, evaluated.
    pub hash_key: String,
    pub request_line: String,
    pub headers: Vec<(String, String)>,
    /// The request body when it was read before routing.
    pub body: Option<Vec<u8>>,
    /// The length of the body to send (from the body or Content-Length).
    pub body_len: Option<u64>,
    /// `proxy_next_upstream` includes `error` (and is not `off`).
    pub next_on_error: bool,
    /// `proxy_next_upstream` includes `invalid_header`.
    pub next_on_invalid_header: bool,
    /// `proxy_next_upstream_tries` (0: as many as the group has).
    pub tries: usize,
    /// `proxy_pass https://…`: TLS to the upstream, with `proxy_ssl_*`.
    pub tls: Option<UpstreamTls>,
}

/// How rginx speaks TLS to an upstream (`proxy_ssl_*`).
#[derive(Clone, Debug)]
pub struct UpstreamTls {
    /// The name to verify (and send as SNI): `proxy_ssl_name`, else the
    /// host of `proxy_pass`.
    pub name: String,
    /// `proxy_ssl_server_name` (off: no SNI, as nginx).
    pub send_sni: bool,
    /// `proxy_ssl_verify` (off by default, as nginx).
    pub verify: bool,
    /// `proxy_ssl_trusted_certificate`.
    pub trusted: Option<PathBuf>,
    /// `proxy_ssl_verify_depth` (1 by default).
    pub verify_depth: usize,
    /// `proxy_ssl_certificate` and `proxy_ssl_certificate_key`: the
    /// certificate rginx shows the upstream.
    pub certificate: Option<(PathBuf, PathBuf)>,
    /// `proxy_ssl_protocols` as written; `None`: both TLSv1.2 and TLSv1.3.
    pub protocols: Option<Vec<String>>,
    /// `proxy_ssl_ciphers` (`DEFAULT` by default).
    pub ciphers: String,
    /// `proxy_ssl_session_reuse` (on by default).
    pub session_reuse: bool,
}

#[derive(Clone, Debug)]
pub enum Outcome {
    Respond(Reply),
    Proxy(Box<ProxyPlan>),
}

/// One step of the way, for `rginx route`.
#[derive(Clone, Debug, serde::Serialize)]
pub struct Step {
    pub what: String,
}

/// Where the phases start (again).
enum Start<'a> {
    ServerRewrite,
    FindConfig,
    Rewrite,
    Named(&'a Location),
}

/// How the rewrite directives of a level ended.
enum Rw<'a> {
    /// Ran to the end (a rewrite without a flag may have changed the URI).
    Continue,
    /// `break`, or `rewrite … break`: stay in this location.
    Break,
    /// `rewrite … last`: search locations again.
    Last,
    Return(&'a Return),
    Redirect(u16, String),
}

/// Regex captures: `$1`… and `$name`.
#[derive(Clone, Debug, Default)]
pub struct Captures {
    pub numbered: Vec<Option<String>>,
    pub named: HashMap<String, String>,
}

/// The state of one request as it moves through the phases.
pub struct Exec<'a> {
    pub http: &'a Http,
    pub req: &'a Request,
    pub version: Version,
    pub server: &'a Server,
    pub server_why: Why,
    /// The validated Host (lower case, no port), or empty.
    pub host: String,
    pub method: String,
    /// The request's headers nginx keeps (names with underscores and
    /// invalid names are dropped unless the socket's default server allows
    /// them).
    pub headers: Vec<(String, String)>,
    pub uri: String,
    pub args: Option<String>,
    /// `$request_uri` (the target without scheme and host).
    pub request_uri: String,
    pub loc: Option<&'a Location>,
    /// The locations `loc` inherits from, outermost first (found once
    /// when `loc` is set: every setting lookup walks it).
    loc_chain: smallvec::SmallVec<[&'a Location; 4]>,
    /// A true `if` of the location: its block is the configuration in
    /// effect.
    pub if_block: Option<&'a If>,
    /// `$1`…`$9` and named captures of the last regex that matched.
    pub captures: RefCell<Captures>,
    pub set_vars: HashMap<String, String>,
    pub(crate) map_cache: RefCell<HashMap<String, String>>,
    internal: bool,
    uri_changes: u32,
    /// A rewrite without a flag changed the URI: search again afterwards.
    uri_changed: bool,
    /// The URI was changed by a rewrite or redirect (the client's is no
    /// longer the one to pass upstream as sent).
    pub(super) uri_rewritten: bool,
    /// The location prefix still applies to the URI (`proxy_pass` with a
    /// URI part replaces it).
    pub(super) valid_location: bool,
    /// `error_page` status override: None keeps, Some(0) takes the target's.
    pub(super) err_status: Option<u16>,
    error_page_done: bool,
    /// A Location header already set (kept across an error_page redirect).
    location_header: Option<String>,
    pub proxy_host: String,
    /// The client's address (`$remote_addr`; realip may change it).
    pub remote: std::net::SocketAddr,
    pub(super) realip_done: bool,
    /// The file length for a 416's Content-Range.
    pub(super) range_len: Option<u64>,
    /// nginx closes the connection after this response.
    pub closes: bool,
    /// The request body was refused or discarded (no second 413).
    body_discarded: bool,
    /// The response comes from a handler that reads the request's body
    /// to discard it before answering (nginx's `return` with a status
    /// below 400 or a text, static files), so a malformed body already
    /// received is answered 400 instead; a special response (an error,
    /// the core's redirect) discards after answering.
    pub discards_first: bool,
    /// `$status` once the response status is known.
    pub status: Option<u16>,
    /// The port the client named in Host or the request line
    /// (`$request_port`, 1.29.3).
    pub request_port: Option<String>,
    /// A running server (not the IR engine) evaluates: `$request_id` is
    /// made when first used.
    pub serving: bool,
    /// `$upstream_addr`/`$upstream_status`, set by the caller.
    pub upstream_addrs: Vec<std::net::SocketAddr>,
    pub upstream_status: Option<String>,
    /// `$upstream_response_time`, set by the runtime.
    pub upstream_response_time: Option<std::time::Duration>,
    /// `$connection` and `$connection_requests`, set by the runtime.
    pub connection: Option<(u64, u64)>,
    /// Variables only a running server knows (`$time_local`,
    /// `$body_bytes_sent`, `$upstream_http_*`…), set by the runtime.
    pub runtime_vars: HashMap<String, String>,
    /// The connection's client certificate once a handshake happened
    /// (`Some(None)`: none was sent or asked for); `None` without a
    /// handshake (the IR mode), where `$ssl_client_*` cannot be known.
    pub client_cert: Option<Option<std::sync::Arc<crate::tls::x509::PeerCert>>>,
    /// The upstream response's headers (`$upstream_http_*`) and those of
    /// the response sent (`$sent_http_*`), as the runtime saw them.
    pub upstream_headers: Vec<(String, String)>,
    pub sent_headers: Vec<(String, String)>,
    /// Headers of an intercepted upstream response that stay on the
    /// response nginx sends instead (`WWW-Authenticate` of a 401).
    pub carried_headers: Vec<(String, String)>,
    pub steps: Vec<Step>,
}

/// Record a step of the explanation `rginx route` and the IR engine show.
/// A running server explains nothing: the text is not even made.
macro_rules! step {
    ($exec:expr, $what:expr) => {
        if !$exec.serving {
            let what: String = $what;
            $exec.steps.push($crate::exec::Step { what });
        }
    };
}
pub(super) use step;

fn is_redirect(code: u16) -> bool {
    matches!(code, 301 | 302 | 303 | 307 | 308)
}

/// nginx's checks of a Host value (`ngx_http_validate_host`): lower case,
/// trailing dot and port removed; `None` when invalid. From 1.29.4 the
/// port must be a number up to 65535.
fn validate_host(h: &str, version: Version) -> Option<String> {
    let b = h.as_bytes();
    let mut host_end = b.len();
    let mut in_brackets = false;
    let mut prev_dot = false;
    for (i, &c) in b.iter().enumerate() {
        match c {
            b'.' => {
                if prev_dot {
                    return None;
                }
                prev_dot = true;
                continue;
            }
            b':' if !in_brackets => {
                host_end = i;
                break;
            }
            b'[' if i == 0 => in_brackets = true,
            b']' if in_brackets && !has(version, StrictAuthority) => {
                // Before 1.29.4 the host ends at "]", whatever follows.
                host_end = i + 1;
                break;
            }
            b']' => in_brackets = false,
            b'/' => return None,
            b'\\' if has(version, StrictAuthority) => return None,
            c if c <= b' ' || c == 0x7f => return None,
            _ => {}
        }
        prev_dot = false;
    }
    if has(version, StrictAuthority) {
        // RFC 3986 authority: no userinfo, a bracketed IPv6 closes before
        // the port.
        if h.contains('@') {
            return None;
        }
        if h.starts_with('[') {
            let close = h.find(']')?;
            let after = &h[close + 1..];
            if !(after.is_empty() || after.starts_with(':')) {
                return None;
            }
        }
    }
    if host_end < b.len() && has(version, StrictAuthority) {
        let port = &h[host_end + 1..];
        let number = port.bytes().all(|c| c.is_ascii_digit());
        if !number || (!port.is_empty() && port.parse::<u32>().map_or(true, |p| p > 65535)) {
            return None;
        }
    }
    let mut host = h[..host_end].to_ascii_lowercase();
    if host.ends_with('.') {
        host.pop();
    }
    if host.is_empty() {
        return None;
    }
    Some(host)
}

/// Characters nginx escapes in a URI it builds for the upstream
/// (`ngx_escape_uri`, NGX_ESCAPE_URI): controls, space, `"`, `#`, `%`,
/// `<`, `>`, `?`, `\`, `^`, `` ` ``, `{`, `|`, `}` and bytes from 0x7f.
pub fn escape_uri(path: &[u8]) -> String {
    let mut out = String::with_capacity(path.len());
    for &c in path {
        if c <= 0x20
            || c >= 0x7f
            || matches!(
                c,
                b'"' | b'#' | b'%' | b'<' | b'>' | b'?' | b'\\' | b'^' | b'`' | b'{' | b'|' | b'}'
            )
        {
            out.push_str(&format!("%{c:02X}"));
        } else {
            out.push(c as char);
        }
    }
    out
}

pub use crate::ir::uri::split_url;

/// The client's headers as nginx keeps them: `underscores_in_headers` and
/// `ignore_invalid_headers` of the socket's default server apply to the
/// lines before Host, those of the server Host selects to the lines after.
fn kept_headers(http: &Http, req: &Request, selected: &Server) -> Vec<(String, String)> {
    let default = crate::ir::server::socket_default(&http.servers, req.local).unwrap_or(selected);
    let flags = |server: &Server| {
        (
            server.srv.underscores_in_headers,
            server.srv.ignore_invalid_headers,
        )
    };
    let before = flags(default);
    let after = flags(selected);
    let host_at = req
        .headers
        .iter()
        .position(|(n, _)| n.eq_ignore_ascii_case("host"))
        .unwrap_or(usize::MAX);
    req.headers
        .iter()
        .enumerate()
        .filter(|(i, (n, _))| {
            let (underscores, ignore_invalid) = if *i > host_at { after } else { before };
            let valid = n
                .bytes()
                .all(|c| c.is_ascii_alphanumeric() || c == b'-' || (c == b'_' && underscores));
            valid || !ignore_invalid
        })
        .map(|(_, h)| h)
        .map(|(n, v)| (n.clone(), v.trim_matches(' ').to_string()))
        .collect()
}

impl<'a> Exec<'a> {
    /// Start a request: validate it and choose the server. `Err` is the
    /// response nginx gives before any configuration applies (400s).
    pub fn new(http: &'a Http, req: &'a Request, version: Version) -> Result<Exec<'a>, Reply> {
        let bad = |_: &str| Reply {
            status: 400,
            headers: Vec::new(),
            content_type: Some("text/html".into()),
            body: Body::Text(crate::ir::pages::page(400).unwrap_or_default()),
        };
        // An absolute-form target names the host itself.
        let lower = req.target.get(..8).unwrap_or("").to_ascii_lowercase();
        let scheme_len = if lower.starts_with("http://") {
            Some(7)
        } else if lower.starts_with("https://") {
            Some(8)
        } else {
            None
        };
        let (target_host, path_target) = match scheme_len.map(|n| &req.target[n..]) {
            Some(rest) => match rest.find(['/', '?']) {
                Some(i) if rest.as_bytes()[i] == b'/' => {
                    (Some(rest[..i].to_string()), rest[i..].to_string())
                }
                Some(i) => (Some(rest[..i].to_string()), format!("/{}", &rest[i..])),
                None => (Some(rest.to_string()), "/".to_string()),
            },
            None => (None, req.target.clone()),
        };
        if req.method == "CONNECT" {
            // 1.31.0 parses CONNECT's authority form (and refuses the
            // method); before, CONNECT was a method like any other.
            let authority = !req.target.starts_with('/');
            if has(version, ConnectAuthorityForm) && authority {
                return Err(Reply {
                    status: 405,
                    headers: Vec::new(),
                    content_type: Some("text/html".into()),
                    body: Body::Text(crate::ir::pages::page(405).unwrap_or_default()),
                });
            }
            if has(version, ConnectAuthorityForm) || authority {
                return Err(bad("CONNECT"));
            }
            // Before, a CONNECT with a path is refused once read.
            return Err(Reply {
                status: 405,
                headers: Vec::new(),
                content_type: Some("text/html".into()),
                body: Body::Text(crate::ir::pages::page(405).unwrap_or_default()),
            });
        }
        let hosts: Vec<&str> = req
            .headers
            .iter()
            .filter(|(n, _)| n.eq_ignore_ascii_case("host"))
            .map(|(_, v)| v.as_str())
            .collect();
        if hosts.len() > 1 {
            return Err(bad("duplicate Host"));
        }
        let named = |n: &str| {
            req.headers
                .iter()
                .filter(|(h, _)| h.eq_ignore_ascii_case(n))
                .map(|(_, v)| v.trim())
                .collect::<Vec<_>>()
        };
        let lengths = named("content-length");
        let codings = named("transfer-encoding");
        if lengths.len() > 1
            || lengths
                .first()
                .is_some_and(|l| l.is_empty() || !l.bytes().all(|c| c.is_ascii_digit()))
            || codings.len() > 1
            || (!codings.is_empty() && (!lengths.is_empty() || req.protocol == "HTTP/1.0"))
        {
            return Err(bad("framing"));
        }
        if codings
            .first()
            .is_some_and(|c| !c.eq_ignore_ascii_case("chunked"))
        {
            return Err(Reply {
                status: 501,
                headers: Vec::new(),
                content_type: Some("text/html".into()),
                body: Body::Text(crate::ir::pages::page(501).unwrap_or_default()),
            });
        }
        let host = match (&target_host, hosts.first()) {
            (Some(h), _) => validate_host(h, version).ok_or_else(|| bad("invalid host"))?,
            (None, Some(h)) => validate_host(h, version).ok_or_else(|| bad("invalid host"))?,
            (None, None) if req.protocol == "HTTP/1.1" => return Err(bad("no host")),
            (None, None) => String::new(),
        };
        let named_host = target_host
            .as_deref()
            .or(hosts.first().copied())
            .unwrap_or("");
        let request_port = match named_host.rsplit_once(':') {
            Some((h, p)) if !h.ends_with(':') && (!h.contains(':') || h.ends_with(']')) => {
                p.parse::<u16>().ok().map(|n| n.to_string())
            }
            _ => None,
        };
        let Some((server, why)) = select(&http.servers, req.local, &host) else {
            return Err(bad("no server"));
        };
        let parsed = parse(&path_target, server.merge_slashes).map_err(|_| bad("uri"))?;
        let mut exec = Exec {
            http,
            req,
            version,
            server,
            server_why: why,
            host,
            method: req.method.clone(),
            headers: kept_headers(http, req, server),
            uri: crate::octets::mixed_to_text(&parsed.path),
            args: parsed.args,
            request_uri: path_target,
            loc: None,
            loc_chain: smallvec::SmallVec::new(),
            if_block: None,
            captures: RefCell::new(Captures::default()),
            set_vars: HashMap::new(),
            map_cache: RefCell::new(HashMap::new()),
            internal: false,
            uri_changes: 11,
            uri_changed: false,
            uri_rewritten: false,
            valid_location: true,
            err_status: None,
            error_page_done: false,
            location_header: None,
            proxy_host: String::new(),
            remote: req.remote,
            realip_done: false,
            range_len: None,
            closes: false,
            body_discarded: false,
            discards_first: false,
            status: None,
            request_port: None,
            serving: false,
            upstream_addrs: Vec::new(),
            upstream_status: None,
            upstream_response_time: None,
            connection: None,
            runtime_vars: HashMap::new(),
            client_cert: None,
            upstream_headers: Vec::new(),
            sent_headers: Vec::new(),
            carried_headers: Vec::new(),
            steps: Vec::new(),
        };
        exec.request_port = request_port;
        if let Why::Regex(_) = &exec.server_why {
            // A regex server_name sets the captures.
            let host = exec.host.clone();
            for n in &server.names {
                if let crate::ir::ServerName::Regex(_, re) = n {
                    if let Some(c) = re.captures(&host) {
                        exec.set_captures(re, &c);
                        break;
                    }
                }
            }
        }
        Ok(exec)
    }

    pub(crate) fn set_captures(&self, re: &regex::Regex, c: &regex::Captures) {
        let mut caps = self.captures.borrow_mut();
        caps.numbered = c
            .iter()
            .map(|m| m.map(|m| m.as_str().to_string()))
            .collect();
        for name in re.capture_names().flatten() {
            if let Some(m) = c.name(name) {
                caps.named.insert(name.to_string(), m.as_str().to_string());
            }
        }
    }

    /// The configuration in effect: a true `if` of the location, the
    /// location, or the server where no location applies.
    pub fn conf(&self) -> &'a Loc {
        match (self.if_block.and_then(|b| b.conf.as_deref()), self.loc) {
            (Some(c), _) => c,
            (None, Some(l)) => &l.conf,
            (None, None) => &self.server.conf,
        }
    }

    fn set_loc(&mut self, loc: Option<&'a Location>) {
        self.loc = loc;
        self.loc_chain.clear();
        if let Some(l) = loc {
            crate::ir::location::chain_into(&self.server.locations, l, &mut self.loc_chain);
        }
    }

    /// Run the phases.
    pub fn run(&mut self) -> Outcome {
        // realip of the server level runs as the request is read.
        self.realip();
        self.go(Start::ServerRewrite)
    }

    fn go(&mut self, mut start: Start<'a>) -> Outcome {
        loop {
            match start {
                Start::ServerRewrite => {
                    self.set_loc(None);
                    self.if_block = None;
                    self.uri_changed = false;
                    match self.rewrite(&self.server.rewrites, true) {
                        Rw::Continue | Rw::Break | Rw::Last => start = Start::FindConfig,
                        other => return self.rewrite_result(other),
                    }
                }
                Start::FindConfig => {
                    self.if_block = None;
                    self.valid_location = true;
                    let found = find(&self.server.locations, self.uri.as_bytes());
                    self.set_loc(found.location);
                    let auto_redirect = found.auto_redirect;
                    if let Some(l) = self.loc {
                        step!(self, format!("location {} at {}", l.describe(), l.at));
                        // Each regex that matched on the way sets the
                        // captures (a nested one overrides its parent's).
                        for m in &found.matched {
                            if let Some((numbered, named)) = m.captures(self.uri.as_bytes()) {
                                let mut caps = self.captures.borrow_mut();
                                caps.numbered = numbered;
                                caps.named.extend(named);
                            }
                        }
                        if l.conf.internal && !self.internal {
                            step!(self, "the location is internal: 404".into());
                            return self.special(404);
                        }
                    }
                    if let (Some(limit), false) = (self.body_limit(), self.body_discarded) {
                        // Checked from Content-Length; a chunked body when read.
                        let len = self.content_length().unwrap_or(0);
                        if limit > 0 && len > limit {
                            step!(self, format!(
                                "the body ({len} bytes) is larger than client_max_body_size ({limit}): 413"
                            ));
                            return self.special(413);
                        }
                    }
                    if auto_redirect {
                        // A location "/x/" that proxies answers "/x" with a
                        // 301 to "/x/".
                        {
                            let mut to = format!("{}/", self.uri);
                            if let Some(a) = &self.args {
                                to.push('?');
                                to.push_str(a);
                            }
                            self.location_header = Some(to);
                            step!(self, "no trailing slash for a proxied prefix: 301".into());
                            return self.special(301);
                        }
                    }
                    start = Start::Rewrite;
                }
                Start::Named(l) => {
                    self.set_loc(Some(l));
                    self.if_block = None;
                    start = Start::Rewrite;
                }
                Start::Rewrite => {
                    self.uri_changed = false;
                    let stmts = self.loc.map_or(&[][..], |l| l.rewrites.as_slice());
                    let search = match self.rewrite(stmts, false) {
                        Rw::Continue => self.uri_changed,
                        Rw::Break => false,
                        Rw::Last => true,
                        other => return self.rewrite_result(other),
                    };
                    if !search {
                        return self.content();
                    }
                    self.uri_changes -= 1;
                    if self.uri_changes == 0 {
                        step!(self, "rewrite or internal redirection cycle: 500".into());
                        return self.special(500);
                    }
                    start = Start::FindConfig;
                }
            }
        }
    }

    /// The request's Content-Length.
    pub(super) fn content_length(&self) -> Option<u64> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case("content-length"))
            .and_then(|(_, v)| v.parse().ok())
    }

    /// The body is read (to proxy it): a chunked body over the limit is
    /// refused now.
    pub(super) fn chunked_over_limit(&self) -> bool {
        let limit = self.body_limit().unwrap_or(0);
        self.content_length().is_none()
            && limit > 0
            && self
                .req
                .body
                .as_ref()
                .is_some_and(|b| b.len() as u64 > limit)
    }

    /// `client_max_body_size` in effect (bytes; 0 is no limit).
    pub(super) fn body_limit(&self) -> Option<u64> {
        Some(self.conf().client_max_body_size)
    }

    fn rewrite_result(&mut self, rw: Rw<'a>) -> Outcome {
        match rw {
            Rw::Return(ret) => self.do_return(ret),
            Rw::Redirect(code, url) => {
                self.location_header = Some(url);
                self.special(code)
            }
            Rw::Continue | Rw::Break | Rw::Last => self.content(),
        }
    }

    /// Evaluate a value with variables (unknown ones are empty).
    pub fn eval(&self, template: &str) -> String {
        self.try_eval(template).unwrap_or_default()
    }

    /// Run the rewrite module's statements of a level (`rewrite`, `set`,
    /// `if`, `return`, `break`). A true `if` runs its block in line and,
    /// in a location, becomes the configuration in effect.
    fn rewrite(&mut self, stmts: &'a [Stmt], server_level: bool) -> Rw<'a> {
        for s in stmts {
            match s {
                Stmt::Return(r) => return Rw::Return(r),
                Stmt::Break => {
                    self.uri_changed = false;
                    return Rw::Break;
                }
                Stmt::Set { var, value } => {
                    let v = self.eval(value);
                    self.set_vars.insert(var.clone(), v);
                }
                Stmt::If(i) if self.condition(&i.cond) => {
                    step!(self, format!("if {} at {} is true", i.text, i.at));
                    if !server_level {
                        self.if_block = Some(i);
                    }
                    match self.rewrite(&i.block, server_level) {
                        Rw::Continue => {}
                        other => return other,
                    }
                }
                Stmt::If(_) => {}
                Stmt::Rewrite(r) => {
                    if let Some(rw) = self.rewrite_one(r) {
                        return rw;
                    }
                }
            }
        }
        Rw::Continue
    }
}

impl<'a> Exec<'a> {
    /// One `rewrite`: `None` when the list goes on (no match, or a match
    /// without a flag), else how the phase ends.
    fn rewrite_one(&mut self, r: &'a Rewrite) -> Option<Rw<'a>> {
        let (pattern, replacement) = (&r.pattern, &r.replacement);
        let re = match &r.regex {
            Ok(re) => re,
            Err(e) => {
                step!(
                    self,
                    format!("rginx cannot compile the rewrite regex \"{pattern}\": {e}")
                );
                return None;
            }
        };
        let uri = self.uri.clone();
        let caps = re.captures(&uri)?;
        self.set_captures(re, &caps);
        let flag = r.flag;
        // New arguments (after a "?" written in the replacement, not one a
        // variable brings) replace the old ones, which are appended unless
        // the replacement ends with "?".
        let (template, keep_old) = match replacement.strip_suffix('?') {
            Some(t) => (t, false),
            None => (replacement.as_str(), true),
        };
        let (path, args) = match template.split_once('?') {
            None => (
                self.eval(template),
                if keep_old { self.args.clone() } else { None },
            ),
            Some((p, a)) => {
                let a = self.eval(a);
                let args = match (keep_old, &self.args) {
                    (true, Some(old)) => Some(format!("{a}&{old}")),
                    _ => Some(a),
                };
                (self.eval(p), args)
            }
        };
        step!(
            self,
            format!(
                "rewrite {pattern} {replacement}{} at {}: \"{path}\"",
                flag.map(|f| format!(" {}", f.word())).unwrap_or_default(),
                r.at
            )
        );
        let scheme = replacement.starts_with("http://")
            || replacement.starts_with("https://")
            || replacement.starts_with("$scheme");
        if scheme || matches!(flag, Some(Flag::Redirect | Flag::Permanent)) {
            let code = if flag == Some(Flag::Permanent) {
                301
            } else {
                302
            };
            let url = match &args {
                Some(a) => format!("{path}?{a}"),
                None => path,
            };
            return Some(Rw::Redirect(code, url));
        }
        self.uri = path;
        self.args = args;
        self.uri_rewritten = true;
        match flag {
            Some(Flag::Last) => {
                self.uri_changed = true;
                Some(Rw::Last)
            }
            Some(Flag::Break) => {
                self.uri_changed = false;
                self.valid_location = false;
                Some(Rw::Break)
            }
            _ => {
                self.uri_changed = true;
                None
            }
        }
    }

    /// An `if` condition.
    fn condition(&mut self, cond: &'a Cond) -> bool {
        let file_test = |test: FileTest, path: &str| {
            let meta = std::fs::metadata(path);
            match test {
                FileTest::File => meta.is_ok_and(|m| m.is_file()),
                FileTest::Dir => meta.is_ok_and(|m| m.is_dir()),
                FileTest::Exists => meta.is_ok(),
                FileTest::Executable => {
                    use std::os::unix::fs::PermissionsExt;
                    meta.is_ok_and(|m| m.permissions().mode() & 0o111 != 0)
                }
            }
        };
        match cond {
            Cond::File {
                test,
                path,
                negated,
            } => file_test(*test, &self.eval(path)) != *negated,
            Cond::Value(var) => {
                let v = self.eval(var);
                !v.is_empty() && v != "0"
            }
            Cond::Equals {
                value,
                other,
                negated,
            } => (self.eval(value) == self.eval(other)) != *negated,
            Cond::Matches {
                value,
                pattern,
                regex,
                negated,
            } => {
                let v = self.eval(value);
                let Ok(re) = regex else {
                    step!(
                        self,
                        format!("rginx cannot compile the if regex \"{pattern}\"")
                    );
                    return false;
                };
                let hit = re.captures(&v);
                if let Some(c) = &hit {
                    self.set_captures(re, c);
                }
                hit.is_some() != *negated
            }
            Cond::Never => false,
        }
    }

    /// `return code [text|URL]` / `return URL`.
    fn do_return(&mut self, ret: &Return) -> Outcome {
        step!(self, format!("return {} at {}", ret.args.join(" "), ret.at));
        let code = ret.code;
        let status = code.unwrap_or(302);
        let value = ret.value.as_ref().map(|t| self.eval(t));
        self.discards_first = status < 400 || value.is_some();
        match value {
            Some(url) if is_redirect(status) || code.is_none() => {
                self.location_header = Some(url);
                self.special(status)
            }
            Some(text) => {
                let content_type = self.default_type();
                self.finish(Reply {
                    status,
                    headers: Vec::new(),
                    content_type: Some(content_type),
                    body: Body::Text(text),
                })
            }
            None if status >= 300 || status == 204 => self.special(status),
            None => self.finish(Reply {
                status,
                headers: Vec::new(),
                content_type: None,
                body: Body::Text(String::new()),
            }),
        }
    }

    fn default_type(&self) -> String {
        self.conf().default_type.clone()
    }

    /// A status nginx answers itself: `error_page` may take over, else
    /// nginx's own page.
    pub fn special(&mut self, status: u16) -> Outcome {
        self.err_status = Some(status);
        if matches!(status, 400 | 413 | 414 | 497 | 495 | 496 | 500 | 501) {
            self.closes = true;
        }
        if status == 413 {
            self.body_discarded = true;
        }
        if !self.error_page_done && self.uri_changes != 0 {
            let conf = self.conf();
            if !conf.recursive_error_pages {
                self.error_page_done = true;
            }
            for page in &conf.error_page {
                if page.codes.contains(&status) && !page.target.is_empty() {
                    // nginx's error_page gives 494-497 (the codes it
                    // sends as 400) an implied `=400`.
                    let overwrite = page
                        .overwrite
                        .or(matches!(status, 494..=497).then_some(400));
                    step!(
                        self,
                        format!(
                            "error_page {} at {}",
                            page.entry.args.join(" "),
                            page.entry.at
                        )
                    );
                    return self.error_page(status, overwrite, &page.target);
                }
            }
        }
        if matches!(status, 495..=497) {
            // Plain HTTP on a TLS port, a client certificate that failed
            // verification or is missing: nginx's special 400 pages.
            self.err_status = Some(400);
            self.closes = true;
            let body = crate::ir::pages::tls_page(status, self.tokens());
            return self.finish(Reply {
                status: 400,
                headers: Vec::new(),
                content_type: Some("text/html".into()),
                body: Body::Text(body),
            });
        }
        let body = if status >= 300 {
            crate::ir::pages::signed_page(status, self.tokens())
        } else {
            None
        };
        self.finish(Reply {
            status,
            headers: Vec::new(),
            content_type: body.as_ref().map(|_| "text/html".to_string()),
            body: body.map_or(Body::Empty, Body::Text),
        })
    }

    /// `keepalive_timeout` in effect: whether connections stay open, and
    /// the timeout the Keep-Alive header announces.
    pub fn keepalive_settings(&self) -> (bool, Option<String>) {
        let k = self.conf().keepalive_timeout;
        (
            !k.timeout.is_zero(),
            k.header.map(|t| format!("timeout={t}")),
        )
    }

    /// `server_tokens` in effect (on by default).
    fn tokens(&self) -> bool {
        self.conf().tokens()
    }

    fn error_page(&mut self, status: u16, overwrite: Option<u16>, target: &str) -> Outcome {
        self.err_status = match overwrite {
            None => Some(status),
            Some(0) => None,
            Some(o) => Some(o),
        };
        let target = self.eval(target);
        if target.starts_with('/') {
            if self.method != "HEAD" {
                self.method = "GET".into();
            }
            return self.internal_redirect(&target, true);
        }
        if target.starts_with('@') {
            return self.named_redirect(&target);
        }
        self.location_header = Some(target);
        let code = overwrite.filter(|&o| is_redirect(o)).unwrap_or(302);
        self.err_status = None;
        let body = crate::ir::pages::signed_page(code, self.tokens());
        self.finish(Reply {
            status: code,
            headers: Vec::new(),
            content_type: body.as_ref().map(|_| "text/html".to_string()),
            body: body.map_or(Body::Empty, Body::Text),
        })
    }

    /// An internal redirect to a URI (with arguments after `?`): the
    /// phases start over at the server's rewrites.
    fn internal_redirect(&mut self, target: &str, split_args: bool) -> Outcome {
        let (path, args) = match target.split_once('?') {
            Some((p, a)) if split_args => (p.to_string(), Some(a.to_string())),
            _ => (target.to_string(), None),
        };
        step!(self, format!("internal redirect to \"{target}\""));
        self.redirect_to(path, args)
    }

    /// A path for the upstream request: nginx escapes it only when the
    /// client's target was percent-encoded or after an internal redirect
    /// (`r->quoted_uri || r->internal`), else sends its bytes as they are.
    pub(super) fn upstream_path(&self, path: &[u8]) -> String {
        // nginx marks a target quoted for a '%' in its path, not its args.
        let quoted = self
            .req
            .target
            .split('?')
            .next()
            .is_some_and(|p| p.contains('%'));
        if self.internal || quoted {
            escape_uri(&crate::octets::to_bytes(&String::from_utf8_lossy(path)))
        } else {
            String::from_utf8_lossy(path).into_owned()
        }
    }

    /// Start over at the server's rewrites with a new URI (an internal
    /// redirect; counts against the 10 URI changes).
    pub(super) fn redirect_to(&mut self, path: String, args: Option<String>) -> Outcome {
        self.uri_changes -= 1;
        if self.uri_changes == 0 {
            step!(self, "rewrite or internal redirection cycle: 500".into());
            return self.special(500);
        }
        self.uri = path;
        self.args = args;
        self.internal = true;
        self.uri_rewritten = true;
        self.go(Start::ServerRewrite)
    }

    /// A redirect nginx makes itself (301 for a directory…).
    pub(super) fn redirect_status(&mut self, code: u16, to: String) -> Outcome {
        self.location_header = Some(to);
        self.special(code)
    }

    /// Send a response through the final filters.
    pub(super) fn respond(&mut self, reply: Reply) -> Outcome {
        self.finish(reply)
    }

    fn named_redirect(&mut self, name: &str) -> Outcome {
        self.uri_changes -= 1;
        if self.uri_changes == 0 {
            return self.special(500);
        }
        let Some(l) = named(&self.server.locations, name) else {
            step!(self, format!("no named location \"{name}\": 500"));
            return self.special(500);
        };
        step!(self, format!("to {} at {}", l.describe(), l.at));
        self.internal = true;
        self.go(Start::Named(l))
    }

    /// The access module: `allow`/`deny` in order, the first rule that
    /// matches the client's address decides (a level with rules replaces
    /// the ones around it).
    fn access_denied(&self) -> Option<&'a crate::ir::conf::Rule> {
        let ip = self.remote.ip();
        for r in &self.conf().allow {
            if r.what == "all" || crate::ir::maps::net_contains(&r.what, ip) {
                return r.deny.then_some(r);
            }
        }
        None
    }

    /// The access and content phases: realip of the location, try_files,
    /// then the location's handler.
    fn content(&mut self) -> Outcome {
        self.realip();
        if let Some(rule) = self.access_denied() {
            step!(self, format!("access forbidden by rule at {}", rule.at));
            return self.special(403);
        }
        // try_files is the location's own (an `if` block has none); where
        // no location matched, the server's.
        let try_files = match self.if_block {
            None => &self.conf().try_files,
            Some(_) => &[][..],
        };
        if !try_files.is_empty() {
            if let Some(out) = self.try_files(try_files) {
                return out;
            }
        }
        if let Some(pass) = &self.conf().proxy_pass {
            return self.proxy(pass);
        }
        if self.uri.ends_with('/') {
            return self.index();
        }
        self.discards_first = true;
        self.static_file()
    }

    /// `try_files`: `None` when a file was found (the URI now names it).
    fn try_files(&mut self, args: &'a [String]) -> Option<Outcome> {
        let (last, files) = args.split_last()?;
        for f in files {
            // A trailing "/" in the configuration tests for a directory.
            let test_dir = f.len() > 1 && f.ends_with('/');
            let name = self.eval(if test_dir { &f[..f.len() - 1] } else { f });
            let path = self.map_to_path(&name);
            let meta = std::fs::metadata(&path);
            let ok = meta.is_ok_and(|m| m.is_dir() == test_dir);
            if ok {
                step!(self, format!("try_files: \"{}\" exists", path.display()));
                self.uri = name;
                return None;
            }
        }
        let last = self.eval(last);
        if let Some(code) = last.strip_prefix('=') {
            let code = code.parse().unwrap_or(404);
            step!(self, format!("try_files falls back to ={code}"));
            return Some(self.special(code));
        }
        if last.starts_with('@') {
            return Some(self.named_redirect(&last));
        }
        // The fallback's own arguments replace the request's.
        let (path, args) = match last.split_once('?') {
            Some((p, a)) => (p.to_string(), Some(a.to_string())),
            None => (last.clone(), None),
        };
        step!(self, format!("try_files falls back to \"{last}\""));
        Some(self.redirect_to(path, args))
    }

    /// The final response: `error_page`'s status, headers the
    /// configuration adds, an absolute Location.
    fn finish(&mut self, mut reply: Reply) -> Outcome {
        if let Some(s) = self.err_status {
            reply.status = s;
        }
        self.status = Some(reply.status);
        if let (416, Some(len)) = (reply.status, self.range_len) {
            reply
                .headers
                .push(("Content-Range".into(), format!("bytes */{len}")));
        }
        if let Some(loc) = self.location_header.clone() {
            reply
                .headers
                .push(("Location".into(), self.absolute_location(&loc)));
        }
        reply.headers.extend(self.carried_headers.iter().cloned());
        // `$sent_http_*` as add_header sees it.
        if self.http.uses_sent_http || !self.serving {
            let mut sent = reply.headers.clone();
            if let Some(t) = &reply.content_type {
                sent.push(("Content-Type".into(), t.clone()));
            }
            self.sent_headers = sent;
        }
        let added = self.added_headers(reply.status);
        for (n, v) in added {
            // add_header of these replaces nginx's own.
            if n.eq_ignore_ascii_case("etag") || n.eq_ignore_ascii_case("last-modified") {
                reply.headers.retain(|(h, _)| !h.eq_ignore_ascii_case(&n));
                if v.is_empty() {
                    continue;
                }
            }
            reply.headers.push((n, v));
        }
        Outcome::Respond(reply)
    }

    /// Location made absolute as nginx's header filter does.
    fn absolute_location(&self, loc: &str) -> String {
        if !loc.starts_with('/') {
            return loc.to_string();
        }
        let conf = self.conf();
        if !conf.absolute_redirect {
            return loc.to_string();
        }
        let host = if conf.server_name_in_redirect {
            self.server.primary_name.clone()
        } else if self.host.is_empty() {
            // No Host: the address the connection came to.
            match self.req.local.ip() {
                std::net::IpAddr::V6(a) => format!("[{a}]"),
                a => a.to_string(),
            }
        } else {
            self.host.clone()
        };
        let port = self.req.local.port();
        let (scheme, default_port) = match self.req.tls {
            Some(_) => ("https", 443),
            None => ("http", 80),
        };
        let port = if !conf.port_in_redirect || port == default_port {
            String::new()
        } else {
            format!(":{port}")
        };
        format!("{scheme}://{host}{port}{loc}")
    }

    /// `expires` and `add_header` for a status.
    pub fn added_headers(&mut self, status: u16) -> Vec<(String, String)> {
        const SAFE: &[u16] = &[200, 201, 204, 206, 301, 302, 303, 304, 307, 308];
        use crate::ir::conf::Expires;
        let conf = self.conf();
        let mut out = Vec::new();
        if SAFE.contains(&status) {
            match conf.expires {
                Expires::Epoch => {
                    out.push(("Expires".into(), "Thu, 01 Jan 1970 00:00:01 GMT".into()));
                    out.push(("Cache-Control".into(), "no-cache".into()));
                }
                Expires::Max => {
                    out.push(("Expires".into(), "Thu, 31 Dec 2037 23:55:55 GMT".into()));
                    out.push(("Cache-Control".into(), "max-age=315360000".into()));
                }
                Expires::Off | Expires::Other(_) => {}
            }
        }
        self.status = Some(status);
        for h in &conf.add_header {
            if !h.always && !SAFE.contains(&status) {
                continue;
            }
            let v = self.eval(&h.value);
            if !v.is_empty()
                || h.name.eq_ignore_ascii_case("etag")
                || h.name.eq_ignore_ascii_case("last-modified")
            {
                out.push((h.name.clone(), v));
            }
        }
        out
    }

    /// The upstream answered: the response passes through with the
    /// headers the configuration adds.
    pub fn proxied(&mut self, status: u16, headers: Vec<(String, String)>, body: Body) -> Reply {
        self.upstream_status = Some(status.to_string());
        let reply = Reply {
            status,
            headers,
            content_type: None,
            body,
        };
        match self.finish(reply) {
            Outcome::Respond(r) => r,
            Outcome::Proxy(_) => unreachable!("finish only responds"),
        }
    }

    /// No upstream could be reached: 502 (or what error_page says).
    pub fn upstream_error(&mut self, status: u16) -> Outcome {
        self.upstream_status = Some(status.to_string());
        self.special(status)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn http(conf: &str) -> Http {
        let config = crate::syntax::include::load_text(
            std::path::Path::new("/tmp/nginx.conf"),
            conf.as_bytes().to_vec(),
            &Default::default(),
        );
        Http::build(&config, true).unwrap()
    }

    /// Plain HTTP on the TLS port of `conf`'s server (127.0.0.1:8443).
    fn plain_on_tls(conf: &str) -> Reply {
        let http = http(conf);
        let local = std::net::SocketAddr::from(([127, 0, 0, 1], 8443));
        let req = Request::new("GET", "/n", vec![("Host".into(), "h".into())], local);
        let mut exec = Exec::new(&http, &req, (1, 31, 3)).unwrap();
        match exec.special(497) {
            Outcome::Respond(reply) => reply,
            Outcome::Proxy(_) => panic!("proxied"),
        }
    }

    #[test]
    fn error_page_497_implies_400() {
        // nginx gives error_page 494-497 without =code an implied =400.
        let named = "http { server { listen 127.0.0.1:8443 ssl; error_page 497 @p; \
                     location @p { return 200 \"p\"; } } }";
        let r = plain_on_tls(named);
        assert_eq!((r.status, r.body), (400, Body::Text("p".into())));
        let equals = named.replace("497 @p", "497 = @p");
        assert_eq!(plain_on_tls(&equals).status, 200);
        // A URL still redirects with 302 (400 is not a redirect code).
        let url = "http { server { listen 127.0.0.1:8443 ssl; \
                   error_page 497 https://$host$uri; } }";
        let r = plain_on_tls(url);
        assert_eq!(r.status, 302);
    }

    #[test]
    fn status_in_an_error_page_is_the_error() {
        // $status inside the error page is the status being handled.
        let conf = "http { server { listen 127.0.0.1:8443 ssl; error_page 497 /p; \
                    location = /p { return 200 \"s=$status\"; } } }";
        let r = plain_on_tls(conf);
        assert_eq!((r.status, r.body), (400, Body::Text("s=400".into())));
    }
}
