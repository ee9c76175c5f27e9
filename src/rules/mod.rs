//! Rule model and loading: rule packs are TOML data (see `rules/*.toml`).
//!
//! Loading validates everything it can up front (ids, severities, globs,
//! keyword presence) so a broken user config fails with the file, the rule
//! id and the problem. Regexes of built-in rules compile lazily, on the first
//! blob that contains one of the rule's keywords, because a pre-commit hook
//! scanning one small file should not pay for compiling two hundred regexes.

pub mod allowlist;
pub mod builtin;
pub mod check;
pub mod gitleaks;
pub mod keyed;
pub mod load;

use std::{
    collections::HashSet,
    fmt,
    path::Path,
    sync::{Arc, OnceLock},
};

use globset::{Glob, GlobSet, GlobSetBuilder};
use regex::bytes::{Regex, RegexBuilder};
use serde::{Deserialize, Serialize};

use self::allowlist::Allowlist;
use crate::{
    engine::{checksum::Checksum, entropy::Alphabet, structure::Validator},
    safe_fs::{self, Trust},
};

/// How bad it is if the secret is real: what an attacker gets.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Read-only or low-value access.
    Low,
    /// Limited write access, messaging, webhooks.
    Medium,
    /// Write access to code, packages or data.
    High,
    /// Cloud admin, payments, private keys.
    Critical,
}

impl Severity {
    /// Lowercase name as used in rule files and reports.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Low => "low",
            Severity::Medium => "medium",
            Severity::High => "high",
            Severity::Critical => "critical",
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// How sure a match is to be a real credential.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Confidence {
    /// Generic patterns gated by entropy.
    Low,
    /// Prefix-less keys found through provider context.
    Medium,
    /// Prefixed or checksummed token formats.
    High,
}

impl Confidence {
    /// One step less sure (low stays low).
    pub fn lowered(self) -> Self {
        match self {
            Confidence::High => Confidence::Medium,
            Confidence::Medium | Confidence::Low => Confidence::Low,
        }
    }

    /// Lowercase name as used in rule files and reports.
    pub fn as_str(self) -> &'static str {
        match self {
            Confidence::Low => "low",
            Confidence::Medium => "medium",
            Confidence::High => "high",
        }
    }
}

/// What to do about a leaked credential of this kind.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Rotation {
    /// One sentence: what to do right now.
    pub summary: String,
    /// Ordered steps: replace, deploy, revoke, confirm, audit.
    #[serde(default)]
    pub steps: Vec<String>,
    /// The provider's documentation on revoking or rotating it.
    pub docs: String,
}

/// Rule as written in a TOML pack, before validation.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRule {
    id: String,
    name: String,
    provider: String,
    #[serde(default)]
    description: Option<String>,
    severity: Severity,
    confidence: Confidence,
    keywords: Vec<String>,
    #[serde(default)]
    match_keyword_case: bool,
    #[serde(default)]
    keyword_word_start: bool,
    regex: String,
    #[serde(default)]
    secret_group: Option<usize>,
    #[serde(default)]
    min_entropy: Option<f64>,
    #[serde(default)]
    require_random: bool,
    /// Alphabets the secret is drawn from (`hex`, `lower-alnum`, `A-Z0-9` …):
    /// it must look like a uniform draw from the smallest that holds it.
    #[serde(default)]
    random_in: Vec<Alphabet>,
    #[serde(default)]
    word_start: bool,
    #[serde(default)]
    file_context: bool,
    #[serde(default)]
    checksum: Option<Checksum>,
    #[serde(default)]
    validate: Option<Validator>,
    #[serde(default = "default_true")]
    check_placeholders: bool,
    #[serde(default)]
    paths: Vec<String>,
    #[serde(default)]
    allow: RawAllow,
    #[serde(default)]
    examples: Vec<String>,
    #[serde(default)]
    negative_examples: Vec<String>,
    /// Path the examples are checked at (path-scoped rules).
    #[serde(default)]
    example_path: Option<String>,
    /// Examples made from a `[[keyed]]` row, on first use (set by the loader).
    #[serde(skip)]
    generated_examples: Option<keyed::ExampleSpec>,
    rotation: Rotation,
    /// Declarative verification; interpreted by the verifier, not the engine.
    #[serde(default)]
    verify: Option<crate::verify::RawSpec>,
    /// Free-form labels (gitleaks `tags`), shown in SARIF.
    #[serde(default)]
    tags: Vec<String>,
    /// Which format the rule was written in (set by the loader).
    #[serde(skip)]
    dialect: Dialect,
    /// A regex the file path must match (gitleaks `path`).
    #[serde(skip)]
    path_regex: Option<String>,
    /// gitleaks allowlists: the rule's own and the global ones that target it.
    #[serde(skip)]
    allowlists: Vec<Arc<Allowlist>>,
}

/// The format a rule was written in, which decides what loading demands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
enum Dialect {
    /// leakhound's rule files: keywords, rotation and examples are required.
    #[default]
    Leakhound,
    /// Imported from a gitleaks config: keywords may be missing (the rule
    /// then runs on every blob) and the regex is Go RE2 syntax.
    Gitleaks,
}

fn default_true() -> bool {
    true
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawAllow {
    #[serde(default)]
    regexes: Vec<String>,
    #[serde(default)]
    stopwords: Vec<String>,
    #[serde(default)]
    paths: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPack {
    #[serde(default)]
    rule: Vec<RawRule>,
    /// Provider keys without a prefix, one table row each (see [`keyed`]).
    #[serde(default)]
    keyed: Vec<keyed::RawKeyed>,
}

/// A rule file or rule that cannot be used, with enough context to fix it.
#[derive(Debug, thiserror::Error)]
pub enum RuleError {
    /// The file could not be read (or was refused: a link, a device, too
    /// large, outside the scanned tree).
    #[error("cannot read rule file {0}")]
    Read(#[source] crate::safe_fs::FileError),
    /// A config found in the scanned tree asks for something only a config
    /// the user names may do.
    #[error(
        "rule file {file} was found in the scanned tree and {what}; configs a repository provides may not \
         do that (they could disable or redirect detection). Pass it with --config if you trust it, or \
         --no-config-discovery to ignore it"
    )]
    Untrusted {
        /// File that asked.
        file: String,
        /// What it asked for.
        what: String,
    },
    /// The file is not valid TOML or does not have the rule-file shape.
    #[error("rule file {file} is malformed: {message}")]
    Parse {
        /// File that failed.
        file: String,
        /// What the TOML parser said, with line and column.
        message: String,
    },
    /// One rule in the file is invalid.
    #[error("rule file {file}, rule {id}: {message}")]
    Invalid {
        /// File holding the rule.
        file: String,
        /// The rule's id.
        id: String,
        /// What is wrong and how to fix it.
        message: String,
    },
}

/// Path-based allow and scope filters of a rule: globs (leakhound rules)
/// or regexes (gitleaks rules), both matched against the path as the scan
/// sees it (relative to the repository in git scans).
#[derive(Debug, Default)]
pub struct PathFilter {
    only: Option<PathPatterns>,
    skip: Option<PathPatterns>,
}

/// Globs and regexes, any of which may match.
#[derive(Debug)]
enum PathPatterns {
    Globs(GlobSet),
    Regexes(regex::RegexSet),
}

impl PathPatterns {
    fn is_match(&self, path: &Path) -> bool {
        match self {
            PathPatterns::Globs(set) => set.is_match(path),
            PathPatterns::Regexes(set) => {
                let text = path.to_string_lossy();
                let text = text.strip_prefix("./").unwrap_or(&text);
                // Paths are matched with forward slashes on every platform,
                // as gitleaks configs are written.
                if std::path::MAIN_SEPARATOR == '\\' {
                    set.is_match(&text.replace('\\', "/"))
                } else {
                    set.is_match(text)
                }
            }
        }
    }
}

impl PathFilter {
    /// A filter that rejects paths matching any of `regexes` (an allowlist's
    /// `paths`).
    pub fn skipping_regexes(regexes: &[String]) -> Result<Self, String> {
        Ok(PathFilter {
            only: None,
            skip: path_regexes(regexes)?,
        })
    }

    /// Whether a blob at `path` may be reported by this rule.
    pub fn permits(&self, path: Option<&Path>) -> bool {
        let Some(path) = path else {
            return self.only.is_none();
        };
        if let Some(only) = &self.only
            && !only.is_match(path)
        {
            return false;
        }
        !self.skip.as_ref().is_some_and(|skip| skip.is_match(path))
    }

    /// True when the filter never rejects anything (the common case).
    pub fn is_trivial(&self) -> bool {
        self.only.is_none() && self.skip.is_none()
    }
}

fn path_regexes(patterns: &[String]) -> Result<Option<PathPatterns>, String> {
    if patterns.is_empty() {
        return Ok(None);
    }
    regex::RegexSetBuilder::new(patterns)
        .size_limit(16 << 20)
        .build()
        .map(|set| Some(PathPatterns::Regexes(set)))
        .map_err(|e| format!("path regex does not compile: {e}"))
}

/// A validated detection rule.
#[derive(Debug)]
pub struct Rule {
    /// Stable kebab-case identifier.
    pub id: String,
    /// Human-readable name.
    pub name: String,
    /// Provider slug (`github`, `aws`, `generic` …).
    pub provider: String,
    /// Optional longer description.
    pub description: Option<String>,
    /// What an attacker gets.
    pub severity: Severity,
    /// How sure a match is.
    pub confidence: Confidence,
    /// Prefilter literals: lowercase, or as written when
    /// `match_keyword_case` is set.
    pub keywords: Vec<String>,
    /// Keywords match only in the case they are written in (for tokens
    /// whose fixed prefix is short and whose case is part of the format, so
    /// that ordinary words do not wake the rule up).
    pub match_keyword_case: bool,
    /// Keywords count only at the start of a word (not after a letter or
    /// digit), for keywords that are also word endings ("wise" in
    /// "otherwise").
    pub keyword_word_start: bool,
    /// Source of the regex.
    pub pattern: String,
    /// Minimum Shannon entropy (bits per byte) of the secret.
    pub min_entropy: Option<f64>,
    /// Secret must pass the randomness test (generic rules).
    pub require_random: bool,
    /// Secret must look like a uniform draw from the smallest of these
    /// alphabets that holds it (empty: no such test).
    pub random_in: Vec<Alphabet>,
    /// A match must not start right after a letter or digit (context rules
    /// that begin with a provider name, which base64 can contain by chance).
    /// Checked by the engine rather than in the regex, where a leading
    /// `(?:^|[^A-Za-z0-9])` would hide the name from the regex's literal
    /// prefilter and make the rule several times slower.
    pub word_start: bool,
    /// The value is a secret because of the file it sits in (a Kubernetes
    /// Secret, a .env file), not because of its shape: a token rule that
    /// matches the same bytes says more and wins.
    pub file_context: bool,
    /// Checksum scheme whose result raises or lowers the match's confidence.
    pub checksum: Option<Checksum>,
    /// Structural check run after the filters (JWT decoding, URI credentials).
    pub validate: Option<Validator>,
    /// Apply the placeholder filter to the secret.
    pub check_placeholders: bool,
    /// Secrets containing any of these (ASCII case-insensitive) are not reported.
    pub stopwords: Vec<String>,
    /// Texts that must yield a finding of this rule, as written.
    written_examples: Vec<String>,
    /// Texts that must not, as written.
    written_negative_examples: Vec<String>,
    /// Examples generated from a `[[keyed]]` row, made when first asked for:
    /// start-up should not pay for them.
    generated_examples: Option<keyed::ExampleSpec>,
    all_examples: OnceLock<(Vec<String>, Vec<String>)>,
    /// Path the examples are checked at, for rules scoped by `paths`.
    pub example_path: Option<String>,
    /// What to do about a leak.
    pub rotation: Rotation,
    /// Live check (`[rule.verify]`), validated when the rule loaded.
    pub verify: Option<std::sync::Arc<crate::verify::VerifySpec>>,
    /// File the rule came from.
    pub origin: String,
    /// gitleaks allowlists (the rule's own and global ones targeting it).
    pub allowlists: Vec<Arc<Allowlist>>,
    /// Free-form labels from the rule file.
    pub tags: Vec<String>,
    source: CompileSource,
    compiled: OnceLock<Compiled>,
    spans_lines: bool,
}

/// The parts of a rule that cost time to build, kept as text until needed.
#[derive(Debug)]
struct CompileSource {
    secret_group: Option<usize>,
    allow_regexes: Vec<String>,
    only_paths: Vec<String>,
    only_path_regex: Option<String>,
    skip_paths: Vec<String>,
    dialect: Dialect,
}

/// The compiled form of a rule, built on first use.
#[derive(Debug)]
struct Compiled {
    regex: Regex,
    /// Longest match in bytes, when the regex bounds it.
    max_match_len: Option<usize>,
    secret_group: usize,
    allow_regexes: Vec<Regex>,
    path_filter: PathFilter,
}

impl Rule {
    fn compiled(&self) -> &Compiled {
        // Built-in rules are compiled by `rules check` in the test suite and
        // user rules when they are loaded, so this cannot fail at run time.
        self.compiled.get_or_init(|| {
            self.compile()
                .expect("rules are validated by `rules check` and when loaded")
        })
    }

    /// Builds the compiled form, reporting what is wrong with the rule.
    fn compile(&self) -> Result<Compiled, String> {
        let regex = build_regex(&self.pattern).map_err(|e| match self.source.dialect {
            Dialect::Leakhound => format!("regex does not compile: {e}"),
            Dialect::Gitleaks => format!(
                "regex is not valid in Rust's regex syntax, which differs from gitleaks' Go syntax \
                 in a few places (no \\Q…\\E quoting, no \\C, no Perl-style (?U) on single groups); \
                 rewrite that part of the pattern: {e}"
            ),
        })?;
        let groups = regex.captures_len() - 1;
        let secret_group = self.source.secret_group.unwrap_or(usize::from(groups >= 1));
        if secret_group > groups {
            return Err(format!(
                "secret_group = {secret_group} but the regex has only {groups} capture group(s)"
            ));
        }
        let allow_regexes = self
            .source
            .allow_regexes
            .iter()
            .map(|r| build_regex(r).map_err(|e| format!("allow regex {r:?} does not compile: {e}")))
            .collect::<Result<Vec<_>, _>>()?;
        let only = match &self.source.only_path_regex {
            Some(pattern) => path_regexes(std::slice::from_ref(pattern))?,
            None => globs(&self.source.only_paths, "paths")?,
        };
        let path_filter = PathFilter {
            only,
            skip: globs(&self.source.skip_paths, "allow.paths")?,
        };
        // The regex crate has parsed the pattern already, so this cannot fail;
        // if it did, windows would just keep their default size.
        let max_match_len = regex_syntax::ParserBuilder::new()
            .unicode(false)
            .utf8(false)
            .build()
            .parse(&self.pattern)
            .ok()
            .and_then(|hir| hir.properties().maximum_len());
        Ok(Compiled {
            regex,
            max_match_len,
            secret_group,
            allow_regexes,
            path_filter,
        })
    }

    /// Compiles the rule now if it was not yet, returning what is wrong with it.
    pub fn ensure_compiled(&self) -> Result<(), String> {
        if self.compiled.get().is_none() {
            let compiled = self.compile()?;
            let _ = self.compiled.set(compiled);
        }
        Ok(())
    }

    /// Checks that the `[rule.verify]` templates name only the secret,
    /// companions and named groups of the regex (compiles the regex).
    pub fn check_verify(&self) -> Result<(), String> {
        match &self.verify {
            Some(spec) => spec
                .check_captures(self.regex().capture_names().flatten())
                .map_err(|e| format!("[rule.verify]: {e}")),
            None => Ok(()),
        }
    }

    /// The compiled regex (compiled on first use).
    pub fn regex(&self) -> &Regex {
        &self.compiled().regex
    }

    /// Capture group holding the secret.
    pub fn secret_group(&self) -> usize {
        self.compiled().secret_group
    }

    /// Secrets matching any of these are not reported.
    pub fn allow_regexes(&self) -> &[Regex] {
        &self.compiled().allow_regexes
    }

    /// Path scope and path allowlist.
    pub fn path_filter(&self) -> &PathFilter {
        &self.compiled().path_filter
    }

    /// Longest possible match in bytes, when the regex bounds it: a match
    /// that holds a keyword hit lies within this distance of it.
    pub fn max_match_len(&self) -> Option<usize> {
        self.compiled().max_match_len
    }

    /// Whether a match may span lines (private key blocks, multi-line
    /// context), so the regex must see the whole blob rather than windows
    /// around keyword hits.
    pub fn spans_lines(&self) -> bool {
        self.spans_lines
    }

    /// Whether this is a generic (provider-agnostic) rule, which loses to a
    /// provider rule when both match the same secret.
    pub fn is_generic(&self) -> bool {
        self.provider == "generic"
    }

    /// How much a match of this rule says about what the secret is, for
    /// choosing between rules that match the same bytes: generic rules
    /// least, then file-context rules, then provider token rules.
    pub fn specificity(&self) -> u8 {
        match (self.is_generic(), self.file_context) {
            (true, _) => 0,
            (false, true) => 1,
            (false, false) => 2,
        }
    }

    /// Whether one of the allowlists `open` (indices into [`Rule::allowlists`]
    /// left open by the content check) allows a match found at `path` in
    /// `commit`.
    pub fn allowed_at(&self, open: &[u32], path: Option<&Path>, commit: Option<&str>) -> bool {
        open.iter().any(|&i| {
            self.allowlists
                .get(i as usize)
                .is_some_and(|list| list.allows_at(path, commit))
        })
    }

    /// Texts that must yield a finding of this rule: generated ones first,
    /// then those written in the rule file.
    pub fn examples(&self) -> &[String] {
        &self.all_examples().0
    }

    /// Texts that must not yield a finding of this rule.
    pub fn negative_examples(&self) -> &[String] {
        &self.all_examples().1
    }

    fn all_examples(&self) -> &(Vec<String>, Vec<String>) {
        self.all_examples.get_or_init(|| {
            let (mut positive, mut negative) = self
                .generated_examples
                .as_ref()
                .map(keyed::ExampleSpec::generate)
                .unwrap_or_default();
            positive.extend(self.written_examples.iter().cloned());
            negative.extend(self.written_negative_examples.iter().cloned());
            (positive, negative)
        })
    }

    /// Whether the rule is one of the built-in packs.
    pub fn is_builtin(&self) -> bool {
        builtin::PACKS.iter().any(|(file, _)| *file == self.origin)
    }
}

/// Whether a pattern can match across lines: `(?s)`, `[\s\S]`, explicit
/// line breaks. Rules whose matches stay within a few lines of their
/// keyword are searched only in windows around keyword hits.
fn pattern_spans_lines(pattern: &str) -> bool {
    const MARKERS: &[&str] = &[r"\s\S", r"\S\s", r"\n", r"\r", r"\x0a", r"\x0A", r"\x0d", r"\x0D"];
    if MARKERS.iter().any(|m| pattern.contains(m)) {
        return true;
    }
    // A flag group such as `(?s)`, `(?is:` or `(?ms)` turns on dot-all.
    pattern.match_indices("(?").any(|(i, _)| {
        pattern[i + 2..]
            .chars()
            .take_while(|c| c.is_ascii_alphabetic())
            .any(|c| c == 's')
    })
}

fn globs(patterns: &[String], what: &str) -> Result<Option<PathPatterns>, String> {
    if patterns.is_empty() {
        return Ok(None);
    }
    let mut builder = GlobSetBuilder::new();
    for p in patterns {
        builder.add(Glob::new(p).map_err(|e| format!("{what} glob {p:?} is invalid: {e}"))?);
    }
    builder
        .build()
        .map(|set| Some(PathPatterns::Globs(set)))
        .map_err(|e| format!("{what} globs are invalid: {e}"))
}

/// Compiles a rule pattern. Unicode mode is off: tokens are ASCII, and
/// ASCII-only `\b`, `\s` and `\w` keep the fast DFA engines usable on
/// blobs that are not valid UTF-8 (Unicode word boundaries are not).
///
/// A pattern that needs Unicode mode (`\p{L}`, which imported gitleaks
/// rules may use) gets it rather than an error.
fn build_regex(pattern: &str) -> Result<Regex, regex::Error> {
    let build = |unicode: bool| {
        RegexBuilder::new(pattern)
            .unicode(unicode)
            .size_limit(16 << 20)
            .dfa_size_limit(16 << 20)
            .build()
    };
    build(false).or_else(|ascii_error| build(true).map_err(|_| ascii_error))
}

/// What loading one rule file did, for the line that names it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Loaded {
    /// Rules the file defined.
    pub rules: usize,
    /// Allowlists it added (gitleaks configs).
    pub allowlists: usize,
    /// Rules it disabled (gitleaks `disabledRules`).
    pub disabled: usize,
    /// It turned the built-in rules off (gitleaks configs without
    /// `useDefault = true`).
    pub builtin_off: bool,
    /// Parts that do not act as written, one sentence each.
    pub warnings: Vec<String>,
}

impl fmt::Display for Loaded {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} rule(s)", self.rules)?;
        if self.allowlists > 0 {
            write!(f, ", {} allowlist(s)", self.allowlists)?;
        }
        if self.disabled > 0 {
            write!(f, ", {} rule(s) disabled", self.disabled)?;
        }
        if self.builtin_off {
            f.write_str(", built-in rules off")?;
        }
        Ok(())
    }
}

/// Caps on what one rule file may ask of the scanner. A keyword of 20 KB
/// takes seconds to build into the prefilter and 100,000 rules take minutes
/// and gigabytes; a config found in the scanned tree is held to far less
/// than one the user names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LoadLimits {
    /// Rules per file.
    pub max_rules: usize,
    /// Bytes per keyword.
    pub max_keyword_len: usize,
    /// Keywords per rule.
    pub max_keywords: usize,
    /// Bytes per regex.
    pub max_pattern_len: usize,
}

impl LoadLimits {
    /// The limits for a file provided by `trust`.
    pub fn for_trust(trust: &Trust) -> Self {
        match trust {
            Trust::CommandLine => LoadLimits {
                max_rules: 20_000,
                max_keyword_len: 256,
                max_keywords: 256,
                max_pattern_len: 64 << 10,
            },
            Trust::Tree { .. } => LoadLimits {
                max_rules: 500,
                max_keyword_len: 64,
                max_keywords: 32,
                max_pattern_len: 4 << 10,
            },
        }
    }

    fn check(&self, file: &str, rules: &[RawRule]) -> Result<(), RuleError> {
        if rules.len() > self.max_rules {
            return Err(RuleError::Parse {
                file: file.to_string(),
                message: format!(
                    "{} rules, more than the {} one file may define here",
                    rules.len(),
                    self.max_rules
                ),
            });
        }
        for rule in rules {
            let invalid = |message: String| RuleError::Invalid {
                file: file.to_string(),
                id: rule.id.clone(),
                message,
            };
            if rule.keywords.len() > self.max_keywords {
                return Err(invalid(format!(
                    "{} keywords, more than the {} a rule may have here",
                    rule.keywords.len(),
                    self.max_keywords
                )));
            }
            if let Some(k) = rule.keywords.iter().find(|k| k.len() > self.max_keyword_len) {
                return Err(invalid(format!(
                    "a keyword of {} bytes, longer than the {} allowed here (keywords are short literals the prefilter looks for)",
                    k.len(),
                    self.max_keyword_len
                )));
            }
            if rule.regex.len() > self.max_pattern_len {
                return Err(invalid(format!(
                    "a regex of {} bytes, longer than the {} allowed here",
                    rule.regex.len(),
                    self.max_pattern_len
                )));
            }
        }
        Ok(())
    }
}

/// Reads a config file as `trust` allows.
pub(crate) fn read_config(path: &Path, trust: &Trust) -> Result<String, RuleError> {
    let max = if trust.is_tree() {
        safe_fs::MAX_TREE_FILE
    } else {
        safe_fs::MAX_NAMED_FILE
    };
    safe_fs::read_text(path, trust, max).map_err(RuleError::Read)
}

/// Parses TOML, describing an error by position without quoting the file.
pub(crate) fn parse_toml<T: serde::de::DeserializeOwned>(file: &str, text: &str) -> Result<T, RuleError> {
    toml::from_str(text).map_err(|e| RuleError::Parse {
        file: file.to_string(),
        message: safe_fs::describe_toml_error(&e, text),
    })
}

/// An ordered, validated collection of rules.
#[derive(Debug, Default)]
pub struct RuleSet {
    rules: Vec<Rule>,
}

/// How strictly to validate rules while loading.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Validation {
    /// Compile every regex now (user configs: fail early with a clear error).
    Eager,
    /// Compile regexes on first use (built-in packs, tested in CI).
    Lazy,
}

impl RuleSet {
    /// The rules compiled into the binary.
    pub fn builtin() -> Result<Self, RuleError> {
        let mut set = RuleSet::default();
        for (file, json) in builtin::PACKS {
            let pack: RawPack = serde_json::from_str(json).map_err(|e| RuleError::Parse {
                file: file.to_string(),
                message: e.to_string(),
            })?;
            set.add_raw(file, pack, Validation::Lazy, None)?;
        }
        Ok(set)
    }

    /// Reads a rule file from disk, a leakhound pack or a gitleaks config,
    /// and adds (or replaces, by id) its rules. `trust` says who provided
    /// the file: one found in the scanned tree is read only inside it, is
    /// capped (see [`LoadLimits`]), and may neither define live checks nor
    /// replace built-in rules. Returns what the file did and warnings about
    /// parts of a gitleaks config that do not act as they would in gitleaks.
    pub fn add_file(&mut self, path: &Path, trust: &Trust) -> Result<Loaded, RuleError> {
        let text = read_config(path, trust)?;
        let file = path.display().to_string();
        let table: toml::Table = parse_toml(&file, &text)?;
        if gitleaks::is_gitleaks_config(&table) {
            return gitleaks::load(self, path, table, trust);
        }
        // Parsed again from the text so errors carry line and column.
        let pack: RawPack = parse_toml(&file, &text)?;
        let rules = pack.rule.len();
        self.add_raw(&file, pack, Validation::Eager, Some(trust))?;
        Ok(Loaded {
            rules,
            ..Loaded::default()
        })
    }

    /// Parses a TOML rule pack and adds its rules; a rule with an id already
    /// present replaces the earlier one (so a config can override a built-in).
    pub fn add_pack(&mut self, file: &str, text: &str, validation: Validation) -> Result<(), RuleError> {
        let pack: RawPack = parse_toml(file, text)?;
        self.add_raw(file, pack, validation, None)
    }

    /// Adds parsed rules. `trust` is `None` for the built-in packs and for
    /// packs handed over in memory; a file's trust decides its limits.
    fn add_raw(
        &mut self,
        file: &str,
        mut pack: RawPack,
        validation: Validation,
        trust: Option<&Trust>,
    ) -> Result<(), RuleError> {
        let keyed = std::mem::take(&mut pack.keyed);
        pack.rule.reserve(keyed.len());
        for (index, entry) in keyed.into_iter().enumerate() {
            pack.rule.push(keyed::expand(file, index, entry)?);
        }
        // Limits apply to what the file expands to: a keyed row is a rule.
        if let Some(trust) = trust {
            LoadLimits::for_trust(trust).check(file, &pack.rule)?;
            if trust.is_tree() {
                self.refuse_untrusted(file, &pack.rule)?;
            }
        }
        let mut ids_in_file = HashSet::new();
        for raw in pack.rule {
            if !ids_in_file.insert(raw.id.clone()) {
                return Err(RuleError::Invalid {
                    file: file.to_string(),
                    id: raw.id,
                    message: "duplicate id in this file; ids must be unique".into(),
                });
            }
            let rule = compile(file, raw, validation)?;
            match self.rules.iter_mut().find(|r| r.id == rule.id) {
                Some(existing) => *existing = rule,
                None => self.rules.push(rule),
            }
        }
        Ok(())
    }

    /// What a config from the scanned tree may not do: define live checks
    /// (they could send found secrets, or whole files, to any host) or
    /// replace a built-in rule (with one that never matches).
    fn refuse_untrusted(&self, file: &str, rules: &[RawRule]) -> Result<(), RuleError> {
        let untrusted = |what: String| RuleError::Untrusted {
            file: file.to_string(),
            what,
        };
        if let Some(rule) = rules.iter().find(|r| r.verify.is_some()) {
            return Err(untrusted(format!(
                "rule {:?} carries a [rule.verify] live check",
                rule.id
            )));
        }
        if let Some(rule) = rules
            .iter()
            .find(|r| self.get(&r.id).is_some_and(Rule::is_builtin))
        {
            return Err(untrusted(format!(
                "rule {:?} would replace the built-in rule with that id",
                rule.id
            )));
        }
        Ok(())
    }

    /// All rules in load order.
    pub fn rules(&self) -> &[Rule] {
        &self.rules
    }

    /// Looks a rule up by id.
    pub fn get(&self, id: &str) -> Option<&Rule> {
        self.rules.iter().find(|r| r.id == id)
    }

    /// Number of rules.
    pub fn len(&self) -> usize {
        self.rules.len()
    }

    /// True when there are no rules.
    pub fn is_empty(&self) -> bool {
        self.rules.is_empty()
    }
}

/// A rule that reads a whole file found by its path: scoped by `paths`,
/// its regex anchored at the start of the blob.
fn is_whole_file_rule(raw: &RawRule) -> bool {
    !raw.paths.is_empty() && raw.regex.starts_with(r"\A")
}

fn compile(file: &str, raw: RawRule, validation: Validation) -> Result<Rule, RuleError> {
    let invalid = |message: String| RuleError::Invalid {
        file: file.to_string(),
        id: raw.id.clone(),
        message,
    };
    // gitleaks ids are checked (more loosely) when the config is converted.
    let id_ok = raw.dialect == Dialect::Gitleaks
        || raw.id.split('-').all(|part| {
            !part.is_empty() && part.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        });
    if !id_ok {
        return Err(invalid(
            "id must be kebab-case: lowercase letters, digits and single dashes".into(),
        ));
    }
    // gitleaks rules without keywords run on every blob, as in gitleaks;
    // the loader warns about them. A leakhound rule may go without only
    // when the file's path is the evidence and its content has no literal
    // (a Rails `master.key` is 32 hex digits): scoped by `paths` and
    // anchored at the blob's start, it costs one anchored attempt on a blob
    // whose path is not known yet (history) and nothing elsewhere.
    if raw.keywords.is_empty() && raw.dialect == Dialect::Leakhound && !is_whole_file_rule(&raw) {
        return Err(invalid(
            "keywords is empty; every rule needs at least one literal the prefilter can look for \
             (only a rule scoped by `paths` whose regex starts with \\A may go without)"
                .into(),
        ));
    }
    if raw.dialect == Dialect::Leakhound
        && let Some(k) = raw.keywords.iter().find(|k| k.len() < 3)
    {
        return Err(invalid(format!(
            "keyword {k:?} is shorter than 3 bytes and would make the prefilter useless"
        )));
    }
    if let Some(e) = raw.min_entropy
        && !(0.0..=8.0).contains(&e)
    {
        return Err(invalid(format!(
            "min_entropy = {e} is outside 0.0..=8.0 bits per byte"
        )));
    }
    if raw.rotation.summary.trim().is_empty() {
        return Err(invalid(
            "rotation.summary is empty; say what to do about a leak".into(),
        ));
    }
    let verify = raw
        .verify
        .map(crate::verify::VerifySpec::from_raw)
        .transpose()
        .map_err(|e| invalid(format!("[rule.verify]: {e}")))?
        .map(std::sync::Arc::new);
    let raw_pattern = raw.regex;
    let rule = Rule {
        keywords: if raw.match_keyword_case {
            raw.keywords.clone()
        } else {
            raw.keywords.iter().map(|k| k.to_ascii_lowercase()).collect()
        },
        match_keyword_case: raw.match_keyword_case,
        keyword_word_start: raw.keyword_word_start,
        stopwords: raw
            .allow
            .stopwords
            .iter()
            .map(|s| s.to_ascii_lowercase())
            .collect(),
        source: CompileSource {
            secret_group: raw.secret_group,
            allow_regexes: raw.allow.regexes,
            only_paths: raw.paths,
            only_path_regex: raw.path_regex,
            skip_paths: raw.allow.paths,
            dialect: raw.dialect,
        },
        id: raw.id.clone(),
        name: raw.name,
        provider: raw.provider,
        description: raw.description,
        severity: raw.severity,
        confidence: raw.confidence,
        pattern: raw_pattern.clone(),
        min_entropy: raw.min_entropy,
        require_random: raw.require_random,
        random_in: raw.random_in,
        word_start: raw.word_start,
        file_context: raw.file_context,
        checksum: raw.checksum,
        validate: raw.validate,
        check_placeholders: raw.check_placeholders,
        written_examples: raw.examples,
        written_negative_examples: raw.negative_examples,
        generated_examples: raw.generated_examples,
        all_examples: OnceLock::new(),
        example_path: raw.example_path,
        rotation: raw.rotation,
        verify,
        origin: file.to_string(),
        allowlists: raw.allowlists,
        tags: raw.tags,
        compiled: OnceLock::new(),
        spans_lines: pattern_spans_lines(&raw_pattern),
    };
    // Built-in rules compile on first use: compiling all of them on every
    // start would cost more than a pre-commit scan of a small change.
    if validation == Validation::Eager {
        rule.ensure_compiled().map_err(invalid)?;
        rule.check_verify().map_err(invalid)?;
    }
    Ok(rule)
}

#[cfg(test)]
mod tests {
    use super::*;

    const PACK: &str = r#"
[[rule]]
id = "demo-token"
name = "Demo token"
provider = "demo"
severity = "high"
confidence = "high"
keywords = ["demo_"]
regex = '''\b(demo_[a-z0-9]{8})\b'''
examples = ["x = demo_a1b2c3d4"]
negative_examples = ["demo_short"]
[rule.rotation]
summary = "Revoke it."
docs = "https://example.invalid/docs"
steps = ["a", "b", "c"]
"#;

    #[test]
    fn loads_and_defaults_secret_group() {
        let mut set = RuleSet::default();
        set.add_pack("demo.toml", PACK, Validation::Eager)
            .expect("valid pack");
        let rule = set.get("demo-token").expect("rule loaded");
        assert_eq!(rule.secret_group(), 1);
        assert!(rule.check_placeholders);
        assert!(rule.regex().is_match(b"demo_a1b2c3d4"));
    }

    #[test]
    fn bad_regex_names_file_and_rule() {
        let text = PACK.replace(r"\b(demo_[a-z0-9]{8})\b", r"(demo_[a-z");
        let err = RuleSet::default()
            .add_pack("mine.toml", &text, Validation::Eager)
            .expect_err("regex is broken");
        let msg = err.to_string();
        assert!(
            msg.contains("mine.toml") && msg.contains("demo-token") && msg.contains("regex"),
            "{msg}"
        );
    }

    #[test]
    fn unknown_key_is_a_parse_error_with_position() {
        let text = PACK.replace("confidence = \"high\"", "confidence = \"high\"\nsevertiy = 1");
        let err = RuleSet::default()
            .add_pack("typo.toml", &text, Validation::Eager)
            .expect_err("unknown key");
        let msg = err.to_string();
        assert!(msg.contains("typo.toml") && msg.contains("severtiy"), "{msg}");
    }

    #[test]
    fn later_pack_overrides_by_id() {
        let mut set = RuleSet::default();
        set.add_pack("a.toml", PACK, Validation::Eager).expect("valid");
        set.add_pack(
            "b.toml",
            &PACK.replace("Demo token", "Override"),
            Validation::Eager,
        )
        .expect("valid");
        assert_eq!(set.len(), 1);
        assert_eq!(set.rules()[0].name, "Override");
    }

    #[test]
    fn secret_group_out_of_range_is_rejected() {
        let text = PACK.replace("confidence = \"high\"", "confidence = \"high\"\nsecret_group = 3");
        let err = RuleSet::default()
            .add_pack("g.toml", &text, Validation::Eager)
            .expect_err("group 3 does not exist");
        assert!(err.to_string().contains("secret_group"));
    }

    #[test]
    fn line_spanning_patterns_are_recognised() {
        assert!(pattern_spans_lines(r"-----BEGIN[\s\S]{10,}?-----END"));
        assert!(pattern_spans_lines(r"(?s)BEGIN.+END"));
        assert!(pattern_spans_lines(r"(?is:begin.+end)"));
        assert!(pattern_spans_lines(r"Private-Lines: \d+\r?\n"));
        assert!(!pattern_spans_lines(r"(?i)\b(ghp_[A-Za-z0-9]{36})\b"));
        assert!(!pattern_spans_lines(r"(?i:secret)\s{0,3}=\s{0,3}(\S+)"));
    }

    #[test]
    fn builtin_rules_load() {
        let set = RuleSet::builtin().expect("built-in packs are valid");
        assert!(!set.is_empty());
    }

    /// A later pack replaces a rule with the same id, which is what a user
    /// config wants; between built-in packs it would silently drop a rule.
    #[test]
    fn builtin_rule_ids_are_unique_across_packs() {
        let mut seen = std::collections::HashMap::new();
        let mut clashes = Vec::new();
        for (file, json) in builtin::PACKS {
            let pack: RawPack = serde_json::from_str(json).expect("built-in pack parses");
            for rule in pack.rule {
                if let Some(first) = seen.insert(rule.id.clone(), *file) {
                    clashes.push(format!("{} in {first} and {file}", rule.id));
                }
            }
        }
        assert!(clashes.is_empty(), "rule ids defined twice: {clashes:?}");
    }
}
