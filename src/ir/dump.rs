//! `rginx dump ir`: the routing IR as text, for debugging — servers with
//! their sockets and names, location trees, upstream groups with their
//! balancer and peers, and the variables the http block's tables define.

use super::balance::Method;
use super::location::Location;
use super::maps::Table;
use super::{Http, ServerName};
use std::fmt::Write;

fn location(out: &mut String, l: &Location, depth: usize) {
    let pad = "  ".repeat(depth);
    let handler = ["proxy_pass", "return", "try_files", "alias", "root"]
        .iter()
        .find_map(|n| {
            l.setting(n)
                .map(|s| format!(" → {} {}", s.name, s.args.join(" ")))
        })
        .unwrap_or_default();
    let _ = writeln!(out, "{pad}{} ({}){handler}", l.describe(), l.at);
    for c in &l.children {
        location(out, c, depth + 1);
    }
}

pub fn text(http: &Http) -> String {
    let mut out = String::new();
    for s in &http.servers {
        let _ = writeln!(out, "server #{} ({})", s.index + 1, s.at);
        for l in &s.listens {
            let addr = match (l.addr, l.ipv6_wildcard) {
                (Some(a), _) if a.is_ipv6() => format!("[{a}]:{}", l.port),
                (Some(a), _) => format!("{a}:{}", l.port),
                (None, true) => format!("[::]:{}", l.port),
                (None, false) => format!("*:{}", l.port),
            };
            let mut flags = String::new();
            for (on, name) in [
                (l.default_server, " default_server"),
                (l.ssl, " ssl"),
                (l.http2, " http2"),
            ] {
                if on {
                    flags.push_str(name);
                }
            }
            let _ = writeln!(out, "  listen {addr}{flags}");
        }
        let names: Vec<String> = s
            .names
            .iter()
            .map(|n| match n {
                ServerName::Exact(e) if e.is_empty() => "\"\"".to_string(),
                ServerName::Exact(e) => e.clone(),
                ServerName::Leading { suffix, bare_too } => {
                    if *bare_too {
                        suffix.clone()
                    } else {
                        format!("*{suffix}")
                    }
                }
                ServerName::Trailing(p) => format!("{p}*"),
                ServerName::Regex(src, _) => src.clone(),
            })
            .collect();
        let _ = writeln!(out, "  server_name {}", names.join(" "));
        for l in &s.locations {
            location(&mut out, l, 1);
        }
    }
    for g in http.upstreams.values() {
        let method = match &g.method {
            Method::RoundRobin => "round robin".to_string(),
            Method::IpHash => "ip_hash".to_string(),
            Method::Hash { key, consistent } => {
                format!("hash {key}{}", if *consistent { " consistent" } else { "" })
            }
            Method::LeastConn => "least_conn".to_string(),
            Method::Random => "random".to_string(),
        };
        let at = g.at.as_ref().map(|a| format!(" ({a})")).unwrap_or_default();
        let kind = if g.implicit {
            "proxy_pass address"
        } else {
            "upstream"
        };
        let _ = writeln!(out, "{kind} {}{at}: {method}", g.name);
        for p in &g.peers {
            let _ = writeln!(
                out,
                "  {} ({}) weight={} max_fails={} fail_timeout={}s{}{}",
                p.addr,
                p.name,
                p.weight,
                p.max_fails,
                p.fail_timeout.as_secs(),
                if p.backup { " backup" } else { "" },
                if p.down { " down" } else { "" }
            );
        }
    }
    let mut names: Vec<&String> = http.tables.keys().collect();
    names.sort();
    for n in names {
        let what = match &http.tables[n] {
            Table::Map(m) => format!(
                "map {} ({} exact, {} wildcard, {} regex{}{})",
                m.source,
                m.exact.len(),
                m.leading.len() + m.trailing.len(),
                m.regexes.len(),
                if m.hostnames { ", hostnames" } else { "" },
                if m.volatile { ", volatile" } else { "" }
            ),
            Table::Geo(g) => format!(
                "geo {} ({} networks, {} ranges)",
                g.source.as_deref().unwrap_or("$remote_addr"),
                g.nets.len(),
                g.ranges.len()
            ),
            Table::Split(s) => format!("split_clients {} ({} parts)", s.source, s.parts.len()),
        };
        let _ = writeln!(out, "${n} = {what}");
    }
    out
}
