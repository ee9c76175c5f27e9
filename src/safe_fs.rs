//! File access that a scanned tree cannot steer.
//!
//! leakhound reads files the scanned tree provides (discovered configs and
//! ignore files) and writes files at paths the user names (reports,
//! baselines, hooks) that may sit inside that tree. A hostile repository can
//! plant a symlink at either kind of path, or a FIFO, or point a config's
//! `[extend] path` at `/proc/self/environ`. Everything here opens files so
//! that none of that works: reads never block on a FIFO and are capped,
//! files from the tree are read only if they are regular files inside it,
//! and writes never go through a symlink. Errors name the file and never
//! quote what it holds.

use std::{
    fs::{File, OpenOptions},
    io::{self, Read, Write},
    path::{Path, PathBuf},
};

/// Who put a file where leakhound reads it, which decides what it may do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Trust {
    /// Named on the command line by the user: read wherever it is (links
    /// followed), as the user asked.
    CommandLine,
    /// Found in the scanned tree: read only if it is a regular file, not a
    /// link, inside `root`.
    Tree {
        /// The scanned tree's root; files outside it are refused.
        root: PathBuf,
    },
}

impl Trust {
    /// Whether the file came from the scanned tree.
    pub fn is_tree(&self) -> bool {
        matches!(self, Trust::Tree { .. })
    }
}

/// Largest config or ignore file read from the scanned tree.
pub const MAX_TREE_FILE: u64 = 1 << 20;
/// Largest config or ignore file read from a path the user named.
pub const MAX_NAMED_FILE: u64 = 64 << 20;
/// Largest report (a baseline, a report to merge or purge) read.
pub const MAX_REPORT_FILE: u64 = 16 << 30;

/// Why a file could not be read or written; never holds its contents.
#[derive(Debug, thiserror::Error)]
pub enum FileError {
    /// An I/O error.
    #[error("{path}: {source}")]
    Io {
        /// The file.
        path: String,
        /// What failed.
        source: io::Error,
    },
    /// The file is of a kind leakhound refuses here.
    #[error("{path}: {why}")]
    Refused {
        /// The file.
        path: String,
        /// Why, and what to do.
        why: String,
    },
}

fn shown(path: &Path) -> String {
    path.display().to_string()
}

/// Opens `path` for reading without blocking on a FIFO and, when
/// `follow_links` is false, without following a final symlink.
fn open_for_read(path: &Path, follow_links: bool) -> io::Result<File> {
    let mut options = OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        let mut flags = libc::O_NONBLOCK;
        if !follow_links {
            flags |= libc::O_NOFOLLOW;
        }
        options.custom_flags(flags);
    }
    options.open(path)
}

/// Reads a whole regular file of at most `max` bytes. A link, device, FIFO
/// or socket (and, for a tree file, anything outside the tree) is refused.
pub fn read_file(path: &Path, trust: &Trust, max: u64) -> Result<Vec<u8>, FileError> {
    let refused = |why: String| FileError::Refused {
        path: shown(path),
        why,
    };
    let io_error = |source| FileError::Io {
        path: shown(path),
        source,
    };
    let follow_links = !trust.is_tree();
    let target = match trust {
        Trust::CommandLine => path.to_path_buf(),
        Trust::Tree { root } => {
            let meta = std::fs::symlink_metadata(path).map_err(io_error)?;
            if meta.file_type().is_symlink() {
                return Err(refused(
                    "is a symbolic link; files the scanned tree provides are never read through links \
                     (name the file with a command-line flag if you trust it)"
                        .into(),
                ));
            }
            // Resolves links in the directories above, so `sub -> /etc` is
            // seen for what it is.
            let real = path.canonicalize().map_err(io_error)?;
            let real_root = root.canonicalize().map_err(|source| FileError::Io {
                path: shown(root),
                source,
            })?;
            if !real.starts_with(&real_root) {
                return Err(refused(format!(
                    "lies outside the scanned tree {}; files the tree provides may only refer to files inside it",
                    real_root.display()
                )));
            }
            real
        }
    };
    let file = open_for_read(&target, follow_links).map_err(|e| {
        if e.raw_os_error() == Some(libc_eloop()) {
            refused("is a symbolic link; files the scanned tree provides are never read through links".into())
        } else {
            io_error(e)
        }
    })?;
    let meta = file.metadata().map_err(io_error)?;
    if !meta.is_file() {
        return Err(refused(
            "is not a regular file (a device, FIFO, socket or directory)".into(),
        ));
    }
    if meta.len() > max {
        return Err(refused(format!(
            "is {} bytes, more than the {max} bytes leakhound reads from such a file",
            meta.len()
        )));
    }
    let mut bytes = Vec::with_capacity(usize::try_from(meta.len()).unwrap_or(0));
    file.take(max + 1).read_to_end(&mut bytes).map_err(io_error)?;
    if bytes.len() as u64 > max {
        return Err(refused(format!(
            "grew past the {max} bytes leakhound reads from such a file while being read"
        )));
    }
    Ok(bytes)
}

/// [`read_file`] for text: invalid UTF-8 is an error naming the file.
pub fn read_text(path: &Path, trust: &Trust, max: u64) -> Result<String, FileError> {
    String::from_utf8(read_file(path, trust, max)?).map_err(|_| FileError::Refused {
        path: shown(path),
        why: "is not valid UTF-8 text".into(),
    })
}

#[cfg(unix)]
fn libc_eloop() -> i32 {
    libc::ELOOP
}

#[cfg(not(unix))]
fn libc_eloop() -> i32 {
    -1
}

/// Where a report or other output goes.
#[derive(Debug)]
pub enum OutputPath<'a> {
    /// Standard output (`-` or `/dev/stdout`).
    Stdout,
    /// Standard error (`/dev/stderr`).
    Stderr,
    /// A file.
    File(&'a Path),
}

impl<'a> OutputPath<'a> {
    /// Reads a path the user named: `-`, `/dev/stdout` and `/dev/stderr`
    /// mean the streams themselves (those are links, which
    /// [`write_file`] never follows).
    pub fn of(path: &'a Path) -> Self {
        match path.to_str() {
            Some("-" | "/dev/stdout" | "/dev/fd/1" | "/proc/self/fd/1") => OutputPath::Stdout,
            Some("/dev/stderr" | "/dev/fd/2" | "/proc/self/fd/2") => OutputPath::Stderr,
            _ => OutputPath::File(path),
        }
    }
}

/// Writes a file by building it under a fresh name beside `path` and
/// renaming it over `path`, so a symlink planted at `path` is refused and
/// one planted while writing is replaced, never written through. A FIFO or
/// device already at `path` (`/dev/null`) is written in place, without
/// following links. `fill` writes the content (buffering is its choice).
pub fn write_file(path: &Path, fill: impl FnOnce(&mut File) -> io::Result<()>) -> Result<(), FileError> {
    let io_error = |source| FileError::Io {
        path: shown(path),
        source,
    };
    let existing = match std::fs::symlink_metadata(path) {
        Ok(meta) => Some(meta),
        Err(e) if e.kind() == io::ErrorKind::NotFound => None,
        Err(e) => return Err(io_error(e)),
    };
    if let Some(meta) = &existing {
        if meta.file_type().is_symlink() {
            return Err(FileError::Refused {
                path: shown(path),
                why: "is a symbolic link; leakhound never writes through a link (a scanned repository \
                      could plant one pointing at your files); remove the link or choose another path"
                    .into(),
            });
        }
        if meta.is_dir() {
            return Err(FileError::Refused {
                path: shown(path),
                why: "is a directory; name a file".into(),
            });
        }
        if !meta.is_file() {
            let mut options = OpenOptions::new();
            options.write(true);
            #[cfg(unix)]
            {
                use std::os::unix::fs::OpenOptionsExt;
                options.custom_flags(libc::O_NOFOLLOW);
            }
            let mut file = options.open(path).map_err(io_error)?;
            return fill(&mut file).and_then(|()| file.flush()).map_err(io_error);
        }
    }
    let dir = match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    };
    let mut temp = tempfile::Builder::new()
        .prefix(".leakhound-")
        .suffix(".tmp")
        .tempfile_in(dir)
        .map_err(io_error)?;
    if let Some(meta) = &existing {
        // Keep the mode of the file being replaced (a hook stays executable,
        // a shared report stays readable).
        let _ = temp.as_file().set_permissions(meta.permissions());
    }
    fill(temp.as_file_mut()).map_err(io_error)?;
    temp.persist(path).map_err(|e| io_error(e.error))?;
    Ok(())
}

/// Describes a TOML error by position and kind without quoting the text it
/// was parsing: the `toml` crate's own message shows the offending line,
/// which for a file read by mistake (or by a hostile config's `[extend]`)
/// could be a secret.
pub fn describe_toml_error(error: &toml::de::Error, text: &str) -> String {
    let message = without_quoted_values(error.message());
    match error.span() {
        Some(span) => {
            let upto = text.get(..span.start).unwrap_or(text);
            let line = upto.matches('\n').count() + 1;
            let column = upto.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
            format!("line {line}, column {column}: {message}")
        }
        None => message,
    }
}

/// Replaces quoted values in a parser message with `…`, keeping short
/// identifier-like quotes (key names such as `severtiy`) that tell the user
/// what to fix.
pub fn without_quoted_values(message: &str) -> String {
    let mut out = String::with_capacity(message.len());
    let mut rest = message;
    while let Some(open) = rest.find(['"', '`', '\'']) {
        let quote = rest[open..].chars().next().unwrap_or('"');
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        match after.find(quote) {
            Some(close) => {
                let inner = &after[..close];
                let identifier = inner.len() <= 40
                    && inner
                        .bytes()
                        .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-' | b'.'));
                out.push(quote);
                out.push_str(if identifier { inner } else { "…" });
                out.push(quote);
                rest = &after[close + 1..];
            }
            None => {
                out.push('…');
                rest = "";
            }
        }
    }
    out.push_str(rest);
    // Keep the message to its first line: later lines are the parser's
    // excerpt of the input.
    out.lines().next().unwrap_or_default().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoted_values_are_hidden_and_key_names_kept() {
        assert_eq!(
            without_quoted_values("invalid type: string \"AKIA secret value\", expected a sequence"),
            "invalid type: string \"…\", expected a sequence"
        );
        assert_eq!(
            without_quoted_values("unknown field `severtiy`, expected one of `id`, `name`"),
            "unknown field `severtiy`, expected one of `id`, `name`"
        );
        assert_eq!(without_quoted_values("unterminated \"abc"), "unterminated …");
    }

    #[test]
    fn toml_errors_give_the_position_not_the_line() {
        let text = "a = 1\nPATH=/usr/bin:SECRET_TOKEN_VALUE\n";
        let error = toml::from_str::<toml::Table>(text).expect_err("not TOML");
        let described = describe_toml_error(&error, text);
        assert!(described.starts_with("line 2, column"), "{described}");
        assert!(!described.contains("SECRET_TOKEN_VALUE"), "{described}");
        assert!(!described.contains("/usr/bin"), "{described}");
    }

    #[cfg(unix)]
    #[test]
    fn tree_files_are_never_read_through_links_or_from_outside() {
        let outside = tempfile::tempdir().expect("temp dir");
        let secret = outside.path().join("secret");
        std::fs::write(&secret, "TOKEN=outside").expect("write");
        let tree = tempfile::tempdir().expect("temp dir");
        let root = tree.path().to_path_buf();
        let trust = Trust::Tree { root: root.clone() };
        std::os::unix::fs::symlink(&secret, root.join("link.toml")).expect("symlink");
        std::os::unix::fs::symlink(outside.path(), root.join("sub")).expect("symlink");
        std::fs::write(root.join("ok.toml"), "x = 1").expect("write");

        let err = read_file(&root.join("link.toml"), &trust, MAX_TREE_FILE).expect_err("a link");
        assert!(err.to_string().contains("symbolic link"), "{err}");
        let err = read_file(&root.join("sub/secret"), &trust, MAX_TREE_FILE).expect_err("outside");
        assert!(err.to_string().contains("outside the scanned tree"), "{err}");
        assert_eq!(
            read_file(&root.join("ok.toml"), &trust, MAX_TREE_FILE).expect("inside"),
            b"x = 1"
        );
        // The user may name a link on the command line.
        assert!(read_file(&root.join("link.toml"), &Trust::CommandLine, MAX_NAMED_FILE).is_ok());
        let err = read_file(&root.join("ok.toml"), &trust, 2).expect_err("too big");
        assert!(err.to_string().contains("more than the 2 bytes"), "{err}");
    }

    #[cfg(unix)]
    #[test]
    fn devices_and_fifos_are_refused_without_blocking() {
        let err = read_file(Path::new("/dev/zero"), &Trust::CommandLine, MAX_NAMED_FILE).expect_err("device");
        assert!(err.to_string().contains("not a regular file"), "{err}");
        let dir = tempfile::tempdir().expect("temp dir");
        let fifo = dir.path().join("fifo");
        let status = std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .expect("mkfifo runs");
        assert!(status.success());
        let err = read_file(&fifo, &Trust::CommandLine, MAX_NAMED_FILE).expect_err("fifo");
        assert!(err.to_string().contains("not a regular file"), "{err}");
    }

    #[cfg(unix)]
    #[test]
    fn writes_refuse_links_and_replace_files() {
        let dir = tempfile::tempdir().expect("temp dir");
        let victim = dir.path().join("victim");
        std::fs::write(&victim, "keep me").expect("write");
        let link = dir.path().join("report.json");
        std::os::unix::fs::symlink(&victim, &link).expect("symlink");
        let err = write_file(&link, |w| w.write_all(b"overwritten")).expect_err("a link");
        assert!(err.to_string().contains("symbolic link"), "{err}");
        assert_eq!(std::fs::read(&victim).expect("read"), b"keep me");

        let plain = dir.path().join("plain.json");
        write_file(&plain, |w| w.write_all(b"one")).expect("new file");
        write_file(&plain, |w| w.write_all(b"two")).expect("replaced");
        assert_eq!(std::fs::read(&plain).expect("read"), b"two");
        write_file(Path::new("/dev/null"), |w| w.write_all(b"gone")).expect("devices are written in place");
        let leftovers = std::fs::read_dir(dir.path())
            .expect("list")
            .filter(|e| {
                e.as_ref()
                    .is_ok_and(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
            })
            .count();
        assert_eq!(leftovers, 0);
    }
}
