//! Command-line definitions (clap). No logic lives here.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::{
    finding::FindingOptions,
    report::Format,
    rules::{Confidence, Severity},
    verify::{self, BaseUrl},
};

/// Find leaked credentials in working trees, git history, staged changes,
/// standard input, container images and whole organisations, and learn how
/// to rotate each one.
///
/// Exit codes: 0 nothing found, 1 findings (see --exit-code), 2 usage,
/// configuration or I/O error, or something asked for could not be read.
#[derive(Debug, Parser)]
#[command(name = "leakhound", version, about, max_term_width = 100)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// Subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Scan files and directories (respects .gitignore unless --no-ignore).
    Dir(DirArgs),
    /// Scan a repository's full history: every blob reachable from every
    /// ref, plus objects no ref reaches any more (reported as unreachable).
    Git(GitArgs),
    /// Scan what `git commit` would add (the index against HEAD); for
    /// pre-commit hooks.
    Staged(StagedArgs),
    /// Scan standard input.
    Stdin(StdinArgs),
    /// Scan a container image saved with `docker save` (or an OCI image
    /// archive): every layer, and the config's Env, Labels and history.
    Image(ImageArgs),
    /// List, show or check the active rules.
    Rules(RulesArgs),
    /// Print a rule's rotation playbook.
    Explain(ExplainArgs),
    /// Install git hooks.
    Hook(HookArgs),
    /// Write a --replace-text file for git-filter-repo or BFG from a report
    /// made with --show-secrets.
    PurgeList(PurgeListArgs),
    /// Record today's findings as known, so scans with --baseline report
    /// only new ones.
    Baseline(BaselineArgs),
    /// List the repositories of GitHub organisations or users, GitLab
    /// groups or list files, one URL a line (sorted; --shard applies).
    Repos(ReposArgs),
    /// Scan the full history of many repositories (mirrored into a cache),
    /// each finding carrying its `repository`; one failing repository does
    /// not stop the rest (exit 2 at the end).
    ScanRepos(ScanReposArgs),
    /// Merge JSON/JSONL reports (shards of an audit) into one: the same
    /// secret in several repositories becomes one incident listing them all.
    Merge(MergeArgs),
}

/// Where the rules come from.
#[derive(Debug, Clone, Args)]
pub struct RuleSource {
    /// Rule file: a leakhound rule pack (rules with a built-in id replace
    /// it) or a gitleaks config. Without it, `.leakhound.toml` or else
    /// `.gitleaks.toml` at the scan root is used.
    #[arg(long = "config", value_name = "FILE", global = true)]
    pub configs: Vec<PathBuf>,
    /// Do not pick up `.leakhound.toml` / `.gitleaks.toml` from the scanned
    /// directory (for repositories you do not trust to configure the scan).
    #[arg(long, global = true)]
    pub no_config_discovery: bool,
    /// Use only the rules from --config, none of the built-in ones.
    #[arg(long, global = true)]
    pub no_builtin_rules: bool,
    /// Report only findings of rules whose id is ID or starts with it
    /// (repeatable, e.g. --rule aws- --rule github-pat-classic).
    #[arg(long = "rule", value_name = "ID", global = true)]
    pub only_rules: Vec<String>,
    /// Drop findings of rules whose id is ID or starts with it (repeatable).
    #[arg(long = "exclude-rule", value_name = "ID", global = true)]
    pub excluded_rules: Vec<String>,
}

impl RuleSource {
    /// Where these flags say the rules come from.
    pub fn sources(&self) -> crate::rules::load::Sources {
        crate::rules::load::Sources {
            configs: self.configs.clone(),
            no_config_discovery: self.no_config_discovery,
            no_builtin_rules: self.no_builtin_rules,
            selection: self.selection(),
        }
    }

    /// Which rules' findings these flags report.
    pub fn selection(&self) -> crate::rules::load::Selection {
        crate::rules::load::Selection {
            only: self.only_rules.clone(),
            excluded: self.excluded_rules.clone(),
        }
    }
}

/// Options shared by every scanning command.
#[derive(Debug, Clone, Args)]
pub struct ScanArgs {
    /// Rules to use.
    #[command(flatten)]
    pub rules: RuleSource,
    /// Report format.
    #[arg(long, short = 'f', value_enum, default_value_t = Format::Text)]
    pub format: Format,
    /// Write the report to FILE instead of standard output.
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Print secrets in full (reports redact them by default).
    #[arg(long)]
    pub show_secrets: bool,
    /// Only report findings at or above this severity.
    #[arg(long, value_enum, value_name = "LEVEL")]
    pub min_severity: Option<SeverityArg>,
    /// Only report findings at or above this confidence (after tests,
    /// documentation and examples lowered it one step; default: all).
    #[arg(long, value_enum, value_name = "LEVEL")]
    pub min_confidence: Option<ConfidenceArg>,
    /// Exit code when findings are reported.
    #[arg(long, default_value_t = 1, value_name = "N")]
    pub exit_code: u8,
    /// Report only findings not in this earlier JSON/JSONL report (matched
    /// by fingerprint: rule and secret, not line or commit).
    #[arg(long, value_name = "FILE")]
    pub baseline: Option<PathBuf>,
    /// Ignore file (TOML; default: .leakhoundignore at the scan root, and
    /// .gitleaksignore there too).
    #[arg(long, value_name = "FILE")]
    pub ignore_file: Option<PathBuf>,
    /// List ignore entries that matched nothing.
    #[arg(long)]
    pub report_unused_ignores: bool,
    /// Worker threads (default: all cores).
    #[arg(long, short = 'j', value_name = "N")]
    pub threads: Option<usize>,
    /// Print nothing on standard error but errors.
    #[arg(long, short = 'q')]
    pub quiet: bool,
    /// Never show a progress bar.
    #[arg(long)]
    pub no_progress: bool,
    /// When to use colour in text output.
    #[arg(long, value_enum, default_value_t = ColorWhen::Auto, value_name = "WHEN")]
    pub color: ColorWhen,
    /// Live verification.
    #[command(flatten)]
    pub verify: VerifyArgs,
    /// Decoders and archives.
    #[command(flatten)]
    pub nested: NestedArgs,
}

/// How far scans look into encoded text and archives.
#[derive(Debug, Clone, Args)]
pub struct NestedArgs {
    /// Decode base64, hex, percent-encoded and \u/\x-escaped runs and scan
    /// the decoded text, this many levels deep (0: no decoding; 2 finds
    /// base64 of hex).
    #[arg(long, default_value_t = 2, value_name = "N")]
    pub decode_depth: u8,
    /// Open zip (jar, whl, apk, nupkg), tar, tar.gz and gz files, nested
    /// this many levels deep (0: do not open archives).
    #[arg(long, default_value_t = 3, value_name = "N")]
    pub archive_depth: u32,
    /// Most bytes unpacked from one archive, nested ones included (zip-bomb
    /// guard; members past it are skipped and counted).
    #[arg(long, default_value = "1GiB", value_parser = parse_size, value_name = "SIZE")]
    pub archive_max_bytes: u64,
}

/// Live verification flags: nothing touches the network without --verify.
#[derive(Debug, Clone, Args)]
#[command(next_help_heading = "Verification")]
pub struct VerifyArgs {
    /// Ask each provider whether the found credentials are live: each secret
    /// is sent to the API its rule names (over https) and nowhere else.
    #[arg(long)]
    pub verify: bool,
    /// Report only findings the provider confirmed live (implies --verify).
    #[arg(long)]
    pub only_verified: bool,
    /// Seconds to wait for each provider's answer.
    #[arg(long, default_value_t = 10.0, value_name = "SECS", value_parser = parse_seconds)]
    pub verify_timeout: f64,
    /// Verification requests in flight at once, over all providers.
    #[arg(long, default_value_t = 8, value_name = "N", value_parser = clap::value_parser!(u16).range(1..=64))]
    pub verify_concurrency: u16,
    /// Send requests meant for HOST to URL instead (repeatable; for GitHub
    /// Enterprise, self-managed GitLab, other regions, and tests). HOST may
    /// be *.domain. URL must be https, or http to localhost.
    #[arg(long = "verify-base-url", value_name = "HOST=URL", value_parser = BaseUrl::parse)]
    pub verify_base_urls: Vec<BaseUrl>,
    /// Also check secrets that are themselves URLs (webhooks), which means
    /// requesting them.
    #[arg(long)]
    pub verify_urls: bool,
}

impl VerifyArgs {
    /// Whether verification was asked for.
    pub fn enabled(&self) -> bool {
        self.verify || self.only_verified
    }

    /// The verifier options these flags make.
    pub fn options(&self) -> verify::Options {
        verify::Options {
            timeout: std::time::Duration::from_secs_f64(self.verify_timeout),
            concurrency: usize::from(self.verify_concurrency),
            base_urls: self.verify_base_urls.clone(),
            verify_urls: self.verify_urls,
            ..verify::Options::default()
        }
    }
}

/// Parses a positive number of seconds (fractions allowed).
pub fn parse_seconds(text: &str) -> Result<f64, String> {
    match text.trim().parse::<f64>() {
        Ok(secs) if secs > 0.0 && secs <= 600.0 => Ok(secs),
        _ => Err(format!("{text:?} is not a number of seconds between 0 and 600")),
    }
}

impl ScanArgs {
    /// The reporting choices these flags make.
    pub fn finding_options(&self) -> FindingOptions {
        FindingOptions {
            show_secrets: self.show_secrets,
            min_severity: self.min_severity.map(Into::into),
        }
    }
}

/// `leakhound dir`.
#[derive(Debug, Clone, Args)]
pub struct DirArgs {
    /// Files or directories to scan.
    #[arg(default_value = ".")]
    pub paths: Vec<PathBuf>,
    /// Scan files that .gitignore, .ignore and git excludes would skip.
    #[arg(long)]
    pub no_ignore: bool,
    /// Follow symbolic links (loops are detected and reported).
    #[arg(long)]
    pub follow_symlinks: bool,
    /// Scan files that look binary (contain NUL bytes).
    #[arg(long)]
    pub scan_binary: bool,
    /// Skip files larger than this (bytes, or with a K/M/G/KiB/MiB/GiB suffix).
    #[arg(long, default_value = "10MiB", value_parser = parse_size, value_name = "SIZE")]
    pub max_file_size: u64,
    /// Shared scan options.
    #[command(flatten)]
    pub scan: ScanArgs,
}

/// Blob limits shared by the git commands.
#[derive(Debug, Clone, Args)]
pub struct BlobLimits {
    /// Scan blobs that look binary (contain NUL bytes).
    #[arg(long)]
    pub scan_binary: bool,
    /// Skip blobs larger than this (bytes, or with a K/M/G/KiB/MiB/GiB suffix).
    #[arg(long, default_value = "10MiB", value_parser = parse_size, value_name = "SIZE")]
    pub max_file_size: u64,
}

/// `leakhound git`.
#[derive(Debug, Clone, Args)]
pub struct GitArgs {
    /// Repository (work tree or bare), or a URL (https://, ssh://,
    /// user@host:path, file://) mirrored into the cache first; default: the
    /// one around the current directory.
    #[arg(default_value = ".")]
    pub repo: PathBuf,
    /// Mirror cache (for a URL).
    #[command(flatten)]
    pub cache: CacheArgs,
    /// Report only secrets introduced by commits in FROM..TO (TO defaults
    /// to HEAD): for pull-request, pre-push and pre-receive checks.
    #[arg(long, value_name = "FROM..TO")]
    pub range: Option<String>,
    /// Report only secrets introduced by commits made since DATE
    /// (2025-01-31, an RFC 3339 time, or a span such as 30d or 2w).
    #[arg(long, value_name = "DATE", value_parser = parse_since)]
    pub since: Option<jiff::Timestamp>,
    /// Only history reachable from this branch (or tag, remote branch or commit).
    #[arg(long, value_name = "NAME")]
    pub branch: Option<String>,
    /// Drop findings in objects no ref reaches any more.
    #[arg(long)]
    pub reachable_only: bool,
    /// List every place in history each secret was found.
    #[arg(long)]
    pub all_occurrences: bool,
    /// Scan every version of every file in full, instead of skipping text
    /// already scanned in another version (slower; for comparison).
    #[arg(long)]
    pub rescan_unchanged: bool,
    /// Blob limits.
    #[command(flatten)]
    pub limits: BlobLimits,
    /// Shared scan options.
    #[command(flatten)]
    pub scan: ScanArgs,
}

/// Where mirrors of remote repositories are kept.
#[derive(Debug, Clone, Args)]
pub struct CacheArgs {
    /// Directory for bare mirrors of remote repositories, reused and
    /// fetched on the next run (default: leakhound/ in the user cache dir).
    #[arg(long, value_name = "DIR")]
    pub cache_dir: Option<PathBuf>,
    /// Clone into a temporary directory and delete it after the scan.
    #[arg(long)]
    pub no_cache: bool,
}

/// Which repositories to audit.
#[derive(Debug, Clone, Args)]
#[command(next_help_heading = "Repositories")]
pub struct RepoSourceArgs {
    /// Every repository of this GitHub organisation (repeatable; GITHUB_TOKEN
    /// for private ones).
    #[arg(long = "github-org", value_name = "ORG")]
    pub github_orgs: Vec<String>,
    /// Every repository this GitHub user owns (repeatable).
    #[arg(long = "github-user", value_name = "USER")]
    pub github_users: Vec<String>,
    /// Every project of this GitLab group and its subgroups, by id or path
    /// (repeatable; GITLAB_TOKEN for private ones).
    #[arg(long = "gitlab-group", value_name = "GROUP")]
    pub gitlab_groups: Vec<String>,
    /// A file naming one repository a line: a URL (https, ssh, file) or a
    /// local path; `#` starts a comment (repeatable).
    #[arg(long = "list", value_name = "FILE")]
    pub lists: Vec<PathBuf>,
    /// API base: GitHub Enterprise `https://HOST/api/v3`, self-managed
    /// GitLab `https://HOST` (https; plain http only to loopback).
    #[arg(long, value_name = "URL")]
    pub api_url: Option<String>,
    /// Include forks (left out by default).
    #[arg(long)]
    pub include_forks: bool,
    /// Leave out archived repositories (included by default).
    #[arg(long)]
    pub exclude_archived: bool,
    /// Clone over ssh (the API's ssh URLs) instead of https.
    #[arg(long)]
    pub ssh: bool,
    /// Take only repositories I, I+N, I+2N … of the sorted list (I from 0);
    /// auto/N reads I from JOB_COMPLETION_INDEX (Kubernetes Indexed Job).
    #[arg(long, value_name = "I/N", value_parser = crate::org::shard::ShardSpec::parse)]
    pub shard: Option<crate::org::shard::ShardSpec>,
    /// Longest wait for an API rate limit to reset, in seconds; a longer
    /// one is an error.
    #[arg(long, default_value_t = 900, value_name = "SECS")]
    pub max_rate_limit_wait: u64,
}

/// `leakhound repos`.
#[derive(Debug, Clone, Args)]
pub struct ReposArgs {
    /// Which repositories.
    #[command(flatten)]
    pub source: RepoSourceArgs,
    /// Print nothing on standard error but errors.
    #[arg(long, short = 'q')]
    pub quiet: bool,
}

/// `leakhound scan-repos`.
#[derive(Debug, Clone, Args)]
pub struct ScanReposArgs {
    /// Which repositories.
    #[command(flatten)]
    pub source: RepoSourceArgs,
    /// Mirror cache.
    #[command(flatten)]
    pub cache: CacheArgs,
    /// Repositories cloned and scanned at once; --threads is shared among them.
    #[arg(long, default_value_t = 2, value_name = "N", value_parser = clap::value_parser!(u16).range(1..=64))]
    pub repo_concurrency: u16,
    /// Drop findings in objects no ref reaches any more.
    #[arg(long)]
    pub reachable_only: bool,
    /// List every place in history each secret was found.
    #[arg(long)]
    pub all_occurrences: bool,
    /// Blob limits.
    #[command(flatten)]
    pub limits: BlobLimits,
    /// Shared scan options.
    #[command(flatten)]
    pub scan: ScanArgs,
}

/// `leakhound merge`.
#[derive(Debug, Clone, Args)]
pub struct MergeArgs {
    /// JSON or JSONL reports (from scan-repos shards, or any scan).
    #[arg(required = true, value_name = "REPORT")]
    pub reports: Vec<PathBuf>,
    /// Report format.
    #[arg(long, short = 'f', value_enum, default_value_t = Format::Text)]
    pub format: Format,
    /// Write the merged report to FILE instead of standard output.
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Print nothing on standard error but errors.
    #[arg(long, short = 'q')]
    pub quiet: bool,
}

/// `leakhound staged`.
#[derive(Debug, Clone, Args)]
pub struct StagedArgs {
    /// Repository; default: the one around the current directory.
    #[arg(default_value = ".")]
    pub repo: PathBuf,
    /// Blob limits.
    #[command(flatten)]
    pub limits: BlobLimits,
    /// Shared scan options.
    #[command(flatten)]
    pub scan: ScanArgs,
}

/// `leakhound hook`.
#[derive(Debug, Clone, Args)]
pub struct HookArgs {
    /// What to do.
    #[command(subcommand)]
    pub action: HookAction,
}

/// `leakhound hook …` actions.
#[derive(Debug, Clone, Subcommand)]
pub enum HookAction {
    /// Write .git/hooks/pre-commit, which runs `leakhound staged`.
    Install {
        /// Repository; default: the one around the current directory.
        #[arg(default_value = ".")]
        repo: PathBuf,
        /// Replace a pre-commit hook leakhound did not write (it is kept
        /// as pre-commit.before-leakhound).
        #[arg(long)]
        force: bool,
    },
}

/// `leakhound baseline`.
#[derive(Debug, Clone, Args)]
pub struct BaselineArgs {
    /// What to do.
    #[command(subcommand)]
    pub action: BaselineAction,
}

/// `leakhound baseline …` actions.
#[derive(Debug, Clone, Subcommand)]
pub enum BaselineAction {
    /// Scan and write every finding to the baseline file.
    Create(BaselineScan),
    /// Scan again and drop baseline entries whose secret is gone (new
    /// findings are not added: review them, or create the baseline again).
    Update(BaselineScan),
}

/// What a baseline covers and where it is kept.
#[derive(Debug, Clone, Args)]
pub struct BaselineScan {
    /// Directory (or repository, with --git) to scan.
    #[arg(default_value = ".")]
    pub path: PathBuf,
    /// Baseline file.
    #[arg(
        long,
        short = 'o',
        value_name = "FILE",
        default_value = ".leakhound-baseline.json"
    )]
    pub file: PathBuf,
    /// Scan the repository's full history instead of the files.
    #[arg(long)]
    pub git: bool,
    /// Rules to use.
    #[command(flatten)]
    pub rules: RuleSource,
}

/// `leakhound purge-list`.
#[derive(Debug, Clone, Args)]
pub struct PurgeListArgs {
    /// A JSON or JSONL report made with --show-secrets.
    pub report: PathBuf,
    /// Write the list to FILE instead of standard output.
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,
}

/// `leakhound image`.
#[derive(Debug, Clone, Args)]
pub struct ImageArgs {
    /// The image tarball (`docker save IMAGE -o FILE.tar`, or an OCI layout in a tar).
    pub image: PathBuf,
    /// Limits for files in layers.
    #[command(flatten)]
    pub limits: BlobLimits,
    /// Shared scan options.
    #[command(flatten)]
    pub scan: ScanArgs,
}

/// `leakhound stdin`.
#[derive(Debug, Clone, Args)]
pub struct StdinArgs {
    /// Path to report (and to match path-scoped rules against), e.g. the
    /// name of the file an editor is piping in.
    #[arg(long, value_name = "PATH")]
    pub path: Option<String>,
    /// Input larger than --max-file-size is not scanned and exits 2;
    /// binary input is skipped unless --scan-binary.
    #[command(flatten)]
    pub limits: BlobLimits,
    /// Shared scan options.
    #[command(flatten)]
    pub scan: ScanArgs,
}

/// `leakhound rules`.
#[derive(Debug, Clone, Args)]
pub struct RulesArgs {
    /// What to do with the rules.
    #[command(subcommand)]
    pub action: RulesAction,
    /// Rules to use.
    #[command(flatten)]
    pub rules: RuleSource,
}

/// `leakhound rules …` actions.
#[derive(Debug, Clone, Subcommand)]
pub enum RulesAction {
    /// One line per rule: id, severity, confidence, provider, name; a
    /// `verify` mark ends the line of rules with a live check.
    List {
        /// List only rules that --verify can check.
        #[arg(long)]
        verifiable: bool,
    },
    /// Everything about one rule.
    Show {
        /// Rule id.
        id: String,
    },
    /// Check that every rule's examples match and its negatives do not.
    Check,
}

/// `leakhound explain`.
#[derive(Debug, Clone, Args)]
pub struct ExplainArgs {
    /// Rule id (from a finding's rule_id).
    pub rule_id: String,
    /// Rules to use.
    #[command(flatten)]
    pub rules: RuleSource,
}

/// Severity as a command-line value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SeverityArg {
    /// low and above.
    Low,
    /// medium and above.
    Medium,
    /// high and above.
    High,
    /// critical only.
    Critical,
}

impl From<SeverityArg> for Severity {
    fn from(s: SeverityArg) -> Self {
        match s {
            SeverityArg::Low => Severity::Low,
            SeverityArg::Medium => Severity::Medium,
            SeverityArg::High => Severity::High,
            SeverityArg::Critical => Severity::Critical,
        }
    }
}

/// A confidence floor on the command line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ConfidenceArg {
    /// low and above (everything).
    Low,
    /// medium and above.
    Medium,
    /// high only.
    High,
}

impl From<ConfidenceArg> for Confidence {
    fn from(c: ConfidenceArg) -> Self {
        match c {
            ConfidenceArg::Low => Confidence::Low,
            ConfidenceArg::Medium => Confidence::Medium,
            ConfidenceArg::High => Confidence::High,
        }
    }
}

/// When to colour text output.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorWhen {
    /// On a terminal, unless NO_COLOR is set.
    Auto,
    /// Always.
    Always,
    /// Never.
    Never,
}

/// Parses `10MiB`, `512K`, `1G`, `1048576`.
pub fn parse_size(text: &str) -> Result<u64, String> {
    let t = text.trim();
    let split = t.find(|c: char| !c.is_ascii_digit()).unwrap_or(t.len());
    let (digits, unit) = t.split_at(split);
    let n: u64 = digits
        .parse()
        .map_err(|_| format!("{text:?} is not a size; use e.g. 1048576, 512K, 10MiB or 1G"))?;
    let multiplier: u64 = match unit.trim().to_ascii_lowercase().as_str() {
        "" | "b" => 1,
        "k" | "kb" => 1_000,
        "kib" => 1 << 10,
        "m" | "mb" => 1_000_000,
        "mib" => 1 << 20,
        "g" | "gb" => 1_000_000_000,
        "gib" => 1 << 30,
        other => {
            return Err(format!(
                "unknown size unit {other:?}; use K, M, G, KiB, MiB or GiB"
            ));
        }
    };
    n.checked_mul(multiplier)
        .ok_or_else(|| format!("{text:?} is too large"))
}

/// Parses `--since`: a date, an RFC 3339 time, or a span back from now.
pub fn parse_since(text: &str) -> Result<jiff::Timestamp, String> {
    let t = text.trim();
    if let Ok(ts) = t.parse::<jiff::Timestamp>() {
        return Ok(ts);
    }
    if let Ok(date) = t.parse::<jiff::civil::Date>() {
        return date
            .to_zoned_datetime(jiff::tz::TimeZone::UTC)
            .map(|z| z.timestamp())
            .map_err(|e| e.to_string());
    }
    if let Ok(span) = t.parse::<jiff::Span>() {
        return jiff::ZonedDateTime::now()
            .checked_sub(span)
            .map(|z| z.timestamp())
            .map_err(|e| e.to_string());
    }
    Err(format!(
        "{text:?} is not a date; use e.g. 2025-01-31, 2025-01-31T12:00:00Z, 30d or 2w"
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn cli_definition_is_consistent() {
        Cli::command().debug_assert();
    }

    #[test]
    fn sizes() {
        assert_eq!(parse_size("10MiB"), Ok(10 << 20));
        assert_eq!(parse_size("512K"), Ok(512_000));
        assert_eq!(parse_size("42"), Ok(42));
        assert!(parse_size("ten").is_err());
        assert!(parse_size("5 parsecs").is_err());
    }

    #[test]
    fn since_dates() {
        assert_eq!(
            parse_since("2025-01-31").map(|t| t.as_second()),
            Ok(1_738_281_600)
        );
        assert!(parse_since("2025-01-31T12:00:00Z").is_ok());
        let month = parse_since("30d").expect("span");
        assert!(month < jiff::Timestamp::now());
        assert!(parse_since("last tuesday").is_err());
    }
}
