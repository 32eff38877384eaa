//! `rginx lint`: every problem at once, each with a stable code.
//!
//! Rules are data: each file in `rules/` defines one [`RuleInfo`] (code,
//! name, severity, category, doc, check function), and `rules::ALL` lists
//! them. The check functions read a [`Model`]: the configuration with
//! includes expanded, each directive knowing its context, its parent block
//! and its registry row. `-t`'s own errors (codes `NGX…`) are rules too.
//! Rules about routing and inheritance ask the IR (`routing`): its location
//! matcher and its merge, so that lint and rginx agree with nginx alike.

pub mod model;
pub mod render;
pub mod routing;
pub mod rules;

pub use model::Model;

use crate::registry::Ctx;
use crate::source::Span;

/// How serious a finding is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    Error,
    Warning,
    Info,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
        }
    }
}

/// What a rule is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Category {
    /// nginx itself would refuse the configuration (`-t`).
    Validity,
    /// rginx runs it differently from nginx, or not at all.
    Compatibility,
    /// The targeted nginx version removed, deprecated or lacks it.
    Version,
    /// Valid, but nginx does something other than what it looks like.
    Semantics,
    /// A known way to get attacked.
    Security,
}

impl Category {
    pub fn as_str(self) -> &'static str {
        match self {
            Category::Validity => "validity",
            Category::Compatibility => "compatibility",
            Category::Version => "version",
            Category::Semantics => "semantics",
            Category::Security => "security",
        }
    }
}

/// One rule: its identity, documentation and check.
pub struct RuleInfo {
    /// Stable code, never reused (`RGX301`).
    pub code: &'static str,
    /// Kebab-case name (`inherited-headers-dropped`).
    pub name: &'static str,
    pub severity: Severity,
    pub category: Category,
    /// One line: what it reports.
    pub summary: &'static str,
    /// Markdown with `## What it does`, `## Why is this bad?`, `## Example`.
    pub doc: &'static str,
    pub check: fn(&Model, &mut Vec<Finding>),
}

/// A problem found by a rule.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Finding {
    pub code: &'static str,
    pub severity: Severity,
    pub message: String,
    /// `None` for findings about the whole configuration.
    pub span: Option<Span>,
    /// What to do about it.
    pub help: Option<String>,
}

impl Finding {
    pub fn new(rule: &RuleInfo, span: Option<Span>, message: impl Into<String>) -> Self {
        Finding {
            code: rule.code,
            severity: rule.severity,
            message: message.into(),
            span,
            help: None,
        }
    }

    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }
}

/// What lint targets.
#[derive(Clone, Debug)]
pub struct LintOptions {
    /// The nginx version the configuration is meant for.
    pub nginx_version: crate::registry::Version,
    /// The context the top of each file stands in (`--context`).
    pub context: Ctx,
}

impl Default for LintOptions {
    fn default() -> Self {
        LintOptions {
            nginx_version: crate::registry::LATEST,
            context: Ctx::MAIN,
        }
    }
}

/// Run every rule; findings sorted by place, then code.
pub fn lint(config: &crate::syntax::Config, opts: &LintOptions) -> Vec<Finding> {
    let model = Model::build(config, opts);
    let mut out = Vec::new();
    for rule in &rules::ALL {
        (rule.check)(&model, &mut out);
    }
    out.sort_by_key(|f| {
        let place = f.span.map(|s| (s.file.0, s.lo)).unwrap_or((u32::MAX, 0));
        (place, f.code)
    });
    out.dedup();
    out
}

/// The rule with this code.
pub fn rule(code: &str) -> Option<&'static RuleInfo> {
    rules::ALL.iter().find(|r| r.code == code)
}
