//! Working-tree source: a parallel walk with the `ignore` crate.
//!
//! Every file that is not scanned is counted under a [`SkipReason`], and every
//! error names its path; one bad file never stops the walk.

use std::{
    fs::File,
    io::Read,
    path::{Path, PathBuf},
    sync::{
        Mutex,
        atomic::{AtomicU64, Ordering},
    },
};

use ignore::{WalkBuilder, WalkState};
use indicatif::ProgressBar;

use super::{ScanStats, SkipReason, Warning};
pub use crate::scan::looks_binary;
use crate::{
    engine::Engine,
    finding::{FindingOptions, LocationKind, Origin, Source, SourceKind},
    scan::{BINARY_SNIFF_LEN, Blob, BlobScanner, Limits, ScanOutcome, Scope, skip_as_binary, sort_findings},
};

/// Knobs of a directory walk.
#[derive(Debug, Clone)]
pub struct WalkOptions {
    /// Respect .gitignore, .ignore and git excludes.
    pub respect_ignore_files: bool,
    /// Follow symbolic links (loops are detected and reported).
    pub follow_symlinks: bool,
    /// Walker threads (0: pick automatically).
    pub threads: usize,
}

impl Default for WalkOptions {
    fn default() -> Self {
        WalkOptions {
            respect_ignore_files: true,
            follow_symlinks: false,
            threads: 0,
        }
    }
}

/// Scans every file under `paths` (opening archives, decoding as the
/// engine says), one [`BlobScanner`] per walker thread; `progress` counts
/// files. Findings come back sorted.
pub fn scan_paths(
    engine: &Engine,
    paths: &[PathBuf],
    options: &WalkOptions,
    limits: &Limits,
    findings: FindingOptions,
    progress: &ProgressBar,
) -> ScanOutcome {
    let found = Mutex::new(Vec::new());
    let scanned = Mutex::new(ScanStats::default());
    let mut stats = walk(paths, options, limits, || {
        let mut scanner = BlobScanner::new(engine, limits, findings).flushing_into(&scanned);
        let found = &found;
        move |path: &Path, bytes: &[u8]| {
            progress.inc(1);
            let display = display_path(path);
            let origin = Origin {
                path: Some(display.clone()),
                kind: LocationKind::File,
                source: Source::plain(SourceKind::Dir),
            };
            let relative = relative_to_root(paths, path);
            let blob = Blob {
                origin: &origin,
                scope: Scope::Path(Some(&relative)),
                display: &display,
                lines: None,
            };
            let mut new = scanner.scan(bytes, &blob);
            if !new.is_empty() {
                found.lock().unwrap_or_else(|p| p.into_inner()).append(&mut new);
            }
        }
    });
    stats.merge(scanned.into_inner().unwrap_or_else(|p| p.into_inner()));
    let mut findings = found.into_inner().unwrap_or_else(|p| p.into_inner());
    sort_findings(&mut findings);
    ScanOutcome { findings, stats }
}

/// `path` as rule path filters see it: relative to the scan root it was
/// found under (a root that is a file keeps its name), so a config's
/// `^vendor/` means the same however the directory was named on the
/// command line, and the same as in a git scan.
fn relative_to_root<'p>(roots: &[PathBuf], path: &'p Path) -> std::borrow::Cow<'p, Path> {
    for root in roots {
        if let Ok(rest) = path.strip_prefix(root) {
            if !rest.as_os_str().is_empty() {
                return rest.into();
            }
            if let Some(name) = path.file_name() {
                return Path::new(name).into();
            }
        }
    }
    path.into()
}

/// Path as shown in findings: without a leading `./`.
pub fn display_path(path: &Path) -> String {
    let shown = path.strip_prefix(".").unwrap_or(path);
    shown.to_string_lossy().into_owned()
}

/// Walks `roots` in parallel and calls a per-thread visitor with each file's
/// path and contents; files over the size limit, and binary files (by
/// their head, so the rest is not read), are skipped and counted here.
/// `make_visitor` runs once per walker thread, so each thread can own its
/// scratch buffers. The visitor counts what it scans.
pub fn walk<M, V>(roots: &[PathBuf], options: &WalkOptions, limits: &Limits, make_visitor: M) -> ScanStats
where
    M: Fn() -> V + Sync,
    V: FnMut(&Path, &[u8]) + Send,
{
    let stats = Counters::default();
    let mut existing = Vec::new();
    for root in roots {
        // A root is what the user named: one that cannot be read makes the
        // scan incomplete. Its type is checked without opening it, so a FIFO
        // never blocks the scan.
        match std::fs::metadata(root) {
            Ok(meta) if meta.is_dir() || meta.is_file() => existing.push(root.clone()),
            Ok(_) => stats.warn(
                root,
                "not a regular file or directory (a FIFO, socket or device); not read".to_string(),
                SkipReason::NotRegularFile,
                true,
            ),
            Err(e) => stats.warn(
                root,
                format!("cannot scan: {e}; check the path"),
                SkipReason::Unreadable,
                true,
            ),
        }
    }
    let Some((first, rest)) = existing.split_first() else {
        return stats.into_stats();
    };

    let mut builder = WalkBuilder::new(first);
    for root in rest {
        builder.add(root);
    }
    let ignore = options.respect_ignore_files;
    builder
        .hidden(false)
        .parents(ignore)
        .ignore(ignore)
        .git_ignore(ignore)
        .git_global(ignore)
        .git_exclude(ignore)
        .require_git(false)
        .follow_links(options.follow_symlinks)
        .threads(options.threads)
        .filter_entry(|entry| entry.file_name() != ".git");

    builder.build_parallel().run(|| {
        let mut visit = make_visitor();
        let mut buffer = Vec::new();
        let stats = &stats;
        Box::new(move |entry| {
            match entry {
                Ok(entry) => {
                    if let Some(file_type) = entry.file_type() {
                        if file_type.is_dir() {
                            return WalkState::Continue;
                        }
                        if file_type.is_symlink() {
                            stats.skip(SkipReason::Symlink);
                            return WalkState::Continue;
                        }
                        if !file_type.is_file() {
                            stats.skip(SkipReason::NotRegularFile);
                            return WalkState::Continue;
                        }
                    }
                    let named = entry.depth() == 0;
                    read_and_visit(entry.path(), named, limits, stats, &mut buffer, &mut visit);
                }
                Err(err) => stats.warn_walk_error(&err),
            }
            WalkState::Continue
        })
    });
    stats.into_stats()
}

/// Reads one file and hands it to `visit`. `named`: the user named this
/// file on the command line, so failing to read it is fatal.
fn read_and_visit(
    path: &Path,
    named: bool,
    limits: &Limits,
    stats: &Counters,
    buffer: &mut Vec<u8>,
    visit: &mut impl FnMut(&Path, &[u8]),
) {
    let mut file = match open_nonblocking(path) {
        Ok(f) => f,
        Err(e) => return stats.warn(path, format!("cannot open: {e}"), SkipReason::Unreadable, named),
    };
    let size = match file.metadata() {
        // Swapped for a FIFO or device since the walk saw it.
        Ok(m) if !m.is_file() => return stats.skip(SkipReason::NotRegularFile),
        Ok(m) => m.len(),
        Err(e) => return stats.warn(path, format!("cannot stat: {e}"), SkipReason::Unreadable, named),
    };
    if size > limits.max_file_size {
        return stats.skip(SkipReason::TooLarge);
    }
    buffer.clear();
    // `size` fits in memory: it is at most `max_file_size`.
    buffer.reserve(usize::try_from(size).unwrap_or(0).saturating_add(1));
    // Sniff the head first, so a large binary is skipped without reading it
    // all. The file may grow between stat and read: never read past the cap.
    let cap = limits.max_file_size.saturating_add(1);
    let mut reader = (&mut file).take(cap);
    if let Err(e) = (&mut reader).take(BINARY_SNIFF_LEN as u64).read_to_end(buffer) {
        return stats.warn(path, format!("cannot read: {e}"), SkipReason::Unreadable, named);
    }
    if skip_as_binary(buffer, limits.scan_binary, limits.open_archives()) {
        return stats.skip(SkipReason::Binary);
    }
    if let Err(e) = reader.read_to_end(buffer) {
        return stats.warn(path, format!("cannot read: {e}"), SkipReason::Unreadable, named);
    }
    if buffer.len() as u64 > limits.max_file_size {
        return stats.skip(SkipReason::TooLarge);
    }
    visit(path, buffer);
    // Keep one unusually large file from pinning its buffer for the rest of the walk.
    if buffer.capacity() > 4 << 20 {
        *buffer = Vec::new();
    }
}

/// Opens a file for reading without blocking: a path the walk saw as a
/// regular file may be a FIFO by now, and opening a FIFO waits for a writer.
fn open_nonblocking(path: &Path) -> std::io::Result<File> {
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        // Reads of a regular file ignore O_NONBLOCK.
        options.custom_flags(libc::O_NONBLOCK);
    }
    options.open(path)
}

#[derive(Default)]
struct Counters {
    skips: [AtomicU64; SkipReason::ALL.len()],
    warnings: Mutex<Vec<Warning>>,
}

impl Counters {
    fn skip(&self, reason: SkipReason) {
        self.skips[reason as usize].fetch_add(1, Ordering::Relaxed);
    }

    fn warn(&self, path: &Path, message: String, reason: SkipReason, fatal: bool) {
        self.skip(reason);
        let warning = Warning {
            path: Some(display_path(path)),
            message,
            fatal,
        };
        self.warnings
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .push(warning);
    }

    fn warn_walk_error(&self, err: &ignore::Error) {
        self.skip(SkipReason::WalkError);
        let warning = Warning {
            path: None,
            message: err.to_string(),
            // A root the walk cannot read was named by the user.
            fatal: err.depth() == Some(0) && err.is_io(),
        };
        self.warnings
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .push(warning);
    }

    fn into_stats(self) -> ScanStats {
        let mut warnings = self.warnings.into_inner().unwrap_or_else(|p| p.into_inner());
        warnings.sort_by(|a, b| (&a.path, &a.message).cmp(&(&b.path, &b.message)));
        ScanStats {
            files: 0,
            bytes: 0,
            skips: SkipReason::ALL
                .iter()
                .map(|&r| (r, self.skips[r as usize].load(Ordering::Relaxed)))
                .filter(|&(_, n)| n > 0)
                .collect(),
            warnings,
            coverage: Vec::new(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;

    fn collect(
        roots: &[PathBuf],
        options: &WalkOptions,
        limits: &Limits,
    ) -> (BTreeMap<String, usize>, ScanStats) {
        let seen = Mutex::new(BTreeMap::new());
        let stats = walk(roots, options, limits, || {
            |path: &Path, bytes: &[u8]| {
                seen.lock()
                    .expect("not poisoned")
                    .insert(display_path(path), bytes.len());
            }
        });
        (seen.into_inner().expect("not poisoned"), stats)
    }

    #[test]
    fn counts_skips_by_reason_and_keeps_going() {
        let dir = tempfile::tempdir().expect("tempdir");
        let root = dir.path();
        std::fs::write(root.join("a.txt"), "hello").expect("write");
        std::fs::write(root.join(".env"), "X=1").expect("write");
        std::fs::write(root.join("bin.dat"), b"\x00\x01\x02").expect("write");
        std::fs::write(root.join("big.txt"), vec![b'x'; 2048]).expect("write");
        std::fs::create_dir(root.join(".git")).expect("mkdir");
        std::fs::write(root.join(".git/config"), "secret").expect("write");
        std::fs::write(root.join(".gitignore"), "ignored.txt\n").expect("write");
        std::fs::write(root.join("ignored.txt"), "secret").expect("write");
        #[cfg(unix)]
        std::os::unix::fs::symlink(root.join("a.txt"), root.join("link.txt")).expect("symlink");

        let limits = Limits {
            max_file_size: 1024,
            ..Limits::default()
        };
        let missing = root.join("does-not-exist");
        let (seen, stats) = collect(&[root.to_path_buf(), missing], &WalkOptions::default(), &limits);
        let names: Vec<_> = seen
            .keys()
            .map(|k| k.rsplit('/').next().unwrap_or(k).to_string())
            .collect();
        assert_eq!(names, [".env", ".gitignore", "a.txt"]);
        let skips: BTreeMap<_, _> = stats.skips.iter().copied().collect();
        assert_eq!(skips.get(&SkipReason::Binary), Some(&1));
        assert_eq!(skips.get(&SkipReason::TooLarge), Some(&1));
        #[cfg(unix)]
        assert_eq!(skips.get(&SkipReason::Symlink), Some(&1));
        assert!(
            stats
                .warnings
                .iter()
                .any(|w| w.fatal && w.path.as_deref().is_some_and(|p| p.ends_with("does-not-exist")))
        );
    }

    #[test]
    fn no_ignore_scans_ignored_files() {
        let dir = tempfile::tempdir().expect("tempdir");
        std::fs::write(dir.path().join(".gitignore"), "ignored.txt\n").expect("write");
        std::fs::write(dir.path().join("ignored.txt"), "x").expect("write");
        let options = WalkOptions {
            respect_ignore_files: false,
            ..WalkOptions::default()
        };
        let (seen, _) = collect(&[dir.path().to_path_buf()], &options, &Limits::default());
        assert!(seen.keys().any(|k| k.ends_with("ignored.txt")));
    }
}
