//! One blob scanner for every source.
//!
//! Sources only read: a directory walk, standard input, the index, commit
//! diffs, every object of a repository, image layers. Each blob they read
//! goes to a per-thread [`BlobScanner`], which owns what happens to it, in
//! one order: size limit → archive (members scanned in turn) → binary
//! keystore → binary skip → plain and decoded scan → drop what a decoded
//! finding supersedes → findings. So every source finds the same secrets
//! in the same bytes by construction. What differs between sources plugs
//! in: where the blob's path is not known yet ([`Scope`]), which lines
//! count ([`Blob::lines`], a diff keeps added lines), and which parts of a
//! blob are scanned ([`TextStrategy`], git's chunk memo).

pub mod archive;
mod stats;

use std::{path::Path, sync::Mutex};

pub use archive::ArchiveLimits;
pub use stats::{ScanStats, SkipReason, Warning};

use crate::{
    engine::{DecodedHit, Engine, Match, Scratch},
    finding::{
        Finding, FindingOptions, Origin, decoded_findings, drop_superseded, findings_for, keystore_finding,
    },
};

/// How far into a blob to look for a NUL byte when deciding it is binary
/// (the same window git uses).
pub const BINARY_SNIFF_LEN: usize = 8000;

/// Whether the first bytes of a file say it is binary.
pub fn looks_binary(head: &[u8]) -> bool {
    memchr::memchr(0, &head[..head.len().min(BINARY_SNIFF_LEN)]).is_some()
}

/// Whether a blob is skipped as binary: it looks binary, binary files were
/// not asked for, and it is neither an archive to open (when `open_archives`)
/// nor a keystore to report, which are read whatever their bytes.
pub fn skip_as_binary(data: &[u8], scan_binary: bool, open_archives: bool) -> bool {
    let read_anyway = scan_binary
        || (open_archives && archive::detect(data).is_some())
        || crate::engine::keystore::may_be(data);
    !read_anyway && looks_binary(data)
}

/// Whether a blob is a binary keystore: reported as a keystore (see
/// [`crate::finding::keystore_finding`]) rather than scanned as text.
pub fn binary_keystore(data: &[u8]) -> bool {
    crate::engine::keystore::may_be(data) && looks_binary(data)
}

/// What every source obeys for each blob it reads.
#[derive(Debug, Clone)]
pub struct Limits {
    /// Blobs (files, archive members) larger than this are skipped (counted).
    pub max_file_size: u64,
    /// Scan blobs that look binary instead of skipping them.
    pub scan_binary: bool,
    /// How archives are opened (`max_depth` 0: not at all).
    pub archives: ArchiveLimits,
}

impl Default for Limits {
    fn default() -> Self {
        Limits::new(10 << 20, false, ArchiveLimits::default())
    }
}

impl Limits {
    /// Limits whose archive members obey the same size cap and binary
    /// choice as files.
    pub fn new(max_file_size: u64, scan_binary: bool, archives: ArchiveLimits) -> Self {
        Limits {
            max_file_size,
            scan_binary,
            archives: ArchiveLimits {
                max_member: max_file_size,
                scan_binary,
                ..archives
            },
        }
    }

    /// Whether archives are opened at all.
    pub fn open_archives(&self) -> bool {
        self.archives.max_depth > 0
    }
}

/// What a source found and what it read.
#[derive(Debug, Default)]
pub struct ScanOutcome {
    /// Findings, one per secret, sorted (see [`sort_findings`]).
    pub findings: Vec<Finding>,
    /// What was read and skipped, warnings and coverage.
    pub stats: ScanStats,
}

/// Sorts findings: reachable before unreachable (history), then by path,
/// position, rule and commit.
pub fn sort_findings(findings: &mut [Finding]) {
    findings.sort_by(|a, b| {
        let key = |f: &Finding| {
            (
                f.git.as_ref().is_some_and(|g| g.unreachable),
                f.location.path.clone(),
                f.location.line,
                f.location.column,
                f.rule_id.clone(),
                f.git.as_ref().and_then(|g| g.commit.clone()),
            )
        };
        key(a).cmp(&key(b))
    });
}

/// Which rules apply to a blob.
#[derive(Debug, Clone, Copy)]
pub enum Scope<'a> {
    /// The blob's path (or none, for a blob that has none): path-scoped
    /// rules and path allowlists apply now.
    Path(Option<&'a Path>),
    /// A history blob, which can live at many paths: every rule runs, and
    /// path filters apply once the path is known.
    AnyPath,
}

/// Plain matches and decoded hits found in one piece of text.
pub type Hits = (Vec<Match>, Vec<DecodedHit>);

/// How a blob's text is handed to the engine: whole (the default), or only
/// the parts no earlier blob had (git's chunk memo).
pub trait TextStrategy: Send {
    /// Runs `scan` over the parts of `blob` that need it and returns what
    /// it found, positioned in `blob`, and how many bytes it scanned.
    fn scan(&mut self, blob: &[u8], scan: &mut dyn FnMut(&[u8]) -> Hits) -> (Hits, u64);
}

/// One blob as a source hands it over.
pub struct Blob<'a> {
    /// Where its findings are reported.
    pub origin: &'a Origin,
    /// Which rules apply.
    pub scope: Scope<'a>,
    /// How it is named in archive member paths and warnings.
    pub display: &'a dyn std::fmt::Display,
    /// Which lines count (1-based, `true`: counts), asked only when the
    /// blob's text holds something; `None`: every line. Archive members
    /// and keystores count whole.
    pub lines: Option<&'a dyn Fn() -> Vec<bool>>,
}

/// Whether any line of `m` counts (`added`: 1-based line → counts; lines
/// past its end count).
pub fn on_added_line(m: &Match, added: &[bool]) -> bool {
    (m.line..=m.end_line).any(|line| added.get(line).copied().unwrap_or(true))
}

/// Scans blobs, one thread's worth: the engine, its scratch space, the
/// limits and reporting options, and the counts of what was read. Stats
/// are taken with [`BlobScanner::take_stats`] or, when a sink is set, added
/// to it when the scanner is dropped.
pub struct BlobScanner<'a> {
    engine: &'a Engine,
    limits: &'a Limits,
    findings: FindingOptions,
    scratch: Scratch,
    strategy: Option<Box<dyn TextStrategy + 'a>>,
    stats: ScanStats,
    fresh_bytes: u64,
    sink: Option<&'a Mutex<ScanStats>>,
}

impl<'a> BlobScanner<'a> {
    /// A scanner that hands whole blobs to `engine`.
    pub fn new(engine: &'a Engine, limits: &'a Limits, findings: FindingOptions) -> Self {
        BlobScanner {
            engine,
            limits,
            findings,
            scratch: Scratch::default(),
            strategy: None,
            stats: ScanStats::default(),
            fresh_bytes: 0,
            sink: None,
        }
    }

    /// Scans blob text through `strategy` instead of whole.
    pub fn with_strategy(mut self, strategy: impl TextStrategy + 'a) -> Self {
        self.strategy = Some(Box::new(strategy));
        self
    }

    /// Adds this scanner's stats to `sink` when it is dropped (one scanner
    /// per worker thread, one total).
    pub fn flushing_into(mut self, sink: &'a Mutex<ScanStats>) -> Self {
        self.sink = Some(sink);
        self
    }

    /// The limits this scanner obeys.
    pub fn limits(&self) -> &'a Limits {
        self.limits
    }

    /// What was read and skipped so far, leaving the counts empty.
    pub fn take_stats(&mut self) -> ScanStats {
        std::mem::take(&mut self.stats)
    }

    /// Bytes of text the engine ran over (less than the bytes read when a
    /// strategy skips text scanned before).
    pub fn fresh_bytes(&self) -> u64 {
        self.fresh_bytes
    }

    /// Scans one blob a source read, counting it as read or skipped.
    pub fn scan(&mut self, bytes: &[u8], blob: &Blob<'_>) -> Vec<Finding> {
        let limits = self.limits;
        if bytes.len() as u64 > limits.max_file_size {
            self.stats.add_skips(SkipReason::TooLarge, 1);
            return Vec::new();
        }
        if limits.open_archives() && archive::detect(bytes).is_some() {
            self.count(bytes);
            return self.scan_archive(bytes, blob);
        }
        if binary_keystore(bytes) {
            self.count(bytes);
            return keystore_finding(self.engine, bytes, blob.origin, self.findings)
                .into_iter()
                .collect();
        }
        // Archives were opened above when archives are opened at all.
        if skip_as_binary(bytes, limits.scan_binary, false) {
            self.stats.add_skips(SkipReason::Binary, 1);
            return Vec::new();
        }
        self.count(bytes);
        let (matches, hits) = self.find(bytes, blob.scope, true);
        self.findings_in(bytes, matches, hits, blob.origin, blob.lines)
    }

    /// Scans text that is part of something else, not a file (a commit or
    /// tag message): not counted, never skipped, decoded like a blob.
    pub fn scan_text(&mut self, text: &[u8], origin: &Origin) -> Vec<Finding> {
        let (matches, hits) = self.find(text, Scope::Path(None), false);
        self.findings_in(text, matches, hits, origin, None)
    }

    fn count(&mut self, bytes: &[u8]) {
        self.stats.files += 1;
        self.stats.bytes += bytes.len() as u64;
    }

    /// Plain matches (less those a decoded hit supersedes) and decoded hits.
    fn find(&mut self, text: &[u8], scope: Scope<'_>, strategy: bool) -> Hits {
        let engine = self.engine;
        let scratch = &mut self.scratch;
        let mut run = |text: &[u8]| match scope {
            Scope::Path(path) => (
                engine.scan(text, path, scratch),
                engine.scan_decoded(text, path, scratch),
            ),
            Scope::AnyPath => (
                engine.scan_any_path(text, scratch),
                engine.scan_decoded_any_path(text, scratch),
            ),
        };
        let ((mut matches, hits), scanned) = match self.strategy.as_mut().filter(|_| strategy) {
            Some(strategy) => strategy.scan(text, &mut run),
            None => (run(text), text.len() as u64),
        };
        if strategy {
            self.fresh_bytes += scanned;
        }
        drop_superseded(engine, &mut matches, &hits);
        (matches, hits)
    }

    fn findings_in(
        &self,
        text: &[u8],
        mut matches: Vec<Match>,
        mut hits: Vec<DecodedHit>,
        origin: &Origin,
        lines: Option<&dyn Fn() -> Vec<bool>>,
    ) -> Vec<Finding> {
        if matches.is_empty() && hits.is_empty() {
            return Vec::new();
        }
        if let Some(lines) = lines {
            let counts = lines();
            matches.retain(|m| on_added_line(m, &counts));
            hits.retain(|h| counts.get(h.line).copied().unwrap_or(true));
        }
        let mut findings = findings_for(self.engine, text, &matches, origin, self.findings);
        if !hits.is_empty() {
            findings.extend(decoded_findings(
                self.engine,
                text,
                &matches,
                &hits,
                origin,
                self.findings,
            ));
        }
        findings
    }

    /// Opens an archive blob and scans its members, each under its own
    /// path. A blob whose path is known reports members at
    /// `display!member` with `source.archive_member` = `name!member`; a
    /// history blob's members carry the member chain only, and attribution
    /// puts the blob's path in front once it is known.
    fn scan_archive(&mut self, bytes: &[u8], blob: &Blob<'_>) -> Vec<Finding> {
        let display = blob.display.to_string();
        let name = match blob.scope {
            Scope::Path(_) => display.rsplit('/').next().unwrap_or(&display).to_string(),
            Scope::AnyPath => String::new(),
        };
        let limits = self.limits;
        let mut stats = ScanStats::default();
        let mut found = Vec::new();
        archive::expand(bytes, &name, &display, &limits.archives, &mut stats, &mut |m| {
            let mut inner = blob.origin.clone();
            match blob.scope {
                Scope::Path(_) => {
                    inner.path = Some(format!("{display}{}{}", archive::SEPARATOR, m.chain));
                    inner.source.archive_member = Some(format!("{name}{}{}", archive::SEPARATOR, m.chain));
                }
                Scope::AnyPath => inner.source.archive_member = Some(m.chain.to_string()),
            }
            found.extend(self.scan_member(m.bytes, Path::new(m.name), &inner));
        });
        self.stats.merge(stats);
        found
    }

    /// Scans an archive member the archive reader has counted and gated.
    fn scan_member(&mut self, bytes: &[u8], path: &Path, origin: &Origin) -> Vec<Finding> {
        if binary_keystore(bytes) {
            return keystore_finding(self.engine, bytes, origin, self.findings)
                .into_iter()
                .collect();
        }
        let (matches, hits) = self.find(bytes, Scope::Path(Some(path)), false);
        self.findings_in(bytes, matches, hits, origin, None)
    }
}

impl Drop for BlobScanner<'_> {
    fn drop(&mut self) {
        if let Some(sink) = self.sink {
            let stats = std::mem::take(&mut self.stats);
            if stats != ScanStats::default() {
                sink.lock().unwrap_or_else(|p| p.into_inner()).merge(stats);
            }
        }
    }
}
