//! The `[rule.verify]` block: its raw TOML shape and the validated form the
//! verifier runs. Validation happens when rules load, so a broken block in a
//! user config fails with the file, the rule id and the problem.

use std::{collections::BTreeMap, sync::OnceLock};

use regex::bytes::{Regex, RegexBuilder};
use serde::Deserialize;

use super::template::{SECRET, Template};

/// `[rule.verify]` as written in a rule file.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawSpec {
    /// A verifier written in code (`aws-sts`, `aws-secret-key`) instead of
    /// a declarative request.
    #[serde(default)]
    coded: Option<String>,
    /// HTTP method: GET (default), POST or HEAD.
    #[serde(default)]
    method: Option<String>,
    /// `https://` URL template.
    #[serde(default)]
    url: Option<String>,
    /// Further `https://` URL templates, tried in order with the same
    /// request while the previous one answers 401 or 403 (a key from
    /// another region or site); one whose companions are missing is skipped.
    #[serde(default)]
    alternate_urls: Vec<String>,
    /// Header templates.
    #[serde(default)]
    headers: BTreeMap<String, String>,
    /// Request body template.
    #[serde(default)]
    body: Option<String>,
    /// HTTP basic authentication templates.
    #[serde(default)]
    basic: Option<RawBasic>,
    /// What the answer must be: `json` (default) or `text`.
    #[serde(default)]
    expect: Option<String>,
    /// What a live credential's answer looks like.
    #[serde(default)]
    verified_when: Option<RawCondition>,
    /// What a rejected credential's answer looks like (one or a list).
    #[serde(default)]
    invalid_when: Option<OneOrMany>,
    /// What the answer to a live credential that lacks this request's
    /// permission looks like (a restricted key's 403): verified, with that
    /// evidence. Must test the JSON body, so a firewall's 403 never counts.
    #[serde(default)]
    limited_when: Option<OneOrMany>,
    /// JSON pointers to the account or login to show as evidence.
    #[serde(default)]
    identity: Vec<String>,
    /// Companion values found elsewhere in the same blob: name → regex
    /// whose first group (or whole match) is the value.
    #[serde(default)]
    companions: BTreeMap<String, String>,
    /// The secret is itself a URL (webhooks): checked only with --verify-urls.
    #[serde(default)]
    secret_is_url: bool,
}

/// Basic authentication as written.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawBasic {
    user: String,
    #[serde(default)]
    password: String,
}

/// A response condition as written.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCondition {
    status: Vec<u16>,
    #[serde(default)]
    json: BTreeMap<String, serde_json::Value>,
    #[serde(default)]
    present: Vec<String>,
}

/// `invalid_when` takes one condition or a list of them.
#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
enum OneOrMany {
    One(RawCondition),
    Many(Vec<RawCondition>),
}

/// A validated verification spec.
#[derive(Debug)]
pub enum VerifySpec {
    /// A declarative HTTP request.
    Http(Box<HttpCheck>),
    /// AWS: the key id is checked with its paired secret key (SigV4).
    Aws(AwsRole),
}

/// Which half of an AWS key pair a rule finds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AwsRole {
    /// The access key id: the finding that triggers the STS call.
    AccessKeyId,
    /// The secret access key: paired with a key id in the same blob.
    SecretAccessKey,
}

/// HTTP method of a check (only methods without side effects on their own).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Method {
    /// GET.
    Get,
    /// POST (identity endpoints such as Slack's auth.test).
    Post,
    /// HEAD.
    Head,
}

impl Method {
    /// Upper-case name.
    pub fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Post => "POST",
            Method::Head => "HEAD",
        }
    }
}

/// A declarative HTTP check.
#[derive(Debug)]
pub struct HttpCheck {
    /// Request method.
    pub method: Method,
    /// Host template (may use companions, e.g. a Shopify shop name).
    pub host: Template,
    /// Path and query template, starting with `/`.
    pub path: Template,
    /// Host and path templates tried next, in order, after a 401 or 403.
    pub alternates: Vec<(Template, Template)>,
    /// Header name and value templates.
    pub headers: Vec<(String, Template)>,
    /// Body template.
    pub body: Option<Template>,
    /// Basic authentication user and password templates.
    pub basic: Option<(Template, Template)>,
    /// The answer must be JSON (an HTML page then means `unknown`).
    pub expect_json: bool,
    /// What a live credential's answer looks like.
    pub verified: Condition,
    /// What rejected credentials' answers look like.
    pub invalid: Vec<Condition>,
    /// What a live credential without this request's permission gets.
    pub limited: Vec<Condition>,
    /// JSON pointers to identity fields.
    pub identity: Vec<String>,
    /// Companion values searched for in the blob.
    pub companions: Vec<Companion>,
    /// The secret is a URL: only checked with --verify-urls.
    pub secret_is_url: bool,
}

/// A response condition: status in the list and every JSON test true.
#[derive(Debug, Clone)]
pub struct Condition {
    /// Acceptable HTTP status codes.
    pub status: Vec<u16>,
    /// JSON pointer → value the answer must hold there.
    pub json: Vec<(String, serde_json::Value)>,
    /// JSON pointers that must hold a non-null value.
    pub present: Vec<String>,
}

impl Condition {
    /// Whether the JSON tests hold on `answer` (trivially when there are none).
    pub fn json_holds(&self, answer: Option<&serde_json::Value>) -> bool {
        if self.json.is_empty() && self.present.is_empty() {
            return true;
        }
        let Some(answer) = answer else {
            return false;
        };
        self.json
            .iter()
            .all(|(pointer, want)| answer.pointer(pointer) == Some(want))
            && self
                .present
                .iter()
                .all(|p| answer.pointer(p).is_some_and(|v| !v.is_null()))
    }

    /// Whether the condition needs the answer parsed as JSON.
    pub fn needs_json(&self) -> bool {
        !self.json.is_empty() || !self.present.is_empty()
    }
}

/// A companion value searched for in the blob holding the secret.
#[derive(Debug)]
pub struct Companion {
    /// Variable name in the templates.
    pub name: String,
    /// Regex source; group 1 (or the whole match) is the value.
    pub pattern: String,
    regex: OnceLock<Regex>,
}

impl Companion {
    /// The compiled regex (validated when the spec was built).
    pub fn regex(&self) -> &Regex {
        self.regex
            .get_or_init(|| build_regex(&self.pattern).expect("companion regexes are validated at load"))
    }
}

fn build_regex(pattern: &str) -> Result<Regex, regex::Error> {
    RegexBuilder::new(pattern)
        .unicode(false)
        .size_limit(1 << 20)
        .build()
}

impl VerifySpec {
    /// Validates a raw block. `capture_names` are the named groups of the
    /// rule's regex when it is compiled already (user configs); built-in
    /// rules check them in `rules check` through [`VerifySpec::check_captures`].
    pub fn from_raw(raw: RawSpec) -> Result<Self, String> {
        if let Some(coded) = &raw.coded {
            let role = match coded.as_str() {
                "aws-sts" => AwsRole::AccessKeyId,
                "aws-secret-key" => AwsRole::SecretAccessKey,
                other => {
                    return Err(format!(
                        "coded = {other:?} is not a built-in verifier; use \"aws-sts\" or \"aws-secret-key\""
                    ));
                }
            };
            let declarative = raw.method.is_some()
                || raw.url.is_some()
                || !raw.alternate_urls.is_empty()
                || raw.limited_when.is_some()
                || !raw.headers.is_empty()
                || raw.body.is_some()
                || raw.basic.is_some()
                || raw.verified_when.is_some()
                || raw.invalid_when.is_some()
                || !raw.identity.is_empty()
                || !raw.companions.is_empty();
            if declarative {
                return Err(format!(
                    "coded = {coded:?} takes no request fields (method, url, headers …)"
                ));
            }
            return Ok(VerifySpec::Aws(role));
        }
        HttpCheck::from_raw(raw).map(|check| VerifySpec::Http(Box::new(check)))
    }

    /// Checks that every template variable is `secret`, a companion, or a
    /// named group of the rule's regex (`capture_names`).
    pub fn check_captures<'a>(&self, capture_names: impl Iterator<Item = &'a str>) -> Result<(), String> {
        let VerifySpec::Http(check) = self else {
            return Ok(());
        };
        let names: Vec<&str> = capture_names.collect();
        for var in check.variables() {
            let known =
                var == SECRET || check.companions.iter().any(|c| c.name == var) || names.contains(&var);
            if !known {
                return Err(format!(
                    "verify uses {{{{{var}}}}}, which is neither {{{{secret}}}}, a named group of the regex (?P<{var}>…), nor a [rule.verify.companions] entry"
                ));
            }
        }
        Ok(())
    }
}

impl VerifySpec {
    /// One line for `rules show`: what the check asks and of whom.
    pub fn summary(&self) -> String {
        match self {
            VerifySpec::Http(check) => {
                let mut line = format!(
                    "{} https://{}{}",
                    check.method.as_str(),
                    check.host.source(),
                    check.path.source()
                );
                for (host, path) in &check.alternates {
                    line.push_str(&format!(", then https://{}{}", host.source(), path.source()));
                }
                line
            }
            VerifySpec::Aws(AwsRole::AccessKeyId) => {
                "sts:GetCallerIdentity, signed with a secret access key found in the same file".into()
            }
            VerifySpec::Aws(AwsRole::SecretAccessKey) => {
                "checked together with an AWS access key id in the same file".into()
            }
        }
    }
}

impl HttpCheck {
    fn from_raw(raw: RawSpec) -> Result<Self, String> {
        let method = match raw
            .method
            .as_deref()
            .unwrap_or("GET")
            .to_ascii_uppercase()
            .as_str()
        {
            "GET" => Method::Get,
            "POST" => Method::Post,
            "HEAD" => Method::Head,
            other => return Err(format!("method {other:?} is not allowed; use GET, POST or HEAD")),
        };
        let url = raw
            .url
            .ok_or("verify needs url = \"https://…\" (or coded = \"…\")")?;
        let (host, path) = parse_url(&url)?;
        let alternates = raw
            .alternate_urls
            .iter()
            .map(|u| parse_url(u))
            .collect::<Result<Vec<_>, _>>()?;
        let mut headers = Vec::new();
        for (name, value) in raw.headers {
            if reqwest::header::HeaderName::from_bytes(name.as_bytes()).is_err() {
                return Err(format!("header name {name:?} is not a valid HTTP header name"));
            }
            headers.push((name, Template::parse(&value)?));
        }
        let body = raw.body.as_deref().map(Template::parse).transpose()?;
        let basic = match raw.basic {
            Some(b) => Some((Template::parse(&b.user)?, Template::parse(&b.password)?)),
            None => None,
        };
        let expect_json = match raw.expect.as_deref().unwrap_or("json") {
            "json" => true,
            "text" => false,
            other => return Err(format!("expect = {other:?}; use \"json\" or \"text\"")),
        };
        let verified = condition(
            raw.verified_when
                .ok_or("verify needs verified_when = { status = [200] }")?,
            "verified_when",
        )?;
        if let Some(code) = verified.status.iter().find(|s| !(200..300).contains(*s)) {
            return Err(format!(
                "verified_when.status holds {code}; only 2xx answers may count as verified (a 403 from a firewall must never look live)"
            ));
        }
        if method == Method::Head && expect_json {
            return Err("a HEAD answer has no body; use expect = \"text\" with method HEAD".into());
        }
        if verified.needs_json() && !expect_json {
            return Err("verified_when has JSON tests but expect = \"text\"".into());
        }
        let invalid = conditions(raw.invalid_when, "invalid_when")?;
        let limited = conditions(raw.limited_when, "limited_when")?;
        for c in &limited {
            if let Some(code) = c.status.iter().find(|s| !(400..500).contains(*s)) {
                return Err(format!(
                    "limited_when.status holds {code}; it is for 4xx refusals of a live credential (a restricted key's 403)"
                ));
            }
            if !c.needs_json() || !expect_json {
                return Err(
                    "limited_when must test the JSON answer (json or present), so a firewall's 403 never looks live"
                        .into(),
                );
            }
        }
        for pointer in &raw.identity {
            check_pointer(pointer, "identity")?;
        }
        let mut companions = Vec::new();
        for (name, pattern) in raw.companions {
            if name == SECRET || !name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_') {
                return Err(format!(
                    "companion name {name:?} must be letters, digits and _ and not \"secret\""
                ));
            }
            build_regex(&pattern).map_err(|e| format!("companion {name} regex does not compile: {e}"))?;
            companions.push(Companion {
                name,
                pattern,
                regex: OnceLock::new(),
            });
        }
        let check = HttpCheck {
            method,
            host,
            path,
            alternates,
            headers,
            body,
            basic,
            expect_json,
            verified,
            invalid,
            limited,
            identity: raw.identity,
            companions,
            secret_is_url: raw.secret_is_url,
        };
        // A URL secret (webhook) is sent as the companions its regex splits it into.
        if !check.secret_is_url && !check.variables().any(|v| v == SECRET) {
            return Err("verify never sends {{secret}} (in url, headers, body or basic)".into());
        }
        Ok(check)
    }

    /// Every variable used by any template of the request.
    pub fn variables(&self) -> impl Iterator<Item = &str> {
        let basic = self.basic.iter().flat_map(|(u, p)| [u, p]);
        let alternates = self.alternates.iter().flat_map(|(h, p)| [h, p]);
        std::iter::once(&self.host)
            .chain(std::iter::once(&self.path))
            .chain(alternates)
            .chain(self.headers.iter().map(|(_, t)| t))
            .chain(self.body.iter())
            .chain(basic)
            .flat_map(Template::variables)
    }
}

/// Splits an `https://host/path` template into host and path templates.
fn parse_url(url: &str) -> Result<(Template, Template), String> {
    let rest = url.strip_prefix("https://").ok_or_else(|| {
        format!(
            "url {url:?} must start with https:// (use --verify-base-url to point a host elsewhere in tests)"
        )
    })?;
    let split = rest.find('/').unwrap_or(rest.len());
    let (host_text, path_text) = rest.split_at(split);
    let host = Template::parse(host_text)?;
    if host_text.is_empty() || host.uses(SECRET) {
        return Err(format!(
            "url {url:?} must name its host; the secret may not choose where it is sent"
        ));
    }
    if host
        .literal_prefix()
        .contains(['@', '?', '#', ':', '[', ']', '\\'])
    {
        return Err(format!(
            "url {url:?} has an unexpected character in its host (no user, port or IP literal)"
        ));
    }
    // A value filled in from the scanned file may pick a subdomain,
    // never the domain a secret is sent to.
    let fixed = host_text.rsplit("}}").next().unwrap_or(host_text);
    let fixed_labels = fixed.split('.').filter(|label| !label.is_empty()).count();
    if fixed_labels < 2 {
        return Err(format!(
            "url {url:?} must end its host in a fixed domain (as in {{{{shop}}}}.myshopify.com): a value found \
             next to the secret may choose a subdomain, never where the secret goes"
        ));
    }
    if host_text.parse::<std::net::Ipv4Addr>().is_ok() || is_local_name(host_text) {
        return Err(format!(
            "url {url:?} names an IP address or a local host; checks go to a provider's domain \
             (point them elsewhere with --verify-base-url)"
        ));
    }
    let path = Template::parse(if path_text.is_empty() { "/" } else { path_text })?;
    Ok((host, path))
}

fn conditions(raw: Option<OneOrMany>, what: &str) -> Result<Vec<Condition>, String> {
    match raw {
        None => Ok(Vec::new()),
        Some(OneOrMany::One(c)) => Ok(vec![condition(c, what)?]),
        Some(OneOrMany::Many(cs)) => cs.into_iter().map(|c| condition(c, what)).collect(),
    }
}

fn condition(raw: RawCondition, what: &str) -> Result<Condition, String> {
    if raw.status.is_empty() {
        return Err(format!("{what}.status is empty; list the HTTP status codes"));
    }
    if let Some(code) = raw.status.iter().find(|s| !(100..600).contains(*s)) {
        return Err(format!("{what}.status holds {code}, which is not an HTTP status"));
    }
    for pointer in raw.json.keys().chain(&raw.present) {
        check_pointer(pointer, what)?;
    }
    Ok(Condition {
        status: raw.status,
        json: raw.json.into_iter().collect(),
        present: raw.present,
    })
}

fn check_pointer(pointer: &str, what: &str) -> Result<(), String> {
    if pointer.starts_with('/') {
        Ok(())
    } else {
        Err(format!(
            "{what}: {pointer:?} is not a JSON pointer (it starts with /, e.g. \"/login\")"
        ))
    }
}

/// Whether `host` is a name for this machine or its link (`localhost`,
/// `*.localhost`), which a check may reach only through `--verify-base-url`.
pub fn is_local_name(host: &str) -> bool {
    let host = host.trim_end_matches('.').to_ascii_lowercase();
    host == "localhost" || host.ends_with(".localhost")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spec(text: &str) -> Result<VerifySpec, String> {
        let raw: RawSpec = toml::from_str(text).map_err(|e| e.to_string())?;
        VerifySpec::from_raw(raw)
    }

    const GITHUB: &str = r#"
method = "GET"
url = "https://api.github.com/user"
headers = { Authorization = "token {{secret}}" }
verified_when = { status = [200] }
invalid_when = { status = [401] }
identity = ["/login"]
"#;

    #[test]
    fn a_github_block_validates() {
        let VerifySpec::Http(check) = spec(GITHUB).expect("valid") else {
            panic!("an HTTP check");
        };
        assert_eq!(check.method, Method::Get);
        assert_eq!(check.host.source(), "api.github.com");
        assert_eq!(check.path.source(), "/user");
        assert!(check.expect_json);
        assert_eq!(check.invalid.len(), 1);
    }

    #[test]
    fn invalid_when_takes_a_list_with_json_tests() {
        let text = GITHUB.replace(
            "invalid_when = { status = [401] }",
            "invalid_when = [{ status = [401] }, { status = [403], json = { \"/error/invalidToken\" = true } }]",
        );
        let VerifySpec::Http(check) = spec(&text).expect("valid") else {
            panic!("an HTTP check");
        };
        assert_eq!(check.invalid.len(), 2);
        let answer = serde_json::json!({"error": {"invalidToken": true}});
        assert!(check.invalid[1].json_holds(Some(&answer)));
        assert!(!check.invalid[1].json_holds(None));
    }

    #[test]
    fn problems_are_named() {
        let cases = [
            (GITHUB.replace("https://", "http://"), "https://"),
            (GITHUB.replace("[200]", "[200, 403]"), "only 2xx"),
            (GITHUB.replace("\"GET\"", "\"DELETE\""), "DELETE"),
            (GITHUB.replace("token {{secret}}", "token"), "never sends"),
            (GITHUB.replace("token {{secret}}", "token {{secret}"), "unclosed"),
            (GITHUB.replace("\"/login\"", "\"login\""), "JSON pointer"),
            (
                GITHUB.replace("api.github.com", "{{secret}}.example.com"),
                "may not choose",
            ),
            (format!("{GITHUB}\nretries = 3\n"), "retries"),
            ("coded = \"gcp\"".to_string(), "gcp"),
            (
                format!("coded = \"aws-sts\"\n{GITHUB}"),
                "takes no request fields",
            ),
        ];
        for (text, needle) in cases {
            let err = spec(&text).expect_err(needle);
            assert!(err.contains(needle), "{needle:?} not in {err:?}");
        }
    }

    #[test]
    fn alternates_and_limited_answers_validate() {
        let text = format!(
            "{GITHUB}\nalternate_urls = [\"https://api.example.eu/user\", \"https://{{{{region}}}}.example.com/user\"]\nlimited_when = {{ status = [403], json = {{ \"/error\" = \"insufficient_scope\" }} }}\ncompanions = {{ region = '([a-z]+)' }}\n"
        );
        let VerifySpec::Http(check) = spec(&text).expect("valid") else {
            panic!("an HTTP check");
        };
        assert_eq!(check.alternates.len(), 2);
        assert_eq!(check.alternates[0].0.source(), "api.example.eu");
        assert_eq!(check.limited.len(), 1);
        assert!(check.variables().any(|v| v == "region"));
        assert!(
            spec(&text)
                .expect("valid")
                .summary()
                .contains("then https://api.example.eu/user")
        );
    }

    #[test]
    fn a_limited_answer_must_test_the_json_of_a_4xx() {
        let bare = format!("{GITHUB}\nlimited_when = {{ status = [403] }}\n");
        assert!(spec(&bare).expect_err("no JSON test").contains("firewall"));
        let ok = format!("{GITHUB}\nlimited_when = {{ status = [200], present = [\"/x\"] }}\n");
        assert!(spec(&ok).expect_err("2xx").contains("4xx"));
        let http = format!("{GITHUB}\nalternate_urls = [\"http://api.example.eu/user\"]\n");
        assert!(spec(&http).expect_err("plain http").contains("https://"));
    }

    #[test]
    fn unknown_variables_are_caught_against_the_regex_groups() {
        let text = GITHUB.replace("token {{secret}}", "token {{secret}} {{shop}}");
        let parsed = spec(&text).expect("valid on its own");
        assert!(parsed.check_captures(["shop"].into_iter()).is_ok());
        let err = parsed
            .check_captures(std::iter::empty())
            .expect_err("shop is unknown");
        assert!(err.contains("shop"), "{err}");
    }

    #[test]
    fn coded_verifiers() {
        assert!(matches!(
            spec("coded = \"aws-sts\""),
            Ok(VerifySpec::Aws(AwsRole::AccessKeyId))
        ));
        assert!(matches!(
            spec("coded = \"aws-secret-key\""),
            Ok(VerifySpec::Aws(AwsRole::SecretAccessKey))
        ));
    }
}
