//! What a scan read, what it skipped and why, and what went wrong.

use serde::Serialize;

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

#[cfg(test)]
mod tests {
    use super::*;

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
