use super::common::{if_regex, vars};
use crate::lint::{Category, Finding, Model, RuleInfo, Severity};
use crate::source::Span;

pub const RULE: RuleInfo = RuleInfo {
    code: "RGX405",
    name: "unanchored-regex",
    severity: Severity::Warning,
    category: Category::Security,
    summary: "An Origin or Referer check whose regex is not anchored, or leaves a `.` unescaped.",
    doc: "## What it does\nReports regexes naming a site (a scheme, or a dotted name) that decide whether an Origin or Referer is trusted — `valid_referers ~…`, \
`if ($http_origin ~ …)`, `if ($http_referer ~ …)`, and the `~` entries of a `map` on `$http_origin` or `$http_referer` — \
when they do not start with `^`, do not end the host name (with `$`, or a `/` for a Referer), or contain an \
unescaped `.` between letters. Block lists are left alone: an `if` whose block refuses the request \
(`return 403`), and unanchored Referer map entries without a scheme.\n\n\
## Why is this bad?\nA regex matches anywhere in the value unless anchored, and `.` matches any character. \
`~example.com` accepts `https://evil-example.com`, `https://example.com.attacker.net` and `https://exampleXcom.net`: \
any of them can be registered by an attacker, who then passes the CORS or hotlink check.\n\n\
## Example\n```nginx\nif ($http_origin ~ \"example.com\") { ... }\n\
# write: if ($http_origin ~ \"^https://(www\\.)?example\\.com$\") { ... }\n```\n",
    check,
};

/// What the checked value looks like.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Checked {
    /// `scheme://host[:port]`, nothing after.
    Origin,
    /// A URL with a path.
    Referer,
    /// `valid_referers`: the Referer after its `http://` or `https://`.
    RefererHost,
}

fn check(m: &Model, out: &mut Vec<Finding>) {
    for (i, n) in m.nodes.iter().enumerate() {
        if n.d.is("valid_referers") {
            for a in &n.d.args {
                if let Some(re) = a.text().strip_prefix('~') {
                    report(out, a.span, "valid_referers", re, Checked::RefererHost);
                }
            }
        } else if n.d.is("if") {
            let Some((var, op, re, k)) = if_regex(m, i) else {
                continue;
            };
            let Some(what) = checked(&var) else { continue };
            // `if ($http_referer ~ spam) { return 403; }` lists what to
            // refuse: matching more is stricter, not weaker.
            if !op.starts_with('!') && refuses(m, i) || !host_like(&re) {
                continue;
            }
            report(
                out,
                n.d.args[k].span,
                &format!("if ({var} {op} …)"),
                &re,
                what,
            );
        } else if n.d.is("map") {
            let args = m.args(i);
            let Some(what) = args.first().and_then(|s| checked(s)) else {
                continue;
            };
            for &e in &n.children {
                let key = &m.node(e).d.name;
                let text = key.text();
                let Some(re) = text.strip_prefix("~*").or_else(|| text.strip_prefix('~')) else {
                    continue;
                };
                // An unanchored Referer pattern without a scheme is a
                // keyword or block list (`~(casino|poker)`), not a check
                // that a site is ours.
                let list = what == Checked::Referer && !re.starts_with('^') && !re.contains("://");
                if list || !host_like(re) {
                    continue;
                }
                report(out, key.span, &format!("map {}", args[0]), re, what);
            }
        }
    }
}

/// Whether an `if` block answers with an error (its regex lists what to
/// refuse).
fn refuses(m: &Model, i: usize) -> bool {
    m.children_named(i, "return").any(|r| {
        r.d.args
            .first()
            .and_then(|c| c.text().parse::<u32>().ok())
            .is_some_and(|c| c >= 400)
    })
}

/// Whether a regex names a site: a scheme, or a dotted name.
fn host_like(re: &str) -> bool {
    if re.contains("://") {
        return true;
    }
    let b = re.as_bytes();
    (0..b.len()).any(|i| {
        b[i] == b'.'
            && b.get(i + 1).is_some_and(|c| c.is_ascii_alphabetic())
            && i.checked_sub(1).is_some_and(|p| {
                b[p].is_ascii_alphanumeric()
                    || b[p] == b'\\'
                        && p.checked_sub(1)
                            .is_some_and(|q| b[q].is_ascii_alphanumeric())
            })
    })
}

fn checked(source: &str) -> Option<Checked> {
    let v = vars(source);
    if v.len() != 1 || v[0].at != 0 || v[0].end != source.len() {
        return None;
    }
    if v[0].is("http_origin") {
        Some(Checked::Origin)
    } else if v[0].is("http_referer") {
        Some(Checked::Referer)
    } else {
        None
    }
}

fn report(out: &mut Vec<Finding>, span: Span, place: &str, re: &str, what: Checked) {
    let mut problems = Vec::new();
    let start = re.strip_prefix('^').or_else(|| re.strip_prefix("\\A"));
    match start {
        None => {
            problems.push("it is not anchored with ^ and matches anywhere in the value".to_string())
        }
        Some(s) if s.starts_with(".*") || s.starts_with(".+") => {
            problems.push("it starts with ^.* and matches anywhere in the value".to_string())
        }
        _ => {}
    }
    if !end_is_safe(re, what) {
        problems.push(match what {
            Checked::Origin => "it does not end with $, so longer host names match".to_string(),
            Checked::Referer | Checked::RefererHost => {
                "nothing ends the host name ($ or /), so longer host names match".to_string()
            }
        });
    }
    if let Some(dot) = loose_dot(re) {
        problems.push(format!(
            "\"{dot}\" has an unescaped \".\", which matches any character"
        ));
    }
    if problems.is_empty() {
        return;
    }
    out.push(
        Finding::new(
            &RULE,
            Some(span),
            format!(
                "the {place} regex \"{re}\" can be bypassed: {}",
                problems.join("; ")
            ),
        )
        .help(match what {
            Checked::Origin => "anchor both ends and escape dots: ^https://(www\\.)?example\\.com$",
            Checked::Referer => "anchor it and end the host: ^https://example\\.com/",
            Checked::RefererHost => {
                "anchor it and end the host (valid_referers drops the scheme): ^example\\.com/"
            }
        }),
    );
}

/// Does the regex stop the host name from going on (`example.com.evil`)?
fn end_is_safe(re: &str, what: Checked) -> bool {
    let mut s = re;
    let mut anchored = false;
    for end in ["$", "\\z", "\\Z"] {
        if let Some(r) = s.strip_suffix(end) {
            if !r.ends_with('\\') {
                s = r;
                anchored = true;
                break;
            }
        }
    }
    let mut open_tail = false;
    loop {
        let before = s;
        for tail in [".*", ".+", "(.*)", "(.+)", "(?:.*)"] {
            if let Some(r) = s.strip_suffix(tail) {
                s = r;
                open_tail = true;
            }
        }
        if s == before {
            break;
        }
    }
    if anchored && !open_tail {
        return true;
    }
    if what != Checked::Origin {
        if s.ends_with('/') {
            return true;
        }
        // `(/|$)`, `(?:/|\?|$)`: every alternative ends the host.
        if let Some(inner) = s.strip_suffix(')') {
            if let Some(open) = inner.rfind('(') {
                let alts = inner[open + 1..].trim_start_matches("?:");
                return alts.split('|').all(|a| {
                    a.starts_with('/') || a.starts_with("\\/") || a == "$" || a.starts_with("\\?")
                });
            }
        }
    }
    false
}

/// The first word with an unescaped `.` between two letters or digits
/// (`example.com`), outside character classes.
fn loose_dot(re: &str) -> Option<String> {
    let b = re.as_bytes();
    let mut i = 0;
    let mut in_class = false;
    while i < b.len() {
        match b[i] {
            b'\\' => i += 1,
            b'[' if !in_class => in_class = true,
            b']' if in_class => in_class = false,
            b'.' if !in_class
                && i > 0
                && b[i - 1].is_ascii_alphanumeric()
                && (i < 2 || b[i - 2] != b'\\')
                && b.get(i + 1).is_some_and(|c| c.is_ascii_alphanumeric()) =>
            {
                let word = |c: &u8| c.is_ascii_alphanumeric() || *c == b'-' || *c == b'.';
                let lo = b[..i].iter().rposition(|c| !word(c)).map_or(0, |p| p + 1);
                let hi = b[i..]
                    .iter()
                    .position(|c| !word(c))
                    .map_or(b.len(), |p| i + p);
                return Some(re[lo..hi].to_string());
            }
            _ => {}
        }
        i += 1;
    }
    None
}
