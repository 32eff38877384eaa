//! The typed configuration of every level, merged at load (nginx's
//! `merge_srv_conf`/`merge_loc_conf` run once per block): each server's
//! and location's settings with the levels around them, each `if` of a
//! location with its location, and the rewrite statements compiled.

use super::conf::{AliasOf, LocLevel, Main, MainLevel, Result, Srv, SrvLevel};
use super::setting::Setting;
use std::sync::Arc;

/// Merge every level of the http block at load: each server's and each
/// location's settings (and each `if` of a location) with the levels
/// around them.
pub fn resolve(http: &[Setting], servers: &mut [super::Server]) -> Result<(Main, Srv)> {
    let http_loc = LocLevel::of(http, None)?;
    let http_srv = SrvLevel::of(http)?;
    for server in servers.iter_mut() {
        let mut level = LocLevel::of(&server.settings, None)?;
        level.inherit_all(&http_loc, false);
        server.conf = Arc::new(level.resolve());
        let mut srv = SrvLevel::of(&server.settings)?;
        srv.inherit(&http_srv, false);
        server.srv = Arc::new(srv.resolve());
        server.merge_slashes = server.srv.merge_slashes;
        server.rewrites = super::rewrite::compile(&server.settings, None)?;
        for l in &mut server.locations {
            resolve_location(l, &level)?;
        }
    }
    Ok((MainLevel::of(http)?.resolve(), http_srv.resolve()))
}

fn resolve_location(l: &mut super::Location, parent: &LocLevel) -> Result {
    let alias = AliasOf {
        prefix_len: l.pattern.len(),
        regex: matches!(l.kind, super::LocationKind::Regex { .. }),
    };
    let mut level = LocLevel::of(&l.settings, Some(alias.clone()))?;
    level.inherit_all(parent, false);
    l.conf = Arc::new(level.resolve());
    l.rewrites = super::rewrite::compile(&l.settings, Some((&level, &alias)))?;
    for child in &mut l.children {
        resolve_location(child, &level)?;
    }
    Ok(())
}
