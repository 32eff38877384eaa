//! The nginx-compatible command line: `-c -p -e -g -t -T -q -v -V -s`,
//! plus tooling subcommands (`parse`, `fmt`, `dump`).

use crate::check;
use crate::diag::{Diagnostic, Level};
use crate::load;
use crate::syntax::{self, include, LoadOptions};
use clap::{Parser, Subcommand, ValueEnum};
use std::io::Write;
use std::path::{Path, PathBuf};

/// The nginx version whose behaviour rginx follows by default.
pub const NGINX_VERSION: &str = "1.31.3";
pub const PROGRAM: &str = "rginx";
const DEFAULT_PREFIX: &str = "/etc/nginx/";
const DEFAULT_CONF: &str = "/etc/nginx/nginx.conf";
const DEFAULT_PID: &str = "/run/nginx.pid";

#[derive(Parser, Debug)]
#[command(
    name = "rginx",
    about = "A memory-safe runtime for real nginx.conf files",
    disable_version_flag = true,
    args_conflicts_with_subcommands = true
)]
pub struct Cli {
    /// Set configuration file (default: /etc/nginx/nginx.conf); relative to the prefix
    #[arg(short = 'c', value_name = "FILE")]
    conf: Option<PathBuf>,
    /// Set prefix path (default: /etc/nginx/)
    #[arg(short = 'p', value_name = "PREFIX")]
    prefix: Option<PathBuf>,
    /// Set error log file for startup messages ("stderr" for standard error)
    #[arg(short = 'e', value_name = "FILE")]
    error_log: Option<String>,
    /// Set global directives out of the configuration file
    #[arg(short = 'g', value_name = "DIRECTIVES")]
    globals: Option<String>,
    /// Test configuration and exit
    #[arg(short = 't')]
    test: bool,
    /// Test configuration, dump it and exit
    #[arg(short = 'T')]
    test_dump: bool,
    /// Suppress non-error messages during configuration testing
    #[arg(short = 'q')]
    quiet: bool,
    /// Show version and exit
    #[arg(short = 'v')]
    version: bool,
    /// Show version and configure options then exit
    #[arg(short = 'V')]
    version_full: bool,
    /// Send signal to a master process: stop, quit, reopen, reload
    #[arg(short = 's', value_name = "SIGNAL")]
    signal: Option<SignalName>,
    /// The nginx version whose behaviour to follow (default: the latest)
    #[arg(long, env = "RGINX_NGINX_VERSION", value_name = "X.Y[.Z]")]
    nginx_version: Option<String>,
    /// Serve even with directives rginx does not implement (each is logged)
    #[arg(long)]
    allow_unsupported: bool,
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Clone, Copy, Debug, ValueEnum)]
enum SignalName {
    Stop,
    Quit,
    Reopen,
    Reload,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Print the syntax tree as crossplane's JSON payload
    Parse {
        file: PathBuf,
        /// Output format (crossplane's JSON is the only one)
        #[arg(long, value_enum, default_value = "json")]
        format: ParseFormat,
        /// Do not follow includes
        #[arg(long)]
        single_file: bool,
        /// Indent the JSON by this many spaces (0: one line)
        #[arg(long, short = 'i', default_value_t = 0)]
        indent: usize,
    },
    /// Print a file in canonical form, comments kept
    Fmt { file: PathBuf },
    /// Report every problem, each with a stable code (exit 1 at --deny or worse, 2 if unreadable)
    Lint(LintArgs),
    /// Explain which server and location a request reaches and what happens to it
    Route(RouteArgs),
    /// Run conformance case files against the rginx IR or real nginx (--oracle), or fuzz rginx against nginx (--fuzz)
    Conformance(crate::conformance::ConformanceArgs),
    /// Print a generated reference page (docs/directives.md, docs/lints.md)
    Docs {
        #[arg(value_enum)]
        page: DocsPage,
    },
    /// Print an internal representation, for debugging
    Dump {
        #[arg(value_enum)]
        what: DumpWhat,
        file: PathBuf,
    },
}

#[derive(clap::Args, Debug)]
struct LintArgs {
    /// Files, directories (each file in it, as a snippet) or `-` for stdin
    /// (an `nginx -T` dump is read as the files it holds)
    #[arg(default_value = "-")]
    paths: Vec<PathBuf>,
    #[arg(long, value_enum, default_value = "text")]
    format: LintFormat,
    /// Exit 1 when a finding is this severe or more
    #[arg(long, value_enum, default_value = "warning")]
    deny: DenyLevel,
    /// Read each file as if it stood inside this block (default: main for
    /// files, http for the files of a directory)
    #[arg(long)]
    context: Option<String>,
    /// The nginx version the configuration is for (default: the latest)
    #[arg(long, env = "RGINX_NGINX_VERSION")]
    nginx_version: Option<String>,
}

#[derive(clap::Args, Debug)]
struct RouteArgs {
    /// The configuration file
    #[arg(short = 'c', value_name = "FILE")]
    conf: PathBuf,
    /// The local address the request arrives at (default: the first
    /// server's first listen, on 127.0.0.1 when it listens on all addresses)
    #[arg(long, value_name = "ADDR:PORT")]
    listen: Option<std::net::SocketAddr>,
    /// Request headers, `Name: value`
    #[arg(short = 'H', value_name = "HEADER")]
    header: Vec<String>,
    /// The request arrives over TLS
    #[arg(long)]
    tls: bool,
    /// The TLS server name the client sends (implies --tls)
    #[arg(long, value_name = "NAME")]
    sni: Option<String>,
    /// The client's address
    #[arg(long, value_name = "IP", default_value = "127.0.0.1")]
    remote: std::net::IpAddr,
    #[arg(long, value_enum, default_value = "text")]
    format: RouteFormat,
    /// The nginx version whose behaviour to follow (default: the latest)
    #[arg(long, env = "RGINX_NGINX_VERSION")]
    nginx_version: Option<String>,
    /// The request: `GET /path?x=1`
    request: String,
}

#[derive(Clone, Copy, Debug, ValueEnum)]
enum RouteFormat {
    Text,
    Json,
}

#[derive(Clone, Copy, Debug, ValueEnum)]
enum DocsPage {
    Directives,
    Lints,
    Versions,
}

#[derive(Clone, Copy, Debug, ValueEnum)]
enum LintFormat {
    Text,
    Json,
    Sarif,
    Github,
}

#[derive(Clone, Copy, Debug, ValueEnum)]
enum DenyLevel {
    Error,
    Warning,
    Info,
}

#[derive(Clone, Copy, Debug, ValueEnum)]
enum ParseFormat {
    Json,
}

#[derive(Clone, Copy, Debug, ValueEnum)]
enum DumpWhat {
    /// Every token with its line and column
    Tokens,
    /// The tree with raw and decoded arguments
    Ast,
    /// The routing IR: servers, location trees, upstream groups, tables
    Ir,
}

/// Run the command line; returns the process exit code.
pub fn main() -> i32 {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return if e.use_stderr() { 1 } else { 0 };
        }
    };
    match &cli.command {
        Some(Command::Parse {
            file,
            single_file,
            indent,
            ..
        }) => return parse_command(file, *single_file, *indent),
        Some(Command::Fmt { file }) => return fmt_command(file),
        Some(Command::Lint(args)) => return lint_command(args),
        Some(Command::Route(args)) => return route_command(args),
        Some(Command::Conformance(args)) => return crate::conformance::run_cli(args.clone()),
        Some(Command::Docs { page }) => {
            let text = match page {
                DocsPage::Directives => crate::docs::directives_md(),
                DocsPage::Lints => crate::docs::lints_md(),
                DocsPage::Versions => crate::docs::versions_md(),
            };
            let _ = std::io::stdout().write_all(text.as_bytes());
            return 0;
        }
        Some(Command::Dump { what, file }) => return dump_command(*what, file),
        None => {}
    }
    if cli.version || cli.version_full {
        let Some(profile) = nginx_version(cli.nginx_version.as_deref()) else {
            return 2;
        };
        eprintln!(
            "nginx version: nginx/{} ({PROGRAM} {})",
            profile,
            env!("CARGO_PKG_VERSION")
        );
        if cli.version_full {
            eprint!("{}", crate::registry::build::version_details());
        }
        if !(cli.test || cli.test_dump || cli.signal.is_some()) {
            return 0;
        }
    }
    let mut out = Output::new(cli.error_log.as_deref());
    let (prefix, conf) = paths(&cli);
    let files = LoadOptions {
        command_line: cli.globals.clone(),
        prefix: Some(prefix.clone()),
        ..LoadOptions::default()
    };
    if let Some(signal) = cli.signal {
        return match load::read(&conf, &files) {
            Ok(config) => send_signal(&mut out, &config, &prefix, signal),
            Err(e) => {
                print_lines(&mut out, e.messages());
                1
            }
        };
    }
    let Some(version) = nginx_version(cli.nginx_version.as_deref()) else {
        return 2;
    };
    if cli.test || cli.test_dump {
        return test_command(&cli, &mut out, &conf, files, version);
    }
    let gate = if cli.allow_unsupported {
        load::Gate::Warn
    } else {
        load::Gate::Refuse
    };
    let load = load::Options::new(files, gate, version);
    let loaded = match load::load(&conf, &load) {
        Ok(l) => l,
        Err(e) => {
            print_lines(&mut out, e.messages());
            return 1;
        }
    };
    print_lines(&mut out, &loaded.messages);
    crate::runtime::process::run(
        loaded.config,
        loaded.http,
        crate::runtime::process::Options {
            conf,
            prefix,
            load,
            version,
        },
    )
}

fn print_lines<'a>(out: &mut Output, messages: impl IntoIterator<Item = &'a load::Message>) {
    for m in messages {
        out.line(&m.line(PROGRAM));
    }
}

/// `-t`/`-T`: every stage but the gate (nginx's answer, for nginx's
/// directives), and no sockets.
fn test_command(
    cli: &Cli,
    out: &mut Output,
    conf: &Path,
    files: LoadOptions,
    version: crate::registry::Version,
) -> i32 {
    let result = load::load(conf, &load::Options::new(files, load::Gate::Off, version));
    // -q hides what is below a warning, unless the check itself failed.
    let check_failed = matches!(&result, Err(e) if e.stage <= load::Stage::Check);
    let messages: Vec<&load::Message> = match &result {
        Ok(l) => l.messages.iter().collect(),
        Err(e) => e.messages().collect(),
    };
    for m in messages {
        if !(cli.quiet && m.level > Level::Warn && !check_failed) {
            out.line(&m.line(PROGRAM));
        }
    }
    let loaded = match result {
        Ok(l) => l,
        Err(_) => {
            out.line(&format!(
                "{PROGRAM}: configuration file {} test failed",
                conf.display()
            ));
            return 1;
        }
    };
    if !cli.quiet {
        out.line(&format!(
            "{PROGRAM}: the configuration file {} syntax is ok",
            conf.display()
        ));
        out.line(&format!(
            "{PROGRAM}: configuration file {} test is successful",
            conf.display()
        ));
    }
    if cli.test_dump {
        dump_config(&loaded.config);
    }
    0
}

/// The prefix and the main configuration file, resolved as nginx does:
/// a relative `-c` is relative to the prefix.
fn paths(cli: &Cli) -> (PathBuf, PathBuf) {
    let prefix = match &cli.prefix {
        Some(p) => {
            let mut s = p.as_os_str().to_owned();
            if !s.as_encoded_bytes().ends_with(b"/") {
                s.push("/");
            }
            PathBuf::from(s)
        }
        None => PathBuf::from(DEFAULT_PREFIX),
    };
    let conf = match &cli.conf {
        Some(c) if c.is_absolute() => c.clone(),
        Some(c) => {
            let mut s = prefix.as_os_str().to_owned();
            s.push(c.as_os_str());
            PathBuf::from(s)
        }
        None => PathBuf::from(DEFAULT_CONF),
    };
    (prefix, conf)
}

/// Startup messages go to stderr and, with `-e FILE`, to that file too.
struct Output {
    file: Option<std::fs::File>,
}

impl Output {
    fn new(error_log: Option<&str>) -> Self {
        let file = match error_log {
            None | Some("stderr") => None,
            Some(path) => std::fs::OpenOptions::new()
                .create(true)
                .append(true)
                .open(path)
                .ok(),
        };
        Output { file }
    }

    fn line(&mut self, text: &str) {
        eprintln!("{text}");
        if let Some(f) = &mut self.file {
            let _ = writeln!(f, "{text}");
        }
    }
}

/// `-T`: every file read, in the order nginx read it.
fn dump_config(config: &include::Config) {
    let stdout = std::io::stdout();
    let mut w = stdout.lock();
    for (id, src) in config.sources.iter() {
        if Some(id) == config.command_line {
            continue;
        }
        let _ = writeln!(w, "# configuration file {}:", src.display_name());
        let _ = w.write_all(&src.text);
        if !src.text.ends_with(b"\n") {
            let _ = writeln!(w);
        }
        let _ = writeln!(w);
    }
}

fn send_signal(
    out: &mut Output,
    config: &include::Config,
    prefix: &Path,
    signal: SignalName,
) -> i32 {
    use nix::sys::signal::{kill, Signal};
    use nix::unistd::Pid;
    let pid_path = check::pid_path(config)
        .map(|p| if p.is_absolute() { p } else { prefix.join(p) })
        .unwrap_or_else(|| PathBuf::from(DEFAULT_PID));
    let text = match std::fs::read_to_string(&pid_path) {
        Ok(t) => t,
        Err(e) => {
            out.line(&format!(
                "{PROGRAM}: [error] open() \"{}\" failed ({})",
                pid_path.display(),
                include::errno_text(&e)
            ));
            return 1;
        }
    };
    let Ok(pid) = text.trim().parse::<i32>() else {
        out.line(&format!(
            "{PROGRAM}: [error] invalid PID number \"{}\" in \"{}\"",
            text.trim(),
            pid_path.display()
        ));
        return 1;
    };
    let sig = match signal {
        SignalName::Stop => Signal::SIGTERM,
        SignalName::Quit => Signal::SIGQUIT,
        SignalName::Reopen => Signal::SIGUSR1,
        SignalName::Reload => Signal::SIGHUP,
    };
    match kill(Pid::from_raw(pid), sig) {
        Ok(()) => 0,
        Err(e) => {
            out.line(&format!(
                "{PROGRAM}: [alert] kill({pid}, {}) failed ({}: {})",
                sig as i32,
                e as i32,
                e.desc()
            ));
            1
        }
    }
}

fn parse_command(file: &Path, single_file: bool, indent: usize) -> i32 {
    let opts = LoadOptions {
        single_file,
        ..LoadOptions::default()
    };
    let config = match syntax::load(file, &opts) {
        Ok(c) => c,
        Err(e) => {
            eprintln!("{PROGRAM}: [emerg] {}", e.error);
            return 2;
        }
    };
    let payload = syntax::crossplane::payload(&config, !single_file);
    let text = if indent == 0 {
        serde_json::to_string(&payload)
    } else {
        let indent = " ".repeat(indent);
        let mut buf = Vec::new();
        let fmt = serde_json::ser::PrettyFormatter::with_indent(indent.as_bytes());
        let mut ser = serde_json::Serializer::with_formatter(&mut buf, fmt);
        serde::Serialize::serialize(&payload, &mut ser)
            .map(|_| String::from_utf8_lossy(&buf).into_owned())
    };
    match text {
        Ok(t) => {
            println!("{t}");
            0
        }
        Err(e) => {
            eprintln!("{PROGRAM}: [emerg] {e}");
            2
        }
    }
}

fn single_file(file: &Path) -> Result<include::Config, i32> {
    let opts = LoadOptions {
        single_file: true,
        ..LoadOptions::default()
    };
    syntax::load(file, &opts).map_err(|e| {
        eprintln!("{PROGRAM}: [emerg] {}", e.error);
        2
    })
}

fn report_syntax_errors(config: &include::Config) -> bool {
    let errors = &config.file(config.main).errors;
    for e in errors {
        eprintln!(
            "{}",
            Diagnostic::emerg(e.kind.to_string(), Some(e.span))
                .render_nginx(PROGRAM, &config.sources)
        );
    }
    !errors.is_empty()
}

fn fmt_command(file: &Path) -> i32 {
    let config = match single_file(file) {
        Ok(c) => c,
        Err(code) => return code,
    };
    if report_syntax_errors(&config) {
        return 1;
    }
    let text = syntax::print::print(config.sources.get(config.main), config.file(config.main));
    let _ = std::io::stdout().write_all(&text);
    0
}

fn dump_command(what: DumpWhat, file: &Path) -> i32 {
    if let DumpWhat::Ir = what {
        return match load_ir(file, 1, crate::registry::LATEST) {
            Ok(http) => {
                print!("{}", crate::ir::dump::text(&http));
                0
            }
            Err(code) => code,
        };
    }
    let config = match single_file(file) {
        Ok(c) => c,
        Err(code) => return code,
    };
    let src = config.sources.get(config.main);
    match what {
        DumpWhat::Tokens => {
            let mut lexer = syntax::lexer::Lexer::new(&src.text);
            loop {
                let (token, problem) = lexer.next_token();
                let (line, col) = src.line_col(token.lo as u32);
                let text = String::from_utf8_lossy(&src.text[token.lo..token.hi]);
                println!(
                    "{line}:{col}\t{:?}\t{text:?}{}",
                    token.kind,
                    problem.map(|p| format!("\t{p:?}")).unwrap_or_default()
                );
                if token.kind == syntax::lexer::Tok::Eof {
                    break;
                }
            }
        }
        DumpWhat::Ir => unreachable!("handled above"),
        DumpWhat::Ast => {
            let tree = syntax::dump::tree(&config.file(config.main).directives);
            println!(
                "{}",
                serde_json::to_string_pretty(&tree).unwrap_or_default()
            );
        }
    }
    i32::from(report_syntax_errors(&config))
}

/// One input of `rginx lint`: a config to load, and the context its top
/// stands in.
struct LintInput {
    path: PathBuf,
    context: crate::registry::Ctx,
    overlay: Option<include::Overlay>,
}

fn lint_inputs(
    args: &LintArgs,
    context: Option<crate::registry::Ctx>,
) -> Result<Vec<LintInput>, String> {
    use crate::registry::Ctx;
    let mut inputs = Vec::new();
    for path in &args.paths {
        if path.as_os_str() == "-" {
            let mut text = Vec::new();
            std::io::Read::read_to_end(&mut std::io::stdin(), &mut text)
                .map_err(|e| format!("stdin: {e}"))?;
            if let Some(files) = include::split_dump(&text) {
                let main = files[0].0.clone();
                inputs.push(LintInput {
                    path: main,
                    context: context.unwrap_or(Ctx::MAIN),
                    overlay: Some(std::sync::Arc::new(files.into_iter().collect())),
                });
            } else {
                let name = PathBuf::from("<stdin>");
                let overlay = std::sync::Arc::new([(name.clone(), text)].into_iter().collect());
                inputs.push(LintInput {
                    path: name,
                    context: context.unwrap_or(Ctx::MAIN),
                    overlay: Some(overlay),
                });
            }
        } else if path.is_dir() {
            let mut entries: Vec<PathBuf> = std::fs::read_dir(path)
                .map_err(|e| format!("{}: {e}", path.display()))?
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| {
                    p.is_file()
                        && !p
                            .file_name()
                            .is_some_and(|n| n.to_string_lossy().starts_with('.'))
                })
                .collect();
            entries.sort();
            inputs.extend(entries.into_iter().map(|path| LintInput {
                path,
                context: context.unwrap_or(Ctx::HTTP_MAIN),
                overlay: None,
            }));
        } else {
            inputs.push(LintInput {
                path: path.clone(),
                context: context.unwrap_or(Ctx::MAIN),
                overlay: None,
            });
        }
    }
    Ok(inputs)
}

fn lint_command(args: &LintArgs) -> i32 {
    use crate::lint::{self, render, LintOptions, Severity};
    let context = match args.context.as_deref() {
        None => None,
        Some(name) => match crate::registry::Ctx::from_name(name) {
            Some(c) => Some(c),
            None => {
                eprintln!("{PROGRAM}: unknown context \"{name}\" (main, events, http, server, location, upstream, stream, mail)");
                return 2;
            }
        },
    };
    let Some(nginx_version) = nginx_version(args.nginx_version.as_deref()) else {
        return 2;
    };
    let inputs = match lint_inputs(args, context) {
        Ok(i) => i,
        Err(e) => {
            eprintln!("{PROGRAM}: {e}");
            return 2;
        }
    };
    let mut located = Vec::new();
    let mut unreadable = false;
    for input in inputs {
        let opts = LoadOptions {
            overlay: input.overlay.clone(),
            ..LoadOptions::default()
        };
        let config = match load::read(&input.path, &opts) {
            Ok(c) => c,
            Err(e) => {
                eprintln!("{PROGRAM}: {e}");
                unreadable = true;
                continue;
            }
        };
        let lint_opts = LintOptions {
            nginx_version,
            context: input.context,
        };
        located.extend(render::locate(
            lint::lint(&config, &lint_opts),
            &config.sources,
        ));
    }
    let out = match args.format {
        LintFormat::Text => render::text(&located),
        LintFormat::Json => {
            serde_json::to_string_pretty(&render::json(&located)).unwrap_or_default() + "\n"
        }
        LintFormat::Sarif => {
            serde_json::to_string_pretty(&render::sarif(&located)).unwrap_or_default() + "\n"
        }
        LintFormat::Github => render::github(&located),
    };
    let _ = std::io::stdout().write_all(out.as_bytes());
    if unreadable {
        return 2;
    }
    let deny = match args.deny {
        DenyLevel::Error => Severity::Error,
        DenyLevel::Warning => Severity::Warning,
        DenyLevel::Info => Severity::Info,
    };
    i32::from(located.iter().any(|l| l.finding.severity <= deny))
}

/// A configuration as the IR: every stage but the gate (`route` explains
/// whatever nginx would run). The refusal is printed; `Err` is the exit
/// code (`load_error` when the file cannot be read).
fn load_ir(
    path: &Path,
    load_error: i32,
    version: crate::registry::Version,
) -> Result<crate::ir::Http, i32> {
    let opts = load::Options::new(LoadOptions::default(), load::Gate::Off, version);
    match load::load(path, &opts) {
        Ok(l) => Ok(l.http),
        Err(e) => {
            for m in &e.refusal {
                eprintln!("{}", m.line(PROGRAM));
            }
            Err(if e.stage == load::Stage::Read {
                load_error
            } else {
                1
            })
        }
    }
}

fn route_command(args: &RouteArgs) -> i32 {
    use crate::exec::route;
    let Some(version) = nginx_version(args.nginx_version.as_deref()) else {
        return 2;
    };
    let http = match load_ir(&args.conf, 2, version) {
        Ok(h) => h,
        Err(code) => return code,
    };
    let (method, target) = match args.request.split_once(' ') {
        Some((m, t)) => (m.to_string(), t.trim().to_string()),
        None => ("GET".to_string(), args.request.clone()),
    };
    let mut headers = Vec::new();
    for h in &args.header {
        let Some((n, v)) = h.split_once(':') else {
            eprintln!("{PROGRAM}: a header is written \"Name: value\", not \"{h}\"");
            return 2;
        };
        headers.push((n.trim().to_string(), v.trim().to_string()));
    }
    let local = args.listen.unwrap_or_else(|| {
        let first = http.servers.first().and_then(|s| s.listens.first());
        let ip = first
            .and_then(|l| l.addr)
            .unwrap_or(std::net::IpAddr::V4(std::net::Ipv4Addr::LOCALHOST));
        std::net::SocketAddr::new(ip, first.map_or(80, |l| l.port))
    });
    let request = route::Request {
        method,
        target,
        headers,
        local,
        remote: std::net::SocketAddr::new(args.remote, 50000),
        protocol: "HTTP/1.1".into(),
        tls: (args.tls || args.sni.is_some()).then(|| args.sni.clone().unwrap_or_default()),
        body: None,
    };
    let result = route::route(&http, &request, version);
    let out = match args.format {
        RouteFormat::Text => route::text(&result),
        RouteFormat::Json => serde_json::to_string_pretty(&result).unwrap_or_default() + "\n",
    };
    let _ = std::io::stdout().write_all(out.as_bytes());
    0
}

/// `--nginx-version X.Y[.Z]` (default: the latest profile); `None` after
/// saying why when it is not a version.
fn nginx_version(arg: Option<&str>) -> Option<crate::registry::Version> {
    match arg.map(crate::registry::Version::parse) {
        None => Some(crate::registry::LATEST),
        Some(Some(v)) => Some(v),
        Some(None) => {
            eprintln!("{PROGRAM}: invalid nginx version (write it as 1.22 or 1.25.1)");
            None
        }
    }
}
