//! The HTTP side of enumeration: paginated GETs against a forge's REST API
//! that wait out rate limits (with a cap, and say so) and never follow a
//! link to another host.

use std::{
    io::Read,
    time::{Duration, SystemTime, UNIX_EPOCH},
};

use reqwest::{
    Url,
    blocking::{Client, Response},
    header::{HeaderMap, HeaderName, HeaderValue},
};
use serde_json::Value;

use super::OrgError;

/// Most bytes read from one API answer.
const MAX_PAGE_BYTES: u64 = 64 << 20;
/// Most pages followed for one listing (100 repositories each).
const MAX_PAGES: usize = 10_000;
/// Most rate-limit waits for one request before giving up.
const MAX_WAITS: usize = 8;
/// Wait after a 429 that says nothing about when to come back (GitHub asks
/// for at least a minute).
const DEFAULT_WAIT: Duration = Duration::from_secs(60);

/// A forge API client: base URL, authentication, and how long it may wait.
pub struct ApiClient {
    client: Client,
    base: Url,
    auth: Option<(HeaderName, HeaderValue)>,
    /// Longest single rate-limit wait accepted.
    pub max_wait: Duration,
    /// Says on stderr when it waits.
    pub verbose: bool,
}

/// Checks `--api-url`: https, or http to loopback only (tests).
pub fn check_base(text: &str) -> Result<Url, OrgError> {
    let url = Url::parse(text.trim()).map_err(|e| OrgError::Usage(format!("--api-url {text:?}: {e}")))?;
    let host = url.host_str().unwrap_or_default();
    let ok = match url.scheme() {
        "https" => true,
        "http" => crate::source::remote::is_loopback(host),
        _ => false,
    };
    if !ok || !url.username().is_empty() || url.password().is_some() {
        return Err(OrgError::Usage(format!(
            "--api-url {}: must be https:// without credentials (plain http only to loopback)",
            crate::source::remote::redact_text(text)
        )));
    }
    Ok(url)
}

impl ApiClient {
    /// A client for the API at `base`; `auth` is the header carrying the
    /// token (never logged).
    pub fn new(
        base: Url,
        auth: Option<(HeaderName, HeaderValue)>,
        max_wait: Duration,
    ) -> Result<Self, OrgError> {
        let client = Client::builder()
            .user_agent(format!(
                "leakhound/{} (+https://github.com/leakhound/leakhound; repository listing)",
                env!("CARGO_PKG_VERSION")
            ))
            .timeout(Duration::from_secs(60))
            // A redirect could carry the token to another host.
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .map_err(|e| OrgError::Http {
                url: base.to_string(),
                reason: e.without_url().to_string(),
            })?;
        Ok(ApiClient {
            client,
            base,
            auth,
            max_wait,
            verbose: true,
        })
    }

    /// `base` + `/segments…` with `query`, segments percent-encoded.
    pub fn endpoint(&self, segments: &[&str], query: &[(&str, &str)]) -> Url {
        let mut url = self.base.clone();
        if let Ok(mut path) = url.path_segments_mut() {
            path.pop_if_empty().extend(segments);
        }
        url.query_pairs_mut().extend_pairs(query);
        url
    }

    /// Every element of every page of the JSON array at `first`, following
    /// `Link: rel="next"` or GitLab's `X-Next-Page`. `what` names the
    /// listing in errors (`organisation acme`).
    pub fn get_all(&self, first: Url, what: &str) -> Result<Vec<Value>, OrgError> {
        let mut items = Vec::new();
        let mut next = Some(first);
        let mut pages = 0;
        while let Some(url) = next.take() {
            pages += 1;
            if pages > MAX_PAGES {
                return Err(OrgError::Answer {
                    what: what.to_string(),
                    reason: format!("more than {MAX_PAGES} pages; narrow the listing"),
                });
            }
            let response = self.get(&url, what)?;
            next = self.next_page(&url, response.headers(), what)?;
            let page = read_json(response, what)?;
            match page {
                Value::Array(mut page) => items.append(&mut page),
                _ => {
                    return Err(OrgError::Answer {
                        what: what.to_string(),
                        reason: "the answer is not a JSON array".into(),
                    });
                }
            }
        }
        Ok(items)
    }

    /// One GET, waiting out rate limits; any other non-2xx is an error.
    fn get(&self, url: &Url, what: &str) -> Result<Response, OrgError> {
        for _ in 0..=MAX_WAITS {
            let mut request = self
                .client
                .get(url.clone())
                .header(reqwest::header::ACCEPT, "application/json");
            if let Some((name, value)) = &self.auth {
                request = request.header(name.clone(), value.clone());
            }
            let response = request.send().map_err(|e| OrgError::Http {
                url: shown(url),
                reason: e.without_url().to_string(),
            })?;
            let status = response.status();
            if status.is_success() {
                return Ok(response);
            }
            if let Some((wait, why)) = rate_limit_wait(status.as_u16(), response.headers(), now_epoch()) {
                if wait > self.max_wait {
                    return Err(OrgError::RateLimited {
                        what: what.to_string(),
                        wait_secs: wait.as_secs(),
                        max_secs: self.max_wait.as_secs(),
                    });
                }
                if self.verbose {
                    eprintln!(
                        "leakhound: {} rate limit reached listing {what}; waiting {} s ({why})",
                        url.host_str().unwrap_or("the API"),
                        wait.as_secs()
                    );
                }
                std::thread::sleep(wait);
                continue;
            }
            return Err(OrgError::Status {
                what: what.to_string(),
                status: status.as_u16(),
                hint: status_hint(status.as_u16(), self.auth.is_some()),
            });
        }
        Err(OrgError::RateLimited {
            what: what.to_string(),
            wait_secs: 0,
            max_secs: self.max_wait.as_secs(),
        })
    }

    /// The next page's URL, which must be on the API's own host.
    fn next_page(&self, current: &Url, headers: &HeaderMap, what: &str) -> Result<Option<Url>, OrgError> {
        let from_link = headers
            .get_all(reqwest::header::LINK)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .find_map(next_link);
        let next = match from_link {
            Some(link) => Some(current.join(&link).map_err(|e| OrgError::Answer {
                what: what.to_string(),
                reason: format!("a next-page link that is not a URL ({e})"),
            })?),
            None => headers
                .get("x-next-page")
                .and_then(|v| v.to_str().ok())
                .map(str::trim)
                .filter(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_digit()))
                .map(|page| {
                    let mut url = current.clone();
                    let kept: Vec<(String, String)> = current
                        .query_pairs()
                        .filter(|(k, _)| k != "page")
                        .map(|(k, v)| (k.into_owned(), v.into_owned()))
                        .collect();
                    url.query_pairs_mut()
                        .clear()
                        .extend_pairs(kept)
                        .append_pair("page", page);
                    url
                }),
        };
        match next {
            Some(url) if !same_origin(&url, &self.base) => Err(OrgError::ForeignLink {
                what: what.to_string(),
                host: url.host_str().unwrap_or("?").to_string(),
            }),
            other => Ok(other),
        }
    }
}

fn same_origin(a: &Url, b: &Url) -> bool {
    a.scheme() == b.scheme()
        && a.host_str() == b.host_str()
        && a.port_or_known_default() == b.port_or_known_default()
}

/// A URL as shown: without query (which could hold a token) or credentials.
fn shown(url: &Url) -> String {
    let mut url = url.clone();
    url.set_query(None);
    let _ = url.set_username("");
    let _ = url.set_password(None);
    url.to_string()
}

/// The `rel="next"` target of one `Link` header value.
fn next_link(header: &str) -> Option<String> {
    header.split(',').find_map(|part| {
        let (target, params) = part.split_once(';')?;
        let target = target.trim().strip_prefix('<')?.strip_suffix('>')?;
        params
            .split(';')
            .any(|p| {
                let p = p.trim().replace(' ', "");
                p.eq_ignore_ascii_case("rel=\"next\"") || p.eq_ignore_ascii_case("rel=next")
            })
            .then(|| target.to_string())
    })
}

fn now_epoch() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs())
}

/// How long a rate-limited answer asks to wait, and why: `Retry-After`;
/// else, with no requests remaining, until `X-RateLimit-Reset` (GitHub) or
/// `RateLimit-Reset` (GitLab), epoch seconds; else a minute for a 429. A
/// 403 without these is a permission problem, not a limit.
pub fn rate_limit_wait(status: u16, headers: &HeaderMap, now: u64) -> Option<(Duration, &'static str)> {
    if status != 429 && status != 403 {
        return None;
    }
    let number = |name: &str| {
        headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.trim().parse::<u64>().ok())
    };
    if let Some(secs) = number("retry-after") {
        return Some((Duration::from_secs(secs.max(1)), "Retry-After"));
    }
    let exhausted = number("x-ratelimit-remaining").or_else(|| number("ratelimit-remaining")) == Some(0);
    if exhausted && let Some(reset) = number("x-ratelimit-reset").or_else(|| number("ratelimit-reset")) {
        return Some((
            Duration::from_secs(reset.saturating_sub(now).max(1)),
            "rate limit reset time",
        ));
    }
    (status == 429 || exhausted).then_some((DEFAULT_WAIT, "no reset time given"))
}

fn status_hint(status: u16, authenticated: bool) -> String {
    match status {
        401 => "the token was rejected; check GITHUB_TOKEN / GITLAB_TOKEN".into(),
        403 if authenticated => "forbidden: the token lacks access".into(),
        403 => "forbidden; set GITHUB_TOKEN or GITLAB_TOKEN".into(),
        404 if authenticated => "not found, or the token cannot see it".into(),
        404 => "not found (a private one needs GITHUB_TOKEN or GITLAB_TOKEN)".into(),
        s if s >= 500 => "the server failed; try again later".into(),
        _ => "unexpected answer".into(),
    }
}

fn read_json(response: Response, what: &str) -> Result<Value, OrgError> {
    let mut body = Vec::new();
    response
        .take(MAX_PAGE_BYTES + 1)
        .read_to_end(&mut body)
        .map_err(|e| OrgError::Answer {
            what: what.to_string(),
            reason: format!("reading the answer failed ({e})"),
        })?;
    if body.len() as u64 > MAX_PAGE_BYTES {
        return Err(OrgError::Answer {
            what: what.to_string(),
            reason: format!("an answer larger than {} MiB", MAX_PAGE_BYTES >> 20),
        });
    }
    serde_json::from_slice(&body).map_err(|e| OrgError::Answer {
        what: what.to_string(),
        reason: format!("not JSON (line {}, column {})", e.line(), e.column()),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn link_headers_yield_the_next_page() {
        let header = r#"<https://api.github.com/orgs/o/repos?page=2>; rel="next", <https://api.github.com/orgs/o/repos?page=5>; rel="last""#;
        assert_eq!(
            next_link(header).as_deref(),
            Some("https://api.github.com/orgs/o/repos?page=2")
        );
        assert_eq!(next_link(r#"<https://x/?page=1>; rel="prev""#), None);
    }

    #[test]
    fn rate_limit_answers_say_how_long_to_wait() {
        let mut h = HeaderMap::new();
        h.insert("retry-after", HeaderValue::from_static("7"));
        assert_eq!(rate_limit_wait(429, &h, 0).map(|w| w.0.as_secs()), Some(7));
        let mut h = HeaderMap::new();
        h.insert("x-ratelimit-remaining", HeaderValue::from_static("0"));
        h.insert("x-ratelimit-reset", HeaderValue::from_static("1030"));
        assert_eq!(rate_limit_wait(403, &h, 1000).map(|w| w.0.as_secs()), Some(30));
        let mut h = HeaderMap::new();
        h.insert("x-ratelimit-remaining", HeaderValue::from_static("12"));
        assert_eq!(
            rate_limit_wait(403, &h, 0),
            None,
            "a plain 403 is a permission problem"
        );
        assert_eq!(rate_limit_wait(404, &HeaderMap::new(), 0), None);
    }
}
