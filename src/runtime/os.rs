//! What the main context asks of the operating system, applied as an
//! nginx worker applies it at start: resource limits
//! (`worker_rlimit_nofile`, `worker_rlimit_core`), `working_directory`,
//! the environment (`env`), and per worker thread `worker_priority` and
//! `worker_cpu_affinity`; `debug_points` on an internal error.
//!
//! A failure is logged at `[alert]` with nginx's wording and serving goes
//! on, as an nginx worker does.

use super::logs::ErrorLog;
use std::path::PathBuf;

/// `worker_cpu_affinity`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum Affinity {
    #[default]
    None,
    /// `auto [MASK]`: worker N on the Nth CPU of the mask (every CPU
    /// without one).
    Auto(Option<u64>),
    /// One mask per worker; the last one serves the workers beyond.
    Masks(Vec<u64>),
}

/// `debug_points`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DebugPoints {
    Stop,
    Abort,
}

/// The main context's operating-system settings.
#[derive(Clone, Debug, Default)]
pub struct OsSettings {
    pub rlimit_nofile: Option<u64>,
    pub rlimit_core: Option<u64>,
    pub working_directory: Option<PathBuf>,
    /// `env` lines: a name to keep, or `NAME=VALUE` to set.
    pub env: Vec<String>,
    pub priority: Option<i32>,
    pub affinity: Affinity,
    pub debug_points: Option<DebugPoints>,
}

/// A `worker_cpu_affinity` mask: CPU 0 is the rightmost digit.
pub fn parse_mask(s: &str) -> Option<u64> {
    if s.is_empty() || s.len() > 64 || !s.bytes().all(|c| c == b'0' || c == b'1') {
        return None;
    }
    u64::from_str_radix(s, 2).ok()
}

impl Affinity {
    /// From the directive's arguments (already checked by `-t`).
    pub fn parse(args: &[String]) -> Affinity {
        match args.first().map(String::as_str) {
            None => Affinity::None,
            Some("auto") => Affinity::Auto(args.get(1).and_then(|m| parse_mask(m))),
            Some(_) => Affinity::Masks(args.iter().filter_map(|m| parse_mask(m)).collect()),
        }
    }

    /// The CPUs worker `n` runs on, or `None` to leave it alone.
    pub fn cpus(&self, n: usize, online: usize) -> Option<Vec<usize>> {
        match self {
            Affinity::None => None,
            Affinity::Masks(masks) => {
                let mask = *masks.get(n).or(masks.last())?;
                Some((0..64).filter(|c| mask & (1 << c) != 0).collect())
            }
            Affinity::Auto(mask) => {
                let allowed: Vec<usize> = match mask {
                    Some(m) => (0..64).filter(|c| m & (1 << c) != 0).collect(),
                    None => (0..online.max(1)).collect(),
                };
                if allowed.is_empty() {
                    return None;
                }
                Some(vec![allowed[n % allowed.len()]])
            }
        }
    }
}

impl OsSettings {
    /// Process-wide settings, before any thread starts.
    pub fn apply_process(&self, log: &ErrorLog) {
        use rustix::process::{setrlimit, Resource, Rlimit};
        if let Some(n) = self.rlimit_nofile {
            let limit = Rlimit {
                current: Some(n),
                maximum: Some(n),
            };
            if let Err(e) = setrlimit(Resource::Nofile, limit) {
                log.write(
                    "alert",
                    None,
                    &format!("setrlimit(RLIMIT_NOFILE, {n}) failed ({e})"),
                );
            }
        }
        if let Some(n) = self.rlimit_core {
            let limit = Rlimit {
                current: Some(n),
                maximum: Some(n),
            };
            if let Err(e) = setrlimit(Resource::Core, limit) {
                log.write(
                    "alert",
                    None,
                    &format!("setrlimit(RLIMIT_CORE, {n}) failed ({e})"),
                );
            }
        }
        if let Some(dir) = &self.working_directory {
            if let Err(e) = std::env::set_current_dir(dir) {
                log.write(
                    "alert",
                    None,
                    &format!("chdir(\"{}\") failed ({e})", dir.display()),
                );
            }
        }
        self.apply_env();
        if let Some(points) = self.debug_points {
            debug_points(points);
        }
    }

    /// nginx's workers keep only `TZ` and the variables `env` names, and
    /// set those given a value.
    fn apply_env(&self) {
        let mut keep: Vec<&str> = vec!["TZ"];
        let mut set: Vec<(&str, &str)> = Vec::new();
        for e in &self.env {
            match e.split_once('=') {
                Some((name, value)) => set.push((name, value)),
                None => keep.push(e),
            }
        }
        let names: Vec<std::ffi::OsString> = std::env::vars_os().map(|(k, _)| k).collect();
        for name in names {
            let kept = name.to_str().is_some_and(|n| keep.contains(&n));
            if !kept {
                std::env::remove_var(&name);
            }
        }
        for (name, value) in set {
            std::env::set_var(name, value);
        }
    }

    /// Settings of worker thread `n`, run on that thread.
    pub fn apply_worker(&self, n: usize, log: &ErrorLog) {
        let tid = rustix::thread::gettid();
        if let Some(p) = self.priority {
            if let Err(e) = rustix::process::setpriority_process(Some(tid), p) {
                log.write("alert", None, &format!("setpriority({p}) failed ({e})"));
            }
        }
        let online = std::thread::available_parallelism().map_or(1, |n| n.get());
        if let Some(cpus) = self.affinity.cpus(n, online) {
            let mut set = rustix::thread::CpuSet::new();
            for c in &cpus {
                if *c < rustix::thread::CpuSet::MAX_CPU {
                    set.set(*c);
                }
            }
            if let Err(e) = rustix::thread::sched_setaffinity(Some(tid), &set) {
                log.write("alert", None, &format!("sched_setaffinity() failed ({e})"));
            }
        }
    }
}

/// `debug_points`: an internal error (a panic in rginx) stops the process
/// for a debugger to attach (`stop`) or aborts it for a core file
/// (`abort`), as nginx's debug points do.
fn debug_points(points: DebugPoints) {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        previous(info);
        match points {
            DebugPoints::Abort => std::process::abort(),
            DebugPoints::Stop => {
                let _ = nix::sys::signal::raise(nix::sys::signal::Signal::SIGSTOP);
            }
        }
    }));
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strings(args: &[&str]) -> Vec<String> {
        args.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn affinity_masks_as_nginx_assigns_them() {
        let a = Affinity::parse(&strings(&["0101", "1010"]));
        assert_eq!(a.cpus(0, 4), Some(vec![0, 2]));
        assert_eq!(a.cpus(1, 4), Some(vec![1, 3]));
        // Workers beyond the masks take the last one.
        assert_eq!(a.cpus(5, 4), Some(vec![1, 3]));
        let a = Affinity::parse(&strings(&["auto"]));
        assert_eq!(a.cpus(0, 2), Some(vec![0]));
        assert_eq!(a.cpus(3, 2), Some(vec![1]));
        let a = Affinity::parse(&strings(&["auto", "1100"]));
        assert_eq!(a.cpus(0, 4), Some(vec![2]));
        assert_eq!(a.cpus(1, 4), Some(vec![3]));
        assert_eq!(a.cpus(2, 4), Some(vec![2]));
        assert_eq!(Affinity::None.cpus(0, 4), None);
    }

    #[test]
    fn masks_are_binary() {
        assert_eq!(parse_mask("10"), Some(2));
        assert_eq!(parse_mask("12"), None);
        assert_eq!(parse_mask(""), None);
    }
}
