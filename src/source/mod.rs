//! Where bytes come from: directory walks, git repositories, standard input,
//! archives and container images.

pub mod archive;
pub mod fs;
pub mod git;
pub mod image;
pub mod remote;

use std::io::Read;

use serde::Serialize;

/// Whether a blob is skipped as binary: it looks binary, binary files were
/// not asked for, and it is neither an archive to open (when `open_archives`)
/// nor a keystore to report, which are read whatever their bytes.
pub fn skip_as_binary(data: &[u8], scan_binary: bool, open_archives: bool) -> bool {
    let read_anyway = scan_binary
        || (open_archives && archive::detect(data).is_some())
        || crate::engine::keystore::may_be(data);
    !read_anyway && fs::looks_binary(data)
}

/// Whether a blob is a binary keystore: reported as a keystore (see
/// [`crate::finding::keystore_finding`]) rather than scanned as text.
pub fn binary_keystore(data: &[u8]) -> bool {
    crate::engine::keystore::may_be(data) && fs::looks_binary(data)
}

/// Why a file was not scanned.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum SkipReason {
    /// Larger than `--max-file-size`.
    TooLarge,
    /// Contains NUL bytes and `--scan-binary` is off.
    Binary,
    /// Open, stat or read failed (permissions, I/O errors, missing paths).
    Unreadable,
    /// A device, FIFO or socket.
    NotRegularFile,
    /// A symbolic link and `--follow-symlinks` is off.
    Symlink,
    /// The walker reported an error (symlink loop, unreadable directory).
    WalkError,
    /// A git object the repository should hold is missing (partial or shallow clone).
    MissingObject,
    /// A git submodule: recorded, not descended into.
    Submodule,
    /// An archive member a zip-bomb cap stopped (ratio, total bytes, member count).
    ArchiveLimit,
    /// An archive nested deeper than `--archive-depth`.
    ArchiveTooDeep,
}

impl SkipReason {
    /// Every reason, in report order (index = discriminant).
    pub const ALL: [SkipReason; 10] = [
        SkipReason::TooLarge,
        SkipReason::Binary,
        SkipReason::Unreadable,
        SkipReason::NotRegularFile,
        SkipReason::Symlink,
        SkipReason::WalkError,
        SkipReason::MissingObject,
        SkipReason::Submodule,
        SkipReason::ArchiveLimit,
        SkipReason::ArchiveTooDeep,
    ];

    /// Short label for summaries.
    pub fn label(self) -> &'static str {
        match self {
            SkipReason::TooLarge => "too large",
            SkipReason::Binary => "binary",
            SkipReason::Unreadable => "unreadable",
            SkipReason::NotRegularFile => "not a regular file",
            SkipReason::Symlink => "symlink (not followed)",
            SkipReason::WalkError => "walk error",
            SkipReason::MissingObject => "missing object",
            SkipReason::Submodule => "submodule (not descended into)",
            SkipReason::ArchiveLimit => "archive limit (zip-bomb guard)",
            SkipReason::ArchiveTooDeep => "archive nested too deep",
        }
    }

    /// Whether the input was meant to be read and could not be (as opposed
    /// to left out by a limit or a flag): a scan with such skips is
    /// incomplete and must not be summed up as clean.
    pub fn is_unread(self) -> bool {
        matches!(
            self,
            SkipReason::Unreadable | SkipReason::WalkError | SkipReason::MissingObject
        )
    }
}

/// A problem with one input that did not stop the scan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Warning {
    /// Path concerned, if known.
    pub path: Option<String>,
    /// What happened and what to do.
    pub message: String,
    /// The problem concerns an input the user named (a missing root): the
    /// scan is incomplete and must not exit as clean.
    pub fatal: bool,
}

/// What a source read, and what it skipped.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct ScanStats {
    /// Files (or blobs) scanned.
    pub files: u64,
    /// Bytes scanned.
    pub bytes: u64,
    /// Skipped inputs by reason (only reasons that occurred).
    pub skips: Vec<(SkipReason, u64)>,
    /// Problems worth telling the user about.
    pub warnings: Vec<Warning>,
    /// What the scan covered, one sentence each (history scans: refs,
    /// commits, what history is not present).
    pub coverage: Vec<String>,
}

impl ScanStats {
    /// Adds `n` skips for `reason`, keeping reasons in report order.
    pub fn add_skips(&mut self, reason: SkipReason, n: u64) {
        if n == 0 {
            return;
        }
        match self.skips.iter_mut().find(|(r, _)| *r == reason) {
            Some((_, count)) => *count += n,
            None => {
                self.skips.push((reason, n));
                self.skips.sort_by_key(|&(r, _)| r);
            }
        }
    }

    /// Inputs that could not be read (see [`SkipReason::is_unread`]).
    pub fn unread(&self) -> u64 {
        self.skips
            .iter()
            .filter(|(reason, _)| reason.is_unread())
            .map(|&(_, n)| n)
            .sum()
    }

    /// Adds another source's counts, skips, warnings and coverage to these.
    pub fn merge(&mut self, other: ScanStats) {
        self.files += other.files;
        self.bytes += other.bytes;
        for (reason, n) in other.skips {
            self.add_skips(reason, n);
        }
        self.warnings.extend(other.warnings);
        self.coverage.extend(other.coverage);
    }

    /// Records a warning that does not stop the scan.
    pub fn warn(&mut self, path: Option<String>, message: impl Into<String>) {
        self.warnings.push(Warning {
            path,
            message: message.into(),
            fatal: false,
        });
    }

    /// Records a problem that makes the scan incomplete: it must not exit as clean.
    pub fn fail(&mut self, path: Option<String>, message: impl Into<String>) {
        self.warnings.push(Warning {
            path,
            message: message.into(),
            fatal: true,
        });
    }
}

/// Reads standard input as one file shown as `name`, gated like a file in
/// a directory: input larger than `max` is not scanned and is a fatal
/// warning (the user named it; at most `max + 1` bytes are read, so endless
/// input cannot exhaust memory), and binary input is skipped unless
/// `scan_binary` (archives when `open_archives`, and keystores, are kept).
/// `None`: nothing to scan; `stats` says why.
pub fn read_stdin(
    name: &str,
    max: u64,
    scan_binary: bool,
    open_archives: bool,
    stats: &mut ScanStats,
) -> std::io::Result<Option<Vec<u8>>> {
    let Some(blob) = read_capped(std::io::stdin().lock(), max)? else {
        stats.add_skips(SkipReason::TooLarge, 1);
        stats.fail(
            Some(name.to_string()),
            format!("larger than {max} bytes; not scanned (raise --max-file-size to scan it)"),
        );
        return Ok(None);
    };
    if skip_as_binary(&blob, scan_binary, open_archives) {
        stats.add_skips(SkipReason::Binary, 1);
        stats.warn(
            Some(name.to_string()),
            "looks binary; not scanned (--scan-binary scans it)",
        );
        return Ok(None);
    }
    stats.files += 1;
    stats.bytes += blob.len() as u64;
    Ok(Some(blob))
}

/// Reads `reader` to its end unless it holds more than `max` bytes (`None`).
fn read_capped(reader: impl Read, max: u64) -> std::io::Result<Option<Vec<u8>>> {
    let mut buf = Vec::new();
    reader.take(max.saturating_add(1)).read_to_end(&mut buf)?;
    Ok((buf.len() as u64 <= max).then_some(buf))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn capped_reads_stop_one_byte_past_the_cap() {
        assert_eq!(read_capped(&b"abc"[..], 3).expect("read"), Some(b"abc".to_vec()));
        let mut endless = std::io::repeat(b'x');
        assert_eq!(read_capped(&mut endless, 1024).expect("read"), None);
    }

    #[test]
    fn only_failures_to_read_count_as_unread() {
        let mut stats = ScanStats::default();
        stats.add_skips(SkipReason::TooLarge, 3);
        stats.add_skips(SkipReason::Binary, 2);
        assert_eq!(stats.unread(), 0);
        stats.add_skips(SkipReason::WalkError, 1);
        stats.add_skips(SkipReason::MissingObject, 2);
        assert_eq!(stats.unread(), 3);
    }
}
