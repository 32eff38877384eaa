use super::common::{
    children_named, effective_headers, header_name, headers_merge, is_level, parent_level,
    unresolved_include,
};
use crate::lint::{Category, Finding, Model, RuleInfo, Severity};

pub const RULE: RuleInfo = RuleInfo {
    code: "RGX406",
    name: "security-headers-dropped",
    severity: Severity::Warning,
    category: Category::Security,
    summary: "An `add_header` here stops the security headers of the enclosing level from being inherited.",
    doc: "## What it does\nReports a level (`server`, `location`, `if`) whose own `add_header` directives replace \
inherited ones that set Strict-Transport-Security, Content-Security-Policy, X-Frame-Options, X-Content-Type-Options, \
Referrer-Policy or Permissions-Policy, without setting those again. Nothing is reported where \
`add_header_inherit merge` (nginx 1.29.3+) is in effect, or where an `include` of the level is missing (it may set them).\n\n\
## Why is this bad?\n`add_header` is inherited only by a level that has no `add_header` of its own. Adding one \
`Cache-Control` header to a location silently removes every security header the server sets, for exactly the \
responses of that location: pages there can be framed, sniffed, or loaded without HSTS.\n\n\
## Example\n```nginx\nserver {\n    add_header X-Frame-Options DENY;\n    location /static/ {\n\
        add_header Cache-Control \"max-age=3600\";   # X-Frame-Options is gone here\n    }\n}\n```\n",
    check,
};

/// Response headers whose loss is a security finding (lower case); the
/// general inheritance rule (RGX301) leaves them to this one.
pub const SECURITY: &[&str] = &[
    "strict-transport-security",
    "content-security-policy",
    "x-frame-options",
    "x-content-type-options",
    "referrer-policy",
    "permissions-policy",
];

fn check(m: &Model, out: &mut Vec<Finding>) {
    for i in 0..m.nodes.len() {
        if !is_level(m, i) {
            continue;
        }
        let own = children_named(m, Some(i), &["add_header"]);
        let Some(&first) = own.first() else { continue };
        if headers_merge(m, Some(i)) || unresolved_include(m, Some(i), false) {
            continue;
        }
        let own_names: Vec<String> = own.iter().filter_map(|&h| header_name(m, h)).collect();
        let inherited = effective_headers(m, parent_level(m, i));
        let mut dropped: Vec<(String, usize)> = Vec::new();
        for h in inherited {
            let Some(name) = header_name(m, h) else {
                continue;
            };
            if SECURITY.contains(&name.as_str())
                && !own_names.contains(&name)
                && !dropped.iter().any(|(d, _)| *d == name)
            {
                dropped.push((name, h));
            }
        }
        if dropped.is_empty() {
            continue;
        }
        let names: Vec<String> = dropped.iter().map(|&(_, h)| m.args(h)[0].clone()).collect();
        out.push(
            Finding::new(
                &RULE,
                m.span(first),
                format!(
                    "this add_header stops {} from being inherited here (\"{}\" has its own add_header)",
                    names.join(", "),
                    m.node(i).d.name_text()
                ),
            )
            .help(if crate::profile::has(m.opts.nginx_version, crate::profile::Behaviour::AddHeaderInherit) {
                "repeat those headers here (an include file helps), or set \"add_header_inherit merge;\""
            } else {
                "repeat those headers here (an include file helps)"
            }),
        );
    }
}
