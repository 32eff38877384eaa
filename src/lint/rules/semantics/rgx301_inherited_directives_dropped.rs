use super::util::{level_kind, level_name, set_at, KEEPALIVE_DEFAULTS};
use crate::ir::location::Setting;
use crate::ir::merge::Levels;
use crate::lint::routing::LevelStack;
use crate::lint::{Category, Finding, Model, RuleInfo, Severity};
use crate::registry::Version;

/// Where nginx added `add_header_inherit`.
const ADD_HEADER_INHERIT: Version = Version::new(1, 29, 3);

pub const RULE: RuleInfo = RuleInfo {
    code: "RGX301",
    name: "inherited-directives-dropped",
    severity: Severity::Warning,
    category: Category::Semantics,
    summary: "Setting one `proxy_set_header`/`add_header`/`error_page`/... at a level discards every one set around it.",
    doc: "## What it does\nFor `proxy_set_header`, `add_header`, `error_page`, `proxy_hide_header` and `fastcgi_param`, \
reports a server, location (nested ones too) or `if` block that sets at least one of them and so loses entries it \
would otherwise inherit, and names the entries lost. What is lost is computed with the merge the IR runs \
(`ir::merge::Levels`): the list the level would have if it set none, minus the list it has, along the whole \
http → server → location → nested location → `if` chain, and with `add_header_inherit` as the targeted nginx \
version has it (1.29.3 or later: under `merge` a level adds the enclosing lists to its own, so nothing is lost; \
`off` drops them on purpose and is not reported).\n\n\
## Why is this bad?\nThese directives build a list, and nginx hands the list down to an inner level only when that \
level has no entry of its own. One `add_header` in a location is enough for every header added by the server to \
vanish from that location's responses; one `proxy_set_header` drops the server's `X-Forwarded-For` and friends. \
Nothing warns at startup. (nginx still sends its own `Host $proxy_host` and `Connection close` unless they are \
overridden, so those are not reported when the enclosing level only restates them.)\n\n\
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

/// The entries of `name` in effect at `levels`, as nginx merges them.
fn effective<'l>(m: &Model, levels: &Levels<'l>, name: &str) -> Vec<&'l Setting> {
    if name == "add_header" {
        levels.headers(name, m.opts.nginx_version)
    } else {
        levels.list(name)
    }
}

fn check(m: &Model, out: &mut Vec<Finding>) {
    for i in 0..m.nodes.len() {
        let Some(kind) = level_kind(m, i) else {
            continue;
        };
        if kind == "http" || LISTS.iter().all(|name| set_at(m, Some(i), name).is_empty()) {
            continue;
        }
        let stack = LevelStack::new(m, i);
        let here = stack.levels();
        let Some(parent) = here.parent() else {
            continue;
        };
        for &name in LISTS {
            let own = set_at(m, Some(i), name);
            if own.is_empty() {
                continue;
            }
            if name == "add_header"
                && m.opts.nginx_version >= ADD_HEADER_INHERIT
                && here
                    .value("add_header_inherit")
                    .and_then(|s| s.args.first())
                    .is_some_and(|a| a.eq_ignore_ascii_case("off"))
            {
                // Asked for: "off" keeps a level's own headers only.
                continue;
            }
            // What nginx drops here: what the level would inherit if it set
            // none, minus what it has in effect.
            let kept: Vec<usize> = effective(m, &here, name)
                .into_iter()
                .filter_map(|s| stack.origin(s).map(|(node, _)| node))
                .collect();
            let mine: Vec<String> = kept.iter().flat_map(|&k| keys(m, name, k)).collect();
            let mut lost: Vec<String> = Vec::new();
            let mut from: Vec<usize> = Vec::new();
            for s in effective(m, &parent, name) {
                let Some((t, level)) = stack.origin(s) else {
                    continue;
                };
                if kept.contains(&t) || (name == "proxy_set_header" && restates_default(m, t)) {
                    continue;
                }
                for k in keys(m, name, t) {
                    // Security headers are reported by RGX406 instead.
                    let security = name == "add_header"
                        && crate::lint::rules::security::rgx406_security_headers_dropped::SECURITY
                            .contains(&k.to_ascii_lowercase().as_str());
                    if !security && !mine.iter().chain(&lost).any(|x| same(name, x, &k)) {
                        lost.push(k);
                        if !from.contains(&level) {
                            from.push(level);
                        }
                    }
                }
            }
            if lost.is_empty() {
                continue;
            }
            let outer: Vec<&str> = from
                .iter()
                .map(|&l| level_name(m, stack.blocks[l]))
                .collect();
            let outer = match outer.as_slice() {
                [one] => format!("the enclosing {one}'s list"),
                many => format!("the lists of the enclosing {}", many.join(" and ")),
            };
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
                        "\"{name}\" here replaces {outer}: its {}",
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
