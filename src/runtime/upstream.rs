//! Proxying a request: choosing peers with the IR's balancers, the
//! keepalive pool, sending the request the IR built, reading the response
//! head (httparse), passing the response back with nginx's header rules,
//! and tunnelling upgraded connections (WebSocket) both ways.

use super::client::Client;
use super::wire::{self, Head};
use super::Generation;
use crate::ir::balance::Attempt;
use crate::ir::exec::{Body, Exec, ProxyPlan};
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::{Duration, Instant};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

/// A connection to an upstream: plain TCP or TLS.
pub trait Io: tokio::io::AsyncRead + tokio::io::AsyncWrite + Send + Unpin {}
impl<T: tokio::io::AsyncRead + tokio::io::AsyncWrite + Send + Unpin> Io for T {}
pub type UpStream = Box<dyn Io>;

/// rustls' verifier for `proxy_ssl_verify off` (nginx's default): any
/// certificate is accepted, the handshake's signatures are still checked.
#[derive(Debug)]
struct NoVerify(Arc<rustls::crypto::CryptoProvider>);

impl rustls::client::danger::ServerCertVerifier for NoVerify {
    fn verify_server_cert(
        &self,
        _end_entity: &rustls::pki_types::CertificateDer<'_>,
        _intermediates: &[rustls::pki_types::CertificateDer<'_>],
        _server_name: &rustls::pki_types::ServerName<'_>,
        _ocsp: &[u8],
        _now: rustls::pki_types::UnixTime,
    ) -> Result<rustls::client::danger::ServerCertVerified, rustls::Error> {
        Ok(rustls::client::danger::ServerCertVerified::assertion())
    }
    crate::tls::signatures_checked_by_provider!(0);
}

/// rustls' verifier for `proxy_ssl_verify on`: the chain against
/// `proxy_ssl_trusted_certificate` within `proxy_ssl_verify_depth`, then
/// the name, judged and worded as nginx (OpenSSL) does.
#[derive(Debug)]
struct VerifyUpstream {
    trust: crate::tls::x509::Trust,
    provider: Arc<rustls::crypto::CryptoProvider>,
}

impl rustls::client::danger::ServerCertVerifier for VerifyUpstream {
    fn verify_server_cert(
        &self,
        end_entity: &rustls::pki_types::CertificateDer<'_>,
        intermediates: &[rustls::pki_types::CertificateDer<'_>],
        server_name: &rustls::pki_types::ServerName<'_>,
        _ocsp: &[u8],
        now: rustls::pki_types::UnixTime,
    ) -> Result<rustls::client::danger::ServerCertVerified, rustls::Error> {
        use crate::tls::x509::Verdict;
        let mut chain = Vec::with_capacity(1 + intermediates.len());
        chain.push(end_entity.clone());
        chain.extend(intermediates.iter().cloned());
        match self.trust.verify(&chain, false, Some(server_name), now) {
            Verdict::Ok => Ok(rustls::client::danger::ServerCertVerified::assertion()),
            Verdict::Failed(62, _) => Err(rustls::Error::General(format!(
                "upstream SSL certificate does not match \"{}\"",
                server_name.to_str()
            ))),
            Verdict::Failed(code, why) => Err(rustls::Error::General(format!(
                "upstream SSL certificate verify error: ({code}:{why})"
            ))),
        }
    }
    crate::tls::signatures_checked_by_provider!(provider);
}

/// The rustls client configuration for an upstream's `proxy_ssl_*`.
fn client_tls(t: &crate::ir::exec::UpstreamTls) -> Result<Arc<rustls::ClientConfig>, String> {
    use rustls_pki_types::pem::PemObject;
    let base = rustls::crypto::aws_lc_rs::default_provider();
    // proxy_ssl_ciphers: the TLS 1.2 suites, in the string's order; TLS 1.3
    // suites are all offered, as OpenSSL does.
    let allowed = crate::tls::ciphers::evaluate(&t.ciphers)
        .map_err(|e| format!("SSL_CTX_set_cipher_list(\"{}\") failed ({e})", t.ciphers))?;
    let mut suites: Vec<rustls::SupportedCipherSuite> = allowed
        .iter()
        .filter_map(|a| {
            base.cipher_suites
                .iter()
                .find(|s| u16::from(s.suite()) == a.id && s.tls13().is_none())
                .copied()
        })
        .collect();
    suites.extend(
        base.cipher_suites
            .iter()
            .filter(|s| s.tls13().is_some())
            .copied(),
    );
    let provider = Arc::new(rustls::crypto::CryptoProvider {
        cipher_suites: suites,
        ..base
    });
    // proxy_ssl_protocols: of those rustls speaks.
    let versions: Vec<&'static rustls::SupportedProtocolVersion> = match &t.protocols {
        None => vec![&rustls::version::TLS13, &rustls::version::TLS12],
        Some(list) => {
            let mut v: Vec<&'static rustls::SupportedProtocolVersion> = Vec::new();
            if list.iter().any(|p| p == "TLSv1.3") {
                v.push(&rustls::version::TLS13);
            }
            if list.iter().any(|p| p == "TLSv1.2") {
                v.push(&rustls::version::TLS12);
            }
            if v.is_empty() {
                return Err(format!(
                    "no protocol of \"proxy_ssl_protocols {}\" is available to rginx (TLSv1.2, TLSv1.3)",
                    list.join(" ")
                ));
            }
            v
        }
    };
    let builder = rustls::ClientConfig::builder_with_provider(provider.clone())
        .with_protocol_versions(&versions)
        .map_err(|e| e.to_string())?;
    let builder = if t.verify {
        let mut trust = crate::tls::x509::Trust {
            anchors: Vec::new(),
            depth: t.verify_depth,
        };
        if let Some(p) = &t.trusted {
            trust.add_pem_file(p).map_err(|e| {
                format!(
                    "SSL_CTX_load_verify_locations(\"{}\") failed ({e})",
                    p.display()
                )
            })?;
        }
        builder
            .dangerous()
            .with_custom_certificate_verifier(Arc::new(VerifyUpstream {
                trust,
                provider: provider.clone(),
            }))
    } else {
        builder
            .dangerous()
            .with_custom_certificate_verifier(Arc::new(NoVerify(provider)))
    };
    let mut cfg = match &t.certificate {
        Some((cert, key)) => {
            let chain: Vec<rustls::pki_types::CertificateDer<'static>> =
                rustls::pki_types::CertificateDer::pem_file_iter(cert)
                    .and_then(|it| it.collect::<Result<Vec<_>, _>>())
                    .map_err(|e| format!("cannot load certificate \"{}\": {e}", cert.display()))?;
            let key = rustls::pki_types::PrivateKeyDer::from_pem_file(key)
                .map_err(|e| format!("cannot load certificate key \"{}\": {e}", key.display()))?;
            builder
                .with_client_auth_cert(chain, key)
                .map_err(|e| format!("proxy_ssl_certificate: {e}"))?
        }
        None => builder.with_no_client_auth(),
    };
    cfg.enable_sni = t.send_sni;
    // proxy_ssl_session_reuse: sessions kept per configuration (and so per
    // location's settings), resumed on the next connection.
    cfg.resumption = if t.session_reuse {
        rustls::client::Resumption::default()
    } else {
        rustls::client::Resumption::disabled()
    };
    Ok(Arc::new(cfg))
}

/// Connect to a peer, with TLS when the plan says so.
async fn connect(
    gen: &Generation,
    key: &PoolKey,
    peer: SocketAddr,
    tls: Option<&crate::ir::exec::UpstreamTls>,
    timeout: Duration,
) -> Result<UpStream, (u16, String)> {
    let tcp = match tokio::time::timeout(timeout, TcpStream::connect(peer)).await {
        Ok(Ok(s)) => s,
        Ok(Err(e)) => {
            return Err((
                502,
                format!(
                    "connect() failed ({e}) while connecting to upstream, upstream: \"{peer}\""
                ),
            ))
        }
        Err(_) => {
            return Err((
                504,
                format!("upstream timed out while connecting to upstream \"{peer}\""),
            ))
        }
    };
    let _ = tcp.set_nodelay(true);
    let Some(t) = tls else {
        return Ok(Box::new(tcp));
    };
    // One client configuration per set of proxy_ssl_* settings, made on
    // first use (it reads the trusted certificates).
    let cached = gen
        .upstream_tls
        .lock()
        .ok()
        .and_then(|c| c.get(&key.1).cloned());
    let cfg = match cached {
        Some(c) => c,
        None => {
            let c = client_tls(t).map_err(|e| (502, e))?;
            if let Ok(mut cache) = gen.upstream_tls.lock() {
                cache.insert(key.1.clone(), c.clone());
            }
            c
        }
    };
    let name = rustls::pki_types::ServerName::try_from(t.name.clone())
        .unwrap_or_else(|_| rustls::pki_types::ServerName::IpAddress(peer.ip().into()));
    match tokio::time::timeout(
        timeout,
        tokio_rustls::TlsConnector::from(cfg).connect(name, tcp),
    )
    .await
    {
        Ok(Ok(s)) => Ok(Box::new(s)),
        Ok(Err(e)) => {
            let e = e.to_string();
            // The verifier's verdict, in nginx's words.
            let message = if let Some(i) = e.find("upstream SSL certificate") {
                let e = &e[i..];
                format!("{e} while SSL handshaking to upstream, upstream: \"{peer}\"")
            } else {
                format!(
                    "SSL_do_handshake() failed ({e}) while SSL handshaking to upstream \"{peer}\""
                )
            };
            Err((502, message))
        }
        Err(_) => Err((
            504,
            format!("upstream timed out while SSL handshaking to upstream \"{peer}\""),
        )),
    }
}

/// How forwarding ended.
pub enum Forward {
    /// A response went to the client; keep the connection open or not.
    Done { keep: bool, status: u16, sent: u64 },
    /// No response could be had: nginx answers this status itself (502
    /// or 504, through error_page).
    Failed(u16),
    /// The client went away.
    ClientGone,
}

/// A peer and how rginx speaks to it: connections are reused only for the
/// same TLS settings (name, SNI, verification).
type PoolKey = (SocketAddr, String);

/// Idle upstream connections by peer.
#[derive(Default)]
pub struct Pool {
    idle: std::sync::Mutex<std::collections::HashMap<PoolKey, Vec<(UpStream, Instant)>>>,
}

impl Pool {
    fn take(&self, peer: PoolKey, timeout: Duration) -> Option<UpStream> {
        let mut idle = self.idle.lock().ok()?;
        let list = idle.get_mut(&peer)?;
        while let Some((s, since)) = list.pop() {
            if since.elapsed() < timeout {
                return Some(s);
            }
        }
        None
    }

    fn put(&self, peer: PoolKey, s: UpStream, max: usize) {
        if let Ok(mut idle) = self.idle.lock() {
            let list = idle.entry(peer).or_default();
            if list.len() < max {
                list.push((s, Instant::now()));
            }
        }
    }
}

fn setting_time(exec: &Exec, name: &str, default_secs: u64) -> Duration {
    exec.levels()
        .value(name)
        .and_then(|s| s.args.first())
        .and_then(|a| crate::check::value::parse_time(a, true))
        .map_or(Duration::from_secs(default_secs), Duration::from_millis)
}

/// Headers of an upstream response nginx never passes on: hop-by-hop
/// ones (it writes its own), and those `proxy_hide_header` hides by
/// default.
const HIDDEN: &[&str] = &[
    "connection",
    "keep-alive",
    "transfer-encoding",
    "date",
    "server",
    "x-pad",
    "x-accel-expires",
    "x-accel-redirect",
    "x-accel-limit-rate",
    "x-accel-buffering",
    "x-accel-charset",
];

struct UpstreamHead {
    status: u16,
    reason: String,
    http11: bool,
    headers: Vec<(String, String)>,
    len: usize,
}

fn parse_head(buf: &[u8]) -> Result<Option<UpstreamHead>, ()> {
    if buf.is_empty() {
        return Ok(None);
    }
    // Uninitialised slots: nothing to fill before parsing.
    let mut headers = [const { std::mem::MaybeUninit::uninit() }; 100];
    let mut resp = httparse::Response::new(&mut []);
    match httparse::ParserConfig::default().parse_response_with_uninit_headers(
        &mut resp,
        buf,
        &mut headers,
    ) {
        Ok(httparse::Status::Complete(len)) => Ok(Some(UpstreamHead {
            status: resp.code.unwrap_or(502),
            reason: resp.reason.unwrap_or("").to_string(),
            http11: resp.version == Some(1),
            headers: resp
                .headers
                .iter()
                .map(|h| {
                    (
                        h.name.to_string(),
                        String::from_utf8_lossy(h.value).trim().to_string(),
                    )
                })
                .collect(),
            len,
        })),
        Ok(httparse::Status::Partial) => Ok(None),
        Err(_) => Err(()),
    }
}

/// `proxy_redirect default`: a Location naming the proxied URL is
/// rewritten to the location's prefix; `off` leaves it; explicit pairs
/// replace a prefix.
fn redirect(exec: &Exec, url: &str, location: &str) -> String {
    let levels = exec.levels();
    let rules = levels.list("proxy_redirect");
    let default_rule = || -> Option<(String, String)> {
        let pass = exec
            .if_block
            .and_then(|b| b.block.iter().rev().find(|s| s.name == "proxy_pass"))
            .or_else(|| exec.loc.and_then(|l| l.setting("proxy_pass")))?;
        let pass_url = pass.args.first()?;
        if pass_url.contains('$') {
            return None;
        }
        let prefix = exec.loc.map(|l| l.pattern.clone()).unwrap_or_default();
        let uri_part = crate::ir::exec::split_url(pass_url).and_then(|(_, u)| u);
        let from = match uri_part {
            Some(_) => pass_url.clone(),
            None => format!("{pass_url}/"),
        };
        let to = match uri_part {
            Some(_) => prefix,
            None => "/".to_string(),
        };
        Some((from, to))
    };
    if rules.is_empty() {
        if let Some((from, to)) = default_rule() {
            if let Some(rest) = location.strip_prefix(from.as_str()) {
                return format!("{to}{rest}");
            }
        }
        return location.to_string();
    }
    for r in rules {
        match r.args.as_slice() {
            [off] if off == "off" => return location.to_string(),
            [d] if d == "default" => {
                if let Some((from, to)) = default_rule() {
                    if let Some(rest) = location.strip_prefix(from.as_str()) {
                        return format!("{to}{rest}");
                    }
                }
            }
            [from, to] => {
                let from = exec.eval(from);
                if let Some(rest) = location.strip_prefix(from.as_str()) {
                    return format!("{}{rest}", exec.eval(to));
                }
            }
            _ => {}
        }
    }
    let _ = url;
    location.to_string()
}

/// Send the request to the group's peers until one answers.
pub async fn forward(
    client: &mut Client,
    gen: &Generation,
    exec: &mut Exec<'_>,
    plan: &ProxyPlan,
    client_keepalive: bool,
) -> Forward {
    let group = &plan.group;
    let connect_timeout = setting_time(exec, "proxy_connect_timeout", 60);
    let read_timeout = setting_time(exec, "proxy_read_timeout", 60);
    let send_timeout = setting_time(exec, "proxy_send_timeout", 60);
    let mut attempt = Attempt::default();
    let mut tries = if plan.tries == 0 {
        group.tries()
    } else {
        plan.tries
    };
    // A body with Content-Length that was not read yet is read now (into
    // memory up to client_body_buffer_size, then a temporary file), so a
    // retry on the next peer can send it again.
    let mut body: Option<super::body::Stored> = match (&plan.body, plan.body_len) {
        (Some(b), _) => Some(super::body::Stored::Memory(b.clone())),
        (None, Some(n)) if n > 0 => {
            let levels = exec.levels();
            let limit = levels
                .value("client_body_buffer_size")
                .and_then(|s| s.args.first())
                .and_then(|a| crate::check::value::parse_size(a, false))
                .unwrap_or(16 * 1024) as usize;
            let dir = levels
                .value("client_body_temp_path")
                .and_then(|s| s.args.first())
                .map_or_else(
                    || gen.prefix.join("client_body_temp"),
                    |p| gen.prefix.join(p),
                );
            let body_timeout = setting_time(exec, "client_body_timeout", 60);
            let mut sink = super::body::Sink::new(limit, dir);
            if client
                .read_body_into(n, &mut sink, body_timeout)
                .await
                .is_err()
            {
                return Forward::ClientGone;
            }
            match sink.finish().await {
                Ok(stored) => Some(stored),
                Err(e) => {
                    gen.log(
                        "crit",
                        None,
                        &format!("writing the request body failed ({e})"),
                    );
                    return Forward::Failed(500);
                }
            }
        }
        _ => None,
    };
    let upgrade = exec
        .headers
        .iter()
        .any(|(n, _)| n.eq_ignore_ascii_case("upgrade"));
    loop {
        if tries == 0 {
            return Forward::Failed(502);
        }
        let picked = {
            let mut balancers = gen.balancers.lock().expect("balancer lock");
            let b = balancers
                .entry(group.name.clone())
                .or_insert_with(|| crate::ir::balance::Balancer::new(group));
            b.pick(group, &mut attempt, exec.remote.ip(), &plan.hash_key)
        };
        let Some(i) = picked else {
            gen.log(
                "error",
                None,
                &format!(
                    "no live upstreams while connecting to upstream \"{}\"",
                    group.name
                ),
            );
            return Forward::Failed(502);
        };
        tries -= 1;
        let peer = group.peers[i].addr;
        exec.upstream_addrs.push(peer);
        let started = Instant::now();
        let keepalive_max = group.keepalive.unwrap_or(
            if crate::profile::has(
                exec.version,
                crate::profile::Behaviour::UpstreamHttp11Keepalive,
            ) {
                32
            } else {
                0
            },
        ) as usize;
        let key: PoolKey = (
            peer,
            plan.tls
                .as_ref()
                .map(|t| format!("{t:?}"))
                .unwrap_or_default(),
        );
        let pooled = if keepalive_max > 0 {
            gen.pool.take(key.clone(), Duration::from_secs(60))
        } else {
            None
        };
        let mut stream = match pooled {
            Some(s) => s,
            None => match connect(gen, &key, peer, plan.tls.as_ref(), connect_timeout).await {
                Ok(s) => s,
                Err((code, message)) => {
                    gen.log("error", None, &message);
                    fail(gen, group, i);
                    if plan.next_on_error {
                        continue;
                    }
                    return Forward::Failed(code);
                }
            },
        };
        let mut head = Vec::with_capacity(512);
        // The client's bytes as it sent them (see `octets`).
        crate::octets::push_bytes(&plan.request_line, &mut head);
        head.extend_from_slice(b"\r\n");
        for (n, v) in &plan.headers {
            crate::octets::push_bytes(n, &mut head);
            head.extend_from_slice(b": ");
            crate::octets::push_bytes(v, &mut head);
            head.extend_from_slice(b"\r\n");
        }
        head.extend_from_slice(b"\r\n");
        if let Some(super::body::Stored::Memory(b)) = &body {
            head.extend_from_slice(b);
        }
        let mut sent = tokio::time::timeout(send_timeout, stream.write_all(&head)).await;
        if let (Ok(Ok(())), Some(stored @ super::body::Stored::File { .. })) = (&sent, &mut body) {
            sent = tokio::time::timeout(send_timeout, stored.send(&mut stream)).await;
        }
        if !matches!(sent, Ok(Ok(()))) {
            fail(gen, group, i);
            if plan.next_on_error {
                continue;
            }
            return Forward::Failed(502);
        }
        // The response head.
        let mut buf: Vec<u8> = Vec::with_capacity(4096);
        let parsed = loop {
            match parse_head(&buf) {
                Ok(Some(h)) if h.status >= 100 && h.status < 200 && h.status != 101 => {
                    buf.drain(..h.len);
                    continue;
                }
                Ok(Some(h)) => break Ok(h),
                Ok(None) => {}
                Err(()) => break Err(502),
            }
            buf.reserve(4096);
            match tokio::time::timeout(read_timeout, stream.read_buf(&mut buf)).await {
                Ok(Ok(0)) => break Err(502),
                Ok(Ok(_)) => {}
                Ok(Err(_)) => break Err(502),
                Err(_) => break Err(504),
            }
        };
        let mut h = match parsed {
            Ok(h) => h,
            Err(code) => {
                gen.log(
                    "error",
                    None,
                    &format!("upstream prematurely closed connection while reading response header from upstream \"{peer}\""),
                );
                fail(gen, group, i);
                if plan.next_on_error && code == 502 {
                    continue;
                }
                return Forward::Failed(code);
            }
        };
        buf.drain(..h.len);
        exec.upstream_response_time = Some(started.elapsed());
        exec.upstream_headers = std::mem::take(&mut h.headers);
        // proxy_intercept_errors: an error status error_page handles is
        // answered as if rginx had met it (a 401 keeps its challenges).
        let intercept = exec
            .levels()
            .value("proxy_intercept_errors")
            .and_then(|s| s.args.first())
            .is_some_and(|a| a == "on");
        if intercept && h.status >= 300 && has_error_page(exec, h.status) {
            if h.status == 401 {
                let joined = crate::profile::has(
                    exec.version,
                    crate::profile::Behaviour::JoinedResponseVariables,
                );
                let challenges: Vec<(String, String)> = exec
                    .upstream_headers
                    .iter()
                    .filter(|(n, _)| n.eq_ignore_ascii_case("www-authenticate"))
                    .take(if joined { usize::MAX } else { 1 })
                    .cloned()
                    .collect();
                exec.carried_headers = challenges;
            }
            return Forward::Failed(h.status);
        }
        drop(head);
        return respond(
            client,
            gen,
            exec,
            stream,
            key,
            h,
            buf,
            upgrade,
            client_keepalive,
            keepalive_max,
        )
        .await;
    }
}

/// Whether `error_page` in effect handles a status.
fn has_error_page(exec: &Exec, status: u16) -> bool {
    exec.levels()
        .list("error_page")
        .iter()
        .any(|p| p.args.iter().any(|a| a.parse::<u16>().ok() == Some(status)))
}

fn fail(gen: &Generation, group: &crate::ir::balance::Group, i: usize) {
    if let Ok(mut balancers) = gen.balancers.lock() {
        if let Some(b) = balancers.get_mut(&group.name) {
            b.failed(group, i);
        }
    }
}

#[allow(clippy::too_many_arguments)]
async fn respond(
    client: &mut Client,
    gen: &Generation,
    exec: &mut Exec<'_>,
    mut stream: UpStream,
    peer: PoolKey,
    h: UpstreamHead,
    mut buf: Vec<u8>,
    upgrade: bool,
    client_keepalive: bool,
    keepalive_max: usize,
) -> Forward {
    let head_only = exec.method == "HEAD" || matches!(h.status, 204 | 304);
    // Taken out while the response is built from them, put back for the
    // variables (`$upstream_http_*`) the response's own headers may use.
    let upstream_headers = std::mem::take(&mut exec.upstream_headers);
    let header = |name: &str| {
        upstream_headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    };
    let contains = |value: &str, word: &str| {
        value
            .as_bytes()
            .windows(word.len())
            .any(|w| w.eq_ignore_ascii_case(word.as_bytes()))
    };
    let upstream_len: Option<u64> = header("content-length").and_then(|v| v.parse().ok());
    let upstream_chunked = header("transfer-encoding").is_some_and(|v| contains(v, "chunked"));
    let upstream_close = !h.http11 || header("connection").is_some_and(|v| contains(v, "close"));
    let levels = exec.levels();
    let hide = levels.list("proxy_hide_header");
    let pass = levels.list("proxy_pass_header");
    let listed = |list: &[&crate::ir::location::Setting], name: &str| {
        list.iter()
            .any(|s| s.args.first().is_some_and(|a| a.eq_ignore_ascii_case(name)))
    };
    let switching = h.status == 101 && upgrade;
    let mut content_type = None;
    let mut passed = Vec::with_capacity(upstream_headers.len());
    for (n, v) in &upstream_headers {
        if n.eq_ignore_ascii_case("content-type") {
            content_type = Some(v.clone());
            continue;
        }
        if n.eq_ignore_ascii_case("content-length") {
            continue;
        }
        if switching && n.eq_ignore_ascii_case("upgrade") {
            passed.push((n.clone(), v.clone()));
            continue;
        }
        let hidden = (HIDDEN.iter().any(|x| n.eq_ignore_ascii_case(x)) && !listed(&pass, n))
            || listed(&hide, n);
        if hidden {
            continue;
        }
        if n.eq_ignore_ascii_case("location") {
            passed.push((n.clone(), redirect(exec, "", v)));
            continue;
        }
        passed.push((n.clone(), v.clone()));
    }
    if exec.http.uses_sent_http {
        let mut sent_headers = passed.clone();
        if let Some(t) = &content_type {
            sent_headers.push(("Content-Type".into(), t.clone()));
        }
        exec.sent_headers = sent_headers;
    }
    exec.upstream_headers = upstream_headers;
    let reply = exec.proxied(h.status, passed, Body::Empty);
    let server = server_header(exec);
    if switching {
        let mut out = Vec::new();
        Head {
            status: 101,
            reason: Some(&h.reason)
                .filter(|r| !r.is_empty())
                .map(String::as_str),
            server: server.as_deref(),
            content_type: None,
            content_length: None,
            chunked: false,
            keepalive: None,
            keepalive_header: None,
            headers: &reply.headers,
        }
        .write(&mut out);
        if client.write_all(&out).await.is_err() {
            return Forward::ClientGone;
        }
        // A tunnel may stay open for hours: keep nothing of the request
        // and response heads while it does.
        // (The client's headers stay: the access log line may use them.)
        drop((out, reply, h, server));
        let idle = setting_time(exec, "proxy_read_timeout", 60);
        let sent = tunnel(client, stream, buf, idle).await;
        return Forward::Done {
            keep: false,
            status: 101,
            sent,
        };
    }
    // Framing towards the client.
    let known_len = if head_only {
        upstream_len
    } else {
        upstream_len.filter(|_| !upstream_chunked)
    };
    let chunked_out = !head_only && known_len.is_none() && exec.req.protocol == "HTTP/1.1";
    let keep = client_keepalive && (known_len.is_some() || chunked_out || head_only);
    let (on, ka_header) = exec.keepalive_settings();
    let keep = keep && on;
    let status = reply.status;
    let mut out = Vec::new();
    Head {
        status,
        reason: wire::reason(status)
            .is_none()
            .then_some(h.reason.as_str())
            .filter(|r| !r.is_empty()),
        server: server.as_deref(),
        content_type: content_type.as_deref(),
        content_length: known_len,
        chunked: chunked_out,
        keepalive: Some(keep),
        keepalive_header: ka_header.as_deref(),
        headers: &reply.headers,
    }
    .write(&mut out);
    // The head waits to go out with the first body bytes.
    let mut pending = out;
    let read_timeout = setting_time(exec, "proxy_read_timeout", 60);
    let mut sent: u64 = 0;
    let mut complete = head_only;
    if !head_only {
        if upstream_chunked {
            // Re-frame: read chunks, pass their data on.
            loop {
                let (start, size) = loop {
                    match httparse::parse_chunk_size(&buf) {
                        Ok(httparse::Status::Complete(x)) => break Some(x),
                        Ok(httparse::Status::Partial) => {}
                        Err(_) => break None,
                    }
                    if !read_more(&mut stream, &mut buf, read_timeout).await {
                        break None;
                    }
                }
                .unwrap_or((0, u64::MAX));
                if size == u64::MAX {
                    break;
                }
                if size == 0 {
                    // Skip trailers.
                    buf.drain(..start);
                    while !buf.windows(2).any(|w| w == b"\r\n") {
                        if !read_more(&mut stream, &mut buf, read_timeout).await {
                            break;
                        }
                    }
                    complete = true;
                    break;
                }
                let size = size as usize;
                while buf.len() < start + size + 2 {
                    if !read_more(&mut stream, &mut buf, read_timeout).await {
                        break;
                    }
                }
                if buf.len() < start + size + 2 {
                    break;
                }
                let mut out = Vec::with_capacity(size + 16);
                let data = &buf[start..start + size];
                if chunked_out {
                    wire::chunk(data, &mut out);
                } else {
                    out.extend_from_slice(data);
                }
                sent += size as u64;
                if !send(client, &mut pending, &out).await {
                    return Forward::ClientGone;
                }
                buf.drain(..start + size + 2);
            }
        } else if let Some(len) = upstream_len {
            let mut left = len;
            loop {
                let take = (buf.len() as u64).min(left) as usize;
                if take > 0 {
                    if !send(client, &mut pending, &buf[..take]).await {
                        return Forward::ClientGone;
                    }
                    buf.drain(..take);
                    left -= take as u64;
                    sent += take as u64;
                }
                if left == 0 {
                    complete = true;
                    break;
                }
                if !read_more(&mut stream, &mut buf, read_timeout).await {
                    break;
                }
            }
        } else {
            // Until the upstream closes.
            loop {
                if !buf.is_empty() {
                    let mut out = Vec::new();
                    if chunked_out {
                        wire::chunk(&buf, &mut out);
                    } else {
                        out.extend_from_slice(&buf);
                    }
                    sent += buf.len() as u64;
                    buf.clear();
                    if !send(client, &mut pending, &out).await {
                        return Forward::ClientGone;
                    }
                }
                if !read_more(&mut stream, &mut buf, read_timeout).await {
                    break;
                }
            }
        }
        if chunked_out && !send(client, &mut pending, wire::LAST_CHUNK).await {
            return Forward::ClientGone;
        }
    }
    // A head-only response (or a body that never came) is written now.
    if !pending.is_empty() && client.write_all(&pending).await.is_err() {
        return Forward::ClientGone;
    }
    if complete && !upstream_close && keepalive_max > 0 && buf.is_empty() {
        gen.pool.put(peer, stream, keepalive_max);
    }
    Forward::Done {
        keep: keep && (complete || chunked_out),
        status,
        sent,
    }
}

/// Write `data` to the client, after the response head still pending
/// (so head and first body bytes go out in one write).
async fn send(client: &mut Client, pending: &mut Vec<u8>, data: &[u8]) -> bool {
    if pending.is_empty() {
        return client.write_all(data).await.is_ok();
    }
    pending.extend_from_slice(data);
    let ok = client.write_all(pending).await.is_ok();
    pending.clear();
    ok
}

/// Read more upstream bytes; false at end or on error/timeout.
async fn read_more(stream: &mut UpStream, buf: &mut Vec<u8>, timeout: Duration) -> bool {
    buf.reserve(16 * 1024);
    matches!(
        tokio::time::timeout(timeout, stream.read_buf(buf)).await,
        Ok(Ok(n)) if n > 0
    )
}

/// The Server header rginx sends (`server_tokens`).
pub fn server_header(exec: &Exec) -> Option<String> {
    let tokens = exec
        .levels()
        .value("server_tokens")
        .and_then(|s| s.args.first())
        .map_or("on", String::as_str);
    Some(match tokens {
        "off" => "rginx".to_string(),
        "build" | "on" => concat!("rginx/", env!("CARGO_PKG_VERSION")).to_string(),
        other => other.to_string(),
    })
}

/// Pass bytes both ways until either side closes or stays idle past
/// `proxy_read_timeout`/`proxy_send_timeout`; returns bytes sent to the
/// client.
/// A tunnel's read buffers: from this size…
const TUNNEL_BUFFER_MIN: usize = 1024;
/// …up to this one (nginx's proxy_buffer_size is 4k or 8k; more room
/// only means fewer reads for bulk transfers).
const TUNNEL_BUFFER_MAX: usize = 16 * 1024;

fn grow_if_full(buf: &mut Vec<u8>, read: usize) {
    if read == buf.len() && buf.len() < TUNNEL_BUFFER_MAX {
        buf.resize(buf.len() * 2, 0);
    }
}

async fn tunnel(
    client: &mut Client,
    mut upstream: UpStream,
    early: Vec<u8>,
    idle: Duration,
) -> u64 {
    let mut sent = 0u64;
    if !early.is_empty() {
        if client.write_all(&early).await.is_err() {
            return 0;
        }
        sent += early.len() as u64;
    }
    // Idle tunnels are most of a WebSocket proxy's memory: keep nothing
    // but two small buffers.
    drop(early);
    // What the client sent after its handshake goes first; the buffer's
    // room is given back either way.
    let pending = std::mem::take(&mut client.buf);
    if !pending.is_empty() && upstream.write_all(&pending).await.is_err() {
        return sent;
    }
    drop(pending);
    let (mut ur, mut uw) = tokio::io::split(upstream);
    // Each direction's buffer starts small (most tunnels are idle, most
    // WebSocket messages short) and doubles when a read fills it.
    let mut a = vec![0u8; TUNNEL_BUFFER_MIN];
    let mut b = vec![0u8; TUNNEL_BUFFER_MIN];
    // One idle timer for the tunnel, moved only when it fires (as nginx
    // defers timer updates): a message costs a clock read, not a timer.
    let timer = tokio::time::sleep(idle);
    tokio::pin!(timer);
    let mut last = tokio::time::Instant::now();
    loop {
        tokio::select! {
            r = client.rd.read(&mut a) => match r {
                Ok(n) if n > 0 => {
                    if uw.write_all(&a[..n]).await.is_err() { break; }
                    last = tokio::time::Instant::now();
                    grow_if_full(&mut a, n);
                }
                _ => break,
            },
            r = ur.read(&mut b) => match r {
                Ok(n) if n > 0 => {
                    if client.wr.write_all(&b[..n]).await.is_err() { break; }
                    sent += n as u64;
                    last = tokio::time::Instant::now();
                    grow_if_full(&mut b, n);
                }
                _ => break,
            },
            () = &mut timer => {
                let due = last + idle;
                if due <= tokio::time::Instant::now() {
                    break;
                }
                timer.as_mut().reset(due);
            }
        }
    }
    let _ = uw.shutdown().await;
    let _ = client.wr.shutdown().await;
    sent
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tunnel_buffers_double_when_filled_up_to_the_cap() {
        let mut buf = vec![0u8; TUNNEL_BUFFER_MIN];
        grow_if_full(&mut buf, 10);
        assert_eq!(buf.len(), TUNNEL_BUFFER_MIN);
        let mut sizes = Vec::new();
        for _ in 0..10 {
            let n = buf.len();
            grow_if_full(&mut buf, n);
            sizes.push(buf.len());
        }
        assert_eq!(sizes[0], 2 * TUNNEL_BUFFER_MIN);
        assert_eq!(*sizes.last().unwrap(), TUNNEL_BUFFER_MAX);
    }
}
