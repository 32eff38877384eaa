//! What several semantics rules need: configuration levels and how arrays
//! and single values are inherited across them, headers in a
//! `proxy_set_header` list, `proxy_pass` URLs and `map`s.

use crate::lint::Model;
use crate::registry::{Ctx, Version};

/// Where nginx 1.29.7 made HTTP/1.1 and keepalive the proxy defaults.
pub const KEEPALIVE_DEFAULTS: Version =
    crate::profile::since(crate::profile::Behaviour::UpstreamHttp11Keepalive);

/// A configuration level: a block node, or `None` for the top of the walked
/// file (the `http` level when linting with `--context http`).
pub type Level = Option<usize>;

/// The statements of a level.
pub fn children<'m>(m: &'m Model, level: Level) -> &'m [usize] {
    match level {
        Some(i) => &m.nodes[i].children,
        None => &m.roots,
    }
}

/// `block` and the levels around it, nearest first, ending at the top.
pub fn chain<'m>(m: &'m Model, block: usize) -> impl Iterator<Item = Level> + 'm {
    std::iter::once(Some(block))
        .chain(m.ancestors(block).map(Some))
        .chain(std::iter::once(None))
}

/// The `name` directives set directly at `level`.
pub fn set_at(m: &Model, level: Level, name: &str) -> Vec<usize> {
    children(m, level)
        .iter()
        .copied()
        .filter(|&c| m.nodes[c].d.is(name))
        .collect()
}

/// For an array directive (`proxy_set_header`, `add_header`, ...), which
/// nginx inherits only into levels that set none: the levels from `levels`
/// on, the first one that sets any, with its entries.
pub fn first_list(
    m: &Model,
    mut levels: impl Iterator<Item = Level>,
    name: &str,
) -> Option<(Level, Vec<usize>)> {
    levels.find_map(|l| {
        let v = set_at(m, l, name);
        (!v.is_empty()).then_some((l, v))
    })
}

/// The array directive `name` in effect in `block`.
pub fn effective_list(m: &Model, block: usize, name: &str) -> Option<(Level, Vec<usize>)> {
    first_list(m, chain(m, block), name)
}

/// The single-valued directive `name` in effect in `block`.
pub fn effective_one(m: &Model, block: usize, name: &str) -> Option<usize> {
    chain(m, block).find_map(|l| set_at(m, l, name).last().copied())
}

/// Argument `k` of node `i` as text.
pub fn arg(m: &Model, i: usize, k: usize) -> Option<String> {
    m.nodes[i].d.args.get(k).map(|a| a.text().into_owned())
}

/// The entry for header `header` (case-insensitive) among `*_set_header`
/// nodes; the last one when repeated.
pub fn header(m: &Model, nodes: &[usize], header: &str) -> Option<usize> {
    nodes.iter().rev().copied().find(|&i| {
        m.nodes[i]
            .d
            .args
            .first()
            .is_some_and(|a| a.text().eq_ignore_ascii_case(header))
    })
}

/// The value (second argument) of header `name` among `*_set_header` nodes.
pub fn header_value(m: &Model, nodes: &[usize], name: &str) -> Option<String> {
    header(m, nodes, name).map(|i| arg(m, i, 1).unwrap_or_default())
}

/// What kind of http configuration level node `i` is, if it is one.
pub fn level_kind(m: &Model, i: usize) -> Option<&'static str> {
    let n = &m.nodes[i];
    n.d.block()?;
    let srv_loc = Ctx::HTTP_SRV.or(Ctx::HTTP_LOC);
    Some(match () {
        _ if n.d.is("http") && n.ctx.intersects(Ctx::MAIN) => "http",
        _ if n.d.is("server") && n.ctx.intersects(Ctx::HTTP_MAIN) => "server",
        _ if n.d.is("location") && n.ctx.intersects(srv_loc) => "location",
        _ if n.d.is("if") && n.ctx.intersects(srv_loc) => "if",
        _ if n.d.is("limit_except") && n.ctx.intersects(Ctx::HTTP_LOC) => "limit_except",
        _ => return None,
    })
}

/// How a finding names a level ("server", "location", or the top's context).
pub fn level_name(m: &Model, level: Level) -> &'static str {
    match level {
        Some(i) => level_kind(m, i).unwrap_or("block"),
        None => m
            .opts
            .context
            .names()
            .first()
            .copied()
            .unwrap_or("top level"),
    }
}

/// Whether the directive is in an http context (not stream or mail).
pub fn in_http(m: &Model, i: usize) -> bool {
    m.nodes[i].ctx.intersects(
        Ctx::HTTP_MAIN
            .or(Ctx::HTTP_SRV)
            .or(Ctx::HTTP_LOC)
            .or(Ctx::HTTP_SIF)
            .or(Ctx::HTTP_LIF)
            .or(Ctx::HTTP_LMT),
    )
}

/// A `proxy_pass` URL split as nginx parses it: scheme, host (with port)
/// and the URI part (from the first `/` or `?` after the host; after the
/// socket path's `:` for `unix:`), `None` when there is none.
pub fn split_url(url: &str) -> Option<(&str, &str, Option<&str>)> {
    let (scheme, rest) = url.split_once("://")?;
    let (host, uri) = if rest.len() >= 5 && rest[..5].eq_ignore_ascii_case("unix:") {
        match rest[5..].find(':') {
            Some(p) => (&rest[..5 + p], &rest[5 + p + 1..]),
            None => (rest, ""),
        }
    } else {
        match rest.find(['/', '?']) {
            Some(p) => (&rest[..p], &rest[p..]),
            None => (rest, ""),
        }
    };
    Some((scheme, host, (!uri.is_empty()).then_some(uri)))
}

/// For a variable set by `map $http_upgrade $var { ... }`: the value it
/// takes for requests without an `Upgrade` header (the `''` entry, else
/// `default`, else empty). `None` when no such map defines it.
pub fn map_value_without_upgrade(m: &Model, var: &str) -> Option<String> {
    let (i, _) = m.named("map").find(|(_, n)| {
        n.d.args.len() == 2
            && n.d.args[1].is(var)
            && n.d.args[0].text().eq_ignore_ascii_case("$http_upgrade")
    })?;
    let entry = |key: &str| {
        m.nodes[i]
            .children
            .iter()
            .rev()
            .copied()
            .find(|&c| m.nodes[c].d.name.is(key))
            .map(|c| arg(m, c, 0).unwrap_or_default())
    };
    Some(entry("").or_else(|| entry("default")).unwrap_or_default())
}

/// Where node `to` is, as a finding about node `from` names it: `line N`
/// in the same file, else `file:N`.
pub fn place(m: &Model, from: usize, to: usize) -> String {
    let (a, b) = (m.nodes[from].d.name.span, m.nodes[to].d.name.span);
    let line = m.config.sources.line_of(b);
    if a.file == b.file {
        format!("line {line}")
    } else {
        format!("{}:{line}", m.config.sources.get(b.file).display_name())
    }
}

/// A directive as written, for messages: `location ~ \.php$`.
pub fn written(m: &Model, i: usize) -> String {
    std::iter::once(m.nodes[i].d.name_text().into_owned())
        .chain(m.args(i))
        .collect::<Vec<_>>()
        .join(" ")
}
