//! Suppression: placeholders, templates, inline `leakhound:allow` markers.

use memchr::memmem;

/// Whole values that are placeholders, not secrets (compared lowercase).
const PLACEHOLDER_VALUES: &[&str] = &[
    "changeme",
    "password",
    "passwd",
    "secret",
    "token",
    "apikey",
    "api_key",
    "dummy",
    "fake",
    "test",
    "testing",
    "sample",
    "placeholder",
    "null",
    "none",
    "nil",
    "undefined",
    "redacted",
    "todo",
    "tbd",
    "example",
    "default",
    "string",
    "value",
    "foo",
    "bar",
    "foobar",
];

/// Substrings that mark a value as a placeholder or a template (lowercase).
const PLACEHOLDER_PARTS: &[&str] = &[
    "example",
    "xxxx",
    "****",
    "\u{2026}",
    "...",
    "placeholder",
    "changeme",
    "change_me",
    "change-me",
    "dummy",
    "redacted",
    "your_",
    "your-",
    "yourkey",
    "insert_",
    "replace_me",
    "replaceme",
    "sample",
    "${",
    "{{",
    "}}",
    "%(",
    "$(",
    "fake_",
    "_fake",
    "fake-",
    "-fake",
];

/// Markers that suppress every match on their line.
const INLINE_ALLOW_MARKERS: &[&[u8]] = &[b"leakhound:allow", b"gitleaks:allow"];

/// Whether `secret` is a placeholder, a documentation example or a template
/// reference rather than a credential.
pub fn is_placeholder(secret: &[u8]) -> bool {
    let lower = secret.to_ascii_lowercase();
    if PLACEHOLDER_VALUES.iter().any(|v| lower == v.as_bytes()) {
        return true;
    }
    if PLACEHOLDER_PARTS
        .iter()
        .any(|p| memmem::find(&lower, p.as_bytes()).is_some())
    {
        return true;
    }
    if lower.contains(&b'<') && lower.contains(&b'>') {
        return true;
    }
    if lower.first() == Some(&b'$')
        && lower
            .get(1)
            .is_some_and(|b| b.is_ascii_alphabetic() || b"_{(".contains(b))
    {
        return true;
    }
    has_long_run(&lower) || has_ascending_run(&lower)
}

/// Six or more identical bytes in a row (`000000`, `aaaaaa`).
fn has_long_run(s: &[u8]) -> bool {
    s.chunk_by(|a, b| a == b).any(|run| run.len() >= 6)
}

/// Six or more consecutive ascending digits or letters (`123456`, `abcdef`).
fn has_ascending_run(s: &[u8]) -> bool {
    let mut run = 1;
    for w in s.windows(2) {
        let ascending = w[0].is_ascii_alphanumeric()
            && w[1] == w[0].wrapping_add(1)
            && (w[0].is_ascii_digit() == w[1].is_ascii_digit());
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
            "$DB_PASSWORD",
            "%(password)s",
            "your_api_key_here",
            "sk_live_000000000000000000000000",
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
        ] {
            assert!(!is_placeholder(s.as_bytes()), "{s}");
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
