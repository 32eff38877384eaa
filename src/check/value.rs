//! Value checks of nginx's generic setters, worded as nginx words them.

use crate::registry::{Check, DirectiveSpec, Setter, Values, Version};
use crate::syntax::ast::Directive;
use std::path::Path;

/// `"name" directive <reason>` or the setter's own sentence, for nginx
/// `version`.
pub fn check(spec: &DirectiveSpec, d: &Directive, version: Version) -> Option<String> {
    let name = spec.name;
    let first = d.args.first()?;
    let v = first.text();
    let one_of = |list: &[&str], v: &str| list.iter().any(|x| x.eq_ignore_ascii_case(v));
    match spec.values_in(version) {
        Values::Enum(list) if !one_of(list, &v) => return Some(format!("invalid value \"{v}\"")),
        Values::Bitmask(list) => {
            if let Some(bad) = d.args.iter().map(|a| a.text()).find(|a| !one_of(list, a)) {
                return Some(format!("invalid value \"{bad}\""));
            }
        }
        Values::Bounds(lo, hi) => {
            let Some(n) = parse_number(&v) else {
                return Some(format!("\"{name}\" directive invalid number"));
            };
            let n = n as i64;
            if n < lo || (hi != -1 && n > hi) {
                return Some(if hi == -1 {
                    format!("value must be equal to or greater than {lo}")
                } else {
                    format!("value must be between {lo} and {hi}")
                });
            }
        }
        _ => {}
    }
    match spec.setter {
        Setter::Flag => {
            let ok = v.eq_ignore_ascii_case("on") || v.eq_ignore_ascii_case("off");
            (!ok).then(|| {
                format!(
                    "invalid value \"{v}\" in \"{name}\" directive, it must be \"on\" or \"off\""
                )
            })
        }
        Setter::Num => parse_number(&v)
            .is_none()
            .then(|| format!("\"{name}\" directive invalid number")),
        Setter::Size => parse_size(&v, false)
            .is_none()
            .then(|| format!("\"{name}\" directive invalid value")),
        Setter::Off => parse_size(&v, true)
            .is_none()
            .then(|| format!("\"{name}\" directive invalid value")),
        Setter::Msec => parse_time(&v, true)
            .is_none()
            .then(|| format!("\"{name}\" directive invalid value")),
        Setter::Sec => parse_time(&v, false)
            .is_none()
            .then(|| format!("\"{name}\" directive invalid value")),
        // A count and a size, neither zero.
        Setter::Bufs => {
            let size = d.args.get(1).map(|a| a.text());
            let ok = parse_number(&v).is_some_and(|n| n > 0)
                && size.is_some_and(|s| parse_size(&s, false).is_some_and(|n| n > 0));
            (!ok).then(|| format!("\"{name}\" directive invalid value"))
        }
        _ => None,
    }
}

/// nginx's log levels, and the debug facilities of debug builds.
const LOG_LEVELS: &[&str] = &[
    "emerg",
    "alert",
    "crit",
    "error",
    "warn",
    "notice",
    "info",
    "debug",
    "debug_core",
    "debug_alloc",
    "debug_mutex",
    "debug_event",
    "debug_http",
    "debug_mail",
    "debug_stream",
];

/// The event methods nginx has on Linux.
const EVENT_METHODS: &[&str] = &["epoll", "poll", "select"];

/// Checks of module-specific setters, as their `Check` names them, for
/// nginx `version`. `prefix` is where nginx resolves relative paths such
/// as modules.
pub fn custom(
    spec: &DirectiveSpec,
    d: &Directive,
    prefix: &Path,
    version: Version,
) -> Option<String> {
    let name = spec.name;
    let args: Vec<String> = d.args.iter().map(|a| a.text().into_owned()).collect();
    let first = args.first()?;
    let invalid_value = || Some(format!("\"{name}\" directive invalid value"));
    match spec.check {
        Check::None => None,
        // The timeout in milliseconds, the header's value in seconds.
        Check::Times => args
            .iter()
            .enumerate()
            .any(|(i, a)| parse_time(a, i == 0).is_none())
            .then(invalid_value)
            .flatten(),
        Check::NumberOrAuto => (first != "auto" && parse_number(first).is_none())
            .then(invalid_value)
            .flatten(),
        Check::Number => parse_number(first)
            .is_none()
            .then(|| format!("invalid number \"{first}\"")),
        Check::LogLevel => args[1..]
            .iter()
            .find(|a| !LOG_LEVELS.contains(&a.as_str()))
            .map(|a| format!("invalid log level \"{a}\"")),
        Check::EventMethod => (!EVENT_METHODS.contains(&first.as_str()))
            .then(|| format!("invalid event type \"{first}\"")),
        Check::HttpUrl => {
            let lower = first.to_ascii_lowercase();
            if first.contains('$') {
                return None;
            }
            let Some(scheme) = ["http://", "https://"]
                .iter()
                .find(|p| lower.starts_with(*p))
            else {
                return Some("invalid URL prefix".to_string());
            };
            let url = &first[scheme.len()..];
            super::params::url_error(url, false, true).map(|e| {
                // nginx names the upstream by its address, without the URI.
                let host = if url.starts_with("unix:") {
                    url
                } else {
                    &url[..url.find(['/', '?']).unwrap_or(url.len())]
                };
                format!("{e} in upstream \"{host}\"")
            })
        }
        Check::ThreadPool => {
            // Parameters in order; unknown ones are ignored.
            let mut threads = false;
            for a in &args[1..] {
                if let Some(n) = a.strip_prefix("threads=") {
                    if parse_number(n).unwrap_or(0) == 0 {
                        return Some(format!("invalid threads value \"{a}\""));
                    }
                    threads = true;
                } else if let Some(n) = a.strip_prefix("max_queue=") {
                    if parse_number(n).is_none() {
                        return Some(format!("invalid max_queue value \"{a}\""));
                    }
                }
            }
            (!threads).then(|| format!("\"{name}\" must have \"threads\" parameter"))
        }
        Check::CpuAffinity => {
            if first == "auto" {
                return None;
            }
            args.iter()
                .find_map(|a| a.chars().find(|c| !matches!(c, '0' | '1')))
                .map(|c| format!("invalid character \"{c}\" in \"worker_cpu_affinity\""))
        }
        Check::User => {
            // nginx looks the user up only when it could switch to it.
            let root = nix::unistd::geteuid().is_root();
            let missing = matches!(nix::unistd::User::from_name(first), Ok(None));
            (root && missing).then(|| format!("getpwnam(\"{first}\") failed"))
        }
        Check::ModuleFile => {
            let path = if Path::new(first).is_absolute() {
                Path::new(first).to_path_buf()
            } else {
                prefix.join(first)
            };
            let shown = path.display();
            (!path.exists())
                .then(|| format!("dlopen() \"{shown}\" failed ({shown}: cannot open shared object file: No such file or directory)"))
        }
        other => super::params::check(other, name, &args, version),
    }
}

/// A warning `-t` prints for a directive it accepts: a `load_module` of
/// a module rginx does not have (startup goes on without it), and
/// `debug_connection`, which nginx built without `--with-debug` (as
/// rginx's `-V` says it is) ignores with this warning.
pub fn warning(
    spec: &DirectiveSpec,
    d: &Directive,
    prefix: &Path,
) -> Option<(&'static str, String)> {
    match spec.check {
        Check::ModuleFile => {
            let file = d.args.first()?.text().into_owned();
            let path = if Path::new(&file).is_absolute() {
                Path::new(&file).to_path_buf()
            } else {
                prefix.join(&file)
            };
            let stem = path.file_stem()?.to_string_lossy().into_owned();
            let module = stem.strip_prefix("ngx_").unwrap_or(&stem);
            let built_in = crate::registry::build::BUILDS
                .iter()
                .any(|b| b.modules.contains(&module) && b.claimed());
            (path.exists() && !built_in).then(|| {
                (
                    "RGX101",
                    format!("rginx does not include module \"{stem}\"; its directives are refused"),
                )
            })
        }
        _ if spec.name == "debug_connection" => Some((
            "NGX006",
            "\"debug_connection\" is ignored, you need to rebuild nginx using --with-debug option to enable it".to_string(),
        )),
        _ => None,
    }
}

/// The largest value nginx's parsers return (`NGX_MAX_INT_T_VALUE`,
/// also `NGX_MAX_SIZE_T_VALUE` and `NGX_MAX_OFF_T_VALUE` on 64-bit Linux).
const MAX: u64 = i64::MAX as u64;

/// nginx's `ngx_atoi`: decimal digits only, at most `NGX_MAX_INT_T_VALUE`.
pub fn parse_number(s: &str) -> Option<u64> {
    if s.is_empty() || !s.bytes().all(|c| c.is_ascii_digit()) {
        return None;
    }
    s.parse().ok().filter(|&n| n <= MAX)
}

/// nginx's `ngx_parse_size` (k, m) and `ngx_parse_offset` (also g): the
/// scaled value must stay within the signed maximum.
pub fn parse_size(s: &str, offset: bool) -> Option<u64> {
    let (digits, scale) = match s.as_bytes().last()? {
        b'k' | b'K' => (&s[..s.len() - 1], 1u64 << 10),
        b'm' | b'M' => (&s[..s.len() - 1], 1 << 20),
        b'g' | b'G' if offset => (&s[..s.len() - 1], 1 << 30),
        _ => (s, 1),
    };
    let n = parse_number(digits)?;
    (n <= MAX / scale).then(|| n * scale)
}

/// nginx's `ngx_parse_time`: numbers each followed by a unit, largest
/// unit first and each at most once: y M w d h m s, and ms for
/// milliseconds (where y and M are refused). A number with no unit counts
/// as seconds, also after other units ("1h30"); units may be separated by
/// spaces. Returns milliseconds when `msec`, else seconds.
pub fn parse_time(s: &str, msec: bool) -> Option<u64> {
    // Steps in nginx's order; a unit must come after the last one used.
    const START: u8 = 0;
    const MONTH: u8 = 2;
    const SEC: u8 = 7;
    const MSEC: u8 = 8;
    const LAST: u8 = 9;
    let b = s.as_bytes();
    let mut step = if msec { MONTH } else { START };
    let (mut value, mut total, mut valid) = (0u64, 0u64, false);
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        i += 1;
        if c.is_ascii_digit() {
            value = value
                .checked_mul(10)?
                .checked_add(u64::from(c - b'0'))
                .filter(|&v| v <= MAX)?;
            valid = true;
            continue;
        }
        let (next, seconds): (u8, u64) = match c {
            b'y' if step == START => (1, 365 * 86_400),
            b'M' if step < MONTH => (MONTH, 30 * 86_400),
            b'w' if step < 3 => (3, 7 * 86_400),
            b'd' if step < 4 => (4, 86_400),
            b'h' if step < 5 => (5, 3600),
            b'm' if b.get(i) == Some(&b's') => {
                if !msec || step >= MSEC {
                    return None;
                }
                i += 1;
                (MSEC, 0)
            }
            b'm' if step < 6 => (6, 60),
            b's' if step < SEC => (SEC, 1),
            b' ' if step < SEC => (LAST, 1),
            _ => return None,
        };
        step = next;
        let scale = match (next, msec) {
            (MSEC, _) => 1,
            (_, true) => seconds * 1000,
            (_, false) => seconds,
        };
        if value > MAX / scale {
            return None;
        }
        total = total.checked_add(value * scale).filter(|&t| t <= MAX)?;
        value = 0;
        while b.get(i) == Some(&b' ') {
            i += 1;
        }
    }
    if !valid {
        return None;
    }
    if msec {
        if value > MAX / 1000 {
            return None;
        }
        value *= 1000;
    }
    total.checked_add(value).filter(|&t| t <= MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_and_times() {
        assert_eq!(parse_size("10m", false), Some(10 << 20));
        assert_eq!(parse_size("1g", false), None);
        assert_eq!(parse_size("1g", true), Some(1 << 30));
        assert_eq!(parse_size("10x", false), None);
        assert_eq!(parse_time("1h30m", false), Some(5400));
        assert_eq!(parse_time("7200s", false), Some(7200));
        assert_eq!(parse_time("500ms", true), Some(500));
        assert_eq!(parse_time("60", true), Some(60_000));
        assert_eq!(parse_time("5q", false), None);
        assert_eq!(parse_time("30m1h", false), None);
        assert_eq!(parse_time("1y", true), None);
        assert_eq!(parse_time("1M", true), None);
        assert_eq!(parse_time("1y", false), Some(365 * 86_400));
        assert_eq!(parse_time("1s30", false), Some(31));
        assert_eq!(parse_time("1ms5", true), Some(5001));
        assert_eq!(parse_time("1hm", false), Some(3600));
        assert_eq!(parse_time("1h 30m", false), Some(5400));
        assert_eq!(parse_time("500ms", false), None);
        assert_eq!(parse_time("s", false), None);
        assert_eq!(parse_time("9223372036854775807", true), None);
        assert_eq!(parse_number("9223372036854775808"), None);
        assert_eq!(parse_size("9007199254740992k", true), None);
    }
}
