//! `merge`: many reports (shards of an organisation audit) become one, in
//! which the same secret (same rule and `secret_sha256`) found in several
//! repositories is one incident listing every repository, commit and path.
//! "This key leaked in 14 repositories" is what a responder needs: one
//! rotation, many clean-ups. The incident shape is documented in
//! `docs/incident.schema.json`.

use std::{
    collections::{BTreeMap, BTreeSet},
    io,
};

use serde::Serialize;
use serde_json::json;

use super::{Format, display::escape};
use crate::{
    finding::{Finding, LocationKind, Verification, VerificationStatus},
    rules::{Confidence, Rotation, Severity},
};

/// One secret, wherever it was found.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Incident {
    /// Id of the rule that matched.
    pub rule_id: String,
    /// Name of the rule.
    pub rule_name: String,
    /// Provider slug.
    pub provider: String,
    /// Severity of the rule.
    pub severity: Severity,
    /// Highest confidence among the findings.
    pub confidence: Confidence,
    /// The secret as the reports hold it (redacted unless they were made
    /// with `--show-secrets`).
    pub secret: String,
    /// SHA-256 of the secret.
    pub secret_sha256: String,
    /// `rule_id:secret_sha256`.
    pub fingerprint: String,
    /// Entropy of the secret.
    pub entropy: f64,
    /// The most telling live-check outcome among the findings (verified,
    /// then invalid, then unknown).
    pub verification: Verification,
    /// What to do about it.
    pub rotation: Rotation,
    /// Every repository holding the secret, sorted (findings without a
    /// repository are not listed).
    pub repositories: Vec<String>,
    /// `repositories.len()`.
    pub repository_count: usize,
    /// `places.len()`.
    pub place_count: usize,
    /// Every place the secret was found, sorted by repository, commit date,
    /// path and line.
    pub places: Vec<Place>,
}

/// One place holding an incident's secret.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Place {
    /// Repository (URL without credentials), if the report said.
    pub repository: Option<String>,
    /// Author date of the commit, RFC 3339, if known.
    pub date: Option<String>,
    /// Commit that introduced the secret here, if a history scan.
    pub commit: Option<String>,
    /// File path (null for a commit message or standard input).
    pub path: Option<String>,
    /// Kind of place.
    pub kind: LocationKind,
    /// 1-based line.
    pub line: usize,
    /// 1-based column.
    pub column: usize,
    /// Commit author, if known.
    pub author: Option<String>,
    /// No ref reaches it any more.
    pub unreachable: bool,
}

/// Per-repository counts of a merged report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RepositoryCount {
    /// Repository (null: findings whose report named none).
    pub repository: Option<String>,
    /// Findings in it.
    pub findings: usize,
    /// Incidents touching it.
    pub incidents: usize,
}

/// Per-rule counts of a merged report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RuleCount {
    /// Rule id.
    pub rule_id: String,
    /// Incidents (distinct secrets).
    pub incidents: usize,
    /// Places over all its incidents.
    pub places: usize,
    /// Repositories holding at least one of them.
    pub repositories: usize,
}

/// A merged report: incidents, then counts.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Merged {
    /// One per distinct (rule, secret), most severe and widest first.
    pub incidents: Vec<Incident>,
    /// Counts per repository, sorted by repository.
    pub repositories: Vec<RepositoryCount>,
    /// Counts per rule, sorted by rule id.
    pub rules: Vec<RuleCount>,
    /// Findings read.
    pub findings: usize,
}

fn status_rank(status: VerificationStatus) -> u8 {
    match status {
        VerificationStatus::Verified => 3,
        VerificationStatus::Invalid => 2,
        VerificationStatus::Unknown => 1,
        VerificationStatus::NotChecked => 0,
    }
}

fn confidence_rank(confidence: Confidence) -> u8 {
    match confidence {
        Confidence::High => 2,
        Confidence::Medium => 1,
        Confidence::Low => 0,
    }
}

/// The places one finding stands for: where it is reported, and with
/// `--all-occurrences` every other commit and path that holds the secret.
fn places_of(f: &Finding) -> Vec<Place> {
    let git = f.git.as_ref();
    let mut places = vec![Place {
        repository: f.repository.clone(),
        date: git.and_then(|g| g.date.clone()),
        commit: git.and_then(|g| g.commit.clone()),
        path: f.location.path.clone(),
        kind: f.location.kind,
        line: f.location.line,
        column: f.location.column,
        author: git.and_then(|g| g.author.clone()),
        unreachable: git.is_some_and(|g| g.unreachable),
    }];
    for occurrence in git.and_then(|g| g.locations.as_ref()).into_iter().flatten() {
        places.push(Place {
            repository: f.repository.clone(),
            date: None,
            commit: occurrence.commit.clone(),
            path: occurrence.path.clone(),
            kind: if occurrence.path.is_some() {
                LocationKind::File
            } else {
                LocationKind::CommitMessage
            },
            line: occurrence.line,
            column: occurrence.column,
            author: None,
            unreachable: occurrence.unreachable,
        });
    }
    places
}

/// What makes two places the same place.
fn place_key(p: &Place) -> (&Option<String>, &Option<String>, &Option<String>, usize, usize) {
    (&p.repository, &p.commit, &p.path, p.line, p.column)
}

/// Groups findings by (rule, secret) into incidents and counts them.
pub fn merge(findings: &[Finding]) -> Merged {
    let mut groups: BTreeMap<(&str, &str), Vec<&Finding>> = BTreeMap::new();
    for f in findings {
        groups
            .entry((f.rule_id.as_str(), f.secret_sha256.as_str()))
            .or_default()
            .push(f);
    }
    let mut incidents = Vec::with_capacity(groups.len());
    for group in groups.values() {
        let Some(first) = group.first() else { continue };
        let mut places: Vec<Place> = group.iter().flat_map(|f| places_of(f)).collect();
        // An --all-occurrences list repeats the reported place without its
        // date and author: keep the fuller copy of each place.
        places.sort_by(|a, b| {
            place_key(a)
                .cmp(&place_key(b))
                .then(a.date.is_none().cmp(&b.date.is_none()))
        });
        places.dedup_by(|later, kept| place_key(later) == place_key(kept));
        places.sort_by(|a, b| {
            (&a.repository, &a.date, &a.commit, &a.path, a.line, a.column).cmp(&(
                &b.repository,
                &b.date,
                &b.commit,
                &b.path,
                b.line,
                b.column,
            ))
        });
        let repositories: Vec<String> = group
            .iter()
            .filter_map(|f| f.repository.clone())
            .collect::<BTreeSet<_>>()
            .into_iter()
            .collect();
        let verification = group
            .iter()
            .map(|f| &f.verification)
            .max_by_key(|v| status_rank(v.status))
            .cloned()
            .unwrap_or_default();
        let confidence = group
            .iter()
            .map(|f| f.confidence)
            .max_by_key(|c| confidence_rank(*c))
            .unwrap_or(first.confidence);
        incidents.push(Incident {
            rule_id: first.rule_id.clone(),
            rule_name: first.rule_name.clone(),
            provider: first.provider.clone(),
            severity: first.severity,
            confidence,
            secret: first.secret.clone(),
            secret_sha256: first.secret_sha256.clone(),
            fingerprint: first.fingerprint.clone(),
            entropy: first.entropy,
            verification,
            rotation: first.rotation.clone(),
            repository_count: repositories.len(),
            repositories,
            place_count: places.len(),
            places,
        });
    }
    incidents.sort_by(|a, b| {
        b.severity
            .cmp(&a.severity)
            .then(b.repository_count.cmp(&a.repository_count))
            .then(b.place_count.cmp(&a.place_count))
            .then(a.rule_id.cmp(&b.rule_id))
            .then(a.secret_sha256.cmp(&b.secret_sha256))
    });
    let mut per_repo: BTreeMap<Option<String>, (usize, BTreeSet<&str>)> = BTreeMap::new();
    for f in findings {
        let entry = per_repo.entry(f.repository.clone()).or_default();
        entry.0 += 1;
        entry.1.insert(f.fingerprint.as_str());
    }
    let repositories = per_repo
        .into_iter()
        .map(|(repository, (findings, incidents))| RepositoryCount {
            repository,
            findings,
            incidents: incidents.len(),
        })
        .collect();
    let mut per_rule: BTreeMap<&str, (usize, usize, BTreeSet<&str>)> = BTreeMap::new();
    for incident in &incidents {
        let entry = per_rule.entry(incident.rule_id.as_str()).or_default();
        entry.0 += 1;
        entry.1 += incident.place_count;
        entry.2.extend(incident.repositories.iter().map(String::as_str));
    }
    let rules = per_rule
        .into_iter()
        .map(|(rule_id, (incidents, places, repos))| RuleCount {
            rule_id: rule_id.to_string(),
            incidents,
            places,
            repositories: repos.len(),
        })
        .collect();
    Merged {
        incidents,
        repositories,
        rules,
        findings: findings.len(),
    }
}

/// Writes a merged report in `format`: text blocks then counts; a JSON
/// object (`incidents`, `repositories`, `rules`, `findings`); one incident
/// per JSONL line (counts go to the stderr summary); or SARIF with one
/// result per incident holding every place as a location.
pub fn write(format: Format, merged: &Merged, out: &mut dyn io::Write) -> io::Result<()> {
    match format {
        Format::Text => write_text(merged, out),
        Format::Json => {
            serde_json::to_writer_pretty(&mut *out, merged)?;
            writeln!(out)
        }
        Format::Jsonl => {
            for incident in &merged.incidents {
                serde_json::to_writer(&mut *out, incident)?;
                writeln!(out)?;
            }
            Ok(())
        }
        Format::Sarif => {
            serde_json::to_writer_pretty(&mut *out, &sarif(merged))?;
            writeln!(out)
        }
    }
}

fn short(commit: &str) -> &str {
    commit.get(..12).unwrap_or(commit)
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

fn place_text(p: &Place) -> String {
    let mut text = String::new();
    if let Some(repo) = &p.repository {
        text.push_str(&escape(repo));
        text.push_str("  ");
    }
    match &p.path {
        Some(path) => text.push_str(&format!("{}:{}", escape(path), p.line)),
        None => text.push_str(&format!("<{}>:{}", kind_label(p.kind), p.line)),
    }
    if let Some(commit) = &p.commit {
        text.push_str(&format!("  commit {}", escape(short(commit))));
    }
    if let Some(date) = &p.date {
        text.push_str(&format!(" {}", escape(date)));
    }
    if p.unreachable {
        text.push_str(" (unreachable)");
    }
    text
}

fn kind_label(kind: LocationKind) -> &'static str {
    match kind {
        LocationKind::File => "file",
        LocationKind::Stdin => "stdin",
        LocationKind::CommitMessage => "commit-message",
    }
}

fn write_text(merged: &Merged, out: &mut dyn io::Write) -> io::Result<()> {
    for i in &merged.incidents {
        writeln!(
            out,
            "{:<8} {} [{}]",
            i.severity.as_str().to_uppercase(),
            escape(&i.rule_name),
            escape(&i.rule_id)
        )?;
        writeln!(
            out,
            "  {} {} in {}, {}:",
            escape(&i.rule_id),
            escape(&i.secret),
            plural(i.repository_count, "repository", "repositories"),
            plural(i.place_count, "place", "places")
        )?;
        for place in &i.places {
            writeln!(out, "    {}", place_text(place))?;
        }
        if i.verification.status != VerificationStatus::NotChecked {
            writeln!(
                out,
                "  verify   {:?}{}",
                i.verification.status,
                i.verification
                    .detail
                    .as_deref()
                    .map(|d| format!("  {}", escape(d)))
                    .unwrap_or_default()
            )?;
        }
        writeln!(out, "  rotate   {}", escape(&i.rotation.summary))?;
        writeln!(out, "  docs     {}", escape(&i.rotation.docs))?;
        writeln!(out)?;
    }
    writeln!(
        out,
        "{} (distinct secrets) from {}",
        plural(merged.incidents.len(), "incident", "incidents"),
        plural(merged.findings, "finding", "findings"),
    )?;
    writeln!(out, "by repository:")?;
    for r in &merged.repositories {
        writeln!(
            out,
            "  {}  {}, {}",
            r.repository
                .as_deref()
                .map_or_else(|| "(no repository)".into(), escape),
            plural(r.findings, "finding", "findings"),
            plural(r.incidents, "incident", "incidents")
        )?;
    }
    writeln!(out, "by rule:")?;
    for r in &merged.rules {
        writeln!(
            out,
            "  {}  {}, {}, {}",
            escape(&r.rule_id),
            plural(r.incidents, "incident", "incidents"),
            plural(r.places, "place", "places"),
            plural(r.repositories, "repository", "repositories")
        )?;
    }
    Ok(())
}

/// SARIF: the scan reporter's log for one representative finding per
/// incident, each result then given every place as a location (the
/// repository and commit in the location's message) and the incident's
/// counts in its properties; the run's properties hold the counts.
fn sarif(merged: &Merged) -> serde_sarif::sarif::Sarif {
    use serde_sarif::sarif::{ArtifactLocation, Location, Message, PhysicalLocation, PropertyBag, Region};
    let representatives: Vec<Finding> = merged.incidents.iter().map(representative).collect();
    let mut log = super::sarif::log(&representatives);
    if let Some(run) = log.runs.first_mut() {
        for (result, incident) in run.results.iter_mut().flatten().zip(&merged.incidents) {
            let locations = incident
                .places
                .iter()
                .map(|p| {
                    let uri = p
                        .path
                        .as_deref()
                        .map_or_else(|| "leakhound-no-file".to_string(), super::sarif::path_uri);
                    let mut message = p.repository.clone().unwrap_or_default();
                    if let Some(commit) = &p.commit {
                        message.push_str(&format!(" commit {commit}"));
                    }
                    Location::builder()
                        .physical_location(
                            PhysicalLocation::builder()
                                .artifact_location(ArtifactLocation::builder().uri(uri).build())
                                .region(
                                    Region::builder()
                                        .start_line(p.line as i64)
                                        .start_column(p.column as i64)
                                        .build(),
                                )
                                .build(),
                        )
                        .message(Message::builder().text(message.trim().to_string()).build())
                        .build()
                })
                .collect();
            result.locations = Some(locations);
            result.message = Message::builder()
                .text(format!(
                    "{} {} in {}, {}. {}",
                    incident.rule_name,
                    incident.secret,
                    plural(incident.repository_count, "repository", "repositories"),
                    plural(incident.place_count, "place", "places"),
                    incident.rotation.summary
                ))
                .build();
            let mut values = result
                .properties
                .as_ref()
                .map(|p| p.additional_properties.clone())
                .unwrap_or_default();
            values.insert("repositories".into(), json!(incident.repositories));
            values.insert("repository_count".into(), json!(incident.repository_count));
            values.insert("place_count".into(), json!(incident.place_count));
            values.remove("git");
            result.properties = Some(PropertyBag::builder().additional_properties(values).build());
        }
        let mut values = BTreeMap::new();
        values.insert("repositories".to_string(), json!(merged.repositories));
        values.insert("rules".to_string(), json!(merged.rules));
        run.properties = Some(PropertyBag::builder().additional_properties(values).build());
    }
    log
}

/// A finding standing for an incident, for the SARIF rule descriptors.
fn representative(i: &Incident) -> Finding {
    let first = i.places.first();
    Finding {
        rule_id: i.rule_id.clone(),
        rule_name: i.rule_name.clone(),
        provider: i.provider.clone(),
        severity: i.severity,
        confidence: i.confidence,
        secret: i.secret.clone(),
        secret_sha256: i.secret_sha256.clone(),
        fingerprint: i.fingerprint.clone(),
        entropy: i.entropy,
        repository: first.and_then(|p| p.repository.clone()),
        location: crate::finding::Location {
            path: first.and_then(|p| p.path.clone()),
            kind: first.map_or(LocationKind::File, |p| p.kind),
            line: first.map_or(1, |p| p.line),
            column: first.map_or(1, |p| p.column),
            end_line: first.map_or(1, |p| p.line),
            end_column: first.map_or(2, |p| p.column + 1),
            snippet: String::new(),
            context: first
                .and_then(|p| p.path.as_deref())
                .map_or_else(Default::default, crate::finding::Context::of_path),
        },
        git: None,
        source: crate::finding::Source::plain(crate::finding::SourceKind::Git),
        verification: i.verification.clone(),
        rotation: i.rotation.clone(),
        open_allowlists: Vec::new(),
        verify_input: None,
        raw_secret: crate::finding::RawSecret::default(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn finding(repository: &str, path: &str, sha: &str, locations: serde_json::Value) -> Finding {
        serde_json::from_value(json!({
            "rule_id": "github-pat-classic", "rule_name": "GitHub PAT", "provider": "github",
            "severity": "high", "confidence": "medium", "secret": "ghp_ab…(redacted)",
            "secret_sha256": sha, "fingerprint": format!("github-pat-classic:{sha}"), "entropy": 5.0,
            "repository": repository,
            "location": {"path": path, "kind": "file", "line": 3, "column": 7, "end_line": 3,
                         "end_column": 47, "snippet": ""},
            "git": {"commit": "a".repeat(40), "author": "A", "email": "a@example.com",
                    "date": "2025-01-02T03:04:05Z", "message": "m", "blob": "b".repeat(40),
                    "occurrences": 2, "unreachable": false, "locations": locations},
            "source": {"kind": "git", "layer": null, "archive_member": null, "decoded": null},
            "verification": {"status": "not_checked", "detail": null},
            "rotation": {"summary": "s", "steps": [], "docs": "d"}
        }))
        .expect("a finding")
    }

    #[test]
    fn one_secret_in_many_repositories_is_one_incident_with_every_place_once() {
        let sha = "1".repeat(64);
        let occurrences = json!([
            {"commit": "a".repeat(40), "path": "app.env", "blob": "b".repeat(40), "line": 3, "column": 7, "unreachable": false},
            {"commit": "c".repeat(40), "path": "old.env", "blob": "d".repeat(40), "line": 1, "column": 1, "unreachable": true}
        ]);
        let findings = [
            finding("https://x/b.git", "app.env", &sha, occurrences),
            finding("https://x/a.git", "app.env", &sha, serde_json::Value::Null),
            finding(
                "https://x/a.git",
                "other.env",
                &"2".repeat(64),
                serde_json::Value::Null,
            ),
        ];
        let merged = merge(&findings);
        assert_eq!(merged.incidents.len(), 2);
        let wide = &merged.incidents[0];
        assert_eq!(wide.repositories, ["https://x/a.git", "https://x/b.git"]);
        // b's reported place and its --all-occurrences copy are one place,
        // the dated one; its older place in history is kept.
        assert_eq!(wide.place_count, 3, "{:#?}", wide.places);
        assert!(
            wide.places
                .iter()
                .all(|p| p.path.as_deref() != Some("app.env") || p.date.is_some())
        );
        let a = &merged.repositories[0];
        assert_eq!((a.findings, a.incidents), (2, 2));
        assert_eq!(merged.rules[0].incidents, 2);
    }
}
