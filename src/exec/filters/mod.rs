//! nginx's filter chains. Every response the executor makes (static
//! files, text, special responses, proxied heads) passes through the
//! header filters in nginx's order before its head is written; its body
//! passes through the body filters ([`body`]) the header filters chose.
//!
//! nginx calls its filters in the reverse of its module list: for the
//! headers, not_modified, headers (`expires`, `add_header`), userid,
//! gunzip, addition, sub, image, xslt, charset, ssi, gzip, range, then
//! the HTTP/1 or HTTP/2 writer. [`HEADER_FILTERS`] lists the ones rginx
//! runs, in that order; the modules still to come slot in where nginx
//! has them.

pub mod body;
mod headers;
mod not_modified;
mod range;

use super::*;

/// A header filter rginx runs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum HeaderFilter {
    /// `ngx_http_not_modified_filter_module`: 304 for a conditional GET
    /// whose copy is current, 412 for a precondition that fails.
    NotModified,
    /// `ngx_http_headers_filter_module`: `expires`, `add_header`.
    Headers,
    /// `ngx_http_range_header_filter_module`: 206 and 416 for a response
    /// that allows ranges, `Accept-Ranges` for one that was not asked.
    Range,
}

/// The header filters, in the order nginx calls them.
pub const HEADER_FILTERS: &[HeaderFilter] = &[
    HeaderFilter::NotModified,
    HeaderFilter::Headers,
    HeaderFilter::Range,
];

/// What a header filter decided.
pub(super) enum Next {
    /// Go on to the next filter.
    Continue,
    /// The response is replaced (a 416 is a special response of its own).
    Replaced(Outcome),
}

impl<'a> Exec<'a> {
    /// The final response: `error_page`'s status, an absolute Location,
    /// then the header filters.
    pub(super) fn finish(&mut self, mut reply: Reply) -> Outcome {
        if let Some(s) = self.err_status {
            reply.status = s;
        }
        self.status = Some(reply.status);
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
        for filter in HEADER_FILTERS {
            let next = match filter {
                HeaderFilter::NotModified => self.not_modified_filter(&mut reply),
                HeaderFilter::Headers => self.headers_filter(&mut reply),
                HeaderFilter::Range => self.range_filter(&mut reply),
            };
            if let Next::Replaced(outcome) = next {
                return outcome;
            }
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
