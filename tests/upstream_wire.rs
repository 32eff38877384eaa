//! Upstream responses as nginx reads them (`runtime::upstream_head`), end
//! to end: a raw upstream sends exact bytes, and the client's bytes and
//! the error log are checked for rginx following nginx 1.22.1 and 1.31.3.
//! The same expectations are run against real nginx 1.22.1 and 1.31.3
//! when they are installed (skipped otherwise, required in CI), which is
//! how each one was confirmed.

mod common;
mod support;

use common::*;
use std::net::SocketAddr;
use std::path::Path;
use std::time::{Duration, Instant};
use support::free_port;
use tokio::io::{AsyncReadExt, AsyncWriteExt};

/// A head of `n` bytes: `Content-Length: 2`, an `X` line filling it.
fn big(n: usize) -> Vec<u8> {
    let mut v = b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\nX: ".to_vec();
    v.resize(n - 4, b'a');
    v.extend_from_slice(b"\r\n\r\nok");
    v
}

/// What the raw upstream sends for a path's last segment.
fn response(name: &str) -> Vec<u8> {
    let r: &[u8] = match name {
        "dupcl" => b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\nContent-Length: 2\r\n\r\nok",
        "clte" => b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nok\r\n0\r\n\r\n",
        "badline" => b"HTTP/1.1 200 OK\r\nX-Foo : bar\r\nContent-Length: 2\r\n\r\nok",
        "high" => b"HTTP/1.1 200 OK\r\nX-F\xe9o: a\xff\x80b\r\nContent-Length: 2\r\n\r\nok",
        "noreason" => b"HTTP/1.1 200\r\nContent-Length: 2\r\n\r\nok",
        "nine" => b"garbage\r\nmore",
        "premature" => b"HTTP/1.1 200 OK\r\nX: y\r\n",
        "toobig" => return big(5000),
        "badchunk" => b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n",
        "shortchunk" => b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nok\r\n",
        "dupserver" => b"HTTP/1.1 200 OK\r\nServer: a\r\nServer: b\r\nContent-Length: 2\r\n\r\nok",
        _ => b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok",
    };
    r.to_vec()
}

/// An upstream answering each request with `response(last segment)`
/// (`ok_only`: always the plain 200), then closing.
async fn raw_upstream(ok_only: bool) -> (SocketAddr, tokio::task::JoinHandle<()>) {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let task = tokio::spawn(async move {
        let mut conns = tokio::task::JoinSet::new();
        loop {
            let Ok((mut s, _)) = listener.accept().await else {
                return;
            };
            conns.spawn(async move {
                let mut head = Vec::new();
                while !head.windows(4).any(|w| w == b"\r\n\r\n") {
                    let mut chunk = [0u8; 4096];
                    match s.read(&mut chunk).await {
                        Ok(0) | Err(_) => return,
                        Ok(n) => head.extend_from_slice(&chunk[..n]),
                    }
                }
                let line = String::from_utf8_lossy(&head).into_owned();
                let path = line.split(' ').nth(1).unwrap_or("/");
                let name = path.rsplit('/').next().unwrap_or("");
                let bytes = response(if ok_only { "" } else { name });
                let _ = s.write_all(&bytes).await;
                let _ = s.shutdown().await;
                tokio::time::sleep(Duration::from_millis(50)).await;
            });
        }
    });
    (addr, task)
}

/// What the client must get.
#[derive(Clone, Copy, Debug)]
enum Want {
    /// These bytes, the Date and Server lines left out.
    Bytes(&'static [u8]),
    /// nginx's 502 page.
    BadGateway,
    /// A 200 whose body is "ok" (the head is too long to write out).
    Passed,
}

struct Case {
    path: &'static str,
    v122: (Want, Option<(&'static str, &'static str, &'static str)>),
    v131: (Want, Option<(&'static str, &'static str, &'static str)>),
}

const HEAD: &str = "reading response header from upstream";
const BODY: &str = "reading upstream";
const OK: &[u8] = b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok";

fn cases() -> Vec<Case> {
    use Want::*;
    let same = |path, want, log| Case {
        path,
        v122: (want, log),
        v131: (want, log),
    };
    vec![
        // Content-Length twice: 1.22 takes it, 1.23+ refuse.
        Case {
            path: "/dupcl",
            v122: (Bytes(OK), None),
            v131: (
                BadGateway,
                Some(("error", "upstream sent duplicate header line: \"Content-Length: 2\", previous value: \"Content-Length: 2\"", HEAD)),
            ),
        },
        // Content-Length and Transfer-Encoding: 1.22 reads chunks.
        Case {
            path: "/clte",
            v122: (
                Bytes(b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n2\r\nok\r\n0\r\n\r\n"),
                None,
            ),
            v131: (
                BadGateway,
                Some(("error", "upstream sent \"Content-Length\" and \"Transfer-Encoding\" headers at the same time", HEAD)),
            ),
        },
        same(
            "/badline",
            BadGateway,
            Some(("error", "upstream sent invalid header: \"X-Foo\\x20...\"", HEAD)),
        ),
        same(
            "/high",
            Bytes(b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: close\r\nX-F\xe9o: a\xff\x80b\r\n\r\nok"),
            None,
        ),
        same(
            "/noreason",
            Bytes(b"HTTP/1.1 200\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok"),
            None,
        ),
        same(
            "/nine",
            Bytes(b"garbage\r\nmore"),
            Some(("error", "upstream sent no valid HTTP/1.0 header", HEAD)),
        ),
        same(
            "/premature",
            BadGateway,
            Some(("error", "upstream prematurely closed connection", HEAD)),
        ),
        same(
            "/toobig",
            BadGateway,
            Some(("error", "upstream sent too big header", HEAD)),
        ),
        // proxy_buffer_size 8k: the same head fits.
        same("/big8k/toobig", Passed, None),
        same(
            "/badchunk",
            Bytes(b""),
            Some(("error", "upstream sent invalid chunked response", BODY)),
        ),
        same(
            "/shortchunk",
            Bytes(b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n2\r\nok\r\n"),
            Some(("error", "upstream prematurely closed connection", BODY)),
        ),
        Case {
            path: "/dupserver",
            v122: (Bytes(OK), None),
            v131: (
                Bytes(OK),
                Some(("warn", "upstream sent duplicate header line: \"Server: b\", previous value: \"Server: a\", ignored", HEAD)),
            ),
        },
        // proxy_next_upstream invalid_header: the next server answers.
        same(
            "/next/badline",
            Bytes(OK),
            Some(("error", "upstream sent invalid header: \"X-Foo\\x20...\"", HEAD)),
        ),
    ]
}

/// The client's bytes without the Date and Server lines.
fn without_date_server(bytes: &[u8]) -> Vec<u8> {
    let end = bytes
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .map_or(0, |i| i + 4);
    let mut out = Vec::new();
    for line in bytes[..end].split_inclusive(|&b| b == b'\n') {
        if !(line.starts_with(b"Date: ") || line.starts_with(b"Server: ")) {
            out.extend_from_slice(line);
        }
    }
    out.extend_from_slice(&bytes[end..]);
    out
}

async fn exchange(port: u16, path: &str) -> Vec<u8> {
    let mut s = tokio::net::TcpStream::connect(("127.0.0.1", port))
        .await
        .unwrap();
    let req = format!("GET {path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
    s.write_all(req.as_bytes()).await.unwrap();
    let mut out = Vec::new();
    let _ = tokio::time::timeout(Duration::from_secs(10), s.read_to_end(&mut out)).await;
    out
}

/// Run every case against a server started by `cmd` (nginx's flags) as
/// `version` behaves; returns the mismatches.
fn run(cmd: std::process::Command, version: &str) -> Vec<String> {
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    rt.block_on(async {
        let (raw, _t1) = raw_upstream(false).await;
        let (good, _t2) = raw_upstream(true).await;
        let port = free_port();
        let dir = tempfile::tempdir().unwrap();
        let conf = format!(
            "daemon off; master_process off; pid logs/nginx.pid; error_log logs/error.log info;\n\
             events {{}}\nhttp {{ access_log off;\n\
             upstream nx {{ server {raw}; server {good}; }}\n\
             server {{ listen 127.0.0.1:{port}; server_name example;\n\
             location / {{ proxy_pass http://{raw}; }}\n\
             location /big8k/ {{ proxy_buffer_size 8k; proxy_pass http://{raw}/; }}\n\
             location /next/ {{ proxy_next_upstream error invalid_header; proxy_pass http://nx; }}\n\
             }} }}\n"
        );
        let _server = start(cmd, dir.path(), &conf, port);
        let mut wrong = Vec::new();
        for case in cases() {
            let (want, log) = if version == "1.22.1" {
                case.v122
            } else {
                case.v131
            };
            let got = exchange(port, case.path).await;
            let ok = match want {
                Want::Passed => {
                    got.starts_with(b"HTTP/1.1 200 OK\r\n") && got.ends_with(b"\r\n\r\nok")
                }
                Want::Bytes(b) => without_date_server(&got) == b,
                Want::BadGateway => got.starts_with(b"HTTP/1.1 502 Bad Gateway\r\n"),
            };
            if !ok {
                wrong.push(format!(
                    "{version} {}: got {:?}, want {want:?}",
                    case.path,
                    String::from_utf8_lossy(&got)
                ));
            }
            if let Some((level, message, action)) = log {
                let path = case.path;
                let line = format!(
                    "{message} while {action}, client: 127.0.0.1, server: example, request: \"GET {path} HTTP/1.1\", upstream: \"http://{raw}{path}\", host: \"localhost\""
                );
                let deadline = Instant::now() + Duration::from_secs(2);
                let found = loop {
                    let text = std::fs::read(dir.path().join("logs/error.log")).unwrap_or_default();
                    let text = String::from_utf8_lossy(&text).into_owned();
                    let hit = text
                        .lines()
                        .any(|l| l.contains(&format!("[{level}] ")) && l.ends_with(&line));
                    if hit || Instant::now() > deadline {
                        break hit;
                    }
                    tokio::time::sleep(Duration::from_millis(20)).await;
                };
                if !found {
                    wrong.push(format!("{version} {path}: no [{level}] {line}"));
                }
            }
        }
        wrong
    })
}

fn start(mut cmd: std::process::Command, dir: &Path, conf: &str, port: u16) -> Group {
    std::fs::create_dir_all(dir.join("logs")).unwrap();
    std::fs::write(dir.join("nginx.conf"), conf).unwrap();
    cmd.arg("-p")
        .arg(format!("{}/", dir.display()))
        .arg("-c")
        .arg("nginx.conf")
        .arg("-e")
        .arg("logs/error.log")
        .stdin(std::process::Stdio::null());
    let group = spawn_group(&mut cmd);
    let deadline = Instant::now() + Duration::from_secs(10);
    while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(Instant::now() < deadline, "the server did not listen");
        std::thread::sleep(Duration::from_millis(20));
    }
    group
}

fn rginx_as(version: &str) -> std::process::Command {
    let mut cmd = rginx();
    cmd.arg("--nginx-version").arg(version);
    cmd
}

#[test]
fn rginx_reads_upstream_responses_as_nginx_1_22() {
    let wrong = run(rginx_as("1.22.1"), "1.22.1");
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn rginx_reads_upstream_responses_as_nginx_1_31() {
    let wrong = run(rginx_as("1.31.3"), "1.31.3");
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn nginx_1_22_confirms_the_expectations() {
    let Some(bin) = nginx_1_22() else { return };
    let wrong = run(std::process::Command::new(bin), "1.22.1");
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn nginx_1_31_confirms_the_expectations() {
    let Some(bin) = nginx_1_31() else { return };
    let wrong = run(std::process::Command::new(bin), "1.31.3");
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}
