//! The one integration-test binary: drives the built `leakhound` binary and
//! checks the fixture corpus through the library.
//!
//! Fake secrets here are random strings of the right alphabet, written for
//! these tests; none is or was a real credential.

#[path = "cli/corpus.rs"]
mod corpus;
#[path = "cli/credential_files.rs"]
mod credential_files;
#[path = "cli/deploy.rs"]
mod deploy;
#[path = "cli/files.rs"]
mod files;
#[path = "cli/generic.rs"]
mod generic;
#[path = "cli/gitleaks.rs"]
mod gitleaks;
#[path = "cli/org.rs"]
mod org;
#[path = "cli/schema.rs"]
mod schema;

use std::{fs, path::Path};

use assert_cmd::Command;
use predicates::prelude::*;
use serde_json::Value;
use tempfile::TempDir;

/// A GitHub classic token shape (`ghp_` + 36 base62), made up for tests.
const GITHUB_TOKEN: &str = "ghp_R8b2Kq0ZxT4mV9wL1nC7pY3sD6fH5jG2aE0u"; // leakhound:allow
/// A Slack bot token shape, made up for tests.
const SLACK_TOKEN: &str = "xoxb-2841093756-7301928465-Zq8Xw2Lk5Vb7Nm3Rt9Yp1Cs4"; // leakhound:allow

fn leakhound() -> Command {
    let mut cmd = Command::cargo_bin("leakhound").expect("the binary is built by cargo test");
    cmd.env("NO_COLOR", "1");
    cmd
}

/// A fresh directory holding `files` (path, contents).
fn tree(files: &[(&str, &[u8])]) -> TempDir {
    let dir = tempfile::tempdir().expect("tempdir");
    for (path, contents) in files {
        let full = dir.path().join(path);
        if let Some(parent) = full.parent() {
            fs::create_dir_all(parent).expect("mkdir");
        }
        fs::write(full, contents).expect("write fixture file");
    }
    dir
}

fn json_report(output: &[u8]) -> Vec<Value> {
    let value: Value = serde_json::from_slice(output).expect("stdout is JSON");
    value.as_array().expect("a JSON array").clone()
}

fn config_line(token: &str) -> String {
    format!("GITHUB_TOKEN = \"{token}\"\n")
}

#[test]
fn dir_reports_findings_as_json_and_exits_1() {
    let dir = tree(&[
        (
            "src/config.py",
            format!("import os\n\n{}", config_line(GITHUB_TOKEN)).as_bytes(),
        ),
        ("notes.md", b"nothing to see here\n"),
    ]);
    let out = leakhound()
        .args(["dir", "--format", "json"])
        .arg(dir.path())
        .assert()
        .code(1)
        .get_output()
        .clone();
    let findings = json_report(&out.stdout);
    assert_eq!(findings.len(), 1);
    insta::assert_json_snapshot!("dir_github_token", findings, {
        "[].location.path" => "[path]",
    });
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        !stdout.contains(GITHUB_TOKEN),
        "the secret must be redacted by default"
    );
}

#[test]
fn show_secrets_prints_the_secret() {
    let dir = tree(&[("a.env", config_line(GITHUB_TOKEN).as_bytes())]);
    leakhound()
        .args(["dir", "--format", "jsonl", "--show-secrets"])
        .arg(dir.path())
        .assert()
        .code(1)
        .stdout(predicate::str::contains(GITHUB_TOKEN));
}

#[test]
fn clean_tree_exits_0_with_a_summary() {
    let dir = tree(&[("README.md", b"# hello\n")]);
    leakhound()
        .arg("dir")
        .arg(dir.path())
        .assert()
        .code(0)
        .stdout("")
        .stderr(predicate::str::contains("no leaks found").and(predicate::str::contains("scanned 1 file")));
}

#[test]
fn text_output_shows_location_and_rotation() {
    let dir = tree(&[(
        "deploy/slack.yaml",
        format!("slack:\n  token: {SLACK_TOKEN}\n").as_bytes(),
    )]);
    leakhound().arg("dir").arg(dir.path()).assert().code(1).stdout(
        predicate::str::contains("slack.yaml:2:10")
            .and(predicate::str::contains("rotate"))
            .and(predicate::str::contains("next"))
            .and(predicate::str::contains(SLACK_TOKEN).not()),
    );
}

#[test]
fn missing_path_is_named_and_the_rest_is_still_scanned() {
    let dir = tree(&[("app.env", config_line(GITHUB_TOKEN).as_bytes())]);
    leakhound()
        .args(["dir", "--format", "jsonl"])
        .arg(dir.path())
        .arg(dir.path().join("no-such-dir"))
        .assert()
        .code(2)
        .stdout(predicate::str::contains("github-pat-classic"))
        .stderr(predicate::str::contains("no-such-dir"));
}

#[test]
fn stdin_scan_and_exit_code_override() {
    leakhound()
        .args(["stdin", "--format", "jsonl"])
        .write_stdin(config_line(GITHUB_TOKEN))
        .assert()
        .code(1)
        .stdout(predicate::str::contains("\"kind\":\"stdin\""));
    leakhound()
        .args(["stdin", "--exit-code", "0", "--quiet"])
        .write_stdin(config_line(GITHUB_TOKEN))
        .assert()
        .code(0)
        .stderr("");
    leakhound()
        .arg("stdin")
        .write_stdin("just text\n")
        .assert()
        .code(0);
}

#[test]
fn inline_allow_suppresses_a_line() {
    leakhound()
        .arg("stdin")
        .write_stdin(format!("token = \"{GITHUB_TOKEN}\"  # leakhound:allow\n"))
        .assert()
        .code(0);
}

#[test]
fn binary_files_are_skipped_and_counted_unless_asked() {
    let mut blob = b"\x00\x01\x02binary ".to_vec();
    blob.extend_from_slice(GITHUB_TOKEN.as_bytes());
    let dir = tree(&[("image.bin", &blob)]);
    leakhound()
        .arg("dir")
        .arg(dir.path())
        .assert()
        .code(0)
        .stderr(predicate::str::contains("1 binary"));
    leakhound()
        .args(["dir", "--scan-binary"])
        .arg(dir.path())
        .assert()
        .code(1);
}

#[test]
fn max_file_size_skips_are_counted() {
    let dir = tree(&[("big.txt", config_line(GITHUB_TOKEN).repeat(100).as_bytes())]);
    leakhound()
        .args(["dir", "--max-file-size", "1K"])
        .arg(dir.path())
        .assert()
        .code(0)
        .stderr(predicate::str::contains("1 too large"));
}

#[test]
fn gitignore_is_respected_unless_no_ignore() {
    let dir = tree(&[
        (".gitignore", b"secrets.env\n"),
        ("secrets.env", config_line(GITHUB_TOKEN).as_bytes()),
    ]);
    leakhound().arg("dir").arg(dir.path()).assert().code(0);
    leakhound()
        .args(["dir", "--no-ignore"])
        .arg(dir.path())
        .assert()
        .code(1);
}

#[test]
fn git_directory_is_never_scanned() {
    let dir = tree(&[(".git/config", config_line(GITHUB_TOKEN).as_bytes())]);
    leakhound()
        .args(["dir", "--no-ignore"])
        .arg(dir.path())
        .assert()
        .code(0);
}

#[cfg(unix)]
#[test]
fn symlink_loops_and_fifos_do_not_stop_the_scan() {
    let dir = tree(&[("real/app.env", config_line(GITHUB_TOKEN).as_bytes())]);
    std::os::unix::fs::symlink(dir.path(), dir.path().join("real/loop")).expect("symlink");
    let fifo = dir.path().join("pipe");
    let made_fifo = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .is_ok_and(|s| s.success());
    let assert = leakhound()
        .args(["dir", "--follow-symlinks", "--format", "jsonl"])
        .arg(dir.path())
        .timeout(std::time::Duration::from_secs(30))
        .assert()
        .code(1)
        .stdout(predicate::str::contains("github-pat-classic"));
    if made_fifo {
        assert.stderr(predicate::str::contains("not a regular file"));
    }
}

#[test]
fn output_file_receives_the_report() {
    let dir = tree(&[("a.env", config_line(GITHUB_TOKEN).as_bytes())]);
    let report = dir.path().join("report.json");
    leakhound()
        .args(["dir", "--format", "json", "--output"])
        .arg(&report)
        .arg(dir.path().join("a.env"))
        .assert()
        .code(1)
        .stdout("");
    let findings = json_report(&fs::read(&report).expect("report written"));
    assert_eq!(findings[0]["rule_id"], "github-pat-classic");
}

#[test]
fn malformed_config_names_file_rule_and_problem() {
    let dir = tree(&[(
        "rules.toml",
        br#"
[[rule]]
id = "broken-rule"
name = "Broken"
provider = "me"
severity = "high"
confidence = "high"
keywords = ["brk_"]
regex = '''(brk_[a-z'''
rotation = { summary = "x", docs = "https://example.invalid", steps = ["a"] }
"#,
    )]);
    leakhound()
        .args(["stdin", "--config"])
        .arg(dir.path().join("rules.toml"))
        .write_stdin("x")
        .assert()
        .code(2)
        .stderr(
            predicate::str::contains("rules.toml")
                .and(predicate::str::contains("broken-rule"))
                .and(predicate::str::contains("regex")),
        );
}

#[test]
fn custom_config_rules_are_used() {
    let dir = tree(&[(
        "rules.toml",
        br#"
[[rule]]
id = "acme-internal-token"
name = "ACME internal token"
provider = "acme"
severity = "high"
confidence = "high"
keywords = ["acme_"]
regex = '''\b(acme_[A-Za-z0-9]{20})\b'''
examples = ["t = acme_Qx7vR2pLm9Zk3Wb8Nc4T", "acme_Hj5Kp9Lq2Wx7Zc3Vb6Nm"]
negative_examples = ["acme_short"]
rotation = { summary = "Revoke it in the ACME console.", docs = "https://example.invalid", steps = ["a"] }
"#,
    )]);
    let config = dir.path().join("rules.toml");
    leakhound()
        .args(["stdin", "--format", "jsonl", "--no-builtin-rules", "--config"])
        .arg(&config)
        .write_stdin("token: acme_Qx7vR2pLm9Zk3Wb8Nc4T\n") // leakhound:allow
        .assert()
        .code(1)
        .stdout(predicate::str::contains("acme-internal-token"));
    leakhound()
        .args(["rules", "check", "--config"])
        .arg(&config)
        .assert()
        .code(0);
}

#[test]
fn rules_commands() {
    let list = leakhound()
        .args(["rules", "list"])
        .assert()
        .code(0)
        .get_output()
        .clone();
    let count = String::from_utf8_lossy(&list.stdout).lines().count();
    assert!(count >= 150, "only {count} rules");
    leakhound().args(["rules", "check"]).assert().code(0);
    leakhound()
        .args(["rules", "show", "github-pat-classic"])
        .assert()
        .code(0)
        .stdout(predicate::str::contains("ghp_").and(predicate::str::contains("rotation")));
    leakhound()
        .args(["rules", "show", "no-such-rule"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("no-such-rule"));
    leakhound()
        .args(["explain", "aws-access-key-id"])
        .assert()
        .code(0)
        .stdout(predicate::str::contains("git filter-repo"));
}

#[test]
fn bad_arguments_exit_2() {
    leakhound().args(["dir", "--format", "yaml"]).assert().code(2);
    leakhound()
        .args(["dir", "--max-file-size", "lots"])
        .assert()
        .code(2);
}

#[test]
fn findings_are_sorted_and_every_json_field_is_present() {
    let dir = tree(&[
        ("b.env", config_line(GITHUB_TOKEN).as_bytes()),
        ("a.yaml", format!("token: {SLACK_TOKEN}\n").as_bytes()),
    ]);
    let out = leakhound()
        .args(["dir", "--format", "json"])
        .arg(dir.path())
        .assert()
        .code(1)
        .get_output()
        .clone();
    let findings = json_report(&out.stdout);
    let paths: Vec<&str> = findings
        .iter()
        .filter_map(|f| f["location"]["path"].as_str())
        .collect();
    assert!(
        paths[0].ends_with("a.yaml") && paths[1].ends_with("b.env"),
        "{paths:?}"
    );
    for f in &findings {
        for key in [
            "rule_id",
            "rule_name",
            "provider",
            "severity",
            "confidence",
            "secret",
            "secret_sha256",
            "fingerprint",
            "entropy",
            "location",
            "git",
            "source",
            "verification",
            "rotation",
        ] {
            assert!(f.get(key).is_some(), "missing {key} in {f}");
        }
        assert_eq!(f["verification"]["status"], "not_checked");
        let fp = f["fingerprint"].as_str().expect("string");
        assert_eq!(
            fp,
            format!(
                "{}:{}",
                f["rule_id"].as_str().expect("id"),
                f["secret_sha256"].as_str().expect("sha")
            )
        );
    }
}

#[test]
fn empty_and_invalid_utf8_files_are_fine() {
    let mut latin1 = b"caf\xe9 \xff\xfe token = \"".to_vec();
    latin1.extend_from_slice(GITHUB_TOKEN.as_bytes());
    latin1.extend_from_slice(b"\"\n");
    let dir = tree(&[("empty.txt", b""), ("latin1.txt", &latin1)]);
    leakhound()
        .args(["dir", "--format", "jsonl"])
        .arg(dir.path())
        .assert()
        .code(1)
        .stdout(predicate::str::contains("latin1.txt"));
}

#[test]
fn paths_are_shown_as_given() {
    let dir = tree(&[("x/app.env", config_line(GITHUB_TOKEN).as_bytes())]);
    let out = leakhound()
        .current_dir(dir.path())
        .args(["dir", "--format", "json", "."])
        .assert()
        .code(1)
        .get_output()
        .clone();
    let findings = json_report(&out.stdout);
    assert_eq!(
        findings[0]["location"]["path"],
        Value::from(Path::new("x").join("app.env").to_string_lossy().as_ref())
    );
}

#[test]
fn a_one_gib_file_is_skipped_quickly_and_counted() {
    let dir = tree(&[("ok.env", config_line(GITHUB_TOKEN).as_bytes())]);
    // Sparse: takes no disk space and no time to create.
    let huge = fs::File::create(dir.path().join("huge.log")).expect("create");
    huge.set_len(1 << 30).expect("sparse 1 GiB file");
    leakhound()
        .args(["dir", "--format", "jsonl"])
        .arg(dir.path())
        .timeout(std::time::Duration::from_secs(60))
        .assert()
        .code(1)
        .stdout(predicate::str::contains("ok.env"))
        .stderr(predicate::str::contains("1 too large"));
    // Allowed by size, it is still recognised as binary from its first bytes.
    leakhound()
        .args(["dir", "--max-file-size", "2GiB"])
        .arg(dir.path().join("huge.log"))
        .timeout(std::time::Duration::from_secs(60))
        .assert()
        .code(0)
        .stderr(predicate::str::contains("1 binary"));
}

#[test]
fn text_report_in_a_file_has_no_colour_codes() {
    let dir = tree(&[("a.env", config_line(GITHUB_TOKEN).as_bytes())]);
    let report = dir.path().join("report.txt");
    leakhound()
        .env_remove("NO_COLOR")
        .args(["dir", "--color", "always", "--output"])
        .arg(&report)
        .arg(dir.path().join("a.env"))
        .assert()
        .code(1);
    let text = fs::read_to_string(&report).expect("report written");
    assert!(
        text.contains("github-pat-classic") && !text.contains('\u{1b}'),
        "{text}"
    );
}

#[test]
fn rule_and_exclude_rule_select_rules_by_id_prefix() {
    let contents = format!("{}SLACK = '{SLACK_TOKEN}'\n", config_line(GITHUB_TOKEN));
    let dir = tree(&[("a.env", contents.as_bytes())]);
    let ids = |args: &[&str]| -> Vec<String> {
        let out = leakhound()
            .args(["dir", "--format", "json"])
            .args(args)
            .arg(dir.path())
            .output()
            .expect("runs");
        json_report(&out.stdout)
            .iter()
            .map(|f| f["rule_id"].as_str().expect("rule_id").to_string())
            .collect()
    };
    assert_eq!(ids(&[]), ["github-pat-classic", "slack-bot-token"]);
    assert_eq!(ids(&["--rule", "slack-"]), ["slack-bot-token"]);
    // Dropping a provider rule drops its findings; the generic rules, which
    // defer to it, do not report the token instead.
    assert_eq!(ids(&["--exclude-rule", "github-pat"]), ["slack-bot-token"]);
    assert_eq!(
        ids(&["--rule", "github-", "--rule", "slack-bot-token"]),
        ["github-pat-classic", "slack-bot-token"]
    );
    leakhound()
        .args(["dir", "--rule", "no-such-rule"])
        .arg(dir.path())
        .assert()
        .code(2)
        .stderr(predicates::str::contains("no-such-rule"));
    leakhound()
        .args(["rules", "list", "--rule", "slack-bot"])
        .assert()
        .success()
        .stdout(predicates::str::contains("slack-bot-token"))
        .stdout(predicates::str::contains("github").not());
}

#[test]
fn purge_list_needs_secrets_and_writes_replace_text_lines() {
    let contents = format!(
        "{}SLACK = '{SLACK_TOKEN}'\n{}",
        config_line(GITHUB_TOKEN),
        config_line(GITHUB_TOKEN)
    );
    let dir = tree(&[
        ("a.env", contents.as_bytes()),
        ("b.env", config_line(GITHUB_TOKEN).as_bytes()),
    ]);
    let report = dir.path().join("report.json");
    let redacted = dir.path().join("redacted.jsonl");
    leakhound()
        .args(["dir", "--show-secrets", "--format", "json", "--output"])
        .arg(&report)
        .arg(dir.path().join("a.env"))
        .arg(dir.path().join("b.env"))
        .assert()
        .code(1);
    leakhound()
        .args(["dir", "--format", "jsonl", "--output"])
        .arg(&redacted)
        .arg(dir.path().join("a.env"))
        .assert()
        .code(1);

    let out = leakhound()
        .arg("purge-list")
        .arg(&report)
        .assert()
        .success()
        .get_output()
        .clone();
    let list = String::from_utf8_lossy(&out.stdout);
    // One line per distinct secret, however often it occurs.
    assert_eq!(list.lines().count(), 2, "{list}");
    assert!(list.contains(&format!("{GITHUB_TOKEN}==>***REMOVED:github-pat-classic***")));
    assert!(list.contains(&format!("{SLACK_TOKEN}==>***REMOVED:slack-bot-token***")));
    assert!(String::from_utf8_lossy(&out.stderr).contains("git filter-repo --replace-text"));

    leakhound()
        .arg("purge-list")
        .arg(&redacted)
        .assert()
        .code(2)
        .stderr(predicates::str::contains("--show-secrets"))
        .stderr(predicates::str::contains("redacted.jsonl"));
    leakhound()
        .arg("purge-list")
        .arg(dir.path().join("a.env"))
        .assert()
        .code(2)
        .stderr(predicates::str::contains("not a leakhound JSON or JSONL report"));
}

#[test]
fn baselines_report_only_new_findings_and_update_drops_gone_secrets() {
    let dir = tree(&[("a.env", config_line(GITHUB_TOKEN).as_bytes())]);
    let baseline = dir.path().join("known.json");
    leakhound()
        .args(["baseline", "create", "--file"])
        .arg(&baseline)
        .arg(dir.path())
        .assert()
        .success()
        .stderr(predicates::str::contains("1 findings recorded"));
    // Nothing new: exit 0, and the known finding is said to be skipped.
    leakhound()
        .args(["dir", "--baseline"])
        .arg(&baseline)
        .arg(dir.path())
        .assert()
        .code(0)
        .stderr(predicates::str::contains("1 known finding(s) not reported"));
    // The known secret moves to another file and a new one appears: only
    // the new one is reported (fingerprints ignore paths and lines).
    fs::remove_file(dir.path().join("a.env")).expect("rm");
    fs::write(
        dir.path().join("moved.env"),
        format!("\n\n{}SLACK = '{SLACK_TOKEN}'\n", config_line(GITHUB_TOKEN)),
    )
    .expect("write");
    let out = leakhound()
        .args(["dir", "--format", "json", "--baseline"])
        .arg(&baseline)
        .arg(dir.path())
        .assert()
        .code(1)
        .get_output()
        .clone();
    let findings = json_report(&out.stdout);
    assert_eq!(findings.len(), 1);
    assert_eq!(findings[0]["rule_id"], "slack-bot-token");

    // Once the old secret is gone, update drops it and adds nothing.
    fs::write(dir.path().join("moved.env"), format!("SLACK = '{SLACK_TOKEN}'\n")).expect("write");
    leakhound()
        .args(["baseline", "update", "--file"])
        .arg(&baseline)
        .arg(dir.path())
        .assert()
        .success()
        .stderr(predicates::str::contains("dropped 1 entries"))
        .stderr(predicates::str::contains("1 new findings were not added"));
    let kept = json_report(&fs::read(&baseline).expect("baseline"));
    assert!(kept.is_empty(), "{kept:#?}");
}

/// Schema errors of `sarif` against SARIF 2.1.0 (the copy serde-sarif ships).
fn sarif_schema_errors(sarif: &Value) -> Vec<String> {
    let schema: Value =
        serde_json::from_str(include_str!("data/sarif-2.1.0-schema.json")).expect("schema is JSON");
    // tests/data holds serde-sarif's copy of the schema with one change: the
    // stray `]` in the two run.language patterns is escaped (same meaning in
    // ECMA-262 regexes) because the validator's meta-schema check rejects it.
    let validator = jsonschema::validator_for(&schema).expect("schema compiles");
    validator
        .iter_errors(sarif)
        .map(|e| format!("{e} at {}", e.instance_path()))
        .collect()
}

/// Checks `sarif` against the schema and the rules GitHub code scanning
/// adds on top.
pub(crate) fn assert_valid_sarif(sarif: &Value) {
    let errors = sarif_schema_errors(sarif);
    assert!(errors.is_empty(), "SARIF schema errors: {errors:#?}");
    let run = &sarif["runs"][0];
    let rules = run["tool"]["driver"]["rules"].as_array().expect("rules");
    let mut ids: Vec<&str> = rules.iter().map(|r| r["id"].as_str().expect("id")).collect();
    let count = ids.len();
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), count, "one descriptor per rule");
    for rule in rules {
        assert!(
            rule["help"]["markdown"]
                .as_str()
                .is_some_and(|m| m.contains("1. ")),
            "{rule:#}"
        );
        assert!(
            rule["helpUri"]
                .as_str()
                .is_some_and(|u| u.starts_with("https://"))
        );
        assert!(rule["properties"]["security-severity"].as_str().is_some());
        assert!(rule["shortDescription"]["text"].as_str().is_some());
    }
    for result in run["results"].as_array().expect("results") {
        let index = result["ruleIndex"].as_u64().expect("ruleIndex") as usize;
        assert_eq!(rules[index]["id"], result["ruleId"]);
        let region = &result["locations"][0]["physicalLocation"]["region"];
        assert!(region["startLine"].as_u64().expect("startLine") >= 1);
        if region["endLine"] == region["startLine"] {
            assert!(
                region["endColumn"].as_u64() > region["startColumn"].as_u64(),
                "{region:#}"
            );
        }
        assert!(result["partialFingerprints"]["leakhound/v1"].as_str().is_some());
    }
}

#[test]
fn sarif_is_valid_and_has_what_code_scanning_needs() {
    let contents = format!(
        "{}SLACK = '{SLACK_TOKEN}'\nAGAIN = \"{GITHUB_TOKEN}\"\n",
        config_line(GITHUB_TOKEN)
    );
    let dir = tree(&[("src/a.env", contents.as_bytes())]);
    let out = leakhound()
        .args(["dir", "--format", "sarif"])
        .arg(dir.path())
        .assert()
        .code(1)
        .get_output()
        .clone();
    let sarif: Value = serde_json::from_slice(&out.stdout).expect("SARIF is JSON");
    assert_valid_sarif(&sarif);
    let run = &sarif["runs"][0];
    assert_eq!(run["tool"]["driver"]["rules"].as_array().map(Vec::len), Some(2));
    assert_eq!(run["results"].as_array().map(Vec::len), Some(3));
    // Locations are relative to the scanned directory, as code scanning needs.
    assert_eq!(
        run["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
        "src/a.env"
    );
    assert!(
        !String::from_utf8_lossy(&out.stdout).contains(GITHUB_TOKEN),
        "redacted"
    );
    // A clean scan is a valid, empty log.
    let clean = tree(&[("a.txt", b"nothing\n")]);
    let out = leakhound()
        .args(["dir", "--format", "sarif"])
        .arg(clean.path())
        .assert()
        .code(0)
        .get_output()
        .clone();
    assert_valid_sarif(&serde_json::from_slice(&out.stdout).expect("JSON"));
}

#[test]
fn ignore_files_suppress_with_reasons_scopes_and_expiry() {
    let contents = format!("{}SLACK = '{SLACK_TOKEN}'\n", config_line(GITHUB_TOKEN));
    let dir = tree(&[("app/a.env", contents.as_bytes())]);
    let scan = || {
        leakhound()
            .args(["dir", "--format", "json", "--report-unused-ignores"])
            .arg(dir.path())
            .output()
            .expect("runs")
    };
    let findings = json_report(&scan().stdout);
    let fingerprint = |rule: &str| -> String {
        findings.iter().find(|f| f["rule_id"] == rule).expect("finding")["fingerprint"]
            .as_str()
            .expect("fingerprint")
            .to_string()
    };
    let slack_sha = findings
        .iter()
        .find(|f| f["rule_id"] == "slack-bot-token")
        .expect("slack")["secret_sha256"]
        .as_str()
        .expect("sha")
        .to_string();
    let ignore = dir.path().join(".leakhoundignore");
    fs::write(
        &ignore,
        format!(
            "[[ignore]]\nfingerprint = \"{}\"\npath = \"app/**\"\nreason = \"revoked test token\"\nowner = \"ada\"\n\n\
             [[ignore]]\nsecret_sha256 = \"{slack_sha}\"\nreason = \"sandbox workspace\"\nexpires = 2999-01-01\n\n\
             [[ignore]]\nfingerprint = \"aws-access-key-id:0000\"\nreason = \"old\"\n",
            fingerprint("github-pat-classic")
        ),
    )
    .expect("write ignore");
    let out = scan();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("2 finding(s) suppressed"), "{stderr}");
    assert!(stderr.contains("entry 3: matched nothing"), "{stderr}");

    // An expired entry stops suppressing and says so; a path scope elsewhere does not match.
    let text = fs::read_to_string(&ignore).expect("read");
    fs::write(
        &ignore,
        text.replace("2999-01-01", "2020-01-01")
            .replace("app/**", "other/**"),
    )
    .expect("write");
    let out = scan();
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(json_report(&out.stdout).len(), 2);
    assert!(String::from_utf8_lossy(&out.stderr).contains("expired on 2020-01-01"));

    // gitleaks' ignore file: file:rule:line (rule ids differ, so file and line decide).
    fs::remove_file(&ignore).expect("rm");
    fs::write(dir.path().join(".gitleaksignore"), "app/a.env:github-pat:1\n").expect("write");
    let out = scan();
    let left = json_report(&out.stdout);
    assert_eq!(left.len(), 1);
    assert_eq!(left[0]["rule_id"], "slack-bot-token");

    // A broken ignore file is an error naming it.
    fs::write(&ignore, "[[ignore]]\nfingerprint = \"x\"\nreason = \"\"\n").expect("write");
    leakhound()
        .arg("dir")
        .arg(dir.path())
        .assert()
        .code(2)
        .stderr(predicates::str::contains(".leakhoundignore"))
        .stderr(predicates::str::contains("reason is empty"));
}

#[test]
fn every_format_is_stable() {
    let contents = format!("{}SLACK = '{SLACK_TOKEN}'\n", config_line(GITHUB_TOKEN));
    let dir = tree(&[("a.env", contents.as_bytes())]);
    for format in ["text", "json", "jsonl", "sarif"] {
        let out = leakhound()
            .args(["dir", ".", "--color", "never", "--format", format])
            .current_dir(dir.path())
            .assert()
            .code(1)
            .get_output()
            .clone();
        insta::assert_snapshot!(format!("format_{format}"), String::from_utf8_lossy(&out.stdout));
    }
}
