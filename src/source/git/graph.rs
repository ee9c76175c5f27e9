//! Refs and the commit graph: which commits refs reach, in ancestors-first
//! order, and which commits nothing reaches any more.

use std::collections::{HashMap, HashSet};

use gix::ObjectId;

use super::{GitError, objects::CommitNode};

/// Where the walk starts.
#[derive(Debug, Default)]
pub(super) struct Tips {
    /// Commits refs point at (tags peeled).
    pub commits: Vec<ObjectId>,
    /// Annotated tag objects some ref points at (their messages are reachable).
    pub tag_objects: HashSet<ObjectId>,
    /// What each ref reaches after peeling tags, with the last tag on the
    /// way: trees and blobs among these are reachable without a commit.
    pub targets: Vec<(ObjectId, Option<ObjectId>)>,
    /// Refs read.
    pub refs: usize,
}

/// Resolves every ref (or just `branch`) to the commits it reaches.
pub(super) fn resolve_tips(
    repo: &gix::Repository,
    tags: &HashMap<ObjectId, ObjectId>,
    branch: Option<&str>,
) -> Result<Tips, GitError> {
    let mut targets = Vec::new();
    match branch {
        Some(name) => {
            let reference = find_branch(repo, name)?;
            targets.push(reference);
        }
        None => {
            let platform = repo
                .references()
                .map_err(|e| GitError::read(format!("refs of {}", repo.git_dir().display()), e))?;
            let iter = platform
                .all()
                .map_err(|e| GitError::read(format!("refs of {}", repo.git_dir().display()), e))?;
            for reference in iter.flatten() {
                if let Some(id) = reference.target().try_id() {
                    targets.push(id.to_owned());
                }
            }
            // A detached HEAD is a ref of its own.
            if let Ok(Some(id)) = repo.head_id().map(|id| Some(id.detach())) {
                targets.push(id);
            }
        }
    }
    let mut tips = Tips {
        refs: targets.len(),
        ..Tips::default()
    };
    for mut id in targets {
        // Peel annotated tags (and tags of tags); a tag cycle cannot happen
        // with hashes, the bound only guards against damaged data.
        let mut last_tag = None;
        for _ in 0..32 {
            match tags.get(&id) {
                Some(target) => {
                    tips.tag_objects.insert(id);
                    last_tag = Some(id);
                    id = *target;
                }
                None => break,
            }
        }
        tips.commits.push(id);
        tips.targets.push((id, last_tag));
    }
    tips.targets.sort();
    tips.targets.dedup();
    tips.commits.sort();
    tips.commits.dedup();
    Ok(tips)
}

fn find_branch(repo: &gix::Repository, name: &str) -> Result<ObjectId, GitError> {
    for candidate in [
        name.to_string(),
        format!("refs/heads/{name}"),
        format!("refs/remotes/{name}"),
        format!("refs/tags/{name}"),
    ] {
        if let Ok(Some(mut reference)) = repo.try_find_reference(candidate.as_str())
            && let Ok(id) = reference.peel_to_id()
        {
            return Ok(id.detach());
        }
    }
    // Any other revision (a commit id, `HEAD~3`) names a history too.
    if let Ok(commit) = repo
        .rev_parse_single(name)
        .and_then(|id| id.object())
        .and_then(|object| object.peel_to_commit())
    {
        return Ok(commit.id);
    }
    Err(GitError::Revision {
        spec: name.to_string(),
        reason: "no branch, remote branch, tag or commit has this name; `git branch -a` lists branches"
            .into(),
    })
}

/// Commits in ancestors-first order: reachable ones first, then those no
/// ref reaches.
#[derive(Debug, Default)]
pub(super) struct CommitOrder {
    /// Every commit read, parents before children.
    pub order: Vec<ObjectId>,
    /// How many of `order` (a prefix) refs reach.
    pub reachable: usize,
    /// Position of each commit in `order`.
    pub position: HashMap<ObjectId, usize>,
    /// Reachable commits whose parents are absent because the clone is shallow.
    pub shallow_boundary: Vec<ObjectId>,
    /// Parents referenced but absent, not explained by a shallow clone.
    pub missing_parents: Vec<ObjectId>,
}

impl CommitOrder {
    /// Whether refs reach the commit.
    pub fn is_reachable(&self, id: &ObjectId) -> bool {
        self.position.get(id).is_some_and(|&p| p < self.reachable)
    }
}

/// Orders `commits` ancestors-first from `tips`, then the rest.
pub(super) fn order_commits(
    commits: &HashMap<ObjectId, CommitNode>,
    tips: &[ObjectId],
    shallow: &[ObjectId],
) -> CommitOrder {
    let shallow: HashSet<&ObjectId> = shallow.iter().collect();
    let mut out = CommitOrder::default();
    let mut visited: HashSet<ObjectId> = HashSet::with_capacity(commits.len());
    let mut missing: HashSet<ObjectId> = HashSet::new();
    let mut boundary: HashSet<ObjectId> = HashSet::new();

    let mut reachable_tips: Vec<ObjectId> =
        tips.iter().copied().filter(|t| commits.contains_key(t)).collect();
    sort_by_time(&mut reachable_tips, commits);
    depth_first(
        commits,
        &reachable_tips,
        &mut visited,
        &mut out.order,
        |child, parent| {
            if shallow.contains(child) {
                boundary.insert(*child);
            } else {
                missing.insert(*parent);
            }
        },
    );
    out.reachable = out.order.len();

    let mut rest: Vec<ObjectId> = commits
        .keys()
        .filter(|id| !visited.contains(*id))
        .copied()
        .collect();
    sort_by_time(&mut rest, commits);
    // Unreachable commits' missing parents are expected (pruned history).
    depth_first(commits, &rest, &mut visited, &mut out.order, |_, _| {});

    out.position = out.order.iter().enumerate().map(|(i, id)| (*id, i)).collect();
    out.shallow_boundary = boundary.into_iter().collect();
    out.shallow_boundary.sort();
    out.missing_parents = missing.into_iter().collect();
    out.missing_parents.sort();
    out
}

fn sort_by_time(ids: &mut [ObjectId], commits: &HashMap<ObjectId, CommitNode>) {
    ids.sort_by_key(|id| (commits.get(id).map_or(0, |c| c.time), *id));
}

/// Iterative post-order depth-first walk: a commit is emitted after all its
/// parents. `on_missing(child, parent)` hears of parents not in `commits`.
fn depth_first(
    commits: &HashMap<ObjectId, CommitNode>,
    starts: &[ObjectId],
    visited: &mut HashSet<ObjectId>,
    order: &mut Vec<ObjectId>,
    mut on_missing: impl FnMut(&ObjectId, &ObjectId),
) {
    let mut stack: Vec<(ObjectId, bool)> = Vec::new();
    for start in starts {
        stack.push((*start, false));
        while let Some((id, parents_done)) = stack.pop() {
            if parents_done {
                order.push(id);
                continue;
            }
            if !visited.insert(id) {
                continue;
            }
            stack.push((id, true));
            let Some(node) = commits.get(&id) else { continue };
            for parent in node.parents.iter().rev() {
                if !commits.contains_key(parent) {
                    on_missing(&id, parent);
                } else if !visited.contains(parent) {
                    stack.push((*parent, false));
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn id(n: u8) -> ObjectId {
        ObjectId::from_bytes_or_panic(&[n; 20])
    }

    fn node(parents: &[u8], time: i64) -> CommitNode {
        CommitNode {
            tree: id(0),
            parents: parents.iter().map(|&p| id(p)).collect(),
            time,
        }
    }

    #[test]
    fn parents_come_before_children_and_unreachable_commits_last() {
        // 1 ← 2 ← 4 (merge of 2 and 3), 1 ← 3; 5 is unreachable (child of 2).
        let commits: HashMap<ObjectId, CommitNode> = [
            (id(1), node(&[], 1)),
            (id(2), node(&[1], 2)),
            (id(3), node(&[1], 3)),
            (id(4), node(&[2, 3], 4)),
            (id(5), node(&[2], 5)),
        ]
        .into_iter()
        .collect();
        let order = order_commits(&commits, &[id(4)], &[]);
        assert_eq!(order.reachable, 4);
        let pos = |n| order.position[&id(n)];
        assert!(pos(1) < pos(2) && pos(1) < pos(3) && pos(2) < pos(4) && pos(3) < pos(4));
        assert_eq!(pos(5), 4);
        assert!(!order.is_reachable(&id(5)));
        assert!(order.missing_parents.is_empty());
    }

    #[test]
    fn absent_parents_are_shallow_boundary_or_missing() {
        let commits: HashMap<ObjectId, CommitNode> = [(id(2), node(&[1], 2)), (id(3), node(&[9], 3))]
            .into_iter()
            .collect();
        let order = order_commits(&commits, &[id(2), id(3)], &[id(2)]);
        assert_eq!(order.shallow_boundary, vec![id(2)]);
        assert_eq!(order.missing_parents, vec![id(9)]);
    }
}
