//! Reporters: turn findings into text, JSON or JSON Lines. A reporter never
//! scans; it only formats what it is given.

pub mod display;
pub mod ignore;
pub mod json;
pub mod merge;
pub mod purge;
pub mod sarif;
pub mod text;

use std::{io, time::Duration};

use crate::{finding::Finding, rules::Severity, scan::ScanStats};

/// Output format of a scan report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Human-readable blocks, one per finding.
    Text,
    /// One JSON array.
    Json,
    /// One JSON object per line.
    Jsonl,
    /// SARIF 2.1.0 (GitHub code scanning).
    Sarif,
}

/// Everything a report needs besides the findings.
#[derive(Debug, Clone, Default)]
pub struct Summary {
    /// What the source read and skipped.
    pub stats: ScanStats,
    /// Wall time of the scan.
    pub elapsed: Duration,
}

/// Writes `findings` in `format` to `out`.
pub fn write(format: Format, findings: &[Finding], out: &mut dyn io::Write) -> io::Result<()> {
    match format {
        Format::Text => text::write_findings(findings, out),
        Format::Json => json::write_array(findings, out),
        Format::Jsonl => json::write_lines(findings, out),
        Format::Sarif => sarif::write(findings, out),
    }
}

/// Counts findings per severity, most severe first, omitting zeros.
pub fn severity_counts(findings: &[Finding]) -> Vec<(Severity, usize)> {
    [
        Severity::Critical,
        Severity::High,
        Severity::Medium,
        Severity::Low,
    ]
    .into_iter()
    .map(|s| (s, findings.iter().filter(|f| f.severity == s).count()))
    .filter(|&(_, n)| n > 0)
    .collect()
}
