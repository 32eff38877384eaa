//! Value checks of nginx's generic setters, worded as nginx words them.

use crate::registry::{Check, DirectiveSpec, Setter, Values};
use crate::syntax::ast::Directive;
use std::path::Path;

/// `"name" directive <reason>` or the setter's own sentence.
pub fn check(spec: &DirectiveSpec, d: &Directive) -> Option<String> {
    let name = spec.name;
    let first = d.args.first()?;
    let v = first.text();
    let one_of = |list: &[&str], v: &str| list.iter().any(|x| x.eq_ignore_ascii_case(v));
    match spec.values {
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

/// Checks of module-specific setters, as their `Check` names them.
/// `prefix` is where nginx resolves relative paths such as modules.
pub fn custom(spec: &DirectiveSpec, d: &Directive, prefix: &Path) -> Option<String> {
    let name = spec.name;
    let args: Vec<String> = d.args.iter().map(|a| a.text().into_owned()).collect();
    let first = args.first()?;
    let invalid_value = || Some(format!("\"{name}\" directive invalid value"));
    match spec.check {
        Check::None => None,
        Check::Times => args
            .iter()
            .any(|a| parse_time(a, false).is_none())
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
            let ok = first.contains('$')
                || lower.starts_with("http://")
                || lower.starts_with("https://");
            (!ok).then(|| "invalid URL prefix".to_string())
        }
        Check::ThreadPool => args[1..].iter().find_map(|a| {
            let n = a.strip_prefix("threads=")?;
            (parse_number(n).unwrap_or(0) == 0).then(|| format!("invalid threads value \"{a}\""))
        }),
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

/// nginx's `ngx_atoi`: decimal digits only.
pub fn parse_number(s: &str) -> Option<u64> {
    if s.is_empty() || !s.bytes().all(|c| c.is_ascii_digit()) {
        return None;
    }
    s.parse().ok()
}

/// nginx's `ngx_parse_size` (k, m) and `ngx_parse_offset` (also g).
pub fn parse_size(s: &str, offset: bool) -> Option<u64> {
    let (digits, scale) = match s.as_bytes().last()? {
        b'k' | b'K' => (&s[..s.len() - 1], 1u64 << 10),
        b'm' | b'M' => (&s[..s.len() - 1], 1 << 20),
        b'g' | b'G' if offset => (&s[..s.len() - 1], 1 << 30),
        _ => (s, 1),
    };
    parse_number(digits)?.checked_mul(scale)
}

/// nginx's `ngx_parse_time`: a sequence of `<number><unit>` with units
/// y M w d h m s (and ms for milliseconds); a bare number is seconds.
/// Returns milliseconds when `msec`, else seconds.
pub fn parse_time(s: &str, msec: bool) -> Option<u64> {
    let b = s.as_bytes();
    if b.is_empty() {
        return None;
    }
    let mut total: u64 = 0;
    let mut i = 0;
    let mut last_rank = usize::MAX;
    while i < b.len() {
        let start = i;
        while i < b.len() && b[i].is_ascii_digit() {
            i += 1;
        }
        if start == i {
            return None;
        }
        let n: u64 = s[start..i].parse().ok()?;
        // Units must come largest first, each at most once.
        let (rank, unit_ms): (usize, u64) = match (b.get(i), b.get(i + 1)) {
            (Some(b'y'), _) => (0, 365 * 86_400_000),
            (Some(b'M'), _) => (1, 30 * 86_400_000),
            (Some(b'w'), _) => (2, 7 * 86_400_000),
            (Some(b'd'), _) => (3, 86_400_000),
            (Some(b'h'), _) => (4, 3_600_000),
            (Some(b'm'), Some(b's')) if msec => {
                i += 1;
                (7, 1)
            }
            (Some(b'm'), _) => (5, 60_000),
            (Some(b's'), _) => (6, 1000),
            // A bare number is seconds, for milliseconds settings too.
            (None | Some(b' '), _) => (6, 1000),
            _ => return None,
        };
        if b.get(i).is_some() {
            i += 1;
        }
        if last_rank != usize::MAX && rank <= last_rank {
            return None;
        }
        last_rank = rank;
        total = total.checked_add(n.checked_mul(unit_ms)?)?;
    }
    Some(if msec { total } else { total / 1000 })
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
    }
}
