//! Helpers of the end-to-end tests (`tests/serve*.rs`): rginx started on
//! a configuration, recording/echo backends, and the seed configs.

#![allow(dead_code)]

use super::common::*;
use futures_util::{SinkExt, StreamExt};
use std::net::{SocketAddr, TcpListener};
use std::path::Path;
use std::process::{Child, Stdio};
use std::time::{Duration, Instant};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio_tungstenite::tungstenite::Message;

pub fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// rginx serving `conf` from `dir`, stopped when dropped.
pub struct Server {
    pub child: Child,
    pub dir: std::path::PathBuf,
}

impl Drop for Server {
    fn drop(&mut self) {
        stop_group(&mut self.child);
    }
}

impl Server {
    pub fn start(dir: &Path, conf: &str, port: u16) -> Server {
        Self::start_with(
            dir,
            conf,
            port,
            Some("daemon off; pid logs/rginx.pid; error_log logs/error.log info;"),
        )
    }

    pub fn start_with(dir: &Path, conf: &str, port: u16, globals: Option<&str>) -> Server {
        Self::start_full(dir, conf, port, globals, None)
    }

    /// As `start`, under the version profile of nginx `version`.
    #[allow(dead_code)]
    pub fn start_version(dir: &Path, conf: &str, port: u16, version: &str) -> Server {
        Self::start_full(
            dir,
            conf,
            port,
            Some("daemon off; pid logs/rginx.pid; error_log logs/error.log info;"),
            Some(version),
        )
    }

    fn start_full(
        dir: &Path,
        conf: &str,
        port: u16,
        globals: Option<&str>,
        version: Option<&str>,
    ) -> Server {
        std::fs::create_dir_all(dir.join("logs")).unwrap();
        std::fs::write(dir.join("nginx.conf"), conf).unwrap();
        let mut cmd = rginx();
        if let Some(v) = version {
            cmd.arg("--nginx-version").arg(v);
        }
        cmd.arg("-p")
            .arg(format!("{}/", dir.display()))
            .arg("-c")
            .arg("nginx.conf");
        if let Some(g) = globals {
            cmd.arg("-g").arg(g);
        }
        let child = {
            use std::os::unix::process::CommandExt;
            cmd.stdin(Stdio::null())
                .process_group(0)
                .spawn()
                .expect("start rginx")
        };
        let server = Server {
            child,
            dir: dir.to_path_buf(),
        };
        let deadline = Instant::now() + Duration::from_secs(10);
        while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(
                Instant::now() < deadline,
                "rginx did not listen: {}",
                server.log()
            );
            std::thread::sleep(Duration::from_millis(20));
        }
        server
    }

    pub fn log(&self) -> String {
        std::fs::read_to_string(self.dir.join("logs/error.log")).unwrap_or_default()
    }

    pub fn signal(&self, sig: nix::sys::signal::Signal) {
        nix::sys::signal::kill(nix::unistd::Pid::from_raw(self.child.id() as i32), sig).unwrap();
    }
}

/// A backend called `name`: WebSocket echo (a text "who" is answered with
/// the name), and for plain HTTP a 200 with `name` and the request head.
pub async fn backend(name: &'static str) -> (SocketAddr, tokio::task::JoinHandle<()>) {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let task = tokio::spawn(async move {
        // Connections end with the backend (aborting this task drops them).
        let mut conns = tokio::task::JoinSet::new();
        loop {
            let Ok((stream, _)) = listener.accept().await else {
                return;
            };
            conns.spawn(async move {
                // Peek until the whole request head is there.
                let mut peek = [0u8; 4096];
                let mut n = 0;
                for _ in 0..200 {
                    n = stream.peek(&mut peek).await.unwrap_or(0);
                    if n == 0 || n == peek.len() || peek[..n].windows(4).any(|w| w == b"\r\n\r\n") {
                        break;
                    }
                    tokio::time::sleep(Duration::from_millis(1)).await;
                }
                let head = String::from_utf8_lossy(&peek[..n]).to_ascii_lowercase();
                if head.contains("upgrade: websocket") {
                    let Ok(mut ws) = tokio_tungstenite::accept_async(stream).await else {
                        return;
                    };
                    while let Some(Ok(msg)) = ws.next().await {
                        let reply = match msg {
                            Message::Text(t) if t.as_str() == "who" => Message::text(name),
                            Message::Text(_) | Message::Binary(_) => msg,
                            Message::Close(c) => {
                                let _ = ws.send(Message::Close(c)).await;
                                return;
                            }
                            _ => continue,
                        };
                        if ws.send(reply).await.is_err() {
                            return;
                        }
                    }
                } else {
                    http_backend(stream, name).await;
                }
            });
        }
    });
    (addr, task)
}

pub async fn http_backend(mut stream: tokio::net::TcpStream, name: &str) {
    let mut buf = Vec::new();
    loop {
        let mut chunk = [0u8; 4096];
        let n = match stream.read(&mut chunk).await {
            Ok(0) | Err(_) => return,
            Ok(n) => n,
        };
        buf.extend_from_slice(&chunk[..n]);
        while let Some(end) = buf.windows(4).position(|w| w == b"\r\n\r\n") {
            let head = String::from_utf8_lossy(&buf[..end]).into_owned();
            buf.drain(..end + 4);
            let length: usize = head
                .lines()
                .find_map(|l| {
                    l.to_ascii_lowercase()
                        .strip_prefix("content-length: ")
                        .map(str::to_string)
                })
                .and_then(|v| v.trim().parse().ok())
                .unwrap_or(0);
            while buf.len() < length {
                let mut chunk = [0u8; 65536];
                match stream.read(&mut chunk).await {
                    Ok(0) | Err(_) => return,
                    Ok(n) => buf.extend_from_slice(&chunk[..n]),
                }
            }
            let received: Vec<u8> = buf.drain(..length).collect();
            let sum: u64 = received.iter().map(|&b| u64::from(b)).sum();
            let body = format!("{name}\n{head}\nbody {length} {sum}\n");
            // Keep-alive for plain GETs only; a request that names an
            // upgrade ends the connection (WebSocket is told apart per
            // connection by this backend).
            let lower = head.to_ascii_lowercase();
            let keep = !lower.contains("connection: close")
                && !lower.contains("connection: upgrade")
                && head.starts_with("GET ")
                && head.contains("HTTP/1.1");
            let resp = format!(
                "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: {}\r\n{}\r\n{body}",
                body.len(),
                if keep { "" } else { "Connection: close\r\n" }
            );
            if stream.write_all(resp.as_bytes()).await.is_err() || !keep {
                return;
            }
        }
    }
}

pub fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .unwrap()
}

pub fn seed(name: &str) -> String {
    std::fs::read_to_string(root().join("fixtures/configs").join(name)).unwrap()
}
