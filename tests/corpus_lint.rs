//! Lint every config of `../shared/corpus`: no crash, and the figures the
//! project tracks: how many files would run on rginx today (no
//! `unsupported-directive` finding) and which unsupported directives
//! block the most files.

mod common;

use rginx::lint::{self, LintOptions};
use rginx::registry::Ctx;
use rginx::syntax::{include, LoadOptions};
use std::collections::{BTreeMap, BTreeSet};

#[test]
fn corpus_lints_without_crash() {
    let Some(shared) = common::shared() else {
        eprintln!("skipped: ../shared/corpus is absent");
        return;
    };
    let files = shared.join("corpus/files");
    let manifest = std::fs::read_to_string(shared.join("corpus/MANIFEST.tsv")).unwrap();
    let (mut total, mut runs_today) = (0, 0);
    let mut blocking: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for line in manifest.lines().skip(1) {
        let rel = line.split('\t').nth(9).unwrap();
        let path = files.join(rel);
        let config = include::load(&path, &LoadOptions::default()).unwrap();
        // Snippets (no `http`/`events` at the top) are read as http content.
        let top = &config.file(config.main).directives;
        let main_level = top
            .iter()
            .any(|d| d.is("http") || d.is("events") || d.is("stream"));
        let opts = LintOptions {
            context: if main_level {
                Ctx::MAIN
            } else {
                Ctx::HTTP_MAIN
            },
            ..LintOptions::default()
        };
        let found = lint::lint(&config, &opts);
        total += 1;
        let unsupported: Vec<_> = found.iter().filter(|f| f.code == "RGX101").collect();
        if unsupported.is_empty() {
            runs_today += 1;
        }
        for f in unsupported {
            let name = f.message.split('"').nth(1).unwrap_or_default().to_string();
            blocking.entry(name).or_default().insert(rel.to_string());
        }
    }
    let mut top: Vec<(usize, String)> = blocking.into_iter().map(|(n, f)| (f.len(), n)).collect();
    top.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    eprintln!("corpus lint: {total} files, {runs_today} with no unsupported directive");
    for (n, name) in top.iter().take(20) {
        eprintln!("  {n:4} files  {name}");
    }
    assert_eq!(total, 210);
}
