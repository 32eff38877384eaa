//! Upstream groups and nginx's balancers, with the state they keep between
//! requests. The algorithms follow nginx's so the same configuration sends
//! the same request to the same peer: smooth weighted round robin,
//! `ip_hash` (first three octets), `hash` (CRC32, rehashing up to 20 times),
//! `hash … consistent` (160 points per weight unit), `least_conn` (fewest
//! active connections per weight, ties by round robin). Failures count
//! against `max_fails` and take a peer out until every peer has failed,
//! when nginx marks them all live again.

use super::location::Setting;
use super::At;
use std::net::{SocketAddr, ToSocketAddrs};
use std::time::Duration;

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Method {
    RoundRobin,
    IpHash,
    /// `hash KEY [consistent]`: the key is a template.
    Hash {
        key: String,
        consistent: bool,
    },
    LeastConn,
    /// `random [two [least_conn]]`.
    Random,
}

#[derive(Clone, Debug)]
pub struct Peer {
    pub addr: SocketAddr,
    /// The `server` as written (what consistent hashing hashes).
    pub name: String,
    pub weight: u32,
    pub max_fails: u32,
    pub fail_timeout: Duration,
    pub max_conns: u32,
    pub down: bool,
    pub backup: bool,
}

#[derive(Clone, Debug)]
pub struct Group {
    pub name: String,
    /// `upstream` block, or made from a `proxy_pass` address.
    pub implicit: bool,
    pub at: Option<At>,
    pub method: Method,
    pub peers: Vec<Peer>,
    pub keepalive: Option<u32>,
}

fn parse_time(s: &str) -> Option<Duration> {
    crate::check::value::parse_time(s, true).map(Duration::from_millis)
}

/// Every address a `host[:port]` resolves to (`localhost` gives both
/// 127.0.0.1 and ::1, as nginx resolves it at load).
pub fn resolve(host_port: &str, default_port: u16) -> Result<Vec<SocketAddr>, String> {
    if let Ok(a) = host_port.parse::<SocketAddr>() {
        return Ok(vec![a]);
    }
    let with_port = match host_port.rsplit_once(':') {
        Some((_, p)) if p.bytes().all(|c| c.is_ascii_digit()) && !host_port.ends_with(']') => {
            host_port.to_string()
        }
        _ => format!("{host_port}:{default_port}"),
    };
    if let Ok(a) = with_port.parse::<SocketAddr>() {
        return Ok(vec![a]);
    }
    let mut out: Vec<SocketAddr> = with_port
        .to_socket_addrs()
        .map_err(|_| format!("host not found in upstream \"{host_port}\""))?
        .collect();
    out.dedup();
    Ok(out)
}

impl Peer {
    /// A peer with nginx's defaults (weight 1, max_fails 1, fail_timeout 10s).
    pub fn new(addr: SocketAddr, name: &str) -> Peer {
        Peer {
            addr,
            name: name.to_string(),
            weight: 1,
            max_fails: 1,
            fail_timeout: Duration::from_secs(10),
            max_conns: 0,
            down: false,
            backup: false,
        }
    }
}

impl Group {
    /// A group for a `proxy_pass` address: every address the host has.
    pub fn implicit(authority: &str, default_port: u16) -> Result<Group, String> {
        let peers = resolve(authority, default_port)?
            .into_iter()
            .map(|addr| Peer::new(addr, authority))
            .collect();
        Ok(Group {
            name: authority.to_string(),
            implicit: true,
            at: None,
            method: Method::RoundRobin,
            peers,
            keepalive: None,
        })
    }

    /// An `upstream NAME { … }` block from its settings.
    pub fn build(name: &str, at: At, settings: &[Setting]) -> Result<Group, String> {
        let mut group = Group {
            name: name.to_string(),
            implicit: false,
            at: Some(at),
            method: Method::RoundRobin,
            peers: Vec::new(),
            keepalive: None,
        };
        for s in settings {
            match s.name.as_str() {
                "server" => {
                    let Some(addr) = s.args.first() else { continue };
                    let mut peer = Peer::new(SocketAddr::from(([0, 0, 0, 0], 0)), addr);
                    for a in &s.args[1..] {
                        let (k, v) = a.split_once('=').unwrap_or((a, ""));
                        match k {
                            "weight" => peer.weight = v.parse().unwrap_or(1).max(1),
                            "max_fails" => peer.max_fails = v.parse().unwrap_or(1),
                            "fail_timeout" => {
                                peer.fail_timeout = parse_time(v).unwrap_or(peer.fail_timeout)
                            }
                            "max_conns" => peer.max_conns = v.parse().unwrap_or(0),
                            "down" => peer.down = true,
                            "backup" => peer.backup = true,
                            _ => {}
                        }
                    }
                    for a in resolve(addr, 80)? {
                        group.peers.push(Peer {
                            addr: a,
                            ..peer.clone()
                        });
                    }
                }
                "ip_hash" => group.method = Method::IpHash,
                "least_conn" => group.method = Method::LeastConn,
                "random" => group.method = Method::Random,
                "hash" => {
                    group.method = Method::Hash {
                        key: s.args.first().cloned().unwrap_or_default(),
                        consistent: s.args.get(1).is_some_and(|a| a == "consistent"),
                    }
                }
                "keepalive" => group.keepalive = s.args.first().and_then(|a| a.parse().ok()),
                _ => {}
            }
        }
        Ok(group)
    }

    fn primaries(&self) -> Vec<usize> {
        (0..self.peers.len())
            .filter(|&i| !self.peers[i].backup)
            .collect()
    }

    fn backups(&self) -> Vec<usize> {
        (0..self.peers.len())
            .filter(|&i| self.peers[i].backup)
            .collect()
    }

    /// How many peers one request may try (`proxy_next_upstream_tries 0`).
    pub fn tries(&self) -> usize {
        self.peers.len()
    }
}

/// What a balancer remembers about a peer between requests.
#[derive(Clone, Debug, Default)]
struct PeerState {
    current_weight: i64,
    effective_weight: i64,
    fails: u32,
    conns: u32,
}

/// A group's balancer state.
#[derive(Clone, Debug)]
pub struct Balancer {
    peers: Vec<PeerState>,
    /// Sorted (hash, peer name) points for consistent hashing.
    points: Vec<(u32, String)>,
}

/// The state of one request's peer choice (nginx's `tried` bitmap and the
/// hash position).
#[derive(Clone, Debug, Default)]
pub struct Attempt {
    tried: Vec<bool>,
    hash: u64,
    rehash: u64,
    hash_tries: u32,
    started: bool,
}

fn crc32(parts: &[&[u8]]) -> u32 {
    let mut h = crc32fast::Hasher::new();
    for p in parts {
        h.update(p);
    }
    h.finalize()
}

impl Balancer {
    pub fn new(group: &Group) -> Balancer {
        let peers = group
            .peers
            .iter()
            .map(|p| PeerState {
                effective_weight: i64::from(p.weight),
                ..PeerState::default()
            })
            .collect();
        let mut points = Vec::new();
        if matches!(
            group.method,
            Method::Hash {
                consistent: true,
                ..
            }
        ) {
            for p in group.peers.iter().filter(|p| !p.backup) {
                let server = p.name.as_bytes();
                let (host, port): (&[u8], &[u8]) = match server.iter().rposition(|&c| c == b':') {
                    Some(i) => (&server[..i], &server[i + 1..]),
                    None => (server, b""),
                };
                let mut prev: u32 = 0;
                for _ in 0..p.weight * 160 {
                    let hash = crc32(&[host, b"\0", port, &prev.to_le_bytes()]);
                    points.push((hash, p.name.clone()));
                    prev = hash;
                }
            }
            points.sort_by_key(|(h, _)| *h);
            points.dedup_by_key(|(h, _)| *h);
        }
        Balancer { peers, points }
    }

    fn usable(&self, group: &Group, i: usize, attempt: &Attempt) -> bool {
        let p = &group.peers[i];
        let s = &self.peers[i];
        let failed = p.max_fails > 0 && s.fails >= p.max_fails;
        let full = p.max_conns > 0 && s.conns >= p.max_conns;
        !(attempt.tried[i] || p.down || failed || full)
    }

    /// Smooth weighted round robin among `set`, optionally only the peers
    /// `only` accepts.
    fn smooth(
        &mut self,
        group: &Group,
        set: &[usize],
        attempt: &Attempt,
        only: &dyn Fn(usize) -> bool,
    ) -> Option<usize> {
        let mut best: Option<usize> = None;
        let mut total = 0;
        for &i in set {
            if !self.usable(group, i, attempt) || !only(i) {
                continue;
            }
            let s = &mut self.peers[i];
            s.current_weight += s.effective_weight;
            total += s.effective_weight;
            if s.effective_weight < i64::from(group.peers[i].weight) {
                s.effective_weight += 1;
            }
            let current = s.current_weight;
            if best.is_none_or(|b| current > self.peers[b].current_weight) {
                best = Some(i);
            }
        }
        let b = best?;
        self.peers[b].current_weight -= total;
        Some(b)
    }

    fn round_robin(&mut self, group: &Group, attempt: &Attempt) -> Option<usize> {
        let primaries = group.primaries();
        let backups = group.backups();
        if primaries.len() == 1 && backups.is_empty() {
            // nginx's single-peer path ignores failures.
            let i = primaries[0];
            let p = &group.peers[i];
            return (!p.down && !attempt.tried[i]).then_some(i);
        }
        if let Some(i) = self.smooth(group, &primaries, attempt, &|_| true) {
            return Some(i);
        }
        if let Some(i) = self.smooth(group, &backups, attempt, &|_| true) {
            return Some(i);
        }
        None
    }

    fn weighted_index(group: &Group, primaries: &[usize], mut w: u64) -> usize {
        for &i in primaries {
            let weight = u64::from(group.peers[i].weight);
            if w < weight {
                return i;
            }
            w -= weight;
        }
        primaries[primaries.len() - 1]
    }

    /// The next peer for a request, or `None` when no peer is left (nginx
    /// then answers 502 and marks every peer live again).
    pub fn pick(
        &mut self,
        group: &Group,
        attempt: &mut Attempt,
        client: std::net::IpAddr,
        key: &str,
    ) -> Option<usize> {
        if !attempt.started {
            attempt.started = true;
            attempt.tried = vec![false; group.peers.len()];
        }
        let primaries = group.primaries();
        let single = primaries.len() == 1 && group.backups().is_empty();
        let total_weight: u64 = primaries
            .iter()
            .map(|&i| u64::from(group.peers[i].weight))
            .sum();
        let chosen = match &group.method {
            Method::IpHash if !single && total_weight > 0 => {
                let octets: Vec<u8> = match client {
                    std::net::IpAddr::V4(a) => a.octets()[..3].to_vec(),
                    std::net::IpAddr::V6(a) => a.octets().to_vec(),
                };
                if attempt.hash == 0 && attempt.hash_tries == 0 {
                    attempt.hash = 89;
                }
                let mut found = None;
                loop {
                    for &o in &octets {
                        attempt.hash = (attempt.hash * 113 + u64::from(o)) % 6271;
                    }
                    let i = Self::weighted_index(group, &primaries, attempt.hash % total_weight);
                    if self.usable(group, i, attempt) {
                        found = Some(i);
                        break;
                    }
                    attempt.hash_tries += 1;
                    if attempt.hash_tries > 20 {
                        break;
                    }
                }
                found.or_else(|| self.round_robin(group, attempt))
            }
            Method::Hash {
                consistent: false, ..
            } if !single && !key.is_empty() && total_weight > 0 => {
                let mut found = None;
                while attempt.hash_tries <= 20 {
                    let rehash = attempt.rehash.to_string();
                    let h = if attempt.rehash > 0 {
                        crc32(&[rehash.as_bytes(), key.as_bytes()])
                    } else {
                        crc32(&[key.as_bytes()])
                    };
                    attempt.hash += u64::from((h >> 16) & 0x7fff);
                    attempt.rehash += 1;
                    let i = Self::weighted_index(group, &primaries, attempt.hash % total_weight);
                    if self.usable(group, i, attempt) {
                        found = Some(i);
                        break;
                    }
                    attempt.hash_tries += 1;
                }
                found.or_else(|| self.round_robin(group, attempt))
            }
            Method::Hash {
                consistent: true, ..
            } if !single && !self.points.is_empty() && !key.is_empty() => {
                if attempt.hash_tries == 0 && attempt.rehash == 0 {
                    let h = crc32(&[key.as_bytes()]);
                    attempt.hash = self.points.partition_point(|(p, _)| *p < h) as u64;
                    attempt.rehash = 1;
                }
                let mut found = None;
                while attempt.hash_tries <= 20 {
                    let name = self.points[(attempt.hash % self.points.len() as u64) as usize]
                        .1
                        .clone();
                    if let Some(i) =
                        self.smooth(group, &primaries, attempt, &|i| group.peers[i].name == name)
                    {
                        found = Some(i);
                        break;
                    }
                    attempt.hash += 1;
                    attempt.hash_tries += 1;
                }
                found.or_else(|| self.round_robin(group, attempt))
            }
            Method::LeastConn if !single => {
                let min = primaries
                    .iter()
                    .filter(|&&i| self.usable(group, i, attempt))
                    .map(|&i| {
                        (
                            u64::from(self.peers[i].conns),
                            u64::from(group.peers[i].weight),
                        )
                    })
                    .min_by(|a, b| (a.0 * b.1).cmp(&(b.0 * a.1)));
                match min {
                    Some((c, w)) => {
                        let peers = &self.peers;
                        let ties: Vec<usize> = primaries
                            .iter()
                            .copied()
                            .filter(|&i| {
                                u64::from(peers[i].conns) * w
                                    == c * u64::from(group.peers[i].weight)
                            })
                            .collect();
                        self.smooth(group, &ties, attempt, &|_| true)
                    }
                    None => self.smooth(group, &group.backups(), attempt, &|_| true),
                }
            }
            _ => self.round_robin(group, attempt),
        };
        match chosen {
            Some(i) => {
                attempt.tried[i] = true;
                Some(i)
            }
            None => {
                // Every peer failed: nginx makes them all live again.
                for s in &mut self.peers {
                    s.fails = 0;
                }
                None
            }
        }
    }

    /// The connection to peer `i` failed.
    pub fn failed(&mut self, group: &Group, i: usize) {
        let p = &group.peers[i];
        let s = &mut self.peers[i];
        s.fails += 1;
        if let Some(step) = p.weight.checked_div(p.max_fails) {
            s.effective_weight = (s.effective_weight - i64::from(step)).max(0);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn group(method: Method, weights: &[u32]) -> Group {
        Group {
            name: "g".into(),
            implicit: false,
            at: None,
            method,
            peers: weights
                .iter()
                .enumerate()
                .map(|(i, &w)| {
                    let addr = SocketAddr::from(([127, 0, 0, 1], 8000 + i as u16));
                    Peer {
                        weight: w,
                        ..Peer::new(addr, &addr.to_string())
                    }
                })
                .collect(),
            keepalive: None,
        }
    }

    fn sequence(g: &Group, n: usize) -> Vec<usize> {
        let mut b = Balancer::new(g);
        (0..n)
            .map(|_| {
                b.pick(
                    g,
                    &mut Attempt::default(),
                    std::net::IpAddr::from([127, 0, 0, 1]),
                    "/k",
                )
                .unwrap()
            })
            .collect()
    }

    #[test]
    fn smooth_weighted_round_robin() {
        let g = group(Method::RoundRobin, &[5, 1, 1]);
        assert_eq!(sequence(&g, 7), vec![0, 0, 1, 0, 2, 0, 0]);
        let g = group(Method::RoundRobin, &[3, 1]);
        assert_eq!(sequence(&g, 4), vec![0, 0, 1, 0]);
    }

    #[test]
    fn hashes_are_stable() {
        let g = group(Method::IpHash, &[1, 1, 1]);
        let s = sequence(&g, 3);
        assert!(s.iter().all(|&p| p == s[0]));
    }
}
