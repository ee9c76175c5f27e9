//! Opt-in liveness checks (`--verify`): asks each provider whether a found
//! credential works, and records the answer with evidence on the finding.
//!
//! Nothing here runs unless the user asked: the client is built only by
//! [`verify_findings`]. Checks are declarative (`[rule.verify]`, see
//! [`spec`]) except where a request must be signed ([`aws`]). One request
//! is made per distinct check per run, under a global concurrency cap and a
//! per-host spacing, and the secret never appears in evidence or errors.

pub mod aws;
pub mod http;
pub mod spec;
pub mod template;

use std::{
    collections::{BTreeMap, HashMap},
    fmt,
    sync::{
        Arc, Mutex,
        atomic::{AtomicUsize, Ordering},
    },
    time::Duration,
};

use sha2::{Digest, Sha256};

pub use spec::{AwsRole, HttpCheck, RawSpec, VerifySpec};

use crate::{
    engine::Match,
    finding::{Finding, Verification, VerificationStatus},
    rules::Rule,
};
use http::{Answer, Request, Sender};
use template::SECRET;

/// What stands for the secret in evidence.
const SECRET_MARK: &str = "<secret>";
/// Longest identity value shown in evidence.
const MAX_IDENTITY: usize = 100;
/// Secret-key candidates tried per AWS key id (a blob rarely has more).
const MAX_AWS_PAIRS: usize = 3;

/// Verification could not start at all.
#[derive(Debug, thiserror::Error)]
pub enum VerifyError {
    /// The HTTP client could not be built (TLS set-up).
    #[error("cannot set up the HTTP client for --verify: {0}")]
    Client(String),
}

/// How a run verifies: the user's knobs.
#[derive(Debug, Clone)]
pub struct Options {
    /// Per-request timeout.
    pub timeout: Duration,
    /// Requests in flight at once, over all hosts.
    pub concurrency: usize,
    /// Minimum spacing between requests to one host.
    pub host_interval: Duration,
    /// Retries after a transient failure (network, 5xx, short 429).
    pub retries: u32,
    /// Longest `Retry-After` honoured; longer means `unknown`.
    pub max_retry_after: Duration,
    /// Where requests for a host go instead (GitHub Enterprise, tests).
    pub base_urls: Vec<BaseUrl>,
    /// Request secrets that are themselves URLs (webhooks).
    pub verify_urls: bool,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            timeout: Duration::from_secs(10),
            concurrency: 8,
            host_interval: Duration::from_millis(50),
            retries: 2,
            max_retry_after: Duration::from_secs(5),
            base_urls: Vec::new(),
            verify_urls: false,
        }
    }
}

/// `--verify-base-url HOST=URL`: requests meant for HOST go to URL.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BaseUrl {
    /// Host as the rule names it (`api.github.com`), or `*.suffix`.
    pub host: String,
    /// Replacement scheme, host, port and path prefix.
    pub url: reqwest::Url,
}

impl BaseUrl {
    /// Parses `HOST=URL`. Plain `http://` is accepted only for loopback
    /// addresses, so a typo cannot send a credential over the network in
    /// clear text.
    pub fn parse(text: &str) -> Result<Self, String> {
        let (host, url) = text.split_once('=').ok_or_else(|| {
            format!("{text:?} is not HOST=URL (e.g. api.github.com=https://ghe.example.com/api/v3)")
        })?;
        let host = host.trim().to_ascii_lowercase();
        if host.is_empty() || host.contains(['/', ':']) {
            return Err(format!(
                "{host:?} is not a host name (write api.github.com, no scheme)"
            ));
        }
        let url = reqwest::Url::parse(url.trim()).map_err(|e| format!("{url:?} is not a URL: {e}"))?;
        let loopback = matches!(url.host_str(), Some("127.0.0.1" | "localhost" | "[::1]" | "::1"));
        match url.scheme() {
            "https" => {}
            "http" if loopback => {}
            "http" => {
                return Err(format!(
                    "{url} is plain http; only https, or http to 127.0.0.1/localhost, may receive credentials"
                ));
            }
            other => return Err(format!("{url}: scheme {other} is not http(s)")),
        }
        if url.host_str().is_none() {
            return Err(format!("{url} has no host"));
        }
        Ok(BaseUrl { host, url })
    }

    fn applies_to(&self, host: &str) -> bool {
        match self.host.strip_prefix("*.") {
            Some(suffix) => host.strip_suffix(suffix).is_some_and(|rest| rest.ends_with('.')),
            None => host.eq_ignore_ascii_case(&self.host),
        }
    }
}

/// What a finding needs for its check: the raw secret and companion values,
/// taken from the blob when the finding is made. Never serialized, and its
/// `Debug` hides the values.
#[derive(Clone)]
pub struct VerifyInput {
    /// The rule's check.
    pub spec: Arc<VerifySpec>,
    /// The secret, in full.
    pub secret: String,
    /// Companion values by name (named regex groups, companion patterns).
    pub companions: BTreeMap<String, String>,
}

impl fmt::Debug for VerifyInput {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("VerifyInput")
            .field("secret", &SECRET_MARK)
            .field("companions", &self.companions.keys().collect::<Vec<_>>())
            .finish()
    }
}

impl PartialEq for VerifyInput {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.spec, &other.spec)
            && self.secret == other.secret
            && self.companions == other.companions
    }
}

impl VerifyInput {
    /// Takes what `rule`'s check needs from the match `m` in `blob`.
    pub fn capture(rule: &Rule, m: &Match, blob: &[u8]) -> Option<Self> {
        let spec = rule.verify.as_ref()?;
        let secret = String::from_utf8_lossy(&blob[m.secret.clone()]).into_owned();
        let mut companions = BTreeMap::new();
        if let VerifySpec::Http(check) = &**spec {
            let wanted: Vec<&str> = check.variables().filter(|v| *v != SECRET).collect();
            if !wanted.is_empty() {
                // The engine searched `blob[..window end]` from the match
                // start; the same haystack yields the same match here.
                if let Some(caps) = rule.regex().captures_at(&blob[..m.full.end], m.full.start) {
                    for name in rule.regex().capture_names().flatten() {
                        if let (true, Some(group)) = (wanted.contains(&name), caps.name(name)) {
                            let value = String::from_utf8_lossy(group.as_bytes()).into_owned();
                            companions.insert(name.to_string(), value);
                        }
                    }
                }
                for companion in &check.companions {
                    if companions.contains_key(&companion.name) {
                        continue;
                    }
                    if let Some(value) = nearest(companion.regex(), blob, m.secret.start) {
                        companions.insert(companion.name.clone(), value);
                    }
                }
            }
        }
        Some(VerifyInput {
            spec: Arc::clone(spec),
            secret,
            companions,
        })
    }
}

/// The match of `regex` in `blob` closest to `at`: group 1, or the whole match.
fn nearest(regex: &regex::bytes::Regex, blob: &[u8], at: usize) -> Option<String> {
    regex
        .captures_iter(blob)
        .take(1000)
        .filter_map(|caps| {
            let value = caps.get(1).or_else(|| caps.get(0))?;
            Some((value.start().abs_diff(at), value.as_bytes()))
        })
        .min_by_key(|(distance, _)| *distance)
        .map(|(_, value)| String::from_utf8_lossy(value).into_owned())
}

/// How many findings ended in each state.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    /// Live.
    pub verified: usize,
    /// Rejected.
    pub invalid: usize,
    /// Undecided.
    pub unknown: usize,
    /// Not checked.
    pub not_checked: usize,
}

impl Counts {
    /// Counts the states of `findings`.
    pub fn of(findings: &[Finding]) -> Self {
        let mut counts = Counts::default();
        for f in findings {
            match f.verification.status {
                VerificationStatus::Verified => counts.verified += 1,
                VerificationStatus::Invalid => counts.invalid += 1,
                VerificationStatus::Unknown => counts.unknown += 1,
                VerificationStatus::NotChecked => counts.not_checked += 1,
            }
        }
        counts
    }
}

impl fmt::Display for Counts {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} verified, {} invalid, {} unknown, {} not checked",
            self.verified, self.invalid, self.unknown, self.not_checked
        )
    }
}

/// One request to make, shared by every finding whose check renders to it.
enum Job {
    Http {
        check: Arc<VerifySpec>,
        /// The rule's URL, then its alternates, tried in order.
        requests: Vec<Request>,
    },
    Aws {
        request: Box<Request>,
    },
}

/// What a finding waits for.
enum Plan {
    Done(Verification),
    Job(String),
    /// An AWS key id: the jobs of its pairings, best outcome wins.
    Pairs(Vec<String>),
}

fn not_checked(detail: impl Into<String>) -> Verification {
    Verification {
        status: VerificationStatus::NotChecked,
        detail: Some(detail.into()),
    }
}

/// Verifies `findings` in place (their `verification` field) and returns
/// the counts. Only this function touches the network.
pub fn verify_findings(findings: &mut [Finding], options: &Options) -> Result<Counts, VerifyError> {
    let mut jobs: HashMap<String, Job> = HashMap::new();
    let mut plans: Vec<Plan> = Vec::with_capacity(findings.len());
    for (index, finding) in findings.iter().enumerate() {
        let plan = match finding.verify_input.as_ref() {
            None => Plan::Done(not_checked("this rule has no live check")),
            Some(input) => match &*input.spec {
                VerifySpec::Http(check) => match http_requests(check, input, options) {
                    Ok(requests) => {
                        let key = requests.iter().map(job_key).collect::<Vec<_>>().join(":");
                        jobs.entry(key.clone()).or_insert_with(|| Job::Http {
                            check: Arc::clone(&input.spec),
                            requests,
                        });
                        Plan::Job(key)
                    }
                    Err(why) => Plan::Done(not_checked(why)),
                },
                VerifySpec::Aws(AwsRole::AccessKeyId) => {
                    let partners = aws_partners(findings, index);
                    if partners.is_empty() {
                        Plan::Done(not_checked(
                            "no AWS secret access key in the same file to pair this key id with",
                        ))
                    } else {
                        let keys = partners
                            .into_iter()
                            .take(MAX_AWS_PAIRS)
                            .map(|secret| {
                                let request = aws_request(&input.secret, secret, options);
                                let key = aws_key(&input.secret, secret);
                                jobs.entry(key.clone()).or_insert(Job::Aws {
                                    request: Box::new(request),
                                });
                                key
                            })
                            .collect();
                        Plan::Pairs(keys)
                    }
                }
                // Decided below, from the key ids it pairs with.
                VerifySpec::Aws(AwsRole::SecretAccessKey) => Plan::Pairs(Vec::new()),
            },
        };
        plans.push(plan);
    }

    let results = run(jobs, options)?;
    let best = |keys: &[String]| -> Option<Verification> {
        let outcomes: Vec<&Verification> = keys.iter().filter_map(|k| results.get(k)).collect();
        outcomes
            .iter()
            .find(|v| v.status == VerificationStatus::Verified)
            .or_else(|| outcomes.iter().find(|v| v.status == VerificationStatus::Unknown))
            .or_else(|| outcomes.first())
            .map(|v| (*v).clone())
    };
    let mut outcomes: Vec<Verification> = plans
        .iter()
        .map(|plan| match plan {
            Plan::Done(v) => v.clone(),
            Plan::Job(key) => results.get(key).cloned().unwrap_or_default(),
            Plan::Pairs(keys) => best(keys).unwrap_or_default(),
        })
        .collect();
    // A secret key shares the outcome of the key id it was paired with.
    for index in 0..findings.len() {
        let is_secret_key = findings[index]
            .verify_input
            .as_ref()
            .is_some_and(|i| matches!(&*i.spec, VerifySpec::Aws(AwsRole::SecretAccessKey)));
        if !is_secret_key {
            continue;
        }
        let secret = findings[index].verify_input.as_ref().map(|i| i.secret.clone());
        let keys: Vec<String> = findings
            .iter()
            .enumerate()
            .filter(|(other, f)| {
                matches!(plans[*other], Plan::Pairs(ref k) if !k.is_empty())
                    && same_place(f, &findings[index])
            })
            .filter_map(|(_, f)| {
                let id = f.verify_input.as_ref()?;
                Some(aws_key(&id.secret, secret.as_deref()?))
            })
            .collect();
        outcomes[index] = best(&keys).unwrap_or_else(|| {
            not_checked("checked together with an AWS access key id in the same file; none was found")
        });
    }
    for (finding, outcome) in findings.iter_mut().zip(outcomes) {
        finding.verification = outcome;
    }
    Ok(Counts::of(findings))
}

/// Runs every job once, `options.concurrency` at a time.
fn run(jobs: HashMap<String, Job>, options: &Options) -> Result<HashMap<String, Verification>, VerifyError> {
    if jobs.is_empty() {
        return Ok(HashMap::new());
    }
    let sender = Sender::new(options)?;
    let jobs: Vec<(String, Job)> = jobs.into_iter().collect();
    let next = AtomicUsize::new(0);
    let results = Mutex::new(HashMap::with_capacity(jobs.len()));
    let workers = options.concurrency.clamp(1, jobs.len());
    std::thread::scope(|scope| {
        for _ in 0..workers {
            scope.spawn(|| {
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    let Some((key, job)) = jobs.get(i) else {
                        break;
                    };
                    let outcome = execute(&sender, job);
                    results
                        .lock()
                        .unwrap_or_else(|p| p.into_inner())
                        .insert(key.clone(), outcome);
                }
            });
        }
    });
    Ok(results.into_inner().unwrap_or_else(|p| p.into_inner()))
}

fn execute(sender: &Sender, job: &Job) -> Verification {
    match job {
        Job::Http { check, requests } => {
            let VerifySpec::Http(check) = &**check else {
                unreachable!("HTTP jobs are made from HTTP checks only");
            };
            let mut outcome = Verification::default();
            for (tried, request) in requests.iter().enumerate() {
                outcome = match sender.send(request) {
                    Ok(answer) => {
                        let verdict = judge(check, request, &answer);
                        let refused = matches!(answer.status, 401 | 403)
                            && verdict.status != VerificationStatus::Verified;
                        if refused && tried + 1 < requests.len() {
                            continue;
                        }
                        verdict
                    }
                    Err(unknown) => unknown,
                };
                if tried > 0 {
                    let refused_by = requests[..tried]
                        .iter()
                        .map(|r| r.display.as_str())
                        .collect::<Vec<_>>()
                        .join(", ");
                    let detail = outcome.detail.take().unwrap_or_default();
                    outcome.detail = Some(format!("{detail} (after 401/403 from {refused_by})"));
                }
                break;
            }
            outcome
        }
        Job::Aws { request } => match sender.send(request) {
            Ok(answer) => judge_sts(request, &answer),
            Err(unknown) => unknown,
        },
    }
}

/// Reads an answer against the rule's conditions.
fn judge(check: &HttpCheck, request: &Request, answer: &Answer) -> Verification {
    let head = format!("{}: HTTP {}", request.display, answer.status);
    let outcome = |status, detail: String| Verification {
        status,
        detail: Some(scrub(&detail, &request.scrub)),
    };
    if (300..400).contains(&answer.status) {
        return outcome(
            VerificationStatus::Unknown,
            format!("{head}, a redirect (not followed)"),
        );
    }
    if answer.is_html() {
        return outcome(
            VerificationStatus::Unknown,
            format!(
                "{head} with an HTML page where an API answer was expected (firewall, proxy or anti-bot page?)"
            ),
        );
    }
    let json: Option<serde_json::Value> = check
        .expect_json
        .then(|| serde_json::from_slice(&answer.body).ok())
        .flatten();
    if check.verified.status.contains(&answer.status) {
        if check.expect_json && json.is_none() {
            return outcome(
                VerificationStatus::Unknown,
                format!("{head} but the answer is not the JSON the API gives"),
            );
        }
        if check.verified.json_holds(json.as_ref()) {
            let identity = identity(check, json.as_ref());
            return outcome(VerificationStatus::Verified, format!("{head}{identity}"));
        }
    }
    if check
        .limited
        .iter()
        .any(|c| c.status.contains(&answer.status) && c.json_holds(json.as_ref()))
    {
        return outcome(
            VerificationStatus::Verified,
            format!(
                "{head}, the provider knows the credential but it lacks the permission this request needs (a restricted key)"
            ),
        );
    }
    if check
        .invalid
        .iter()
        .any(|c| c.status.contains(&answer.status) && c.json_holds(json.as_ref()))
    {
        return outcome(
            VerificationStatus::Invalid,
            format!("{head}, the provider rejected the credential"),
        );
    }
    outcome(
        VerificationStatus::Unknown,
        format!("{head}, an answer this rule does not expect"),
    )
}

/// `; login: octocat` from the identity pointers that resolve.
fn identity(check: &HttpCheck, json: Option<&serde_json::Value>) -> String {
    let Some(json) = json else {
        return String::new();
    };
    let parts: Vec<String> = check
        .identity
        .iter()
        .filter_map(|pointer| {
            let value = match json.pointer(pointer)? {
                serde_json::Value::String(s) => s.clone(),
                serde_json::Value::Null => return None,
                other => other.to_string(),
            };
            let label = pointer.rsplit('/').next().unwrap_or(pointer);
            let value: String = value
                .chars()
                .filter(|c| !c.is_control())
                .take(MAX_IDENTITY)
                .collect();
            Some(format!("{label}: {value}"))
        })
        .collect();
    if parts.is_empty() {
        String::new()
    } else {
        format!("; {}", parts.join(", "))
    }
}

fn judge_sts(request: &Request, answer: &Answer) -> Verification {
    let outcome = |status, detail: String| Verification {
        status,
        detail: Some(scrub(&detail, &request.scrub)),
    };
    let head = format!(
        "sts:GetCallerIdentity via {}: HTTP {}",
        request.display, answer.status
    );
    if answer.is_html() {
        return outcome(
            VerificationStatus::Unknown,
            format!("{head} with an HTML page where an API answer was expected"),
        );
    }
    let body = String::from_utf8_lossy(&answer.body);
    let (arn, code) = aws::sts_answer(&body);
    match (answer.status, arn, code) {
        (200, Some(arn), _) => outcome(
            VerificationStatus::Verified,
            format!("sts:GetCallerIdentity ok: {arn}"),
        ),
        (400 | 403, _, Some(code)) if aws::REJECTED_CODES.contains(&code.as_str()) => {
            outcome(VerificationStatus::Invalid, format!("{head}, {code}"))
        }
        (_, _, Some(code)) => outcome(VerificationStatus::Unknown, format!("{head}, {code}")),
        _ => outcome(
            VerificationStatus::Unknown,
            format!("{head}, an answer STS does not give"),
        ),
    }
}

/// The AWS secret keys found in the same place as the key id at `index`.
fn aws_partners(findings: &[Finding], index: usize) -> Vec<&str> {
    let id = &findings[index];
    findings
        .iter()
        .filter(|f| same_place(f, id))
        .filter_map(|f| {
            let input = f.verify_input.as_ref()?;
            matches!(&*input.spec, VerifySpec::Aws(AwsRole::SecretAccessKey)).then_some(input.secret.as_str())
        })
        .collect()
}

/// Same file (or blob, archive member, layer): where a key pair lives together.
fn same_place(a: &Finding, b: &Finding) -> bool {
    let git = |f: &Finding| f.git.as_ref().map(|g| (g.commit.clone(), g.blob.clone()));
    a.location.path == b.location.path
        && a.location.kind == b.location.kind
        && a.source == b.source
        && git(a) == git(b)
}

fn aws_request(key_id: &str, secret: &str, options: &Options) -> Request {
    let default = reqwest::Url::parse(&format!("https://{}/", aws::STS_HOST)).expect("a valid URL");
    let (url, display, _) = redirect(default, &format!("{}/", aws::STS_HOST), options);
    let host = host_header(&url);
    let headers = aws::sts_headers(key_id, secret, &host, &aws::amz_date_now())
        .into_iter()
        .map(|(n, v)| (n.to_string(), v))
        .collect();
    Request {
        method: "POST",
        url,
        headers,
        body: Some(aws::STS_BODY.as_bytes().to_vec()),
        basic: None,
        display,
        scrub: vec![secret.to_string()],
    }
}

/// The Host header reqwest sends for `url` (with a non-default port).
fn host_header(url: &reqwest::Url) -> String {
    let host = url.host_str().unwrap_or_default();
    match url.port() {
        Some(port) => format!("{host}:{port}"),
        None => host.to_string(),
    }
}

/// Refuses a request to an IP literal, a loopback or link-local address or
/// a local name: only `--verify-base-url` may send a check there (tests,
/// a provider reached through a local proxy), never a rule or a value from
/// the scanned tree.
fn refuse_local(url: &reqwest::Url) -> Result<(), String> {
    let refused = |what: &str| {
        Err(format!(
            "the check would go to {what}; leakhound sends secrets only to a provider's domain \
             (--verify-base-url HOST=URL can point a host elsewhere)"
        ))
    };
    // The URL parser has normalised the host: IPv6 in brackets, every IPv4
    // spelling (`0x7f.1`, `2130706433`) as a dotted quad.
    match url.host_str() {
        None => refused("no host"),
        Some(host) if host.starts_with('[') || host.parse::<std::net::Ipv4Addr>().is_ok() => {
            refused("an IP address")
        }
        Some(host) if spec::is_local_name(host) => refused("a local host name"),
        Some(_) => Ok(()),
    }
}

/// Applies a `--verify-base-url` override to `url`; returns the URL to use,
/// the display form (`host/path` under the override) and whether an
/// override applied.
fn redirect(url: reqwest::Url, display: &str, options: &Options) -> (reqwest::Url, String, bool) {
    let host = url.host_str().unwrap_or_default().to_string();
    let Some(base) = options.base_urls.iter().find(|b| b.applies_to(&host)) else {
        return (url, display.to_string(), false);
    };
    let prefix = base.url.as_str().trim_end_matches('/');
    let mut rest = url.path().to_string();
    if let Some(query) = url.query() {
        rest.push('?');
        rest.push_str(query);
    }
    let shown = display.split_once('/').map_or("", |(_, path)| path);
    let shown_base = prefix
        .split_once("://")
        .map_or(prefix, |(_, after)| after)
        .to_string();
    match reqwest::Url::parse(&format!("{prefix}{rest}")) {
        Ok(new) => (new, format!("{shown_base}/{shown}"), true),
        Err(_) => (url, display.to_string(), false),
    }
}

/// Characters kept as they are in a URL path or query value.
fn url_safe(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b"-._~:@!$&'()*+,;=".contains(&b)
}

fn percent_encode(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for b in value.bytes() {
        if url_safe(b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// Renders a check into its requests for `input` (the rule's URL, then each
/// alternate whose companions were found), or says why none can be made.
fn http_requests(check: &HttpCheck, input: &VerifyInput, options: &Options) -> Result<Vec<Request>, String> {
    if (check.secret_is_url || input.secret.contains("://")) && !options.verify_urls {
        return Err("the secret is a URL; leakhound requests it only with --verify-urls".into());
    }
    let mut requests = vec![http_request(check, &check.host, &check.path, input, options)?];
    requests.extend(
        check
            .alternates
            .iter()
            .filter_map(|(host, path)| http_request(check, host, path, input, options).ok()),
    );
    Ok(requests)
}

/// Renders one URL of a check (`host_template`, `path_template`) into a request.
fn http_request(
    check: &HttpCheck,
    host_template: &template::Template,
    path_template: &template::Template,
    input: &VerifyInput,
    options: &Options,
) -> Result<Request, String> {
    let value = |name: &str| -> Option<String> {
        if name == SECRET {
            Some(input.secret.clone())
        } else {
            input.companions.get(name).cloned()
        }
    };
    let missing = |name: String| {
        format!(
            "the check needs {{{{{name}}}}} (found next to the secret), and there is none in the match or its file"
        )
    };
    let host = host_template.render(&|name| {
        // A companion in the host picks a subdomain; it must be one DNS label.
        value(name).filter(|v| !v.is_empty() && v.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-'))
    });
    let host = host.map_err(missing)?.to_ascii_lowercase();
    let path = path_template
        .render(&|name| value(name).map(|v| percent_encode(&v)))
        .map_err(missing)?;
    let url = reqwest::Url::parse(&format!("https://{host}{path}"))
        .map_err(|e| format!("the check's URL does not parse once filled in: {e}"))?;
    let shown_path = path_template
        .render(&|name| {
            if name == SECRET {
                Some(SECRET_MARK.to_string())
            } else {
                value(name)
            }
        })
        .map_err(missing)?;
    let (url, display, overridden) = redirect(url, &format!("{host}{shown_path}"), options);
    if !overridden {
        refuse_local(&url)?;
    }
    let mut headers = Vec::with_capacity(check.headers.len());
    for (name, template) in &check.headers {
        headers.push((name.clone(), template.render(&value).map_err(missing)?));
    }
    let body = match &check.body {
        Some(t) => Some(t.render(&value).map_err(missing)?.into_bytes()),
        None => None,
    };
    let basic = match &check.basic {
        Some((user, password)) => Some((
            user.render(&value).map_err(missing)?,
            password.render(&value).map_err(missing)?,
        )),
        None => None,
    };
    let mut scrub = vec![input.secret.clone(), percent_encode(&input.secret)];
    scrub.dedup();
    Ok(Request {
        method: check.method.as_str(),
        url,
        headers,
        body,
        basic,
        display: format!("{} {display}", check.method.as_str()),
        scrub,
    })
}

/// One request per distinct rendered request: the same secret checked the
/// same way in many files is asked about once.
fn job_key(request: &Request) -> String {
    let mut hasher = Sha256::new();
    for part in [request.method.as_bytes(), request.url.as_str().as_bytes()] {
        hasher.update(part);
        hasher.update([0]);
    }
    for (name, value) in &request.headers {
        hasher.update(name.as_bytes());
        hasher.update([0]);
        hasher.update(value.as_bytes());
        hasher.update([0]);
    }
    if let Some(body) = &request.body {
        hasher.update(body);
    }
    if let Some((user, password)) = &request.basic {
        hasher.update(user.as_bytes());
        hasher.update([0]);
        hasher.update(password.as_bytes());
    }
    for s in &request.scrub {
        hasher.update([1]);
        hasher.update(s.as_bytes());
    }
    crate::finding::sha256_hex(&hasher.finalize())
}

/// One STS call per key pair (the signed headers change by the second).
fn aws_key(key_id: &str, secret: &str) -> String {
    crate::finding::sha256_hex(format!("aws\0{key_id}\0{secret}").as_bytes())
}

/// Replaces every occurrence of the secret values in `text`.
pub fn scrub(text: &str, secrets: &[String]) -> String {
    let mut out = text.to_string();
    for secret in secrets.iter().filter(|s| s.len() >= 4) {
        out = out.replace(secret.as_str(), SECRET_MARK);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base_urls_parse_and_refuse_clear_text_to_other_hosts() {
        let b = BaseUrl::parse("api.github.com=https://ghe.example.com/api/v3").expect("valid");
        assert_eq!(b.host, "api.github.com");
        assert!(BaseUrl::parse("api.github.com=http://127.0.0.1:8080").is_ok());
        assert!(BaseUrl::parse("api.github.com=http://ghe.example.com").is_err());
        assert!(BaseUrl::parse("api.github.com").is_err());
        assert!(BaseUrl::parse("https://api.github.com=https://x.example").is_err());
        let wildcard = BaseUrl::parse("*.myshopify.com=http://127.0.0.1:1").expect("valid");
        assert!(wildcard.applies_to("shop-1.myshopify.com"));
        assert!(!wildcard.applies_to("myshopify.com"));
        assert!(!wildcard.applies_to("evilmyshopify.com"));
    }

    #[test]
    fn overrides_keep_the_path_and_prefix() {
        let options = Options {
            base_urls: vec![BaseUrl::parse("api.github.com=https://ghe.example.com/api/v3/").expect("valid")],
            ..Options::default()
        };
        let url = reqwest::Url::parse("https://api.github.com/user?x=1").expect("valid");
        let (url, display, _) = redirect(url, "api.github.com/user?x=1", &options);
        assert_eq!(url.as_str(), "https://ghe.example.com/api/v3/user?x=1");
        assert_eq!(display, "ghe.example.com/api/v3/user?x=1");
    }

    #[test]
    fn findings_never_show_the_secret_in_debug_output() {
        use crate::{
            engine::{Engine, Scratch},
            finding::{LocationKind, Origin, Source, SourceKind},
            rules::{RuleSet, Validation},
        };
        let pack = r#"
[[rule]]
id = "demo-token"
name = "Demo token"
provider = "demo"
severity = "high"
confidence = "high"
keywords = ["dmo_"]
regex = '\b(dmo_[A-Za-z0-9]{12})@(?P<tenant>[a-z]+)'
rotation = { summary = "Revoke it.", docs = "https://example.invalid", steps = [] }
[rule.verify]
url = "https://{{tenant}}.example.com/me"
headers = { Authorization = "Bearer {{secret}}" }
verified_when = { status = [200] }
"#;
        let mut rules = RuleSet::default();
        rules
            .add_pack("t.toml", pack, Validation::Eager)
            .expect("valid pack");
        let engine = Engine::new(rules).expect("prefilter builds");
        let blob = b"key = dmo_Qx7vR2pLm9Zk@acme\n";
        let matches = engine.scan(blob, None, &mut Scratch::default());
        let origin = Origin {
            path: None,
            kind: LocationKind::Stdin,
            source: Source::plain(SourceKind::Stdin),
        };
        let findings = crate::finding::findings_for(&engine, blob, &matches, &origin, Default::default());
        assert_eq!(findings.len(), 1);
        let input = findings[0].verify_input.as_ref().expect("the rule has a check");
        assert_eq!(input.secret, "dmo_Qx7vR2pLm9Zk");
        assert_eq!(input.companions.get("tenant").map(String::as_str), Some("acme"));
        let debug = format!("{:?}", findings[0]);
        assert!(!debug.contains("Qx7vR2pLm9Zk"), "{debug}");
        let json = serde_json::to_string(&findings[0]).expect("serializes");
        assert!(
            !json.contains("Qx7vR2pLm9Zk") && !json.contains("verify_input"),
            "{json}"
        );
    }

    #[test]
    fn scrub_removes_secrets() {
        let s = scrub(
            "GET api.telegram.org/bot123:AAabc/getMe failed",
            &["123:AAabc".to_string()],
        );
        assert_eq!(s, "GET api.telegram.org/bot<secret>/getMe failed");
    }

    #[test]
    fn percent_encoding_keeps_token_characters() {
        assert_eq!(percent_encode("123:AA-_x"), "123:AA-_x");
        assert_eq!(percent_encode("a/b c?#"), "a%2Fb%20c%3F%23");
    }
}
