//! The rewrite module's statements (`rewrite`, `return`, `set`, `if`,
//! `break`) compiled at load, as nginx compiles them into its script
//! codes: regexes built once, conditions parsed once, each `if` of a
//! location carrying the configuration in effect when it is true.

use super::conf::{AliasOf, Loc, LocLevel};
use super::setting::Setting;
use super::At;
use std::sync::Arc;

/// One statement of a level, in the order written.
#[derive(Clone, Debug)]
pub enum Stmt {
    Return(Return),
    Rewrite(Rewrite),
    /// `set $var value`.
    Set {
        var: String,
        value: String,
    },
    If(Box<If>),
    Break,
}

/// `return code [text|URL]` / `return URL`.
#[derive(Clone, Debug)]
pub struct Return {
    /// `None`: `return URL` (a 302).
    pub code: Option<u16>,
    pub value: Option<String>,
    pub args: Vec<String>,
    pub at: At,
}

/// `rewrite regex replacement [flag]`.
#[derive(Clone, Debug)]
pub struct Rewrite {
    pub pattern: String,
    /// `Err`: a regex rginx cannot compile (it never matches, and
    /// `rginx route` says why).
    pub regex: Result<regex::Regex, String>,
    pub replacement: String,
    pub flag: Option<Flag>,
    pub at: At,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Flag {
    Last,
    Break,
    Redirect,
    Permanent,
}

impl Flag {
    pub fn word(self) -> &'static str {
        match self {
            Flag::Last => "last",
            Flag::Break => "break",
            Flag::Redirect => "redirect",
            Flag::Permanent => "permanent",
        }
    }
}

/// `if (condition) { ... }`.
#[derive(Clone, Debug)]
pub struct If {
    pub cond: Cond,
    /// The condition as written, for explanations.
    pub text: String,
    pub block: Vec<Stmt>,
    /// In a location: the configuration in effect when the condition holds.
    pub conf: Option<Arc<Loc>>,
    pub at: At,
}

#[derive(Clone, Debug)]
pub enum Cond {
    /// `$var`: true unless empty or "0".
    Value(String),
    /// `$var = text` / `$var != text`.
    Equals {
        value: String,
        other: String,
        negated: bool,
    },
    /// `$var ~ re` and its caseless and negated forms.
    Matches {
        value: String,
        pattern: String,
        regex: Result<regex::Regex, String>,
        negated: bool,
    },
    /// `-f`, `-d`, `-e`, `-x` and their negations.
    File {
        test: FileTest,
        path: String,
        negated: bool,
    },
    /// A form rginx does not know: never true.
    Never,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FileTest {
    File,
    Dir,
    Exists,
    Executable,
}

fn regex(pattern: &str, caseless: bool) -> Result<regex::Regex, String> {
    regex::RegexBuilder::new(pattern)
        .case_insensitive(caseless)
        .build()
        .map_err(|e| e.to_string())
}

fn status_of(arg: &str) -> Option<u16> {
    arg.parse::<u16>().ok().filter(|c| (100..=999).contains(c))
}

impl Cond {
    fn parse(args: &[String]) -> Cond {
        let mut a: Vec<String> = args.to_vec();
        if let Some(first) = a.first_mut() {
            *first = first.strip_prefix('(').unwrap_or(first).to_string();
        }
        if let Some(last) = a.last_mut() {
            *last = last.strip_suffix(')').unwrap_or(last).to_string();
        }
        a.retain(|x| !x.is_empty());
        match a.as_slice() {
            [op, path] if op.starts_with('-') || op.starts_with("!-") => {
                let negated = op.starts_with('!');
                let test = match op.trim_start_matches('!') {
                    "-f" => FileTest::File,
                    "-d" => FileTest::Dir,
                    "-e" => FileTest::Exists,
                    "-x" => FileTest::Executable,
                    _ => return Cond::Never,
                };
                Cond::File {
                    test,
                    path: path.clone(),
                    negated,
                }
            }
            [var] => Cond::Value(var.clone()),
            [var, op, rhs] => match op.as_str() {
                "=" | "!=" => Cond::Equals {
                    value: var.clone(),
                    other: rhs.clone(),
                    negated: op == "!=",
                },
                "~" | "~*" | "!~" | "!~*" => Cond::Matches {
                    value: var.clone(),
                    pattern: rhs.clone(),
                    regex: regex(rhs, op.ends_with('*')),
                    negated: op.starts_with('!'),
                },
                _ => Cond::Never,
            },
            _ => Cond::Never,
        }
    }
}

/// The statements among a level's settings. `level` is the location's
/// own settings merged with its parents' (`None` at server level, where
/// a true `if` does not change the configuration in effect).
pub fn compile(
    settings: &[Setting],
    level: Option<(&LocLevel, &AliasOf)>,
) -> Result<Vec<Stmt>, String> {
    let mut out = Vec::new();
    for s in settings {
        let stmt = match s.name.as_str() {
            "return" => {
                let code = s.args.first().and_then(|c| status_of(c));
                let value = if code.is_some() {
                    s.args.get(1)
                } else {
                    s.args.first()
                };
                Stmt::Return(Return {
                    code,
                    value: value.cloned(),
                    args: s.args.clone(),
                    at: s.at.clone(),
                })
            }
            "break" => Stmt::Break,
            "set" => match (s.args.first(), s.args.get(1)) {
                (Some(var), Some(value)) => Stmt::Set {
                    var: var.trim_start_matches('$').to_string(),
                    value: value.clone(),
                },
                _ => continue,
            },
            "rewrite" => {
                let (Some(pattern), Some(replacement)) = (s.args.first(), s.args.get(1)) else {
                    continue;
                };
                let flag = match s.args.get(2).map(String::as_str) {
                    Some("last") => Some(Flag::Last),
                    Some("break") => Some(Flag::Break),
                    Some("redirect") => Some(Flag::Redirect),
                    Some("permanent") => Some(Flag::Permanent),
                    _ => None,
                };
                Stmt::Rewrite(Rewrite {
                    pattern: pattern.clone(),
                    regex: regex(pattern, false),
                    replacement: replacement.clone(),
                    flag,
                    at: s.at.clone(),
                })
            }
            "if" => {
                let conf = match level {
                    Some((parent, alias)) => {
                        let mut inner = LocLevel::of(&s.block, Some(alias.clone()))?;
                        inner.inherit_all(parent, true);
                        Some(Arc::new(inner.resolve()))
                    }
                    None => None,
                };
                Stmt::If(Box::new(If {
                    cond: Cond::parse(&s.args),
                    text: s.args.join(" "),
                    block: compile(&s.block, None)?,
                    conf,
                    at: s.at.clone(),
                }))
            }
            _ => continue,
        };
        out.push(stmt);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn setting(name: &str, args: &[&str]) -> Setting {
        Setting {
            name: name.into(),
            args: args.iter().map(|a| a.to_string()).collect(),
            at: At {
                file: "t".into(),
                line: 1,
            },
            block: Vec::new(),
        }
    }

    #[test]
    fn conditions_are_parsed_once() {
        let c = Cond::parse(&["($http_x".into(), "~*".into(), "^a)".into()]);
        assert!(
            matches!(c, Cond::Matches { negated: false, ref regex, .. } if regex.as_ref().unwrap().is_match("A"))
        );
        let c = Cond::parse(&["(!-f".into(), "$request_filename)".into()]);
        assert!(matches!(
            c,
            Cond::File {
                test: FileTest::File,
                negated: true,
                ..
            }
        ));
        assert!(matches!(
            Cond::parse(&["($a".into(), "<".into(), "b)".into()]),
            Cond::Never
        ));
    }

    #[test]
    fn statements_keep_their_order_and_meaning() {
        let list = [
            setting("set", &["$x", "1"]),
            setting("rewrite", &["^/a(.*)", "/b$1", "permanent"]),
            setting("return", &["https://example.com"]),
            setting("return", &["404"]),
            setting("proxy_pass", &["http://u"]),
        ];
        let stmts = compile(&list, None).unwrap();
        assert_eq!(stmts.len(), 4);
        assert!(matches!(&stmts[0], Stmt::Set { var, .. } if var == "x"));
        assert!(matches!(&stmts[1], Stmt::Rewrite(r) if r.flag == Some(Flag::Permanent)));
        assert!(matches!(&stmts[2], Stmt::Return(r) if r.code.is_none() && r.value.is_some()));
        assert!(matches!(&stmts[3], Stmt::Return(r) if r.code == Some(404) && r.value.is_none()));
    }
}
