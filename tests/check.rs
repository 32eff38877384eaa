//! `rginx -t` against nginx's own messages, on every config in
//! `fixtures/check/{err,ok}` (goldens recorded from nginx 1.22.1).
//!
//! `fixtures/check/KNOWN_GAPS` lists the cases rginx does not agree with
//! yet, each with the reason. A listed case must still disagree, so the list
//! cannot go stale; every other case must agree.

mod common;

use common::*;
use std::collections::BTreeMap;

fn known_gaps() -> BTreeMap<String, String> {
    let text = std::fs::read_to_string(root().join("fixtures/check/KNOWN_GAPS")).unwrap();
    text.lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .map(|l| {
            let (name, why) = l.split_once(char::is_whitespace).unwrap_or((l, ""));
            (name.to_string(), why.trim().to_string())
        })
        .collect()
}

fn all_cases() -> Vec<std::path::PathBuf> {
    let base = root().join("fixtures/check");
    let mut v = cases(&base.join("err"));
    v.extend(cases(&base.join("ok")));
    v
}

fn name(dir: &std::path::Path) -> String {
    dir.file_name().unwrap().to_string_lossy().into_owned()
}

#[test]
fn rginx_agrees_with_nginx_messages() {
    let gaps = known_gaps();
    let mut failures = Vec::new();
    let mut stale = Vec::new();
    let (mut agreed, mut total) = (0, 0);
    for dir in all_cases() {
        let case = name(&dir);
        let expected = std::fs::read_to_string(dir.join("expected.txt")).unwrap();
        let got = test_config(rginx(), &dir);
        total += 1;
        let same = got.trim_end() == expected.trim_end();
        agreed += usize::from(same);
        match (same, gaps.contains_key(&case)) {
            (false, false) => failures.push(format!(
                "{case}\n  nginx: {}\n  rginx: {}",
                expected.trim_end(),
                got
            )),
            (true, true) => stale.push(case),
            _ => {}
        }
    }
    eprintln!(
        "rginx -t agrees with nginx on {agreed} of {total} fixtures ({} known gaps)",
        gaps.len()
    );
    assert!(
        failures.is_empty(),
        "disagreements:\n{}",
        failures.join("\n")
    );
    assert!(
        stale.is_empty(),
        "now agree, remove from KNOWN_GAPS: {stale:?}"
    );
}

#[test]
fn known_gaps_name_existing_cases() {
    let names: Vec<String> = all_cases().iter().map(|d| name(d)).collect();
    for gap in known_gaps().keys() {
        assert!(names.contains(gap), "KNOWN_GAPS names a missing case {gap}");
    }
}

/// The goldens are nginx's real output (needs nginx 1.22 from apt).
#[test]
fn goldens_match_real_nginx() {
    let Some(nginx) = nginx_1_22() else { return };
    let mut failures = Vec::new();
    for dir in all_cases() {
        let case = name(&dir);
        // Host-specific texts: only the user lookup needs root.
        if case == "0171_user_unknown" && std::env::var("USER").is_ok_and(|u| u != "root") {
            continue;
        }
        let expected = std::fs::read_to_string(dir.join("expected.txt")).unwrap();
        let got = test_config(std::process::Command::new(&nginx), &dir);
        if got.trim_end() != expected.trim_end() {
            failures.push(format!(
                "{case}\n  golden: {}\n  nginx:  {}",
                expected.trim_end(),
                got
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "goldens differ from nginx:\n{}",
        failures.join("\n")
    );
}
