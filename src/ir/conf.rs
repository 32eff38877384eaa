//! The configuration as typed values: every directive the executor and
//! the runtime read is parsed once at load by the setter its row names
//! (nginx's `ngx_command_t.set`) into a field named after it, and merged
//! once down the levels (nginx's `merge_loc_conf`). Requests read fields;
//! no directive is looked up by name after load.
//!
//! Three kinds of level, as nginx has them: [`Loc`] (http, server,
//! location, `if` in location: inherited all the way down), [`Srv`]
//! (http and server: what a server decides for its connections) and
//! [`Main`] (the http block alone). Each is declared once with
//! [`levels!`]: a field per directive, its type, its default, its setter
//! and how it merges. A level's own settings are an `Option` per field
//! (nginx's UNSET); the resolved value has the default filled in.

use super::setting::Setting;
use super::At;
use crate::check::value::{parse_number, parse_size, parse_time};
use std::sync::Arc;
use std::time::Duration;

/// A setter: reads one directive's arguments into its field (the
/// previous value is there for the list setters, which append).
pub type Result<T = ()> = std::result::Result<T, String>;

fn first(s: &Setting) -> Result<&str> {
    s.args
        .first()
        .map(String::as_str)
        .ok_or_else(|| format!("invalid number of arguments in \"{}\" directive", s.name))
}

/// A setter's complaint as `-t` words it.
fn at(e: String, s: &Setting) -> String {
    format!("[emerg] {e} in {}", s.at)
}

fn invalid(s: &Setting) -> String {
    format!("\"{}\" directive invalid value", s.name)
}

/// The generic setters, by nginx's names.
pub mod set {
    use super::*;

    /// `ngx_conf_set_flag_slot`.
    pub fn flag(f: &mut Option<bool>, s: &Setting) -> Result {
        let v = first(s)?;
        *f = Some(if v.eq_ignore_ascii_case("on") {
            true
        } else if v.eq_ignore_ascii_case("off") {
            false
        } else {
            return Err(format!(
                "invalid value \"{v}\" in \"{}\" directive, it must be \"on\" or \"off\"",
                s.name
            ));
        });
        Ok(())
    }

    /// `ngx_conf_set_msec_slot`.
    pub fn msec(f: &mut Option<Duration>, s: &Setting) -> Result {
        let ms = parse_time(first(s)?, true).ok_or_else(|| invalid(s))?;
        *f = Some(Duration::from_millis(ms));
        Ok(())
    }

    /// `ngx_conf_set_sec_slot`.
    pub fn sec(f: &mut Option<Duration>, s: &Setting) -> Result {
        let secs = parse_time(first(s)?, false).ok_or_else(|| invalid(s))?;
        *f = Some(Duration::from_secs(secs));
        Ok(())
    }

    /// `ngx_conf_set_size_slot`.
    pub fn size(f: &mut Option<u64>, s: &Setting) -> Result {
        *f = Some(parse_size(first(s)?, false).ok_or_else(|| invalid(s))?);
        Ok(())
    }

    /// `ngx_conf_set_off_slot`.
    pub fn off(f: &mut Option<u64>, s: &Setting) -> Result {
        *f = Some(parse_size(first(s)?, true).ok_or_else(|| invalid(s))?);
        Ok(())
    }

    /// `ngx_conf_set_num_slot`.
    pub fn num(f: &mut Option<u64>, s: &Setting) -> Result {
        *f = Some(
            parse_number(first(s)?)
                .ok_or_else(|| format!("\"{}\" directive invalid number", s.name))?,
        );
        Ok(())
    }

    /// `ngx_conf_set_str_slot`.
    pub fn str(f: &mut Option<String>, s: &Setting) -> Result {
        *f = Some(first(s)?.to_string());
        Ok(())
    }

    /// A value whose absence means something (`proxy_ssl_name`: the
    /// host of `proxy_pass`).
    pub fn some_str(f: &mut Option<Option<String>>, s: &Setting) -> Result {
        *f = Some(Some(first(s)?.to_string()));
        Ok(())
    }

    /// `ngx_conf_set_str_array_slot`: each occurrence adds its value.
    pub fn str_array(f: &mut Option<Vec<String>>, s: &Setting) -> Result {
        f.get_or_insert_with(Vec::new).push(first(s)?.to_string());
        Ok(())
    }

    /// A directive whose every argument is one more value (`index`).
    pub fn words(f: &mut Option<Vec<String>>, s: &Setting) -> Result {
        f.get_or_insert_with(Vec::new)
            .extend(s.args.iter().cloned());
        Ok(())
    }

    /// All arguments as one value (`proxy_ssl_protocols`).
    pub fn all_args(f: &mut Option<Vec<String>>, s: &Setting) -> Result {
        *f = Some(s.args.clone());
        Ok(())
    }

    /// `ngx_conf_set_bitmask_slot`, kept as the words given.
    pub fn bitmask(f: &mut Option<Vec<String>>, s: &Setting) -> Result {
        *f = Some(s.args.iter().map(|a| a.to_ascii_lowercase()).collect());
        Ok(())
    }

    /// `ngx_conf_set_keyval_slot`: each occurrence adds a pair.
    pub fn keyval(f: &mut Option<Vec<(String, String)>>, s: &Setting) -> Result {
        let (Some(k), Some(v)) = (s.args.first(), s.args.get(1)) else {
            return Err(format!(
                "invalid number of arguments in \"{}\" directive",
                s.name
            ));
        };
        f.get_or_insert_with(Vec::new).push((k.clone(), v.clone()));
        Ok(())
    }

    /// `ngx_conf_set_enum_slot` into a type that knows its words.
    pub fn keyword<K: Keyword>(f: &mut Option<K>, s: &Setting) -> Result {
        let v = first(s)?;
        *f = Some(
            K::from_word(&v.to_ascii_lowercase())
                .ok_or_else(|| format!("invalid value \"{v}\""))?,
        );
        Ok(())
    }

    /// A directive kept as its occurrences (arguments and where), each
    /// one an entry of a list its user reads (`access_log`, `error_page`).
    pub fn entries(f: &mut Option<Vec<Entry>>, s: &Setting) -> Result {
        f.get_or_insert_with(Vec::new).push(Entry::of(s));
        Ok(())
    }

    /// The directive's one occurrence, with where it was written.
    pub fn entry(f: &mut Option<Entry>, s: &Setting) -> Result {
        *f = Some(Entry::of(s));
        Ok(())
    }

    /// A directive without arguments that is on when present (`internal`).
    pub fn present(f: &mut Option<bool>, _: &Setting) -> Result {
        *f = Some(true);
        Ok(())
    }
}

/// An enumeration's words (`ngx_conf_enum_t`).
pub trait Keyword: Sized {
    fn from_word(word: &str) -> Option<Self>;
}

macro_rules! keywords {
    ($(#[$doc:meta])* $name:ident { $($variant:ident = $word:literal),* $(,)? }) => {
        $(#[$doc])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq)]
        pub enum $name { $($variant),* }
        impl Keyword for $name {
            fn from_word(word: &str) -> Option<Self> {
                match word { $($word => Some($name::$variant),)* _ => None }
            }
        }
    };
}

keywords!(
    /// `server_tokens`.
    Tokens { On = "on", Off = "off", Build = "build" }
);
keywords!(
    /// `if_modified_since`: how If-Modified-Since is compared.
    Ims { Off = "off", Exact = "exact", Before = "before" }
);
keywords!(
    /// `lingering_close`.
    Lingering { Off = "off", On = "on", Always = "always" }
);
keywords!(
    /// `add_header_inherit` (1.29.3): how a level's `add_header` list
    /// joins its parent's.
    Inherit { On = "on", Off = "off", Merge = "merge" }
);
keywords!(
    /// `proxy_http_version` (`2` is refused at load).
    HttpVersion { Http10 = "1.0", Http11 = "1.1", Http2 = "2" }
);
keywords!(
    /// `ssl_verify_client`.
    VerifyClient { Off = "off", On = "on", Optional = "optional", OptionalNoCa = "optional_no_ca" }
);

/// One occurrence of a directive whose arguments are interpreted where
/// they are used (they hold variables, or a small language of their own).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entry {
    pub args: Vec<String>,
    pub at: At,
}

impl Entry {
    fn of(s: &Setting) -> Entry {
        Entry {
            args: s.args.clone(),
            at: s.at.clone(),
        }
    }

    pub fn arg(&self, i: usize) -> Option<&str> {
        self.args.get(i).map(String::as_str)
    }
}

/// `keepalive_timeout timeout [header_timeout]`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Keepalive {
    pub timeout: Duration,
    /// The `Keep-Alive: timeout=N` header, in seconds.
    pub header: Option<u64>,
}

fn keepalive_timeout(f: &mut Option<Keepalive>, s: &Setting) -> Result {
    let t = parse_time(first(s)?, true).ok_or_else(|| invalid(s))?;
    let header = match s.args.get(1) {
        Some(h) => Some(parse_time(h, false).ok_or_else(|| invalid(s))?),
        None => None,
    };
    *f = Some(Keepalive {
        timeout: Duration::from_millis(t),
        header,
    });
    Ok(())
}

/// `large_client_header_buffers number size`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Bufs {
    pub number: u64,
    pub size: u64,
}

fn bufs(f: &mut Option<Bufs>, s: &Setting) -> Result {
    let number = parse_number(first(s)?).ok_or_else(|| invalid(s))?;
    let size = s
        .args
        .get(1)
        .and_then(|a| parse_size(a, false))
        .ok_or_else(|| invalid(s))?;
    *f = Some(Bufs { number, size });
    Ok(())
}

/// `expires` (`ngx_http_headers_module`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Expires {
    Off,
    Epoch,
    Max,
    /// A time after the request (`1h`, `-1`), after the modification time
    /// (`modified 1h`), or the next time of day (`@15h30m`).
    Time(ExpiresAt),
    /// A value with variables, parsed as the request is answered
    /// (`modified` may come before it).
    Variable {
        modified: bool,
        value: String,
    },
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ExpiresAt {
    pub kind: ExpiresKind,
    /// Seconds (negative: in the past).
    pub secs: i64,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExpiresKind {
    Access,
    Modified,
    Daily,
}

/// A time value of `expires` (`ngx_http_parse_expires`): `@` for a time
/// of day, a sign, then a time in seconds' units.
pub fn parse_expires(value: &str, modified: bool) -> std::result::Result<ExpiresAt, &'static str> {
    let (daily, rest) = match value.strip_prefix('@') {
        Some(r) => (true, r),
        None => (false, value),
    };
    if daily && modified {
        return Err("daily time cannot be used with \"modified\" parameter");
    }
    let (minus, rest) = match rest.as_bytes().first() {
        Some(b'+') => (false, &rest[1..]),
        Some(b'-') => (true, &rest[1..]),
        _ => (false, rest),
    };
    let secs = parse_time(rest, false).ok_or("invalid value")?;
    if daily && secs >= 24 * 60 * 60 {
        return Err("daily time value must be less than 24 hours");
    }
    let secs = i64::try_from(secs).map_err(|_| "invalid value")?;
    Ok(ExpiresAt {
        kind: if daily {
            ExpiresKind::Daily
        } else if modified {
            ExpiresKind::Modified
        } else {
            ExpiresKind::Access
        },
        secs: if minus { -secs } else { secs },
    })
}

fn expires(f: &mut Option<Expires>, s: &Setting) -> Result {
    let (modified, value) = match s.args.as_slice() {
        [one] => match one.as_str() {
            "off" => return set_to(f, Expires::Off),
            "epoch" => return set_to(f, Expires::Epoch),
            "max" => return set_to(f, Expires::Max),
            v => (false, v),
        },
        [m, v] if m == "modified" => (true, v.as_str()),
        _ => return Err(invalid(s)),
    };
    if value.contains('$') {
        return set_to(
            f,
            Expires::Variable {
                modified,
                value: value.to_string(),
            },
        );
    }
    let at = parse_expires(value, modified).map_err(|e| format!("\"{}\" directive {e}", s.name))?;
    set_to(f, Expires::Time(at))
}

fn set_to<T>(f: &mut Option<T>, v: T) -> Result {
    *f = Some(v);
    Ok(())
}

/// `error_page code ... [=[response]] uri`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ErrorPage {
    pub codes: Vec<u16>,
    /// `=code` (`Some(0)`: `=` alone, the target's status).
    pub overwrite: Option<u16>,
    pub target: String,
    pub entry: Entry,
}

fn status_of(arg: &str) -> Option<u16> {
    arg.parse::<u16>().ok().filter(|c| (100..=999).contains(c))
}

fn error_page(f: &mut Option<Vec<ErrorPage>>, s: &Setting) -> Result {
    let mut codes = Vec::new();
    let mut overwrite = None;
    let mut target = None;
    for a in &s.args {
        if let Some(o) = a.strip_prefix('=') {
            overwrite = Some(o.parse::<u16>().unwrap_or(0));
        } else if let Some(c) = status_of(a).filter(|_| target.is_none()) {
            codes.push(c);
        } else {
            target = Some(a.clone());
        }
    }
    f.get_or_insert_with(Vec::new).push(ErrorPage {
        codes,
        overwrite,
        target: target.unwrap_or_default(),
        entry: Entry::of(s),
    });
    Ok(())
}

/// `add_header name value [always]`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Header {
    pub name: String,
    pub value: String,
    pub always: bool,
}

fn add_header(f: &mut Option<Vec<Header>>, s: &Setting) -> Result {
    let (Some(name), Some(value)) = (s.args.first(), s.args.get(1)) else {
        return Err(format!(
            "invalid number of arguments in \"{}\" directive",
            s.name
        ));
    };
    f.get_or_insert_with(Vec::new).push(Header {
        name: name.clone(),
        value: value.clone(),
        always: s.args.get(2).is_some_and(|a| a == "always"),
    });
    Ok(())
}

/// `proxy_pass URL`, with where it was written.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Pass {
    pub url: String,
    pub at: At,
}

fn pass(f: &mut Option<Pass>, s: &Setting) -> Result {
    *f = Some(Pass {
        url: first(s)?.to_string(),
        at: s.at.clone(),
    });
    Ok(())
}

/// `types { type ext...; }`: extension (lower case) to type.
pub type Types = Arc<std::collections::HashMap<String, String>>;

fn types(f: &mut Option<Types>, s: &Setting) -> Result {
    let mut map = std::collections::HashMap::new();
    for t in &s.block {
        for ext in &t.args {
            // A later line for the same extension wins.
            map.insert(ext.to_ascii_lowercase(), t.name.clone());
        }
    }
    *f = Some(Arc::new(map));
    Ok(())
}

/// `allow`/`deny`: one list, in order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Rule {
    pub deny: bool,
    /// `all`, an address or a CIDR block.
    pub what: String,
    pub at: At,
}

fn access_rule(f: &mut Option<Vec<Rule>>, s: &Setting) -> Result {
    f.get_or_insert_with(Vec::new).push(Rule {
        deny: s.name == "deny",
        what: first(s)?.to_string(),
        at: s.at.clone(),
    });
    Ok(())
}

/// `root` or `alias` (one field in nginx too): the path as written, and
/// for an alias the location that set it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Root {
    pub path: String,
    pub alias: Option<AliasOf>,
}

/// What an alias replaces: the prefix of the location that set it, or
/// (a regex location) the whole path.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AliasOf {
    pub prefix_len: usize,
    pub regex: bool,
}

/// How a field's value comes down from the enclosing level.
macro_rules! merge_field {
    // Inherited from every enclosing level (the common case).
    (inherit, $own:expr, $parent:expr, $into_if:expr) => {
        if $own.is_none() {
            $own = $parent.clone();
        }
    };
    // A level's own (a location's handler, `try_files`): not inherited
    // by nested levels, but in effect inside the location's `if`.
    (own, $own:expr, $parent:expr, $into_if:expr) => {
        if $into_if && $own.is_none() {
            $own = $parent.clone();
        }
    };
}

/// Declare a kind of level: `field: Type = default, setter, merge;` per
/// directive (the field is named after it).
macro_rules! levels {
    (
        $(#[$doc:meta])*
        $name:ident / $resolved:ident {
            $( $(#[$fdoc:meta])* $field:ident : $ty:ty = $default:expr, $setter:path, $merge:ident; )*
        }
    ) => {
        /// What one level sets itself (`None`: unset).
        #[derive(Clone, Debug, Default)]
        pub struct $name {
            $( pub $field: Option<$ty>, )*
        }

        $(#[$doc])*
        #[derive(Clone, Debug)]
        pub struct $resolved {
            $( $(#[$fdoc])* pub $field: $ty, )*
        }

        impl $name {
            /// The directives this kind of level holds.
            pub const DIRECTIVES: &'static [&'static str] = &[$(stringify!($field)),*];

            /// The setter of each directive, by name.
            pub const SETTERS: &'static [(&'static str, &'static str)] =
                &[$((stringify!($field), stringify!($setter))),*];

            /// Apply one directive; `None` when it is not one of these.
            pub fn set(&mut self, s: &Setting) -> Option<Result> {
                Some(match s.name.as_str() {
                    $( stringify!($field) => $setter(&mut self.$field, s), )*
                    _ => return None,
                })
            }

            /// Take what this level leaves unset from the enclosing one.
            pub fn inherit(&mut self, parent: &$name, into_if: bool) {
                let _ = into_if;
                $( merge_field!($merge, self.$field, parent.$field, into_if); )*
            }

            /// The values in effect: unset ones get their default.
            pub fn resolve(&self) -> $resolved {
                $resolved {
                    $( $field: self.$field.clone().unwrap_or_else(|| $default), )*
                }
            }

            /// A field's value as text (`None`: unset or not a field), for
            /// comparing defaults with the registry's.
            pub fn debug(&self, name: &str) -> Option<String> {
                match name {
                    $( stringify!($field) => self.$field.as_ref().map(|v| format!("{v:?}")), )*
                    _ => None,
                }
            }
        }

        impl Default for $resolved {
            fn default() -> Self {
                $name::default().resolve()
            }
        }

        impl $resolved {
            /// Every default, as text (see [`$name::debug`]).
            pub fn default_debug(name: &str) -> Option<String> {
                match name {
                    $( stringify!($field) => Some({ let v: $ty = $default; format!("{v:?}") }), )*
                    _ => None,
                }
            }
        }
    };
}

const fn secs(n: u64) -> Duration {
    Duration::from_secs(n)
}

levels! {
    /// The settings in effect in a location (or at a server or http level
    /// where no location applies), as nginx's loc conf.
    LocLevel / Loc {
        client_max_body_size: u64 = 1 << 20, set::off, inherit;
        // `2 * ngx_pagesize`: two 4 KiB pages.
        client_body_buffer_size: u64 = 8 << 10, set::size, inherit;
        client_body_temp_path: String = "client_body_temp".into(), set::str, inherit;
        client_body_timeout: Duration = secs(60), set::msec, inherit;
        send_timeout: Duration = secs(60), set::msec, inherit;
        keepalive_timeout: Keepalive = Keepalive { timeout: secs(75), header: None }, keepalive_timeout, inherit;
        keepalive_requests: u64 = 1000, set::num, inherit;
        lingering_close: Lingering = Lingering::On, set::keyword, inherit;
        lingering_time: Duration = secs(30), set::msec, inherit;
        lingering_timeout: Duration = secs(5), set::msec, inherit;
        default_type: String = "text/plain".into(), set::str, inherit;
        types: Option<Types> = None, types_opt, inherit;
        server_tokens: Tokens = Tokens::On, set::keyword, inherit;
        if_modified_since: Ims = Ims::Exact, set::keyword, inherit;
        etag: bool = true, set::flag, inherit;
        recursive_error_pages: bool = false, set::flag, inherit;
        error_page: Vec<ErrorPage> = Vec::new(), error_page, inherit;
        absolute_redirect: bool = true, set::flag, inherit;
        server_name_in_redirect: bool = false, set::flag, inherit;
        port_in_redirect: bool = true, set::flag, inherit;
        expires: Expires = Expires::Off, expires, inherit;
        /// Merged by `add_header_inherit` (see [`LocLevel::inherit_all`]).
        add_header: Vec<Header> = Vec::new(), add_header, own;
        add_header_inherit: Inherit = Inherit::On, set::keyword, inherit;
        allow: Vec<Rule> = Vec::new(), access_rule, inherit;
        /// `Some` always once resolved (nginx's `html`); `None` only unset.
        root: Option<Root> = Some(Root { path: "html".into(), alias: None }), root_opt, inherit;
        index: Vec<String> = vec!["index.html".into()], set::words, inherit;
        try_files: Vec<String> = Vec::new(), set::all_args, own;
        proxy_pass: Option<Pass> = None, pass_opt, own;
        internal: bool = false, set::present, own;
        access_log: Vec<Entry> = Vec::new(), set::entries, inherit;
        log_subrequest: bool = false, set::flag, inherit;
        error_log: Vec<Entry> = Vec::new(), set::entries, inherit;
        set_real_ip_from: Vec<String> = Vec::new(), realip_from, inherit;
        real_ip_header: String = "X-Real-IP".into(), realip_header, inherit;
        real_ip_recursive: bool = false, set::flag, inherit;
        proxy_connect_timeout: Duration = secs(60), set::msec, inherit;
        proxy_read_timeout: Duration = secs(60), set::msec, inherit;
        proxy_send_timeout: Duration = secs(60), set::msec, inherit;
        proxy_buffer_size: u64 = 4 << 10, set::size, inherit;
        proxy_hide_header: Vec<String> = Vec::new(), set::str_array, inherit;
        proxy_pass_header: Vec<String> = Vec::new(), set::str_array, inherit;
        proxy_intercept_errors: bool = false, set::flag, inherit;
        proxy_redirect: Vec<Entry> = Vec::new(), set::entries, inherit;
        proxy_set_header: Vec<(String, String)> = Vec::new(), set::keyval, inherit;
        /// `None`: the version's default ([`Loc::upstream_http_version`]).
        proxy_http_version: Option<HttpVersion> = None, some_keyword, inherit;
        proxy_next_upstream: Vec<String> = vec!["error".into(), "timeout".into()], set::bitmask, inherit;
        proxy_next_upstream_tries: u64 = 0, set::num, inherit;
        proxy_pass_request_body: bool = true, set::flag, inherit;
        proxy_pass_request_headers: bool = true, set::flag, inherit;
        proxy_ssl_name: Option<String> = None, complex_value, inherit;
        proxy_ssl_server_name: bool = false, set::flag, inherit;
        proxy_ssl_verify: bool = false, set::flag, inherit;
        proxy_ssl_trusted_certificate: Option<String> = None, set::some_str, inherit;
        proxy_ssl_verify_depth: u64 = 1, set::num, inherit;
        proxy_ssl_certificate: Option<String> = None, complex_value, inherit;
        proxy_ssl_certificate_key: Option<String> = None, complex_value, inherit;
        /// `None`: TLSv1.2 and TLSv1.3.
        proxy_ssl_protocols: Option<Vec<String>> = None, protocols, inherit;
        proxy_ssl_ciphers: String = "DEFAULT".into(), set::str, inherit;
        proxy_ssl_session_reuse: bool = true, set::flag, inherit;
        /// Read by nothing yet: a missing file is not logged (the row says so).
        log_not_found: bool = true, set::flag, inherit;
        /// Read by nothing yet: bodies are always buffered, as with `on`.
        proxy_request_buffering: bool = true, set::flag, inherit;
        // The hash sizes below are checked as nginx checks them; rginx
        // builds no hash of its own by them (the rows say so).
        types_hash_max_size: u64 = 1024, set::num, inherit;
        types_hash_bucket_size: u64 = 64, set::num, inherit;
        proxy_headers_hash_max_size: u64 = 512, set::num, inherit;
        proxy_headers_hash_bucket_size: u64 = 64, set::num, inherit;
    }
}

levels! {
    /// What a server decides for its connections (nginx's srv conf), set
    /// at http or server level.
    SrvLevel / Srv {
        underscores_in_headers: bool = false, set::flag, inherit;
        ignore_invalid_headers: bool = true, set::flag, inherit;
        client_header_timeout: Duration = secs(60), set::msec, inherit;
        client_header_buffer_size: u64 = 1 << 10, set::size, inherit;
        large_client_header_buffers: Bufs = Bufs { number: 4, size: 8 << 10 }, bufs, inherit;
        http2: bool = false, set::flag, inherit;
        http2_max_concurrent_streams: u64 = 128, set::num, inherit;
        ssl_certificate: Vec<Entry> = Vec::new(), set::entries, inherit;
        ssl_certificate_key: Vec<Entry> = Vec::new(), set::entries, inherit;
        ssl_protocols: Option<Vec<String>> = None, protocols, inherit;
        ssl_ciphers: String = "HIGH:!aNULL:!MD5".into(), set::str, inherit;
        ssl_ecdh_curve: String = "auto".into(), set::str, inherit;
        ssl_prefer_server_ciphers: bool = false, set::flag, inherit;
        ssl_session_cache: Vec<String> = vec!["none".into()], set::all_args, inherit;
        ssl_session_timeout: Duration = secs(300), set::sec, inherit;
        ssl_session_tickets: bool = true, set::flag, inherit;
        ssl_session_ticket_key: Vec<Entry> = Vec::new(), set::entries, inherit;
        ssl_verify_client: VerifyClient = VerifyClient::Off, set::keyword, inherit;
        ssl_verify_depth: u64 = 1, set::num, inherit;
        ssl_client_certificate: Option<String> = None, set::some_str, inherit;
        ssl_trusted_certificate: Option<String> = None, set::some_str, inherit;
        ssl_reject_handshake: bool = false, set::flag, inherit;
        merge_slashes: bool = true, set::flag, inherit;
        /// The legacy `ssl on` (before 1.25.1).
        ssl: bool = false, ssl_enable, inherit;
    }
}

levels! {
    /// The http block's own settings (nginx's main conf).
    MainLevel / Main {
        log_format: Vec<Entry> = Vec::new(), set::entries, inherit;
        server_names_hash_max_size: u64 = 512, set::num, inherit;
        /// nginx's default is the CPU's cache line.
        server_names_hash_bucket_size: u64 = super::hash::CACHE_LINE as u64, set::num, inherit;
        variables_hash_max_size: u64 = 1024, set::num, inherit;
        variables_hash_bucket_size: u64 = 64, set::num, inherit;
        map_hash_max_size: u64 = 2048, set::num, inherit;
        /// nginx's default is the CPU's cache line.
        map_hash_bucket_size: u64 = super::hash::CACHE_LINE as u64, set::num, inherit;
    }
}

/// `ssl_protocols` and `proxy_ssl_protocols` (`ngx_conf_set_bitmask_slot`):
/// words matched in any case, kept in nginx's spelling.
fn protocols(f: &mut Option<Option<Vec<String>>>, s: &Setting) -> Result {
    const NAMES: [&str; 6] = ["SSLv2", "SSLv3", "TLSv1", "TLSv1.1", "TLSv1.2", "TLSv1.3"];
    let words = s
        .args
        .iter()
        .map(|a| {
            NAMES
                .iter()
                .find(|n| n.eq_ignore_ascii_case(a))
                .map(|n| n.to_string())
                .ok_or_else(|| format!("invalid value \"{a}\""))
        })
        .collect::<Result<Vec<_>>>()?;
    *f = Some(Some(words));
    Ok(())
}

fn some_args(f: &mut Option<Option<Vec<String>>>, s: &Setting) -> Result {
    *f = Some(Some(s.args.clone()));
    Ok(())
}

// nginx's own setters for values stored as a generic setter stores them:
// the registry names these rows' setters as the module's own.

/// `ngx_http_realip_from`: an address, CIDR block or `unix:`.
fn realip_from(f: &mut Option<Vec<String>>, s: &Setting) -> Result {
    set::str_array(f, s)
}

/// `ngx_http_realip`: `X-Real-IP`, `X-Forwarded-For`, `proxy_protocol` or
/// a header's name.
fn realip_header(f: &mut Option<String>, s: &Setting) -> Result {
    set::str(f, s)
}

/// `ngx_http_set_complex_value_slot` (and its `_zero` variant): a value
/// with variables, evaluated per request.
fn complex_value(f: &mut Option<Option<String>>, s: &Setting) -> Result {
    set::some_str(f, s)
}

/// `ngx_set_env`: `NAME` or `NAME=value`.
fn set_env(f: &mut Option<Vec<String>>, s: &Setting) -> Result {
    set::str_array(f, s)
}

/// `ngx_http_ssl_enable`: a flag (its deprecation warning is `-t`'s).
fn ssl_enable(f: &mut Option<bool>, s: &Setting) -> Result {
    set::flag(f, s)
}

fn types_opt(f: &mut Option<Option<Types>>, s: &Setting) -> Result {
    let mut t = None;
    types(&mut t, s)?;
    *f = Some(t);
    Ok(())
}

fn pass_opt(f: &mut Option<Option<Pass>>, s: &Setting) -> Result {
    let mut p = None;
    pass(&mut p, s)?;
    *f = Some(p);
    Ok(())
}

/// `root` here; `alias` is set by [`LocLevel::set_in`], which knows the
/// location.
fn root_opt(f: &mut Option<Option<Root>>, s: &Setting) -> Result {
    *f = Some(Some(Root {
        path: first(s)?.to_string(),
        alias: None,
    }));
    Ok(())
}

impl LocLevel {
    /// The settings of one level, applied in order. `alias` is the
    /// location's (prefix length, regex) when the level is a location.
    pub fn of(settings: &[Setting], alias: Option<AliasOf>) -> Result<LocLevel> {
        let mut level = LocLevel::default();
        for s in settings {
            level.set_in(s, alias.clone()).map_err(|e| at(e, s))?;
        }
        Ok(level)
    }

    /// One directive, including the ones that share a field: `deny`
    /// joins `allow`'s list, `alias` is `root` with the location's prefix.
    pub fn set_in(&mut self, s: &Setting, alias: Option<AliasOf>) -> Result {
        match s.name.as_str() {
            "deny" => access_rule(&mut self.allow, s),
            "alias" => {
                self.root = Some(Some(Root {
                    path: first(s)?.to_string(),
                    alias: Some(alias.unwrap_or(AliasOf {
                        prefix_len: 0,
                        regex: false,
                    })),
                }));
                Ok(())
            }
            _ => self.set(s).unwrap_or(Ok(())),
        }
    }

    /// Inherit from the enclosing level, with `add_header` merged as
    /// `add_header_inherit` says (1.29.3; before, `on` always).
    pub fn inherit_all(&mut self, parent: &LocLevel, into_if: bool) {
        let own_headers = self.add_header.take();
        self.inherit(parent, into_if);
        let mode = self.add_header_inherit.unwrap_or(Inherit::On);
        self.add_header = match (mode, own_headers) {
            (Inherit::Merge, own) => {
                let mut list = own.unwrap_or_default();
                list.extend(parent.add_header.clone().unwrap_or_default());
                Some(list)
            }
            (Inherit::Off, own) => Some(own.unwrap_or_default()),
            (Inherit::On, Some(own)) => Some(own),
            (Inherit::On, None) => parent.add_header.clone(),
        };
    }
}

impl Loc {
    /// `proxy_http_version` in effect; its default changed in 1.29.7.
    pub fn upstream_http_version(&self, version: crate::registry::Version) -> &str {
        use crate::profile::{has, Behaviour::UpstreamHttp11Keepalive};
        match self.proxy_http_version {
            Some(HttpVersion::Http10) => "1.0",
            Some(HttpVersion::Http11) => "1.1",
            Some(HttpVersion::Http2) => "2",
            None if has(version, UpstreamHttp11Keepalive) => "1.1",
            None => "1.0",
        }
    }

    /// `server_tokens` shows the version.
    pub fn tokens(&self) -> bool {
        self.server_tokens == Tokens::On
    }
}

impl SrvLevel {
    pub fn of(settings: &[Setting]) -> Result<SrvLevel> {
        let mut level = SrvLevel::default();
        for s in settings {
            level.set(s).unwrap_or(Ok(())).map_err(|e| at(e, s))?;
        }
        Ok(level)
    }
}

impl MainLevel {
    pub fn of(settings: &[Setting]) -> Result<MainLevel> {
        let mut level = MainLevel::default();
        for s in settings {
            level.set(s).unwrap_or(Ok(())).map_err(|e| at(e, s))?;
        }
        Ok(level)
    }
}

/// `worker_processes N | auto`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Workers {
    Auto,
    Count(u64),
}

fn worker_processes(f: &mut Option<Workers>, s: &Setting) -> Result {
    let v = first(s)?;
    *f = Some(if v == "auto" {
        Workers::Auto
    } else {
        Workers::Count(parse_number(v).ok_or_else(|| invalid(s))?)
    });
    Ok(())
}

/// `worker_priority`: a signed number (`-5`, `+5`, `5`).
fn worker_priority(f: &mut Option<Option<i32>>, s: &Setting) -> Result {
    let p = first(s)?;
    let (neg, digits) = match p.as_bytes().first() {
        Some(b'-') => (true, &p[1..]),
        Some(b'+') => (false, &p[1..]),
        _ => (false, p),
    };
    let n = parse_number(digits)
        .and_then(|n| i32::try_from(n).ok())
        .ok_or_else(|| format!("invalid number \"{p}\""))?;
    *f = Some(Some(if neg { -n } else { n }));
    Ok(())
}

keywords!(
    /// `debug_points`.
    DebugPoints { Stop = "stop", Abort = "abort" }
);

fn some_msec(f: &mut Option<Option<Duration>>, s: &Setting) -> Result {
    let mut d = None;
    set::msec(&mut d, s)?;
    *f = Some(d);
    Ok(())
}

fn some_num(f: &mut Option<Option<u64>>, s: &Setting) -> Result {
    let mut n = None;
    set::num(&mut n, s)?;
    *f = Some(n);
    Ok(())
}

fn some_off(f: &mut Option<Option<u64>>, s: &Setting) -> Result {
    let mut n = None;
    set::off(&mut n, s)?;
    *f = Some(n);
    Ok(())
}

fn some_keyword<K: Keyword>(f: &mut Option<Option<K>>, s: &Setting) -> Result {
    let mut k = None;
    set::keyword(&mut k, s)?;
    *f = Some(k);
    Ok(())
}

levels! {
    /// The main context: how the process runs (nginx's core module conf).
    CoreLevel / Core {
        daemon: bool = true, set::flag, inherit;
        /// Relative to the prefix.
        pid: String = "logs/nginx.pid".into(), set::str, inherit;
        worker_processes: Workers = Workers::Count(1), worker_processes, inherit;
        error_log: Vec<Entry> = Vec::new(), set::entries, inherit;
        worker_rlimit_nofile: Option<u64> = None, some_num, inherit;
        worker_rlimit_core: Option<u64> = None, some_off, inherit;
        working_directory: Option<String> = None, set::some_str, inherit;
        /// `TZ` is kept whatever the list says.
        env: Vec<String> = Vec::new(), set_env, inherit;
        worker_priority: Option<i32> = None, worker_priority, inherit;
        worker_cpu_affinity: Option<Vec<String>> = None, some_args, inherit;
        debug_points: Option<DebugPoints> = None, some_keyword, inherit;
        /// `None`: a graceful stop waits for every connection.
        worker_shutdown_timeout: Option<Duration> = None, some_msec, inherit;
        /// `None`: the clock is read for every event.
        timer_resolution: Option<Duration> = None, some_msec, inherit;
    }
}

/// `ngx_event_connections`, worded as nginx words a bad number.
fn event_connections(f: &mut Option<u64>, s: &Setting) -> Result {
    let v = first(s)?;
    *f = Some(parse_number(v).ok_or_else(|| format!("invalid number \"{v}\""))?);
    Ok(())
}

levels! {
    /// The `events` block.
    EventsLevel / Events {
        worker_connections: u64 = 512, event_connections, inherit;
        multi_accept: bool = false, set::flag, inherit;
    }
}

/// The main context and the `events` block (the `-g` directives first,
/// then the configuration's), typed.
pub fn process(config: &crate::syntax::Config) -> Result<(Core, Events)> {
    let mut core = CoreLevel::default();
    let mut events = EventsLevel::default();
    let mut ids: Vec<_> = config.command_line.into_iter().collect();
    ids.push(config.main);
    for id in ids {
        for d in config.expanded(&config.file(id).directives) {
            match d.block() {
                // Of the main context's blocks only `events` holds settings
                // of the process.
                Some(b) if d.is("events") => {
                    for e in config.expanded(&b.directives) {
                        if let Some(e) = super::setting_of(config, e) {
                            events
                                .set(&e)
                                .unwrap_or(Ok(()))
                                .map_err(|err| at(err, &e))?;
                        }
                    }
                }
                Some(_) => {}
                None => {
                    if let Some(s) = super::setting_of(config, d) {
                        core.set(&s).unwrap_or(Ok(())).map_err(|e| at(e, &s))?;
                    }
                }
            }
        }
    }
    Ok((core.resolve(), events.resolve()))
}
