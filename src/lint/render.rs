//! One finding model, four outputs: text, JSON, SARIF 2.1.0, GitHub.

use super::{rule, Finding, Severity};
use crate::source::SourceMap;
use serde_json::{json, Value};

/// Where a finding is, resolved against the sources it came from (lint
/// may read several configurations in one run).
#[derive(Clone, Debug)]
pub struct Place {
    pub file: String,
    pub line: u32,
    pub column: u32,
    pub end_line: u32,
    pub end_column: u32,
}

/// A finding with its place resolved.
#[derive(Clone, Debug)]
pub struct Located {
    pub finding: Finding,
    pub place: Option<Place>,
}

pub fn locate(findings: Vec<Finding>, sources: &SourceMap) -> Vec<Located> {
    findings
        .into_iter()
        .map(|finding| {
            let place = finding.span.map(|span| {
                let src = sources.get(span.file);
                let (line, column) = src.line_col(span.lo);
                let (end_line, end_column) = src.line_col(span.hi);
                Place {
                    file: src.display_name(),
                    line,
                    column,
                    end_line,
                    end_column,
                }
            });
            Located { finding, place }
        })
        .collect()
}

fn name(code: &str) -> &'static str {
    rule(code).map_or("", |r| r.name)
}

/// `file:line:col: severity[CODE] message`, a help line, and a summary.
pub fn text(findings: &[Located]) -> String {
    let mut out = String::new();
    for Located { finding: f, place } in findings {
        let at = match place {
            Some(p) => format!("{}:{}:{}: ", p.file, p.line, p.column),
            None => String::new(),
        };
        out.push_str(&format!(
            "{at}{}[{}] {}\n",
            f.severity.as_str(),
            f.code,
            f.message
        ));
        if let Some(help) = &f.help {
            out.push_str(&format!("  help: {help}\n"));
        }
    }
    let count = |s| findings.iter().filter(|l| l.finding.severity == s).count();
    out.push_str(&format!(
        "{} problems ({} errors, {} warnings, {} info)\n",
        findings.len(),
        count(Severity::Error),
        count(Severity::Warning),
        count(Severity::Info)
    ));
    out
}

pub fn json(findings: &[Located]) -> Value {
    Value::Array(
        findings
            .iter()
            .map(
                |Located {
                     finding: f,
                     place: p,
                 }| {
                    json!({
                        "code": f.code,
                        "name": name(f.code),
                        "severity": f.severity.as_str(),
                        "category": rule(f.code).map(|r| r.category.as_str()),
                        "message": f.message,
                        "help": f.help,
                        "file": p.as_ref().map(|p| p.file.clone()),
                        "line": p.as_ref().map(|p| p.line),
                        "column": p.as_ref().map(|p| p.column),
                        "end_line": p.as_ref().map(|p| p.end_line),
                        "end_column": p.as_ref().map(|p| p.end_column),
                    })
                },
            )
            .collect(),
    )
}

fn sarif_level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

/// SARIF 2.1.0, as GitHub code scanning reads it.
pub fn sarif(findings: &[Located]) -> Value {
    let rules: Vec<Value> = super::rules::ALL
        .iter()
        .map(|r| {
            json!({
                "id": r.code,
                "name": r.name,
                "shortDescription": {"text": r.summary},
                "fullDescription": {"text": r.doc},
                "defaultConfiguration": {"level": sarif_level(r.severity)},
                "properties": {"tags": [r.category.as_str()]},
            })
        })
        .collect();
    let results: Vec<Value> = findings
        .iter()
        .map(|Located { finding: f, place }| {
            let mut text = f.message.clone();
            if let Some(help) = &f.help {
                text.push_str(&format!(" ({help})"));
            }
            let mut result = json!({
                "ruleId": f.code,
                "level": sarif_level(f.severity),
                "message": {"text": text},
            });
            if let Some(index) = super::rules::ALL.iter().position(|r| r.code == f.code) {
                result["ruleIndex"] = json!(index);
            }
            if let Some(p) = place {
                result["locations"] = json!([{
                    "physicalLocation": {
                        "artifactLocation": {"uri": p.file.trim_start_matches('/')},
                        "region": {
                            "startLine": p.line,
                            "startColumn": p.column,
                            "endLine": p.end_line,
                            "endColumn": p.end_column,
                        }
                    }
                }]);
            }
            result
        })
        .collect();
    json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "rginx",
                "version": env!("CARGO_PKG_VERSION"),
                "rules": rules,
            }},
            "results": results,
        }]
    })
}

/// GitHub Actions workflow commands: annotations on the pull request.
pub fn github(findings: &[Located]) -> String {
    let mut out = String::new();
    for Located { finding: f, place } in findings {
        let level = match f.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "notice",
        };
        let escape = |s: &str| {
            s.replace('%', "%25")
                .replace('\r', "%0D")
                .replace('\n', "%0A")
        };
        let message = escape(&f.message);
        match place {
            Some(p) => out.push_str(&format!(
                "::{level} file={},line={},col={},endLine={},endColumn={},title={} {}::{message}\n",
                p.file,
                p.line,
                p.column,
                p.end_line,
                p.end_column,
                f.code,
                name(f.code)
            )),
            None => out.push_str(&format!(
                "::{level} title={} {}::{message}\n",
                f.code,
                name(f.code)
            )),
        }
    }
    out
}
