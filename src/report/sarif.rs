//! SARIF 2.1.0 for GitHub code scanning and other CI dashboards, built with
//! serde-sarif's typed structures.

use std::{collections::BTreeMap, io};

use serde_json::{Value, json};
use serde_sarif::sarif::{
    ArtifactLocation, Location, Message, MultiformatMessageString, PhysicalLocation, PropertyBag, Region,
    ReportingDescriptor, Result as SarifResult, ResultLevel, Run, Sarif, Tool, ToolComponent,
};

use crate::{
    finding::{Finding, LocationKind},
    rules::Severity,
};

/// URI of the SARIF 2.1.0 schema.
const SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";
/// Key of the stable fingerprint in `partialFingerprints`.
const FINGERPRINT_KEY: &str = "leakhound/v1";
/// Where findings without a file (commit messages, stdin) are placed.
const NO_FILE_URI: &str = "leakhound-no-file";

/// GitHub's `security-severity` (0–10) for a severity.
fn security_severity(severity: Severity) -> &'static str {
    match severity {
        Severity::Critical => "9.5",
        Severity::High => "8.0",
        Severity::Medium => "5.5",
        Severity::Low => "3.0",
    }
}

fn level(severity: Severity) -> ResultLevel {
    match severity {
        Severity::Critical | Severity::High => ResultLevel::Error,
        Severity::Medium => ResultLevel::Warning,
        Severity::Low => ResultLevel::Note,
    }
}

fn text(s: impl Into<String>) -> Message {
    Message::builder().text(s.into()).build()
}

fn properties(values: BTreeMap<String, Value>, tags: Option<Vec<String>>) -> PropertyBag {
    match tags {
        Some(tags) => PropertyBag::builder()
            .tags(tags)
            .additional_properties(values)
            .build(),
        None => PropertyBag::builder().additional_properties(values).build(),
    }
}

/// The rotation playbook as Markdown, for `help.markdown`.
fn playbook_markdown(f: &Finding) -> String {
    let mut md = format!("**{}**\n\n{}\n\n", f.rule_name, f.rotation.summary);
    for (i, step) in f.rotation.steps.iter().enumerate() {
        md.push_str(&format!("{}. {step}\n", i + 1));
    }
    md.push_str(&format!(
        "\nThen treat the secret as compromised from the moment it was committed: check the provider's audit log, and only after rotating purge it from history (`leakhound purge-list`, `git filter-repo --replace-text`).\n\nDocs: {}\n",
        f.rotation.docs
    ));
    md
}

fn descriptor(f: &Finding) -> ReportingDescriptor {
    let mut values = BTreeMap::new();
    values.insert("security-severity".into(), json!(security_severity(f.severity)));
    values.insert("provider".into(), json!(f.provider));
    ReportingDescriptor::builder()
        .id(f.rule_id.clone())
        .name(f.rule_name.clone())
        .short_description(
            MultiformatMessageString::builder()
                .text(f.rule_name.clone())
                .build(),
        )
        .full_description(
            MultiformatMessageString::builder()
                .text(f.rotation.summary.clone())
                .build(),
        )
        .help(
            MultiformatMessageString::builder()
                .text(f.rotation.summary.clone())
                .markdown(playbook_markdown(f))
                .build(),
        )
        .help_uri(f.rotation.docs.clone())
        .properties(properties(
            values,
            Some(vec!["security".into(), "secret".into(), f.provider.clone()]),
        ))
        .build()
}

/// A path as a relative URI reference: forward slashes, and every byte
/// outside the unreserved set and `/` percent-encoded, so a file name with
/// a space, `#`, `?`, `%`, a control or non-ASCII character still names
/// that file (and cannot end or forge the URI).
pub(crate) fn path_uri(path: &str) -> String {
    let mut uri = String::with_capacity(path.len());
    for &b in path.as_bytes() {
        match b {
            b'\\' => uri.push('/'),
            b if b.is_ascii_alphanumeric()
                || matches!(
                    b,
                    b'-' | b'.' | b'_' | b'~' | b'/' | b'!' | b'@' | b'+' | b',' | b'='
                ) =>
            {
                uri.push(char::from(b))
            }
            b => uri.push_str(&format!("%{b:02X}")),
        }
    }
    uri
}

/// Where a finding without a path was, in words for the result message.
fn unnamed_place(kind: LocationKind) -> &'static str {
    match kind {
        LocationKind::File => "an unnamed file",
        LocationKind::Stdin => "standard input",
        LocationKind::CommitMessage => "the commit message",
    }
}

fn result(f: &Finding, rule_index: usize) -> SarifResult {
    let uri = f
        .location
        .path
        .as_deref()
        .map_or_else(|| NO_FILE_URI.to_string(), path_uri);
    let region = Region::builder()
        .start_line(f.location.line as i64)
        .start_column(f.location.column as i64)
        .end_line(f.location.end_line as i64)
        .end_column(f.location.end_column.max(f.location.column + 1) as i64)
        .snippet(
            serde_sarif::sarif::ArtifactContent::builder()
                .text(f.location.snippet.clone())
                .build(),
        )
        .build();
    let location = Location::builder()
        .physical_location(
            PhysicalLocation::builder()
                .artifact_location(ArtifactLocation::builder().uri(uri).build())
                .region(region)
                .build(),
        )
        .build();
    let mut values = BTreeMap::new();
    values.insert("secret".into(), json!(f.secret));
    values.insert("secret_sha256".into(), json!(f.secret_sha256));
    values.insert("confidence".into(), json!(f.confidence.as_str()));
    values.insert("location_kind".into(), json!(f.location.kind));
    values.insert("context".into(), json!(f.location.context));
    values.insert("source".into(), json!(f.source));
    values.insert("verification".into(), json!(f.verification));
    if let Some(repository) = &f.repository {
        values.insert("repository".into(), json!(repository));
    }
    if let Some(git) = &f.git {
        values.insert("git".into(), json!(git));
    }
    let mut where_ = match &f.location.path {
        Some(path) => format!("at {path}:{}", f.location.line),
        None => format!("in {}, line {}", unnamed_place(f.location.kind), f.location.line),
    };
    if f.location.context != crate::finding::Context::Code {
        where_.push_str(&format!(" ({})", f.location.context.as_str()));
    }
    if let Some(commit) = f.git.as_ref().and_then(|g| g.commit.as_deref()) {
        where_.push_str(&format!(" (commit {})", commit.get(..12).unwrap_or(commit)));
    }
    SarifResult::builder()
        .rule_id(f.rule_id.clone())
        .rule_index(rule_index as i64)
        .level(level(f.severity))
        .message(text(format!(
            "{} {} {where_}. {}",
            f.rule_name, f.secret, f.rotation.summary
        )))
        .locations(vec![location])
        .partial_fingerprints(BTreeMap::from([(
            FINGERPRINT_KEY.to_string(),
            f.fingerprint.clone(),
        )]))
        .properties(properties(values, None))
        .build()
}

/// The SARIF log for `findings`: one run, one descriptor per rule used.
pub fn log(findings: &[Finding]) -> Sarif {
    let mut rules: Vec<ReportingDescriptor> = Vec::new();
    let mut index_of: BTreeMap<&str, usize> = BTreeMap::new();
    let mut results = Vec::with_capacity(findings.len());
    for f in findings {
        let index = *index_of.entry(f.rule_id.as_str()).or_insert_with(|| {
            rules.push(descriptor(f));
            rules.len() - 1
        });
        results.push(result(f, index));
    }
    let driver = ToolComponent::builder()
        .name("leakhound")
        .version(env!("CARGO_PKG_VERSION"))
        .semantic_version(env!("CARGO_PKG_VERSION"))
        .information_uri("https://github.com/leakhound/leakhound")
        .rules(rules)
        .build();
    Sarif::builder()
        .schema(SCHEMA)
        .version(json!("2.1.0"))
        .runs(vec![
            Run::builder()
                .tool(Tool::builder().driver(driver).build())
                .results(results)
                .build(),
        ])
        .build()
}

/// Writes the SARIF log for `findings`.
pub fn write(findings: &[Finding], out: &mut dyn io::Write) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, &log(findings))?;
    writeln!(out)
}
