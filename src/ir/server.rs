//! Listen sockets and server selection, as nginx does it: a connection
//! belongs to the servers listening on its exact address if any list it
//! explicitly, else to the wildcard ones on its port; among those, the Host
//! picks an exact name, then the longest leading wildcard, then the longest
//! trailing wildcard, then the first matching regex, else the default
//! server (marked `default_server`, or the first one on the socket).

use super::location::Location;
use super::{at, At};
use crate::syntax::ast::Directive;
use crate::syntax::Config;
use std::collections::HashMap;
use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::sync::OnceLock;

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
    /// `srv.merge_slashes`, copied by `resolve::resolve` (kept as a field for
    /// the executor's existing reads).
    pub merge_slashes: bool,
    /// The server block's own directives (not blocks), for inheritance.
    pub settings: Vec<super::location::Setting>,
    /// The server level's settings merged with http's: where no location
    /// applies.
    pub conf: std::sync::Arc<super::conf::Loc>,
    /// What the server decides for its connections.
    pub srv: std::sync::Arc<super::conf::Srv>,
    /// The server level's rewrite module statements, compiled.
    pub rewrites: Vec<super::rewrite::Stmt>,
    /// In the first server of a list: the selection tables of the list,
    /// built on first use ([`select`], [`candidates`]). The servers are
    /// not to be changed once they are used.
    lookup: OnceLock<Lookup>,
}

/// A `listen`: one entry per address (a host name is resolved at load to
/// every address it has, as nginx does).
fn parse_listen(d: &Directive, root: bool, at: At) -> Result<Vec<Listen>, String> {
    let args: Vec<String> = d.args.iter().map(|a| a.text().into_owned()).collect();
    let first = args.first().ok_or("listen without address")?;
    let default_port = if root { 80 } else { 8000 };
    let is_host = first.parse::<SocketAddr>().is_err()
        && first.parse::<u16>().is_err()
        && !first.starts_with("*:")
        && first.parse::<IpAddr>().is_err()
        && !first.starts_with("unix:");
    if is_host {
        let (host, port) = match first.rsplit_once(':') {
            Some((h, p)) => (
                h,
                p.parse::<u16>().map_err(|_| {
                    format!("invalid port in \"{first}\" of the \"listen\" directive")
                })?,
            ),
            None => (first.as_str(), default_port),
        };
        let addrs: Vec<SocketAddr> = std::net::ToSocketAddrs::to_socket_addrs(&(host, port))
            .map_err(|_| format!("host not found in \"{first}\" of the \"listen\" directive"))?
            .collect();
        let mut out = Vec::new();
        for a in addrs {
            let mut copy = args.clone();
            copy[0] = a.to_string();
            out.push(listen_of(&copy, default_port, at.clone())?);
        }
        return Ok(out);
    }
    Ok(vec![listen_of(&args, default_port, at)?])
}

fn listen_of(args: &[String], default_port: u16, at: At) -> Result<Listen, String> {
    let first = &args[0];
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
        let children = config.expanded(block);
        let mut listens = Vec::new();
        let mut names = Vec::new();
        let mut primary_name = None;
        let mut locations = Vec::new();
        for c in &children {
            match c.name_text().as_ref() {
                "listen" => listens.extend(parse_listen(c, root, at(&config.sources, c))?),
                "server_name" => {
                    for a in &c.args {
                        primary_name.get_or_insert_with(|| a.text().into_owned());
                        names.push(parse_name(&a.text())?);
                    }
                }
                "location" => locations.push(Location::build(config, c)?),
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
            // nginx's default until `resolve::resolve` merges the typed value.
            merge_slashes: true,
            settings: super::settings_of(config, &children),
            conf: Default::default(),
            srv: Default::default(),
            rewrites: Vec::new(),
            lookup: OnceLock::new(),
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

/// Server selection tables for a list of servers, built once (on first
/// use, see [`Server`]): the servers of each listen socket and, per
/// socket, the names in hash tables as nginx keeps them, so choosing a
/// server costs a few lookups whatever the number of servers.
pub struct Lookup {
    /// The slice it was built for (start and length).
    ptr: usize,
    len: usize,
    /// Sockets with an explicit address: `listen 127.0.0.1:80`.
    explicit: HashMap<(IpAddr, u16), Group>,
    /// Wildcard sockets by port and IPv6 (`listen 80`, `listen [::]:80`).
    wildcard: HashMap<(u16, bool), Group>,
}

impl std::fmt::Debug for Lookup {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Lookup")
            .field("servers", &self.len)
            .field("explicit_sockets", &self.explicit.len())
            .field("wildcard_sockets", &self.wildcard.len())
            .finish()
    }
}

/// The servers of one socket. Indices are into the server slice.
#[derive(Default)]
struct Group {
    /// (server, listen), in configuration order.
    members: Vec<(u32, u32)>,
    /// Exact names: the first server with the name.
    exact: HashMap<String, u32>,
    /// Leading wildcards by suffix (`.example.com`): the last server with
    /// it, and the last one whose entry also matches the bare name.
    leading: HashMap<String, (u32, Option<u32>)>,
    /// Trailing wildcards by prefix (`www.example.`): the last server.
    trailing: HashMap<String, u32>,
    /// Regex names in order: (server, index in its names).
    regex: Vec<(u32, u32)>,
    /// The first listen marked `default_server`.
    default: Option<u32>,
}

impl Group {
    fn add(&mut self, servers: &[Server], s: usize, l: usize) {
        let server = &servers[s];
        let si = s as u32;
        self.members.push((si, l as u32));
        if server.listens[l].default_server && self.default.is_none() {
            self.default = Some(si);
        }
        for (ni, n) in server.names.iter().enumerate() {
            match n {
                ServerName::Exact(e) => {
                    self.exact.entry(e.clone()).or_insert(si);
                }
                ServerName::Leading { suffix, bare_too } => {
                    let e = self.leading.entry(suffix.clone()).or_insert((si, None));
                    e.0 = si;
                    if *bare_too {
                        e.1 = Some(si);
                    }
                }
                ServerName::Trailing(prefix) => {
                    self.trailing.insert(prefix.clone(), si);
                }
                ServerName::Regex(..) => self.regex.push((si, ni as u32)),
            }
        }
    }

    /// nginx's choice among the group for a Host (lower case, no port,
    /// no trailing dot): server index and why.
    fn select(&self, servers: &[Server], host: &str) -> (usize, Why) {
        if let Some(&s) = self.exact.get(host) {
            return (s as usize, Why::Exact(host.to_string()));
        }
        if !self.leading.is_empty() {
            // `.example.com` also names `example.com`: the longest match.
            let bare = format!(".{host}");
            if let Some(&(_, Some(s))) = self.leading.get(&bare) {
                return (s as usize, Why::LeadingWildcard(bare));
            }
            // The longest suffix starting at a dot.
            for (i, _) in host.match_indices('.') {
                if let Some(&(s, _)) = self.leading.get(&host[i..]) {
                    return (s as usize, Why::LeadingWildcard(host[i..].to_string()));
                }
            }
        }
        if !self.trailing.is_empty() {
            // The longest prefix ending with a dot.
            for (i, _) in host.rmatch_indices('.') {
                if let Some(&s) = self.trailing.get(&host[..=i]) {
                    return (s as usize, Why::TrailingWildcard(host[..=i].to_string()));
                }
            }
        }
        for &(s, n) in &self.regex {
            if let ServerName::Regex(src, re) = &servers[s as usize].names[n as usize] {
                if re.is_match(host) {
                    return (s as usize, Why::Regex(src.clone()));
                }
            }
        }
        match self.default {
            Some(s) => (s as usize, Why::DefaultServer),
            None => (self.members[0].0 as usize, Why::FirstOnSocket),
        }
    }
}

impl Lookup {
    /// The tables for these servers.
    pub fn build(servers: &[Server]) -> Lookup {
        let mut explicit: HashMap<(IpAddr, u16), Group> = HashMap::new();
        let mut wildcard: HashMap<(u16, bool), Group> = HashMap::new();
        for (s, server) in servers.iter().enumerate() {
            for (l, listen) in server.listens.iter().enumerate() {
                let group = match listen.addr {
                    Some(addr) => explicit.entry((addr, listen.port)).or_default(),
                    None => wildcard
                        .entry((listen.port, listen.ipv6_wildcard))
                        .or_default(),
                };
                group.add(servers, s, l);
            }
        }
        Lookup {
            ptr: servers.as_ptr() as usize,
            len: servers.len(),
            explicit,
            wildcard,
        }
    }

    /// The group of a connection to `local`: the servers listening on its
    /// exact address if any, else the wildcard ones on its port.
    fn group(&self, local: SocketAddr) -> Option<&Group> {
        self.explicit
            .get(&(local.ip(), local.port()))
            .or_else(|| self.wildcard.get(&(local.port(), local.is_ipv6())))
    }

    fn fits(&self, servers: &[Server]) -> bool {
        self.ptr == servers.as_ptr() as usize && self.len == servers.len()
    }
}

/// Run `f` with the lookup of `servers`: the one kept with the first
/// server when it was built for this very slice, else a new one.
fn with_lookup<R>(servers: &[Server], f: impl FnOnce(&Lookup) -> R) -> R {
    match servers.first() {
        Some(first) => {
            let kept = first.lookup.get_or_init(|| Lookup::build(servers));
            if kept.fits(servers) {
                f(kept)
            } else {
                f(&Lookup::build(servers))
            }
        }
        None => f(&Lookup::build(servers)),
    }
}

/// The servers that can answer a connection to `local`, in order.
pub fn candidates(servers: &[Server], local: SocketAddr) -> Vec<(&Server, &Listen)> {
    with_lookup(servers, |lookup| {
        lookup.group(local).map_or_else(Vec::new, |g| {
            g.members
                .iter()
                .map(|&(s, l)| {
                    let server = &servers[s as usize];
                    (server, &server.listens[l as usize])
                })
                .collect()
        })
    })
}

/// The default server of the socket `local` (marked `default_server`, or
/// the first one): what [`candidates`] gives first, without listing them.
pub fn socket_default(servers: &[Server], local: SocketAddr) -> Option<&Server> {
    with_lookup(servers, |lookup| {
        lookup
            .group(local)
            .map(|g| g.default.unwrap_or(g.members[0].0) as usize)
    })
    .map(|s| &servers[s])
}

/// nginx's choice of server for a Host on a socket.
pub fn select<'a>(
    servers: &'a [Server],
    local: SocketAddr,
    host: &str,
) -> Option<(&'a Server, Why)> {
    let host = host.to_ascii_lowercase();
    let host = host
        .rsplit_once(':')
        .filter(|(_, p)| p.bytes().all(|c| c.is_ascii_digit()))
        .map_or(host.as_str(), |(h, _)| h);
    let host = host.strip_suffix('.').unwrap_or(host);
    with_lookup(servers, |lookup| {
        lookup.group(local).map(|g| g.select(servers, host))
    })
    .map(|(s, why)| (&servers[s], why))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The linear scans the tables replace, as they were: the reference.
    mod reference {
        use super::super::{Listen, Server, ServerName, Why};
        use std::net::SocketAddr;

        /// The servers that can answer a connection to `local`, in order.
        pub(super) fn candidates(servers: &[Server], local: SocketAddr) -> Vec<(&Server, &Listen)> {
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
        pub(super) fn select<'a>(
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
            if let Some((s, _)) =
                names().find(|(_, n)| matches!(n, ServerName::Exact(e) if e == host))
            {
                return Some((s, Why::Exact(host.to_string())));
            }
            let leading = names()
                .filter_map(|(s, n)| match n {
                    ServerName::Leading { suffix, bare_too } => {
                        let hit = host.ends_with(suffix.as_str())
                            || (*bare_too && format!(".{host}") == *suffix);
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
    }

    const CONF: &str = r#"events {}
http {
    server { listen 8080; }
    server { listen 8080; server_name example.com www.example.com; }
    server { listen 8080; server_name *.example.com; }
    server { listen 8080; server_name .example.com; }
    server { listen 8080; server_name *.www.example.com .www.example.com; }
    server { listen 8080; server_name www.example.* www.*; }
    server { listen 8080; server_name "~^api\d+\." "~^(?<x>.+)\.example\.org$"; }
    server { listen 8080 default_server; server_name dflt example.com; }
    server { listen 127.0.0.1:8081; server_name only-explicit *.example.com; }
    server { listen 8081; server_name wildcard-socket www.example.*; }
    server { listen [::]:8080; server_name v6 .example.com; }
    server { listen 8082; server_name .. . "" *.; }
    server { listen 8080; server_name *.example.com www.example.*; }
    server { server_name no-listen; }
    server { listen 127.0.0.1:8080; listen 8080; server_name Both.Example.COM.; }
    server { listen 127.0.0.1:8083; listen 127.0.0.1:8083; server_name twice; }
}
"#;

    fn servers() -> Vec<Server> {
        let config = crate::syntax::include::load_text(
            std::path::Path::new("/tmp/nginx.conf"),
            CONF.as_bytes().to_vec(),
            &Default::default(),
        );
        crate::ir::Http::build(&config, true).unwrap().servers
    }

    const HOSTS: &[&str] = &[
        "",
        "example.com",
        "EXAMPLE.com.",
        "a.example.com",
        "a.b.example.com",
        "www.example.com",
        "a.www.example.com",
        "www.www.example.com",
        "www.example.org",
        "www.foo",
        "www.",
        "api7.x",
        "x.example.org",
        "nomatch",
        "example.com:8080",
        ".example.com",
        "a..example.com",
        "[::1]:80",
        "v6",
        "only-explicit",
        "wildcard-socket",
        "..",
        ".",
        "a.",
        "a",
        "dflt",
        "both.example.com",
        "twice",
        "no-listen",
        "www.example.com.:80",
        "www.example",
        "example.com:x",
    ];

    const LOCALS: &[&str] = &[
        "127.0.0.1:8080",
        "10.0.0.1:8080",
        "127.0.0.1:8081",
        "10.0.0.1:8081",
        "[::1]:8080",
        "[::]:8080",
        "127.0.0.1:80",
        "127.0.0.1:9999",
        "127.0.0.1:8082",
        "127.0.0.1:8083",
        "[::1]:8081",
    ];

    fn same(servers: &[Server]) {
        let ids = |v: Vec<(&Server, &Listen)>| {
            v.iter()
                .map(|(s, l)| (s.index, *l as *const Listen))
                .collect::<Vec<_>>()
        };
        for local in LOCALS {
            let local: SocketAddr = local.parse().unwrap();
            let group = reference::candidates(servers, local);
            let default = group
                .iter()
                .find(|(_, l)| l.default_server)
                .or(group.first())
                .map(|(s, _)| s.index);
            assert_eq!(socket_default(servers, local).map(|s| s.index), default);
            assert_eq!(ids(candidates(servers, local)), ids(group), "{local}");
            for host in HOSTS {
                let want = reference::select(servers, local, host).map(|(s, w)| (s.index, w));
                let got = select(servers, local, host).map(|(s, w)| (s.index, w));
                assert_eq!(got, want, "{host} on {local}");
            }
        }
    }

    #[test]
    fn tables_choose_as_the_linear_scan() {
        let servers = servers();
        same(&servers);
        // Kept with the first server, built for the whole list.
        assert!(servers[0].lookup.get().is_some_and(|l| l.fits(&servers)));
        // Another slice of the same servers is not mistaken for the list.
        same(&servers[1..]);
        same(&servers[..5]);
        same(&[]);
    }
}
