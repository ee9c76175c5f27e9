//! The commands, one file each: the scans (`dir`, `git`, `staged`,
//! `stdin`, `image`) and the report stage they end with, `baseline`,
//! `purge-list`, `hook`, `rules`, `explain`, and the commands that audit
//! many repositories: `repos` (enumerate), `scan-repos` (mirror and scan
//! each), `merge` (shards into incidents), and `git URL` (mirror one
//! remote, then scan it as a local repository).

pub mod baseline;
pub mod explain;
pub mod hook;
pub mod merge;
pub mod purge;
pub mod report;
pub mod repos;
pub mod rules;
pub mod scan;
pub mod scan_repos;

use std::path::Path;

use anyhow::Result;

use crate::{
    cli::{CacheArgs, GitArgs, RuleSource},
    rules::load::LoadedRules,
    source::remote::{self, Credentials, MirrorOptions, RemoteUrl},
};

/// `leakhound git`: when the repository argument is a URL (and no such
/// local path exists), mirrors it into the cache and runs `scan` on the
/// mirror; otherwise runs `scan` as it is.
pub fn git_url(args: &GitArgs, scan: impl FnOnce(&GitArgs) -> Result<u8>) -> Result<u8> {
    let Some(text) = args
        .repo
        .to_str()
        .filter(|t| remote::looks_like_url(t) && !args.repo.exists())
    else {
        return scan(args);
    };
    let url = RemoteUrl::parse(text)?;
    warn_dropped_credentials(&url);
    let options = mirror_options(&args.cache, Credentials::from_env(&[], &[]), !args.scan.quiet);
    let mirror = remote::mirror(&url, &options)?;
    let mut local = args.clone();
    local.repo = mirror.path().to_path_buf();
    scan(&local)
}

/// Says, once per URL, that credentials written into it are not used.
pub(crate) fn warn_dropped_credentials(url: &RemoteUrl) {
    if url.had_credentials {
        eprintln!(
            "leakhound: warning: {}: credentials (or a query) in the URL are not used; set GITHUB_TOKEN or GITLAB_TOKEN, or use a git credential helper",
            crate::report::display::escape(&url.shown)
        );
    }
}

/// Mirror settings from the cache flags.
pub(crate) fn mirror_options(cache: &CacheArgs, credentials: Credentials, verbose: bool) -> MirrorOptions {
    MirrorOptions {
        cache_dir: cache.cache_dir.clone().unwrap_or_else(remote::default_cache_dir),
        no_cache: cache.no_cache,
        credentials,
        verbose,
    }
}

/// Loads the rules `source` names (see [`crate::rules::load::load_rules`]),
/// warning on stderr about config parts that do not act as written.
pub fn load_rules(source: &RuleSource, root: Option<&Path>) -> Result<LoadedRules> {
    let mut warn =
        |warning: &str| eprintln!("leakhound: warning: {}", crate::report::display::escape(warning));
    Ok(crate::rules::load::load_rules(
        &source.sources(),
        root,
        &mut warn,
    )?)
}
