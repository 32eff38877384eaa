//! The nginx oracle: run real nginx on a case's configuration and send it
//! the case's requests.
//!
//! The runner writes `{dir}/nginx.conf`: `daemon off; master_process off;`,
//! the pid file and an `info` error log under the case's directory,
//! `events { worker_connections 64; }`, then the case's `http` block with
//! every temp path (`client_body_temp_path`, `proxy_temp_path`, ...) under
//! the directory inserted as its first lines. As root it adds `user root
//! root;`. nginx runs as `BINARY -p {dir}/ -c {dir}/nginx.conf -e
//! {dir}/error.log` and is killed when the requests are done.

use super::case::{Case, PortRef, Request, Send, Version};
use super::client;
use super::engine::{Engine, Observation, Run, TlsObserved};
use super::env::CaseEnv;
use std::net::{SocketAddr, TcpStream};
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// How long nginx may take to accept connections.
const START_TIMEOUT: Duration = Duration::from_secs(5);
/// How long one request may take.
const REQUEST_TIMEOUT: Duration = Duration::from_secs(5);

/// How a run that lost a race for its port starts its error: the runner
/// tries again with other ports.
pub const PORT_TAKEN: &str = "nginx could not bind its port";

/// Why the oracle binary is unusable.
#[derive(Debug, thiserror::Error)]
pub enum OracleError {
    #[error("cannot run {binary}: {source}")]
    Spawn {
        binary: PathBuf,
        source: std::io::Error,
    },
    #[error("{binary} -v printed no nginx version: {output:?}")]
    NoVersion { binary: PathBuf, output: String },
}

/// Real nginx at `binary`.
#[derive(Debug, Clone)]
pub struct NginxOracle {
    binary: PathBuf,
    name: String,
    /// Extra environment for the server (rginx's version profile).
    env: Vec<(String, String)>,
    /// Oracle, or Runtime for rginx started the same way.
    mode: super::ModeName,
}

impl NginxOracle {
    /// The oracle for `binary`; its report name includes `version`.
    pub fn new(binary: impl Into<PathBuf>, version: Version) -> Self {
        NginxOracle {
            binary: binary.into(),
            name: format!("nginx {}", version.full()),
            env: Vec::new(),
            mode: super::ModeName::Oracle,
        }
    }

    /// The rginx runtime as the server under test: this very binary,
    /// started like nginx, following the `version` profile.
    pub fn rginx_runtime(binary: impl Into<PathBuf>, version: Version) -> Self {
        NginxOracle {
            binary: binary.into(),
            name: format!("rginx runtime ({})", version.full()),
            env: vec![("RGINX_NGINX_VERSION".into(), version.full())],
            mode: super::ModeName::Runtime,
        }
    }

    pub fn binary(&self) -> &Path {
        &self.binary
    }

    /// The version `binary -v` reports (`nginx version: nginx/1.22.1`).
    pub fn detect_version(binary: &Path) -> Result<Version, OracleError> {
        let out = Command::new(binary)
            .arg("-v")
            .stdin(Stdio::null())
            .output()
            .map_err(|source| OracleError::Spawn {
                binary: binary.to_path_buf(),
                source,
            })?;
        let text = format!(
            "{}{}",
            String::from_utf8_lossy(&out.stderr),
            String::from_utf8_lossy(&out.stdout)
        );
        text.lines()
            .filter_map(|l| l.strip_prefix("nginx version: "))
            .filter_map(|l| l.split_whitespace().next())
            .filter_map(|l| l.rsplit('/').next())
            .find_map(Version::parse)
            .ok_or_else(|| OracleError::NoVersion {
                binary: binary.to_path_buf(),
                output: text.trim().to_string(),
            })
    }
}

/// Where `http` opens its block in `config`: the byte just after the `{`.
fn http_block_start(config: &str) -> Option<usize> {
    let b = config.as_bytes();
    let mut from = 0;
    while let Some(i) = config[from..].find("http").map(|i| i + from) {
        let before_ok = i == 0 || matches!(b[i - 1], b' ' | b'\t' | b'\n' | b'\r' | b';' | b'}');
        let mut j = i + 4;
        while j < b.len() && b[j].is_ascii_whitespace() {
            j += 1;
        }
        if before_ok && j < b.len() && b[j] == b'{' {
            return Some(j + 1);
        }
        from = i + 4;
    }
    None
}

/// The full nginx.conf for a case whose substituted `http` block is
/// `http_config`.
pub fn nginx_conf(dir: &Path, http_config: &str, as_root: bool) -> Result<String, String> {
    let d = dir.display();
    let mut conf = String::new();
    if as_root {
        conf.push_str("user root root;\n");
    }
    conf.push_str(&format!(
        "daemon off;\nmaster_process off;\npid {d}/nginx.pid;\nerror_log {d}/error.log info;\nevents {{ worker_connections 64; }}\n"
    ));
    let at = http_block_start(http_config)
        .ok_or_else(|| "the configuration has no `http {` block".to_string())?;
    let temp = ["client_body", "proxy", "fastcgi", "uwsgi", "scgi"]
        .iter()
        .map(|t| format!("\n    {t}_temp_path {d}/tmp_{t};"))
        .collect::<String>();
    conf.push_str(&http_config[..at]);
    conf.push_str(&temp);
    conf.push_str(&http_config[at..]);
    conf.push('\n');
    Ok(conf)
}

fn read_lossy(path: &Path) -> String {
    std::fs::read(path)
        .map(|b| String::from_utf8_lossy(&b).into_owned())
        .unwrap_or_default()
}

/// Kills nginx when dropped, whatever happens to the run: its whole
/// process group, so that no process it started outlives it.
struct Running(Child);

impl Drop for Running {
    fn drop(&mut self) {
        let group = nix::unistd::Pid::from_raw(self.0.id() as i32);
        let _ = nix::sys::signal::killpg(group, nix::sys::signal::Signal::SIGKILL);
        let _ = self.0.wait();
    }
}

fn request_bytes(env: &CaseEnv, send: &Send) -> Vec<u8> {
    match send {
        Send::Raw(raw) => env.substitute(raw).into_bytes(),
        Send::Built {
            method,
            path,
            headers,
            body,
        } => {
            let headers: Vec<(String, String)> = headers
                .iter()
                .map(|(n, v)| (n.clone(), env.substitute(v)))
                .collect();
            client::build_request(
                method,
                &env.substitute(path),
                &headers,
                &env.substitute(body),
            )
        }
    }
}

impl NginxOracle {
    fn logs(dir: &Path) -> String {
        let mut s = String::new();
        let stderr = read_lossy(&dir.join("stderr.log"));
        if !stderr.trim().is_empty() {
            s.push_str("stderr:\n");
            s.push_str(&stderr);
        }
        s.push_str(&read_lossy(&dir.join("error.log")));
        s
    }

    fn wait_ready(child: &mut Child, ports: &[u16], dir: &Path) -> Result<(), String> {
        let deadline = Instant::now() + START_TIMEOUT;
        let pid = child.id();
        let mut pending: Vec<u16> = ports.to_vec();
        while !pending.is_empty() {
            let stderr = read_lossy(&dir.join("stderr.log"));
            if stderr.contains("bind() to") {
                return Err(format!("{PORT_TAKEN}\n{}", Self::logs(dir)));
            }
            if let Ok(Some(status)) = child.try_wait() {
                let conf = read_lossy(&dir.join("nginx.conf"))
                    .lines()
                    .enumerate()
                    .map(|(i, l)| format!("{:>3} {l}\n", i + 1))
                    .collect::<String>();
                return Err(format!(
                    "nginx exited at start ({status})\n{}nginx.conf:\n{conf}",
                    Self::logs(dir)
                ));
            }
            if Instant::now() >= deadline {
                return Err(format!(
                    "nginx did not accept connections on port {} within {START_TIMEOUT:?}\n{}",
                    pending[0],
                    Self::logs(dir)
                ));
            }
            let addr = SocketAddr::from(([127, 0, 0, 1], pending[0]));
            // Another process may hold a port we found free: only a socket
            // this nginx owns counts (where /proc can tell).
            let ready = TcpStream::connect_timeout(&addr, Duration::from_millis(200)).is_ok()
                && listens(pid, pending[0]).unwrap_or(true);
            if ready {
                pending.remove(0);
            } else {
                std::thread::sleep(Duration::from_millis(5));
            }
        }
        Ok(())
    }
}

/// Whether process `pid` has a socket listening on 127.0.0.1:`port`, from
/// `/proc`; `None` where `/proc` cannot tell (not Linux).
fn listens(pid: u32, port: u16) -> Option<bool> {
    let table = std::fs::read_to_string("/proc/net/tcp").ok()?;
    let local = format!("0100007F:{port:04X}");
    let inodes: Vec<String> = table
        .lines()
        .skip(1)
        .filter(|l| l.contains(&local))
        .filter_map(|l| {
            let f: Vec<&str> = l.split_whitespace().collect();
            // sl local rem st tx:rx tr:when retrnsmt uid timeout inode
            (f.len() > 9 && f[1] == local && f[3] == "0A").then(|| format!("socket:[{}]", f[9]))
        })
        .collect();
    if inodes.is_empty() {
        return Some(false);
    }
    let fds = std::fs::read_dir(format!("/proc/{pid}/fd")).ok()?;
    Some(fds.filter_map(Result::ok).any(|e| {
        std::fs::read_link(e.path())
            .map(|t| inodes.iter().any(|i| t.as_os_str() == i.as_str()))
            .unwrap_or(false)
    }))
}

/// Send one request of a case to `port` (plain, or TLS as the request
/// says) and read the response.
fn exchange(
    env: &CaseEnv,
    r: &Request,
    port: u16,
) -> (Result<client::Response, String>, Option<TlsObserved>) {
    let addr = SocketAddr::from(([127, 0, 0, 1], port));
    let bytes = request_bytes(env, &r.send);
    let Some(t) = &r.tls else {
        return (
            client::send(addr, &bytes, REQUEST_TIMEOUT).map_err(|e| e.to_string()),
            None,
        );
    };
    let Some(tls) = &env.tls_client else {
        return (Err("no TLS client for the case".into()), None);
    };
    let name = match super::certs::server_name(t.sni.as_deref()) {
        Ok(n) => n,
        Err(e) => return (Err(e), None),
    };
    let config = if t.http2 {
        tls.http2.clone()
    } else {
        tls.http1.clone()
    };
    let built = match &r.send {
        Send::Built {
            method,
            path,
            headers,
            body,
        } => Some((
            method.clone(),
            env.substitute(path),
            headers
                .iter()
                .map(|(n, v)| (n.clone(), env.substitute(v)))
                .collect::<Vec<_>>(),
            env.substitute(body),
        )),
        Send::Raw(_) => None,
    };
    let send = client::TlsSend {
        bytes: &bytes,
        parts: built
            .as_ref()
            .map(|(method, path, headers, body)| client::Parts {
                method,
                path,
                headers,
                body,
            }),
    };
    let (response, seen) =
        env.rt
            .block_on(client::send_tls(addr, send, config, name, REQUEST_TIMEOUT));
    let tls = seen.map(|h| TlsObserved {
        cert_name: h.cert.as_deref().and_then(|d| env.cert_name_of(d)),
        alpn: h.alpn,
    });
    (response.map_err(|e| e.to_string()), tls)
}

/// A server the oracle started (nginx, or rginx in runtime mode): killed
/// when dropped.
pub struct Server {
    running: Running,
    dir: PathBuf,
}

impl Server {
    /// Its stderr and error.log so far.
    pub fn log(&self) -> String {
        NginxOracle::logs(&self.dir)
    }

    /// Whether the process is still running.
    pub fn is_running(&mut self) -> bool {
        matches!(self.running.0.try_wait(), Ok(None))
    }
}

impl NginxOracle {
    /// Write `{dir}/nginx.conf` around `http_config` (the `http` block,
    /// placeholders substituted), start the binary on it as the module
    /// documentation says, and wait until it accepts on every port of
    /// `ports`.
    pub fn start(&self, dir: &Path, http_config: &str, ports: &[u16]) -> Result<Server, String> {
        let as_root = nix::unistd::geteuid().is_root();
        let conf = nginx_conf(dir, http_config, as_root)?;
        let conf_path = dir.join("nginx.conf");
        std::fs::write(&conf_path, conf)
            .map_err(|e| format!("cannot write {}: {e}", conf_path.display()))?;
        std::fs::create_dir_all(dir.join("logs"))
            .map_err(|e| format!("cannot create {}/logs: {e}", dir.display()))?;
        let stderr = std::fs::File::create(dir.join("stderr.log"))
            .map_err(|e| format!("cannot create {}/stderr.log: {e}", dir.display()))?;
        let child = Command::new(&self.binary)
            .arg("-p")
            .arg(format!("{}/", dir.display()))
            .arg("-c")
            .arg(&conf_path)
            .arg("-e")
            .arg(dir.join("error.log"))
            .current_dir(dir)
            .envs(self.env.iter().map(|(k, v)| (k.as_str(), v.as_str())))
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(stderr)
            .process_group(0)
            .spawn()
            .map_err(|e| format!("cannot run {}: {e}", self.binary.display()))?;
        let mut running = Running(child);
        Self::wait_ready(&mut running.0, ports, dir)?;
        Ok(Server {
            running,
            dir: dir.to_path_buf(),
        })
    }
}

impl Engine for NginxOracle {
    fn name(&self) -> &str {
        &self.name
    }

    fn mode(&self) -> super::ModeName {
        self.mode
    }

    fn run(&self, case: &Case, env: &CaseEnv) -> Result<Run, String> {
        let mut ports = vec![env.port];
        if case.uses_port2() {
            ports.push(env.port2);
        }
        let server = self.start(env.dir(), &env.substitute(&case.config), &ports)?;
        let mut observations = Vec::new();
        for r in &case.requests {
            let port = match r.port {
                PortRef::Port => env.port,
                PortRef::Port2 => env.port2,
            };
            let before = env.backend_counts();
            let (response, tls) = exchange(env, r, port);
            observations.push(Observation {
                response,
                upstream: env.received_since(&before),
                tls,
            });
        }
        let log = server.log();
        drop(server);
        Ok(Run { observations, log })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn temp_paths_go_first_in_http() {
        let c = nginx_conf(Path::new("/t"), "# http\nhttp{\n  server {}\n}", false).unwrap();
        assert!(
            c.contains("http{\n    client_body_temp_path /t/tmp_client_body;"),
            "{c}"
        );
        assert!(
            c.contains("scgi_temp_path /t/tmp_scgi;\n  server {}"),
            "{c}"
        );
        assert!(nginx_conf(Path::new("/t"), "events {}", false).is_err());
        assert!(http_block_start("xhttp {").is_none());
    }
}
