//! Running one rule's regex over a blob and filtering what it finds.

use std::{collections::BTreeMap, ops::Range};

use super::{allow, defer::ProviderTerms, entropy};
use crate::rules::Rule;

/// A filtered regex match of one rule, before line/column are known.
#[derive(Debug, Clone)]
pub struct RawMatch {
    /// Index of the rule in the engine's rule set.
    pub rule: usize,
    /// Byte range of the secret (the rule's secret group).
    pub secret: Range<usize>,
    /// Byte range of the whole regex match (secret plus context).
    pub full: Range<usize>,
    /// Shannon entropy of the secret.
    pub entropy: f64,
}

/// Appends to `out` the matches of `rule` in `blob` that survive the rule's
/// own filters (entropy, randomness, placeholders, allow regexes, stopwords).
/// Inline `leakhound:allow` is applied later, once per blob.
/// Generic rules also defer to `providers` (see [`ProviderTerms`]).
pub fn find(rule_index: usize, rule: &Rule, providers: &ProviderTerms, blob: &[u8], out: &mut Vec<RawMatch>) {
    let generic = rule.is_generic();
    for caps in rule.regex().captures_iter(blob) {
        let (Some(full), Some(secret)) = (caps.get(0), caps.get(rule.secret_group())) else {
            continue;
        };
        let value = secret.as_bytes();
        if value.is_empty() {
            continue;
        }
        let bits = entropy::shannon(value);
        if rule.min_entropy.is_some_and(|min| bits < min) {
            continue;
        }
        if rule.check_placeholders && allow::is_placeholder(value) {
            continue;
        }
        if rule.require_random && !entropy::looks_random(value) {
            continue;
        }
        if rule.allow_regexes().iter().any(|r| r.is_match(value))
            || allow::contains_stopword(value, &rule.stopwords)
        {
            continue;
        }
        if rule.validate.is_some_and(|v| !v.accepts(value, &caps)) {
            continue;
        }
        if generic && providers.claims(caps.name("name").map(|n| n.as_bytes()), value) {
            continue;
        }
        out.push(RawMatch {
            rule: rule_index,
            secret: secret.range(),
            full: full.range(),
            entropy: bits,
        });
    }
}

/// Drops matches on lines that carry `leakhound:allow` / `gitleaks:allow`.
pub fn drop_inline_allowed(blob: &[u8], matches: &mut Vec<RawMatch>) {
    // One pass over the blob decides whether any line can be allowed at all,
    // so the per-match line lookups below only run when a marker exists.
    if matches.is_empty() || memchr::memmem::find(blob, b":allow").is_none() {
        return;
    }
    matches.retain(|m| {
        let start = memchr::memrchr(b'\n', &blob[..m.full.start]).map_or(0, |i| i + 1);
        let end = memchr::memchr(b'\n', &blob[m.full.end..]).map_or(blob.len(), |i| m.full.end + i);
        !allow::line_is_allowed(&blob[start..end])
    });
}

/// Where several rules matched overlapping bytes, keeps the most specific
/// match: a provider rule beats a generic one, then higher confidence, then
/// the longer secret, then the match with more context, then the earlier rule. Output is sorted by position.
pub fn resolve_overlaps(rules: &[Rule], matches: &mut Vec<RawMatch>) {
    if matches.len() < 2 {
        return;
    }
    matches.sort_by(|a, b| {
        let rank = |m: &RawMatch| {
            let rule = &rules[m.rule];
            (!rule.is_generic(), rule.confidence, m.secret.len(), m.full.len())
        };
        rank(b)
            .cmp(&rank(a))
            .then(a.rule.cmp(&b.rule))
            .then(a.secret.start.cmp(&b.secret.start))
    });
    // Accepted secret ranges keyed by start; ranges never overlap each other.
    let mut accepted: BTreeMap<usize, usize> = BTreeMap::new();
    matches.retain(|m| {
        let overlaps_before = accepted
            .range(..=m.secret.start)
            .next_back()
            .is_some_and(|(_, &end)| end > m.secret.start);
        let overlaps_after = accepted
            .range(m.secret.start..)
            .next()
            .is_some_and(|(&start, _)| start < m.secret.end);
        if overlaps_before || overlaps_after {
            return false;
        }
        accepted.insert(m.secret.start, m.secret.end);
        true
    });
    matches.sort_by_key(|m| (m.secret.start, m.rule));
}
