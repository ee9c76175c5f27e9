//! gitleaks-style allowlists: conditions on the secret, the match, its line,
//! the file path and the commit that decide a match is not a leak.
//!
//! The secret, match and line are only at hand while the engine scans a
//! blob, and a history blob's path and commit are only known after it has
//! been scanned, so a list is decided in two steps: [`Allowlist::on_content`]
//! during the scan, and [`Allowlist::allows_at`] once the place is known
//! (for the lists the first step left open).

use regex::bytes::Regex;

use super::PathFilter;
use crate::engine::allow;

/// How a list's criteria combine.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Condition {
    /// Any one criterion allows the match (gitleaks' default).
    #[default]
    Or,
    /// Every criterion the list sets must hold.
    And,
}

/// What a list's `regexes` are matched against.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum RegexTarget {
    /// The secret (the rule's secret group).
    #[default]
    Secret,
    /// The whole regex match.
    Match,
    /// The line (or lines) holding the match.
    Line,
}

/// One compiled allowlist.
#[derive(Debug, Default)]
pub struct Allowlist {
    /// Where the list came from and what it is for, for messages.
    pub description: String,
    /// How the criteria combine.
    pub condition: Condition,
    /// What `regexes` look at.
    pub regex_target: RegexTarget,
    /// Regexes on the target.
    pub regexes: Vec<Regex>,
    /// Lowercase substrings of the secret.
    pub stopwords: Vec<String>,
    /// Paths (regexes or globs) of the file holding the match.
    pub paths: PathFilter,
    /// Commit ids (full or abbreviated, lowercase hex).
    pub commits: Vec<String>,
}

/// What the content step decided about one list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ContentVerdict {
    /// The list allows the match whatever its place.
    Allowed,
    /// The list cannot allow the match.
    NotAllowed,
    /// The list allows the match if its place satisfies the list's path and
    /// commit criteria.
    DependsOnPlace,
}

impl Allowlist {
    fn has_content_criteria(&self) -> bool {
        !self.regexes.is_empty() || !self.stopwords.is_empty()
    }

    fn has_place_criteria(&self) -> bool {
        !self.paths.is_trivial() || !self.commits.is_empty()
    }

    /// Decides what can be decided from the text: `secret`, the whole
    /// `matched` text and its `line`.
    pub fn on_content(&self, secret: &[u8], matched: &[u8], line: &[u8]) -> ContentVerdict {
        let content = self.has_content_criteria().then(|| {
            let target = match self.regex_target {
                RegexTarget::Secret => secret,
                RegexTarget::Match => matched,
                RegexTarget::Line => line,
            };
            match self.condition {
                Condition::Or => {
                    self.regexes.iter().any(|r| r.is_match(target))
                        || allow::contains_stopword(secret, &self.stopwords)
                }
                Condition::And => {
                    (self.regexes.is_empty() || self.regexes.iter().any(|r| r.is_match(target)))
                        && (self.stopwords.is_empty() || allow::contains_stopword(secret, &self.stopwords))
                }
            }
        });
        match (self.condition, content, self.has_place_criteria()) {
            (_, Some(true), false) | (Condition::Or, Some(true), true) => ContentVerdict::Allowed,
            (_, Some(false), false) | (Condition::And, Some(false), true) => ContentVerdict::NotAllowed,
            (_, None, false) => ContentVerdict::NotAllowed,
            (_, _, true) => ContentVerdict::DependsOnPlace,
        }
    }

    /// For a list the content step left open: whether a match at `path`
    /// found in `commit` is allowed. Unknown places satisfy nothing.
    pub fn allows_at(&self, path: Option<&std::path::Path>, commit: Option<&str>) -> bool {
        let path_hit = !self.paths.is_trivial() && path.is_some() && !self.paths.permits(path);
        let commit_hit = commit.is_some_and(|c| {
            let c = c.to_ascii_lowercase();
            self.commits
                .iter()
                .any(|listed| c.starts_with(listed.as_str()) || listed.starts_with(c.as_str()))
        });
        match self.condition {
            Condition::Or => path_hit || commit_hit,
            Condition::And => {
                (self.paths.is_trivial() || path_hit) && (self.commits.is_empty() || commit_hit)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn regex(r: &str) -> Regex {
        Regex::new(r).expect("valid test regex")
    }

    #[test]
    fn or_list_decides_on_content_alone() {
        let list = Allowlist {
            regexes: vec![regex("^test_")],
            paths: PathFilter::skipping_regexes(&["fixtures/".into()]).expect("valid"),
            ..Allowlist::default()
        };
        assert_eq!(list.on_content(b"test_123", b"", b""), ContentVerdict::Allowed);
        assert_eq!(
            list.on_content(b"live_123", b"", b""),
            ContentVerdict::DependsOnPlace
        );
        assert!(list.allows_at(Some("a/fixtures/x".as_ref()), None));
        assert!(!list.allows_at(Some("src/x".as_ref()), None));
        assert!(!list.allows_at(None, None));
    }

    #[test]
    fn and_list_needs_every_criterion() {
        let list = Allowlist {
            condition: Condition::And,
            regex_target: RegexTarget::Line,
            regexes: vec![regex("mock")],
            commits: vec!["abc1234".into()],
            ..Allowlist::default()
        };
        assert_eq!(list.on_content(b"s", b"m", b"no"), ContentVerdict::NotAllowed);
        assert_eq!(
            list.on_content(b"s", b"m", b"a mock line"),
            ContentVerdict::DependsOnPlace
        );
        assert!(list.allows_at(None, Some("abc1234def")));
        assert!(!list.allows_at(None, Some("fff1234def")));
    }

    #[test]
    fn stopwords_look_at_the_secret() {
        let list = Allowlist {
            stopwords: vec!["sandbox".into()],
            ..Allowlist::default()
        };
        assert_eq!(
            list.on_content(b"key_SANDBOX_1", b"", b""),
            ContentVerdict::Allowed
        );
        assert_eq!(
            list.on_content(b"key_live_1", b"", b""),
            ContentVerdict::NotAllowed
        );
    }
}
