//! The syntax tree: directives, arguments and blocks, each with spans.
//!
//! Arguments keep both forms nginx has for them: `raw` (the bytes as written,
//! quotes and backslashes included) and `value` (decoded as nginx's
//! tokenizer decodes it). Values are bytes: configs may hold non-UTF-8 text.

use crate::source::{FileId, Span};
use smallvec::SmallVec;

/// Argument bytes: most arguments are short and live inline, which keeps
/// parsing from spending its time in the allocator.
pub type Bytes = SmallVec<[u8; 22]>;
use std::borrow::Cow;

/// How an argument was written.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Quote {
    None,
    Single,
    Double,
    /// The raw Lua source of a `*_by_lua_block`, between its braces.
    LuaBlock,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Arg {
    pub span: Span,
    pub quote: Quote,
    /// As written, when that differs from `value` (most words are both).
    raw: Option<Box<[u8]>>,
    /// Decoded as nginx uses it.
    pub value: Bytes,
}

impl Arg {
    pub fn new(span: Span, quote: Quote, raw: &[u8], value: Bytes) -> Self {
        let raw = (raw != &*value).then(|| raw.into());
        Arg {
            span,
            quote,
            raw,
            value,
        }
    }

    /// Exactly as written, including any quotes.
    pub fn raw(&self) -> &[u8] {
        self.raw.as_deref().unwrap_or(&self.value)
    }

    /// The decoded value as text (invalid UTF-8 replaced).
    pub fn text(&self) -> Cow<'_, str> {
        String::from_utf8_lossy(&self.value)
    }

    pub fn is(&self, s: &str) -> bool {
        &*self.value == s.as_bytes()
    }

    /// The raw text without its enclosing quotes.
    pub fn raw_inner(&self) -> &[u8] {
        match self.quote {
            Quote::Single | Quote::Double if self.raw().len() >= 2 => {
                let raw = self.raw();
                &raw[1..raw.len() - 1]
            }
            _ => self.raw(),
        }
    }
}

/// What ends a statement.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Body {
    /// Terminated by `;`.
    None,
    /// A `{ ... }` block.
    Block(Block),
    /// A `*_by_lua_block { ... }`: the Lua source is kept verbatim.
    Lua(Arg),
}

#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct Block {
    pub directives: Vec<Directive>,
    /// The closing `}`; `None` when the file ended first (a syntax error).
    pub close: Option<Span>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Directive {
    pub name: Arg,
    pub args: Vec<Arg>,
    pub body: Body,
    /// The `;` or `{` that ended the head: nginx reports the errors of a
    /// directive at the line of this token.
    pub terminator: Span,
    /// Files this `include` brought in, in nginx's order (filled by the loader).
    pub includes: Vec<FileId>,
}

impl Directive {
    pub fn name_text(&self) -> Cow<'_, str> {
        self.name.text()
    }

    pub fn is(&self, name: &str) -> bool {
        self.name.is(name)
    }

    pub fn block(&self) -> Option<&Block> {
        match &self.body {
            Body::Block(b) => Some(b),
            _ => None,
        }
    }

    pub fn block_mut(&mut self) -> Option<&mut Block> {
        match &mut self.body {
            Body::Block(b) => Some(b),
            _ => None,
        }
    }

    /// From the name to the terminator, or to the closing brace of its block.
    pub fn span(&self) -> Span {
        let end = match &self.body {
            Body::Block(b) => b
                .close
                .or_else(|| b.directives.last().map(|d| d.span()))
                .unwrap_or(self.terminator),
            Body::Lua(code) => Span {
                hi: code.span.hi + 1,
                ..code.span
            },
            Body::None => self.terminator,
        };
        self.name.span.to(end)
    }
}

/// A `#` comment, kept for formatting.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Comment {
    pub span: Span,
    pub text: Box<[u8]>,
}

/// One parsed source file.
#[derive(Clone, Debug, Default)]
pub struct ConfFile {
    pub file: FileId,
    pub directives: Vec<Directive>,
    pub comments: Vec<Comment>,
    pub errors: Vec<super::SyntaxError>,
}
