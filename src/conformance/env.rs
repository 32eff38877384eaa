//! The environment one case runs in: a temporary directory holding the
//! case's `[files]`, free listen ports, the recording backends the case
//! names, the case's certificates and the client's trust in them (see
//! [`certs`](super::certs)), and placeholder substitution (`{{port}}`,
//! `{{port2}}`, `{{dir}}`, `{{backend:NAME}}`, `{{cert}}`, `{{key}}`,
//! `{{cert:NAME}}`, `{{key:NAME}}`, `{{ca}}`).

use super::backend::{Backend, RecordedRequest};
use super::case::Case;
use super::certs::CaseCerts;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use tokio::runtime::Handle;

/// Why a case environment could not be set up.
#[derive(Debug, thiserror::Error)]
pub enum EnvError {
    #[error("cannot create the temporary directory {path}: {source}")]
    TempDir {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("cannot write {path}: {source}")]
    WriteFile {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("cannot allocate a port: {0}")]
    Port(std::io::Error),
    #[error("cannot start backend {name}: {source}")]
    Backend {
        name: String,
        source: std::io::Error,
    },
    #[error("{0}")]
    Tls(String),
}

/// A directory removed (with its contents) when dropped.
#[derive(Debug)]
pub struct TempDir {
    path: PathBuf,
}

static COUNTER: AtomicU64 = AtomicU64::new(0);

impl TempDir {
    pub fn new() -> Result<TempDir, EnvError> {
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.subsec_nanos())
            .unwrap_or(0);
        let path = std::env::temp_dir().join(format!(
            "rginx-conformance-{}-{}-{nanos}",
            std::process::id(),
            COUNTER.fetch_add(1, Ordering::Relaxed)
        ));
        std::fs::create_dir_all(&path).map_err(|source| EnvError::TempDir {
            path: path.clone(),
            source,
        })?;
        Ok(TempDir { path })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.path);
    }
}

/// Distinct free ports: bind 127.0.0.1:0 for each (all held at once), then
/// release them. A port is handed out at most once per process, so cases
/// running side by side never get the same one.
pub fn free_ports(n: usize) -> std::io::Result<Vec<u16>> {
    static GIVEN: Mutex<BTreeSet<u16>> = Mutex::new(BTreeSet::new());
    let mut given = GIVEN.lock().unwrap_or_else(|p| p.into_inner());
    let mut held = Vec::new();
    let mut ports = Vec::new();
    let mut tries = 0;
    while ports.len() < n {
        tries += 1;
        if tries > 1000 {
            return Err(std::io::Error::new(
                std::io::ErrorKind::AddrInUse,
                "no unused port found",
            ));
        }
        let l = std::net::TcpListener::bind("127.0.0.1:0")?;
        let port = l.local_addr()?.port();
        held.push(l);
        if given.insert(port) {
            ports.push(port);
        }
    }
    Ok(ports)
}

/// Everything a case runs against.
#[derive(Debug)]
pub struct CaseEnv {
    dir: TempDir,
    pub port: u16,
    pub port2: u16,
    /// By name.
    pub backends: BTreeMap<String, Backend>,
    /// The case's CA and certificates (when it uses any or sends TLS).
    pub certs: Option<CaseCerts>,
    /// The client's TLS configurations: offering `http/1.1`, and `h2`
    /// then `http/1.1`; both keep sessions in one store.
    pub tls_client: Option<TlsClient>,
    /// The runtime the backends (and the TLS client) run on.
    pub rt: Handle,
}

/// The client side of a case's TLS requests.
#[derive(Debug, Clone)]
pub struct TlsClient {
    pub http1: Arc<rustls::ClientConfig>,
    pub http2: Arc<rustls::ClientConfig>,
}

impl CaseEnv {
    /// A temporary directory with the case's files written (placeholders
    /// substituted), two free ports, and the case's backends running on `rt`.
    pub fn new(case: &Case, rt: &Handle) -> Result<CaseEnv, EnvError> {
        let dir = TempDir::new()?;
        let ports = free_ports(2).map_err(EnvError::Port)?;
        let mut backends = BTreeMap::new();
        for name in case.backend_names() {
            let b = Backend::start(&name, rt).map_err(|source| EnvError::Backend {
                name: name.clone(),
                source,
            })?;
            backends.insert(name, b);
        }
        let names = case.cert_names();
        let sends_tls = case.requests.iter().any(|r| r.tls.is_some());
        let (certs, tls_client) = if names.is_empty() && !sends_tls {
            (None, None)
        } else {
            let certs = CaseCerts::generate(&names).map_err(EnvError::Tls)?;
            let sessions: Arc<dyn rustls::client::ClientSessionStore> =
                Arc::new(rustls::client::ClientSessionMemoryCache::new(64));
            let client = TlsClient {
                http1: certs
                    .client_config(&[b"http/1.1"], sessions.clone())
                    .map_err(EnvError::Tls)?,
                http2: certs
                    .client_config(&[b"h2", b"http/1.1"], sessions)
                    .map_err(EnvError::Tls)?,
            };
            (Some(certs), Some(client))
        };
        let env = CaseEnv {
            dir,
            port: ports[0],
            port2: ports[1],
            backends,
            certs,
            tls_client,
            rt: rt.clone(),
        };
        if let Some(certs) = &env.certs {
            let d = env.dir().join("certs");
            let write = |path: PathBuf, text: &str| {
                std::fs::create_dir_all(&d).map_err(|source| EnvError::WriteFile {
                    path: d.clone(),
                    source,
                })?;
                std::fs::write(&path, text).map_err(|source| EnvError::WriteFile { path, source })
            };
            write(d.join("ca.crt"), &certs.ca_pem)?;
            for (name, g) in &certs.certs {
                let stem = CaseCerts::file_stem(name);
                write(d.join(format!("{stem}.crt")), &g.cert_pem)?;
                write(d.join(format!("{stem}.key")), &g.key_pem)?;
            }
        }
        for (rel, body) in &case.files {
            let path = env.dir().join(rel);
            if let Some(parent) = path.parent() {
                std::fs::create_dir_all(parent).map_err(|source| EnvError::WriteFile {
                    path: parent.to_path_buf(),
                    source,
                })?;
            }
            std::fs::write(&path, env.substitute(body))
                .map_err(|source| EnvError::WriteFile { path, source })?;
        }
        Ok(env)
    }

    /// The temporary directory, `{{dir}}`.
    pub fn dir(&self) -> &Path {
        self.dir.path()
    }

    /// Replace the placeholders in `s` (unknown ones are left as written;
    /// case validation rejects them).
    pub fn substitute(&self, s: &str) -> String {
        let mut out = String::with_capacity(s.len());
        let mut rest = s;
        while let Some(i) = rest.find("{{") {
            out.push_str(&rest[..i]);
            let after = &rest[i + 2..];
            let Some(j) = after.find("}}") else {
                out.push_str(&rest[i..]);
                return out;
            };
            let key = &after[..j];
            match self.value(key) {
                Some(v) => out.push_str(&v),
                None => out.push_str(&rest[i..i + 2 + j + 2]),
            }
            rest = &after[j + 2..];
        }
        out.push_str(rest);
        out
    }

    fn value(&self, key: &str) -> Option<String> {
        let cert_file = |name: &str, ext: &str| {
            self.certs.as_ref()?.certs.get(name)?;
            let stem = CaseCerts::file_stem(name);
            Some(
                self.dir()
                    .join("certs")
                    .join(format!("{stem}.{ext}"))
                    .display()
                    .to_string(),
            )
        };
        match key {
            "port" => Some(self.port.to_string()),
            "port2" => Some(self.port2.to_string()),
            "dir" => Some(self.dir().display().to_string()),
            "cert" => cert_file(super::certs::DEFAULT_NAME, "crt"),
            "key" => cert_file(super::certs::DEFAULT_NAME, "key"),
            "ca" => self
                .certs
                .as_ref()
                .map(|_| self.dir().join("certs/ca.crt").display().to_string()),
            _ => {
                if let Some(n) = key.strip_prefix("cert:") {
                    return cert_file(n, "crt");
                }
                if let Some(n) = key.strip_prefix("key:") {
                    return cert_file(n, "key");
                }
                let name = key.strip_prefix("backend:")?;
                self.backends.get(name).map(|b| b.addr().to_string())
            }
        }
    }

    /// The case name of the certificate a server presented (DER), if it
    /// is one of the case's.
    pub fn cert_name_of(&self, der: &[u8]) -> Option<String> {
        self.certs
            .as_ref()
            .and_then(|c| c.name_of(der))
            .map(str::to_string)
    }

    /// The certificate name of the file `path` (as the configuration
    /// names it after substitution), if it is one of the case's.
    pub fn cert_name_of_file(&self, path: &str) -> Option<String> {
        let certs = self.certs.as_ref()?;
        certs
            .certs
            .keys()
            .find(|n| self.value(&format!("cert:{n}")).as_deref() == Some(path))
            .cloned()
    }

    /// How many requests each backend has received so far.
    pub fn backend_counts(&self) -> BTreeMap<String, usize> {
        self.backends
            .iter()
            .map(|(n, b)| (n.clone(), b.count()))
            .collect()
    }

    /// What the backends received after `before` (from
    /// [`backend_counts`](Self::backend_counts)), backend by backend.
    pub fn received_since(&self, before: &BTreeMap<String, usize>) -> Vec<RecordedRequest> {
        let mut out = Vec::new();
        for (name, b) in &self.backends {
            let skip = before.get(name).copied().unwrap_or(0);
            out.extend(b.recorded().into_iter().skip(skip));
        }
        out
    }
}
