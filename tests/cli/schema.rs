//! Every JSON and JSONL finding validates against `docs/finding.schema.json`,
//! the documented contract, whichever source and nesting produced it.

use std::{path::Path, process::Command as Process};

use serde_json::Value;

use super::{GITHUB_TOKEN, SLACK_TOKEN, leakhound, tree};

fn schema_errors(finding: &Value) -> Vec<String> {
    let text =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/finding.schema.json"))
            .expect("docs/finding.schema.json exists");
    let schema: Value = serde_json::from_str(&text).expect("the schema is JSON");
    let validator = jsonschema::validator_for(&schema).expect("the schema compiles");
    validator
        .iter_errors(finding)
        .map(|e| format!("{e} at {}", e.instance_path()))
        .collect()
}

pub(super) fn assert_valid(findings: &[Value], what: &str) {
    assert!(!findings.is_empty(), "{what}: no findings to check");
    for f in findings {
        let errors = schema_errors(f);
        assert!(errors.is_empty(), "{what}: {errors:#?}\n{f:#}");
    }
}

fn findings_in(output: &[u8], format: &str) -> Vec<Value> {
    match format {
        "json" => serde_json::from_slice::<Value>(output)
            .expect("JSON")
            .as_array()
            .expect("an array")
            .clone(),
        _ => String::from_utf8_lossy(output)
            .lines()
            .map(|l| serde_json::from_str(l).expect("one JSON object per line"))
            .collect(),
    }
}

#[test]
fn json_and_jsonl_findings_match_the_documented_schema() {
    use base64::Engine as _;
    let encoded =
        base64::engine::general_purpose::STANDARD.encode(format!("SLACK_BOT_TOKEN={SLACK_TOKEN}\n"));
    let dir = tree(&[
        ("app.env", format!("GITHUB_TOKEN={GITHUB_TOKEN}\n").as_bytes()),
        ("deploy/values.yaml", format!("encoded: {encoded}\n").as_bytes()),
    ]);
    let repo = dir.path();
    let git = |args: &[&str]| {
        let status = Process::new("git")
            .current_dir(repo)
            .args(args)
            .env("GIT_AUTHOR_NAME", "A Dev")
            .env("GIT_AUTHOR_EMAIL", "dev@example.com")
            .env("GIT_COMMITTER_NAME", "A Dev")
            .env("GIT_COMMITTER_EMAIL", "dev@example.com")
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .env("HOME", repo)
            .status()
            .expect("git runs");
        assert!(status.success(), "git {args:?}");
    };
    git(&["init", "-q", "-b", "main", "."]);
    git(&["add", "-A"]);
    git(&[
        "commit",
        "-q",
        "-m",
        &format!("add config\n\nbody mentions {SLACK_TOKEN}"),
    ]);
    for format in ["json", "jsonl"] {
        for (command, extra) in [("dir", vec![]), ("git", vec!["--all-occurrences"])] {
            let out = leakhound()
                .args([command, "--format", format])
                .args(&extra)
                .arg(repo)
                .output()
                .expect("runs");
            assert_eq!(
                out.status.code(),
                Some(1),
                "{}",
                String::from_utf8_lossy(&out.stderr)
            );
            assert_valid(&findings_in(&out.stdout, format), &format!("{command} {format}"));
        }
        let out = leakhound()
            .args(["stdin", "--format", format])
            .write_stdin(format!("token: {GITHUB_TOKEN}\n"))
            .output()
            .expect("runs");
        assert_valid(&findings_in(&out.stdout, format), &format!("stdin {format}"));
    }
}

#[test]
fn the_schema_rejects_what_the_contract_does_not_allow() {
    let mut finding: Value = serde_json::from_str(&format!(
        r#"{{"rule_id":"r","rule_name":"R","provider":"p","severity":"high","confidence":"high",
        "secret":"x…(redacted)","secret_sha256":"{sha}","fingerprint":"r:{sha}","entropy":4.0,
        "location":{{"path":"a","kind":"file","line":1,"column":1,"end_line":1,"end_column":2,"snippet":""}},
        "git":null,"source":{{"kind":"dir","layer":null,"archive_member":null,"decoded":null}},
        "verification":{{"status":"not_checked","detail":null}},
        "rotation":{{"summary":"s","steps":[],"docs":"https://example.invalid"}}}}"#,
        sha = "0".repeat(64)
    ))
    .expect("JSON");
    assert!(schema_errors(&finding).is_empty());
    finding["severity"] = "urgent".into();
    assert!(!schema_errors(&finding).is_empty(), "an unknown severity passed");
}
