//! The header filters, in nginx's order, that every response passes
//! through before its head is written.

use super::*;

impl<'a> Exec<'a> {
    /// The final response: `error_page`'s status, headers the
    /// configuration adds, an absolute Location.
    pub(super) fn finish(&mut self, mut reply: Reply) -> Outcome {
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
    pub(super) fn absolute_location(&self, loc: &str) -> String {
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

    /// Send a response through the final filters.
    pub(super) fn respond(&mut self, reply: Reply) -> Outcome {
        self.finish(reply)
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
    pub(super) fn tokens(&self) -> bool {
        self.conf().tokens()
    }
}
