//! Conformance cases: run a configuration and requests, and check what comes
//! back and what the upstream receives (docs/conformance.md is the format).
//!
//! - [`case`]: loading and validating case files, version tags.
//! - [`env`]: one case's temp directory, ports, backends, placeholders.
//! - [`certs`]: a case's CA and certificates, the TLS client's trust.
//! - [`backend`]: recording backends.
//! - [`client`]: the test client.
//! - [`chunked`]: chunked body decoding for both.
//! - [`engine`]: the [`Engine`] trait and observations.
//! - [`oracle`]: the real-nginx engine.
//! - [`compare`]: expectations vs observations.
//! - [`fuzz`]: the differential request fuzzer (`--fuzz`).
//!
//! `rginx conformance` is [`run_cli`] with [`ConformanceArgs`]. A case a
//! mode cannot evaluate counts as failed, never skipped, unless its
//! `modes` leave that mode out (counted apart, like version tags).

pub mod backend;
pub mod case;
pub mod certs;
pub mod chunked;
pub mod client;
pub mod compare;
pub mod engine;
pub mod env;
pub mod fuzz;
pub mod ir;
pub mod oracle;

pub use case::{Case, CaseError, Version};
pub use engine::{Engine, Observation, Run};
pub use oracle::NginxOracle;

use std::path::PathBuf;
use std::sync::OnceLock;

/// The version profile used when no oracle or `--nginx-version` says.
pub const DEFAULT_VERSION: Version = Version::new(1, 31, 3);

/// `rginx conformance`.
#[derive(clap::Args, Debug, Clone)]
pub struct ConformanceArgs {
    /// Case files, or directories searched for `*.toml` cases
    #[arg(default_value = "conformance/")]
    pub paths: Vec<PathBuf>,
    /// Confirm the cases against real nginx: `nginx` (found on PATH) or
    /// `nginx=BINARY`
    #[arg(long, value_name = "nginx[=BINARY]", num_args = 0..=1, default_missing_value = "nginx")]
    pub oracle: Option<String>,
    /// What runs the cases (default: `oracle` with --oracle, else `ir`)
    #[arg(long, value_enum)]
    pub mode: Option<ModeName>,
    /// Run the cases tagged for this nginx version (default: the version
    /// the oracle binary reports, else 1.31.3)
    #[arg(long, value_name = "X.Y[.Z]")]
    pub nginx_version: Option<String>,
    #[arg(long, value_enum, default_value = "text")]
    pub format: OutputFormat,
    /// Differential fuzzing: send generated requests to real nginx and to
    /// rginx with the same version profile, and report every difference
    /// (both nginx versions found, or the --oracle one)
    #[arg(long)]
    pub fuzz: bool,
    /// With --fuzz: how many cases per nginx version
    #[arg(long, default_value_t = fuzz::DEFAULT_CASES, requires = "fuzz")]
    pub cases: u64,
    /// With --fuzz: the generator's seed
    #[arg(long, default_value_t = fuzz::DEFAULT_SEED, requires = "fuzz")]
    pub seed: u64,
    /// With --fuzz: run only case N of the seed (to replay a difference)
    #[arg(long, value_name = "N", requires = "fuzz")]
    pub only: Option<u64>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum ModeName {
    Ir,
    Oracle,
    /// The rginx runtime serving each case for real.
    Runtime,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum OutputFormat {
    Text,
    Json,
}

/// What runs a case.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Mode {
    /// Real nginx at this path.
    Oracle(PathBuf),
    /// The rginx routing IR.
    Ir,
    /// The rginx runtime (this binary) serving the case.
    Runtime(PathBuf),
}

/// One case's outcome.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct CaseResult {
    pub path: PathBuf,
    pub description: String,
    /// `nginx 1.22.1`, `ir`.
    pub engine: String,
    pub passed: bool,
    /// Empty when passed; each prefixed with its request (`request 2: `).
    pub mismatches: Vec<String>,
    /// The engine's log, kept when the case failed.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub log: String,
}

fn runtime() -> Result<&'static tokio::runtime::Runtime, String> {
    static RT: OnceLock<Result<tokio::runtime::Runtime, String>> = OnceLock::new();
    RT.get_or_init(|| {
        tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .thread_name("conformance-backend")
            .enable_all()
            .build()
            .map_err(|e| format!("cannot start the backend runtime: {e}"))
    })
    .as_ref()
    .map_err(Clone::clone)
}

fn result(case: &Case, engine: &str, mismatches: Vec<String>, log: String) -> CaseResult {
    CaseResult {
        path: case.path.clone(),
        description: case.description.clone(),
        engine: engine.to_string(),
        passed: mismatches.is_empty(),
        mismatches,
        log,
    }
}

/// Run `case` in `mode` (without looking at its version tags).
pub fn run_case(case: &Case, mode: &Mode) -> CaseResult {
    match mode {
        Mode::Ir => {
            let v = DEFAULT_VERSION;
            run_case_with(case, &ir::IrEngine::new(v))
        }
        Mode::Oracle(binary) => match NginxOracle::detect_version(binary) {
            Ok(v) => run_case_with(case, &NginxOracle::new(binary.clone(), v)),
            Err(e) => result(case, "nginx", vec![e.to_string()], String::new()),
        },
        Mode::Runtime(binary) => run_case_with(
            case,
            &NginxOracle::rginx_runtime(binary.clone(), DEFAULT_VERSION),
        ),
    }
}

/// Run `case` on `engine` and compare.
pub fn run_case_with(case: &Case, engine: &dyn Engine) -> CaseResult {
    let rt = match runtime() {
        Ok(rt) => rt,
        Err(e) => return result(case, engine.name(), vec![e], String::new()),
    };
    // A port found free can be taken before nginx binds it; try again then.
    let mut attempt = 0;
    loop {
        attempt += 1;
        let env = match env::CaseEnv::new(case, rt.handle()) {
            Ok(env) => env,
            Err(e) => return result(case, engine.name(), vec![e.to_string()], String::new()),
        };
        let run = match engine.run(case, &env) {
            Ok(run) => run,
            Err(e) if attempt < 3 && e.starts_with(oracle::PORT_TAKEN) => continue,
            Err(e) => {
                // The first line says what failed; the rest is nginx's log.
                let (msg, log) = e.split_once('\n').unwrap_or((e.as_str(), ""));
                return result(case, engine.name(), vec![msg.to_string()], log.to_string());
            }
        };
        let subst = |s: &str| env.substitute(s);
        let mut mismatches = Vec::new();
        for (i, r) in case.requests.iter().enumerate() {
            match run.observations.get(i) {
                None => mismatches.push(format!("request {}: not run", i + 1)),
                Some(obs) => mismatches.extend(
                    compare::compare(&r.expect, obs, &subst)
                        .into_iter()
                        .map(|m| format!("request {}: {m}", i + 1)),
                ),
            }
        }
        let log = if mismatches.is_empty() {
            String::new()
        } else {
            run.log
        };
        return result(case, engine.name(), mismatches, log);
    }
}

/// What a whole run did.
#[derive(Debug, Default, serde::Serialize)]
pub struct Report {
    pub engine: String,
    pub nginx_version: String,
    pub results: Vec<CaseResult>,
    /// Cases whose version tags exclude this version.
    pub not_applicable: Vec<PathBuf>,
    /// Cases whose `modes` exclude this engine's mode.
    pub not_in_mode: Vec<PathBuf>,
    pub passed: usize,
    pub failed: usize,
}

/// Load the cases under `paths`: a malformed one becomes a failed result.
fn load_all(paths: &[PathBuf], engine: &str) -> Result<(Vec<Case>, Vec<CaseResult>), CaseError> {
    let mut cases = Vec::new();
    let mut broken = Vec::new();
    for p in case::case_files(paths)? {
        match Case::load(&p) {
            Ok(c) => cases.push(c),
            Err(e) => broken.push(CaseResult {
                path: p,
                description: String::new(),
                engine: engine.to_string(),
                passed: false,
                mismatches: vec![e.to_string()],
                log: String::new(),
            }),
        }
    }
    Ok((cases, broken))
}

/// Run every case under `paths` that applies to `version`, on `engine`
/// (`None`: the IR, which fails every case), a few at a time.
pub fn run_paths(
    paths: &[PathBuf],
    engine: Option<&(dyn Engine + Sync)>,
    version: Version,
) -> Result<Report, CaseError> {
    let name = engine.map_or("ir", |e| e.name()).to_string();
    let mode = engine.map_or(ModeName::Ir, |e| e.mode());
    let (cases, broken) = load_all(paths, &name)?;
    let (apply, skip): (Vec<Case>, Vec<Case>) =
        cases.into_iter().partition(|c| c.applies_to(version));
    let (apply, other_mode): (Vec<Case>, Vec<Case>) =
        apply.into_iter().partition(|c| c.runs_in(mode));
    let mut results: Vec<Option<CaseResult>> = vec![None; apply.len()];
    let next = std::sync::atomic::AtomicUsize::new(0);
    let slots = std::sync::Mutex::new(&mut results);
    std::thread::scope(|s| {
        for _ in 0..4 {
            s.spawn(|| loop {
                let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                let Some(case) = apply.get(i) else { break };
                let r = match engine {
                    Some(e) => run_case_with(case, e),
                    None => run_case(case, &Mode::Ir),
                };
                if let Ok(mut slots) = slots.lock() {
                    slots[i] = Some(r);
                }
            });
        }
    });
    let mut all: Vec<CaseResult> = broken;
    all.extend(results.into_iter().flatten());
    all.sort_by(|a, b| a.path.cmp(&b.path));
    let passed = all.iter().filter(|r| r.passed).count();
    Ok(Report {
        engine: name,
        nginx_version: version.full(),
        failed: all.len() - passed,
        passed,
        results: all,
        not_applicable: skip.into_iter().map(|c| c.path).collect(),
        not_in_mode: other_mode.into_iter().map(|c| c.path).collect(),
    })
}

/// The report as text: one line per case, mismatches and the log under a
/// failed one, and the final `N passed, M failed`.
pub fn render_text(report: &Report) -> String {
    let mut out = String::new();
    for r in &report.results {
        let word = if r.passed { "PASS" } else { "FAIL" };
        out.push_str(&format!(
            "{word} {} ({})\n",
            r.path.display(),
            report_version(report, r)
        ));
        for m in &r.mismatches {
            let mut lines = m.lines();
            out.push_str(&format!("    {}\n", lines.next().unwrap_or_default()));
            for l in lines {
                out.push_str(&format!("      {l}\n"));
            }
        }
        if !r.log.trim().is_empty() {
            out.push_str("    nginx log:\n");
            let lines: Vec<&str> = r.log.lines().collect();
            for l in &lines[lines.len().saturating_sub(120)..] {
                out.push_str(&format!("    | {l}\n"));
            }
        }
    }
    if !report.not_applicable.is_empty() {
        out.push_str(&format!(
            "{} cases not tagged for nginx {}\n",
            report.not_applicable.len(),
            report.nginx_version
        ));
    }
    if !report.not_in_mode.is_empty() {
        out.push_str(&format!(
            "{} cases not for this mode (their `modes`)\n",
            report.not_in_mode.len()
        ));
    }
    out.push_str(&format!(
        "{} passed, {} failed\n",
        report.passed, report.failed
    ));
    out
}

fn report_version(report: &Report, r: &CaseResult) -> String {
    if r.engine.starts_with("nginx ") {
        r.engine.clone()
    } else {
        format!("{} {}", r.engine, report.nginx_version)
    }
}

/// `--oracle` → the binary: `nginx` or `nginx=BINARY`.
fn oracle_binary(arg: &str) -> Result<PathBuf, String> {
    match arg.split_once('=') {
        None if arg == "nginx" => Ok(PathBuf::from("nginx")),
        Some(("nginx", b)) if !b.is_empty() => Ok(PathBuf::from(b)),
        _ => Err(format!(
            "--oracle: expected `nginx` or `nginx=BINARY`, got {arg:?} (the only oracle is nginx)"
        )),
    }
}

/// `rginx conformance`: the exit code (0 all passed, 1 some failed, 2 the
/// run could not start).
pub fn run_cli(args: ConformanceArgs) -> i32 {
    if args.fuzz {
        return fuzz::run_cli(&args);
    }
    match run_cli_inner(&args) {
        Ok(report) => {
            match args.format {
                OutputFormat::Text => print!("{}", render_text(&report)),
                OutputFormat::Json => match serde_json::to_string_pretty(&report) {
                    Ok(s) => println!("{s}"),
                    Err(e) => {
                        eprintln!("rginx conformance: {e}");
                        return 2;
                    }
                },
            }
            i32::from(report.failed > 0)
        }
        Err(e) => {
            eprintln!("rginx conformance: {e}");
            2
        }
    }
}

fn run_cli_inner(args: &ConformanceArgs) -> Result<Report, String> {
    let mode = match (args.mode, &args.oracle) {
        (Some(ModeName::Ir), Some(_)) => {
            return Err("--mode ir runs no oracle; drop --oracle".into())
        }
        (Some(ModeName::Ir), None) | (None, None) => Mode::Ir,
        (Some(ModeName::Runtime), Some(_)) => {
            return Err("--mode runtime runs rginx itself; drop --oracle".into())
        }
        (Some(ModeName::Runtime), None) => {
            Mode::Runtime(std::env::current_exe().map_err(|e| format!("the rginx binary: {e}"))?)
        }
        (_, Some(o)) => Mode::Oracle(oracle_binary(o)?),
        (Some(ModeName::Oracle), None) => Mode::Oracle(PathBuf::from("nginx")),
    };
    let asked = match &args.nginx_version {
        None => None,
        Some(v) => Some(
            Version::parse(v.trim())
                .ok_or_else(|| format!("--nginx-version: {v:?} is not a version (1.22, 1.31.3)"))?,
        ),
    };
    match mode {
        Mode::Ir => {
            let v = asked.unwrap_or(DEFAULT_VERSION);
            let engine = ir::IrEngine::new(v);
            run_paths(&args.paths, Some(&engine), v).map_err(|e| e.to_string())
        }
        Mode::Oracle(binary) => {
            let own = NginxOracle::detect_version(&binary).map_err(|e| e.to_string())?;
            let oracle = NginxOracle::new(binary, own);
            run_paths(&args.paths, Some(&oracle), asked.unwrap_or(own)).map_err(|e| e.to_string())
        }
        Mode::Runtime(binary) => {
            let v = asked.unwrap_or(DEFAULT_VERSION);
            let engine = NginxOracle::rginx_runtime(binary, v);
            run_paths(&args.paths, Some(&engine), v).map_err(|e| e.to_string())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn oracle_argument() {
        assert_eq!(oracle_binary("nginx").unwrap(), PathBuf::from("nginx"));
        assert_eq!(
            oracle_binary("nginx=/usr/sbin/nginx").unwrap(),
            PathBuf::from("/usr/sbin/nginx")
        );
        assert!(oracle_binary("apache").is_err());
        assert!(oracle_binary("nginx=").is_err());
    }

    #[test]
    fn ir_mode_evaluates_what_the_ir_knows() {
        let text = r#"
description = "d"
config = "http { server { listen 127.0.0.1:{{port}}; location = /a { return 200 \"exact\"; } } }"
[[request]]
path = "/a"
[request.expect]
status = 200
body = "exact"
[[request]]
path = "/b"
[request.expect]
status = 200
"#;
        let case = Case::from_toml(std::path::Path::new("c.toml"), text).unwrap();
        let r = run_case(&case, &Mode::Ir);
        // The return is known; static files for /b are not, so the case fails.
        assert!(!r.passed);
        assert_eq!(r.mismatches.len(), 1, "{:?}", r.mismatches);
        assert!(r.mismatches[0].contains("request 2"), "{:?}", r.mismatches);
    }
}
