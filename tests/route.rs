//! Server selection and location matching as nginx does them. Each
//! server/location expectation here was confirmed against nginx 1.22.1 by
//! serving the same configuration (with `return` bodies) and requesting
//! every URI/Host below; the conformance suite keeps such checks running.

use rginx::exec::route::{route, Request};
use rginx::ir::Http;
use rginx::syntax::{include, LoadOptions};

fn http(conf: &str) -> (tempfile::TempDir, Http) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("nginx.conf");
    std::fs::write(&path, conf).unwrap();
    let config = include::load(&path, &LoadOptions::default()).unwrap();
    let http = Http::build(&config, true).unwrap();
    (dir, http)
}

fn ask(http: &Http, host: &str, target: &str, port: u16) -> rginx::exec::route::Route {
    let req = Request {
        method: "GET".into(),
        target: target.into(),
        headers: vec![("Host".into(), host.into())],
        local: format!("127.0.0.1:{port}").parse().unwrap(),
        remote: "127.0.0.1:50000".parse().unwrap(),
        protocol: "HTTP/1.1".into(),
        tls: None,
        body: None,
    };
    route(http, &req, rginx::registry::LATEST)
}

const NAMES: &str = "events {}\nhttp {\n\
    server { listen 8080; server_name first; }\n\
    server { listen 8080; server_name example.com www.example.com; }\n\
    server { listen 8080; server_name *.example.com; }\n\
    server { listen 8080; server_name *.www.example.com; }\n\
    server { listen 8080; server_name www.example.*; }\n\
    server { listen 8080; server_name ~^api\\d+\\.; }\n\
    server { listen 8080 default_server; server_name dflt; }\n\
    server { listen 127.0.0.1:8081; server_name only-explicit; }\n\
    server { listen 8081; server_name wildcard-socket; }\n\
}\n";

#[test]
fn server_names_in_nginx_order() {
    let (_d, h) = http(NAMES);
    let server = |host: &str, port| ask(&h, host, "/", port).server.unwrap();
    assert!(
        server("www.example.com", 8080).starts_with("server #2"),
        "exact beats wildcards"
    );
    assert!(
        server("WWW.Example.COM.", 8080).starts_with("server #2"),
        "case and trailing dot"
    );
    assert!(
        server("www.example.com:8080", 8080).starts_with("server #2"),
        "port in Host"
    );
    assert!(
        server("a.www.example.com", 8080).starts_with("server #4"),
        "longest leading wildcard"
    );
    assert!(server("a.example.com", 8080).starts_with("server #3"));
    assert!(
        server("www.example.org", 8080).starts_with("server #5"),
        "trailing wildcard"
    );
    assert!(server("api7.x", 8080).starts_with("server #6"), "regex");
    assert!(
        server("nomatch", 8080).starts_with("server #7"),
        "default_server"
    );
    // A connection to an address listed explicitly only sees those servers.
    assert!(server("wildcard-socket", 8081).starts_with("server #8"));
}

const LOCATIONS: &str = "events {}\nhttp { server { listen 8080;\n\
    location / { return 200 root; }\n\
    location = / { return 200 exact-root; }\n\
    location /a { return 200 a; }\n\
    location /a/b { return 200 ab; location ~ \\.x$ { return 200 nested-x; } }\n\
    location ^~ /s/ { return 200 s; }\n\
    location ~ \\.x$ { return 200 x; }\n\
    location ~* \\.Y$ { return 200 y; }\n\
    location ~ ^/a { return 200 regex-a; }\n\
} }\n";

fn location_of(h: &Http, target: &str) -> String {
    ask(h, "h", target, 8080).action.unwrap()
}

#[test]
fn locations_in_nginx_order() {
    let (_d, h) = http(LOCATIONS);
    assert!(
        location_of(&h, "/").contains("exact-root"),
        "= beats prefix"
    );
    assert!(location_of(&h, "/b").contains("root"));
    assert!(
        location_of(&h, "/a/c").contains("regex-a"),
        "regex beats the longest prefix"
    );
    assert!(
        location_of(&h, "/a/b/f.x").contains("nested-x"),
        "nested regex first"
    );
    assert!(location_of(&h, "/s/f.x").contains(" s"), "^~ stops regexes");
    assert!(location_of(&h, "/q/f.y").contains(" y"), "~* is caseless");
    assert!(location_of(&h, "/q/f.X").contains("root"), "~ is not");
    assert!(
        location_of(&h, "/x/%2E%2E/s/f.x").contains(" s"),
        "matching is on the normalized URI"
    );
}

#[test]
fn proxy_pass_uri_replacement() {
    let conf = "events {}\nhttp { server { listen 8080;\n\
        location /api/ { proxy_pass http://127.0.0.1:9/v1/; }\n\
        location /raw/ { proxy_pass http://127.0.0.1:9; }\n\
    } }\n";
    let (_d, h) = http(conf);
    let line = |t: &str| ask(&h, "h", t, 8080).upstream_request_line.unwrap();
    assert_eq!(line("/api/a%20b?x=1"), "GET /v1/a%20b?x=1 HTTP/1.1");
    assert_eq!(line("/api//a/./b"), "GET /v1/a/b HTTP/1.1");
    // Without a URI part the request URI goes as the client sent it.
    assert_eq!(line("/raw//a/./b?q"), "GET /raw//a/./b?q HTTP/1.1");
}

#[test]
fn upstream_headers_in_nginx_order() {
    let conf = "events {}\nhttp { server { listen 8080;\n\
        location / { proxy_pass http://127.0.0.1:9; }\n\
        location /set/ { proxy_set_header X-Real-IP $remote_addr; proxy_set_header Host $host; proxy_pass http://127.0.0.1:9; }\n\
    } }\n";
    let (_d, h) = http(conf);
    let sim = |target: &str, version| {
        let req = Request {
            method: "GET".into(),
            target: target.into(),
            headers: vec![
                ("Host".into(), "Example.com:8080".into()),
                ("User-Agent".into(), "t".into()),
                ("Connection".into(), "close".into()),
                ("X_Under".into(), "dropped".into()),
            ],
            local: "127.0.0.1:8080".parse().unwrap(),
            remote: "127.0.0.1:50000".parse().unwrap(),
            protocol: "HTTP/1.1".into(),
            tls: None,
            body: None,
        };
        route(&h, &req, version)
    };
    let pairs = |v: &[(&str, &str)]| {
        v.iter()
            .map(|(a, b)| (a.to_string(), b.to_string()))
            .collect::<Vec<_>>()
    };
    assert_eq!(
        sim("/x", rginx::registry::Version::new(1, 22, 1)).upstream_headers,
        pairs(&[
            ("Host", "127.0.0.1:9"),
            ("Connection", "close"),
            ("User-Agent", "t")
        ])
    );
    assert_eq!(
        sim("/x", rginx::registry::Version::new(1, 31, 3)).upstream_headers,
        pairs(&[("Host", "127.0.0.1:9"), ("User-Agent", "t")])
    );
    assert_eq!(
        sim("/set/x", rginx::registry::Version::new(1, 31, 3)).upstream_headers,
        pairs(&[
            ("X-Real-IP", "127.0.0.1"),
            ("Host", "example.com"),
            ("User-Agent", "t")
        ])
    );
}

#[test]
fn proxy_http_version_is_inherited_from_outer_levels() {
    let conf = "events {}\nhttp { proxy_http_version 1.1; server { listen 8080;\n\
        location / { proxy_pass http://127.0.0.1:9; }\n\
    } }\n";
    let (_d, h) = http(conf);
    let req = Request {
        method: "GET".into(),
        target: "/x".into(),
        headers: vec![("Host".into(), "h".into())],
        local: "127.0.0.1:8080".parse().unwrap(),
        remote: "127.0.0.1:50000".parse().unwrap(),
        protocol: "HTTP/1.1".into(),
        tls: None,
        body: None,
    };
    let r = route(&h, &req, rginx::registry::Version::new(1, 22, 1));
    assert_eq!(r.upstream_request_line.unwrap(), "GET /x HTTP/1.1");
}
