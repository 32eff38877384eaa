//! Every lexical edge case in `grammar/cases/` (each confirmed against real
//! nginx when it was written): the tree rginx reads, with raw and decoded
//! arguments, or the syntax error nginx reports, at the same line.

mod common;

use rginx::check;
use rginx::syntax::ast::{Body, Directive, Quote};
use rginx::syntax::{include, LoadOptions};
use serde_json::{json, Value};

fn hex(b: &[u8]) -> String {
    b.iter().map(|c| format!("{c:02x}")).collect()
}

fn arg_json(raw: &[u8], value: &[u8], quote: Quote) -> Value {
    match (std::str::from_utf8(raw), std::str::from_utf8(value)) {
        (Ok(r), Ok(v)) if quote == Quote::None && r == v => json!(v),
        (Ok(r), Ok(v)) => json!({"raw": r, "value": v}),
        _ => json!({"raw_hex": hex(raw), "value_hex": hex(value)}),
    }
}

fn tree(list: &[Directive]) -> Value {
    Value::Array(
        list.iter()
            .map(|d| {
                let mut o = serde_json::Map::new();
                o.insert("name".into(), json!(String::from_utf8_lossy(&d.name.value)));
                if d.name.raw() != &*d.name.value {
                    o.insert(
                        "name_raw".into(),
                        json!(String::from_utf8_lossy(d.name.raw())),
                    );
                }
                let args = d
                    .args
                    .iter()
                    .map(|a| arg_json(a.raw(), &a.value, a.quote))
                    .collect();
                o.insert("args".into(), Value::Array(args));
                match &d.body {
                    Body::Block(b) => {
                        o.insert("block".into(), tree(&b.directives));
                    }
                    Body::Lua(code) => {
                        o.insert("lua".into(), json!(String::from_utf8_lossy(&code.value)));
                    }
                    Body::None => {}
                }
                Value::Object(o)
            })
            .collect(),
    )
}

#[test]
fn grammar_cases() {
    let dir = common::root().join("grammar/cases");
    let mut names: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    names.sort();
    assert!(names.len() >= 40, "only {} cases", names.len());
    let mut failures = Vec::new();
    for json_path in &names {
        let case = json_path
            .file_stem()
            .unwrap()
            .to_string_lossy()
            .into_owned();
        let spec: Value =
            serde_json::from_str(&std::fs::read_to_string(json_path).unwrap()).unwrap();
        let opts = LoadOptions {
            command_line: spec["g"].as_str().map(str::to_string),
            ..LoadOptions::default()
        };
        let config = include::load(&dir.join(format!("{case}.conf")), &opts).unwrap();
        let main = config.file(config.main);
        if spec["syntax"] == "ok" {
            if let Some(e) = main.errors.first() {
                failures.push(format!(
                    "{case}: unexpected syntax error {} at {}",
                    e.kind,
                    config.sources.line_of(e.span)
                ));
                continue;
            }
            if let Some(expected) = spec.get("tree") {
                let got = tree(&main.directives);
                if &got != expected {
                    failures.push(format!("{case}: tree\n  want {expected}\n  got  {got}"));
                }
            }
            for inc in spec["includes"].as_array().into_iter().flatten() {
                let path = dir.join(inc["file"].as_str().unwrap());
                // Files a glob did not match are in the case only to keep
                // its folder; nginx never reads them.
                let Some(id) = config.sources.find_path(&path) else {
                    continue;
                };
                let got = tree(&config.file(id).directives);
                if got != inc["tree"] {
                    failures.push(format!(
                        "{case}: include tree\n  want {}\n  got  {got}",
                        inc["tree"]
                    ));
                }
            }
        } else {
            let want = &spec["syntax"];
            let got = main
                .errors
                .first()
                .map(|e| (e.kind.to_string(), config.sources.line_of(e.span)));
            let want_pair = (
                want["message"].as_str().unwrap_or_default().to_string(),
                want["line"].as_u64().unwrap_or(0) as u32,
            );
            if got.as_ref() != Some(&want_pair) {
                failures.push(format!(
                    "{case}: syntax error\n  want {want_pair:?}\n  got  {got:?}"
                ));
            }
        }
        // Where nginx itself fails, -t must say the same, except for checks
        // that need the routing IR (fixtures/check/KNOWN_GAPS has their kind).
        let ir_level = ["027-quote-glued-after-word", "053-if-paren-then-quote"];
        if let Some(err) = spec
            .get("error")
            .filter(|_| spec["nginx"] != "ok" && !ir_level.contains(&case.as_str()))
        {
            let result = check::check(&config);
            let got = result
                .fatal
                .map(|i| result.diagnostics[i].message.clone())
                .unwrap_or_default();
            // A case recorded with a dynamic module installed: where that
            // module's file is absent, nginx stops at its load_module
            // line instead, and so must -t.
            let missing_module = spec.get("requires").and_then(|_| {
                main.directives
                    .iter()
                    .filter(|d| d.name_text() == "load_module")
                    .filter_map(|d| d.args.first())
                    .map(|a| String::from_utf8_lossy(&a.value).into_owned())
                    .find(|p| !std::path::Path::new(p).exists())
            });
            let want = match missing_module {
                Some(p) => format!(
                    "dlopen() \"{p}\" failed ({p}: cannot open shared object file: No such file or directory)"
                ),
                None => err["message"]
                    .as_str()
                    .unwrap()
                    .replace("{dir}", &dir.display().to_string()),
            };
            if got != want {
                failures.push(format!("{case}: -t message\n  want {want}\n  got  {got}"));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} cases differ:\n{}",
        failures.len(),
        names.len(),
        failures.join("\n")
    );
}
