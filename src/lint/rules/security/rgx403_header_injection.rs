use super::common::{capture_of, capture_source, redirect_url, url_host, vars};
use super::regex::chars;
use crate::lint::{Category, Finding, Model, RuleInfo, Severity};

pub const RULE: RuleInfo = RuleInfo {
    code: "RGX403",
    name: "header-injection",
    severity: Severity::Warning,
    category: Category::Security,
    summary: "A decoded URI (`$uri`, `$document_uri`, a regex capture) in a header or redirect: `%0d%0a` splits it.",
    doc: "## What it does\nReports `$uri`, `$document_uri`, and regex captures (`$1`…`$9`, named groups of the enclosing \
regex `location` or `if`) that can hold a line feed, where they end up in a header: `add_header`, `proxy_set_header`, \
the URL of a redirecting `return`, `rewrite` or `error_page`, and the path of a `proxy_pass` with variables.\n\n\
## Why is this bad?\nThese values are percent-decoded: a request for `/%0d%0aSet-Cookie:%20a=b` puts a real line break \
in the header, and the client (or the back end, for `proxy_set_header` and `proxy_pass`) reads a second header or a \
second message the attacker wrote: HTTP response or request splitting. `$request_uri` is not decoded and is safe. \
A capture of `(.*)` cannot hold a line feed (`.` does not match it); `[^/]+` or `\\s` can. A `rewrite` that redirects \
escapes its own captures, so only the variables are reported there.\n\n\
## Example\n```nginx\nreturn 302 https://example.com$uri;   # write: $request_uri\n\
location ~ ^/go/([^/]+) { add_header X-Target $1; }   # write: ([a-z0-9-]+)\n```\n",
    check,
};

fn check(m: &Model, out: &mut Vec<Finding>) {
    for (i, n) in m.nodes.iter().enumerate() {
        let args = m.args(i);
        let (k, what, start) = if n.d.is("add_header") {
            (1, "a response header", 0)
        } else if n.d.is("proxy_set_header") || n.d.is("grpc_set_header") {
            (1, "a header sent to the back end", 0)
        } else if n.d.is("proxy_pass") {
            let Some(url) = args.first() else { continue };
            let Some(path) = proxy_path_start(url) else {
                continue;
            };
            (0, "the request line sent to the back end", path)
        } else if let Some((k, _)) = redirect_url(m, i) {
            (k, "the Location header", 0)
        } else {
            continue;
        };
        let Some(value) = args.get(k) else { continue };
        let own_captures_escaped = n.d.is("rewrite");
        let source = capture_source(m, i);
        for v in vars(value) {
            if v.at < start {
                continue;
            }
            let decoded_uri = v.is("uri") || v.is("document_uri");
            let capture = if own_captures_escaped {
                None
            } else {
                source.as_ref().and_then(|re| {
                    let c = capture_of(re, &v)?;
                    re.group(&c).filter(|g| chars(g).has(b'\n'))
                })
            };
            if !decoded_uri && capture.is_none() {
                continue;
            }
            let why = if decoded_uri {
                format!("${} is percent-decoded", v.name)
            } else {
                format!(
                    "${} captures a decoded URI part that can hold a line feed",
                    v.name
                )
            };
            out.push(
                Finding::new(
                    &RULE,
                    Some(n.d.args[k].span),
                    format!("{why}: \"%0d%0a\" in the request splits {what}"),
                )
                .help(if decoded_uri {
                    "use $request_uri (as sent, still encoded), or a capture that excludes \\r and \\n"
                } else {
                    "narrow the group so it cannot match \\n (e.g. [^/\\s]+ or [a-z0-9._-]+)"
                }),
            );
            break;
        }
    }
}

/// Where the path of a `proxy_pass` URL starts (after the host), if the
/// URL has variables in it.
fn proxy_path_start(url: &str) -> Option<usize> {
    let (_, end) = url_host(url);
    (url.contains('$') && end < url.len()).then_some(end)
}
