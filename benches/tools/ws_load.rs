//! The WebSocket load client of `benches/compare.sh`, single-threaded and
//! cheap per message (frames are built once and read back by length), so
//! the proxy in between is what gets measured.
//!
//!   ws_load echo 127.0.0.1:PORT /ws CONNS SECS [SIZE]
//!       CONNS connections, each sending a SIZE-byte text frame (default
//!       32, at most 125) and waiting for its echo, for SECS seconds;
//!       prints `messages=N seconds=S rate=R errors=E`.
//!   ws_load idle 127.0.0.1:PORT /ws CONNS SECS
//!       opens CONNS connections (each proves itself with one echo), prints
//!       `ready=N failed=M`, holds them open SECS seconds, then exits.
//!
//! The upgrade is a plain RFC 6455 handshake; the 101's
//! Sec-WebSocket-Accept is checked with tungstenite's `derive_accept_key`.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

const KEY: &str = "dGhlIHNhbXBsZSBub25jZQ==";

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

/// Connect and upgrade; bytes read past the 101's head are returned too.
async fn open(addr: &str, path: &str) -> std::io::Result<(TcpStream, Vec<u8>)> {
    let mut s = TcpStream::connect(addr).await?;
    s.set_nodelay(true)?;
    let req = format!(
        "GET {path} HTTP/1.1\r\nHost: {addr}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: {KEY}\r\nSec-WebSocket-Version: 13\r\n\r\n"
    );
    s.write_all(req.as_bytes()).await?;
    let mut buf = Vec::with_capacity(1024);
    let mut chunk = [0u8; 4096];
    let end = loop {
        if let Some(e) = find(&buf, b"\r\n\r\n") {
            break e + 4;
        }
        let n = s.read(&mut chunk).await?;
        if n == 0 {
            return Err(std::io::ErrorKind::UnexpectedEof.into());
        }
        buf.extend_from_slice(&chunk[..n]);
    };
    let head = String::from_utf8_lossy(&buf[..end]).to_string();
    let accept = tokio_tungstenite::tungstenite::handshake::derive_accept_key(KEY.as_bytes());
    if !head.starts_with("HTTP/1.1 101") || !head.contains(&accept) {
        return Err(std::io::Error::other(format!(
            "no upgrade: {}",
            head.lines().next().unwrap_or("")
        )));
    }
    Ok((s, buf[end..].to_vec()))
}

/// A masked client text frame with a payload of `size` bytes.
fn frame(size: usize) -> (Vec<u8>, Vec<u8>) {
    let payload: Vec<u8> = (0..size).map(|i| b'a' + (i % 26) as u8).collect();
    let mask = [0x12u8, 0x34, 0x56, 0x78];
    let mut f = vec![0x81, 0x80 | size as u8];
    f.extend_from_slice(&mask);
    f.extend(payload.iter().enumerate().map(|(i, &c)| c ^ mask[i & 3]));
    // What comes back: unmasked, same payload.
    let mut echo = vec![0x81, size as u8];
    echo.extend_from_slice(&payload);
    (f, echo)
}

/// Send one frame and read its echo; `early` holds bytes already read.
async fn round_trip(
    s: &mut TcpStream,
    out: &[u8],
    echo: &[u8],
    early: &mut Vec<u8>,
    check: bool,
) -> std::io::Result<()> {
    s.write_all(out).await?;
    let mut got = std::mem::take(early);
    let mut chunk = [0u8; 1024];
    while got.len() < echo.len() {
        let n = s.read(&mut chunk).await?;
        if n == 0 {
            return Err(std::io::ErrorKind::UnexpectedEof.into());
        }
        got.extend_from_slice(&chunk[..n]);
    }
    if check && got[..echo.len()] != *echo {
        return Err(std::io::Error::other("echo differs"));
    }
    early.extend_from_slice(&got[echo.len()..]);
    Ok(())
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if args.len() < 6 {
        eprintln!("usage: ws_load echo|idle ADDR PATH CONNS SECS [SIZE]");
        std::process::exit(2);
    }
    let mode = args[1].clone();
    let addr = args[2].clone();
    let path = args[3].clone();
    let conns: usize = args[4].parse().expect("CONNS");
    let secs: f64 = args[5].parse().expect("SECS");
    let size: usize = args
        .get(6)
        .map_or(32, |s| s.parse().expect("SIZE"))
        .min(125);
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime");
    let code = rt.block_on(async move {
        let (out, echo) = frame(size);
        let (out, echo) = (Arc::new(out), Arc::new(echo));
        // Open every connection first, at most 256 handshakes at a time.
        let gate = Arc::new(tokio::sync::Semaphore::new(256));
        let mut opening = Vec::with_capacity(conns);
        for _ in 0..conns {
            let (addr, path, gate) = (addr.clone(), path.clone(), gate.clone());
            let (out, echo) = (out.clone(), echo.clone());
            opening.push(tokio::spawn(async move {
                let _permit = gate.acquire().await.ok()?;
                let (mut s, mut early) = open(&addr, &path).await.ok()?;
                round_trip(&mut s, &out, &echo, &mut early, true)
                    .await
                    .ok()?;
                Some((s, early))
            }));
        }
        let mut open_conns = Vec::with_capacity(conns);
        let mut failed = 0usize;
        for h in opening {
            match h.await.ok().flatten() {
                Some(c) => open_conns.push(c),
                None => failed += 1,
            }
        }
        if mode == "idle" {
            println!("ready={} failed={failed}", open_conns.len());
            tokio::time::sleep(Duration::from_secs_f64(secs)).await;
            return 0;
        }
        let messages = Arc::new(AtomicU64::new(0));
        let errors = Arc::new(AtomicU64::new(failed as u64));
        let started = Instant::now();
        let deadline = started + Duration::from_secs_f64(secs);
        let mut running = Vec::new();
        for (mut s, mut early) in open_conns {
            let (out, echo) = (out.clone(), echo.clone());
            let (messages, errors) = (messages.clone(), errors.clone());
            running.push(tokio::spawn(async move {
                let mut n = 0u64;
                while Instant::now() < deadline {
                    // Check the payload on every 64th message.
                    let check = n % 64 == 0;
                    if round_trip(&mut s, &out, &echo, &mut early, check)
                        .await
                        .is_err()
                    {
                        errors.fetch_add(1, Ordering::Relaxed);
                        break;
                    }
                    n += 1;
                }
                messages.fetch_add(n, Ordering::Relaxed);
            }));
        }
        for h in running {
            let _ = h.await;
        }
        let elapsed = started.elapsed().as_secs_f64();
        let m = messages.load(Ordering::Relaxed);
        println!(
            "messages={m} seconds={elapsed:.3} rate={:.0} errors={}",
            m as f64 / elapsed,
            errors.load(Ordering::Relaxed)
        );
        0
    });
    std::process::exit(code);
}
