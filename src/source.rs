//! Source files and byte spans.
//!
//! Every token carries a [`Span`]: a file id and a byte range. Line and
//! column are derived only when a diagnostic is rendered, the way nginx
//! counts them: lines are counted by LF bytes, starting at 1.

use std::path::{Path, PathBuf};

/// Index of a file in a [`SourceMap`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct FileId(pub u32);

/// A byte range `lo..hi` in one file.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub struct Span {
    pub file: FileId,
    pub lo: u32,
    pub hi: u32,
}

impl Span {
    pub fn new(file: FileId, lo: usize, hi: usize) -> Self {
        Span {
            file,
            lo: lo as u32,
            hi: hi as u32,
        }
    }

    /// The smallest span covering both.
    pub fn to(self, other: Span) -> Span {
        Span {
            file: self.file,
            lo: self.lo.min(other.lo),
            hi: self.hi.max(other.hi),
        }
    }
}

/// Where a source came from: a file on disk or the `-g` command line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Origin {
    File(PathBuf),
    CommandLine,
}

/// One source text with its line table.
#[derive(Debug)]
pub struct SourceFile {
    pub origin: Origin,
    pub text: Vec<u8>,
    line_starts: Vec<u32>,
}

impl SourceFile {
    pub fn new(origin: Origin, text: Vec<u8>) -> Self {
        let mut line_starts = vec![0u32];
        line_starts.extend(
            text.iter()
                .enumerate()
                .filter(|(_, &b)| b == b'\n')
                .map(|(i, _)| i as u32 + 1),
        );
        SourceFile {
            origin,
            text,
            line_starts,
        }
    }

    pub fn path(&self) -> Option<&Path> {
        match &self.origin {
            Origin::File(p) => Some(p),
            Origin::CommandLine => None,
        }
    }

    /// Name used in messages: the path as opened, or `command line`.
    pub fn display_name(&self) -> String {
        match &self.origin {
            Origin::File(p) => p.display().to_string(),
            Origin::CommandLine => "command line".to_string(),
        }
    }

    /// 1-based line of a byte offset (LF-counted, as nginx does).
    pub fn line_of(&self, offset: u32) -> u32 {
        match self.line_starts.binary_search(&offset) {
            Ok(i) => i as u32 + 1,
            Err(i) => i as u32,
        }
    }

    /// 1-based line and 1-based column (in characters) of a byte offset.
    pub fn line_col(&self, offset: u32) -> (u32, u32) {
        let line = self.line_of(offset);
        let start = self.line_starts[line as usize - 1] as usize;
        let end = (offset as usize).min(self.text.len());
        let col = String::from_utf8_lossy(&self.text[start..end])
            .chars()
            .count() as u32
            + 1;
        (line, col)
    }

    pub fn line_count(&self) -> u32 {
        self.line_starts.len() as u32
    }

    pub fn slice(&self, span: Span) -> &[u8] {
        &self.text[span.lo as usize..span.hi as usize]
    }
}

/// All sources of one configuration: the main file, included files, `-g`.
#[derive(Debug, Default)]
pub struct SourceMap {
    files: Vec<SourceFile>,
}

impl SourceMap {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn add(&mut self, file: SourceFile) -> FileId {
        self.files.push(file);
        FileId(self.files.len() as u32 - 1)
    }

    pub fn get(&self, id: FileId) -> &SourceFile {
        &self.files[id.0 as usize]
    }

    pub fn len(&self) -> usize {
        self.files.len()
    }

    pub fn is_empty(&self) -> bool {
        self.files.is_empty()
    }

    pub fn iter(&self) -> impl Iterator<Item = (FileId, &SourceFile)> {
        self.files
            .iter()
            .enumerate()
            .map(|(i, f)| (FileId(i as u32), f))
    }

    pub fn find_path(&self, path: &Path) -> Option<FileId> {
        self.iter()
            .find(|(_, f)| f.path() == Some(path))
            .map(|(id, _)| id)
    }

    pub fn line_of(&self, span: Span) -> u32 {
        self.get(span.file).line_of(span.lo)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_are_counted_by_lf_only() {
        let f = SourceFile::new(Origin::CommandLine, b"a\r\nb\rc\n\nd".to_vec());
        assert_eq!(f.line_of(0), 1);
        assert_eq!(f.line_of(3), 2);
        assert_eq!(f.line_of(5), 2); // CR alone is not a line break
        assert_eq!(f.line_of(7), 3);
        assert_eq!(f.line_of(8), 4);
        assert_eq!(f.line_of(9), 4); // end of file
        assert_eq!(f.line_count(), 4);
    }

    #[test]
    fn columns_count_characters() {
        let f = SourceFile::new(Origin::CommandLine, "é x\nyz".as_bytes().to_vec());
        assert_eq!(f.line_col(3), (1, 3));
        assert_eq!(f.line_col(6), (2, 2));
    }
}
