//! The runtime: serves a configuration as nginx does. One process (a
//! multi-threaded tokio runtime in place of nginx's workers) binds every
//! listen socket of the IR, runs each request through the IR's phase
//! executor (`exec`), and carries out what it decides: responses it
//! makes itself (pages, `return`, static files) and proxying
//! (`upstream`), with WebSocket tunnelling. Signals as nginx: HUP reloads
//! (a broken configuration keeps the old one serving), QUIT stops
//! gracefully, TERM/INT stop now, USR1 reopens the logs.
//!
//! HTTP/1.x is read with nginx's own grammar rather than hyper's server —
//! requests by `head`, upstream responses by `upstream_head` — so that
//! heads are seen exactly as sent (header names in their case and order,
//! duplicates kept, every byte) and judged as nginx judges them; see
//! `docs/architecture.md`.

pub mod body;
pub mod client;
pub mod conn;
pub mod error;
pub mod h2;
pub mod head;
pub mod logs;
pub mod os;
pub mod process;
pub mod request;
pub mod subrequest;
pub mod tls;
pub mod upstream;
pub mod upstream_head;
pub mod wire;

use crate::ir::balance::Balancer;
use crate::ir::Http;
use crate::registry::Version;
use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};

/// Set once by a graceful stop (SIGQUIT): idle keep-alive connections of
/// every configuration generation close at once. After a reload they are
/// left to end with `Connection: close` instead, so that no request races
/// the close.
pub fn stopping() -> &'static tokio::sync::watch::Sender<bool> {
    static STOPPING: std::sync::OnceLock<tokio::sync::watch::Sender<bool>> =
        std::sync::OnceLock::new();
    STOPPING.get_or_init(|| tokio::sync::watch::channel(false).0)
}

/// An error log's file (`None`: standard error) and level.
pub type LogTarget = (Option<PathBuf>, String);

/// Everything a configuration needs while it serves; replaced as a whole
/// on reload (connections keep the generation they started with).
pub struct Generation {
    pub http: Http,
    pub version: Version,
    pub prefix: PathBuf,
    pub balancers: Mutex<HashMap<String, Balancer>>,
    pub pool: upstream::Pool,
    pub formats: HashMap<String, logs::Format>,
    pub files: logs::Files,
    pub error_log: Arc<logs::ErrorLog>,
    /// The `error_log`s of http, server and location blocks, opened when
    /// first written, by (file or standard error, level).
    pub error_logs: Mutex<HashMap<LogTarget, Arc<logs::ErrorLog>>>,
    /// TLS configurations by port, for the sockets with `ssl` listens.
    pub tls: HashMap<u16, tls::SocketTls>,
    /// rustls client configurations for HTTPS upstreams, by their
    /// `proxy_ssl_*` settings.
    pub upstream_tls: Mutex<HashMap<String, Arc<rustls::ClientConfig>>>,
    /// Set when a reload or a graceful stop retires this configuration:
    /// idle keep-alive connections close and HTTP/2 connections get a
    /// GOAWAY, as an old nginx worker does.
    pub retired: tokio::sync::watch::Sender<bool>,
}

impl Generation {
    /// Everything a configuration needs; `Err` when a TLS server cannot be
    /// set up (a certificate that does not load…).
    pub fn new(
        mut http: Http,
        version: Version,
        prefix: PathBuf,
        error_log: Arc<logs::ErrorLog>,
    ) -> Result<Generation, String> {
        http.prefix = prefix.clone();
        let mut tls = HashMap::new();
        let ports: Vec<(u16, std::net::SocketAddr)> = http
            .servers
            .iter()
            .flat_map(|s| s.listens.iter())
            .filter(|l| l.ssl)
            .map(|l| {
                let ip = l
                    .addr
                    .unwrap_or(std::net::IpAddr::V4(std::net::Ipv4Addr::LOCALHOST));
                (l.port, std::net::SocketAddr::new(ip, l.port))
            })
            .collect();
        for (port, local) in ports {
            if tls.contains_key(&port) {
                continue;
            }
            let socket = tls::SocketTls::build(&http, local, version, &mut |w| {
                error_log.write("warn", None, &w)
            })?;
            tls.insert(port, socket);
        }
        Ok(Generation {
            tls,
            upstream_tls: Mutex::new(HashMap::new()),
            formats: logs::formats(&http),
            http,
            version,
            prefix,
            balancers: Mutex::new(HashMap::new()),
            pool: upstream::Pool::default(),
            files: logs::Files::default(),
            error_log,
            error_logs: Mutex::new(HashMap::new()),
            retired: tokio::sync::watch::channel(false).0,
        })
    }

    /// No new requests on the connections of this configuration.
    pub fn retire(&self) {
        self.retired.send_replace(true);
    }

    /// Whether connections to `local` speak TLS.
    pub fn is_tls(&self, local: std::net::SocketAddr) -> bool {
        self.tls.contains_key(&local.port())
            && crate::ir::server::candidates(&self.http.servers, local)
                .iter()
                .any(|(_, l)| l.ssl)
    }

    pub fn log(&self, level: &str, conn: Option<u64>, message: &str) {
        self.error_log.write(level, conn, message);
    }

    /// Log for a request: to the `error_log`s of its location, server or
    /// http block (the innermost level that has any, each with its own
    /// level), else the main error log, as nginx does.
    pub fn log_in(&self, exec: &crate::exec::Exec, level: &str, conn: Option<u64>, message: &str) {
        let entries = &exec.conf().error_log;
        if entries.is_empty() {
            return self.log(level, conn, message);
        }
        for e in entries {
            let Some(target) = e.args.first() else {
                continue;
            };
            // syslog: and memory: targets are not files rginx writes.
            if target.starts_with("syslog:") || target.starts_with("memory:") {
                continue;
            }
            let path = (target != "stderr").then(|| {
                if target.starts_with('/') {
                    PathBuf::from(target)
                } else {
                    self.prefix.join(target)
                }
            });
            let min = e.args.get(1).map_or("error", String::as_str);
            let log = {
                let Ok(mut logs) = self.error_logs.lock() else {
                    continue;
                };
                logs.entry((path.clone(), min.to_string()))
                    .or_insert_with(|| Arc::new(logs::ErrorLog::new(path, min)))
                    .clone()
            };
            log.write(level, conn, message);
        }
    }

    /// USR1: every error log opens its file again.
    pub fn reopen_logs(&self) {
        self.error_log.reopen();
        self.files.reopen();
        if let Ok(logs) = self.error_logs.lock() {
            for l in logs.values() {
                l.reopen();
            }
        }
    }
}
