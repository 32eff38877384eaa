//! Load-time checks of the http module that need state across directives:
//! log formats, upstream names, locations, listen sockets and server names.
//!
//! Each check fires where nginx's does: at the directive (unknown log
//! format, duplicate upstream, a location outside its parent, listen
//! conflicts), when a block closes (an upstream with no servers), or after
//! the whole `http` block (duplicate locations, conflicting server names).

use super::codes;
use crate::diag::Diagnostic;
use crate::registry::Ctx;
use crate::syntax::ast::{Block, Directive};
use std::collections::{HashMap, HashSet};

/// A `location` being walked: its match kind and path.
struct Location {
    kind: LocationKind,
    name: String,
    /// Its own `proxy_ssl_ciphers`.
    proxy_ciphers: Option<String>,
    /// Its `proxy_pass` so far: whether it has variables.
    proxy_pass: Option<bool>,
    /// Exact and prefix paths of its direct children, for duplicates.
    children: HashSet<(bool, String)>,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum LocationKind {
    Exact,
    Prefix,
    Regex,
    Named,
}

/// A socket address as nginx prints it (`0.0.0.0:80`, `[::]:443`).
type Addr = String;

#[derive(Default)]
struct Listen {
    /// Per address: the server (by number) that made it default, and
    /// whether one of its listens set socket options.
    default_server: HashMap<Addr, usize>,
    options: HashSet<Addr>,
    /// Names per address, with the server that claimed them first.
    names: HashMap<(Addr, String), usize>,
}

/// The TLS settings of one level (http or server) that decide whether
/// nginx builds an SSL context for a server, and with which ciphers.
#[derive(Clone, Default)]
struct Tls {
    ciphers: Option<String>,
    certificate: bool,
    reject_handshake: Option<bool>,
    proxy_ciphers: Option<String>,
}

#[derive(Default)]
pub struct HttpState {
    http_tls: Tls,
    server_tls: Tls,
    /// Found while merging the servers and locations, which nginx does
    /// after reading the http block and before it checks locations.
    merge_errors: Vec<Diagnostic>,
    log_formats: HashSet<String>,
    upstreams: HashSet<String>,
    locations: Vec<Location>,
    /// Exact and prefix locations directly in the current server.
    server_locations: HashSet<(bool, String)>,
    server: usize,
    server_addrs: Vec<Addr>,
    server_names: Vec<String>,
    listen: Listen,
    /// Reported once the http block has been read, as nginx does.
    after_http: Vec<Diagnostic>,
    /// Whether the process would run as root (the default port is 80, else 8000).
    root: bool,
}

fn emerg(code: &'static str, message: String, d: &Directive) -> Diagnostic {
    Diagnostic::emerg(message, Some(d.terminator)).with_code(code)
}

/// Options of `listen` that set up the socket itself: nginx allows them
/// once per address.
const SOCKET_OPTIONS: &[&str] = &[
    "backlog=",
    "rcvbuf=",
    "sndbuf=",
    "accept_filter=",
    "deferred",
    "bind",
    "ipv6only=",
    "reuseport",
    "so_keepalive=",
    "fastopen=",
    "setfib=",
];

/// `listen` address as nginx prints it; `Err` with nginx's message.
fn listen_addr(arg: &str, root: bool) -> Result<Option<Addr>, String> {
    if arg.starts_with("unix:") {
        return Ok(Some(arg.to_string()));
    }
    let bad_port = || format!("invalid port in \"{arg}\" of the \"listen\" directive");
    let (host, port) = if let Some(rest) = arg.strip_prefix('[') {
        let Some((h, p)) = rest.split_once(']') else {
            return Ok(None);
        };
        (format!("[{h}]"), p.strip_prefix(':').unwrap_or(""))
    } else if let Some((h, p)) = arg.rsplit_once(':') {
        (h.to_string(), p)
    } else if arg.bytes().all(|c| c.is_ascii_digit()) {
        ("*".to_string(), arg)
    } else if arg.parse::<std::net::Ipv4Addr>().is_ok() {
        (arg.to_string(), "")
    } else {
        // A host name alone: port 80 (or 8000); resolved by nginx at load.
        return Ok(None);
    };
    let port = if port.is_empty() {
        if root {
            80
        } else {
            8000
        }
    } else {
        match port.parse::<u32>() {
            Ok(p) if (1..=65535).contains(&p) => p,
            _ => return Err(bad_port()),
        }
    };
    let host = match host.as_str() {
        "*" | "" => "0.0.0.0".to_string(),
        h if h.parse::<std::net::Ipv4Addr>().is_ok() || h.starts_with('[') => h.to_string(),
        // Host names resolve at load time; not compared here.
        _ => return Ok(None),
    };
    Ok(Some(format!("{host}:{port}")))
}

fn location_of(d: &Directive) -> Option<(LocationKind, String)> {
    let args: Vec<String> = d.args.iter().map(|a| a.text().into_owned()).collect();
    match args.as_slice() {
        [m, name] if m == "=" => Some((LocationKind::Exact, name.clone())),
        [m, name] if m == "^~" => Some((LocationKind::Prefix, name.clone())),
        [m, name] if m == "~" || m == "~*" => Some((LocationKind::Regex, name.clone())),
        [name] if name.starts_with('@') => Some((LocationKind::Named, name.clone())),
        [name] if name.starts_with('=') => Some((LocationKind::Exact, name[1..].to_string())),
        [name] if name.starts_with("^~") => Some((LocationKind::Prefix, name[2..].to_string())),
        [name] if name.starts_with('~') => Some((
            LocationKind::Regex,
            name.trim_start_matches("~*")
                .trim_start_matches('~')
                .to_string(),
        )),
        [name] => Some((LocationKind::Prefix, name.clone())),
        _ => None,
    }
}

impl HttpState {
    pub fn new(root: bool) -> Self {
        HttpState {
            root,
            ..HttpState::default()
        }
    }

    /// A directive without a block (or before its block is walked).
    pub fn directive(&mut self, d: &Directive, ctx: Ctx) -> Vec<Diagnostic> {
        let http = ctx.intersects(
            Ctx::HTTP_MAIN
                | Ctx::HTTP_SRV
                | Ctx::HTTP_LOC
                | Ctx::HTTP_SIF
                | Ctx::HTTP_LIF
                | Ctx::HTTP_LMT
                | Ctx::HTTP_UPS,
        );
        if !http {
            return Vec::new();
        }
        let args: Vec<String> = d.args.iter().map(|a| a.text().into_owned()).collect();
        let mut out = Vec::new();
        match d.name_text().as_ref() {
            "log_format" if ctx == Ctx::HTTP_MAIN => {
                if let Some(name) = args.first() {
                    self.log_formats.insert(name.clone());
                }
            }
            "access_log" if args.len() >= 2 && args[0] != "off" => {
                let format = &args[1];
                if format != "combined" && !self.log_formats.contains(format) {
                    out.push(emerg(
                        codes::VALUE,
                        format!("unknown log format \"{format}\""),
                        d,
                    ));
                } else if let Some(message) = access_log_params(&args) {
                    out.push(emerg(codes::VALUE, message, d));
                }
            }
            "upstream" if ctx == Ctx::HTTP_MAIN => {
                if let Some(name) = args.first() {
                    if !self.upstreams.insert(name.clone()) {
                        out.push(emerg(
                            codes::VALUE,
                            format!("duplicate upstream \"{name}\""),
                            d,
                        ));
                    }
                }
            }
            "server" if ctx == Ctx::HTTP_MAIN => {
                self.server_tls = Tls::default();
                self.server += 1;
                self.server_addrs.clear();
                self.server_names.clear();
                self.server_locations.clear();
            }
            "location" => out.extend(self.enter_location(d)),
            "proxy_pass" if ctx == Ctx::HTTP_LOC => {
                if let (Some(l), Some(url)) = (self.locations.last_mut(), args.first()) {
                    l.proxy_pass = Some(url.contains('$'));
                }
            }
            // `default` stands for the URL of a proxy_pass read before it
            // in the same block.
            "proxy_redirect" if args.len() == 1 && args[0] == "default" => {
                let pass = self.locations.last().filter(|_| ctx == Ctx::HTTP_LOC);
                let message = match pass.and_then(|l| l.proxy_pass) {
                    Some(true) => "\"proxy_redirect default\" cannot be used with \"proxy_pass\" directive with variables",
                    Some(false) => return out,
                    None => "\"proxy_redirect default\" should be placed after the \"proxy_pass\" directive",
                };
                out.push(emerg(codes::VALUE, message.to_string(), d));
            }
            "ssl_ciphers" | "ssl_certificate" | "ssl_reject_handshake" | "proxy_ssl_ciphers" => {
                let Some(v) = args.first() else {
                    return out;
                };
                let name = d.name_text();
                if name == "proxy_ssl_ciphers" {
                    if let Some(l) = self.locations.last_mut() {
                        l.proxy_ciphers = Some(v.clone());
                        return out;
                    }
                }
                let tls = if ctx == Ctx::HTTP_MAIN {
                    &mut self.http_tls
                } else {
                    &mut self.server_tls
                };
                match name.as_ref() {
                    "ssl_ciphers" => tls.ciphers = Some(v.clone()),
                    "ssl_certificate" => tls.certificate = true,
                    "ssl_reject_handshake" => {
                        tls.reject_handshake = Some(v.eq_ignore_ascii_case("on"))
                    }
                    _ => tls.proxy_ciphers = Some(v.clone()),
                }
            }
            "access_log" => {
                if let Some(message) = access_log_params(&args) {
                    out.push(emerg(codes::VALUE, message, d));
                }
            }
            "listen" if ctx == Ctx::HTTP_SRV => {
                let Some(first) = args.first() else {
                    return out;
                };
                let addr = match listen_addr(first, self.root) {
                    Ok(Some(a)) => a,
                    Ok(None) => return out,
                    Err(message) => {
                        out.push(emerg(codes::VALUE, message, d));
                        return out;
                    }
                };
                if self.server_addrs.contains(&addr) {
                    out.push(emerg(codes::VALUE, format!("a duplicate listen {addr}"), d));
                    return out;
                }
                self.server_addrs.push(addr.clone());
                let params = &args[1..];
                if params
                    .iter()
                    .any(|p| p == "default_server" || p == "default")
                {
                    if self.listen.default_server.contains_key(&addr) {
                        out.push(emerg(
                            codes::VALUE,
                            format!("a duplicate default server for {addr}"),
                            d,
                        ));
                        return out;
                    }
                    self.listen.default_server.insert(addr.clone(), self.server);
                }
                let socket_options = params
                    .iter()
                    .any(|p| SOCKET_OPTIONS.iter().any(|o| p.starts_with(o)));
                if socket_options && !self.listen.options.insert(addr.clone()) {
                    out.push(emerg(
                        codes::VALUE,
                        format!("duplicate listen options for {addr}"),
                        d,
                    ));
                }
            }
            "server_name" if ctx == Ctx::HTTP_SRV => {
                self.server_names
                    .extend(args.iter().map(|n| n.to_ascii_lowercase()));
            }
            _ => {}
        }
        out
    }

    fn enter_location(&mut self, d: &Directive) -> Vec<Diagnostic> {
        let mut out = Vec::new();
        let Some((kind, name)) = location_of(d) else {
            return out;
        };
        if let Some(parent) = self.locations.last() {
            if parent.kind == LocationKind::Prefix
                && kind == LocationKind::Prefix
                && !name.starts_with(&parent.name)
            {
                out.push(emerg(
                    codes::VALUE,
                    format!(
                        "location \"{name}\" is outside location \"{}\"",
                        parent.name
                    ),
                    d,
                ));
            }
        }
        if matches!(kind, LocationKind::Exact | LocationKind::Prefix) {
            let key = (kind == LocationKind::Exact, name.clone());
            let siblings = match self.locations.last_mut() {
                Some(parent) => &mut parent.children,
                None => &mut self.server_locations,
            };
            if !siblings.insert(key) {
                self.after_http.push(emerg(
                    codes::VALUE,
                    format!("duplicate location \"{name}\""),
                    d,
                ));
            }
        }
        self.locations.push(Location {
            kind,
            name,
            proxy_ciphers: None,
            proxy_pass: None,
            children: HashSet::new(),
        });
        out
    }

    /// After the block of `d` has been walked.
    pub fn block_end(&mut self, d: &Directive, block: &Block, ctx: Ctx) -> Vec<Diagnostic> {
        let mut out = Vec::new();
        match d.name_text().as_ref() {
            "location" if location_of(d).is_some() => {
                let https = block.directives.iter().any(|c| {
                    c.is("proxy_pass")
                        && c.args.first().is_some_and(|a| {
                            a.text()
                                .get(..8)
                                .is_some_and(|p| p.eq_ignore_ascii_case("https://"))
                        })
                });
                if https {
                    let ciphers = self
                        .locations
                        .iter()
                        .rev()
                        .find_map(|l| l.proxy_ciphers.clone())
                        .or_else(|| self.server_tls.proxy_ciphers.clone())
                        .or_else(|| self.http_tls.proxy_ciphers.clone())
                        .unwrap_or_else(|| "DEFAULT".to_string());
                    self.merge_errors.extend(cipher_error(&ciphers));
                }
                self.locations.pop();
            }
            "upstream" if ctx == Ctx::HTTP_MAIN => {
                let has_server = block
                    .directives
                    .iter()
                    .any(|c| c.is("server") || !c.includes.is_empty());
                if !has_server {
                    let at = block.close.or(Some(d.terminator));
                    out.push(
                        Diagnostic::emerg("no servers are inside upstream", at)
                            .with_code(codes::VALUE),
                    );
                }
            }
            "server" if ctx == Ctx::HTTP_MAIN => {
                // nginx builds a server's SSL context when it has a
                // certificate or rejects handshakes, ciphers first.
                let (srv, http) = (&self.server_tls, &self.http_tls);
                let context = srv.certificate
                    || http.certificate
                    || srv.reject_handshake.or(http.reject_handshake) == Some(true);
                if context {
                    let ciphers = srv
                        .ciphers
                        .clone()
                        .or_else(|| http.ciphers.clone())
                        .unwrap_or_else(|| "HIGH:!aNULL:!MD5".to_string());
                    self.merge_errors.extend(cipher_error(&ciphers));
                }
                let default = format!("0.0.0.0:{}", if self.root { 80 } else { 8000 });
                let addrs = if self.server_addrs.is_empty() {
                    vec![default]
                } else {
                    self.server_addrs.clone()
                };
                let names = if self.server_names.is_empty() {
                    vec![String::new()]
                } else {
                    self.server_names.clone()
                };
                for addr in &addrs {
                    for name in &names {
                        let first = *self
                            .listen
                            .names
                            .entry((addr.clone(), name.clone()))
                            .or_insert(self.server);
                        if first != self.server && !name.is_empty() {
                            self.after_http.push(
                                Diagnostic::warn(
                                    format!(
                                        "conflicting server name \"{name}\" on {addr}, ignored"
                                    ),
                                    None,
                                )
                                .with_code(codes::VALUE),
                            );
                        }
                    }
                }
            }
            "http" => {
                out.append(&mut self.merge_errors);
                out.append(&mut self.after_http);
                *self = HttpState {
                    log_formats: std::mem::take(&mut self.log_formats),
                    root: self.root,
                    ..HttpState::default()
                };
            }
            _ => {}
        }
        out
    }
}

/// `SSL_CTX_set_cipher_list` failing as OpenSSL 3 reports it (nginx
/// gives no position: it merges after reading the file).
fn cipher_error(ciphers: &str) -> Option<Diagnostic> {
    use crate::tls::ciphers::{expand, CipherError};
    let reason = match expand(ciphers).err()? {
        CipherError::NoCipherMatch => "0A0000B9:SSL routines::no cipher match",
        CipherError::InvalidCommand { .. } => "0A000118:SSL routines::invalid command",
    };
    Some(
        Diagnostic::emerg(
            format!("SSL_CTX_set_cipher_list(\"{ciphers}\") failed (SSL: error:{reason})"),
            None,
        )
        .with_code(codes::VALUE),
    )
}

/// The parameters after `access_log PATH FORMAT`, as the log module reads
/// them.
fn access_log_params(args: &[String]) -> Option<String> {
    use super::value::{parse_number, parse_size, parse_time};
    if args.first().is_some_and(|a| a == "off") {
        return args.get(1).map(|a| format!("invalid parameter \"{a}\""));
    }
    for p in args.iter().skip(2) {
        if let Some(v) = p.strip_prefix("buffer=") {
            if parse_size(v, false).is_none_or(|n| n == 0) {
                return Some(format!("invalid buffer size \"{v}\""));
            }
        } else if let Some(v) = p.strip_prefix("flush=") {
            if parse_time(v, true).is_none_or(|n| n == 0) {
                return Some(format!("invalid flush time \"{v}\""));
            }
        } else if p == "gzip" {
        } else if let Some(v) = p.strip_prefix("gzip=") {
            if !parse_number(v).is_some_and(|n| (1..=9).contains(&n)) {
                return Some(format!("invalid compression level \"{v}\""));
            }
        } else if !p.starts_with("if=") {
            return Some(format!("invalid parameter \"{p}\""));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::listen_addr;

    #[test]
    fn listen_addresses_print_as_nginx_prints_them() {
        assert_eq!(listen_addr("80", true), Ok(Some("0.0.0.0:80".into())));
        assert_eq!(listen_addr("*:8080", true), Ok(Some("0.0.0.0:8080".into())));
        assert_eq!(
            listen_addr("127.0.0.1:8080", true),
            Ok(Some("127.0.0.1:8080".into()))
        );
        assert_eq!(listen_addr("[::]:443", true), Ok(Some("[::]:443".into())));
        assert_eq!(
            listen_addr("127.0.0.1", false),
            Ok(Some("127.0.0.1:8000".into()))
        );
        assert_eq!(listen_addr("localhost:80", true), Ok(None));
        assert!(listen_addr("127.0.0.1:99999", true).is_err());
    }
}
