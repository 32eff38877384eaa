//! Canonical text of a tree (`rginx fmt`): four-space indentation, one
//! statement per line, arguments as written, comments kept where they were,
//! runs of blank lines folded to one.
//!
//! Invariant: parsing the printed text gives the same tree (names, raw and
//! decoded arguments, blocks), which the round-trip property test checks.

use super::ast::{Body, Comment, ConfFile, Directive, Quote};
use crate::source::SourceFile;

struct Printer<'a> {
    src: &'a SourceFile,
    comments: &'a [Comment],
    next_comment: usize,
    out: Vec<u8>,
    /// End offset of the last thing printed, to see blank lines in between.
    last_end: u32,
}

/// Print a parsed file.
pub fn print(src: &SourceFile, file: &ConfFile) -> Vec<u8> {
    let mut p = Printer {
        src,
        comments: &file.comments,
        next_comment: 0,
        out: Vec::with_capacity(src.text.len()),
        last_end: 0,
    };
    p.directives(&file.directives, 0);
    p.comments_before(u32::MAX, 0);
    p.out
}

impl Printer<'_> {
    fn indent(&mut self, depth: usize) {
        self.out.extend(std::iter::repeat_n(b' ', depth * 4));
    }

    fn blank_line_before(&mut self, lo: u32) {
        // A comment between a directive's arguments is printed after it.
        if self.out.is_empty() || lo <= self.last_end {
            return;
        }
        let gap = &self.src.text[self.last_end as usize..lo as usize];
        if gap.iter().filter(|&&c| c == b'\n').count() >= 2 {
            self.out.push(b'\n');
        }
    }

    /// Comments that start before `lo`: a comment on the same line as what
    /// was printed last stays on that line.
    fn comments_before(&mut self, lo: u32, depth: usize) {
        while let Some(c) = self.comments.get(self.next_comment) {
            if c.span.lo >= lo {
                break;
            }
            self.next_comment += 1;
            let same_line = !self.out.is_empty()
                && self.src.line_of(c.span.lo) == self.src.line_of(self.last_end.saturating_sub(1))
                && self.out.last() == Some(&b'\n');
            if same_line {
                self.out.pop();
                self.out.push(b' ');
            } else {
                self.blank_line_before(c.span.lo);
                self.indent(depth);
            }
            self.out.extend_from_slice(&c.text);
            self.out.push(b'\n');
            self.last_end = self.last_end.max(c.span.hi);
        }
    }

    fn directives(&mut self, directives: &[Directive], depth: usize) {
        for d in directives {
            self.comments_before(d.name.span.lo, depth);
            self.blank_line_before(d.name.span.lo);
            self.indent(depth);
            self.head(d);
            match &d.body {
                Body::None => {
                    self.out.extend_from_slice(b";\n");
                    self.last_end = d.terminator.hi;
                }
                Body::Lua(code) => {
                    self.out.extend_from_slice(b" {");
                    self.out.extend_from_slice(code.raw());
                    self.out.extend_from_slice(b"}\n");
                    self.last_end = code.span.hi + 1;
                }
                Body::Block(block) => {
                    self.out.extend_from_slice(b" {\n");
                    self.last_end = d.terminator.hi;
                    self.directives(&block.directives, depth + 1);
                    let end = block.close.map_or(u32::MAX, |c| c.lo);
                    self.comments_before(end, depth + 1);
                    self.indent(depth);
                    self.out.extend_from_slice(b"}\n");
                    if let Some(close) = block.close {
                        self.last_end = close.hi;
                    }
                }
            }
        }
    }

    fn head(&mut self, d: &Directive) {
        self.out.extend_from_slice(d.name.raw());
        let mut prev_quoted = matches!(d.name.quote, Quote::Single | Quote::Double);
        for arg in &d.args {
            // `if ($a = "b")`: a `)` glued to a quoted string stays glued.
            if !(prev_quoted && arg.raw().first() == Some(&b')')) {
                self.out.push(b' ');
            }
            self.out.extend_from_slice(arg.raw());
            prev_quoted = matches!(arg.quote, Quote::Single | Quote::Double);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::{FileId, Origin};
    use crate::syntax::parser::{parse, ParseOptions};

    fn fmt(s: &str) -> String {
        let src = SourceFile::new(Origin::CommandLine, s.as_bytes().to_vec());
        let f = parse(FileId(0), s.as_bytes(), ParseOptions::default());
        String::from_utf8(print(&src, &f)).unwrap()
    }

    #[test]
    fn canonical_layout_keeps_comments() {
        let got =
            fmt("# top\nhttp{server {listen   80; # port\n\n\n  # inner\n}}\nx \"a b\" 'c'  ;");
        assert_eq!(
            got,
            "# top\nhttp {\n    server {\n        listen 80; # port\n\n        # inner\n    }\n}\nx \"a b\" 'c';\n"
        );
    }

    #[test]
    fn comment_between_arguments_goes_after_the_directive() {
        assert_eq!(fmt("a b # c\n d;\ne;"), "a b d;\n# c\ne;\n");
    }

    #[test]
    fn glued_paren_and_lua() {
        assert_eq!(fmt("if ($a = \"b\") {}"), "if ($a = \"b\") {\n}\n");
        assert_eq!(
            fmt("content_by_lua_block {\n  x()\n}"),
            "content_by_lua_block {\n  x()\n}\n"
        );
    }
}
