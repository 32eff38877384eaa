//! crossplane's JSON payload (`crossplane parse`), so its users can switch.
//!
//! Arguments appear as crossplane keeps them: the text between the quotes
//! with only an escaped enclosing quote unescaped (`"a\"b"` → `a"b`), and
//! unquoted words verbatim. `if` loses its surrounding parentheses. A Lua
//! block's source is the last argument and the statement has no block.

use super::ast::{Arg, Body, Directive, Quote};
use super::include::Config;
use crate::source::FileId;
use serde::Serialize;

#[derive(Serialize)]
pub struct Payload {
    pub status: &'static str,
    pub errors: Vec<PayloadError>,
    pub config: Vec<FileEntry>,
}

#[derive(Serialize)]
pub struct PayloadError {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub file: Option<String>,
    pub line: Option<u32>,
    pub error: String,
}

#[derive(Serialize)]
pub struct FileEntry {
    pub file: String,
    pub status: &'static str,
    pub errors: Vec<PayloadError>,
    pub parsed: Vec<Statement>,
}

#[derive(Serialize)]
pub struct Statement {
    pub directive: String,
    pub line: u32,
    pub args: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub includes: Option<Vec<usize>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub block: Option<Vec<Statement>>,
}

/// crossplane's form of one argument.
pub fn crossplane_arg(arg: &Arg) -> String {
    let inner = arg.raw_inner();
    let quote = match arg.quote {
        Quote::Single => b'\'',
        Quote::Double => b'"',
        _ => return String::from_utf8_lossy(inner).into_owned(),
    };
    let mut out = Vec::with_capacity(inner.len());
    let mut i = 0;
    while i < inner.len() {
        if inner[i] == b'\\' && inner.get(i + 1) == Some(&quote) {
            out.push(quote);
            i += 2;
        } else {
            out.push(inner[i]);
            i += 1;
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn if_args(mut args: Vec<String>) -> Vec<String> {
    // crossplane strips the parentheses around an `if` condition only when
    // both are there, then drops an argument the stripping left empty.
    let closed = args.first().is_some_and(|a| a.starts_with('('))
        && args.last().is_some_and(|a| a.ends_with(')'));
    if !closed {
        return args;
    }
    let first = args[0][1..].trim_start().to_string();
    args[0] = first;
    let last = args.len() - 1;
    let end = args[last].len() - 1;
    let trimmed = args[last][..end].trim_end().to_string();
    args[last] = trimmed;
    let start = usize::from(args[0].is_empty());
    let end = args.len() - usize::from(args[last].is_empty());
    args.get(start..end)
        .map(<[String]>::to_vec)
        .unwrap_or_default()
}

struct Builder<'a> {
    config: &'a Config,
    /// Position of each file in the payload's `config` list.
    index: Vec<Option<usize>>,
    order: Vec<FileId>,
    with_includes: bool,
}

impl Builder<'_> {
    fn statements(&mut self, file: FileId, directives: &[Directive]) -> Vec<Statement> {
        let src = self.config.sources.get(file);
        directives
            .iter()
            .map(|d| {
                let name = crossplane_arg(&d.name);
                let mut args: Vec<String> = d.args.iter().map(crossplane_arg).collect();
                if name == "if" {
                    args = if_args(args);
                }
                let mut block = None;
                match &d.body {
                    Body::Block(b) => block = Some(self.statements(file, &b.directives)),
                    Body::Lua(code) => args.push(String::from_utf8_lossy(&code.value).into_owned()),
                    Body::None => {}
                }
                let includes = (self.with_includes && d.is("include"))
                    .then(|| d.includes.iter().map(|&id| self.file_index(id)).collect());
                Statement {
                    directive: name,
                    line: src.line_of(d.name.span.lo),
                    args,
                    includes,
                    block,
                }
            })
            .collect()
    }

    fn file_index(&mut self, id: FileId) -> usize {
        if let Some(i) = self.index[id.0 as usize] {
            return i;
        }
        let i = self.order.len();
        self.index[id.0 as usize] = Some(i);
        self.order.push(id);
        i
    }
}

/// The payload for a loaded configuration. With `with_includes`, every
/// included file gets its own entry, referenced by index from `includes`.
pub fn payload(config: &Config, with_includes: bool) -> Payload {
    let mut b = Builder {
        config,
        index: vec![None; config.files.len()],
        order: Vec::new(),
        with_includes,
    };
    b.file_index(config.main);
    let mut entries = Vec::new();
    let mut all_errors = Vec::new();
    let mut next = 0;
    while next < b.order.len() {
        let id = b.order[next];
        next += 1;
        let conf = config.file(id);
        let src = config.sources.get(id);
        let name = src.display_name();
        let mut errors: Vec<PayloadError> = conf
            .errors
            .iter()
            .map(|e| {
                let line = src.line_of(e.span.lo);
                PayloadError {
                    file: None,
                    line: Some(line),
                    error: format!("{} in {}:{}", e.kind, name, line),
                }
            })
            .collect();
        errors.extend(
            config
                .errors
                .iter()
                .filter(|e| e.at.map(|s| s.file) == Some(id))
                .map(|e| {
                    let line = src.line_of(e.at.unwrap().lo);
                    PayloadError {
                        file: None,
                        line: Some(line),
                        error: format!("{} in {}:{}", e.error, name, line),
                    }
                }),
        );
        let parsed = b.statements(id, &conf.directives);
        for e in &errors {
            all_errors.push(PayloadError {
                file: Some(name.clone()),
                line: e.line,
                error: e.error.clone(),
            });
        }
        entries.push(FileEntry {
            file: name,
            status: if errors.is_empty() { "ok" } else { "failed" },
            errors,
            parsed,
        });
    }
    Payload {
        status: if all_errors.is_empty() {
            "ok"
        } else {
            "failed"
        },
        errors: all_errors,
        config: entries,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::{FileId, Span};

    fn arg(raw: &str, quote: Quote) -> Arg {
        Arg::new(
            Span::new(FileId(0), 0, 0),
            quote,
            raw.as_bytes(),
            Default::default(),
        )
    }

    #[test]
    fn only_the_enclosing_quote_is_unescaped() {
        assert_eq!(
            crossplane_arg(&arg(r#""a\"b\'c\n""#, Quote::Double)),
            r#"a"b\'c\n"#
        );
        assert_eq!(
            crossplane_arg(&arg(r#"'a\'b\"'"#, Quote::Single)),
            r#"a'b\""#
        );
        assert_eq!(crossplane_arg(&arg(r#"a\"b"#, Quote::None)), r#"a\"b"#);
    }

    #[test]
    fn if_parens() {
        let v = |s: &[&str]| s.iter().map(|x| x.to_string()).collect::<Vec<_>>();
        assert_eq!(if_args(v(&["($a", "=", "b)"])), v(&["$a", "=", "b"]));
        assert_eq!(if_args(v(&["(", "$a", ")"])), v(&["$a"]));
        assert_eq!(if_args(v(&["($a)"])), v(&["$a"]));
        assert_eq!(if_args(v(&["($slow"])), v(&["($slow"]));
        assert_eq!(if_args(v(&["()"])), v(&[]));
    }
}
