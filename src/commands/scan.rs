//! The scanning commands (`dir`, `git`, `staged`, `stdin`, `image`, and
//! each repository of `scan-repos`): flags become a source's options, the
//! source scans, the report stage reports.

use std::{
    io::{self, IsTerminal},
    path::{Path, PathBuf},
    time::{Duration, Instant},
};

use anyhow::{Context, Result};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use super::{
    load_rules,
    report::{self, Reporting, finish},
};
use crate::{
    cli::{BlobLimits, DirArgs, GitArgs, ImageArgs, NestedArgs, RuleSource, ScanArgs, StagedArgs, StdinArgs},
    engine::{Engine, Workload, decode::DecodeOptions},
    rules::Loaded,
    scan::{ArchiveLimits, Limits, ScanOutcome},
    source::{
        self,
        fs::WalkOptions,
        git::{self, GitOptions, HistoryOptions},
        image::ImageOptions,
    },
};

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
    let (engine, reporting) = prepare_scan(&scan, Path::new("."), false, Workload::Bulk)?;
    let options = GitOptions {
        threads,
        ..git_options(&scan, limits, ProgressBar::hidden())
    };
    Ok(move |path: &Path| {
        let ScanOutcome { findings, stats } = git::scan_history(path, &engine, &options, &history)?;
        let findings = report::reported(&scan, &reporting, &findings, false)?;
        Ok(ScanOutcome { findings, stats })
    })
}

/// The engine for `source`'s rules, and the config the tree at `root` provided.
pub(crate) fn build_engine(
    source: &RuleSource,
    root: Option<&Path>,
    workload: Workload,
) -> Result<(Engine, Option<(PathBuf, Loaded)>)> {
    let loaded = load_rules(source, root)?;
    Ok((Engine::for_workload(loaded.rules, workload)?, loaded.discovered))
}

/// The engine a scanning command runs (its rules, decoding as the flags
/// say) and what decides which findings are reported; both may come partly
/// from files the scanned tree at `root` provides (a config only where
/// `discover_config`).
pub(crate) fn prepare_scan(
    scan: &ScanArgs,
    root: &Path,
    discover_config: bool,
    workload: Workload,
) -> Result<(Engine, Reporting)> {
    let decode = DecodeOptions {
        depth: scan.nested.decode_depth,
    };
    let (engine, config) = build_engine(&scan.rules, discover_config.then_some(root), workload)?;
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

/// `leakhound dir`.
pub(crate) fn scan_dir(args: &DirArgs) -> Result<u8> {
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
    let (engine, reporting) = prepare_scan(&args.scan, root, true, Workload::Bulk)?;
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

/// Git scan options from the flags (also sizes rayon's pool to --threads).
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

/// `leakhound git` on a local repository.
pub(crate) fn scan_git(args: &GitArgs) -> Result<u8> {
    let root = repository_root(&args.repo);
    let (engine, reporting) = prepare_scan(&args.scan, &root, true, Workload::Bulk)?;
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

/// `leakhound staged`.
pub(crate) fn scan_staged(args: &StagedArgs) -> Result<u8> {
    let started = Instant::now();
    let root = repository_root(&args.repo);
    // The pre-commit hook: a few files, where building the automaton is
    // most of the run.
    let (engine, reporting) = prepare_scan(&args.scan, &root, true, Workload::Small)?;
    let options = git_options(&args.scan, &args.limits, ProgressBar::hidden());
    let ScanOutcome { findings, stats } = git::scan_staged(&args.repo, &engine, &options)?;
    finish(&args.scan, &reporting, findings, stats, started, "staged file")
}

/// Where a git scan looks for its ignore file: the work tree's top (or a
/// bare repository's directory), wherever in it the scan was started.
pub(crate) fn repository_root(path: &Path) -> PathBuf {
    git::open(path).map_or_else(
        |_| path.to_path_buf(),
        |opened| git::repository_root(&opened.repo),
    )
}

/// `leakhound stdin`.
pub(crate) fn scan_stdin(args: &StdinArgs) -> Result<u8> {
    let (engine, reporting) = prepare_scan(&args.scan, Path::new("."), false, Workload::Small)?;
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

/// `leakhound image`.
pub(crate) fn scan_image(args: &ImageArgs) -> Result<u8> {
    let (engine, reporting) = prepare_scan(&args.scan, Path::new("."), false, Workload::Bulk)?;
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
