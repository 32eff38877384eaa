//! Case files: load a TOML case (docs/conformance.md is the contract),
//! validate it, and parse its nginx version tags.
//!
//! Every error names the file. Validation catches what would otherwise
//! surface as a confusing runtime mismatch: unknown keys, unknown
//! placeholders, a request to `{{port2}}` that the configuration never
//! listens on, an upstream expectation naming a backend the configuration
//! never uses.

use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::{Component, Path, PathBuf};

/// A malformed case file, or one that cannot be read.
#[derive(Debug, thiserror::Error)]
pub enum CaseError {
    #[error("{path}: cannot read: {source}")]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{path}: not a valid case: {message}")]
    Toml { path: PathBuf, message: String },
    #[error("{path}: {message}")]
    Invalid { path: PathBuf, message: String },
}

impl CaseError {
    /// The file the error is about.
    pub fn path(&self) -> &Path {
        match self {
            CaseError::Read { path, .. }
            | CaseError::Toml { path, .. }
            | CaseError::Invalid { path, .. } => path,
        }
    }
}

pub use crate::registry::Version;

/// How a version tag compares.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum VersionOp {
    Ge,
    Gt,
    Le,
    Lt,
    /// `1.31` matches every 1.31.x; `1.31.3` only itself.
    Exact,
}

/// One entry of a case's `versions`: `>=1.22`, `<1.29.7`, `1.31`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct VersionTag {
    pub op: VersionOp,
    pub version: Version,
    /// For `Exact`: whether the tag names a patch level.
    pub patch_given: bool,
    pub text: String,
}

impl VersionTag {
    pub fn parse(s: &str) -> Option<VersionTag> {
        let t = s.trim();
        let (op, rest) = if let Some(r) = t.strip_prefix(">=") {
            (VersionOp::Ge, r)
        } else if let Some(r) = t.strip_prefix("<=") {
            (VersionOp::Le, r)
        } else if let Some(r) = t.strip_prefix('>') {
            (VersionOp::Gt, r)
        } else if let Some(r) = t.strip_prefix('<') {
            (VersionOp::Lt, r)
        } else if let Some(r) = t.strip_prefix('=') {
            (VersionOp::Exact, r)
        } else {
            (VersionOp::Exact, t)
        };
        let (version, patch_given) = Version::parse_with_patch(rest.trim())?;
        Some(VersionTag {
            op,
            version,
            patch_given,
            text: t.to_string(),
        })
    }

    pub fn matches(&self, v: Version) -> bool {
        match self.op {
            VersionOp::Ge => v >= self.version,
            VersionOp::Gt => v > self.version,
            VersionOp::Le => v <= self.version,
            VersionOp::Lt => v < self.version,
            VersionOp::Exact if self.patch_given => v == self.version,
            VersionOp::Exact => v.major == self.version.major && v.minor == self.version.minor,
        }
    }
}

/// A case's `versions`: every comparison must hold, and when exact versions
/// are listed, one of them must match. Empty: every version.
pub fn versions_match(tags: &[VersionTag], v: Version) -> bool {
    let ranges_hold = tags
        .iter()
        .filter(|t| t.op != VersionOp::Exact)
        .all(|t| t.matches(v));
    let mut exact = tags.iter().filter(|t| t.op == VersionOp::Exact).peekable();
    let exact_holds = exact.peek().is_none() || exact.any(|t| t.matches(v));
    ranges_hold && exact_holds
}

/// Which listen port a request goes to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PortRef {
    Port,
    Port2,
}

/// What a request sends.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Send {
    /// Exact bytes (placeholders substituted).
    Raw(String),
    /// Built by the client: `METHOD PATH HTTP/1.1`, the headers, `Host:
    /// localhost` when no Host is given, `Content-Length` when there is a
    /// body, `Connection: close` when no Connection is given.
    Built {
        method: String,
        path: String,
        headers: Vec<(String, String)>,
        body: String,
    },
}

/// What the upstream must have received.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UpstreamExpect {
    pub backend: String,
    pub request_line: Option<String>,
    /// Exact and in order when given.
    pub headers: Option<Vec<(String, String)>>,
    pub body: Option<String>,
}

/// What must come back.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Expect {
    pub status: Option<u16>,
    /// The name of the case certificate the server presented
    /// (`{{cert:NAME}}`'s NAME, `localhost` for `{{cert}}`).
    pub cert_name: Option<String>,
    /// The TLS handshake must fail (no response is read then).
    pub handshake_fails: bool,
    pub body: Option<String>,
    pub body_contains: Option<String>,
    pub headers: Vec<(String, String)>,
    pub absent_headers: Vec<String>,
    pub upstream: Option<UpstreamExpect>,
}

/// How a request goes over TLS (`tls = true`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TlsRequest {
    /// The server name sent in the ClientHello; `None`: no SNI.
    pub sni: Option<String>,
    /// Offer `h2` (then `http/1.1`) with ALPN and speak HTTP/2 when the
    /// server picks it.
    pub http2: bool,
}

/// One request of a case and its expectation.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Request {
    pub send: Send,
    pub port: PortRef,
    /// `None`: plain HTTP.
    pub tls: Option<TlsRequest>,
    pub expect: Expect,
}

/// A validated case.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Case {
    pub path: PathBuf,
    pub description: String,
    pub versions: Vec<VersionTag>,
    pub note: String,
    /// The `http { ... }` block, placeholders unsubstituted.
    pub config: String,
    /// Relative path under `{{dir}}` → contents.
    pub files: BTreeMap<String, String>,
    /// The modes the case runs in (`modes = ["oracle", "runtime"]`);
    /// empty: every mode.
    pub modes: Vec<super::ModeName>,
    pub requests: Vec<Request>,
}

impl Case {
    /// Whether the case holds for nginx `v` (its `versions` tags).
    pub fn applies_to(&self, v: Version) -> bool {
        versions_match(&self.versions, v)
    }

    /// Whether the case runs in `mode` (its `modes`).
    pub fn runs_in(&self, mode: super::ModeName) -> bool {
        self.modes.is_empty() || self.modes.contains(&mode)
    }

    /// The certificates the case uses, by name: `{{cert:NAME}}` and
    /// `{{key:NAME}}` in the configuration and files (`{{cert}}`,
    /// `{{key}}`: `localhost`), in order of appearance.
    pub fn cert_names(&self) -> Vec<String> {
        let mut names: Vec<String> = Vec::new();
        let texts = std::iter::once(&self.config).chain(self.files.values());
        for t in texts {
            for p in placeholders(t) {
                let name = match p {
                    "cert" | "key" => Some(super::certs::DEFAULT_NAME),
                    _ => p.strip_prefix("cert:").or_else(|| p.strip_prefix("key:")),
                };
                if let Some(n) = name {
                    if !names.iter().any(|x| x == n) {
                        names.push(n.to_string());
                    }
                }
            }
        }
        names
    }

    /// The recording backends the case uses, from `{{backend:NAME}}`.
    pub fn backend_names(&self) -> Vec<String> {
        let mut names = Vec::new();
        let mut texts: Vec<&str> = vec![&self.config];
        texts.extend(self.files.values().map(String::as_str));
        for r in &self.requests {
            match &r.send {
                Send::Raw(s) => texts.push(s),
                Send::Built {
                    path,
                    headers,
                    body,
                    ..
                } => {
                    texts.push(path);
                    texts.push(body);
                    texts.extend(headers.iter().map(|(_, v)| v.as_str()));
                }
            }
        }
        for t in texts {
            for p in placeholders(t) {
                if let Some(n) = p.strip_prefix("backend:") {
                    if !names.iter().any(|x| x == n) {
                        names.push(n.to_string());
                    }
                }
            }
        }
        names
    }

    /// Whether the configuration listens on `{{port2}}`.
    pub fn uses_port2(&self) -> bool {
        self.config.contains("{{port2}}")
    }

    /// Load and validate one case file.
    pub fn load(path: &Path) -> Result<Case, CaseError> {
        let text = std::fs::read_to_string(path).map_err(|source| CaseError::Read {
            path: path.to_path_buf(),
            source,
        })?;
        Case::from_toml(path, &text)
    }

    /// Parse and validate case text; `path` names it in errors.
    pub fn from_toml(path: &Path, text: &str) -> Result<Case, CaseError> {
        let raw: RawCase = toml::from_str(text).map_err(|e| CaseError::Toml {
            path: path.to_path_buf(),
            message: e.to_string().trim_end().to_string(),
        })?;
        raw.validate(path).map_err(|message| CaseError::Invalid {
            path: path.to_path_buf(),
            message,
        })
    }
}

/// Every `{{...}}` placeholder's inside, in order.
pub fn placeholders(s: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = s;
    while let Some(i) = rest.find("{{") {
        let after = &rest[i + 2..];
        match after.find("}}") {
            Some(j) => {
                out.push(&after[..j]);
                rest = &after[j + 2..];
            }
            None => break,
        }
    }
    out
}

/// A certificate name: a DNS name, possibly a wildcard (`*.example.com`).
fn cert_name_ok(n: &str) -> bool {
    !n.is_empty()
        && n.bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'.' || b == b'*')
}

fn check_placeholders(what: &str, s: &str) -> Result<(), String> {
    for p in placeholders(s) {
        let ok = match p {
            "port" | "port2" | "dir" | "cert" | "key" | "ca" => true,
            _ => {
                p.strip_prefix("backend:").is_some_and(|n| {
                    !n.is_empty()
                        && n.bytes()
                            .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
                }) || p
                    .strip_prefix("cert:")
                    .or_else(|| p.strip_prefix("key:"))
                    .is_some_and(cert_name_ok)
            }
        };
        if !ok {
            return Err(format!(
                "{what}: unknown placeholder {{{{{p}}}}} (known: {{{{port}}}}, {{{{port2}}}}, {{{{dir}}}}, {{{{backend:NAME}}}}, {{{{cert}}}}, {{{{key}}}}, {{{{cert:NAME}}}}, {{{{key:NAME}}}}, {{{{ca}}}})"
            ));
        }
    }
    Ok(())
}

fn check_header_name(what: &str, name: &str) -> Result<(), String> {
    if name.is_empty()
        || !name
            .bytes()
            .all(|b| b.is_ascii_graphic() && b != b':' && b != b'"')
    {
        return Err(format!("{what}: invalid header name {name:?}"));
    }
    Ok(())
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCase {
    description: String,
    #[serde(default)]
    versions: Vec<String>,
    #[serde(default)]
    note: String,
    config: String,
    #[serde(default)]
    files: BTreeMap<String, String>,
    #[serde(default)]
    modes: Vec<String>,
    #[serde(default)]
    request: Vec<RawRequest>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRequest {
    raw: Option<String>,
    method: Option<String>,
    path: Option<String>,
    headers: Option<Vec<(String, String)>>,
    body: Option<String>,
    port: Option<String>,
    tls: Option<bool>,
    sni: Option<String>,
    http2: Option<bool>,
    #[serde(default)]
    expect: RawExpect,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawExpect {
    status: Option<u16>,
    cert_name: Option<String>,
    #[serde(default)]
    handshake_fails: bool,
    body: Option<String>,
    body_contains: Option<String>,
    #[serde(default)]
    headers: Vec<(String, String)>,
    #[serde(default)]
    absent_headers: Vec<String>,
    upstream: Option<RawUpstream>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawUpstream {
    backend: String,
    request_line: Option<String>,
    headers: Option<Vec<(String, String)>>,
    body: Option<String>,
}

impl RawCase {
    fn validate(self, path: &Path) -> Result<Case, String> {
        if self.description.trim().is_empty() {
            return Err("`description` is empty".into());
        }
        let mut versions = Vec::new();
        for v in &self.versions {
            versions.push(VersionTag::parse(v).ok_or_else(|| {
                format!("versions: {v:?} is not a version tag (`>=1.22`, `<1.29.7`, `1.31`)")
            })?);
        }
        if !self.config.contains("http") || !self.config.contains('{') {
            return Err("`config` must hold the `http { ... }` block".into());
        }
        if !self.config.contains("{{port}}") {
            return Err("`config` never listens on {{port}}".into());
        }
        check_placeholders("config", &self.config)?;
        for (name, body) in &self.files {
            let p = Path::new(name);
            if name.is_empty()
                || !p
                    .components()
                    .all(|c| matches!(c, Component::Normal(_) | Component::CurDir))
            {
                return Err(format!(
                    "files: {name:?} must be a relative path inside {{{{dir}}}}"
                ));
            }
            check_placeholders(&format!("files.{name:?}"), body)?;
        }
        let mut modes = Vec::new();
        for m in &self.modes {
            modes.push(match m.as_str() {
                "ir" => super::ModeName::Ir,
                "oracle" => super::ModeName::Oracle,
                "runtime" => super::ModeName::Runtime,
                _ => {
                    return Err(format!(
                        "modes: {m:?} is not a mode (\"ir\", \"oracle\", \"runtime\")"
                    ))
                }
            });
        }
        if !modes.is_empty() && !modes.contains(&super::ModeName::Oracle) {
            return Err(
                "modes: every case runs in \"oracle\" mode (that is how it is confirmed)".into(),
            );
        }
        if self.request.is_empty() {
            return Err("no [[request]]".into());
        }
        let mut requests = Vec::new();
        for (i, r) in self.request.into_iter().enumerate() {
            let what = format!("request {}", i + 1);
            requests.push(r.validate(&what)?);
        }
        let case = Case {
            path: path.to_path_buf(),
            description: self.description,
            versions,
            note: self.note,
            config: self.config,
            files: self.files,
            modes,
            requests,
        };
        let backends = case.backend_names();
        let certs = case.cert_names();
        for (i, r) in case.requests.iter().enumerate() {
            if r.port == PortRef::Port2 && !case.uses_port2() {
                return Err(format!(
                    "request {}: sent to port2 but `config` never uses {{{{port2}}}}",
                    i + 1
                ));
            }
            if let Some(n) = &r.expect.cert_name {
                if !certs.contains(n) {
                    return Err(format!(
                        "request {}: expect.cert_name {n:?} is not a certificate of the case ({})",
                        i + 1,
                        if certs.is_empty() {
                            "it uses none".to_string()
                        } else {
                            certs.join(", ")
                        }
                    ));
                }
            }
            if let Some(u) = &r.expect.upstream {
                if !backends.contains(&u.backend) {
                    return Err(format!(
                        "request {}: upstream backend {:?} never appears as {{{{backend:{}}}}} in `config`",
                        i + 1,
                        u.backend,
                        u.backend
                    ));
                }
            }
        }
        Ok(case)
    }
}

impl RawRequest {
    fn validate(self, what: &str) -> Result<Request, String> {
        let send = match self.raw {
            Some(raw) => {
                if self.method.is_some()
                    || self.path.is_some()
                    || self.headers.is_some()
                    || self.body.is_some()
                {
                    return Err(format!(
                        "{what}: `raw` excludes `method`, `path`, `headers` and `body`"
                    ));
                }
                if raw.is_empty() {
                    return Err(format!("{what}: `raw` is empty"));
                }
                check_placeholders(what, &raw)?;
                Send::Raw(raw)
            }
            None => {
                let method = self.method.unwrap_or_else(|| "GET".into());
                if method.is_empty() || !method.bytes().all(|b| b.is_ascii_uppercase()) {
                    return Err(format!("{what}: invalid method {method:?}"));
                }
                let path = self.path.unwrap_or_else(|| "/".into());
                if path.is_empty() || path.bytes().any(|b| b == b' ' || b == b'\r' || b == b'\n') {
                    return Err(format!(
                        "{what}: invalid path {path:?} (use `raw` for odd request lines)"
                    ));
                }
                let headers = self.headers.unwrap_or_default();
                for (n, v) in &headers {
                    check_header_name(what, n)?;
                    if v.contains('\r') || v.contains('\n') {
                        return Err(format!(
                            "{what}: header {n} has a line break (use `raw` for that)"
                        ));
                    }
                    check_placeholders(what, v)?;
                }
                check_placeholders(what, &path)?;
                let body = self.body.unwrap_or_default();
                Send::Built {
                    method,
                    path,
                    headers,
                    body,
                }
            }
        };
        let port = match self.port.as_deref() {
            None | Some("port") => PortRef::Port,
            Some("port2") => PortRef::Port2,
            Some(p) => {
                return Err(format!(
                    "{what}: port must be \"port\" or \"port2\", not {p:?}"
                ))
            }
        };
        let tls = match (self.tls, self.sni, self.http2) {
            (Some(true), sni, http2) => {
                if let Some(n) = &sni {
                    super::certs::server_name(Some(n)).map_err(|e| format!("{what}: {e}"))?;
                }
                let http2 = http2.unwrap_or(false);
                if http2 && matches!(send, Send::Raw(_)) {
                    return Err(format!("{what}: `http2` needs a built request, not `raw`"));
                }
                Some(TlsRequest { sni, http2 })
            }
            (_, Some(_), _) | (_, _, Some(_)) => {
                return Err(format!("{what}: `sni` and `http2` need `tls = true`"));
            }
            _ => None,
        };
        let e = self.expect;
        if (e.cert_name.is_some() || e.handshake_fails) && tls.is_none() {
            return Err(format!(
                "{what}: expect.cert_name and expect.handshake_fails need `tls = true`"
            ));
        }
        if e.handshake_fails
            && (e.status.is_some()
                || e.body.is_some()
                || e.body_contains.is_some()
                || e.cert_name.is_some()
                || !e.headers.is_empty()
                || !e.absent_headers.is_empty()
                || e.upstream.is_some())
        {
            return Err(format!(
                "{what}: expect.handshake_fails excludes every other expectation"
            ));
        }
        if let Some(s) = e.status {
            if !(100..=599).contains(&s) {
                return Err(format!("{what}: expect.status {s} is not an HTTP status"));
            }
        }
        for (n, v) in &e.headers {
            check_header_name(&format!("{what}: expect.headers"), n)?;
            check_placeholders(what, v)?;
        }
        for n in &e.absent_headers {
            check_header_name(&format!("{what}: expect.absent_headers"), n)?;
        }
        if let Some(b) = &e.body {
            check_placeholders(what, b)?;
        }
        let upstream = match e.upstream {
            None => None,
            Some(u) => {
                if u.backend.is_empty() {
                    return Err(format!("{what}: expect.upstream.backend is empty"));
                }
                if let Some(l) = &u.request_line {
                    check_placeholders(what, l)?;
                }
                for (n, v) in u.headers.iter().flatten() {
                    check_header_name(&format!("{what}: expect.upstream.headers"), n)?;
                    check_placeholders(what, v)?;
                }
                Some(UpstreamExpect {
                    backend: u.backend,
                    request_line: u.request_line,
                    headers: u.headers,
                    body: u.body,
                })
            }
        };
        Ok(Request {
            send,
            port,
            tls,
            expect: Expect {
                status: e.status,
                cert_name: e.cert_name,
                handshake_fails: e.handshake_fails,
                body: e.body,
                body_contains: e.body_contains,
                headers: e.headers,
                absent_headers: e.absent_headers,
                upstream,
            },
        })
    }
}

/// Every `.toml` file under `paths` (files as given, directories walked),
/// sorted within each directory.
pub fn case_files(paths: &[PathBuf]) -> Result<Vec<PathBuf>, CaseError> {
    let mut out = Vec::new();
    for p in paths {
        if p.is_dir() {
            walk(p, &mut out)?;
        } else if p.exists() {
            out.push(p.clone());
        } else {
            return Err(CaseError::Read {
                path: p.clone(),
                source: std::io::Error::new(std::io::ErrorKind::NotFound, "no such file"),
            });
        }
    }
    Ok(out)
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>) -> Result<(), CaseError> {
    let rd = std::fs::read_dir(dir).map_err(|source| CaseError::Read {
        path: dir.to_path_buf(),
        source,
    })?;
    let mut entries: Vec<PathBuf> = rd.filter_map(|e| e.ok().map(|e| e.path())).collect();
    entries.sort();
    for e in entries {
        if e.is_dir() {
            walk(&e, out)?;
        } else if e.extension().is_some_and(|x| x == "toml") {
            out.push(e);
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v(s: &str) -> Version {
        Version::parse(s).unwrap()
    }

    #[test]
    fn version_tags() {
        let ge = VersionTag::parse(">=1.22").unwrap();
        assert!(ge.matches(v("1.22.1")) && ge.matches(v("1.31.3")) && !ge.matches(v("1.21.6")));
        let lt = VersionTag::parse("<1.29.7").unwrap();
        assert!(lt.matches(v("1.22.1")) && !lt.matches(v("1.29.7")));
        let ex = VersionTag::parse("1.31").unwrap();
        assert!(ex.matches(v("1.31.3")) && !ex.matches(v("1.22.1")));
        let ex3 = VersionTag::parse("1.31.3").unwrap();
        assert!(ex3.matches(v("1.31.3")) && !ex3.matches(v("1.31.2")));
        assert!(VersionTag::parse("~1.2").is_none());
        assert!(VersionTag::parse(">=1").is_none());
        assert!(VersionTag::parse("1.2.3.4").is_none());
        let tags = [ge, lt];
        assert!(versions_match(&tags, v("1.22.1")));
        assert!(!versions_match(&tags, v("1.31.3")));
        assert!(versions_match(&[], v("1.0")));
        let either = [
            VersionTag::parse("1.22").unwrap(),
            VersionTag::parse("1.31").unwrap(),
        ];
        assert!(versions_match(&either, v("1.22.1")) && !versions_match(&either, v("1.25.0")));
    }

    const GOOD: &str = r#"
description = "d"
config = """
http { server { listen 127.0.0.1:{{port}}; location / { proxy_pass http://{{backend:b1}}; } } }
"""
[[request]]
path = "/"
[request.expect]
status = 200
[request.expect.upstream]
backend = "b1"
"#;

    #[test]
    fn loads_a_good_case() {
        let c = Case::from_toml(Path::new("x.toml"), GOOD).unwrap();
        assert_eq!(c.backend_names(), vec!["b1".to_string()]);
        assert_eq!(c.requests.len(), 1);
    }

    #[test]
    fn errors_name_the_file() {
        let bad = GOOD.replace("status = 200", "stauts = 200");
        let e = Case::from_toml(Path::new("cases/x.toml"), &bad).unwrap_err();
        let s = e.to_string();
        assert!(s.starts_with("cases/x.toml: "), "{s}");
        assert!(s.contains("stauts"), "{s}");
        let bad = GOOD.replace("backend = \"b1\"", "backend = \"b2\"");
        let s = Case::from_toml(Path::new("y.toml"), &bad)
            .unwrap_err()
            .to_string();
        assert!(s.contains("y.toml") && s.contains("b2"), "{s}");
        let bad = GOOD.replace("{{port}}", "{{prot}}");
        assert!(Case::from_toml(Path::new("z.toml"), &bad).is_err());
        assert!(Case::from_toml(Path::new("z.toml"), "not toml [").is_err());
    }

    const TLS: &str = r#"
description = "t"
modes = ["oracle", "runtime"]
config = """
http { server { listen 127.0.0.1:{{port}} ssl; server_name a.example;
  ssl_certificate {{cert:a.example}}; ssl_certificate_key {{key:a.example}};
  proxy_ssl_trusted_certificate {{ca}}; }
  server { listen 127.0.0.1:{{port}} ssl; ssl_certificate {{cert}}; ssl_certificate_key {{key}}; } }
"""
[[request]]
tls = true
sni = "a.example"
http2 = true
[request.expect]
cert_name = "a.example"
[[request]]
tls = true
[request.expect]
handshake_fails = true
"#;

    #[test]
    fn tls_requests_and_certificates() {
        let c = Case::from_toml(Path::new("t.toml"), TLS).unwrap();
        assert_eq!(c.cert_names(), vec!["a.example", "localhost"]);
        let t = c.requests[0].tls.as_ref().unwrap();
        assert_eq!((t.sni.as_deref(), t.http2), (Some("a.example"), true));
        assert_eq!(c.requests[1].tls.as_ref().unwrap().sni, None);
        assert!(c.requests[1].expect.handshake_fails);
        assert!(c.runs_in(super::super::ModeName::Runtime));
        assert!(!c.runs_in(super::super::ModeName::Ir));
        let bad = |from: &str, to: &str| {
            Case::from_toml(Path::new("t.toml"), &TLS.replacen(from, to, 1))
                .unwrap_err()
                .to_string()
        };
        assert!(
            bad("cert_name = \"a.example\"", "cert_name = \"b.example\"").contains("b.example")
        );
        assert!(bad("tls = true\nsni", "sni").contains("need `tls = true`"));
        assert!(bad("sni = \"a.example\"", "sni = \"a b\"").contains("not a DNS name"));
        assert!(bad(
            "handshake_fails = true",
            "handshake_fails = true\nstatus = 200"
        )
        .contains("excludes"));
        assert!(bad("\"oracle\", \"runtime\"", "\"ir\"").contains("oracle"));
        assert!(bad("\"oracle\", \"runtime\"", "\"oracle\", \"fast\"").contains("not a mode"));
        assert!(bad("{{ca}}", "{{cert:}}").contains("unknown placeholder"));
    }
}
