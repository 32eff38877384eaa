use crate::lint::{Category, Finding, Model, RuleInfo, Severity};
use crate::registry::Support;

pub const RULE: RuleInfo = RuleInfo {
    code: "RGX102",
    name: "ignored-directive",
    severity: Severity::Info,
    category: Category::Compatibility,
    summary: "rginx accepts this directive and does nothing with it.",
    doc: "## What it does\nReports directives whose registry status is *Ignored*: rginx has no equivalent \
(an accept mutex, socket corking) and accepts them with no effect, with the reason.\n\n\
## Why is this bad?\nIt is not: the behaviour a user can observe is unchanged. The note says why, \
so nobody tunes a setting that does nothing.\n\n\
## Example\n```nginx\nevents {\n    accept_mutex on;   # rginx's runtime has no accept mutex\n}\n```\n",
    check,
};

fn check(m: &Model, out: &mut Vec<Finding>) {
    for (i, n) in m.nodes.iter().enumerate() {
        if let Some(Support::Ignored(why)) = n.spec.map(|s| s.support) {
            out.push(Finding::new(
                &RULE,
                m.span(i),
                format!("\"{}\" has no effect in rginx: {why}", n.d.name_text()),
            ));
        }
    }
}
