//! Sending verification requests politely: one shared client (timeouts, no
//! redirects, a clear User-Agent), per-host spacing that honours
//! `Retry-After`, and bounded retries for transient failures only.

use std::{
    collections::HashMap,
    io::Read,
    sync::Mutex,
    time::{Duration, Instant},
};

use crate::{
    finding::{Verification, VerificationStatus},
    verify::{Options, VerifyError, scrub},
};

/// Bytes of an answer read at most: identity endpoints answer in a few KiB.
const MAX_BODY: u64 = 256 * 1024;
/// First back-off after a transient failure; doubles per retry.
const BACKOFF: Duration = Duration::from_millis(250);

/// The User-Agent every request carries, so providers can tell who calls.
pub fn user_agent() -> String {
    format!(
        "leakhound/{} (+https://github.com/leakhound/leakhound; secret verification)",
        env!("CARGO_PKG_VERSION")
    )
}

/// A request ready to send.
pub struct Request {
    /// Method name.
    pub method: &'static str,
    /// Where it goes (after any --verify-base-url override).
    pub url: reqwest::Url,
    /// Header names and values.
    pub headers: Vec<(String, String)>,
    /// Body.
    pub body: Option<Vec<u8>>,
    /// Basic authentication.
    pub basic: Option<(String, String)>,
    /// What the evidence shows instead of the URL: method, host and path
    /// with the secret replaced.
    pub display: String,
    /// Values that must never appear in evidence or errors.
    pub scrub: Vec<String>,
}

/// What came back.
pub struct Answer {
    /// HTTP status.
    pub status: u16,
    /// Content-Type header, lowercase.
    pub content_type: String,
    /// Whether an anti-bot challenge header was present.
    pub challenge: bool,
    /// The `Retry-After` header.
    pub retry_after: Option<String>,
    /// The body (first [`MAX_BODY`] bytes).
    pub body: Vec<u8>,
}

impl Answer {
    /// An HTML page (firewall, captive portal, anti-bot challenge) where an
    /// API answer was expected.
    pub fn is_html(&self) -> bool {
        let start = String::from_utf8_lossy(&self.body[..self.body.len().min(256)]).to_ascii_lowercase();
        let start = start.trim_start();
        self.challenge
            || self.content_type.contains("text/html")
            || start.starts_with("<!doctype")
            || start.starts_with("<html")
    }
}

/// Minimum spacing between requests to one host, and pauses a 429 asks for.
struct HostLimiter {
    next: Mutex<HashMap<String, Instant>>,
    interval: Duration,
}

impl HostLimiter {
    /// Waits for this host's next free slot and books the one after it.
    fn wait(&self, host: &str) {
        let now = Instant::now();
        let at = {
            let mut next = self.next.lock().unwrap_or_else(|p| p.into_inner());
            let slot = next.get(host).copied().unwrap_or(now).max(now);
            next.insert(host.to_string(), slot + self.interval);
            slot
        };
        std::thread::sleep(at.saturating_duration_since(now));
    }

    /// Holds every request to `host` back for `pause` (a `Retry-After`).
    fn pause(&self, host: &str, pause: Duration) {
        let until = Instant::now() + pause;
        let mut next = self.next.lock().unwrap_or_else(|p| p.into_inner());
        let slot = next.entry(host.to_string()).or_insert(until);
        *slot = (*slot).max(until);
    }
}

/// The shared client and limits of one verification run.
pub struct Sender {
    client: reqwest::blocking::Client,
    limiter: HostLimiter,
    timeout: Duration,
    retries: u32,
    max_retry_after: Duration,
}

impl Sender {
    /// Builds the client; nothing is sent yet.
    pub fn new(options: &Options) -> Result<Self, VerifyError> {
        let client = reqwest::blocking::Client::builder()
            .user_agent(user_agent())
            .timeout(options.timeout)
            .connect_timeout(options.timeout)
            // A redirect could lead the secret to a host the rule never named.
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .map_err(|e| VerifyError::Client(e.without_url().to_string()))?;
        Ok(Sender {
            client,
            limiter: HostLimiter {
                next: Mutex::new(HashMap::new()),
                interval: options.host_interval,
            },
            timeout: options.timeout,
            retries: options.retries,
            max_retry_after: options.max_retry_after,
        })
    }

    /// Sends `request`, retrying transient failures (network errors, 5xx,
    /// a short 429) a bounded number of times. `Err` is the final
    /// `unknown` outcome, its detail scrubbed of the secret.
    pub fn send(&self, request: &Request) -> Result<Answer, Verification> {
        let host = request.url.host_str().unwrap_or_default().to_string();
        let unknown = |why: String| Verification {
            status: VerificationStatus::Unknown,
            detail: Some(scrub(&format!("{}: {why}", request.display), &request.scrub)),
        };
        let mut attempt = 0;
        loop {
            self.limiter.wait(&host);
            let retry_left = attempt < self.retries;
            attempt += 1;
            let answer = match self.once(request) {
                Ok(answer) => answer,
                Err(e) => {
                    // A request that cannot be built fails the same way every time.
                    if retry_left && !matches!(e, Failure::Unsendable(_)) {
                        std::thread::sleep(BACKOFF * 2u32.pow(attempt - 1));
                        continue;
                    }
                    let why = match e {
                        Failure::Timeout => {
                            format!("no answer within {} s (timed out)", self.timeout.as_secs_f64())
                        }
                        Failure::Connect => "cannot connect (network error)".to_string(),
                        Failure::Other(message) => format!("request failed: {message}"),
                        Failure::Unsendable(message) => {
                            format!(
                                "the request cannot be sent (a value the check fills in is not valid there): {message}"
                            )
                        }
                    };
                    return Err(unknown(why));
                }
            };
            match answer.status {
                429 => {
                    let wait = answer.retry_after();
                    match wait {
                        Some(wait) if retry_left && wait <= self.max_retry_after => {
                            self.limiter.pause(&host, wait);
                            continue;
                        }
                        Some(wait) => {
                            let asked = if wait == Duration::MAX {
                                "a date".to_string()
                            } else {
                                format!("{} s", wait.as_secs())
                            };
                            return Err(unknown(format!(
                                "HTTP 429, rate limited (Retry-After {asked}; leakhound waits at most {} s)",
                                self.max_retry_after.as_secs()
                            )));
                        }
                        None if retry_left => {
                            std::thread::sleep(BACKOFF * 2u32.pow(attempt - 1));
                            continue;
                        }
                        None => return Err(unknown("HTTP 429, rate limited".into())),
                    }
                }
                500..=599 if retry_left => {
                    std::thread::sleep(BACKOFF * 2u32.pow(attempt - 1));
                }
                500..=599 => {
                    return Err(unknown(format!(
                        "HTTP {}, the provider failed (tried {attempt} times)",
                        answer.status
                    )));
                }
                _ => return Ok(answer),
            }
        }
    }

    /// Sends `request` once. The timeout is one deadline for the whole
    /// exchange: connecting, the answer's headers and its body. reqwest's
    /// own timeout restarts with every read of the body, so a server sending
    /// a byte a second would hold the scan for days; the exchange runs on
    /// its own thread and is given up at the deadline (the thread stops at
    /// its next read).
    fn once(&self, request: &Request) -> Result<Answer, Failure> {
        let deadline = Instant::now() + self.timeout;
        let method = reqwest::Method::from_bytes(request.method.as_bytes()).expect("a known method name");
        let mut builder = self
            .client
            .request(method, request.url.clone())
            .timeout(self.timeout);
        for (name, value) in &request.headers {
            builder = builder.header(name.as_str(), value.as_str());
        }
        if let Some((user, password)) = &request.basic {
            builder = builder.basic_auth(user, Some(password));
        }
        if let Some(body) = &request.body {
            builder = builder.body(body.clone());
        }
        let built = builder.build().map_err(Failure::from)?;
        let client = self.client.clone();
        let (answered, answer) = std::sync::mpsc::sync_channel(1);
        std::thread::Builder::new()
            .name("leakhound-verify".into())
            .spawn(move || {
                let _ = answered.send(exchange(&client, built, deadline));
            })
            .map_err(|e| Failure::Other(format!("cannot start a request thread: {e}")))?;
        answer
            .recv_timeout(deadline.saturating_duration_since(Instant::now()))
            .unwrap_or(Err(Failure::Timeout))
    }
}

/// Sends a built request and reads its answer, up to [`MAX_BODY`] bytes of
/// body, giving up once `deadline` has passed.
fn exchange(
    client: &reqwest::blocking::Client,
    request: reqwest::blocking::Request,
    deadline: Instant,
) -> Result<Answer, Failure> {
    let mut response = client.execute(request).map_err(Failure::from)?;
    let status = response.status().as_u16();
    let header = |name: &str| {
        response
            .headers()
            .get(name)
            .and_then(|v| v.to_str().ok())
            .map(str::to_ascii_lowercase)
    };
    let content_type = header("content-type").unwrap_or_default();
    let challenge = header("cf-mitigated").is_some();
    let retry_after = header("retry-after");
    let mut body = Vec::new();
    let mut chunk = [0u8; 8192];
    loop {
        if Instant::now() >= deadline {
            return Err(Failure::Timeout);
        }
        let room = (MAX_BODY as usize).saturating_sub(body.len());
        if room == 0 {
            break;
        }
        let want = room.min(chunk.len());
        match response.read(&mut chunk[..want]) {
            Ok(0) => break,
            Ok(n) => body.extend_from_slice(&chunk[..n]),
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) => {
                return Err(
                    if Instant::now() >= deadline || e.kind() == std::io::ErrorKind::TimedOut {
                        Failure::Timeout
                    } else {
                        Failure::Other(format!("the answer was cut off: {e}"))
                    },
                );
            }
        }
    }
    Ok(Answer {
        status,
        content_type,
        challenge,
        retry_after,
        body,
    })
}

/// Why a request got no answer.
enum Failure {
    /// The timeout passed.
    Timeout,
    /// No connection (DNS, refused, TLS).
    Connect,
    /// Anything else (already without the URL).
    Other(String),
    /// The request could not be built (e.g. a header value with a line break).
    Unsendable(String),
}

impl From<reqwest::Error> for Failure {
    fn from(e: reqwest::Error) -> Self {
        if e.is_timeout() {
            Failure::Timeout
        } else if e.is_connect() {
            Failure::Connect
        } else if e.is_builder() {
            Failure::Unsendable(e.without_url().to_string())
        } else {
            // reqwest errors name the URL, which may hold the secret.
            Failure::Other(e.without_url().to_string())
        }
    }
}

impl Answer {
    /// The `Retry-After` of a 429, when it gives seconds (an HTTP date is
    /// taken as "too long to wait").
    pub fn retry_after(&self) -> Option<Duration> {
        let value = self.retry_after.as_deref()?;
        match value.trim().parse::<u64>() {
            Ok(secs) => Some(Duration::from_secs(secs)),
            Err(_) => Some(Duration::MAX),
        }
    }
}
