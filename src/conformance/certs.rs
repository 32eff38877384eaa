//! Certificates for TLS cases, and the client side's trust in them.
//!
//! Each case run gets its own CA and, for every name the case uses as
//! `{{cert:NAME}}`/`{{key:NAME}}` (`{{cert}}`/`{{key}}` are `localhost`),
//! an ECDSA P-256 certificate with `CN=NAME` and `NAME` as its DNS subject
//! alternative name, signed by that CA. They are made in-process with
//! `rcgen` (no `openssl` binary needed, nothing depends on the OpenSSL
//! command line's version) and written under `{{dir}}/certs/`.
//!
//! The test client trusts exactly the case's CA. The chain is verified as
//! any client would, but a certificate whose names do not cover the
//! requested server name is accepted: which certificate a server presents
//! for an unknown name (or no name) is what the cases check, with
//! `expect.cert_name`, so it must not end the handshake.

use rustls::client::danger::{HandshakeSignatureValid, ServerCertVerified, ServerCertVerifier};
use rustls::client::WebPkiServerVerifier;
use rustls::pki_types::{CertificateDer, ServerName, UnixTime};
use rustls::{
    CertificateError, ClientConfig, DigitallySignedStruct, RootCertStore, SignatureScheme,
};
use std::collections::BTreeMap;
use std::sync::Arc;

/// The name `{{cert}}` and `{{key}}` stand for.
pub const DEFAULT_NAME: &str = "localhost";

/// One generated certificate.
#[derive(Debug, Clone)]
pub struct Generated {
    pub cert_pem: String,
    pub key_pem: String,
    pub der: Vec<u8>,
}

/// A case's CA and certificates, by name.
#[derive(Debug, Clone)]
pub struct CaseCerts {
    pub ca_pem: String,
    ca_der: Vec<u8>,
    pub certs: BTreeMap<String, Generated>,
}

impl CaseCerts {
    /// A new CA and one certificate per name.
    pub fn generate(names: &[String]) -> Result<CaseCerts, String> {
        use rcgen::{BasicConstraints, CertificateParams, DnType, IsCa, Issuer, KeyPair};
        let err = |e: rcgen::Error| format!("cannot make the case's certificates: {e}");
        let ca_key = KeyPair::generate().map_err(err)?;
        let mut ca_params = CertificateParams::new(Vec::<String>::new()).map_err(err)?;
        ca_params
            .distinguished_name
            .push(DnType::CommonName, "rginx conformance CA");
        ca_params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
        let ca_cert = ca_params.self_signed(&ca_key).map_err(err)?;
        let issuer = Issuer::new(ca_params, ca_key);
        let mut certs = BTreeMap::new();
        for name in names {
            let key = KeyPair::generate().map_err(err)?;
            let mut params = CertificateParams::new(vec![name.clone()]).map_err(err)?;
            params.distinguished_name.push(DnType::CommonName, name);
            let cert = params.signed_by(&key, &issuer).map_err(err)?;
            certs.insert(
                name.clone(),
                Generated {
                    cert_pem: cert.pem(),
                    key_pem: key.serialize_pem(),
                    der: cert.der().to_vec(),
                },
            );
        }
        Ok(CaseCerts {
            ca_pem: ca_cert.pem(),
            ca_der: ca_cert.der().to_vec(),
            certs,
        })
    }

    /// The name of the certificate whose DER is `der`, if it is one of
    /// the case's.
    pub fn name_of(&self, der: &[u8]) -> Option<&str> {
        self.certs
            .iter()
            .find(|(_, g)| g.der == der)
            .map(|(n, _)| n.as_str())
    }

    /// The file name (without extension) a certificate is written as:
    /// `*` becomes `_` (`*.example.com` → `_.example.com`).
    pub fn file_stem(name: &str) -> String {
        name.replace('*', "_")
    }

    /// A client configuration trusting the case's CA, offering `alpn`,
    /// keeping sessions in `sessions` (shared by a case's requests, so a
    /// second connection can resume).
    pub fn client_config(
        &self,
        alpn: &[&[u8]],
        sessions: Arc<dyn rustls::client::ClientSessionStore>,
    ) -> Result<Arc<ClientConfig>, String> {
        let provider = Arc::new(rustls::crypto::aws_lc_rs::default_provider());
        let mut roots = RootCertStore::empty();
        roots
            .add(CertificateDer::from(self.ca_der.clone()))
            .map_err(|e| format!("the case's CA: {e}"))?;
        let inner = WebPkiServerVerifier::builder_with_provider(Arc::new(roots), provider.clone())
            .build()
            .map_err(|e| format!("the case's CA: {e}"))?;
        let mut cfg = ClientConfig::builder_with_provider(provider)
            .with_protocol_versions(&[&rustls::version::TLS13, &rustls::version::TLS12])
            .map_err(|e| format!("client TLS configuration: {e}"))?
            .dangerous()
            .with_custom_certificate_verifier(Arc::new(CaseCa(inner)))
            .with_no_client_auth();
        cfg.alpn_protocols = alpn.iter().map(|p| p.to_vec()).collect();
        cfg.resumption = rustls::client::Resumption::store(sessions);
        Ok(Arc::new(cfg))
    }
}

/// The client's server name: a DNS name sends SNI; without one the
/// client names 127.0.0.1, for which no SNI is sent.
pub fn server_name(sni: Option<&str>) -> Result<ServerName<'static>, String> {
    match sni {
        Some(n) => ServerName::try_from(n.to_string())
            .map_err(|e| format!("sni {n:?} is not a DNS name: {e}")),
        None => Ok(ServerName::IpAddress(std::net::Ipv4Addr::LOCALHOST.into())),
    }
}

/// Trusts the case's CA; a name mismatch is left to the expectations.
#[derive(Debug)]
struct CaseCa(Arc<WebPkiServerVerifier>);

impl ServerCertVerifier for CaseCa {
    fn verify_server_cert(
        &self,
        end_entity: &CertificateDer<'_>,
        intermediates: &[CertificateDer<'_>],
        server_name: &ServerName<'_>,
        ocsp_response: &[u8],
        now: UnixTime,
    ) -> Result<ServerCertVerified, rustls::Error> {
        match self
            .0
            .verify_server_cert(end_entity, intermediates, server_name, ocsp_response, now)
        {
            Err(rustls::Error::InvalidCertificate(
                CertificateError::NotValidForName | CertificateError::NotValidForNameContext { .. },
            )) => Ok(ServerCertVerified::assertion()),
            other => other,
        }
    }

    fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        self.0.verify_tls12_signature(message, cert, dss)
    }

    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        self.0.verify_tls13_signature(message, cert, dss)
    }

    fn supported_verify_schemes(&self) -> Vec<SignatureScheme> {
        self.0.supported_verify_schemes()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn certificates_are_told_apart_by_name() {
        let names = vec!["localhost".to_string(), "*.a.example".to_string()];
        let c = CaseCerts::generate(&names).unwrap();
        assert_eq!(c.certs.len(), 2);
        let der = &c.certs["*.a.example"].der;
        assert_eq!(c.name_of(der), Some("*.a.example"));
        assert_eq!(c.name_of(b"other"), None);
        assert!(c.certs["localhost"].key_pem.contains("PRIVATE KEY"));
        assert_eq!(CaseCerts::file_stem("*.a.example"), "_.a.example");
        assert!(server_name(None).is_ok());
        assert!(server_name(Some("a.example")).is_ok());
        assert!(server_name(Some("not a name")).is_err());
    }
}
