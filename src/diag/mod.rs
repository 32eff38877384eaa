//! One diagnostic model for every output: nginx-style lines for `-t`,
//! and the text/JSON/SARIF renderers of `rginx lint`.

use crate::source::{SourceMap, Span};
use std::fmt;

/// nginx's log levels, most severe first.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Level {
    Emerg,
    Alert,
    Crit,
    Error,
    Warn,
    Notice,
    Info,
    Debug,
}

impl Level {
    pub fn as_str(self) -> &'static str {
        match self {
            Level::Emerg => "emerg",
            Level::Alert => "alert",
            Level::Crit => "crit",
            Level::Error => "error",
            Level::Warn => "warn",
            Level::Notice => "notice",
            Level::Info => "info",
            Level::Debug => "debug",
        }
    }
}

impl fmt::Display for Level {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A finding about a configuration, at a place in it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    pub level: Level,
    /// nginx's own wording where nginx has one.
    pub message: String,
    /// Where nginx would report it; `None` for whole-configuration findings.
    pub span: Option<Span>,
    /// The lint rule this finding belongs to (`rginx lint` shows it; `-t`
    /// prints nginx's text only).
    pub code: Option<&'static str>,
}

impl Diagnostic {
    pub fn new(level: Level, message: impl Into<String>, span: Option<Span>) -> Self {
        Diagnostic {
            level,
            message: message.into(),
            span,
            code: None,
        }
    }

    pub fn with_code(mut self, code: &'static str) -> Self {
        self.code = Some(code);
        self
    }

    pub fn emerg(message: impl Into<String>, span: Option<Span>) -> Self {
        Self::new(Level::Emerg, message, span)
    }

    pub fn warn(message: impl Into<String>, span: Option<Span>) -> Self {
        Self::new(Level::Warn, message, span)
    }

    /// `rginx: [emerg] unexpected "}" in /etc/nginx/nginx.conf:12`, as
    /// nginx prints it (its position is always the line, never a column).
    pub fn render_nginx(&self, program: &str, sources: &SourceMap) -> String {
        format!("{program}: [{}] {}", self.level, self.located(sources))
    }

    /// The message with nginx's position: `... in FILE:LINE`, `... in
    /// command line`, or nothing for whole-configuration findings (an
    /// error log line carries this after its own prefix).
    pub fn located(&self, sources: &SourceMap) -> String {
        match self.span {
            Some(span) if sources.get(span.file).path().is_none() => {
                format!("{} in command line", self.message)
            }
            Some(span) => {
                let file = sources.get(span.file);
                format!(
                    "{} in {}:{}",
                    self.message,
                    file.display_name(),
                    file.line_of(span.lo)
                )
            }
            None => self.message.clone(),
        }
    }
}
