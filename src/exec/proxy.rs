//! `proxy_pass`: the upstream group, the request line and the headers
//! nginx sends (per version profile), as a [`ProxyPlan`] for the caller
//! to carry out.

use super::step;
use super::{split_url, Exec, Outcome, ProxyPlan};
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
