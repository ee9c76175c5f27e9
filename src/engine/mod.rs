//! The scanning engine: pure functions from bytes to matches, no I/O.
//!
//! Flow per blob: the keyword prefilter picks candidate rules, each
//! candidate's regex runs, the secret group passes the rule's filters, inline
//! suppressions apply, overlapping matches keep the most specific rule, and
//! finally line/column are computed in one forward pass.

pub mod allow;
pub mod checksum;
pub mod credfile;
pub mod crypt;
pub mod decode;
pub mod defer;
pub mod entropy;
pub mod keystore;
pub mod known_public;
pub mod matcher;
pub mod prefilter;
pub mod structure;

use std::{ops::Range, path::Path};

use matcher::RawMatch;
pub use prefilter::Workload;
use prefilter::{Prefilter, PrefilterError, PrefilterScratch};

use crate::rules::{Confidence, Rule, RuleSet};

/// A secret found in a blob, with its position.
#[derive(Debug, Clone, PartialEq)]
pub struct Match {
    /// Index of the rule in [`Engine::rules`].
    pub rule: usize,
    /// Byte range of the secret within the blob.
    pub secret: Range<usize>,
    /// Byte range of the whole regex match.
    pub full: Range<usize>,
    /// Shannon entropy of the secret, bits per byte.
    pub entropy: f64,
    /// How sure the match is: the rule's confidence, adjusted by a checksum.
    pub confidence: Confidence,
    /// 1-based line of the secret's first byte.
    pub line: usize,
    /// 1-based column (in characters) of the secret's first byte.
    pub column: usize,
    /// 1-based line of the secret's last byte.
    pub end_line: usize,
    /// 1-based column just after the secret's last character (exclusive).
    pub end_column: usize,
    /// Indices of the rule's allowlists that allow this match if its path
    /// or commit fits (see [`Rule::allowed_at`]).
    pub open_allowlists: Vec<u32>,
}

/// Per-thread buffers, reused across blobs to avoid allocation per file.
#[derive(Debug, Default)]
pub struct Scratch {
    prefilter: PrefilterScratch,
    raw: Vec<RawMatch>,
    ranges: Vec<Range<usize>>,
}

/// A rule set compiled for scanning.
#[derive(Debug)]
pub struct Engine {
    rules: RuleSet,
    prefilter: Prefilter,
    providers: defer::ProviderTerms,
    decode: decode::DecodeOptions,
}

/// Matches in text decoded from an encoded run of a blob.
#[derive(Debug, Clone, PartialEq)]
pub struct DecodedHit {
    /// Decoders applied, outermost first, joined by `>` (`base64`, `base64>hex`).
    pub chain: String,
    /// The decoded text the matches refer to.
    pub text: Vec<u8>,
    /// Matches within `text` (positions are in `text`).
    pub matches: Vec<Match>,
    /// Byte range of the outermost encoded run in the blob.
    pub encoded: Range<usize>,
    /// 1-based line of the encoded run in the blob.
    pub line: usize,
    /// 1-based column of the encoded run's first character.
    pub column: usize,
    /// 1-based line of the encoded run's end.
    pub end_line: usize,
    /// 1-based column after the encoded run's last character.
    pub end_column: usize,
}

impl Engine {
    /// Builds the keyword prefilter for `rules`, for bulk scanning.
    pub fn new(rules: RuleSet) -> Result<Self, PrefilterError> {
        Self::for_workload(rules, Workload::Bulk)
    }

    /// Builds the keyword prefilter for `rules`, for the amount of input
    /// the scan expects.
    pub fn for_workload(rules: RuleSet, workload: Workload) -> Result<Self, PrefilterError> {
        let prefilter = Prefilter::new(rules.rules(), workload)?;
        let providers = defer::ProviderTerms::new(rules.rules());
        Ok(Engine {
            rules,
            prefilter,
            providers,
            decode: decode::DecodeOptions::default(),
        })
    }

    /// Sets how deep [`Engine::scan_decoded`] decodes (default: depth 2).
    pub fn with_decode(mut self, options: decode::DecodeOptions) -> Self {
        self.decode = options;
        self
    }

    /// How deep this engine decodes.
    pub fn decode_options(&self) -> decode::DecodeOptions {
        self.decode
    }

    /// Decodes the encoded runs of `blob` (to the configured depth) and
    /// scans the decoded text; `path` scopes rules as in [`Engine::scan`].
    /// Runs on a line holding `leakhound:allow` are skipped. Hits come back
    /// ordered by the encoded run's position.
    pub fn scan_decoded(&self, blob: &[u8], path: Option<&Path>, scratch: &mut Scratch) -> Vec<DecodedHit> {
        let mut hits = self.decode_scoped(blob, &|rule: &Rule| rule.path_filter().permits(path), scratch);
        for hit in &mut hits {
            hit.matches
                .retain(|m| !self.rule(m).allowed_at(&m.open_allowlists, path, None));
        }
        hits.retain(|hit| !hit.matches.is_empty());
        hits
    }

    /// [`Engine::scan_decoded`] for a blob whose path is not known yet.
    pub fn scan_decoded_any_path(&self, blob: &[u8], scratch: &mut Scratch) -> Vec<DecodedHit> {
        self.decode_scoped(blob, &|_: &Rule| true, scratch)
    }

    fn decode_scoped(
        &self,
        blob: &[u8],
        in_scope: &dyn Fn(&Rule) -> bool,
        scratch: &mut Scratch,
    ) -> Vec<DecodedHit> {
        let mut hits = Vec::new();
        if self.decode.depth == 0 {
            return hits;
        }
        self.decode_level(blob, in_scope, 1, None, "", scratch, &mut hits);
        hits.sort_by_key(|h| h.encoded.start);
        // Position the encoded runs in one forward pass, as `locate` does.
        let (mut pos, mut line, mut column) = (0usize, 1usize, 1usize);
        hits.retain_mut(|hit| {
            advance(blob, &mut pos, &mut line, &mut column, hit.encoded.start);
            hit.line = line;
            hit.column = column;
            hit.end_line = line;
            hit.end_column = column + char_count(&blob[hit.encoded.clone()]);
            let start = memchr::memrchr(b'\n', &blob[..hit.encoded.start]).map_or(0, |i| i + 1);
            let end =
                memchr::memchr(b'\n', &blob[hit.encoded.end..]).map_or(blob.len(), |i| hit.encoded.end + i);
            !allow::line_is_allowed(&blob[start..end])
        });
        hits
    }

    /// Decodes the runs of `text`, scans what they hide and recurses into
    /// it while depth remains. `outer` is the blob range every hit below
    /// the first level reports.
    #[allow(clippy::too_many_arguments)]
    fn decode_level(
        &self,
        text: &[u8],
        in_scope: &dyn Fn(&Rule) -> bool,
        level: u8,
        outer: Option<&Range<usize>>,
        chain: &str,
        scratch: &mut Scratch,
        hits: &mut Vec<DecodedHit>,
    ) {
        let mut runs = Vec::new();
        decode::candidates(text, &mut runs);
        for run in runs {
            let Some(decoded) = decode::decode(&text[run.range.clone()], run.encoding) else {
                continue;
            };
            let chain = if chain.is_empty() {
                run.encoding.name().to_string()
            } else {
                format!("{chain}>{}", run.encoding.name())
            };
            let encoded = outer.cloned().unwrap_or(run.range);
            if level < self.decode.depth {
                self.decode_level(
                    &decoded,
                    in_scope,
                    level + 1,
                    Some(&encoded),
                    &chain,
                    scratch,
                    hits,
                );
            }
            let matches = self.scan_scoped(&decoded, in_scope, scratch);
            if !matches.is_empty() {
                hits.push(DecodedHit {
                    chain,
                    text: decoded,
                    matches,
                    encoded,
                    line: 0,
                    column: 0,
                    end_line: 0,
                    end_column: 0,
                });
            }
        }
    }

    /// The rules this engine runs.
    pub fn rules(&self) -> &RuleSet {
        &self.rules
    }

    /// The rule a match refers to.
    pub fn rule(&self, m: &Match) -> &Rule {
        &self.rules.rules()[m.rule]
    }

    /// Scans `blob` with every rule; `path` (when the blob has one) drives
    /// path-scoped rules and path allowlists. Matches come back in order.
    pub fn scan(&self, blob: &[u8], path: Option<&Path>, scratch: &mut Scratch) -> Vec<Match> {
        let mut matches = self.scan_scoped(blob, |rule| rule.path_filter().permits(path), scratch);
        matches.retain(|m| !self.rule(m).allowed_at(&m.open_allowlists, path, None));
        matches
    }

    /// Scans a blob whose path is not known yet (a history blob can live at
    /// many paths): path-scoped rules run too, and the caller applies
    /// [`Rule::path_filter`] once it knows where the blob was found.
    pub fn scan_any_path(&self, blob: &[u8], scratch: &mut Scratch) -> Vec<Match> {
        self.scan_scoped(blob, |_| true, scratch)
    }

    fn scan_scoped(
        &self,
        blob: &[u8],
        in_scope: impl Fn(&Rule) -> bool,
        scratch: &mut Scratch,
    ) -> Vec<Match> {
        let rules = self.rules.rules();
        let runs = |rule: &Rule| rule.path_filter().is_trivial() || in_scope(rule);
        let marked = self.prefilter.candidates(blob, &mut scratch.prefilter);
        // Rules without keywords are candidates for every blob; when they
        // are all there is and none applies at this path (a whole-file rule
        // for `config/master.key` on any other file), nothing can match.
        let always = self.prefilter.always();
        if marked == 0 || (marked == always.len() && !always.iter().any(|&i| runs(&rules[i]))) {
            return Vec::new();
        }
        scratch.raw.clear();
        for (index, rule) in rules.iter().enumerate() {
            if scratch.prefilter.candidates[index] && runs(rule) {
                self.run_rule(index, rule, blob, scratch);
            }
        }
        self.finish(blob, &mut scratch.raw)
    }

    /// Adds to `costs[i]` the time rule `i`'s windowed regex and filters
    /// take on `blob` (rules whose keywords are absent cost nothing): for
    /// finding expensive rules (`examples/rule_costs.rs`).
    pub fn profile_rules(&self, blob: &[u8], costs: &mut [std::time::Duration]) {
        let mut scratch = Scratch::default();
        if self.prefilter.candidates(blob, &mut scratch.prefilter) == 0 {
            return;
        }
        for (index, rule) in self.rules.rules().iter().enumerate() {
            if !scratch.prefilter.candidates[index] {
                continue;
            }
            let started = std::time::Instant::now();
            self.run_rule(index, rule, blob, &mut scratch);
            if let Some(cost) = costs.get_mut(index) {
                *cost += started.elapsed();
            }
        }
    }

    /// Runs one candidate rule's regex in the windows around its keyword
    /// hits, appending what survives its filters to `scratch.raw`.
    fn run_rule(&self, index: usize, rule: &Rule, blob: &[u8], scratch: &mut Scratch) {
        matcher::search_ranges(rule, blob, scratch.prefilter.hits(index), &mut scratch.ranges);
        matcher::find(
            self.rules.rules(),
            index,
            &self.providers,
            blob,
            &scratch.ranges,
            &mut scratch.raw,
        );
    }

    /// Scans `blob` with one rule only, without the prefilter and without
    /// overlap resolution against other rules (used by `rules check`).
    pub fn scan_with_rule(&self, rule_index: usize, blob: &[u8], path: Option<&Path>) -> Vec<Match> {
        let rule = &self.rules.rules()[rule_index];
        if !rule.path_filter().permits(path) {
            return Vec::new();
        }
        let mut raw = Vec::new();
        self.find_whole(rule_index, blob, &mut raw);
        self.finish(blob, &mut raw)
    }

    /// Like [`Engine::scan`] but every candidate regex sees the whole blob:
    /// the reference the keyword windows must agree with.
    #[cfg(test)]
    fn scan_whole(&self, blob: &[u8]) -> Vec<Match> {
        let mut raw = Vec::new();
        for (index, rule) in self.rules.rules().iter().enumerate() {
            if rule.path_filter().permits(None) {
                self.find_whole(index, blob, &mut raw);
            }
        }
        self.finish(blob, &mut raw)
    }

    /// Runs one rule's regex over the whole blob (no keyword windows).
    fn find_whole(&self, index: usize, blob: &[u8], raw: &mut Vec<RawMatch>) {
        let whole = 0..blob.len();
        matcher::find(
            self.rules.rules(),
            index,
            &self.providers,
            blob,
            std::slice::from_ref(&whole),
            raw,
        );
    }

    fn finish(&self, blob: &[u8], raw: &mut Vec<RawMatch>) -> Vec<Match> {
        matcher::drop_inline_allowed(blob, raw);
        matcher::resolve_overlaps(self.rules.rules(), raw);
        locate(blob, raw)
    }
}

/// Counts characters (UTF-8 scalar starts; other bytes count as one each).
fn char_count(bytes: &[u8]) -> usize {
    bytes.iter().filter(|&&b| (b & 0xC0) != 0x80).count()
}

/// Turns position-sorted raw matches into matches with 1-based line/column,
/// walking the blob forward once (never rescanning from the start).
fn locate(blob: &[u8], raw: &[RawMatch]) -> Vec<Match> {
    let mut out = Vec::with_capacity(raw.len());
    // Cursor: byte offset already accounted for, its line, and its column.
    let (mut pos, mut line, mut column) = (0usize, 1usize, 1usize);
    for m in raw {
        let start = m.secret.start;
        advance(blob, &mut pos, &mut line, &mut column, start);
        let (begin_line, begin_column) = (line, column);
        let secret = &blob[m.secret.clone()];
        let (end_line, end_column) = match memchr::memrchr(b'\n', secret) {
            None => (line, column + char_count(secret)),
            Some(last) => (
                line + memchr::memchr_iter(b'\n', secret).count(),
                1 + char_count(&secret[last + 1..]),
            ),
        };
        out.push(Match {
            rule: m.rule,
            secret: m.secret.clone(),
            full: m.full.clone(),
            entropy: m.entropy,
            confidence: m.confidence,
            line: begin_line,
            column: begin_column,
            end_line,
            end_column,
            open_allowlists: m.open_allowlists.clone(),
        });
    }
    out
}

fn advance(blob: &[u8], pos: &mut usize, line: &mut usize, column: &mut usize, to: usize) {
    if to <= *pos {
        return;
    }
    let span = &blob[*pos..to];
    match memchr::memrchr(b'\n', span) {
        None => *column += char_count(span),
        Some(last) => {
            *line += memchr::memchr_iter(b'\n', span).count();
            *column = 1 + char_count(&span[last + 1..]);
        }
    }
    *pos = to;
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::Validation;

    fn engine(pack: &str) -> Engine {
        let mut rules = RuleSet::default();
        rules
            .add_pack("test.toml", pack, Validation::Eager)
            .expect("valid pack");
        Engine::new(rules).expect("prefilter builds")
    }

    const RULES: &str = r#"
[[rule]]
id = "demo-token"
name = "Demo token"
provider = "demo"
severity = "high"
confidence = "high"
keywords = ["dmo_"]
regex = '''\b(dmo_[A-Za-z0-9]{12})\b'''
rotation = { summary = "Revoke it.", docs = "https://example.invalid", steps = [] }

[[rule]]
id = "generic-token"
name = "Generic token"
provider = "generic"
severity = "medium"
confidence = "low"
keywords = ["token"]
regex = '''(?i)token\s*=\s*"([^"]{8,})"'''
rotation = { summary = "Rotate it.", docs = "https://example.invalid", steps = [] }
"#;

    #[test]
    fn keywords_can_require_case_and_a_word_start() {
        let e = engine(
            r#"
[[rule]]
id = "case-token"
name = "Case token"
provider = "demo"
severity = "high"
confidence = "high"
keywords = ["MxQ"]
match_keyword_case = true
regex = '''(?i)(mxq[0-9]{8})'''
rotation = { summary = "Revoke it.", docs = "https://example.invalid", steps = [] }

[[rule]]
id = "word-token"
name = "Word token"
provider = "demo"
severity = "high"
confidence = "high"
keywords = ["wise"]
keyword_word_start = true
regex = '''(?i)(wise[0-9]{8})'''
rotation = { summary = "Revoke it.", docs = "https://example.invalid", steps = [] }
"#,
        );
        let ids = |blob: &str| -> Vec<String> {
            e.scan(blob.as_bytes(), None, &mut Scratch::default())
                .iter()
                .map(|m| e.rule(m).id.clone())
                .collect()
        };
        assert_eq!(ids("x MxQ80417263"), ["case-token"]);
        // The regex would match; the keyword's case keeps the rule asleep.
        assert!(ids("x mxq80417263").is_empty());
        assert_eq!(ids("wise80417263"), ["word-token"]);
        assert_eq!(ids("(wise80417263)"), ["word-token"]);
        assert!(ids("otherwise80417263").is_empty());
    }

    #[test]
    fn a_generic_match_under_a_provider_name_goes_to_the_provider_rule_that_accepts_it() {
        let e = Engine::new(RuleSet::builtin().expect("built-in rules load")).expect("prefilter builds");
        let found_ids = |text: &str| -> Vec<String> {
            e.scan(text.as_bytes(), None, &mut Scratch::default())
                .iter()
                .map(|m| e.rules().rules()[m.rule].id.clone())
                .collect()
        };
        // Made-up values in the providers' shapes (64 hex; a UUID).
        let trello = "6fc25f1611060463c724200cacd4ef11adc950922ed661b23daa3015c25023a2"; // leakhound:allow
        let spring = format!("<property name=\"trelloToken\" value=\"{trello}\" />");
        assert_eq!(found_ids(&spring), ["trello-api-token"]);
        let android = "<meta-data android:name=\"acme.postmark_api_token\" \
                       android:value=\"e5b1b4c4-8742-47a7-9fac-7f0a76b32f13\" />"; // leakhound:allow
        assert_eq!(found_ids(android), ["postmark-server-token"]);
        // A provider's public project token: its rule declines, so nothing.
        assert!(found_ids("MIXPANEL_TOKEN=704f78afe3f3dec137f984731b70405f").is_empty()); // leakhound:allow
    }

    #[test]
    fn positions_are_one_based_and_char_aware() {
        let e = engine(RULES);
        let blob = "first line\n  é dmo_Ab3dE5gH7jK9 and dmo_Zz9yX8wV7uT6\n".as_bytes();
        let found = e.scan(blob, None, &mut Scratch::default());
        assert_eq!(found.len(), 2);
        assert_eq!(
            (
                found[0].line,
                found[0].column,
                found[0].end_line,
                found[0].end_column
            ),
            (2, 5, 2, 21)
        );
        assert_eq!((found[1].line, found[1].column), (2, 26));
    }

    #[test]
    fn provider_rule_beats_generic_on_the_same_secret() {
        let e = engine(RULES);
        let found = e.scan(br#"token = "dmo_Ab3dE5gH7jK9""#, None, &mut Scratch::default()); // leakhound:allow
        assert_eq!(found.len(), 1);
        assert_eq!(e.rule(&found[0]).id, "demo-token");
    }

    #[test]
    fn inline_allow_suppresses_only_its_line() {
        let e = engine(RULES);
        let blob = b"a = dmo_Ab3dE5gH7jK9 # leakhound:allow\nb = dmo_Zz9yX8wV7uT6\n";
        let found = e.scan(blob, None, &mut Scratch::default());
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].line, 2);
    }

    #[test]
    fn word_start_rules_ignore_names_inside_longer_words() {
        let unbounded = RULES.replace(r"'''\b(dmo_", r"'''(dmo_");
        let blob = b"x = 9dmo_Ab3dE5gH7jK9";
        let mut scratch = Scratch::default();
        assert_eq!(engine(&unbounded).scan(blob, None, &mut scratch).len(), 1);
        let word_start = unbounded.replace(
            "keywords = [\"dmo_\"]",
            "keywords = [\"dmo_\"]\nword_start = true",
        );
        let e = engine(&word_start);
        assert_eq!(e.scan(blob, None, &mut scratch).len(), 0);
        assert_eq!(e.scan(b"x = dmo_Ab3dE5gH7jK9", None, &mut scratch).len(), 1);
    }

    #[test]
    fn blob_without_keywords_yields_nothing() {
        let e = engine(RULES);
        assert!(
            e.scan(b"nothing to see here", None, &mut Scratch::default())
                .is_empty()
        );
    }

    #[test]
    fn windows_around_hits_find_what_the_whole_blob_finds() {
        let e = engine(RULES);
        let mut blob = "filler line without anything\n".repeat(2000);
        blob.push_str("x = dmo_Ab3dE5gH7jK9\n");
        blob.push_str(&"more filler\n".repeat(2000));
        blob.push_str("token = \"Qx7vR2pLm9Zk3Wb8\"\n");
        let found = e.scan(blob.as_bytes(), None, &mut Scratch::default());
        assert_eq!(found.len(), 2);
        assert_eq!(found, e.scan_whole(blob.as_bytes()));
        assert_eq!(found[0].line, 2001);
    }

    #[test]
    fn multi_line_secret_end_position() {
        let pack = r#"
[[rule]]
id = "block"
name = "Block"
provider = "demo"
severity = "high"
confidence = "high"
keywords = ["begin"]
check_placeholders = false
regex = '''(?s)(BEGIN\n.{1,20}?\nEND)'''
rotation = { summary = "x", docs = "https://example.invalid", steps = [] }
"#;
        let e = engine(pack);
        let found = e.scan(b"x\nBEGIN\nabc\nEND\n", None, &mut Scratch::default());
        assert_eq!(found.len(), 1);
        assert_eq!(
            (
                found[0].line,
                found[0].column,
                found[0].end_line,
                found[0].end_column
            ),
            (2, 1, 4, 4)
        );
    }
}

#[cfg(test)]
mod properties {
    use std::sync::OnceLock;

    use proptest::prelude::*;

    use super::*;

    fn builtin() -> &'static Engine {
        static ENGINE: OnceLock<Engine> = OnceLock::new();
        ENGINE.get_or_init(|| {
            Engine::new(RuleSet::builtin().expect("built-in rules load")).expect("prefilter builds")
        })
    }

    /// Fragments that wake many rules up, mixed into random bytes so the
    /// regexes (not only the prefilter) see arbitrary input.
    const FRAGMENTS: &[&str] = &[
        "ghp_",
        "xoxb-",
        "AKIA",
        "password = \"",
        "token: ",
        "-----BEGIN RSA PRIVATE KEY-----\n",
        "postgres://u:",
        "@host",
        "eyJ",
        "sk_live_",
        "\n",
        "\"",
        "leakhound:allow",
        "api_key=",
    ];

    fn blob() -> impl Strategy<Value = Vec<u8>> {
        let piece = prop_oneof![
            proptest::collection::vec(any::<u8>(), 0..64),
            proptest::sample::select(FRAGMENTS).prop_map(|s| s.as_bytes().to_vec()),
            "[A-Za-z0-9_/+=-]{0,80}".prop_map(String::into_bytes),
        ];
        proptest::collection::vec(piece, 0..24).prop_map(|parts| parts.concat())
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]

        #[test]
        fn never_panics_and_reports_only_bytes_of_the_input(input in blob()) {
            let engine = builtin();
            let found = engine.scan(&input, None, &mut Scratch::default());
            for m in &found {
                prop_assert!(m.secret.start < m.secret.end && m.secret.end <= input.len());
                prop_assert!(m.full.start <= m.secret.start && m.secret.end <= m.full.end);
                prop_assert!(m.line >= 1 && m.column >= 1 && m.end_line >= m.line);
                let line = 1 + input[..m.secret.start].iter().filter(|&&b| b == b'\n').count();
                prop_assert_eq!(m.line, line);
            }
            for pair in found.windows(2) {
                prop_assert!(pair[0].secret.end <= pair[1].secret.start, "overlapping findings");
            }
            prop_assert_eq!(&found, &engine.scan_whole(&input), "keyword windows changed the result");
        }
    }
}
