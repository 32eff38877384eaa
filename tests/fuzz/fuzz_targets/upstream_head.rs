//! Arbitrary bytes as an upstream response head (with limits taken from
//! the first bytes): no panic, and the verdict does not depend on how the
//! bytes arrive.
#![no_main]

use libfuzzer_sys::fuzz_target;
use rginx::runtime::upstream_head::{parse_response_head, Limits, Verdict};

fuzz_target!(|data: &[u8]| {
    if data.len() < 3 {
        return;
    }
    let (cfg, input) = data.split_at(3);
    let limits = Limits {
        buffer_size: 1 + usize::from(cfg[0]) * 16,
        head_request: cfg[1] & 2 != 0,
        version: if cfg[1] & 1 == 0 {
            rginx::registry::Version::new(1, 22, 1)
        } else {
            rginx::registry::Version::new(1, 31, 3)
        },
    };

    let whole = parse_response_head(input, &limits);
    match &whole {
        Verdict::Complete(r) => {
            assert!(r.length <= input.len());
            assert_eq!(parse_response_head(&input[..r.length], &limits), whole);
            assert!(r.ignored.iter().all(|&i| i < r.headers.len()));
        }
        Verdict::Http09 { body_start, .. } => assert!(*body_start <= input.len()),
        _ => {}
    }
    // A prefix is undecided or decided the same way; more bytes after a
    // decision change nothing.
    let step = usize::from(cfg[2]).max(1);
    for k in (0..input.len()).step_by(step) {
        match parse_response_head(&input[..k], &limits) {
            Verdict::Partial => {}
            v => assert_eq!(v, whole),
        }
    }
});
