//! `leakhound scan-repos`: mirror and scan the full history of many
//! repositories, `--repo-concurrency` at a time.
//!
//! Memory stays bounded by the repositories in flight: each repository's
//! findings are written (JSONL, text) as soon as it is done and then
//! dropped. JSON and SARIF are single documents, so they are kept until the
//! end; use JSONL for large audits. Output is in completion order (`merge`
//! sorts). One repository that cannot be cloned, fetched or read is
//! reported with its reason and the others go on; the exit status is then 2.

use std::{
    io::{self, BufWriter, IsTerminal, Write},
    path::Path,
    sync::{
        atomic::{AtomicUsize, Ordering},
        mpsc,
    },
    time::Instant,
};

use anyhow::{Context, Result};

use super::{mirror_options, repos};
use crate::{
    app,
    cli::{ColorWhen, ScanReposArgs},
    finding::Finding,
    org::Target,
    report::{self, Format, display::escape},
    safe_fs::{self, OutputPath},
    scan::ScanOutcome,
    source::{
        git::HistoryOptions,
        remote::{self, MirrorOptions, redact_text},
    },
};

/// What scanning one local repository gives.
type Scanned = Result<ScanOutcome>;

/// What happened to one repository.
struct Outcome {
    /// The repository as reports name it.
    shown: String,
    /// Findings and stats, or why it could not be scanned.
    result: Result<ScanOutcome, String>,
    /// Wall time, mirror included.
    seconds: f64,
}

/// Totals over the run.
#[derive(Default)]
struct Totals {
    scanned: usize,
    failed: usize,
    findings: usize,
}

/// Runs the audit and writes the report; see the module docs.
pub fn run(args: &ScanReposArgs) -> Result<u8> {
    let started = Instant::now();
    let quiet = args.scan.quiet;
    let selection = repos::select(&args.source, !quiet)?;
    if !quiet {
        eprintln!("leakhound: scanning {}", repos::describe(&selection));
    }
    let concurrency = usize::from(args.repo_concurrency)
        .min(selection.targets.len())
        .max(1);
    let cores = std::thread::available_parallelism().map_or(1, usize::from);
    // --threads is the total: each repository scan gets its share.
    let per_repository = (args.scan.threads.unwrap_or(cores) / concurrency).max(1);
    let history = HistoryOptions {
        reachable_only: args.reachable_only,
        all_occurrences: args.all_occurrences,
        ..HistoryOptions::default()
    };
    let scanner = super::scan::repository_scanner(&args.scan, &args.limits, history, per_repository)?;
    let mirrors = mirror_options(&args.cache, selection.credentials.clone(), false);
    let scan_one = |target: &Target| scan_target(target, &mirrors, &scanner);
    let audit = |out: &mut dyn Write| audit(&selection.targets, concurrency, &scan_one, args, out);
    let totals = match args.scan.output.as_deref().map(OutputPath::of) {
        Some(OutputPath::File(path)) => {
            let mut totals = None;
            safe_fs::write_file(path, |file| {
                let mut out = BufWriter::new(anstream::StripStream::new(file));
                totals = Some(audit(&mut out)?);
                out.flush()
            })
            .context("cannot write the report file")?;
            totals.unwrap_or_default()
        }
        Some(OutputPath::Stderr) => {
            let mut out = anstream::AutoStream::new(io::stderr().lock(), anstream::ColorChoice::Never);
            audit(&mut out)?
        }
        Some(OutputPath::Stdout) | None => {
            let choice = match (args.scan.format, args.scan.color) {
                (Format::Text, ColorWhen::Always) => anstream::ColorChoice::Always,
                (Format::Text, ColorWhen::Auto) if io::stdout().is_terminal() => anstream::ColorChoice::Auto,
                _ => anstream::ColorChoice::Never,
            };
            let mut out = BufWriter::new(anstream::AutoStream::new(io::stdout().lock(), choice));
            let totals = audit(&mut out)?;
            out.flush()?;
            totals
        }
    };
    if !quiet || totals.failed > 0 {
        eprintln!(
            "leakhound: scanned {} of {} repositories ({} failed), {} finding(s), in {:.1} s",
            totals.scanned,
            selection.targets.len(),
            totals.failed,
            totals.findings,
            started.elapsed().as_secs_f64()
        );
    }
    Ok(if totals.failed > 0 {
        app::EXIT_ERROR
    } else if totals.findings > 0 {
        args.scan.exit_code
    } else {
        app::EXIT_CLEAN
    })
}

/// Scans the targets on `concurrency` threads and writes each repository's
/// findings as it finishes (all at the end for JSON and SARIF).
fn audit(
    targets: &[Target],
    concurrency: usize,
    scan_one: &(dyn Fn(&Target) -> Outcome + Sync),
    args: &ScanReposArgs,
    out: &mut dyn Write,
) -> io::Result<Totals> {
    let format = args.scan.format;
    let streamed = matches!(format, Format::Text | Format::Jsonl);
    let mut kept: Vec<Finding> = Vec::new();
    let mut totals = Totals::default();
    let next = AtomicUsize::new(0);
    // Bounded: a finished repository waits for the writer, not in a heap.
    let (sender, receiver) = mpsc::sync_channel::<Outcome>(concurrency);
    std::thread::scope(|scope| -> io::Result<()> {
        for _ in 0..concurrency {
            let sender = sender.clone();
            let next = &next;
            scope.spawn(move || {
                while let Some(target) = targets.get(next.fetch_add(1, Ordering::Relaxed)) {
                    if sender.send(scan_one(target)).is_err() {
                        break;
                    }
                }
            });
        }
        drop(sender);
        for outcome in receiver {
            let line = match outcome.result {
                Ok(ScanOutcome { mut findings, stats }) => {
                    totals.scanned += 1;
                    totals.findings += findings.len();
                    let incomplete = stats.warnings.iter().find(|w| w.fatal);
                    let mut line = format!(
                        "repo {}: {} finding(s), {} blobs, {:.1} s",
                        escape(&outcome.shown),
                        findings.len(),
                        stats.files,
                        outcome.seconds
                    );
                    if let Some(w) = incomplete {
                        totals.failed += 1;
                        line.push_str(&format!("; INCOMPLETE: {}", escape(&w.message)));
                    }
                    for f in &mut findings {
                        f.repository = Some(outcome.shown.clone());
                    }
                    if streamed {
                        report::write(format, &findings, out)?;
                        out.flush()?;
                    } else {
                        kept.append(&mut findings);
                    }
                    (line, incomplete.is_some())
                }
                Err(reason) => {
                    totals.failed += 1;
                    (
                        format!("repo {}: FAILED: {}", escape(&outcome.shown), escape(&reason)),
                        true,
                    )
                }
            };
            if !args.scan.quiet || line.1 {
                eprintln!("leakhound: {}", line.0);
            }
        }
        Ok(())
    })?;
    if !streamed {
        report::write(format, &kept, out)?;
    }
    Ok(totals)
}

/// Mirrors (for a URL) and scans one repository.
fn scan_target(
    target: &Target,
    mirrors: &MirrorOptions,
    scanner: &(dyn Fn(&Path) -> Scanned + Sync),
) -> Outcome {
    let started = Instant::now();
    let result = match target {
        Target::Local(path) if !path.is_dir() => Err(format!(
            "{}: no such directory (a repository named in the list must exist)",
            path.display()
        )),
        Target::Local(path) => scanner(path).map_err(|e| redact_text(&format!("{e:#}"))),
        Target::Remote(url) => match remote::mirror(url, mirrors) {
            Ok(mirror) => {
                let scanned = scanner(mirror.path()).map_err(|e| redact_text(&format!("{e:#}")));
                // With --no-cache the mirror is removed here, before the next.
                drop(mirror);
                scanned
            }
            Err(remote::RemoteError::Git { action, message, .. }) => {
                Err(format!("git {action} failed: {}", redact_text(&message)))
            }
            Err(e) => Err(redact_text(&e.to_string())),
        },
    };
    Outcome {
        shown: target.shown(),
        result,
        seconds: started.elapsed().as_secs_f64(),
    }
}
