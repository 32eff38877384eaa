use crate::lint::{Category, Finding, Model, RuleInfo, Severity};
use crate::registry::Ctx;

pub const RULE: RuleInfo = RuleInfo {
    code: "RGX309",
    name: "if-in-location",
    severity: Severity::Warning,
    category: Category::Semantics,
    summary: "An `if` in a location holding more than `return`, `rewrite`, `set` or `break`.",
    doc: "## What it does\nReports an `if` block inside a location when it contains directives other than \
`return`, `rewrite`, `set` and `break`.\n\n\
## Why is this bad?\nAn `if` in a location is not a conditional statement: when its condition holds, the request \
switches to a separate, nameless location configuration made from the block. Settings that are not inherited \
into it (`try_files`, the lists of `add_header` or `proxy_set_header` once the block sets one) silently stop \
applying, and several directives in one `if` can interact in surprising ways. The rewrite-module directives \
are the ones that behave as expected there.\n\n\
## Example\n```nginx\nlocation / {\n    try_files $uri /index.html;\n    if ($http_origin) {\n        \
add_header Access-Control-Allow-Origin *;   # and try_files no longer applies\n    }\n}\n```\n",
    check,
};

const SAFE: &[&str] = &["return", "rewrite", "set", "break", "include"];

fn check(m: &Model, out: &mut Vec<Finding>) {
    for (i, n) in m.named("if") {
        if !n.ctx.intersects(Ctx::HTTP_LOC) || n.d.block().is_none() {
            continue;
        }
        let mut other: Vec<String> = Vec::new();
        for &c in &n.children {
            let name = m.nodes[c].d.name_text().into_owned();
            if !SAFE.contains(&name.as_str()) && !other.contains(&name) {
                other.push(name);
            }
        }
        if other.is_empty() {
            continue;
        }
        let list = other
            .iter()
            .map(|o| format!("\"{o}\""))
            .collect::<Vec<_>>()
            .join(", ");
        out.push(
            Finding::new(
                &RULE,
                m.span(i),
                format!(
                    "\"if\" in a location with {list}: when it matches, the request is served by the if block's own configuration, and settings of the location that are not inherited into it are lost"
                ),
            )
            .help("keep only return, rewrite, set and break in it; choose configurations with map or separate locations instead"),
        );
    }
}
