//! The process as nginx runs it: `daemon`, `pid` (written once every
//! socket is bound, removed on exit), `worker_processes` (runtime worker
//! threads), `worker_connections` (a cap on open connections), `error_log`,
//! the listen sockets (`backlog`, `reuseport`, `ipv6only`), and signals:
//! HUP reload, QUIT graceful stop, TERM/INT fast stop, USR1 reopen logs.

use super::logs::ErrorLog;
use super::Generation;
use crate::registry::Version;
use crate::syntax::Config;
use std::collections::HashMap;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, RwLock};
use tokio::sync::{watch, Semaphore};

/// How rginx was started.
pub struct Options {
    pub conf: PathBuf,
    pub prefix: PathBuf,
    /// How startup loaded the configuration; a reload loads it the same
    /// way, so it refuses what startup refuses.
    pub load: crate::load::Options,
    pub version: Version,
}

/// Main-context settings the process needs.
struct Main {
    daemon: bool,
    pid: PathBuf,
    workers: usize,
    connections: usize,
    /// `multi_accept`: take every pending connection at once (on) or one
    /// per turn of the event loop (off, nginx's default).
    multi_accept: bool,
    error_log: (Option<PathBuf>, String),
    os: super::os::OsSettings,
    /// `worker_shutdown_timeout`: a graceful stop closes what is still
    /// open after it (nginx: no limit when unset).
    shutdown_timeout: Option<std::time::Duration>,
    /// `timer_resolution`: how often the cached clock moves.
    timer_resolution: Option<std::time::Duration>,
}

fn main_settings(config: &Config, prefix: &Path) -> Main {
    use crate::ir::conf::{DebugPoints, Workers};
    // `-t` has accepted the configuration: its values are well formed.
    let (core, events) = crate::ir::conf::process(config).unwrap_or_default();
    let rel = |p: &str| {
        if p.starts_with('/') {
            PathBuf::from(p)
        } else {
            prefix.join(p)
        }
    };
    let error_log = match core.error_log.last() {
        Some(e) => {
            let p = e.arg(0).unwrap_or("logs/error.log");
            (
                (p != "stderr").then(|| rel(p)),
                e.arg(1).unwrap_or("error").to_string(),
            )
        }
        None => (Some(prefix.join("logs/error.log")), "error".into()),
    };
    Main {
        daemon: core.daemon,
        pid: rel(&core.pid),
        workers: match core.worker_processes {
            Workers::Auto => std::thread::available_parallelism().map_or(1, |n| n.get()),
            Workers::Count(n) => usize::try_from(n).unwrap_or(1),
        },
        connections: usize::try_from(events.worker_connections).unwrap_or(usize::MAX),
        multi_accept: events.multi_accept,
        error_log,
        os: super::os::OsSettings {
            rlimit_nofile: core.worker_rlimit_nofile,
            rlimit_core: core.worker_rlimit_core,
            working_directory: core.working_directory.as_deref().map(rel),
            env: core.env.clone(),
            priority: core.worker_priority,
            affinity: super::os::Affinity::parse(
                core.worker_cpu_affinity.as_deref().unwrap_or(&[]),
            ),
            debug_points: core.debug_points.map(|d| match d {
                DebugPoints::Stop => super::os::DebugPoints::Stop,
                DebugPoints::Abort => super::os::DebugPoints::Abort,
            }),
        },
        shutdown_timeout: core.worker_shutdown_timeout,
        timer_resolution: core.timer_resolution,
    }
}

/// A socket to bind: address and the options of its `listen`.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
struct Bind {
    addr: SocketAddr,
    reuseport: bool,
    backlog: i32,
    ipv6only: bool,
}

/// The sockets the IR's listens need: a wildcard `*:port` covers the
/// specific addresses on that port (connections are told apart by their
/// local address, as nginx does without `bind`).
fn binds(http: &crate::ir::Http, config: &Config) -> Vec<Bind> {
    let _ = config;
    let mut out: Vec<Bind> = Vec::new();
    let listens: Vec<&crate::ir::Listen> =
        http.servers.iter().flat_map(|s| s.listens.iter()).collect();
    let wildcard4: Vec<u16> = listens
        .iter()
        .filter(|l| l.addr.is_none() && !l.ipv6_wildcard)
        .map(|l| l.port)
        .collect();
    for l in &listens {
        let addr = match l.addr {
            None if l.ipv6_wildcard => SocketAddr::from((std::net::Ipv6Addr::UNSPECIFIED, l.port)),
            None => SocketAddr::from(([0, 0, 0, 0], l.port)),
            Some(ip) if ip.is_ipv4() && wildcard4.contains(&l.port) => continue,
            Some(ip) => SocketAddr::new(ip, l.port),
        };
        if out.iter().any(|b| b.addr == addr) {
            continue;
        }
        out.push(Bind {
            addr,
            reuseport: false,
            backlog: 511,
            ipv6only: true,
        });
    }
    out
}

fn bind(b: &Bind) -> std::io::Result<std::net::TcpListener> {
    use socket2::{Domain, Protocol, Socket, Type};
    let domain = if b.addr.is_ipv6() {
        Domain::IPV6
    } else {
        Domain::IPV4
    };
    let s = Socket::new(domain, Type::STREAM, Some(Protocol::TCP))?;
    s.set_reuse_address(true)?;
    if b.reuseport {
        s.set_reuse_port(true)?;
    }
    if b.addr.is_ipv6() {
        s.set_only_v6(b.ipv6only)?;
    }
    s.bind(&b.addr.into())?;
    s.listen(b.backlog)?;
    s.set_nonblocking(true)?;
    Ok(s.into())
}

/// Serve until stopped; the process exit code.
pub fn run(config: Config, http: crate::ir::Http, opts: Options) -> i32 {
    let main = main_settings(&config, &opts.prefix);
    let error_log = Arc::new(ErrorLog::new(main.error_log.0.clone(), &main.error_log.1));
    let mut listeners = HashMap::new();
    for b in binds(&http, &config) {
        match bind(&b) {
            Ok(l) => {
                listeners.insert(b, l);
            }
            Err(e) => {
                eprintln!("rginx: [emerg] bind() to {} failed ({e})", b.addr);
                return 1;
            }
        }
    }
    if main.daemon {
        // Before any thread starts: libc's daemon() forks, the parent
        // exits, the child starts a session with stdio on /dev/null.
        if let Err(e) = nix::unistd::daemon(true, false) {
            eprintln!("rginx: [emerg] daemon() failed ({e})");
            return 1;
        }
    }
    main.os.apply_process(&error_log);
    if let Some(r) = main.timer_resolution {
        crate::time::set_timer_resolution(r);
    }
    if let Err(e) = std::fs::write(&main.pid, format!("{}\n", std::process::id())) {
        eprintln!(
            "rginx: [emerg] open() \"{}\" failed ({e})",
            main.pid.display()
        );
        return 1;
    }
    // File reads (tokio::fs) run on the blocking pool; tokio's default of
    // 512 threads lets a flood of streams for files start hundreds of
    // threads, each keeping its stack and malloc arena (tens of MiB).
    const BLOCKING_THREADS: usize = 8;
    // One worker is one thread that does everything, as an nginx worker
    // process is: no hand-offs between threads.
    let runtime = if main.workers <= 1 {
        main.os.apply_worker(0, &error_log);
        tokio::runtime::Builder::new_current_thread()
            .max_blocking_threads(BLOCKING_THREADS)
            .enable_all()
            .build()
    } else {
        // Worker threads start when the runtime is built, before any
        // blocking-pool thread: the first ones started are the workers.
        let started = AtomicUsize::new(0);
        let (os, log, workers) = (main.os.clone(), error_log.clone(), main.workers);
        tokio::runtime::Builder::new_multi_thread()
            .worker_threads(main.workers)
            .max_blocking_threads(BLOCKING_THREADS * main.workers)
            .on_thread_start(move || {
                let n = started.fetch_add(1, Ordering::Relaxed);
                if n < workers {
                    os.apply_worker(n, &log);
                }
            })
            .enable_all()
            .build()
    };
    let code = match runtime {
        Ok(rt) => rt.block_on(serve(
            config,
            http,
            opts,
            Serving {
                max_connections: main.connections * main.workers.max(1),
                multi_accept: main.multi_accept,
                shutdown_timeout: main.shutdown_timeout,
            },
            listeners,
            error_log,
        )),
        Err(e) => {
            eprintln!("rginx: [emerg] {e}");
            1
        }
    };
    let _ = std::fs::remove_file(&main.pid);
    code
}

/// The settings the serving loop needs from the main context.
struct Serving {
    max_connections: usize,
    multi_accept: bool,
    shutdown_timeout: Option<std::time::Duration>,
}

async fn serve(
    config: Config,
    http: crate::ir::Http,
    opts: Options,
    serving: Serving,
    listeners: HashMap<Bind, std::net::TcpListener>,
    error_log: Arc<ErrorLog>,
) -> i32 {
    use tokio::signal::unix::{signal, SignalKind};
    let _ = config;
    let Serving {
        max_connections,
        multi_accept,
        shutdown_timeout,
    } = serving;
    let generation =
        match Generation::new(http, opts.version, opts.prefix.clone(), error_log.clone()) {
            Ok(g) => g,
            Err(e) => {
                error_log.write("emerg", None, &e);
                eprintln!("rginx: [emerg] {e}");
                return 1;
            }
        };
    let current = Arc::new(RwLock::new(Arc::new(generation)));
    let limit = Arc::new(Semaphore::new(max_connections.max(1)));
    let active = Arc::new(AtomicUsize::new(0));
    let ids = Arc::new(AtomicU64::new(1));
    let (stop_tx, stop_rx) = watch::channel(false);
    let mut accepting: HashMap<Bind, tokio::task::JoinHandle<()>> = HashMap::new();
    for (b, l) in listeners {
        match start_accept(
            l,
            current.clone(),
            limit.clone(),
            active.clone(),
            ids.clone(),
            stop_rx.clone(),
            multi_accept,
        ) {
            Ok(h) => {
                accepting.insert(b, h);
            }
            Err(e) => {
                error_log.write("emerg", None, &format!("listen on {} failed ({e})", b.addr));
                return 1;
            }
        }
    }
    error_log.write("notice", None, "start worker processes");
    let (Ok(mut hup), Ok(mut quit), Ok(mut term), Ok(mut int), Ok(mut usr1)) = (
        signal(SignalKind::hangup()),
        signal(SignalKind::quit()),
        signal(SignalKind::terminate()),
        signal(SignalKind::interrupt()),
        signal(SignalKind::user_defined1()),
    ) else {
        error_log.write("emerg", None, "cannot install signal handlers");
        return 1;
    };
    loop {
        tokio::select! {
            _ = hup.recv() => {
                error_log.write("notice", None, "signal 1 (SIGHUP) received, reconfiguring");
                reload(&opts, &current, &mut accepting, &error_log, |l| {
                    start_accept(l, current.clone(), limit.clone(), active.clone(), ids.clone(), stop_rx.clone(), multi_accept)
                });
            }
            _ = usr1.recv() => {
                error_log.write("notice", None, "signal 10 (SIGUSR1) received, reopening logs");
                error_log.reopen();
                if let Ok(c) = current.read() { c.reopen_logs(); }
            }
            _ = quit.recv() => {
                error_log.write("notice", None, "signal 3 (SIGQUIT) received, shutting down");
                let _ = stop_tx.send(true);
                for (_, h) in accepting.drain() { h.abort(); }
                super::stopping().send_replace(true);
                if let Ok(c) = current.read() { c.retire(); }
                // Let open connections finish their requests (for as long
                // as they take, as nginx, unless worker_shutdown_timeout).
                let deadline = shutdown_timeout.map(|t| tokio::time::Instant::now() + t);
                while active.load(Ordering::SeqCst) > 0
                    && deadline.is_none_or(|d| tokio::time::Instant::now() < d)
                {
                    tokio::time::sleep(std::time::Duration::from_millis(20)).await;
                }
                error_log.write("notice", None, "exit");
                return 0;
            }
            _ = term.recv() => {
                error_log.write("notice", None, "signal 15 (SIGTERM) received, exiting");
                return 0;
            }
            _ = int.recv() => {
                error_log.write("notice", None, "signal 2 (SIGINT) received, exiting");
                return 0;
            }
        }
    }
}

/// SIGHUP: load the configuration again through every stage startup ran,
/// then set up what it needs (TLS, new sockets) before anything changes.
/// A failure at any point is logged as nginx logs it (the stage's
/// `[emerg]` lines, nothing after) and the old configuration keeps
/// serving on its sockets.
fn reload(
    opts: &Options,
    current: &RwLock<Arc<Generation>>,
    accepting: &mut HashMap<Bind, tokio::task::JoinHandle<()>>,
    error_log: &Arc<ErrorLog>,
    start: impl Fn(std::net::TcpListener) -> std::io::Result<tokio::task::JoinHandle<()>>,
) {
    error_log.write("notice", None, "reconfiguring");
    let loaded = match crate::load::load(&opts.conf, &opts.load) {
        Ok(l) => l,
        Err(e) => {
            for m in e.messages() {
                error_log.write(m.level.as_str(), None, &m.text);
            }
            return;
        }
    };
    for m in &loaded.messages {
        error_log.write(m.level.as_str(), None, &m.text);
    }
    let wanted = binds(&loaded.http, &loaded.config);
    let generation = match Generation::new(
        loaded.http,
        opts.version,
        opts.prefix.clone(),
        error_log.clone(),
    ) {
        Ok(g) => g,
        Err(e) => {
            error_log.write("emerg", None, &e);
            return;
        }
    };
    // New sockets first: if one cannot be bound, the ones bound so far
    // close with this function and nothing has changed.
    let mut opened = Vec::new();
    for b in &wanted {
        if accepting.contains_key(b) {
            continue;
        }
        match bind(b) {
            Ok(l) => opened.push((b.clone(), l)),
            Err(e) => {
                error_log.write(
                    "emerg",
                    None,
                    &format!(
                        "bind() to {} failed ({})",
                        b.addr,
                        crate::syntax::include::errno_text(&e)
                    ),
                );
                return;
            }
        }
    }
    let old = current
        .write()
        .ok()
        .map(|mut c| std::mem::replace(&mut *c, Arc::new(generation)));
    if let Some(old) = old {
        old.retire();
    }
    for (b, l) in opened {
        match start(l) {
            Ok(h) => {
                accepting.insert(b, h);
            }
            Err(e) => error_log.write("emerg", None, &format!("listen on {} failed ({e})", b.addr)),
        }
    }
    // Sockets no longer listed stop accepting.
    accepting.retain(|b, h| {
        let keep = wanted.contains(b);
        if !keep {
            h.abort();
        }
        keep
    });
    error_log.write("notice", None, "reconfigured");
}

fn start_accept(
    listener: std::net::TcpListener,
    current: Arc<RwLock<Arc<Generation>>>,
    limit: Arc<Semaphore>,
    active: Arc<AtomicUsize>,
    ids: Arc<AtomicU64>,
    mut stop: watch::Receiver<bool>,
    multi_accept: bool,
) -> std::io::Result<tokio::task::JoinHandle<()>> {
    let listener = tokio::net::TcpListener::from_std(listener)?;
    // A listener on a specific address: every connection's local address.
    let bound = listener
        .local_addr()
        .ok()
        .filter(|a| !a.ip().is_unspecified());
    Ok(tokio::spawn(async move {
        loop {
            let permit = match limit.clone().acquire_owned().await {
                Ok(p) => p,
                Err(_) => return,
            };
            let accepted = tokio::select! {
                a = listener.accept() => a,
                _ = stop.changed() => return,
            };
            let Ok((stream, remote)) = accepted else {
                continue;
            };
            let generation = match current.read() {
                Ok(g) => g.clone(),
                Err(_) => return,
            };
            let id = ids.fetch_add(1, Ordering::Relaxed);
            let active = active.clone();
            active.fetch_add(1, Ordering::SeqCst);
            // The connection's future is large: boxed, the task holds a
            // pointer and spawning copies that instead of the whole state.
            let serving = Box::pin(super::conn::serve(stream, generation, id, bound, remote));
            tokio::spawn(async move {
                serving.await;
                active.fetch_sub(1, Ordering::SeqCst);
                drop(permit);
            });
            if !multi_accept {
                // Let the tasks already waiting run before the next accept,
                // as nginx takes one connection per turn of its loop: a burst
                // of new TLS connections (a handshake costs a millisecond)
                // does not hold up requests that are ready.
                tokio::task::yield_now().await;
            }
        }
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn main_of(conf: &str) -> Main {
        let config = crate::syntax::include::load_text(
            Path::new("/tmp/nginx.conf"),
            conf.as_bytes().to_vec(),
            &Default::default(),
        );
        main_settings(&config, Path::new("/tmp/"))
    }

    #[test]
    fn events_settings_as_nginx_reads_them() {
        let m = main_of("events { }\nhttp { }\n");
        assert_eq!((m.connections, m.multi_accept), (512, false));
        let m = main_of("events { worker_connections 64; multi_accept on; }\nhttp { }\n");
        assert_eq!((m.connections, m.multi_accept), (64, true));
        let m = main_of("events { multi_accept off; }\n");
        assert!(!m.multi_accept);
    }
}
