//! `proxy_pass`: the upstream group, the request line and the headers
//! nginx sends (per version profile), as a [`ProxyPlan`] for the caller
//! to carry out.

use super::balance::{Group, Method};
use super::exec::step;
use super::exec::{split_url, Exec, Outcome, ProxyPlan};
use super::location::{LocationKind, Setting};

impl<'a> Exec<'a> {
    pub(super) fn proxy(&mut self, pass: &'a Setting) -> Outcome {
        if self.chunked_over_limit() {
            step!(
                self,
                "the chunked body is larger than client_max_body_size: 413".into()
            );
            return self.special(413);
        }
        let url = self.eval(pass.args.first().map_or("", String::as_str));
        let has_vars = pass.args.first().is_some_and(|u| u.contains('$'));
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
        let levels = self.levels();
        let http_version = levels.proxy_http_version(self.version);
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
        let pass_headers = on(levels.value("proxy_pass_request_headers"), true);
        let pass_body = on(levels.value("proxy_pass_request_body"), true);
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
        let set = levels.list("proxy_set_header");
        let client: &[(String, String)] = if pass_headers { &self.headers } else { &[] };
        let headers = super::upstream::headers(
            &set,
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
        let next = levels
            .value("proxy_next_upstream")
            .map(|s| s.args.clone())
            .unwrap_or_else(|| vec!["error".into(), "timeout".into()]);
        let tries = levels
            .value("proxy_next_upstream_tries")
            .and_then(|s| s.args.first())
            .and_then(|a| a.parse().ok())
            .unwrap_or(0);
        let hash_key = match &group.method {
            Method::Hash { key, .. } => self.eval(key),
            _ => String::new(),
        };
        let tls = url.starts_with("https://").then(|| {
            let flag = |name: &str| {
                levels
                    .value(name)
                    .and_then(|s| s.args.first())
                    .is_some_and(|a| a == "on")
            };
            let host = authority
                .rsplit_once(':')
                .filter(|(h, p)| !h.ends_with(']') || p.is_empty())
                .map_or(authority, |(h, _)| h);
            super::exec::UpstreamTls {
                name: levels
                    .value("proxy_ssl_name")
                    .and_then(|s| s.args.first())
                    .map_or_else(|| host.to_string(), |n| self.eval(n)),
                send_sni: flag("proxy_ssl_server_name"),
                verify: flag("proxy_ssl_verify"),
                trusted: levels
                    .value("proxy_ssl_trusted_certificate")
                    .and_then(|s| s.args.first())
                    .map(|p| self.http.prefix.join(p)),
                verify_depth: levels
                    .value("proxy_ssl_verify_depth")
                    .and_then(|s| s.args.first())
                    .and_then(|a| a.parse().ok())
                    .unwrap_or(1),
                certificate: levels
                    .value("proxy_ssl_certificate")
                    .and_then(|s| s.args.first())
                    .zip(
                        levels
                            .value("proxy_ssl_certificate_key")
                            .and_then(|s| s.args.first()),
                    )
                    .map(|(c, k)| {
                        (
                            self.http.prefix.join(self.eval(c)),
                            self.http.prefix.join(self.eval(k)),
                        )
                    }),
                protocols: levels.value("proxy_ssl_protocols").map(|s| s.args.clone()),
                ciphers: levels
                    .value("proxy_ssl_ciphers")
                    .and_then(|s| s.args.first().cloned())
                    .unwrap_or_else(|| "DEFAULT".into()),
                session_reuse: levels
                    .value("proxy_ssl_session_reuse")
                    .and_then(|s| s.args.first())
                    .is_none_or(|a| a == "on"),
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

fn on(s: Option<&Setting>, default: bool) -> bool {
    s.and_then(|s| s.args.first())
        .map_or(default, |a| a.eq_ignore_ascii_case("on"))
}
