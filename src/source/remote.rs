//! Remote repositories: URLs, their redaction, and bare mirrors of them in a
//! cache directory, made and refreshed with the `git` binary.
//!
//! A remote is not trusted (see docs/threat-model.md): git runs with no
//! hooks, no system or global configuration (only the user's credential
//! helpers and proxy settings are passed on), no terminal prompt, only the
//! `file`, `https` and `ssh` transports (`http` to loopback only, `ext`
//! never), no submodules and no partial-clone filter. A token from
//! `GITHUB_TOKEN` / `GITLAB_TOKEN` reaches git through its environment as
//! an HTTP header scoped to the token's host, never through argv (visible in
//! `ps`) nor the mirror's config. Every URL shown to the user has its
//! credentials stripped, and git's own messages are scrubbed of them.

use std::{
    fs::File,
    path::{Path, PathBuf},
    process::{Command, Stdio},
    sync::OnceLock,
};

use sha2::{Digest, Sha256};

/// Why a remote could not be mirrored.
#[derive(Debug, thiserror::Error)]
pub enum RemoteError {
    /// The text is not a URL leakhound clones.
    #[error("{shown}: {why}")]
    Refused {
        /// The URL, credentials stripped.
        shown: String,
        /// Why, and what to do.
        why: String,
    },
    /// The cache directory could not be used.
    #[error("cache {path}: {reason}")]
    Cache {
        /// The directory or file concerned.
        path: String,
        /// What failed.
        reason: String,
    },
    /// git failed; its message is scrubbed of credentials.
    #[error("{shown}: git {action} failed: {message}")]
    Git {
        /// The URL, credentials stripped.
        shown: String,
        /// `clone` or `fetch`.
        action: &'static str,
        /// The end of git's message, scrubbed.
        message: String,
    },
}

/// Transport of a remote URL.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Transport {
    /// `https://`.
    Https,
    /// `http://`, to a loopback host only (tests, local mirrors).
    Http,
    /// `ssh://` or scp-like `user@host:path`.
    Ssh,
    /// `file://`.
    File,
}

/// A repository URL leakhound will clone: credential-free, with its
/// display form and a normalized key for sorting and cache names.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct RemoteUrl {
    /// The URL handed to git: without password, and for http(s) without any
    /// user name (tokens are often put there) or query.
    pub url: String,
    /// How it is shown in reports and messages (same as `url`).
    pub shown: String,
    /// Normalized form: lower-case scheme and host, no trailing `/` or
    /// `.git`; equal for the same repository written differently.
    pub key: String,
    /// Transport.
    pub transport: Transport,
    /// Host (and port), lower case; empty for `file://`.
    pub host: String,
    /// Whether credentials were dropped from the URL as written.
    pub had_credentials: bool,
}

/// Whether `text` names a remote (a URL or `user@host:path`) rather than a
/// local path. `ext::` and other `transport::` forms count, so that they are
/// refused instead of looked up as paths.
pub fn looks_like_url(text: &str) -> bool {
    scheme_of(text).is_some() || transport_prefix(text) || scp_like(text).is_some()
}

fn scheme_of(text: &str) -> Option<&str> {
    let (scheme, _) = text.split_once("://")?;
    let mut chars = scheme.chars();
    (chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.')))
    .then_some(scheme)
}

/// git's `transport::address` syntax (`ext::sh -c …`, `fd::3`).
fn transport_prefix(text: &str) -> bool {
    text.split_once("::")
        .is_some_and(|(t, _)| !t.is_empty() && t.chars().all(|c| c.is_ascii_alphanumeric() || c == '-'))
}

/// `user@host:path` (git's scp-like ssh syntax): the user, host and path.
fn scp_like(text: &str) -> Option<(&str, &str, &str)> {
    let (before, path) = text.split_once(':')?;
    let (user, host) = before.split_once('@')?;
    let plain = |s: &str| {
        !s.is_empty()
            && s.chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_'))
    };
    (plain(user) && plain(host) && !path.is_empty() && !path.starts_with("//")).then_some((user, host, path))
}

/// Whether `host` is a loopback name or address.
pub fn is_loopback(host: &str) -> bool {
    let bare = host.trim_start_matches('[').trim_end_matches(']');
    bare.eq_ignore_ascii_case("localhost")
        || bare.parse::<std::net::IpAddr>().is_ok_and(|ip| ip.is_loopback())
}

impl RemoteUrl {
    /// Parses a URL the user gave (command line or `--list`): https, ssh,
    /// scp-like, file, and http to loopback.
    pub fn parse(text: &str) -> Result<Self, RemoteError> {
        let text = text.trim();
        let refused = |why: &str| RemoteError::Refused {
            shown: redact_text(text),
            why: why.to_string(),
        };
        if let Some((user, host, path)) = scp_like(text).filter(|_| scheme_of(text).is_none()) {
            let host = host.to_ascii_lowercase();
            let url = format!("{user}@{host}:{path}");
            return Ok(RemoteUrl {
                key: format!("ssh://{host}/{}", trim_repo_path(path.trim_start_matches('/'))),
                shown: url.clone(),
                url,
                transport: Transport::Ssh,
                host,
                had_credentials: false,
            });
        }
        if scheme_of(text).is_none() {
            return Err(refused(
                "not a repository URL leakhound clones; use https://, ssh://, user@host:path or file://",
            ));
        }
        let mut parsed = reqwest::Url::parse(text).map_err(|e| refused(&format!("not a valid URL ({e})")))?;
        let transport = match parsed.scheme() {
            "https" => Transport::Https,
            "ssh" | "git+ssh" | "ssh+git" => Transport::Ssh,
            "file" => Transport::File,
            "http" if parsed.host_str().is_some_and(is_loopback) => Transport::Http,
            "http" => {
                return Err(refused(
                    "plain http is refused (only to loopback); use https:// or ssh://",
                ));
            }
            _ => {
                return Err(refused(
                    "this transport is refused; leakhound clones over https, ssh and file only",
                ));
            }
        };
        let had_credentials = parsed.password().is_some()
            || (matches!(transport, Transport::Https | Transport::Http) && !parsed.username().is_empty())
            || parsed.query().is_some();
        let _ = parsed.set_password(None);
        if matches!(transport, Transport::Https | Transport::Http) {
            let _ = parsed.set_username("");
            parsed.set_query(None);
        }
        parsed.set_fragment(None);
        if transport == Transport::Ssh && parsed.scheme() != "ssh" {
            let rebuilt = format!(
                "ssh://{}",
                parsed.as_str().split_once("://").map_or("", |(_, r)| r)
            );
            parsed = reqwest::Url::parse(&rebuilt).map_err(|e| refused(&format!("not a valid URL ({e})")))?;
        }
        let host = match (parsed.host_str(), parsed.port()) {
            (Some(h), Some(p)) => format!("{}:{p}", h.to_ascii_lowercase()),
            (Some(h), None) => h.to_ascii_lowercase(),
            (None, _) if transport == Transport::File => String::new(),
            (None, _) => return Err(refused("the URL names no host")),
        };
        let url = parsed.to_string();
        let key = format!(
            "{}://{host}/{}",
            parsed.scheme(),
            trim_repo_path(parsed.path().trim_start_matches('/'))
        );
        Ok(RemoteUrl {
            shown: url.clone(),
            url,
            key,
            transport,
            host,
            had_credentials,
        })
    }
}

/// A repository path without trailing slashes or `.git`, for comparison.
fn trim_repo_path(path: &str) -> &str {
    let path = path.trim_end_matches('/');
    path.strip_suffix(".git").unwrap_or(path)
}

/// `text` with the credentials of every URL in it removed
/// (`https://user:token@host` → `https://host`) and every token leakhound
/// knows of (`GITHUB_TOKEN`, `GITLAB_TOKEN`) replaced by `<token>`: for
/// messages from git or a server that may quote a URL.
pub fn redact_text(text: &str) -> String {
    static USERINFO: OnceLock<Option<regex::Regex>> = OnceLock::new();
    let userinfo = USERINFO.get_or_init(|| regex::Regex::new(r"([A-Za-z][A-Za-z0-9+.-]*://)[^/@\s]*@").ok());
    let mut out = match userinfo {
        Some(re) => re.replace_all(text, "$1").into_owned(),
        None => text.to_string(),
    };
    for token in known_tokens() {
        out = out.replace(token.as_str(), "<token>");
    }
    out
}

/// Token values from the environment, to be scrubbed from any message.
fn known_tokens() -> Vec<String> {
    [GITHUB_TOKEN_VAR, GITLAB_TOKEN_VAR]
        .iter()
        .filter_map(|var| std::env::var(var).ok())
        .map(|t| t.trim().to_string())
        .filter(|t| t.len() >= 4)
        .collect()
}

/// Environment variable holding a GitHub token.
pub const GITHUB_TOKEN_VAR: &str = "GITHUB_TOKEN";
/// Environment variable holding a GitLab token.
pub const GITLAB_TOKEN_VAR: &str = "GITLAB_TOKEN";

/// Which hosts receive which token, as an HTTP Basic header (the forms the
/// two forges document for git over https: `x-access-token:TOKEN` for
/// GitHub, `oauth2:TOKEN` for GitLab).
#[derive(Debug, Clone, Default)]
pub struct Credentials {
    /// (https URL prefix of the host, header value); values are secrets.
    headers: Vec<(String, String)>,
}

impl Credentials {
    /// Tokens from the environment: `GITHUB_TOKEN` for github.com and
    /// `github_hosts`, `GITLAB_TOKEN` for gitlab.com and `gitlab_hosts`
    /// (the hosts of `--api-url`).
    pub fn from_env(github_hosts: &[String], gitlab_hosts: &[String]) -> Self {
        use base64::Engine as _;
        let mut headers = Vec::new();
        for (var, user, default, extra) in [
            (GITHUB_TOKEN_VAR, "x-access-token", "github.com", github_hosts),
            (GITLAB_TOKEN_VAR, "oauth2", "gitlab.com", gitlab_hosts),
        ] {
            let Some(token) = std::env::var(var)
                .ok()
                .map(|t| t.trim().to_string())
                .filter(|t| !t.is_empty())
            else {
                continue;
            };
            let basic = base64::engine::general_purpose::STANDARD.encode(format!("{user}:{token}"));
            let mut hosts: Vec<&str> = vec![default];
            hosts.extend(extra.iter().map(String::as_str));
            for host in hosts {
                let scheme = if is_loopback(host.split(':').next().unwrap_or(host)) {
                    "http"
                } else {
                    "https"
                };
                headers.push((
                    format!("{scheme}://{host}/"),
                    format!("Authorization: Basic {basic}"),
                ));
            }
        }
        Credentials { headers }
    }

    /// Whether a token applies to `url`'s host.
    pub fn covers(&self, url: &RemoteUrl) -> bool {
        self.headers
            .iter()
            .any(|(prefix, _)| url.url.starts_with(prefix.as_str()))
    }
}

/// Where mirrors are kept and whether they are kept.
#[derive(Debug, Clone)]
pub struct MirrorOptions {
    /// The cache directory (mirrors live in its `mirrors/`).
    pub cache_dir: PathBuf,
    /// Make the mirror in a temporary directory and delete it after the scan.
    pub no_cache: bool,
    /// Tokens for git over https.
    pub credentials: Credentials,
    /// Say on stderr what is being cloned or fetched.
    pub verbose: bool,
}

/// The default cache directory: `$XDG_CACHE_HOME/leakhound`, else
/// `~/Library/Caches/leakhound` on macOS, else `~/.cache/leakhound`.
pub fn default_cache_dir() -> PathBuf {
    if let Some(dir) = std::env::var_os("XDG_CACHE_HOME").filter(|d| Path::new(d).is_absolute()) {
        return PathBuf::from(dir).join("leakhound");
    }
    let home = std::env::var_os("HOME").map_or_else(std::env::temp_dir, PathBuf::from);
    if cfg!(target_os = "macos") {
        home.join("Library/Caches/leakhound")
    } else {
        home.join(".cache/leakhound")
    }
}

/// A bare mirror ready to scan; held for the scan (it keeps the cache lock,
/// so no other leakhound fetches into it meanwhile) and removed on drop
/// when it was made for `--no-cache`.
#[derive(Debug)]
pub struct Mirror {
    path: PathBuf,
    /// Whether it was fetched (an existing mirror) rather than cloned.
    pub fetched: bool,
    _lock: Option<File>,
    _temporary: Option<tempfile::TempDir>,
}

impl Mirror {
    /// The mirror's git directory.
    pub fn path(&self) -> &Path {
        &self.path
    }
}

/// Makes or refreshes the bare mirror of `url` and returns it, locked.
pub fn mirror(url: &RemoteUrl, options: &MirrorOptions) -> Result<Mirror, RemoteError> {
    let mirrors = options.cache_dir.join("mirrors");
    create_private_dir(&mirrors)?;
    let cache_error = |path: &Path, e: std::io::Error| RemoteError::Cache {
        path: path.display().to_string(),
        reason: e.to_string(),
    };
    if options.no_cache {
        let temporary = tempfile::Builder::new()
            .prefix(".no-cache-")
            .tempdir_in(&mirrors)
            .map_err(|e| cache_error(&mirrors, e))?;
        let path = temporary.path().join("mirror.git");
        if options.verbose {
            eprintln!("leakhound: cloning {} (not cached)", url.shown);
        }
        run_git(url, options, "clone", &clone_args(url, &path), None)?;
        return Ok(Mirror {
            path,
            fetched: false,
            _lock: None,
            _temporary: Some(temporary),
        });
    }
    let name = mirror_name(url);
    let path = mirrors.join(format!("{name}.git"));
    let lock_path = mirrors.join(format!("{name}.lock"));
    let lock = open_no_follow(&lock_path).map_err(|e| cache_error(&lock_path, e))?;
    if lock.try_lock().is_err() {
        eprintln!(
            "leakhound: waiting for another leakhound using the mirror of {} ({})",
            url.shown,
            lock_path.display()
        );
        lock.lock().map_err(|e| cache_error(&lock_path, e))?;
    }
    match std::fs::symlink_metadata(&path) {
        Ok(meta) if meta.is_dir() && !meta.file_type().is_symlink() => {
            if options.verbose {
                eprintln!("leakhound: fetching {} into {}", url.shown, path.display());
            }
            let args: Vec<String> = [
                "fetch",
                "--prune",
                "--no-write-fetch-head",
                "--no-recurse-submodules",
                "--",
                &url.url,
                "+refs/*:refs/*",
            ]
            .map(String::from)
            .to_vec();
            run_git(url, options, "fetch", &args, Some(&path)).map_err(|e| match e {
                RemoteError::Git {
                    shown,
                    action,
                    message,
                } => RemoteError::Git {
                    shown,
                    action,
                    message: format!(
                        "{message} (the cached mirror is {}; delete it to clone afresh)",
                        path.display()
                    ),
                },
                other => other,
            })?;
            Ok(Mirror {
                path,
                fetched: true,
                _lock: Some(lock),
                _temporary: None,
            })
        }
        Ok(_) => Err(RemoteError::Cache {
            path: path.display().to_string(),
            reason: "is not a directory (a link or a file); remove it".into(),
        }),
        Err(_) => {
            if options.verbose {
                eprintln!("leakhound: cloning {} into {}", url.shown, path.display());
            }
            // Cloned beside it, then renamed: an interrupted clone never
            // looks like a mirror.
            let partial = tempfile::Builder::new()
                .prefix(".clone-")
                .tempdir_in(&mirrors)
                .map_err(|e| cache_error(&mirrors, e))?;
            let target = partial.path().join("mirror.git");
            run_git(url, options, "clone", &clone_args(url, &target), None)?;
            std::fs::rename(&target, &path).map_err(|e| cache_error(&path, e))?;
            Ok(Mirror {
                path,
                fetched: false,
                _lock: Some(lock),
                _temporary: None,
            })
        }
    }
}

fn clone_args(url: &RemoteUrl, target: &Path) -> Vec<String> {
    vec![
        "clone".into(),
        "--mirror".into(),
        "--template=".into(),
        "--no-recurse-submodules".into(),
        "--".into(),
        url.url.clone(),
        target.display().to_string(),
    ]
}

/// `slug-hash`: readable, and unique per normalized URL.
fn mirror_name(url: &RemoteUrl) -> String {
    let digest = Sha256::digest(url.key.as_bytes());
    let hash: String = digest.iter().take(8).map(|b| format!("{b:02x}")).collect();
    let tail = url.key.rsplit('/').next().unwrap_or("repo");
    let slug: String = tail
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
        .take(40)
        .collect();
    let slug = slug.trim_start_matches('.');
    if slug.is_empty() {
        hash
    } else {
        format!("{slug}-{hash}")
    }
}

fn create_private_dir(dir: &Path) -> Result<(), RemoteError> {
    let mut builder = std::fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
    builder.create(dir).map_err(|e| RemoteError::Cache {
        path: dir.display().to_string(),
        reason: format!("{e}; choose another with --cache-dir"),
    })
}

fn open_no_follow(path: &Path) -> std::io::Result<File> {
    let mut options = std::fs::OpenOptions::new();
    options.create(true).truncate(false).write(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NOFOLLOW).mode(0o600);
    }
    options.open(path)
}

/// Settings from the user's own git configuration that keep working:
/// credential helpers and proxy / CA settings. Nothing else of it applies
/// (no aliases, hooks, URL rewrites or commands of its own).
fn passed_on_config() -> &'static [(String, String)] {
    static CONFIG: OnceLock<Vec<(String, String)>> = OnceLock::new();
    CONFIG.get_or_init(|| {
        let mut entries = Vec::new();
        for scope in ["--system", "--global"] {
            let mut cmd = Command::new("git");
            strip_git_env(&mut cmd);
            let output = cmd
                .args(["config", scope, "--null", "--get-regexp"])
                .arg(r"^(credential\..*|http\.proxy|http\.sslcainfo|http\.sslcapath)$")
                .stdin(Stdio::null())
                .stderr(Stdio::null())
                .output();
            let Ok(output) = output else { continue };
            for entry in output.stdout.split(|&b| b == 0) {
                let text = String::from_utf8_lossy(entry);
                if let Some((key, value)) = text.split_once('\n') {
                    entries.push((key.to_string(), value.to_string()));
                }
            }
        }
        entries
    })
}

/// Removes every `GIT_*` variable that could point git elsewhere or add
/// configuration, keeping the user's ssh and CA choices.
fn strip_git_env(cmd: &mut Command) {
    const KEPT: &[&str] = &[
        "GIT_SSH",
        "GIT_SSH_COMMAND",
        "GIT_SSH_VARIANT",
        "GIT_SSL_CAINFO",
        "GIT_SSL_CAPATH",
        "GIT_EXEC_PATH",
    ];
    for (name, _) in std::env::vars_os() {
        if let Some(text) = name.to_str()
            && text.starts_with("GIT_")
            && !KEPT.contains(&text)
        {
            cmd.env_remove(&name);
        }
    }
}

/// Runs git hardened for an untrusted remote; `git_dir` for a fetch.
fn run_git(
    url: &RemoteUrl,
    options: &MirrorOptions,
    action: &'static str,
    args: &[String],
    git_dir: Option<&Path>,
) -> Result<(), RemoteError> {
    let mut cmd = Command::new("git");
    strip_git_env(&mut cmd);
    let mut protocols = String::from("file:https:ssh");
    if url.transport == Transport::Http {
        protocols.push_str(":http");
    }
    cmd.env("GIT_CONFIG_NOSYSTEM", "1")
        .env(
            "GIT_CONFIG_GLOBAL",
            if cfg!(windows) { "NUL" } else { "/dev/null" },
        )
        .env("GIT_TERMINAL_PROMPT", "0")
        .env("GIT_ALLOW_PROTOCOL", protocols)
        .env("GIT_PROTOCOL_FROM_USER", "0");
    if std::env::var_os("GIT_SSH_COMMAND").is_none() && std::env::var_os("GIT_SSH").is_none() {
        cmd.env("GIT_SSH_COMMAND", "ssh -o BatchMode=yes -o ConnectTimeout=30");
    }
    let mut config: Vec<(String, String)> = [
        ("core.hooksPath", "/dev/null"),
        ("core.fsmonitor", "false"),
        ("submodule.recurse", "false"),
        ("fetch.recurseSubmodules", "false"),
        ("gc.auto", "0"),
        ("maintenance.auto", "false"),
        ("protocol.ext.allow", "never"),
        // A stalled server fails the clone instead of holding the audit.
        ("http.lowSpeedLimit", "1000"),
        ("http.lowSpeedTime", "120"),
    ]
    .map(|(k, v)| (k.to_string(), v.to_string()))
    .to_vec();
    config.extend(passed_on_config().iter().cloned());
    for (prefix, header) in &options.credentials.headers {
        if url.url.starts_with(prefix.as_str()) {
            config.push((format!("http.{prefix}.extraHeader"), header.clone()));
        }
    }
    cmd.env("GIT_CONFIG_COUNT", config.len().to_string());
    for (i, (key, value)) in config.iter().enumerate() {
        cmd.env(format!("GIT_CONFIG_KEY_{i}"), key)
            .env(format!("GIT_CONFIG_VALUE_{i}"), value);
    }
    if let Some(dir) = git_dir {
        cmd.arg("--git-dir").arg(dir);
    }
    cmd.args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped());
    let output = cmd.output().map_err(|e| RemoteError::Git {
        shown: url.shown.clone(),
        action,
        message: format!("cannot run git ({e}); install git"),
    })?;
    if output.status.success() {
        return Ok(());
    }
    Err(RemoteError::Git {
        shown: url.shown.clone(),
        action,
        message: describe_git_failure(
            &String::from_utf8_lossy(&output.stderr),
            options.credentials.covers(url),
        ),
    })
}

/// The last lines of git's message, scrubbed of credentials, with a hint
/// when it is about authentication.
fn describe_git_failure(stderr: &str, had_token: bool) -> String {
    let lines: Vec<&str> = stderr
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with("Cloning into"))
        .collect();
    let tail = lines
        .get(lines.len().saturating_sub(3)..)
        .unwrap_or_default()
        .join(" / ");
    let mut message = redact_text(&tail);
    if message.chars().count() > 600 {
        message = message.chars().take(600).collect::<String>() + "…";
    }
    if message.is_empty() {
        message = "git gave no reason".into();
    }
    let lower = message.to_ascii_lowercase();
    if lower.contains("could not read username")
        || lower.contains("authentication failed")
        || lower.contains("terminal prompts disabled")
    {
        message.push_str(if had_token {
            " (the token was sent and not accepted for this repository)"
        } else {
            " (set GITHUB_TOKEN or GITLAB_TOKEN, or configure a git credential helper)"
        });
    }
    message
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_are_recognised_and_paths_are_not() {
        for url in [
            "https://github.com/o/r.git",
            "ssh://git@host/o/r",
            "git@github.com:o/r.git",
            "file:///srv/r.git",
            "ext::sh -c touch% /tmp/x",
        ] {
            assert!(looks_like_url(url), "{url}");
        }
        for path in [".", "/srv/repo", "repo", "./a:b", "C/x@y"] {
            assert!(!looks_like_url(path), "{path}");
        }
    }

    #[test]
    fn credentials_are_dropped_and_keys_normalized() {
        let url = RemoteUrl::parse("https://user:tok123456@GitHub.com/Org/Repo.git/?x=1#f").expect("parses");
        assert_eq!(url.url, "https://github.com/Org/Repo.git/");
        assert!(url.had_credentials);
        assert_eq!(url.key, "https://github.com/Org/Repo");
        let same = RemoteUrl::parse("https://github.com/Org/Repo").expect("parses");
        assert_eq!(same.key, url.key);
        let scp = RemoteUrl::parse("git@GitHub.com:Org/Repo.git").expect("parses");
        assert_eq!(scp.transport, Transport::Ssh);
        assert_eq!(scp.key, "ssh://github.com/Org/Repo");
        let ssh = RemoteUrl::parse("ssh://git:pw@github.com/Org/Repo.git").expect("parses");
        assert_eq!(ssh.url, "ssh://git@github.com/Org/Repo.git");
    }

    #[test]
    fn unsafe_transports_are_refused() {
        for bad in [
            "ext::sh -c id",
            "http://example.com/r.git",
            "git://example.com/r.git",
            "fd::3",
        ] {
            assert!(RemoteUrl::parse(bad).is_err(), "{bad}");
        }
        assert!(RemoteUrl::parse("http://127.0.0.1:8080/r.git").is_ok());
    }

    #[test]
    fn messages_lose_userinfo() {
        assert_eq!(
            redact_text("fatal: unable to access 'https://x:secret@host/r/': 403"),
            "fatal: unable to access 'https://host/r/': 403"
        );
    }

    #[test]
    fn mirror_names_are_stable_and_tame() {
        let url = RemoteUrl::parse("https://github.com/org/../..%2fetc.git").expect("parses");
        let name = mirror_name(&url);
        assert!(!name.contains('/') && !name.starts_with('.'), "{name}");
        assert_eq!(name, mirror_name(&url));
    }
}
