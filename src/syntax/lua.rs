//! The raw Lua source of `*_by_lua_block { ... }`.
//!
//! lua-nginx-module reads these blocks with a Lua-aware scanner instead of
//! nginx's tokenizer: braces inside Lua strings, long brackets and comments
//! do not count. This finds the brace that closes the block.

/// Why a Lua block has no end.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Unclosed {
    /// The file ended inside the block.
    Block,
    /// A long bracket (`[[`, `--[==[`) opened at this offset never closes.
    LongBracket { at: usize, level: usize },
}

/// Given `text[start..]` just after the opening `{`, the offset of the
/// matching `}`.
pub fn find_block_end(text: &[u8], start: usize) -> Result<usize, Unclosed> {
    let mut depth = 1usize;
    let mut i = start;
    while i < text.len() {
        match text[i] {
            b'{' => depth += 1,
            b'}' => {
                depth -= 1;
                if depth == 0 {
                    return Ok(i);
                }
            }
            b'"' | b'\'' => {
                // A string that does not close on its line is no string:
                // its quote is an ordinary byte.
                if let Some(end) = skip_string(text, i) {
                    i = end;
                    continue;
                }
            }
            b'-' if text.get(i + 1) == Some(&b'-') => {
                i = match long_bracket_level(text, i + 2) {
                    Some(level) => skip_long_bracket(text, i + 2, level)
                        .ok_or(Unclosed::LongBracket { at: i, level })?,
                    None => text[i..]
                        .iter()
                        .position(|&c| c == b'\n')
                        .map_or(text.len(), |p| i + p),
                };
                continue;
            }
            b'[' => {
                if let Some(level) = long_bracket_level(text, i) {
                    i = skip_long_bracket(text, i, level)
                        .ok_or(Unclosed::LongBracket { at: i, level })?;
                    continue;
                }
            }
            _ => {}
        }
        i += 1;
    }
    Err(Unclosed::Block)
}

/// Past the end of the string opened at `text[at]`, if it closes on its line.
fn skip_string(text: &[u8], at: usize) -> Option<usize> {
    let quote = text[at];
    let mut i = at + 1;
    while i < text.len() {
        match text[i] {
            b'\n' => return None,
            b'\\' if text.get(i + 1) == Some(&b'\n') => return None,
            b'\\' => i += 2,
            c if c == quote => return Some(i + 1),
            _ => i += 1,
        }
    }
    None
}

/// `[[` has level 0, `[==[` level 2; `None` if `text[at..]` opens none.
fn long_bracket_level(text: &[u8], at: usize) -> Option<usize> {
    if text.get(at) != Some(&b'[') {
        return None;
    }
    let eq = text[at + 1..].iter().take_while(|&&c| c == b'=').count();
    (text.get(at + 1 + eq) == Some(&b'[')).then_some(eq)
}

/// Past the `]=*]` that closes the long bracket opened at `text[at]`.
fn skip_long_bracket(text: &[u8], at: usize, level: usize) -> Option<usize> {
    let mut i = at + level + 2;
    while i < text.len() {
        if text[i] == b']' {
            let eq = text[i + 1..].iter().take_while(|&&c| c == b'=').count();
            if eq == level && text.get(i + 1 + eq) == Some(&b']') {
                return Some(i + eq + 2);
            }
        }
        i += 1;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::{find_block_end, Unclosed};

    fn end(s: &str) -> Option<&str> {
        find_block_end(s.as_bytes(), 0).ok().map(|i| &s[..i])
    }

    #[test]
    fn nested_braces() {
        assert_eq!(end(" local t = {a = {}} } x"), Some(" local t = {a = {}} "));
    }

    #[test]
    fn braces_in_strings_and_comments_do_not_count() {
        assert_eq!(
            end(r#" s = "}" .. '\'}' -- }
 }"#),
            Some(" s = \"}\" .. '\\'}' -- }\n ")
        );
        assert_eq!(
            end(" x = [==[ } ]] ]==] --[[ } ]] }"),
            Some(" x = [==[ } ]] ]==] --[[ } ]] ")
        );
    }

    #[test]
    fn unterminated() {
        assert_eq!(find_block_end(b" {", 0), Err(Unclosed::Block));
        assert_eq!(
            find_block_end(b" [[ }", 0),
            Err(Unclosed::LongBracket { at: 1, level: 0 })
        );
        assert_eq!(
            find_block_end(b" --[=[ }", 0),
            Err(Unclosed::LongBracket { at: 1, level: 1 })
        );
    }

    #[test]
    fn a_string_must_close_on_its_line() {
        assert_eq!(end(" s = \"x\n} y"), Some(" s = \"x\n"));
    }
}
