//! Reload (SIGHUP) goes through the same load pipeline as startup: a
//! configuration that any stage refuses (syntax, check, the unsupported
//! directive gate, sockets) is logged as nginx logs a failed reload, its
//! `[emerg]` line with `in FILE:LINE`, and the old configuration keeps
//! serving; a good one takes effect.

mod common;
mod support;

use common::*;
use nix::sys::signal::Signal;
use std::io::{Read, Write};
use std::path::Path;
use std::time::{Duration, Instant};
use support::*;

/// A configuration answering `body` on `port`, with `extra` on line 4 of
/// the http block's file.
fn conf(port: u16, body: &str, extra: &str) -> String {
    format!(
        "events {{}}\nhttp {{\n    access_log off;\n    {extra}\n    server {{ listen 127.0.0.1:{port}; location / {{ return 200 \"{body}\"; }} }}\n}}\n"
    )
}

/// The body `GET /` gets on `port`.
fn get(port: u16) -> String {
    let mut s = std::net::TcpStream::connect(("127.0.0.1", port)).unwrap();
    s.write_all(b"GET / HTTP/1.0\r\n\r\n").unwrap();
    let mut got = String::new();
    s.read_to_string(&mut got).unwrap();
    got.split_once("\r\n\r\n")
        .map(|(_, b)| b.to_string())
        .unwrap_or(got)
}

/// Write `text` as the configuration and send SIGHUP; return once the
/// error log has a line containing `wanted` (written after the signal).
fn reload_until_logged(server: &Server, text: &str, wanted: &str) -> String {
    let before = server.log().len();
    std::fs::write(server.dir.join("nginx.conf"), text).unwrap();
    server.signal(Signal::SIGHUP);
    let deadline = Instant::now() + Duration::from_secs(5);
    loop {
        let log = server.log();
        let new = log.get(before..).unwrap_or_default().to_string();
        if new.contains(wanted) {
            return new;
        }
        assert!(Instant::now() < deadline, "no {wanted:?} in the log: {log}");
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// The error log line holding `wanted`.
fn line_with<'a>(log: &'a str, wanted: &str) -> &'a str {
    log.lines().find(|l| l.contains(wanted)).unwrap_or_default()
}

fn refused(server: &Server, port: u16, text: &str, wanted: &str) {
    let log = reload_until_logged(server, text, wanted);
    let line = line_with(&log, wanted);
    assert!(line.contains(" [emerg] "), "{log}");
    assert!(
        log.contains("[notice]") && log.contains("reconfiguring"),
        "{log}"
    );
    assert!(!log.contains("reconfigured"), "{log}");
    assert_eq!(get(port), "one", "the old configuration serves: {log}");
}

fn at(dir: &Path, line: u32) -> String {
    format!("in {}/nginx.conf:{line}", dir.display())
}

#[test]
fn reload_refuses_an_unsupported_directive_and_the_old_configuration_serves() {
    let dir = tempfile::tempdir().unwrap();
    let port = free_port();
    let server = Server::start(dir.path(), &conf(port, "one", ""), port);
    assert_eq!(get(port), "one");
    // ngx_http_perl_module: an embedded Perl interpreter rginx will not run.
    let wanted = format!(
        "\"perl_modules\" directive is not supported by rginx yet {}",
        at(dir.path(), 4)
    );
    refused(
        &server,
        port,
        &conf(port, "two", "perl_modules perl/lib;"),
        &wanted,
    );
    reload_until_logged(&server, &conf(port, "three", ""), "reconfigured");
    assert_eq!(get(port), "three", "{}", server.log());
}

#[test]
fn reload_refuses_a_syntax_error_or_invalid_value_and_the_old_configuration_serves() {
    let dir = tempfile::tempdir().unwrap();
    let port = free_port();
    let server = Server::start(dir.path(), &conf(port, "one", ""), port);
    assert_eq!(get(port), "one");
    // nginx 1.31.3 logs these two lines, with its own prefix, the same way.
    refused(
        &server,
        port,
        &conf(port, "two", "proxy_connect_timeout abc;"),
        &format!(
            "\"proxy_connect_timeout\" directive invalid value {}",
            at(dir.path(), 4)
        ),
    );
    refused(
        &server,
        port,
        &conf(port, "two", "access_log off"),
        &format!(
            "directive \"access_log\" is not terminated by \";\" {}",
            at(dir.path(), 5)
        ),
    );
    refused(
        &server,
        port,
        &conf(port, "two", "server_tokens on }"),
        &format!("unexpected \"}}\" {}", at(dir.path(), 4)),
    );
    refused(
        &server,
        port,
        &conf(port, "two", "foo_bar on;"),
        &format!("unknown directive \"foo_bar\" {}", at(dir.path(), 4)),
    );
    reload_until_logged(&server, &conf(port, "three", ""), "reconfigured");
    assert_eq!(get(port), "three", "{}", server.log());
}

/// A new socket that cannot be bound refuses the reload before anything
/// changes: the old sockets, even one the new configuration drops, still
/// accept for the old configuration.
#[test]
fn reload_refuses_a_socket_it_cannot_bind_and_keeps_the_old_sockets() {
    let dir = tempfile::tempdir().unwrap();
    // Held before picking the server's port, so that the two differ.
    let busy = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let busy_port = busy.local_addr().unwrap().port();
    let port = free_port();
    let server = Server::start(dir.path(), &conf(port, "one", ""), port);
    let text = format!(
        "events {{}}\nhttp {{\n    server {{ listen 127.0.0.1:{busy_port}; return 200 \"two\"; }}\n}}\n"
    );
    refused(
        &server,
        port,
        &text,
        &format!("bind() to 127.0.0.1:{busy_port} failed (98: "),
    );
    drop(busy);
    reload_until_logged(&server, &conf(port, "three", ""), "reconfigured");
    assert_eq!(get(port), "three", "{}", server.log());
}

/// Started with `--allow-unsupported`, a reload allows them too (with a
/// warning each), as startup did.
#[test]
fn reload_honours_allow_unsupported_as_startup_did() {
    use std::os::unix::process::CommandExt;
    let dir = tempfile::tempdir().unwrap();
    let port = free_port();
    std::fs::create_dir_all(dir.path().join("logs")).unwrap();
    std::fs::write(dir.path().join("nginx.conf"), conf(port, "one", "")).unwrap();
    let child = rginx()
        .arg("-p")
        .arg(format!("{}/", dir.path().display()))
        .arg("-c")
        .arg("nginx.conf")
        .arg("-g")
        .arg("daemon off; pid logs/rginx.pid; error_log logs/error.log info;")
        .arg("--allow-unsupported")
        .stdin(std::process::Stdio::null())
        .process_group(0)
        .spawn()
        .unwrap();
    let server = Server {
        child,
        dir: dir.path().to_path_buf(),
    };
    let deadline = Instant::now() + Duration::from_secs(10);
    while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(Instant::now() < deadline, "no listen: {}", server.log());
        std::thread::sleep(Duration::from_millis(20));
    }
    let log = reload_until_logged(
        &server,
        &conf(port, "two", "perl_modules perl/lib;"),
        "reconfigured",
    );
    let line = line_with(&log, "\"perl_modules\" directive is not supported");
    assert!(line.contains(" [warn] "), "{log}");
    assert_eq!(get(port), "two", "{log}");
}
