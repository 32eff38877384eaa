//! Front end: text → tokens → syntax tree, and `include` expansion.
//!
//! Invariant: parsing never fails and never panics. It returns the tree it
//! could build and every syntax error, each with a span; callers decide what
//! is fatal (nginx stops at the first error, `rginx lint` shows them all).

pub mod ast;
pub mod crossplane;
pub mod dump;
pub mod include;
pub mod lexer;
pub mod lua;
pub mod parser;
pub mod print;

pub use ast::{Arg, Block, Body, Comment, ConfFile, Directive, Quote};
pub use include::{load, Config, LoadOptions};
pub use parser::{parse, ParseOptions};

use crate::source::Span;

/// A syntax error, worded as nginx words it.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum SyntaxErrorKind {
    #[error("unexpected \"{0}\"")]
    Unexpected(String),
    #[error("unexpected end of file, expecting \";\" or \"}}\"")]
    EofExpectingTerminator,
    #[error("unexpected end of file, expecting \"}}\"")]
    EofExpectingClose,
    #[error("unexpected end of parameter, expecting \";\"")]
    EndOfParameter,
    #[error("too long parameter \"{0}...\" started")]
    TooLong(String),
    #[error("too long parameter, probably missing terminating \"{0}\" character")]
    TooLongQuoted(char),
    #[error("unexpected end of file, expecting terminating characters for lua code block")]
    LuaEof,
    #[error("Lua code block missing the closing long bracket \"{0}\", the inlined Lua code may be too long")]
    LuaLongBracket(String),
    #[error("blocks nested more than {0} deep")]
    TooDeep(usize),
}

/// A syntax error at a place in a file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SyntaxError {
    pub kind: SyntaxErrorKind,
    pub span: Span,
}
