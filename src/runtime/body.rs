//! Request bodies as nginx buffers them (`proxy_request_buffering on`):
//! up to `client_body_buffer_size` in memory, beyond that in a temporary
//! file under `client_body_temp_path`, so memory stays bounded and a retry
//! on the next upstream can send the body again.

use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, Ordering};
use tokio::io::{AsyncReadExt, AsyncSeekExt, AsyncWriteExt};

/// A body read from the client.
pub enum Stored {
    Memory(Vec<u8>),
    /// A temporary file, removed when dropped.
    File {
        file: tokio::fs::File,
        path: PathBuf,
        len: u64,
    },
}

impl Drop for Stored {
    fn drop(&mut self) {
        if let Stored::File { path, .. } = self {
            let _ = std::fs::remove_file(path);
        }
    }
}

static NEXT: AtomicU64 = AtomicU64::new(1);

/// Collects a body, spilling to a file past `limit` bytes.
pub struct Sink {
    limit: usize,
    dir: PathBuf,
    mem: Vec<u8>,
    file: Option<(tokio::fs::File, PathBuf)>,
    len: u64,
}

impl Sink {
    pub fn new(limit: usize, dir: PathBuf) -> Sink {
        Sink {
            limit,
            dir,
            mem: Vec::new(),
            file: None,
            len: 0,
        }
    }

    pub async fn write(&mut self, data: &[u8]) -> std::io::Result<()> {
        self.len += data.len() as u64;
        if self.file.is_none() && self.mem.len() + data.len() <= self.limit {
            self.mem.extend_from_slice(data);
            return Ok(());
        }
        if self.file.is_none() {
            std::fs::create_dir_all(&self.dir)?;
            let path = self.dir.join(format!(
                "{:010}",
                std::process::id() as u64 * 1_000_000 + NEXT.fetch_add(1, Ordering::Relaxed)
            ));
            let mut f = tokio::fs::OpenOptions::new()
                .create_new(true)
                .read(true)
                .write(true)
                .open(&path)
                .await?;
            f.write_all(&self.mem).await?;
            self.mem = Vec::new();
            self.file = Some((f, path));
        }
        if let Some((f, _)) = &mut self.file {
            f.write_all(data).await?;
        }
        Ok(())
    }

    pub async fn finish(self) -> std::io::Result<Stored> {
        let len = self.len;
        Ok(match self.file {
            None => Stored::Memory(self.mem),
            Some((mut file, path)) => {
                file.flush().await?;
                Stored::File { file, path, len }
            }
        })
    }
}

impl Stored {
    /// Write the whole body to `out` (from the start, every time).
    pub async fn send<W: AsyncWriteExt + Unpin>(&mut self, out: &mut W) -> std::io::Result<()> {
        match self {
            Stored::Memory(b) => out.write_all(b).await,
            Stored::File { file, len, .. } => {
                file.seek(std::io::SeekFrom::Start(0)).await?;
                let mut left = *len;
                let mut buf = vec![0u8; 64 * 1024];
                while left > 0 {
                    let want = (buf.len() as u64).min(left) as usize;
                    let n = file.read(&mut buf[..want]).await?;
                    if n == 0 {
                        return Err(std::io::ErrorKind::UnexpectedEof.into());
                    }
                    out.write_all(&buf[..n]).await?;
                    left -= n as u64;
                }
                Ok(())
            }
        }
    }
}
