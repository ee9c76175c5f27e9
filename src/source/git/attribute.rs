//! Attribution: which commit and path introduced each blob that had
//! findings. Commits are visited ancestors-first; a tree already seen in an
//! earlier commit is not entered again (nothing in it is new), so each
//! unique tree is read at most once per walker.
//!
//! The ordered commits are cut into one contiguous segment per thread, each
//! walked with its own seen-tree set; a blob's introducing place is the one
//! at the smallest position over all segments. A walker stops once every
//! blob has a place before its own position, unless every occurrence was
//! asked for.

use std::{
    collections::{HashMap, HashSet},
    sync::{
        Mutex,
        atomic::{AtomicUsize, Ordering},
    },
};

use gix::{ObjectId, bstr::BString};
use rayon::prelude::*;

use super::{
    Sighting, display_path,
    graph::{CommitOrder, Tips},
    join_path,
    objects::{CommitNode, ObjectScan},
    tree_index::TreeIndex,
};
use crate::{
    engine::Engine,
    source::{ScanStats, SkipReason},
};

/// A place a blob was introduced at.
#[derive(Debug, Clone)]
pub(super) struct Place {
    /// The commit; for a place reached without a commit (a ref pointing
    /// straight at a tree or blob), the tag object or the target itself.
    pub commit: ObjectId,
    pub path: BString,
    /// Position of the commit in the walk order.
    position: usize,
    /// Reached from a ref without any commit.
    pub direct: bool,
}

/// How many missing trees to name in warnings before just counting.
const MISSING_TREES_NAMED: usize = 5;

/// How often (in commits) a walker checks whether it can stop.
const STOP_CHECK_INTERVAL: usize = 64;

/// What one segment's walker found.
#[derive(Default)]
struct SegmentResult {
    places: HashMap<ObjectId, Vec<Place>>,
    missing_trees: u64,
    warnings: Vec<(String, String)>,
}

/// Finds, for each of `pending`, the commit and path that introduced it
/// (every such place with `all_occurrences`), on up to `threads` threads.
#[allow(clippy::too_many_arguments)]
pub(super) fn attribute(
    repo: &gix::Repository,
    trees: Option<&TreeIndex>,
    commits: &HashMap<ObjectId, CommitNode>,
    walk: &CommitOrder,
    pending: &[ObjectId],
    all_occurrences: bool,
    threads: usize,
    stats: &mut ScanStats,
) -> HashMap<ObjectId, Vec<Place>> {
    if pending.is_empty() || walk.order.is_empty() {
        return HashMap::new();
    }
    let wanted: HashMap<ObjectId, usize> = pending.iter().enumerate().map(|(i, id)| (*id, i)).collect();
    // Which trees can lead to which wanted blobs: the walk reads only those.
    let relevant = trees.map(|index| index.relevance(pending));
    // Smallest position at which each wanted blob has been placed so far.
    let best: Vec<AtomicUsize> = pending.iter().map(|_| AtomicUsize::new(usize::MAX)).collect();
    let segments = threads.max(1).min(walk.order.len());
    let size = walk.order.len().div_ceil(segments);
    let sync_repo = repo.clone().into_sync();
    let results = Mutex::new(Vec::new());
    (0..segments).into_par_iter().for_each(|segment| {
        let mut repo = sync_repo.to_thread_local();
        super::tune_caches(&mut repo);
        let range = segment * size..((segment + 1) * size).min(walk.order.len());
        let result = walk_segment(
            &repo,
            commits,
            walk,
            range,
            &wanted,
            relevant.as_ref(),
            &best,
            all_occurrences,
        );
        results.lock().unwrap_or_else(|p| p.into_inner()).push(result);
    });

    let mut merged: HashMap<ObjectId, Vec<Place>> = HashMap::new();
    let mut missing_trees = 0;
    for result in results.into_inner().unwrap_or_else(|p| p.into_inner()) {
        for (blob, places) in result.places {
            merged.entry(blob).or_default().extend(places);
        }
        missing_trees += result.missing_trees;
        for (path, message) in result.warnings.into_iter().take(MISSING_TREES_NAMED) {
            stats.warn(Some(path), message);
        }
    }
    for places in merged.values_mut() {
        places.sort_by(|a, b| (a.position, &a.path).cmp(&(b.position, &b.path)));
        // Segments do not share seen trees: keep each path's earliest place.
        let mut seen_paths = HashSet::new();
        places.retain(|p| seen_paths.insert(p.path.clone()));
        if !all_occurrences {
            places.truncate(1);
        }
    }
    stats.add_skips(SkipReason::MissingObject, missing_trees);
    merged
}

/// Bit of the relevance mask that stands for wanted blob `index`.
fn bit(index: usize) -> u64 {
    1 << (index % 64)
}

#[allow(clippy::too_many_arguments)]
fn walk_segment(
    repo: &gix::Repository,
    commits: &HashMap<ObjectId, CommitNode>,
    walk: &CommitOrder,
    range: std::ops::Range<usize>,
    wanted: &HashMap<ObjectId, usize>,
    relevant: Option<&HashMap<ObjectId, u64>>,
    best: &[AtomicUsize],
    all_occurrences: bool,
) -> SegmentResult {
    let mut out = SegmentResult::default();
    let mut seen_trees: HashSet<ObjectId> = HashSet::new();
    let mut stack: Vec<(ObjectId, BString)> = Vec::new();
    // Blobs (as mask bits) still worth looking for from this position on.
    let mut looking_for = u64::MAX;
    // A tree is worth entering if it can lead to a blob still looked for.
    let worth = |tree: &ObjectId, looking_for: u64| {
        relevant.is_none_or(|r| r.get(tree).is_some_and(|mask| mask & looking_for != 0))
    };
    for position in range {
        if !all_occurrences && position % STOP_CHECK_INTERVAL == 0 {
            looking_for = best
                .iter()
                .enumerate()
                .filter(|(_, b)| b.load(Ordering::Relaxed) >= position)
                .fold(0, |acc, (i, _)| acc | bit(i));
            if looking_for == 0 {
                break;
            }
        }
        let commit = &walk.order[position];
        let Some(node) = commits.get(commit) else { continue };
        if !worth(&node.tree, looking_for) || !seen_trees.insert(node.tree) {
            continue;
        }
        stack.push((node.tree, BString::default()));
        while let Some((tree_id, prefix)) = stack.pop() {
            let tree = match repo.find_object(tree_id) {
                Ok(object) if object.kind == gix::object::Kind::Tree => object,
                other => {
                    out.missing_trees += 1;
                    let why = match other {
                        Ok(object) => format!("expected a tree, found a {}", object.kind),
                        Err(e) => e.to_string(),
                    };
                    out.warnings.push((
                        format!("commit {commit}"),
                        format!(
                            "tree {tree_id} at {:?} cannot be read ({why}); blobs under it are reported without their path",
                            display_path(&prefix)
                        ),
                    ));
                    continue;
                }
            };
            for entry in gix::objs::TreeRefIter::from_bytes(&tree.data, tree_id.kind()) {
                let Ok(entry) = entry else {
                    out.warnings.push((
                        format!("tree {tree_id}"),
                        "malformed tree entry; the rest of this tree was skipped".into(),
                    ));
                    break;
                };
                if entry.mode.is_tree() {
                    let child = entry.oid.to_owned();
                    if worth(&child, looking_for) && seen_trees.insert(child) {
                        stack.push((entry.oid.to_owned(), join_path(prefix.as_ref(), entry.filename)));
                    }
                } else if let Some(&index) = wanted.get(entry.oid) {
                    let list = out.places.entry(entry.oid.to_owned()).or_default();
                    if list.is_empty() || all_occurrences {
                        best[index].fetch_min(position, Ordering::Relaxed);
                        list.push(Place {
                            commit: *commit,
                            path: join_path(prefix.as_ref(), entry.filename),
                            position,
                            direct: false,
                        });
                    }
                }
            }
        }
    }
    out
}

/// Places for wanted blobs that a ref reaches without a commit: a tag (or
/// any ref) pointing straight at a blob or a tree. git.git tags a blob (a
/// public key), linux tags a tree. Used only for blobs no commit holds,
/// unless every occurrence was asked for.
pub(super) fn direct_places(
    repo: &gix::Repository,
    commits: &HashMap<ObjectId, CommitNode>,
    targets: &[(ObjectId, Option<ObjectId>)],
    pending: &[ObjectId],
    places: &mut HashMap<ObjectId, Vec<Place>>,
    all_occurrences: bool,
) {
    let wanted: HashSet<&ObjectId> = pending.iter().collect();
    let add = |blob: ObjectId, place: Place, places: &mut HashMap<ObjectId, Vec<Place>>| {
        let list = places.entry(blob).or_default();
        if list.is_empty() || all_occurrences {
            list.push(place);
        }
    };
    for &(target, tag) in targets.iter().filter(|(t, _)| !commits.contains_key(t)) {
        let place = |path: BString| Place {
            commit: tag.unwrap_or(target),
            path,
            position: usize::MAX - 1,
            direct: true,
        };
        if wanted.contains(&target) {
            add(target, place(BString::default()), places);
            continue;
        }
        // A tag of a tree: every blob under it (an unreadable tree is skipped).
        let is_tree = repo
            .find_header(target)
            .is_ok_and(|h| h.kind() == gix::object::Kind::Tree);
        if !is_tree {
            continue;
        }
        for (path, (_, blob)) in super::diff::flatten(repo, Some(target)).unwrap_or_default() {
            if wanted.contains(&blob) {
                add(blob, place(path), places);
            }
        }
    }
}

/// Every finding at every place it was found, with path filters applied now
/// that paths are known.
pub(super) fn sightings(
    engine: &Engine,
    scan: &ObjectScan,
    places: &HashMap<ObjectId, Vec<Place>>,
    walk: &CommitOrder,
    tips: &Tips,
) -> Vec<Sighting> {
    let mut out = Vec::new();
    for (blob, findings) in &scan.blobs {
        let blob_places = places.get(blob).map(Vec::as_slice).unwrap_or_default();
        for finding in findings {
            let Some(rule) = engine.rules().get(&finding.rule_id) else {
                continue;
            };
            if blob_places.is_empty() {
                // A blob no commit holds: `git add` then never committed, or
                // a commit since pruned. It still leaked.
                out.push(Sighting {
                    finding: finding.clone(),
                    commit: None,
                    blob: Some(*blob),
                    unreachable: true,
                    order: usize::MAX,
                });
                continue;
            }
            for place in blob_places {
                let path = display_path(&place.path);
                // An archive member was scoped by its own path when scanned.
                let member = finding.source.archive_member.as_deref();
                if member.is_none() && !rule.path_filter().permits(Some(std::path::Path::new(&path))) {
                    continue;
                }
                let mut finding = finding.clone();
                if let Some(member) = member {
                    let name = path.rsplit('/').next().unwrap_or(&path);
                    finding.source.archive_member = Some(format!("{name}!{member}"));
                }
                let finding = &finding;
                let path = match member {
                    Some(member) => format!("{path}!{member}"),
                    None => path,
                };
                if place.direct {
                    let mut finding = finding.clone();
                    finding.location.path = (!path.is_empty()).then_some(path);
                    out.push(Sighting {
                        finding,
                        // A tag says who and when; a plain ref says nothing.
                        commit: scan.tags.contains_key(&place.commit).then_some(place.commit),
                        blob: Some(*blob),
                        unreachable: false,
                        order: place.position,
                    });
                    continue;
                }
                let mut finding = finding.clone();
                finding.location.path = Some(path);
                out.push(Sighting {
                    finding,
                    commit: Some(place.commit),
                    blob: Some(*blob),
                    unreachable: !walk.is_reachable(&place.commit),
                    order: walk.position.get(&place.commit).copied().unwrap_or(usize::MAX),
                });
            }
        }
    }
    for hit in &scan.messages {
        let is_tag = scan.tags.contains_key(&hit.object);
        let (unreachable, order) = if is_tag {
            let target = scan.tags[&hit.object];
            (
                !tips.tag_objects.contains(&hit.object),
                walk.position.get(&target).copied().unwrap_or(usize::MAX),
            )
        } else {
            (
                !walk.is_reachable(&hit.object),
                walk.position.get(&hit.object).copied().unwrap_or(usize::MAX),
            )
        };
        for finding in &hit.findings {
            out.push(Sighting {
                finding: finding.clone(),
                commit: Some(hit.object),
                blob: None,
                unreachable,
                order,
            });
        }
    }
    out
}
