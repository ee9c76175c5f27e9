//! `leakhound merge REPORT…`: many JSON/JSONL reports become one report of
//! incidents (see [`crate::report::merge`]).

use std::io::{self, BufWriter, Write};

use anyhow::{Context, Result};

use crate::{
    app,
    cli::MergeArgs,
    report::{Format, merge, purge::parse_report},
    safe_fs::{self, OutputPath, Trust},
};

/// Reads every report (a malformed one is an error naming it; an empty one
/// is fine), merges and writes. Exits 1 when there is any incident, as a
/// scan with findings does.
pub fn run(args: &MergeArgs) -> Result<u8> {
    let mut findings = Vec::new();
    for path in &args.reports {
        let text = safe_fs::read_text(path, &Trust::CommandLine, safe_fs::MAX_REPORT_FILE)
            .with_context(|| format!("cannot read report {}", path.display()))?;
        let mut found = parse_report(&text)
            .with_context(|| format!("{}: not a leakhound JSON or JSONL report", path.display()))?;
        findings.append(&mut found);
    }
    let merged = merge::merge(&findings);
    drop(findings);
    match args.output.as_deref().map(OutputPath::of) {
        Some(OutputPath::File(path)) => safe_fs::write_file(path, |file| {
            let mut out = BufWriter::new(file);
            merge::write(args.format, &merged, &mut out).and_then(|()| out.flush())
        })
        .context("cannot write the merged report")?,
        Some(OutputPath::Stderr) => merge::write(args.format, &merged, &mut io::stderr().lock())?,
        Some(OutputPath::Stdout) | None => {
            let mut out = BufWriter::new(io::stdout().lock());
            merge::write(args.format, &merged, &mut out)?;
            out.flush()?;
        }
    }
    if !args.quiet {
        let repositories = merged
            .repositories
            .iter()
            .filter(|r| r.repository.is_some())
            .count();
        eprintln!(
            "leakhound: merged {} finding(s) from {} report(s) into {} incident(s) across {} repositories{}",
            merged.findings,
            args.reports.len(),
            merged.incidents.len(),
            repositories,
            if args.format == Format::Jsonl {
                "; --format json or text adds counts per repository and rule"
            } else {
                ""
            }
        );
    }
    Ok(if merged.incidents.is_empty() {
        app::EXIT_CLEAN
    } else {
        1
    })
}
