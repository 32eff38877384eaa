//! Proxying a request: choosing peers with the IR's balancers, the
//! keepalive pool, sending the request the IR built, reading the response
//! head (judged by `upstream_head` as nginx judges it), passing the
//! response back with nginx's header rules, and tunnelling upgraded
//! connections (WebSocket) both ways.

use super::client::Client;
use super::error::Error;
use super::head::ChunkStatus;
use super::upstream_head::{self, Limits, Response, Verdict};
use super::wire::{self, Head};
use super::Generation;
use crate::exec::{Exec, ProxyPlan};
use crate::ir::balance::Attempt;
use futures_util::FutureExt;
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
fn client_tls(t: &crate::exec::UpstreamTls) -> Result<Arc<rustls::ClientConfig>, String> {
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

/// Why a peer gave no response, and what rginx was doing (see
/// [`log_upstream`]).
type PeerError = (Error, &'static str);

const CONNECTING: &str = "connecting to upstream";
const HANDSHAKING: &str = "SSL handshaking to upstream";

/// Connect to a peer, with TLS when the plan says so.
async fn connect(
    gen: &Generation,
    key: &PoolKey,
    peer: SocketAddr,
    tls: Option<&crate::exec::UpstreamTls>,
    timeout: Duration,
) -> Result<UpStream, PeerError> {
    let tcp = match tokio::time::timeout(timeout, TcpStream::connect(peer)).await {
        Ok(Ok(s)) => s,
        Ok(Err(e)) => {
            return Err((
                Error::Connect(crate::syntax::include::errno_text(&e)),
                CONNECTING,
            ))
        }
        Err(_) => return Err((Error::TimedOut, CONNECTING)),
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
            let c = client_tls(t).map_err(|e| (Error::Tls(e), HANDSHAKING))?;
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
            let message = match e.find("upstream SSL certificate") {
                Some(i) => e[i..].to_string(),
                None => format!("SSL_do_handshake() failed ({e})"),
            };
            Err((Error::Tls(message), HANDSHAKING))
        }
        Err(_) => Err((Error::TimedOut, HANDSHAKING)),
    }
}

/// An upstream's `[error]` or `[warn]` line as nginx words it
/// (`ngx_http_log_error_handler`): the message, " while " what was being
/// done, then the client, the server, the request line, the upstream
/// (scheme, peer and the URI sent), the Host and Referer headers. The
/// message's bytes are written as they came (`octets`).
fn log_upstream(
    gen: &Generation,
    exec: &Exec,
    plan: &ProxyPlan,
    peer: SocketAddr,
    level: &str,
    message: &[u8],
    action: &str,
) {
    use std::fmt::Write;
    let req = exec.req;
    let mut line = crate::octets::to_text(message);
    let _ = write!(
        line,
        " while {action}, client: {}, server: {}, request: \"{} {}",
        exec.remote.ip(),
        exec.server.primary_name,
        req.method,
        req.target
    );
    if !req.protocol.is_empty() {
        let _ = write!(line, " {}", req.protocol);
    }
    let scheme = if plan.tls.is_some() { "https" } else { "http" };
    let uri = plan.request_line.split(' ').nth(1).unwrap_or("");
    let _ = write!(line, "\", upstream: \"{scheme}://{peer}{uri}\"");
    let header = |name: &str| {
        req.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v)
    };
    if let Some(h) = header("host") {
        let _ = write!(line, ", host: \"{h}\"");
    }
    if let Some(r) = header("referer") {
        let _ = write!(line, ", referrer: \"{r}\"");
    }
    gen.log_in(exec, level, exec.connection.map(|c| c.0), &line);
}

/// How forwarding ended.
pub enum Forward {
    /// A response went to the client; keep the connection open or not.
    Done { keep: bool, status: u16, sent: u64 },
    /// No response could be had: nginx answers `status()` itself
    /// (through error_page), or closes when the client went away.
    Failed(Error),
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

/// Send the request to the group's peers until one answers.
pub async fn forward(
    client: &mut Client,
    gen: &Generation,
    exec: &mut Exec<'_>,
    plan: &ProxyPlan,
    client_keepalive: bool,
) -> Forward {
    let group = &plan.group;
    let connect_timeout = exec.conf().proxy_connect_timeout;
    let read_timeout = exec.conf().proxy_read_timeout;
    let send_timeout = exec.conf().proxy_send_timeout;
    // nginx reads the response head into one buffer of this size.
    let buffer_size = usize::try_from(exec.conf().proxy_buffer_size).unwrap_or(usize::MAX);
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
            let conf = exec.conf();
            let limit = usize::try_from(conf.client_body_buffer_size).unwrap_or(usize::MAX);
            let dir = gen.prefix.join(&conf.client_body_temp_path);
            let body_timeout = exec.conf().client_body_timeout;
            let mut sink = super::body::Sink::new(limit, dir);
            if client
                .read_body_into(n, &mut sink, body_timeout)
                .await
                .is_err()
            {
                return Forward::Failed(Error::ClientGone);
            }
            match sink.finish().await {
                Ok(stored) => Some(stored),
                Err(e) => {
                    let e = Error::BodyTemp(e.to_string());
                    gen.log_in(exec, "crit", exec.connection.map(|c| c.0), &e.to_string());
                    return Forward::Failed(e);
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
            return Forward::Failed(Error::NoTries);
        }
        let picked = {
            let mut balancers = gen.balancers.lock().expect("balancer lock");
            let b = balancers
                .entry(group.name.clone())
                .or_insert_with(|| crate::ir::balance::Balancer::new(group));
            b.pick(group, &mut attempt, exec.remote.ip(), &plan.hash_key)
        };
        let Some(i) = picked else {
            let e = Error::NoLiveUpstreams(group.name.clone());
            gen.log_in(exec, "error", exec.connection.map(|c| c.0), &e.to_string());
            return Forward::Failed(e);
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
        // An idle connection the upstream closed (or sent bytes on) is
        // not reused: nginx closes it when that happens.
        let mut pooled = None;
        let idle = |key: &PoolKey| {
            (keepalive_max > 0)
                .then(|| gen.pool.take(key.clone(), Duration::from_secs(60)))
                .flatten()
        };
        while let Some(mut s) = idle(&key) {
            // One poll, no timer: a zero timeout would wait for the timer
            // wheel's next tick (a millisecond per request).
            let mut probe = [0u8; 1];
            if s.read(&mut probe).now_or_never().is_none() {
                pooled = Some(s);
                break;
            }
        }
        let cached = pooled.is_some();
        let mut stream = match pooled {
            Some(s) => s,
            None => match connect(gen, &key, peer, plan.tls.as_ref(), connect_timeout).await {
                Ok(s) => s,
                Err((e, action)) => {
                    let message = e.to_string();
                    log_upstream(gen, exec, plan, peer, "error", message.as_bytes(), action);
                    fail(gen, group, i);
                    if plan.next_on_error {
                        continue;
                    }
                    return Forward::Failed(e);
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
            return Forward::Failed(Error::Send);
        }
        // The response head, judged as nginx judges it.
        let limits = Limits {
            buffer_size,
            head_request: plan.request_line.starts_with("HEAD "),
            version: exec.version,
        };
        let mut buf: Vec<u8> = Vec::with_capacity(buffer_size);
        let read = loop {
            match upstream_head::parse_response_head(&buf, &limits) {
                Verdict::Partial => {}
                v => break Ok(v),
            }
            buf.reserve(buffer_size);
            match tokio::time::timeout(read_timeout, stream.read_buf(&mut buf)).await {
                Ok(Ok(0)) => break Err(Error::PrematureClose),
                Ok(Ok(_)) => {}
                Ok(Err(e)) => {
                    let e = crate::syntax::include::errno_text(&e);
                    break Err(Error::Recv(e));
                }
                Err(_) => break Err(Error::TimedOut),
            }
        };
        let h = match read {
            Ok(Verdict::Complete(h)) => h,
            Ok(Verdict::Http09 { body_start, log }) => {
                log_upstream(gen, exec, plan, peer, "error", &log, upstream_head::ACTION);
                exec.upstream_response_time = Some(started.elapsed());
                buf.drain(..body_start);
                let head_request = exec.method == "HEAD";
                return http09(client, head_request, stream, buf, read_timeout).await;
            }
            Ok(Verdict::Invalid { log }) => {
                log_upstream(gen, exec, plan, peer, "error", &log, upstream_head::ACTION);
                fail(gen, group, i);
                if plan.next_on_invalid_header {
                    continue;
                }
                return Forward::Failed(Error::InvalidHeader);
            }
            // Only a verdict ends the loop.
            Ok(Verdict::Partial) => return Forward::Failed(Error::InvalidHeader),
            Err(e) => {
                let message = e.to_string();
                let message = message.as_bytes();
                log_upstream(
                    gen,
                    exec,
                    plan,
                    peer,
                    "error",
                    message,
                    upstream_head::ACTION,
                );
                fail(gen, group, i);
                // A read timeout is nginx's `timeout`, not an `error`,
                // for proxy_next_upstream.
                if plan.next_on_error && e != Error::TimedOut {
                    // A kept-alive connection that failed costs no try
                    // (`ngx_http_upstream_next`).
                    if cached {
                        tries += 1;
                    }
                    continue;
                }
                return Forward::Failed(e);
            }
        };
        for w in &h.warnings {
            log_upstream(gen, exec, plan, peer, "warn", w, upstream_head::ACTION);
        }
        buf.drain(..h.length);
        exec.upstream_response_time = Some(started.elapsed());
        // The lines nginx keeps, their bytes carried as text.
        exec.upstream_headers = h
            .headers
            .iter()
            .enumerate()
            .filter(|(k, _)| !h.ignored.contains(k))
            .map(|(_, (n, v))| (crate::octets::to_text(n), crate::octets::to_text(v)))
            .collect();
        drop(head);
        return respond(
            client,
            gen,
            exec,
            plan,
            stream,
            key,
            (&h, &limits),
            buf,
            upgrade,
            client_keepalive,
            keepalive_max,
        )
        .await;
    }
}

fn fail(gen: &Generation, group: &crate::ir::balance::Group, i: usize) {
    if let Ok(mut balancers) = gen.balancers.lock() {
        if let Some(b) = balancers.get_mut(&group.name) {
            b.failed(group, i);
        }
    }
}

/// An answer without a status line (`Verdict::Http09`): the upstream's
/// bytes passed on as they come until it closes, as nginx answers an
/// HTTP/0.9 request (no head; `$status` 200; the client connection closed
/// after; nothing for HEAD).
async fn http09(
    client: &mut Client,
    head_request: bool,
    mut stream: UpStream,
    mut buf: Vec<u8>,
    read_timeout: Duration,
) -> Forward {
    let mut sent = 0u64;
    if !head_request {
        loop {
            if !buf.is_empty() {
                if client.write_all(&buf).await.is_err() {
                    return Forward::Failed(Error::ClientGone);
                }
                sent += buf.len() as u64;
                buf.clear();
            }
            if !read_more(&mut stream, &mut buf, read_timeout).await {
                break;
            }
        }
    }
    Forward::Done {
        keep: false,
        status: 200,
        sent,
    }
}

#[allow(clippy::too_many_arguments)]
async fn respond(
    client: &mut Client,
    gen: &Generation,
    exec: &mut Exec<'_>,
    plan: &ProxyPlan,
    mut stream: UpStream,
    peer: PoolKey,
    (h, limits): (&Response, &Limits),
    mut buf: Vec<u8>,
    upgrade: bool,
    client_keepalive: bool,
    keepalive_max: usize,
) -> Forward {
    let head_only = h.no_body(limits);
    let upstream_len = h.content_length;
    let reply = match exec.upstream_answered(h.status, upgrade) {
        crate::exec::proxy::Answer::Pass(reply) => reply,
        crate::exec::proxy::Answer::Intercepted(status) => {
            return Forward::Failed(Error::Intercepted(status))
        }
    };
    let switching = h.status == 101 && upgrade;
    let content_type = reply.content_type.clone();
    let server = server_header(exec);
    // nginx passes the upstream's status line on as it came ("200",
    // "403.1 Forbidden") unless the status was changed.
    let status_line = (reply.status == h.status).then(|| crate::octets::to_text(&h.status_line));
    if switching {
        let mut out = Vec::new();
        Head {
            status: 101,
            status_line: status_line.as_deref(),
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
            return Forward::Failed(Error::ClientGone);
        }
        // A tunnel may stay open for hours: keep nothing of the request
        // and response heads while it does.
        // (The client's headers stay: the access log line may use them.)
        drop((out, reply, server, status_line));
        let idle = exec.conf().proxy_read_timeout;
        let sent = tunnel(client, stream, buf, idle).await;
        return Forward::Done {
            keep: false,
            status: 101,
            sent,
        };
    }
    // Framing towards the client.
    let chunked_out = !head_only && upstream_len.is_none() && exec.req.protocol == "HTTP/1.1";
    let keep = client_keepalive && (upstream_len.is_some() || chunked_out || head_only);
    let (on, ka_header) = exec.keepalive_settings();
    let keep = keep && on;
    let status = reply.status;
    let mut out = Vec::new();
    Head {
        status,
        status_line: status_line.as_deref(),
        server: server.as_deref(),
        content_type: content_type.as_deref(),
        content_length: upstream_len,
        chunked: chunked_out,
        keepalive: Some(keep),
        keepalive_header: ka_header.as_deref(),
        headers: &reply.headers,
    }
    .write(&mut out);
    drop(status_line);
    // The head waits to go out with the first body bytes.
    let mut pending = out;
    let read_timeout = exec.conf().proxy_read_timeout;
    let mut sent: u64 = 0;
    let mut complete = head_only;
    // The body ended before its end: nginx logs it and closes the client
    // connection (a chunked response gets no last chunk). Confirmed on
    // 1.22.1 and 1.31.3: after a premature close the client has the head
    // and the data so far; after an invalid chunk, nothing (the head and
    // the data read with the error were still buffered).
    let broken = |exec: &Exec, message: &str, sent: u64| {
        log_upstream(
            gen,
            exec,
            plan,
            peer.0,
            "error",
            message.as_bytes(),
            "reading upstream",
        );
        Forward::Done {
            keep: false,
            status,
            sent,
        }
    };
    if !head_only {
        if h.chunked {
            // Re-frame: the chunks' data, passed on as it comes.
            let mut chunks = upstream_head::chunked_body(exec.version);
            let mut data = Vec::new();
            loop {
                data.clear();
                match chunks.feed(&buf, &mut data) {
                    Ok(ChunkStatus::NeedMore { consumed }) => {
                        buf.drain(..consumed);
                    }
                    Ok(ChunkStatus::Done { consumed }) => {
                        buf.drain(..consumed);
                        complete = true;
                    }
                    // What was read with the error is not passed on.
                    Err(_) => return broken(exec, upstream_head::INVALID_CHUNKED, sent),
                }
                if !data.is_empty() {
                    sent += data.len() as u64;
                    let ok = if chunked_out {
                        let mut framed = Vec::with_capacity(data.len() + 16);
                        wire::chunk(&data, &mut framed);
                        send(client, &mut pending, &framed).await
                    } else {
                        send(client, &mut pending, &data).await
                    };
                    if !ok {
                        return Forward::Failed(Error::ClientGone);
                    }
                }
                if complete {
                    break;
                }
                if !read_more(&mut stream, &mut buf, read_timeout).await {
                    // What was sent so far goes out, the head included.
                    if !pending.is_empty() && client.write_all(&pending).await.is_err() {
                        return Forward::Failed(Error::ClientGone);
                    }
                    return broken(exec, upstream_head::PREMATURE_CLOSE, sent);
                }
            }
        } else if let Some(len) = upstream_len {
            let mut left = len;
            loop {
                let take = (buf.len() as u64).min(left) as usize;
                if take > 0 {
                    if !send(client, &mut pending, &buf[..take]).await {
                        return Forward::Failed(Error::ClientGone);
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
                    // What was sent so far goes out, the head included.
                    if !pending.is_empty() && client.write_all(&pending).await.is_err() {
                        return Forward::Failed(Error::ClientGone);
                    }
                    return broken(exec, upstream_head::PREMATURE_CLOSE, sent);
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
                        return Forward::Failed(Error::ClientGone);
                    }
                }
                if !read_more(&mut stream, &mut buf, read_timeout).await {
                    break;
                }
            }
        }
        if chunked_out && !send(client, &mut pending, wire::LAST_CHUNK).await {
            return Forward::Failed(Error::ClientGone);
        }
    }
    // A head-only response (or a body that never came) is written now.
    if !pending.is_empty() && client.write_all(&pending).await.is_err() {
        return Forward::Failed(Error::ClientGone);
    }
    if complete && h.keepalive && keepalive_max > 0 && buf.is_empty() {
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
    use crate::ir::conf::Tokens;
    Some(match exec.conf().server_tokens {
        Tokens::Off => "rginx".to_string(),
        Tokens::Build | Tokens::On => concat!("rginx/", env!("CARGO_PKG_VERSION")).to_string(),
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
