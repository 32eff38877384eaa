//! Which locations can never be chosen, for RGX313 and RGX314: only what
//! can be proved. Location regexes are read as nginx's PCRE reads them,
//! through regex-syntax (ASCII patterns, byte semantics; anything else is
//! left alone), and every claim about the matcher is checked with the IR's
//! `ir::location::find` on URIs made from the patterns: a location that
//! `find` picks for any of them is never reported.
//!
//! The URIs considered are the ones nginx matches locations against: a
//! normalized path, which starts with `/`.

use super::util::{chain, children, set_at};
use crate::ir::location::{chain as location_chain, find, Location, LocationKind};
use crate::lint::routing::ServerRoutes;
use crate::lint::Model;
use regex_syntax::hir::literal::{ExtractKind, Extractor};
use regex_syntax::hir::{Class, Hir, HirKind, Look};

/// Why a location can never be chosen.
#[derive(Debug)]
pub enum Reason {
    /// A server-level `return` (or a `rewrite` that redirects every URI)
    /// answers every request before locations are searched.
    ServerReturn { at: usize },
    /// An earlier regex location of the same level matches every URI this
    /// one matches.
    EarlierRegex { by: usize, how: Cover },
    /// A regex location of the same level matches every URI, so a prefix
    /// location never stands.
    CatchAllRegex { by: usize },
    /// Every URI the regex matches starts with the prefix of a `^~`
    /// location of the same level, which stops the regex search.
    NoRegexPrefix { by: Vec<usize> },
}

/// How an earlier regex covers a later one.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Cover {
    /// The same regex (or the same one, case-insensitive).
    Same,
    /// It matches every URI.
    Everything,
    /// Its literal is part of every match of the later one.
    Literal,
}

#[derive(Debug)]
pub struct Verdict {
    /// The `location` node that is never chosen.
    pub location: usize,
    pub reason: Reason,
    /// A URI it matches, and the description and node of the location
    /// `find` gives that URI instead.
    pub example: Option<(String, String, Option<usize>)>,
}

/// Every location of every server that provably never runs.
pub fn verdicts(m: &Model) -> Vec<Verdict> {
    let mut out = Vec::new();
    for routes in m.routes() {
        if let Some(at) = server_return(m, routes.node) {
            for (l, node) in routes.each() {
                let top = routes.locations.iter().any(|t| std::ptr::eq(t, l));
                if top && l.kind != LocationKind::Named {
                    out.push(Verdict {
                        location: node,
                        reason: Reason::ServerReturn { at },
                        example: None,
                    });
                }
            }
            continue;
        }
        level(routes, &routes.locations, &mut out);
    }
    out
}

/// The matcher's claims about one level (the locations of a server, or
/// the ones nested in a location), then the levels below.
fn level(routes: &ServerRoutes, locations: &[Location], out: &mut Vec<Verdict>) {
    let regexes: Vec<(&Location, Option<Pattern>)> = locations
        .iter()
        .filter_map(|l| match l.kind {
            LocationKind::Regex { caseless } => Some((l, Pattern::parse(&l.pattern, caseless))),
            _ => None,
        })
        .collect();
    let mut dead: Vec<&Location> = Vec::new();
    for (j, (l, p)) in regexes.iter().enumerate() {
        let Some(p) = p else {
            continue;
        };
        let reason = if let Some(by) = noregex_cover(p, locations) {
            let by = by.iter().filter_map(|b| routes.node_of(b)).collect();
            Reason::NoRegexPrefix { by }
        } else if let Some((e, how)) = regexes[..j].iter().find_map(|(e, ep)| {
            let how = ep.as_ref()?.covers(p)?;
            Some((*e, how))
        }) {
            let Some(by) = routes.node_of(e) else {
                continue;
            };
            Reason::EarlierRegex { by, how }
        } else {
            continue;
        };
        let prefer = match &reason {
            Reason::NoRegexPrefix { by } => by.clone(),
            Reason::EarlierRegex { by, .. } => vec![*by],
            _ => Vec::new(),
        };
        let probes = regex_probes(routes, l, p);
        if let Some(example) = confirm(routes, l, &probes, true, &prefer) {
            if let Some(node) = routes.node_of(l) {
                out.push(Verdict {
                    location: node,
                    reason,
                    example: Some(example),
                });
                dead.push(l);
            }
        }
    }
    let catch_all = regexes
        .iter()
        .find(|(_, p)| p.as_ref().is_some_and(|p| universal(&p.hir)))
        .and_then(|(e, _)| routes.node_of(e));
    if let Some(by) = catch_all {
        for q in locations.iter().filter(|q| q.kind == LocationKind::Prefix) {
            let probes = prefix_probes(routes, q);
            if let (Some(example), Some(node)) =
                (confirm(routes, q, &probes, false, &[by]), routes.node_of(q))
            {
                out.push(Verdict {
                    location: node,
                    reason: Reason::CatchAllRegex { by },
                    example: Some(example),
                });
            }
        }
    }
    for l in locations {
        if !dead.iter().any(|d| std::ptr::eq(*d, l)) {
            level(routes, &l.children, out);
        }
    }
}

/// Check a claim on the probes: none may be given `l` (for a regex, `l`
/// may not even match on the way: its nested locations would run). The
/// example is the first probe that goes to `prefer` (what the claim says
/// takes the URIs), else the first probe, with the location it gets; no
/// probe, no claim.
fn confirm(
    routes: &ServerRoutes,
    l: &Location,
    probes: &[String],
    regex: bool,
    prefer: &[usize],
) -> Option<(String, String, Option<usize>)> {
    let mut example: Option<(String, String, Option<usize>)> = None;
    for p in probes {
        let found = find(&routes.locations, p.as_bytes());
        let chosen = if regex {
            found.matched.iter().any(|x| std::ptr::eq(*x, l))
        } else {
            found.location.is_some_and(|x| std::ptr::eq(x, l))
        };
        if chosen {
            return None;
        }
        let better = match &example {
            None => true,
            Some((_, _, node)) => !node.is_some_and(|n| prefer.contains(&n)),
        };
        if better {
            let (what, node) = match found.location {
                Some(w) => (w.describe(), routes.node_of(w)),
                None => ("no location".to_string(), None),
            };
            if example.is_none() || node.is_some_and(|n| prefer.contains(&n)) {
                example = Some((p.clone(), what, node));
            }
        }
    }
    example
}

/// The locations a probe must pass to reach `l`: the innermost prefix it
/// is nested in, and every regex it is nested in.
fn ancestors<'l>(routes: &'l ServerRoutes, l: &Location) -> (Option<&'l str>, Vec<&'l Location>) {
    let mut up = location_chain(&routes.locations, l);
    up.pop();
    let prefix = up
        .iter()
        .rev()
        .find(|a| {
            matches!(
                a.kind,
                LocationKind::Prefix | LocationKind::PrefixNoRegex | LocationKind::Exact
            )
        })
        .map(|a| a.pattern.as_str());
    let regexes = up
        .into_iter()
        .filter(|a| matches!(a.kind, LocationKind::Regex { .. }))
        .collect();
    (prefix, regexes)
}

fn keep(candidates: Vec<String>, routes: &ServerRoutes, l: &Location, regex: bool) -> Vec<String> {
    let (prefix, regexes) = ancestors(routes, l);
    let mut out: Vec<String> = Vec::new();
    for c in candidates {
        let fits = c.starts_with('/')
            && prefix.is_none_or(|p| c.starts_with(p))
            && regexes.iter().all(|r| r.is_match(c.as_bytes()))
            && (!regex || l.is_match(c.as_bytes()));
        if fits && !out.contains(&c) {
            out.push(c);
        }
    }
    out
}

/// URIs a regex location matches: a string made from its regex, the text
/// of its pattern, each also under the prefix it is nested in.
fn regex_probes(routes: &ServerRoutes, l: &Location, p: &Pattern) -> Vec<String> {
    let mut made = Vec::new();
    sample(&p.hir, &mut made);
    let made = String::from_utf8_lossy(&made).into_owned();
    let text = literal_text(&l.pattern);
    let (prefix, _) = ancestors(routes, l);
    let mut candidates = Vec::new();
    for s in [made, text] {
        let bare = s.trim_start_matches('/');
        if let Some(pre) = prefix {
            if !s.starts_with('/') {
                candidates.push(format!("{pre}a{s}"));
            }
            candidates.push(format!("{pre}{s}"));
            candidates.push(format!("{pre}{bare}"));
        }
        if !s.starts_with('/') {
            // "/a.php" rather than "/.php" (a hidden file to some rules).
            candidates.push(format!("/a{s}"));
        }
        candidates.push(format!("/{bare}"));
        candidates.push(s);
    }
    keep(candidates, routes, l, true)
}

/// URIs a prefix location is the longest prefix of.
fn prefix_probes(routes: &ServerRoutes, q: &Location) -> Vec<String> {
    let mut candidates = vec![q.pattern.clone(), format!("{}x", q.pattern)];
    if let Some(bare) = q.pattern.strip_suffix('/') {
        // A proxied "/x/" answers "/x" itself (with a redirect).
        candidates.push(bare.to_string());
    }
    keep(candidates, routes, q, false)
}

/// A regex's text without anchors and escapes: `^/static/\.css$` gives
/// `/static/.css`.
fn literal_text(pattern: &str) -> String {
    let mut out = String::new();
    let mut escaped = false;
    for c in pattern.chars() {
        if escaped {
            out.push(c);
            escaped = false;
        } else if c == '\\' {
            escaped = true;
        } else if c != '^' && c != '$' {
            out.push(c);
        }
    }
    out
}

/// A short string the regex matches (looks are not checked: the caller
/// tries the result on the real regex).
fn sample(h: &Hir, out: &mut Vec<u8>) {
    match h.kind() {
        HirKind::Empty | HirKind::Look(_) => {}
        HirKind::Literal(l) => out.extend_from_slice(&l.0),
        HirKind::Class(Class::Bytes(c)) => {
            let has = |b: u8| c.ranges().iter().any(|r| r.start() <= b && b <= r.end());
            let mut preferred = b"a0x/._-".iter().copied().chain(b'a'..=b'z');
            if let Some(b) = preferred.find(|&b| has(b)) {
                out.push(b);
            } else if let Some(r) = c.ranges().first() {
                out.push(r.start());
            }
        }
        HirKind::Class(Class::Unicode(c)) => {
            let has = |ch: char| c.ranges().iter().any(|r| r.start() <= ch && ch <= r.end());
            let mut buf = [0; 4];
            if let Some(ch) = "a0x/._-".chars().chain('a'..='z').find(|&ch| has(ch)) {
                out.extend_from_slice(ch.encode_utf8(&mut buf).as_bytes());
            } else if let Some(r) = c.ranges().first() {
                out.extend_from_slice(r.start().encode_utf8(&mut buf).as_bytes());
            }
        }
        HirKind::Repetition(r) => {
            // `.*` reads better as one character than as none.
            let one = r.min == 0 && r.max != Some(0) && matches!(r.sub.kind(), HirKind::Class(_));
            for _ in 0..r.min.clamp(u32::from(one), 64) {
                sample(&r.sub, out);
            }
        }
        HirKind::Capture(c) => sample(&c.sub, out),
        HirKind::Concat(items) => items.iter().for_each(|i| sample(i, out)),
        HirKind::Alternation(items) => {
            if let Some(first) = items.first() {
                sample(first, out);
            }
        }
    }
}

/// A location regex as nginx's PCRE reads it.
pub struct Pattern {
    hir: Hir,
    text: String,
    caseless: bool,
}

impl Pattern {
    /// `None` for what PCRE and regex-syntax might read differently:
    /// non-ASCII patterns, `{,n}` (a literal for PCRE before 10.43), and
    /// whatever regex-syntax does not parse (lookaround, backreferences,
    /// `\Z`…).
    pub fn parse(text: &str, caseless: bool) -> Option<Pattern> {
        if !text.is_ascii() || text.contains("{,") {
            return None;
        }
        let hir = regex_syntax::ParserBuilder::new()
            .unicode(false)
            .utf8(false)
            .case_insensitive(caseless)
            .build()
            .parse(text)
            .ok()?;
        Some(Pattern {
            hir,
            text: text.to_string(),
            caseless,
        })
    }

    /// Whether this (earlier) regex matches every URI `later` matches.
    fn covers(&self, later: &Pattern) -> Option<Cover> {
        if self.text == later.text && (self.caseless || !later.caseless) {
            return Some(Cover::Same);
        }
        if universal(&self.hir) {
            return Some(Cover::Everything);
        }
        let (anchor, mine) = self.literal_form()?;
        let all = |kind: ExtractKind, ok: &dyn Fn(&[u8], &[u8]) -> bool| {
            literals(&later.hir, kind)
                .is_some_and(|theirs| theirs.iter().all(|t| mine.iter().any(|m| ok(t, m))))
        };
        let props = later.hir.properties();
        let covered = match anchor {
            // A match of `later` holds the literal somewhere.
            Anchor::None => {
                all(ExtractKind::Prefix, &|t, m| contains(t, m))
                    || all(ExtractKind::Suffix, &|t, m| contains(t, m))
            }
            // `later` matches at the start, beginning with the literal.
            Anchor::Start => {
                props.look_set_prefix().contains(Look::Start)
                    && all(ExtractKind::Prefix, &|t, m| t.starts_with(m))
            }
            // `later` matches up to an end (`$` or `\z`), ending with the
            // literal; this regex's `$` holds at either.
            Anchor::Dollar => {
                props.look_set_suffix().contains(Look::End)
                    && all(ExtractKind::Suffix, &|t, m| t.ends_with(m))
            }
        };
        covered.then_some(Cover::Literal)
    }

    /// A regex of the form `lit`, `^lit` or `lit$` (with `lit` a finite
    /// set of strings, such as `\.(php|phtml)` or a case-insensitive
    /// word): its anchor and the strings.
    fn literal_form(&self) -> Option<(Anchor, Vec<Vec<u8>>)> {
        let mut h = &self.hir;
        while let HirKind::Capture(c) = h.kind() {
            h = &c.sub;
        }
        let mut items: &[Hir] = match h.kind() {
            HirKind::Concat(v) => v,
            _ => std::slice::from_ref(h),
        };
        let mut anchor = Anchor::None;
        if let Some((first, rest)) = items.split_first() {
            if matches!(first.kind(), HirKind::Look(Look::Start)) {
                anchor = Anchor::Start;
                items = rest;
            }
        }
        if let Some((last, rest)) = items.split_last() {
            if matches!(last.kind(), HirKind::Look(Look::End)) {
                // Only PCRE's `$` (the end, or before a final newline)
                // holds wherever a later regex's `$` or `\z` does.
                if anchor != Anchor::None || !ends_with_dollar(&self.text) {
                    return None;
                }
                anchor = Anchor::Dollar;
                items = rest;
            }
        }
        if items.iter().any(|i| !i.properties().look_set().is_empty()) {
            return None;
        }
        let middle = Hir::concat(items.to_vec());
        let seq = Extractor::new().extract(&middle);
        // Exact literals are whole matches: each one is in the language.
        let exact: Vec<Vec<u8>> = seq
            .literals()?
            .iter()
            .filter(|l| l.is_exact() && !l.as_bytes().is_empty())
            .map(|l| l.as_bytes().to_vec())
            .collect();
        (!exact.is_empty()).then_some((anchor, exact))
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Anchor {
    None,
    Start,
    Dollar,
}

/// Every match of `h` starts (or ends) with one of these: `None` when
/// they cannot be listed, or one of them is empty.
fn literals(h: &Hir, kind: ExtractKind) -> Option<Vec<Vec<u8>>> {
    let seq = Extractor::new().kind(kind).extract(h);
    let lits = seq.literals()?;
    if lits.is_empty() || lits.iter().any(|l| l.as_bytes().is_empty()) {
        return None;
    }
    Some(lits.iter().map(|l| l.as_bytes().to_vec()).collect())
}

fn contains(hay: &[u8], needle: &[u8]) -> bool {
    hay.windows(needle.len()).any(|w| w == needle)
}

/// The pattern ends with an unescaped `$`.
fn ends_with_dollar(text: &str) -> bool {
    let Some(rest) = text.strip_suffix('$') else {
        return false;
    };
    rest.bytes().rev().take_while(|&b| b == b'\\').count() % 2 == 0
}

fn empty_anywhere(h: &Hir) -> bool {
    let p = h.properties();
    p.minimum_len() == Some(0) && p.look_set().is_empty()
}

fn is_start(h: &Hir) -> bool {
    matches!(
        h.kind(),
        HirKind::Look(Look::Start | Look::StartLF | Look::StartCRLF)
    )
}

/// Matches the single byte `/`.
fn takes_slash(h: &Hir) -> bool {
    match h.kind() {
        HirKind::Literal(l) => &*l.0 == b"/",
        HirKind::Class(Class::Bytes(c)) => c
            .ranges()
            .iter()
            .any(|r| r.start() <= b'/' && b'/' <= r.end()),
        HirKind::Class(Class::Unicode(c)) => c
            .ranges()
            .iter()
            .any(|r| r.start() <= '/' && '/' <= r.end()),
        HirKind::Capture(c) => takes_slash(&c.sub),
        HirKind::Repetition(r) => r.min == 1 && takes_slash(&r.sub),
        HirKind::Alternation(v) => v.iter().any(takes_slash),
        _ => false,
    }
}

/// Whether the regex matches every URI: it matches at the start of any
/// string that begins with `/` (`/`, `^/`, `.`, `.*`, `^`…).
pub fn universal(h: &Hir) -> bool {
    match h.kind() {
        HirKind::Capture(c) => return universal(&c.sub),
        HirKind::Alternation(v) => return v.iter().any(universal),
        _ => {}
    }
    let items: &[Hir] = match h.kind() {
        HirKind::Concat(v) => v,
        _ => std::slice::from_ref(h),
    };
    let mut at_start = true;
    for item in items {
        if empty_anywhere(item) || (at_start && is_start(item)) {
            continue;
        }
        if at_start && takes_slash(item) {
            at_start = false;
            continue;
        }
        return false;
    }
    true
}

/// For a regex anchored at the start: the `^~` locations of its level
/// that take every URI it matches (for each string a match must begin
/// with, the longest `^~` prefix of it, with no plain prefix location that
/// could be longer for such a URI).
fn noregex_cover<'l>(p: &Pattern, level: &'l [Location]) -> Option<Vec<&'l Location>> {
    if !p.hir.properties().look_set_prefix().contains(Look::Start) {
        return None;
    }
    let mut by: Vec<&Location> = Vec::new();
    for lit in literals(&p.hir, ExtractKind::Prefix)? {
        let best = level
            .iter()
            .filter(|x| {
                x.kind == LocationKind::PrefixNoRegex && lit.starts_with(x.pattern.as_bytes())
            })
            .max_by_key(|x| x.pattern.len())?;
        let spoiled = level.iter().any(|q| {
            let qp = q.pattern.as_bytes();
            q.kind == LocationKind::Prefix
                && ((lit.starts_with(qp) && qp.len() > best.pattern.len()) || qp.starts_with(&lit))
        });
        if spoiled {
            return None;
        }
        if !by.iter().any(|b| std::ptr::eq(*b, best)) {
            by.push(best);
        }
    }
    (!by.is_empty()).then_some(by)
}

/// The error pages in effect at a server's level (its own, else those of
/// the levels around it).
fn error_pages(m: &Model, server: usize) -> Vec<usize> {
    chain(m, server)
        .map(|level| set_at(m, level, "error_page"))
        .find(|v| !v.is_empty())
        .unwrap_or_default()
}

/// The server-level `return` (or redirecting `rewrite`) that answers every
/// request in the server rewrite phase, if one provably does.
///
/// Internal redirects (`error_page`, `index`, `try_files` to a URI) start
/// over at the server rewrite phase and meet it again; only a named
/// location is entered without it, so a server whose error pages may lead
/// to one is left alone, as is one where `break` or `rewrite ... last|break`
/// can stop the phase first.
fn server_return(m: &Model, server: usize) -> Option<usize> {
    let to_named = error_pages(m, server).into_iter().any(|e| {
        m.nodes[e]
            .d
            .args
            .last()
            .is_some_and(|a| a.text().starts_with('@'))
    });
    if to_named {
        return None;
    }
    let lua = chain(m, server).any(|level| {
        children(m, level).iter().any(|&c| {
            m.nodes[c]
                .d
                .name_text()
                .starts_with("server_rewrite_by_lua")
        })
    });
    if lua {
        return None;
    }
    let stops = |c: usize| {
        let d = m.nodes[c].d;
        d.is("break") || (d.is("rewrite") && matches!(flag(m, c), Some("last" | "break")))
    };
    for &c in &m.nodes[server].children {
        let d = m.nodes[c].d;
        if d.is("return") {
            return Some(c);
        }
        if stops(c) {
            return None;
        }
        if d.is("if") && m.nodes[c].children.iter().any(|&i| stops(i)) {
            return None;
        }
        if d.is("rewrite") && redirects(m, c) {
            let regex = d.args.first().map(|a| a.text().into_owned());
            if regex
                .and_then(|r| Pattern::parse(&r, false))
                .is_some_and(|p| universal(&p.hir))
            {
                return Some(c);
            }
        }
    }
    None
}

/// A `rewrite`'s flag.
fn flag<'m>(m: &'m Model, i: usize) -> Option<&'m str> {
    let args = &m.nodes[i].d.args;
    let f = args.get(2)?;
    ["last", "break", "redirect", "permanent"]
        .into_iter()
        .find(|k| f.is(k))
}

/// A `rewrite` that answers with a redirect when it matches.
fn redirects(m: &Model, i: usize) -> bool {
    let args = &m.nodes[i].d.args;
    let to = args.get(1).map(|a| a.text()).unwrap_or_default();
    matches!(flag(m, i), Some("redirect" | "permanent"))
        || (flag(m, i).is_none()
            && ["http://", "https://", "$scheme"]
                .iter()
                .any(|p| to.starts_with(p)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(s: &str) -> Pattern {
        Pattern::parse(s, false).unwrap()
    }

    #[test]
    fn regexes_that_match_every_uri() {
        for re in ["/", "^/", ".", ".*", "^", "^/.*", "(/)", "^(.*)", "/|x"] {
            assert!(universal(&p(re).hir), "{re}");
        }
        for re in ["^/.*$", "^/a", "/a", "\\.", "^.+$", "\\bx", "$"] {
            assert!(!universal(&p(re).hir), "{re}");
        }
    }

    #[test]
    fn earlier_literal_regexes_cover_later_ones() {
        let covers = |e: &str, l: &str| p(e).covers(&p(l)).is_some();
        assert!(covers("\\.php$", "^/app/.*\\.php$"));
        assert!(covers("\\.php$", "\\.php$"));
        assert!(covers("^/api", "^/api/v1/"));
        assert!(covers("admin", "^/x/admin/"));
        assert!(covers("(?i)\\.jpg$", "\\.JPG$"));
        // `$` also holds before a final newline, `\z` does not.
        assert!(!covers("\\.php\\z", "\\.php$"));
        assert!(!covers("\\.php$", "\\.(php|php5)$"));
        assert!(!covers("^/api", "/api/"));
        assert!(!covers("\\.php$", "\\.php"));
        assert!(!covers("\\.jpg$", "(?i)\\.jpg$"));
        let caseless = Pattern::parse("\\.php$", true).unwrap();
        assert!(caseless.covers(&p("\\.php$")).is_some());
        assert!(p("\\.php$").covers(&caseless).is_none());
    }

    #[test]
    fn unreadable_patterns_are_left_alone() {
        assert!(Pattern::parse("^/(?!api)", false).is_none());
        assert!(Pattern::parse("a{,3}", false).is_none());
        assert!(Pattern::parse("/é", false).is_none());
    }

    #[test]
    fn anchors_and_text() {
        assert!(ends_with_dollar("a$"));
        assert!(!ends_with_dollar("a\\$"));
        assert!(ends_with_dollar("a\\\\$"));
        assert_eq!(literal_text("^/static/\\.css$"), "/static/.css");
    }
}
