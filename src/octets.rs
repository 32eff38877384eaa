//! Request bytes as text, without loss.
//!
//! nginx passes a request's target and header values on byte for byte,
//! bytes >= 0x80 included, valid UTF-8 or not. The routing IR works on
//! `String`s, so bytes that are not valid UTF-8 are carried as characters
//! of a private-use block (U+10FF80..=U+10FFFF, one per byte) and turned
//! back into the same bytes wherever the request leaves rginx (the
//! upstream request, the logs). Valid UTF-8 is kept as it is, except the
//! characters of that block themselves, which are carried byte by byte
//! too, so that every byte string comes back unchanged.

/// The first character of the block: byte `b` is `BASE + (b - 0x80)`.
const BASE: u32 = 0x10_FF80;

fn carried(c: char) -> Option<u8> {
    let n = u32::from(c);
    (BASE..=BASE + 0x7f)
        .contains(&n)
        .then(|| (n - BASE + 0x80) as u8)
}

fn carry(b: u8, out: &mut String) {
    // b >= 0x80: BASE + 0x7f is the last scalar value of plane 16.
    if let Some(c) = char::from_u32(BASE + u32::from(b) - 0x80) {
        out.push(c);
    }
}

/// The bytes as text: unchanged when they are UTF-8 without the block's
/// characters.
pub fn to_text(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len());
    let mut rest = bytes;
    while !rest.is_empty() {
        match std::str::from_utf8(rest) {
            Ok(s) => {
                push_valid(s, &mut out);
                break;
            }
            Err(e) => {
                let (valid, after) = rest.split_at(e.valid_up_to());
                // The prefix is valid UTF-8 by construction.
                push_valid(std::str::from_utf8(valid).unwrap_or_default(), &mut out);
                let bad = e.error_len().unwrap_or(after.len());
                for &b in &after[..bad] {
                    carry(b, &mut out);
                }
                rest = &after[bad..];
            }
        }
    }
    out
}

fn push_valid(s: &str, out: &mut String) {
    for c in s.chars() {
        if carried(c).is_some() {
            let mut buf = [0u8; 4];
            for &b in c.encode_utf8(&mut buf).as_bytes() {
                carry(b, out);
            }
        } else {
            out.push(c);
        }
    }
}

/// Append the bytes `text` stands for.
pub fn push_bytes(text: &str, out: &mut Vec<u8>) {
    if text.is_ascii() {
        out.extend_from_slice(text.as_bytes());
        return;
    }
    for c in text.chars() {
        match carried(c) {
            Some(b) => out.push(b),
            None => {
                let mut buf = [0u8; 4];
                out.extend_from_slice(c.encode_utf8(&mut buf).as_bytes());
            }
        }
    }
}

/// The bytes `text` stands for.
pub fn to_bytes(text: &str) -> Vec<u8> {
    let mut out = Vec::with_capacity(text.len());
    push_bytes(text, &mut out);
    out
}

/// Bytes that mix raw bytes with carried characters (a target whose
/// percent-escapes were decoded) as text: the carried characters become
/// their bytes again first.
pub fn mixed_to_text(bytes: &[u8]) -> String {
    let mut real = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        // A carried character is 4 bytes of UTF-8: F4 8F BE|BF xx.
        let c = bytes
            .get(i..i + 4)
            .and_then(|b| std::str::from_utf8(b).ok())
            .and_then(|s| s.chars().next())
            .and_then(carried);
        match c {
            Some(b) => {
                real.push(b);
                i += 4;
            }
            None => {
                real.push(bytes[i]);
                i += 1;
            }
        }
    }
    to_text(&real)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_byte_string_comes_back() {
        let cases: &[&[u8]] = &[
            b"plain ascii",
            b"a\x80b\xff",
            "caf\u{e9}".as_bytes(),
            b"\xc3",
            b"\xf4\x8f\xbf\xbf",
            "\u{10FF80}\u{10FFFF}x".as_bytes(),
            b"\x00\x01\x7f",
            b"",
        ];
        for &c in cases {
            assert_eq!(to_bytes(&to_text(c)), c, "{c:?}");
        }
        for b in 0..=255u8 {
            assert_eq!(to_bytes(&to_text(&[b, b'x', b])), [b, b'x', b]);
        }
    }

    #[test]
    fn decoded_escapes_beside_carried_bytes() {
        let mut mixed = to_text(b"/a\x80").into_bytes();
        mixed.push(0xff);
        assert_eq!(to_bytes(&mixed_to_text(&mixed)), b"/a\x80\xff");
    }

    #[test]
    fn utf8_stays_as_it_is() {
        assert_eq!(to_text("caf\u{e9} /x?y".as_bytes()), "caf\u{e9} /x?y");
        assert_eq!(to_text(b"a\x80").chars().count(), 2);
    }
}
