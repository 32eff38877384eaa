//! rginx: a memory-safe runtime for real `nginx.conf` files.
//!
//! # Layout
//! - [`source`]: files, byte spans, line numbers.
//! - [`time`]: the cached clock, civil dates and every time format nginx
//!   writes or reads (a leaf: shared by exec, runtime, tls).
//! - [`syntax`]: the nginx config language: tokens (nom), tree, includes,
//!   canonical printing, crossplane's JSON.
//! - [`registry`]: every directive nginx knows, as one table: contexts,
//!   arity, value kind, versions, and rginx's support status.
//! - [`check`]: `-t` validation in nginx's order and wording.
//! - [`load`]: the one load pipeline (read → check → gate → IR) that
//!   startup, reload, `-t`, `route` and conformance share.
//! - [`ir`]: what the configuration resolves to, built once and immutable:
//!   typed settings merged down the levels (`ir::conf`), compiled rewrite
//!   statements, servers, location trees, upstream groups, maps.
//! - [`exec`]: one request through nginx's phases and filters, one file
//!   each (`docs/phases.md`), and subrequests; no I/O but files.
//! - [`runtime`]: serving: processes, sockets, HTTP/1.x, HTTP/2, TLS,
//!   upstreams, logs.
//! - [`conformance`]: cases run against the IR, the runtime or real nginx;
//!   the differential fuzzer.
//! - [`lint`]: `rginx lint` and its rules.
//! - [`profile`]: every behaviour that differs between nginx versions.
//! - [`tls`]: OpenSSL's cipher strings and certificate verdicts for rustls.
//! - [`octets`]: bytes carried through text without loss.
//! - [`diag`]: diagnostics and their renderers.
//! - [`docs`]: the generated reference pages.
//! - [`cli`]: the nginx-compatible command line.
//!
//! # Architecture invariants
//! - Data flows one way: text → tokens → tree → registry check → typed IR
//!   → executor → runtime. `ir` depends on neither `exec` nor `runtime`.
//! - A reload refuses whatever startup refuses: both go through [`load`].
//! - Parsing never fails: it returns a tree and every syntax error.
//! - No panic on user input; every error carries a span and nginx's wording.
//! - Directive names are listed only in `registry` and, as typed fields,
//!   in `ir::conf`; nothing after load looks a directive up by name
//!   (`tests/typed_conf.rs`).

pub mod check;
pub mod cli;
pub mod conformance;
pub mod diag;
pub mod docs;
pub mod exec;
pub mod ir;
pub mod lint;
pub mod load;
pub mod octets;
pub mod profile;
pub mod registry;
pub mod runtime;
pub mod source;
pub mod syntax;
pub mod time;
pub mod tls;
