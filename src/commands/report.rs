//! The report stage every scanning command ends with: rule selection →
//! confidence floor → placement → baseline → ignore entries → redaction →
//! verification → SARIF path rewrite → write → summary. What decides it
//! (baseline, ignore entries) is loaded before the scan, so a broken file
//! fails at once.

use std::{
    collections::HashSet,
    io::{self, BufWriter, Write},
    path::{Path, PathBuf},
    time::Instant,
};

use anyhow::{Context, Result};

use crate::{
    app::{EXIT_CLEAN, EXIT_ERROR},
    cli::{ColorWhen, ScanArgs},
    finding::{Finding, Redactor, VerificationStatus},
    report::{self, Format, Summary, display, ignore::IgnoreList, text},
    rules::Loaded,
    safe_fs::{self, OutputPath, Trust},
    scan::ScanStats,
    verify,
};

/// Reports a finished scan. A scan that could not read something it was
/// asked to read (a fatal warning) exits 2 even with findings, so it never
/// looks clean or merely "found".
pub(crate) fn finish(
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

pub(crate) fn color_choice(when: ColorWhen) -> anstream::ColorChoice {
    match when {
        ColorWhen::Auto => anstream::ColorChoice::Auto,
        ColorWhen::Always => anstream::ColorChoice::Always,
        ColorWhen::Never => anstream::ColorChoice::Never,
    }
}

/// What decides which findings are reported, loaded before the scan so a
/// broken baseline or ignore file fails at once, not after a long scan.
pub(crate) struct Reporting {
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

    pub(crate) fn prepare(args: &ScanArgs, root: &Path, config: Option<(PathBuf, Loaded)>) -> Result<Self> {
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
pub(crate) fn describe_config(path: &Path, loaded: &Loaded) -> String {
    format!("{} ({loaded})", display::escape(&path.display().to_string()))
}

/// The one line naming the files the scanned tree provided.
pub(crate) fn provided_by_tree(files: &[String]) -> String {
    format!(
        "the scanned tree provided {}; --no-config-discovery ignores files from the tree",
        files.join(", ")
    )
}

/// `finding` with its `location.context` decided from its path relative
/// to the scan `root` (so a root that happens to sit under `tests/` does not
/// make everything a test), and its confidence lowered there.
pub(crate) fn placed(root: &Path, mut finding: Finding) -> Finding {
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
        .filter(|f| args.rules.selection().selects(&f.rule_id))
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
pub(crate) fn load_fingerprints(path: &Path) -> Result<HashSet<String>> {
    let text = safe_fs::read_text(path, &Trust::CommandLine, safe_fs::MAX_REPORT_FILE)
        .context("cannot read baseline")?;
    let findings = report::purge::parse_report(&text).with_context(|| path.display().to_string())?;
    Ok(findings.into_iter().map(|f| f.fingerprint).collect())
}

/// The findings to report, ready to write: rule selection, confidence
/// floor, baseline and ignore entries (see [`reportable`]), then redaction
/// and, if asked, verification. `tell` says the verification counts on
/// stderr.
pub(crate) fn reported(
    args: &ScanArgs,
    reporting: &Reporting,
    findings: &[Finding],
    tell: bool,
) -> Result<Vec<Finding>> {
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
            kept.retain(|f| f.verification.status == VerificationStatus::Verified);
        }
        if tell && !args.quiet && args.format == Format::Text {
            eprintln!("leakhound: verification: {counts}");
        }
    }
    Ok(kept)
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
    let mut kept = reported(args, reporting, findings, true)?;
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
