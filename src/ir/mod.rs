//! The routing IR: what nginx resolves from the configuration at load,
//! built once, immutable, owning its data (it never refers back to the
//! syntax tree).
//!
//! So far: listen sockets and server selection (`server`), the location
//! tree and nginx's matching algorithm (`location`), request URI
//! normalization (`uri`), and explaining a request (`route`).

pub mod location;
pub mod merge;
pub mod pages;
pub mod rewrite;
pub mod route;
pub mod server;
pub mod upstream;
pub mod uri;
pub mod vars;

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

/// The statements of a block with `include`s replaced by what they bring.
pub(crate) fn expanded<'a>(config: &'a Config, list: &'a [Directive]) -> Vec<&'a Directive> {
    let mut out = Vec::new();
    let mut stack = Vec::new();
    expand_into(config, list, &mut out, &mut stack);
    out
}

fn expand_into<'a>(
    config: &'a Config,
    list: &'a [Directive],
    out: &mut Vec<&'a Directive>,
    stack: &mut Vec<u32>,
) {
    for d in list {
        if d.is("include") {
            for &id in &d.includes {
                if stack.contains(&id.0) {
                    continue;
                }
                stack.push(id.0);
                expand_into(config, &config.file(id).directives, out, stack);
                stack.pop();
            }
        } else {
            out.push(d);
        }
    }
}

/// The http part of a configuration, resolved.
#[derive(Debug, Default)]
pub struct Http {
    pub servers: Vec<Server>,
    /// The http block's own directives (not blocks), for inheritance.
    pub settings: Vec<location::Setting>,
}

/// The directives of a block that are not blocks themselves.
pub(crate) fn settings_of(config: &Config, list: &[&Directive]) -> Vec<location::Setting> {
    list.iter()
        .filter(|d| d.block().is_none() && !matches!(d.body, crate::syntax::ast::Body::Lua(_)))
        .map(|d| location::Setting {
            name: d.name_text().into_owned(),
            args: d.args.iter().map(|a| a.text().into_owned()).collect(),
            at: at(&config.sources, d),
        })
        .collect()
}

impl Http {
    /// Build from a loaded configuration (which `-t` has accepted).
    pub fn build(config: &Config, root: bool) -> Result<Http, String> {
        let main = expanded(config, &config.file(config.main).directives);
        let Some(http) = main.iter().find(|d| d.is("http")) else {
            return Ok(Http::default());
        };
        let block = http
            .block()
            .map(|b| b.directives.as_slice())
            .unwrap_or_default();
        let children = expanded(config, block);
        let mut servers = Vec::new();
        for d in &children {
            if d.is("server") {
                servers.push(Server::build(config, d, servers.len(), root)?);
            }
        }
        Ok(Http {
            servers,
            settings: settings_of(config, &children),
        })
    }
}
