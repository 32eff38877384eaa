use crate::lint::{Category, Finding, Model, RuleInfo, Severity};

pub const RULE: RuleInfo = RuleInfo {
    code: "RGX409",
    name: "autoindex-enabled",
    severity: Severity::Info,
    category: Category::Security,
    summary: "`autoindex on` lists directory contents to anyone.",
    doc: "## What it does\nReports `autoindex on`.\n\n\
## Why is this bad?\nA request for a directory without an index file gets a listing of every file in it: backups, \
editor swap files, `.git` leftovers and uploads nobody linked to become easy to find. Listings are sometimes \
wanted (a download area); this is an informational reminder to make sure it is.\n\n\
## Example\n```nginx\nlocation /files/ {\n    autoindex on;   # every file under /files/ is listed\n}\n```\n",
    check,
};

fn check(m: &Model, out: &mut Vec<Finding>) {
    for (i, n) in m.named("autoindex") {
        if n.d.args.first().is_some_and(|a| a.is("on")) {
            out.push(
                Finding::new(
                    &RULE,
                    m.span(i),
                    "autoindex on: directory listings are public",
                )
                .help("turn it off, or restrict the location with allow/deny or auth_basic"),
            );
        }
    }
}
