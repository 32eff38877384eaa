//! Arbitrary bytes as a request head (with limits taken from the first
//! bytes) and as a chunked body: no panic, and the verdict does not depend
//! on how the bytes arrive.
#![no_main]

use libfuzzer_sys::fuzz_target;
use rginx::runtime::head::{parse_head, ChunkError, ChunkStatus, Chunked, Limits, Verdict};

/// Feed `body` in parts of the given sizes (cycled): the data, where the
/// body ended, or the error.
fn feed(
    version: (u16, u16, u16),
    body: &[u8],
    sizes: &[u8],
) -> Result<(Vec<u8>, Option<usize>), ChunkError> {
    let mut c = Chunked::new(version).max_body(1 << 16);
    let mut out = Vec::new();
    let mut at = 0;
    let mut i = 0;
    while at < body.len() {
        let n = if sizes.is_empty() {
            body.len()
        } else {
            usize::from(sizes[i % sizes.len()]).max(1)
        };
        i += 1;
        let part = &body[at..(at + n).min(body.len())];
        match c.feed(part, &mut out)? {
            ChunkStatus::NeedMore { consumed } => {
                assert_eq!(consumed, part.len());
                at += consumed;
            }
            ChunkStatus::Done { consumed } => {
                assert!(consumed <= part.len());
                return Ok((out, Some(at + consumed)));
            }
        }
    }
    Ok((out, None))
}

fuzz_target!(|data: &[u8]| {
    if data.len() < 6 {
        return;
    }
    let (cfg, input) = data.split_at(6);
    let version = if cfg[3] & 1 == 0 {
        rginx::registry::Version::new(1, 22, 1)
    } else {
        rginx::registry::Version::new(1, 31, 3)
    };
    let limits = Limits {
        header_buffer: 1 + usize::from(cfg[0]) * 4,
        large_buffers: usize::from(cfg[1] % 5),
        large_size: 1 + usize::from(cfg[2]) * 8,
        ignore_invalid_headers: cfg[3] & 2 == 0,
        underscores_in_headers: cfg[3] & 4 != 0,
        max_headers: if cfg[3] & 8 == 0 {
            1000
        } else {
            usize::from(cfg[4] % 8)
        },
        allow_connect: cfg[3] & 16 != 0,
        check_uri: None,
        // A Host line switches to the other header settings.
        server_for: (cfg[3] & 32 != 0).then(|| {
            let settings = rginx::runtime::head::HeaderSettings {
                ignore_invalid_headers: cfg[3] & 2 != 0,
                underscores_in_headers: cfg[3] & 4 == 0,
            };
            std::sync::Arc::new(move |_: &[u8]| settings) as rginx::runtime::head::ServerFor
        }),
        version,
    };

    // The head: a prefix is undecided or decided the same way.
    let whole = parse_head(input, &limits);
    if let Verdict::Complete(h) = &whole {
        assert!(h.length <= input.len());
        assert_eq!(parse_head(&input[..h.length], &limits), whole);
    }
    let step = usize::from(cfg[5]).max(1);
    for k in (0..input.len()).step_by(step) {
        match parse_head(&input[..k], &limits) {
            Verdict::Partial => {}
            v => assert_eq!(v, whole),
        }
    }

    // The body: any split gives what one read gives.
    let once = feed(version, input, &[]);
    let split = feed(version, input, &cfg[..3]);
    assert_eq!(once, split);
    let bytewise = feed(version, input, &[1]);
    assert_eq!(once, bytewise);
});
