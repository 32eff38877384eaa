//! Request URI normalization as nginx does it before matching locations
//! (`ngx_http_parse_complex_uri`): percent-decoding, `/./` and `/../`
//! resolution, and merging of slashes (`merge_slashes on`, the default).

/// Why nginx answers 400 to a request URI.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum UriError {
    #[error("the URI does not start with \"/\"")]
    NotAbsolute,
    #[error("\"..\" goes above the root")]
    AboveRoot,
    #[error("invalid percent-encoding")]
    BadEscape,
}

/// A request target split as nginx splits it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RequestUri {
    /// As sent (`$request_uri`).
    pub raw: String,
    /// Decoded and normalized path (`$uri`), bytes.
    pub path: Vec<u8>,
    /// After `?`, as sent (`$args`).
    pub args: Option<String>,
}

fn hex(c: u8) -> Option<u8> {
    match c {
        b'0'..=b'9' => Some(c - b'0'),
        b'a'..=b'f' => Some(c - b'a' + 10),
        b'A'..=b'F' => Some(c - b'A' + 10),
        _ => None,
    }
}

/// Parse and normalize a request target.
pub fn parse(target: &str, merge_slashes: bool) -> Result<RequestUri, UriError> {
    // A fragment is not part of the URI nginx routes.
    let routed = target.split_once('#').map_or(target, |(t, _)| t);
    let (path, args) = match routed.split_once('?') {
        Some((p, a)) => (p, Some(a.to_string())),
        None => (routed, None),
    };
    if !path.starts_with('/') {
        return Err(UriError::NotAbsolute);
    }
    let bytes = path.as_bytes();
    let mut decoded = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let (Some(h), Some(l)) = (
                bytes.get(i + 1).and_then(|&c| hex(c)),
                bytes.get(i + 2).and_then(|&c| hex(c)),
            ) else {
                return Err(UriError::BadEscape);
            };
            if h == 0 && l == 0 {
                // A decoded NUL is refused.
                return Err(UriError::BadEscape);
            }
            decoded.push(h * 16 + l);
            i += 3;
        } else {
            decoded.push(bytes[i]);
            i += 1;
        }
    }
    // Resolve segments on the decoded path, as nginx's state machine does.
    let mut out: Vec<u8> = Vec::with_capacity(decoded.len());
    let ends_with_slash = decoded.ends_with(b"/");
    let mut segments: Vec<&[u8]> = Vec::new();
    for seg in decoded.split(|&c| c == b'/').skip(1) {
        match seg {
            b"." => {}
            b".." => {
                if segments.pop().is_none() {
                    return Err(UriError::AboveRoot);
                }
            }
            b"" if merge_slashes => {}
            s => segments.push(s),
        }
    }
    for s in &segments {
        out.push(b'/');
        out.extend_from_slice(s);
    }
    let last_is_dot = decoded.ends_with(b"/.") || decoded.ends_with(b"/..");
    if out.is_empty() || ((ends_with_slash || last_is_dot) && !out.ends_with(b"/")) {
        out.push(b'/');
    }
    Ok(RequestUri {
        raw: target.to_string(),
        path: out,
        args,
    })
}

/// Split `http://host:port/uri` into (authority, uri part).
pub fn split_url(url: &str) -> Option<(&str, Option<&str>)> {
    let rest = url
        .strip_prefix("http://")
        .or_else(|| url.strip_prefix("https://"))?;
    Some(match rest.find('/') {
        Some(i) => (&rest[..i], Some(&rest[i..])),
        None => (rest, None),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(s: &str) -> String {
        String::from_utf8(parse(s, true).unwrap().path).unwrap()
    }

    #[test]
    fn normalizes_like_nginx() {
        assert_eq!(p("/a/./b/../c"), "/a/c");
        assert_eq!(p("//a///b/"), "/a/b/");
        assert_eq!(p("/a/%2e%2e/b"), "/b");
        assert_eq!(p("/a/.."), "/");
        assert_eq!(p("/a/b/.."), "/a/");
        assert_eq!(p("/%41"), "/A");
        assert_eq!(parse("/../x", true), Err(UriError::AboveRoot));
        assert_eq!(parse("/%zz", true), Err(UriError::BadEscape));
        assert_eq!(parse("/a?b=1", true).unwrap().args.as_deref(), Some("b=1"));
        assert_eq!(p("/p#frag"), "/p", "a fragment is not routed");
        assert_eq!(parse("/p%00x", true), Err(UriError::BadEscape));
        assert_eq!(
            String::from_utf8(parse("//a", false).unwrap().path).unwrap(),
            "//a"
        );
    }
}
