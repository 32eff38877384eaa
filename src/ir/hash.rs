//! nginx's static hash sizing (`ngx_hash_init`), for the messages it
//! gives: a key too long for `*_hash_bucket_size` is an `[emerg]`, and a
//! set of keys that fits no table of at most `*_hash_max_size` buckets is
//! a `[warn]` (nginx then builds the largest one anyway). rginx looks keys
//! up its own way; only nginx's verdict on the sizes is reproduced.

/// A cache line on the machines nginx runs on here (x86_64, aarch64):
/// bucket sizes are rounded up to it.
pub const CACHE_LINE: usize = 64;
/// A pointer: each element and each bucket's end take one.
const PTR: usize = 8;

/// What building the hash said.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Sizing {
    Fits,
    /// `[warn]`: no table of at most `max_size` buckets holds the keys.
    NotOptimal(String),
}

/// The bytes an element takes in a bucket (`NGX_HASH_ELT_SIZE`).
fn element_size(key: &[u8]) -> usize {
    PTR + (key.len() + 2).div_ceil(PTR) * PTR
}

/// `ngx_hash_key_lc`.
pub fn key_lc(key: &[u8]) -> u64 {
    key.iter().fold(0u64, |h, &c| {
        h.wrapping_mul(31)
            .wrapping_add(u64::from(c.to_ascii_lowercase()))
    })
}

/// Round a configured bucket size up to the cache line, as nginx does for
/// `server_names_hash_bucket_size`, `variables_hash_bucket_size` and
/// `types_hash_bucket_size`.
pub fn aligned(bucket_size: usize) -> usize {
    bucket_size.div_ceil(CACHE_LINE) * CACHE_LINE
}

/// Size a hash of `keys` (already lower-case where nginx lowers them) as
/// nginx's `ngx_hash_init`; `name` is the hash's name in the messages
/// (`server_names_hash`). `Err` is nginx's `[emerg]` text.
pub fn size(
    name: &str,
    keys: &[&[u8]],
    max_size: usize,
    bucket_size: usize,
) -> Result<Sizing, String> {
    if max_size == 0 {
        return Err(format!(
            "could not build {name}, you should increase {name}_max_size: {max_size}"
        ));
    }
    if bucket_size > 65536 - CACHE_LINE {
        return Err(format!(
            "could not build {name}, too large {name}_bucket_size: {bucket_size}"
        ));
    }
    if keys.iter().any(|k| bucket_size < element_size(k) + PTR) {
        return Err(format!(
            "could not build {name}, you should increase {name}_bucket_size: {bucket_size}"
        ));
    }
    let room = bucket_size - PTR;
    let start = match keys.len() / (room / (2 * PTR)) {
        0 => 1,
        n => n,
    };
    let start = if max_size > 10000 && !keys.is_empty() && max_size / keys.len() < 100 {
        max_size - 1000
    } else {
        start
    };
    let hashes: Vec<u64> = keys.iter().map(|k| key_lc(k)).collect();
    let mut used = vec![0usize; max_size + 1];
    'sizes: for size in start..=max_size {
        used[..size].iter_mut().for_each(|u| *u = 0);
        for (k, h) in keys.iter().zip(&hashes) {
            let slot = (h % size as u64) as usize;
            let len = used[slot] + element_size(k);
            if len > room {
                continue 'sizes;
            }
            used[slot] = len;
        }
        return Ok(Sizing::Fits);
    }
    Ok(Sizing::NotOptimal(format!(
        "could not build optimal {name}, you should increase either {name}_max_size: {max_size} or {name}_bucket_size: {bucket_size}; ignoring {name}_bucket_size"
    )))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Confirmed on nginx 1.22.1 and 1.31.3: with two servers on one
    /// address and the default 64-byte buckets, a 46-byte name fits and a
    /// 47-byte one is refused.
    #[test]
    fn bucket_size_limits_a_name_as_nginx_does() {
        let ok = [b"a".repeat(46), b"b.example".to_vec()];
        let keys: Vec<&[u8]> = ok.iter().map(Vec::as_slice).collect();
        assert_eq!(size("server_names_hash", &keys, 512, 64), Ok(Sizing::Fits));
        let long = [b"a".repeat(47), b"b.example".to_vec()];
        let keys: Vec<&[u8]> = long.iter().map(Vec::as_slice).collect();
        assert_eq!(
            size("server_names_hash", &keys, 512, 64),
            Err("could not build server_names_hash, you should increase server_names_hash_bucket_size: 64".into())
        );
        assert!(size("server_names_hash", &keys, 512, aligned(65)).is_ok());
    }

    #[test]
    fn too_many_keys_for_max_size_warn() {
        let names: Vec<Vec<u8>> = (0..200)
            .map(|i| format!("host{i}.example").into_bytes())
            .collect();
        let keys: Vec<&[u8]> = names.iter().map(Vec::as_slice).collect();
        assert!(matches!(
            size("server_names_hash", &keys, 4, 64),
            Ok(Sizing::NotOptimal(m)) if m.ends_with("ignoring server_names_hash_bucket_size")
        ));
        assert_eq!(size("server_names_hash", &keys, 512, 64), Ok(Sizing::Fits));
    }
}
