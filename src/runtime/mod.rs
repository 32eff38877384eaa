//! The runtime: serves a configuration as nginx does. One process (a
//! multi-threaded tokio runtime in place of nginx's workers) binds every
//! listen socket of the IR, runs each request through the IR's phase
//! executor (`ir::exec`), and carries out what it decides: responses it
//! makes itself (pages, `return`, static files) and proxying
//! (`upstream`), with WebSocket tunnelling. Signals as nginx: HUP reloads
//! (a broken configuration keeps the old one serving), QUIT stops
//! gracefully, TERM/INT stop now, USR1 reopens the logs.
//!
//! HTTP/1.x is read with httparse rather than hyper's server so that the
//! request is seen exactly as sent — header names in their case and order,
//! duplicates kept — which is what nginx passes upstream; see
//! `docs/architecture.md`.

pub mod client;
pub mod logs;
pub mod process;
pub mod request;
pub mod upstream;
pub mod wire;

use crate::ir::balance::Balancer;
use crate::ir::Http;
use crate::registry::Version;
use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};

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
}

impl Generation {
    pub fn new(
        mut http: Http,
        version: Version,
        prefix: PathBuf,
        error_log: Arc<logs::ErrorLog>,
    ) -> Generation {
        http.prefix = prefix.clone();
        Generation {
            formats: logs::formats(&http),
            http,
            version,
            prefix,
            balancers: Mutex::new(HashMap::new()),
            pool: upstream::Pool::default(),
            files: logs::Files::default(),
            error_log,
        }
    }

    pub fn log(&self, level: &str, conn: Option<u64>, message: &str) {
        self.error_log.write(level, conn, message);
    }
}
