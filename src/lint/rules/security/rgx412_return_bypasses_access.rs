use super::common::{access_in_effect, access_own, level_of, redirect_url};
use crate::lint::{Category, Finding, Model, RuleInfo, Severity};

pub const RULE: RuleInfo = RuleInfo {
    code: "RGX412",
    name: "return-bypasses-access",
    severity: Severity::Warning,
    category: Category::Security,
    summary: "`return` (or a redirecting `rewrite`) answers before `allow`/`deny`/`auth_basic`/`auth_request` run.",
    doc: "## What it does\nReports `return` with a status below 400 and `rewrite … redirect|permanent` (or to an \
absolute URL) in a location or server that restricts access with `allow`/`deny`, `auth_basic` or `auth_request` at \
the same level (an `if` inside it counts as the same level). A `return` that sends content (2xx) is also reported \
when the restriction is inherited from an enclosing level. `rewrite … last` and `break` are not reported: they do \
not end the request, and the access phase still runs.\n\n\
## Why is this bad?\nThe rewrite module works in the rewrite phase, which comes before the access phase. `return` \
ends the request right there, so `deny all` and `auth_basic` in the same block never get to run: the response goes \
to everyone.\n\n\
## Example\n```nginx\nlocation /internal {\n    deny all;\n    return 200 \"secret\";   # sent to every client\n}\n```\n",
    check,
};

fn check(m: &Model, out: &mut Vec<Finding>) {
    for (i, n) in m.nodes.iter().enumerate() {
        let content = if n.d.is("return") {
            let args = m.args(i);
            let code = args.first().and_then(|c| c.parse::<u32>().ok());
            match code {
                Some(c) if c >= 400 => continue,
                Some(c) => (200..300).contains(&c),
                None => false,
            }
        } else if n.d.is("rewrite") && redirect_url(m, i).is_some() {
            false
        } else {
            continue;
        };
        // The location or server whose rewrite phase runs this.
        let Some(level) = std::iter::successors(level_of(m, i), |&l| level_of(m, l))
            .find(|&l| !m.node(l).d.is("if"))
        else {
            continue;
        };
        let same_level = access_own(m, level);
        let inherited = content && access_in_effect(m, Some(level));
        if !(same_level || inherited) {
            continue;
        }
        out.push(
            Finding::new(
                &RULE,
                m.span(i),
                format!(
                    "\"{}\" runs in the rewrite phase, before the access checks of this {}: they never apply to these requests",
                    n.d.name_text(),
                    m.node(level).d.name_text()
                ),
            )
            .help("move the return into a location of its own without access rules, or check access with a map and if before returning"),
        );
    }
}
