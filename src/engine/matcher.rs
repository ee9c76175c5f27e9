//! Running one rule's regex over a blob and filtering what it finds.

use std::{collections::BTreeMap, ops::Range};

use super::{allow, defer::ProviderTerms, entropy, known_public, structure::Validator};
use crate::rules::{Confidence, Rule, allowlist::ContentVerdict};

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
    /// The rule's confidence, adjusted by its checksum if it has one.
    pub confidence: Confidence,
    /// The rule's allowlists that allow this match if its place fits.
    pub open_allowlists: Vec<u32>,
}

/// Bytes before a keyword hit where a match may start (context such as a
/// variable name precedes the keyword in some rules).
const WINDOW_BEFORE: usize = 256;
/// Bytes after a keyword hit where a match may still end.
const WINDOW_AFTER: usize = 4096;
/// How much further a window may grow to reach the end of its line.
const WINDOW_LINE_SLACK: usize = 4096;

/// Where in `blob` a rule's regex must run: around its keyword `hits`, or
/// the whole blob when the rule's matches may span lines or hits were not
/// tracked. Windows are disjoint and ordered.
pub fn search_ranges(rule: &Rule, blob: &[u8], hits: Option<&[usize]>, out: &mut Vec<Range<usize>>) {
    out.clear();
    let bound = rule.max_match_len().unwrap_or(usize::MAX);
    // A match that may span lines still lies within its longest possible
    // length of the keyword hit it holds, on either side: when that length
    // is short, windows of that size find what the whole blob would.
    let short_multiline = rule.spans_lines() && bound <= WINDOW_AFTER;
    let hits = match hits {
        Some(hits) if (!rule.spans_lines() || short_multiline) && !hits.is_empty() => hits,
        _ => {
            out.push(0..blob.len());
            return;
        }
    };
    // A match holding the keyword hit cannot reach further than its
    // longest possible length on either side.
    let before = if short_multiline {
        bound
    } else {
        WINDOW_BEFORE.min(bound)
    };
    let after = WINDOW_AFTER.min(bound);
    for &hit in hits {
        let start = hit.saturating_sub(before);
        let reach = hit.saturating_add(after).min(blob.len());
        let slack_end = (reach + WINDOW_LINE_SLACK).min(blob.len());
        let end = memchr::memchr(b'\n', &blob[reach..slack_end]).map_or(slack_end, |i| reach + i);
        match out.last_mut() {
            Some(last) if start <= last.end => last.end = last.end.max(end),
            _ => out.push(start..end),
        }
    }
}

/// Appends to `out` the matches of `rule` in `ranges` of `blob` that survive
/// the rule's own filters (entropy, randomness, placeholders, allow regexes,
/// stopwords, validators). Inline `leakhound:allow` is applied later, once
/// per blob. Generic rules also defer to `providers` (see [`ProviderTerms`]),
/// handing a match over to a provider rule of `rules` that accepts it.
pub fn find(
    rules: &[Rule],
    rule_index: usize,
    providers: &ProviderTerms,
    blob: &[u8],
    ranges: &[Range<usize>],
    out: &mut Vec<RawMatch>,
) {
    for range in ranges {
        find_in(rules, rule_index, providers, blob, range.clone(), out);
    }
}

fn find_in(
    rules: &[Rule],
    rule_index: usize,
    providers: &ProviderTerms,
    blob: &[u8],
    range: Range<usize>,
    out: &mut Vec<RawMatch>,
) {
    let rule = &rules[rule_index];
    let generic = rule.is_generic();
    // Searching `blob[..end]` from `start` keeps the bytes before `start`
    // as context, so `\b` and `^` at the window's start behave as in the
    // whole blob.
    let haystack = &blob[..range.end];
    let mut at = range.start;
    while at <= haystack.len() {
        let Some(caps) = rule.regex().captures_at(haystack, at) else {
            break;
        };
        let full = caps.get(0).expect("group 0 always participates");
        at = if full.is_empty() {
            full.end() + 1
        } else {
            full.end()
        };
        if rule.word_start && !starts_word(haystack, full.start()) {
            continue;
        }
        let Some(secret) = caps.get(rule.secret_group()) else {
            continue;
        };
        let value = secret.as_bytes();
        if value.is_empty() {
            continue;
        }
        // A value the regex saw open with a quote (group `q`) must close
        // with it: `"Enter your password"` is prose, not the word "Enter".
        if let Some(quote) = caps.name("q").and_then(|q| q.as_bytes().first())
            && blob.get(secret.end()) != Some(quote)
        {
            continue;
        }
        let bits = entropy::shannon(value);
        if rule.min_entropy.is_some_and(|min| bits < min) {
            continue;
        }
        if rule.check_placeholders && allow::is_placeholder(value) {
            continue;
        }
        // Before the generic shape tests: a UUID or hex string is a project
        // id in general, but a key where a provider's rule says so.
        if generic && providers.claims(caps.name("name").map(|n| n.as_bytes()), value) {
            if let Some(name) = caps.name("name")
                && rule.validate.is_none_or(|v| v.accepts(value, &caps, haystack))
                && let Some(handed) = hand_over(rules, providers, name.as_bytes(), value)
            {
                let provider_rule = &rules[handed.rule];
                let mut open_allowlists = Vec::new();
                if provider_rule.allowlists.is_empty()
                    || !allowlisted(
                        provider_rule,
                        blob,
                        secret.range(),
                        full.range(),
                        &mut open_allowlists,
                    )
                {
                    out.push(RawMatch {
                        secret: secret.range(),
                        full: full.range(),
                        open_allowlists,
                        ..handed
                    });
                }
            }
            continue;
        }
        // Code, not data. A camelCase name is usually a variable, but also
        // the shape of a chosen password: password rules judge it themselves.
        if generic
            && (allow::is_code_value(value)
                || (rule.validate != Some(Validator::Password) && allow::is_identifier(value)))
        {
            continue;
        }
        if rule.require_random && !entropy::looks_random(value) {
            continue;
        }
        if !rule.random_in.is_empty() && !entropy::looks_drawn_from(value, &rule.random_in) {
            continue;
        }
        if rule.allow_regexes().iter().any(|r| r.is_match(value))
            || allow::contains_stopword(value, &rule.stopwords)
        {
            continue;
        }
        if rule.validate.is_some_and(|v| !v.accepts(value, &caps, haystack)) {
            continue;
        }
        // Last, because it hashes the value: only would-be findings pay.
        if rule.check_placeholders && known_public::is_known_public(value) {
            continue;
        }
        let mut open_allowlists = Vec::new();
        if !rule.allowlists.is_empty()
            && allowlisted(rule, blob, secret.range(), full.range(), &mut open_allowlists)
        {
            continue;
        }
        out.push(RawMatch {
            rule: rule_index,
            secret: secret.range(),
            full: full.range(),
            entropy: bits,
            confidence: rule
                .checksum
                .map_or(rule.confidence, |c| c.confidence(value, rule.confidence)),
            open_allowlists,
        });
    }
}

/// A generic match whose assignment names a provider (`trelloToken`,
/// `heroku_api_key`) in syntax that provider's own rules do not connect
/// (`<property name="trelloToken" value="…"/>`, a Terraform variable's
/// `default`): the provider rules judge the name and value written plainly,
/// `NAME = "VALUE"`, and the first that accepts the whole value takes the
/// match, with its own id, confidence and rotation. None accepting it means
/// a project id, public key or look-alike, and the match is dropped.
fn hand_over(rules: &[Rule], providers: &ProviderTerms, name: &[u8], value: &[u8]) -> Option<RawMatch> {
    let mut plain = Vec::with_capacity(name.len() + value.len() + 6);
    plain.extend_from_slice(name);
    plain.extend_from_slice(b" = \"");
    plain.extend_from_slice(value);
    plain.extend_from_slice(b"\"\n");
    let value_at = name.len() + 4..name.len() + 4 + value.len();
    let mut found = Vec::new();
    for index in providers.rules_named_in(name) {
        let rule = &rules[index];
        // Path-scoped rules decide by the file; the plain line has none.
        if rule.is_generic() || !rule.path_filter().permits(None) {
            continue;
        }
        found.clear();
        find_in(rules, index, providers, &plain, 0..plain.len(), &mut found);
        if let Some(accepted) = found.drain(..).find(|m| m.secret == value_at) {
            return Some(accepted);
        }
    }
    None
}

/// Applies the content half of a rule's allowlists: true when one allows
/// the match outright; lists that depend on the path or commit go to `open`.
fn allowlisted(
    rule: &Rule,
    blob: &[u8],
    secret: Range<usize>,
    full: Range<usize>,
    open: &mut Vec<u32>,
) -> bool {
    let line_start = memchr::memrchr(b'\n', &blob[..full.start]).map_or(0, |i| i + 1);
    let line_end = memchr::memchr(b'\n', &blob[full.end..]).map_or(blob.len(), |i| full.end + i);
    let (secret, matched, line) = (&blob[secret], &blob[full], &blob[line_start..line_end]);
    for (index, list) in rule.allowlists.iter().enumerate() {
        match list.on_content(secret, matched, line) {
            ContentVerdict::Allowed => return true,
            ContentVerdict::NotAllowed => {}
            ContentVerdict::DependsOnPlace => open.push(u32::try_from(index).unwrap_or(u32::MAX)),
        }
    }
    false
}

/// Whether a word starts at `at`: at the start of the text, after a byte
/// that is not a letter or digit, or at a camelCase hump (`myPushoverKey`).
pub fn starts_word(haystack: &[u8], at: usize) -> bool {
    let Some(before) = at.checked_sub(1).and_then(|i| haystack.get(i)) else {
        return true;
    };
    !before.is_ascii_alphanumeric()
        || (before.is_ascii_lowercase() && haystack.get(at).is_some_and(u8::is_ascii_uppercase))
}

/// Drops matches on lines that carry `leakhound:allow` / `gitleaks:allow`.
pub fn drop_inline_allowed(blob: &[u8], matches: &mut Vec<RawMatch>) {
    // One pass over the blob decides whether any line can be allowed at all,
    // so the per-match line lookups below only run when a marker exists.
    if matches.is_empty() || memchr::memmem::find(blob, b":allow").is_none() {
        return;
    }
    matches.retain(|m| {
        // A match that begins with the line break before its line (rules
        // anchored on `\n`) belongs to the line after it.
        let leading_breaks = blob[m.full.clone()]
            .iter()
            .take_while(|&&b| b == b'\n' || b == b'\r')
            .count();
        let from = m.full.start + leading_breaks;
        let start = memchr::memrchr(b'\n', &blob[..from]).map_or(0, |i| i + 1);
        let end = memchr::memchr(b'\n', &blob[m.full.end..]).map_or(blob.len(), |i| m.full.end + i);
        !allow::line_is_allowed(&blob[start..end])
    });
}

/// Where several rules matched overlapping bytes, keeps the most specific
/// match: a provider rule beats a generic one, then higher confidence, then
/// the longer secret, then the match whose context starts nearer the secret
/// (of two provider names before a key, the closer one owns it), then the
/// match with more context, then the earlier rule. Output is sorted by
/// position.
pub fn resolve_overlaps(rules: &[Rule], matches: &mut Vec<RawMatch>) {
    if matches.len() < 2 {
        return;
    }
    matches.sort_by(|a, b| {
        let rank = |m: &RawMatch| {
            let rule = &rules[m.rule];
            let lead = m.secret.start.saturating_sub(m.full.start);
            (
                rule.specificity(),
                m.confidence,
                m.secret.len(),
                std::cmp::Reverse(lead),
                m.full.len(),
            )
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
