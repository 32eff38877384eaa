use crate::lint::{Category, Finding, Model, RuleInfo, Severity};
use crate::source::Span;

pub const RULE: RuleInfo = RuleInfo {
    code: "RGX308",
    name: "underscore-in-header-name",
    severity: Severity::Warning,
    category: Category::Semantics,
    summary: "A header name with `_`, which nginx and many proxies drop.",
    doc: "## What it does\nReports header names containing an underscore in `proxy_set_header`, \
`grpc_set_header`, `add_header`, `more_set_headers` and `more_set_input_headers`.\n\n\
## Why is this bad?\nUnderscores are legal in header names, but nginx ignores request headers that contain them \
unless `underscores_in_headers on;` is set, and many other servers, proxies and CGI gateways drop them or \
confuse them with their hyphenated twin. A back end behind another nginx never sees the header. Names like \
`HTTP_X_FORWARDED_FOR` are usually the CGI spelling of a real header (`X-Forwarded-For`), which is what should \
be sent.\n\n\
## Example\n```nginx\nproxy_set_header HTTP_X_FORWARDED_FOR $remote_addr;   # write: X-Forwarded-For\n```\n",
    check,
};

/// The header names a node sets, with where each is written.
fn names(m: &Model, i: usize) -> Vec<(String, Span)> {
    let d = m.nodes[i].d;
    if d.is("more_set_headers") || d.is("more_set_input_headers") {
        let mut v = Vec::new();
        let mut args = d.args.iter();
        while let Some(a) = args.next() {
            if a.is("-s") || a.is("-t") {
                args.next();
            } else if !a.value.starts_with(b"-") {
                let text = a.text();
                let name = text.split(':').next().unwrap_or("").trim();
                v.push((name.to_string(), a.span));
            }
        }
        return v;
    }
    d.args
        .first()
        .map(|a| (a.text().into_owned(), a.span))
        .into_iter()
        .collect()
}

/// `HTTP_X_FORWARDED_FOR` -> `X-Forwarded-For`; `X_Api_Key` -> `X-Api-Key`.
fn hyphenated(name: &str) -> String {
    let bare = if name.len() > 5 && name[..5].eq_ignore_ascii_case("http_") {
        &name[5..]
    } else {
        name
    };
    let shout = !bare.bytes().any(|b| b.is_ascii_lowercase());
    bare.split('_')
        .filter(|w| !w.is_empty())
        .map(|w| {
            if shout {
                let mut c = w.chars();
                c.next()
                    .map(|f| f.to_ascii_uppercase().to_string() + &c.as_str().to_ascii_lowercase())
                    .unwrap_or_default()
            } else {
                w.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join("-")
}

fn check(m: &Model, out: &mut Vec<Finding>) {
    for (i, n) in m.nodes.iter().enumerate() {
        let response = n.d.is("add_header") || n.d.is("more_set_headers");
        let request = [
            "proxy_set_header",
            "grpc_set_header",
            "more_set_input_headers",
        ]
        .iter()
        .any(|h| n.d.is(h));
        if !response && !request {
            continue;
        }
        for (name, span) in names(m, i) {
            if !name.contains('_') || name.contains('$') {
                continue;
            }
            let why = if request {
                "nginx ignores request headers with underscores by default (underscores_in_headers off), and many other servers and proxies drop them"
            } else {
                "many proxies and clients drop or rewrite headers with underscores"
            };
            let better = hyphenated(&name);
            let help = if name.len() > 5 && name[..5].eq_ignore_ascii_case("http_") {
                format!(
                    "\"{name}\" is the CGI spelling of the \"{better}\" header: send \"{better}\""
                )
            } else {
                format!("use hyphens: \"{better}\"")
            };
            out.push(
                Finding::new(
                    &RULE,
                    Some(span),
                    format!("header name \"{name}\" contains \"_\": {why}"),
                )
                .help(help),
            );
        }
    }
}
