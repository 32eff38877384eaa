//! The runtime end to end: the seed configs 001, 002a and 002c served by
//! rginx (addresses, ports and paths substituted) in front of real
//! backends — plain HTTP requests, and WebSocket sessions (text, binary,
//! ping/pong, close) across both upstream servers. Also the quickstart
//! example, reload on HUP (a broken file keeps the old config serving),
//! and a backend going away between requests.

mod common;
mod support;

use common::*;
use futures_util::{SinkExt, StreamExt};
use std::time::{Duration, Instant};
use support::*;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio_tungstenite::tungstenite::Message;

/// GET over a fresh connection: status and body.
async fn get(port: u16, path: &str, headers: &str) -> (u16, String, String) {
    let mut s = tokio::net::TcpStream::connect(("127.0.0.1", port))
        .await
        .unwrap();
    let req =
        format!("GET {path} HTTP/1.1\r\nHost: localhost\r\n{headers}Connection: close\r\n\r\n");
    s.write_all(req.as_bytes()).await.unwrap();
    let mut out = Vec::new();
    s.read_to_end(&mut out).await.unwrap();
    let text = String::from_utf8_lossy(&out).into_owned();
    let (head, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
    let status = head
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    (status, head.to_string(), body.to_string())
}

/// Send raw bytes on a new connection and read until it closes.
async fn exchange(port: u16, raw: &[u8]) -> Vec<u8> {
    let mut s = tokio::net::TcpStream::connect(("127.0.0.1", port))
        .await
        .unwrap();
    s.write_all(raw).await.unwrap();
    let mut out = Vec::new();
    let _ = s.read_to_end(&mut out).await;
    out
}

/// One WebSocket session through the proxy: text, binary, ping/pong and
/// close; returns the name of the backend that served it.
async fn websocket_session(url: &str) -> String {
    let (mut ws, resp) = tokio_tungstenite::connect_async(url)
        .await
        .expect("ws handshake");
    assert_eq!(resp.status(), 101);
    ws.send(Message::text("who")).await.unwrap();
    let name = match ws.next().await {
        Some(Ok(Message::Text(t))) => t.to_string(),
        other => panic!("expected the backend's name, got {other:?}"),
    };
    ws.send(Message::text("hello")).await.unwrap();
    assert_eq!(ws.next().await.unwrap().unwrap(), Message::text("hello"));
    let bytes: Vec<u8> = (0..=255u8).cycle().take(100_000).collect();
    ws.send(Message::binary(bytes.clone())).await.unwrap();
    assert_eq!(ws.next().await.unwrap().unwrap(), Message::binary(bytes));
    ws.send(Message::Ping(vec![1, 2, 3].into())).await.unwrap();
    match ws.next().await {
        Some(Ok(Message::Pong(p))) => assert_eq!(p.as_ref(), &[1, 2, 3]),
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

#[test]
fn seed_001_websocket_pool() {
    let rt = runtime();
    rt.block_on(async {
        let (b1, _t1) = backend("b1").await;
        let (b2, _t2) = backend("b2").await;
        let port = free_port();
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path().display().to_string();
        let conf = seed("seed-001-ws-proxy.conf")
            .replace("localhost:8010", &b1.to_string())
            .replace("localhost:8011", &b2.to_string())
            .replace("listen 80;", &format!("listen 127.0.0.1:{port};"))
            .replace("/var/log/nginx/", &format!("{d}/logs/"));
        let server = Server::start(dir.path(), &conf, port);
        // Plain HTTP goes through with the seed's headers.
        let (status, _, body) = get(port, "/app?x=1", "").await;
        assert_eq!(status, 200, "{}", server.log());
        assert!(
            body.starts_with("b1\n") || body.starts_with("b2\n"),
            "{body}"
        );
        for want in [
            "GET /app?x=1 HTTP/1.1",
            "Host: localhost",
            "X-Real-IP: 127.0.0.1",
            "X-Forwarded-For: 127.0.0.1",
            "X-Forwarded-Proto: http",
            "Connection: close",
        ] {
            assert!(body.contains(want), "missing {want:?} in\n{body}");
        }
        // nginx sends a header it is told to set even with "_" in its name
        // (it is the receiving side that drops such names).
        assert!(body.contains("HTTP_X_FORWARDED_FOR: 127.0.0.1"), "{body}");
        // WebSocket sessions land on both upstream servers in turn.
        let url = format!("ws://127.0.0.1:{port}/chat");
        let mut names = Vec::new();
        for _ in 0..4 {
            names.push(websocket_session(&url).await);
        }
        assert!(names.contains(&"b1".to_string()), "{names:?}");
        assert!(names.contains(&"b2".to_string()), "{names:?}");
        // The access log got a line per request, combined format.
        let log = std::fs::read_to_string(dir.path().join("logs/yourdomain.log")).unwrap();
        assert!(log.contains("\"GET /app?x=1 HTTP/1.1\" 200 "), "{log}");
        assert!(log.contains("\"GET /chat HTTP/1.1\" 101 "), "{log}");
    });
}

#[test]
fn seed_002a_static_front_and_websocket() {
    let rt = runtime();
    rt.block_on(async {
        let (b1, _t1) = backend("web").await;
        let port = free_port();
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path().display().to_string();
        std::fs::create_dir_all(dir.path().join("www/assets")).unwrap();
        std::fs::write(dir.path().join("www/index.html"), "<p>app</p>\n").unwrap();
        std::fs::write(dir.path().join("www/assets/a.js"), "js\n").unwrap();
        let conf = seed("seed-002a-http-ws.conf")
            .replace("server domain.com:80;", &format!("server {b1};"))
            .replace("listen 80;", &format!("listen 127.0.0.1:{port};"))
            .replace("listen [::]:80;", "")
            .replace("/var/log/nginx/", &format!("{d}/logs/"))
            .replace("/data/www/web_frontend", &format!("{d}/www"));
        let server = Server::start(dir.path(), &conf, port);
        let (status, head, body) = get(port, "/assets/a.js", "").await;
        assert_eq!((status, body.as_str()), (200, "js\n"), "{}", server.log());
        assert!(head.contains("X-Frame-Options: sameorigin"), "{head}");
        assert!(
            head.contains("Content-Security-Policy: frame-ancestors 'self'"),
            "{head}"
        );
        let (status, _, body) = get(port, "/", "").await;
        assert_eq!((status, body.as_str()), (200, "<p>app</p>\n"));
        // /websocket/ is proxied with the seed's forwarding headers.
        let (status, _, body) = get(port, "/websocket/info", "").await;
        assert_eq!(status, 200);
        for want in [
            "GET /websocket/info HTTP/1.1",
            "Host: localhost",
            &format!("X-Forwarded-Host: localhost:{port}"),
            "X-Forwarded-Server: localhost",
            &format!("X-Forwarded-Port: {port}"),
        ] {
            assert!(body.contains(want), "missing {want:?} in\n{body}");
        }
        let name = websocket_session(&format!("ws://127.0.0.1:{port}/websocket/")).await;
        assert_eq!(name, "web");
        let log = std::fs::read_to_string(dir.path().join("logs/access.log")).unwrap();
        assert!(
            log.contains("\"GET /assets/a.js HTTP/1.1\" 200 3 \"-\" \"-\" \"-\""),
            "{log}"
        );
    });
}

#[test]
fn seed_002c_keepalive_pool_and_websocket() {
    let rt = runtime();
    rt.block_on(async {
        let (b1, _t1) = backend("w1").await;
        let (b2, _t2) = backend("w2").await;
        let port = free_port();
        let dir = tempfile::tempdir().unwrap();
        let conf = seed("seed-002c-keepalive-upstream.conf")
            .replace("127.0.0.1:8094", &b1.to_string())
            .replace("127.0.0.1:8095", &b2.to_string())
            .replace("listen 20038;", &format!("listen 127.0.0.1:{port};"));
        let server = Server::start(dir.path(), &conf, port);
        let mut seen = Vec::new();
        for i in 0..6 {
            let (status, _, body) = get(port, &format!("/r{i}"), "").await;
            assert_eq!(status, 200, "{}", server.log());
            seen.push(body.lines().next().unwrap_or_default().to_string());
        }
        assert_eq!(seen, ["w1", "w2", "w1", "w2", "w1", "w2"], "round robin");
        let url = format!("ws://127.0.0.1:{port}/socket");
        let names = [websocket_session(&url).await, websocket_session(&url).await];
        assert!(names.contains(&"w1".to_string()) && names.contains(&"w2".to_string()));
    });
}

#[test]
fn reload_keeps_serving_and_a_broken_file_keeps_the_old_config() {
    let rt = runtime();
    rt.block_on(async {
        let port = free_port();
        let dir = tempfile::tempdir().unwrap();
        let conf = |body: &str| {
            format!(
                "events {{}}\nhttp {{ access_log off; server {{ listen 127.0.0.1:{port}; location / {{ return 200 \"{body}\"; }} }} }}\n"
            )
        };
        let server = Server::start(dir.path(), &conf("one"), port);
        assert_eq!(get(port, "/", "").await.2, "one");
        std::fs::write(dir.path().join("nginx.conf"), conf("two")).unwrap();
        server.signal(nix::sys::signal::Signal::SIGHUP);
        let deadline = Instant::now() + Duration::from_secs(5);
        while get(port, "/", "").await.2 != "two" {
            assert!(Instant::now() < deadline, "not reloaded: {}", server.log());
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
        std::fs::write(dir.path().join("nginx.conf"), "events {}\nhttp { server { listen 1.2.3; }\n").unwrap();
        server.signal(nix::sys::signal::Signal::SIGHUP);
        tokio::time::sleep(Duration::from_millis(300)).await;
        assert_eq!(get(port, "/", "").await.2, "two", "the old configuration serves");
        assert!(server.log().contains("[emerg]"), "{}", server.log());
        // QUIT stops it and removes the pid file.
        server.signal(nix::sys::signal::Signal::SIGQUIT);
        let deadline = Instant::now() + Duration::from_secs(5);
        while dir.path().join("logs/rginx.pid").exists() {
            assert!(Instant::now() < deadline, "still running");
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    });
}

#[test]
fn a_dead_backend_is_skipped_without_failed_requests() {
    let rt = runtime();
    rt.block_on(async {
        let (b1, t1) = backend("b1").await;
        let (b2, _t2) = backend("b2").await;
        let port = free_port();
        let dir = tempfile::tempdir().unwrap();
        let conf = format!(
            "events {{}}\nhttp {{ access_log off; upstream app {{ server {b1}; server {b2}; }}\n\
             server {{ listen 127.0.0.1:{port}; location / {{ proxy_pass http://app; }} }} }}\n"
        );
        let _server = Server::start(dir.path(), &conf, port);
        assert_eq!(get(port, "/", "").await.0, 200);
        t1.abort();
        tokio::time::sleep(Duration::from_millis(50)).await;
        for _ in 0..10 {
            let (status, _, body) = get(port, "/", "").await;
            assert_eq!(status, 200);
            assert!(body.starts_with("b2\n"), "{body}");
        }
    });
}

/// A body larger than client_body_buffer_size goes through a temporary
/// file (bounded memory) and arrives whole; the file is removed after.
#[test]
fn large_request_bodies_are_buffered_on_disk() {
    let rt = runtime();
    rt.block_on(async {
        let (b1, _t1) = backend("b1").await;
        let port = free_port();
        let dir = tempfile::tempdir().unwrap();
        let conf = format!(
            "events {{}}\nhttp {{ access_log off; client_max_body_size 10m; client_body_buffer_size 16k;\n\
             server {{ listen 127.0.0.1:{port}; location / {{ proxy_pass http://{b1}; }} }} }}\n"
        );
        let server = Server::start(dir.path(), &conf, port);
        let body: Vec<u8> = (0..3_000_000u32).map(|i| (i % 251) as u8).collect();
        let sum: u64 = body.iter().map(|&b| u64::from(b)).sum();
        let mut s = tokio::net::TcpStream::connect(("127.0.0.1", port)).await.unwrap();
        let head = format!(
            "POST /up HTTP/1.1\r\nHost: h\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
            body.len()
        );
        s.write_all(head.as_bytes()).await.unwrap();
        s.write_all(&body).await.unwrap();
        let mut out = Vec::new();
        s.read_to_end(&mut out).await.unwrap();
        let text = String::from_utf8_lossy(&out);
        assert!(text.contains(&format!("body 3000000 {sum}")), "{text}\n{}", server.log());
        let temp = dir.path().join("client_body_temp");
        let left = std::fs::read_dir(&temp).map(|d| d.count()).unwrap_or(0);
        assert_eq!(left, 0, "temporary files left in {}", temp.display());
        assert!(temp.exists(), "the body was not spilled to disk");
    });
}

#[test]
fn quickstart_example_serves() {
    let rt = runtime();
    rt.block_on(async {
        let dir = tempfile::tempdir().unwrap();
        let text = std::fs::read_to_string(root().join("examples/quickstart.conf")).unwrap();
        let port = free_port();
        let port2 = free_port();
        let conf = text
            .replace("127.0.0.1:8080", &format!("127.0.0.1:{port}"))
            .replace("127.0.0.1:8081", &format!("127.0.0.1:{port2}"))
            .replace(
                "root html;",
                &format!("root {}/examples/html;", root().display()),
            );
        let _server = Server::start_with(dir.path(), &conf, port, None);
        assert_eq!(get(port, "/health", "").await.2, "ok\n");
        assert_eq!(get(port, "/api/x?y=1", "").await.2, "backend saw /x?y=1\n");
        let (status, _, body) = get(port, "/", "").await;
        assert_eq!(status, 200);
        assert!(body.contains("rginx quickstart"), "{body}");
    });
}

/// A body refused with 413 while the client is still sending it: the
/// connection closes with nginx's lingering close (rginx stops writing and
/// drops what the client still sends), so the 413 reaches the client
/// instead of being lost to a reset. Without it the kernel resets the
/// connection over the unread bytes and the client's read fails.
#[test]
fn a_refused_body_still_gets_its_answer_with_lingering_close() {
    let rt = runtime();
    rt.block_on(async {
        let port = free_port();
        let dir = tempfile::tempdir().unwrap();
        let conf = format!(
            "events {{}}\nhttp {{ access_log off; client_max_body_size 1k;\n\
             server {{ listen 127.0.0.1:{port}; location / {{ return 200 \"ok\\n\"; }} }} }}\n"
        );
        let server = Server::start(dir.path(), &conf, port);
        for _ in 0..5 {
            let mut s = tokio::net::TcpStream::connect(("127.0.0.1", port))
                .await
                .unwrap();
            s.write_all(b"POST /up HTTP/1.1\r\nHost: h\r\nContent-Length: 10000000\r\n\r\n")
                .await
                .unwrap();
            // Part of the body, while rginx answers.
            s.write_all(&vec![b'x'; 256 * 1024]).await.unwrap();
            tokio::time::sleep(std::time::Duration::from_millis(50)).await;
            let mut out = Vec::new();
            let read = s.read_to_end(&mut out).await;
            let text = String::from_utf8_lossy(&out);
            assert!(read.is_ok(), "{read:?} after {text:?}\n{}", server.log());
            assert!(text.starts_with("HTTP/1.1 413"), "{text}\n{}", server.log());
        }
    });
}

/// A request refused while its head is read is still in the access log, as
/// nginx logs it: its first line as sent, and the status (confirmed with
/// nginx 1.31.3: `"get / HTTP/1.1" 400`, `"GET / HTTP/2.0" 505`).
#[test]
fn refused_requests_are_in_the_access_log() {
    let rt = runtime();
    rt.block_on(async {
        let port = free_port();
        let dir = tempfile::tempdir().unwrap();
        let conf = format!(
            "events {{}}\nhttp {{ access_log logs/access.log;\n\
             server {{ listen 127.0.0.1:{port}; location / {{ return 200 \"ok\\n\"; }} }} }}\n"
        );
        let server = Server::start(dir.path(), &conf, port);
        for raw in [
            &b"get / HTTP/1.1\r\nHost: x\r\n\r\n"[..],
            b"GET / HTTP/2.0\r\n\r\n",
            b"GET / HTTP/1.1\r\nX Y: z\r\nHost: x\r\n\r\n",
        ] {
            exchange(port, raw).await;
        }
        let log = std::fs::read_to_string(dir.path().join("logs/access.log")).unwrap_or_default();
        let lines: Vec<&str> = log.lines().collect();
        assert_eq!(lines.len(), 3, "{log}\n{}", server.log());
        assert!(lines[0].contains("\"get / HTTP/1.1\" 400 "), "{log}");
        assert!(lines[1].contains("\"GET / HTTP/2.0\" 505 "), "{log}");
        assert!(lines[2].contains("\"GET / HTTP/1.1\" 400 "), "{log}");
    });
}

/// `return 444` closes the connection without a response (error_page does
/// not take it over), and the access log has the request as 444, as
/// nginx 1.22.1 and 1.31.3 do.
#[test]
fn return_444_closes_without_a_response() {
    let rt = runtime();
    rt.block_on(async {
        let port = free_port();
        let dir = tempfile::tempdir().unwrap();
        let conf = format!(
            "events {{}}\nhttp {{ access_log logs/access.log;\n\
             server {{ listen 127.0.0.1:{port}; location / {{ return 444; }}\n\
               location /p {{ error_page 444 = /x; return 444; }}\n\
               location /x {{ return 200 \"x\"; }} }} }}\n"
        );
        let server = Server::start(dir.path(), &conf, port);
        for path in ["/", "/p"] {
            let raw = format!("GET {path} HTTP/1.1\r\nHost: x\r\n\r\n");
            let out = exchange(port, raw.as_bytes()).await;
            assert!(out.is_empty(), "{}", String::from_utf8_lossy(&out));
        }
        let log = std::fs::read_to_string(dir.path().join("logs/access.log")).unwrap_or_default();
        let lines: Vec<&str> = log.lines().collect();
        assert_eq!(lines.len(), 2, "{log}\n{}", server.log());
        assert!(lines[0].contains("\"GET / HTTP/1.1\" 444 0 "), "{log}");
        assert!(lines[1].contains("\"GET /p HTTP/1.1\" 444 0 "), "{log}");
    });
}

/// `error_log` in a location takes that location's messages (at its own
/// level), as nginx: a failed upstream connection is logged there, not in
/// the main error log.
#[test]
fn a_locations_error_log_takes_its_messages() {
    let rt = runtime();
    rt.block_on(async {
        let port = free_port();
        let closed = free_port();
        let dir = tempfile::tempdir().unwrap();
        let conf = format!(
            "events {{}}\nhttp {{ access_log off;\n\
             server {{ listen 127.0.0.1:{port};\n\
               location /a {{ error_log logs/a.log error; proxy_pass http://127.0.0.1:{closed}; }}\n\
               location /b {{ proxy_pass http://127.0.0.1:{closed}; }} }} }}\n"
        );
        let server = Server::start(dir.path(), &conf, port);
        for path in ["/a", "/b"] {
            let mut s = tokio::net::TcpStream::connect(("127.0.0.1", port)).await.unwrap();
            s.write_all(format!("GET {path} HTTP/1.0\r\n\r\n").as_bytes())
                .await
                .unwrap();
            let mut out = Vec::new();
            let _ = s.read_to_end(&mut out).await;
            assert!(out.starts_with(b"HTTP/1.1 502"), "{}", String::from_utf8_lossy(&out));
        }
        let a = std::fs::read_to_string(dir.path().join("logs/a.log")).unwrap_or_default();
        let main = server.log();
        assert!(a.contains("[error]") && a.contains("request: \"GET /a HTTP/1.0\""), "{a}");
        assert!(!a.contains("GET /b"), "{a}");
        assert!(main.contains("request: \"GET /b HTTP/1.0\""), "{main}");
        assert!(!main.contains("request: \"GET /a HTTP/1.0\""), "{main}");
    });
}

/// `client_header_timeout` bounds the whole head from its first byte: a
/// client trickling one byte a second is closed at the timeout (as nginx
/// does), not kept while each byte restarts it.
#[test]
fn a_trickling_client_is_closed_at_client_header_timeout() {
    let rt = runtime();
    rt.block_on(async {
        let port = free_port();
        let dir = tempfile::tempdir().unwrap();
        let conf = format!(
            "events {{}}\nhttp {{ access_log off; client_header_timeout 2s;\n\
             server {{ listen 127.0.0.1:{port}; location / {{ return 200 \"ok\\n\"; }} }} }}\n"
        );
        let server = Server::start(dir.path(), &conf, port);
        let s = tokio::net::TcpStream::connect(("127.0.0.1", port))
            .await
            .unwrap();
        let (mut rd, mut wr) = s.into_split();
        let started = std::time::Instant::now();
        let trickle = tokio::spawn(async move {
            for &b in b"GET / HTTP/1.1\r\nHost: x\r\nX-Slow: aaaaaaaaaaaa" {
                if wr.write_all(&[b]).await.is_err() {
                    return;
                }
                tokio::time::sleep(std::time::Duration::from_millis(500)).await;
            }
        });
        let mut out = Vec::new();
        let _ = rd.read_to_end(&mut out).await;
        let took = started.elapsed();
        trickle.abort();
        assert!(out.is_empty(), "{}", String::from_utf8_lossy(&out));
        assert!(
            took >= std::time::Duration::from_millis(1900)
                && took < std::time::Duration::from_secs(3),
            "closed after {took:?}\n{}",
            server.log()
        );
        assert!(
            server
                .log()
                .contains("client timed out while reading client request headers"),
            "{}",
            server.log()
        );
    });
}
