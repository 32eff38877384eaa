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
        // `ssl on;` is gone from nginx 1.25.1 on.
        let server = Server::start_version(dir.path(), &conf, port, "1.22.1");
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
        let (mut send, _ended) = h2_connect(port, &trust).await;
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

/// An HTTP/2 client connection to `port`: the request sender and a
/// channel that fires when the server ended the connection.
async fn h2_connect(
    port: u16,
    trust: &CertificateDer<'static>,
) -> (
    hyper::client::conn::http2::SendRequest<http_body_util::Full<bytes::Bytes>>,
    tokio::sync::oneshot::Receiver<()>,
) {
    let mut tls = (*client_config(trust)).clone();
    tls.alpn_protocols = vec![b"h2".to_vec()];
    let tcp = tokio::net::TcpStream::connect(("127.0.0.1", port))
        .await
        .unwrap();
    let stream = tokio_rustls::TlsConnector::from(Arc::new(tls))
        .connect(ServerName::try_from("localhost").unwrap(), tcp)
        .await
        .unwrap();
    assert_eq!(stream.get_ref().1.alpn_protocol(), Some(&b"h2"[..]));
    let (send, conn) = hyper::client::conn::http2::handshake(
        hyper_util::rt::TokioExecutor::new(),
        hyper_util::rt::TokioIo::new(stream),
    )
    .await
    .unwrap();
    let (ended_tx, ended) = tokio::sync::oneshot::channel();
    tokio::spawn(async move {
        let _ = conn.await;
        let _ = ended_tx.send(());
    });
    (send, ended)
}

async fn h2_get(
    send: &mut hyper::client::conn::http2::SendRequest<http_body_util::Full<bytes::Bytes>>,
    port: u16,
) -> Result<u16, hyper::Error> {
    let req = hyper::Request::get(format!("https://localhost:{port}/"))
        .body(http_body_util::Full::new(bytes::Bytes::new()))
        .unwrap();
    Ok(send.send_request(req).await?.status().as_u16())
}

/// A reload ends HTTP/2 connections of the old configuration with GOAWAY,
/// and an HTTP/1.1 keep-alive connection opened before it gets
/// "Connection: close" on its next response (nginx closes idle ones, which
/// races the client's next request); `keepalive_requests` ends an HTTP/2
/// connection after that many streams, as nginx does.
#[test]
fn goaway_on_reload_and_after_keepalive_requests() {
    let rt = runtime();
    rt.block_on(async {
        let port = free_port();
        let plain = free_port();
        let dir = tempfile::tempdir().unwrap();
        let trust = certificate(dir.path(), &["localhost"], "c.pem", "k.pem");
        let conf = format!(
            "events {{}}\nhttp {{ access_log off; keepalive_requests 3;\n\
             server {{ listen 127.0.0.1:{port} ssl; http2 on; server_name localhost;\n\
             ssl_certificate c.pem; ssl_certificate_key k.pem;\n\
             location / {{ return 200 ok; }} }}\n\
             server {{ listen 127.0.0.1:{plain}; location / {{ return 200 ok; }} }} }}\n"
        );
        let server = Server::start(dir.path(), &conf, port);
        let within = Duration::from_secs(5);

        // keepalive_requests 3: the third stream is answered, then GOAWAY.
        let (mut send, ended) = h2_connect(port, &trust).await;
        for _ in 0..3 {
            assert_eq!(
                h2_get(&mut send, port).await.unwrap(),
                200,
                "{}",
                server.log()
            );
        }
        tokio::time::timeout(within, ended)
            .await
            .expect("the connection ends after keepalive_requests streams")
            .unwrap();

        // A reload: the open HTTP/2 connection gets GOAWAY and ends; the
        // HTTP/1.1 keep-alive connection's next response closes it.
        let (mut send, ended) = h2_connect(port, &trust).await;
        assert_eq!(h2_get(&mut send, port).await.unwrap(), 200);
        let mut h1 = tokio::net::TcpStream::connect(("127.0.0.1", plain))
            .await
            .unwrap();
        h1.write_all(b"GET / HTTP/1.1\r\nHost: a\r\n\r\n")
            .await
            .unwrap();
        let mut buf = vec![0u8; 1024];
        let n = h1.read(&mut buf).await.unwrap();
        assert!(buf[..n].starts_with(b"HTTP/1.1 200"));
        assert!(String::from_utf8_lossy(&buf[..n]).contains("keep-alive"));
        server.signal(nix::sys::signal::Signal::SIGHUP);
        tokio::time::timeout(within, ended)
            .await
            .expect("GOAWAY after the reload")
            .unwrap();
        h1.write_all(b"GET / HTTP/1.1\r\nHost: a\r\n\r\n")
            .await
            .unwrap();
        let mut rest = Vec::new();
        tokio::time::timeout(within, h1.read_to_end(&mut rest))
            .await
            .expect("the connection ends after its response")
            .unwrap();
        let rest = String::from_utf8_lossy(&rest);
        assert!(rest.starts_with("HTTP/1.1 200"), "{rest}");
        assert!(rest.contains("Connection: close"), "{rest}");
        // New connections are served by the new configuration.
        let (mut send, _ended) = h2_connect(port, &trust).await;
        assert_eq!(
            h2_get(&mut send, port).await.unwrap(),
            200,
            "{}",
            server.log()
        );
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

// ---------------------------------------------------------------------------
// Client certificates, session ticket keys, upstream TLS client settings.

use rcgen::{
    BasicConstraints, CertificateParams, CertifiedIssuer, DistinguishedName, DnType, IsCa, KeyPair,
    KeyUsagePurpose,
};

fn dn(parts: &[(DnType, &str)]) -> DistinguishedName {
    let mut d = DistinguishedName::new();
    for (t, v) in parts {
        d.push(t.clone(), *v);
    }
    d
}

fn ca_params(name: &[(DnType, &str)]) -> CertificateParams {
    let mut p = CertificateParams::new(Vec::<String>::new()).unwrap();
    p.distinguished_name = dn(name);
    p.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
    p.key_usages = vec![KeyUsagePurpose::KeyCertSign, KeyUsagePurpose::CrlSign];
    p
}

fn leaf_params(name: &[(DnType, &str)], serial: Vec<u8>, from: i32, to: i32) -> CertificateParams {
    let mut p = CertificateParams::new(vec!["localhost".to_string()]).unwrap();
    p.distinguished_name = dn(name);
    p.serial_number = Some(serial.into());
    p.not_before = rcgen::date_time_ymd(from, 1, 1);
    p.not_after = rcgen::date_time_ymd(to, if from == to { 2 } else { 1 }, 1);
    p
}

/// Writes `NAME.pem` (the chain) and `NAME.key`.
fn write_pair(dir: &Path, name: &str, chain: &[&str], key: &KeyPair) {
    std::fs::write(dir.join(format!("{name}.pem")), chain.concat()).unwrap();
    std::fs::write(dir.join(format!("{name}.key")), key.serialize_pem()).unwrap();
}

/// A CA, an intermediate under it, another CA, and client certificates:
/// `client` (CA), `self` (self-signed), `other` (other CA), `expired`
/// (CA, 2020), `deep` (intermediate; chain with it). Returns the client
/// certificate's DER.
fn client_pki(dir: &Path) -> CertificateDer<'static> {
    let ca = CertifiedIssuer::self_signed(
        ca_params(&[
            (DnType::CountryName, "US"),
            (DnType::OrganizationName, "Test Org"),
            (DnType::CommonName, "Test CA"),
        ]),
        KeyPair::generate().unwrap(),
    )
    .unwrap();
    std::fs::write(dir.join("ca.pem"), ca.pem()).unwrap();
    let other = CertifiedIssuer::self_signed(
        ca_params(&[(DnType::CommonName, "Other CA")]),
        KeyPair::generate().unwrap(),
    )
    .unwrap();
    let inter = CertifiedIssuer::signed_by(
        ca_params(&[(DnType::CommonName, "Inter CA")]),
        KeyPair::generate().unwrap(),
        &ca,
    )
    .unwrap();
    let k = KeyPair::generate().unwrap();
    let client = leaf_params(
        &[
            (DnType::CountryName, "US"),
            (DnType::StateOrProvinceName, "CA"),
            (DnType::OrganizationName, "Acme, Inc."),
            (DnType::OrganizationalUnitName, "Dev+Ops"),
            (DnType::CommonName, "client one"),
        ],
        vec![0x01, 0x23, 0xAB, 0xCD],
        2024,
        2099,
    )
    .signed_by(&k, &ca)
    .unwrap();
    write_pair(dir, "client", &[&client.pem()], &k);
    let k = KeyPair::generate().unwrap();
    let selfsigned = leaf_params(&[(DnType::CommonName, "self signed")], vec![5], 2024, 2099)
        .self_signed(&k)
        .unwrap();
    write_pair(dir, "self", &[&selfsigned.pem()], &k);
    let k = KeyPair::generate().unwrap();
    let c = leaf_params(&[(DnType::CommonName, "other client")], vec![6], 2024, 2099)
        .signed_by(&k, &other)
        .unwrap();
    write_pair(dir, "other", &[&c.pem()], &k);
    let k = KeyPair::generate().unwrap();
    let c = leaf_params(&[(DnType::CommonName, "expired")], vec![7], 2020, 2020)
        .signed_by(&k, &ca)
        .unwrap();
    write_pair(dir, "expired", &[&c.pem()], &k);
    let k = KeyPair::generate().unwrap();
    let c = leaf_params(&[(DnType::CommonName, "leaf two")], vec![8], 2024, 2099)
        .signed_by(&k, &inter)
        .unwrap();
    write_pair(dir, "deep", &[&c.pem(), &inter.pem()], &k);
    client.der().clone()
}

/// A client certificate from `NAME.pem`/`NAME.key` that also records the
/// CA names the server asked for.
#[derive(Debug)]
struct Presents {
    key: Option<Arc<rustls::sign::CertifiedKey>>,
    hints: std::sync::Mutex<Option<Vec<Vec<u8>>>>,
}

impl rustls::client::ResolvesClientCert for Presents {
    fn resolve(
        &self,
        root_hint_subjects: &[&[u8]],
        _sigschemes: &[rustls::SignatureScheme],
    ) -> Option<Arc<rustls::sign::CertifiedKey>> {
        *self.hints.lock().unwrap() = Some(root_hint_subjects.iter().map(|h| h.to_vec()).collect());
        self.key.clone()
    }
    fn has_certs(&self) -> bool {
        self.key.is_some()
    }
}

fn presenting(
    dir: &Path,
    name: Option<&str>,
    trust: &CertificateDer<'static>,
) -> (Arc<rustls::ClientConfig>, Arc<Presents>) {
    use rustls::pki_types::pem::PemObject;
    let key = name.map(|n| {
        let chain: Vec<CertificateDer<'static>> =
            CertificateDer::pem_file_iter(dir.join(format!("{n}.pem")))
                .unwrap()
                .map(|c| c.unwrap())
                .collect();
        let key =
            rustls::pki_types::PrivateKeyDer::from_pem_file(dir.join(format!("{n}.key"))).unwrap();
        let signing = rustls::crypto::aws_lc_rs::default_provider()
            .key_provider
            .load_private_key(key)
            .unwrap();
        Arc::new(rustls::sign::CertifiedKey::new(chain, signing))
    });
    let presents = Arc::new(Presents {
        key,
        hints: std::sync::Mutex::new(None),
    });
    let mut roots = rustls::RootCertStore::empty();
    roots.add(trust.clone()).unwrap();
    let cfg = rustls::ClientConfig::builder()
        .with_root_certificates(roots)
        .with_client_cert_resolver(presents.clone());
    (Arc::new(cfg), presents)
}

/// Real nginx serving `conf` from `dir` (`nginx.conf` is rginx's), stopped
/// when dropped.
struct Nginx(#[allow(dead_code)] Group);

fn start_nginx(bin: &Path, dir: &Path, conf: &str, port: u16) -> Nginx {
    std::fs::write(dir.join("nginx-real.conf"), conf).unwrap();
    let child = spawn_group(
        std::process::Command::new(bin)
            .arg("-p")
            .arg(format!("{}/", dir.display()))
            .arg("-c")
            .arg("nginx-real.conf")
            .arg("-g")
            .arg("daemon off; master_process off; pid logs/nginx.pid; error_log logs/nginx-error.log info;")
            .stdin(Stdio::null())
            .stderr(Stdio::null()),
    );
    let deadline = std::time::Instant::now() + Duration::from_secs(10);
    while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(std::time::Instant::now() < deadline, "nginx did not listen");
        std::thread::sleep(Duration::from_millis(20));
    }
    Nginx(child)
}

fn mtls_conf(p: &[u16]) -> String {
    let vars = "$ssl_client_verify|$ssl_client_s_dn|$ssl_client_i_dn|$ssl_client_serial|$ssl_client_fingerprint|$ssl_client_v_start|$ssl_client_v_end|$ssl_client_v_remain";
    let server = |port: u16, extra: &str| {
        format!(
            "server {{ listen 127.0.0.1:{port} ssl; server_name localhost; ssl_certificate srv.pem; ssl_certificate_key srv.key; {extra}\n\
               location / {{ return 200 \"{vars}\"; }}\n\
               location /raw {{ return 200 \"$ssl_client_raw_cert\"; }}\n\
               location /cert {{ return 200 \"[$ssl_client_cert]\"; }}\n\
               location /esc {{ return 200 \"$ssl_client_escaped_cert\"; }} }}\n"
        )
    };
    format!(
        "events {{}}\nhttp {{ access_log off; server_tokens off;\n{}{}{}{}{}{}}}\n",
        server(p[0], "ssl_client_certificate ca.pem; ssl_verify_client on;"),
        server(
            p[1],
            "ssl_client_certificate ca.pem; ssl_verify_client optional;"
        ),
        server(
            p[2],
            "ssl_client_certificate ca.pem; ssl_verify_client optional_no_ca;"
        ),
        server(
            p[3],
            "ssl_client_certificate ca.pem; ssl_verify_client optional_no_ca; ssl_verify_depth 0;"
        ),
        server(p[4], ""),
        server(
            p[5],
            "ssl_trusted_certificate ca.pem; ssl_verify_client on;"
        ),
    )
}

/// `ssl_verify_client` as nginx: the handshake always completes; `on`
/// without a certificate and a failed verification answer nginx's 400
/// pages; `optional_no_ca` lets unknown issuers through as
/// `FAILED:reason`; `ssl_verify_depth` counts intermediates; the CA names
/// of `ssl_client_certificate` (not `ssl_trusted_certificate`) are sent;
/// every `$ssl_client_*` in nginx's format. With real nginx 1.31 present,
/// every answer is also compared with its answer to the same requests.
#[test]
fn client_certificates_as_nginx() {
    let rt = runtime();
    rt.block_on(async {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        let trust = certificate(d, &["localhost"], "srv.pem", "srv.key");
        let client_der = client_pki(d);
        let ports: Vec<u16> = (0..6).map(|_| free_port()).collect();
        let server = Server::start(d, &mtls_conf(&ports), ports[0]);
        for p in &ports {
            while std::net::TcpStream::connect(("127.0.0.1", *p)).is_err() {
                std::thread::sleep(Duration::from_millis(20));
            }
        }
        let ask = |port: u16, cert: Option<&'static str>, path: &'static str| {
            let (cfg, presents) = presenting(d, cert, &trust);
            async move {
                let (text, _) = https_get(port, "localhost", path, cfg).await;
                let hints = presents.hints.lock().unwrap().clone();
                (text, hints)
            }
        };
        let body = |t: &str| t.split("\r\n\r\n").nth(1).unwrap_or_default().to_string();

        // on: no certificate → 496's page, as 400, connection closed.
        let (t, _) = ask(ports[0], None, "/").await;
        assert!(t.starts_with("HTTP/1.1 400 Bad Request\r\n"), "{t}\n{}", server.log());
        assert!(t.contains("Connection: close\r\n"), "{t}");
        assert_eq!(
            body(&t),
            "<html>\r\n<head><title>400 No required SSL certificate was sent</title></head>\r\n<body>\r\n\
             <center><h1>400 Bad Request</h1></center>\r\n<center>No required SSL certificate was sent</center>\r\n\
             <hr><center>rginx</center>\r\n</body>\r\n</html>\r\n"
        );
        // A good one: every variable, and the CA named in the request.
        let (t, hints) = ask(ports[0], Some("client"), "/").await;
        let now = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .as_secs() as i64;
        let end = 4_070_908_800i64; // 2099-01-01
        let fingerprint: String = aws_lc_rs::digest::digest(
            &aws_lc_rs::digest::SHA1_FOR_LEGACY_USE_ONLY,
            client_der.as_ref(),
        )
        .as_ref()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
        assert_eq!(
            body(&t),
            format!(
                "SUCCESS|CN=client one,OU=Dev\\+Ops,O=Acme\\, Inc.,ST=CA,C=US|CN=Test CA,O=Test Org,C=US|0123ABCD|{fingerprint}|Jan  1 00:00:00 2024 GMT|Jan  1 00:00:00 2099 GMT|{}",
                (end - now) / 86400
            ),
            "{t}"
        );
        let hints = hints.expect("a certificate request");
        assert_eq!(hints.len(), 1);
        assert!(hints[0].windows(7).any(|w| w == b"Test CA"), "{hints:?}");
        // The PEM forms.
        let pem = std::fs::read_to_string(d.join("client.pem")).unwrap().replace("\r\n", "\n");
        let (t, _) = ask(ports[0], Some("client"), "/raw").await;
        assert_eq!(body(&t), pem);
        let (t, _) = ask(ports[0], Some("client"), "/cert").await;
        assert_eq!(body(&t), format!("[{}]", pem.trim_end().replace('\n', "\n\t")));
        let (t, _) = ask(ports[0], Some("client"), "/esc").await;
        let esc = body(&t);
        assert!(esc.starts_with("-----BEGIN%20CERTIFICATE-----%0A"), "{esc}");
        assert!(esc.ends_with("-----END%20CERTIFICATE-----%0A"), "{esc}");
        assert!(!esc.contains('+') && !esc.contains('/') && !esc.contains('='), "{esc}");
        // on: unverifiable certificates → the certificate error page.
        for cert in ["self", "other", "expired"] {
            let (t, _) = ask(ports[0], Some(cert), "/").await;
            assert!(t.contains("<title>400 The SSL certificate error</title>"), "{cert}: {t}");
        }
        // optional: nothing is NONE; a bad one is still refused.
        let (t, _) = ask(ports[1], None, "/").await;
        assert_eq!(body(&t), "NONE|||||||");
        let (t, _) = ask(ports[1], Some("self"), "/").await;
        assert!(t.contains("400 The SSL certificate error"), "{t}");
        // optional_no_ca: unknown issuers pass with the reason; expiry does not.
        let (t, _) = ask(ports[2], Some("self"), "/").await;
        assert!(body(&t).starts_with("FAILED:self-signed certificate|CN=self signed|CN=self signed|05|"), "{t}");
        let (t, _) = ask(ports[2], Some("other"), "/").await;
        assert!(body(&t).starts_with("FAILED:unable to verify the first certificate|CN=other client|CN=Other CA|06|"), "{t}");
        let (t, _) = ask(ports[2], Some("expired"), "/").await;
        assert!(t.contains("400 The SSL certificate error"), "{t}");
        // ssl_verify_depth: one intermediate is within 1, not within 0.
        let (t, _) = ask(ports[2], Some("deep"), "/").await;
        assert!(body(&t).starts_with("SUCCESS|CN=leaf two|CN=Inter CA|08|"), "{t}");
        let (t, _) = ask(ports[3], Some("deep"), "/").await;
        assert!(body(&t).starts_with("FAILED:unable to get local issuer certificate|CN=leaf two|"), "{t}");
        // off: no certificate asked for.
        let (t, hints) = ask(ports[4], Some("client"), "/").await;
        assert_eq!(body(&t), "NONE|||||||");
        assert_eq!(hints, None);
        // ssl_trusted_certificate alone: verified, no CA named.
        let (t, hints) = ask(ports[5], Some("client"), "/").await;
        assert!(body(&t).starts_with("SUCCESS|CN=client one"), "{t}");
        assert_eq!(hints, Some(vec![]));
        let log = server.log();
        assert!(log.contains("client SSL certificate verify error: (18:self-signed certificate) while reading client request headers"), "{log}");
        assert!(log.contains("client SSL certificate verify error: (10:certificate has expired)"), "{log}");
        assert!(log.contains("client sent no required SSL certificate while reading client request headers"), "{log}");

        // The same requests to real nginx give the same answers.
        let Some(bin) = nginx_1_31() else { return };
        let nports: Vec<u16> = (0..6).map(|_| free_port()).collect();
        let _nginx = start_nginx(&bin, d, &mtls_conf(&nports), nports[0]);
        for p in &nports {
            while std::net::TcpStream::connect(("127.0.0.1", *p)).is_err() {
                std::thread::sleep(Duration::from_millis(20));
            }
        }
        let certs = [None, Some("client"), Some("self"), Some("other"), Some("expired"), Some("deep")];
        for (i, (ours, theirs)) in ports.iter().zip(&nports).enumerate() {
            for cert in certs {
                for path in ["/", "/raw", "/cert", "/esc"] {
                    let (a, ha) = ask(*ours, cert, path).await;
                    let (b, hb) = ask(*theirs, cert, path).await;
                    let b = body(&b).replace("<center>nginx</center>", "<center>rginx</center>");
                    assert_eq!(body(&a), b, "server {i}, {cert:?}, {path}");
                    assert_eq!(ha.map(|h| h.len()), hb.map(|h| h.len()), "CA names of server {i}");
                }
            }
        }
    });
}

/// Writes a ticket key file of `len` bytes made from `seed`.
fn key_file(path: &Path, seed: u8, len: usize) {
    let bytes: Vec<u8> = (0..len)
        .map(|i| seed.wrapping_mul(31).wrapping_add(i as u8))
        .collect();
    std::fs::write(path, bytes).unwrap();
}

/// `ssl_session_ticket_key`: two rginx processes with the same key file
/// resume each other's sessions (TLS 1.3 and 1.2); the first key of a
/// server seals, all its keys open; another key's tickets are refused.
#[test]
fn session_ticket_keys_are_shared_between_processes() {
    let rt = runtime();
    rt.block_on(async {
        let keys = tempfile::tempdir().unwrap();
        let k = keys.path();
        key_file(&k.join("k1.key"), 1, 48);
        key_file(&k.join("k2.key"), 2, 80);
        key_file(&k.join("k3.key"), 3, 48);
        let cert_dir = tempfile::tempdir().unwrap();
        let trust = certificate(cert_dir.path(), &["localhost"], "c.pem", "k.pem");
        let cd = cert_dir.path().display();
        let kd = k.display();
        let start = |keys: &[&str]| {
            let dir = tempfile::tempdir().unwrap();
            let port = free_port();
            let lines: String = keys
                .iter()
                .map(|n| format!("ssl_session_ticket_key {kd}/{n};"))
                .collect();
            let conf = format!(
                "events {{}}\nhttp {{ access_log off;\n server {{ listen 127.0.0.1:{port} ssl; server_name localhost; \
                 ssl_certificate {cd}/c.pem; ssl_certificate_key {cd}/k.pem; {lines}\n\
                 location / {{ return 200 \"reused=$ssl_session_reused\"; }} }} }}\n"
            );
            let s = Server::start(dir.path(), &conf, port);
            (s, port, dir)
        };
        let (_a, pa, _da) = start(&["k1.key"]);
        let (_b, pb, _db) = start(&["k2.key", "k1.key"]);
        let (_c, pc, _dc) = start(&["k3.key"]);
        for versions in [&[&rustls::version::TLS13][..], &[&rustls::version::TLS12][..]] {
            let mut roots = rustls::RootCertStore::empty();
            roots.add(trust.clone()).unwrap();
            let cfg = Arc::new(
                rustls::ClientConfig::builder_with_protocol_versions(versions)
                    .with_root_certificates(roots)
                    .with_no_client_auth(),
            );
            let v = format!("{:?}", versions[0].version);
            let (t, r) = https_get(pa, "localhost", "/", cfg.clone()).await;
            assert!(!r && t.ends_with("reused=."), "{v}: {t}");
            // B opens A's ticket (k1, its second key)…
            let (t, r) = https_get(pb, "localhost", "/", cfg.clone()).await;
            assert!(r && t.ends_with("reused=r"), "{v}: B did not resume A's session: {t}");
            // …and seals with k2, which A does not have.
            let (_, r) = https_get(pa, "localhost", "/", cfg.clone()).await;
            assert!(!r, "{v}: A resumed a session sealed with k2");
            // A's new ticket (k1) is good at B again; C (k3) refuses B's.
            let (_, r) = https_get(pb, "localhost", "/", cfg.clone()).await;
            assert!(r, "{v}: B did not resume A's second session");
            let (_, r) = https_get(pc, "localhost", "/", cfg.clone()).await;
            assert!(!r, "{v}: C resumed a session it has no key for");
        }
    });
}

/// A key file of the wrong size or a missing one fails `-t` with nginx's
/// words, at the end of the http block; the same as real nginx says.
#[test]
fn session_ticket_key_files_are_checked_as_nginx() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let _ = certificate(d, &["localhost"], "c.pem", "k.pem");
    key_file(&d.join("good.key"), 1, 80);
    key_file(&d.join("bad.key"), 1, 47);
    for (file, expected) in [
        ("bad.key", "nginx: [emerg] \"$DIR/bad.key\" must be 48 or 80 bytes in $DIR/nginx.conf:6"),
        ("missing.key", "nginx: [emerg] open() \"$DIR/missing.key\" failed (2: No such file or directory) in $DIR/nginx.conf:6"),
    ] {
        let conf = format!(
            "events {{}}\nhttp {{\n server {{ listen 127.0.0.1:8443 ssl; ssl_certificate c.pem; ssl_certificate_key k.pem;\n\
             ssl_session_ticket_key good.key;\n ssl_session_ticket_key {file}; }}\n}}\n"
        );
        std::fs::write(d.join("nginx.conf"), &conf).unwrap();
        let ours = test_config(rginx(), d);
        assert_eq!(ours, expected);
        if let Some(bin) = nginx_1_22() {
            let theirs = test_config(std::process::Command::new(bin), d);
            assert_eq!(ours, theirs);
        }
    }
}

/// A TLS backend that asks for a client certificate of `ca.pem` (the
/// handshake fails without one) and answers each request, on a fresh
/// connection, with whether the session was resumed, the protocol and the
/// suite.
async fn mtls_backend(dir: &Path) -> std::net::SocketAddr {
    use rustls::pki_types::pem::PemObject;
    let mut roots = rustls::RootCertStore::empty();
    for c in CertificateDer::pem_file_iter(dir.join("ca.pem")).unwrap() {
        roots.add(c.unwrap()).unwrap();
    }
    let verifier = rustls::server::WebPkiClientVerifier::builder(Arc::new(roots))
        .build()
        .unwrap();
    let chain: Vec<CertificateDer<'static>> =
        CertificateDer::pem_file_iter(dir.join("backend.pem"))
            .unwrap()
            .map(|c| c.unwrap())
            .collect();
    let key = rustls::pki_types::PrivateKeyDer::from_pem_file(dir.join("backend.key")).unwrap();
    let cfg = rustls::ServerConfig::builder()
        .with_client_cert_verifier(verifier)
        .with_single_cert(chain, key)
        .unwrap();
    let acceptor = tokio_rustls::TlsAcceptor::from(Arc::new(cfg));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move {
        loop {
            let Ok((tcp, _)) = listener.accept().await else {
                return;
            };
            let acceptor = acceptor.clone();
            tokio::spawn(async move {
                let Ok(mut s) = acceptor.accept(tcp).await else {
                    return;
                };
                let (_, conn) = s.get_ref();
                let text = format!(
                    "resumed={} {:?} {:?} cert={}",
                    matches!(conn.handshake_kind(), Some(rustls::HandshakeKind::Resumed)),
                    conn.protocol_version().unwrap(),
                    conn.negotiated_cipher_suite().unwrap().suite(),
                    conn.peer_certificates().is_some_and(|c| !c.is_empty()),
                );
                let mut buf = vec![0u8; 4096];
                let mut head = Vec::new();
                while !head.windows(4).any(|w| w == b"\r\n\r\n") {
                    match s.read(&mut buf).await {
                        Ok(0) | Err(_) => return,
                        Ok(n) => head.extend_from_slice(&buf[..n]),
                    }
                }
                let resp = format!(
                    "HTTP/1.1 200 OK\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{text}",
                    text.len()
                );
                let _ = s.write_all(resp.as_bytes()).await;
                let _ = s.shutdown().await;
            });
        }
    });
    addr
}

/// `proxy_ssl_certificate`/`_key` show the upstream a certificate (without
/// one its handshake fails: 502); `proxy_ssl_session_reuse` on resumes
/// the next connections' sessions and off never does; `proxy_ssl_protocols`
/// and `proxy_ssl_ciphers` choose what is offered; `proxy_ssl_verify_depth`
/// counts the upstream's intermediates.
#[test]
fn upstream_tls_client_settings() {
    let rt = runtime();
    rt.block_on(async {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        let _ = client_pki(d);
        // (Sessions are kept per set of proxy_ssl_* settings: /reuse/ is
        // asked first, before /mtls/ with the same settings.)
        // The backend's certificate comes from an intermediate of the CA.
        let ca_key = KeyPair::generate().unwrap();
        let ca = CertifiedIssuer::self_signed(ca_params(&[(DnType::CommonName, "Backend CA")]), ca_key).unwrap();
        let inter = CertifiedIssuer::signed_by(
            ca_params(&[(DnType::CommonName, "Backend Inter")]),
            KeyPair::generate().unwrap(),
            &ca,
        )
        .unwrap();
        let k = KeyPair::generate().unwrap();
        let leaf = leaf_params(&[(DnType::CommonName, "localhost")], vec![9], 2024, 2099)
            .signed_by(&k, &inter)
            .unwrap();
        write_pair(d, "backend", &[&leaf.pem(), &inter.pem()], &k);
        std::fs::write(d.join("backend-ca.pem"), ca.pem()).unwrap();
        let b = mtls_backend(d).await;
        let port = free_port();
        let cert = "proxy_ssl_certificate client.pem; proxy_ssl_certificate_key client.key;";
        let conf = format!(
            "events {{}}\nhttp {{ access_log off; server_tokens off;\n\
             server {{ listen 127.0.0.1:{port};\n\
               location /mtls/ {{ {cert} proxy_pass https://{b}/; }}\n\
               location /nocert/ {{ proxy_pass https://{b}/; }}\n\
               location /reuse/ {{ {cert} proxy_ssl_session_reuse on; proxy_pass https://{b}/; }}\n\
               location /noreuse/ {{ {cert} proxy_ssl_session_reuse off; proxy_pass https://{b}/; }}\n\
               location /tls12/ {{ {cert} proxy_ssl_protocols TLSv1.2; proxy_ssl_ciphers ECDHE-ECDSA-AES256-GCM-SHA384; proxy_pass https://{b}/; }}\n\
               location /depth1/ {{ {cert} proxy_ssl_verify on; proxy_ssl_trusted_certificate backend-ca.pem; proxy_ssl_name localhost; proxy_pass https://{b}/; }}\n\
               location /depth0/ {{ {cert} proxy_ssl_verify on; proxy_ssl_verify_depth 0; proxy_ssl_trusted_certificate backend-ca.pem; proxy_ssl_name localhost; proxy_pass https://{b}/; }}\n\
               location /name/ {{ {cert} proxy_ssl_verify on; proxy_ssl_trusted_certificate backend-ca.pem; proxy_ssl_name wrong.example; proxy_pass https://{b}/; }}\n\
             }} }}\n"
        );
        let server = Server::start(d, &conf, port);
        let get = |path: &'static str| async move {
            let mut s = tokio::net::TcpStream::connect(("127.0.0.1", port)).await.unwrap();
            s.write_all(format!("GET {path} HTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\n").as_bytes())
                .await
                .unwrap();
            let mut out = Vec::new();
            s.read_to_end(&mut out).await.unwrap();
            String::from_utf8_lossy(&out).into_owned()
        };
        let mut resumed = 0;
        for _ in 0..3 {
            let t = get("/reuse/a").await;
            assert!(t.starts_with("HTTP/1.1 200 OK"), "{t}");
            resumed += usize::from(t.contains("resumed=true"));
        }
        assert_eq!(resumed, 2, "proxy_ssl_session_reuse on: the 2nd and 3rd connections resume");
        let t = get("/mtls/b").await;
        assert!(t.starts_with("HTTP/1.1 200 OK") && t.contains("cert=true"), "{t}\n{}", server.log());
        let t = get("/nocert/a").await;
        assert!(t.starts_with("HTTP/1.1 502 Bad Gateway"), "{t}");
        for _ in 0..3 {
            let t = get("/noreuse/a").await;
            assert!(t.contains("resumed=false"), "proxy_ssl_session_reuse off resumed: {t}");
        }
        let t = get("/tls12/a").await;
        assert!(t.ends_with("TLSv1_2 TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384 cert=true"), "{t}");
        let t = get("/mtls/a").await;
        assert!(t.contains(" TLSv1_3 "), "{t}");
        let t = get("/depth1/a").await;
        assert!(t.starts_with("HTTP/1.1 200 OK"), "{t}\n{}", server.log());
        let t = get("/depth0/a").await;
        assert!(t.starts_with("HTTP/1.1 502 Bad Gateway"), "{t}");
        let t = get("/name/a").await;
        assert!(t.starts_with("HTTP/1.1 502 Bad Gateway"), "{t}");
        let log = server.log();
        assert!(
            log.contains("upstream SSL certificate verify error: (20:unable to get local issuer certificate) while SSL handshaking to upstream"),
            "{log}"
        );
        assert!(
            log.contains("upstream SSL certificate does not match \"wrong.example\" while SSL handshaking to upstream"),
            "{log}"
        );
    });
}

/// `ssl_verify_client` needs `ssl_client_certificate` up to nginx 1.27.1;
/// since 1.27.2 `ssl_trusted_certificate` is enough (then served as in
/// `client_certificates_as_nginx`), and without either the message names
/// both — as nginx 1.22.1 and 1.31.3 say.
#[test]
fn verify_client_without_ca_files_fails_as_nginx() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let _ = certificate(d, &["localhost"], "c.pem", "k.pem");
    let port = free_port();
    let run = |extra: &str, version: &str| {
        let conf = format!(
            "events {{}}\nhttp {{ server {{ listen 127.0.0.1:{port} ssl; ssl_certificate c.pem; ssl_certificate_key k.pem; \
             ssl_verify_client on; {extra} }} }}\n"
        );
        std::fs::write(d.join("nginx.conf"), conf).unwrap();
        let out = rginx()
            .arg("-p")
            .arg(format!("{}/", d.display()))
            .arg("-c")
            .arg("nginx.conf")
            .arg("--nginx-version")
            .arg(version)
            .arg("-g")
            .arg("daemon off; error_log stderr; pid rginx.pid;")
            .stdin(Stdio::null())
            .output()
            .unwrap();
        assert!(!out.status.success());
        String::from_utf8_lossy(&out.stderr).into_owned()
    };
    let e = run("ssl_trusted_certificate c.pem;", "1.22.1");
    assert!(
        e.contains("[emerg] no ssl_client_certificate for ssl_verify_client\n"),
        "{e}"
    );
    let e = run("", "1.31.3");
    assert!(
        e.contains(
            "[emerg] no ssl_client_certificate or ssl_trusted_certificate for ssl_verify_client\n"
        ),
        "{e}"
    );
}

/// A process started for a test, stopped with its group when dropped.
type Running = Group;

/// Start nginx or rginx on `conf` in a fresh prefix and wait for `port`.
fn start_proxy(
    mut cmd: std::process::Command,
    conf: &str,
    port: u16,
) -> (Running, tempfile::TempDir) {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("logs")).unwrap();
    std::fs::write(dir.path().join("nginx.conf"), conf).unwrap();
    cmd.arg("-p")
        .arg(format!("{}/", dir.path().display()))
        .arg("-c")
        .arg("nginx.conf")
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    let running = spawn_group(&mut cmd);
    let deadline = std::time::Instant::now() + Duration::from_secs(10);
    while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(
            std::time::Instant::now() < deadline,
            "nothing listens on {port}"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    (running, dir)
}

/// GET / over cleartext HTTP/2 with prior knowledge: the body, or `None`.
async fn h2c_get(port: u16) -> Option<String> {
    use http_body_util::BodyExt;
    let tcp = tokio::net::TcpStream::connect(("127.0.0.1", port))
        .await
        .ok()?;
    let (mut send, conn) = hyper::client::conn::http2::handshake(
        hyper_util::rt::TokioExecutor::new(),
        hyper_util::rt::TokioIo::new(tcp),
    )
    .await
    .ok()?;
    tokio::spawn(conn);
    let req = hyper::Request::get(format!("http://127.0.0.1:{port}/"))
        .body(http_body_util::Full::new(bytes::Bytes::new()))
        .unwrap();
    let resp = tokio::time::timeout(Duration::from_secs(5), send.send_request(req))
        .await
        .ok()?
        .ok()?;
    let body = resp.into_body().collect().await.ok()?.to_bytes();
    Some(String::from_utf8_lossy(&body).into_owned())
}

/// GET / over HTTP/1.1: the response's body, or `None` when no HTTP/1.1
/// response comes back.
async fn h1_get(port: u16) -> Option<String> {
    let mut tcp = tokio::net::TcpStream::connect(("127.0.0.1", port))
        .await
        .ok()?;
    tcp.write_all(b"GET / HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n")
        .await
        .ok()?;
    let mut out = Vec::new();
    let _ = tokio::time::timeout(Duration::from_secs(5), tcp.read_to_end(&mut out)).await;
    let text = String::from_utf8_lossy(&out).into_owned();
    if !text.starts_with("HTTP/1.1 200") {
        return None;
    }
    text.split_once("\r\n\r\n").map(|(_, b)| b.to_string())
}

/// HTTP/2 on a port without `ssl`, as each nginx does it (checked against
/// both when they are installed): before 1.25.1 `listen … http2` speaks
/// HTTP/2 with prior knowledge only; since, `listen … http2` or
/// `http2 on;` tell the HTTP/2 preface from HTTP/1.x on the same port.
#[test]
fn plaintext_http2_as_each_nginx() {
    let rt = runtime();
    let conf = |port: u16, how: &str| {
        let listen_param = if how == "listen" { " http2" } else { "" };
        let directive = if how == "directive" { "http2 on;" } else { "" };
        format!(
            "daemon off; pid logs/nginx.pid; error_log logs/error.log info;\n\
             events {{}}\nhttp {{ access_log off;\n\
             server {{ listen 127.0.0.1:{port}{listen_param}; {directive}\n\
             location / {{ return 200 \"$server_protocol $http2 $scheme\"; }} }} }}\n"
        )
    };
    let h2 = Some("HTTP/2.0 h2c http".to_string());
    let h1 = Some("HTTP/1.1  http".to_string());
    // (version, how HTTP/2 is enabled, h2c answer, HTTP/1.1 answer)
    let expected = [
        ("1.22.1", "listen", h2.clone(), None),
        ("1.31.3", "listen", h2.clone(), h1.clone()),
        ("1.31.3", "directive", h2.clone(), h1.clone()),
    ];
    for (version, how, want_h2, want_h1) in expected {
        let mut targets = vec![("rginx", {
            let mut c = rginx();
            c.arg("--nginx-version").arg(version);
            c
        })];
        let real = if version == "1.22.1" {
            nginx_1_22()
        } else {
            nginx_1_31()
        };
        if let Some(bin) = real {
            targets.push(("nginx", std::process::Command::new(bin)));
        }
        for (who, cmd) in targets {
            let port = free_port();
            let (_proxy, _dir) = start_proxy(cmd, &conf(port, how), port);
            let (got_h2, got_h1) = rt.block_on(async { (h2c_get(port).await, h1_get(port).await) });
            assert_eq!(
                got_h2, want_h2,
                "{who} {version} ({how}): HTTP/2 prior knowledge"
            );
            assert_eq!(got_h1, want_h1, "{who} {version} ({how}): HTTP/1.1");
        }
    }
}
