//! Locations and nginx's matching algorithm (`ngx_http_core_find_location`):
//! an exact `=` match ends the search; otherwise the longest matching prefix
//! is remembered and its nested locations are searched first; then, unless
//! that prefix was `^~`, the regex locations of this level are tried in
//! order and the first match wins (its own nested locations are searched
//! in turn); otherwise the longest prefix stands.

pub use super::setting::Setting;
use super::{at, At};
use crate::syntax::ast::Directive;
use crate::syntax::Config;
use std::cell::RefCell;
use std::collections::HashMap;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LocationKind {
    /// `location = /x`
    Exact,
    /// `location /x`
    Prefix,
    /// `location ^~ /x`
    PrefixNoRegex,
    /// `location ~ re` / `~* re`
    Regex { caseless: bool },
    /// `location @name`
    Named,
}

#[derive(Debug)]
pub struct Location {
    pub kind: LocationKind,
    /// The path, regex source or name as written.
    pub pattern: String,
    regex: Option<regex::bytes::Regex>,
    pub at: At,
    pub children: Vec<Location>,
    /// Its own directives (not blocks), in order.
    pub settings: Vec<Setting>,
    /// Its settings merged with the levels around it.
    pub conf: std::sync::Arc<super::conf::Loc>,
    /// Its rewrite module statements, compiled.
    pub rewrites: Vec<super::rewrite::Stmt>,
}

thread_local! {
    /// The location regexes compiled for the configuration being built,
    /// by source. Servers repeat the same patterns (`\.php$`, static file
    /// extensions…) and one compilation costs 10 to 300 µs (Unicode
    /// classes, `(?i)` alternations); a clone shares the compiled program.
    static COMPILED: RefCell<Compiled> = RefCell::new(Compiled::default());
}

#[derive(Default)]
struct Compiled {
    /// The configuration they were compiled for (its address).
    config: usize,
    by_source: HashMap<String, regex::bytes::Regex>,
}

/// Bounds what the cache keeps.
const COMPILED_MAX: usize = 16_384;

/// `regex::bytes::Regex::new`, once per source and configuration.
fn compile(config: &Config, source: &str) -> Result<regex::bytes::Regex, regex::Error> {
    COMPILED.with_borrow_mut(|c| {
        let id = std::ptr::from_ref(config) as usize;
        if c.config != id || c.by_source.len() >= COMPILED_MAX {
            c.by_source.clear();
            c.config = id;
        }
        if let Some(re) = c.by_source.get(source) {
            return Ok(re.clone());
        }
        let re = regex::bytes::Regex::new(source)?;
        c.by_source.insert(source.to_string(), re.clone());
        Ok(re)
    })
}

impl Location {
    pub(crate) fn build(config: &Config, d: &Directive) -> Result<Location, String> {
        let args: Vec<String> = d.args.iter().map(|a| a.text().into_owned()).collect();
        let (kind, pattern) = match args.as_slice() {
            [m, p] if m == "=" => (LocationKind::Exact, p.clone()),
            [m, p] if m == "^~" => (LocationKind::PrefixNoRegex, p.clone()),
            [m, p] if m == "~" => (LocationKind::Regex { caseless: false }, p.clone()),
            [m, p] if m == "~*" => (LocationKind::Regex { caseless: true }, p.clone()),
            [p] if p.starts_with('@') => (LocationKind::Named, p.clone()),
            [p] if p.starts_with('=') => (LocationKind::Exact, p[1..].to_string()),
            [p] if p.starts_with("^~") => (LocationKind::PrefixNoRegex, p[2..].to_string()),
            [p] if p.starts_with("~*") => {
                (LocationKind::Regex { caseless: true }, p[2..].to_string())
            }
            [p] if p.starts_with('~') => {
                (LocationKind::Regex { caseless: false }, p[1..].to_string())
            }
            [p] => (LocationKind::Prefix, p.clone()),
            _ => return Err("location with an unexpected form".into()),
        };
        let regex = match kind {
            LocationKind::Regex { caseless } => {
                let source = if caseless {
                    format!("(?i){pattern}")
                } else {
                    pattern.clone()
                };
                // URIs are bytes: a decoded `%FF` is not UTF-8.
                let compiled = compile(config, &source).map_err(|e| {
                    format!("rginx cannot compile the location regex \"{pattern}\": {e}")
                })?;
                Some(compiled)
            }
            _ => None,
        };
        let block = d
            .block()
            .map(|b| b.directives.as_slice())
            .unwrap_or_default();
        let mut children = Vec::new();
        let mut settings = Vec::new();
        for c in config.expanded(block) {
            if c.is("location") {
                children.push(Location::build(config, c)?);
            } else if let Some(setting) = super::setting_of(config, c) {
                settings.push(setting);
            }
        }
        Ok(Location {
            kind,
            pattern,
            regex,
            at: at(&config.sources, d),
            children,
            settings,
            conf: Default::default(),
            rewrites: Vec::new(),
        })
    }

    fn is_prefix(&self) -> bool {
        matches!(
            self.kind,
            LocationKind::Prefix | LocationKind::PrefixNoRegex
        )
    }

    /// The setting with this name, if the location has one.
    pub fn setting(&self, name: &str) -> Option<&Setting> {
        self.settings.iter().rev().find(|s| s.name == name)
    }

    /// Whether a regex location's regex matches a URI (false for other
    /// kinds).
    pub fn is_match(&self, uri: &[u8]) -> bool {
        self.regex.as_ref().is_some_and(|re| re.is_match(uri))
    }

    /// A regex location's captures for a URI: numbered, and named ones.
    pub fn captures(&self, uri: &[u8]) -> Option<(Numbered, Vec<(String, String)>)> {
        let re = self.regex.as_ref()?;
        let c = re.captures(uri)?;
        let text = |m: regex::bytes::Match| String::from_utf8_lossy(m.as_bytes()).into_owned();
        let numbered = c.iter().map(|m| m.map(text)).collect();
        let named = re
            .capture_names()
            .flatten()
            .filter_map(|n| c.name(n).map(|m| (n.to_string(), text(m))))
            .collect();
        Some((numbered, named))
    }

    /// `location = /x`, `location ~* \.php$`…
    pub fn describe(&self) -> String {
        let modifier = match self.kind {
            LocationKind::Exact => "= ",
            LocationKind::Prefix | LocationKind::Named => "",
            LocationKind::PrefixNoRegex => "^~ ",
            LocationKind::Regex { caseless: false } => "~ ",
            LocationKind::Regex { caseless: true } => "~* ",
        };
        format!("location {modifier}{}", self.pattern)
    }
}

/// `$1`…`$9` of a match (`None` for a group that did not take part).
pub type Numbered = Vec<Option<String>>;

/// The location nginx picks, and the candidates it considered on the way.
#[derive(Debug, Default)]
pub struct Found<'a> {
    pub location: Option<&'a Location>,
    /// Every location whose pattern matched, in the order nginx met them.
    pub matched: Vec<&'a Location>,
    /// The URI is a proxied location's name without its trailing "/":
    /// nginx answers with a 301 to it.
    pub auto_redirect: bool,
}

/// Find the location for a normalized URI among `level`.
pub fn find<'a>(level: &'a [Location], uri: &[u8]) -> Found<'a> {
    let mut found = Found::default();
    search(level, uri, &mut found);
    found
}

/// Returns true when the search is over (an exact or regex match).
fn search<'a>(level: &'a [Location], uri: &[u8], found: &mut Found<'a>) -> bool {
    if let Some(exact) = level
        .iter()
        .find(|l| l.kind == LocationKind::Exact && l.pattern.as_bytes() == uri)
    {
        found.matched.push(exact);
        found.location = Some(exact);
        return true;
    }
    // "/x" for a proxied `location /x/` (nginx's auto_redirect), unless a
    // location is named "/x" itself.
    let same = level
        .iter()
        .any(|l| l.is_prefix() && l.pattern.as_bytes() == uri);
    if !same {
        if let Some(l) = level.iter().find(|l| {
            (l.is_prefix() || l.kind == LocationKind::Exact)
                && l.pattern.len() == uri.len() + 1
                && l.pattern.ends_with('/')
                && l.pattern.as_bytes().starts_with(uri)
                && l.setting("proxy_pass").is_some()
        }) {
            found.matched.push(l);
            found.location = Some(l);
            found.auto_redirect = true;
            return true;
        }
    }
    let prefix = level
        .iter()
        .filter(|l| l.is_prefix() && uri.starts_with(l.pattern.as_bytes()))
        .fold(None::<&Location>, |best, l| match best {
            Some(b) if b.pattern.len() >= l.pattern.len() => Some(b),
            _ => Some(l),
        });
    let mut noregex = false;
    if let Some(p) = prefix {
        found.matched.push(p);
        found.location = Some(p);
        noregex = p.kind == LocationKind::PrefixNoRegex;
        if search(&p.children, uri, found) {
            return true;
        }
    }
    if !noregex {
        for l in level {
            if let Some(re) = &l.regex {
                if re.is_match(uri) {
                    found.matched.push(l);
                    found.location = Some(l);
                    // nginx looks up the regex location's nested locations
                    // too; whatever they find, the search is over.
                    search(&l.children, uri, found);
                    return true;
                }
            }
        }
    }
    false
}

/// A named location (`@name`) of a server, for `try_files`/`error_page`.
pub fn named<'a>(level: &'a [Location], name: &str) -> Option<&'a Location> {
    level
        .iter()
        .find(|l| l.kind == LocationKind::Named && l.pattern == name)
}

/// The locations from the top level down to `target` (inclusive): the
/// levels its settings inherit from, innermost last.
pub fn chain<'a>(level: &'a [Location], target: &Location) -> Vec<&'a Location> {
    for l in level {
        if std::ptr::eq(l, target) {
            return vec![l];
        }
        let mut below = chain(&l.children, target);
        if !below.is_empty() {
            below.insert(0, l);
            return below;
        }
    }
    Vec::new()
}
