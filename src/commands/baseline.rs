//! `leakhound baseline create|update`: record the findings a scan makes
//! now, so later scans report only new ones.

use std::{
    collections::HashSet,
    io::{BufWriter, Write},
};

use anyhow::{Context, Result};
use indicatif::ProgressBar;

use super::{
    report::{describe_config, load_fingerprints, placed, provided_by_tree},
    scan::{build_engine, repository_root},
};
use crate::{
    app::EXIT_CLEAN,
    cli::{BaselineAction, BaselineArgs, BaselineScan},
    engine::Workload,
    finding::{Finding, FindingOptions, Redactor},
    report, safe_fs,
    scan::{Limits, ScanOutcome},
    source::{
        self,
        fs::WalkOptions,
        git::{self, GitOptions, HistoryOptions},
    },
};

/// `leakhound baseline`.
pub(crate) fn run(args: &BaselineArgs) -> Result<u8> {
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
    let (engine, config) = build_engine(&scan.rules, Some(&root), Workload::Bulk)?;
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
        .filter(|f| scan.rules.selection().selects(&f.rule_id))
        .map(|f| placed(&root, f))
        .collect())
}
