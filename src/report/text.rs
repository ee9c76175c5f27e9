//! Text report for people: one block per finding, then a summary.
//!
//! Styles are always written as ANSI sequences; the caller wraps the output
//! in an `anstream` stream that strips them when it is not a terminal.

pub use super::display::human_bytes;
use std::io;

use anstyle::{AnsiColor, Style};

use super::{Summary, display::escape, severity_counts};
use crate::{
    finding::{Context, Finding, VerificationStatus},
    rules::Severity,
};

/// Warnings printed in full before the rest are only counted.
const MAX_WARNINGS_SHOWN: usize = 20;

fn severity_style(severity: Severity) -> Style {
    let color = match severity {
        Severity::Critical => AnsiColor::BrightRed,
        Severity::High => AnsiColor::Red,
        Severity::Medium => AnsiColor::Yellow,
        Severity::Low => AnsiColor::Cyan,
    };
    Style::new().fg_color(Some(color.into())).bold()
}

const DIM: Style = Style::new().dimmed();
const BOLD: Style = Style::new().bold();

/// Writes one block per finding.
pub fn write_findings(findings: &[Finding], out: &mut dyn io::Write) -> io::Result<()> {
    for f in findings {
        let sev = severity_style(f.severity);
        writeln!(
            out,
            "{sev}{:<8}{sev:#} {BOLD}{}{BOLD:#} {DIM}[{}]{DIM:#}",
            f.severity.as_str().to_uppercase(),
            escape(&f.rule_name),
            escape(&f.rule_id)
        )?;
        let place = match &f.location.path {
            Some(path) => format!("{}:{}:{}", escape(path), f.location.line, f.location.column),
            None => format!("<{}>:{}:{}", kind_label(f), f.location.line, f.location.column),
        };
        let context = match f.location.context {
            Context::Code => String::new(),
            other => format!("  {DIM}({}){DIM:#}", other.as_str()),
        };
        if let Some(repository) = &f.repository {
            writeln!(out, "  {DIM}repo{DIM:#}     {}", escape(repository))?;
        }
        writeln!(out, "  {DIM}where{DIM:#}    {place}{context}")?;
        if let Some(layer) = &f.source.layer {
            writeln!(out, "  {DIM}layer{DIM:#}    {}", escape(layer))?;
        }
        if let Some(decoded) = &f.source.decoded {
            writeln!(
                out,
                "  {DIM}decoded{DIM:#}  {decoded} (the line holds the encoded text)"
            )?;
        }
        if let Some(git) = &f.git {
            let reach = if git.unreachable {
                " (unreachable: no ref holds it)"
            } else {
                ""
            };
            match &git.commit {
                Some(commit) => writeln!(
                    out,
                    "  {DIM}commit{DIM:#}   {} {} <{}> {}{reach}",
                    escape(short(commit)),
                    escape(git.author.as_deref().unwrap_or("?")),
                    escape(git.email.as_deref().unwrap_or("?")),
                    escape(git.date.as_deref().unwrap_or("?")),
                )?,
                None => writeln!(
                    out,
                    "  {DIM}blob{DIM:#}     {} in no commit{reach}",
                    escape(git.blob.as_deref().map_or("?", short))
                )?,
            }
            if let Some(message) = git.message.as_deref().filter(|m| !m.is_empty()) {
                writeln!(out, "  {DIM}message{DIM:#}  {}", escape(message))?;
            }
            if git.occurrences > 1 {
                writeln!(
                    out,
                    "  {DIM}seen{DIM:#}     {} places in history",
                    git.occurrences
                )?;
            }
            for place in git.locations.iter().flatten() {
                writeln!(
                    out,
                    "           {DIM}{} {}:{}:{}{}{DIM:#}",
                    escape(place.commit.as_deref().map_or("(no commit)", short)),
                    escape(place.path.as_deref().unwrap_or("<commit-message>")),
                    place.line,
                    place.column,
                    if place.unreachable { " (unreachable)" } else { "" }
                )?;
            }
        }
        writeln!(
            out,
            "  {DIM}secret{DIM:#}   {}  {DIM}(confidence {}, entropy {:.2}){DIM:#}",
            escape(&f.secret),
            f.confidence.as_str(),
            f.entropy
        )?;
        write_verification(f, out)?;
        if !f.location.snippet.is_empty() {
            writeln!(out, "  {DIM}line{DIM:#}     {}", escape(&f.location.snippet))?;
        }
        writeln!(out, "  {DIM}rotate{DIM:#}   {}", escape(&f.rotation.summary))?;
        if let Some(first) = f.rotation.steps.first() {
            writeln!(out, "  {DIM}next{DIM:#}     {}", escape(first))?;
        }
        writeln!(out, "  {DIM}docs{DIM:#}     {}", escape(&f.rotation.docs))?;
        writeln!(out)?;
    }
    Ok(())
}

/// The live-check outcome, shown once a check was asked for.
fn write_verification(f: &Finding, out: &mut dyn io::Write) -> io::Result<()> {
    let v = &f.verification;
    if v.status == VerificationStatus::NotChecked && v.detail.is_none() {
        return Ok(());
    }
    let (label, color) = match v.status {
        VerificationStatus::Verified => ("LIVE", AnsiColor::BrightRed),
        VerificationStatus::Invalid => ("invalid", AnsiColor::Green),
        VerificationStatus::Unknown => ("unknown", AnsiColor::Yellow),
        VerificationStatus::NotChecked => ("not checked", AnsiColor::White),
    };
    let style = Style::new().fg_color(Some(color.into())).bold();
    write!(out, "  {DIM}verify{DIM:#}   {style}{label}{style:#}")?;
    match &v.detail {
        Some(detail) => writeln!(out, "  {}", escape(detail)),
        None => writeln!(out),
    }
}

fn kind_label(f: &Finding) -> &'static str {
    match f.location.kind {
        crate::finding::LocationKind::File => "file",
        crate::finding::LocationKind::Stdin => "stdin",
        crate::finding::LocationKind::CommitMessage => "commit-message",
    }
}

fn short(commit: &str) -> &str {
    commit.get(..12).unwrap_or(commit)
}

/// Writes the closing summary: counts, skips, bytes, time, warnings.
pub fn write_summary(
    findings: &[Finding],
    summary: &Summary,
    noun: &str,
    out: &mut dyn io::Write,
) -> io::Result<()> {
    let stats = &summary.stats;
    for w in stats.warnings.iter().take(MAX_WARNINGS_SHOWN) {
        let warn = Style::new().fg_color(Some(AnsiColor::Yellow.into()));
        match &w.path {
            Some(path) => writeln!(
                out,
                "{warn}warning{warn:#}: {}: {}",
                escape(path),
                escape(&w.message)
            )?,
            None => writeln!(out, "{warn}warning{warn:#}: {}", escape(&w.message))?,
        }
    }
    if stats.warnings.len() > MAX_WARNINGS_SHOWN {
        writeln!(
            out,
            "… and {} more warnings",
            stats.warnings.len() - MAX_WARNINGS_SHOWN
        )?;
    }
    for line in &stats.coverage {
        writeln!(out, "leakhound: {}", escape(line))?;
    }
    let secs = summary.elapsed.as_secs_f64();
    let rate = if secs > 0.0 {
        stats.bytes as f64 / secs
    } else {
        0.0
    };
    let counts = severity_counts(findings);
    let unread = stats.unread();
    let incomplete = unread > 0 || stats.warnings.iter().any(|w| w.fatal);
    let found = if findings.is_empty() && incomplete {
        "no leaks found in what could be read".to_string()
    } else if findings.is_empty() {
        "no leaks found".to_string()
    } else {
        let parts: Vec<String> = counts.iter().map(|(s, n)| format!("{n} {s}")).collect();
        let plural = if findings.len() == 1 { "" } else { "s" };
        format!(
            "{BOLD}{} finding{plural}{BOLD:#} ({})",
            findings.len(),
            parts.join(", ")
        )
    };
    writeln!(
        out,
        "leakhound: {found}; scanned {} {noun}{}, {} in {secs:.2} s ({}/s)",
        stats.files,
        if stats.files == 1 { "" } else { "s" },
        human_bytes(stats.bytes),
        human_bytes(rate as u64),
    )?;
    if !stats.skips.is_empty() {
        let parts: Vec<String> = stats
            .skips
            .iter()
            .map(|(reason, n)| format!("{n} {}", reason.label()))
            .collect();
        writeln!(out, "leakhound: skipped {}", parts.join(", "))?;
    }
    if unread > 0 {
        let (s, was) = if unread == 1 { ("", "was") } else { ("s", "were") };
        writeln!(
            out,
            "leakhound: {unread} input{s} could not be read and {was} not scanned (see the warnings); the scan is incomplete"
        )?;
    } else if incomplete {
        writeln!(out, "leakhound: the scan is incomplete (see the warnings)")?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_scan_that_could_not_read_something_is_not_summed_up_as_clean() {
        let mut summary = Summary {
            stats: crate::source::ScanStats::default(),
            elapsed: std::time::Duration::ZERO,
        };
        let text = |summary: &Summary| {
            let mut out = Vec::new();
            write_summary(&[], summary, "file", &mut out).expect("write");
            String::from_utf8(out).expect("utf-8")
        };
        assert!(text(&summary).contains("no leaks found;"));
        summary.stats.add_skips(crate::source::SkipReason::Binary, 1);
        assert!(text(&summary).contains("no leaks found;"));
        summary.stats.add_skips(crate::source::SkipReason::Unreadable, 2);
        let shown = text(&summary);
        assert!(!shown.contains("no leaks found;"), "{shown}");
        assert!(shown.contains("2 inputs could not be read"), "{shown}");
        summary.stats = crate::source::ScanStats::default();
        summary.stats.fail(Some("stdin".into()), "larger than the cap");
        let shown = text(&summary);
        assert!(shown.contains("no leaks found in what could be read"), "{shown}");
        assert!(shown.contains("the scan is incomplete"), "{shown}");
    }

    #[test]
    fn human_bytes_units() {
        assert_eq!(human_bytes(999), "999 B");
        assert_eq!(human_bytes(48_100_000), "48.1 MB");
    }
}
