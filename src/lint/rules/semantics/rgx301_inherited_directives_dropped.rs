use super::util::{
    chain, effective_one, first_list, level_kind, level_name, set_at, KEEPALIVE_DEFAULTS,
};
use crate::lint::{Category, Finding, Model, RuleInfo, Severity};

pub const RULE: RuleInfo = RuleInfo {
    code: "RGX301",
    name: "inherited-directives-dropped",
    severity: Severity::Warning,
    category: Category::Semantics,
    summary: "Setting one `proxy_set_header`/`add_header`/`error_page`/... at a level discards every one set around it.",
    doc: "## What it does\nFor `proxy_set_header`, `add_header`, `error_page`, `proxy_hide_header` and `fastcgi_param`, \
reports a server, location, `if` or `limit_except` block that sets at least one of them while the enclosing level \
sets others it does not repeat, and names the entries that are lost.\n\n\
## Why is this bad?\nThese directives build a list, and nginx hands the list down to an inner level only when that \
level has no entry of its own. One `add_header` in a location is enough for every header added by the server to \
vanish from that location's responses; one `proxy_set_header` drops the server's `X-Forwarded-For` and friends. \
Nothing warns at startup. (nginx still sends its own `Host $proxy_host` and `Connection close` unless they are \
overridden, so those are not reported when the enclosing level only restates them; with nginx 1.29.3 or later, \
`add_header_inherit merge;` makes `add_header` lists add up instead.)\n\n\
## Example\n```nginx\nserver {\n    add_header X-Frame-Options DENY;\n    location /api/ {\n        \
add_header Cache-Control no-store;   # X-Frame-Options is no longer sent here\n    }\n}\n```\n",
    check,
};

const LISTS: &[&str] = &[
    "proxy_set_header",
    "add_header",
    "error_page",
    "proxy_hide_header",
    "fastcgi_param",
];

/// The entries a node contributes, as written: header or parameter names,
/// or an `error_page`'s status codes.
fn keys(m: &Model, name: &str, i: usize) -> Vec<String> {
    let args = &m.nodes[i].d.args;
    if name == "error_page" {
        let codes = &args[..args.len().saturating_sub(1)];
        return codes
            .iter()
            .map(|a| a.text().into_owned())
            .filter(|c| !c.is_empty() && c.bytes().all(|b| b.is_ascii_digit()))
            .collect();
    }
    args.first()
        .map(|a| a.text().into_owned())
        .into_iter()
        .collect()
}

fn same(name: &str, a: &str, b: &str) -> bool {
    if name == "error_page" || name == "fastcgi_param" {
        a == b
    } else {
        a.eq_ignore_ascii_case(b)
    }
}

/// `proxy_set_header` entries that only restate what nginx sends anyway.
fn restates_default(m: &Model, i: usize) -> bool {
    let args = &m.nodes[i].d.args;
    let (Some(h), Some(v)) = (args.first(), args.get(1)) else {
        return false;
    };
    let (h, v) = (h.text(), v.text());
    (h.eq_ignore_ascii_case("host") && v == "$proxy_host")
        || (h.eq_ignore_ascii_case("connection")
            && v.eq_ignore_ascii_case("close")
            && m.opts.nginx_version < KEEPALIVE_DEFAULTS)
}

/// What happens to the lost entries, around their list.
fn lost_text(name: &str, list: &str, kind: &str) -> String {
    match name {
        "proxy_set_header" => {
            format!("request headers {list} are not sent upstream from this {kind}")
        }
        "add_header" => format!("response headers {list} are not added in this {kind}"),
        "error_page" => format!("error pages for {list} are not used in this {kind}"),
        "proxy_hide_header" => format!("headers {list} are no longer hidden in this {kind}"),
        _ => format!("parameters {list} are not passed in this {kind}"),
    }
}

fn check(m: &Model, out: &mut Vec<Finding>) {
    for i in 0..m.nodes.len() {
        let Some(kind) = level_kind(m, i) else {
            continue;
        };
        if kind == "http" {
            continue;
        }
        for &name in LISTS {
            let own = set_at(m, Some(i), name);
            if own.is_empty() {
                continue;
            }
            if name == "add_header" {
                let mode = effective_one(m, i, "add_header_inherit")
                    .and_then(|n| m.nodes[n].d.args.first())
                    .map(|a| a.text().to_ascii_lowercase());
                if matches!(mode.as_deref(), Some("merge" | "off")) {
                    continue;
                }
            }
            let Some((outer, theirs)) = first_list(m, chain(m, i).skip(1), name) else {
                continue;
            };
            let mine: Vec<String> = own.iter().flat_map(|&o| keys(m, name, o)).collect();
            let mut lost: Vec<String> = Vec::new();
            for &t in &theirs {
                if name == "proxy_set_header" && restates_default(m, t) {
                    continue;
                }
                for k in keys(m, name, t) {
                    // Security headers are reported by RGX406 instead.
                    let security = name == "add_header"
                        && crate::lint::rules::security::rgx406_security_headers_dropped::SECURITY
                            .contains(&k.to_ascii_lowercase().as_str());
                    if !security && !mine.iter().chain(&lost).any(|x| same(name, x, &k)) {
                        lost.push(k);
                    }
                }
            }
            if lost.is_empty() {
                continue;
            }
            let outer = level_name(m, outer);
            let here = match kind {
                "if" => "\"if\" block",
                "limit_except" => "\"limit_except\" block",
                k => k,
            };
            out.push(
                Finding::new(
                    &RULE,
                    m.span(own[0]),
                    format!(
                        "\"{name}\" here replaces the enclosing {outer}'s list: its {}",
                        lost_text(name, &lost.join(", "), here)
                    ),
                )
                .help(format!(
                    "nginx inherits \"{name}\" only into levels that set none: repeat the missing ones here"
                )),
            );
        }
    }
}
