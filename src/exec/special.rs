//! Responses nginx makes itself (`ngx_http_special_response_handler`):
//! error statuses, `error_page` taking them over, internal and named
//! redirects.

use super::*;

impl<'a> Exec<'a> {
    /// A status nginx answers itself: `error_page` may take over, else
    /// nginx's own page.
    pub fn special(&mut self, status: u16) -> Outcome {
        self.err_status = Some(status);
        if matches!(status, 400 | 413 | 414 | 497 | 495 | 496 | 500 | 501) {
            self.closes = true;
        }
        if status == 413 {
            self.body_discarded = true;
        }
        if !self.error_page_done && self.uri_changes != 0 {
            let conf = self.conf();
            if !conf.recursive_error_pages {
                self.error_page_done = true;
            }
            for page in &conf.error_page {
                if page.codes.contains(&status) && !page.target.is_empty() {
                    // nginx's error_page gives 494-497 (the codes it
                    // sends as 400) an implied `=400`.
                    let overwrite = page
                        .overwrite
                        .or(matches!(status, 494..=497).then_some(400));
                    step!(
                        self,
                        format!(
                            "error_page {} at {}",
                            page.entry.args.join(" "),
                            page.entry.at
                        )
                    );
                    return self.error_page(status, overwrite, &page.target);
                }
            }
        }
        if matches!(status, 495..=497) {
            // Plain HTTP on a TLS port, a client certificate that failed
            // verification or is missing: nginx's special 400 pages.
            self.err_status = Some(400);
            self.closes = true;
            let body = crate::ir::pages::tls_page(status, self.tokens());
            return self.finish(Reply {
                status: 400,
                headers: Vec::new(),
                content_type: Some("text/html".into()),
                body: Body::Text(body),
            });
        }
        let body = if status >= 300 {
            crate::ir::pages::signed_page(status, self.tokens())
        } else {
            None
        };
        self.finish(Reply {
            status,
            headers: Vec::new(),
            content_type: body.as_ref().map(|_| "text/html".to_string()),
            body: body.map_or(Body::Empty, Body::Text),
        })
    }

    pub(super) fn error_page(
        &mut self,
        status: u16,
        overwrite: Option<u16>,
        target: &str,
    ) -> Outcome {
        self.err_status = match overwrite {
            None => Some(status),
            Some(0) => None,
            Some(o) => Some(o),
        };
        let target = self.eval(target);
        if target.starts_with('/') {
            if self.method != "HEAD" {
                self.method = "GET".into();
            }
            return self.internal_redirect(&target, true);
        }
        if target.starts_with('@') {
            return self.named_redirect(&target);
        }
        self.location_header = Some(target);
        let code = overwrite.filter(|&o| is_redirect(o)).unwrap_or(302);
        self.err_status = None;
        let body = crate::ir::pages::signed_page(code, self.tokens());
        self.finish(Reply {
            status: code,
            headers: Vec::new(),
            content_type: body.as_ref().map(|_| "text/html".to_string()),
            body: body.map_or(Body::Empty, Body::Text),
        })
    }

    /// An internal redirect to a URI (with arguments after `?`): the
    /// phases start over at the server's rewrites.
    pub(super) fn internal_redirect(&mut self, target: &str, split_args: bool) -> Outcome {
        let (path, args) = match target.split_once('?') {
            Some((p, a)) if split_args => (p.to_string(), Some(a.to_string())),
            _ => (target.to_string(), None),
        };
        step!(self, format!("internal redirect to \"{target}\""));
        self.redirect_to(path, args)
    }

    /// Start over at the server's rewrites with a new URI (an internal
    /// redirect; counts against the 10 URI changes).
    pub(super) fn redirect_to(&mut self, path: String, args: Option<String>) -> Outcome {
        self.uri_changes -= 1;
        if self.uri_changes == 0 {
            step!(self, "rewrite or internal redirection cycle: 500".into());
            return self.special(500);
        }
        self.uri = path;
        self.args = args;
        self.internal = true;
        self.uri_rewritten = true;
        self.go(Start::ServerRewrite)
    }

    /// A redirect nginx makes itself (301 for a directory…).
    pub(super) fn redirect_status(&mut self, code: u16, to: String) -> Outcome {
        self.location_header = Some(to);
        self.special(code)
    }

    pub(super) fn named_redirect(&mut self, name: &str) -> Outcome {
        self.uri_changes -= 1;
        if self.uri_changes == 0 {
            return self.special(500);
        }
        let Some(l) = named(&self.server.locations, name) else {
            step!(self, format!("no named location \"{name}\": 500"));
            return self.special(500);
        };
        step!(self, format!("to {} at {}", l.describe(), l.at));
        self.internal = true;
        self.go(Start::Named(l))
    }
}
