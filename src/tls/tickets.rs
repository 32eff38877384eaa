//! `ssl_session_ticket_key`: session tickets sealed with keys read from
//! files, so that several servers (or a restarted one) sharing the files
//! resume each other's sessions, as nginx does. A file holds 48 bytes (key
//! name, HMAC-SHA256 key and AES-128 key, 16 bytes each) or 80 bytes (key
//! name 16, HMAC key 32, AES-256 key 32). The first key seals new tickets;
//! every key opens them. A ticket is the RFC 5077 layout nginx's OpenSSL
//! uses: key name, IV, AES-CBC ciphertext, HMAC over all three.
//!
//! Keys from files never roll, so the ticket carries the time it was made
//! and is refused past `ssl_session_timeout`, as OpenSSL refuses a session
//! older than its timeout.

use aws_lc_rs::cipher::{
    DecryptionContext, PaddedBlockDecryptingKey, PaddedBlockEncryptingKey, UnboundCipherKey,
    AES_128, AES_256,
};
use aws_lc_rs::hmac;
use std::path::Path;
use std::time::SystemTime;

/// One key file's keys.
struct Key {
    name: [u8; 16],
    hmac: hmac::Key,
    aes: Vec<u8>,
}

impl Key {
    fn from_bytes(b: &[u8]) -> Option<Key> {
        let (hmac_key, aes) = match b.len() {
            48 => (&b[16..32], &b[32..48]),
            80 => (&b[16..48], &b[48..80]),
            _ => return None,
        };
        Some(Key {
            name: b[..16].try_into().ok()?,
            hmac: hmac::Key::new(hmac::HMAC_SHA256, hmac_key),
            aes: aes.to_vec(),
        })
    }

    fn algorithm(&self) -> &'static aws_lc_rs::cipher::Algorithm {
        if self.aes.len() == 32 {
            &AES_256
        } else {
            &AES_128
        }
    }
}

/// Tickets sealed with the keys of `ssl_session_ticket_key` files.
pub struct FileTicketer {
    keys: Vec<Key>,
    lifetime: u32,
}

impl std::fmt::Debug for FileTicketer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("FileTicketer")
            .field("keys", &self.keys.len())
            .field("lifetime", &self.lifetime)
            .finish()
    }
}

/// Why a key file cannot be used, in nginx's words (the caller adds the
/// position).
pub fn read_key_file(path: &Path) -> Result<Vec<u8>, String> {
    let bytes = std::fs::read(path).map_err(|e| {
        format!(
            "open() \"{}\" failed ({})",
            path.display(),
            crate::syntax::include::errno_text(&e)
        )
    })?;
    if bytes.len() != 48 && bytes.len() != 80 {
        return Err(format!("\"{}\" must be 48 or 80 bytes", path.display()));
    }
    Ok(bytes)
}

fn now() -> u64 {
    crate::time::since_epoch(SystemTime::now()).as_secs()
}

impl FileTicketer {
    /// Keys from the files' contents, in the order of the directives.
    pub fn new(files: &[Vec<u8>], lifetime: u32) -> Option<FileTicketer> {
        let keys: Option<Vec<Key>> = files.iter().map(|b| Key::from_bytes(b)).collect();
        let keys = keys?;
        if keys.is_empty() {
            return None;
        }
        Some(FileTicketer { keys, lifetime })
    }
}

impl rustls::server::ProducesTickets for FileTicketer {
    fn enabled(&self) -> bool {
        true
    }

    fn lifetime(&self) -> u32 {
        self.lifetime
    }

    fn encrypt(&self, plain: &[u8]) -> Option<Vec<u8>> {
        let key = self.keys.first()?;
        let mut data = Vec::with_capacity(plain.len() + 8 + 16);
        data.extend_from_slice(&now().to_be_bytes());
        data.extend_from_slice(plain);
        let sealing = PaddedBlockEncryptingKey::cbc_pkcs7(
            UnboundCipherKey::new(key.algorithm(), &key.aes).ok()?,
        )
        .ok()?;
        let context = sealing.encrypt(&mut data).ok()?;
        let iv: &[u8] = (&context).try_into().ok()?;
        let mut out = Vec::with_capacity(16 + 16 + data.len() + 32);
        out.extend_from_slice(&key.name);
        out.extend_from_slice(iv);
        out.extend_from_slice(&data);
        let tag = hmac::sign(&key.hmac, &out);
        out.extend_from_slice(tag.as_ref());
        Some(out)
    }

    fn decrypt(&self, cipher: &[u8]) -> Option<Vec<u8>> {
        if cipher.len() < 16 + 16 + 16 + 32 {
            return None;
        }
        let key = self.keys.iter().find(|k| k.name == cipher[..16])?;
        let (body, tag) = cipher.split_at(cipher.len() - 32);
        hmac::verify(&key.hmac, body, tag).ok()?;
        let iv: [u8; 16] = body[16..32].try_into().ok()?;
        let mut data = body[32..].to_vec();
        let opening = PaddedBlockDecryptingKey::cbc_pkcs7(
            UnboundCipherKey::new(key.algorithm(), &key.aes).ok()?,
        )
        .ok()?;
        let plain = opening
            .decrypt(&mut data, DecryptionContext::Iv128(iv.into()))
            .ok()?;
        let (made, session) = plain.split_at_checked(8)?;
        let made = u64::from_be_bytes(made.try_into().ok()?);
        if now().saturating_sub(made) > u64::from(self.lifetime) {
            return None;
        }
        Some(session.to_vec())
    }
}

/// A session cache whose entries expire after `ssl_session_timeout`.
#[derive(Debug)]
pub struct TimedCache {
    inner: std::sync::Arc<dyn rustls::server::StoresServerSessions>,
    timeout: u64,
}

impl TimedCache {
    pub fn new(size: usize, timeout: u32) -> TimedCache {
        TimedCache {
            inner: rustls::server::ServerSessionMemoryCache::new(size),
            timeout: u64::from(timeout),
        }
    }

    fn fresh(&self, v: Vec<u8>) -> Option<Vec<u8>> {
        let (made, session) = v.split_at_checked(8)?;
        let made = u64::from_be_bytes(made.try_into().ok()?);
        (now().saturating_sub(made) <= self.timeout).then(|| session.to_vec())
    }
}

impl rustls::server::StoresServerSessions for TimedCache {
    fn put(&self, key: Vec<u8>, value: Vec<u8>) -> bool {
        let mut v = Vec::with_capacity(8 + value.len());
        v.extend_from_slice(&now().to_be_bytes());
        v.extend_from_slice(&value);
        self.inner.put(key, v)
    }

    fn get(&self, key: &[u8]) -> Option<Vec<u8>> {
        self.fresh(self.inner.get(key)?)
    }

    fn take(&self, key: &[u8]) -> Option<Vec<u8>> {
        self.fresh(self.inner.take(key)?)
    }

    fn can_cache(&self) -> bool {
        self.inner.can_cache()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rustls::server::ProducesTickets;

    #[test]
    fn tickets_open_with_any_key_and_seal_with_the_first() {
        let a: Vec<u8> = (0..48).collect();
        let b: Vec<u8> = (100..180).collect();
        let both = FileTicketer::new(&[b.clone(), a.clone()], 300).unwrap();
        let only_a = FileTicketer::new(&[a], 300).unwrap();
        let only_b = FileTicketer::new(&[b], 300).unwrap();
        let t = both.encrypt(b"session").unwrap();
        assert_eq!(&t[..16], &(100..116).collect::<Vec<u8>>()[..]);
        assert_eq!(only_b.decrypt(&t).as_deref(), Some(&b"session"[..]));
        assert_eq!(only_a.decrypt(&t), None);
        let t2 = only_a.encrypt(b"other").unwrap();
        assert_eq!(both.decrypt(&t2).as_deref(), Some(&b"other"[..]));
        let mut bad = t2.clone();
        bad[40] ^= 1;
        assert_eq!(both.decrypt(&bad), None);
    }

    #[test]
    fn ssl_session_timeout_ends_tickets_and_cached_sessions() {
        use rustls::server::StoresServerSessions;
        let ticketer = FileTicketer::new(&[(0..48).collect()], 0).unwrap();
        let cache = TimedCache::new(16, 0);
        let ticket = ticketer.encrypt(b"s").unwrap();
        assert!(cache.put(b"id".to_vec(), b"s".to_vec()));
        std::thread::sleep(std::time::Duration::from_millis(1100));
        assert_eq!(ticketer.decrypt(&ticket), None);
        assert_eq!(cache.get(b"id"), None);
        let kept = TimedCache::new(16, 300);
        kept.put(b"id".to_vec(), b"s".to_vec());
        assert_eq!(kept.get(b"id").as_deref(), Some(&b"s"[..]));
    }

    #[test]
    fn key_files_must_have_nginx_sizes() {
        assert!(FileTicketer::new(&[vec![0; 47]], 300).is_none());
        assert!(FileTicketer::new(&[vec![0; 80]], 300).is_some());
    }
}
