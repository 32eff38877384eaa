//! `ngx_http_range_header_filter_module`: a 200 that allows ranges (a
//! static file) asked for one byte range becomes a 206 with that part of
//! the file; a range it cannot satisfy, a 416 (a special response of its
//! own, keeping the headers added so far); otherwise it gets
//! `Accept-Ranges: bytes`. It runs after the headers filter, so
//! `add_header` sees the 200. Several ranges (nginx's multipart answer)
//! are not made yet: the whole file is sent.

use super::*;

/// What nginx's range parser makes of a `bytes=` value.
#[derive(Debug, PartialEq, Eq)]
enum Ranges {
    /// The parts to send, `start..end`.
    Parts(Vec<(u64, u64)>),
    NotSatisfiable,
    /// Ignore the header: send the whole response.
    Declined,
}

/// nginx's parser (`ngx_http_range_parse`): spaces around the numbers,
/// `start-`, `start-end`, `-suffix`; any other byte makes the range
/// unsatisfiable.
fn parse(spec: &[u8], len: u64) -> Ranges {
    const MAX: u64 = i64::MAX as u64;
    let mut p = 0;
    let at = |p: usize| spec.get(p).copied().unwrap_or(0);
    let mut parts = Vec::new();
    let mut size: u64 = 0;
    let number = |p: &mut usize| -> Option<u64> {
        let mut n: u64 = 0;
        while at(*p).is_ascii_digit() {
            n = n.checked_mul(10)?.checked_add(u64::from(at(*p) - b'0'))?;
            if n > MAX {
                return None;
            }
            *p += 1;
        }
        Some(n)
    };
    loop {
        let (mut start, mut end) = (0, 0);
        let mut suffix = false;
        while at(p) == b' ' {
            p += 1;
        }
        let mut open_ended = false;
        if at(p) != b'-' {
            if !at(p).is_ascii_digit() {
                return Ranges::NotSatisfiable;
            }
            let Some(n) = number(&mut p) else {
                return Ranges::NotSatisfiable;
            };
            start = n;
            while at(p) == b' ' {
                p += 1;
            }
            if at(p) != b'-' {
                return Ranges::NotSatisfiable;
            }
            p += 1;
            while at(p) == b' ' {
                p += 1;
            }
            if at(p) == b',' || at(p) == 0 {
                end = len;
                open_ended = true;
            }
        } else {
            suffix = true;
            p += 1;
        }
        if !open_ended {
            if !at(p).is_ascii_digit() {
                return Ranges::NotSatisfiable;
            }
            let Some(n) = number(&mut p) else {
                return Ranges::NotSatisfiable;
            };
            end = n;
            while at(p) == b' ' {
                p += 1;
            }
            if at(p) != b',' && at(p) != 0 {
                return Ranges::NotSatisfiable;
            }
            if suffix {
                start = len.saturating_sub(end);
                end = len.saturating_sub(1);
            }
            end = if end >= len { len } else { end + 1 };
        }
        if start < end {
            size = match size.checked_add(end - start) {
                Some(s) if s <= MAX => s,
                _ => return Ranges::NotSatisfiable,
            };
            parts.push((start, end));
        } else if start == 0 {
            return Ranges::Declined;
        }
        let sep = at(p);
        p += 1;
        if sep != b',' {
            break;
        }
    }
    if parts.is_empty() {
        return Ranges::NotSatisfiable;
    }
    if parts.len() > 1 && size > len {
        return Ranges::Declined;
    }
    Ranges::Parts(parts)
}

impl<'a> Exec<'a> {
    pub(super) fn range_filter(&mut self, reply: &mut Reply) -> Next {
        // A static file is the one response that allows ranges so far.
        let Body::File(path) = &reply.body else {
            return Next::Continue;
        };
        // Neither does a subrequest's (nginx's `r != r->main`).
        if reply.status != 200 || self.is_subrequest() {
            return Next::Continue;
        }
        let Ok(len) = std::fs::metadata(path).map(|m| m.len()) else {
            return Next::Continue;
        };
        let header = |name: &str| self.request_header(name).map(str::as_bytes);
        let spec = header("range")
            .filter(|v| v.len() >= 7 && v[..6].eq_ignore_ascii_case(b"bytes="))
            .map(|v| v[6..].to_vec());
        let own = |name: &str| {
            reply
                .headers
                .iter()
                .find(|(n, _)| n.eq_ignore_ascii_case(name))
                .map(|(_, v)| v.as_bytes())
        };
        // If-Range names the entity tag or the modification time the
        // client has; another one gets the whole response.
        let current = match header("if-range") {
            None => true,
            Some(v) if v.len() >= 2 && v.ends_with(b"\"") => own("etag") == Some(v),
            Some(v) => own("last-modified").is_some_and(|lm| {
                let t = crate::time::parse_http_date(v);
                t.is_some() && t == crate::time::parse_http_date(lm)
            }),
        };
        let ranges = match spec {
            Some(spec) if current => parse(&spec, len),
            _ => Ranges::Declined,
        };
        match ranges {
            Ranges::Parts(parts) if parts.len() == 1 => {
                let (start, end) = parts[0];
                step!(self, format!("range {start}-{}: 206", end - 1));
                reply.status = 206;
                self.status = Some(206);
                reply.headers.push((
                    "Content-Range".into(),
                    format!("bytes {start}-{}/{len}", end - 1),
                ));
                reply.body = Body::FileRange(path.clone(), start, end);
                Next::Continue
            }
            Ranges::NotSatisfiable => {
                step!(self, "the range cannot be satisfied: 416".into());
                // The headers added so far stay; the entity's own go.
                let mut kept = std::mem::take(&mut reply.headers);
                kept.retain(|(n, _)| {
                    !n.eq_ignore_ascii_case("etag") && !n.eq_ignore_ascii_case("last-modified")
                });
                kept.push(("Content-Range".into(), format!("bytes */{len}")));
                self.carried_headers = kept;
                Next::Replaced(self.special(416))
            }
            Ranges::Parts(_) | Ranges::Declined => {
                reply.headers.push(("Accept-Ranges".into(), "bytes".into()));
                Next::Continue
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{parse, Ranges};

    #[test]
    fn ranges_as_nginx_parses_them() {
        let one = |s: u64, e: u64| Ranges::Parts(vec![(s, e)]);
        assert_eq!(parse(b"1-2", 6), one(1, 3));
        assert_eq!(parse(b" 1 - 2 ", 6), one(1, 3));
        assert_eq!(parse(b"4-", 6), one(4, 6));
        assert_eq!(parse(b"-2", 6), one(4, 6));
        assert_eq!(parse(b"-10", 6), one(0, 6));
        assert_eq!(parse(b"1-100", 6), one(1, 6));
        assert_eq!(parse(b"100-200", 6), Ranges::NotSatisfiable);
        assert_eq!(parse(b"x", 6), Ranges::NotSatisfiable);
        assert_eq!(parse(b"1-2x", 6), Ranges::NotSatisfiable);
        assert_eq!(parse(b"99999999999999999999-", 6), Ranges::NotSatisfiable);
        assert_eq!(parse(b"1-2,4-5", 6), Ranges::Parts(vec![(1, 3), (4, 6)]));
        // More bytes asked for than the file has: the whole file.
        assert_eq!(parse(b"0-4,1-5", 6), Ranges::Declined);
        assert_eq!(parse(b"0-0", 0), Ranges::Declined);
    }
}
