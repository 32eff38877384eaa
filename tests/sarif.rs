//! `rginx lint --format sarif` is valid SARIF 2.1.0 (the OASIS schema, in
//! `tests/data/`), with what GitHub code scanning needs: a driver with rules,
//! results with ruleId, level, message and a region.

mod common;

use common::*;

fn sarif_of(args: &[&str]) -> serde_json::Value {
    let out = rginx()
        .arg("lint")
        .arg("--format")
        .arg("sarif")
        .args(args)
        .current_dir(root())
        .output()
        .unwrap();
    serde_json::from_slice(&out.stdout).expect("SARIF is JSON")
}

#[test]
fn sarif_output_matches_the_schema() {
    let text = std::fs::read_to_string(root().join("tests/data/sarif-schema-2.1.0.json")).unwrap();
    // The schema's `language` pattern ends in a bare `]`, valid in JavaScript
    // but refused by the validator's regex engine; rginx never writes a
    // `language`, so that pattern is escaped here.
    let bad = r#""^[a-zA-Z]{2}|^[a-zA-Z]{2}-[a-zA-Z]{2}]?$""#;
    assert!(text.contains(bad));
    let text = text.replace(bad, r#""^[a-zA-Z]{2}|^[a-zA-Z]{2}-[a-zA-Z]{2}\\]?$""#);
    let schema: serde_json::Value = serde_json::from_str(&text).unwrap();
    let validator = jsonschema::validator_for(&schema).expect("the schema compiles");
    for args in [
        vec!["fixtures/configs/seed-002b-https-wss.conf"],
        vec!["fixtures/lint/NGX001/trigger-text-after-quote.conf"],
        vec!["fixtures/lint/NGX008/ok-events.conf"],
    ] {
        let log = sarif_of(&args);
        let errors: Vec<String> = validator
            .iter_errors(&log)
            .map(|e| format!("{e} at {}", e.instance_path()))
            .collect();
        assert!(errors.is_empty(), "{args:?}: {errors:#?}");
        // The validator does catch a broken log.
        let mut broken = log.clone();
        broken["runs"][0]["tool"]["driver"]["rules"][0]["defaultConfiguration"]["level"] =
            "fatal".into();
        assert!(!validator.is_valid(&broken));
        let run = &log["runs"][0];
        assert_eq!(log["version"], "2.1.0");
        assert_eq!(run["tool"]["driver"]["name"], "rginx");
        assert!(run["tool"]["driver"]["rules"].as_array().unwrap().len() >= 10);
        for result in run["results"].as_array().unwrap() {
            assert!(result["ruleId"].is_string() && result["message"]["text"].is_string());
            let region = &result["locations"][0]["physicalLocation"]["region"];
            assert!(region["startLine"].as_u64().unwrap() >= 1);
        }
    }
}
