//! The command line as tools call it: nginx's flags and output shapes.

mod common;

use common::*;
use std::fs;

fn run(args: &[&str], dir: &std::path::Path) -> (i32, String, String) {
    let out = rginx().args(args).current_dir(dir).output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn sample() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    fs::write(
        dir.path().join("nginx.conf"),
        "events {}\nhttp {\n    include conf.d/*.conf;\n}\n",
    )
    .unwrap();
    fs::create_dir(dir.path().join("conf.d")).unwrap();
    fs::write(
        dir.path().join("conf.d/a.conf"),
        "server { listen 8080; }\n",
    )
    .unwrap();
    dir
}

#[test]
fn version_is_parseable_as_nginx() {
    let (code, _, err) = run(&["-v"], std::path::Path::new("."));
    assert_eq!(code, 0);
    assert!(
        err.starts_with("nginx version: nginx/1.31.3 (rginx "),
        "{err}"
    );
    let (_, _, err) = run(&["-V"], std::path::Path::new("."));
    assert!(
        err.lines().any(|l| l.starts_with("configure arguments:")),
        "{err}"
    );
    // The version profile chosen is the version reported.
    let (_, _, err) = run(
        &["-v", "--nginx-version", "1.22.1"],
        std::path::Path::new("."),
    );
    assert!(
        err.starts_with("nginx version: nginx/1.22.1 (rginx "),
        "{err}"
    );
    let out = rginx()
        .arg("-v")
        .env("RGINX_NGINX_VERSION", "1.25")
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.starts_with("nginx version: nginx/1.25 (rginx "),
        "{err}"
    );
    let (code, _, err) = run(&["-v", "--nginx-version", "one"], std::path::Path::new("."));
    assert_eq!(code, 2, "{err}");
}

#[test]
fn dump_ir_and_route_explain_a_configuration() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(
        dir.path().join("nginx.conf"),
        "events {}\nhttp {\n    upstream app { server 127.0.0.1:9001 weight=2; server 127.0.0.1:9002 backup; }\n\
         map $http_upgrade $connection_upgrade { default upgrade; '' close; }\n\
         server {\n        listen 127.0.0.1:8080;\n        server_name example.com;\n\
         location /api/ { add_header X-Api 1; proxy_pass http://app/v1/; }\n\
         location /old { rewrite ^/old(.*)$ /api$1 last; }\n    }\n}\n",
    )
    .unwrap();
    let (code, out, err) = run(&["dump", "ir", "nginx.conf"], dir.path());
    assert_eq!(code, 0, "{err}");
    for want in [
        "server #1 (nginx.conf:5)",
        "  listen 127.0.0.1:8080",
        "  server_name example.com",
        "  location /api/ (nginx.conf:8) → proxy_pass http://app/v1/",
        "upstream app (nginx.conf:3): round robin",
        "  127.0.0.1:9001 (127.0.0.1:9001) weight=2",
        "backup",
        "$connection_upgrade = map $http_upgrade (1 exact, 0 wildcard, 0 regex)",
    ] {
        assert!(out.contains(want), "missing {want:?} in\n{out}");
    }
    let (code, out, err) = run(
        &[
            "route",
            "-c",
            "nginx.conf",
            "GET /old/x?q=1",
            "-H",
            "Host: example.com",
        ],
        dir.path(),
    );
    assert_eq!(code, 0, "{err}");
    for want in [
        "server   server #1 at nginx.conf:5",
        "why      Host \"example.com\" matches exact server_name \"example.com\"",
        "step     rewrite ^/old(.*)$ /api$1 last at nginx.conf:9: \"/api/x\"",
        "location location /api/ at nginx.conf:8",
        "upstream upstream app at nginx.conf:3 (127.0.0.1:9001 weight=2, 127.0.0.1:9002 backup)",
        "request  GET /v1/x?q=1 HTTP/1.1",
        "         Host: app",
        "         X-Api: 1",
    ] {
        assert!(out.contains(want), "missing {want:?} in\n{out}");
    }
}

#[test]
fn test_and_dump_follow_nginx() {
    let dir = sample();
    let d = dir.path().display().to_string();
    let (code, out, err) = run(
        &["-T", "-p", &format!("{d}/"), "-c", "nginx.conf"],
        dir.path(),
    );
    assert_eq!(code, 0, "{err}");
    assert_eq!(
        err,
        format!(
            "rginx: the configuration file {d}/nginx.conf syntax is ok\nrginx: configuration file {d}/nginx.conf test is successful\n"
        )
    );
    let headers: Vec<&str> = out
        .lines()
        .filter(|l| l.starts_with("# configuration file "))
        .collect();
    assert_eq!(
        headers,
        [
            format!("# configuration file {d}/nginx.conf:"),
            format!("# configuration file {d}/conf.d/a.conf:")
        ]
    );
    let (code, out, err) = run(
        &["-t", "-q", "-p", &format!("{d}/"), "-c", "nginx.conf"],
        dir.path(),
    );
    assert_eq!((code, out.as_str(), err.as_str()), (0, "", ""));
}

#[test]
fn errors_name_the_file_and_line_or_the_command_line() {
    let dir = sample();
    fs::write(dir.path().join("conf.d/a.conf"), "server { listen 8080 }\n").unwrap();
    let d = dir.path().display().to_string();
    let (code, _, err) = run(
        &["-t", "-p", &format!("{d}/"), "-c", "nginx.conf"],
        dir.path(),
    );
    assert_eq!(code, 1);
    assert_eq!(
        err,
        format!("rginx: [emerg] unexpected \"}}\" in {d}/conf.d/a.conf:1\nrginx: configuration file {d}/nginx.conf test failed\n")
    );
    fs::write(dir.path().join("conf.d/a.conf"), "").unwrap();
    let (code, _, err) = run(
        &[
            "-t",
            "-p",
            &format!("{d}/"),
            "-g",
            "daemon off",
            "-c",
            "nginx.conf",
        ],
        dir.path(),
    );
    assert_eq!(code, 1);
    assert!(
        err.starts_with(
            "rginx: [emerg] unexpected end of parameter, expecting \";\" in command line\n"
        ),
        "{err}"
    );
}

#[test]
fn parse_prints_crossplanes_payload_with_includes() {
    let dir = sample();
    let (code, out, _) = run(&["parse", "nginx.conf"], dir.path());
    assert_eq!(code, 0);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["status"], "ok");
    assert_eq!(v["config"][0]["file"], "nginx.conf");
    assert_eq!(v["config"][1]["file"], "conf.d/a.conf");
    let include = &v["config"][0]["parsed"][1]["block"][0];
    assert_eq!(include["directive"], "include");
    assert_eq!(include["includes"], serde_json::json!([1]));
    assert_eq!(
        v["config"][1]["parsed"][0]["block"][0]["args"],
        serde_json::json!(["8080"])
    );
}

#[test]
fn fmt_prints_canonical_text() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(
        dir.path().join("x.conf"),
        "events{}  # e\nhttp{server{listen 80;}}",
    )
    .unwrap();
    let (code, out, _) = run(&["fmt", "x.conf"], dir.path());
    assert_eq!(code, 0);
    assert_eq!(
        out,
        "events {\n} # e\nhttp {\n    server {\n        listen 80;\n    }\n}\n"
    );
}

#[test]
fn missing_config_is_nginx_worded() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path().display().to_string();
    let (code, _, err) = run(
        &["-t", "-p", &format!("{d}/"), "-c", "none.conf"],
        dir.path(),
    );
    assert_eq!(code, 1);
    assert!(
        err.starts_with(&format!(
            "rginx: [emerg] open() \"{d}/none.conf\" failed (2: No such file or directory)"
        )),
        "{err}"
    );
}

fn lint(args: &[&str], stdin: Option<&str>, dir: &std::path::Path) -> (i32, String) {
    use std::io::Write;
    let mut child = rginx()
        .arg("lint")
        .args(args)
        .current_dir(dir)
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut input = child.stdin.take().unwrap();
    input
        .write_all(stdin.unwrap_or_default().as_bytes())
        .unwrap();
    drop(input);
    let out = child.wait_with_output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
    )
}

#[test]
fn lint_exit_codes_follow_deny() {
    let dir = tempfile::tempdir().unwrap();
    // Only `include` is supported today: a file with nothing else is clean.
    fs::write(
        dir.path().join("clean.conf"),
        "# context: http\ninclude none-*.conf;\n",
    )
    .unwrap();
    fs::write(
        dir.path().join("info.conf"),
        "events {}\nhttp { server_tokens on; }\n",
    )
    .unwrap();
    fs::write(
        dir.path().join("bad.conf"),
        "events {}\nhttp { sendfile yes; }\n",
    )
    .unwrap();
    assert_eq!(
        lint(&["--context", "http", "clean.conf"], None, dir.path()).0,
        0
    );
    // An info finding fails only with --deny info.
    assert_eq!(
        lint(&["--deny", "error", "info.conf"], None, dir.path()).0,
        0
    );
    assert_eq!(
        lint(&["--deny", "info", "info.conf"], None, dir.path()).0,
        1
    );
    let (code, out) = lint(&["bad.conf"], None, dir.path());
    assert_eq!(code, 1);
    assert!(
        out.contains("bad.conf:2:8: error[NGX006] invalid value \"yes\" in \"sendfile\" directive"),
        "{out}"
    );
    assert_eq!(lint(&["missing.conf"], None, dir.path()).0, 2);
}

#[test]
fn lint_reads_stdin_and_nginx_t_dumps() {
    let dir = tempfile::tempdir().unwrap();
    let (code, out) = lint(
        &["--format", "json", "-"],
        Some("events {}\nhttp { autoindex on; }\n"),
        dir.path(),
    );
    assert_eq!(code, 1);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let codes: Vec<&str> = v
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["code"].as_str().unwrap())
        .collect();
    assert!(codes.contains(&"RGX409"), "{codes:?}");
    assert_eq!(v[0]["file"], "<stdin>");
    // `nginx -T` output: the included file is linted where it is included.
    let dump = "# configuration file /etc/nginx/nginx.conf:\nevents {}\nhttp { include conf.d/*.conf; }\n\n\
                # configuration file /etc/nginx/conf.d/a.conf:\nserver { listen 80; location / { proxy_passs x; } }\n\n";
    let (_, out) = lint(&[], Some(dump), dir.path());
    assert!(
        out.contains(
            "/etc/nginx/conf.d/a.conf:1:34: error[NGX002] unknown directive \"proxy_passs\""
        ),
        "{out}"
    );
}

#[test]
fn lint_directories_and_contexts() {
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir(dir.path().join("conf.d")).unwrap();
    fs::write(
        dir.path().join("conf.d/site.conf"),
        "server { listen 80; }\n",
    )
    .unwrap();
    fs::write(
        dir.path().join("loc.conf"),
        "proxy_pass http://127.0.0.1:8080;\n",
    )
    .unwrap();
    // Files of a directory are http snippets: `server` is fine there.
    let (_, out) = lint(&["--format", "github", "conf.d"], None, dir.path());
    assert!(!out.contains("NGX003"), "{out}");
    let (_, out) = lint(&["loc.conf"], None, dir.path());
    assert!(out.contains("NGX003"), "{out}");
    let (_, out) = lint(&["--context", "location", "loc.conf"], None, dir.path());
    assert!(!out.contains("NGX003"), "{out}");
    assert_eq!(
        lint(&["--context", "nowhere", "loc.conf"], None, dir.path()).0,
        2
    );
}
