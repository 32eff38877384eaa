//! Decoding a `Transfer-Encoding: chunked` body incrementally: a small state
//! machine over `httparse::parse_chunk_size`, fed whatever bytes have
//! arrived so far.

/// A chunked body that is not well formed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ChunkError {
    #[error("invalid chunk size line")]
    Size,
    #[error("chunk data not followed by CRLF")]
    DataEnd,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum State {
    /// Expecting a chunk-size line.
    Size,
    /// Inside chunk data, with this many bytes left.
    Data(u64),
    /// Expecting the CRLF after chunk data.
    DataEnd,
    /// After the last chunk: trailer lines up to an empty line.
    Trailer,
    Done,
}

/// Incremental decoder: [`feed`](Self::feed) it bytes until
/// [`is_done`](Self::is_done).
#[derive(Debug, Clone)]
pub struct ChunkedDecoder {
    state: State,
}

impl Default for ChunkedDecoder {
    fn default() -> Self {
        Self::new()
    }
}

impl ChunkedDecoder {
    pub fn new() -> Self {
        ChunkedDecoder { state: State::Size }
    }

    pub fn is_done(&self) -> bool {
        self.state == State::Done
    }

    /// Decode what `input` allows, appending data to `out`; returns how
    /// many bytes of `input` were consumed (the rest must be fed again with
    /// more bytes after it).
    pub fn feed(&mut self, input: &[u8], out: &mut Vec<u8>) -> Result<usize, ChunkError> {
        let mut pos = 0;
        loop {
            let rest = &input[pos..];
            match self.state {
                State::Done => return Ok(pos),
                State::Size => match httparse::parse_chunk_size(rest) {
                    Ok(httparse::Status::Complete((n, size))) => {
                        pos += n;
                        self.state = if size == 0 {
                            State::Trailer
                        } else {
                            State::Data(size)
                        };
                    }
                    Ok(httparse::Status::Partial) => return Ok(pos),
                    Err(_) => return Err(ChunkError::Size),
                },
                State::Data(left) => {
                    if rest.is_empty() {
                        return Ok(pos);
                    }
                    let take = usize::try_from(left).unwrap_or(usize::MAX).min(rest.len());
                    out.extend_from_slice(&rest[..take]);
                    pos += take;
                    let left = left - take as u64;
                    self.state = if left == 0 {
                        State::DataEnd
                    } else {
                        State::Data(left)
                    };
                }
                State::DataEnd => {
                    if rest.len() < 2 {
                        return Ok(pos);
                    }
                    if &rest[..2] != b"\r\n" {
                        return Err(ChunkError::DataEnd);
                    }
                    pos += 2;
                    self.state = State::Size;
                }
                State::Trailer => match rest.windows(2).position(|w| w == b"\r\n") {
                    None => return Ok(pos),
                    Some(i) => {
                        pos += i + 2;
                        if i == 0 {
                            self.state = State::Done;
                        }
                    }
                },
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_in_any_split() {
        let wire = b"4;ext=1\r\nWiki\r\n5\r\npedia\r\n0\r\nX-T: 1\r\n\r\nNEXT";
        for split in 0..wire.len() {
            let mut d = ChunkedDecoder::new();
            let mut out = Vec::new();
            let mut buf = wire[..split].to_vec();
            let n = d.feed(&buf, &mut out).unwrap();
            buf.drain(..n);
            buf.extend_from_slice(&wire[split..]);
            let n = d.feed(&buf, &mut out).unwrap();
            assert!(d.is_done(), "split {split}");
            assert_eq!(out, b"Wikipedia");
            assert_eq!(&buf[n..], b"NEXT");
        }
    }

    #[test]
    fn rejects_garbage() {
        let mut out = Vec::new();
        assert!(ChunkedDecoder::new().feed(b"zz\r\n", &mut out).is_err());
        assert!(ChunkedDecoder::new().feed(b"1\r\nabc", &mut out).is_err());
    }
}
