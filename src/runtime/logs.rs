//! Logs as nginx writes them: the error log line format
//! (`YYYY/MM/DD HH:MM:SS [level] pid#tid: *cid message`) with levels, and
//! access logs with `log_format` (default `combined`), `access_log off`,
//! reopened on USR1.

use crate::exec::Exec;
use std::collections::HashMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// nginx's predefined format.
pub const COMBINED: &str = "$remote_addr - $remote_user [$time_local] \"$request\" $status $body_bytes_sent \"$http_referer\" \"$http_user_agent\"";

/// `log_format NAME [escape=default|json|none] STRING…` of the http block.
#[derive(Clone, Debug)]
pub struct Format {
    pub template: String,
    pub escape: String,
}

pub fn formats(http: &crate::ir::Http) -> HashMap<String, Format> {
    let mut out = HashMap::new();
    out.insert(
        "combined".to_string(),
        Format {
            template: COMBINED.to_string(),
            escape: "default".into(),
        },
    );
    for s in &http.main.log_format {
        let Some((name, rest)) = s.args.split_first() else {
            continue;
        };
        let (escape, parts) = match rest.first().and_then(|a| a.strip_prefix("escape=")) {
            Some(e) => (e.to_string(), &rest[1..]),
            None => ("default".to_string(), rest),
        };
        out.insert(
            name.clone(),
            Format {
                template: parts.concat(),
                escape,
            },
        );
    }
    out
}

/// Open log files, shared by every request of a configuration generation.
#[derive(Default)]
pub struct Files {
    open: Mutex<HashMap<PathBuf, std::fs::File>>,
}

impl Files {
    pub fn write_line(&self, path: &Path, line: &str) {
        let Ok(mut open) = self.open.lock() else {
            return;
        };
        if !open.contains_key(path) {
            match std::fs::OpenOptions::new()
                .create(true)
                .append(true)
                .open(path)
            {
                Ok(f) => {
                    open.insert(path.to_path_buf(), f);
                }
                Err(e) => {
                    eprintln!("rginx: [alert] open() \"{}\" failed ({e})", path.display());
                    return;
                }
            }
        }
        if let Some(f) = open.get_mut(path) {
            let mut bytes = line.as_bytes().to_vec();
            bytes.push(b'\n');
            let _ = f.write_all(&bytes);
        }
    }

    /// USR1: close every file; the next line reopens it.
    pub fn reopen(&self) {
        if let Ok(mut open) = self.open.lock() {
            open.clear();
        }
    }
}

/// Whether a finished request is logged at all (`access_log off` saves
/// computing the log variables).
pub fn wanted(exec: &Exec) -> bool {
    let entries = &exec.conf().access_log;
    entries.is_empty()
        || entries
            .iter()
            .any(|e| e.args.first().is_some_and(|p| p != "off"))
}

/// Write the access log lines a finished request gets.
pub fn access(exec: &Exec, formats: &HashMap<String, Format>, files: &Files, prefix: &Path) {
    let entries = &exec.conf().access_log;
    if entries.is_empty() {
        let path = prefix.join("logs/access.log");
        if let Some(f) = formats.get("combined") {
            files.write_line(&path, &exec.eval_log(&f.template, &f.escape));
        }
        return;
    }
    for e in entries {
        let Some(path) = e.args.first() else { continue };
        if path == "off" {
            continue;
        }
        let name = e.args.get(1).map_or("combined", String::as_str);
        let Some(format) = formats.get(name) else {
            continue;
        };
        if let Some(cond) = e.args.iter().find_map(|a| a.strip_prefix("if=")) {
            let v = exec.eval(cond);
            if v.is_empty() || v == "0" {
                continue;
            }
        }
        let path = exec.eval(path);
        let path = if path.starts_with('/') {
            PathBuf::from(path)
        } else {
            prefix.join(path)
        };
        files.write_line(&path, &exec.eval_log(&format.template, &format.escape));
    }
}

/// nginx's error log levels, most severe first.
pub const LEVELS: &[&str] = &[
    "emerg", "alert", "crit", "error", "warn", "notice", "info", "debug",
];

/// The error log: a file (or stderr) and the least severe level written.
pub struct ErrorLog {
    pub path: Option<PathBuf>,
    pub level: usize,
    file: Mutex<Option<std::fs::File>>,
}

impl ErrorLog {
    pub fn new(path: Option<PathBuf>, level: &str) -> ErrorLog {
        ErrorLog {
            path,
            level: LEVELS.iter().position(|l| *l == level).unwrap_or(3),
            file: Mutex::new(None),
        }
    }

    pub fn write(&self, level: &str, conn: Option<u64>, message: &str) {
        let rank = LEVELS.iter().position(|l| *l == level).unwrap_or(3);
        if rank > self.level {
            return;
        }
        let stamp = crate::time::error_log_time(crate::time::now_secs());
        let cid = conn.map(|c| format!("*{c} ")).unwrap_or_default();
        let line = format!(
            "{stamp} [{level}] {}#{}: {cid}{message}\n",
            std::process::id(),
            thread_id()
        );
        // Bytes of the request or response carried as text (`octets`) are
        // written as they came, as nginx writes them.
        let mut bytes = Vec::with_capacity(line.len());
        crate::octets::push_bytes(&line, &mut bytes);
        let Some(path) = &self.path else {
            let _ = std::io::stderr().write_all(&bytes);
            return;
        };
        if let Ok(mut f) = self.file.lock() {
            if f.is_none() {
                *f = std::fs::OpenOptions::new()
                    .create(true)
                    .append(true)
                    .open(path)
                    .ok();
            }
            if let Some(f) = f.as_mut() {
                let _ = f.write_all(&bytes);
            }
        }
    }

    pub fn reopen(&self) {
        if let Ok(mut f) = self.file.lock() {
            *f = None;
        }
    }
}

/// The kernel's id of the calling thread, as nginx prints it after the pid
/// (the same number as the pid on a process's main thread).
fn thread_id() -> i32 {
    thread_local! {
        static TID: i32 = nix::unistd::gettid().as_raw();
    }
    TID.with(|t| *t)
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_thread_id_is_the_kernel_one() {
        // Each thread has its own (the main thread's is the pid).
        let other = std::thread::spawn(super::thread_id).join().unwrap();
        assert_ne!(other, super::thread_id());
        assert!(super::thread_id() > 0);
        assert_eq!(
            std::fs::read_link("/proc/thread-self").ok().and_then(|p| p
                .file_name()?
                .to_str()?
                .parse::<i32>()
                .ok()),
            Some(super::thread_id())
        );
    }
}
