//! One load pipeline for every entry point that turns a file into a
//! configuration: read (with includes) → check as `-t` does, in nginx's
//! order → the gate (directives rginx does not run) → build the IR.
//!
//! Startup, reload, `-t`, `rginx route`, `rginx dump ir` and the
//! conformance IR engine call [`load`]; they differ only in [`Options`]
//! (whether the gate refuses, warns or is off; root or not). `rginx lint`
//! and `-s` need the files alone and call [`read`], the first stage.
//! Sockets are not a stage here: binding them is the runtime's job.
//!
//! Invariant: a reload runs with the options startup ran with, so it
//! refuses whatever startup refuses.

use crate::diag::{Diagnostic, Level};
use crate::ir::Http;
use crate::syntax::{self, Config, LoadOptions};
use std::fmt;
use std::path::Path;

/// What the gate does with directives rginx does not implement.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Gate {
    /// Refuse the configuration: serving it would differ from nginx.
    Refuse,
    /// Go on, with a `[warn]` for each (`--allow-unsupported`).
    Warn,
    /// Do not look: `-t` answers as nginx does, `route` explains, the IR
    /// engine evaluates cases.
    Off,
}

/// How to load: the files, the gate, and whether checks assume root
/// (nginx's `user` and ports below 1024).
#[derive(Clone, Debug)]
pub struct Options {
    pub files: LoadOptions,
    pub gate: Gate,
    pub root: bool,
    /// The nginx version whose `-t` rules apply.
    pub version: crate::registry::Version,
}

impl Options {
    /// Options for this process (root as the effective user is).
    pub fn new(files: LoadOptions, gate: Gate, version: crate::registry::Version) -> Self {
        Options {
            files,
            gate,
            root: nix::unistd::geteuid().is_root(),
            version,
        }
    }
}

/// The stages, in the order they run.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Stage {
    Read,
    Check,
    Gate,
    Build,
}

/// One line as nginx prints or logs it: a level and the text after it,
/// position (`in FILE:LINE`) included.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Message {
    pub level: Level,
    pub text: String,
}

impl Message {
    fn new(level: Level, text: impl Into<String>) -> Self {
        Message {
            level,
            text: text.into(),
        }
    }

    /// As a terminal line: `rginx: [emerg] ...`.
    pub fn line(&self, program: &str) -> String {
        format!("{program}: [{}] {}", self.level, self.text)
    }
}

impl fmt::Display for Message {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

/// A configuration that went through every stage.
#[derive(Debug)]
pub struct Loaded {
    pub config: Config,
    pub http: Http,
    /// What the stages said on the way (warnings, notices), in order.
    pub messages: Vec<Message>,
}

/// A configuration refused by a stage.
#[derive(Debug, thiserror::Error)]
#[error("{}", lines(.refusal))]
pub struct LoadError {
    pub stage: Stage,
    /// What the stages said before the refusal, in order.
    pub said: Vec<Message>,
    /// nginx's `[emerg]` lines saying why (the gate gives one for each
    /// directive).
    pub refusal: Vec<Message>,
}

impl LoadError {
    /// Every line, in the order nginx would print them.
    pub fn messages(&self) -> impl Iterator<Item = &Message> {
        self.said.iter().chain(&self.refusal)
    }
}

fn lines(messages: &[Message]) -> String {
    let texts: Vec<&str> = messages.iter().map(|m| m.text.as_str()).collect();
    texts.join("\n")
}

/// The first stage: the main file (with `-g` directives) and every file
/// it includes, parsed. Syntax errors stay in the tree for the check.
pub fn read(conf: &Path, files: &LoadOptions) -> Result<Config, LoadError> {
    syntax::load(conf, files).map_err(|e| LoadError {
        stage: Stage::Read,
        said: Vec::new(),
        refusal: vec![Message::new(Level::Emerg, e.error.to_string())],
    })
}

/// Every stage: read, check, gate, build.
pub fn load(conf: &Path, opts: &Options) -> Result<Loaded, LoadError> {
    let config = read(conf, &opts.files)?;
    let mut said = Vec::new();
    let refuse = |stage, said, refusal| LoadError {
        stage,
        said,
        refusal,
    };

    let checked = crate::check::check_version(&config, opts.version);
    let located = |d: &Diagnostic| Message::new(d.level, d.located(&config.sources));
    for (i, d) in checked.diagnostics.iter().enumerate() {
        if Some(i) != checked.fatal {
            said.push(located(d));
        }
    }
    if let Some(i) = checked.fatal {
        let fatal = located(&checked.diagnostics[i]);
        return Err(refuse(Stage::Check, said, vec![fatal]));
    }

    if opts.gate != Gate::Off {
        let level = match opts.gate {
            Gate::Warn => Level::Warn,
            _ => Level::Emerg,
        };
        let found: Vec<Message> = unsupported(&config)
            .into_iter()
            .map(|m| {
                Message::new(
                    level,
                    format!("{m} (`rginx lint` lists them; docs/directives.md says what runs)"),
                )
            })
            .collect();
        if opts.gate == Gate::Refuse && !found.is_empty() {
            return Err(refuse(Stage::Gate, said, found));
        }
        said.extend(found);
    }

    match Http::build(&config, opts.root) {
        Ok(http) => {
            said.extend(http.warnings.iter().map(|w| Message::new(Level::Warn, w)));
            Ok(Loaded {
                config,
                http,
                messages: said,
            })
        }
        Err(e) => {
            // Some builders prefix their text with the level already.
            let e = e.strip_prefix("[emerg] ").unwrap_or(&e);
            Err(refuse(
                Stage::Build,
                said,
                vec![Message::new(Level::Emerg, e)],
            ))
        }
    }
}

/// Every directive of a configuration rginx does not implement, as
/// `"name" ... in file:line`: rginx refuses to serve such a configuration
/// (unless told `--allow-unsupported`), since skipping a directive would
/// serve traffic differently from nginx.
pub fn unsupported(config: &Config) -> Vec<String> {
    let opts = crate::lint::LintOptions::default();
    let model = crate::lint::model::Model::build(config, &opts);
    let mut out = Vec::new();
    for (i, n) in model.nodes.iter().enumerate() {
        let Some(spec) = n.spec else { continue };
        let args: Vec<_> = n.d.args.iter().map(|a| a.text()).collect();
        let refused = spec.refused_arg(args.iter().map(|a| a.as_ref()));
        if spec.support != crate::registry::Support::Unsupported && refused.is_none() {
            continue;
        }
        let at = model
            .span(i)
            .map(|s| {
                let f = config.sources.get(s.file);
                format!("{}:{}", f.display_name(), f.line_of(s.lo))
            })
            .unwrap_or_default();
        out.push(match refused {
            Some(v) => format!(
                "\"{} {v}\" is not supported by rginx yet in {at}",
                spec.name
            ),
            None => format!(
                "\"{}\" directive is not supported by rginx yet in {at}",
                spec.name
            ),
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn load_text(text: &str, gate: Gate) -> Result<Loaded, LoadError> {
        let dir = tempfile::tempdir().unwrap();
        let conf = dir.path().join("nginx.conf");
        std::fs::write(&conf, text).unwrap();
        let opts = Options {
            files: LoadOptions::default(),
            gate,
            root: false,
            version: crate::registry::LATEST,
        };
        load(&conf, &opts)
    }

    const PERL: &str = "events {}\nhttp {\n    perl_modules perl/lib;\n}\n";

    #[test]
    fn each_stage_refuses_with_nginx_lines() {
        let e = load_text("events {}\nhttp { proxy_read_timeout x; }\n", Gate::Refuse).unwrap_err();
        assert_eq!(e.stage, Stage::Check);
        assert!(e.to_string().contains("nginx.conf:2"), "{e}");
        let e = load_text(PERL, Gate::Refuse).unwrap_err();
        assert_eq!(e.stage, Stage::Gate);
        assert!(
            e.to_string()
                .starts_with("\"perl_modules\" directive is not supported by rginx yet in "),
            "{e}"
        );
        assert!(e.to_string().contains("nginx.conf:3"), "{e}");
        let e = read(
            Path::new("/nonexistent/nginx.conf"),
            &LoadOptions::default(),
        )
        .unwrap_err();
        assert_eq!(e.stage, Stage::Read);
        assert_eq!(e.refusal[0].level, Level::Emerg);
    }

    #[test]
    fn the_gate_warns_or_looks_away_when_told() {
        let loaded = load_text(PERL, Gate::Warn).unwrap();
        assert_eq!(loaded.messages.len(), 1);
        assert_eq!(loaded.messages[0].level, Level::Warn);
        let loaded = load_text(PERL, Gate::Off).unwrap();
        assert!(loaded.messages.is_empty());
    }
}
