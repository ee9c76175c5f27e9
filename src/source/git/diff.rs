//! Scans of what changed: commits in a range or since a date (each diffed
//! against its parents), and staged changes (the index against HEAD). Only
//! secrets on added lines are reported: a line counts as added when no
//! parent version of the file holds the same line, so moving a line or
//! renaming a file introduces nothing.

use std::{
    collections::{HashMap, HashSet},
    path::Path,
    sync::Mutex,
};

use gix::{
    ObjectId,
    bstr::{BStr, BString, ByteSlice},
};
use rayon::prelude::*;

use super::{
    GitError, GitOptions, HistoryOptions, Sighting, assemble, display_path, join_path, open, short_ids,
};
use crate::{
    engine::Engine,
    finding::{Finding, LocationKind, Origin, Source, SourceKind},
    scan::{Blob, BlobScanner, ScanOutcome, ScanStats, Scope, SkipReason, sort_findings},
};

/// A file whose content is new in a commit (or in the index).
#[derive(Debug)]
struct Change {
    path: BString,
    new: ObjectId,
    /// The file's versions before the change (one per parent that had it).
    old: Vec<ObjectId>,
}

/// Flattened tree: path → blob id, for files, symlinks and submodules.
pub(super) type FlatTree = HashMap<BString, (gix::objs::tree::EntryMode, ObjectId)>;

/// Reads a tree and everything under it. `None` is the empty tree.
pub(super) fn flatten(repo: &gix::Repository, tree: Option<ObjectId>) -> Result<FlatTree, String> {
    let mut out = FlatTree::new();
    let Some(tree) = tree else { return Ok(out) };
    let mut stack = vec![(tree, BString::default())];
    while let Some((id, prefix)) = stack.pop() {
        for (mode, name, oid) in read_tree(repo, id)? {
            let path = join_path(prefix.as_ref(), name.as_ref());
            if mode.is_tree() {
                stack.push((oid, path));
            } else {
                out.insert(path, (mode, oid));
            }
        }
    }
    Ok(out)
}

fn read_tree(
    repo: &gix::Repository,
    id: ObjectId,
) -> Result<Vec<(gix::objs::tree::EntryMode, BString, ObjectId)>, String> {
    let object = repo.find_object(id).map_err(|e| format!("tree {id}: {e}"))?;
    let mut entries = Vec::new();
    for entry in gix::objs::TreeRefIter::from_bytes(&object.data, id.kind()) {
        let entry = entry.map_err(|e| format!("tree {id}: {e}"))?;
        entries.push((entry.mode, entry.filename.to_owned(), entry.oid.to_owned()));
    }
    Ok(entries)
}

/// Files whose content differs between `old` and `new`, descending only into
/// subtrees that differ. `removed` collects blobs that left the old tree
/// (to recognise renames).
fn diff_trees(
    repo: &gix::Repository,
    old: Option<ObjectId>,
    new: ObjectId,
    prefix: &BStr,
    changes: &mut Vec<(BString, ObjectId, Option<ObjectId>)>,
    removed: &mut HashSet<ObjectId>,
) -> Result<(), String> {
    if old == Some(new) {
        return Ok(());
    }
    let old_entries: HashMap<BString, (gix::objs::tree::EntryMode, ObjectId)> = match old {
        Some(id) => read_tree(repo, id)?
            .into_iter()
            .map(|(m, n, o)| (n, (m, o)))
            .collect(),
        None => HashMap::new(),
    };
    let mut still_there: HashSet<&BStr> = HashSet::new();
    for (mode, name, oid) in read_tree(repo, new)? {
        let path = join_path(prefix, name.as_ref());
        let before = old_entries.get(&name);
        if let Some((key, _)) = old_entries.get_key_value(&name) {
            still_there.insert(key.as_ref());
        }
        if mode.is_tree() {
            let old_tree = before.filter(|(m, _)| m.is_tree()).map(|&(_, o)| o);
            if let Some((m, o)) = before
                && !m.is_tree()
            {
                removed.insert(*o);
            }
            diff_trees(repo, old_tree, oid, path.as_ref(), changes, removed)?;
        } else if mode.is_blob_or_symlink() {
            match before {
                Some(&(_, o)) if o == oid => {}
                Some(&(m, o)) if m.is_blob_or_symlink() => changes.push((path, oid, Some(o))),
                _ => changes.push((path, oid, None)),
            }
        }
    }
    for (name, (mode, oid)) in &old_entries {
        if !still_there.contains(name.as_bstr()) {
            if mode.is_tree() {
                // A directory that disappeared: its blobs may reappear elsewhere.
                for (_, (_, blob)) in flatten(repo, Some(*oid))? {
                    removed.insert(blob);
                }
            } else {
                removed.insert(*oid);
            }
        }
    }
    Ok(())
}

/// The files a commit introduces new content in, compared with all its
/// parents (a merge introduces only what no parent had).
fn commit_changes(
    repo: &gix::Repository,
    tree: ObjectId,
    parent_trees: &[ObjectId],
) -> Result<Vec<Change>, String> {
    let mut per_parent = Vec::new();
    for parent in parent_trees
        .iter()
        .map(Some)
        .chain(parent_trees.is_empty().then_some(None))
    {
        let mut changes = Vec::new();
        let mut removed = HashSet::new();
        diff_trees(
            repo,
            parent.copied(),
            tree,
            BStr::new(""),
            &mut changes,
            &mut removed,
        )?;
        // A blob that left one path and appeared at another was moved, not written.
        changes.retain(|(_, new, old)| old.is_some() || !removed.contains(new));
        per_parent.push(changes);
    }
    let mut first = per_parent.remove(0);
    if per_parent.is_empty() {
        return Ok(first
            .into_iter()
            .map(|(path, new, old)| Change {
                path,
                new,
                old: old.into_iter().collect(),
            })
            .collect());
    }
    let others: Vec<HashMap<BString, Option<ObjectId>>> = per_parent
        .into_iter()
        .map(|c| c.into_iter().map(|(p, _, o)| (p, o)).collect())
        .collect();
    Ok(first
        .drain(..)
        .filter_map(|(path, new, old)| {
            let mut olds: Vec<ObjectId> = old.into_iter().collect();
            for other in &others {
                // Unchanged against this parent: the content came from it.
                let old = other.get(&path)?;
                olds.extend(*old);
            }
            Some(Change { path, new, old: olds })
        })
        .collect())
}

/// Which lines of `new` no old version holds (1-based line → added).
fn added_lines(new: &[u8], olds: &[Vec<u8>]) -> Vec<bool> {
    let before: HashSet<&[u8]> = olds.iter().flat_map(|o| o.lines()).collect();
    let mut out = vec![false];
    out.extend(new.lines().map(|line| !before.contains(line)));
    out
}

/// Scans one change: the new blob, keeping what is on added lines (every
/// member of a changed archive counts as added).
fn scan_change(
    repo: &gix::Repository,
    scanner: &mut BlobScanner<'_>,
    change: &Change,
    kind: SourceKind,
    stats: &Mutex<ScanStats>,
) -> Vec<Finding> {
    let path = display_path(&change.path);
    let blob = match repo.find_object(change.new) {
        Ok(object) => object.detach().data,
        Err(e) => {
            let mut stats = stats.lock().unwrap_or_else(|p| p.into_inner());
            stats.add_skips(SkipReason::MissingObject, 1);
            stats.fail(
                Some(path.clone()),
                format!(
                    "blob {} cannot be read ({e}); this change was not scanned (a partial clone must fetch it first)",
                    change.new
                ),
            );
            return Vec::new();
        }
    };
    let origin = Origin {
        path: Some(path.clone()),
        kind: LocationKind::File,
        source: Source::plain(kind),
    };
    let added = || {
        let olds: Vec<Vec<u8>> = change
            .old
            .iter()
            .filter_map(|id| repo.find_object(*id).ok().map(|o| o.detach().data))
            .collect();
        added_lines(&blob, &olds)
    };
    let target = Blob {
        origin: &origin,
        scope: Scope::Path(Some(Path::new(&path))),
        display: &path,
        lines: Some(&added),
    };
    scanner.scan(&blob, &target)
}

/// A commit selected by `--range` / `--since`.
struct Selected {
    id: ObjectId,
    tree: ObjectId,
    parent_trees: Vec<ObjectId>,
    /// Its parents are not in this (shallow) clone.
    boundary: bool,
}

fn resolve_commit(repo: &gix::Repository, spec: &str) -> Result<ObjectId, GitError> {
    let not_found = |reason: String| GitError::Revision {
        spec: spec.to_string(),
        reason,
    };
    let id = repo.rev_parse_single(spec).map_err(|e| {
        not_found(format!(
            "not found in this repository ({e}); in a shallow or single-branch clone, fetch it first"
        ))
    })?;
    let commit = id
        .object()
        .and_then(|o| o.peel_to_commit())
        .map_err(|e| not_found(format!("does not name a commit: {e}")))?;
    Ok(commit.id)
}

/// Scans the commits `--range` and/or `--since` select.
pub(super) fn scan_commits(
    repo: &gix::Repository,
    engine: &Engine,
    options: &GitOptions,
    history: &HistoryOptions,
) -> Result<ScanOutcome, GitError> {
    let mut stats = ScanStats::default();
    let (tips, hidden, label) = match &history.range {
        Some(range) => {
            let (from, to) = range.split_once("..").ok_or_else(|| GitError::Revision {
                spec: range.clone(),
                reason: "a range is written FROM..TO, e.g. origin/main..HEAD".into(),
            })?;
            if to.starts_with('.') {
                return Err(GitError::Revision {
                    spec: range.clone(),
                    reason: "symmetric ranges (A...B) are not supported; use FROM..TO".into(),
                });
            }
            let to = if to.is_empty() { "HEAD" } else { to };
            let from_id = resolve_commit(repo, from)?;
            let to_id = resolve_commit(repo, to)?;
            if from_id == to_id {
                stats.coverage.push(format!(
                    "range {range} holds no commits ({from} and {to} are the same commit); nothing to scan"
                ));
                return Ok(ScanOutcome {
                    findings: Vec::new(),
                    stats,
                });
            }
            (vec![to_id], vec![from_id], format!("range {range}"))
        }
        None => {
            let tips = super::graph::resolve_tips(repo, &HashMap::new(), history.branch.as_deref())?;
            let mut peeled = Vec::new();
            for tip in tips.commits {
                if let Ok(commit) = repo.find_object(tip).and_then(|o| o.peel_to_commit()) {
                    peeled.push(commit.id);
                }
            }
            let scope = history
                .branch
                .clone()
                .unwrap_or_else(|| format!("{} refs", tips.refs));
            (peeled, Vec::new(), scope)
        }
    };
    let label = match history.since {
        Some(since) => format!("{label}, commits since {}", since.strftime("%Y-%m-%d %H:%M:%SZ")),
        None => label,
    };
    let shallow: HashSet<ObjectId> = super::shallow_commits(repo)?.into_iter().collect();
    let sorting = match history.since {
        Some(since) => gix::revision::walk::Sorting::ByCommitTimeCutoff {
            order: gix::traverse::commit::simple::CommitTimeOrder::NewestFirst,
            seconds: since.as_second(),
        },
        None => gix::revision::walk::Sorting::ByCommitTime(
            gix::traverse::commit::simple::CommitTimeOrder::NewestFirst,
        ),
    };
    let walk = repo
        .rev_walk(tips)
        .with_hidden(hidden)
        .sorting(sorting)
        .all()
        .map_err(|e| GitError::read(format!("commits of {label}"), e))?;
    let mut selected = Vec::new();
    let mut walk_error = None;
    for info in walk {
        let info = match info {
            Ok(info) => info,
            Err(e) => {
                walk_error = Some(e.to_string());
                break;
            }
        };
        if history
            .since
            .is_some_and(|since| info.commit_time() < since.as_second())
        {
            continue;
        }
        let commit = match info.object() {
            Ok(commit) => commit,
            Err(e) => {
                walk_error = Some(e.to_string());
                break;
            }
        };
        let tree = commit
            .tree_id()
            .map(|t| t.detach())
            .unwrap_or_else(|_| ObjectId::empty_tree(repo.object_hash()));
        let mut parent_trees = Vec::new();
        let boundary = shallow.contains(&info.id);
        if !boundary {
            for parent in info.parent_ids() {
                match parent
                    .object()
                    .and_then(|o| o.peel_to_commit())
                    .and_then(|c| c.tree_id())
                {
                    Ok(t) => parent_trees.push(t.detach()),
                    Err(e) => walk_error = Some(format!("parent {parent} of {}: {e}", info.id)),
                }
            }
        }
        selected.push(Selected {
            id: info.id,
            tree,
            parent_trees,
            boundary,
        });
    }
    if let Some(e) = walk_error {
        stats.add_skips(SkipReason::MissingObject, 1);
        stats.fail(
            None,
            format!(
                "{label} could not be read completely ({e}); findings from the commits read are reported"
            ),
        );
    }
    let boundary: Vec<ObjectId> = selected.iter().filter(|s| s.boundary).map(|s| s.id).collect();
    stats
        .coverage
        .push(format!("{label}: {} commits scanned", selected.len()));
    if !boundary.is_empty() {
        // The boundary commits' whole trees are scanned (everything in them is
        // treated as added), but commits below them are not in this clone.
        stats.fail(
            None,
            format!(
                "history below {} is not present (shallow clone), so {label} could not be read completely; deepen the clone (git fetch --deepen=N or --unshallow)",
                short_ids(&boundary)
            ),
        );
    }

    options.progress.set_length(selected.len() as u64);
    let shared_stats = Mutex::new(std::mem::take(&mut stats));
    let sync_repo = repo.clone().into_sync();
    let message_origin = Origin {
        path: None,
        kind: LocationKind::CommitMessage,
        source: Source::plain(SourceKind::Git),
    };
    let count = selected.len();
    let sightings: Vec<Sighting> = selected
        .par_iter()
        .enumerate()
        .map_init(
            || {
                let scanner =
                    BlobScanner::new(engine, &options.limits, options.findings).flushing_into(&shared_stats);
                (sync_repo.to_thread_local(), scanner)
            },
            |(repo, scanner), (index, commit)| {
                options.progress.inc(1);
                let mut out = Vec::new();
                let changes = match commit_changes(repo, commit.tree, &commit.parent_trees) {
                    Ok(changes) => changes,
                    Err(e) => {
                        let mut s = shared_stats.lock().unwrap_or_else(|p| p.into_inner());
                        s.add_skips(SkipReason::MissingObject, 1);
                        s.fail(
                            Some(format!("commit {}", commit.id)),
                            format!("cannot diff it: {e}"),
                        );
                        return out;
                    }
                };
                // Newest first in the walk: older commits get smaller order.
                let order = count - index;
                for change in &changes {
                    for finding in scan_change(repo, scanner, change, SourceKind::Git, &shared_stats) {
                        out.push(Sighting {
                            finding,
                            commit: Some(commit.id),
                            blob: Some(change.new),
                            unreachable: false,
                            order,
                        });
                    }
                }
                if let Ok(object) = repo.find_object(commit.id)
                    && let Ok(parsed) = gix::objs::CommitRef::from_bytes(&object.data, commit.id.kind())
                {
                    // Decoded too, as the full-history scan does: a base64
                    // secret in a message is found whichever mode reads it.
                    for finding in scanner.scan_text(parsed.message, &message_origin) {
                        out.push(Sighting {
                            finding,
                            commit: Some(commit.id),
                            blob: None,
                            unreachable: false,
                            order,
                        });
                    }
                }
                out
            },
        )
        .flatten()
        .collect();
    let mut stats = shared_stats.into_inner().unwrap_or_else(|p| p.into_inner());
    let findings = assemble(repo, engine, sightings, history, &mut stats);
    Ok(ScanOutcome { findings, stats })
}

/// Scans what `git commit` would add: the index against HEAD (an unborn
/// HEAD counts as empty), reporting secrets on added lines only.
pub fn scan_staged(path: &Path, engine: &Engine, options: &GitOptions) -> Result<ScanOutcome, GitError> {
    let opened = open(path)?;
    let repo = &opened.repo;
    let index = repo
        .index_or_empty()
        .map_err(|e| GitError::read(repo.index_path().display().to_string(), e))?;
    let head_tree = match repo.head_tree_id() {
        Ok(id) => Some(id.detach()),
        Err(_) if repo.head().is_ok_and(|h| h.is_unborn()) => None,
        Err(e) => return Err(GitError::read("HEAD", e)),
    };
    let head = flatten(repo, head_tree).map_err(|e| GitError::read("HEAD", e))?;
    let head_blobs: HashSet<ObjectId> = head.values().map(|&(_, id)| id).collect();

    let mut stats = ScanStats::default();
    let mut changes = Vec::new();
    let mut conflicted = 0u64;
    let mut submodules = 0u64;
    for entry in index.entries() {
        if entry.stage() != gix::index::entry::Stage::Unconflicted {
            conflicted += 1;
            continue;
        }
        if entry.flags.contains(gix::index::entry::Flags::INTENT_TO_ADD) {
            continue;
        }
        if entry.mode.is_submodule() {
            submodules += 1;
            continue;
        }
        let path = entry.path(&index);
        let old = head.get(path).map(|&(_, id)| id);
        if old == Some(entry.id) {
            continue;
        }
        if old.is_none() && head_blobs.contains(&entry.id) {
            // A copy or rename of content HEAD already has.
            continue;
        }
        changes.push(Change {
            path: path.to_owned(),
            new: entry.id,
            old: old.into_iter().collect(),
        });
    }
    if conflicted > 0 {
        stats.warn(
            None,
            format!("{conflicted} index entries are in a merge conflict and were not scanned; resolve the conflict and run again"),
        );
    }
    stats.add_skips(SkipReason::Submodule, submodules);
    stats.coverage.push(format!(
        "staged: {} changed files against {}",
        changes.len(),
        match head_tree {
            Some(_) => "HEAD",
            None => "an empty repository",
        }
    ));
    let shared_stats = Mutex::new(stats);
    let mut findings = Vec::new();
    {
        let mut scanner =
            BlobScanner::new(engine, &options.limits, options.findings).flushing_into(&shared_stats);
        for change in &changes {
            findings.extend(scan_change(
                repo,
                &mut scanner,
                change,
                SourceKind::Staged,
                &shared_stats,
            ));
        }
    }
    sort_findings(&mut findings);
    Ok(ScanOutcome {
        findings,
        stats: shared_stats.into_inner().unwrap_or_else(|p| p.into_inner()),
    })
}

#[cfg(test)]
use crate::{engine::Match, scan::on_added_line};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_line_is_added_only_when_no_old_version_has_it() {
        let old = vec![b"a\nsecret\nb\n".to_vec()];
        let added = added_lines(b"b\nsecret\nnew\n", &old);
        assert_eq!(added, vec![false, false, false, true]);
        assert_eq!(added_lines(b"x\n", &[]), vec![false, true]);
    }

    #[test]
    fn a_multi_line_match_counts_when_any_line_is_added() {
        let m = Match {
            rule: 0,
            secret: 0..1,
            full: 0..1,
            entropy: 0.0,
            confidence: crate::rules::Confidence::High,
            line: 2,
            column: 1,
            end_line: 3,
            end_column: 1,
            open_allowlists: Vec::new(),
        };
        assert!(on_added_line(&m, &[false, false, false, true]));
        assert!(!on_added_line(&m, &[false, false, false, false]));
    }
}
