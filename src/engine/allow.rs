//! Suppression: values that are not secrets (placeholders, references,
//! redactions, hash formats, code), and inline `leakhound:allow` markers.
//!
//! The value filter is data, `rules/data/not-secrets.toml`, embedded at
//! build time: each form there carries examples it must catch and values
//! it must let through, and the tests below prove both.

use std::sync::OnceLock;

use aho_corasick::AhoCorasick;
use memchr::memmem;
use regex::bytes::{Regex, RegexSet, RegexSetBuilder};
use serde::Deserialize;

/// The filter data, as written.
const NOT_SECRETS: &str = include_str!("../../rules/data/not-secrets.toml");

/// Markers that suppress every match on their line.
const INLINE_ALLOW_MARKERS: &[&[u8]] = &[b"leakhound:allow", b"gitleaks:allow"];

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Data {
    placeholder: PlaceholderData,
    form: Vec<Form>,
    generic: GenericData,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct PlaceholderData {
    values: Vec<String>,
    parts: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct GenericData {
    stand_in_words: Vec<String>,
}

/// One pattern of values that are not secrets.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Form {
    /// `reference`, `encrypted`, `redacted`, `placeholder`, `hash`, `code`
    /// or `identifier`.
    pub kind: String,
    /// What the form describes, for people reading the data.
    pub what: String,
    /// Regex matched against the value.
    pub pattern: String,
    /// Only generic rules use it (it describes code, not data).
    #[serde(default)]
    pub generic_only: bool,
    /// Values the form must catch.
    pub examples: Vec<String>,
    /// Values the form must not catch.
    pub passes: Vec<String>,
}

/// The compiled value filter.
#[derive(Debug)]
pub struct ValueFilter {
    whole: Vec<Vec<u8>>,
    parts: AhoCorasick,
    universal: RegexSet,
    code: RegexSet,
    identifier: RegexSet,
    stand_in: Regex,
    forms: Vec<Form>,
}

impl ValueFilter {
    fn from_data(text: &str) -> Result<Self, String> {
        let data: Data = toml::from_str(text).map_err(|e| format!("not-secrets data: {e}"))?;
        let whole = data
            .placeholder
            .values
            .iter()
            .map(|v| v.to_ascii_lowercase().into_bytes())
            .collect();
        let parts = AhoCorasick::builder()
            .ascii_case_insensitive(true)
            .build(&data.placeholder.parts)
            .map_err(|e| format!("placeholder parts: {e}"))?;
        let set = |wanted: &dyn Fn(&Form) -> bool| {
            let patterns: Vec<&str> = data
                .form
                .iter()
                .filter(|f| wanted(f))
                .map(|f| f.pattern.as_str())
                .collect();
            RegexSetBuilder::new(patterns)
                .unicode(false)
                .size_limit(8 << 20)
                .build()
                .map_err(|e| format!("value forms: {e}"))
        };
        let mut words: Vec<String> = data
            .generic
            .stand_in_words
            .iter()
            .map(|w| regex::escape(&w.to_ascii_lowercase()))
            .collect();
        // Longest first, so "password" wins over "pass" in the alternation.
        words.sort_by_key(|w| std::cmp::Reverse(w.len()));
        words.dedup();
        let stand_in = Regex::new(&format!(
            "(?i-u)^[^a-z]*(?:(?:{})[^a-z]*){{1,3}}$",
            words.join("|")
        ))
        .map_err(|e| format!("stand-in words: {e}"))?;
        Ok(ValueFilter {
            whole,
            parts,
            universal: set(&|f| !f.generic_only)?,
            code: set(&|f| f.generic_only && f.kind != "identifier")?,
            identifier: set(&|f| f.kind == "identifier")?,
            stand_in,
            forms: data.form,
        })
    }

    /// The forms of the filter, as loaded.
    pub fn forms(&self) -> &[Form] {
        &self.forms
    }
}

/// The built-in value filter.
pub fn filter() -> &'static ValueFilter {
    static FILTER: OnceLock<ValueFilter> = OnceLock::new();
    FILTER.get_or_init(|| {
        // The data is compiled in and proven by the tests below.
        ValueFilter::from_data(NOT_SECRETS).expect("rules/data/not-secrets.toml is valid")
    })
}

/// Whether `secret` is a placeholder, a template or reference, a redacted
/// or encrypted value or a password hash rather than a credential: the
/// filter every rule with `check_placeholders` applies.
pub fn is_placeholder(secret: &[u8]) -> bool {
    let filter = filter();
    if filter.whole.iter().any(|v| v.eq_ignore_ascii_case(secret)) {
        return true;
    }
    if filter.parts.is_match(secret) || filter.universal.is_match(secret) {
        return true;
    }
    has_long_run(secret) || has_ascending_run(secret) || ascending_runs(secret, 4) >= 2
}

/// Whether a generic rule's value is code rather than data: a constant or
/// snake_case name, a path, a URL without credentials, a number, a
/// template fragment.
pub fn is_code_value(secret: &[u8]) -> bool {
    filter().code.is_match(secret)
}

/// Whether a generic rule's value is a camelCase or PascalCase name: a
/// variable or type when unquoted in code.
pub fn is_identifier(secret: &[u8]) -> bool {
    filter().identifier.is_match(secret)
}

/// Whether `secret` is a stand-in word dressed up (`password1`,
/// `Secret123!`, `admin@123`, `testpass`): what people type where a value
/// is needed and none is meant.
pub fn is_stand_in(secret: &[u8]) -> bool {
    let stand_in = &filter().stand_in;
    if stand_in.is_match(secret) {
        return true;
    }
    // Leetspeak: `P@55w0rd!` is `Password!` to a reader. Only a value
    // that mixes letters with look-alikes is read that way, so `admin123`
    // keeps its digits as decoration.
    let read: Vec<u8> = secret
        .iter()
        .map(|&b| match b {
            b'@' | b'4' => b'a',
            b'3' => b'e',
            b'1' => b'i',
            b'0' => b'o',
            b'5' | b'$' => b's',
            b'7' => b't',
            _ => b,
        })
        .collect();
    read != secret && stand_in.is_match(&read)
}

/// Six or more identical bytes in a row (`000000`, `aaaaaa`).
fn has_long_run(s: &[u8]) -> bool {
    s.chunk_by(|a, b| a.eq_ignore_ascii_case(b))
        .any(|run| run.len() >= 6)
}

/// How many runs of at least `min` consecutive ascending digits or letters
/// `s` holds (`abcd1234efgh5678` has four of four). One short run happens
/// in real keys; two are typed.
fn ascending_runs(s: &[u8], min: usize) -> usize {
    let mut runs = 0;
    let mut run = 1;
    for w in s.windows(2) {
        let (a, b) = (w[0].to_ascii_lowercase(), w[1].to_ascii_lowercase());
        let ascending =
            a.is_ascii_alphanumeric() && b == a.wrapping_add(1) && (a.is_ascii_digit() == b.is_ascii_digit());
        run = if ascending { run + 1 } else { 1 };
        if run == min {
            runs += 1;
        }
    }
    runs
}

/// Six or more consecutive ascending digits or letters (`123456`, `abcdef`).
fn has_ascending_run(s: &[u8]) -> bool {
    let mut run = 1;
    for w in s.windows(2) {
        let (a, b) = (w[0].to_ascii_lowercase(), w[1].to_ascii_lowercase());
        let ascending =
            a.is_ascii_alphanumeric() && b == a.wrapping_add(1) && (a.is_ascii_digit() == b.is_ascii_digit());
        run = if ascending { run + 1 } else { 1 };
        if run >= 6 {
            return true;
        }
    }
    false
}

/// Whether `line` carries an inline suppression marker.
pub fn line_is_allowed(line: &[u8]) -> bool {
    // Cheap guard: both markers contain ":allow".
    memmem::find(line, b":allow").is_some()
        && INLINE_ALLOW_MARKERS
            .iter()
            .any(|m| memmem::find(line, m).is_some())
}

/// Whether `secret` contains one of the (lowercase) stopwords.
pub fn contains_stopword(secret: &[u8], stopwords: &[String]) -> bool {
    if stopwords.is_empty() {
        return false;
    }
    let lower = secret.to_ascii_lowercase();
    stopwords
        .iter()
        .any(|w| memmem::find(&lower, w.as_bytes()).is_some())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What a rule applying this form sees: the universal filter, plus the
    /// code forms for generic rules.
    fn caught(form: &Form, value: &str) -> bool {
        match (form.generic_only, form.kind.as_str()) {
            (true, "identifier") => is_identifier(value.as_bytes()),
            (true, _) => is_code_value(value.as_bytes()),
            (false, _) => is_placeholder(value.as_bytes()),
        }
    }

    #[test]
    fn every_form_catches_its_examples_and_lets_its_passes_through() {
        let mut failures = Vec::new();
        for form in filter().forms() {
            assert!(
                !form.examples.is_empty() && !form.passes.is_empty(),
                "form {:?} needs examples and passes",
                form.what
            );
            let own = regex::bytes::RegexBuilder::new(&form.pattern)
                .unicode(false)
                .build()
                .expect("form pattern compiles");
            for example in &form.examples {
                if !own.is_match(example.as_bytes()) {
                    failures.push(format!("{:?} does not catch its example {example:?}", form.what));
                }
            }
            for pass in &form.passes {
                if caught(form, pass) {
                    failures.push(format!("{:?}: {pass:?} should pass the filter", form.what));
                }
            }
        }
        assert!(failures.is_empty(), "{}", failures.join("\n"));
    }

    #[test]
    fn form_kinds_are_known() {
        for form in filter().forms() {
            assert!(
                [
                    "reference",
                    "encrypted",
                    "redacted",
                    "placeholder",
                    "hash",
                    "code",
                    "identifier"
                ]
                .contains(&form.kind.as_str()),
                "unknown kind {:?} in {:?}",
                form.kind,
                form.what
            );
            let code = form.kind == "code" || form.kind == "identifier";
            assert_eq!(code, form.generic_only, "{:?}", form.what);
        }
    }

    #[test]
    fn placeholders() {
        for p in [
            "AKIAIOSFODNN7EXAMPLE",
            "xxxxxxxxxxxxxxxx",
            "ghp_XXXXXXXXXXXXXXXXXXXX",
            "${GITHUB_TOKEN}",
            "{{ secrets.TOKEN }}",
            "<your-api-key>",
            "changeme",
            "Test",
            "1234567890abcd",
            "abcdefghij",
            "ABCDEFGH",
            "$DB_PASSWORD",
            "%(password)s",
            "your_api_key_here",
            "sk_live_000000000000000000000000",
            "\u{2022}\u{2022}\u{2022}\u{2022}\u{2022}\u{2022}",
            "changeit",
            "abcd1234defg5678",
        ] {
            assert!(is_placeholder(p.as_bytes()), "{p}");
        }
    }

    #[test]
    fn real_looking_values_are_not_placeholders() {
        for s in [
            "ghp_R8b2Kq0ZxT4mV9wL1nC7pY3sD6fH5jG2aE0u", // leakhound:allow
            "q7Xk2PzL9wR4",
            "sk_test_51HqLy",
            "s3cr3t-Pa55",
            "securepassword123",
            "Bluebird#2291",
            "xoxb-2841093756-7301928465-Zq8Xw2Lk5Vb7Nm3Rt9Yp1Cs4", // leakhound:allow
        ] {
            assert!(!is_placeholder(s.as_bytes()), "{s}");
        }
    }

    #[test]
    fn stand_in_words_dressed_up() {
        for s in [
            "password1",
            "Password123!",
            "secret123",
            "admin@123",
            "testpass",
            "P@ssw0rd",
            "root1234",
            "changeme2",
            "!Welcome1",
            "test_test",
            "P@55w0rd!",
            "geheim$parole",
            "4dm1n!",
        ] {
            assert!(is_stand_in(s.as_bytes()), "{s}");
        }
        for s in [
            "securepassword123",
            "Bluebird#2291",
            "Kx7!q2zz",
            "passenger9",
            "hunter2x",
        ] {
            assert!(!is_stand_in(s.as_bytes()), "{s}");
        }
    }

    #[test]
    fn code_values() {
        for s in [
            "db_password",
            "AUTH_TOKEN_FILE",
            "https://x.test/",
            "/etc/secret",
            "42",
        ] {
            assert!(is_code_value(s.as_bytes()), "{s}");
        }
        for s in ["getPassword", "PasswordField", "Gravel9Tiger"] {
            assert!(is_identifier(s.as_bytes()) && !is_code_value(s.as_bytes()), "{s}");
        }
        for s in [
            "securepassword123",
            "Bluebird#2291",
            "rtbgattmqj8mbvafwh50tvy7y9bm11nk",
        ] {
            assert!(!is_code_value(s.as_bytes()), "{s}");
        }
    }

    #[test]
    fn inline_allow() {
        assert!(line_is_allowed(b"token = 'abc' # leakhound:allow"));
        assert!(line_is_allowed(b"token = 'abc' // gitleaks:allow"));
        assert!(!line_is_allowed(b"token = 'abc' # allow"));
    }

    #[test]
    fn stopwords_are_case_insensitive() {
        assert!(contains_stopword(b"abcSAMPLEdef", &["sample".to_string()]));
        assert!(!contains_stopword(b"abcdef", &["sample".to_string()]));
    }
}
