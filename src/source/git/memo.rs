//! Scanning only what is new in each version of a file.
//!
//! Successive versions of a file share almost all their text, so a history
//! scan that reads every version in full scans the same lines thousands of
//! times. Each blob is cut into line-aligned chunks whose boundaries depend
//! only on line content (an edit moves no boundary but its own), and each
//! chunk's 128-bit hash is looked up in a fixed-size table shared by all
//! threads:
//!
//! - a chunk scanned before without findings is skipped;
//! - a chunk in which a secret was found is *hot* and scanned again in every
//!   blob that holds it, so every version of a file that holds a secret
//!   still reports it (occurrences, attribution and path filters stay exact);
//! - anything else is scanned, with a margin of surrounding lines for
//!   context, and recorded.
//!
//! The table is a lossy cache: a collision overwrites, and a miss only means
//! a chunk is scanned again. Its size is fixed, so memory does not grow with
//! history length.

use std::{
    ops::Range,
    sync::atomic::{AtomicU64, Ordering},
};

use crate::{
    engine::Match,
    scan::{Hits, TextStrategy},
};

/// Largest chunk; a longer run of lines is cut here.
const MAX_CHUNK: usize = 2048;
/// Lines of context scanned on each side of a region of new chunks.
const MARGIN_LINES: usize = 2;
/// Upper bound on the margin, for very long lines.
const MARGIN_BYTES: usize = 1024;
/// Low bit of a stored hash: the chunk held a secret.
const HOT: u64 = 1;

/// A line-aligned piece of a blob.
#[derive(Debug, Clone)]
pub(super) struct Chunk {
    range: Range<usize>,
    hash: (u64, u64),
    /// Must be scanned in this blob.
    scan: bool,
}

/// A byte range of a blob to scan, starting at a line start.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Region {
    /// Bytes to scan.
    pub bytes: Range<usize>,
    /// 0-based line number of `bytes.start`.
    pub first_line: usize,
}

/// Shared table of chunk hashes already scanned.
pub(super) struct ChunkMemo {
    slots: Box<[[AtomicU64; 2]]>,
    mask: usize,
}

impl ChunkMemo {
    /// A table sized for about `expected_chunks` chunks, at most 2^22 slots
    /// (64 MiB).
    pub fn with_capacity(expected_chunks: usize) -> Self {
        let slots = expected_chunks.clamp(1 << 10, 1 << 22).next_power_of_two();
        ChunkMemo {
            slots: (0..slots)
                .map(|_| [AtomicU64::new(0), AtomicU64::new(0)])
                .collect(),
            mask: slots - 1,
        }
    }

    fn slot(&self, hash: (u64, u64)) -> &[AtomicU64; 2] {
        &self.slots[(hash.1 as usize) & self.mask]
    }

    /// `Some(hot)` when the chunk was recorded before.
    fn lookup(&self, hash: (u64, u64)) -> Option<bool> {
        let slot = self.slot(hash);
        let first = slot[0].load(Ordering::Relaxed);
        let second = slot[1].load(Ordering::Relaxed);
        (first & !HOT == hash.0 & !HOT && second == hash.1 && (first | second) != 0)
            .then_some(first & HOT != 0)
    }

    fn record(&self, hash: (u64, u64), hot: bool) {
        let slot = self.slot(hash);
        slot[0].store((hash.0 & !HOT) | u64::from(hot), Ordering::Relaxed);
        slot[1].store(hash.1, Ordering::Relaxed);
    }

    /// Cuts `blob` into chunks (into `chunks`) and returns the regions that
    /// must be scanned.
    pub fn plan(&self, blob: &[u8], chunks: &mut Vec<Chunk>) -> Vec<Region> {
        chunks.clear();
        let mut start = 0;
        let mut line_start = 0;
        let mut newlines = memchr::memchr_iter(b'\n', blob);
        while line_start < blob.len() {
            let line_end = newlines.next().map_or(blob.len(), |i| i + 1);
            let at_boundary = is_boundary(&blob[line_start..line_end]);
            line_start = line_end;
            if at_boundary || line_end - start >= MAX_CHUNK || line_end == blob.len() {
                let range = start..line_end;
                let hash = xxhash_rust::xxh3::xxh3_128(&blob[range.clone()]);
                let hash = ((hash >> 64) as u64, hash as u64);
                let scan = self.lookup(hash) != Some(false);
                chunks.push(Chunk { range, hash, scan });
                start = line_end;
            }
        }
        regions(blob, chunks)
    }

    /// Records what scanning found: chunks a match touches become hot, the
    /// other scanned chunks clean.
    pub fn learn(&self, chunks: &[Chunk], matches: &[Match]) {
        let mut next = 0;
        for chunk in chunks.iter().filter(|c| c.scan) {
            // Matches are sorted by position; skip those that end before the chunk.
            while next < matches.len() && matches[next].full.end <= chunk.range.start {
                next += 1;
            }
            let hot = matches[next..]
                .iter()
                .take_while(|m| m.full.start < chunk.range.end)
                .any(|m| m.full.end > chunk.range.start);
            self.record(chunk.hash, hot);
        }
    }
}

/// The memo as a [`TextStrategy`]: a blob's text is scanned only where no
/// earlier version had it (plus hot chunks), and what was found is learned.
pub(super) struct NewText<'m> {
    memo: &'m ChunkMemo,
    chunks: Vec<Chunk>,
}

impl<'m> NewText<'m> {
    pub fn new(memo: &'m ChunkMemo) -> Self {
        NewText {
            memo,
            chunks: Vec::new(),
        }
    }
}

impl TextStrategy for NewText<'_> {
    fn scan(&mut self, blob: &[u8], scan: &mut dyn FnMut(&[u8]) -> Hits) -> (Hits, u64) {
        let regions = self.memo.plan(blob, &mut self.chunks);
        let mut all = Vec::new();
        let mut hits = Vec::new();
        let mut scanned = 0;
        for region in regions {
            let start = region.bytes.start;
            scanned += region.bytes.len() as u64;
            let (found, decoded) = scan(&blob[region.bytes]);
            // Regions start at a line start, so columns stay as they are.
            all.extend(found.into_iter().map(|mut m| {
                m.secret = m.secret.start + start..m.secret.end + start;
                m.full = m.full.start + start..m.full.end + start;
                m.line += region.first_line;
                m.end_line += region.first_line;
                m
            }));
            hits.extend(decoded.into_iter().map(|mut h| {
                h.encoded = h.encoded.start + start..h.encoded.end + start;
                h.line += region.first_line;
                h.end_line += region.first_line;
                h
            }));
        }
        if hits.is_empty() {
            self.memo.learn(&self.chunks, &all);
        } else {
            // Chunks holding an encoded secret are hot too, so later
            // versions report it again like a plain one.
            let mut hot = all.clone();
            hot.extend(hits.iter().filter_map(|h| {
                let mut m = h.matches.first()?.clone();
                m.secret = h.encoded.clone();
                m.full = h.encoded.clone();
                Some(m)
            }));
            hot.sort_by_key(|m| m.full.start);
            self.memo.learn(&self.chunks, &hot);
        }
        ((all, hits), scanned)
    }
}

/// Whether a chunk ends after this line: a function of the line alone (its
/// length and first bytes), true for about one line in eight.
fn is_boundary(line: &[u8]) -> bool {
    let mut head = [0u8; 8];
    let n = line.len().min(8);
    head[..n].copy_from_slice(&line[..n]);
    let x = (line.len() as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ u64::from_le_bytes(head);
    x.wrapping_mul(0xFF51_AFD7_ED55_8CCD) >> 61 == 0
}

/// Merges runs of chunks to scan into regions, each widened by a few lines
/// of context on both sides.
fn regions(blob: &[u8], chunks: &[Chunk]) -> Vec<Region> {
    let mut out: Vec<Range<usize>> = Vec::new();
    for chunk in chunks.iter().filter(|c| c.scan) {
        let start = widen_back(blob, chunk.range.start);
        let end = widen_forward(blob, chunk.range.end);
        match out.last_mut() {
            Some(last) if start <= last.end => last.end = last.end.max(end),
            _ => out.push(start..end),
        }
    }
    let mut line = 0;
    let mut counted = 0;
    out.into_iter()
        .map(|bytes| {
            line += memchr::memchr_iter(b'\n', &blob[counted..bytes.start]).count();
            counted = bytes.start;
            Region {
                bytes,
                first_line: line,
            }
        })
        .collect()
}

/// Moves `pos` (a line start) back by up to [`MARGIN_LINES`] lines.
fn widen_back(blob: &[u8], pos: usize) -> usize {
    let floor = pos.saturating_sub(MARGIN_BYTES);
    let mut start = pos;
    for _ in 0..MARGIN_LINES {
        if start <= floor {
            break;
        }
        match memchr::memrchr(b'\n', &blob[floor..start - 1]) {
            Some(i) => start = floor + i + 1,
            None => {
                start = if floor == 0 { 0 } else { start };
                break;
            }
        }
    }
    start
}

/// Moves `pos` (a line start) forward by up to [`MARGIN_LINES`] lines.
fn widen_forward(blob: &[u8], pos: usize) -> usize {
    let ceiling = (pos + MARGIN_BYTES).min(blob.len());
    let mut end = pos;
    for _ in 0..MARGIN_LINES {
        if end >= ceiling {
            break;
        }
        match memchr::memchr(b'\n', &blob[end..ceiling]) {
            Some(i) => end += i + 1,
            None => {
                end = if ceiling == blob.len() { ceiling } else { end };
                break;
            }
        }
    }
    end
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::Confidence;

    fn text(lines: usize, seed: usize) -> String {
        (0..lines)
            .map(|i| format!("line {i} of file {seed} with some words\n"))
            .collect()
    }

    fn scanned_bytes(regions: &[Region]) -> usize {
        regions.iter().map(|r| r.bytes.len()).sum()
    }

    #[test]
    fn a_second_version_rescans_only_around_the_edit() {
        let memo = ChunkMemo::with_capacity(1 << 16);
        let mut chunks = Vec::new();
        let v1 = text(2000, 1);
        let first = memo.plan(v1.as_bytes(), &mut chunks);
        assert_eq!(
            first,
            vec![Region {
                bytes: 0..v1.len(),
                first_line: 0
            }]
        );
        memo.learn(&chunks, &[]);

        let v2 = v1.replacen("line 1000 of", "line 1000 edited of", 1);
        let second = memo.plan(v2.as_bytes(), &mut chunks);
        assert!(!second.is_empty());
        assert!(scanned_bytes(&second) < v2.len() / 10, "{second:?}");
        let edit = v2.find("edited").expect("edit");
        let region = second
            .iter()
            .find(|r| r.bytes.contains(&edit))
            .expect("edit is scanned");
        let line = v2[..region.bytes.start].matches('\n').count();
        assert_eq!(region.first_line, line);
        assert!(v2[..region.bytes.start].ends_with('\n') || region.bytes.start == 0);
    }

    #[test]
    fn chunks_with_findings_are_scanned_in_every_version() {
        let memo = ChunkMemo::with_capacity(1 << 16);
        let mut chunks = Vec::new();
        let v1 = text(2000, 2);
        memo.plan(v1.as_bytes(), &mut chunks);
        let at = v1.find("line 250 ").expect("line");
        let hit = Match {
            rule: 0,
            secret: at..at + 8,
            full: at..at + 8,
            entropy: 0.0,
            confidence: Confidence::High,
            line: 251,
            column: 1,
            end_line: 251,
            end_column: 9,
            open_allowlists: Vec::new(),
        };
        memo.learn(&chunks, std::slice::from_ref(&hit));
        let again = memo.plan(v1.as_bytes(), &mut chunks);
        assert_eq!(again.len(), 1, "{again:?} at {at}");
        assert!(again[0].bytes.contains(&at));
        assert!(scanned_bytes(&again) < v1.len() / 4);
    }

    #[test]
    fn edges_and_odd_input_do_not_panic() {
        let memo = ChunkMemo::with_capacity(0);
        let mut chunks = Vec::new();
        for blob in [&b""[..], b"\n", b"no newline", b"\n\n\n\n", &[0xFF; 10_000]] {
            let regions = memo.plan(blob, &mut chunks);
            for r in &regions {
                assert!(r.bytes.end <= blob.len());
            }
            memo.learn(&chunks, &[]);
        }
    }
}
