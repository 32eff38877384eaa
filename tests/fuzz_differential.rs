//! The differential request fuzzer against real nginx: 2000 generated
//! requests (fixed seed) per nginx version, sent to nginx and to rginx
//! with the same version profile, must get the same statuses and make
//! the backends receive the same bytes. Skips without the nginx binaries
//! (fails in CI, where they must be installed).

mod common;

use rginx::conformance::fuzz::{self, FuzzOptions};
use std::path::Path;
use std::time::{Duration, Instant};

const CASES: u64 = 2000;
/// Each version's run must stay within this.
const BUDGET: Duration = Duration::from_secs(90);

fn no_differences(nginx: &Path) {
    let opts = FuzzOptions {
        cases: CASES,
        seed: fuzz::DEFAULT_SEED,
        only: None,
        rginx: env!("CARGO_BIN_EXE_rginx").into(),
    };
    let started = Instant::now();
    let report = fuzz::run_profile(nginx, &opts).expect("start nginx and rginx");
    let text = fuzz::render(&report);
    assert_eq!(report.cases, CASES);
    assert!(report.died.is_none(), "{text}");
    assert_eq!(report.failed(), 0, "{text}");
    assert!(
        started.elapsed() < BUDGET,
        "{CASES} cases took {:?}\n{text}",
        started.elapsed()
    );
    eprintln!("{}", text.lines().last().unwrap_or_default());
}

#[test]
fn rginx_answers_generated_requests_as_nginx_1_22_does() {
    if let Some(bin) = common::nginx_1_22() {
        no_differences(&bin);
    }
}

#[test]
fn rginx_answers_generated_requests_as_nginx_1_31_does() {
    if let Some(bin) = common::nginx_1_31() {
        no_differences(&bin);
    }
}

/// The harness itself is deterministic: nginx compared with itself (as
/// the server under test) shows no difference.
#[test]
fn nginx_against_itself_shows_no_difference() {
    let Some(bin) = common::nginx_1_22() else {
        return;
    };
    let opts = FuzzOptions {
        cases: 400,
        seed: 99,
        only: None,
        rginx: bin.clone(),
    };
    let report = fuzz::run_profile(&bin, &opts).expect("start nginx twice");
    let text = fuzz::render(&report);
    assert_eq!((report.cases, report.failed()), (400, 0), "{text}");
    assert_eq!(report.unconfirmed, 0, "{text}");
    assert_eq!(report.per_class.len(), fuzz::Class::ALL.len(), "{text}");
}
