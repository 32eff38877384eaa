//! The six seed configs (`fixtures/configs/`, from the articles the project
//! started with): golden trees, and `rginx -t` saying what `nginx -t` says
//! once addresses, log paths and certificates are made local.

mod common;

use common::*;
use rginx::syntax::{dump, include, LoadOptions};
use std::path::Path;

fn seeds() -> Vec<std::path::PathBuf> {
    let mut v: Vec<_> = std::fs::read_dir(root().join("fixtures/configs"))
        .unwrap()
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            p.file_name()
                .unwrap()
                .to_string_lossy()
                .starts_with("seed-")
        })
        .collect();
    v.sort();
    assert_eq!(v.len(), 6);
    v
}

#[test]
fn seed_trees_are_golden() {
    for path in seeds() {
        let opts = LoadOptions {
            single_file: true,
            ..LoadOptions::default()
        };
        let config = include::load(&path, &opts).unwrap();
        assert!(
            config.is_clean(),
            "{}: {:?}",
            path.display(),
            config.file(config.main).errors
        );
        let name = path.file_stem().unwrap().to_string_lossy().into_owned();
        insta::assert_json_snapshot!(name, dump::tree(&config.file(config.main).directives));
    }
}

/// A seed as a test runs it: upstream host names, log files and
/// certificates replaced by local ones in `dir`.
fn render(text: &str, dir: &Path) -> String {
    let d = dir.display();
    text.lines()
        .map(|line| {
            let t = line.trim_start();
            if t.starts_with("ssl_certificate_key ") {
                format!("        ssl_certificate_key {d}/key.pem;")
            } else if t.starts_with("ssl_certificate ") {
                format!("        ssl_certificate {d}/cert.pem;")
            } else {
                line.replace("server domain.com:", "server 127.0.0.1:")
                    .replace("/var/log/nginx/", &format!("{d}/logs/"))
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn make_cert(dir: &Path) {
    let status = std::process::Command::new("openssl")
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
        .arg(dir.join("key.pem"))
        .arg("-out")
        .arg(dir.join("cert.pem"))
        .stderr(std::process::Stdio::null())
        .status()
        .expect("openssl is needed to make a test certificate");
    assert!(status.success());
}

#[test]
fn rginx_t_agrees_with_nginx_t_on_seeds() {
    let Some(nginx) = nginx_1_22() else { return };
    for path in seeds() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("logs")).unwrap();
        make_cert(dir.path());
        let text = std::fs::read_to_string(&path).unwrap();
        std::fs::write(dir.path().join("nginx.conf"), render(&text, dir.path())).unwrap();
        let theirs = test_config(std::process::Command::new(&nginx), dir.path());
        // The goldens are nginx 1.22's.
        let mut ours = rginx();
        ours.args(["--nginx-version", "1.22.1"]);
        let ours = test_config(ours, dir.path());
        assert_eq!(ours, theirs, "{}", path.display());
        if path.to_string_lossy().contains("seed-004") {
            assert!(
                theirs.contains("the \"ssl\" directive is deprecated"),
                "{theirs}"
            );
        }
    }
}
