//! Wires a command: source → engine → findings → report.

use std::{
    collections::HashSet,
    io::{self, BufWriter, IsTerminal, Write},
    path::{Path, PathBuf},
    time::{Duration, Instant},
};

use anyhow::{Context, Result};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use crate::{
    cli::{
        BaselineAction, BaselineArgs, BaselineScan, BlobLimits, Cli, ColorWhen, Command, DirArgs,
        ExplainArgs, GitArgs, HookAction, HookArgs, ImageArgs, NestedArgs, PurgeListArgs, RuleSource,
        RulesAction, RulesArgs, ScanArgs, StagedArgs, StdinArgs,
    },
    engine::{Engine, decode::DecodeOptions},
    finding::{Finding, FindingOptions, Redactor},
    report::{self, Format, Summary, display, ignore::IgnoreList, text},
    rules::{Loaded, Rule, RuleSet, check},
    safe_fs::{self, OutputPath, Trust},
    scan::{ArchiveLimits, Limits, ScanOutcome, ScanStats},
    source::{
        self,
        fs::WalkOptions,
        git::{self, GitOptions, HistoryOptions},
        image::ImageOptions,
    },
    verify,
};

/// Exit status: nothing found.
pub const EXIT_CLEAN: u8 = 0;
/// Exit status: usage, configuration or I/O error.
pub const EXIT_ERROR: u8 = 2;

/// Runs a parsed command line and returns the process exit status.
pub fn run(cli: Cli) -> Result<u8> {
    match cli.command {
        Command::Dir(args) => scan_dir(&args),
        Command::Git(args) => crate::commands::git_url(&args, scan_git),
        Command::Staged(args) => scan_staged(&args),
        Command::Hook(args) => hook(&args),
        Command::PurgeList(args) => purge_list(&args),
        Command::Baseline(args) => baseline(&args),
        Command::Stdin(args) => scan_stdin(&args),
        Command::Image(args) => scan_image(&args),
        Command::Rules(args) => rules_command(&args),
        Command::Explain(args) => explain(&args),
        Command::Repos(args) => crate::commands::repos::run(&args),
        Command::ScanRepos(args) => crate::commands::scan_repos::run(&args),
        Command::Merge(args) => crate::commands::merge::run(&args),
    }
}

/// Scans of many repositories (`scan-repos`): rules, baseline and
/// `--ignore-file` are loaded once, and the returned function scans the
/// full history of one local repository as `leakhound git` does, returning
/// the findings to report (rule selection, baseline, ignore entries,
/// redaction and, if asked, verification applied) and what was read.
/// Nothing a scanned repository holds configures the scan (no config or
/// ignore file discovery). `threads` is each scan's share of --threads.
pub(crate) fn repository_scanner(
    scan: &ScanArgs,
    limits: &BlobLimits,
    history: HistoryOptions,
    threads: usize,
) -> Result<impl Fn(&Path) -> Result<ScanOutcome> + Sync + use<>> {
    let mut scan = scan.clone();
    scan.rules.no_config_discovery = true;
    let (engine, reporting) = prepare_scan(&scan, Path::new("."), false)?;
    let options = GitOptions {
        threads,
        ..git_options(&scan, limits, ProgressBar::hidden())
    };
    Ok(move |path: &Path| {
        let ScanOutcome { findings, stats } = git::scan_history(path, &engine, &options, &history)?;
        let mut kept = reportable(&scan, &reporting, &findings);
        if !scan.show_secrets {
            Redactor::for_findings(&findings).apply(&mut kept);
        }
        if scan.verify.enabled() {
            verify::verify_findings(&mut kept, &scan.verify.options())?;
            if scan.verify.only_verified {
                kept.retain(|f| f.verification.status == crate::finding::VerificationStatus::Verified);
            }
        }
        Ok(ScanOutcome {
            findings: kept,
            stats,
        })
    })
}

/// Config files looked for at the scan root when no `--config` is given,
/// in order of preference; the first one found is used.
const DISCOVERED_CONFIGS: &[&str] = &[".leakhound.toml", ".gitleaks.toml"];

/// Rules for a scan, and what the scanned tree contributed to them.
pub struct LoadedRules {
    /// The rules to run.
    pub rules: RuleSet,
    /// The config found in the scanned tree, and what it did.
    pub discovered: Option<(PathBuf, Loaded)>,
}

/// Loads built-in rules and the `--config` files, or else the config found
/// at `root` (the scan root), which is read as untrusted input (see
/// [`crate::safe_fs::Trust`]); warns on stderr about config parts that do
/// not act as written.
pub fn load_rules(source: &RuleSource, root: Option<&Path>) -> Result<LoadedRules> {
    let mut rules = if source.no_builtin_rules {
        RuleSet::default()
    } else {
        RuleSet::builtin().context("the built-in rules failed to load (a build defect; please report it)")?
    };
    let discovered = root
        .filter(|_| source.configs.is_empty() && !source.no_config_discovery)
        .and_then(|root| {
            DISCOVERED_CONFIGS
                .iter()
                .map(|name| root.join(name))
                // Present in any form: a link or a FIFO is refused with an
                // error rather than skipped as if it were not there.
                .find(|path| std::fs::symlink_metadata(path).is_ok())
                .map(|path| (path, root))
        });
    for path in &source.configs {
        for warning in rules.add_file(path, &Trust::CommandLine)?.warnings {
            eprintln!("leakhound: warning: {}", display::escape(&warning));
        }
    }
    let discovered = match discovered {
        Some((path, root)) => {
            let trust = Trust::Tree {
                root: root.to_path_buf(),
            };
            let loaded = rules.add_file(&path, &trust)?;
            for warning in &loaded.warnings {
                eprintln!("leakhound: warning: {}", display::escape(warning));
            }
            Some((path, loaded))
        }
        None => None,
    };
    for (flag, patterns) in [
        ("--rule", &source.only_rules),
        ("--exclude-rule", &source.excluded_rules),
    ] {
        if let Some(unknown) = patterns
            .iter()
            .find(|p| !rules.rules().iter().any(|r| r.id.starts_with(p.as_str())))
        {
            anyhow::bail!(
                "{flag} {unknown}: no rule id is or starts with {unknown:?}; `leakhound rules list` shows the ids"
            );
        }
    }
    if rules.is_empty() {
        anyhow::bail!(
            "no rules to run: --no-builtin-rules without a --config file holding rules, or --rule/--exclude-rule left none"
        );
    }
    Ok(LoadedRules { rules, discovered })
}

/// Whether `--rule` / `--exclude-rule` select the rule with this id. Scans
/// run every rule and drop the findings of unselected ones, so a selected
/// rule reports exactly what it reports in a full scan (a generic rule
/// still defers to an excluded provider rule).
fn selected(source: &RuleSource, id: &str) -> bool {
    let matches = |patterns: &[String]| patterns.iter().any(|p| id.starts_with(p.as_str()));
    (source.only_rules.is_empty() || matches(&source.only_rules)) && !matches(&source.excluded_rules)
}

fn build_engine(source: &RuleSource, root: Option<&Path>) -> Result<(Engine, Option<(PathBuf, Loaded)>)> {
    let loaded = load_rules(source, root)?;
    Ok((Engine::new(loaded.rules)?, loaded.discovered))
}

/// The engine a scanning command runs (its rules, decoding as the flags
/// say) and what decides which findings are reported; both may come partly
/// from files the scanned tree at `root` provides (a config only where
/// `discover_config`).
fn prepare_scan(scan: &ScanArgs, root: &Path, discover_config: bool) -> Result<(Engine, Reporting)> {
    let decode = DecodeOptions {
        depth: scan.nested.decode_depth,
    };
    let (engine, config) = build_engine(&scan.rules, discover_config.then_some(root))?;
    let reporting = Reporting::prepare(scan, root, config)?;
    Ok((engine.with_decode(decode), reporting))
}

/// Size, binary and archive limits from the flags; archive members obey
/// the per-file size cap too.
fn limits(nested: &NestedArgs, max_file_size: u64, scan_binary: bool) -> Limits {
    let archives = ArchiveLimits {
        max_depth: nested.archive_depth,
        max_total: nested.archive_max_bytes,
        ..ArchiveLimits::default()
    };
    Limits::new(max_file_size, scan_binary, archives)
}

fn scan_dir(args: &DirArgs) -> Result<u8> {
    let started = Instant::now();
    let options = WalkOptions {
        respect_ignore_files: !args.no_ignore,
        follow_symlinks: args.follow_symlinks,
        threads: args.scan.threads.unwrap_or(0),
    };
    let limits = limits(&args.scan.nested, args.max_file_size, args.scan_binary);
    let root = args.paths.first().map_or(Path::new("."), PathBuf::as_path);
    let root = if root.is_dir() {
        root
    } else {
        root.parent().unwrap_or(Path::new("."))
    };
    let (engine, reporting) = prepare_scan(&args.scan, root, true)?;
    let progress = progress_bar(&args.scan, "files");
    let ScanOutcome { findings, stats } = source::fs::scan_paths(
        &engine,
        &args.paths,
        &options,
        &limits,
        args.scan.finding_options(),
        &progress,
    );
    progress.finish_and_clear();
    finish(&args.scan, &reporting, findings, stats, started, "file")
}

fn git_options(scan: &ScanArgs, limits: &BlobLimits, progress: ProgressBar) -> GitOptions {
    if let Some(threads) = scan.threads {
        // Range scans, loose objects and attribution run on rayon's pool;
        // --threads bounds it like the pack traversal. Only fails if a pool
        // exists already, which then keeps its size.
        let _ = rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build_global();
    }
    GitOptions {
        limits: self::limits(&scan.nested, limits.max_file_size, limits.scan_binary),
        threads: scan.threads.unwrap_or(0),
        findings: scan.finding_options(),
        progress,
        ..GitOptions::default()
    }
}

fn scan_git(args: &GitArgs) -> Result<u8> {
    let root = repository_root(&args.repo);
    let (engine, reporting) = prepare_scan(&args.scan, &root, true)?;
    let started = Instant::now();
    let history = HistoryOptions {
        range: args.range.clone(),
        since: args.since,
        branch: args.branch.clone(),
        reachable_only: args.reachable_only,
        all_occurrences: args.all_occurrences,
    };
    let narrowed = history.range.is_some() || history.since.is_some();
    let progress = counted_progress_bar(&args.scan, if narrowed { "commits" } else { "objects" });
    let options = GitOptions {
        rescan_unchanged: args.rescan_unchanged,
        ..git_options(&args.scan, &args.limits, progress.clone())
    };
    let report = git::scan_history(&args.repo, &engine, &options, &history);
    progress.finish_and_clear();
    let ScanOutcome { findings, stats } = report?;
    finish(&args.scan, &reporting, findings, stats, started, "blob")
}

fn scan_staged(args: &StagedArgs) -> Result<u8> {
    let started = Instant::now();
    let root = repository_root(&args.repo);
    let (engine, reporting) = prepare_scan(&args.scan, &root, true)?;
    let options = git_options(&args.scan, &args.limits, ProgressBar::hidden());
    let ScanOutcome { findings, stats } = git::scan_staged(&args.repo, &engine, &options)?;
    finish(&args.scan, &reporting, findings, stats, started, "staged file")
}

/// Where a git scan looks for its ignore file: the work tree's top (or a
/// bare repository's directory), wherever in it the scan was started.
fn repository_root(path: &Path) -> PathBuf {
    git::open(path).map_or_else(
        |_| path.to_path_buf(),
        |opened| git::repository_root(&opened.repo),
    )
}

/// Reports a finished scan. A scan that could not read something it was
/// asked to read (a fatal warning) exits 2 even with findings, so it never
/// looks clean or merely "found".
fn finish(
    scan: &ScanArgs,
    reporting: &Reporting,
    findings: Vec<Finding>,
    stats: ScanStats,
    started: Instant,
    noun: &str,
) -> Result<u8> {
    let fatal = stats.warnings.iter().any(|w| w.fatal);
    let summary = Summary {
        stats,
        elapsed: started.elapsed(),
    };
    let status = emit(scan, reporting, &findings, &summary, noun)?;
    Ok(if fatal { EXIT_ERROR } else { status })
}

fn baseline(args: &BaselineArgs) -> Result<u8> {
    let (BaselineAction::Create(scan) | BaselineAction::Update(scan)) = &args.action;
    let mut findings = baseline_scan(scan)?;
    Redactor::for_findings(&findings).apply(&mut findings);
    let (kept, note) = match &args.action {
        BaselineAction::Create(_) => {
            let count = findings.len();
            (findings, format!("{count} findings recorded"))
        }
        BaselineAction::Update(_) => {
            let known = load_fingerprints(&scan.file)?;
            let still: HashSet<&String> = findings.iter().map(|f| &f.fingerprint).collect();
            let dropped = known.iter().filter(|k| !still.contains(k)).count();
            let new = findings
                .iter()
                .filter(|f| !known.contains(&f.fingerprint))
                .count();
            let kept: Vec<Finding> = findings
                .into_iter()
                .filter(|f| known.contains(&f.fingerprint))
                .collect();
            (
                kept,
                format!(
                    "dropped {dropped} entries whose secret is gone; {new} new findings were not added (review them, or run `baseline create`)"
                ),
            )
        }
    };
    safe_fs::write_file(&scan.file, |file| {
        let mut out = BufWriter::new(file);
        report::json::write_array(&kept, &mut out).and_then(|()| out.flush())
    })
    .context("cannot write the baseline")?;
    eprintln!("leakhound: baseline {}: {note}", scan.file.display());
    Ok(EXIT_CLEAN)
}

/// Scans for a baseline: the files under the path, or the history with --git.
fn baseline_scan(scan: &BaselineScan) -> Result<Vec<Finding>> {
    let root = if scan.git {
        repository_root(&scan.path)
    } else {
        scan.path.clone()
    };
    let (engine, config) = build_engine(&scan.rules, Some(&root))?;
    if let Some((path, loaded)) = &config {
        eprintln!(
            "leakhound: {}",
            provided_by_tree(&[describe_config(path, loaded)])
        );
    }
    let ScanOutcome { findings, stats } = if scan.git {
        git::scan_history(
            &scan.path,
            &engine,
            &GitOptions::default(),
            &HistoryOptions::default(),
        )?
    } else {
        source::fs::scan_paths(
            &engine,
            std::slice::from_ref(&scan.path),
            &WalkOptions::default(),
            &Limits::default(),
            FindingOptions::default(),
            &ProgressBar::hidden(),
        )
    };
    if let Some(w) = stats.warnings.iter().find(|w| w.fatal) {
        anyhow::bail!(
            "{}: {}; the baseline was not written",
            w.path.as_deref().unwrap_or("scan"),
            w.message
        );
    }
    Ok(findings
        .into_iter()
        .filter(|f| selected(&scan.rules, &f.rule_id))
        .map(|f| placed(&root, f))
        .collect())
}

fn purge_list(args: &PurgeListArgs) -> Result<u8> {
    let report = &args.report;
    let text = safe_fs::read_text(report, &Trust::CommandLine, safe_fs::MAX_REPORT_FILE)
        .context("cannot read report")?;
    let findings = report::purge::parse_report(&text).with_context(|| report.display().to_string())?;
    let list = report::purge::replace_text(&findings).with_context(|| report.display().to_string())?;
    match args.output.as_deref().map(OutputPath::of) {
        Some(OutputPath::File(path)) => safe_fs::write_file(path, |out| out.write_all(list.as_bytes()))
            .context("cannot write the purge list")?,
        Some(OutputPath::Stderr) => io::stderr().lock().write_all(list.as_bytes())?,
        Some(OutputPath::Stdout) | None => io::stdout().lock().write_all(list.as_bytes())?,
    }
    let file = args
        .output
        .as_ref()
        .map_or("FILE".to_string(), |p| p.display().to_string());
    eprintln!(
        "leakhound: {} secrets to remove. Rotate them first, then: git filter-repo --replace-text {file} (or bfg --replace-text {file}), force-push every branch and tag, and have everyone re-clone. The list holds the secrets: delete it afterwards.",
        list.lines().count()
    );
    Ok(EXIT_CLEAN)
}

fn hook(args: &HookArgs) -> Result<u8> {
    match &args.action {
        HookAction::Install { repo, force } => {
            let installed = git::hook::install(repo, *force)?;
            if let Some(backup) = &installed.backup {
                eprintln!("leakhound: moved the previous hook to {}", backup.display());
            }
            eprintln!(
                "leakhound: installed {}; every commit now checks its staged changes for secrets",
                installed.path.display()
            );
            Ok(EXIT_CLEAN)
        }
    }
}

fn scan_stdin(args: &StdinArgs) -> Result<u8> {
    let (engine, reporting) = prepare_scan(&args.scan, Path::new("."), false)?;
    let started = Instant::now();
    let limits = limits(
        &args.scan.nested,
        args.limits.max_file_size,
        args.limits.scan_binary,
    );
    let ScanOutcome { findings, stats } = source::stdin::scan_stdin(
        &engine,
        args.path.as_deref(),
        &limits,
        args.scan.finding_options(),
    )
    .context("cannot read standard input")?;
    finish(&args.scan, &reporting, findings, stats, started, "input")
}

fn scan_image(args: &ImageArgs) -> Result<u8> {
    let (engine, reporting) = prepare_scan(&args.scan, Path::new("."), false)?;
    let started = Instant::now();
    let options = ImageOptions {
        limits: limits(
            &args.scan.nested,
            args.limits.max_file_size,
            args.limits.scan_binary,
        ),
        findings: args.scan.finding_options(),
    };
    let ScanOutcome { findings, stats } = source::image::scan_image(&args.image, &engine, &options)?;
    finish(&args.scan, &reporting, findings, stats, started, "file")
}

/// A spinner on stderr for long scans; hidden unless stderr is a terminal.
fn progress_bar(args: &ScanArgs, noun: &'static str) -> ProgressBar {
    progress(
        args,
        None,
        &format!("{{spinner}} scanned {{human_pos}} {noun} in {{elapsed}}"),
    )
}

/// A bar with a known total for history scans; hidden unless stderr is a terminal.
fn counted_progress_bar(args: &ScanArgs, noun: &'static str) -> ProgressBar {
    progress(
        args,
        Some(0),
        &format!("{{bar:30}} {{human_pos}}/{{human_len}} {noun} {{elapsed}} (eta {{eta}})"),
    )
}

fn progress(args: &ScanArgs, len: Option<u64>, template: &str) -> ProgressBar {
    if args.quiet || args.no_progress || !io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::with_draw_target(len, ProgressDrawTarget::stderr_with_hz(8));
    bar.set_style(
        ProgressStyle::with_template(template).unwrap_or_else(|_| ProgressStyle::default_spinner()),
    );
    // Short scans (the pre-commit case) finish before the first tick shows.
    bar.enable_steady_tick(Duration::from_millis(250));
    bar
}

fn color_choice(when: ColorWhen) -> anstream::ColorChoice {
    match when {
        ColorWhen::Auto => anstream::ColorChoice::Auto,
        ColorWhen::Always => anstream::ColorChoice::Always,
        ColorWhen::Never => anstream::ColorChoice::Never,
    }
}

/// What decides which findings are reported, loaded before the scan so a
/// broken baseline or ignore file fails at once, not after a long scan.
struct Reporting {
    /// Fingerprints in the `--baseline` report.
    known: Option<HashSet<String>>,
    /// Ignore entries found at the scan root (or given).
    ignores: IgnoreList,
    /// The scan root: SARIF locations are made relative to it, as code
    /// scanning maps them onto repository files.
    root: PathBuf,
    /// What the files the scanned tree provided did, one phrase each
    /// (configs, ignore files): told even under `--quiet`, since a
    /// repository can silence findings this way.
    from_tree: Vec<String>,
}

impl Reporting {
    fn placed(&self, finding: Finding) -> Finding {
        placed(&self.root, finding)
    }

    fn prepare(args: &ScanArgs, root: &Path, config: Option<(PathBuf, Loaded)>) -> Result<Self> {
        let ignores = IgnoreList::load(root, args.ignore_file.as_deref(), !args.rules.no_config_discovery)?;
        let mut from_tree: Vec<String> = config
            .iter()
            .map(|(path, loaded)| describe_config(path, loaded))
            .collect();
        from_tree.extend(
            ignores
                .discovered()
                .iter()
                .map(|(path, entries)| format!("{} ({entries} entries)", display::escape(path))),
        );
        Ok(Reporting {
            known: args.baseline.as_deref().map(load_fingerprints).transpose()?,
            ignores,
            root: root.to_path_buf(),
            from_tree,
        })
    }
}

/// `path (what it did)` for a config found in the scanned tree.
fn describe_config(path: &Path, loaded: &Loaded) -> String {
    format!("{} ({loaded})", display::escape(&path.display().to_string()))
}

/// The one line naming the files the scanned tree provided.
fn provided_by_tree(files: &[String]) -> String {
    format!(
        "the scanned tree provided {}; --no-config-discovery ignores files from the tree",
        files.join(", ")
    )
}

/// `finding` with its `location.context` decided from its path relative
/// to the scan `root` (so a root that happens to sit under `tests/` does not
/// make everything a test), and its confidence lowered there.
fn placed(root: &Path, mut finding: Finding) -> Finding {
    if let Some(path) = finding.location.path.clone() {
        let relative = Path::new(&path)
            .strip_prefix(root)
            .ok()
            .filter(|p| !p.as_os_str().is_empty())
            .map_or(path.clone(), |p| p.to_string_lossy().into_owned());
        finding.place(&relative);
    }
    finding
}

/// The findings to report: those of selected rules, not in the baseline and
/// not suppressed by an ignore entry in effect; says on stderr what was
/// left out and why.
fn reportable(args: &ScanArgs, reporting: &Reporting, findings: &[Finding]) -> Vec<Finding> {
    let floor = args.min_confidence.map(crate::rules::Confidence::from);
    let chosen: Vec<Finding> = findings
        .iter()
        .filter(|f| selected(&args.rules, &f.rule_id))
        .map(|f| reporting.placed(f.clone()))
        .filter(|f| floor.is_none_or(|floor| f.confidence >= floor))
        .collect();
    let kept: Vec<Finding> = chosen
        .iter()
        .filter(|f| {
            reporting
                .known
                .as_ref()
                .is_none_or(|k| !k.contains(&f.fingerprint))
        })
        .cloned()
        .collect();
    let in_baseline = chosen.len() - kept.len();
    let applied = reporting.ignores.apply(kept, jiff::ZonedDateTime::now().date());
    if !args.quiet {
        if let Some(path) = &args.baseline
            && in_baseline > 0
        {
            eprintln!(
                "leakhound: {in_baseline} known finding(s) not reported (in baseline {})",
                path.display()
            );
        }
        if applied.suppressed > 0 {
            eprintln!(
                "leakhound: {} finding(s) suppressed by ignore entries",
                applied.suppressed
            );
        }
        for expired in &applied.expired {
            eprintln!("leakhound: ignore entry {}", display::escape(expired));
        }
    }
    if args.report_unused_ignores {
        for unused in &applied.unused {
            eprintln!("leakhound: unused ignore entry {}", display::escape(unused));
        }
    }
    applied.kept
}

/// Fingerprints of the findings in a JSON or JSONL report.
fn load_fingerprints(path: &Path) -> Result<HashSet<String>> {
    let text = safe_fs::read_text(path, &Trust::CommandLine, safe_fs::MAX_REPORT_FILE)
        .context("cannot read baseline")?;
    let findings = report::purge::parse_report(&text).with_context(|| path.display().to_string())?;
    Ok(findings.into_iter().map(|f| f.fingerprint).collect())
}

/// Writes the report and summary; returns the exit status for the findings.
/// Rule selection and `reporting` (baseline, ignore entries) decide what is
/// reported.
fn emit(
    args: &ScanArgs,
    reporting: &Reporting,
    findings: &[Finding],
    summary: &Summary,
    noun: &str,
) -> Result<u8> {
    // Built from every finding, reported or not: a baselined secret is
    // still a secret, wherever else it shows.
    let redactor = (!args.show_secrets).then(|| Redactor::for_findings(findings));
    let mut kept = reportable(args, reporting, findings);
    if let Some(redactor) = &redactor {
        redactor.apply(&mut kept);
    }
    // After reportable(): baselined and ignored secrets are never sent anywhere.
    if args.verify.enabled() {
        let counts = verify::verify_findings(&mut kept, &args.verify.options())?;
        if args.verify.only_verified {
            kept.retain(|f| f.verification.status == crate::finding::VerificationStatus::Verified);
        }
        if !args.quiet && args.format == Format::Text {
            eprintln!("leakhound: verification: {counts}");
        }
    }
    if args.format == Format::Sarif {
        for f in &mut kept {
            let relative = f
                .location
                .path
                .as_deref()
                .and_then(|p| Path::new(p).strip_prefix(&reporting.root).ok())
                .filter(|p| !p.as_os_str().is_empty())
                .map(|p| p.to_string_lossy().into_owned());
            if let Some(relative) = relative {
                f.location.path = Some(relative);
            }
        }
    }
    let findings = &kept;
    match args.output.as_deref().map(OutputPath::of) {
        Some(OutputPath::File(path)) => {
            safe_fs::write_file(path, |file| {
                // Files never get colour: strip the styles the text reporter writes.
                let mut out = BufWriter::new(anstream::StripStream::new(file));
                report::write(args.format, findings, &mut out).and_then(|()| out.flush())
            })
            .context("cannot write the report file")?;
        }
        Some(OutputPath::Stderr) => {
            let mut out = anstream::AutoStream::new(io::stderr().lock(), anstream::ColorChoice::Never);
            report::write(args.format, findings, &mut out)?;
        }
        Some(OutputPath::Stdout) | None => {
            let stdout = io::stdout();
            let choice = if args.format == Format::Text {
                color_choice(args.color)
            } else {
                anstream::ColorChoice::Never
            };
            let mut out = BufWriter::new(anstream::AutoStream::new(stdout.lock(), choice));
            report::write(args.format, findings, &mut out)?;
            out.flush()?;
        }
    }
    if !args.quiet {
        let mut err = anstream::AutoStream::new(io::stderr().lock(), color_choice(args.color));
        text::write_summary(findings, summary, noun, &mut err)?;
    }
    // Even under --quiet: a repository can silence findings with these.
    if !reporting.from_tree.is_empty() {
        eprintln!("leakhound: {}", provided_by_tree(&reporting.from_tree));
    }
    Ok(if findings.is_empty() {
        EXIT_CLEAN
    } else {
        args.exit_code
    })
}

fn rules_command(args: &RulesArgs) -> Result<u8> {
    let (engine, config) = build_engine(&args.rules, Some(Path::new(".")))?;
    if let Some((path, loaded)) = &config {
        eprintln!(
            "leakhound: {}",
            provided_by_tree(&[describe_config(path, loaded)])
        );
    }
    let rules = engine.rules();
    let mut out = BufWriter::new(io::stdout().lock());
    match &args.action {
        RulesAction::List { verifiable } => {
            let listed: Vec<&Rule> = rules
                .rules()
                .iter()
                .filter(|r| selected(&args.rules, &r.id))
                .filter(|r| !verifiable || r.verify.is_some())
                .collect();
            for r in &listed {
                writeln!(
                    out,
                    "{:<44} {:<8} {:<6} {:<16} {}{}",
                    display::escape(&r.id),
                    r.severity.as_str(),
                    r.confidence.as_str(),
                    display::escape(&r.provider),
                    display::escape(&r.name),
                    if r.verify.is_some() { "  [verify]" } else { "" }
                )?;
            }
            out.flush()?;
            eprintln!(
                "{} rules from {} providers, {} with a live check (--verify)",
                listed.len(),
                provider_count(listed.iter().copied()),
                listed.iter().filter(|r| r.verify.is_some()).count()
            );
            Ok(EXIT_CLEAN)
        }
        RulesAction::Show { id } => {
            let rule = rules.get(id).with_context(|| unknown_rule(id))?;
            writeln!(out, "id:          {}", display::escape(&rule.id))?;
            writeln!(out, "name:        {}", display::escape(&rule.name))?;
            writeln!(out, "provider:    {}", display::escape(&rule.provider))?;
            if let Some(description) = &rule.description {
                writeln!(out, "description: {}", display::escape(description))?;
            }
            writeln!(out, "severity:    {}", rule.severity)?;
            writeln!(out, "confidence:  {}", rule.confidence.as_str())?;
            writeln!(out, "from:        {}", display::escape(&rule.origin))?;
            writeln!(out, "keywords:    {}", display::escape(&rule.keywords.join(", ")))?;
            writeln!(out, "regex:       {}", display::escape(&rule.pattern))?;
            writeln!(out, "secret group: {}", rule.secret_group())?;
            if let Some(e) = rule.min_entropy {
                writeln!(out, "min entropy: {e}")?;
            }
            if rule.require_random {
                writeln!(out, "randomness:  required")?;
            }
            if !rule.random_in.is_empty() {
                let classes: Vec<String> = rule
                    .random_in
                    .iter()
                    .map(|a| format!("[{}]", a.regex_class()))
                    .collect();
                writeln!(out, "randomness:  a uniform draw from {}", classes.join(" or "))?;
            }
            if !rule.tags.is_empty() {
                writeln!(out, "tags:        {}", display::escape(&rule.tags.join(", ")))?;
            }
            for list in &rule.allowlists {
                writeln!(out, "allowlist:   {}", display::escape(&list.description))?;
            }
            writeln!(out, "examples:")?;
            for e in rule.examples() {
                writeln!(out, "  + {}", display::escape(e))?;
            }
            for e in rule.negative_examples() {
                writeln!(out, "  - {}", display::escape(e))?;
            }
            if let Some(spec) = &rule.verify {
                writeln!(out, "verify:      {}", display::escape(&spec.summary()))?;
            }
            write_playbook(&mut out, rule)?;
            out.flush()?;
            Ok(EXIT_CLEAN)
        }
        RulesAction::Check => {
            let failures = check::check_all(&engine);
            for f in &failures {
                writeln!(out, "FAIL {}", display::escape(&f.to_string()))?;
            }
            out.flush()?;
            eprintln!(
                "checked {} rules from {} providers: {} failure(s)",
                rules.len(),
                provider_count(rules.rules()),
                failures.len()
            );
            Ok(if failures.is_empty() { EXIT_CLEAN } else { 1 })
        }
    }
}

fn provider_count<'a>(rules: impl IntoIterator<Item = &'a Rule>) -> usize {
    let mut providers: Vec<&str> = rules.into_iter().map(|r| r.provider.as_str()).collect();
    providers.sort_unstable();
    providers.dedup();
    providers.len()
}

fn unknown_rule(id: &str) -> String {
    format!("no rule with id {id:?}; `leakhound rules list` shows the ids")
}

/// What to do for any leaked secret, whatever the provider.
const GENERAL_PLAYBOOK: &[&str] = &[
    "Treat the secret as compromised from the moment it was committed or pushed, even if the repository is private.",
    "Rotate first: issue and deploy a replacement, then revoke the leaked credential.",
    "Check the provider's audit log for use of the leaked credential since it was exposed.",
    "Only then purge it from history: `git filter-repo --replace-text FILE` (or BFG), force-push, and ask everyone to re-clone.",
    "Add the rotated credential's fingerprint to .leakhoundignore only after it is revoked.",
];

fn write_playbook(out: &mut dyn Write, rule: &crate::rules::Rule) -> io::Result<()> {
    writeln!(out, "rotation:    {}", display::escape(&rule.rotation.summary))?;
    for (i, step) in rule.rotation.steps.iter().enumerate() {
        writeln!(out, "  {}. {}", i + 1, display::escape(step))?;
    }
    writeln!(out, "docs:        {}", display::escape(&rule.rotation.docs))
}

fn explain(args: &ExplainArgs) -> Result<u8> {
    let loaded = load_rules(&args.rules, Some(Path::new(".")))?;
    let rule = loaded
        .rules
        .get(&args.rule_id)
        .with_context(|| unknown_rule(&args.rule_id))?;
    let mut out = BufWriter::new(io::stdout().lock());
    writeln!(
        out,
        "{} [{}]",
        display::escape(&rule.name),
        display::escape(&rule.id)
    )?;
    writeln!(
        out,
        "provider {}, severity {}",
        display::escape(&rule.provider),
        rule.severity
    )?;
    writeln!(out)?;
    write_playbook(&mut out, rule)?;
    writeln!(out)?;
    writeln!(out, "For every leaked secret:")?;
    for (i, step) in GENERAL_PLAYBOOK.iter().enumerate() {
        writeln!(out, "  {}. {step}", i + 1)?;
    }
    out.flush()?;
    Ok(EXIT_CLEAN)
}
