//! Value checks of module setters that read their own parameters
//! (`listen`, upstream `server`, `return`, `error_page`…), worded as each
//! setter words them. Only what can be decided from the text is checked:
//! host names are not resolved, regexes and variables are left to the IR.

use super::value::{parse_number, parse_size, parse_time};
use crate::profile::{has, Behaviour};
use crate::registry::{Check, Version};

/// The message of the first bad value, if any. `args` are the directive's
/// arguments (without its name).
pub fn check(check: Check, name: &str, args: &[String], version: Version) -> Option<String> {
    let first = args.first()?;
    match check {
        Check::Flag => (!first.eq_ignore_ascii_case("on") && !first.eq_ignore_ascii_case("off"))
            .then(|| {
                format!("invalid value \"{first}\" in \"{name}\" directive, it must be \"on\" or \"off\"")
            }),
        Check::ProxyRedirect => (args.len() == 1 && first != "default" && first != "off")
            .then(|| format!("invalid parameter \"{first}\"")),
        Check::Priority => {
            let digits = first.strip_prefix(['-', '+']).unwrap_or(first);
            parse_number(digits)
                .is_none()
                .then(|| format!("\"{name}\" directive invalid number"))
        }
        Check::PoolSize => {
            // The size itself was checked by the generic setter.
            let size = parse_size(first, false)?;
            if size < MIN_POOL_SIZE {
                Some(format!("the pool size must be no less than {MIN_POOL_SIZE}"))
            } else if size % POOL_ALIGNMENT != 0 {
                Some(format!("the pool size must be a multiple of {POOL_ALIGNMENT}"))
            } else {
                None
            }
        }
        Check::Expires => expires(args).map(|e| format!("\"{name}\" directive {e}")),
        Check::Listen => listen(args),
        Check::UpstreamServer => upstream_server(args, version),
        Check::UpstreamKeepalive => {
            let n = parse_number(first);
            let zero_ok = has(version, Behaviour::UpstreamHttp11Keepalive);
            if n.is_none() || (n == Some(0) && !zero_ok) {
                return Some(format!("invalid value \"{first}\" in \"{name}\" directive"));
            }
            args.get(1)
                .filter(|a| *a != "local")
                .map(|a| format!("invalid parameter \"{a}\""))
        }
        Check::UpstreamHash => args
            .get(1)
            .filter(|a| *a != "consistent")
            .map(|a| format!("invalid parameter \"{a}\"")),
        Check::Return => {
            let url = ["http://", "https://", "$scheme"]
                .iter()
                .any(|p| first.starts_with(p));
            let bad = match parse_number(first) {
                Some(code) => code > 999,
                None => !(args.len() == 1 && url),
            };
            bad.then(|| format!("invalid return code \"{first}\""))
        }
        Check::Rewrite => args
            .get(2)
            .filter(|f| !["last", "break", "redirect", "permanent"].contains(&f.as_str()))
            .map(|f| format!("invalid parameter \"{f}\"")),
        Check::SetVariable => {
            (!first.starts_with('$')).then(|| format!("invalid variable name \"{first}\""))
        }
        Check::IfCondition => if_condition(args),
        Check::ErrorPage => error_page(args),
        Check::TryFiles => {
            let last = args.last()?;
            let code = last.strip_prefix('=')?;
            parse_number(code)
                .is_none_or(|c| c > 999)
                .then(|| format!("invalid code \"{last}\""))
        }
        Check::Index => args
            .iter()
            .find(|a| a.is_empty())
            .map(|a| format!("index \"{a}\" in \"index\" directive is invalid")),
        Check::AddHeader => args
            .get(2)
            .filter(|a| *a != "always")
            .map(|a| format!("invalid parameter \"{a}\"")),
        Check::AccessRule => (first != "all" && first != "unix:" && cidr(first).is_none())
            .then(|| format!("invalid parameter \"{first}\"")),
        Check::RealIpFrom => (first != "unix:" && first.contains('/') && cidr(first).is_none())
            .then(|| format!("host not found in set_real_ip_from \"{first}\"")),
        Check::LogFormat => args.get(1).and_then(|a| {
            let escape = a.strip_prefix("escape=")?;
            (!["default", "json", "none"].contains(&escape))
                .then(|| format!("unknown log format escaping \"{escape}\""))
        }),
        Check::SslSessionCache => args
            .iter()
            .find_map(|a| session_cache(a).err())
            .map(|a| a.to_string()),
        _ => None,
    }
}

/// `NGX_MIN_POOL_SIZE` and `NGX_POOL_ALIGNMENT` on 64-bit Linux.
const MIN_POOL_SIZE: u64 = 112;
const POOL_ALIGNMENT: u64 = 16;

/// `expires`: the reason, which nginx prefixes with the directive name.
fn expires(args: &[String]) -> Option<&'static str> {
    let modified = args.len() == 2;
    if modified && args[0] != "modified" {
        return Some("invalid value");
    }
    let v = args.last()?;
    if v.contains('$') {
        return None;
    }
    if !modified && ["epoch", "max", "off"].contains(&v.as_str()) {
        return None;
    }
    let (daily, time) = match v.as_bytes().first() {
        Some(b'@') if modified => {
            return Some("daily time cannot be used with \"modified\" parameter")
        }
        Some(b'@') => (true, &v[1..]),
        Some(b'+' | b'-') => (false, &v[1..]),
        _ => (false, v.as_str()),
    };
    match parse_time(time, false) {
        None => Some("invalid value"),
        Some(t) if daily && t > 24 * 60 * 60 => Some("daily time value must be less than 24 hours"),
        Some(_) => None,
    }
}

/// nginx's `ngx_parse_url` errors for an address, without resolving
/// names. `listen` takes a port alone; `uri_part` allows a path after
/// the address (proxy_pass).
pub fn url_error(url: &str, listen: bool, uri_part: bool) -> Option<&'static str> {
    if url.len() >= 5 && url[..5].eq_ignore_ascii_case("unix:") {
        let mut path = &url[5..];
        if uri_part {
            path = path.split(':').next().unwrap_or_default();
        }
        return if path.is_empty() {
            Some("no path in the unix domain socket")
        } else if path.len() + 1 > 108 {
            Some("too long path in the unix domain socket")
        } else {
            None
        };
    }
    let port_ok = |p: &str| parse_number(p).is_some_and(|n| (1..=65535).contains(&n));
    // A listen port may be a range: `8000-8010`.
    let ports = |p: &str| -> Option<&'static str> {
        let (lo, hi) = match p.split_once('-') {
            Some((lo, hi)) if listen => (lo, Some(hi)),
            _ => (p, None),
        };
        if hi.is_some_and(|h| !port_ok(h)) || !port_ok(lo) {
            return Some("invalid port");
        }
        let (lo, hi) = (parse_number(lo)?, hi.and_then(parse_number));
        hi.is_some_and(|h| lo > h).then_some("invalid port range")
    };
    if let Some(rest) = url.strip_prefix('[') {
        let Some((host, after)) = rest.split_once(']') else {
            return Some("invalid host");
        };
        let mut after = after;
        if let Some(slash) = after.find('/') {
            if listen || !uri_part {
                return Some("invalid host");
            }
            after = &after[..slash];
        }
        if !after.is_empty() {
            let Some(port) = after.strip_prefix(':') else {
                return Some("invalid host");
            };
            if let Some(e) = ports(port) {
                return Some(e);
            }
        }
        if host.is_empty() {
            return Some("no host");
        }
        return host
            .parse::<std::net::Ipv6Addr>()
            .is_err()
            .then_some("invalid IPv6 address");
    }
    let mut last = url.len();
    let uri = match (url.find('/'), url.find('?')) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    };
    let mut port = url.find(':');
    if let Some(u) = uri {
        if listen || !uri_part {
            return Some("invalid host");
        }
        last = u;
        if port.is_some_and(|p| u < p) {
            port = None;
        }
    }
    let host = match port {
        Some(p) => {
            if let Some(e) = ports(&url[p + 1..last]) {
                return Some(e);
            }
            &url[..p]
        }
        None => {
            let text = &url[..last];
            if listen && uri.is_none() {
                // A number alone is a port.
                let lo = text.split_once('-').map_or(text, |(lo, _)| lo);
                let hi_number = text
                    .split_once('-')
                    .is_none_or(|(_, hi)| parse_number(hi).is_some());
                if parse_number(lo).is_some() && hi_number {
                    return ports(text);
                }
            }
            text
        }
    };
    host.is_empty().then_some("no host")
}

fn listen(args: &[String]) -> Option<String> {
    if let Some(e) = url_error(&args[0], true, false) {
        return Some(format!(
            "{e} in \"{}\" of the \"listen\" directive",
            args[0]
        ));
    }
    for p in &args[1..] {
        let p = p.as_str();
        let invalid = |what: &str| Some(format!("invalid {what} \"{p}\""));
        if let Some(v) = p.strip_prefix("fastopen=") {
            if parse_number(v).is_none() {
                return invalid("fastopen");
            }
        } else if let Some(v) = p.strip_prefix("backlog=") {
            if parse_number(v).is_none_or(|n| n == 0) {
                return invalid("backlog");
            }
        } else if let Some(v) = p.strip_prefix("rcvbuf=") {
            if parse_size(v, false).is_none() {
                return invalid("rcvbuf");
            }
        } else if let Some(v) = p.strip_prefix("sndbuf=") {
            if parse_size(v, false).is_none() {
                return invalid("sndbuf");
            }
        } else if let Some(flag) = p.strip_prefix("ipv6only=o") {
            if flag != "n" && flag != "ff" {
                return Some(format!("invalid ipv6only flags \"o{flag}\""));
            }
        } else if let Some(v) = p.strip_prefix("so_keepalive=") {
            if v != "on" && v != "off" && !so_keepalive(v) {
                return Some(format!("invalid so_keepalive value: \"{v}\""));
            }
        } else if !p.starts_with("accept_filter=")
            && ![
                "default_server",
                "default",
                "bind",
                "deferred",
                "reuseport",
                "multipath",
                "ssl",
                "http2",
                "quic",
                "proxy_protocol",
            ]
            .contains(&p)
        {
            return Some(format!("invalid parameter \"{p}\""));
        }
    }
    None
}

/// `so_keepalive=IDLE:INTERVAL:COUNT`, each part optional, not all zero.
fn so_keepalive(v: &str) -> bool {
    let mut parts = v.splitn(3, ':');
    let (idle, intvl, cnt) = (parts.next(), parts.next(), parts.next());
    let time = |p: Option<&str>| match p {
        None | Some("") => Some(0),
        Some(t) => parse_time(t, false),
    };
    let count = match cnt {
        None | Some("") => Some(0),
        Some(c) => parse_number(c),
    };
    match (time(idle), time(intvl), count) {
        (Some(a), Some(b), Some(c)) => a + b + c > 0,
        _ => false,
    }
}

fn upstream_server(args: &[String], version: Version) -> Option<String> {
    for p in &args[1..] {
        let p = p.as_str();
        let ok = if let Some(v) = p.strip_prefix("weight=") {
            parse_number(v).is_some_and(|n| n > 0)
        } else if let Some(v) = p
            .strip_prefix("max_conns=")
            .or_else(|| p.strip_prefix("max_fails="))
        {
            parse_number(v).is_some()
        } else if let Some(v) = p.strip_prefix("fail_timeout=") {
            parse_time(v, false).is_some()
        } else if p == "resolve" || p.starts_with("service=") {
            version >= Version::new(1, 27, 3)
        } else if p == "drain" || p.starts_with("route=") {
            version >= Version::new(1, 29, 6)
        } else {
            p == "backup" || p == "down"
        };
        if !ok {
            return Some(format!("invalid parameter \"{p}\""));
        }
    }
    url_error(&args[0], false, false).map(|e| format!("{e} in upstream \"{}\"", args[0]))
}

/// `if (...)`: the shape of the condition, as the rewrite module reads it.
fn if_condition(args: &[String]) -> Option<String> {
    let invalid = |a: &str| Some(format!("invalid condition \"{a}\""));
    let mut v: Vec<&str> = args.iter().map(String::as_str).collect();
    let first = v[0];
    if !first.starts_with('(') {
        return invalid(first);
    }
    if first.len() == 1 {
        v.remove(0);
    } else {
        v[0] = &first[1..];
    }
    let Some(&last) = v.last() else {
        // `if ( )`: the closing word was the opening one.
        return invalid(first);
    };
    if !last.ends_with(')') {
        return invalid(last);
    }
    if last.len() == 1 {
        v.pop();
    } else {
        let n = v.len() - 1;
        v[n] = &last[..last.len() - 1];
    }
    let Some(&cur) = v.first() else {
        return invalid("");
    };
    if cur.len() > 1 && cur.starts_with('$') {
        if v.len() != 1 && v.len() != 3 {
            return invalid(cur);
        }
        if v.len() == 1 {
            return None;
        }
        let op = v[1];
        return (!["=", "!=", "~", "~*", "!~", "!~*"].contains(&op))
            .then(|| format!("unexpected \"{op}\" in condition"));
    }
    let file_op = ["-f", "-d", "-e", "-x", "!-f", "!-d", "!-e", "!-x"];
    if (cur.len() == 2 && cur.starts_with('-')) || (cur.len() == 3 && cur.starts_with("!-")) {
        return (v.len() != 2 || !file_op.contains(&cur))
            .then(|| format!("invalid condition \"{cur}\""));
    }
    invalid(cur)
}

fn error_page(args: &[String]) -> Option<String> {
    let invalid = |a: &str| Some(format!("invalid value \"{a}\""));
    let i = args.len() - 2;
    let mut codes = args.len() - 1;
    if let Some(answer) = args[i].strip_prefix('=') {
        if i == 0 || (!answer.is_empty() && parse_number(answer).is_none()) {
            return invalid(&args[i]);
        }
        codes -= 1;
    }
    for code in &args[..codes] {
        match parse_number(code) {
            None | Some(499) => return invalid(code),
            Some(n) if !(300..=599).contains(&n) => {
                return Some(format!("value \"{code}\" must be between 300 and 599"))
            }
            _ => {}
        }
    }
    None
}

/// nginx's `ngx_ptocidr`: an IPv4 or IPv6 address with an optional
/// prefix length.
fn cidr(s: &str) -> Option<()> {
    let (addr, mask) = match s.split_once('/') {
        Some((a, m)) => (a, Some(m)),
        None => (s, None),
    };
    let bits = if addr.contains(':') {
        addr.parse::<std::net::Ipv6Addr>().ok()?;
        128
    } else {
        addr.parse::<std::net::Ipv4Addr>().ok()?;
        32
    };
    match mask {
        Some(m) => parse_number(m).filter(|&n| n <= bits).map(|_| ()),
        None => Some(()),
    }
}

/// One `ssl_session_cache` value; `Err` with nginx's message.
fn session_cache(v: &str) -> Result<(), String> {
    let invalid = || Err(format!("invalid session cache \"{v}\""));
    if ["off", "none", "builtin"].contains(&v) {
        return Ok(());
    }
    if let Some(n) = v.strip_prefix("builtin:").filter(|n| !n.is_empty()) {
        return if parse_number(n).is_some() {
            Ok(())
        } else {
            invalid()
        };
    }
    if let Some(rest) = v.strip_prefix("shared:").filter(|r| !r.is_empty()) {
        let Some((name, size)) = rest.split_once(':').filter(|(n, _)| !n.is_empty()) else {
            return invalid();
        };
        let _ = name;
        return match parse_size(size, false) {
            None => invalid(),
            // Eight pages of 4 KiB.
            Some(n) if n < 8 * 4096 => Err(format!("session cache \"{v}\" is too small")),
            Some(_) => Ok(()),
        };
    }
    invalid()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses_as_ngx_parse_url_reads_them() {
        assert_eq!(url_error("99999", true, false), Some("invalid port"));
        assert_eq!(url_error("80", true, false), None);
        assert_eq!(
            url_error("127.0.0.1:http", true, false),
            Some("invalid port")
        );
        assert_eq!(url_error("[::1", true, false), Some("invalid host"));
        assert_eq!(
            url_error("unix:", true, false),
            Some("no path in the unix domain socket")
        );
        assert_eq!(url_error("", false, false), Some("no host"));
        assert_eq!(url_error("127.0.0.1:0", false, false), Some("invalid port"));
        assert_eq!(url_error("h:8080/x", false, true), None);
        assert_eq!(url_error("h/x", false, false), Some("invalid host"));
        assert_eq!(url_error("localhost", false, false), None);
    }
}
