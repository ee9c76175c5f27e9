//! `leakhound repos`: the repositories an audit covers, one URL a line,
//! sorted, with `--shard` applied; and the selection `scan-repos` shares.

use std::{
    io::{BufWriter, Write},
    time::Duration,
};

use anyhow::{Result, bail};

use crate::{
    cli::{RepoSourceArgs, ReposArgs},
    org::{self, ApiOptions, Filters, Target, github, gitlab, shard::Shard},
    report::display::escape,
    source::remote::Credentials,
};

/// The repositories selected, in order, and how they were chosen.
pub(crate) struct Selection {
    /// This shard's repositories, sorted.
    pub targets: Vec<Target>,
    /// Repositories in all shards.
    pub total: usize,
    /// The shard, if --shard was given.
    pub shard: Option<Shard>,
    /// Tokens for git, scoped to the hosts the sources name.
    pub credentials: Credentials,
}

/// Enumerates every source, sorts, de-duplicates and takes the shard. Any
/// listing error stops everything: a partial list would shift every
/// shard's share, so repositories would be scanned twice or not at all.
pub(crate) fn select(source: &RepoSourceArgs, verbose: bool) -> Result<Selection> {
    let api_sources = usize::from(!source.github_orgs.is_empty() || !source.github_users.is_empty())
        + usize::from(!source.gitlab_groups.is_empty());
    if api_sources == 0 && source.lists.is_empty() {
        bail!(
            "name the repositories: --github-org ORG, --github-user USER, --gitlab-group GROUP or --list FILE"
        );
    }
    if api_sources > 1 && source.api_url.is_some() {
        bail!("--api-url applies to one forge; list GitHub and GitLab repositories in separate runs");
    }
    // Before any request: a bad shard must not wait for a long listing.
    let shard = source
        .shard
        .map(|spec| spec.resolve(|name| std::env::var(name).ok()))
        .transpose()
        .map_err(anyhow::Error::msg)?;
    let base = source.api_url.as_deref().map(org::check_base).transpose()?;
    let options = ApiOptions {
        base: base.clone(),
        filters: Filters {
            include_forks: source.include_forks,
            exclude_archived: source.exclude_archived,
            ssh: source.ssh,
        },
        max_wait: Duration::from_secs(source.max_rate_limit_wait),
    };
    let mut targets = Vec::new();
    let mut left_out = (0, 0);
    let mut listings = Vec::new();
    for org_name in &source.github_orgs {
        listings.push(github::list(&github::Owner::Org(org_name.clone()), &options)?);
    }
    for user in &source.github_users {
        listings.push(github::list(&github::Owner::User(user.clone()), &options)?);
    }
    for group in &source.gitlab_groups {
        listings.push(gitlab::list(group, &options)?);
    }
    for listing in listings {
        left_out.0 += listing.forks_skipped;
        left_out.1 += listing.archived_skipped;
        for refused in &listing.refused {
            eprintln!("leakhound: warning: {}", escape(refused));
        }
        targets.extend(listing.targets);
    }
    for list in &source.lists {
        targets.extend(org::list::read(list)?);
    }
    let sorted = org::sorted(targets);
    let total = sorted.len();
    let targets = match shard {
        Some(shard) => shard.select(sorted),
        None => sorted,
    };
    for target in &targets {
        if let Target::Remote(url) = target {
            super::warn_dropped_credentials(url);
        }
    }
    let host = |git_host: String| vec![git_host];
    let (github_hosts, gitlab_hosts) = match &base {
        Some(base) if !source.gitlab_groups.is_empty() => (Vec::new(), host(gitlab::git_host(base))),
        Some(base) => (host(github::git_host(base)), Vec::new()),
        None => (Vec::new(), Vec::new()),
    };
    if verbose && (left_out.0 > 0 || left_out.1 > 0) {
        eprintln!(
            "leakhound: left out {} fork(s) (--include-forks) and {} archived repositories",
            left_out.0, left_out.1
        );
    }
    Ok(Selection {
        targets,
        total,
        shard,
        credentials: Credentials::from_env(&github_hosts, &gitlab_hosts),
    })
}

/// A phrase saying how many repositories this run covers.
pub(crate) fn describe(selection: &Selection) -> String {
    match selection.shard {
        Some(shard) => format!(
            "{} repositories in shard {shard} (of {} in all)",
            selection.targets.len(),
            selection.total
        ),
        None => format!("{} repositories", selection.targets.len()),
    }
}

/// Prints the selected repositories, one a line.
pub fn run(args: &ReposArgs) -> Result<u8> {
    let selection = select(&args.source, !args.quiet)?;
    let mut out = BufWriter::new(std::io::stdout().lock());
    for target in &selection.targets {
        writeln!(out, "{}", escape(&target.shown()))?;
    }
    out.flush()?;
    if !args.quiet {
        eprintln!("leakhound: {}", describe(&selection));
    }
    Ok(crate::app::EXIT_CLEAN)
}
