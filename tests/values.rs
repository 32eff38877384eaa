//! `rginx -t` against nginx -t on bad directive values
//! (`fixtures/values/cases.txt`): each case's first error line and exit
//! status, under the 1.31.3 and 1.22.1 profiles.
//!
//! The expected lines are recorded in the file, so rginx is checked
//! without nginx; with nginx installed (always in CI) the records are
//! checked against both binaries too. `VALUES_RECORD=1` rewrites them from
//! the binaries.

mod common;

use common::*;
use std::path::Path;
use std::process::Command;

const CASES: &str = "fixtures/values/cases.txt";
const ACCEPTED: &str = "(accepted)";

/// The versions compared, as `--nginx-version` takes them.
const V122: &str = "1.22.1";
const V131: &str = "1.31.3";

struct Case {
    name: String,
    context: String,
    lines: Vec<String>,
    /// Expected first error line per version (1.22, 1.31).
    expect: (Option<String>, Option<String>),
    /// Why rginx does not agree yet (then it must still disagree).
    gap: Option<String>,
}

fn parse(text: &str) -> Vec<Case> {
    let mut cases: Vec<Case> = Vec::new();
    for line in text.lines() {
        if let Some(rest) = line.strip_prefix("case ") {
            let (name, context) = rest.split_once(' ').expect("case NAME CONTEXT");
            cases.push(Case {
                name: name.to_string(),
                context: context.trim().to_string(),
                lines: Vec::new(),
                expect: (None, None),
                gap: None,
            });
            continue;
        }
        let Some(case) = cases.last_mut() else {
            continue;
        };
        if let Some(l) = line.strip_prefix("    ") {
            case.lines.push(l.to_string());
        } else if let Some(e) = line.strip_prefix("expect ") {
            case.expect = (Some(e.to_string()), Some(e.to_string()));
        } else if let Some(e) = line.strip_prefix("expect-1.22 ") {
            case.expect.0 = Some(e.to_string());
        } else if let Some(e) = line.strip_prefix("expect-1.31 ") {
            case.expect.1 = Some(e.to_string());
        } else if let Some(why) = line.strip_prefix("gap ") {
            case.gap = Some(why.to_string());
        }
    }
    cases
}

/// The case's lines in a minimal complete configuration.
fn config(case: &Case) -> String {
    let open: &[&str] = match case.context.as_str() {
        "main" => &[],
        "events" => &["events {"],
        "http" => &["events {}", "http {"],
        "server" => &["events {}", "http {", "server {"],
        "location" | "if" => &["events {}", "http {", "server {", "location / {"],
        "upstream" => &[
            "events {}",
            "http {",
            "upstream u {",
            "server 127.0.0.1:8081;",
        ],
        other => panic!("{}: unknown context {other}", case.name),
    };
    let mut out = String::new();
    let mut depth = 0;
    let indent = |depth: usize| "    ".repeat(depth);
    for l in open {
        out += &format!("{}{l}\n", indent(depth));
        depth += usize::from(l.ends_with('{'));
    }
    if case.context == "if" {
        out += &format!("{}if ($uri) {{\n", indent(depth));
        depth += 1;
    }
    for l in &case.lines {
        out += &format!("{}{l}\n", indent(depth));
    }
    while depth > 0 {
        depth -= 1;
        out += &format!("{}}}\n", indent(depth));
    }
    if case.context == "main" {
        out += "events {}\n";
    }
    out
}

/// Run `cmd -t -q` on the case in a fresh prefix: the first line above
/// warning level (prefix written `$DIR`, program `nginx`), or
/// `(accepted)`, and whether the exit status agrees with it.
fn first_error(mut cmd: Command, case: &Case) -> (String, bool) {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("logs")).unwrap();
    std::fs::write(dir.path().join("nginx.conf"), config(case)).unwrap();
    let d = dir.path().display().to_string();
    let out = cmd
        .args(["-t", "-q", "-p", &format!("{d}/"), "-c"])
        .arg(format!("{d}/nginx.conf"))
        .args(["-e", "/dev/null"])
        // nginx reads NGINX as inherited sockets.
        .env_remove("NGINX")
        .current_dir(dir.path())
        .output()
        .expect("run -t");
    let stderr = String::from_utf8_lossy(&out.stderr);
    let error = stderr
        .lines()
        .filter(|l| !l.ends_with(" test failed"))
        .find(|l| {
            ["[emerg]", "[alert]", "[crit]", "[error]"]
                .iter()
                .any(|x| l.contains(x))
        })
        .map(|l| {
            let l = l.replace(&d, "$DIR");
            match l.strip_prefix("rginx:") {
                Some(rest) => format!("nginx:{rest}"),
                None => l,
            }
        });
    let status_agrees = error.is_some() != out.status.success();
    (error.unwrap_or_else(|| ACCEPTED.into()), status_agrees)
}

fn rginx_as(version: &str) -> Command {
    let mut c = rginx();
    c.args(["--nginx-version", version]);
    c
}

fn cases() -> Vec<Case> {
    parse(&std::fs::read_to_string(root().join(CASES)).unwrap())
}

#[test]
fn every_case_has_its_record() {
    let cases = cases();
    assert!(cases.len() >= 150, "{} cases", cases.len());
    let mut names = std::collections::HashSet::new();
    for c in &cases {
        assert!(names.insert(&c.name), "case {} twice", c.name);
        assert!(!c.lines.is_empty(), "case {} has no lines", c.name);
        assert!(
            c.expect.0.is_some() && c.expect.1.is_some(),
            "case {} has no expected line for each version (VALUES_RECORD=1)",
            c.name
        );
    }
}

#[test]
fn rginx_agrees_with_the_records() {
    let mut failures = Vec::new();
    let mut stale = Vec::new();
    let cases = cases();
    let mut agreed = 0;
    for case in &cases {
        let mut differs = Vec::new();
        for (version, expect) in [(V122, &case.expect.0), (V131, &case.expect.1)] {
            let Some(expect) = expect else { continue };
            let (got, status) = first_error(rginx_as(version), case);
            if &got != expect || !status {
                differs.push(format!(
                    "{} ({version})\n  nginx: {expect}\n  rginx: {got}{}",
                    case.name,
                    if status {
                        ""
                    } else {
                        " (exit status disagrees)"
                    }
                ));
            } else {
                agreed += 1;
            }
        }
        match (&case.gap, differs.is_empty()) {
            (None, _) => failures.extend(differs),
            (Some(_), true) => stale.push(case.name.clone()),
            (Some(_), false) => {}
        }
    }
    eprintln!(
        "rginx -t agrees with nginx on {agreed} of {} case runs (2 versions)",
        2 * cases.len()
    );
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert!(
        stale.is_empty(),
        "now agree, remove their gap lines: {stale:?}"
    );
}

/// The records are what the binaries print; `VALUES_RECORD=1` rewrites
/// them.
#[test]
fn records_match_real_nginx() {
    let (Some(n122), Some(n131)) = (nginx_1_22(), nginx_1_31()) else {
        return;
    };
    let record = std::env::var_os("VALUES_RECORD").is_some();
    let mut failures = Vec::new();
    let mut got = Vec::new();
    for case in cases() {
        let (a, a_ok) = first_error(Command::new(&n122), &case);
        let (b, b_ok) = first_error(Command::new(&n131), &case);
        assert!(
            a_ok && b_ok,
            "{}: exit status without an error line",
            case.name
        );
        if (Some(&a), Some(&b)) != (case.expect.0.as_ref(), case.expect.1.as_ref()) {
            failures.push(format!("{}\n  1.22: {a}\n  1.31: {b}", case.name));
        }
        got.push((case.name, a, b));
    }
    if record {
        rewrite(&root().join(CASES), &got);
        return;
    }
    assert!(
        failures.is_empty(),
        "records differ from nginx (VALUES_RECORD=1 to rewrite):\n{}",
        failures.join("\n")
    );
}

/// Replace every case's expect lines with the ones given.
fn rewrite(path: &Path, got: &[(String, String, String)]) {
    let text = std::fs::read_to_string(path).unwrap();
    let mut out = String::new();
    let mut current: Option<&(String, String, String)> = None;
    let flush = |out: &mut String, c: Option<&(String, String, String)>| {
        if let Some((_, a, b)) = c {
            if a == b {
                *out += &format!("expect {a}\n");
            } else {
                *out += &format!("expect-1.22 {a}\nexpect-1.31 {b}\n");
            }
        }
    };
    for line in text.lines() {
        if line.starts_with("expect") {
            continue;
        }
        let starts_case = line.starts_with("case ");
        if starts_case || (!line.starts_with("    ") && current.is_some()) {
            flush(&mut out, current.take());
        }
        if let Some(rest) = line.strip_prefix("case ") {
            let name = rest.split(' ').next().unwrap();
            current = got.iter().find(|g| g.0 == name);
        }
        out += line;
        out.push('\n');
    }
    flush(&mut out, current);
    std::fs::write(path, out).unwrap();
}
