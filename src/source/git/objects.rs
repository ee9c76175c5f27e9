//! Reads every object a repository holds exactly once: packs through gix's
//! delta-tree traversal (each object decoded once, in parallel, scanned
//! inside the traversal's processor), then loose objects.
//!
//! Blobs are scanned without a path (a blob can live at many paths); commit
//! and tag messages are scanned as content; commits and tags are recorded
//! in a compact graph for the attribution walk.

use std::{
    collections::{HashMap, HashSet},
    path::{Path, PathBuf},
    sync::{Mutex, atomic::AtomicBool},
};

use gix::{
    ObjectId,
    bstr::BString,
    odb::pack::{
        self,
        index::traverse::{Algorithm, SafetyCheck},
    },
};
use rayon::prelude::*;

use super::{
    GitError, GitOptions,
    memo::{ChunkMemo, NewText},
    tree_index::{self, Budget, TreeIndex},
};
use crate::{
    engine::Engine,
    finding::{Finding, LocationKind, Origin, Source, SourceKind},
    scan::{Blob, BlobScanner, ScanStats, Scope, SkipReason},
};

/// A commit as the history walk needs it.
#[derive(Debug, Clone)]
pub(super) struct CommitNode {
    pub tree: ObjectId,
    pub parents: Box<[ObjectId]>,
    /// Committer time, seconds since the epoch.
    pub time: i64,
}

/// Findings in one commit or tag message.
#[derive(Debug)]
pub(super) struct MessageHit {
    pub object: ObjectId,
    pub findings: Vec<Finding>,
}

/// Everything the object pass learned.
#[derive(Debug, Default)]
pub(super) struct ObjectScan {
    /// Blobs with findings (path not yet known).
    pub blobs: HashMap<ObjectId, Vec<Finding>>,
    /// Commit and tag messages with findings.
    pub messages: Vec<MessageHit>,
    /// Every commit read.
    pub commits: HashMap<ObjectId, CommitNode>,
    /// Annotated tags: tag object → target object.
    pub tags: HashMap<ObjectId, ObjectId>,
    /// Submodule entries (gitlinks) seen in any tree: name and commit.
    pub submodules: HashSet<(BString, ObjectId)>,
    /// Which children every tree has; `None` when the record outgrew its budget.
    pub trees: Option<TreeIndex>,
    /// Objects read (all kinds).
    pub objects: u64,
    /// Blobs read, whether scanned or skipped (too large, binary).
    pub blobs_read: u64,
    /// Blob bytes the engine actually ran over (the rest was text already
    /// scanned in another version).
    pub fresh_bytes: u64,
    /// Blobs scanned, bytes, skips and warnings.
    pub stats: ScanStats,
}

/// What the workers hand back.
#[derive(Default)]
struct Collected {
    scan: ObjectScan,
    skips: [u64; SkipReason::ALL.len()],
}

/// State shared by the workers of one pass.
struct Shared<'a> {
    engine: &'a Engine,
    options: &'a GitOptions,
    /// Indexes of packs traversed earlier: their objects were scanned already.
    earlier: Vec<&'a pack::index::File>,
    /// Chunks already scanned, unless every version is to be rescanned.
    memo: Option<&'a ChunkMemo>,
    /// Tree entries that may still be recorded.
    tree_budget: &'a Budget,
    sink: Mutex<Collected>,
}

/// One traversal thread's state; flushes into the shared sink when dropped.
struct Worker<'a> {
    shared: &'a Shared<'a>,
    scanner: BlobScanner<'a>,
    /// Where a blob's findings come from, before attribution.
    blob_origin: Origin,
    /// Where a commit or tag message's findings come from.
    message_origin: Origin,
    commits: Vec<(ObjectId, CommitNode)>,
    tags: Vec<(ObjectId, ObjectId)>,
    submodules: Vec<(BString, ObjectId)>,
    trees: TreeIndex,
    children: Vec<u32>,
    objects: u64,
    blobs_read: u64,
    unreported_progress: u64,
    malformed: Vec<(ObjectId, String)>,
}

impl<'a> Worker<'a> {
    fn new(shared: &'a Shared<'a>) -> Self {
        let options = shared.options;
        let mut scanner = BlobScanner::new(shared.engine, &options.limits, options.findings);
        if let Some(memo) = shared.memo {
            scanner = scanner.with_strategy(NewText::new(memo));
        }
        let origin = |kind| Origin {
            path: None,
            kind,
            source: Source::plain(SourceKind::Git),
        };
        Worker {
            shared,
            scanner,
            blob_origin: origin(LocationKind::File),
            message_origin: origin(LocationKind::CommitMessage),
            commits: Vec::new(),
            tags: Vec::new(),
            submodules: Vec::new(),
            trees: TreeIndex::default(),
            children: Vec::new(),
            objects: 0,
            blobs_read: 0,
            unreported_progress: 0,
            malformed: Vec::new(),
        }
    }

    fn visit(&mut self, kind: gix::object::Kind, data: &[u8], id: &gix::oid) {
        self.unreported_progress += 1;
        if self.unreported_progress == 512 {
            self.shared.options.progress.inc(self.unreported_progress);
            self.unreported_progress = 0;
        }
        if self.shared.earlier.iter().any(|index| index.lookup(id).is_some()) {
            return;
        }
        self.objects += 1;
        match kind {
            gix::object::Kind::Blob => self.visit_blob(data, id),
            gix::object::Kind::Commit => self.visit_commit(data, id),
            gix::object::Kind::Tag => self.visit_tag(data, id),
            gix::object::Kind::Tree => self.visit_tree(data, id),
        }
    }

    /// Scans a blob without a path (a blob can live at many paths): an
    /// archive's findings carry the member chain in
    /// `source.archive_member`, and attribution puts the blob's path in
    /// front once it is known.
    fn visit_blob(&mut self, data: &[u8], id: &gix::oid) {
        self.blobs_read += 1;
        let name = BlobName(id);
        let blob = Blob {
            origin: &self.blob_origin,
            scope: Scope::AnyPath,
            display: &name,
            lines: None,
        };
        let findings = self.scanner.scan(data, &blob);
        if !findings.is_empty() {
            self.sink().scan.blobs.insert(id.to_owned(), findings);
        }
    }

    /// Records the tree's children for attribution (while the budget lasts)
    /// and its submodule entries. Without a budget, a quick substring test
    /// keeps trees that have no gitlink off the hot path.
    fn visit_tree(&mut self, data: &[u8], id: &gix::oid) {
        let budget = self.shared.tree_budget;
        if budget.exhausted() {
            if memchr::memmem::find(data, b"160000 ").is_none() {
                return;
            }
            for entry in gix::objs::TreeRefIter::from_bytes(data, id.kind()).flatten() {
                if entry.mode.is_commit() {
                    self.submodules
                        .push((entry.filename.to_owned(), entry.oid.to_owned()));
                }
            }
            return;
        }
        self.children.clear();
        for entry in gix::objs::TreeRefIter::from_bytes(data, id.kind()).flatten() {
            if entry.mode.is_commit() {
                self.submodules
                    .push((entry.filename.to_owned(), entry.oid.to_owned()));
            }
            self.children.push(tree_index::prefix(entry.oid));
        }
        if budget.take(self.children.len()) {
            self.trees.push(id.to_owned(), self.children.drain(..));
        }
    }

    fn visit_commit(&mut self, data: &[u8], id: &gix::oid) {
        let commit = match gix::objs::CommitRef::from_bytes(data, id.kind()) {
            Ok(commit) => commit,
            Err(e) => {
                self.malformed
                    .push((id.to_owned(), format!("malformed commit: {e}")));
                return;
            }
        };
        let time = commit.committer().map(|c| c.seconds()).unwrap_or_default();
        self.commits.push((
            id.to_owned(),
            CommitNode {
                tree: commit.tree(),
                parents: commit.parents().collect(),
                time,
            },
        ));
        self.scan_message(commit.message, id);
    }

    fn visit_tag(&mut self, data: &[u8], id: &gix::oid) {
        match gix::objs::TagRef::from_bytes(data, id.kind()) {
            Ok(tag) => {
                self.tags.push((id.to_owned(), tag.target()));
                self.scan_message(tag.message, id);
            }
            Err(e) => self
                .malformed
                .push((id.to_owned(), format!("malformed tag: {e}"))),
        }
    }

    fn scan_message(&mut self, message: &[u8], id: &gix::oid) {
        let findings = self.scanner.scan_text(message, &self.message_origin);
        if !findings.is_empty() {
            self.sink().scan.messages.push(MessageHit {
                object: id.to_owned(),
                findings,
            });
        }
    }

    fn sink(&self) -> std::sync::MutexGuard<'_, Collected> {
        self.shared.sink.lock().unwrap_or_else(|p| p.into_inner())
    }
}

/// How a history blob is named in warnings about its archive members.
struct BlobName<'a>(&'a gix::oid);

impl std::fmt::Display for BlobName<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "blob {}", self.0)
    }
}

impl Clone for Worker<'_> {
    fn clone(&self) -> Self {
        Worker::new(self.shared)
    }
}

impl Drop for Worker<'_> {
    fn drop(&mut self) {
        self.shared.options.progress.inc(self.unreported_progress);
        let mut sink = self.shared.sink.lock().unwrap_or_else(|p| p.into_inner());
        sink.scan.commits.extend(self.commits.drain(..));
        sink.scan.tags.extend(self.tags.drain(..));
        sink.scan.submodules.extend(self.submodules.drain(..));
        sink.scan
            .trees
            .get_or_insert_with(TreeIndex::default)
            .append(std::mem::take(&mut self.trees));
        sink.scan.objects += self.objects;
        sink.scan.blobs_read += self.blobs_read;
        sink.scan.fresh_bytes += self.scanner.fresh_bytes();
        sink.scan.stats.merge(self.scanner.take_stats());
        for (id, message) in self.malformed.drain(..) {
            sink.scan
                .stats
                .warn(Some(format!("object {id}")), format!("{message}; skipped"));
        }
    }
}

/// Pack index files (`*.idx`) of an objects directory, largest pack first so
/// later packs mostly repeat objects already scanned.
fn pack_indexes(objects_dir: &Path) -> std::io::Result<Vec<PathBuf>> {
    let pack_dir = objects_dir.join("pack");
    let entries = match std::fs::read_dir(&pack_dir) {
        Ok(entries) => entries,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(e),
    };
    let mut found = Vec::new();
    for entry in entries {
        let path = entry?.path();
        if path.extension().is_some_and(|e| e == "idx") {
            let pack_size = std::fs::metadata(path.with_extension("pack")).map_or(0, |m| m.len());
            found.push((pack_size, path));
        }
    }
    found.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.cmp(&b.1)));
    Ok(found.into_iter().map(|(_, path)| path).collect())
}

/// Objects directories to read: the repository's own, then its alternates.
fn object_dirs(objects_dir: &Path, stats: &mut ScanStats) -> Vec<PathBuf> {
    let mut dirs = vec![objects_dir.to_path_buf()];
    let cwd = std::env::current_dir().unwrap_or_default();
    match gix::odb::alternate::resolve(objects_dir.to_path_buf(), &cwd) {
        Ok(alternates) => dirs.extend(alternates),
        Err(e) => stats.warn(
            Some(objects_dir.join("info/alternates").display().to_string()),
            format!(
                "cannot follow alternates: {e}; objects borrowed from other repositories were not scanned"
            ),
        ),
    }
    dirs
}

/// Reads and scans every object under `objects_dir` (and its alternates).
pub(super) fn scan_all(
    objects_dir: &Path,
    engine: &Engine,
    options: &GitOptions,
) -> Result<ObjectScan, GitError> {
    let mut preliminary = ScanStats::default();
    let dirs = object_dirs(objects_dir, &mut preliminary);
    let mut bundles = Vec::new();
    for dir in &dirs {
        let indexes =
            pack_indexes(dir).map_err(|e| GitError::read(dir.join("pack").display().to_string(), e))?;
        for idx in indexes {
            match pack::Bundle::at(&idx, gix::hash::Kind::Sha1) {
                Ok(bundle) => bundles.push(bundle),
                Err(e) => preliminary.fail(
                    Some(idx.display().to_string()),
                    format!(
                        "cannot open this pack: {e}; its objects were not scanned (check it with `git verify-pack`)"
                    ),
                ),
            }
        }
    }
    let stores: Vec<gix::odb::loose::Store> = dirs
        .iter()
        .map(|dir| gix::odb::loose::Store::at(dir, gix::hash::Kind::Sha1))
        .collect();
    let mut loose: Vec<(&gix::odb::loose::Store, ObjectId)> = Vec::new();
    for (dir, store) in dirs.iter().zip(&stores) {
        for id in store.iter() {
            match id {
                Ok(id) => loose.push((store, id)),
                Err(e) => preliminary.warn(
                    Some(dir.display().to_string()),
                    format!("cannot list a loose object: {e}; it was not scanned (check with `git fsck`)"),
                ),
            }
        }
    }

    let total: u64 = bundles
        .iter()
        .map(|b| u64::from(b.index.num_objects()))
        .sum::<u64>()
        + loose.len() as u64;
    options.progress.set_length(total);

    // Only new chunks are recorded: two slots per object covered the
    // synthetic history (about 300k new chunks, 345k objects) with few
    // evictions, in half the memory four slots took.
    let memo = (!options.rescan_unchanged).then(|| ChunkMemo::with_capacity(total as usize * 2));
    let tree_budget = Budget::new(options.tree_entry_budget);
    let interrupt = AtomicBool::new(false);
    let mut collected = Collected::default();
    for (position, bundle) in bundles.iter().enumerate() {
        let shared = Shared {
            engine,
            options,
            earlier: bundles[..position].iter().map(|b| &b.index).collect(),
            memo: memo.as_ref(),
            tree_budget: &tree_budget,
            sink: Mutex::new(Collected::default()),
        };
        let result = {
            let mut worker = Worker::new(&shared);
            bundle.index.traverse(
                &bundle.pack,
                &mut gix::progress::Discard,
                &interrupt,
                move |kind, data, entry, _progress| {
                    worker.visit(kind, data, &entry.oid);
                    Ok(())
                },
                pack::index::traverse::Options {
                    traversal: Algorithm::DeltaTreeLookup,
                    thread_limit: (options.threads > 0).then_some(options.threads),
                    check: SafetyCheck::SkipFileAndObjectChecksumVerification,
                    alloc_limit_bytes: None,
                    make_pack_lookup_cache: || pack::cache::Never,
                },
            )
        };
        merge(
            &mut collected,
            shared.sink.into_inner().unwrap_or_else(|p| p.into_inner()),
        );
        if let Err(e) = result {
            collected.scan.stats.fail(
                Some(bundle.pack.path().display().to_string()),
                format!(
                    "this pack is damaged and was only partly read: {e}; findings from the part read are reported (check it with `git verify-pack -v`)"
                ),
            );
        }
    }

    let all_indexes: Vec<&pack::index::File> = bundles.iter().map(|b| &b.index).collect();
    let shared = Shared {
        engine,
        options,
        earlier: Vec::new(),
        memo: memo.as_ref(),
        tree_budget: &tree_budget,
        sink: Mutex::new(Collected::default()),
    };
    let unreadable = Mutex::new(Vec::new());
    let missing = Mutex::new(Vec::new());
    loose
        .par_iter()
        .filter(|(_, id)| !all_indexes.iter().any(|index| index.lookup(id).is_some()))
        .for_each_init(
            || (Worker::new(&shared), Vec::new()),
            |(worker, buf), (store, id)| match store.try_find(id, buf) {
                Ok(Some(object)) => worker.visit(object.kind, object.data, id),
                // Listed a moment ago, gone now (deleted, or a dangling link).
                Ok(None) => missing.lock().unwrap_or_else(|p| p.into_inner()).push(*id),
                Err(e) => unreadable
                    .lock()
                    .unwrap_or_else(|p| p.into_inner())
                    .push((*id, e.to_string())),
            },
        );
    merge(
        &mut collected,
        shared.sink.into_inner().unwrap_or_else(|p| p.into_inner()),
    );
    for (id, e) in unreadable.into_inner().unwrap_or_else(|p| p.into_inner()) {
        collected.skips[SkipReason::Unreadable as usize] += 1;
        collected.scan.stats.warn(
            Some(format!("loose object {id}")),
            format!("cannot read it: {e}; skipped (check the repository with `git fsck`)"),
        );
    }
    for id in missing.into_inner().unwrap_or_else(|p| p.into_inner()) {
        collected.skips[SkipReason::MissingObject as usize] += 1;
        collected.scan.stats.warn(
            Some(format!("loose object {id}")),
            "listed in the objects directory but gone when read (deleted during the scan, or a dangling link); not scanned (check the repository with `git fsck`)",
        );
    }

    let mut scan = collected.scan;
    if tree_budget.exhausted() {
        // Incomplete, so useless: attribution reads trees from the pack instead.
        scan.trees = None;
    }
    if let Some(trees) = &mut scan.trees {
        trees.shrink_to_fit();
    }
    let names: HashSet<&BString> = scan.submodules.iter().map(|(name, _)| name).collect();
    scan.stats.add_skips(SkipReason::Submodule, names.len() as u64);
    for reason in SkipReason::ALL {
        scan.stats.add_skips(reason, collected.skips[reason as usize]);
    }
    scan.stats.warnings.splice(0..0, preliminary.warnings);
    Ok(scan)
}

fn merge(into: &mut Collected, from: Collected) {
    let scan = from.scan;
    into.scan.blobs.extend(scan.blobs);
    into.scan.messages.extend(scan.messages);
    into.scan.commits.extend(scan.commits);
    into.scan.tags.extend(scan.tags);
    into.scan.submodules.extend(scan.submodules);
    if let Some(trees) = scan.trees {
        into.scan
            .trees
            .get_or_insert_with(TreeIndex::default)
            .append(trees);
    }
    into.scan.objects += scan.objects;
    into.scan.blobs_read += scan.blobs_read;
    into.scan.fresh_bytes += scan.fresh_bytes;
    into.scan.stats.merge(scan.stats);
    for (total, n) in into.skips.iter_mut().zip(from.skips) {
        *total += n;
    }
}
