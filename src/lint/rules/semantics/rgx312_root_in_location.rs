use super::util::{arg, effective_one};
use crate::lint::{Category, Finding, Model, RuleInfo, Severity};
use crate::registry::Ctx;

pub const RULE: RuleInfo = RuleInfo {
    code: "RGX312",
    name: "root-in-location",
    severity: Severity::Info,
    category: Category::Semantics,
    summary: "Every location repeats the same `root` while the server has none.",
    doc: "## What it does\nReports a server without a `root` (of its own or from `http`) in which every location \
that sets `root` sets the same directory.\n\n\
## Why is this bad?\nA location without `root` does not fall back to a sibling's: it uses the server's, and when \
there is none, nginx's compiled-in default, the `html` directory under its prefix. Any location added later \
without its own `root` (or a request that ends up in one, such as an error page or an internal redirect) then \
serves files from an unexpected place. One `root` in the server says it once and covers them all.\n\n\
## Example\n```nginx\nserver {\n    # write: root /srv/www;\n    location / { root /srv/www; }\n    \
location /img/ { root /srv/www; }\n}\n```\n",
    check,
};

fn check(m: &Model, out: &mut Vec<Finding>) {
    for (s, n) in m.named("server") {
        if !n.ctx.intersects(Ctx::HTTP_MAIN) || effective_one(m, s, "root").is_some() {
            continue;
        }
        let locations: Vec<usize> = m
            .named("location")
            .filter(|&(l, _)| m.enclosing(l, "server") == Some(s))
            .map(|(l, _)| l)
            .collect();
        if locations.len() < 2 {
            continue;
        }
        let roots: Vec<usize> = locations
            .iter()
            .filter_map(|&l| {
                m.nodes[l]
                    .children
                    .iter()
                    .rev()
                    .copied()
                    .find(|&c| m.nodes[c].d.is("root"))
            })
            .collect();
        let Some(&first) = roots.first() else {
            continue;
        };
        let value = arg(m, first, 0).unwrap_or_default();
        if roots
            .iter()
            .any(|&r| arg(m, r, 0).unwrap_or_default() != value)
        {
            continue;
        }
        let which = if roots.len() == 1 {
            "the only location here with \"root\" sets".to_string()
        } else if roots.len() == 2 {
            "both locations here with \"root\" set".to_string()
        } else {
            format!("all {} locations here with \"root\" set", roots.len())
        };
        out.push(
            Finding::new(
                &RULE,
                m.span(first),
                format!(
                    "{which} \"{value}\", but the server has none: locations without one fall back to nginx's default \"html\" directory"
                ),
            )
            .help(format!("set \"root {value};\" once in the server and remove it from the locations")),
        );
    }
}
