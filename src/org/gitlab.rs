//! GitLab (gitlab.com or self-managed): the projects of a group and all its
//! subgroups (`GET /api/v4/groups/{id or path}/projects?include_subgroups=true`),
//! 100 a page, authenticated with `PRIVATE-TOKEN: $GITLAB_TOKEN` when set.
//! Projects only shared with the group are left out (`with_shared=false`):
//! they belong to, and are audited with, another group.

use reqwest::header::{HeaderName, HeaderValue};
use serde_json::Value;

use super::{ApiOptions, Listing, OrgError, Target, api::ApiClient, api_clone_url};
use crate::source::remote::GITLAB_TOKEN_VAR;

/// The public instance.
pub const DEFAULT_API: &str = "https://gitlab.com";

/// The host git clones from: the instance itself.
pub fn git_host(base: &reqwest::Url) -> String {
    let host = base.host_str().unwrap_or_default().to_ascii_lowercase();
    match base.port() {
        Some(port) => format!("{host}:{port}"),
        None => host,
    }
}

/// Lists the group's projects, subgroups included.
pub fn list(group: &str, options: &ApiOptions) -> Result<Listing, OrgError> {
    let mut base = match &options.base {
        Some(base) => base.clone(),
        None => super::check_base(DEFAULT_API)?,
    };
    // `https://HOST/api/v4` is accepted as well as `https://HOST`.
    let trimmed = base
        .path()
        .trim_end_matches('/')
        .trim_end_matches("/api/v4")
        .to_string();
    base.set_path(&trimmed);
    let group = group.trim().trim_matches('/');
    if group.is_empty() || group.chars().any(|c| c.is_control() || c == '?' || c == '#') {
        return Err(OrgError::Usage(format!(
            "{:?} is not a GitLab group id or path",
            crate::report::display::escape(group)
        )));
    }
    let auth = std::env::var(GITLAB_TOKEN_VAR)
        .ok()
        .map(|t| t.trim().to_string())
        .filter(|t| !t.is_empty())
        .and_then(|t| HeaderValue::from_str(&t).ok())
        .map(|mut v| {
            v.set_sensitive(true);
            (HeaderName::from_static("private-token"), v)
        });
    let client = ApiClient::new(base.clone(), auth, options.max_wait)?;
    // The path segment is percent-encoded, so `group/sub` becomes `group%2Fsub`.
    let url = client.endpoint(
        &["api", "v4", "groups", group, "projects"],
        &[
            ("include_subgroups", "true"),
            ("with_shared", "false"),
            ("per_page", "100"),
            ("order_by", "id"),
            ("sort", "asc"),
        ],
    );
    let items = client.get_all(url, &format!("GitLab group {group}"))?;
    let git_host = git_host(&base);
    let allow_http = base.scheme() == "http";
    let mut listing = Listing::default();
    for item in &items {
        let fork = item.get("forked_from_project").is_some_and(|v| !v.is_null());
        if fork && !options.filters.include_forks {
            listing.forks_skipped += 1;
            continue;
        }
        let archived = item.get("archived").and_then(Value::as_bool).unwrap_or(false);
        if archived && options.filters.exclude_archived {
            listing.archived_skipped += 1;
            continue;
        }
        let field = if options.filters.ssh {
            "ssh_url_to_repo"
        } else {
            "http_url_to_repo"
        };
        let Some(text) = item.get(field).and_then(Value::as_str) else {
            listing
                .refused
                .push(format!("a project without a {field} in the answer; skipped"));
            continue;
        };
        match api_clone_url(text, &git_host, options.filters.ssh, allow_http) {
            Ok(url) => listing.targets.push(Target::Remote(url)),
            Err(why) => listing.refused.push(why),
        }
    }
    Ok(listing)
}
