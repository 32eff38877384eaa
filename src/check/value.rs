//! Value checks of nginx's generic setters, worded as nginx words them.

use crate::registry::{DirectiveSpec, Setter};
use crate::syntax::ast::Directive;

/// `"name" directive <reason>` or the setter's own sentence.
pub fn check(spec: &DirectiveSpec, d: &Directive) -> Option<String> {
    let name = spec.name;
    let first = d.args.first()?;
    let v = first.text();
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

/// Checks of module-specific setters that need no other state.
pub fn custom(_spec: &DirectiveSpec, _d: &Directive) -> Option<String> {
    None
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
