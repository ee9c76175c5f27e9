//! Git sources: full history, commit ranges and staged changes, read through
//! gix.
//!
//! The repository is never trusted: it is opened with isolated options (no
//! global or system configuration, no environment overrides) and only its
//! objects, refs and index are read. No hook, filter, fsmonitor or
//! configured command ever runs, and no process is spawned.
//!
//! A full history scan reads every object once (see [`objects`]), then walks
//! commits ancestors-first to attribute just the blobs that had findings
//! ([`attribute`]). Range, date and staged scans diff trees instead
//! ([`diff`]) and report only secrets on added lines.

mod attribute;
mod diff;
mod graph;
pub mod hook;
mod memo;
mod objects;
mod tree_index;

use std::{
    collections::HashMap,
    path::{Path, PathBuf},
};

use gix::{ObjectId, bstr::ByteSlice};
use indicatif::ProgressBar;

use crate::{
    engine::Engine,
    finding::{Finding, FindingOptions, GitProvenance},
    scan::{Limits, ScanOutcome, ScanStats, sort_findings},
};

pub use diff::scan_staged;

/// Errors that stop a git scan before it produces anything.
#[derive(Debug, thiserror::Error)]
pub enum GitError {
    /// The path is not inside a git repository, or the repository is unreadable.
    #[error("{path}: cannot open a git repository there: {reason}")]
    Open {
        /// Path the user gave.
        path: String,
        /// What gix said.
        reason: String,
    },
    /// A revision or ref the user named does not resolve.
    #[error("{spec}: {reason}")]
    Revision {
        /// The revision as given.
        spec: String,
        /// Why it does not resolve and what to do.
        reason: String,
    },
    /// Reading the repository failed in a way the scan cannot continue past.
    #[error("{what}: {reason}")]
    Read {
        /// What was being read.
        what: String,
        /// The underlying error.
        reason: String,
    },
}

impl GitError {
    fn read(what: impl Into<String>, error: impl std::fmt::Display) -> Self {
        GitError::Read {
            what: what.into(),
            reason: error.to_string(),
        }
    }
}

/// Knobs shared by every git scan.
#[derive(Debug, Clone)]
pub struct GitOptions {
    /// Size, binary and archive limits every blob obeys.
    pub limits: Limits,
    /// Worker threads (0: all cores).
    pub threads: usize,
    /// How matches become findings.
    pub findings: FindingOptions,
    /// Progress display (hidden when not on a terminal).
    pub progress: ProgressBar,
    /// Scan every blob version in full, instead of skipping text an
    /// earlier version already had.
    pub rescan_unchanged: bool,
    /// Most tree entries kept in memory to guide attribution (4 bytes
    /// each); beyond it attribution reads every tree from the pack instead.
    pub tree_entry_budget: usize,
}

impl Default for GitOptions {
    fn default() -> Self {
        GitOptions {
            limits: Limits::default(),
            threads: 0,
            findings: FindingOptions::default(),
            progress: ProgressBar::hidden(),
            rescan_unchanged: false,
            tree_entry_budget: tree_index::ENTRY_BUDGET,
        }
    }
}

/// What part of history a `git` scan covers and how it reports it.
#[derive(Debug, Clone, Default)]
pub struct HistoryOptions {
    /// Report only secrets introduced by commits in `A..B` (B defaults to HEAD).
    pub range: Option<String>,
    /// Report only secrets introduced by commits made at or after this time.
    pub since: Option<jiff::Timestamp>,
    /// Only history reachable from this branch (or any ref name).
    pub branch: Option<String>,
    /// Drop findings that no ref reaches any more.
    pub reachable_only: bool,
    /// List every place each secret was found.
    pub all_occurrences: bool,
}

/// A repository opened for reading, with what keeps it readable.
pub struct OpenRepository {
    /// The repository.
    pub repo: gix::Repository,
    /// Object directory view that adds git's pre-receive quarantine.
    _quarantine: Option<QuarantineView>,
}

/// Opens the repository at or above `path`, trusting nothing in it.
pub fn open(path: &Path) -> Result<OpenRepository, GitError> {
    let mut repo = gix::discover_opts(
        path,
        gix::discover::upwards::Options::default(),
        gix::open::Options::isolated(),
    )
    .map_err(|e| GitError::Open {
        path: path.display().to_string(),
        reason: format!("{e}; pass the directory of a git repository (bare or with a work tree)"),
    })?;
    let quarantine = match std::env::var_os("GIT_QUARANTINE_PATH") {
        Some(dir) => Some(QuarantineView::attach(&mut repo, Path::new(&dir))?),
        None => None,
    };
    tune_caches(&mut repo);
    Ok(OpenRepository {
        repo,
        _quarantine: quarantine,
    })
}

/// During a pre-receive hook git keeps the pushed objects in a quarantine
/// directory (`GIT_QUARANTINE_PATH`) that only git itself is told about.
/// gix does not read that variable, so the repository's objects are
/// replaced by a view: a scratch objects directory outside the repository
/// whose alternates are the quarantine and the real objects directory.
/// Nothing is written inside the repository or the quarantine. The view is
/// a fresh directory with a random name, created exclusively and private
/// (0700), so no other local user can make it write through a link; it is
/// removed when dropped.
struct QuarantineView {
    /// Held for its `Drop`, which removes the view.
    _dir: tempfile::TempDir,
}

impl QuarantineView {
    fn attach(repo: &mut gix::Repository, quarantine: &Path) -> Result<Self, GitError> {
        let objects = repo.objects.store_ref().path().to_path_buf();
        let mut builder = tempfile::Builder::new();
        builder.prefix("leakhound-quarantine-view-");
        #[cfg(unix)]
        builder.permissions(std::os::unix::fs::PermissionsExt::from_mode(0o700));
        let view = builder
            .tempdir()
            .map_err(|e| GitError::read("a scratch directory for the pre-receive quarantine", e))?;
        let dir = view.path();
        let fail = |e: std::io::Error| GitError::read(dir.display().to_string(), e);
        std::fs::create_dir(dir.join("info")).map_err(fail)?;
        std::fs::create_dir(dir.join("pack")).map_err(fail)?;
        let absolute = |p: &Path| std::path::absolute(p).unwrap_or_else(|_| p.to_path_buf());
        let alternates = format!(
            "{}\n{}\n",
            absolute(quarantine).display(),
            absolute(&objects).display()
        );
        std::fs::write(dir.join("info/alternates"), alternates).map_err(fail)?;
        let handle = gix::odb::at(dir, repo.object_hash()).map_err(fail)?;
        repo.objects = gix::OdbHandle::new(handle, repo.object_hash());
        Ok(QuarantineView { _dir: view })
    }
}

/// The attribution walk and tree diffs read each tree once, but trees are
/// deltas of one another: a pack cache keeps decoded delta bases.
fn tune_caches(repo: &mut gix::Repository) {
    repo.objects
        .set_pack_cache(|| Box::new(gix::odb::pack::cache::lru::MemoryCappedHashmap::new(16 << 20)));
}

/// Scans a repository's history: everything it holds, or the part
/// [`HistoryOptions`] narrows it to.
pub fn scan_history(
    path: &Path,
    engine: &Engine,
    options: &GitOptions,
    history: &HistoryOptions,
) -> Result<ScanOutcome, GitError> {
    let opened = open(path)?;
    let repo = &opened.repo;
    if history.range.is_some() || history.since.is_some() {
        diff::scan_commits(repo, engine, options, history)
    } else {
        scan_everything(repo, engine, options, history)
    }
}

/// The full scan: every object once, then attribution.
fn scan_everything(
    repo: &gix::Repository,
    engine: &Engine,
    options: &GitOptions,
    history: &HistoryOptions,
) -> Result<ScanOutcome, GitError> {
    let objects_dir = repo.objects.store_ref().path().to_path_buf();
    let mut scan = objects::scan_all(&objects_dir, engine, options)?;
    let tips = graph::resolve_tips(repo, &scan.tags, history.branch.as_deref())?;
    let shallow = shallow_commits(repo)?;
    let walk = graph::order_commits(&scan.commits, &tips.commits, &shallow);
    let mut stats = std::mem::take(&mut scan.stats);
    describe_coverage(repo, &mut stats, &tips, &walk, &scan, history);
    if scan.blobs_read == 0 && commits_hold_files(repo, &scan.commits) {
        let why = if partial_clone_note(repo).is_some() {
            "this is a partial clone whose filter fetched none of them"
        } else {
            "they are missing from the objects directory"
        };
        stats.fail(
            None,
            format!(
                "no file contents could be read: the commits hold files but not one of their blobs is present ({why}); nothing was scanned. Fetch them (a full clone, or `git fetch --refetch` without a filter) and scan again"
            ),
        );
    }

    let pending: Vec<ObjectId> = scan.blobs.keys().copied().collect();
    let mut places = attribute::attribute(
        repo,
        scan.trees.as_ref(),
        &scan.commits,
        &walk,
        &pending,
        history.all_occurrences,
        if options.threads == 0 {
            rayon::current_num_threads()
        } else {
            options.threads
        },
        &mut stats,
    );
    attribute::direct_places(
        repo,
        &scan.commits,
        &tips.targets,
        &pending,
        &mut places,
        history.all_occurrences,
    );
    let sightings = attribute::sightings(engine, &scan, &places, &walk, &tips);
    let findings = assemble(repo, engine, sightings, history, &mut stats);
    Ok(ScanOutcome { findings, stats })
}

/// Whether any commit's tree holds something that needs a blob: a file, or
/// a directory (a tree that cannot be read counts, its contents unknown).
/// Only asked when no blob was read, so it usually stops at the first commit.
fn commits_hold_files(repo: &gix::Repository, commits: &HashMap<ObjectId, objects::CommitNode>) -> bool {
    let mut trees: Vec<ObjectId> = commits.values().map(|c| c.tree).collect();
    trees.sort_unstable();
    trees.dedup();
    trees.into_iter().any(|tree| match repo.find_object(tree) {
        Ok(object) => gix::objs::TreeRefIter::from_bytes(&object.data, repo.object_hash())
            .any(|entry| entry.map_or(true, |e| !e.mode.is_commit())),
        Err(_) => true,
    })
}

/// What a partial clone leaves out, if this is one: objects its filter
/// kept from being fetched cannot be scanned. Git marks packs fetched from a
/// promisor remote with a `.promisor` file (older versions also set
/// `extensions.partialClone`).
fn partial_clone_note(repo: &gix::Repository) -> Option<String> {
    let pack_dir = repo.objects.store_ref().path().join("pack");
    let promisor_pack = std::fs::read_dir(pack_dir)
        .ok()?
        .filter_map(Result::ok)
        .any(|e| e.path().extension().is_some_and(|x| x == "promisor"));
    let extension = repo.config_snapshot().string("extensions.partialClone").is_some();
    (promisor_pack || extension).then(|| {
        "partial clone: objects its filter did not fetch were not scanned; a full clone (or `git fetch --refetch`) scans everything".to_string()
    })
}

fn describe_coverage(
    repo: &gix::Repository,
    stats: &mut ScanStats,
    tips: &graph::Tips,
    walk: &graph::CommitOrder,
    scan: &objects::ObjectScan,
    history: &HistoryOptions,
) {
    let scope = match &history.branch {
        Some(branch) => format!("{branch} ({} commits)", walk.reachable),
        None => format!(
            "{} refs ({} commits reachable, {} unreachable)",
            tips.refs,
            walk.reachable,
            walk.order.len() - walk.reachable
        ),
    };
    let skipped = stats.bytes.saturating_sub(scan.fresh_bytes);
    let reuse = if skipped > 0 {
        format!(
            " ({} of new text scanned; {} already scanned in another version)",
            crate::report::display::human_bytes(scan.fresh_bytes),
            crate::report::display::human_bytes(skipped)
        )
    } else {
        String::new()
    };
    stats.coverage.push(format!(
        "history: {scope}; {} objects read once, {} unique blobs{reuse}",
        scan.objects, stats.files
    ));
    if let Some(note) = partial_clone_note(repo) {
        stats.coverage.push(note);
    }
    if !walk.shallow_boundary.is_empty() {
        stats.coverage.push(format!(
            "shallow clone: history below {} is not present (fetch with --unshallow to scan it)",
            short_ids(&walk.shallow_boundary)
        ));
    }
    if !walk.missing_parents.is_empty() {
        stats.add_skips(
            crate::source::SkipReason::MissingObject,
            walk.missing_parents.len() as u64,
        );
        stats.warn(
            None,
            format!(
                "{} parent commit(s) are missing (partial clone or damaged repository), e.g. {}; history below them was not scanned",
                walk.missing_parents.len(),
                short_ids(&walk.missing_parents)
            ),
        );
    }
}

fn short_ids(ids: &[ObjectId]) -> String {
    let shown: Vec<String> = ids
        .iter()
        .take(3)
        .map(|id| id.to_hex_with_len(12).to_string())
        .collect();
    let more = if ids.len() > 3 {
        format!(" and {} more", ids.len() - 3)
    } else {
        String::new()
    };
    format!("{}{more}", shown.join(", "))
}

/// Commits the repository's `shallow` file lists (their parents are absent).
fn shallow_commits(repo: &gix::Repository) -> Result<Vec<ObjectId>, GitError> {
    let commits = repo
        .shallow_commits()
        .map_err(|e| GitError::read(format!("{}/shallow", repo.git_dir().display()), e))?;
    Ok(commits.map(|c| c.iter().copied().collect()).unwrap_or_default())
}

/// A finding seen at one place in history, before findings of the same
/// secret are merged.
#[derive(Debug)]
struct Sighting {
    finding: Finding,
    /// Commit (or tag) the place belongs to; `None` for a blob no commit holds.
    commit: Option<ObjectId>,
    /// Blob holding the secret (`None` for messages).
    blob: Option<ObjectId>,
    unreachable: bool,
    /// Position of the commit in ancestors-first order (smaller: older).
    order: usize,
}

/// Merges sightings of one secret into one finding, reported at the oldest
/// reachable place, and fills in commit details. Sightings an allowlist
/// allows at their path and commit are dropped first.
fn assemble(
    repo: &gix::Repository,
    engine: &Engine,
    mut sightings: Vec<Sighting>,
    history: &HistoryOptions,
    stats: &mut ScanStats,
) -> Vec<Finding> {
    if history.reachable_only || history.branch.is_some() {
        sightings.retain(|s| !s.unreachable);
    }
    sightings.retain(|s| {
        s.finding.open_allowlists.is_empty()
            || !engine.rules().get(&s.finding.rule_id).is_some_and(|rule| {
                rule.allowed_at(
                    &s.finding.open_allowlists,
                    s.finding.location.path.as_deref().map(Path::new),
                    s.commit.map(|c| c.to_string()).as_deref(),
                )
            })
    });
    let mut groups: HashMap<String, Vec<Sighting>> = HashMap::new();
    for s in sightings {
        groups.entry(s.finding.fingerprint.clone()).or_default().push(s);
    }
    let mut details = CommitDetails::new(repo);
    let mut findings: Vec<Finding> = groups
        .into_values()
        .map(|mut group| {
            group.sort_by_key(|s| (s.unreachable, s.order, s.finding.location.path.clone()));
            let occurrences = if history.all_occurrences {
                group.len()
            } else {
                let mut places: Vec<(Option<ObjectId>, Option<ObjectId>)> = group
                    .iter()
                    .map(|s| (s.blob, s.commit.filter(|_| s.blob.is_none())))
                    .collect();
                places.sort();
                places.dedup();
                places.len()
            };
            let locations = history.all_occurrences.then(|| {
                group
                    .iter()
                    .map(|s| crate::finding::Occurrence {
                        commit: s.commit.map(|c| c.to_string()),
                        path: s.finding.location.path.clone(),
                        blob: s.blob.map(|b| b.to_string()),
                        line: s.finding.location.line,
                        column: s.finding.location.column,
                        unreachable: s.unreachable,
                    })
                    .collect()
            });
            let first = group.swap_remove(0);
            let mut finding = first.finding;
            let commit = first.commit.and_then(|id| details.get(id));
            finding.git = Some(GitProvenance {
                commit: commit.as_ref().map(|c| c.id.clone()),
                author: commit.as_ref().map(|c| c.author.clone()),
                email: commit.as_ref().map(|c| c.email.clone()),
                date: commit.as_ref().map(|c| c.date.clone()),
                message: commit.map(|c| c.message),
                blob: first.blob.map(|b| b.to_string()),
                occurrences: occurrences as u64,
                unreachable: first.unreachable,
                locations,
            });
            finding
        })
        .collect();
    for (id, e) in details.failures {
        stats.warn(
            None,
            format!("commit {id}: cannot read its author and message: {e}"),
        );
    }
    sort_findings(&mut findings);
    findings
}

/// Author, date and subject of a commit or annotated tag, as reported.
#[derive(Debug, Clone)]
struct CommitInfo {
    id: String,
    author: String,
    email: String,
    date: String,
    message: String,
}

/// Looks up and caches commit (or tag) details for findings.
struct CommitDetails<'r> {
    repo: &'r gix::Repository,
    cache: HashMap<ObjectId, CommitInfo>,
    failures: Vec<(ObjectId, String)>,
}

impl<'r> CommitDetails<'r> {
    fn new(repo: &'r gix::Repository) -> Self {
        CommitDetails {
            repo,
            cache: HashMap::new(),
            failures: Vec::new(),
        }
    }

    fn get(&mut self, id: ObjectId) -> Option<CommitInfo> {
        if let Some(info) = self.cache.get(&id) {
            return Some(info.clone());
        }
        match describe_object(self.repo, id) {
            Ok(info) => {
                self.cache.insert(id, info.clone());
                Some(info)
            }
            Err(e) => {
                self.failures.push((id, e));
                None
            }
        }
    }
}

fn describe_object(repo: &gix::Repository, id: ObjectId) -> Result<CommitInfo, String> {
    let object = repo.find_object(id).map_err(|e| e.to_string())?;
    let hash = repo.object_hash();
    match object.kind {
        gix::object::Kind::Commit => {
            let commit = gix::objs::CommitRef::from_bytes(&object.data, hash).map_err(|e| e.to_string())?;
            let author = commit.author().map_err(|e| e.to_string())?;
            Ok(CommitInfo {
                id: id.to_string(),
                author: author.name.to_str_lossy().into_owned(),
                email: author.email.to_str_lossy().into_owned(),
                date: rfc3339(author.time().map(|t| t.seconds).unwrap_or_default()),
                message: subject(commit.message),
            })
        }
        gix::object::Kind::Tag => {
            let tag = gix::objs::TagRef::from_bytes(&object.data, hash).map_err(|e| e.to_string())?;
            let tagger = tag.tagger().ok().flatten();
            Ok(CommitInfo {
                id: id.to_string(),
                author: tagger
                    .map(|t| t.name.to_str_lossy().into_owned())
                    .unwrap_or_default(),
                email: tagger
                    .map(|t| t.email.to_str_lossy().into_owned())
                    .unwrap_or_default(),
                date: rfc3339(
                    tagger
                        .and_then(|t| t.time().ok())
                        .map(|t| t.seconds)
                        .unwrap_or_default(),
                ),
                message: format!("tag {}: {}", tag.name.to_str_lossy(), subject(tag.message)),
            })
        }
        other => Err(format!("expected a commit or tag, found a {other}")),
    }
}

/// The first line of a commit message, trimmed.
fn subject(message: &[u8]) -> String {
    let first = message.lines().next().unwrap_or_default();
    first.to_str_lossy().trim().to_string()
}

/// Seconds since the epoch as an RFC 3339 UTC timestamp.
fn rfc3339(seconds: i64) -> String {
    jiff::Timestamp::from_second(seconds)
        .map(|t| t.strftime("%Y-%m-%dT%H:%M:%SZ").to_string())
        .unwrap_or_default()
}

/// `prefix/name`, or `name` at the top of the tree.
fn join_path(prefix: &gix::bstr::BStr, name: &gix::bstr::BStr) -> gix::bstr::BString {
    if prefix.is_empty() {
        return name.to_owned();
    }
    let mut path = gix::bstr::BString::from(prefix);
    path.push(b'/');
    path.extend_from_slice(name);
    path
}

/// A path inside the repository as shown in findings.
fn display_path(path: &[u8]) -> String {
    path.to_str_lossy().into_owned()
}

/// The repository's work tree, or its git dir when bare.
pub fn repository_root(repo: &gix::Repository) -> PathBuf {
    repo.workdir().unwrap_or_else(|| repo.git_dir()).to_path_buf()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(unix)]
    #[test]
    fn the_quarantine_view_is_fresh_and_private_and_follows_no_planted_link() {
        use std::os::unix::fs::PermissionsExt;
        let repo_dir = tempfile::tempdir().expect("tempdir");
        let init = std::process::Command::new("git")
            .args(["init", "-q", "--bare"])
            .arg(repo_dir.path())
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .env("GIT_CONFIG_GLOBAL", "/dev/null")
            .status()
            .expect("git runs");
        assert!(init.success());
        let quarantine = tempfile::tempdir().expect("tempdir");
        // Another local user plants a link where the view used to go.
        let victim = tempfile::tempdir().expect("tempdir");
        let planted = std::env::temp_dir().join(format!("leakhound-quarantine-view-{}", std::process::id()));
        let _ = std::fs::remove_file(&planted);
        std::os::unix::fs::symlink(victim.path(), &planted).expect("plant a link");

        let mut repo = gix::open_opts(repo_dir.path(), gix::open::Options::isolated()).expect("open");
        let view = QuarantineView::attach(&mut repo, quarantine.path());
        let _ = std::fs::remove_file(&planted);
        let view = view.expect("attach");
        assert!(
            std::fs::read_dir(victim.path()).expect("victim").next().is_none(),
            "nothing is written through the planted link"
        );
        let dir = view._dir.path().to_path_buf();
        let meta = std::fs::symlink_metadata(&dir).expect("view");
        assert!(meta.is_dir());
        assert_eq!(meta.permissions().mode() & 0o777, 0o700);
        assert!(dir.join("info/alternates").is_file());
        drop(view);
        assert!(!dir.exists(), "the view is removed afterwards");
    }
}
