//! Attribution: which commit and path introduced each blob that had
//! findings. Commits are visited ancestors-first; a tree already seen in an
//! earlier commit is not entered again (nothing in it is new), so each
//! unique tree is read at most once. The walk stops as soon as every blob
//! has a place, unless every occurrence was asked for.

use std::collections::{HashMap, HashSet};

use gix::{ObjectId, bstr::BString};

use super::{
    Sighting, display_path,
    graph::{CommitOrder, Tips},
    objects::{CommitNode, ObjectScan},
};
use crate::{
    engine::Engine,
    source::{ScanStats, SkipReason},
};

/// A place a blob was introduced at.
#[derive(Debug, Clone)]
pub(super) struct Place {
    pub commit: ObjectId,
    pub path: BString,
}

/// How many missing trees to name in warnings before just counting.
const MISSING_TREES_NAMED: usize = 5;

/// Finds, for each of `pending`, the commit and path that introduced it
/// (every such place with `all_occurrences`).
pub(super) fn attribute(
    repo: &gix::Repository,
    commits: &HashMap<ObjectId, CommitNode>,
    walk: &CommitOrder,
    pending: &[ObjectId],
    all_occurrences: bool,
    stats: &mut ScanStats,
) -> HashMap<ObjectId, Vec<Place>> {
    let mut places: HashMap<ObjectId, Vec<Place>> = HashMap::new();
    if pending.is_empty() {
        return places;
    }
    let wanted: HashSet<ObjectId> = pending.iter().copied().collect();
    let mut unplaced = wanted.len();
    let mut seen_trees: HashSet<ObjectId> = HashSet::new();
    let mut submodules: HashSet<BString> = HashSet::new();
    let mut missing_trees = 0u64;
    let mut stack: Vec<(ObjectId, BString)> = Vec::new();

    for commit in &walk.order {
        if unplaced == 0 && !all_occurrences {
            break;
        }
        let Some(node) = commits.get(commit) else { continue };
        if !seen_trees.insert(node.tree) {
            continue;
        }
        stack.push((node.tree, BString::default()));
        while let Some((tree_id, prefix)) = stack.pop() {
            let tree = match repo.find_object(tree_id) {
                Ok(object) if object.kind == gix::object::Kind::Tree => object,
                other => {
                    missing_trees += 1;
                    if missing_trees <= MISSING_TREES_NAMED as u64 {
                        let why = match other {
                            Ok(object) => format!("expected a tree, found a {}", object.kind),
                            Err(e) => e.to_string(),
                        };
                        stats.warn(
                            Some(format!("commit {commit}")),
                            format!(
                                "tree {tree_id} at {:?} cannot be read ({why}); blobs under it are reported without their path",
                                display_path(&prefix)
                            ),
                        );
                    }
                    continue;
                }
            };
            for entry in gix::objs::TreeRefIter::from_bytes(&tree.data, tree_id.kind()) {
                let Ok(entry) = entry else {
                    stats.warn(
                        Some(format!("tree {tree_id}")),
                        "malformed tree entry; the rest of this tree was skipped",
                    );
                    break;
                };
                let path = join(&prefix, entry.filename);
                if entry.mode.is_tree() {
                    if seen_trees.insert(entry.oid.to_owned()) {
                        stack.push((entry.oid.to_owned(), path));
                    }
                } else if entry.mode.is_commit() {
                    submodules.insert(path);
                } else if wanted.contains(entry.oid) {
                    let list = places.entry(entry.oid.to_owned()).or_default();
                    if list.is_empty() {
                        unplaced -= 1;
                    }
                    if list.is_empty() || all_occurrences {
                        list.push(Place {
                            commit: *commit,
                            path,
                        });
                    }
                }
            }
        }
    }
    stats.add_skips(SkipReason::Submodule, submodules.len() as u64);
    if missing_trees > 0 {
        stats.add_skips(SkipReason::MissingObject, missing_trees);
    }
    places
}

fn join(prefix: &BString, name: &gix::bstr::BStr) -> BString {
    if prefix.is_empty() {
        return name.to_owned();
    }
    let mut path = prefix.clone();
    path.push(b'/');
    path.extend_from_slice(name);
    path
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
                if !rule.path_filter().permits(Some(std::path::Path::new(&path))) {
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
