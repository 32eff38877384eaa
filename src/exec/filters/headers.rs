//! `ngx_http_headers_filter_module`: `expires` and `add_header`, for the
//! statuses nginx adds them to (any status with `always`).

use super::*;

impl<'a> Exec<'a> {
    pub(super) fn headers_filter(&mut self, reply: &mut Reply) -> Next {
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
        Next::Continue
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
}
