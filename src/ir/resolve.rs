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
        // The legacy `ssl on` (1.22; at server or http level) makes every
        // listen of the server TLS.
        if server.srv.ssl {
            for l in &mut server.listens {
                l.ssl = true;
            }
        }
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

#[cfg(test)]
mod tests {
    fn http(conf: &str) -> crate::ir::Http {
        let config = crate::syntax::include::load_text(
            std::path::Path::new("/tmp/nginx.conf"),
            conf.as_bytes().to_vec(),
            &Default::default(),
        );
        crate::ir::Http::build(&config, true).unwrap()
    }

    #[test]
    fn ssl_on_at_http_level_reaches_every_server() {
        // nginx 1.22 serves TLS on such a server's sockets (`ssl` merges
        // down as a server setting); `ssl off` in a server keeps it plain.
        let h = http(
            "http { ssl on; server { listen 127.0.0.1:8443; } \
             server { listen 127.0.0.1:8444; ssl off; } server { } }",
        );
        let ssl: Vec<bool> = h.servers.iter().map(|s| s.listens[0].ssl).collect();
        assert_eq!(ssl, [true, false, true]);
        let plain = http("http { server { listen 127.0.0.1:8443; } }");
        assert!(!plain.servers[0].listens[0].ssl);
    }

    #[test]
    fn levels_merge_down_to_if_blocks() {
        let h = http(
            "http { client_max_body_size 5m; add_header A 1; server { listen 127.0.0.1:80; \
             send_timeout 7s; location / { add_header B 2; \
             if ($arg_x) { client_max_body_size 1k; } } } }",
        );
        let s = &h.servers[0];
        assert_eq!(s.conf.client_max_body_size, 5 << 20);
        let l = &s.locations[0];
        assert_eq!(l.conf.send_timeout, std::time::Duration::from_secs(7));
        // A level with add_header replaces the list above it.
        assert_eq!(l.conf.add_header.len(), 1);
        let crate::ir::rewrite::Stmt::If(i) = &l.rewrites[0] else {
            panic!("the if is compiled");
        };
        let inner = i.conf.as_ref().unwrap();
        assert_eq!(inner.client_max_body_size, 1024);
        assert_eq!(inner.add_header[0].name, "B");
        assert_eq!(inner.send_timeout, std::time::Duration::from_secs(7));
    }
}
