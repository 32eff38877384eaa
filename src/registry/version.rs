//! An nginx version: the one type for the registry's `added`/`removed`,
//! the version profiles, `--nginx-version`, `$nginx_version` and the
//! conformance suite's version tags, with one parser and one printer.

use std::fmt;

/// An nginx version, `1.22.1`; ordered as nginx's releases are.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Version {
    pub major: u16,
    pub minor: u16,
    pub patch: u16,
}

impl Version {
    pub const fn new(major: u16, minor: u16, patch: u16) -> Version {
        Version {
            major,
            minor,
            patch,
        }
    }

    /// `1.22` (patch 0) or `1.22.1`: digits only, nothing around them.
    pub fn parse(s: &str) -> Option<Version> {
        Version::parse_with_patch(s).map(|(v, _)| v)
    }

    /// The version, and whether the text gave a patch level (`1.31`
    /// stands for every 1.31.x in a conformance tag).
    pub fn parse_with_patch(s: &str) -> Option<(Version, bool)> {
        let num = |p: &str| -> Option<u16> {
            if p.is_empty() || !p.bytes().all(|b| b.is_ascii_digit()) {
                return None;
            }
            p.parse().ok()
        };
        let mut parts = s.split('.');
        let major = num(parts.next()?)?;
        let minor = num(parts.next()?)?;
        let (patch, given) = match parts.next() {
            Some(p) => (num(p)?, true),
            None => (0, false),
        };
        if parts.next().is_some() {
            return None;
        }
        Some((Version::new(major, minor, patch), given))
    }

    /// All three parts, `1.22.0` too (`$nginx_version`, the version a
    /// conformance report and `RGINX_NGINX_VERSION` name).
    pub fn full(self) -> String {
        format!("{}.{}.{}", self.major, self.minor, self.patch)
    }
}

/// `1.25.1`, or `1.22` for patch level 0 (how docs and messages name a
/// version given without one).
impl fmt::Display for Version {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.patch {
            0 => write!(f, "{}.{}", self.major, self.minor),
            p => write!(f, "{}.{}.{p}", self.major, self.minor),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Version;

    #[test]
    fn parses_and_prints() {
        assert_eq!(Version::parse("1.22"), Some(Version::new(1, 22, 0)));
        assert_eq!(
            Version::parse_with_patch("1.25.1"),
            Some((Version::new(1, 25, 1), true))
        );
        for bad in ["1", "1.2.3.4", "+1.22", "1.x", " 1.22", "1..2"] {
            assert_eq!(Version::parse(bad), None, "{bad}");
        }
        assert_eq!(Version::new(1, 22, 0).to_string(), "1.22");
        assert_eq!(Version::new(1, 25, 1).to_string(), "1.25.1");
        assert_eq!(Version::new(1, 22, 0).full(), "1.22.0");
        assert!(Version::new(1, 9, 9) < Version::new(1, 22, 0));
    }
}
