//! Every config of `../shared/corpus/files` parses to crossplane's tree
//! (`../shared/corpus/expected`), except the differences listed, with their
//! reasons, in `grammar/README.md` (section "Known divergences from
//! crossplane") and in `KNOWN_DIFFERENCES` below.

mod common;

use rginx::syntax::{crossplane, include, LoadOptions};
use serde_json::Value;

/// Files where rginx follows nginx and crossplane does not (see
/// grammar/README.md for each).
const KNOWN_DIFFERENCES: &[&str] = &[
    // `${uri} /abc/${uri}.html`: crossplane's `${` scan runs past the space;
    // nginx ends the word there (two arguments).
    "nginxinc__crossplane/tests/configs/messy/nginx.conf",
];

fn norm(stmts: &Value) -> Value {
    let list = stmts.as_array().cloned().unwrap_or_default();
    Value::Array(
        list.iter()
            .filter(|s| s["directive"] != "#")
            .map(|s| {
                let mut o = serde_json::Map::new();
                o.insert("directive".into(), s["directive"].clone());
                o.insert("line".into(), s["line"].clone());
                o.insert("args".into(), s["args"].clone());
                if let Some(b) = s.get("block") {
                    o.insert("block".into(), norm(b));
                }
                Value::Object(o)
            })
            .collect(),
    )
}

fn first_diff(a: &Value, b: &Value, path: &str) -> Option<String> {
    match (a, b) {
        (Value::Array(x), Value::Array(y)) => {
            for (i, (p, q)) in x.iter().zip(y).enumerate() {
                if let Some(d) = first_diff(p, q, &format!("{path}[{i}]")) {
                    return Some(d);
                }
            }
            (x.len() != y.len()).then(|| format!("{path}: length {} != {}", x.len(), y.len()))
        }
        (Value::Object(x), Value::Object(y)) => {
            for k in ["directive", "args", "line", "block"] {
                match (x.get(k), y.get(k)) {
                    (Some(p), Some(q)) => {
                        if let Some(d) = first_diff(p, q, &format!("{path}.{k}")) {
                            return Some(format!(
                                "{d} (directive {} line {})",
                                x["directive"], x["line"]
                            ));
                        }
                    }
                    (None, None) => {}
                    _ => return Some(format!("{path}.{k}: present in one only")),
                }
            }
            None
        }
        _ => (a != b).then(|| format!("{path}: {a} != {b}")),
    }
}

#[test]
fn corpus_matches_crossplane() {
    let Some(shared) = common::shared() else {
        eprintln!("skipped: ../shared/corpus is absent");
        return;
    };
    let files = shared.join("corpus/files");
    let expected_dir = shared.join("corpus/expected");
    let manifest = std::fs::read_to_string(shared.join("corpus/MANIFEST.tsv")).unwrap();
    let header: Vec<&str> = manifest.lines().next().unwrap().split('\t').collect();
    let col = header.iter().position(|h| *h == "relpath").unwrap();
    let (mut passed, mut failed, mut skipped) = (0, 0, 0);
    let mut unexpected = Vec::new();
    for line in manifest.lines().skip(1) {
        let rel = line.split('\t').nth(col).unwrap();
        let exp: Value = serde_json::from_str(
            &std::fs::read_to_string(expected_dir.join(format!("{rel}.json"))).unwrap(),
        )
        .unwrap();
        if exp["status"] != "ok" {
            skipped += 1;
            continue;
        }
        let opts = LoadOptions {
            single_file: true,
            ..LoadOptions::default()
        };
        let config = include::load(&files.join(rel), &opts).unwrap();
        let payload = serde_json::to_value(crossplane::payload(&config, false)).unwrap();
        let ours = norm(&payload["config"][0]["parsed"]);
        match first_diff(&norm(&exp["parsed"]), &ours, "parsed") {
            None => passed += 1,
            Some(d) => {
                failed += 1;
                if !KNOWN_DIFFERENCES.contains(&rel) {
                    unexpected.push(format!("{rel}: {d}"));
                }
            }
        }
    }
    let rate = 100.0 * passed as f64 / (passed + failed) as f64;
    eprintln!("corpus: {passed} passed, {failed} failed, {skipped} skipped (crossplane failed) = {rate:.1}%");
    assert!(
        unexpected.is_empty(),
        "unexpected differences:\n{}",
        unexpected.join("\n")
    );
    assert!(rate >= 99.0, "{rate:.1}% < 99%");
}
