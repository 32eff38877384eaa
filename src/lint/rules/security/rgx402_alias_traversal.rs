use super::common::{location, LocKind};
use crate::lint::{Category, Finding, Model, RuleInfo, Severity};

pub const RULE: RuleInfo = RuleInfo {
    code: "RGX402",
    name: "alias-traversal",
    severity: Severity::Error,
    category: Category::Security,
    summary: "A prefix location without a trailing `/` serves an `alias` that ends with `/`: `..` walks out of it.",
    doc: "## What it does\nReports `alias` in a prefix location (`location /i`, `location ^~ /i`) whose path does not end \
with `/` while the alias path does.\n\n\
## Why is this bad?\nnginx replaces the matched prefix with the alias. `/i../secret` matches `location /i`, and the rest \
of the URI, `../secret`, is appended to `/data/w/`: the file served is `/data/w/../secret`, one directory above what \
was meant to be public (the off-by-slash path traversal).\n\n\
## Example\n```nginx\nlocation /i {\n    alias /data/w/;   # /i../secret serves /data/secret\n}\n\
# write: location /i/ { alias /data/w/; }\n```\n",
    check,
};

fn check(m: &Model, out: &mut Vec<Finding>) {
    for (_, n) in m.named("alias") {
        let Some(loc) = n.parent else { continue };
        let Some((kind, path, _)) = location(m, loc) else {
            continue;
        };
        if !matches!(kind, LocKind::Prefix | LocKind::PrefixNoRegex) || path.ends_with('/') {
            continue;
        }
        let Some(alias) = n.d.args.first() else {
            continue;
        };
        if !alias.text().ends_with('/') {
            continue;
        }
        out.push(
            Finding::new(
                &RULE,
                Some(alias.span),
                format!(
                    "\"location {path}\" does not end with \"/\" but its alias does: \"{path}../\" reaches the parent of \"{}\"",
                    alias.text()
                ),
            )
            .help(format!("end the location with a slash: \"location {path}/\"")),
        );
    }
}
