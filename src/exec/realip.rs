//! The realip module: `set_real_ip_from`, `real_ip_header`,
//! `real_ip_recursive`. At the server level it changes the client address
//! before anything else runs; set in a location it applies after the
//! rewrite phase (so a location's `return` still sees the connection's
//! address), and only if the server level did not change it already.

use super::step;
use super::Exec;
use crate::profile::{has, Behaviour::RealipBracketedIpv6};
use std::net::IpAddr;

/// Whether `ip` is in one of the `set_real_ip_from` networks.
fn trusted(ip: IpAddr, from: &[String]) -> bool {
    from.iter().any(|net| {
        let (addr, len) = net.split_once('/').unwrap_or((net, ""));
        let Ok(a) = addr.parse::<IpAddr>() else {
            return false;
        };
        let bits = |ip: IpAddr| match ip {
            IpAddr::V4(v) => (u128::from(u32::from(v)), 32u32),
            IpAddr::V6(v) => (u128::from(v), 128),
        };
        let ((n, w), (x, xw)) = (bits(a), bits(ip));
        if w != xw {
            return false;
        }
        let len: u32 = if len.is_empty() {
            w
        } else {
            len.parse().unwrap_or(w)
        };
        let shift = w - len.min(w);
        len == 0 || (n >> shift) == (x >> shift)
    })
}

/// An address as the realip module reads it (bracketed IPv6 from 1.27.3).
fn parse_addr(s: &str, brackets: bool) -> Option<IpAddr> {
    let s = s.trim();
    if brackets {
        if let Some(inner) = s.strip_prefix('[').and_then(|x| x.strip_suffix(']')) {
            return inner.parse::<std::net::Ipv6Addr>().ok().map(IpAddr::V6);
        }
    }
    if let Ok(sa) = s.parse::<std::net::SocketAddr>() {
        return Some(sa.ip());
    }
    if let Ok(ip) = s.parse() {
        return Some(ip);
    }
    // An IPv4 address with a port.
    s.parse::<std::net::SocketAddrV4>()
        .ok()
        .map(|a| IpAddr::V4(*a.ip()))
}

impl Exec<'_> {
    /// Apply the realip settings of the levels in effect; true when the
    /// address changed.
    pub(super) fn realip(&mut self) -> bool {
        if self.realip_done {
            return false;
        }
        let conf = self.conf();
        let from = &conf.set_real_ip_from;
        if from.is_empty() || !trusted(self.remote.ip(), from) {
            return false;
        }
        let header = &conf.real_ip_header;
        let recursive = conf.real_ip_recursive;
        let brackets = has(self.version, RealipBracketedIpv6);
        let values: Vec<&str> = self
            .headers
            .iter()
            .filter(|(n, _)| n.eq_ignore_ascii_case(header))
            .map(|(_, v)| v.as_str())
            .collect();
        if values.is_empty() {
            return false;
        }
        let found = if header.eq_ignore_ascii_case("x-forwarded-for") {
            let joined = values.join(", ");
            let hops: Vec<&str> = joined
                .split(',')
                .map(str::trim)
                .filter(|h| !h.is_empty())
                .collect();
            let mut result = None;
            for hop in hops.iter().rev() {
                let Some(ip) = parse_addr(hop, brackets) else {
                    break;
                };
                result = Some(ip);
                if !recursive || !trusted(ip, from) {
                    break;
                }
            }
            result
        } else {
            parse_addr(values[0], brackets)
        };
        match found {
            Some(ip) => {
                step!(
                    self,
                    format!("realip: the client address is {ip} ({header})")
                );
                self.remote = std::net::SocketAddr::new(ip, 0);
                self.realip_done = true;
                true
            }
            None => false,
        }
    }
}
