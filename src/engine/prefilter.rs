//! One Aho-Corasick automaton over every rule keyword.
//!
//! A blob without any keyword costs one linear pass of the automaton and no
//! regex at all; a blob with keywords runs only the regexes of rules whose
//! keywords it contains.

use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};

use crate::rules::Rule;

/// Maps keyword hits in a blob to the rules that may match it.
#[derive(Debug)]
pub struct Prefilter {
    automaton: AhoCorasick,
    /// For each keyword (pattern id), the rules that list it.
    rules_by_keyword: Vec<Vec<usize>>,
    /// For each keyword, its exact bytes when a hit must match case too.
    exact_case: Vec<Option<Box<[u8]>>>,
    /// For each keyword, whether a hit must start a word.
    word_start: Vec<bool>,
    /// Rules without keywords (imported gitleaks rules, whole-file rules
    /// scoped by path): candidates for every blob, their regex searching
    /// all of it.
    always: Vec<usize>,
    rule_count: usize,
}

/// Keyword hits recorded per blob before position tracking gives up: past
/// this many, windows around hits would cover the blob anyway.
const MAX_TRACKED_HITS: usize = 2048;

/// Per-thread buffers reused across blobs.
#[derive(Debug, Default)]
pub struct PrefilterScratch {
    /// One flag per rule: may this rule match the current blob?
    pub candidates: Vec<bool>,
    keyword_seen: Vec<bool>,
    /// Start offsets of keyword hits, per rule (only rules in `touched`).
    positions: Vec<Vec<usize>>,
    touched: Vec<usize>,
    tracked: usize,
}

impl PrefilterScratch {
    /// Start offsets of the keyword hits of `rule` in the current blob, in
    /// ascending order, or `None` when the blob had too many hits to track.
    pub fn hits(&self, rule: usize) -> Option<&[usize]> {
        (self.tracked <= MAX_TRACKED_HITS).then(|| self.positions[rule].as_slice())
    }
}

/// Build errors are impossible for literal keywords within the size limits
/// the loader enforces, but the automaton can still refuse huge inputs.
#[derive(Debug, thiserror::Error)]
#[error("cannot build the keyword prefilter: {0}")]
pub struct PrefilterError(#[from] aho_corasick::BuildError);

/// What the keyword automaton is built for: its build time against its
/// search speed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Workload {
    /// Megabytes to gigabytes (directories, history, images): a DFA, which
    /// takes ~10 ms to build over every keyword and searches fastest.
    Bulk,
    /// A few files (the pre-commit hook, piped input): a contiguous NFA,
    /// built in a third of the time, so the process finishes sooner.
    Small,
}

impl Prefilter {
    /// Builds the automaton over the keywords of `rules`.
    pub fn new(rules: &[Rule], workload: Workload) -> Result<Self, PrefilterError> {
        // The automaton matches ASCII case-insensitively; a keyword that
        // must match case is a separate pattern, checked exactly on each hit.
        let mut keywords: Vec<(&str, bool, bool)> = Vec::new();
        let mut rules_by_keyword: Vec<Vec<usize>> = Vec::new();
        let always = rules
            .iter()
            .enumerate()
            .filter(|(_, rule)| rule.keywords.is_empty())
            .map(|(index, _)| index)
            .collect();
        let mut index_of = std::collections::HashMap::new();
        for (rule_index, rule) in rules.iter().enumerate() {
            for keyword in &rule.keywords {
                let key = (keyword.as_str(), rule.match_keyword_case, rule.keyword_word_start);
                let next = keywords.len();
                let i = *index_of.entry(key).or_insert(next);
                if i == next {
                    keywords.push(key);
                    rules_by_keyword.push(Vec::new());
                }
                rules_by_keyword[i].push(rule_index);
            }
        }
        let exact_case = keywords
            .iter()
            .map(|&(k, exact, _)| exact.then(|| k.as_bytes().into()))
            .collect();
        let word_start = keywords.iter().map(|&(_, _, word)| word).collect();
        let keywords: Vec<&str> = keywords.into_iter().map(|(k, _, _)| k).collect();
        let automaton = AhoCorasick::builder()
            .ascii_case_insensitive(true)
            .match_kind(MatchKind::Standard)
            .kind(Some(match workload {
                Workload::Bulk => AhoCorasickKind::DFA,
                Workload::Small => AhoCorasickKind::ContiguousNFA,
            }))
            .build(&keywords)?;
        Ok(Prefilter {
            automaton,
            rules_by_keyword,
            exact_case,
            word_start,
            always,
            rule_count: rules.len(),
        })
    }

    /// Indices of the rules without keywords, candidates for every blob.
    pub fn always(&self) -> &[usize] {
        &self.always
    }

    /// Marks in `scratch.candidates` (one flag per rule) every rule with a
    /// keyword in `haystack`, and records where the hits are; returns how
    /// many rules were marked.
    pub fn candidates(&self, haystack: &[u8], scratch: &mut PrefilterScratch) -> usize {
        let PrefilterScratch {
            candidates,
            keyword_seen,
            positions,
            touched,
            tracked,
        } = scratch;
        candidates.clear();
        candidates.resize(self.rule_count, false);
        keyword_seen.clear();
        keyword_seen.resize(self.rules_by_keyword.len(), false);
        positions.resize_with(self.rule_count, Vec::new);
        for rule in touched.drain(..) {
            positions[rule].clear();
        }
        *tracked = 0;
        for &rule in &self.always {
            candidates[rule] = true;
        }
        let mut marked = self.always.len();
        for hit in self.automaton.find_overlapping_iter(haystack) {
            let keyword = hit.pattern().as_usize();
            if let Some(exact) = &self.exact_case[keyword]
                && haystack[hit.range()] != **exact
            {
                continue;
            }
            if self.word_start[keyword] && !super::matcher::starts_word(haystack, hit.start()) {
                continue;
            }
            let first = !std::mem::replace(&mut keyword_seen[keyword], true);
            if *tracked <= MAX_TRACKED_HITS {
                *tracked += 1;
                for &rule in &self.rules_by_keyword[keyword] {
                    if positions[rule].is_empty() {
                        touched.push(rule);
                    }
                    positions[rule].push(hit.start());
                }
            } else if marked == self.rule_count {
                // Every rule is a candidate and positions are no longer
                // tracked: nothing left to learn from the rest of the blob.
                break;
            }
            if first {
                for &rule in &self.rules_by_keyword[keyword] {
                    if !std::mem::replace(&mut candidates[rule], true) {
                        marked += 1;
                    }
                }
            }
        }
        for &rule in touched.iter() {
            // Overlapping hits arrive ordered by end; windows want starts in order.
            positions[rule].sort_unstable();
        }
        marked
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::RuleSet;

    #[test]
    fn both_workloads_find_the_same_candidates_and_hits() {
        let rules = RuleSet::builtin().expect("built-in rules load");
        let bulk = Prefilter::new(rules.rules(), Workload::Bulk).expect("builds");
        let small = Prefilter::new(rules.rules(), Workload::Small).expect("builds");
        // Every rule's examples, a few at a time: many keywords, some in
        // exact case, some only at a word start.
        let examples: Vec<&String> = rules.rules().iter().flat_map(|rule| rule.examples()).collect();
        for chunk in examples.chunks(7) {
            let text: Vec<u8> = chunk.iter().flat_map(|e| e.bytes().chain(*b"\n")).collect();
            let (mut a, mut b) = (PrefilterScratch::default(), PrefilterScratch::default());
            assert_eq!(bulk.candidates(&text, &mut a), small.candidates(&text, &mut b));
            assert_eq!(a.candidates, b.candidates);
            for rule in 0..rules.rules().len() {
                assert_eq!(a.hits(rule), b.hits(rule), "rule {}", rules.rules()[rule].id);
            }
        }
    }
}
