//! Where a directive may stand, and what context a block opens.
//!
//! nginx reuses the same bits for http, stream and mail contexts and tells
//! them apart by module type; here every context has its own bit, so a
//! directive's allowed places are one mask.

use std::fmt;
use std::ops::BitOr;

#[derive(Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct Ctx(pub u32);

impl Ctx {
    pub const NONE: Ctx = Ctx(0);
    pub const MAIN: Ctx = Ctx(1);
    pub const EVENT: Ctx = Ctx(1 << 1);
    pub const HTTP_MAIN: Ctx = Ctx(1 << 2);
    pub const HTTP_SRV: Ctx = Ctx(1 << 3);
    pub const HTTP_LOC: Ctx = Ctx(1 << 4);
    pub const HTTP_UPS: Ctx = Ctx(1 << 5);
    pub const HTTP_SIF: Ctx = Ctx(1 << 6);
    pub const HTTP_LIF: Ctx = Ctx(1 << 7);
    pub const HTTP_LMT: Ctx = Ctx(1 << 8);
    pub const STREAM_MAIN: Ctx = Ctx(1 << 9);
    pub const STREAM_SRV: Ctx = Ctx(1 << 10);
    pub const STREAM_UPS: Ctx = Ctx(1 << 11);
    pub const MAIL_MAIN: Ctx = Ctx(1 << 12);
    pub const MAIL_SRV: Ctx = Ctx(1 << 13);
    /// `include` and friends: allowed in every context.
    pub const ANY: Ctx = Ctx((1 << 14) - 1);

    pub const fn or(self, other: Ctx) -> Ctx {
        Ctx(self.0 | other.0)
    }

    pub fn contains(self, other: Ctx) -> bool {
        self.0 & other.0 == other.0 && other.0 != 0
    }

    pub fn intersects(self, other: Ctx) -> bool {
        self.0 & other.0 != 0
    }

    const NAMES: [(Ctx, &'static str); 14] = [
        (Ctx::MAIN, "main"),
        (Ctx::EVENT, "events"),
        (Ctx::HTTP_MAIN, "http"),
        (Ctx::HTTP_SRV, "server"),
        (Ctx::HTTP_LOC, "location"),
        (Ctx::HTTP_UPS, "upstream"),
        (Ctx::HTTP_SIF, "if in server"),
        (Ctx::HTTP_LIF, "if in location"),
        (Ctx::HTTP_LMT, "limit_except"),
        (Ctx::STREAM_MAIN, "stream"),
        (Ctx::STREAM_SRV, "stream server"),
        (Ctx::STREAM_UPS, "stream upstream"),
        (Ctx::MAIL_MAIN, "mail"),
        (Ctx::MAIL_SRV, "mail server"),
    ];

    /// Names of the contexts in this mask, as nginx's docs call them.
    pub fn names(self) -> Vec<&'static str> {
        Self::NAMES
            .iter()
            .filter(|(c, _)| self.intersects(*c))
            .map(|(_, n)| *n)
            .collect()
    }

    /// nginx's context flag (`HTTP_LOC` for `NGX_HTTP_LOC_CONF`); `DIRECT`
    /// says how the conf is stored, not where, and maps to no context.
    pub fn from_nginx_flag(flag: &str) -> Option<Ctx> {
        Some(match flag {
            "MAIN" => Ctx::MAIN,
            "DIRECT" => Ctx::NONE,
            "ANY" => Ctx::ANY,
            "EVENT" => Ctx::EVENT,
            "HTTP_MAIN" => Ctx::HTTP_MAIN,
            "HTTP_SRV" => Ctx::HTTP_SRV,
            "HTTP_LOC" => Ctx::HTTP_LOC,
            "HTTP_UPS" => Ctx::HTTP_UPS,
            "HTTP_SIF" => Ctx::HTTP_SIF,
            "HTTP_LIF" => Ctx::HTTP_LIF,
            "HTTP_LMT" => Ctx::HTTP_LMT,
            "STREAM_MAIN" => Ctx::STREAM_MAIN,
            "STREAM_SRV" => Ctx::STREAM_SRV,
            "STREAM_UPS" => Ctx::STREAM_UPS,
            "MAIL_MAIN" => Ctx::MAIL_MAIN,
            "MAIL_SRV" => Ctx::MAIL_SRV,
            _ => return None,
        })
    }

    /// The context for `--context http|server|location|...` in lint.
    pub fn from_name(name: &str) -> Option<Ctx> {
        Self::NAMES
            .iter()
            .find(|(_, n)| *n == name)
            .map(|(c, _)| *c)
    }
}

impl BitOr for Ctx {
    type Output = Ctx;
    fn bitor(self, rhs: Ctx) -> Ctx {
        self.or(rhs)
    }
}

impl fmt::Debug for Ctx {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if *self == Ctx::ANY {
            return f.write_str("ANY");
        }
        f.write_str(&self.names().join("|"))
    }
}

/// What is inside a block.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Inside {
    /// Directives, checked in this context.
    Directives(Ctx),
    /// Entries that are data, not directives (`map`, `types`, `geo`…).
    Data,
    /// A block of a module rginx has no table for (`rtmp`): not checked.
    Opaque,
}

/// Blocks whose entries are data read by the module's own handler.
const DATA_BLOCKS: &[&str] = &[
    "map",
    "geo",
    "types",
    "split_clients",
    "charset_map",
    "match",
    "geoip2",
    "keyval_zone",
];

/// What the block of `spec`, standing in `parent`, holds.
pub fn inside(spec: &super::DirectiveSpec, parent: Ctx) -> Inside {
    let stream = parent.intersects(Ctx::STREAM_MAIN | Ctx::STREAM_SRV | Ctx::STREAM_UPS);
    let mail = parent.intersects(Ctx::MAIL_MAIN | Ctx::MAIL_SRV);
    let ctx = match spec.name {
        "events" => Ctx::EVENT,
        "http" => Ctx::HTTP_MAIN,
        "stream" => Ctx::STREAM_MAIN,
        "mail" => Ctx::MAIL_MAIN,
        "server" if stream => Ctx::STREAM_SRV,
        "server" if mail => Ctx::MAIL_SRV,
        "server" => Ctx::HTTP_SRV,
        "upstream" if stream => Ctx::STREAM_UPS,
        "upstream" => Ctx::HTTP_UPS,
        "location" => Ctx::HTTP_LOC,
        "if" if parent == Ctx::HTTP_SRV => Ctx::HTTP_SIF,
        "if" => Ctx::HTTP_LIF,
        "limit_except" => Ctx::HTTP_LMT,
        name if DATA_BLOCKS.contains(&name) => return Inside::Data,
        _ => return Inside::Opaque,
    };
    Inside::Directives(ctx)
}
