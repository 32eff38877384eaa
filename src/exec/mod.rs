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
mod access;
mod content;
pub mod filters;
mod phases;
pub mod proxy;
pub mod realip;
mod request;
mod rewrite;
pub mod route;
mod special;
pub mod statics;
pub mod subrequest;
mod try_files;
pub mod upstream;
pub mod vars;

pub use self::request::Request;
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
    /// nginx closes the connection after this response.
    pub closes: bool,
    /// The request body was refused or discarded (no second 413).
    body_discarded: bool,
    /// The response is an upstream's nginx does not cache: no 304 or 412
    /// is made from it (`r->disable_not_modified`).
    pub(super) disable_not_modified: bool,
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
    /// How deep in subrequests (0: the client's request).
    pub(super) depth: u32,
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

impl<'a> Exec<'a> {
    /// The configuration in effect: a true `if` of the location, the
    /// location, or the server where no location applies.
    pub fn conf(&self) -> &'a Loc {
        match (self.if_block.and_then(|b| b.conf.as_deref()), self.loc) {
            (Some(c), _) => c,
            (None, Some(l)) => &l.conf,
            (None, None) => &self.server.conf,
        }
    }

    /// Evaluate a value with variables (unknown ones are empty).
    pub fn eval(&self, template: &str) -> String {
        self.try_eval(template).unwrap_or_default()
    }
}

impl<'a> Exec<'a> {
    fn default_type(&self) -> String {
        self.conf().default_type.clone()
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
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    pub(crate) fn http(conf: &str) -> Http {
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
        let mut exec = Exec::new(&http, &req, Version::new(1, 31, 3)).unwrap();
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
