//! Variables defined by tables in the http block: `map`, `geo` and
//! `split_clients`, built once at load. Their values are looked up per
//! request by `vars` (which evaluates the source and caches the result
//! unless the map is `volatile`).

use super::location::Setting;
use crate::profile::{has, Behaviour::SplitClientsFullPercent};
use std::net::IpAddr;

/// A `map` value: literal or with variables (evaluated when used).
pub type Value = String;

#[derive(Debug)]
pub struct Map {
    /// The source template (`$http_host`, `$uri$args`…).
    pub source: String,
    pub hostnames: bool,
    pub volatile: bool,
    pub default: Option<Value>,
    /// Exact keys, compared lower-cased as nginx's hash does.
    pub exact: std::collections::HashMap<String, Value>,
    /// `.example.com` / `*.example.com` keys (suffix with leading dot, and
    /// whether the bare name matches too).
    pub leading: Vec<(String, bool, Value)>,
    /// `www.example.*` keys (prefix ending with a dot).
    pub trailing: Vec<(String, Value)>,
    pub regexes: Vec<(regex::Regex, Value)>,
}

#[derive(Debug)]
pub struct Geo {
    /// Defaults to `$remote_addr`.
    pub source: Option<String>,
    pub default: Value,
    /// (network, prefix length, value); the longest prefix wins.
    pub nets: Vec<(IpAddr, u8, Value)>,
    /// `ranges`: (first, last, value), the last written wins on overlap.
    pub ranges: Vec<(u128, u128, Value)>,
}

#[derive(Debug)]
pub struct SplitClients {
    pub source: String,
    /// (upper bound of the 32-bit murmur hash, value); 0 means `*`.
    pub parts: Vec<(u32, Value)>,
    /// The percentages add up to 100%.
    pub full: bool,
}

#[derive(Debug)]
pub enum Table {
    Map(Map),
    Geo(Geo),
    Split(SplitClients),
}

fn unescape_key(k: &str) -> &str {
    k.strip_prefix('\\').unwrap_or(k)
}

impl Map {
    pub fn build(source: &str, entries: &[Setting]) -> Result<Map, String> {
        let mut map = Map {
            source: source.to_string(),
            hostnames: false,
            volatile: false,
            default: None,
            exact: Default::default(),
            leading: Vec::new(),
            trailing: Vec::new(),
            regexes: Vec::new(),
        };
        for e in entries {
            let value = e.args.first().cloned().unwrap_or_default();
            match (e.name.as_str(), e.args.len()) {
                ("hostnames", 0) => map.hostnames = true,
                ("volatile", 0) => map.volatile = true,
                ("default", 1) => map.default = Some(value),
                (k, _) if k.starts_with("~*") => map.regexes.push((
                    regex::RegexBuilder::new(&k[2..])
                        .case_insensitive(true)
                        .build()
                        .map_err(|err| format!("map regex \"{k}\": {err}"))?,
                    value,
                )),
                (k, _) if k.starts_with('~') => map.regexes.push((
                    regex::Regex::new(&k[1..])
                        .map_err(|err| format!("map regex \"{k}\": {err}"))?,
                    value,
                )),
                (k, _) => {
                    let key = unescape_key(k).to_ascii_lowercase();
                    if map.hostnames {
                        if let Some(rest) = key.strip_prefix("*.") {
                            map.leading.push((format!(".{rest}"), false, value));
                            continue;
                        }
                        if key.starts_with('.') {
                            map.leading.push((key, true, value));
                            continue;
                        }
                        if let Some(rest) = key.strip_suffix(".*") {
                            map.trailing.push((format!("{rest}."), value));
                            continue;
                        }
                    }
                    map.exact.entry(key).or_insert(value);
                }
            }
        }
        Ok(map)
    }

    /// The entry a key selects: `Ok(value)` for exact and wildcard keys,
    /// `Err(index)` for the regex that matched, or nothing (the default).
    pub fn lookup(&self, key: &str) -> Option<Result<&Value, usize>> {
        let mut k = key.to_ascii_lowercase();
        if self.hostnames && k.ends_with('.') {
            k.pop();
        }
        if let Some(v) = self.exact.get(&k) {
            return Some(Ok(v));
        }
        if self.hostnames {
            let best = self
                .leading
                .iter()
                .filter(|(suffix, bare, _)| {
                    k.ends_with(suffix.as_str()) || (*bare && format!(".{k}") == *suffix)
                })
                .max_by_key(|(s, _, _)| s.len());
            if let Some((_, _, v)) = best {
                return Some(Ok(v));
            }
            let best = self
                .trailing
                .iter()
                .filter(|(prefix, _)| k.starts_with(prefix.as_str()))
                .max_by_key(|(p, _)| p.len());
            if let Some((_, v)) = best {
                return Some(Ok(v));
            }
        }
        self.regexes
            .iter()
            .position(|(re, _)| re.is_match(key))
            .map(Err)
    }
}

fn parse_net(s: &str) -> Option<(IpAddr, u8)> {
    let (addr, len) = match s.split_once('/') {
        Some((a, l)) => (a, Some(l.parse::<u8>().ok()?)),
        None => (s, None),
    };
    let ip: IpAddr = addr.parse().ok()?;
    let max = if ip.is_ipv4() { 32 } else { 128 };
    Some((ip, len.unwrap_or(max).min(max)))
}

/// Whether `net` (an address or CIDR) contains `ip`.
pub fn net_contains(net: &str, ip: IpAddr) -> bool {
    let Some((n, len)) = parse_net(net) else {
        return false;
    };
    let ((a, w), (b, wb)) = (ip_bits(n), ip_bits(ip));
    if w != wb {
        return false;
    }
    let shift = u32::from(w - len);
    len == 0 || (a >> shift) == (b >> shift)
}

fn ip_bits(ip: IpAddr) -> (u128, u8) {
    match ip {
        IpAddr::V4(a) => (u128::from(u32::from(a)), 32),
        IpAddr::V6(a) => (u128::from(a), 128),
    }
}

impl Geo {
    pub fn build(source: Option<&str>, entries: &[Setting]) -> Result<Geo, String> {
        let mut geo = Geo {
            source: source.map(str::to_string),
            default: String::new(),
            nets: Vec::new(),
            ranges: Vec::new(),
        };
        let mut ranges = false;
        for e in entries {
            let value = e.args.first().cloned().unwrap_or_default();
            match e.name.as_str() {
                "ranges" => ranges = true,
                "default" => geo.default = value,
                "proxy" | "proxy_recursive" | "delete" => {}
                k if ranges => {
                    let (a, b) = k
                        .split_once('-')
                        .ok_or_else(|| format!("invalid range \"{k}\""))?;
                    let (a, b): (IpAddr, IpAddr) = (
                        a.parse().map_err(|_| format!("invalid range \"{k}\""))?,
                        b.parse().map_err(|_| format!("invalid range \"{k}\""))?,
                    );
                    geo.ranges.push((ip_bits(a).0, ip_bits(b).0, value));
                }
                k => {
                    let (ip, len) =
                        parse_net(k).ok_or_else(|| format!("invalid network \"{k}\""))?;
                    geo.nets.push((ip, len, value));
                }
            }
        }
        Ok(geo)
    }

    pub fn lookup(&self, ip: Option<IpAddr>) -> &str {
        let Some(ip) = ip else {
            return &self.default;
        };
        let (bits, width) = ip_bits(ip);
        if let Some((_, _, v)) = self
            .ranges
            .iter()
            .rev()
            .find(|(a, b, _)| *a <= bits && bits <= *b)
        {
            return v;
        }
        let best = self
            .nets
            .iter()
            .filter(|(net, len, _)| {
                let (n, w) = ip_bits(*net);
                if w != width {
                    return false;
                }
                let shift = u32::from(w - len);
                *len == 0 || (n >> shift) == (bits >> shift)
            })
            .max_by_key(|(_, len, _)| *len);
        best.map_or(&self.default, |(_, _, v)| v)
    }
}

/// MurmurHash2 (32-bit, seed 0), the hash `split_clients` uses.
pub fn murmur2(data: &[u8]) -> u32 {
    const M: u32 = 0x5bd1e995;
    let mut h: u32 = data.len() as u32;
    let mut chunks = data.chunks_exact(4);
    for c in &mut chunks {
        let mut k = u32::from_le_bytes([c[0], c[1], c[2], c[3]]);
        k = k.wrapping_mul(M);
        k ^= k >> 24;
        k = k.wrapping_mul(M);
        h = h.wrapping_mul(M);
        h ^= k;
    }
    let rest = chunks.remainder();
    if rest.len() >= 3 {
        h ^= u32::from(rest[2]) << 16;
    }
    if rest.len() >= 2 {
        h ^= u32::from(rest[1]) << 8;
    }
    if !rest.is_empty() {
        h ^= u32::from(rest[0]);
        h = h.wrapping_mul(M);
    }
    h ^= h >> 13;
    h = h.wrapping_mul(M);
    h ^= h >> 15;
    h
}

/// nginx's `ngx_atofp(s, 2)`: "12.5" → 1250.
fn percent_hundredths(s: &str) -> Option<u64> {
    let (int, frac) = s.split_once('.').unwrap_or((s, ""));
    if frac.len() > 2 || int.is_empty() && frac.is_empty() {
        return None;
    }
    let int: u64 = if int.is_empty() { 0 } else { int.parse().ok()? };
    let mut f: u64 = if frac.is_empty() {
        0
    } else {
        frac.parse().ok()?
    };
    if frac.len() == 1 {
        f *= 10;
    }
    Some(int * 100 + f)
}

impl SplitClients {
    pub fn build(source: &str, entries: &[Setting]) -> Result<SplitClients, String> {
        let mut parts = Vec::new();
        let mut last: u64 = 0;
        let mut sum = 0;
        for e in entries {
            let value = e.args.first().cloned().unwrap_or_default();
            if e.name == "*" {
                parts.push((0, value));
                continue;
            }
            let p = e
                .name
                .strip_suffix('%')
                .and_then(percent_hundredths)
                .filter(|&p| p > 0)
                .ok_or_else(|| format!("invalid percent value \"{}\"", e.name))?;
            sum += p;
            last += p * 0xffff_ffff / 10000;
            parts.push((last as u32, value));
        }
        Ok(SplitClients {
            source: source.to_string(),
            parts,
            full: sum == 10000,
        })
    }

    /// The value for a key. Parts adding up to 100% cover every hash
    /// from 1.31.2 (before, the largest hash fell through).
    pub fn lookup(&self, key: &str, version: crate::registry::Version) -> &str {
        let hash = murmur2(key.as_bytes());
        let full = self.full;
        self.parts
            .iter()
            .enumerate()
            .find(|(i, (p, _))| {
                hash < *p
                    || *p == 0
                    || (full && has(version, SplitClientsFullPercent) && *i + 1 == self.parts.len())
            })
            .map_or("", |(_, (_, v))| v)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn murmur_matches_reference_values() {
        assert_eq!(murmur2(b""), 0);
        // The tail bytes are mixed in: one byte more changes the hash.
        assert_ne!(murmur2(b"abcd"), murmur2(b"abcde"));
    }

    #[test]
    fn percents() {
        assert_eq!(percent_hundredths("50"), Some(5000));
        assert_eq!(percent_hundredths("0.5"), Some(50));
        assert_eq!(percent_hundredths("12.25"), Some(1225));
    }
}
