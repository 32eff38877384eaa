//! TLS end to end: seeds 002b, 003 and 004 served by rginx with
//! certificates made here — wss sessions (text, binary, ping/pong, close)
//! through rginx to plain backends, the 497 redirect of 002b, `ssl on;`
//! of 004, the TLS variables, and session resumption.

mod common;
mod support;

use common::*;
use futures_util::{SinkExt, StreamExt};
use rustls::pki_types::{CertificateDer, ServerName};
use support::*;

use std::path::Path;
use std::process::Stdio;
use std::sync::Arc;
use std::time::Duration;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio_tungstenite::tungstenite::Message;

/// A self-signed certificate for `names`, written as PEM; returns the DER
/// for the client to trust.
fn certificate(dir: &Path, names: &[&str], cert: &str, key: &str) -> CertificateDer<'static> {
    let ck =
        rcgen::generate_simple_self_signed(names.iter().map(|n| n.to_string()).collect::<Vec<_>>())
            .unwrap();
    for p in [cert, key] {
        std::fs::create_dir_all(dir.join(p).parent().unwrap()).unwrap();
    }
    std::fs::write(dir.join(cert), ck.cert.pem()).unwrap();
    std::fs::write(dir.join(key), ck.signing_key.serialize_pem()).unwrap();
    ck.cert.der().clone()
}

fn client_config(trust: &CertificateDer<'static>) -> Arc<rustls::ClientConfig> {
    let mut roots = rustls::RootCertStore::empty();
    roots.add(trust.clone()).unwrap();
    Arc::new(
        rustls::ClientConfig::builder()
            .with_root_certificates(roots)
            .with_no_client_auth(),
    )
}

/// A wss session: text, binary, ping/pong, close; the backend's name.
async fn wss_session(url: &str, tls: Arc<rustls::ClientConfig>) -> String {
    let (mut ws, resp) = tokio_tungstenite::connect_async_tls_with_config(
        url,
        None,
        false,
        Some(tokio_tungstenite::Connector::Rustls(tls)),
    )
    .await
    .expect("wss handshake");
    assert_eq!(resp.status(), 101);
    ws.send(Message::text("who")).await.unwrap();
    let name = match ws.next().await {
        Some(Ok(Message::Text(t))) => t.to_string(),
        other => panic!("expected the backend's name, got {other:?}"),
    };
    ws.send(Message::text("über")).await.unwrap();
    assert_eq!(ws.next().await.unwrap().unwrap(), Message::text("über"));
    let bytes: Vec<u8> = (0..=255u8).cycle().take(70_000).collect();
    ws.send(Message::binary(bytes.clone())).await.unwrap();
    assert_eq!(ws.next().await.unwrap().unwrap(), Message::binary(bytes));
    ws.send(Message::Ping(vec![9, 8].into())).await.unwrap();
    match ws.next().await {
        Some(Ok(Message::Pong(p))) => assert_eq!(p.as_ref(), &[9, 8]),
        other => panic!("expected a pong, got {other:?}"),
    }
    ws.close(None).await.unwrap();
    while let Some(Ok(m)) = ws.next().await {
        if m.is_close() {
            break;
        }
    }
    name
}

/// An HTTPS GET; the response text, and whether the session was resumed.
async fn https_get(
    port: u16,
    sni: &str,
    path: &str,
    tls: Arc<rustls::ClientConfig>,
) -> (String, bool) {
    let tcp = tokio::net::TcpStream::connect(("127.0.0.1", port))
        .await
        .unwrap();
    let connector = tokio_rustls::TlsConnector::from(tls);
    let mut s = connector
        .connect(ServerName::try_from(sni.to_string()).unwrap(), tcp)
        .await
        .expect("TLS handshake");
    let resumed = matches!(
        s.get_ref().1.handshake_kind(),
        Some(rustls::HandshakeKind::Resumed)
    );
    let req = format!("GET {path} HTTP/1.1\r\nHost: {sni}\r\nConnection: close\r\n\r\n");
    s.write_all(req.as_bytes()).await.unwrap();
    let mut out = Vec::new();
    let _ = s.read_to_end(&mut out).await;
    (String::from_utf8_lossy(&out).into_owned(), resumed)
}

#[test]
fn seed_002b_wss_hsts_and_the_497_redirect() {
    let rt = runtime();
    rt.block_on(async {
        let (b, _t) = backend("web").await;
        let port = free_port();
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path().display().to_string();
        let trust = certificate(
            dir.path(),
            &["localhost"],
            "certs/server.crt",
            "certs/server.key",
        );
        std::fs::create_dir_all(dir.path().join("www")).unwrap();
        std::fs::write(dir.path().join("www/index.html"), "app\n").unwrap();
        let port6 = free_port();
        let conf = seed_002b(&d, b, port, Some(port6));
        let server = Server::start(dir.path(), &conf, port);
        let tls = client_config(&trust);
        // The IPv6 listener serves the same server.
        let tcp6 = tokio::net::TcpStream::connect(("::1", port6))
            .await
            .expect("IPv6 listener");
        let mut s6 = tokio_rustls::TlsConnector::from(tls.clone())
            .connect(ServerName::try_from("localhost").unwrap(), tcp6)
            .await
            .unwrap();
        s6.write_all(b"GET / HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
            .await
            .unwrap();
        let mut out = Vec::new();
        let _ = s6.read_to_end(&mut out).await;
        let six = String::from_utf8_lossy(&out);
        assert!(six.ends_with("\r\n\r\napp\n"), "IPv6: {six}");
        let (text, _) = https_get(port, "localhost", "/", tls.clone()).await;
        assert!(
            text.starts_with("HTTP/1.1 200 OK\r\n"),
            "{text}\n{}",
            server.log()
        );
        assert!(
            text.contains("Strict-Transport-Security: max-age=31536000; includeSubDomains"),
            "{text}"
        );
        assert!(text.ends_with("\r\n\r\napp\n"), "{text}");
        // The seed's cipher string leaves TLS 1.2 with ChaCha20 and CBC
        // suites; TLS 1.3 is offered as OpenSSL does.
        let name = wss_session(&format!("wss://localhost:{port}/websocket/"), tls.clone()).await;
        assert_eq!(name, "web");
        // Plain HTTP on the TLS port: error_page 497 redirects to https.
        let mut s = tokio::net::TcpStream::connect(("127.0.0.1", port))
            .await
            .unwrap();
        s.write_all(format!("GET /x?a=1 HTTP/1.1\r\nHost: localhost:{port}\r\n\r\n").as_bytes())
            .await
            .unwrap();
        let mut out = Vec::new();
        s.read_to_end(&mut out).await.unwrap();
        let text = String::from_utf8_lossy(&out);
        assert!(
            text.starts_with("HTTP/1.1 302 Moved Temporarily\r\n"),
            "{text}"
        );
        assert!(
            text.contains(&format!("Location: https://localhost:{port}/x?a=1\r\n")),
            "{text}"
        );
        assert!(
            text.contains("Strict-Transport-Security"),
            "HSTS is always added: {text}"
        );
    });
}

#[test]
fn seed_003_wss_location() {
    let rt = runtime();
    rt.block_on(async {
        let (b, _t) = backend("app").await;
        let port = free_port();
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path().display().to_string();
        let trust = certificate(
            dir.path(),
            &["domain.com"],
            "certs/domain.com.pem",
            "private/domain.com.key",
        );
        let conf = seed("seed-003-wss-location.conf")
            .replace("server 127.0.0.1:8080;", &format!("server {b};"))
            .replace("listen 443 ssl;", &format!("listen 127.0.0.1:{port} ssl;"))
            .replace("/etc/ssl/certs/", &format!("{d}/certs/"))
            .replace("/etc/ssl/private/", &format!("{d}/private/"));
        let server = Server::start(dir.path(), &conf, port);
        let tls = client_config(&trust);
        // tokio-tungstenite connects to the URL's host: map it with SNI via
        // a direct TLS session instead of DNS.
        let (text, _) = https_get(port, "domain.com", "/websocket/info", tls.clone()).await;
        assert!(text.contains("\r\n\r\napp\n"), "{text}\n{}", server.log());
        assert!(
            text.contains("Connection: upgrade"),
            "the seed's literal Connection: {text}"
        );
        let _ = wss_domain(port, tls).await;
    });
}

/// wss to `domain.com` on loopback: the TLS session is made by hand (SNI
/// domain.com) and the WebSocket client runs over it.
async fn wss_domain(port: u16, tls: Arc<rustls::ClientConfig>) -> String {
    let tcp = tokio::net::TcpStream::connect(("127.0.0.1", port))
        .await
        .unwrap();
    let stream = tokio_rustls::TlsConnector::from(tls)
        .connect(ServerName::try_from("domain.com").unwrap(), tcp)
        .await
        .unwrap();
    let (mut ws, resp) = tokio_tungstenite::client_async("wss://domain.com/websocket", stream)
        .await
        .expect("ws handshake");
    assert_eq!(resp.status(), 101);
    ws.send(Message::text("who")).await.unwrap();
    let name = match ws.next().await {
        Some(Ok(Message::Text(t))) => t.to_string(),
        other => panic!("expected the backend's name, got {other:?}"),
    };
    ws.send(Message::binary(vec![1u8; 1000])).await.unwrap();
    assert_eq!(
        ws.next().await.unwrap().unwrap(),
        Message::binary(vec![1u8; 1000])
    );
    ws.close(None).await.unwrap();
    assert_eq!(name, "app");
    name
}

#[test]
fn seed_004_ssl_on_and_session_resumption() {
    let rt = runtime();
    rt.block_on(async {
        let (b1, _t1) = backend("s1").await;
        let (b2, _t2) = backend("s2").await;
        let port = free_port();
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path().display().to_string();
        let trust = certificate(
            dir.path(),
            &["localhost"],
            "private/xxxx.pem",
            "private/xxx.key",
        );
        let conf = seed("seed-004-ssl-on.conf")
            .replace("server 192.168.1.5;", &format!("server {b1};"))
            .replace("server 192.168.1.4;", &format!("server {b2};"))
            .replace(
                "listen       443 ssl;",
                &format!("listen 127.0.0.1:{port} ssl;"),
            )
            .replace("/etc/ssl/private/", &format!("{d}/private/"));
        let server = Server::start(dir.path(), &conf, port);
        let tls = client_config(&trust);
        let mut names = Vec::new();
        for _ in 0..2 {
            names.push(wss_session(&format!("wss://localhost:{port}/hub"), tls.clone()).await);
        }
        names.sort();
        assert_eq!(names, ["s1", "s2"], "{}", server.log());
        // The second connection with the same client config resumes.
        let (first, _) = https_get(port, "localhost", "/r", tls.clone()).await;
        assert!(first.contains("X-Real-IP: 127.0.0.1"), "{first}");
        let (_, resumed) = https_get(port, "localhost", "/r", tls.clone()).await;
        assert!(resumed, "the TLS session was not resumed");
    });
}

/// What `openssl s_client` can negotiate with seed-002b's `ssl_protocols`
/// and `ssl_ciphers` is exactly what the cipher evaluator (and so `rginx
/// lint`) says rginx serves with an RSA certificate: every TLS 1.2 suite
/// OpenSSL knows is tried on its own, and TLS 1.0/1.1 are refused.
#[test]
fn openssl_sees_exactly_the_suites_lint_reports() {
    let Some(openssl) = which("openssl") else {
        assert!(!in_ci(), "CI must have openssl");
        eprintln!("skipped: no openssl");
        return;
    };
    for kind in [
        rginx::tls::ciphers::CertKind::Rsa,
        rginx::tls::ciphers::CertKind::Ecdsa,
    ] {
        suites_for(&openssl, kind);
    }
}

fn suites_for(openssl: &Path, kind: rginx::tls::ciphers::CertKind) {
    let rt = runtime();
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path().display().to_string();
    let port = free_port();
    let (server, cipher_string) = rt.block_on(async {
        let (b, _t) = backend("web").await;
        std::mem::forget(_t);
        match kind {
            rginx::tls::ciphers::CertKind::Ecdsa => {
                let _ = certificate(
                    dir.path(),
                    &["localhost"],
                    "certs/server.crt",
                    "certs/server.key",
                );
            }
            rginx::tls::ciphers::CertKind::Rsa => {
                std::fs::create_dir_all(dir.path().join("certs")).unwrap();
                let ok = std::process::Command::new(openssl)
                    .args([
                        "req",
                        "-x509",
                        "-newkey",
                        "rsa:2048",
                        "-nodes",
                        "-days",
                        "2",
                        "-subj",
                        "/CN=localhost",
                    ])
                    .arg("-keyout")
                    .arg(dir.path().join("certs/server.key"))
                    .arg("-out")
                    .arg(dir.path().join("certs/server.crt"))
                    .output()
                    .unwrap()
                    .status
                    .success();
                assert!(ok, "openssl could not make an RSA certificate");
            }
        }
        let text = seed("seed-002b-https-wss.conf");
        let cipher_string = text
            .lines()
            .find_map(|l| l.trim().strip_prefix("ssl_ciphers "))
            .unwrap()
            .trim_end_matches(';')
            .to_string();
        let conf = seed_002b(&d, b, port, None);
        (Server::start(dir.path(), &conf, port), cipher_string)
    });
    let expected: Vec<&str> = rginx::tls::ciphers::served_with(
        &rginx::tls::ciphers::evaluate(&cipher_string).unwrap(),
        kind,
    )
    .iter()
    .filter(|s| !s.tls13)
    .map(|s| s.openssl_name)
    .collect();
    let all = std::process::Command::new(openssl)
        .args(["ciphers", "-tls1_2", "ALL:COMPLEMENTOFALL"])
        .output()
        .unwrap();
    let all = String::from_utf8_lossy(&all.stdout).trim().to_string();
    let try_connect = |args: &[&str]| {
        let out = std::process::Command::new(openssl)
            .arg("s_client")
            .arg("-connect")
            .arg(format!("127.0.0.1:{port}"))
            .arg("-servername")
            .arg("localhost")
            .args(args)
            .stdin(Stdio::null())
            .output()
            .unwrap();
        let text = String::from_utf8_lossy(&out.stdout).into_owned();
        // "New, TLSv1.3, Cipher is X" (or "New, (NONE), Cipher is (NONE)").
        text.lines()
            .find_map(|l| {
                l.strip_prefix("New, ")
                    .and_then(|r| r.split_once("Cipher is "))
            })
            .map(|(_, c)| c.trim().to_string())
            .filter(|c| c != "(NONE)")
    };
    let mut served = Vec::new();
    for name in all.split(':') {
        if let Some(c) = try_connect(&["-tls1_2", "-cipher", name]) {
            assert_eq!(c, name);
            served.push(name.to_string());
        }
    }
    let mut want: Vec<String> = expected.iter().map(|s| s.to_string()).collect();
    want.sort();
    served.sort();
    assert_eq!(served, want, "{kind:?} certificate\n{}", server.log());
    assert!(try_connect(&["-tls1_1", "-cipher", "ALL:@SECLEVEL=0"]).is_none());
    assert_eq!(
        try_connect(&["-tls1_3"]).as_deref(),
        Some("TLS_AES_256_GCM_SHA384")
    );
}

fn which(name: &str) -> Option<std::path::PathBuf> {
    std::env::var_os("PATH")?
        .to_str()?
        .split(':')
        .map(|d| Path::new(d).join(name))
        .find(|p| p.exists())
}

/// HTTP/2 over TLS (ALPN h2): GET and a POST proxied to an HTTP/1.1
/// upstream with the same header rules, the response headers without
/// connection-specific ones.
#[test]
fn http2_get_and_post_through_to_http1_upstreams() {
    let rt = runtime();
    rt.block_on(async {
        let (b, _t) = backend("up").await;
        let port = free_port();
        let dir = tempfile::tempdir().unwrap();
        let trust = certificate(dir.path(), &["localhost"], "c.pem", "k.pem");
        let conf = format!(
            "events {{}}\nhttp {{ access_log off;\n\
             server {{ listen 127.0.0.1:{port} ssl; http2 on; server_name localhost;\n\
             ssl_certificate c.pem; ssl_certificate_key k.pem;\n\
             add_header X-Proto $server_protocol always;\n\
             location / {{ return 200 \"h2=$http2 host=$host\"; }}\n\
             location /p/ {{ proxy_http_version 1.1; proxy_set_header Connection \"\"; proxy_pass http://{b}/; }} }} }}\n"
        );
        let server = Server::start(dir.path(), &conf, port);
        let mut tls = (*client_config(&trust)).clone();
        tls.alpn_protocols = vec![b"h2".to_vec()];
        let tcp = tokio::net::TcpStream::connect(("127.0.0.1", port)).await.unwrap();
        let stream = tokio_rustls::TlsConnector::from(Arc::new(tls))
            .connect(ServerName::try_from("localhost").unwrap(), tcp)
            .await
            .unwrap();
        assert_eq!(stream.get_ref().1.alpn_protocol(), Some(&b"h2"[..]));
        let (mut send, conn) = hyper::client::conn::http2::handshake(
            hyper_util::rt::TokioExecutor::new(),
            hyper_util::rt::TokioIo::new(stream),
        )
        .await
        .unwrap();
        tokio::spawn(conn);
        use http_body_util::BodyExt;
        let req = hyper::Request::get(format!("https://localhost:{port}/x"))
            .body(http_body_util::Full::new(bytes::Bytes::new()))
            .unwrap();
        let resp = send.send_request(req).await.unwrap();
        assert_eq!(resp.status(), 200, "{}", server.log());
        assert_eq!(resp.headers()["x-proto"], "HTTP/2.0");
        assert!(resp.headers().get("connection").is_none());
        let body = resp.into_body().collect().await.unwrap().to_bytes();
        assert_eq!(&body[..], b"h2=h2 host=localhost");
        let req = hyper::Request::post(format!("https://localhost:{port}/p/form?q=1"))
            .header("content-type", "text/plain")
            .body(http_body_util::Full::new(bytes::Bytes::from_static(b"payload")))
            .unwrap();
        let resp = send.send_request(req).await.unwrap();
        assert_eq!(resp.status(), 200);
        let body = resp.into_body().collect().await.unwrap().to_bytes();
        let text = String::from_utf8_lossy(&body);
        assert!(text.starts_with("up\nPOST /form?q=1 HTTP/1.1\r\n"), "{text}");
        assert!(text.contains(&format!("Host: 127.0.0.1:{}", b.port())), "{text}");
        assert!(text.contains("content-type: text/plain"), "{text}");
        assert!(text.contains("Content-Length: 7"), "{text}");
    });
}

fn rss_kb(pid: u32) -> u64 {
    std::fs::read_to_string(format!("/proc/{pid}/status"))
        .ok()
        .and_then(|s| {
            s.lines()
                .find_map(|l| l.strip_prefix("VmRSS:"))
                .and_then(|v| v.trim().trim_end_matches(" kB").trim().parse().ok())
        })
        .unwrap_or(0)
}

/// Handshake fuzz: garbage after a TLS record header, truncated and
/// corrupted ClientHellos (a real one, cut and bit-flipped), unknown SNI
/// names and clients that vanish mid-handshake. The server keeps serving,
/// and its memory does not grow with the number of bad handshakes.
#[test]
fn handshake_fuzz_neither_crashes_nor_leaks() {
    let rt = runtime();
    rt.block_on(async {
        let port = free_port();
        let dir = tempfile::tempdir().unwrap();
        let trust = certificate(dir.path(), &["localhost"], "c.pem", "k.pem");
        let conf = format!(
            "events {{ worker_connections 4096; }}\nhttp {{ access_log off;\n\
             server {{ listen 127.0.0.1:{port} ssl; server_name localhost; ssl_certificate c.pem; ssl_certificate_key k.pem;\n\
             location / {{ return 200 ok; }} }} }}\n"
        );
        let mut server = Server::start(dir.path(), &conf, port);
        let tls = client_config(&trust);
        // A real ClientHello, captured from a client writing into a buffer.
        let hello = {
            let mut conn = rustls::ClientConnection::new(
                tls.clone(),
                ServerName::try_from("localhost").unwrap(),
            )
            .unwrap();
            let mut out = Vec::new();
            conn.write_tls(&mut out).unwrap();
            out
        };
        let mut seed: u64 = 0x2545F4914F6CDD1D;
        let mut next = move || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        let round = |n: usize, next: &mut dyn FnMut() -> u64| {
            let mut inputs: Vec<Vec<u8>> = Vec::new();
            for i in 0..n {
                let mut b = match i % 4 {
                    0 => {
                        let mut v = vec![0x16, 0x03, 0x01, (next() % 64) as u8, next() as u8];
                        v.extend((0..(next() % 600)).map(|_| next() as u8));
                        v
                    }
                    1 => hello[..(next() as usize % hello.len())].to_vec(),
                    2 => {
                        let mut v = hello.clone();
                        for _ in 0..4 {
                            let at = next() as usize % v.len();
                            v[at] ^= 1 << (next() % 8);
                        }
                        v
                    }
                    _ => (0..(next() % 300)).map(|_| next() as u8).collect(),
                };
                if b.is_empty() {
                    b.push(0x16);
                }
                inputs.push(b);
            }
            inputs
        };
        let blast = |inputs: Vec<Vec<u8>>| async move {
            let mut set = tokio::task::JoinSet::new();
            for b in inputs {
                set.spawn(async move {
                    if let Ok(mut s) = tokio::net::TcpStream::connect(("127.0.0.1", port)).await {
                        let _ = s.write_all(&b).await;
                        let mut sink = [0u8; 1024];
                        let _ = tokio::time::timeout(
                            Duration::from_millis(200),
                            s.read(&mut sink),
                        )
                        .await;
                    }
                });
            }
            while set.join_next().await.is_some() {}
        };
        // Warm up (allocator pools, runtime threads), then measure.
        for _ in 0..3 {
            blast(round(500, &mut next)).await;
        }
        let before = rss_kb(server.child.id());
        for i in 0..6 {
            blast(round(500, &mut next)).await;
            eprintln!("round {i}: RSS {} kB", rss_kb(server.child.id()));
        }
        // Unknown server names: the default server's certificate is sent
        // (the client then refuses it); the server is unaffected.
        for name in ["unknown.example", "a.b.c", "xn--bcher-kva.example"] {
            let tcp = tokio::net::TcpStream::connect(("127.0.0.1", port)).await.unwrap();
            let r = tokio_rustls::TlsConnector::from(tls.clone())
                .connect(ServerName::try_from(name).unwrap(), tcp)
                .await;
            assert!(r.is_err(), "the certificate is for localhost only");
        }
        let after = rss_kb(server.child.id());
        assert!(server.child.try_wait().unwrap().is_none(), "rginx exited: {}", server.log());
        let (text, _) = https_get(port, "localhost", "/", tls.clone()).await;
        assert!(text.ends_with("\r\n\r\nok"), "{text}");
        // 3000 more bad handshakes may not cost more than a few MB.
        assert!(after < before + 4 * 1024, "RSS grew from {before} kB to {after} kB");
        eprintln!("handshake fuzz: 4500 bad handshakes; RSS {before} kB -> {after} kB after warm-up");
    });
}

/// seed-002b with its backend, ports and paths made local (the IPv6
/// listener on `[::1]:port6`, or dropped).
fn seed_002b(dir: &str, backend: std::net::SocketAddr, port: u16, port6: Option<u16>) -> String {
    let six = port6.map_or(String::new(), |p| format!("listen [::1]:{p} ssl http2;"));
    seed("seed-002b-https-wss.conf")
        .replace("server domain.com:443;", &format!("server {backend};"))
        .replace(
            "listen 443 ssl http2;",
            &format!("listen 127.0.0.1:{port} ssl http2;"),
        )
        .replace("listen [::]:443 ssl http2;", &six)
        .replace("/data/www/domain.com/certs/", &format!("{dir}/certs/"))
        .replace("/data/www/web_frontend", &format!("{dir}/www"))
        .replace("/var/log/nginx/", &format!("{dir}/logs/"))
}

/// `proxy_pass https://…`: no verification and no SNI by default (as
/// nginx), `proxy_ssl_server_name`/`proxy_ssl_name` send one,
/// `proxy_ssl_verify` with `proxy_ssl_trusted_certificate` checks the
/// upstream's certificate (a wrong one is a 502).
#[test]
fn https_upstreams_with_proxy_ssl_settings() {
    let rt = runtime();
    rt.block_on(async {
        let port = free_port();
        let port2 = free_port();
        let dir = tempfile::tempdir().unwrap();
        let _ = certificate(dir.path(), &["localhost"], "c.pem", "k.pem");
        let _ = certificate(dir.path(), &["other"], "other.pem", "other.key");
        let conf = format!(
            "events {{}}\nhttp {{ access_log off; server_tokens off;\n\
             server {{ listen 127.0.0.1:{port2} ssl; ssl_certificate c.pem; ssl_certificate_key k.pem;\n\
               location / {{ return 200 \"secure sni=[$ssl_server_name] $scheme $request_uri\"; }} }}\n\
             server {{ listen 127.0.0.1:{port};\n\
               location /plain/ {{ proxy_pass https://127.0.0.1:{port2}/; }}\n\
               location /sni/ {{ proxy_ssl_server_name on; proxy_ssl_name localhost; proxy_pass https://127.0.0.1:{port2}/; }}\n\
               location /verify/ {{ proxy_ssl_verify on; proxy_ssl_trusted_certificate c.pem; proxy_ssl_name localhost; proxy_pass https://127.0.0.1:{port2}/; }}\n\
               location /wrong/ {{ proxy_ssl_verify on; proxy_ssl_trusted_certificate other.pem; proxy_ssl_name localhost; proxy_pass https://127.0.0.1:{port2}/; }} }} }}\n"
        );
        let server = Server::start(dir.path(), &conf, port);
        let get = |path: &'static str| async move {
            let mut s = tokio::net::TcpStream::connect(("127.0.0.1", port)).await.unwrap();
            s.write_all(format!("GET {path} HTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\n").as_bytes())
                .await
                .unwrap();
            let mut out = Vec::new();
            s.read_to_end(&mut out).await.unwrap();
            String::from_utf8_lossy(&out).into_owned()
        };
        let text = get("/plain/a").await;
        assert!(text.ends_with("secure sni=[] https /a"), "{text}\n{}", server.log());
        let text = get("/sni/b").await;
        assert!(text.ends_with("secure sni=[localhost] https /b"), "{text}");
        let text = get("/verify/c").await;
        assert!(text.ends_with("secure sni=[] https /c"), "{text}");
        let text = get("/wrong/d").await;
        assert!(text.starts_with("HTTP/1.1 502 Bad Gateway"), "{text}");
    });
}
