//! The registry agrees with nginx's own directive tables, extracted once
//! from nginx's sources into `src/registry/data/` (see its README).

mod common;

use rginx::registry::{self, Arity, Ctx};
use std::collections::BTreeSet;

fn rows(file: &str) -> Vec<Vec<String>> {
    let text =
        std::fs::read_to_string(common::root().join("src/registry/data").join(file)).unwrap();
    text.lines()
        .skip(1)
        .map(|l| l.split('\t').map(str::to_string).collect())
        .collect()
}

/// Differences between nginx versions the registry does not record (it
/// follows the newest); others are its rows' `arity_before`.
const CHANGED_SINCE_1_22: &[&str] = &[
    "ssl_ocsp", // FLAG in 1.22, TAKE1 ("on", "off" or "leaf") later
];

fn check_file(file: &str) -> usize {
    let mut problems = Vec::new();
    let all = rows(file);
    for r in &all {
        let (module, name, contexts, arity) = (&r[0], &r[1], &r[2], &r[3]);
        let Some(spec) = registry::lookup(name.as_bytes())
            .iter()
            .find(|s| s.module == module)
        else {
            problems.push(format!("{module} {name}: missing"));
            continue;
        };
        let ctx = contexts
            .split(',')
            .filter_map(Ctx::from_nginx_flag)
            .fold(Ctx::NONE, Ctx::or);
        let shape = arity
            .split(',')
            .filter_map(Arity::from_nginx_flag)
            .fold(Arity(0), Arity::or);
        let block = arity.split(',').any(|a| a == "BLOCK");
        let changed = file.contains("1.22") && CHANGED_SINCE_1_22.contains(&name.as_str());
        let ours = if file.contains("1.22") {
            spec.arity_in(rginx::registry::Version::new(1, 22, 1))
        } else {
            spec.arity
        };
        if !changed && (spec.ctx != ctx || ours != shape || spec.block != block) {
            problems.push(format!(
                "{module} {name}: registry {:?} {:?} block={} vs nginx {contexts} {arity}",
                spec.ctx, spec.arity, spec.block
            ));
        }
    }
    assert!(problems.is_empty(), "{file}:\n{}", problems.join("\n"));
    all.len()
}

#[test]
fn registry_matches_nginx_1_31_sources() {
    let n = check_file("nginx-1.31.3.tsv");
    assert!(n > 700, "only {n} rows");
}

#[test]
fn registry_keeps_nginx_1_22_directives() {
    check_file("nginx-1.22.1.tsv");
}

#[test]
fn registry_has_third_party_and_plus_directives() {
    check_file("third-party.tsv");
    check_file("nginx-plus.tsv");
}

/// Every directive name real configs use is known, except the ones listed
/// (modules with no public directive table).
#[test]
fn corpus_directives_are_known() {
    let Some(shared) = common::shared() else {
        eprintln!("skipped: ../shared/corpus is absent");
        return;
    };
    let text = std::fs::read_to_string(shared.join("corpus/directive-frequency.tsv")).unwrap();
    let unknown: BTreeSet<&str> = text
        .lines()
        .skip(1)
        .map(|l| l.split('\t').nth(1).unwrap())
        .filter(|name| registry::lookup(name.as_bytes()).is_empty())
        .collect();
    assert!(
        unknown.is_empty(),
        "top corpus directives unknown to the registry: {unknown:?}"
    );
}
