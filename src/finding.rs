//! Findings: what a report says about one secret, in the JSON contract's shape.

mod context;

pub use context::Context;

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::{
    engine::{DecodedHit, Engine, Match, Scratch},
    rules::{Confidence, Rotation, Rule, Severity},
    verify::VerifyInput,
};

/// Bytes of context kept on each side of a secret in a snippet.
const SNIPPET_CONTEXT: usize = 80;

/// One reported secret.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Finding {
    /// Id of the rule that matched.
    pub rule_id: String,
    /// Name of the rule that matched.
    pub rule_name: String,
    /// Provider slug of the rule.
    pub provider: String,
    /// What an attacker gets.
    pub severity: Severity,
    /// How sure the match is.
    pub confidence: Confidence,
    /// The secret, redacted unless the user asked to see secrets.
    pub secret: String,
    /// SHA-256 of the secret bytes, hex; always present.
    pub secret_sha256: String,
    /// `rule_id:secret_sha256`: stable across lines, commits and rebases.
    pub fingerprint: String,
    /// Shannon entropy of the secret, bits per byte.
    pub entropy: f64,
    /// Where the secret is.
    pub location: Location,
    /// History provenance (history scans only).
    pub git: Option<GitProvenance>,
    /// How the bytes were reached.
    pub source: Source,
    /// Liveness check outcome.
    pub verification: Verification,
    /// What to do about it.
    pub rotation: Rotation,
    /// The rule's allowlists still to be checked against the place (path,
    /// commit) where the secret is reported; not part of the report.
    #[serde(skip)]
    pub open_allowlists: Vec<u32>,
    /// The secret and companion values a live check needs (rules with
    /// `[rule.verify]` only); never serialized, hidden in `Debug`.
    #[serde(skip)]
    pub verify_input: Option<VerifyInput>,
}

/// Position of a finding.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Location {
    /// Path of the file (null for stdin and commit messages).
    pub path: Option<String>,
    /// What kind of place the secret sits in.
    pub kind: LocationKind,
    /// 1-based first line.
    pub line: usize,
    /// 1-based first column, in characters.
    pub column: usize,
    /// 1-based last line.
    pub end_line: usize,
    /// 1-based column after the last character.
    pub end_column: usize,
    /// The line around the secret (secrets in it redacted unless asked).
    pub snippet: String,
    /// Whether the place is code, a test, documentation or an example
    /// (from the path; reports read before it existed say `code`).
    #[serde(default)]
    pub context: Context,
}

/// What kind of place a secret was found in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum LocationKind {
    /// A file's content.
    File,
    /// Standard input.
    Stdin,
    /// A commit or tag message.
    CommitMessage,
}

/// Commit that introduced a secret (history scans).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GitProvenance {
    /// Commit id; null for a blob that no commit holds (added, then never committed).
    pub commit: Option<String>,
    /// Author name.
    pub author: Option<String>,
    /// Author email.
    pub email: Option<String>,
    /// Author date, RFC 3339.
    pub date: Option<String>,
    /// First line of the commit message.
    pub message: Option<String>,
    /// Id of the blob holding the secret (null for commit messages).
    pub blob: Option<String>,
    /// How many places in history hold the same secret: file versions and
    /// commit messages (with `--all-occurrences`, every path each one had).
    pub occurrences: u64,
    /// No ref reaches the object any more.
    pub unreachable: bool,
    /// Every place the secret was found (`--all-occurrences` only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub locations: Option<Vec<Occurrence>>,
}

/// One more place in history that holds a secret (`--all-occurrences`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Occurrence {
    /// Commit that introduced the secret at this place.
    pub commit: Option<String>,
    /// Path in that commit (null for a commit message).
    pub path: Option<String>,
    /// Blob holding the secret (null for a commit message).
    pub blob: Option<String>,
    /// 1-based line.
    pub line: usize,
    /// 1-based column.
    pub column: usize,
    /// No ref reaches this place any more.
    pub unreachable: bool,
}

/// Which scanner source produced the bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SourceKind {
    /// A directory walk.
    Dir,
    /// Standard input.
    Stdin,
    /// Git history.
    Git,
    /// Staged changes (the index against HEAD).
    Staged,
    /// A container image.
    Image,
}

/// How the bytes holding a secret were reached.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Source {
    /// Scanner source.
    pub kind: SourceKind,
    /// Image layer (index and digest), for image scans.
    pub layer: Option<String>,
    /// Member path inside an archive (`outer.tgz!inner.zip!path`).
    pub archive_member: Option<String>,
    /// Decoder that revealed the secret (`base64`, `hex` …).
    pub decoded: Option<String>,
}

impl Source {
    /// A plain source with no nesting.
    pub fn plain(kind: SourceKind) -> Self {
        Source {
            kind,
            layer: None,
            archive_member: None,
            decoded: None,
        }
    }
}

/// Liveness verification outcome.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Verification {
    /// Outcome.
    pub status: VerificationStatus,
    /// Evidence: endpoint, status, identity; never the secret.
    pub detail: Option<String>,
}

impl Default for Verification {
    fn default() -> Self {
        Verification {
            status: VerificationStatus::NotChecked,
            detail: None,
        }
    }
}

/// Result of a liveness check.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum VerificationStatus {
    /// The provider accepted the credential.
    Verified,
    /// The provider rejected it.
    Invalid,
    /// The check could not decide.
    Unknown,
    /// No check was made.
    NotChecked,
}

/// Where a blob came from, as far as a finding needs to know.
#[derive(Debug, Clone)]
pub struct Origin {
    /// Display path, if the blob is a file.
    pub path: Option<String>,
    /// Kind of place.
    pub kind: LocationKind,
    /// Source description.
    pub source: Source,
}

/// How matches become findings: the user's reporting choices.
#[derive(Debug, Clone, Copy, Default)]
pub struct FindingOptions {
    /// Print secrets in full instead of redacted.
    pub show_secrets: bool,
    /// Drop findings below this severity.
    pub min_severity: Option<Severity>,
}

/// Turns a blob's matches into findings, applying the severity floor.
pub fn findings_for(
    engine: &Engine,
    blob: &[u8],
    matches: &[Match],
    origin: &Origin,
    options: FindingOptions,
) -> Vec<Finding> {
    matches
        .iter()
        .filter(|m| {
            options
                .min_severity
                .is_none_or(|floor| engine.rule(m).severity >= floor)
        })
        .map(|m| Finding::new(engine.rule(m), m, blob, matches, origin, options.show_secrets))
        .collect()
}

/// Turns what decoders revealed in a blob into findings located at the
/// encoded text, with `source.decoded` naming the decoders. A secret also
/// found in plain text in the same blob (`plain`), or already decoded from
/// another run on the same line, is reported once.
pub fn decoded_findings(
    engine: &Engine,
    blob: &[u8],
    plain: &[Match],
    hits: &[DecodedHit],
    origin: &Origin,
    options: FindingOptions,
) -> Vec<Finding> {
    let mut seen: std::collections::HashSet<(usize, &[u8], usize)> = std::collections::HashSet::new();
    let plain_secrets: std::collections::HashSet<(usize, &[u8])> =
        plain.iter().map(|m| (m.rule, &blob[m.secret.clone()])).collect();
    let mut out = Vec::new();
    for hit in hits {
        let mut origin = origin.clone();
        origin.source.decoded = Some(match &origin.source.decoded {
            Some(outer) => format!("{outer}>{}", hit.chain),
            None => hit.chain.clone(),
        });
        for m in &hit.matches {
            let secret = &hit.text[m.secret.clone()];
            if plain_secrets.contains(&(m.rule, secret)) || !seen.insert((m.rule, secret, hit.line)) {
                continue;
            }
            let mut found = findings_for(engine, &hit.text, std::slice::from_ref(m), &origin, options);
            for f in &mut found {
                f.location.line = hit.line;
                f.location.column = hit.column;
                f.location.end_line = hit.end_line;
                f.location.end_column = hit.end_column;
            }
            out.append(&mut found);
        }
    }
    out
}

/// The finding for a binary keystore holding a private key (PKCS#12, JKS,
/// JCEKS), reported under the rule for its kind with the file's base64 as
/// the secret: the same fingerprint as the same keystore embedded as base64
/// text in a config file, so both are one finding.
pub fn keystore_finding(
    engine: &Engine,
    data: &[u8],
    origin: &Origin,
    options: FindingOptions,
) -> Option<Finding> {
    use base64::Engine as _;

    let kind = crate::engine::keystore::detect(data)?;
    let index = engine
        .rules()
        .rules()
        .iter()
        .position(|r| r.id == kind.rule_id())?;
    let text = base64::engine::general_purpose::STANDARD.encode(data);
    let m = Match {
        rule: index,
        secret: 0..text.len(),
        full: 0..text.len(),
        entropy: crate::engine::entropy::shannon(text.as_bytes()),
        confidence: engine.rules().rules()[index].confidence,
        line: 1,
        column: 1,
        end_line: 1,
        end_column: text.len() + 1,
        open_allowlists: Vec::new(),
    };
    findings_for(engine, text.as_bytes(), std::slice::from_ref(&m), origin, options).pop()
}

/// Drops the plain matches of file-context rules (a Kubernetes Secret's
/// base64 value) whose secret holds an encoded run the decoders resolved
/// to a token rule's match: the decoded finding names the credential, and
/// one leak should raise one alert.
pub fn drop_superseded(engine: &Engine, plain: &mut Vec<Match>, hits: &[DecodedHit]) {
    if hits.is_empty() {
        return;
    }
    plain.retain(|m| {
        !engine.rule(m).file_context
            || !hits.iter().any(|hit| {
                hit.encoded.start < m.secret.end
                    && m.secret.start < hit.encoded.end
                    && hit.matches.iter().any(|d| !engine.rule(d).file_context)
            })
    });
}

/// Scans a blob whose path is known (or absent) and returns its findings:
/// plain matches first, then what the engine's decoders reveal. The entry
/// point for sources that scan whole blobs (dir, stdin, archive members,
/// image layers).
pub fn scan_findings(
    engine: &Engine,
    blob: &[u8],
    path: Option<&std::path::Path>,
    origin: &Origin,
    options: FindingOptions,
    scratch: &mut Scratch,
) -> Vec<Finding> {
    if crate::source::binary_keystore(blob) {
        return keystore_finding(engine, blob, origin, options)
            .into_iter()
            .collect();
    }
    let mut matches = engine.scan(blob, path, scratch);
    let hits = engine.scan_decoded(blob, path, scratch);
    drop_superseded(engine, &mut matches, &hits);
    let mut findings = findings_for(engine, blob, &matches, origin, options);
    findings.extend(decoded_findings(engine, blob, &matches, &hits, origin, options));
    findings
}

/// Hex SHA-256 of `bytes`.
pub fn sha256_hex(bytes: &[u8]) -> String {
    let digest = Sha256::digest(bytes);
    let mut out = String::with_capacity(64);
    for b in digest {
        out.push(char::from_digit(u32::from(b >> 4), 16).expect("nibble < 16"));
        out.push(char::from_digit(u32::from(b & 0xF), 16).expect("nibble < 16"));
    }
    out
}

/// Shows the first few characters of a secret and hides the rest.
pub fn redact(secret: &str) -> String {
    let reveal = (secret.chars().count() / 5).min(6);
    let shown: String = secret.chars().take(reveal).filter(|c| !c.is_control()).collect();
    format!("{shown}\u{2026}(redacted)")
}

impl Finding {
    /// Builds the finding for `m` in `blob`. `all` holds every match of the
    /// blob so that other secrets on the snippet's line are redacted too.
    pub fn new(
        rule: &Rule,
        m: &Match,
        blob: &[u8],
        all: &[Match],
        origin: &Origin,
        show_secrets: bool,
    ) -> Self {
        let raw = &blob[m.secret.clone()];
        let secret_sha256 = sha256_hex(raw);
        let plain = String::from_utf8_lossy(raw);
        let display = |s: &str| if show_secrets { s.to_string() } else { redact(s) };
        Finding {
            rule_id: rule.id.clone(),
            rule_name: rule.name.clone(),
            provider: rule.provider.clone(),
            severity: rule.severity,
            confidence: m.confidence,
            secret: display(&plain),
            fingerprint: format!("{}:{secret_sha256}", rule.id),
            secret_sha256,
            entropy: (m.entropy * 100.0).round() / 100.0,
            location: Location {
                path: origin.path.clone(),
                kind: origin.kind,
                line: m.line,
                column: m.column,
                end_line: m.end_line,
                end_column: m.end_column,
                snippet: snippet(blob, m, all, &display),
                context: Context::Code,
            },
            git: None,
            source: origin.source.clone(),
            verification: Verification::default(),
            rotation: rule.rotation.clone(),
            open_allowlists: m.open_allowlists.clone(),
            verify_input: VerifyInput::capture(rule, m, blob),
        }
    }
}

impl Finding {
    /// Records where the finding sits, `path` being its path relative to
    /// the scan root: a test, documentation or an example lowers the
    /// confidence one step. Only the first call with a context other than
    /// code lowers it, so placing a finding twice changes nothing more.
    pub fn place(&mut self, path: &str) {
        let context = Context::of_path(path);
        if self.location.context == Context::Code && context.lowers_confidence() {
            self.confidence = self.confidence.lowered();
        }
        if self.location.context == Context::Code {
            self.location.context = context;
        }
    }
}

/// The text around a secret on its first line, every secret in it passed
/// through `display` (redaction), cut to a bounded window.
fn snippet(blob: &[u8], m: &Match, all: &[Match], display: &dyn Fn(&str) -> String) -> String {
    let lo = m.secret.start.saturating_sub(SNIPPET_CONTEXT);
    let line_start = memchr::memrchr(b'\n', &blob[lo..m.secret.start]).map_or(lo, |i| lo + i + 1);
    let hi = (m.secret.start + SNIPPET_CONTEXT.max(m.secret.len()) + SNIPPET_CONTEXT).min(blob.len());
    let line_end = memchr::memchr(b'\n', &blob[m.secret.start..hi]).map_or(hi, |i| m.secret.start + i);
    let mut start = line_start;
    while start < m.secret.start && (blob[start] & 0xC0) == 0x80 {
        start += 1;
    }
    let mut end = line_end;
    while end > m.secret.end.min(line_end) && end < blob.len() && (blob[end] & 0xC0) == 0x80 {
        end -= 1;
    }

    let mut out = String::new();
    let mut pos = start;
    for other in all
        .iter()
        .filter(|o| o.secret.start < end && o.secret.end > start)
    {
        let s = other.secret.start.max(start);
        if s < pos {
            continue;
        }
        out.push_str(&String::from_utf8_lossy(&blob[pos..s]));
        let e = other.secret.end.min(end);
        out.push_str(&display(&String::from_utf8_lossy(&blob[other.secret.clone()])));
        pos = e.max(s);
    }
    if pos < end {
        out.push_str(&String::from_utf8_lossy(&blob[pos..end]));
    }
    let cleaned: String = out
        .chars()
        .map(|c| if c.is_control() && c != '\t' { ' ' } else { c })
        .collect();
    cleaned.trim().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sha256_matches_known_vector() {
        assert_eq!(
            sha256_hex(b"abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }

    #[test]
    fn redaction_reveals_a_short_prefix_only() {
        assert_eq!(
            redact("ghp_abcdefghijklmnopqrstuvwxyz0123456789"),
            "ghp_ab\u{2026}(redacted)"
        );
        assert_eq!(redact("hunter2"), "h\u{2026}(redacted)");
        assert_eq!(redact("abc"), "\u{2026}(redacted)");
    }

    fn at(start: usize, end: usize) -> Match {
        Match {
            rule: 0,
            secret: start..end,
            full: start..end,
            entropy: 0.0,
            confidence: Confidence::High,
            line: 1,
            column: 1,
            end_line: 1,
            end_column: 1,
            open_allowlists: Vec::new(),
        }
    }

    #[test]
    fn snippet_redacts_every_secret_on_the_line() {
        let blob = b"before\nid=AKIA1111 key=SECRET22 tail\nafter";
        let a = at(10, 18);
        let b = at(23, 31);
        let all = [a.clone(), b];
        let s = snippet(blob, &a, &all, &|s: &str| format!("<{}>", s.len()));
        assert_eq!(s, "id=<8> key=<8> tail");
    }

    #[test]
    fn snippet_is_bounded_on_long_lines() {
        let mut blob = vec![b'a'; 10_000];
        blob.extend_from_slice(b"SECRET");
        blob.extend(vec![b'b'; 10_000]);
        let m = at(10_000, 10_006);
        let s = snippet(&blob, &m, std::slice::from_ref(&m), &|s: &str| s.to_string());
        assert!(s.len() <= 2 * SNIPPET_CONTEXT + 6 + 80, "{}", s.len());
        assert!(s.contains("SECRET"));
    }
}
