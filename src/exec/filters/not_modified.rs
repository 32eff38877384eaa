//! `ngx_http_not_modified_filter_module`: the conditional requests of a
//! 200 that has a modification time or an entity tag (a static file; an
//! upstream's only when nginx caches it). A failed If-Unmodified-Since or
//! If-Match is a 412; a copy the client holds (If-Modified-Since as
//! `if_modified_since` says, If-None-Match) makes a 304 without body,
//! type or length.

use super::*;
use crate::ir::conf::Ims;

impl<'a> Exec<'a> {
    pub(super) fn not_modified_filter(&mut self, reply: &mut Reply) -> Next {
        if reply.status != 200 || self.is_subrequest() || self.disable_not_modified {
            return Next::Continue;
        }
        let header = |name: &str| self.request_header(name).map(str::to_string);
        let own = |name: &str| {
            reply
                .headers
                .iter()
                .rev()
                .find(|(n, _)| n.eq_ignore_ascii_case(name))
                .map(|(_, v)| v.clone())
        };
        let modified =
            own("last-modified").and_then(|v| crate::time::parse_http_date(v.as_bytes()));
        let etag = own("etag");
        let iums = header("if-unmodified-since");
        let im = header("if-match");
        let ims = header("if-modified-since");
        let inm = header("if-none-match");
        let unmodified = |v: &str| {
            // Neither a time nor a date: the precondition fails.
            let since = crate::time::parse_http_date(v.as_bytes());
            matches!((modified, since), (Some(m), Some(s)) if s >= m)
        };
        if iums.as_deref().is_some_and(|v| !unmodified(v))
            || im
                .as_deref()
                .is_some_and(|v| !matches(v, etag.as_deref(), false))
        {
            step!(self, "a precondition failed: 412".into());
            return Next::Replaced(self.special(412));
        }
        if ims.is_none() && inm.is_none() {
            return Next::Continue;
        }
        let ims_modified = |v: &str| {
            let Some(m) = modified else { return true };
            let mode = self.conf().if_modified_since;
            if mode == Ims::Off {
                return true;
            }
            match crate::time::parse_http_date(v.as_bytes()) {
                Some(t) if t == m => false,
                Some(t) => mode == Ims::Exact || t < m,
                // nginx's parser gives -1: never equal, "before" any time.
                None => true,
            }
        };
        if ims.as_deref().is_some_and(ims_modified)
            || inm
                .as_deref()
                .is_some_and(|v| !matches(v, etag.as_deref(), true))
        {
            return Next::Continue;
        }
        step!(self, "the client's copy is current: 304".into());
        reply.status = 304;
        self.status = Some(304);
        reply.content_type = None;
        reply.body = Body::Empty;
        reply
            .headers
            .retain(|(n, _)| !n.eq_ignore_ascii_case("content-encoding"));
        Next::Continue
    }
}

/// An If-Match or If-None-Match list against the response's entity tag
/// (`weak`: If-None-Match's comparison, which ignores `W/`).
fn matches(list: &str, etag: Option<&str>, weak: bool) -> bool {
    if list == "*" {
        return true;
    }
    let Some(mut etag) = etag else {
        return false;
    };
    if weak && etag.len() > 2 && etag.starts_with("W/") {
        etag = &etag[2..];
    }
    let b = list.as_bytes();
    let mut p = 0;
    while p < b.len() {
        if weak && b.len() - p > 2 && b[p] == b'W' && b[p + 1] == b'/' {
            p += 2;
        }
        if etag.len() > b.len() - p {
            return false;
        }
        if &b[p..p + etag.len()] == etag.as_bytes() {
            let mut q = p + etag.len();
            while q < b.len() && (b[q] == b' ' || b[q] == b'\t') {
                q += 1;
            }
            if q == b.len() || b[q] == b',' {
                return true;
            }
        }
        while p < b.len() && b[p] != b',' {
            p += 1;
        }
        while p < b.len() && matches!(b[p], b' ' | b'\t' | b',') {
            p += 1;
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::matches;

    #[test]
    fn entity_tag_lists_as_nginx_compares_them() {
        let tag = Some("\"abc\"");
        assert!(matches("*", None, false));
        assert!(matches("\"abc\"", tag, false));
        assert!(matches("\"x\", \"abc\"", tag, false));
        assert!(matches("\"x\",\t\"abc\" ", tag, false));
        assert!(!matches("\"ab\"", tag, false));
        assert!(!matches("\"abcd\"", tag, false));
        assert!(!matches("\"abc\"", None, false));
        // If-None-Match compares weakly; If-Match does not.
        assert!(matches("W/\"abc\"", tag, true));
        assert!(!matches("W/\"abc\"", tag, false));
        assert!(matches("\"abc\"", Some("W/\"abc\""), true));
    }
}
