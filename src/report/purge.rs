//! `purge-list`: a `--replace-text` file for git-filter-repo (and BFG) from
//! a report made with `--show-secrets`.

use std::collections::BTreeMap;

use crate::finding::{Finding, sha256_hex};

/// Why a report cannot become a replace-text file.
#[derive(Debug, thiserror::Error)]
pub enum PurgeError {
    /// The report is neither a JSON array of findings nor JSON Lines.
    #[error("not a leakhound JSON or JSONL report: {0}")]
    NotAReport(String),
    /// Secrets in the report are redacted.
    #[error(
        "the report holds redacted secrets (finding {rule_id} at {place}); rerun the scan with --show-secrets --format json --output FILE, keep FILE private, and pass that"
    )]
    Redacted {
        /// Rule of the first redacted finding.
        rule_id: String,
        /// Where it was found.
        place: String,
    },
}

/// Reads findings from a JSON array or JSON Lines report.
pub fn parse_report(text: &str) -> Result<Vec<Finding>, PurgeError> {
    let trimmed = text.trim_start();
    if trimmed.starts_with('[') {
        return serde_json::from_str(trimmed).map_err(|e| PurgeError::NotAReport(e.to_string()));
    }
    trimmed
        .lines()
        .filter(|l| !l.trim().is_empty())
        .enumerate()
        .map(|(i, line)| {
            serde_json::from_str(line).map_err(|e| PurgeError::NotAReport(format!("line {}: {e}", i + 1)))
        })
        .collect()
}

/// One line per distinct secret: `literal==>replacement`, or a `regex:`
/// line for secrets that span lines (the file format is line-based). The
/// replacement names the rule, so the rewritten history says what was there.
pub fn replace_text(findings: &[Finding]) -> Result<String, PurgeError> {
    let mut secrets: BTreeMap<&str, &str> = BTreeMap::new();
    for f in findings {
        if sha256_hex(f.secret.as_bytes()) != f.secret_sha256 {
            let place = f.location.path.clone().map_or_else(
                || format!("line {}", f.location.line),
                |p| format!("{p}:{}", f.location.line),
            );
            return Err(PurgeError::Redacted {
                rule_id: f.rule_id.clone(),
                place,
            });
        }
        secrets.entry(f.secret.as_str()).or_insert(f.rule_id.as_str());
    }
    let mut out = String::new();
    for (secret, rule_id) in secrets {
        let replacement = format!("***REMOVED:{rule_id}***");
        if secret.contains(['\n', '\r']) || secret.contains("==>") {
            out.push_str("regex:");
            out.push_str(&escape_regex(secret));
        } else {
            out.push_str(secret);
        }
        out.push_str("==>");
        out.push_str(&replacement);
        out.push('\n');
    }
    Ok(out)
}

/// Escapes `text` for Python's `re` (git-filter-repo's regex engine):
/// every ASCII punctuation character gets a backslash, line breaks become
/// `\n` / `\r`.
fn escape_regex(text: &str) -> String {
    let mut out = String::with_capacity(text.len() * 2);
    for c in text.chars() {
        match c {
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            c if c.is_ascii_punctuation() || c == ' ' => {
                out.push('\\');
                out.push(c);
            }
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn regex_escaping_keeps_letters_and_escapes_the_rest() {
        assert_eq!(escape_regex("a.b\nc==>d"), "a\\.b\\nc\\=\\=\\>d");
    }
}
