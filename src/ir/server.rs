//! Listen sockets and server selection, as nginx does it: a connection
//! belongs to the servers listening on its exact address if any list it
//! explicitly, else to the wildcard ones on its port; among those, the Host
//! picks an exact name, then the longest leading wildcard, then the longest
//! trailing wildcard, then the first matching regex, else the default
//! server (marked `default_server`, or the first one on the socket).

use super::location::Location;
use super::{at, expanded, At};
use crate::syntax::ast::Directive;
use crate::syntax::Config;
use std::net::{IpAddr, Ipv4Addr, SocketAddr};

/// One `listen` of a server.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Listen {
    /// `None`: every address (`listen 80`, `*:80`, `[::]:80` is separate).
    pub addr: Option<IpAddr>,
    pub ipv6_wildcard: bool,
    pub port: u16,
    pub default_server: bool,
    pub ssl: bool,
    pub http2: bool,
    pub at: At,
}

/// One `server_name` entry, classified as nginx's hash tables do.
#[derive(Clone, Debug)]
pub enum ServerName {
    Exact(String),
    /// `*.example.com` (stored as `.example.com`) or `.example.com` (also
    /// matching `example.com` itself).
    Leading {
        suffix: String,
        bare_too: bool,
    },
    /// `www.example.*` (stored as `www.example.`).
    Trailing(String),
    Regex(String, regex::Regex),
}

#[derive(Debug)]
pub struct Server {
    pub index: usize,
    pub at: At,
    pub listens: Vec<Listen>,
    pub names: Vec<ServerName>,
    /// The first `server_name` as written (`$server_name`).
    pub primary_name: String,
    pub locations: Vec<Location>,
    pub merge_slashes: bool,
    /// The server block's own directives (not blocks), for inheritance.
    pub settings: Vec<super::location::Setting>,
}

fn parse_listen(d: &Directive, root: bool, at: At) -> Result<Listen, String> {
    let args: Vec<String> = d.args.iter().map(|a| a.text().into_owned()).collect();
    let first = args.first().ok_or("listen without address")?;
    let default_port = if root { 80 } else { 8000 };
    let (addr, ipv6_wildcard, port) = if let Ok(sa) = first.parse::<SocketAddr>() {
        let wild = sa.ip().is_unspecified();
        (
            if wild { None } else { Some(sa.ip()) },
            wild && sa.is_ipv6(),
            sa.port(),
        )
    } else if let Ok(port) = first.parse::<u16>() {
        (None, false, port)
    } else if let Some(port) = first.strip_prefix("*:") {
        (
            None,
            false,
            port.parse()
                .map_err(|_| format!("invalid port in \"{first}\""))?,
        )
    } else if let Ok(ip) = first.parse::<Ipv4Addr>() {
        (Some(IpAddr::V4(ip)), false, default_port)
    } else {
        return Err(format!(
            "rginx cannot route to listen \"{first}\" yet (host names and unix sockets)"
        ));
    };
    let has = |p: &str| args.iter().skip(1).any(|a| a == p);
    Ok(Listen {
        addr: if addr == Some(IpAddr::V4(Ipv4Addr::UNSPECIFIED)) {
            None
        } else {
            addr
        },
        ipv6_wildcard,
        port,
        default_server: has("default_server") || has("default"),
        ssl: has("ssl"),
        http2: has("http2"),
        at,
    })
}

fn parse_name(name: &str) -> Result<ServerName, String> {
    if let Some(re) = name.strip_prefix('~') {
        let compiled = regex::Regex::new(&format!("(?i){re}"))
            .map_err(|e| format!("rginx cannot compile server_name regex \"{re}\": {e}"))?;
        return Ok(ServerName::Regex(name.to_string(), compiled));
    }
    let lower = name.to_ascii_lowercase();
    let lower = lower.strip_suffix('.').unwrap_or(&lower).to_string();
    Ok(if let Some(rest) = lower.strip_prefix("*.") {
        ServerName::Leading {
            suffix: format!(".{rest}"),
            bare_too: false,
        }
    } else if lower.starts_with('.') {
        ServerName::Leading {
            suffix: lower,
            bare_too: true,
        }
    } else if let Some(rest) = lower.strip_suffix(".*") {
        ServerName::Trailing(format!("{rest}."))
    } else {
        ServerName::Exact(lower)
    })
}

impl Server {
    pub(crate) fn build(
        config: &Config,
        d: &Directive,
        index: usize,
        root: bool,
    ) -> Result<Server, String> {
        let block = d
            .block()
            .map(|b| b.directives.as_slice())
            .unwrap_or_default();
        let children = expanded(config, block);
        let mut listens = Vec::new();
        let mut names = Vec::new();
        let mut primary_name = None;
        let mut locations = Vec::new();
        let mut merge_slashes = true;
        for c in &children {
            match c.name_text().as_ref() {
                "listen" => listens.push(parse_listen(c, root, at(&config.sources, c))?),
                "server_name" => {
                    for a in &c.args {
                        primary_name.get_or_insert_with(|| a.text().into_owned());
                        names.push(parse_name(&a.text())?);
                    }
                }
                "location" => locations.push(Location::build(config, c)?),
                "merge_slashes" => {
                    merge_slashes = c
                        .args
                        .first()
                        .is_some_and(|a| a.text().eq_ignore_ascii_case("on"))
                }
                _ => {}
            }
        }
        if listens.is_empty() {
            listens.push(Listen {
                addr: None,
                ipv6_wildcard: false,
                port: if root { 80 } else { 8000 },
                default_server: false,
                ssl: false,
                http2: false,
                at: at(&config.sources, d),
            });
        }
        if names.is_empty() {
            names.push(ServerName::Exact(String::new()));
        }
        Ok(Server {
            index,
            at: at(&config.sources, d),
            listens,
            names,
            primary_name: primary_name.unwrap_or_default(),
            locations,
            merge_slashes,
            settings: super::settings_of(config, &children),
        })
    }
}

/// How a server was chosen.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Why {
    Exact(String),
    LeadingWildcard(String),
    TrailingWildcard(String),
    Regex(String),
    DefaultServer,
    FirstOnSocket,
}

impl std::fmt::Display for Why {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Why::Exact(n) => write!(f, "exact server_name \"{n}\""),
            Why::LeadingWildcard(n) => write!(
                f,
                "wildcard server_name \"*{n}\" (longest leading wildcard)"
            ),
            Why::TrailingWildcard(n) => write!(
                f,
                "wildcard server_name \"{n}*\" (longest trailing wildcard)"
            ),
            Why::Regex(n) => write!(f, "first matching regex server_name \"{n}\""),
            Why::DefaultServer => write!(f, "no name matched: the default_server of the socket"),
            Why::FirstOnSocket => write!(
                f,
                "no name matched: the first server on the socket (no default_server)"
            ),
        }
    }
}

/// The servers that can answer a connection to `local`, in order.
pub fn candidates(servers: &[Server], local: SocketAddr) -> Vec<(&Server, &Listen)> {
    let on_port = |l: &Listen| {
        l.port == local.port() && (l.ipv6_wildcard == local.is_ipv6() || l.addr.is_some())
    };
    let explicit: Vec<(&Server, &Listen)> = servers
        .iter()
        .flat_map(|s| s.listens.iter().map(move |l| (s, l)))
        .filter(|(_, l)| l.port == local.port() && l.addr == Some(local.ip()))
        .collect();
    if !explicit.is_empty() {
        return explicit;
    }
    servers
        .iter()
        .flat_map(|s| s.listens.iter().map(move |l| (s, l)))
        .filter(|(_, l)| l.addr.is_none() && on_port(l))
        .collect()
}

/// nginx's choice of server for a Host on a socket.
pub fn select<'a>(
    servers: &'a [Server],
    local: SocketAddr,
    host: &str,
) -> Option<(&'a Server, Why)> {
    let group = candidates(servers, local);
    if group.is_empty() {
        return None;
    }
    let host = host.to_ascii_lowercase();
    let host = host
        .rsplit_once(':')
        .filter(|(_, p)| p.bytes().all(|c| c.is_ascii_digit()))
        .map_or(host.as_str(), |(h, _)| h);
    let host = host.strip_suffix('.').unwrap_or(host);
    let names = || {
        group
            .iter()
            .flat_map(|(s, _)| s.names.iter().map(move |n| (*s, n)))
    };
    if let Some((s, _)) = names().find(|(_, n)| matches!(n, ServerName::Exact(e) if e == host)) {
        return Some((s, Why::Exact(host.to_string())));
    }
    let leading = names()
        .filter_map(|(s, n)| match n {
            ServerName::Leading { suffix, bare_too } => {
                let hit =
                    host.ends_with(suffix.as_str()) || (*bare_too && format!(".{host}") == *suffix);
                hit.then(|| (s, suffix.clone()))
            }
            _ => None,
        })
        .max_by_key(|(_, suffix)| suffix.len());
    if let Some((s, suffix)) = leading {
        return Some((s, Why::LeadingWildcard(suffix)));
    }
    let trailing = names()
        .filter_map(|(s, n)| match n {
            ServerName::Trailing(prefix) if host.starts_with(prefix.as_str()) => {
                Some((s, prefix.clone()))
            }
            _ => None,
        })
        .max_by_key(|(_, p)| p.len());
    if let Some((s, prefix)) = trailing {
        return Some((s, Why::TrailingWildcard(prefix)));
    }
    if let Some((s, n)) = names().find_map(|(s, n)| match n {
        ServerName::Regex(src, re) if re.is_match(host) => Some((s, src.clone())),
        _ => None,
    }) {
        return Some((s, Why::Regex(n)));
    }
    match group.iter().find(|(_, l)| l.default_server) {
        Some((s, _)) => Some((s, Why::DefaultServer)),
        None => Some((group[0].0, Why::FirstOnSocket)),
    }
}
