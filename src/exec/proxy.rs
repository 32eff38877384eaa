//! `proxy_pass`: the upstream group, the request line and the headers
//! nginx sends (per version profile), as a [`ProxyPlan`] for the caller
//! to carry out.

use super::step;
use super::{split_url, Body, Exec, Outcome, ProxyPlan, Reply};
use crate::ir::balance::{Group, Method};
use crate::ir::conf::Pass;
use crate::ir::location::LocationKind;

impl<'a> Exec<'a> {
    pub(super) fn proxy(&mut self, pass: &'a Pass) -> Outcome {
        if self.chunked_over_limit() {
            step!(
                self,
                "the chunked body is larger than client_max_body_size: 413".into()
            );
            return self.special(413);
        }
        let url = self.eval(&pass.url);
        let has_vars = pass.url.contains('$');
        let Some((authority, uri_part)) = split_url(&url) else {
            step!(self, format!("proxy_pass \"{url}\": not an http(s) URL"));
            return self.special(500);
        };
        let group = match self.http.upstreams.get(authority) {
            Some(g) => g.clone(),
            None => match Group::implicit(
                authority,
                if url.starts_with("https://") { 443 } else { 80 },
            ) {
                Ok(g) => std::sync::Arc::new(g),
                Err(e) => {
                    step!(self, e);
                    return self.special(502);
                }
            },
        };
        self.proxy_host = authority.to_string();
        step!(self, format!("proxy_pass {url} at {}", pass.at));
        let conf = self.conf();
        let http_version = conf.upstream_http_version(self.version);
        let loc = self.loc;
        let target = match uri_part {
            Some(part) if has_vars => {
                // With variables the URI part is sent as it is.
                part.to_string()
            }
            // After `rewrite … break` the changed URI goes as it is.
            Some(_) if !self.valid_location => {
                let mut t = self.upstream_path(self.uri.as_bytes());
                // nginx adds "?" only before arguments that are not empty.
                if let Some(a) = self.args.as_ref().filter(|a| !a.is_empty()) {
                    t.push('?');
                    t.push_str(a);
                }
                t
            }
            Some(part) => {
                let prefix_len = match loc {
                    Some(l)
                        if self.valid_location
                            && matches!(
                                l.kind,
                                LocationKind::Prefix
                                    | LocationKind::PrefixNoRegex
                                    | LocationKind::Exact
                            ) =>
                    {
                        l.pattern.len()
                    }
                    _ => 0,
                };
                let rest = self.uri.as_bytes().get(prefix_len..).unwrap_or_default();
                let mut t = part.to_string();
                t.push_str(&self.upstream_path(rest));
                // nginx adds "?" only before arguments that are not empty.
                if let Some(a) = self.args.as_ref().filter(|a| !a.is_empty()) {
                    t.push('?');
                    t.push_str(a);
                }
                t
            }
            None if !self.uri_rewritten => self.request_uri.clone(),
            None => {
                let mut t = self.upstream_path(self.uri.as_bytes());
                // nginx adds "?" only before arguments that are not empty.
                if let Some(a) = self.args.as_ref().filter(|a| !a.is_empty()) {
                    t.push('?');
                    t.push_str(a);
                }
                t
            }
        };
        let request_line = format!("{} {target} HTTP/{http_version}", self.method);
        let pass_headers = conf.proxy_pass_request_headers;
        let pass_body = conf.proxy_pass_request_body;
        let body = if pass_body {
            self.req.body.clone()
        } else {
            None
        };
        let body_len = if pass_body {
            self.req
                .body
                .as_ref()
                .map(|b| b.len() as u64)
                .or_else(|| self.content_length())
        } else {
            None
        };
        let set = &conf.proxy_set_header;
        let client: &[(String, String)] = if pass_headers { &self.headers } else { &[] };
        let headers = super::upstream::headers(
            set,
            &|t| self.try_eval(t),
            client,
            self.version,
            body_len,
            pass_body,
        );
        let headers = match headers {
            Ok(h) => h,
            Err(e) => {
                step!(self, e);
                Vec::new()
            }
        };
        let next = &conf.proxy_next_upstream;
        let tries = usize::try_from(conf.proxy_next_upstream_tries).unwrap_or(usize::MAX);
        let hash_key = match &group.method {
            Method::Hash { key, .. } => self.eval(key),
            _ => String::new(),
        };
        let tls = url.starts_with("https://").then(|| {
            let host = authority
                .rsplit_once(':')
                .filter(|(h, p)| !h.ends_with(']') || p.is_empty())
                .map_or(authority, |(h, _)| h);
            super::UpstreamTls {
                name: conf
                    .proxy_ssl_name
                    .as_ref()
                    .map_or_else(|| host.to_string(), |n| self.eval(n)),
                send_sni: conf.proxy_ssl_server_name,
                verify: conf.proxy_ssl_verify,
                trusted: conf
                    .proxy_ssl_trusted_certificate
                    .as_ref()
                    .map(|p| self.http.prefix.join(p)),
                verify_depth: usize::try_from(conf.proxy_ssl_verify_depth).unwrap_or(usize::MAX),
                certificate: conf
                    .proxy_ssl_certificate
                    .as_ref()
                    .zip(conf.proxy_ssl_certificate_key.as_ref())
                    .map(|(c, k)| {
                        (
                            self.http.prefix.join(self.eval(c)),
                            self.http.prefix.join(self.eval(k)),
                        )
                    }),
                protocols: conf.proxy_ssl_protocols.clone(),
                ciphers: conf.proxy_ssl_ciphers.clone(),
                session_reuse: conf.proxy_ssl_session_reuse,
            }
        });
        Outcome::Proxy(Box::new(ProxyPlan {
            group,
            hash_key,
            request_line,
            headers,
            body,
            body_len,
            next_on_error: next.iter().any(|a| a == "error"),
            next_on_invalid_header: next.iter().any(|a| a == "invalid_header"),
            tries,
            tls,
        }))
    }
}

/// What the proxy module makes of an upstream response's head.
#[derive(Debug)]
pub enum Answer {
    /// `proxy_intercept_errors`: `error_page` answers this status instead.
    Intercepted(u16),
    /// The head to send: the headers nginx passes on (Location through
    /// `proxy_redirect`), after the header filters. The body is the
    /// caller's to pass.
    Pass(Reply),
}

impl Exec<'_> {
    /// The upstream answered with `status` and the header lines in
    /// `self.upstream_headers` (`upgrade`: the client asked to switch
    /// protocols, so a 101 keeps its Upgrade).
    pub fn upstream_answered(&mut self, status: u16, upgrade: bool) -> Answer {
        let conf = self.conf();
        // An error status error_page handles is answered as if rginx had
        // met it (a 401 keeps its challenges).
        if conf.proxy_intercept_errors
            && status >= 300
            && conf.error_page.iter().any(|p| p.codes.contains(&status))
        {
            if status == 401 {
                let joined = crate::profile::has(
                    self.version,
                    crate::profile::Behaviour::JoinedResponseVariables,
                );
                self.carried_headers = self
                    .upstream_headers
                    .iter()
                    .filter(|(n, _)| n.eq_ignore_ascii_case("www-authenticate"))
                    .take(if joined { usize::MAX } else { 1 })
                    .cloned()
                    .collect();
            }
            step!(
                self,
                format!("proxy_intercept_errors: error_page answers {status}")
            );
            return Answer::Intercepted(status);
        }
        let listed =
            |list: &[String], name: &str| list.iter().any(|a| a.eq_ignore_ascii_case(name));
        let switching = status == 101 && upgrade;
        let mut content_type = None;
        let mut passed = Vec::with_capacity(self.upstream_headers.len());
        for (n, v) in &self.upstream_headers {
            if n.eq_ignore_ascii_case("content-type") {
                content_type = Some(v.clone());
                continue;
            }
            if n.eq_ignore_ascii_case("content-length") {
                continue;
            }
            if switching && n.eq_ignore_ascii_case("upgrade") {
                passed.push((n.clone(), v.clone()));
                continue;
            }
            let hidden = (HIDDEN.iter().any(|x| n.eq_ignore_ascii_case(x))
                && !listed(&conf.proxy_pass_header, n))
                || listed(&conf.proxy_hide_header, n);
            if hidden {
                continue;
            }
            if n.eq_ignore_ascii_case("location") {
                passed.push((n.clone(), redirect(self, v)));
                continue;
            }
            passed.push((n.clone(), v.clone()));
        }
        self.upstream_status = Some(status.to_string());
        self.disable_not_modified = true;
        let reply = Reply {
            status,
            headers: passed,
            content_type,
            body: Body::Empty,
        };
        match self.finish(reply) {
            Outcome::Respond(r) => Answer::Pass(r),
            // A header filter replaced the response (none does for a
            // proxied one yet): the status it ended with.
            Outcome::Proxy(_) => Answer::Intercepted(502),
        }
    }
}

/// Headers of an upstream response nginx never passes on: hop-by-hop
/// ones (it writes its own), and those `proxy_hide_header` hides by
/// default.
const HIDDEN: &[&str] = &[
    "connection",
    "keep-alive",
    "transfer-encoding",
    "date",
    "server",
    "x-pad",
    "x-accel-expires",
    "x-accel-redirect",
    "x-accel-limit-rate",
    "x-accel-buffering",
    "x-accel-charset",
];

/// `proxy_redirect default`: a Location naming the proxied URL is
/// rewritten to the location's prefix; `off` leaves it; explicit pairs
/// replace a prefix.
fn redirect(exec: &Exec, location: &str) -> String {
    let conf = exec.conf();
    let rules = &conf.proxy_redirect;
    let default_rule = || -> Option<(String, String)> {
        let pass_url = &conf.proxy_pass.as_ref()?.url;
        if pass_url.contains('$') {
            return None;
        }
        let prefix = exec.loc.map(|l| l.pattern.clone()).unwrap_or_default();
        let uri_part = super::split_url(pass_url).and_then(|(_, u)| u);
        let from = match uri_part {
            Some(_) => pass_url.clone(),
            None => format!("{pass_url}/"),
        };
        let to = match uri_part {
            Some(_) => prefix,
            None => "/".to_string(),
        };
        Some((from, to))
    };
    if rules.is_empty() {
        if let Some((from, to)) = default_rule() {
            if let Some(rest) = location.strip_prefix(from.as_str()) {
                return format!("{to}{rest}");
            }
        }
        return location.to_string();
    }
    for r in rules {
        match r.args.as_slice() {
            [off] if off == "off" => return location.to_string(),
            [d] if d == "default" => {
                if let Some((from, to)) = default_rule() {
                    if let Some(rest) = location.strip_prefix(from.as_str()) {
                        return format!("{to}{rest}");
                    }
                }
            }
            [from, to] => {
                let from = exec.eval(from);
                if let Some(rest) = location.strip_prefix(from.as_str()) {
                    return format!("{}{rest}", exec.eval(to));
                }
            }
            _ => {}
        }
    }
    location.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn answered(conf: &str, path: &str, status: u16, headers: &[(&str, &str)]) -> Answer {
        let config = crate::syntax::include::load_text(
            std::path::Path::new("/tmp/nginx.conf"),
            conf.as_bytes().to_vec(),
            &Default::default(),
        );
        let http = crate::ir::Http::build(&config, true).unwrap();
        let local = std::net::SocketAddr::from(([127, 0, 0, 1], 8080));
        let req = super::super::Request::new("GET", path, vec![("Host".into(), "h".into())], local);
        let mut exec = Exec::new(&http, &req, crate::registry::LATEST).unwrap();
        assert!(matches!(exec.run(), Outcome::Proxy(_)));
        exec.upstream_headers = headers
            .iter()
            .map(|(n, v)| (n.to_string(), v.to_string()))
            .collect();
        exec.upstream_answered(status, false)
    }

    const CONF: &str = "http { server { listen 127.0.0.1:8080; \
        location /app/ { proxy_pass http://127.0.0.1:9000/; proxy_hide_header X-Secret; \
                         proxy_pass_header X-Accel-Buffering; add_header X-Added 1; } \
        location /err/ { proxy_pass http://127.0.0.1:9000; proxy_intercept_errors on; \
                         error_page 404 = /fallback; } } }";

    #[test]
    fn the_response_side_rules_are_the_executors() {
        let headers = [
            ("Content-Type", "text/html"),
            ("Location", "http://127.0.0.1:9000/next"),
            ("Server", "backend"),
            ("X-Secret", "s"),
            ("X-Accel-Buffering", "no"),
            ("X-Kept", "k"),
        ];
        let Answer::Pass(reply) = answered(CONF, "/app/x", 302, &headers) else {
            panic!("passed on");
        };
        let names: Vec<&str> = reply.headers.iter().map(|(n, _)| n.as_str()).collect();
        // proxy_redirect default maps the proxied URL back to the location.
        assert!(reply
            .headers
            .contains(&("Location".into(), "/app/next".into())));
        assert_eq!(
            names,
            ["Location", "X-Accel-Buffering", "X-Kept", "X-Added"]
        );
        assert_eq!(reply.content_type.as_deref(), Some("text/html"));
    }

    #[test]
    fn an_intercepted_error_goes_to_error_page() {
        assert!(matches!(
            answered(CONF, "/err/x", 404, &[]),
            Answer::Intercepted(404)
        ));
        // A status error_page does not name passes through.
        assert!(matches!(answered(CONF, "/err/x", 500, &[]), Answer::Pass(r) if r.status == 500));
    }
}
