//! `-t`: check a loaded configuration as nginx does, in nginx's order.
//!
//! nginx reads and applies directives in one pass and stops at the first
//! error, so which error a broken config reports depends on that order.
//! This walks the tree the same way: `-g` directives first, then the main
//! file, descending into blocks and included files where they stand, and
//! reports syntax errors when the walk reaches their position. Checks that
//! nginx makes after reading everything come last.

mod http;
mod params;
pub mod value;

use crate::diag::{Diagnostic, Level};
use crate::registry::{self, Ctx, DirectiveSpec, Inside, Version};
use crate::source::FileId;
use crate::syntax::ast::{Body, Directive};
use crate::syntax::include::{Config, LoadError};
use crate::syntax::SyntaxError;
use std::collections::HashMap;
use std::path::PathBuf;

/// What `-t` found: every diagnostic in order, and the fatal one, if any.
#[derive(Debug, Default)]
pub struct CheckResult {
    pub diagnostics: Vec<Diagnostic>,
    /// Index in `diagnostics` of the error that stopped the check.
    pub fatal: Option<usize>,
}

/// Names seen in one block instance, for "is duplicate".
#[derive(Default)]
struct Scope {
    /// Slot name → the directive that set it.
    seen: HashMap<&'static str, &'static str>,
}

struct Walker<'a> {
    http: http::HttpState,
    stop_at_first: bool,
    config: &'a Config,
    prefix: PathBuf,
    out: CheckResult,
    saw_events: bool,
    /// The nginx version whose directives and values are checked.
    version: Version,
}

/// Stop the walk: an emerg was reported.
struct Stop;

type Step = Result<(), Stop>;

/// Codes of the findings `-t` makes, shared with `rginx lint`.
pub mod codes {
    pub const SYNTAX: &str = "NGX001";
    pub const UNKNOWN: &str = "NGX002";
    pub const NOT_ALLOWED: &str = "NGX003";
    pub const ARGUMENTS: &str = "NGX004";
    pub const DUPLICATE: &str = "NGX005";
    pub const VALUE: &str = "NGX006";
    pub const INCLUDE: &str = "NGX007";
    pub const NO_EVENTS: &str = "NGX008";
    pub const DEPRECATED: &str = "RGX201";
}

/// nginx's `-t`: stop at the first error (the newest nginx version).
pub fn check(config: &Config) -> CheckResult {
    check_version(config, registry::LATEST)
}

/// nginx `version`'s `-t`: its directives, argument counts and values.
pub fn check_version(config: &Config, version: Version) -> CheckResult {
    walk(config, true, Ctx::MAIN, version)
}

/// Every error nginx `version`'s `-t` would find if it went on after each
/// one (for lint), with the main file read as if it stood in `context`.
pub fn check_all(config: &Config, context: Ctx, version: Version) -> CheckResult {
    walk(config, false, context, version)
}

fn walk(config: &Config, stop_at_first: bool, context: Ctx, version: Version) -> CheckResult {
    let mut w = Walker {
        http: http::HttpState::new(nix::unistd::geteuid().is_root()),
        stop_at_first,
        config,
        prefix: config
            .prefix
            .clone()
            .unwrap_or_else(|| config.conf_prefix.clone()),
        out: CheckResult::default(),
        saw_events: false,
        version,
    };
    let mut main = Scope::default();
    let walked = (|| {
        if let Some(cl) = config.command_line {
            w.file(cl, Ctx::MAIN, &mut main)?;
        }
        w.file(config.main, context, &mut main)?;
        if context == Ctx::MAIN && !w.saw_events {
            w.emerg(
                codes::NO_EVENTS,
                "no \"events\" section in configuration".to_string(),
                None,
            )?;
        }
        // Certificate files are the machine's, not the file's: -t opens
        // them as nginx does; lint does not (the files often live only on
        // the servers).
        if context == Ctx::MAIN && stop_at_first {
            w.certificates()?;
        }
        Ok::<(), Stop>(())
    })();
    let _ = walked;
    w.out
}

/// The `pid` file named in the main context, if any.
pub fn pid_path(config: &Config) -> Option<PathBuf> {
    let mut ids: Vec<FileId> = config.command_line.into_iter().collect();
    ids.push(config.main);
    ids.iter()
        .flat_map(|&id| config.file(id).directives.iter())
        .rfind(|d| d.is("pid") && d.args.len() == 1)
        .map(|d| PathBuf::from(d.args[0].text().into_owned()))
}

impl Walker<'_> {
    fn report(&mut self, d: Diagnostic) -> Step {
        let fatal = d.level <= Level::Emerg;
        self.report_as(d, fatal)
    }

    fn report_as(&mut self, d: Diagnostic, fatal: bool) -> Step {
        self.out.diagnostics.push(d);
        if fatal {
            if self.out.fatal.is_none() {
                self.out.fatal = Some(self.out.diagnostics.len() - 1);
            }
            if self.stop_at_first {
                return Err(Stop);
            }
        }
        Ok(())
    }

    /// nginx loads every `ssl_certificate`/`ssl_certificate_key` of the
    /// http block when it merges the servers, after reading the whole
    /// file: a file it cannot open fails the test with OpenSSL's words.
    fn certificates(&mut self) -> Step {
        let mut files = Vec::new();
        let mut ticket_keys = Vec::new();
        /// Certificate files, and ticket key files with the end of their
        /// http block (where nginx merges the servers and reads them).
        fn walk<'c>(
            config: &'c Config,
            list: &'c [crate::syntax::ast::Directive],
            http_close: Option<crate::source::Span>,
            out: &mut Vec<(bool, String)>,
            keys: &mut Vec<(String, Option<crate::source::Span>)>,
        ) {
            for d in config.expanded(list) {
                let name = d.name_text();
                if (name == "ssl_certificate" || name == "ssl_certificate_key") && d.args.len() == 1
                {
                    out.push((name == "ssl_certificate", d.args[0].text().into_owned()));
                }
                if name == "ssl_session_ticket_key" && d.args.len() == 1 {
                    keys.push((d.args[0].text().into_owned(), http_close));
                }
                if let Some(b) = d.block() {
                    if d.is("http") {
                        walk(config, &b.directives, b.close, out, keys);
                    } else if d.is("server") {
                        walk(config, &b.directives, http_close, out, keys);
                    }
                }
            }
        }
        walk(
            self.config,
            &self.config.file(self.config.main).directives,
            None,
            &mut files,
            &mut ticket_keys,
        );
        for (cert, file) in files {
            if file.contains('$') || file.starts_with("data:") || file.starts_with("engine:") {
                continue;
            }
            let path = if file.starts_with('/') {
                std::path::PathBuf::from(&file)
            } else {
                self.prefix.join(&file)
            };
            if std::fs::File::open(&path).is_err() {
                let what = if cert {
                    "certificate"
                } else {
                    "certificate key"
                };
                let p = path.display();
                self.emerg(
                    codes::VALUE,
                    format!(
                        "cannot load {what} \"{p}\": BIO_new_file() failed (SSL: error:80000002:system library::No such file or directory:calling fopen({p}, r) error:10000080:BIO routines::no such file)"
                    ),
                    None,
                )?;
            }
        }
        for (file, at) in ticket_keys {
            let path = if file.starts_with('/') {
                std::path::PathBuf::from(&file)
            } else {
                self.prefix.join(&file)
            };
            if let Err(message) = crate::tls::tickets::read_key_file(&path) {
                self.emerg(codes::VALUE, message, at)?;
            }
        }
        Ok(())
    }

    fn emerg(
        &mut self,
        code: &'static str,
        message: String,
        span: Option<crate::source::Span>,
    ) -> Step {
        self.report(Diagnostic::emerg(message, span).with_code(code))
    }

    fn file(&mut self, id: FileId, ctx: Ctx, scope: &mut Scope) -> Step {
        let conf = self.config.file(id);
        if Some(id) == self.config.command_line {
            if let Some(d) = conf
                .directives
                .iter()
                .find(|d| !matches!(d.body, Body::None))
            {
                let message = "block directives are not supported in -g option".to_string();
                return self.emerg(codes::SYNTAX, message, Some(d.terminator));
            }
        }
        let mut errors = conf.errors.iter().peekable();
        self.directives(&conf.directives, ctx, scope, &mut errors)?;
        for e in errors {
            self.syntax(e)?;
        }
        Ok(())
    }

    fn syntax(&mut self, e: &SyntaxError) -> Step {
        self.emerg(codes::SYNTAX, e.kind.to_string(), Some(e.span))
    }

    fn directives<'e>(
        &mut self,
        list: &[Directive],
        ctx: Ctx,
        scope: &mut Scope,
        errors: &mut std::iter::Peekable<impl Iterator<Item = &'e SyntaxError>>,
    ) -> Step {
        for d in list {
            // nginx meets a syntax error before the directive whose
            // terminator comes after it.
            while let Some(e) = errors.next_if(|e| e.span.lo <= d.terminator.lo) {
                self.syntax(e)?;
            }
            let spec = self.directive(d, ctx, scope)?;
            if spec.is_some() {
                for diag in self.http.directive(d, ctx) {
                    self.report(diag)?;
                }
            }
            if d.is("include") && d.args.len() == 1 {
                if let Some(e) = self
                    .config
                    .errors
                    .iter()
                    .find(|e| e.at == Some(d.terminator))
                {
                    // nginx logs a failed read at "crit", with no position,
                    // and stops all the same.
                    let (level, at) = match e.error {
                        LoadError::Read { .. } => (Level::Crit, None),
                        _ => (Level::Emerg, e.at),
                    };
                    self.report_as(
                        Diagnostic::new(level, e.error.to_string(), at).with_code(codes::INCLUDE),
                        true,
                    )?;
                    continue;
                }
                for &id in &d.includes {
                    self.file(id, ctx, scope)?;
                }
            }
            if let (Body::Block(block), Some(spec)) = (&d.body, spec) {
                match spec.inside(ctx) {
                    Inside::Directives(inner) => {
                        if inner == Ctx::EVENT {
                            self.saw_events = true;
                        }
                        let mut inner_scope = Scope::default();
                        self.directives(&block.directives, inner, &mut inner_scope, errors)?;
                        for diag in self.http.block_end(d, block, ctx) {
                            self.report(diag)?;
                        }
                    }
                    Inside::Data => self.data_entries(&block.directives, errors)?,
                    Inside::Opaque => {
                        // Not checked; only its syntax errors matter here.
                        if let Some(e) =
                            errors.next_if(|e| block.close.is_none_or(|c| e.span.lo <= c.lo))
                        {
                            return self.syntax(e);
                        }
                    }
                }
            }
        }
        Ok(())
    }

    /// Entries of `map`, `types`…: data read by the module's own handler,
    /// which refuses any entry that opens a block.
    fn data_entries<'e>(
        &mut self,
        list: &[Directive],
        errors: &mut std::iter::Peekable<impl Iterator<Item = &'e SyntaxError>>,
    ) -> Step {
        for d in list {
            while let Some(e) = errors.next_if(|e| e.span.lo <= d.terminator.lo) {
                self.syntax(e)?;
            }
            if !matches!(d.body, Body::None) {
                self.emerg(
                    codes::SYNTAX,
                    "unexpected \"{\"".to_string(),
                    Some(d.terminator),
                )?;
                continue;
            }
            if d.is("include") {
                for &id in &d.includes {
                    let conf = self.config.file(id);
                    let mut inner = conf.errors.iter().peekable();
                    self.data_entries(&conf.directives, &mut inner)?;
                    for e in inner {
                        self.syntax(e)?;
                    }
                }
            }
        }
        Ok(())
    }

    /// nginx's `ngx_conf_handler` checks, then the setter's value checks.
    fn directive(
        &mut self,
        d: &Directive,
        ctx: Ctx,
        scope: &mut Scope,
    ) -> Result<Option<&'static DirectiveSpec>, Stop> {
        let at = Some(d.terminator);
        // nginx prints names as C strings: a NUL byte ends them.
        let shown = d.name.value.split(|&c| c == 0).next().unwrap_or_default();
        let name = String::from_utf8_lossy(shown);
        let version = self.version;
        let specs: Vec<&'static DirectiveSpec> = registry::lookup(&d.name.value)
            .iter()
            .copied()
            .filter(|s| s.exists_in(version))
            .collect();
        if specs.is_empty() {
            self.emerg(codes::UNKNOWN, format!("unknown directive \"{name}\""), at)?;
            return Ok(None);
        }
        let Some(spec) = specs.into_iter().find(|s| s.ctx.intersects(ctx)) else {
            self.emerg(
                codes::NOT_ALLOWED,
                format!("\"{name}\" directive is not allowed here"),
                at,
            )?;
            return Ok(None);
        };
        let opened_block = !matches!(d.body, Body::None);
        let problem = if !spec.block && opened_block {
            Some((
                codes::SYNTAX,
                format!("directive \"{name}\" is not terminated by \";\""),
            ))
        } else if spec.block && !opened_block {
            Some((
                codes::SYNTAX,
                format!("directive \"{name}\" has no opening \"{{\""),
            ))
        } else if !spec.arity_in(version).accepts(d.args.len()) {
            Some((
                codes::ARGUMENTS,
                format!("invalid number of arguments in \"{name}\" directive"),
            ))
        } else {
            None
        };
        if let Some((code, message)) = problem {
            self.emerg(code, message, at)?;
            return Ok(Some(spec));
        }
        if spec.once {
            // `root` and `alias` set the same path.
            let key = if spec.name == "alias" {
                "root"
            } else {
                spec.name
            };
            if let Some(&earlier) = scope.seen.get(key) {
                let message = if earlier == spec.name {
                    format!("\"{name}\" directive is duplicate")
                } else {
                    format!("\"{name}\" directive is duplicate, \"{earlier}\" directive was specified earlier")
                };
                self.emerg(codes::DUPLICATE, message, at)?;
                return Ok(Some(spec));
            }
            scope.seen.insert(key, spec.name);
        }
        if let Some(problem) = value::check(spec, d, version) {
            self.emerg(codes::VALUE, problem, at)?;
            return Ok(Some(spec));
        }
        if let Some((word, instead)) = spec.deprecated {
            let message = format!(
                "the \"{name}\" directive is {word}, use the \"{instead}\" directive instead"
            );
            self.report(Diagnostic::warn(message, at).with_code(codes::DEPRECATED))?;
        }
        if let Some(problem) = value::custom(spec, d, &self.prefix, version) {
            self.emerg(codes::VALUE, problem, at)?;
        } else if let Some((code, message)) = value::warning(spec, d, &self.prefix) {
            self.report(Diagnostic::warn(message, at).with_code(code))?;
        }
        Ok(Some(spec))
    }
}
