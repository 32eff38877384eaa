//! Before the phases: the request line and headers as nginx accepts them
//! (`ngx_http_process_request_headers`: Host validated, framing checked,
//! CONNECT refused) and the server the Host selects.

use super::*;
use std::net::SocketAddr;

/// nginx's checks of a Host value (`ngx_http_validate_host`): lower case,
/// trailing dot and port removed; `None` when invalid. From 1.29.4 the
/// port must be a number up to 65535.
pub(super) fn validate_host(h: &str, version: Version) -> Option<String> {
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

/// The client's headers as nginx keeps them: `underscores_in_headers` and
/// `ignore_invalid_headers` of the socket's default server apply to the
/// lines before Host, those of the server Host selects to the lines after.
pub(super) fn kept_headers(http: &Http, req: &Request, selected: &Server) -> Vec<(String, String)> {
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
        // nginx refuses TRACE once the head is read ("client sent TRACE
        // method"), with its 405 page.
        if req.method == "TRACE" {
            return Err(Reply {
                status: 405,
                headers: Vec::new(),
                content_type: Some("text/html".into()),
                body: Body::Text(crate::ir::pages::page(405).unwrap_or_default()),
            });
        }
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
            closes: false,
            body_discarded: false,
            disable_not_modified: false,
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
            depth: 0,
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
}

/// A request as the executor takes it: what the runtime read from the
/// client, or what `rginx route` and the conformance IR mode describe.
#[derive(Clone, Debug)]
pub struct Request {
    pub method: String,
    pub target: String,
    pub headers: Vec<(String, String)>,
    pub local: SocketAddr,
    /// The client's address.
    pub remote: SocketAddr,
    /// `HTTP/1.1`, `HTTP/1.0`.
    pub protocol: String,
    /// The connection is TLS: `Some(SNI name)` (empty without SNI).
    pub tls: Option<String>,
    /// The request body, when it has been read (a chunked body is read
    /// before routing; one with Content-Length after, when proxied).
    pub body: Option<Vec<u8>>,
}

impl Request {
    /// A request from 127.0.0.1 over HTTP/1.1.
    pub fn new(
        method: &str,
        target: &str,
        headers: Vec<(String, String)>,
        local: SocketAddr,
    ) -> Self {
        Request {
            method: method.into(),
            target: target.into(),
            headers,
            local,
            remote: SocketAddr::from(([127, 0, 0, 1], 50000)),
            protocol: "HTTP/1.1".into(),
            tls: None,
            body: None,
        }
    }

    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}
