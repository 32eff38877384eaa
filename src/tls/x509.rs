//! Certificates as nginx's `$ssl_client_*` variables show them (OpenSSL's
//! formats: RFC 2253 names, hex serials, `ASN1_TIME_print` dates, PEM),
//! and chain verification with OpenSSL's verdicts (`X509_V_ERR_*` codes and
//! their texts), so that `ssl_verify_client` and `proxy_ssl_verify` decide
//! and report as nginx does. Parsing is x509-parser's; path building and
//! signatures are webpki's.

use rustls::pki_types::{CertificateDer, TrustAnchor, UnixTime};
use std::fmt::Write as _;

/// What verifying a presented chain said, as OpenSSL reports it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Verdict {
    /// `X509_V_OK`.
    Ok,
    /// An `X509_V_ERR_*` code and OpenSSL's text for it.
    Failed(i64, &'static str),
}

impl Verdict {
    /// The errors `ssl_verify_client optional_no_ca` lets through: the
    /// issuer is unknown, the rest of the certificate is fine
    /// (`ngx_ssl_verify_error_optional`).
    pub fn no_ca_only(self) -> bool {
        matches!(self, Verdict::Failed(2 | 18 | 19 | 20 | 21, _))
    }
}

const UNKNOWN_LEAF: Verdict = Verdict::Failed(21, "unable to verify the first certificate");
const UNKNOWN_LOCAL: Verdict = Verdict::Failed(20, "unable to get local issuer certificate");
const SELF_SIGNED: Verdict = Verdict::Failed(18, "self-signed certificate");
const SELF_SIGNED_IN_CHAIN: Verdict =
    Verdict::Failed(19, "self-signed certificate in certificate chain");

/// Trust anchors for a verification: `ssl_client_certificate` and
/// `ssl_trusted_certificate` (or `proxy_ssl_trusted_certificate`), with
/// `*_verify_depth`.
#[derive(Debug, Default)]
pub struct Trust {
    pub anchors: Vec<TrustAnchor<'static>>,
    /// At most this many intermediate certificates between the peer's and
    /// the anchor (OpenSSL's verify depth counts them the same way).
    pub depth: usize,
}

/// Whether the certificate names itself as its issuer.
fn self_issued(der: &[u8]) -> bool {
    x509_parser::parse_x509_certificate(der)
        .map(|(_, c)| c.subject().as_raw() == c.issuer().as_raw())
        .unwrap_or(false)
}

impl Trust {
    /// Reads PEM certificates into anchors.
    pub fn add_pem_file(&mut self, path: &std::path::Path) -> Result<usize, String> {
        use rustls::pki_types::pem::PemObject;
        let mut n = 0;
        let iter = CertificateDer::pem_file_iter(path).map_err(|e| e.to_string())?;
        for c in iter {
            let c = c.map_err(|e| e.to_string())?;
            let anchor = webpki::anchor_from_trusted_cert(&c).map_err(|e| e.to_string())?;
            self.anchors.push(anchor.to_owned());
            n += 1;
        }
        Ok(n)
    }

    /// Verifies `chain` (the peer's certificate first) for `usage`, and
    /// for `name` when given (a server's certificate).
    pub fn verify(
        &self,
        chain: &[CertificateDer<'_>],
        client: bool,
        name: Option<&rustls::pki_types::ServerName<'_>>,
        now: UnixTime,
    ) -> Verdict {
        let Some(leaf) = chain.first() else {
            return UNKNOWN_LEAF;
        };
        let Ok(ee) = webpki::EndEntityCert::try_from(leaf) else {
            return Verdict::Failed(1, "unspecified certificate verification error");
        };
        let algs = rustls::crypto::aws_lc_rs::default_provider()
            .signature_verification_algorithms
            .all;
        let usage = if client {
            webpki::KeyUsage::client_auth()
        } else {
            webpki::KeyUsage::server_auth()
        };
        let depth = self.depth;
        let within_depth = |p: &webpki::VerifiedPath<'_>| {
            if p.intermediate_certificates().count() > depth {
                Err(webpki::Error::UnknownIssuer)
            } else {
                Ok(())
            }
        };
        let verdict = match ee.verify_for_usage(
            algs,
            &self.anchors,
            &chain[1..],
            now,
            usage,
            None,
            Some(&within_depth),
        ) {
            Ok(_) => Verdict::Ok,
            Err(e) => Self::openssl_verdict(&e, chain),
        };
        if verdict != Verdict::Ok {
            return verdict;
        }
        match name {
            Some(n) if ee.verify_is_valid_for_subject_name(n).is_err() => {
                // OpenSSL's X509_V_ERR_HOSTNAME_MISMATCH.
                Verdict::Failed(62, "hostname mismatch")
            }
            _ => Verdict::Ok,
        }
    }

    fn openssl_verdict(e: &webpki::Error, chain: &[CertificateDer<'_>]) -> Verdict {
        use webpki::Error as E;
        match e {
            E::UnknownIssuer => {
                if chain.len() == 1 {
                    if self_issued(&chain[0]) {
                        SELF_SIGNED
                    } else {
                        UNKNOWN_LEAF
                    }
                } else if chain.last().is_some_and(|c| self_issued(c)) {
                    SELF_SIGNED_IN_CHAIN
                } else {
                    UNKNOWN_LOCAL
                }
            }
            E::CertExpired { .. } => Verdict::Failed(10, "certificate has expired"),
            E::CertNotValidYet { .. } => Verdict::Failed(9, "certificate is not yet valid"),
            E::InvalidSignatureForPublicKey
            | E::UnsupportedSignatureAlgorithmContext(_)
            | E::UnsupportedSignatureAlgorithmForPublicKeyContext(_) => {
                Verdict::Failed(7, "certificate signature failure")
            }
            E::RequiredEkuNotFoundContext(_) | E::CaUsedAsEndEntity | E::EndEntityUsedAsCa => {
                Verdict::Failed(26, "unsupported certificate purpose")
            }
            E::PathLenConstraintViolated => Verdict::Failed(25, "path length constraint exceeded"),
            E::MaximumPathDepthExceeded => UNKNOWN_LOCAL,
            _ => Verdict::Failed(1, "unspecified certificate verification error"),
        }
    }
}

/// A client's certificate chain and what verifying it said: the source of
/// `$ssl_client_*`.
#[derive(Debug)]
pub struct PeerCert {
    pub chain: Vec<CertificateDer<'static>>,
    pub verdict: Verdict,
}

/// OpenSSL's short names of the attributes of a name (its `objects.txt`);
/// others print as their dotted OID.
fn short_name(oid: &str) -> Option<&'static str> {
    Some(match oid {
        "2.5.4.3" => "CN",
        "2.5.4.4" => "SN",
        "2.5.4.5" => "serialNumber",
        "2.5.4.6" => "C",
        "2.5.4.7" => "L",
        "2.5.4.8" => "ST",
        "2.5.4.9" => "street",
        "2.5.4.10" => "O",
        "2.5.4.11" => "OU",
        "2.5.4.12" => "title",
        "2.5.4.13" => "description",
        "2.5.4.15" => "businessCategory",
        "2.5.4.17" => "postalCode",
        "2.5.4.41" => "name",
        "2.5.4.42" => "GN",
        "2.5.4.43" => "initials",
        "2.5.4.44" => "generationQualifier",
        "2.5.4.46" => "dnQualifier",
        "2.5.4.65" => "pseudonym",
        "2.5.4.97" => "organizationIdentifier",
        "1.2.840.113549.1.9.1" => "emailAddress",
        "0.9.2342.19200300.100.1.1" => "UID",
        "0.9.2342.19200300.100.1.25" => "DC",
        "1.3.6.1.4.1.311.60.2.1.1" => "jurisdictionL",
        "1.3.6.1.4.1.311.60.2.1.2" => "jurisdictionST",
        "1.3.6.1.4.1.311.60.2.1.3" => "jurisdictionC",
        _ => return None,
    })
}

/// A value's text in UTF-8 for the string types; `None` for the others
/// (OpenSSL dumps those as `#` and the DER in hex).
fn string_value(tag: u32, data: &[u8]) -> Option<Vec<u8>> {
    match tag {
        // UTF8String, NumericString, PrintableString, IA5String,
        // VisibleString: bytes as they are.
        12 | 18 | 19 | 22 | 26 => Some(data.to_vec()),
        // T61String and others OpenSSL reads as Latin-1.
        20 => Some(
            data.iter()
                .map(|&b| b as char)
                .collect::<String>()
                .into_bytes(),
        ),
        // BMPString: UTF-16BE.
        30 => {
            let units: Vec<u16> = data
                .chunks(2)
                .map(|c| u16::from_be_bytes([c[0], *c.get(1).unwrap_or(&0)]))
                .collect();
            Some(String::from_utf16_lossy(&units).into_bytes())
        }
        // UniversalString: UTF-32BE.
        28 => Some(
            data.chunks(4)
                .filter_map(|c| {
                    let b: [u8; 4] = c.try_into().ok()?;
                    char::from_u32(u32::from_be_bytes(b))
                })
                .collect::<String>()
                .into_bytes(),
        ),
        _ => None,
    }
}

/// One value escaped as `X509_NAME_print_ex` with `XN_FLAG_RFC2253` does:
/// `,+"\<>;` with a backslash, `#` and a space first and a space last too,
/// control and non-ASCII bytes as `\XX`.
fn escape_2253(out: &mut String, v: &[u8]) {
    let last = v.len().saturating_sub(1);
    for (i, &b) in v.iter().enumerate() {
        match b {
            b',' | b'+' | b'"' | b'\\' | b'<' | b'>' | b';' => {
                out.push('\\');
                out.push(b as char);
            }
            b'#' if i == 0 => out.push_str("\\#"),
            b' ' if i == 0 || i == last => out.push_str("\\ "),
            0..=0x1f | 0x7f..=0xff => {
                let _ = write!(out, "\\{b:02X}");
            }
            _ => out.push(b as char),
        }
    }
}

/// A name in RFC 2253 form, as nginx ≥ 1.11.6 shows `$ssl_client_s_dn`.
fn rfc2253(name: &x509_parser::x509::X509Name<'_>) -> String {
    let mut out = String::new();
    let rdns: Vec<_> = name.iter_rdn().collect();
    for (i, rdn) in rdns.iter().rev().enumerate() {
        if i > 0 {
            out.push(',');
        }
        let avas: Vec<_> = rdn.iter().collect();
        for (j, ava) in avas.iter().rev().enumerate() {
            if j > 0 {
                out.push('+');
            }
            let oid = ava.attr_type().to_id_string();
            match short_name(&oid) {
                Some(n) => out.push_str(n),
                None => out.push_str(&oid),
            }
            out.push('=');
            let value = ava.attr_value();
            let tag = value.header.tag().0;
            match string_value(tag, value.data) {
                Some(v) => escape_2253(&mut out, &v),
                None => {
                    out.push('#');
                    // The value's DER: tag, length, content.
                    let mut der = vec![tag as u8];
                    let len = value.data.len();
                    if len < 0x80 {
                        der.push(len as u8);
                    } else {
                        let bytes: Vec<u8> = len
                            .to_be_bytes()
                            .into_iter()
                            .skip_while(|&b| b == 0)
                            .collect();
                        der.push(0x80 | bytes.len() as u8);
                        der.extend(bytes);
                    }
                    der.extend_from_slice(value.data);
                    for b in der {
                        let _ = write!(out, "{b:02X}");
                    }
                }
            }
        }
    }
    out
}

fn base64(data: &[u8]) -> String {
    const T: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(data.len().div_ceil(3) * 4);
    for c in data.chunks(3) {
        let n = (u32::from(c[0]) << 16)
            | (u32::from(*c.get(1).unwrap_or(&0)) << 8)
            | u32::from(*c.get(2).unwrap_or(&0));
        out.push(T[(n >> 18) as usize & 63] as char);
        out.push(T[(n >> 12) as usize & 63] as char);
        out.push(if c.len() > 1 {
            T[(n >> 6) as usize & 63] as char
        } else {
            '='
        });
        out.push(if c.len() > 2 {
            T[n as usize & 63] as char
        } else {
            '='
        });
    }
    out
}

/// A certificate in PEM, 64 columns, as `PEM_write_bio_X509` writes it.
pub fn pem(der: &[u8]) -> String {
    let b = base64(der);
    let mut out = String::with_capacity(b.len() + b.len() / 64 + 60);
    out.push_str("-----BEGIN CERTIFICATE-----\n");
    for line in b.as_bytes().chunks(64) {
        out.push_str(std::str::from_utf8(line).unwrap_or_default());
        out.push('\n');
    }
    out.push_str("-----END CERTIFICATE-----\n");
    out
}

impl PeerCert {
    fn leaf(&self) -> Option<x509_parser::certificate::X509Certificate<'_>> {
        let der = self.chain.first()?;
        x509_parser::parse_x509_certificate(der)
            .ok()
            .map(|(_, c)| c)
    }

    /// `$ssl_client_verify`.
    pub fn verify_text(&self) -> String {
        match self.verdict {
            Verdict::Ok => "SUCCESS".into(),
            Verdict::Failed(_, why) => format!("FAILED:{why}"),
        }
    }

    /// A `$ssl_client_*` variable other than `verify`; `None` for names
    /// that are not one. `now` is for `v_remain`.
    pub fn variable(&self, name: &str, now: i64) -> Option<String> {
        let leaf_der = self.chain.first().map(|c| c.as_ref()).unwrap_or_default();
        Some(match name {
            "ssl_client_verify" => self.verify_text(),
            "ssl_client_raw_cert" => pem(leaf_der),
            "ssl_client_cert" => {
                // The PEM with a tab after each line break but the last,
                // and no final line break (deprecated in nginx, kept).
                let p = pem(leaf_der);
                p.trim_end_matches('\n').replace('\n', "\n\t")
            }
            "ssl_client_escaped_cert" => {
                let p = pem(leaf_der);
                let mut out = String::with_capacity(p.len() * 3 / 2);
                for b in p.bytes() {
                    if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') {
                        out.push(b as char);
                    } else {
                        let _ = write!(out, "%{b:02X}");
                    }
                }
                out
            }
            "ssl_client_fingerprint" => {
                let d = aws_lc_rs::digest::digest(
                    &aws_lc_rs::digest::SHA1_FOR_LEGACY_USE_ONLY,
                    leaf_der,
                );
                let mut out = String::with_capacity(40);
                for b in d.as_ref() {
                    let _ = write!(out, "{b:02x}");
                }
                out
            }
            "ssl_client_s_dn" => self.leaf().map(|c| rfc2253(c.subject()))?,
            "ssl_client_i_dn" => self.leaf().map(|c| rfc2253(c.issuer()))?,
            "ssl_client_serial" => {
                let c = self.leaf()?;
                let raw = c.raw_serial();
                let start = raw
                    .iter()
                    .position(|&b| b != 0)
                    .unwrap_or(raw.len().saturating_sub(1));
                let mut out = String::new();
                for b in &raw[start..] {
                    let _ = write!(out, "{b:02X}");
                }
                out
            }
            "ssl_client_v_start" => {
                crate::time::asn1_time(self.leaf()?.validity().not_before.timestamp())
            }
            "ssl_client_v_end" => {
                crate::time::asn1_time(self.leaf()?.validity().not_after.timestamp())
            }
            "ssl_client_v_remain" => {
                let end = self.leaf()?.validity().not_after.timestamp();
                if end < now + 86400 {
                    "0".into()
                } else {
                    ((end - now) / 86400).to_string()
                }
            }
            _ => return None,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_escape_as_rfc2253() {
        let mut s = String::new();
        escape_2253(&mut s, "#Jos\u{e9} a,b+c ".as_bytes());
        assert_eq!(s, "\\#Jos\\C3\\A9 a\\,b\\+c\\ ");
    }

    #[test]
    fn base64_pads() {
        assert_eq!(base64(b"f"), "Zg==");
        assert_eq!(base64(b"fo"), "Zm8=");
        assert_eq!(base64(b"foo"), "Zm9v");
    }
}
