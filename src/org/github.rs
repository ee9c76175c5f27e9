//! GitHub (and GitHub Enterprise Server): the repositories of an
//! organisation (`GET /orgs/{org}/repos?type=all`) or of a user
//! (`GET /users/{user}/repos?type=owner`), 100 a page, authenticated with
//! `Authorization: Bearer $GITHUB_TOKEN` when it is set.

use reqwest::header::{AUTHORIZATION, HeaderValue};
use serde_json::Value;

use super::{ApiOptions, Listing, OrgError, Target, api::ApiClient, api_clone_url};
use crate::source::remote::GITHUB_TOKEN_VAR;

/// The public API.
pub const DEFAULT_API: &str = "https://api.github.com";

/// Whose repositories.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Owner {
    /// An organisation.
    Org(String),
    /// A user account.
    User(String),
}

/// The host git clones from for an API base: `github.com` for the public
/// API, the server itself for GitHub Enterprise (`https://HOST/api/v3`).
pub fn git_host(base: &reqwest::Url) -> String {
    let host = base.host_str().unwrap_or_default().to_ascii_lowercase();
    if host == "api.github.com" {
        return "github.com".into();
    }
    match base.port() {
        Some(port) => format!("{host}:{port}"),
        None => host,
    }
}

/// Lists the owner's repositories.
pub fn list(owner: &Owner, options: &ApiOptions) -> Result<Listing, OrgError> {
    let base = match &options.base {
        Some(base) => base.clone(),
        None => super::check_base(DEFAULT_API)?,
    };
    let auth = std::env::var(GITHUB_TOKEN_VAR)
        .ok()
        .map(|t| t.trim().to_string())
        .filter(|t| !t.is_empty())
        .and_then(|t| HeaderValue::from_str(&format!("Bearer {t}")).ok())
        .map(|mut v| {
            v.set_sensitive(true);
            (AUTHORIZATION, v)
        });
    let client = ApiClient::new(base.clone(), auth, options.max_wait)?;
    let (url, what) = match owner {
        Owner::Org(org) => (
            client.endpoint(
                &["orgs", check_name(org)?, "repos"],
                &[("type", "all"), ("per_page", "100")],
            ),
            format!("GitHub organisation {org}"),
        ),
        Owner::User(user) => (
            client.endpoint(
                &["users", check_name(user)?, "repos"],
                &[("type", "owner"), ("per_page", "100")],
            ),
            format!("GitHub user {user}"),
        ),
    };
    let items = client.get_all(url, &what)?;
    let git_host = git_host(&base);
    let allow_http = base.scheme() == "http";
    let mut listing = Listing::default();
    for item in &items {
        keep(item, &git_host, allow_http, options, &mut listing);
    }
    Ok(listing)
}

/// A login as GitHub allows it (letters, digits, `-`, `_`, `.`).
fn check_name(name: &str) -> Result<&str, OrgError> {
    let ok = !name.is_empty()
        && name.len() <= 100
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'));
    if ok && name != "." && name != ".." {
        Ok(name)
    } else {
        Err(OrgError::Usage(format!(
            "{:?} is not a GitHub organisation or user name",
            crate::report::display::escape(name)
        )))
    }
}

fn keep(item: &Value, git_host: &str, allow_http: bool, options: &ApiOptions, listing: &mut Listing) {
    let flag = |name: &str| item.get(name).and_then(Value::as_bool).unwrap_or(false);
    if flag("fork") && !options.filters.include_forks {
        listing.forks_skipped += 1;
        return;
    }
    if flag("archived") && options.filters.exclude_archived {
        listing.archived_skipped += 1;
        return;
    }
    let field = if options.filters.ssh {
        "ssh_url"
    } else {
        "clone_url"
    };
    let Some(text) = item.get(field).and_then(Value::as_str) else {
        listing
            .refused
            .push(format!("a repository without a {field} in the answer; skipped"));
        return;
    };
    match api_clone_url(text, git_host, options.filters.ssh, allow_http) {
        Ok(url) => listing.targets.push(Target::Remote(url)),
        Err(why) => listing.refused.push(why),
    }
}
