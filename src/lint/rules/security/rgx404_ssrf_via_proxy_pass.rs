use super::common::{controlled, url_host, vars};
use crate::lint::{Category, Finding, Model, RuleInfo, Severity};

pub const RULE: RuleInfo = RuleInfo {
    code: "RGX404",
    name: "ssrf-via-proxy-pass",
    severity: Severity::Error,
    category: Category::Security,
    summary: "The back end's host comes from the request: the client picks where nginx connects.",
    doc: "## What it does\nReports `proxy_pass`, `fastcgi_pass`, `grpc_pass`, `uwsgi_pass`, `scgi_pass` and \
`memcached_pass` whose host part is built from a value the client controls: a header (`$http_*`), a query argument \
(`$arg_*`, `$args`), a cookie (`$cookie_*`), the URI (`$uri`, `$request_uri`), `$host`, or a capture of a `location` or \
`if` regex that matches more than a fixed list of words. Variables made from those with `set` or `map` count too; a \
`map` that turns the request into one of a fixed set of back ends does not.\n\n\
## Why is this bad?\nWith a variable in the host, nginx resolves and connects to whatever the value names at request \
time: internal services, cloud metadata endpoints (`169.254.169.254`), the admin port of the host itself. The \
client chooses the target and nginx is the one making the request (server-side request forgery).\n\n\
## Example\n```nginx\nlocation ~ ^/fetch/([^/]+)/(.*)$ {\n    proxy_pass http://$1/$2;   # /fetch/169.254.169.254/latest/...\n}\n\
# write: a map from the request to a fixed list of upstreams\n```\n",
    check,
};

const PASSES: &[&str] = &[
    "proxy_pass",
    "fastcgi_pass",
    "grpc_pass",
    "uwsgi_pass",
    "scgi_pass",
    "memcached_pass",
];

fn check(m: &Model, out: &mut Vec<Finding>) {
    for (i, n) in m.nodes.iter().enumerate() {
        if !PASSES.iter().any(|p| n.d.is(p)) {
            continue;
        }
        let Some(arg) = n.d.args.first() else {
            continue;
        };
        let url = arg.text();
        if url.contains("unix:") {
            continue;
        }
        let (lo, hi) = url_host(&url);
        let host = &url[lo..hi];
        let Some(v) = vars(host).into_iter().find(|v| controlled(m, i, v, 3)) else {
            continue;
        };
        out.push(
            Finding::new(
                &RULE,
                Some(arg.span),
                format!(
                    "the host of \"{}\" comes from ${}, which the client controls: it chooses the server nginx connects to",
                    n.d.name_text(),
                    v.name
                ),
            )
            .help("pass to a fixed upstream, or map the request to a fixed list of back ends"),
        );
    }
}
