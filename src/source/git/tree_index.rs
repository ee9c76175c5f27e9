//! A compact record of which objects each tree points at, taken while the
//! object pass decodes trees anyway, so attribution can tell which trees
//! lead to a blob with findings without reading every tree again.
//!
//! Each child is kept as the first four bytes of its id (ids are uniformly
//! random, so this is a 32-bit hash). A collision can only make a tree look
//! relevant when it is not, which costs a tree read, never a missed place.
//! The record is capped; past the cap it is dropped and attribution reads
//! every tree as before.

use std::{
    collections::HashMap,
    sync::atomic::{AtomicI64, Ordering},
};

use gix::ObjectId;
use rayon::prelude::*;

/// Most tree entries recorded (4 bytes each): 256 MiB.
pub(super) const ENTRY_BUDGET: usize = 64 << 20;

/// First four bytes of an object id.
pub(super) fn prefix(id: &gix::oid) -> u32 {
    let b = id.as_bytes();
    u32::from_le_bytes([b[0], b[1], b[2], b[3]])
}

/// Trees and the id prefixes of their children.
#[derive(Debug, Default)]
pub(super) struct TreeIndex {
    ids: Vec<ObjectId>,
    /// `entries[ranges[i].0 .. ranges[i].1]` are tree `i`'s children.
    ranges: Vec<(u32, u32)>,
    entries: Vec<u32>,
}

impl TreeIndex {
    /// Adds a tree and its children's prefixes.
    pub fn push(&mut self, id: ObjectId, children: impl IntoIterator<Item = u32>) {
        let start = self.entries.len() as u32;
        self.entries.extend(children);
        self.ids.push(id);
        self.ranges.push((start, self.entries.len() as u32));
    }

    /// Moves `other`'s trees into this index.
    pub fn append(&mut self, other: TreeIndex) {
        if self.ids.is_empty() {
            *self = other;
            return;
        }
        let offset = self.entries.len() as u32;
        self.entries.reserve_exact(other.entries.len());
        self.ids.reserve_exact(other.ids.len());
        self.ranges.reserve_exact(other.ranges.len());
        self.entries.extend(other.entries);
        self.ids.extend(other.ids);
        self.ranges
            .extend(other.ranges.into_iter().map(|(s, e)| (s + offset, e + offset)));
    }

    /// Returns spare capacity to the allocator.
    pub fn shrink_to_fit(&mut self) {
        self.ids.shrink_to_fit();
        self.ranges.shrink_to_fit();
        self.entries.shrink_to_fit();
    }

    /// For every tree that leads (directly or through subtrees) to one of
    /// `wanted`, a mask of the wanted blobs it may lead to: blob `i` is bit
    /// `i % 64`.
    pub fn relevance(&self, wanted: &[ObjectId]) -> HashMap<ObjectId, u64> {
        let mut known: HashMap<u32, u64> = HashMap::new();
        for (i, id) in wanted.iter().enumerate() {
            *known.entry(prefix(id)).or_default() |= 1 << (i % 64);
        }
        let mut masks = vec![0u64; self.ids.len()];
        // Masks only grow, so this ends; each round climbs one directory level.
        loop {
            let updates: Vec<(usize, u64)> = masks
                .par_iter()
                .enumerate()
                .filter_map(|(t, &mask)| {
                    let (start, end) = self.ranges[t];
                    let found = self.entries[start as usize..end as usize]
                        .iter()
                        .filter_map(|e| known.get(e))
                        .fold(0, |acc, m| acc | m);
                    (found & !mask != 0).then_some((t, found))
                })
                .collect();
            if updates.is_empty() {
                break;
            }
            for (t, found) in updates {
                masks[t] |= found;
                *known.entry(prefix(&self.ids[t])).or_default() |= masks[t];
            }
        }
        self.ids
            .iter()
            .zip(masks)
            .filter(|&(_, m)| m != 0)
            .map(|(id, m)| (*id, m))
            .collect()
    }
}

/// Shared countdown of entries that may still be recorded.
#[derive(Debug)]
pub(super) struct Budget(AtomicI64);

impl Budget {
    /// A budget of `entries`.
    pub fn new(entries: usize) -> Self {
        Budget(AtomicI64::new(i64::try_from(entries).unwrap_or(i64::MAX)))
    }

    /// Takes `n` entries; false once the budget is spent (for good).
    pub fn take(&self, n: usize) -> bool {
        self.0.fetch_sub(n as i64, Ordering::Relaxed) - n as i64 >= 0
    }

    /// Whether the budget ran out.
    pub fn exhausted(&self) -> bool {
        self.0.load(Ordering::Relaxed) < 0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn id(n: u8) -> ObjectId {
        let mut b = [0u8; 20];
        b[0] = n;
        b[19] = n;
        ObjectId::from_bytes_or_panic(&b)
    }

    #[test]
    fn relevance_climbs_from_blobs_to_root_trees() {
        // root(10) → dir(11) → blob 1; root(12) → blob 2; tree 13 → blob 3.
        let mut index = TreeIndex::default();
        index.push(id(10), [prefix(&id(11)), prefix(&id(9))]);
        index.push(id(11), [prefix(&id(1))]);
        index.push(id(12), [prefix(&id(2)), prefix(&id(3))]);
        index.push(id(13), [prefix(&id(3))]);
        let relevant = index.relevance(&[id(1), id(2)]);
        assert_eq!(relevant.get(&id(10)), Some(&0b01));
        assert_eq!(relevant.get(&id(11)), Some(&0b01));
        assert_eq!(relevant.get(&id(12)), Some(&0b10));
        assert_eq!(relevant.get(&id(13)), None);
    }

    #[test]
    fn budget_runs_out_for_good() {
        let budget = Budget::new(10);
        assert!(budget.take(6));
        assert!(!budget.take(6));
        assert!(budget.exhausted());
        assert!(!budget.take(1));
    }
}
