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
//! - [`diag`]: diagnostics and their renderers.
//! - [`cli`]: the nginx-compatible command line.
//!
//! # Architecture invariants
//! - Data flows one way: text → tokens → tree → registry check → (IR → runtime).
//! - A reload refuses whatever startup refuses: both go through [`load`].
//! - Parsing never fails: it returns a tree and every syntax error.
//! - No panic on user input; every error carries a span and nginx's wording.
//! - Directive names are listed only in `registry`.

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
