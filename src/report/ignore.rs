//! Ignore files: `.leakhoundignore` (TOML, with reasons, owners and expiry
//! dates) and gitleaks' `.gitleaksignore`, for teams migrating.
//!
//! ```toml
//! [[ignore]]
//! fingerprint = "github-pat-classic:9f2c…"   # or secret_sha256 = "…"
//! path = "tests/**"                          # optional: only there
//! reason = "test fixture, token revoked"
//! owner = "alice"                            # optional
//! expires = 2026-06-30                       # optional: suppresses until then
//! ```

use std::path::{Path, PathBuf};

use globset::{Glob, GlobMatcher};
use serde::Deserialize;

use crate::finding::Finding;

/// Name of the ignore file looked for at the scan root.
pub const FILE_NAME: &str = ".leakhoundignore";
/// Name of gitleaks' ignore file, read too when present.
pub const GITLEAKS_FILE_NAME: &str = ".gitleaksignore";

/// An ignore file that cannot be used.
#[derive(Debug, thiserror::Error)]
pub enum IgnoreError {
    /// Reading failed.
    #[error("cannot read ignore file {path}: {source}")]
    Read {
        /// The file.
        path: String,
        /// Why.
        source: std::io::Error,
    },
    /// The file is not valid.
    #[error("ignore file {path}: {message}")]
    Invalid {
        /// The file.
        path: String,
        /// What is wrong and where.
        message: String,
    },
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    #[serde(default)]
    ignore: Vec<RawEntry>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawEntry {
    fingerprint: Option<String>,
    secret_sha256: Option<String>,
    path: Option<String>,
    reason: String,
    owner: Option<String>,
    expires: Option<toml::value::Datetime>,
}

/// What an entry matches.
#[derive(Debug)]
enum Key {
    Fingerprint(String),
    SecretSha256(String),
    /// gitleaks: `[commit:]file:rule:line` (rule ids differ, so not compared).
    Gitleaks {
        commit: Option<String>,
        file: String,
        line: usize,
    },
}

/// One ignore entry.
#[derive(Debug)]
struct Entry {
    key: Key,
    path: Option<GlobMatcher>,
    reason: String,
    owner: Option<String>,
    expires: Option<jiff::civil::Date>,
    /// Where it was written (`file:entry N`), for messages.
    origin: String,
}

/// Every ignore entry in effect for a scan.
#[derive(Debug, Default)]
pub struct IgnoreList {
    entries: Vec<Entry>,
    /// Scan root: entry paths are relative to it.
    root: PathBuf,
}

/// The outcome of applying an ignore list.
#[derive(Debug, Default)]
pub struct Applied {
    /// Findings still to report.
    pub kept: Vec<Finding>,
    /// How many were suppressed.
    pub suppressed: usize,
    /// Expired entries that matched a finding (reported again).
    pub expired: Vec<String>,
    /// Entries that matched nothing.
    pub unused: Vec<String>,
}

impl IgnoreList {
    /// Loads `.leakhoundignore` and `.gitleaksignore` from `root` when they
    /// exist, plus `explicit` (which must exist).
    pub fn load(root: &Path, explicit: Option<&Path>) -> Result<Self, IgnoreError> {
        let mut list = IgnoreList {
            root: root.to_path_buf(),
            ..IgnoreList::default()
        };
        let mut files: Vec<PathBuf> = Vec::new();
        match explicit {
            Some(path) => files.push(path.to_path_buf()),
            None if root.join(FILE_NAME).is_file() => files.push(root.join(FILE_NAME)),
            None => {}
        }
        for path in files {
            list.read_leakhound(&path)?;
        }
        let gitleaks = root.join(GITLEAKS_FILE_NAME);
        if gitleaks.is_file() {
            list.read_gitleaks(&gitleaks)?;
        }
        Ok(list)
    }

    /// Whether no entry is in effect.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    fn read(path: &Path) -> Result<String, IgnoreError> {
        std::fs::read_to_string(path).map_err(|source| IgnoreError::Read {
            path: path.display().to_string(),
            source,
        })
    }

    fn read_leakhound(&mut self, path: &Path) -> Result<(), IgnoreError> {
        let shown = path.display().to_string();
        let invalid = |message: String| IgnoreError::Invalid {
            path: shown.clone(),
            message,
        };
        let raw: RawFile = toml::from_str(&Self::read(path)?).map_err(|e| invalid(e.to_string()))?;
        for (i, entry) in raw.ignore.into_iter().enumerate() {
            let at = format!("entry {}", i + 1);
            let key = match (entry.fingerprint, entry.secret_sha256) {
                (Some(f), None) => Key::Fingerprint(f),
                (None, Some(s)) => Key::SecretSha256(s.to_ascii_lowercase()),
                _ => {
                    return Err(invalid(format!(
                        "{at}: give exactly one of fingerprint or secret_sha256"
                    )));
                }
            };
            if entry.reason.trim().is_empty() {
                return Err(invalid(format!(
                    "{at}: reason is empty; say why this is not a live secret"
                )));
            }
            let path_glob = entry
                .path
                .map(|p| Glob::new(&p).map(|g| g.compile_matcher()))
                .transpose()
                .map_err(|e| invalid(format!("{at}: path: {e}")))?;
            let expires = entry
                .expires
                .map(|d| {
                    d.date
                        .ok_or_else(|| invalid(format!("{at}: expires must be a date such as 2026-06-30")))
                        .and_then(|d| {
                            jiff::civil::Date::new(d.year as i16, d.month as i8, d.day as i8)
                                .map_err(|e| invalid(format!("{at}: expires: {e}")))
                        })
                })
                .transpose()?;
            self.entries.push(Entry {
                key,
                path: path_glob,
                reason: entry.reason,
                owner: entry.owner,
                expires,
                origin: format!("{shown} {at}"),
            });
        }
        Ok(())
    }

    fn read_gitleaks(&mut self, path: &Path) -> Result<(), IgnoreError> {
        let shown = path.display().to_string();
        for (n, line) in Self::read(path)?.lines().enumerate() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            // [commit:]file:rule-id:line; file may itself contain ':'.
            let mut parts: Vec<&str> = line.rsplitn(3, ':').collect();
            parts.reverse();
            let (Some(head), Some(number)) = (parts.first(), parts.get(2)) else {
                return Err(IgnoreError::Invalid {
                    path: shown,
                    message: format!("line {}: expected [commit:]file:rule-id:line", n + 1),
                });
            };
            let Ok(number) = number.parse::<usize>() else {
                return Err(IgnoreError::Invalid {
                    path: shown,
                    message: format!("line {}: {number:?} is not a line number", n + 1),
                });
            };
            let (commit, file) = match head.split_once(':') {
                Some((c, f)) if c.len() == 40 && c.bytes().all(|b| b.is_ascii_hexdigit()) => {
                    (Some(c.to_string()), f.to_string())
                }
                _ => (None, head.to_string()),
            };
            self.entries.push(Entry {
                key: Key::Gitleaks {
                    commit,
                    file,
                    line: number,
                },
                path: None,
                reason: "listed in .gitleaksignore".into(),
                owner: None,
                expires: None,
                origin: format!("{shown} line {}", n + 1),
            });
        }
        Ok(())
    }

    /// A finding's path relative to the scan root, as entries write it.
    fn relative<'a>(&self, path: &'a str) -> std::borrow::Cow<'a, str> {
        match Path::new(path).strip_prefix(&self.root) {
            Ok(rel) if !self.root.as_os_str().is_empty() && self.root != Path::new(".") => {
                rel.to_string_lossy().into_owned().into()
            }
            _ => path.into(),
        }
    }

    fn matches(&self, entry: &Entry, f: &Finding) -> bool {
        let relative = f.location.path.as_deref().map(|p| self.relative(p));
        let path = relative.as_deref();
        let key = match &entry.key {
            Key::Fingerprint(fp) => *fp == f.fingerprint,
            Key::SecretSha256(sha) => *sha == f.secret_sha256,
            Key::Gitleaks { commit, file, line } => {
                path == Some(file.as_str())
                    && *line == f.location.line
                    && commit
                        .as_deref()
                        .is_none_or(|c| f.git.as_ref().and_then(|g| g.commit.as_deref()) == Some(c))
            }
        };
        key && entry
            .path
            .as_ref()
            .is_none_or(|glob| path.is_some_and(|p| glob.is_match(p)))
    }

    /// Drops findings an entry in effect on `today` matches.
    pub fn apply(&self, findings: Vec<Finding>, today: jiff::civil::Date) -> Applied {
        let mut used = vec![false; self.entries.len()];
        let mut expired_hit = vec![false; self.entries.len()];
        let mut applied = Applied::default();
        for f in findings {
            let mut suppressed = false;
            for (i, entry) in self.entries.iter().enumerate() {
                if !self.matches(entry, &f) {
                    continue;
                }
                used[i] = true;
                if entry.expires.is_some_and(|d| d < today) {
                    expired_hit[i] = true;
                } else {
                    suppressed = true;
                }
            }
            if suppressed {
                applied.suppressed += 1;
            } else {
                applied.kept.push(f);
            }
        }
        for (i, entry) in self.entries.iter().enumerate() {
            if expired_hit[i] {
                let owner = entry
                    .owner
                    .as_deref()
                    .map(|o| format!(", owner {o}"))
                    .unwrap_or_default();
                applied.expired.push(format!(
                    "{}: expired on {}{owner} ({}); its findings are reported again: rotate the secret or renew the entry",
                    entry.origin,
                    entry.expires.map(|d| d.to_string()).unwrap_or_default(),
                    entry.reason
                ));
            } else if !used[i] {
                applied
                    .unused
                    .push(format!("{}: matched nothing ({})", entry.origin, entry.reason));
            }
        }
        applied
    }
}
