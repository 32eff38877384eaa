//! Variables: nginx's built-ins computed from the request and the state of
//! its processing, `set` variables, regex captures, and the tables of the
//! http block (`map`, `geo`, `split_clients`), and the evaluation of values
//! that use them (`$name`, `${name}`). Map values are cached per request
//! unless the map is `volatile`, as nginx caches them.

use super::Exec;
use crate::ir::maps::Table;
use crate::profile::{has, Behaviour::*};

/// Variables rginx knows but cannot compute without running (time,
/// randomness, the connection's counters): evaluating them is an error
/// the caller reports.
const RUNTIME_ONLY: &[&str] = &[
    "request_id",
    "request_time",
    "time_local",
    "time_iso8601",
    "msec",
    "pid",
    "connection",
    "request_length",
    "bytes_sent",
    "body_bytes_sent",
    "upstream_response_time",
    "hostname",
];

/// The client certificate's variables (`ssl_verify_client`).
const SSL_CLIENT: &[&str] = &[
    "ssl_client_verify",
    "ssl_client_s_dn",
    "ssl_client_i_dn",
    "ssl_client_serial",
    "ssl_client_fingerprint",
    "ssl_client_cert",
    "ssl_client_raw_cert",
    "ssl_client_escaped_cert",
    "ssl_client_v_start",
    "ssl_client_v_end",
    "ssl_client_v_remain",
];

/// 128 random bits in hex (`$request_id`).
fn random_id() -> String {
    use std::hash::{BuildHasher, Hasher};
    let mut out = String::with_capacity(32);
    for _ in 0..2 {
        let mut h = std::collections::hash_map::RandomState::new().build_hasher();
        h.write_u128(
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(0, |d| d.as_nanos()),
        );
        out.push_str(&format!("{:016x}", h.finish()));
    }
    out
}

/// A response header for `$sent_http_*`/`$upstream_http_*`: repeated
/// lines joined with ", " since 1.23.0, the first one before.
fn response_header(
    headers: &[(String, String)],
    name: &str,
    version: crate::registry::Version,
) -> String {
    let mut values = headers
        .iter()
        .filter(|(n, _)| n.len() == name.len() && n.to_ascii_lowercase().replace('-', "_") == name);
    if !has(version, JoinedResponseVariables) {
        return values.next().map(|(_, v)| v.clone()).unwrap_or_default();
    }
    values
        .map(|(_, v)| v.as_str())
        .collect::<Vec<_>>()
        .join(", ")
}

impl Exec<'_> {
    /// The headers of the request named `name`, joined as nginx joins
    /// repeated lines (since 1.23.0 every header; before, only the ones it
    /// knows to be lists).
    fn header_joined(&self, name: &str) -> Option<String> {
        self.header_lines(name, true)
    }

    /// `$http_NAME`: any header whose name, lower-cased with "-" as "_",
    /// is NAME, except the headers nginx parses itself, found by their
    /// exact name.
    fn http_variable(&self, name: &str) -> Option<String> {
        const PARSED: &[&str] = &[
            "host",
            "user_agent",
            "referer",
            "via",
            "x_forwarded_for",
            "cookie",
        ];
        let lower = name.to_ascii_lowercase();
        if PARSED.contains(&lower.as_str()) {
            self.header_lines(&lower.replace('_', "-"), true)
        } else {
            self.header_lines(&lower, false)
        }
    }

    /// The lines of a header, joined as nginx joins repeated lines (since
    /// 1.23.0 every header; before, only the ones it knows to be lists).
    /// `exact`: the name must match as written (case aside); otherwise "-"
    /// and "_" are the same.
    fn header_lines(&self, name: &str, exact: bool) -> Option<String> {
        let norm = |n: &str| {
            let l = n.to_ascii_lowercase();
            if exact {
                l
            } else {
                l.replace('-', "_")
            }
        };
        let want = norm(name);
        let values: Vec<&str> = self
            .headers
            .iter()
            .filter(|(n, _)| norm(n) == want)
            .map(|(_, v)| v.as_str())
            .collect();
        if values.is_empty() {
            return None;
        }
        let lower = name.to_ascii_lowercase().replace('_', "-");
        let sep = if lower == "cookie" { "; " } else { ", " };
        let joins = has(self.version, JoinedHeaderVariables)
            || lower == "cookie"
            || lower == "x-forwarded-for";
        Some(if joins {
            values.join(sep)
        } else {
            values[0].to_string()
        })
    }

    fn var(&self, name: &str) -> Result<Option<String>, String> {
        // Most requests have no `set` and no logging variables yet: skip
        // hashing the name then.
        if !self.set_vars.is_empty() {
            if let Some(v) = self.set_vars.get(name) {
                return Ok(Some(v.clone()));
            }
        }
        if !self.runtime_vars.is_empty() {
            if let Some(v) = self.runtime_vars.get(name) {
                return Ok(Some(v.clone()));
            }
        }
        if let Ok(n) = name.parse::<usize>() {
            let caps = self.captures.borrow();
            return Ok(Some(
                caps.numbered.get(n).cloned().flatten().unwrap_or_default(),
            ));
        }
        {
            let caps = self.captures.borrow();
            if !caps.named.is_empty() {
                if let Some(v) = caps.named.get(name) {
                    return Ok(Some(v.clone()));
                }
            }
        }
        let req = self.req;
        let v = match name {
            "host" => {
                if self.host.is_empty() {
                    self.server.primary_name.clone()
                } else {
                    self.host.clone()
                }
            }
            "proxy_host" => self.proxy_host.clone(),
            "proxy_port" => self
                .proxy_host
                .rsplit_once(':')
                .map_or("80".to_string(), |(_, p)| p.to_string()),
            "remote_addr" => self.remote.ip().to_string(),
            "remote_port" => self.remote.port().to_string(),
            "realip_remote_addr" => req.remote.ip().to_string(),
            "realip_remote_port" => req.remote.port().to_string(),
            "binary_remote_addr" => match self.remote.ip() {
                std::net::IpAddr::V4(a) => a.octets().iter().map(|&b| b as char).collect(),
                std::net::IpAddr::V6(a) => a.octets().iter().map(|&b| b as char).collect(),
            },
            "proxy_add_x_forwarded_for" => match self.header_joined("x-forwarded-for") {
                Some(x) => format!("{x}, {}", self.remote.ip()),
                None => self.remote.ip().to_string(),
            },
            "scheme" => if req.tls.is_some() { "https" } else { "http" }.into(),
            "https" => if req.tls.is_some() { "on" } else { "" }.into(),
            "ssl_server_name" => req.tls.clone().unwrap_or_default(),
            "http2" => String::new(),
            "ssl_protocol" | "ssl_cipher" | "ssl_session_reused" if req.tls.is_some() => {
                return Err(format!("${name} is only known after a handshake"));
            }
            "ssl_protocol" | "ssl_cipher" | "ssl_session_reused" => String::new(),
            n if SSL_CLIENT.contains(&n) => match &self.client_cert {
                Some(Some(cert)) => {
                    let now =
                        crate::time::since_epoch(std::time::SystemTime::now()).as_secs() as i64;
                    cert.variable(n, now).unwrap_or_default()
                }
                Some(None) if n == "ssl_client_verify" => "NONE".into(),
                Some(None) => String::new(),
                None if req.tls.is_some() => {
                    return Err(format!("${n} is only known after a handshake"));
                }
                None => String::new(),
            },
            "server_port" => req.local.port().to_string(),
            "server_addr" => req.local.ip().to_string(),
            "server_name" => self.server.primary_name.clone(),
            "server_protocol" => req.protocol.clone(),
            "request_method" => self.method.clone(),
            "request_uri" => self.request_uri.clone(),
            "request" => format!("{} {} {}", req.method, req.target, req.protocol),
            "uri" | "document_uri" => self.uri.clone(),
            "args" | "query_string" => self.args.clone().unwrap_or_default(),
            "is_args" => if self.args.as_deref().is_some_and(|a| !a.is_empty()) {
                "?"
            } else {
                ""
            }
            .into(),
            "content_length" => self
                .header_joined("content-length")
                .or_else(|| self.req.body.as_ref().map(|b| b.len().to_string()))
                .unwrap_or_default(),
            "content_type" => self.header_joined("content-type").unwrap_or_default(),
            "remote_user" => String::new(),
            "document_root" | "realpath_root" => self.document_root(),
            "request_filename" => self.map_to_path(&self.uri).to_string_lossy().into_owned(),
            "connection_requests" => self.connection.map_or(1, |(_, n)| n).to_string(),
            "connection" if self.connection.is_some() => {
                self.connection.map_or(0, |(id, _)| id).to_string()
            }
            "pid" if self.serving => {
                // Asked once: the daemon has forked before anything serves.
                static PID: std::sync::OnceLock<u32> = std::sync::OnceLock::new();
                PID.get_or_init(std::process::id).to_string()
            }
            "upstream_response_time" if self.upstream_response_time.is_some() => format!(
                "{:.3}",
                self.upstream_response_time
                    .unwrap_or_default()
                    .as_secs_f64()
            ),
            "nginx_version" => self.version.full(),
            // nginx: the error status being handled (an error page's), else
            // the response's.
            "status" => self
                .err_status
                .or(self.status)
                .map(|s| format!("{s:03}"))
                .unwrap_or_default(),
            "upstream_addr" => {
                let mut out = String::new();
                for (i, a) in self.upstream_addrs.iter().enumerate() {
                    if i > 0 {
                        out.push_str(", ");
                    }
                    out.push_str(&a.to_string());
                }
                out
            }
            "upstream_status" => self.upstream_status.clone().unwrap_or_default(),
            "limit_rate" => "0".into(),
            "request_port" | "is_request_port" if has(self.version, RequestPortVariables) => {
                match (&self.request_port, name) {
                    (Some(p), "request_port") => p.clone(),
                    (Some(_), _) => ":".into(),
                    (None, _) => String::new(),
                }
            }
            n if n.starts_with("arg_") => {
                // The first `name=value` of the arguments, as sent.
                let want = &n["arg_".len()..];
                self.args
                    .as_deref()
                    .unwrap_or_default()
                    .split('&')
                    .find_map(|kv| {
                        let (k, v) = kv.split_once('=')?;
                        k.eq_ignore_ascii_case(want).then(|| v.to_string())
                    })
                    .unwrap_or_default()
            }
            n if n.starts_with("cookie_") => {
                let want = &n["cookie_".len()..];
                // A name starts after ";" (or, before 1.29.6, ","); the
                // value runs to the next ";".
                let old = !has(self.version, CookieSemicolonOnly);
                let all = self.header_joined("cookie").unwrap_or_default();
                let b = all.as_bytes();
                let mut found = String::new();
                let mut i = 0;
                while i < b.len() {
                    let start = i;
                    if all[start..].len() > want.len()
                        && all[start..start + want.len()].eq_ignore_ascii_case(want)
                        && b[start + want.len()] == b'='
                        && (start == 0 || {
                            let before = all[..start].trim_end_matches(' ');
                            before.ends_with(';') || (old && before.ends_with(','))
                        })
                    {
                        let v = &all[start + want.len() + 1..];
                        found = v.split(';').next().unwrap_or("").to_string();
                        break;
                    }
                    i += 1;
                }
                found
            }
            n if n.starts_with("http_") => {
                self.http_variable(&n["http_".len()..]).unwrap_or_default()
            }
            n if n.starts_with("sent_http_") => {
                response_header(&self.sent_headers, &n["sent_http_".len()..], self.version)
            }
            n if n.starts_with("upstream_http_") => response_header(
                &self.upstream_headers,
                &n["upstream_http_".len()..],
                self.version,
            ),
            n if self.http.tables.contains_key(n) => return self.table(n).map(Some),
            "request_id" if self.serving => {
                // 16 random bytes in hex, made once per request.
                let mut cache = self.map_cache.borrow_mut();
                cache
                    .entry("$request_id".to_string())
                    .or_insert_with(random_id)
                    .clone()
            }
            n if RUNTIME_ONLY.contains(&n) => {
                return Err(format!("${n} is only known when serving"));
            }
            _ => return Ok(None),
        };
        Ok(Some(v))
    }

    fn table(&self, name: &str) -> Result<String, String> {
        if let Some(v) = self.map_cache.borrow().get(name) {
            return Ok(v.clone());
        }
        let (value, cache) = match &self.http.tables[name] {
            Table::Map(m) => {
                let key = self.try_eval(&m.source)?;
                let v = match m.lookup(&key) {
                    Some(Ok(v)) => self.try_eval(v)?,
                    Some(Err(i)) => {
                        let (re, v) = &m.regexes[i];
                        if let Some(c) = re.captures(&key) {
                            // A map's regex sets the request's captures.
                            self.set_captures(re, &c);
                        }
                        self.try_eval(v)?
                    }
                    None => match &m.default {
                        Some(d) => self.try_eval(d)?,
                        None => String::new(),
                    },
                };
                (v, !m.volatile)
            }
            Table::Geo(g) => {
                let source = match &g.source {
                    Some(s) => self.try_eval(s)?,
                    None => self.remote.ip().to_string(),
                };
                (g.lookup(source.parse().ok()).to_string(), true)
            }
            Table::Split(s) => {
                let key = self.try_eval(&s.source)?;
                (s.lookup(&key, self.version).to_string(), true)
            }
        };
        if cache {
            self.map_cache
                .borrow_mut()
                .insert(name.to_string(), value.clone());
        }
        Ok(value)
    }

    /// Evaluate a value; `Err` names a variable that needs a running server.
    pub fn try_eval(&self, template: &str) -> Result<String, String> {
        self.eval_with(template, &|v, out| out.push_str(v))
    }

    /// Evaluate a `log_format` string: variable values escaped as nginx
    /// escapes them in logs (`"`, `\`, control and non-ASCII bytes as
    /// `\xHH`; `escape=json` as JSON; `escape=none` as they are), unknown
    /// values as `-`.
    pub fn eval_log(&self, template: &str, escape: &str) -> String {
        let escaper = |v: &str, out: &mut String| match escape {
            "none" => out.push_str(v),
            "json" => {
                for c in v.chars() {
                    match c {
                        '"' => out.push_str("\\\""),
                        '\\' => out.push_str("\\\\"),
                        '\n' => out.push_str("\\n"),
                        '\r' => out.push_str("\\r"),
                        '\t' => out.push_str("\\t"),
                        c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
                        c => out.push(c),
                    }
                }
            }
            _ if v.is_empty() => out.push('-'),
            _ => {
                // The request's own bytes (see `octets`), each escaped.
                for b in crate::octets::to_bytes(v) {
                    if b == b'"' || b == b'\\' || !(0x20..0x7f).contains(&b) {
                        out.push_str(&format!("\\x{b:02X}"));
                    } else {
                        out.push(b as char);
                    }
                }
            }
        };
        self.eval_with(template, &escaper)
            .unwrap_or_else(|e| format!("({e})"))
    }

    fn eval_with(&self, template: &str, put: &dyn Fn(&str, &mut String)) -> Result<String, String> {
        let mut out = String::new();
        let b = template.as_bytes();
        let mut i = 0;
        while i < b.len() {
            if b[i] != b'$' {
                let next = template[i..].find('$').map_or(b.len(), |j| i + j);
                out.push_str(&template[i..next]);
                i = next;
                continue;
            }
            let (name, end) = if b.get(i + 1) == Some(&b'{') {
                let close = template[i..]
                    .find('}')
                    .map(|j| i + j)
                    .ok_or("unterminated ${")?;
                (&template[i + 2..close], close + 1)
            } else if b.get(i + 1).is_some_and(u8::is_ascii_digit) {
                // `$1` is one digit: "$12" is $1 then "2".
                (&template[i + 1..i + 2], i + 2)
            } else {
                let len = template[i + 1..]
                    .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
                    .unwrap_or(b.len() - i - 1);
                (&template[i + 1..i + 1 + len], i + 1 + len)
            };
            if name.is_empty() {
                out.push('$');
                i = end;
                continue;
            }
            match self.var(name)? {
                Some(v) => put(&v, &mut out),
                None => put("", &mut out),
            }
            i = end;
        }
        Ok(out)
    }
}
