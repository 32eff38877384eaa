//! What runs a case: the [`Engine`] trait and what an engine observes.
//!
//! An engine gets a case and its [`CaseEnv`] (ports, temp directory,
//! recording backends) and returns, per request, the response and what the
//! backends received. The nginx oracle is one engine; the rginx IR and
//! runtime are to become others.

use super::backend::RecordedRequest;
use super::case::Case;
use super::client::Response;
use super::env::CaseEnv;

/// What one request produced.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Observation {
    /// The response, or why none was read.
    pub response: Result<Response, String>,
    /// What the backends received while the request ran, in order.
    pub upstream: Vec<RecordedRequest>,
    /// For a TLS request whose handshake completed: what it negotiated.
    pub tls: Option<TlsObserved>,
}

/// What a TLS handshake showed the client.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize)]
pub struct TlsObserved {
    /// The case name of the certificate the server presented; `None`
    /// when it is not one of the case's certificates.
    pub cert_name: Option<String>,
    /// The protocol ALPN chose (`h2`, `http/1.1`), empty without ALPN.
    pub alpn: String,
}

/// A whole case run.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Run {
    /// One per request of the case, in order.
    pub observations: Vec<Observation>,
    /// The engine's own log (nginx's error.log), shown when the case fails.
    pub log: String,
}

/// Something that can run a case.
pub trait Engine {
    /// A short name for reports: `nginx 1.22.1`.
    fn name(&self) -> &str;
    /// Which mode this engine is, for cases limited to some modes.
    fn mode(&self) -> super::ModeName {
        super::ModeName::Oracle
    }
    /// Run every request of `case` in `env`. `Err` when the case could not
    /// run at all (the engine would not start); the message says why.
    fn run(&self, case: &Case, env: &CaseEnv) -> Result<Run, String>;
}
