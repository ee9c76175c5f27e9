//! Repositories at organisation scale: which repositories to audit (a
//! GitHub organisation or user, a GitLab group, a list file), in a sorted,
//! de-duplicated order that `--shard I/N` splits without a coordinator.
//!
//! Everything an API returns is untrusted: a clone URL it gives must be
//! https (or ssh when asked) to the forge's own host, so an answer can never
//! make leakhound read a local path (`file://`) or run a transport command
//! (`ext::`).

mod api;
pub mod github;
pub mod gitlab;
pub mod list;
pub mod shard;

use std::{path::PathBuf, time::Duration};

pub use api::{check_base, rate_limit_wait};

use crate::source::remote::{RemoteUrl, Transport};

/// Why repositories could not be listed.
#[derive(Debug, thiserror::Error)]
pub enum OrgError {
    /// A flag is wrong.
    #[error("{0}")]
    Usage(String),
    /// The request did not get an answer.
    #[error("{url}: {reason}")]
    Http {
        /// The URL, without query or credentials.
        url: String,
        /// What failed.
        reason: String,
    },
    /// The API answered with an error status.
    #[error("listing {what}: HTTP {status}: {hint}")]
    Status {
        /// What was being listed.
        what: String,
        /// HTTP status.
        status: u16,
        /// What it means and what to do.
        hint: String,
    },
    /// A rate limit would need a longer wait than allowed.
    #[error(
        "listing {what}: rate limited, and the limit resets in {wait_secs} s, more than --max-rate-limit-wait {max_secs}; try later or raise it"
    )]
    RateLimited {
        /// What was being listed.
        what: String,
        /// The wait the API asked for (0: it kept refusing).
        wait_secs: u64,
        /// The cap.
        max_secs: u64,
    },
    /// A next-page link pointed at another host.
    #[error("listing {what}: the API's next-page link points to another host ({host}); refused")]
    ForeignLink {
        /// What was being listed.
        what: String,
        /// The host it named.
        host: String,
    },
    /// The answer was not what the API documents.
    #[error("listing {what}: {reason}")]
    Answer {
        /// What was being listed.
        what: String,
        /// What was wrong with it.
        reason: String,
    },
    /// A `--list` file could not be read or has a bad line.
    #[error("{0}")]
    List(String),
}

/// A repository to scan: a URL to mirror, or a local repository path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    /// Mirrored into the cache, then scanned.
    Remote(RemoteUrl),
    /// Scanned where it is.
    Local(PathBuf),
}

impl Target {
    /// How the repository is named in reports: the URL without
    /// credentials, or the path as written.
    pub fn shown(&self) -> String {
        match self {
            Target::Remote(url) => url.shown.clone(),
            Target::Local(path) => path.display().to_string(),
        }
    }

    /// The sort and de-duplication key (normalized URL, or the path).
    pub fn key(&self) -> String {
        match self {
            Target::Remote(url) => url.key.clone(),
            Target::Local(path) => path.display().to_string(),
        }
    }
}

/// Sorts by key and drops repeats, so every shard sees the same list.
pub fn sorted(mut targets: Vec<Target>) -> Vec<Target> {
    targets.sort_by_key(Target::key);
    targets.dedup_by(|a, b| a.key() == b.key());
    targets
}

/// What an API listing keeps.
#[derive(Debug, Clone, Copy, Default)]
pub struct Filters {
    /// Keep forks (left out by default: their history is mostly their parent's).
    pub include_forks: bool,
    /// Leave out archived repositories (kept by default: they still hold leaks).
    pub exclude_archived: bool,
    /// Use the ssh clone URL instead of https.
    pub ssh: bool,
}

/// The repositories an API listing produced, and what it left out.
#[derive(Debug, Default)]
pub struct Listing {
    /// Repositories to scan.
    pub targets: Vec<Target>,
    /// Forks left out.
    pub forks_skipped: usize,
    /// Archived repositories left out.
    pub archived_skipped: usize,
    /// Entries refused (bad clone URL), one message each.
    pub refused: Vec<String>,
}

/// Settings shared by the API sources.
#[derive(Debug, Clone)]
pub struct ApiOptions {
    /// `--api-url`, checked.
    pub base: Option<reqwest::Url>,
    /// What to keep.
    pub filters: Filters,
    /// Longest rate-limit wait accepted.
    pub max_wait: Duration,
}

/// Checks a clone URL an API gave: https to `git_host` (plain http only
/// when the API itself is on loopback), or ssh to the same host name when
/// `ssh`; anything else, `file://` and `ext::` above all, is refused.
pub fn api_clone_url(text: &str, git_host: &str, ssh: bool, allow_http: bool) -> Result<RemoteUrl, String> {
    let url = RemoteUrl::parse(text).map_err(|e| e.to_string())?;
    let host_name = |h: &str| h.rsplit_once(':').map_or(h, |(name, _)| name).to_string();
    let ok = match url.transport {
        Transport::Https => !ssh && url.host == git_host,
        Transport::Http => !ssh && allow_http && url.host == git_host,
        Transport::Ssh => ssh && host_name(&url.host) == host_name(git_host),
        Transport::File => false,
    };
    if ok {
        Ok(url)
    } else {
        Err(format!(
            "{}: the API gave a clone URL that is not {} to {git_host}; refused",
            url.shown,
            if ssh { "ssh" } else { "https" }
        ))
    }
}
