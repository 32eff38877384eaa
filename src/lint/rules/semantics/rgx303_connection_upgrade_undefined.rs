use crate::lint::{Category, Finding, Model, RuleInfo, Severity};

pub const RULE: RuleInfo = RuleInfo {
    code: "RGX303",
    name: "connection-upgrade-undefined",
    severity: Severity::Error,
    category: Category::Semantics,
    summary: "`$connection_upgrade` is used but nothing defines it.",
    doc: "## What it does\nReports uses of `$connection_upgrade` when no `map`, `set`, `geo`, `split_clients` \
or scripting directive defines that variable.\n\n\
## Why is this bad?\n`$connection_upgrade` is not built into nginx: it is the conventional name of a variable \
that WebSocket guides define with a `map` on `$http_upgrade`. Copying only the location part of such a guide \
leaves it undefined, and nginx refuses to start with `unknown \"connection_upgrade\" variable`.\n\n\
## Example\n```nginx\n# needed in http {}:\n# map $http_upgrade $connection_upgrade { default upgrade; '' close; }\n\
location /ws/ {\n    proxy_set_header Connection $connection_upgrade;\n}\n```\n",
    check,
};

const VAR: &str = "connection_upgrade";

/// Directives that define a variable, and which argument names it
/// (`usize::MAX`: the last one).
const DEFINERS: &[(&str, usize)] = &[
    ("map", 1),
    ("geo", usize::MAX),
    ("split_clients", 1),
    ("set", 0),
    ("js_set", 0),
    ("perl_set", 0),
    ("set_by_lua", 0),
    ("set_by_lua_block", 0),
    ("set_by_lua_file", 0),
];

fn defined(m: &Model) -> bool {
    let var = format!("${VAR}");
    m.nodes.iter().any(|n| {
        DEFINERS.iter().any(|&(name, k)| {
            if !n.d.is(name) {
                return false;
            }
            let k = if k == usize::MAX {
                n.d.args.len().saturating_sub(1)
            } else {
                k
            };
            n.d.args.get(k).is_some_and(|a| a.is(&var))
        })
    })
}

/// Whether `text` refers to `$connection_upgrade` (or `${connection_upgrade}`).
fn uses(text: &[u8]) -> bool {
    let ident = |b: u8| b.is_ascii_alphanumeric() || b == b'_';
    text.iter().enumerate().any(|(p, &b)| {
        if b != b'$' {
            return false;
        }
        let rest = &text[p + 1..];
        if let Some(r) = rest.strip_prefix(b"{") {
            return r.starts_with(VAR.as_bytes()) && r.get(VAR.len()) == Some(&b'}');
        }
        rest.starts_with(VAR.as_bytes()) && !rest.get(VAR.len()).is_some_and(|&c| ident(c))
    })
}

fn check(m: &Model, out: &mut Vec<Finding>) {
    if defined(m) {
        return;
    }
    for (i, n) in m.nodes.iter().enumerate() {
        if n.d.args.iter().any(|a| uses(&a.value)) {
            out.push(
                Finding::new(
                    &RULE,
                    m.span(i),
                    "unknown \"connection_upgrade\" variable: nothing defines $connection_upgrade",
                )
                .help(
                    "define it in http {}: map $http_upgrade $connection_upgrade { default upgrade; '' close; }",
                ),
            );
        }
    }
}
