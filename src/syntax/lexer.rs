//! Tokenizer: nginx's `ngx_conf_read_token` rules, written with nom.
//!
//! Facts it follows (see `grammar/README.md`):
//! - whitespace is space, tab, CR and LF only;
//! - an unquoted word ends at whitespace, `;` or `{` — not at `}`, `#` or a
//!   quote, which are ordinary bytes once a word has started;
//! - `$` followed by `{` does not open a block (`${var}`);
//! - a backslash escapes the next byte in any token;
//! - a quoted string must be followed by whitespace, `;`, `{` or `)`;
//! - `#` starts a comment only where a token could start.

use super::ast::Quote;
use nom::branch::alt;
use nom::bytes::complete::{tag, take, take_till, take_while, take_while1, take_while_m_n};
use nom::combinator::recognize;
use nom::multi::many0_count;
use nom::sequence::pair;
use nom::{IResult, Parser};

type In<'a> = &'a [u8];

pub fn is_space(c: u8) -> bool {
    matches!(c, b' ' | b'\t' | b'\r' | b'\n')
}

/// Whitespace between tokens.
pub fn space(i: In) -> IResult<In, In> {
    take_while1(is_space).parse(i)
}

/// `#` to the end of the line (the LF is not part of the comment).
pub fn comment(i: In) -> IResult<In, In> {
    recognize(pair(tag("#"), take_till(|c| c == b'\n'))).parse(i)
}

/// Bytes that continue an unquoted word without special meaning.
const WORD_BYTE: [bool; 256] = {
    let mut t = [true; 256];
    let stop = b" \t\r\n;{\\$";
    let mut i = 0;
    while i < stop.len() {
        t[stop[i] as usize] = false;
        i += 1;
    }
    t
};

/// A backslash and the byte it escapes.
fn escape(i: In) -> IResult<In, In> {
    recognize(pair(tag("\\"), take(1usize))).parse(i)
}

/// `$` and any `{` right after it: `${name}` stays inside one word.
fn dollar(i: In) -> IResult<In, In> {
    recognize(pair(tag("$"), take_while(|c| c == b'{'))).parse(i)
}

fn word_start(i: In) -> IResult<In, In> {
    alt((
        escape,
        tag("\\"),
        dollar,
        take_while_m_n(1, 1, |c: u8| {
            !is_space(c) && !matches!(c, b';' | b'{' | b'}' | b'#' | b'"' | b'\'' | b'\\' | b'$')
        }),
    ))
    .parse(i)
}

/// An unquoted word.
pub fn word(i: In) -> IResult<In, In> {
    recognize(pair(
        word_start,
        many0_count(alt((
            take_while1(|c| WORD_BYTE[c as usize]),
            escape,
            tag("\\"),
            dollar,
        ))),
    ))
    .parse(i)
}

fn double_body(i: In) -> IResult<In, In> {
    recognize(many0_count(alt((
        take_while1(|c| c != b'"' && c != b'\\'),
        escape,
    ))))
    .parse(i)
}

fn single_body(i: In) -> IResult<In, In> {
    recognize(many0_count(alt((
        take_while1(|c| c != b'\'' && c != b'\\'),
        escape,
    ))))
    .parse(i)
}

/// A quoted string; `Ok((rest, (body, closed)))` where `closed` is false
/// when the input ended before the closing quote.
pub fn quoted(i: In) -> IResult<In, (Quote, In, bool)> {
    let (quote, rest, body) = match i.first() {
        Some(b'"') => {
            let (rest, body) = double_body(&i[1..])?;
            (Quote::Double, rest, body)
        }
        Some(b'\'') => {
            let (rest, body) = single_body(&i[1..])?;
            (Quote::Single, rest, body)
        }
        _ => {
            return Err(nom::Err::Error(nom::error::Error::new(
                i,
                nom::error::ErrorKind::Char,
            )))
        }
    };
    match rest.first() {
        Some(_) if rest.len() > 1 || rest[0] != b'\\' => Ok((&rest[1..], (quote, body, true))),
        // The input ended inside the string (maybe on a lone backslash).
        _ => Ok((&rest[rest.len()..], (quote, body, false))),
    }
}

/// Decode nginx's escapes: `\"` `\'` `\\` become the character, `\t` `\r`
/// `\n` control characters; any other backslash is kept with its byte.
pub fn decode(raw: &[u8]) -> super::ast::Bytes {
    if !raw.contains(&b'\\') {
        return super::ast::Bytes::from_slice(raw);
    }
    let mut out = super::ast::Bytes::with_capacity(raw.len());
    let mut i = 0;
    while i < raw.len() {
        if raw[i] == b'\\' {
            match raw.get(i + 1) {
                Some(&c @ (b'"' | b'\'' | b'\\')) => {
                    out.push(c);
                    i += 2;
                    continue;
                }
                Some(b't') => {
                    out.push(b'\t');
                    i += 2;
                    continue;
                }
                Some(b'r') => {
                    out.push(b'\r');
                    i += 2;
                    continue;
                }
                Some(b'n') => {
                    out.push(b'\n');
                    i += 2;
                    continue;
                }
                _ => {}
            }
        }
        out.push(raw[i]);
        i += 1;
    }
    out
}

/// Token kinds the parser sees.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tok {
    Word(Quote),
    Semicolon,
    Open,
    Close,
    Comment,
    Eof,
}

/// A token as byte offsets into the file. For quoted words `lo..hi` covers
/// the quotes too.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Token {
    pub kind: Tok,
    pub lo: usize,
    pub hi: usize,
}

/// A tokenizer problem at a byte offset.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LexProblem {
    /// A byte that may not follow a closing quote.
    AfterQuote { at: usize, byte: u8 },
    /// The input ended inside a quoted string.
    Unterminated,
    /// nginx's read buffer filled up while its token mark stood at `mark`:
    /// inside a quoted string (`quote` says which), or elsewhere (`None`).
    TooLong { mark: usize, quote: Quote },
}

/// Pull tokens one at a time, like nginx does.
pub struct Lexer<'a> {
    text: &'a [u8],
    pos: usize,
    /// nginx reads files through a buffer of this size and fails when a
    /// token does not fit (see grammar/README.md, "The 4096-byte limit");
    /// `-g` strings have no such limit.
    pub buffer: Option<usize>,
}

impl<'a> Lexer<'a> {
    pub fn new(text: &'a [u8]) -> Self {
        Lexer {
            text,
            pos: 0,
            buffer: Some(BUFFER),
        }
    }

    pub fn pos(&self) -> usize {
        self.pos
    }

    pub fn set_pos(&mut self, pos: usize) {
        self.pos = pos;
    }

    pub fn text(&self) -> &'a [u8] {
        self.text
    }

    /// Whether nginx, with its token mark at `mark`, must read the byte at
    /// `furthest` from a buffer that cannot hold both.
    fn overflows(&self, mark: usize, furthest: usize) -> bool {
        self.buffer
            .is_some_and(|n| furthest < self.text.len() && furthest - mark >= n)
    }

    /// The furthest byte nginx reads before moving its mark past a token
    /// that ends at `end`: the terminator, or the byte after a whitespace one.
    fn furthest_after(&self, end: usize) -> usize {
        match self.text.get(end) {
            Some(&c) if is_space(c) => end + 1,
            _ => end,
        }
    }

    /// The next token (whitespace skipped, comments returned as tokens) and
    /// any problem found while reading it.
    pub fn next_token(&mut self) -> (Token, Option<LexProblem>) {
        let rest = &self.text[self.pos..];
        let skipped = space(rest).map(|(r, _)| rest.len() - r.len()).unwrap_or(0);
        self.pos += skipped;
        let lo = self.pos;
        let rest = &self.text[lo..];
        let single = |kind, lexer: &mut Self| {
            lexer.pos += 1;
            (
                Token {
                    kind,
                    lo,
                    hi: lo + 1,
                },
                None,
            )
        };
        let too_long = |quote| Some(LexProblem::TooLong { mark: lo, quote });
        match rest.first() {
            None => (
                Token {
                    kind: Tok::Eof,
                    lo,
                    hi: lo,
                },
                None,
            ),
            Some(b';') => single(Tok::Semicolon, self),
            Some(b'{') => single(Tok::Open, self),
            Some(b'}') => single(Tok::Close, self),
            Some(b'#') => {
                let len = comment(rest)
                    .map(|(r, _)| rest.len() - r.len())
                    .unwrap_or(1);
                self.pos += len;
                let token = Token {
                    kind: Tok::Comment,
                    lo,
                    hi: lo + len,
                };
                // The LF that ends a comment moves the mark.
                let problem = self
                    .overflows(lo, lo + len)
                    .then(|| too_long(Quote::None))
                    .flatten();
                (token, problem)
            }
            Some(b'"' | b'\'') => {
                let Ok((r, (quote, body, closed))) = quoted(rest) else {
                    unreachable!("a quote always starts a quoted token")
                };
                let hi = lo + (rest.len() - r.len());
                self.pos = hi;
                let token = Token {
                    kind: Tok::Word(quote),
                    lo,
                    hi,
                };
                let mark = lo + 1;
                // Where nginx stops reading inside the string: its closing
                // quote, or the end of the file.
                let close = mark + body.len();
                let inside = if closed {
                    close
                } else {
                    self.buffer.map_or(close, |n| (mark + n).min(close))
                };
                if self.overflows(mark, inside)
                    || (!closed && self.buffer.is_some_and(|n| self.text.len() > mark + n))
                {
                    return (token, Some(LexProblem::TooLong { mark, quote }));
                }
                if !closed {
                    return (token, Some(LexProblem::Unterminated));
                }
                // The byte after the closing quote is read with the mark
                // still at the start of the string.
                if self.overflows(mark, self.furthest_after(hi)) {
                    return (
                        token,
                        Some(LexProblem::TooLong {
                            mark,
                            quote: Quote::None,
                        }),
                    );
                }
                match self.text.get(hi) {
                    None => (token, None),
                    Some(&c) if is_space(c) || matches!(c, b';' | b'{' | b')') => (token, None),
                    Some(&c) => (token, Some(LexProblem::AfterQuote { at: hi, byte: c })),
                }
            }
            Some(_) => {
                let len = word_len(rest);
                self.pos += len;
                let token = Token {
                    kind: Tok::Word(Quote::None),
                    lo,
                    hi: lo + len,
                };
                let problem = self
                    .overflows(lo, self.furthest_after(lo + len))
                    .then(|| too_long(Quote::None))
                    .flatten();
                (token, problem)
            }
        }
    }
}

/// Length of the word at the start of `rest` (which starts a word). Most
/// words hold no `\` or `$`: a table scan finds their end, and the nom
/// production handles the rest.
fn word_len(rest: &[u8]) -> usize {
    let plain = rest
        .iter()
        .position(|&c| !WORD_BYTE[c as usize])
        .unwrap_or(rest.len());
    match rest.get(plain) {
        Some(b'\\' | b'$') => word(rest).map(|(r, _)| rest.len() - r.len()).unwrap_or(1),
        _ => plain,
    }
}

/// nginx's config read buffer (`NGX_CONF_BUFFER`).
pub const BUFFER: usize = 4096;

#[cfg(test)]
mod tests {
    use super::*;

    fn words(s: &str) -> Vec<(Tok, String)> {
        let mut l = Lexer::new(s.as_bytes());
        let mut out = vec![];
        loop {
            let (t, _) = l.next_token();
            if t.kind == Tok::Eof {
                return out;
            }
            out.push((t.kind, s[t.lo..t.hi].to_string()));
        }
    }

    proptest::proptest! {
        #[test]
        fn fast_word_scan_equals_the_nom_production(
            first in "[a-z/$\\\\]", rest in proptest::collection::vec(proptest::prelude::any::<u8>(), 0..40)
        ) {
            let mut input = first.into_bytes();
            input.extend(rest);
            let slow = word(&input).map(|(r, _)| input.len() - r.len()).unwrap_or(1);
            proptest::prop_assert_eq!(word_len(&input), slow);
        }
    }

    #[test]
    fn brace_and_hash_inside_words_are_plain() {
        let w = words("a}b c#d ${x}y;");
        let texts: Vec<_> = w.iter().map(|(_, s)| s.as_str()).collect();
        assert_eq!(texts, ["a}b", "c#d", "${x}y", ";"]);
    }

    #[test]
    fn open_brace_ends_a_word_unless_after_dollar() {
        let texts: Vec<_> = words("a{b $ {c").into_iter().map(|(_, s)| s).collect();
        assert_eq!(texts, ["a", "{", "b", "$", "{", "c"]);
    }

    #[test]
    fn escapes_join_words() {
        let texts: Vec<_> = words("a\\ b\\;c;").into_iter().map(|(_, s)| s).collect();
        assert_eq!(texts, ["a\\ b\\;c", ";"]);
    }

    #[test]
    fn quotes_in_the_middle_of_a_word_are_plain() {
        let texts: Vec<_> = words(r#"^/([^/?&:'"]+)$ x"#)
            .into_iter()
            .map(|(_, s)| s)
            .collect();
        assert_eq!(texts, [r#"^/([^/?&:'"]+)$"#, "x"]);
    }

    #[test]
    fn quoted_string_needs_a_separator() {
        let mut l = Lexer::new(b"\"a\"b");
        let (t, p) = l.next_token();
        assert_eq!(t.kind, Tok::Word(Quote::Double));
        assert_eq!(p, Some(LexProblem::AfterQuote { at: 3, byte: b'b' }));
        let mut l = Lexer::new(b"\"a\")");
        assert_eq!(l.next_token().1, None);
    }

    #[test]
    fn unterminated_quote_and_trailing_backslash() {
        let mut l = Lexer::new(b"'abc\\");
        let (t, p) = l.next_token();
        assert_eq!((t.lo, t.hi), (0, 5));
        assert_eq!(p, Some(LexProblem::Unterminated));
        let mut l = Lexer::new(b"ab\\");
        assert_eq!(l.next_token().0.hi, 3);
    }

    #[test]
    fn decoding_follows_nginx() {
        assert_eq!(
            &*decode(br#"a\"b\'c\\d\te\rf\ng\d\ "#),
            b"a\"b'c\\d\te\rf\ng\\d\\ "
        );
    }

    fn first_problem(s: String) -> Option<LexProblem> {
        Lexer::new(s.as_bytes()).next_token().1
    }

    #[test]
    fn token_length_limits_depend_on_what_follows() {
        let w = |n| "x".repeat(n);
        assert_eq!(first_problem(format!("{};", w(4095))), None);
        assert!(first_problem(format!("{};", w(4096))).is_some());
        assert_eq!(first_problem(format!("{} ;", w(4094))), None);
        assert!(first_problem(format!("{} ;", w(4095))).is_some());
        assert_eq!(first_problem(format!("\"{}\";", w(4094))), None);
        assert_eq!(
            first_problem(format!("\"{}\";", w(4095))),
            Some(LexProblem::TooLong {
                mark: 1,
                quote: Quote::None
            })
        );
        assert_eq!(
            first_problem(format!("\"{}\" ;", w(4094))).map(|_| ()),
            Some(())
        );
        assert_eq!(
            first_problem(format!("'{}", w(5000))),
            Some(LexProblem::TooLong {
                mark: 1,
                quote: Quote::Single
            })
        );
        // At the very end of the file nothing more is read.
        assert_eq!(first_problem(w(5000)), None);
    }
}
