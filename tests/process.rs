//! The contract of an nginx binary: `-V` as tools read it, every main and
//! events directive accepted and applied, and a graceful stop that does not
//! wait for idle keep-alive connections.

mod common;
mod support;

use common::*;
use rginx::registry::{self, Ctx, Support};
use std::io::{Read, Write};
use std::time::{Duration, Instant};
use support::*;

/// `-V` prints nginx's configure flags for exactly the modules the
/// registry says rginx runs.
#[test]
fn version_flags_follow_the_registry() {
    let out = rginx().arg("-V").output().unwrap();
    let text = String::from_utf8_lossy(&out.stderr).into_owned();
    let args = text
        .lines()
        .find_map(|l| l.strip_prefix("configure arguments: "))
        .expect("a configure arguments line");
    let flags: Vec<&str> = args.split_whitespace().collect();
    for b in registry::build::BUILDS {
        let with = format!("--with-{}", b.flag);
        let without = format!("--without-{}", b.flag);
        let claimed = b.claimed();
        if b.default {
            assert_eq!(!flags.contains(&without.as_str()), claimed, "{}", b.flag);
        } else {
            assert_eq!(flags.contains(&with.as_str()), claimed, "{}", b.flag);
        }
    }
    // What nginx's test suite looks for: SNI with TLS, and no OpenSSL or
    // debug build claimed.
    assert!(text.contains("\nTLS SNI support enabled\n"), "{text}");
    assert!(!text.contains("built with OpenSSL"), "{text}");
    assert!(!text.contains("--with-debug"), "{text}");
    // A module with none of its directives implemented is disclaimed.
    assert!(flags.contains(&"--without-http_gzip_module"), "{text}");
}

/// A value nginx 1.31 accepts for each main and events directive, and how
/// to see it applied.
fn sample(name: &str, dir: &std::path::Path) -> Option<String> {
    let d = dir.display();
    Some(match name {
        "daemon" => "daemon off;".into(),
        "master_process" => "master_process on;".into(),
        "timer_resolution" => "timer_resolution 100ms;".into(),
        "pid" => "pid logs/rginx.pid;".into(),
        "lock_file" => "lock_file logs/nginx.lock;".into(),
        "worker_processes" => "worker_processes 2;".into(),
        "debug_points" => "debug_points abort;".into(),
        "user" => "user nobody;".into(),
        "worker_priority" => "worker_priority 5;".into(),
        "worker_cpu_affinity" => "worker_cpu_affinity auto;".into(),
        "worker_rlimit_nofile" => "worker_rlimit_nofile 2048;".into(),
        "worker_rlimit_core" => "worker_rlimit_core 1m;".into(),
        "worker_shutdown_timeout" => "worker_shutdown_timeout 10s;".into(),
        "working_directory" => format!("working_directory {d}/work;"),
        "env" => "env RGINX_TEST_KEEP;".into(),
        "load_module" => "load_module modules/ngx_http_example_module.so;".into(),
        "error_log" => "error_log logs/error.log info;".into(),
        "pcre_jit" => "pcre_jit on;".into(),
        "thread_pool" => "thread_pool default threads=4;".into(),
        "ssl_object_cache_inheritable" => "ssl_object_cache_inheritable on;".into(),
        "worker_connections" => "worker_connections 128;".into(),
        "use" => "use epoll;".into(),
        "multi_accept" => "multi_accept on;".into(),
        "accept_mutex" => "accept_mutex on;".into(),
        "accept_mutex_delay" => "accept_mutex_delay 100ms;".into(),
        "debug_connection" => "debug_connection 127.0.0.1;".into(),
        "epoll_events" => "epoll_events 256;".into(),
        "worker_aio_requests" => "worker_aio_requests 64;".into(),
        _ => return None,
    })
}

/// Every main and events directive of nginx 1.31 on Linux (stream, mail,
/// http and the optional or other-platform modules aside), from the
/// registry.
fn main_and_events_rows() -> Vec<&'static registry::DirectiveSpec> {
    // Modules nginx 1.31 builds on Linux by default (plus TLS).
    const LINUX: &[&str] = &[
        "core_module",
        "errlog_module",
        "events_module",
        "event_core_module",
        "epoll_module",
        "regex_module",
        "thread_pool_module",
        "openssl_module",
        "openssl_cache_module",
    ];
    let mut rows = Vec::new();
    for m in registry::modules() {
        for d in m.directives {
            let here = d.ctx.contains(Ctx::MAIN) || d.ctx.contains(Ctx::EVENT);
            let block = ["events", "http", "stream", "mail"].contains(&d.name);
            let gone = d.removed.is_some_and(|v| v <= registry::LATEST);
            if here && !block && !gone && LINUX.contains(&d.module) {
                rows.push(d);
            }
        }
    }
    rows
}

#[test]
fn every_main_and_events_directive_runs() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    std::fs::create_dir_all(root.join("logs")).unwrap();
    std::fs::create_dir_all(root.join("work")).unwrap();
    std::fs::create_dir_all(root.join("modules")).unwrap();
    std::fs::write(root.join("modules/ngx_http_example_module.so"), b"").unwrap();
    let rows = main_and_events_rows();
    assert!(rows.len() >= 25, "{} rows", rows.len());
    let (mut main, mut events) = (String::new(), String::new());
    for d in &rows {
        // OpenSSL engines cannot exist with rustls: refused, and said so.
        if d.name == "ssl_engine" {
            assert_eq!(d.support, Support::Unsupported);
            assert!(d.why_unsupported.is_some());
            continue;
        }
        assert_ne!(
            d.support,
            Support::Unsupported,
            "{} is a main/events directive rginx refuses",
            d.name
        );
        let line = sample(d.name, root)
            .unwrap_or_else(|| panic!("no sample value for {} in this test", d.name));
        if d.ctx.contains(Ctx::EVENT) {
            events.push_str(&line);
            events.push('\n');
        } else {
            main.push_str(&line);
            main.push('\n');
        }
    }
    let port = free_port();
    let conf = format!(
        "{main}events {{\n{events}}}\nhttp {{\n    server {{\n        listen 127.0.0.1:{port};\n        location / {{ return 200 \"ok\\n\"; }}\n    }}\n}}\n"
    );
    let server = Server::start_with(root, &conf, port, None);
    let pid = server.child.id();
    let mut s = std::net::TcpStream::connect(("127.0.0.1", port)).unwrap();
    s.write_all(b"GET / HTTP/1.0\r\n\r\n").unwrap();
    let mut got = String::new();
    s.read_to_string(&mut got).unwrap();
    assert!(got.starts_with("HTTP/1.1 200"), "{got}");
    // Applied: resource limits, working directory, nice value, affinity.
    let limits = std::fs::read_to_string(format!("/proc/{pid}/limits")).unwrap();
    let row = |name: &str| {
        limits
            .lines()
            .find(|l| l.starts_with(name))
            .unwrap_or_default()
            .split_whitespace()
            .skip(name.split_whitespace().count())
            .take(2)
            .collect::<Vec<_>>()
            .join(" ")
    };
    assert_eq!(row("Max open files"), "2048 2048");
    assert_eq!(row("Max core file size"), "1048576 1048576");
    let cwd = std::fs::read_link(format!("/proc/{pid}/cwd")).unwrap();
    assert_eq!(cwd, root.join("work").canonicalize().unwrap());
    // Two worker threads, each with nice 5 and pinned to one CPU.
    let mut workers = 0;
    for task in std::fs::read_dir(format!("/proc/{pid}/task")).unwrap() {
        let task = task.unwrap().path();
        let stat = std::fs::read_to_string(task.join("stat")).unwrap();
        let fields: Vec<&str> = stat
            .rsplit(')')
            .next()
            .unwrap()
            .split_whitespace()
            .collect();
        let nice: i32 = fields[16].parse().unwrap();
        if nice != 5 {
            continue;
        }
        workers += 1;
        let status = std::fs::read_to_string(task.join("status")).unwrap();
        let cpus = status
            .lines()
            .find_map(|l| l.strip_prefix("Cpus_allowed_list:"))
            .unwrap()
            .trim()
            .to_string();
        assert!(!cpus.contains(['-', ',']), "one CPU per worker: {cpus}");
    }
    assert_eq!(workers, 2, "worker threads with worker_priority 5");
    // The warnings nginx without --with-debug prints, and rginx's for a
    // module it does not include, on the start-up's standard error are
    // checked by -t:
    let t = rginx()
        .arg("-t")
        .arg("-p")
        .arg(format!("{}/", root.display()))
        .arg("-c")
        .arg("nginx.conf")
        .output()
        .unwrap();
    let said = String::from_utf8_lossy(&t.stderr);
    assert!(t.status.success(), "{said}");
    assert!(
        said.contains("rginx: [warn] rginx does not include module \"ngx_http_example_module\"; its directives are refused in"),
        "{said}"
    );
    assert!(
        said.contains("[warn] \"debug_connection\" is ignored, you need to rebuild nginx using --with-debug option to enable it"),
        "{said}"
    );
    drop(server);
}

/// `-s quit` with 100 idle keep-alive connections open: they are closed at
/// once and the process exits well within a second.
#[test]
fn quit_closes_idle_keepalive_connections_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let port = free_port();
    let conf = format!(
        "events {{}}\nhttp {{\n    server {{\n        listen 127.0.0.1:{port};\n        location / {{ return 200 \"ok\\n\"; }}\n    }}\n}}\n"
    );
    let mut server = Server::start(dir.path(), &conf, port);
    let mut conns = Vec::new();
    for _ in 0..100 {
        let mut s = std::net::TcpStream::connect(("127.0.0.1", port)).unwrap();
        s.write_all(b"GET / HTTP/1.1\r\nHost: x\r\n\r\n").unwrap();
        let mut buf = [0u8; 512];
        let n = s.read(&mut buf).unwrap();
        assert!(buf[..n].starts_with(b"HTTP/1.1 200"));
        conns.push(s);
    }
    let started = Instant::now();
    let status = rginx()
        .arg("-p")
        .arg(format!("{}/", dir.path().display()))
        .arg("-c")
        .arg("nginx.conf")
        .arg("-g")
        .arg("pid logs/rginx.pid;")
        .arg("-s")
        .arg("quit")
        .status()
        .unwrap();
    assert!(status.success());
    loop {
        if server.child.try_wait().unwrap().is_some() {
            break;
        }
        assert!(
            started.elapsed() < Duration::from_secs(1),
            "still running 1 s after -s quit: {}",
            server.log()
        );
        std::thread::sleep(Duration::from_millis(5));
    }
    for mut c in conns {
        let mut buf = [0u8; 16];
        assert_eq!(c.read(&mut buf).unwrap_or(0), 0, "closed by the stop");
    }
}

/// Debian's own `/etc/nginx/nginx.conf` (with `sites-enabled/default` and
/// the packages' `modules-enabled/`) runs with `--allow-unsupported`, the
/// only directive rginx warns about being `gzip`. Paths are moved into a
/// temporary prefix and the port to a free one; nothing else changes.
#[test]
fn debians_default_configuration_runs() {
    let etc = std::path::Path::new("/etc/nginx");
    if !etc.join("nginx.conf").exists() || !etc.join("sites-enabled/default").exists() {
        assert!(
            !in_ci(),
            "CI installs nginx: /etc/nginx/nginx.conf is missing"
        );
        eprintln!("skipped: Debian's nginx package is not installed");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    let port = free_port();
    let copy = |from: &std::path::Path, to: &std::path::Path| {
        let text = std::fs::read_to_string(from).unwrap();
        let text = text
            .replace("/etc/nginx", &root.join("etc").display().to_string())
            .replace(
                "/run/nginx.pid",
                &root.join("nginx.pid").display().to_string(),
            )
            .replace("/var/log/nginx", &root.join("logs").display().to_string())
            .replace(
                "listen 80 default_server",
                &format!("listen 127.0.0.1:{port} default_server"),
            )
            .replace("listen [::]:80 default_server;", "");
        std::fs::create_dir_all(to.parent().unwrap()).unwrap();
        std::fs::write(to, text).unwrap();
    };
    for entry in ["nginx.conf", "mime.types", "sites-enabled/default"] {
        copy(&etc.join(entry), &root.join("etc").join(entry));
    }
    std::fs::create_dir_all(root.join("etc/conf.d")).unwrap();
    std::fs::create_dir_all(root.join("etc/modules-enabled")).unwrap();
    std::fs::create_dir_all(root.join("logs")).unwrap();
    for m in std::fs::read_dir(etc.join("modules-enabled"))
        .into_iter()
        .flatten()
    {
        let m = m.unwrap().path();
        copy(
            &m,
            &root
                .join("etc/modules-enabled")
                .join(m.file_name().unwrap()),
        );
    }
    let mut child = {
        use std::os::unix::process::CommandExt;
        rginx()
            .arg("-c")
            .arg(root.join("etc/nginx.conf"))
            .arg("-g")
            .arg("daemon off;")
            .arg("--allow-unsupported")
            .stderr(std::process::Stdio::piped())
            .process_group(0)
            .spawn()
            .unwrap()
    };
    let deadline = Instant::now() + Duration::from_secs(10);
    while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(Instant::now() < deadline, "rginx did not listen");
        std::thread::sleep(Duration::from_millis(20));
    }
    let mut s = std::net::TcpStream::connect(("127.0.0.1", port)).unwrap();
    s.write_all(b"GET / HTTP/1.0\r\n\r\n").unwrap();
    let mut got = String::new();
    s.read_to_string(&mut got).unwrap();
    stop_group(&mut child);
    let mut said = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut said)
        .unwrap();
    // The page Debian installs, or a 403/404 where /var/www/html is empty.
    assert!(got.starts_with("HTTP/1.1 "), "{got}");
    let warnings: Vec<&str> = said.lines().filter(|l| l.contains("[warn]")).collect();
    assert!(
        warnings
            .iter()
            .all(|w| w.contains("\"gzip\" directive is not supported")),
        "{said}"
    );
    assert!(!warnings.is_empty(), "gzip is warned about: {said}");
}
