//! The phase engine (`ngx_http_core_run_phases`): server rewrite → find
//! location → location rewrite → post rewrite (at most 10 URI changes) →
//! access → try_files → content, started over by internal redirects. See
//! `docs/phases.md`.

use super::*;

impl<'a> Exec<'a> {
    pub(super) fn set_loc(&mut self, loc: Option<&'a Location>) {
        self.loc = loc;
    }

    /// Run the phases.
    pub fn run(&mut self) -> Outcome {
        // realip of the server level runs as the request is read.
        self.realip();
        self.go(Start::ServerRewrite)
    }

    pub(super) fn go(&mut self, mut start: Start<'a>) -> Outcome {
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

    /// The first of the request's header lines with this name.
    pub fn request_header(&self, name: &str) -> Option<&'_ str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    /// The request's Content-Length.
    pub(super) fn content_length(&self) -> Option<u64> {
        self.request_header("content-length")
            .and_then(|v| v.parse().ok())
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
}
