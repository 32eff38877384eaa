use super::util::{in_http, split_url};
use crate::lint::{Category, Finding, Model, RuleInfo, Severity};

pub const RULE: RuleInfo = RuleInfo {
    code: "RGX305",
    name: "proxy-pass-uri-in-regex-location",
    severity: Severity::Error,
    category: Category::Semantics,
    summary: "`proxy_pass` with a URI part where nginx cannot replace the location prefix.",
    doc: "## What it does\nReports a `proxy_pass` URL with a URI part (anything after the host and port, a lone \
`/` included) in a regex location (`~`, `~*`), a named location (`@name`), an `if` block or a `limit_except` \
block, unless the URL contains variables.\n\n\
## Why is this bad?\nA URI part in `proxy_pass` means \"replace the part of the request URI that matched the \
location prefix with this\". In those places there is no prefix to replace, so nginx refuses the configuration: \
`\"proxy_pass\" cannot have URI part in location given by regular expression, ...`.\n\n\
## Example\n```nginx\nlocation ~ ^/api/ {\n    proxy_pass http://127.0.0.1:8080/;   # write: http://127.0.0.1:8080\n}\n```\n",
    check,
};

/// Why a URI part is not allowed in the block holding `proxy_pass`.
fn place(m: &Model, block: usize) -> Option<&'static str> {
    let d = m.nodes[block].d;
    if d.is("if") {
        return Some("inside an \"if\" block");
    }
    if d.is("limit_except") {
        return Some("inside a \"limit_except\" block");
    }
    if !d.is("location") {
        return None;
    }
    let first = d.args.first()?;
    if d.args.len() >= 2 {
        return (first.is("~") || first.is("~*")).then_some("in a regex location");
    }
    match first.value.first() {
        Some(b'~') => Some("in a regex location"),
        Some(b'@') => Some("in a named location"),
        _ => None,
    }
}

fn check(m: &Model, out: &mut Vec<Finding>) {
    for (i, n) in m.named("proxy_pass") {
        let (Some(block), Some(url)) = (n.parent, n.d.args.first()) else {
            continue;
        };
        if !in_http(m, i) {
            continue;
        }
        let url = url.text();
        if url.contains('$') {
            continue;
        }
        let Some((_, _, Some(uri))) = split_url(&url) else {
            continue;
        };
        let Some(place) = place(m, block) else {
            continue;
        };
        out.push(
            Finding::new(
                &RULE,
                m.span(i),
                format!("\"proxy_pass\" cannot have a URI part (\"{uri}\") {place}"),
            )
            .help("remove the URI part; to change the URI, use \"rewrite ... break;\" before proxy_pass"),
        );
    }
}
