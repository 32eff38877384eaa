//! The routing IR: what nginx resolves from the configuration at load,
//! built once, immutable, owning its data (it never refers back to the
//! syntax tree).
//!
//! So far: listen sockets and server selection (`server`), the location
//! tree and nginx's matching algorithm (`location`), request URI
//! normalization (`uri`), and explaining a request (`route`).

pub mod balance;
pub mod conf;
pub mod dump;
pub mod hash;
pub mod location;
pub mod maps;
pub mod merge;
pub mod pages;
pub mod resolve;
pub mod rewrite;
pub mod server;
pub mod setting;
pub mod uri;

use crate::source::SourceMap;
use crate::syntax::ast::Directive;
use crate::syntax::Config;

pub use location::{Location, LocationKind};
pub use server::{Listen, Server, ServerName};

/// Where something was written, for explanations: `file:line`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct At {
    pub file: String,
    pub line: u32,
}

impl std::fmt::Display for At {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}", self.file, self.line)
    }
}

pub(crate) fn at(sources: &SourceMap, d: &Directive) -> At {
    let file = sources.get(d.name.span.file);
    At {
        file: file.display_name(),
        line: file.line_of(d.name.span.lo),
    }
}

/// The http part of a configuration, resolved.
#[derive(Debug, Default)]
pub struct Http {
    pub servers: Vec<Server>,
    /// The http block's own directives (not blocks), for inheritance.
    pub settings: Vec<location::Setting>,
    /// `upstream` blocks by name.
    pub upstreams: indexmap::IndexMap<String, std::sync::Arc<balance::Group>>,
    /// Variables defined by `map`, `geo` and `split_clients`, by name
    /// (without `$`).
    pub tables: std::collections::HashMap<String, maps::Table>,
    /// Relative paths (`root html`) are relative to this (nginx's prefix).
    pub prefix: std::path::PathBuf,
    /// The configuration mentions `$sent_http_*` somewhere: only then is
    /// the list of sent headers kept for each response.
    pub uses_sent_http: bool,
    /// The http block's own settings.
    pub main: conf::Main,
    /// The http level's settings in effect (no server applies).
    pub conf: std::sync::Arc<conf::Loc>,
    /// What the http level decides for connections (no server applies).
    pub srv: std::sync::Arc<conf::Srv>,
    /// `[warn]`s nginx gives while building these (a hash that is not
    /// optimal).
    pub warnings: Vec<String>,
}

/// Blocks that are levels or tables of their own, not settings.
const OWN_BLOCKS: &[&str] = &[
    "server",
    "location",
    "upstream",
    "map",
    "geo",
    "split_clients",
];

/// A directive as a setting of its level: `None` for the blocks the IR
/// builds on their own (servers, locations, upstreams, maps) and for Lua.
pub(crate) fn setting_of(config: &Config, d: &Directive) -> Option<location::Setting> {
    if matches!(d.body, crate::syntax::ast::Body::Lua(_)) {
        return None;
    }
    let name = d.name_text();
    if d.block().is_some() && OWN_BLOCKS.contains(&name.as_ref()) {
        return None;
    }
    let block = d
        .block()
        .map(|b| {
            config
                .expanded(&b.directives)
                .into_iter()
                .filter_map(|c| setting_of(config, c))
                .collect()
        })
        .unwrap_or_default();
    Some(location::Setting {
        name: name.into_owned(),
        args: d.args.iter().map(|a| a.text().into_owned()).collect(),
        at: at(&config.sources, d),
        block,
    })
}

/// The settings of a level, in order.
pub(crate) fn settings_of(config: &Config, list: &[&Directive]) -> Vec<location::Setting> {
    list.iter().filter_map(|d| setting_of(config, d)).collect()
}

impl Http {
    /// The settings of the socket's default server (the http level's when
    /// it has none): what nginx applies before a request names its server.
    pub fn early(&self, local: std::net::SocketAddr) -> (&conf::Loc, &conf::Srv) {
        match server::socket_default(&self.servers, local) {
            Some(s) => (&s.conf, &s.srv),
            None => (&self.conf, &self.srv),
        }
    }

    /// Build from a loaded configuration (which `-t` has accepted).
    pub fn build(config: &Config, root: bool) -> Result<Http, String> {
        let main = config.expanded(&config.file(config.main).directives);
        let Some(http) = main.iter().find(|d| d.is("http")) else {
            return Ok(Http::default());
        };
        let block = http
            .block()
            .map(|b| b.directives.as_slice())
            .unwrap_or_default();
        let children = config.expanded(block);
        let mut servers = Vec::new();
        let mut upstreams = indexmap::IndexMap::new();
        let mut tables = std::collections::HashMap::new();
        for d in &children {
            let args: Vec<String> = d.args.iter().map(|a| a.text().into_owned()).collect();
            let entries = || {
                d.block()
                    .map(|b| settings_of(config, &config.expanded(&b.directives)))
                    .unwrap_or_default()
            };
            let var = |a: &str| a.trim_start_matches('$').to_string();
            match d.name_text().as_ref() {
                "server" => servers.push(Server::build(config, d, servers.len(), root)?),
                "upstream" if d.block().is_some() => {
                    let name = args.first().cloned().unwrap_or_default();
                    let where_ = at(&config.sources, d);
                    let group = balance::Group::build(&name, where_.clone(), &entries())
                        .map_err(|e| format!("[emerg] {e} in {where_}"))?;
                    upstreams.insert(name, std::sync::Arc::new(group));
                }
                "map" if args.len() == 2 => {
                    let m = maps::Map::build(&args[0], &entries())?;
                    tables.insert(var(&args[1]), maps::Table::Map(m));
                }
                "geo" if !args.is_empty() => {
                    let (source, name) = match args.as_slice() {
                        [v] => (None, v),
                        [s, v, ..] => (Some(s.as_str()), v),
                        [] => unreachable!("checked non-empty"),
                    };
                    let g = maps::Geo::build(source, &entries())?;
                    tables.insert(var(name), maps::Table::Geo(g));
                }
                "split_clients" if args.len() == 2 => {
                    let sc = maps::SplitClients::build(&args[0], &entries())?;
                    tables.insert(var(&args[1]), maps::Table::Split(sc));
                }
                _ => {}
            }
        }
        // proxy_pass to an address: resolved now, as nginx does at load.
        let mut passes = Vec::new();
        fn walk<'a>(settings: &'a [location::Setting], out: &mut Vec<&'a location::Setting>) {
            for s in settings {
                if s.name == "proxy_pass" {
                    out.push(s);
                }
                walk(&s.block, out);
            }
        }
        fn walk_locations<'a>(list: &'a [Location], out: &mut Vec<&'a location::Setting>) {
            for l in list {
                walk(&l.settings, out);
                walk_locations(&l.children, out);
            }
        }
        for s in &servers {
            walk_locations(&s.locations, &mut passes);
        }
        for pass in passes {
            let Some(url) = pass.args.first() else {
                continue;
            };
            let Some((authority, _)) = uri::split_url(url) else {
                continue;
            };
            if url.contains('$') || upstreams.contains_key(authority) {
                continue;
            }
            let default_port = if url.starts_with("https://") { 443 } else { 80 };
            let group = balance::Group::implicit(authority, default_port)
                .map_err(|e| format!("[emerg] {e} in {}", pass.at))?;
            upstreams.insert(authority.to_string(), std::sync::Arc::new(group));
        }
        let prefix = config
            .sources
            .get(config.main)
            .path()
            .and_then(|p| p.parent())
            .map(std::path::Path::to_path_buf)
            .unwrap_or_default();
        let settings = settings_of(config, &children);
        let (main, srv) = resolve::resolve(&settings, &mut servers)?;
        let http_conf = conf::LocLevel::of(&settings, None)?.resolve();
        let warnings = server_names_hash(&servers, &main)?;
        Ok(Http {
            main,
            conf: std::sync::Arc::new(http_conf),
            srv: std::sync::Arc::new(srv),
            warnings,
            servers,
            settings,
            upstreams,
            tables,
            prefix,
            uses_sent_http: config.sources.iter().any(|(_, f)| {
                f.text
                    .windows(b"sent_http_".len())
                    .any(|w| w == b"sent_http_")
            }),
        })
    }
}

/// nginx's `server_names_hash` of each address that more than one server
/// listens on (`ngx_http_server_names`): a name too long for
/// `server_names_hash_bucket_size` stops the start, too many names for
/// `server_names_hash_max_size` give a warning.
fn server_names_hash(servers: &[Server], main: &conf::Main) -> Result<Vec<String>, String> {
    let max_size = main.server_names_hash_max_size as usize;
    let bucket_size = hash::aligned(main.server_names_hash_bucket_size as usize);
    let mut by_address: indexmap::IndexMap<(Option<std::net::IpAddr>, bool, u16), Vec<&Server>> =
        indexmap::IndexMap::new();
    for s in servers {
        let mut seen = Vec::new();
        for l in &s.listens {
            let key = (l.addr, l.ipv6_wildcard, l.port);
            if !seen.contains(&key) {
                seen.push(key);
                by_address.entry(key).or_default().push(s);
            }
        }
    }
    let mut warnings = Vec::new();
    for list in by_address.values().filter(|l| l.len() > 1) {
        let mut keys: Vec<String> = Vec::new();
        for s in list {
            for n in &s.names {
                let exact = match n {
                    server::ServerName::Exact(e) => e.clone(),
                    server::ServerName::Leading {
                        suffix,
                        bare_too: true,
                    } => suffix.trim_start_matches('.').to_string(),
                    _ => continue,
                };
                let exact = exact.to_ascii_lowercase();
                if !exact.is_empty() && !keys.contains(&exact) {
                    keys.push(exact);
                }
            }
        }
        let keys: Vec<&[u8]> = keys.iter().map(|k| k.as_bytes()).collect();
        match hash::size("server_names_hash", &keys, max_size, bucket_size) {
            Err(e) => return Err(format!("[emerg] {e}")),
            Ok(hash::Sizing::NotOptimal(w)) => {
                if !warnings.contains(&w) {
                    warnings.push(w);
                }
            }
            Ok(hash::Sizing::Fits) => {}
        }
    }
    Ok(warnings)
}
