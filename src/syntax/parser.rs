//! Statements and blocks, as `ngx_conf_parse` reads them.
//!
//! A statement is one or more words ended by `;` or `{`; a `{` opens a block
//! closed by `}`. nginx stops at the first error; this parser records it and
//! recovers so that tools can see the rest of the file:
//! - `}` after words ends that statement only (as crossplane does);
//! - a `{` with no words opens a block whose statements join the parent;
//! - a stray `;` or top-level `}` is skipped;
//! - at end of file, open blocks are closed.

use super::ast::{Arg, Block, Body, Comment, ConfFile, Directive, Quote};
use super::lexer::{decode, LexProblem, Lexer, Tok, Token};
use super::{lua, SyntaxError, SyntaxErrorKind};
use crate::source::{FileId, Span};

/// How to read a source.
#[derive(Clone, Copy, Debug, Default)]
pub struct ParseOptions {
    /// The text comes from `-g`: no token limit, and a missing final `;` is
    /// "unexpected end of parameter".
    pub command_line: bool,
}

/// Blocks nested deeper than this are flattened: real configs nest a few
/// levels, and nginx would reject such a file for other reasons first.
pub const MAX_DEPTH: usize = 200;

/// Whether a directive's block holds raw Lua rather than directives.
pub fn is_lua_block(name: &[u8]) -> bool {
    name.ends_with(b"_by_lua_block")
}

struct Frame {
    /// The statement that opened this block (`None` for the file).
    head: Option<Directive>,
    directives: Vec<Directive>,
    /// Blocks opened inside this one by a `{` with no words, or past
    /// [`MAX_DEPTH`]: their statements stay in this frame, and this many
    /// `}` close them before this frame's own.
    flattened: usize,
}

struct Parser<'a> {
    file: FileId,
    lexer: Lexer<'a>,
    opts: ParseOptions,
    errors: Vec<SyntaxError>,
    comments: Vec<Comment>,
    too_deep: bool,
}

/// Parse one source text. Never fails: errors are returned in the file.
pub fn parse(file: FileId, text: &[u8], opts: ParseOptions) -> ConfFile {
    let mut lexer = Lexer::new(text);
    if opts.command_line {
        lexer.buffer = None;
    }
    let mut p = Parser {
        file,
        lexer,
        opts,
        errors: Vec::new(),
        comments: Vec::new(),
        too_deep: false,
    };
    let directives = p.run();
    ConfFile {
        file,
        directives,
        comments: p.comments,
        errors: p.errors,
    }
}

impl Parser<'_> {
    fn span(&self, lo: usize, hi: usize) -> Span {
        Span::new(self.file, lo, hi)
    }

    fn error(&mut self, kind: SyntaxErrorKind, lo: usize, hi: usize) {
        let span = self.span(lo, hi);
        self.errors.push(SyntaxError { kind, span });
    }

    fn arg(&self, token: Token, quote: Quote) -> Arg {
        let text = self.lexer.text();
        let raw = &text[token.lo..token.hi];
        let inner = match quote {
            Quote::Single | Quote::Double => {
                let end = if raw.len() >= 2 && raw[raw.len() - 1] == raw[0] {
                    raw.len() - 1
                } else {
                    raw.len()
                };
                // An unterminated string has no closing quote to strip.
                &raw[1..end.max(1)]
            }
            _ => raw,
        };
        Arg::new(self.span(token.lo, token.hi), quote, raw, decode(inner))
    }

    fn lex_problem(&mut self, problem: LexProblem) {
        let text = self.lexer.text();
        match problem {
            LexProblem::AfterQuote { at, byte } => {
                let shown = String::from_utf8_lossy(&[byte]).into_owned();
                self.error(SyntaxErrorKind::Unexpected(shown), at, at + 1);
            }
            LexProblem::Unterminated => {
                let end = text.len();
                let kind = if self.opts.command_line {
                    SyntaxErrorKind::EndOfParameter
                } else {
                    SyntaxErrorKind::EofExpectingTerminator
                };
                self.error(kind, end, end);
            }
            LexProblem::TooLong { mark, quote } => {
                let kind = match quote {
                    Quote::Double => SyntaxErrorKind::TooLongQuoted('"'),
                    Quote::Single => SyntaxErrorKind::TooLongQuoted('\''),
                    _ => {
                        let start = &text[mark..(mark + 10).min(text.len())];
                        SyntaxErrorKind::TooLong(String::from_utf8_lossy(start).into_owned())
                    }
                };
                // nginx reports the line where the token started.
                self.error(kind, mark, mark);
            }
        }
    }

    fn run(&mut self) -> Vec<Directive> {
        let mut stack: Vec<Frame> = vec![Frame {
            head: None,
            directives: Vec::new(),
            flattened: 0,
        }];
        let mut words: Vec<Arg> = Vec::new();
        loop {
            let (token, problem) = self.lexer.next_token();
            if let Some(problem) = problem {
                self.lex_problem(problem);
            }
            match token.kind {
                Tok::Comment => {
                    let text = &self.lexer.text()[token.lo..token.hi];
                    self.comments.push(Comment {
                        span: self.span(token.lo, token.hi),
                        text: text.into(),
                    });
                }
                Tok::Word(quote) => words.push(self.arg(token, quote)),
                Tok::Semicolon => {
                    if words.is_empty() {
                        self.error(SyntaxErrorKind::Unexpected(";".into()), token.lo, token.hi);
                        continue;
                    }
                    let d = self.statement(&mut words, token, Body::None);
                    stack.last_mut().unwrap().directives.push(d);
                }
                Tok::Open => {
                    if words.is_empty() {
                        self.error(SyntaxErrorKind::Unexpected("{".into()), token.lo, token.hi);
                        stack.last_mut().unwrap().flattened += 1;
                        continue;
                    }
                    if is_lua_block(&words[0].value) {
                        let d = self.lua_statement(&mut words, token);
                        stack.last_mut().unwrap().directives.push(d);
                        continue;
                    }
                    let head = self.statement(&mut words, token, Body::Block(Block::default()));
                    if stack.len() > MAX_DEPTH {
                        // Keep the tree shallow enough to walk and drop safely.
                        if !self.too_deep {
                            self.too_deep = true;
                            self.error(SyntaxErrorKind::TooDeep(MAX_DEPTH), token.lo, token.hi);
                        }
                        let top = stack.last_mut().unwrap();
                        top.directives.push(head);
                        top.flattened += 1;
                        continue;
                    }
                    stack.push(Frame {
                        head: Some(head),
                        directives: Vec::new(),
                        flattened: 0,
                    });
                }
                Tok::Close => {
                    if !words.is_empty() {
                        // nginx stops here. Recover as crossplane does: the
                        // `}` only ends the statement, the block stays open.
                        self.error(SyntaxErrorKind::Unexpected("}".into()), token.lo, token.hi);
                        let d = self.statement(&mut words, token, Body::None);
                        stack.last_mut().unwrap().directives.push(d);
                        continue;
                    }
                    let top = stack.last_mut().unwrap();
                    if top.flattened > 0 {
                        top.flattened -= 1;
                        continue;
                    }
                    if stack.len() == 1 {
                        self.error(SyntaxErrorKind::Unexpected("}".into()), token.lo, token.hi);
                        continue;
                    }
                    let close = self.span(token.lo, token.hi);
                    close_frame(&mut stack, Some(close));
                }
                Tok::Eof => {
                    let end = token.lo;
                    if !words.is_empty() {
                        let kind = if self.opts.command_line {
                            SyntaxErrorKind::EndOfParameter
                        } else {
                            SyntaxErrorKind::EofExpectingTerminator
                        };
                        if !self.errors.iter().any(|e| e.span.lo == end as u32) {
                            self.error(kind, end, end);
                        }
                        let d = self.statement(&mut words, token, Body::None);
                        stack.last_mut().unwrap().directives.push(d);
                    } else if stack.len() > 1 || stack[0].flattened > 0 {
                        self.error(SyntaxErrorKind::EofExpectingClose, end, end);
                    }
                    while stack.len() > 1 {
                        close_frame(&mut stack, None);
                    }
                    return stack.pop().unwrap().directives;
                }
            }
        }
    }

    fn statement(&self, words: &mut Vec<Arg>, terminator: Token, body: Body) -> Directive {
        // Draining keeps the buffer's capacity for the next statement.
        let mut it = words.drain(..);
        let name = it.next().expect("a statement has a name");
        Directive {
            name,
            args: it.collect(),
            body,
            terminator: self.span(terminator.lo, terminator.hi),
            includes: Vec::new(),
        }
    }

    fn lua_statement(&mut self, words: &mut Vec<Arg>, open: Token) -> Directive {
        let text = self.lexer.text();
        let start = open.hi;
        let (end, next) = match lua::find_block_end(text, start) {
            Ok(end) => (end, end + 1),
            Err(lua::Unclosed::Block) => {
                self.error(SyntaxErrorKind::LuaEof, open.lo, open.hi);
                (text.len(), text.len())
            }
            Err(lua::Unclosed::LongBracket { at, level }) => {
                let close = format!("]{}]", "=".repeat(level));
                self.error(SyntaxErrorKind::LuaLongBracket(close), at, at);
                (text.len(), text.len())
            }
        };
        self.lexer.set_pos(next);
        let code = &text[start..end];
        let code = Arg::new(self.span(start, end), Quote::LuaBlock, code, code.into());
        self.statement(words, open, Body::Lua(code))
    }
}

fn close_frame(stack: &mut Vec<Frame>, close: Option<Span>) {
    let frame = stack.pop().expect("not the root frame");
    let parent = stack.last_mut().expect("root frame stays");
    if let Some(mut head) = frame.head {
        if let Some(block) = head.block_mut() {
            block.directives = frame.directives;
            block.close = close;
        }
        parent.directives.push(head);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_str(s: &str) -> ConfFile {
        parse(FileId(0), s.as_bytes(), ParseOptions::default())
    }

    fn messages(s: &str) -> Vec<String> {
        parse_str(s)
            .errors
            .iter()
            .map(|e| e.kind.to_string())
            .collect()
    }

    #[test]
    fn nested_blocks_and_args() {
        let f = parse_str("http { server { listen 80; } }\nevents {}");
        assert!(f.errors.is_empty());
        assert_eq!(f.directives.len(), 2);
        let server = &f.directives[0].block().unwrap().directives[0];
        assert!(server.is("server"));
        let listen = &server.block().unwrap().directives[0];
        assert_eq!(listen.args[0].text(), "80");
    }

    #[test]
    fn nginx_messages() {
        assert_eq!(messages("}"), ["unexpected \"}\""]);
        assert_eq!(messages("a b }"), ["unexpected \"}\""]);
        assert_eq!(messages("a {"), ["unexpected end of file, expecting \"}\""]);
        assert_eq!(
            messages("a b"),
            ["unexpected end of file, expecting \";\" or \"}\""]
        );
        assert_eq!(
            messages("a \"b"),
            ["unexpected end of file, expecting \";\" or \"}\""]
        );
        assert_eq!(messages(";"), ["unexpected \";\""]);
        assert_eq!(messages("{}"), ["unexpected \"{\""]);
        assert_eq!(messages("a \"b\"c;"), ["unexpected \"c\""]);
        assert_eq!(messages("a 'b'#c\n;"), ["unexpected \"#\""]);
    }

    #[test]
    fn command_line_end_of_parameter() {
        let f = parse(
            FileId(0),
            b"daemon off",
            ParseOptions { command_line: true },
        );
        assert_eq!(f.errors[0].kind, SyntaxErrorKind::EndOfParameter);
    }

    #[test]
    fn lua_block_is_raw() {
        let f = parse_str("content_by_lua_block { ngx.say(\"}\") }\nx;");
        assert!(f.errors.is_empty(), "{:?}", f.errors);
        match &f.directives[0].body {
            Body::Lua(code) => assert_eq!(&*code.value, b" ngx.say(\"}\") "),
            other => panic!("not a Lua block: {other:?}"),
        }
        assert!(f.directives[1].is("x"));
    }

    #[test]
    fn deep_nesting_does_not_overflow() {
        let s = "a{".repeat(100_000);
        let f = parse_str(&s);
        assert_eq!(f.errors.len(), 2, "{:?}", &f.errors[..2]);
        assert_eq!(f.errors[0].kind, SyntaxErrorKind::TooDeep(MAX_DEPTH));
    }
}
