//! `leakhound purge-list`: the secrets of a report as a `git filter-repo
//! --replace-text` / BFG list.

use std::io::{self, Write};

use anyhow::{Context, Result};

use crate::{
    app::EXIT_CLEAN,
    cli::PurgeListArgs,
    report,
    safe_fs::{self, OutputPath, Trust},
};

/// `leakhound purge-list`.
pub(crate) fn run(args: &PurgeListArgs) -> Result<u8> {
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
