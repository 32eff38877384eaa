//! The typed configuration covers the registry: every directive rginx
//! runs becomes a typed value at load, with the setter and the default
//! its row names, and nothing after load looks a directive up by name.

use rginx::ir::conf::{
    self, Core, CoreLevel, Events, EventsLevel, Loc, LocLevel, Main, MainLevel, Srv, SrvLevel,
};
use rginx::ir::location::Setting;
use rginx::ir::{rewrite, At, Http};
use rginx::registry::{self, Ctx, DirectiveSpec, Setter, Support};
use std::path::Path;

/// One kind of level, seen through what its `levels!` declaration gives.
struct Level {
    name: &'static str,
    /// The contexts its rows stand in.
    ctx: Ctx,
    setters: &'static [(&'static str, &'static str)],
    /// A fresh level with this one setting applied, the field as text.
    parsed: fn(&Setting) -> Result<Option<String>, String>,
    /// The field's default as text.
    default: fn(&str) -> Option<String>,
}

macro_rules! level {
    ($level:ident / $resolved:ident, $ctx:expr) => {
        Level {
            name: stringify!($level),
            ctx: $ctx,
            setters: $level::SETTERS,
            parsed: |s| {
                let mut l = $level::default();
                match l.set(s) {
                    Some(Ok(())) => Ok(l.debug(&s.name)),
                    Some(Err(e)) => Err(e),
                    None => Ok(None),
                }
            },
            default: $resolved::default_debug,
        }
    };
}

fn http_ctx() -> Ctx {
    Ctx::HTTP_MAIN
        .or(Ctx::HTTP_SRV)
        .or(Ctx::HTTP_LOC)
        .or(Ctx::HTTP_UPS)
}

fn levels() -> Vec<Level> {
    vec![
        level!(LocLevel / Loc, http_ctx()),
        level!(SrvLevel / Srv, http_ctx()),
        level!(MainLevel / Main, http_ctx()),
        level!(CoreLevel / Core, Ctx::MAIN),
        level!(EventsLevel / Events, Ctx::EVENT),
    ]
}

/// The registry row a level's field stands for.
fn row(level: &Level, name: &str) -> &'static DirectiveSpec {
    registry::lookup(name.as_bytes())
        .iter()
        .copied()
        .find(|d| d.ctx.intersects(level.ctx))
        .unwrap_or_else(|| panic!("{}: field {name} has no registry row", level.name))
}

fn runs(d: &DirectiveSpec) -> bool {
    matches!(d.support, Support::Supported | Support::Partial(_))
}

fn setting(name: &str, args: &[&str]) -> Setting {
    Setting {
        name: name.into(),
        args: args.iter().map(|a| a.to_string()).collect(),
        at: At {
            file: "test.conf".into(),
            line: 1,
        },
        block: Vec::new(),
    }
}

/// Directives `LocLevel::set_in` puts into another directive's field.
const SHARED_FIELDS: &[(&str, &str)] = &[("deny", "allow"), ("alias", "root")];

/// Statements `ir::rewrite::compile` turns into `rewrite::Stmt`s.
const REWRITE_STATEMENTS: &[&str] = &["rewrite", "return", "break", "if", "set"];

/// Blocks and lines the IR builds into structures of their own (checked
/// by `structural_directives_are_built` below).
const STRUCTURAL: &[&str] = &[
    // ir::Http::build (src/ir/mod.rs).
    "http",
    // ir::conf::process: the `events` block into `Events`.
    "events",
    // syntax::include: expanded before the IR sees the levels.
    "include",
    // ir::server::Server::build: the `server` block, its `listen` and
    // `server_name` lines.
    "server",
    "listen",
    "server_name",
    // ir::location::Location::build.
    "location",
    // ir::balance::Group::build: the `upstream` block, its `server`
    // lines and balancing methods.
    "upstream",
    "hash",
    "ip_hash",
    "least_conn",
    "keepalive",
    // ir::maps: Map, Geo and SplitClients tables.
    "map",
    "geo",
    "split_clients",
];

/// Rows whose whole effect is a check at load (`check::value`): there is
/// no value for anything to read afterwards.
const LOAD_CHECKS_ONLY: &[&str] = &[
    // rginx does not switch users; `-t` checks the user exists.
    "user",
    // A built-in module loads as a no-op, any other gives a warning.
    "load_module",
    // nginx built without --with-debug ignores it with a warning.
    "debug_connection",
];

#[test]
fn every_supported_row_becomes_a_typed_value() {
    let fields: Vec<&str> = levels()
        .iter()
        .flat_map(|l| l.setters.iter().map(|(n, _)| *n))
        .collect();
    let contexts = Ctx::MAIN.or(Ctx::EVENT).or(http_ctx());
    let mut missing = Vec::new();
    for m in registry::modules() {
        for d in m.directives {
            if !runs(d) || !d.ctx.intersects(contexts) {
                continue;
            }
            let home = fields.contains(&d.name)
                || SHARED_FIELDS.iter().any(|(n, _)| *n == d.name)
                || REWRITE_STATEMENTS.contains(&d.name)
                || STRUCTURAL.contains(&d.name)
                || LOAD_CHECKS_ONLY.contains(&d.name);
            if !home {
                missing.push(format!("{} {} ({:?})", d.module, d.name, d.setter));
            }
        }
    }
    assert!(
        missing.is_empty(),
        "rows without a typed home: {missing:#?}"
    );
    for (_, field) in SHARED_FIELDS {
        assert!(LocLevel::DIRECTIVES.contains(field), "{field}");
    }
}

#[test]
fn shared_fields_are_set_by_set_in() {
    let mut level = LocLevel::default();
    level
        .set_in(&setting("allow", &["10.0.0.0/8"]), None)
        .unwrap();
    level.set_in(&setting("deny", &["all"]), None).unwrap();
    let rules = level.allow.clone().unwrap();
    assert_eq!(rules.len(), 2);
    assert!(!rules[0].deny && rules[1].deny && rules[1].what == "all");

    let alias = conf::AliasOf {
        prefix_len: 3,
        regex: false,
    };
    level
        .set_in(&setting("alias", &["/srv/x/"]), Some(alias.clone()))
        .unwrap();
    let root = level.root.clone().unwrap().unwrap();
    assert_eq!(root.path, "/srv/x/");
    assert_eq!(root.alias, Some(alias));
}

#[test]
fn rewrite_statements_are_compiled() {
    let mut cond = setting("if", &["$arg_x"]);
    cond.block = vec![setting("break", &[])];
    let settings = [
        setting("rewrite", &["^/a$", "/b", "last"]),
        setting("set", &["$v", "1"]),
        cond,
        setting("break", &[]),
        setting("return", &["204"]),
    ];
    let stmts = rewrite::compile(&settings, None).unwrap();
    assert!(
        matches!(
            stmts.as_slice(),
            [
                rewrite::Stmt::Rewrite(_),
                rewrite::Stmt::Set { .. },
                rewrite::Stmt::If(_),
                rewrite::Stmt::Break,
                rewrite::Stmt::Return(_),
            ]
        ),
        "{stmts:?}"
    );
}

fn load(dir: &Path, conf: &str) -> rginx::syntax::Config {
    let path = dir.join("nginx.conf");
    std::fs::write(&path, conf).unwrap();
    rginx::syntax::include::load(&path, &rginx::syntax::LoadOptions::default()).unwrap()
}

#[test]
fn structural_directives_are_built() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("maps.conf"), "map $uri $m { default 1; }\n").unwrap();
    let config = load(
        dir.path(),
        "events { worker_connections 77; }\n\
         http {\n\
           include maps.conf;\n\
           geo $g { default 2; }\n\
           split_clients $uri $s { * 3; }\n\
           upstream rr { server 127.0.0.1:9; keepalive 8; }\n\
           upstream h { hash $uri consistent; server 127.0.0.1:9; }\n\
           upstream ip { ip_hash; server 127.0.0.1:9; }\n\
           upstream lc { least_conn; server 127.0.0.1:9; }\n\
           server { listen 8081; server_name example.test;\n\
             location /a { return 204; }\n\
           }\n\
         }\n",
    );
    let (_, events) = conf::process(&config).unwrap();
    assert_eq!(events.worker_connections, 77);

    let http = Http::build(&config, true).unwrap();
    for t in ["m", "g", "s"] {
        assert!(http.tables.contains_key(t), "table ${t}");
    }
    let ups = |n: &str| http.upstreams.get(n).unwrap_or_else(|| panic!("{n}"));
    assert_eq!(ups("rr").keepalive, Some(8));
    assert_eq!(ups("rr").peers.len(), 1);
    assert!(matches!(
        ups("h").method,
        rginx::ir::balance::Method::Hash {
            consistent: true,
            ..
        }
    ));
    assert_eq!(ups("ip").method, rginx::ir::balance::Method::IpHash);
    assert_eq!(ups("lc").method, rginx::ir::balance::Method::LeastConn);

    let [server] = http.servers.as_slice() else {
        panic!("one server: {:?}", http.servers.len());
    };
    assert_eq!(server.listens[0].port, 8081);
    assert_eq!(server.primary_name, "example.test");
    assert_eq!(server.locations[0].pattern, "/a");
}

#[test]
fn merge_slashes_comes_down_from_http() {
    let dir = tempfile::tempdir().unwrap();
    let config = load(
        dir.path(),
        "events {}\nhttp { merge_slashes off;\n\
           server { listen 8081; }\n\
           server { listen 8082; merge_slashes on; }\n\
         }\n",
    );
    let http = Http::build(&config, true).unwrap();
    assert!(!http.servers[0].srv.merge_slashes);
    assert!(!http.servers[0].merge_slashes);
    assert!(http.servers[1].merge_slashes);
}

/// The registry's setter each generic setter stands for (`None`: a setter
/// of rginx's own shape, for a row whose setter is the module's own).
fn generic(setter: &str) -> Option<&'static [Setter]> {
    Some(match setter {
        "set::flag" => &[Setter::Flag],
        "set::msec" => &[Setter::Msec],
        "set::sec" => &[Setter::Sec],
        "set::size" => &[Setter::Size],
        "set::off" => &[Setter::Off],
        "set::num" => &[Setter::Num],
        // `ngx_conf_set_path_slot` keeps the path as a string too.
        "set::str" | "set::some_str" => &[Setter::Str, Setter::Path],
        "set::str_array" => &[Setter::StrArray],
        "set::keyval" => &[Setter::KeyVal],
        "set::keyword" => &[Setter::Enum],
        "set::bitmask" | "protocols" => &[Setter::Bitmask],
        // A list of occurrences that also keeps where each was written
        // (`ssl_certificate`, or a module's own such as `access_log`).
        "set::entries" => &[Setter::StrArray, Setter::Custom],
        // `Option` forms, for a default that is "not set".
        "some_num" => &[Setter::Num],
        "some_off" => &[Setter::Off],
        "some_msec" => &[Setter::Msec],
        "some_keyword" => &[Setter::Enum],
        _ => return None,
    })
}

fn generic_setters() -> Vec<Setter> {
    [
        "set::flag",
        "set::msec",
        "set::sec",
        "set::size",
        "set::off",
        "set::num",
        "set::str",
        "set::str_array",
        "set::keyval",
        "set::keyword",
        "set::bitmask",
    ]
    .iter()
    .flat_map(|s| generic(s).unwrap_or_default())
    .copied()
    .collect()
}

#[test]
fn setters_agree_with_the_registry() {
    let mut wrong = Vec::new();
    for level in levels() {
        for (name, setter) in level.setters {
            let d = row(&level, name);
            let agrees = match generic(setter) {
                Some(expected) => expected.contains(&d.setter),
                // A row with a generic setter needs that setter (or its
                // `Option` form) for the same checks and errors.
                None => !generic_setters().contains(&d.setter),
            };
            if !agrees {
                wrong.push(format!(
                    "{}.{name}: {setter}, registry {:?}",
                    level.name, d.setter
                ));
            }
        }
    }
    assert!(wrong.is_empty(), "{wrong:#?}");
}

/// Defaults the docs give as alternatives, with the one nginx takes on
/// x86-64 Linux (4 KiB pages, 64-byte cache lines).
const PLATFORM_DEFAULTS: &[(&str, &str)] = &[
    // `2 * ngx_pagesize`.
    ("client_body_buffer_size", "8k"),
    // `ngx_pagesize`.
    ("proxy_buffer_size", "4k"),
    // `ngx_cacheline_size`.
    ("server_names_hash_bucket_size", "64"),
    ("map_hash_bucket_size", "64"),
];

/// Fields whose docs' default is not the setter's reading of its text.
const DEFAULT_EXCEPTIONS: &[&str] = &[
    // Depend on the version, so the field is an `Option` resolved where
    // used: 1.1 from 1.29.7; TLSv1.2 and TLSv1.3 from 1.23.4.
    "proxy_http_version",
    "ssl_protocols",
    "proxy_ssl_protocols",
    // Not an argument list: a block of types, the predefined `combined`
    // format, two `proxy_set_header` lines (added by the executor unless
    // set).
    "types",
    "log_format",
    "proxy_set_header",
    // Lists of entries that keep where each was written, so an empty
    // list stands for the default: `logs/access.log combined`
    // (runtime::logs), the main context's log (http levels) or
    // `logs/error.log error` (runtime::process), the `default` rule
    // (runtime::upstream).
    "access_log",
    "error_log",
    "proxy_redirect",
    // `None`: the `proxy_pass` host, which is `$proxy_host`.
    "proxy_ssl_name",
    // `TZ` is kept whatever `env` lists (runtime::os), so the list itself
    // starts empty.
    "env",
    // `None` is 0: nginx changes the priority only when it is not 0.
    "worker_priority",
];

#[test]
fn defaults_agree_with_the_registry() {
    let mut wrong = Vec::new();
    let mut checked = 0;
    for level in levels() {
        for (name, _) in level.setters {
            let d = row(&level, name);
            let Some(text) = d.default else { continue };
            if DEFAULT_EXCEPTIONS.contains(name) {
                continue;
            }
            let text = match PLATFORM_DEFAULTS.iter().find(|(n, _)| n == name) {
                Some((_, v)) => *v,
                None => {
                    assert!(
                        !text.contains('|'),
                        "{name}: default \"{text}\" has alternatives; add this platform's to PLATFORM_DEFAULTS"
                    );
                    text
                }
            };
            let args: Vec<&str> = text.split_whitespace().collect();
            let parsed = match (level.parsed)(&setting(name, &args)) {
                Ok(v) => v,
                Err(e) => {
                    wrong.push(format!("{}.{name}: \"{text}\" refused: {e}", level.name));
                    continue;
                }
            };
            let default = (level.default)(name);
            checked += 1;
            if parsed != default {
                wrong.push(format!(
                    "{}.{name}: registry \"{text}\" gives {parsed:?}, field default {default:?}",
                    level.name
                ));
            }
        }
    }
    assert!(wrong.is_empty(), "{wrong:#?}");
    assert!(checked > 40, "only {checked} defaults compared");
}

/// Every string literal of a Rust source (code only: comments skipped),
/// with its line.
fn literals(src: &str) -> Vec<(usize, String)> {
    let b = src.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    let mut line = 1;
    while i < b.len() {
        match b[i] {
            b'\n' => line += 1,
            b'/' if b.get(i + 1) == Some(&b'/') => {
                while i < b.len() && b[i] != b'\n' {
                    i += 1;
                }
                continue;
            }
            b'/' if b.get(i + 1) == Some(&b'*') => {
                let end = src[i + 2..].find("*/").map_or(b.len(), |e| i + 2 + e + 2);
                line += src[i..end].matches('\n').count();
                i = end;
                continue;
            }
            // A char literal ('"', '\''); a lifetime has no closing quote.
            b'\'' => {
                if b.get(i + 1) == Some(&b'\\') {
                    i += 3;
                    while i < b.len() && b[i] != b'\'' {
                        i += 1;
                    }
                } else if b.get(i + 2) == Some(&b'\'') {
                    i += 2;
                }
            }
            // Raw strings: r"..", r#".."#, br"..".
            b'r' if matches!(ident_before(b, i), b"" | b"b") => {
                let hashes = b[i + 1..].iter().take_while(|c| **c == b'#').count();
                if b.get(i + 1 + hashes) == Some(&b'"') {
                    let start = i + 2 + hashes;
                    let close = format!("\"{}", "#".repeat(hashes));
                    let end = src[start..].find(&close).map_or(b.len(), |e| start + e);
                    out.push((line, src[start..end].to_string()));
                    line += src[start..end].matches('\n').count();
                    i = end + close.len();
                    continue;
                }
            }
            b'"' => {
                let start = i + 1;
                i = start;
                while i < b.len() && b[i] != b'"' {
                    if b[i] == b'\\' {
                        i += 1;
                    }
                    i += 1;
                }
                let text = &src[start..i.min(b.len())];
                // A `Debug` impl's field label names a struct field.
                if !src[..start - 1].ends_with(".field(") {
                    out.push((line, text.to_string()));
                }
                line += text.matches('\n').count();
            }
            _ => {}
        }
        i += 1;
    }
    out
}

/// The identifier characters just before `i`.
fn ident_before(b: &[u8], i: usize) -> &[u8] {
    let start = b[..i]
        .iter()
        .rposition(|c| !(c.is_ascii_alphanumeric() || *c == b'_'))
        .map_or(0, |p| p + 1);
    &b[start..i]
}

fn rust_files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            rust_files(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
}

#[test]
fn literal_scanner_sees_code_strings_only() {
    let src =
        "// \"in_comment\"\nlet a = \"a_b\"; let c = '\"'; let q = '\\''; let d = r#\"raw_x\"#;\n\
               fn f<'a>(x: &'a str) {} let e = \"esc\\\"_y\"; f.field(\"label_z\", &1);";
    let found: Vec<String> = literals(src).into_iter().map(|(_, s)| s).collect();
    assert_eq!(found, ["a_b", "raw_x", "esc\\\"_y"]);
}

#[test]
fn no_directive_is_looked_up_by_name_after_load() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&root.join("exec"), &mut files);
    rust_files(&root.join("runtime"), &mut files);
    assert!(files.len() > 5, "{files:?}");
    // Variables named like a directive (`$server_name`, `$limit_rate`) are
    // the variables table's, which names them as nginx does.
    let variables = root.join("exec").join("vars.rs");
    let mut found = Vec::new();
    for f in files.iter().filter(|f| **f != variables) {
        let src = std::fs::read_to_string(f).unwrap();
        // Unit tests may build configurations by name.
        let code = src.split("\n#[cfg(test)]").next().unwrap_or_default();
        for (line, lit) in literals(code) {
            if lit.contains('_') && !registry::lookup(lit.as_bytes()).is_empty() {
                found.push(format!("{}:{line}: \"{lit}\"", f.display()));
            }
        }
    }
    assert!(
        found.is_empty(),
        "directives looked up by name after load (make them fields of ir::conf): {found:#?}"
    );
}
