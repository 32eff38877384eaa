//! Generated reference pages: `docs/directives.md` from the registry and
//! `docs/lints.md` from the rules. `tests/docs.rs` fails when the committed
//! files are stale; `rginx docs directives|lints` prints them.

use crate::lint::rules;
use crate::registry::{self, Origin, Support, Values};
use std::fmt::Write;

fn status(s: Support) -> String {
    match s {
        Support::Supported => "supported".into(),
        Support::Partial(what) => format!("partial: {what}"),
        Support::Ignored(why) => format!("ignored: {why}"),
        Support::Unsupported => "unsupported".into(),
    }
}

/// Every directive rginx knows, module by module.
pub fn directives_md() -> String {
    let mut out = String::from(
        "# Directives\n\nGenerated from `src/registry/` by `rginx docs directives`; do not edit.\n\n\
Status: *supported* (as nginx does it), *partial*, *ignored* (accepted, no effect, with the reason), \
*unsupported* (rginx refuses to run it). Arguments: counts nginx accepts (`on|off` for flags, `1+` for \
one or more). Versions: when the directive appeared after nginx 1.22, or left.\n",
    );
    let total: usize = registry::modules().iter().map(|m| m.directives.len()).sum();
    let _ = writeln!(
        out,
        "\n{} modules, {} directives.\n",
        registry::modules().len(),
        total
    );
    for m in registry::modules() {
        let origin = match m.directives.first().map(|d| d.origin) {
            Some(Origin::ThirdParty) => " (third-party)",
            Some(Origin::Plus) => " (NGINX Plus)",
            _ => "",
        };
        let _ = writeln!(out, "## {}{origin}\n", m.name);
        out.push_str("| directive | contexts | arguments | default | values | versions | rginx |\n|---|---|---|---|---|---|---|\n");
        for d in m.directives {
            let args = if d.block {
                format!("{} + block", d.arity.describe())
            } else {
                d.arity.describe()
            };
            let values = match d.values {
                Values::Any => String::new(),
                Values::Enum(v) | Values::Bitmask(v) => v.join(", "),
                Values::Bounds(lo, -1) => format!("≥ {lo}"),
                Values::Bounds(lo, hi) => format!("{lo}..{hi}"),
            };
            let mut versions = Vec::new();
            if let Some(v) = d.added {
                versions.push(if v == crate::registry::Version::new(1, 23, 0) {
                    "after 1.22".to_string()
                } else {
                    format!("since {}", v)
                });
            }
            if let Some((word, instead)) = d.deprecated {
                versions.push(format!("{word} (use {instead})"));
            }
            if let Some(v) = d.removed {
                versions.push(format!("gone by {}", v));
            }
            let ctx = if d.ctx == registry::Ctx::ANY {
                "any".to_string()
            } else {
                d.ctx.names().join(", ")
            };
            let name = match d.doc {
                Some(url) => format!("[`{}`]({url})", d.name),
                None => format!("`{}`", d.name),
            };
            let _ = writeln!(
                out,
                "| {name} | {} | {} | {} | {} | {} | {} |",
                ctx,
                args.replace('|', "\\|"),
                d.default
                    .map(|v| format!("`{}`", v.replace('|', "\\|")))
                    .unwrap_or_default(),
                values,
                versions.join("; "),
                match d.why_unsupported {
                    Some(why) => format!("unsupported: {why}"),
                    None => status(d.support),
                }
            );
        }
        out.push('\n');
    }
    out
}

/// Every lint rule with its documentation.
pub fn lints_md() -> String {
    let mut out = String::from(
        "# Lint rules\n\nGenerated from `src/lint/rules/` by `rginx docs lints`; do not edit.\n\n",
    );
    out.push_str("| code | name | severity | category | summary |\n|---|---|---|---|---|\n");
    for r in &rules::ALL {
        let _ = writeln!(
            out,
            "| [{}](#{}) | {} | {} | {} | {} |",
            r.code,
            r.code.to_lowercase(),
            r.name,
            r.severity.as_str(),
            r.category.as_str(),
            r.summary
        );
    }
    for r in &rules::ALL {
        let _ = write!(
            out,
            "\n## {}\n\n`{}` · {} · {}\n\n",
            r.code,
            r.name,
            r.severity.as_str(),
            r.category.as_str()
        );
        out.push_str(&r.doc.replace("\n## ", "\n### ").replacen("## ", "### ", 1));
        if !out.ends_with('\n') {
            out.push('\n');
        }
    }
    out
}

/// The version profiles: every behaviour that changed between nginx
/// versions, from `src/profile.rs`.
pub fn versions_md() -> String {
    let mut out = String::from(
        "# nginx version profiles\n\nGenerated from `src/profile.rs` by `rginx docs versions`; do not edit.\n\n\
rginx behaves as the nginx version chosen with `--nginx-version X.Y[.Z]` or the environment variable \
`RGINX_NGINX_VERSION` (the same flag as `rginx lint`'s; default: the latest profile, ",
    );
    let _ = write!(
        out,
        "{}). `rginx -v` and `-V` print the profile's version. Each row is one entry of the table the IR, \
the runtime and lint read; a configuration behaves the new way from the version in the first column. \
Profiles 1.22 and 1.31 are confirmed by the conformance oracle against nginx 1.22.1 and 1.31.3 (the \
cases named in the last column, tagged with the versions they hold for); other versions follow the \
version nginx's CHANGES gives for each change.\n\n",
        registry::LATEST
    );
    out.push_str(
        "| since | concerns | before | after | confirmed by | lint |\n|---|---|---|---|---|---|\n",
    );
    for c in crate::profile::CHANGES {
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} | {} | {} |",
            c.since,
            c.concerns,
            c.before,
            c.after,
            c.confirmed_by,
            c.lint.map_or(String::from("—"), |l| format!(
                "[{l}](lints.md#{})",
                l.to_ascii_lowercase()
            ))
        );
    }
    out.push_str(
        "\nDirectives that newer nginx removed (`ssl on;`) are unknown in the profiles from the version \
that removed them, as in nginx; older profiles accept them with nginx's warning.\n\n\
Changes that only affect logs, TLS handshakes beyond the defaults above, HTTP/2 and HTTP/3 framing, \
modules rginx does not run (proxy_cache, DAV, XSLT, FastCGI) or crashes that were fixed are not \
behaviour profiles; the research behind this table, with what was probed and found identical in \
both versions, is summarised in `docs/conformance.md`.\n",
    );
    out
}
