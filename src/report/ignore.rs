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

use crate::{
    finding::Finding,
    safe_fs::{self, Trust},
};

/// Name of the ignore file looked for at the scan root.
pub const FILE_NAME: &str = ".leakhoundignore";
/// Name of gitleaks' ignore file, read too when present.
pub const GITLEAKS_FILE_NAME: &str = ".gitleaksignore";

/// An ignore file that cannot be used.
#[derive(Debug, thiserror::Error)]
pub enum IgnoreError {
    /// Reading failed, or the file was refused (a link, a device, too
    /// large, outside the scanned tree).
    #[error("cannot read ignore file {0}")]
    Read(#[source] safe_fs::FileError),
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
    /// Ignore files the scanned tree provided, with their entry counts.
    discovered: Vec<(String, usize)>,
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
    /// Loads `explicit` (which must exist) or, when `discover` is set and
    /// nothing is given, the `.leakhoundignore` and `.gitleaksignore` the
    /// scanned tree holds at `root`. Files from the tree are read only if
    /// they are regular files inside it (see [`safe_fs::read_file`]).
    pub fn load(root: &Path, explicit: Option<&Path>, discover: bool) -> Result<Self, IgnoreError> {
        let mut list = IgnoreList {
            root: root.to_path_buf(),
            ..IgnoreList::default()
        };
        if let Some(path) = explicit {
            list.read_leakhound(path, &Trust::CommandLine)?;
            return Ok(list);
        }
        if !discover {
            return Ok(list);
        }
        let trust = Trust::Tree {
            root: root.to_path_buf(),
        };
        for (name, gitleaks) in [(FILE_NAME, false), (GITLEAKS_FILE_NAME, true)] {
            let path = root.join(name);
            // Present in any form: a link or a FIFO is refused with an error
            // rather than skipped as if it were not there.
            if std::fs::symlink_metadata(&path).is_err() {
                continue;
            }
            let before = list.entries.len();
            if gitleaks {
                list.read_gitleaks(&path, &trust)?;
            } else {
                list.read_leakhound(&path, &trust)?;
            }
            list.discovered
                .push((path.display().to_string(), list.entries.len() - before));
        }
        Ok(list)
    }

    /// Whether no entry is in effect.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The ignore files the scanned tree provided, each with its number of
    /// entries, for the line that tells the user what steered the scan.
    pub fn discovered(&self) -> &[(String, usize)] {
        &self.discovered
    }

    fn read(path: &Path, trust: &Trust) -> Result<String, IgnoreError> {
        let max = if trust.is_tree() {
            safe_fs::MAX_TREE_FILE
        } else {
            safe_fs::MAX_NAMED_FILE
        };
        safe_fs::read_text(path, trust, max).map_err(IgnoreError::Read)
    }

    fn read_leakhound(&mut self, path: &Path, trust: &Trust) -> Result<(), IgnoreError> {
        let shown = path.display().to_string();
        let invalid = |message: String| IgnoreError::Invalid {
            path: shown.clone(),
            message,
        };
        let text = Self::read(path, trust)?;
        let raw: RawFile =
            toml::from_str(&text).map_err(|e| invalid(safe_fs::describe_toml_error(&e, &text)))?;
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

    fn read_gitleaks(&mut self, path: &Path, trust: &Trust) -> Result<(), IgnoreError> {
        let shown = path.display().to_string();
        for (n, line) in Self::read(path, trust)?.lines().enumerate() {
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
                    message: format!("line {}: the last field is not a line number", n + 1),
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
