//! TLS termination with rustls: per server block, the certificates
//! (`ssl_certificate`/`ssl_certificate_key`, several per server — the one
//! the client's signature schemes allow is chosen, as nginx does with an
//! RSA + ECDSA pair), `ssl_protocols` (TLSv1.2/TLSv1.3; older ones are
//! skipped with a warning), `ssl_ciphers` through the OpenSSL cipher-string
//! evaluator (the TLS 1.2 suites offered are exactly those lint reports),
//! `ssl_prefer_server_ciphers`, `ssl_ecdh_curve`, `ssl_session_cache`,
//! `ssl_session_tickets`, `ssl_session_ticket_key`, `ssl_session_timeout`,
//! and client certificates (`ssl_verify_client`, `ssl_client_certificate`,
//! `ssl_trusted_certificate`, `ssl_verify_depth`). The server is chosen by
//! SNI among the servers of the socket, as nginx does for the handshake.
//!
//! Client certificates: nginx never fails a handshake over a client's
//! certificate (its verify callback lets every chain through) and answers
//! the request with a 400 page instead. So the handshake here only asks
//! for a certificate (naming the `ssl_client_certificate` CAs) and checks
//! the client's signature; the chain is verified after the handshake, from
//! the certificates rustls keeps for the connection (a resumed session
//! included), and the verdict goes to the request (`$ssl_client_verify`,
//! the 400 of `ssl_verify_client on`/`optional`).

use crate::ir::{Http, Server};
use crate::profile::{has, Behaviour};
use crate::registry::Version;
use crate::tls::x509::{PeerCert, Trust};
use rustls::crypto::CryptoProvider;
use rustls::server::{ClientHello, ResolvesServerCert};
use rustls::sign::CertifiedKey;
use rustls::ServerConfig;
use rustls_pki_types::pem::PemObject;
use rustls_pki_types::{CertificateDer, PrivateKeyDer};
use std::collections::HashMap;
use std::net::SocketAddr;
use std::path::Path;
use std::sync::Arc;

fn path(prefix: &Path, p: &str) -> std::path::PathBuf {
    if p.starts_with('/') {
        p.into()
    } else {
        prefix.join(p)
    }
}

/// Chooses among a server's certificates by what the client can verify.
#[derive(Debug)]
struct Certs(Vec<Arc<CertifiedKey>>);

impl ResolvesServerCert for Certs {
    fn resolve(&self, hello: ClientHello<'_>) -> Option<Arc<CertifiedKey>> {
        let schemes = hello.signature_schemes();
        self.0
            .iter()
            .find(|k| k.key.choose_scheme(schemes).is_some())
            .or(self.0.first())
            .cloned()
    }
}

/// `ssl_verify_client`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum VerifyClient {
    On,
    Optional,
    OptionalNoCa,
}

/// The `ssl_verify_client` mode in effect for a server (server, then
/// http); `None` for off.
pub fn verify_client(http: &Http, server: &Server) -> Option<VerifyClient> {
    let _ = http;
    use crate::ir::conf::VerifyClient as V;
    match server.srv.ssl_verify_client {
        V::On => Some(VerifyClient::On),
        V::Optional => Some(VerifyClient::Optional),
        V::OptionalNoCa => Some(VerifyClient::OptionalNoCa),
        V::Off => None,
    }
}

/// The handshake's side of client certificates: ask for one, name the
/// CAs of `ssl_client_certificate`, check the client's signature, and
/// accept any chain (it is judged after the handshake, as nginx does).
#[derive(Debug)]
struct AskClientCert {
    hints: Vec<rustls::DistinguishedName>,
    provider: Arc<CryptoProvider>,
}

impl rustls::server::danger::ClientCertVerifier for AskClientCert {
    fn offer_client_auth(&self) -> bool {
        true
    }
    fn client_auth_mandatory(&self) -> bool {
        false
    }
    fn root_hint_subjects(&self) -> &[rustls::DistinguishedName] {
        &self.hints
    }
    fn verify_client_cert(
        &self,
        _end_entity: &CertificateDer<'_>,
        _intermediates: &[CertificateDer<'_>],
        _now: rustls_pki_types::UnixTime,
    ) -> Result<rustls::server::danger::ClientCertVerified, rustls::Error> {
        Ok(rustls::server::danger::ClientCertVerified::assertion())
    }
    crate::tls::signatures_checked_by_provider!(provider);
}

/// The trust of a server's `ssl_verify_client`: the anchors of
/// `ssl_client_certificate` (also named in the handshake) and
/// `ssl_trusted_certificate` (not named), with `ssl_verify_depth`; and the
/// CA names for the handshake.
fn client_trust(
    http: &Http,
    server: &Server,
    version: Version,
) -> Result<(Trust, Vec<rustls::DistinguishedName>), String> {
    let mode = verify_client(http, server);
    let client_ca = server.srv.ssl_client_certificate.clone();
    let trusted = server.srv.ssl_trusted_certificate.clone();
    if mode.is_some_and(|m| m != VerifyClient::OptionalNoCa) && client_ca.is_none() {
        if !has(version, Behaviour::VerifyClientTrustedOnly) {
            return Err("no ssl_client_certificate for ssl_verify_client".into());
        }
        if trusted.is_none() {
            return Err(
                "no ssl_client_certificate or ssl_trusted_certificate for ssl_verify_client".into(),
            );
        }
    }
    let depth = usize::try_from(server.srv.ssl_verify_depth).unwrap_or(usize::MAX);
    let mut trust = Trust {
        anchors: Vec::new(),
        depth,
    };
    let mut hints = Vec::new();
    if let Some(f) = &client_ca {
        let p = path(&http.prefix, f);
        let before = trust.anchors.len();
        trust.add_pem_file(&p).map_err(|e| {
            format!(
                "SSL_CTX_load_verify_locations(\"{}\") failed ({e})",
                p.display()
            )
        })?;
        let mut store = rustls::RootCertStore::empty();
        store.roots.extend(trust.anchors[before..].iter().cloned());
        hints = store.subjects();
    }
    if let Some(f) = &trusted {
        let p = path(&http.prefix, f);
        trust.add_pem_file(&p).map_err(|e| {
            format!(
                "SSL_CTX_load_verify_locations(\"{}\") failed ({e})",
                p.display()
            )
        })?;
    }
    Ok((trust, hints))
}

/// `ssl_session_timeout` in seconds (5 minutes by default).
fn session_timeout(http: &Http, server: &Server) -> u32 {
    let _ = http;
    u32::try_from(server.srv.ssl_session_timeout.as_secs()).unwrap_or(u32::MAX)
}

/// The keys of `ssl_session_ticket_key` (innermost level that has any).
pub fn ticket_key_files(http: &Http, server: &Server) -> Vec<(std::path::PathBuf, String)> {
    server
        .srv
        .ssl_session_ticket_key
        .iter()
        .filter_map(|s| Some((path(&http.prefix, s.arg(0)?), s.at.to_string())))
        .collect()
}

fn load_certs(
    http: &Http,
    server: &Server,
    provider: &CryptoProvider,
) -> Result<Vec<Arc<CertifiedKey>>, String> {
    let certs = &server.srv.ssl_certificate;
    let keys = &server.srv.ssl_certificate_key;
    let mut out = Vec::new();
    for (c, k) in certs.iter().zip(keys.iter()) {
        let (Some(cp), Some(kp)) = (c.args.first(), k.args.first()) else {
            continue;
        };
        let cpath = path(&http.prefix, cp);
        let kpath = path(&http.prefix, kp);
        let chain: Vec<CertificateDer<'static>> = CertificateDer::pem_file_iter(&cpath)
            .and_then(|it| it.collect::<Result<Vec<_>, _>>())
            .map_err(|e| {
                format!(
                    "cannot load certificate \"{}\": {e} in {}",
                    cpath.display(),
                    c.at
                )
            })?;
        if chain.is_empty() {
            return Err(format!(
                "cannot load certificate \"{}\": no certificate in it in {}",
                cpath.display(),
                c.at
            ));
        }
        let key = PrivateKeyDer::from_pem_file(&kpath).map_err(|e| {
            format!(
                "cannot load certificate key \"{}\": {e} in {}",
                kpath.display(),
                k.at
            )
        })?;
        let signing = provider.key_provider.load_private_key(key).map_err(|e| {
            format!(
                "cannot use the key \"{}\": {e} in {}",
                kpath.display(),
                k.at
            )
        })?;
        out.push(Arc::new(CertifiedKey::new(chain, signing)));
    }
    if out.is_empty() {
        return Err(format!(
            "no \"ssl_certificate\" is defined for the listen ... ssl directive of the server at {}",
            server.at
        ));
    }
    Ok(out)
}

/// The rustls configuration of one server block.
pub fn server_config(
    http: &Http,
    server: &Server,
    version: Version,
    http2: bool,
) -> Result<(ServerTls, Vec<String>), String> {
    let mut warnings = Vec::new();
    let base = rustls::crypto::aws_lc_rs::default_provider();
    // Protocols: rustls speaks TLS 1.2 and 1.3.
    let protocols: Vec<String> = match &server.srv.ssl_protocols {
        Some(p) => p.clone(),
        None if has(version, Behaviour::DefaultNoTls11) => vec!["TLSv1.2".into(), "TLSv1.3".into()],
        None if has(version, Behaviour::DefaultTls13) => {
            vec![
                "TLSv1".into(),
                "TLSv1.1".into(),
                "TLSv1.2".into(),
                "TLSv1.3".into(),
            ]
        }
        None => vec!["TLSv1".into(), "TLSv1.1".into(), "TLSv1.2".into()],
    };
    let mut versions: Vec<&'static rustls::SupportedProtocolVersion> = Vec::new();
    for p in &protocols {
        match p.as_str() {
            "TLSv1.2" => versions.push(&rustls::version::TLS12),
            "TLSv1.3" => versions.push(&rustls::version::TLS13),
            other => warnings.push(format!(
                "{other} in ssl_protocols is not offered: rustls speaks TLSv1.2 and TLSv1.3 only"
            )),
        }
    }
    if versions.is_empty() {
        return Err(format!(
            "no protocol of \"ssl_protocols {}\" is available to rginx (TLSv1.2, TLSv1.3) for the server at {}",
            protocols.join(" "),
            server.at
        ));
    }
    // TLS 1.2 suites: the OpenSSL cipher string, evaluated as OpenSSL does.
    let cipher_string = server.srv.ssl_ciphers.clone();
    let allowed = crate::tls::ciphers::evaluate(&cipher_string)
        .map_err(|e| format!("SSL_CTX_set_cipher_list(\"{cipher_string}\") failed ({e})"))?;
    let allowed_ids: Vec<u16> = allowed.iter().map(|s| s.id).collect();
    let mut suites: Vec<rustls::SupportedCipherSuite> = Vec::new();
    // In OpenSSL's order of the string (the server's preference).
    for id in &allowed_ids {
        if let Some(s) = base
            .cipher_suites
            .iter()
            .find(|s| u16::from(s.suite()) == *id && s.tls13().is_none())
        {
            suites.push(*s);
        }
    }
    suites.extend(
        base.cipher_suites
            .iter()
            .filter(|s| s.tls13().is_some())
            .copied(),
    );
    let mut kx = base.kx_groups.clone();
    {
        let curve = &server.srv.ssl_ecdh_curve;
        if curve != "auto" {
            let names: Vec<String> = curve.split(':').map(|c| c.to_ascii_lowercase()).collect();
            let wanted = |g: &&&'static dyn rustls::crypto::SupportedKxGroup| {
                let n = format!("{:?}", g.name()).to_ascii_lowercase();
                names.iter().any(|c| {
                    n == *c
                        || (c == "prime256v1" && n == "secp256r1")
                        || n.replace('_', "") == c.replace('_', "")
                })
            };
            let picked: Vec<_> = kx.iter().filter(wanted).copied().collect();
            if !picked.is_empty() {
                kx = picked;
            }
        }
    }
    let provider = CryptoProvider {
        cipher_suites: suites,
        kx_groups: kx,
        ..base
    };
    let certs = load_certs(http, server, &provider)?;
    let provider = Arc::new(provider);
    let builder = ServerConfig::builder_with_provider(provider.clone())
        .with_protocol_versions(&versions)
        .map_err(|e| format!("TLS settings of the server at {}: {e}", server.at))?;
    let client_auth = match verify_client(http, server) {
        Some(mode) => {
            let (trust, hints) = client_trust(http, server, version)?;
            Some((mode, Arc::new(trust), hints))
        }
        None => None,
    };
    let builder = match &client_auth {
        Some((_, _, hints)) => builder.with_client_cert_verifier(Arc::new(AskClientCert {
            hints: hints.clone(),
            provider,
        })),
        None => builder.with_no_client_auth(),
    };
    let mut cfg = builder.with_cert_resolver(Arc::new(Certs(certs)));
    cfg.ignore_client_order = server.srv.ssl_prefer_server_ciphers;
    cfg.alpn_protocols = if http2 {
        vec![b"h2".to_vec(), b"http/1.1".to_vec()]
    } else {
        vec![b"http/1.1".to_vec()]
    };
    // ssl_session_cache shared:NAME:SIZE (about 4000 sessions per MB, as
    // nginx's docs say), builtin[:N]; none/off keep nothing.
    let cache = Some(&server.srv.ssl_session_cache);
    let sessions = cache.and_then(|args| {
        args.iter().find_map(|a| {
            if let Some(rest) = a.strip_prefix("shared:") {
                let size = rest.rsplit(':').next()?;
                crate::check::value::parse_size(size, false).map(|b| (b / 256).max(1) as usize)
            } else if let Some(n) = a.strip_prefix("builtin:") {
                n.parse().ok()
            } else if a == "builtin" {
                Some(20480)
            } else {
                None
            }
        })
    });
    let timeout = session_timeout(http, server);
    cfg.session_storage = match sessions {
        Some(n) => Arc::new(crate::tls::tickets::TimedCache::new(n, timeout)),
        None => Arc::new(rustls::server::NoServerSessionStorage {}),
    };
    let tickets = server.srv.ssl_session_tickets;
    let key_files = ticket_key_files(http, server);
    if tickets && !key_files.is_empty() {
        let mut keys = Vec::new();
        for (p, at) in &key_files {
            keys.push(crate::tls::tickets::read_key_file(p).map_err(|e| format!("{e} in {at}"))?);
        }
        let ticketer = crate::tls::tickets::FileTicketer::new(&keys, timeout)
            .ok_or_else(|| "session ticket keys".to_string())?;
        cfg.ticketer = Arc::new(ticketer);
        cfg.send_tls13_tickets = 1;
    } else if tickets {
        cfg.ticketer = rustls::crypto::aws_lc_rs::Ticketer::new()
            .map_err(|e| format!("session tickets: {e}"))?;
        cfg.send_tls13_tickets = 1;
    } else {
        cfg.send_tls13_tickets = 0;
    }
    Ok((
        ServerTls {
            config: Some(Arc::new(cfg)),
            client_auth: client_auth.map(|(mode, trust, _)| (mode, trust)),
        },
        warnings,
    ))
}

/// One server block's TLS: the rustls configuration and, with
/// `ssl_verify_client`, how client chains are judged. No configuration:
/// `ssl_reject_handshake on`, the handshake is refused.
#[derive(Clone)]
pub struct ServerTls {
    pub config: Option<Arc<ServerConfig>>,
    pub client_auth: Option<(VerifyClient, Arc<Trust>)>,
}

/// The TLS configurations of a socket's servers, by server index, and how
/// the socket chooses among them.
pub struct SocketTls {
    pub configs: HashMap<usize, ServerTls>,
}

impl SocketTls {
    /// Every server listening with `ssl` on `local`'s socket.
    pub fn build(
        http: &Http,
        local: SocketAddr,
        version: Version,
        warn: &mut dyn FnMut(String),
    ) -> Result<SocketTls, String> {
        let mut configs = HashMap::new();
        for (server, listen) in crate::ir::server::candidates(&http.servers, local) {
            if !listen.ssl || configs.contains_key(&server.index) {
                continue;
            }
            let http2 = listen.http2 || server.srv.http2;
            let reject = server.srv.ssl_reject_handshake;
            if reject {
                // No certificate needed: no handshake completes.
                let refused = ServerTls {
                    config: None,
                    client_auth: None,
                };
                configs.insert(server.index, refused);
                continue;
            }
            let (cfg, warnings) = server_config(http, server, version, http2)?;
            for w in warnings {
                warn(w);
            }
            configs.insert(server.index, cfg);
        }
        Ok(SocketTls { configs })
    }

    /// The configuration for a ClientHello's server name on `local`.
    pub fn choose(&self, http: &Http, local: SocketAddr, sni: Option<&str>) -> Option<ServerTls> {
        let by_name = crate::ir::server::select(&http.servers, local, sni.unwrap_or(""))
            .map(|(s, _)| s.index)
            .and_then(|i| self.configs.get(&i));
        by_name
            .or_else(|| {
                crate::ir::server::socket_default(&http.servers, local)
                    .and_then(|s| self.configs.get(&s.index))
            })
            .or_else(|| self.configs.values().next())
            .cloned()
    }
}

/// What a finished handshake tells the request variables.
pub struct TlsInfo {
    /// `$ssl_server_name` (empty without SNI).
    pub server_name: String,
    /// `$ssl_protocol` (`TLSv1.3`).
    pub protocol: String,
    /// `$ssl_cipher` (OpenSSL's name).
    pub cipher: String,
    /// `$ssl_session_reused`.
    pub resumed: bool,
    /// ALPN chose HTTP/2.
    pub h2: bool,
    /// The client's certificate and its verdict, when the handshake's
    /// server asked for one and the client sent one.
    pub client_cert: Option<Arc<PeerCert>>,
}

/// The server side of a handshake on `local`: the ClientHello's server
/// name picks the server block (and so the certificate and settings).
pub async fn accept(
    gen: &super::Generation,
    stream: tokio::net::TcpStream,
    local: SocketAddr,
    timeout: std::time::Duration,
) -> Result<
    (
        tokio_rustls::server::TlsStream<tokio::net::TcpStream>,
        TlsInfo,
    ),
    String,
> {
    let acceptor =
        tokio_rustls::LazyConfigAcceptor::new(rustls::server::Acceptor::default(), stream);
    let handshake = async {
        let start = acceptor.await.map_err(|e| e.to_string())?;
        let sni = start.client_hello().server_name().map(str::to_string);
        let socket = gen
            .tls
            .get(&local.port())
            .ok_or_else(|| "no TLS configuration for the socket".to_string())?;
        let chosen = socket
            .choose(&gen.http, local, sni.as_deref())
            .ok_or_else(|| "no server with a certificate".to_string())?;
        let Some(config) = chosen.config else {
            // nginx answers with an "unrecognized_name" alert; the
            // connection ends here without a handshake either way.
            return Err("client SSL handshake rejected: ssl_reject_handshake".to_string());
        };
        let stream = start.into_stream(config).await.map_err(|e| e.to_string())?;
        Ok::<_, String>((stream, sni, chosen.client_auth))
    };
    let (stream, sni, client_auth) = tokio::time::timeout(timeout, handshake)
        .await
        .map_err(|_| "client timed out".to_string())??;
    let (_, conn) = stream.get_ref();
    let protocol = match conn.protocol_version() {
        Some(rustls::ProtocolVersion::TLSv1_3) => "TLSv1.3",
        Some(rustls::ProtocolVersion::TLSv1_2) => "TLSv1.2",
        _ => "",
    }
    .to_string();
    let cipher = conn
        .negotiated_cipher_suite()
        .and_then(|s| {
            crate::tls::ciphers::all_suites()
                .iter()
                .find(|x| x.id == u16::from(s.suite()))
        })
        .map(|s| s.openssl_name.to_string())
        .unwrap_or_default();
    let resumed = matches!(conn.handshake_kind(), Some(rustls::HandshakeKind::Resumed));
    let h2 = conn.alpn_protocol() == Some(b"h2");
    let client_cert = match (client_auth, conn.peer_certificates()) {
        (Some((_, trust)), Some(chain)) if !chain.is_empty() => {
            let verdict = trust.verify(chain, true, None, rustls_pki_types::UnixTime::now());
            Some(Arc::new(PeerCert {
                chain: chain.iter().map(|c| c.clone().into_owned()).collect(),
                verdict,
            }))
        }
        _ => None,
    };
    Ok((
        stream,
        TlsInfo {
            server_name: sni.unwrap_or_default(),
            protocol,
            cipher,
            resumed,
            h2,
            client_cert,
        },
    ))
}
