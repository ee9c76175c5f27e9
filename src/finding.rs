//! Findings: what a report says about one secret, in the JSON contract's shape.

mod context;

pub use context::Context;

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::{
    engine::{DecodedHit, Engine, Match},
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
    /// The repository the finding is in (URL without credentials), in
    /// reports of many repositories (`scan-repos`, `merge`); absent otherwise.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub repository: Option<String>,
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
    /// The secret's bytes, so that every other copy of it in what a report
    /// shows (snippets, commit subjects) can be redacted; never serialized,
    /// hidden in `Debug`.
    #[serde(skip)]
    pub raw_secret: RawSecret,
}

/// A secret's bytes, kept out of `Debug` output and serialization.
#[derive(Clone, Default, PartialEq, Eq)]
pub struct RawSecret(pub Vec<u8>);

impl std::fmt::Debug for RawSecret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "RawSecret(<{} bytes>)", self.0.len())
    }
}

/// Hides every copy of a run's secrets, and of their base64, hex and
/// percent-encoded forms, in the free text a report shows: a snippet may
/// hold a second copy of the secret, its base64 form or the same password
/// inside a URL, and a commit subject may hold a secret found in it.
pub struct Redactor {
    patterns: Option<aho_corasick::AhoCorasick>,
}

/// Shortest secret whose copies are looked for: shorter ones would hide
/// ordinary words.
const MIN_REDACTED_LEN: usize = 4;
/// Shortest encoded form looked for.
const MIN_ENCODED_LEN: usize = 8;

impl Redactor {
    /// A redactor for the secrets of `findings` (whether reported or not:
    /// a suppressed finding's secret is still a secret).
    pub fn for_findings(findings: &[Finding]) -> Self {
        Self::new(findings.iter().map(|f| f.raw_secret.0.as_slice()))
    }

    /// A redactor for `secrets` and their encoded forms.
    pub fn new<'a>(secrets: impl IntoIterator<Item = &'a [u8]>) -> Self {
        let mut forms: std::collections::BTreeSet<Vec<u8>> = std::collections::BTreeSet::new();
        for secret in secrets {
            if secret.len() < MIN_REDACTED_LEN {
                continue;
            }
            forms.insert(secret.to_vec());
            for form in encoded_forms(secret) {
                if form.len() >= MIN_ENCODED_LEN {
                    forms.insert(form);
                }
            }
        }
        let patterns = (!forms.is_empty())
            .then(|| {
                aho_corasick::AhoCorasick::builder()
                    .match_kind(aho_corasick::MatchKind::LeftmostLongest)
                    .build(&forms)
                    .ok()
            })
            .flatten();
        Redactor { patterns }
    }

    /// `text` with every copy of a secret replaced by its redacted form.
    pub fn redact(&self, text: &str) -> String {
        let Some(patterns) = &self.patterns else {
            return text.to_string();
        };
        let mut out = String::with_capacity(text.len());
        let mut last = 0;
        for m in patterns.find_iter(text) {
            // Matches on bytes may split a character; such a copy is left
            // alone rather than cutting the text mid-character.
            let (Some(before), Some(found)) = (text.get(last..m.start()), text.get(m.start()..m.end()))
            else {
                continue;
            };
            out.push_str(before);
            out.push_str(&redact(found));
            last = m.end();
        }
        out.push_str(text.get(last..).unwrap_or_default());
        out
    }

    /// Redacts the snippets and commit subjects of `findings`.
    pub fn apply(&self, findings: &mut [Finding]) {
        if self.patterns.is_none() {
            return;
        }
        for f in findings {
            f.location.snippet = self.redact(&f.location.snippet);
            if let Some(message) = f.git.as_mut().and_then(|g| g.message.as_mut()) {
                *message = self.redact(message);
            }
        }
    }
}

/// The forms a secret takes when encoded: base64 (standard and URL-safe, at
/// each of the three byte alignments it can have inside a longer encoded
/// text, keeping only the characters that depend on the secret alone), hex
/// in both cases, and percent-encoding.
fn encoded_forms(secret: &[u8]) -> Vec<Vec<u8>> {
    use base64::Engine as _;
    let mut forms = Vec::new();
    for engine in [
        &base64::engine::general_purpose::STANDARD_NO_PAD,
        &base64::engine::general_purpose::URL_SAFE_NO_PAD,
    ] {
        for align in 0..3usize {
            let mut padded = vec![0u8; align];
            padded.extend_from_slice(secret);
            let encoded = engine.encode(&padded);
            // Character i covers bits 6i..6i+6; keep those inside the secret.
            let first = (8 * align).div_ceil(6);
            let end = (8 * (align + secret.len())) / 6;
            if let Some(inner) = encoded.as_bytes().get(first..end) {
                forms.push(inner.to_vec());
            }
        }
    }
    let hex: String = secret.iter().map(|b| format!("{b:02x}")).collect();
    forms.push(hex.to_ascii_uppercase().into_bytes());
    forms.push(hex.into_bytes());
    let percent: String = secret
        .iter()
        .map(|&b| {
            if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') {
                char::from(b).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect();
    if percent.as_bytes() != secret {
        forms.push(percent.to_ascii_lowercase().into_bytes());
        forms.push(percent.into_bytes());
    }
    forms
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
/// another run on the same line, is reported once. Nothing is reported from
/// a run that lies inside a provider token found in plain text: a token
/// that is itself encoded (UploadThing's base64 JSON holding an `sk_live_`
/// key) is one credential, and its provider rule already names it.
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
    let inside_plain_token = |hit: &DecodedHit| {
        plain.iter().any(|m| {
            engine.rule(m).specificity() == 2
                && m.secret.start <= hit.encoded.start
                && hit.encoded.end <= m.secret.end
        })
    };
    let mut out = Vec::new();
    for hit in hits.iter().filter(|hit| !inside_plain_token(hit)) {
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
            repository: None,
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
            raw_secret: RawSecret(raw.to_vec()),
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
    fn every_copy_and_encoded_form_of_a_secret_is_redacted() {
        use base64::Engine as _;
        let secret = b"Zk3vQ9wLp2Rt7Yx1";
        let redactor = Redactor::new([secret.as_slice()]);
        let b64 = base64::engine::general_purpose::STANDARD.encode(secret);
        let b64_shifted = base64::engine::general_purpose::STANDARD.encode(b"xy:Zk3vQ9wLp2Rt7Yx1:z");
        let line = format!(
            "a=Zk3vQ9wLp2Rt7Yx1 b=Zk3vQ9wLp2Rt7Yx1 c={b64} d={b64_shifted} e=5a6b33765139774c7032527437597831"
        );
        let shown = redactor.redact(&line);
        assert!(!shown.contains("Zk3vQ9wLp2Rt7Yx1"), "{shown}");
        assert!(!shown.contains(&b64[2..20]), "{shown}");
        assert!(!shown.contains(&b64_shifted[6..24]), "{shown}");
        assert!(!shown.contains("765139774c7032527437"), "{shown}");
        assert!(shown.starts_with("a=Zk3\u{2026}(redacted) b="), "{shown}");

        let password = Redactor::new([b"p@ss:w0rd/x".as_slice()]);
        let url = password.redact("pw=p@ss:w0rd/x url=postgres://app:p%40ss%3Aw0rd%2Fx@db/x"); // leakhound:allow
        assert!(
            !url.contains("p%40ss%3Aw0rd%2Fx") && !url.contains("p@ss:w0rd/x"),
            "{url}"
        );
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
