//! Lint time of the largest include trees of `../shared/corpus` (load,
//! parse every file, check, all rules), best of 50 runs.
//!
//! Run: `cargo bench --bench lint`

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

use rginx::lint::{self, LintOptions};
use rginx::syntax::{include, LoadOptions};
use std::path::Path;
use std::time::{Duration, Instant};

fn main() {
    let shared = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/files");
    if !shared.is_dir() {
        println!("skipped: ../shared/corpus is absent");
        return;
    }
    for tree in [
        "perusio__drupal-with-nginx/nginx.conf",
        "h5bp__server-configs-nginx/nginx.conf",
    ] {
        let path = shared.join(tree);
        let mut best = Duration::MAX;
        let mut files = 0;
        let mut findings = 0;
        for _ in 0..50 {
            let t = Instant::now();
            let config = include::load(&path, &LoadOptions::default()).unwrap();
            let found = lint::lint(&config, &LintOptions::default());
            best = best.min(t.elapsed());
            files = config.files.len();
            findings = found.len();
        }
        println!(
            "lint {tree}: {files} files, {findings} findings: best {:.2} ms",
            best.as_secs_f64() * 1e3
        );
    }
}
