//! The directive registry: one declarative table per nginx module, the
//! single source of truth for `-t`, lint, generated docs and compilation.
//!
//! Each row states nginx's facts (name, contexts, argument shapes, the kind
//! of setter, the versions that have it) and rginx's support status. The
//! rows were generated once from nginx's own `ngx_command_t` tables
//! (`data/`), and a test keeps them in agreement with that data.

pub mod arity;
pub mod build;
pub mod context;
pub mod table;
pub mod version;

pub use arity::Arity;
pub use context::{Ctx, Inside};
pub use version::Version;

use std::collections::HashMap;
use std::sync::OnceLock;

/// How nginx stores a directive's value (its setter), which decides the
/// value checks and whether a second occurrence "is duplicate".
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Setter {
    Flag,
    Str,
    StrArray,
    KeyVal,
    Num,
    Size,
    Off,
    Msec,
    Sec,
    Bufs,
    Enum,
    Bitmask,
    Path,
    Access,
    /// A setter of the module's own.
    Custom,
}

impl Setter {
    /// Generic setters refuse a second value in the same block.
    pub const fn once_per_block(self) -> bool {
        matches!(
            self,
            Setter::Flag
                | Setter::Str
                | Setter::Num
                | Setter::Size
                | Setter::Off
                | Setter::Msec
                | Setter::Sec
                | Setter::Bufs
                | Setter::Enum
                | Setter::Path
        )
    }
}

/// The values nginx's own tables fix for a directive (its `post` data).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Values {
    Any,
    /// `ngx_conf_enum_t`: one of these, any case.
    Enum(&'static [&'static str]),
    /// `ngx_conf_bitmask_t`: each argument one of these, any case.
    Bitmask(&'static [&'static str]),
    /// `ngx_conf_num_bounds_t`: a number in `lo..=hi` (`hi` -1: no limit).
    Bounds(i64, i64),
}

/// Value checks of setters that are a module's own, named by what nginx
/// checks (see `check::value` for the messages).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Check {
    None,
    /// `keepalive_timeout TIMEOUT [HEADER_TIMEOUT]`.
    Times,
    /// A number, or `auto` (`worker_processes`).
    NumberOrAuto,
    /// A plain number, worded `invalid number "x"` (`worker_connections`).
    Number,
    /// `error_log FILE [LEVEL]`.
    LogLevel,
    /// `use METHOD`: an event method this platform has.
    EventMethod,
    /// `proxy_pass URL`: `http://` or `https://` unless it has variables.
    HttpUrl,
    /// `thread_pool NAME threads=N [max_queue=N]`.
    ThreadPool,
    /// `worker_cpu_affinity auto | MASK...`.
    CpuAffinity,
    /// `user USER [GROUP]`: the user must exist (checked as root).
    User,
    /// `load_module FILE`: the file must exist (rginx cannot load it).
    ModuleFile,
    /// A module setter that stores an on/off flag as the generic one does
    /// (`ssl`).
    Flag,
    /// `proxy_redirect default | off | REDIRECT REPLACEMENT`.
    ProxyRedirect,
    /// `worker_priority [+-]N`.
    Priority,
    /// A size setter whose post handler wants a pool size
    /// (`connection_pool_size`, `request_pool_size`).
    PoolSize,
    /// `expires [modified] TIME | @TIME | epoch | max | off`.
    Expires,
    /// `listen ADDRESS [PARAMETER...]`.
    Listen,
    /// `server ADDRESS [PARAMETER...]` in an http `upstream`.
    UpstreamServer,
    /// `keepalive N [local]` in an upstream.
    UpstreamKeepalive,
    /// `hash KEY [consistent]`.
    UpstreamHash,
    /// `return CODE [TEXT] | URL`.
    Return,
    /// `rewrite REGEX REPLACEMENT [FLAG]`.
    Rewrite,
    /// `set $NAME VALUE`.
    SetVariable,
    /// `if (CONDITION)`.
    IfCondition,
    /// `error_page CODE... [=[ANSWER]] URI`.
    ErrorPage,
    /// `try_files FILE... URI | =CODE`.
    TryFiles,
    /// `index FILE...`: no empty name.
    Index,
    /// `add_header NAME VALUE [always]` (and `add_trailer`).
    AddHeader,
    /// `allow`/`deny ADDRESS | CIDR | unix: | all`.
    AccessRule,
    /// `set_real_ip_from ADDRESS | CIDR | unix:`.
    RealIpFrom,
    /// `log_format NAME [escape=...] ...`.
    LogFormat,
    /// `ssl_session_cache off | none | [builtin[:N]] [shared:NAME:SIZE]`.
    SslSessionCache,
}

/// What rginx does with a directive.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Support {
    /// Implemented as nginx does it.
    Supported,
    /// Implemented except for what the text says.
    Partial(&'static str),
    /// Accepted with no effect; the text says why that is safe.
    Ignored(&'static str),
    /// Not implemented: rginx refuses to run it.
    Unsupported,
}

/// Where a directive comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Origin {
    /// nginx's own source tree.
    Nginx,
    /// A third-party module (named in the module's table).
    ThirdParty,
    /// NGINX Plus, the commercial build.
    Plus,
}

/// The newest nginx version rginx follows (the default profile).
pub const LATEST: Version = Version::new(1, 31, 3);

/// One directive of one module.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DirectiveSpec {
    pub name: &'static str,
    pub module: &'static str,
    pub ctx: Ctx,
    pub arity: Arity,
    /// Takes a `{ }` block.
    pub block: bool,
    pub setter: Setter,
    /// A second occurrence in the same block "is duplicate" (always true
    /// for the generic setters; for a module's own setter, when it says so).
    pub once: bool,
    pub origin: Origin,
    /// First version that has it, when after the oldest one we track (1.22).
    pub added: Option<Version>,
    /// First version without it.
    pub removed: Option<Version>,
    /// nginx warns when it is used: `the "x" directive is <word>, use the
    /// "<instead>" directive instead`, as (word, instead).
    pub deprecated: Option<(&'static str, &'static str)>,
    pub support: Support,
    /// For an unsupported directive, why (rustls lacks the feature, or
    /// what is missing), shown in docs/directives.md and by lint.
    pub why_unsupported: Option<&'static str>,
    /// Values rginx refuses (as for an unsupported directive) although it
    /// runs the directive with the others: `proxy_http_version 2`.
    pub refused_values: &'static [&'static str],
    pub values: Values,
    /// Versions before `.0` took other argument counts (`keepalive N`
    /// before `keepalive N [local]`).
    pub arity_before: Option<(Version, Arity)>,
    /// Versions before `.0` had fewer values (`proxy_http_version 2`).
    pub values_before: Option<(Version, Values)>,
    pub check: Check,
    /// nginx's documented default, as its docs write it.
    pub default: Option<&'static str>,
    /// Where nginx documents it.
    pub doc: Option<&'static str>,
}

impl DirectiveSpec {
    /// A row with nginx's facts and no support yet.
    pub const fn new(
        name: &'static str,
        module: &'static str,
        ctx: Ctx,
        arity: Arity,
        setter: Setter,
    ) -> Self {
        DirectiveSpec {
            name,
            module,
            ctx,
            arity,
            block: false,
            setter,
            once: setter.once_per_block(),
            origin: Origin::Nginx,
            added: None,
            removed: None,
            deprecated: None,
            support: Support::Unsupported,
            why_unsupported: None,
            refused_values: &[],
            values: Values::Any,
            arity_before: None,
            values_before: None,
            check: Check::None,
            default: None,
            doc: None,
        }
    }

    pub const fn default_value(mut self, default: &'static str) -> Self {
        self.default = Some(default);
        self
    }

    pub const fn doc(mut self, url: &'static str) -> Self {
        self.doc = Some(url);
        self
    }

    pub const fn values(mut self, values: Values) -> Self {
        self.values = values;
        self
    }

    /// Versions older than `v` took `arity`.
    pub const fn arity_before(mut self, v: Version, arity: Arity) -> Self {
        self.arity_before = Some((v, arity));
        self
    }

    /// Versions older than `v` had only `values`.
    pub const fn values_before(mut self, v: Version, values: Values) -> Self {
        self.values_before = Some((v, values));
        self
    }

    /// Whether nginx `version` has this directive.
    pub fn exists_in(&self, version: Version) -> bool {
        self.added.is_none_or(|a| version >= a) && self.removed.is_none_or(|r| version < r)
    }

    /// The argument counts nginx `version` takes.
    pub fn arity_in(&self, version: Version) -> Arity {
        match self.arity_before {
            Some((v, arity)) if version < v => arity,
            _ => self.arity,
        }
    }

    /// The values nginx `version` takes.
    pub fn values_in(&self, version: Version) -> Values {
        match self.values_before {
            Some((v, values)) if version < v => values,
            _ => self.values,
        }
    }

    pub const fn check(mut self, check: Check) -> Self {
        self.check = check;
        self
    }

    pub const fn once(mut self) -> Self {
        self.once = true;
        self
    }

    pub const fn block(mut self) -> Self {
        self.block = true;
        self
    }

    pub const fn added(mut self, v: Version) -> Self {
        self.added = Some(v);
        self
    }

    pub const fn removed(mut self, v: Version) -> Self {
        self.removed = Some(v);
        self
    }

    pub const fn deprecated(mut self, use_instead: &'static str) -> Self {
        self.deprecated = Some(("deprecated", use_instead));
        self
    }

    /// nginx's wording for the http2 settings it replaced in 1.19.7.
    pub const fn obsolete(mut self, use_instead: &'static str) -> Self {
        self.deprecated = Some(("obsolete", use_instead));
        self
    }

    pub const fn origin(mut self, origin: Origin) -> Self {
        self.origin = origin;
        self
    }

    /// Unsupported, and why.
    pub const fn unsupported_because(mut self, why: &'static str) -> Self {
        self.support = Support::Unsupported;
        self.why_unsupported = Some(why);
        self
    }

    /// Refuse these values of an otherwise supported directive.
    pub const fn refuses(mut self, values: &'static [&'static str]) -> Self {
        self.refused_values = values;
        self
    }

    /// The first argument rginx refuses, if any.
    pub fn refused_arg<'a>(&self, args: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
        args.into_iter().find(|a| {
            self.refused_values
                .iter()
                .any(|v| v.eq_ignore_ascii_case(a))
        })
    }

    pub const fn support(mut self, support: Support) -> Self {
        self.support = support;
        self
    }

    /// What its block holds, given the context the directive stands in.
    pub fn inside(&self, parent: Ctx) -> Inside {
        context::inside(self, parent)
    }
}

/// A module and its table.
#[derive(Clone, Copy, Debug)]
pub struct Module {
    pub name: &'static str,
    pub directives: &'static [DirectiveSpec],
}

/// Every module rginx knows, in nginx's module order.
pub fn modules() -> &'static [Module] {
    table::MODULES
}

fn index() -> &'static HashMap<&'static str, Vec<&'static DirectiveSpec>> {
    static INDEX: OnceLock<HashMap<&'static str, Vec<&'static DirectiveSpec>>> = OnceLock::new();
    INDEX.get_or_init(|| {
        let mut map: HashMap<&'static str, Vec<&'static DirectiveSpec>> = HashMap::new();
        for m in modules() {
            for d in m.directives {
                map.entry(d.name).or_default().push(d);
            }
        }
        map
    })
}

/// Every row with this name (a name may exist in several modules: `server`
/// in http, upstream, stream and mail), in module order.
pub fn lookup(name: &[u8]) -> &'static [&'static DirectiveSpec] {
    std::str::from_utf8(name)
        .ok()
        .and_then(|n| index().get(n))
        .map_or(&[], Vec::as_slice)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lookup_finds_every_module_row() {
        let servers = lookup(b"server");
        assert!(servers.len() >= 4, "{servers:?}");
        assert!(lookup(b"proxy_pass")
            .iter()
            .any(|d| d.ctx.contains(Ctx::HTTP_LOC)));
        assert!(lookup(b"no_such_directive").is_empty());
        assert!(lookup(b"\xff").is_empty());
    }
}
