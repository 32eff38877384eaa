use super::common::{children_named, inherited_array, is_level, parent_level};
use crate::lint::{Category, Finding, Model, RuleInfo, Severity};

pub const RULE: RuleInfo = RuleInfo {
    code: "RGX411",
    name: "allow-without-deny",
    severity: Severity::Warning,
    category: Category::Security,
    summary: "`allow` rules with no `deny` after them: every address is still allowed.",
    doc: "## What it does\nReports a block whose `allow` rules (other than `allow all`) are not followed by any `deny`. \
The access rules of a block replace the enclosing block's entirely, so a `deny all` at the server level does not \
count for a location that has an `allow` of its own.\n\n\
## Why is this bad?\nnginx checks the rules in order and lets the request through when none matches. `allow` alone \
restricts nothing: the addresses it lists were allowed anyway, and so is everyone else. The author almost \
certainly meant to close the block to other addresses.\n\n\
## Example\n```nginx\nserver {\n    deny all;\n    location /admin/ {\n        allow 10.0.0.0/8;   # replaces deny all: open to everyone\n    }\n}\n\
# write: allow 10.0.0.0/8; deny all;\n```\n",
    check,
};

fn check(m: &Model, out: &mut Vec<Finding>) {
    let mut levels: Vec<Option<usize>> = vec![None];
    levels.extend((0..m.nodes.len()).filter(|&i| is_block(m, i)).map(Some));
    for level in levels {
        let rules = children_named(m, level, &["allow", "deny"]);
        let Some(&first) = rules.first() else {
            continue;
        };
        let allows_all = rules.iter().any(|&r| {
            m.node(r).d.is("allow") && m.node(r).d.args.first().is_some_and(|a| a.is("all"))
        });
        if allows_all || rules.iter().any(|&r| m.node(r).d.is("deny")) {
            continue;
        }
        let replaced = level
            .filter(|&l| is_level(m, l))
            .map(|l| inherited_array(m, parent_level(m, l), &["allow", "deny"]))
            .unwrap_or_default()
            .into_iter()
            .any(|r| m.node(r).d.is("deny"));
        let message = if replaced {
            "allow without deny: these rules replace the enclosing deny rules, so every address is allowed here"
        } else {
            "allow without deny: addresses that match no rule are allowed, so every address is allowed here"
        };
        out.push(
            Finding::new(&RULE, m.span(first), message).help("end the rules with \"deny all;\""),
        );
    }
}

/// Blocks that hold access rules: http levels, and stream servers.
fn is_block(m: &Model, i: usize) -> bool {
    let n = m.node(i);
    is_level(m, i) || n.d.is("server") || n.d.is("stream")
}
