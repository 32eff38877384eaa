//! `ngx_http_headers_filter_module`: `expires` and `add_header`, for the
//! statuses nginx adds them to (any status with `always`).

use super::*;

impl<'a> Exec<'a> {
    pub(super) fn headers_filter(&mut self, reply: &mut Reply) -> Next {
        // nginx's headers filter leaves subrequests alone.
        if self.is_subrequest() {
            return Next::Continue;
        }
        let modified = reply
            .headers
            .iter()
            .rev()
            .find(|(n, _)| n.eq_ignore_ascii_case("last-modified"))
            .and_then(|(_, v)| crate::time::parse_http_date(v.as_bytes()));
        if let Some((expires, cache_control)) = self.expires_headers(reply.status, modified) {
            // The response's own Expires and Cache-Control are replaced
            // where they stand (the first Cache-Control; the rest go).
            set_in_place(&mut reply.headers, "Expires", expires);
            set_in_place(&mut reply.headers, "Cache-Control", cache_control);
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
        Next::Continue
    }

    /// `expires` and `add_header` for a status.
    pub fn added_headers(&mut self, status: u16) -> Vec<(String, String)> {
        const SAFE: &[u16] = &[200, 201, 204, 206, 301, 302, 303, 304, 307, 308];
        let conf = self.conf();
        let mut out = Vec::new();
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

    /// `expires` for a response of `status` whose modification time is
    /// `modified`: the Expires and Cache-Control values
    /// (`ngx_http_set_expires`), `None` when it adds none.
    pub fn expires_headers(&self, status: u16, modified: Option<u64>) -> Option<(String, String)> {
        use crate::ir::conf::{parse_expires, Expires, ExpiresKind};
        const SAFE: &[u16] = &[200, 201, 204, 206, 301, 302, 303, 304, 307, 308];
        if !SAFE.contains(&status) {
            return None;
        }
        let at = match &self.conf().expires {
            Expires::Off => return None,
            Expires::Epoch => {
                return Some(("Thu, 01 Jan 1970 00:00:01 GMT".into(), "no-cache".into()))
            }
            Expires::Max => {
                return Some((
                    "Thu, 31 Dec 2037 23:55:55 GMT".into(),
                    "max-age=315360000".into(),
                ))
            }
            Expires::Time(at) => *at,
            Expires::Variable { modified, value } => {
                let v = self.eval(value);
                match v.as_str() {
                    "off" => return None,
                    "epoch" => {
                        return Some(("Thu, 01 Jan 1970 00:00:01 GMT".into(), "no-cache".into()))
                    }
                    "max" => {
                        return Some((
                            "Thu, 31 Dec 2037 23:55:55 GMT".into(),
                            "max-age=315360000".into(),
                        ))
                    }
                    _ => parse_expires(&v, *modified).ok()?,
                }
            }
        };
        let now = crate::time::now_secs() as i64;
        let (expires, max_age) = match (at.kind, modified) {
            (ExpiresKind::Daily, _) => {
                // The next time this time of day comes (UTC, as rginx's
                // clocks are).
                let day = now - now.rem_euclid(86_400);
                let mut t = day + at.secs;
                if t <= now {
                    t += 86_400;
                }
                (t, t - now)
            }
            (ExpiresKind::Modified, Some(m)) => {
                let t = m as i64 + at.secs;
                (t, t - now)
            }
            _ => (now + at.secs, at.secs),
        };
        let date = crate::time::http_date(u64::try_from(expires).unwrap_or(0));
        let cache_control = if at.secs < 0 || max_age < 0 {
            "no-cache".to_string()
        } else {
            format!("max-age={max_age}")
        };
        Some((date, cache_control))
    }
}

/// Set a header's value where it stands, dropping its other lines, or add it.
fn set_in_place(headers: &mut Vec<(String, String)>, name: &str, value: String) {
    let mut seen = false;
    headers.retain_mut(|(n, v)| {
        if !n.eq_ignore_ascii_case(name) {
            return true;
        }
        if seen {
            return false;
        }
        seen = true;
        *v = value.clone();
        true
    });
    if !seen {
        headers.push((name.to_string(), value));
    }
}
