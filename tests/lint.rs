//! Lint rules against their fixtures: `fixtures/lint/<CODE>/trigger*.conf`
//! must produce that code, `ok*.conf` must not; the findings of that code
//! are snapshots. A fixture's first lines may say `# context: http` or
//! `# nginx-version: 1.22`. Every rule has both kinds of fixture.

mod common;

use rginx::lint::{self, render, rules, LintOptions};
use rginx::registry::{Ctx, Version};
use rginx::syntax::{include, LoadOptions};
use std::path::Path;

fn options_for(text: &str) -> LintOptions {
    let mut opts = LintOptions::default();
    for line in text.lines().take_while(|l| l.starts_with('#')) {
        if let Some(c) = line.strip_prefix("# context: ") {
            opts.context = Ctx::from_name(c.trim()).expect("known context");
        }
        if let Some(v) = line.strip_prefix("# nginx-version: ") {
            opts.nginx_version = Version::parse(v.trim()).expect("a version");
        }
    }
    opts
}

/// Lint one file; the text report of the findings with `code` (paths
/// relative to the repository).
fn findings(path: &Path, code: &str) -> (usize, String) {
    let text = std::fs::read_to_string(path).unwrap();
    let opts = options_for(&text);
    let config = include::load(path, &LoadOptions::default()).unwrap();
    let found: Vec<_> = lint::lint(&config, &opts)
        .into_iter()
        .filter(|f| f.code == code)
        .collect();
    let n = found.len();
    let root = format!("{}/", common::root().display());
    (
        n,
        render::text(&render::locate(found, &config.sources)).replace(&root, ""),
    )
}

#[test]
fn every_rule_has_trigger_and_ok_fixtures() {
    let base = common::root().join("fixtures/lint");
    let mut missing = Vec::new();
    for rule in &rules::ALL {
        let dir = base.join(rule.code);
        let names: Vec<String> = std::fs::read_dir(&dir)
            .map(|d| {
                d.filter_map(|e| e.ok())
                    .map(|e| e.file_name().to_string_lossy().into_owned())
                    .collect()
            })
            .unwrap_or_default();
        if !names.iter().any(|n| n.starts_with("trigger"))
            || !names.iter().any(|n| n.starts_with("ok"))
        {
            missing.push(rule.code);
        }
    }
    assert!(
        missing.is_empty(),
        "rules without trigger/ok fixtures: {missing:?}"
    );
    assert!(rules::ALL.len() >= 10, "{} rules", rules::ALL.len());
}

#[test]
fn fixtures_trigger_exactly_their_rule() {
    let base = common::root().join("fixtures/lint");
    let mut problems = Vec::new();
    for rule in &rules::ALL {
        let dir = base.join(rule.code);
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        let mut files: Vec<_> = entries
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.is_file())
            .collect();
        files.sort();
        for path in files {
            let file = path.file_name().unwrap().to_string_lossy().into_owned();
            if !file.ends_with(".conf") {
                continue;
            }
            let (n, report) = findings(&path, rule.code);
            if file.starts_with("trigger") && n == 0 {
                problems.push(format!("{}/{file}: no {} finding", rule.code, rule.code));
            }
            if file.starts_with("ok") && n != 0 {
                problems.push(format!(
                    "{}/{file}: unexpected finding\n{report}",
                    rule.code
                ));
            }
            let name = format!("{}__{}", rule.code, file.trim_end_matches(".conf"));
            insta::assert_snapshot!(name, report);
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// The seed configs: what lint says about each, in full.
#[test]
fn seed_lint_reports() {
    for entry in std::fs::read_dir(common::root().join("fixtures/configs")).unwrap() {
        let path = entry.unwrap().path();
        let config = include::load(&path, &LoadOptions::default()).unwrap();
        let found = lint::lint(&config, &LintOptions::default());
        let root = format!("{}/", common::root().display());
        let report = render::text(&render::locate(found, &config.sources)).replace(&root, "");
        let name = format!("seed__{}", path.file_stem().unwrap().to_string_lossy());
        insta::assert_snapshot!(name, report);
    }
}

/// Rules whose fixtures are all configurations nginx accepts (other rules'
/// fixtures may be refused by nginx on purpose: validity and version
/// rules, certificates that are not there).
const NGINX_ACCEPTS: &[&str] = &["RGX301", "RGX313", "RGX314"];

/// Those fixtures pass `nginx -t`: nginx 1.22, or nginx 1.31.3 for the
/// ones that target a later version (`# nginx-version:`). Fragments
/// (`# context:`) are not whole configurations and are left out.
#[test]
fn routing_fixtures_pass_nginx_t() {
    let Some(old) = common::nginx_1_22() else {
        return;
    };
    let new = common::nginx_1_31();
    let mut checked = 0;
    for code in NGINX_ACCEPTS {
        let dir = common::root().join("fixtures/lint").join(code);
        let mut files: Vec<_> = std::fs::read_dir(&dir)
            .unwrap()
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "conf"))
            .collect();
        files.sort();
        for path in files {
            let text = std::fs::read_to_string(&path).unwrap();
            let header = || text.lines().take_while(|l| l.starts_with('#'));
            if header().any(|l| l.starts_with("# context:")) {
                continue;
            }
            let version = header()
                .find_map(|l| l.strip_prefix("# nginx-version: "))
                .and_then(|v| Version::parse(v.trim()));
            let binary = match version {
                Some(Version {
                    major: 1, minor, ..
                }) if minor > 22 => match &new {
                    Some(b) => b,
                    None => continue,
                },
                _ => &old,
            };
            let tmp = tempfile::tempdir().unwrap();
            std::fs::create_dir(tmp.path().join("logs")).unwrap();
            std::fs::write(tmp.path().join("nginx.conf"), &text).unwrap();
            let said = common::test_config(std::process::Command::new(binary), tmp.path());
            assert!(
                said.trim().is_empty(),
                "{}: nginx -t ({}) says:\n{said}",
                path.display(),
                binary.display()
            );
            checked += 1;
        }
    }
    assert!(checked >= 10, "only {checked} fixtures checked");
}
