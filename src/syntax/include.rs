//! Loading a configuration: the main file, `-g` directives and every file
//! that `include` brings in.
//!
//! nginx resolves a relative include pattern against the directory of the
//! main configuration file (its "conf prefix"), not against the including
//! file. A pattern with `*`, `?` or `[` is a glob: its matches are sorted
//! bytewise (glob(3) in the C locale), dotfiles are not matched by
//! wildcards, and no match is fine. A plain path that cannot be opened is
//! an error at the `include` line. Each file is parsed once and shared by
//! every `include` that names it; an include cycle is an error.

use super::ast::{Body, ConfFile, Directive};
use super::parser::{parse, ParseOptions};
use crate::source::{FileId, Origin, SourceFile, SourceMap, Span};
use std::path::{Path, PathBuf};

/// Where paths are resolved from.
#[derive(Clone, Debug, Default)]
pub struct LoadOptions {
    /// Directives given with `-g`, applied before the main file.
    pub command_line: Option<String>,
    /// Whether to follow `include` at all (`rginx parse --single-file` does not).
    pub single_file: bool,
    /// nginx's prefix (`-p`), for paths nginx resolves against it.
    pub prefix: Option<PathBuf>,
    /// Files to read instead of the disk (an `nginx -T` dump), by path.
    pub overlay: Option<Overlay>,
}

/// Files given in memory, by the path they stand for.
pub type Overlay = std::sync::Arc<std::collections::BTreeMap<PathBuf, Vec<u8>>>;

/// Split an `nginx -T` dump into its files: each starts at a line
/// `# configuration file PATH:`. `None` if the text is not such a dump.
pub fn split_dump(text: &[u8]) -> Option<Vec<(PathBuf, Vec<u8>)>> {
    const MARK: &[u8] = b"# configuration file ";
    let mut files: Vec<(PathBuf, Vec<u8>)> = Vec::new();
    for line in text.split_inclusive(|&c| c == b'\n') {
        let trimmed = line.strip_suffix(b"\n").unwrap_or(line);
        if let Some(rest) = trimmed
            .strip_prefix(MARK)
            .and_then(|r| r.strip_suffix(b":"))
        {
            let path = PathBuf::from(String::from_utf8_lossy(rest).into_owned());
            files.push((path, Vec::new()));
        } else if let Some((_, body)) = files.last_mut() {
            body.extend_from_slice(line);
        } else if !trimmed.iter().all(u8::is_ascii_whitespace) {
            // Text before the first marker: `nginx -T` prints none.
            return None;
        }
    }
    // nginx adds an empty line after each file.
    for (_, body) in &mut files {
        if body.ends_with(b"\n\n") {
            body.pop();
        }
    }
    (!files.is_empty()).then_some(files)
}

/// A problem found while loading, reported at an `include` line (or with no
/// span for the main file itself).
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum LoadError {
    #[error("open() \"{path}\" failed ({reason})")]
    Open { path: String, reason: String },
    #[error("pread() \"{path}\" failed ({reason})")]
    Read { path: String, reason: String },
    #[error("glob() \"{pattern}\" failed ({reason})")]
    Glob { pattern: String, reason: String },
    #[error("include cycle: \"{path}\" includes itself")]
    Cycle { path: String },
}

/// A load error and the `include` directive it belongs to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct IncludeError {
    pub error: LoadError,
    /// The terminator of the `include` directive; `None` for the main file.
    pub at: Option<Span>,
}

/// Every source of one configuration, parsed.
#[derive(Debug, Default)]
pub struct Config {
    pub sources: SourceMap,
    /// Indexed by [`FileId`].
    pub files: Vec<ConfFile>,
    pub main: FileId,
    pub command_line: Option<FileId>,
    pub errors: Vec<IncludeError>,
    /// The directory relative includes are resolved against.
    pub conf_prefix: PathBuf,
    /// nginx's prefix, when known.
    pub prefix: Option<PathBuf>,
    overlay: Option<Overlay>,
}

impl Config {
    pub fn file(&self, id: FileId) -> &ConfFile {
        &self.files[id.0 as usize]
    }

    /// Whether nothing at all went wrong while reading and parsing.
    pub fn is_clean(&self) -> bool {
        self.errors.is_empty() && self.files.iter().all(|f| f.errors.is_empty())
    }

    /// The statements of a block as nginx reads them: each `include`
    /// replaced by the statements of the files it brings, recursively.
    /// Nested blocks are not entered.
    pub fn expanded<'a>(&'a self, list: &'a [Directive]) -> Vec<&'a Directive> {
        let mut out = Vec::new();
        self.flatten(list, false, &mut out, &mut Vec::new());
        out
    }

    /// As [`Config::expanded`], keeping each `include` statement before
    /// what it brings (for tools that report on the statement itself).
    pub fn with_includes<'a>(&'a self, list: &'a [Directive]) -> Vec<&'a Directive> {
        let mut out = Vec::new();
        self.flatten(list, true, &mut out, &mut Vec::new());
        out
    }

    /// The one include walk. The loader refuses cycles; `stack` still
    /// keeps a tree built some other way from looping.
    fn flatten<'a>(
        &'a self,
        list: &'a [Directive],
        keep_includes: bool,
        out: &mut Vec<&'a Directive>,
        stack: &mut Vec<FileId>,
    ) {
        for d in list {
            let include = d.is("include");
            if keep_includes || !include {
                out.push(d);
            }
            if !include {
                continue;
            }
            for &id in &d.includes {
                if stack.contains(&id) {
                    continue;
                }
                stack.push(id);
                self.flatten(&self.file(id).directives, keep_includes, out, stack);
                stack.pop();
            }
        }
    }
}

/// `(2: No such file or directory)`, as nginx prints an errno.
pub fn errno_text(err: &std::io::Error) -> String {
    let text = err.to_string();
    let text = match text.find(" (os error") {
        Some(i) => text[..i].to_string(),
        None => text,
    };
    match err.raw_os_error() {
        Some(code) => format!("{code}: {text}"),
        None => text,
    }
}

fn read_source(path: &Path, overlay: Option<&Overlay>) -> Result<Vec<u8>, LoadError> {
    let shown = path.display().to_string();
    if let Some(files) = overlay {
        return files.get(path).cloned().ok_or(LoadError::Open {
            path: shown,
            reason: "2: No such file or directory".into(),
        });
    }
    if path.is_dir() {
        return Err(LoadError::Read {
            path: shown,
            reason: "21: Is a directory".into(),
        });
    }
    std::fs::read(path).map_err(|e| LoadError::Open {
        path: shown,
        reason: errno_text(&e),
    })
}

/// Load `main` (made absolute by the caller, as nginx does with its prefix)
/// and everything it includes.
pub fn load(main: &Path, opts: &LoadOptions) -> Result<Config, IncludeError> {
    let text = read_source(main, opts.overlay.as_ref())
        .map_err(|error| IncludeError { error, at: None })?;
    let mut config = Config {
        conf_prefix: main.parent().map(Path::to_path_buf).unwrap_or_default(),
        prefix: opts.prefix.clone(),
        overlay: opts.overlay.clone(),
        ..Config::default()
    };
    if let Some(params) = &opts.command_line {
        let id = config.sources.add(SourceFile::new(
            Origin::CommandLine,
            params.as_bytes().to_vec(),
        ));
        let parsed = parse(id, params.as_bytes(), ParseOptions { command_line: true });
        config.files.push(parsed);
        config.command_line = Some(id);
    }
    config.main = add_file(&mut config, main.to_path_buf(), text);
    if !opts.single_file {
        let mut stack = vec![config.main];
        let main = config.main;
        resolve_includes(&mut config, main, &mut stack);
    }
    Ok(config)
}

/// Parse text that is not on disk (stdin, a test) as the main file.
pub fn load_text(name: &Path, text: Vec<u8>, opts: &LoadOptions) -> Config {
    let mut config = Config {
        conf_prefix: name.parent().map(Path::to_path_buf).unwrap_or_default(),
        ..Config::default()
    };
    config.main = add_file(&mut config, name.to_path_buf(), text);
    if !opts.single_file {
        let mut stack = vec![config.main];
        let main = config.main;
        resolve_includes(&mut config, main, &mut stack);
    }
    config
}

fn add_file(config: &mut Config, path: PathBuf, text: Vec<u8>) -> FileId {
    let id = config
        .sources
        .add(SourceFile::new(Origin::File(path), text));
    let parsed = parse(id, &config.sources.get(id).text, ParseOptions::default());
    config.files.push(parsed);
    id
}

/// Where in a file's tree an `include` sits: indices through nested blocks.
type TreePath = Vec<usize>;

fn find_includes(directives: &[Directive], path: &mut TreePath, out: &mut Vec<TreePath>) {
    for (i, d) in directives.iter().enumerate() {
        path.push(i);
        match &d.body {
            Body::None if d.is("include") && d.args.len() == 1 => out.push(path.clone()),
            Body::Block(b) => find_includes(&b.directives, path, out),
            _ => {}
        }
        path.pop();
    }
}

fn directive_at<'a>(directives: &'a mut [Directive], path: &[usize]) -> &'a mut Directive {
    let d = &mut directives[path[0]];
    if path.len() == 1 {
        return d;
    }
    let block = d.block_mut().expect("include paths go through blocks");
    directive_at(&mut block.directives, &path[1..])
}

fn resolve_includes(config: &mut Config, file: FileId, stack: &mut Vec<FileId>) {
    let mut paths = Vec::new();
    find_includes(
        &config.files[file.0 as usize].directives,
        &mut Vec::new(),
        &mut paths,
    );
    for tree_path in paths {
        let d = directive_at(&mut config.files[file.0 as usize].directives, &tree_path);
        let pattern = d.args[0].text().into_owned();
        let at = d.terminator;
        let mut ids = Vec::new();
        match expand(&config.conf_prefix, &pattern, config.overlay.as_ref()) {
            Err(error) => config.errors.push(IncludeError {
                error,
                at: Some(at),
            }),
            Ok(found) => {
                for path in found {
                    match include_one(config, path, stack) {
                        Ok(id) => ids.push(id),
                        Err(error) => {
                            config.errors.push(IncludeError {
                                error,
                                at: Some(at),
                            });
                            break;
                        }
                    }
                }
            }
        }
        directive_at(&mut config.files[file.0 as usize].directives, &tree_path).includes = ids;
    }
}

fn include_one(
    config: &mut Config,
    path: PathBuf,
    stack: &mut Vec<FileId>,
) -> Result<FileId, LoadError> {
    if let Some(id) = config.sources.find_path(&path) {
        if stack.contains(&id) {
            return Err(LoadError::Cycle {
                path: path.display().to_string(),
            });
        }
        return Ok(id);
    }
    let text = read_source(&path, config.overlay.as_ref())?;
    let id = add_file(config, path, text);
    stack.push(id);
    resolve_includes(config, id, stack);
    stack.pop();
    Ok(id)
}

/// The files an include pattern names, in nginx's order.
pub fn expand(
    conf_prefix: &Path,
    pattern: &str,
    overlay: Option<&Overlay>,
) -> Result<Vec<PathBuf>, LoadError> {
    let full = if Path::new(pattern).is_absolute() {
        PathBuf::from(pattern)
    } else {
        conf_prefix.join(pattern)
    };
    if !pattern.contains(['*', '?', '[']) {
        return Ok(vec![full]);
    }
    let shown = full.display().to_string();
    let options = glob::MatchOptions {
        case_sensitive: true,
        require_literal_separator: true,
        require_literal_leading_dot: true,
    };
    let glob_error = |e: glob::PatternError| LoadError::Glob {
        pattern: shown.clone(),
        reason: e.msg.to_string(),
    };
    let mut found: Vec<PathBuf> = match overlay {
        Some(files) => {
            let pattern = glob::Pattern::new(&shown).map_err(glob_error)?;
            files
                .keys()
                .filter(|p| pattern.matches_path_with(p, options))
                .cloned()
                .collect()
        }
        None => glob::glob_with(&shown, options)
            .map_err(glob_error)?
            .filter_map(Result::ok)
            .collect(),
    };
    found.sort_by(|a, b| {
        a.as_os_str()
            .as_encoded_bytes()
            .cmp(b.as_os_str().as_encoded_bytes())
    });
    Ok(found)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fs;

    #[test]
    fn globs_relative_to_main_dir_sorted_and_shared() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        fs::create_dir(d.join("conf.d")).unwrap();
        fs::create_dir(d.join("sub")).unwrap();
        fs::write(d.join("conf.d/b.conf"), "b;\n").unwrap();
        fs::write(d.join("conf.d/a.conf"), "a; include sub/c.conf;\n").unwrap();
        fs::write(d.join("conf.d/.hidden.conf"), "hidden;\n").unwrap();
        fs::write(d.join("sub/c.conf"), "c;\n").unwrap();
        fs::write(
            d.join("main.conf"),
            "include conf.d/*.conf;\ninclude none/*.conf;\nhttp { include sub/c.conf; }\n",
        )
        .unwrap();
        let c = load(&d.join("main.conf"), &LoadOptions::default()).unwrap();
        assert!(c.is_clean(), "{:?}", c.errors);
        let main = c.file(c.main);
        let names: Vec<_> = main.directives[0]
            .includes
            .iter()
            .map(|id| {
                c.sources
                    .get(*id)
                    .path()
                    .unwrap()
                    .file_name()
                    .unwrap()
                    .to_owned()
            })
            .collect();
        assert_eq!(names, ["a.conf", "b.conf"]);
        assert!(main.directives[1].includes.is_empty());
        // sub/c.conf is resolved against the main file's directory, and parsed once.
        let inner = &main.directives[2].block().unwrap().directives[0];
        assert_eq!(inner.includes.len(), 1);
        assert_eq!(c.files.len(), 4);
        let names = |list: Vec<&Directive>| -> Vec<String> {
            list.iter().map(|d| d.name_text().into_owned()).collect()
        };
        assert_eq!(names(c.expanded(&main.directives)), ["a", "c", "b", "http"]);
        assert_eq!(
            names(c.with_includes(&main.directives)),
            ["include", "a", "include", "c", "b", "include", "http"]
        );
    }

    #[test]
    fn nginx_t_dump_is_read_as_its_files() {
        let dump = b"# configuration file /etc/nginx/nginx.conf:\nevents {}\nhttp { include conf.d/*.conf; }\n\n# configuration file /etc/nginx/conf.d/a.conf:\nserver { listen 80; }\n\n";
        let files = split_dump(dump).unwrap();
        assert_eq!(files.len(), 2);
        let overlay: Overlay = std::sync::Arc::new(files.into_iter().collect());
        let opts = LoadOptions {
            overlay: Some(overlay),
            ..LoadOptions::default()
        };
        let c = load(Path::new("/etc/nginx/nginx.conf"), &opts).unwrap();
        assert!(c.is_clean(), "{:?}", c.errors);
        assert_eq!(c.files.len(), 2);
        assert_eq!(split_dump(b"events {}\n"), None);
    }

    #[test]
    fn missing_file_and_cycle() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        fs::write(
            d.join("main.conf"),
            "include missing.conf;\ninclude self.conf;\n",
        )
        .unwrap();
        fs::write(d.join("self.conf"), "include self.conf;\n").unwrap();
        let c = load(&d.join("main.conf"), &LoadOptions::default()).unwrap();
        let messages: Vec<_> = c.errors.iter().map(|e| e.error.to_string()).collect();
        assert_eq!(messages.len(), 2);
        assert!(messages[0].starts_with("open() \""), "{}", messages[0]);
        assert!(messages[0].ends_with("missing.conf\" failed (2: No such file or directory)"));
        assert!(messages[1].starts_with("include cycle"));
    }
}
