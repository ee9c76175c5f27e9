//! gitleaks configs: a team's existing `.gitleaks.toml`, with custom rules,
//! per-rule and global allowlists and `[extend]`, runs as it did in
//! gitleaks. Tokens are made up for these tests.

use std::fs;

use serde_json::Value;

use super::{GITHUB_TOKEN, json_report, leakhound, tree};

/// An Acme internal token: `acme_live_` + 32 base62, made up.
const ACME_LIVE: &str = "acme_live_Q7w2Er9Ty4Ui8Op3As6Df1Gh5Jk0Lz2X"; // leakhound:allow
/// The same shape in test mode, which the config allowlists.
const ACME_TEST: &str = "acme_test_M3n8Bv2Cx7Za4Sd9Fg1Hj6Kl0Qw5Er2T"; // leakhound:allow
/// A keyword-less legacy key shape.
const LEGACY_KEY: &str = "ALK-7F3A9C21B8E04D6F5A2C9E17"; // leakhound:allow

/// A realistic team config: extends the defaults minus the generic rule,
/// adds custom rules with allowlists of both gitleaks generations, and
/// global allowlists (one scoped to a rule with targetRules).
const CONFIG: &str = r#"
title = "Acme gitleaks config"

[extend]
useDefault = true
disabledRules = ["generic-api-key"]

[[rules]]
id = "acme-internal-token"
description = "Acme internal service token"
regex = '''\b(acme_(?:live|test)_[0-9A-Za-z]{32})\b'''
secretGroup = 1
entropy = 3.0
keywords = ["acme_live", "acme_test"]
tags = ["internal", "acme"]

  [[rules.allowlists]]
  description = "test-mode tokens are harmless"
  regexes = ['''^acme_test_''']

  [[rules.allowlists]]
  description = "fixtures"
  paths = ['''(^|/)testdata/''']

[[rules]]
id = "acme-db-password"
description = "Acme database password in deployment config"
regex = '''(?i)acme_db_pass(?:word)?\s*[:=]\s*["']?([^\s"']{12,})'''
keywords = ["acme_db_pass"]
path = '''\.(ya?ml|properties|env)$'''
severity = "critical"

  [rules.allowlist]
  stopwords = ["changeit"]

[[rules]]
id = "acme-legacy-key"
description = "Acme legacy API key (no keywords)"
regex = '''\bALK-[0-9A-F]{24}\b'''

[[rules]]
id = "pkcs12-file"
description = "PKCS#12 file"
path = '''\.p12$'''

[[allowlists]]
description = "vendored code"
paths = ['''^vendor/''', '''\.min\.js$''']

[[allowlists]]
description = "documented example lines, for the Acme rule only"
targetRules = ["acme-internal-token"]
condition = "AND"
regexTarget = "line"
regexes = ['''docs-example''']
paths = ['''^docs/''']
"#;

fn scan_json(dir: &std::path::Path, extra: &[&str]) -> (i32, Vec<Value>, String) {
    let out = leakhound()
        .args(["dir", "--format", "json", "--no-progress"])
        .args(extra)
        .arg(dir)
        .current_dir(dir)
        .output()
        .expect("leakhound runs");
    let findings = if out.stdout.is_empty() {
        Vec::new()
    } else {
        json_report(&out.stdout)
    };
    (
        out.status.code().expect("exit code"),
        findings,
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// Paths (relative to the scanned directory) of the findings of `rule`.
fn places(findings: &[Value], rule: &str) -> Vec<String> {
    let mut paths: Vec<String> = findings
        .iter()
        .filter(|f| f["rule_id"] == rule)
        .map(|f| {
            let path = f["location"]["path"].as_str().expect("path");
            ["src/", "docs/", "deploy/", "testdata/", "vendor/", "a.txt"]
                .iter()
                .filter_map(|top| path.find(top).map(|i| path[i..].to_string()))
                .next()
                .unwrap_or_else(|| path.to_string())
        })
        .collect();
    paths.sort();
    paths
}

fn acme_tree(config: &str) -> tempfile::TempDir {
    tree(&[
        (".gitleaks.toml", config.as_bytes()),
        (
            "src/client.py",
            format!("TOKEN = \"{ACME_LIVE}\"\nTEST = \"{ACME_TEST}\"\n").as_bytes(),
        ),
        (
            "testdata/client.py",
            format!("TOKEN = \"{ACME_LIVE}\"\n").as_bytes(),
        ),
        (
            "docs/api.md",
            format!("curl -H 'X-Acme: {ACME_LIVE}' # docs-example\n").as_bytes(),
        ),
        ("docs/leak.md", format!("real one: {ACME_LIVE}\n").as_bytes()),
        ("deploy/app.yaml", b"acme_db_password: \"Zr8#kLq2!vNw5xPe\"\n"),
        ("deploy/old.yaml", b"acme_db_password: \"changeit-changeit\"\n"),
        ("src/settings.py", b"acme_db_password = \"Zr8#kLq2!vNw5xPe\"\n"),
        (
            "src/legacy.c",
            format!("const char *k = \"{LEGACY_KEY}\";\n").as_bytes(),
        ),
        ("src/gh.env", format!("GITHUB_TOKEN={GITHUB_TOKEN}\n").as_bytes()),
        (
            "vendor/lib/gh.env",
            format!("GITHUB_TOKEN={GITHUB_TOKEN}\n").as_bytes(),
        ),
        ("src/generic.py", b"password = \"Hq7$Lw2@Xc9!Vb4#\"\n"),
    ])
}

#[test]
fn a_discovered_gitleaks_config_runs_as_in_gitleaks() {
    let dir = acme_tree(CONFIG);
    let (code, findings, stderr) = scan_json(dir.path(), &[]);
    assert_eq!(code, 1, "{stderr}");
    assert!(
        stderr.contains(".gitleaks.toml"),
        "says which config it uses: {stderr}"
    );

    // Custom rule: the live token in code and in an undocumented docs page;
    // not the test-mode token, not under testdata/, not the docs example.
    assert_eq!(
        places(&findings, "acme-internal-token"),
        ["docs/leak.md", "src/client.py"],
        "{findings:#?}"
    );
    // Path-scoped rule with a stopword allowlist (old `[rules.allowlist]`).
    assert_eq!(places(&findings, "acme-db-password"), ["deploy/app.yaml"]);
    // A rule without keywords still runs.
    assert_eq!(places(&findings, "acme-legacy-key"), ["src/legacy.c"]);
    // useDefault keeps the built-in rules; the global path allowlist applies to them.
    assert_eq!(places(&findings, "github-pat-classic"), ["src/gh.env"]);
    // disabledRules maps gitleaks' generic-api-key onto the generic rules.
    assert!(
        findings
            .iter()
            .all(|f| !f["rule_id"].as_str().unwrap_or("").starts_with("generic-")),
        "{findings:#?}"
    );

    let custom = findings
        .iter()
        .find(|f| f["rule_id"] == "acme-internal-token")
        .expect("found");
    assert_eq!(custom["rule_name"], "Acme internal service token");
    assert!(
        custom["rotation"]["summary"]
            .as_str()
            .is_some_and(|s| !s.is_empty())
    );

    // What does not act as written is named.
    assert!(
        stderr.contains("\"pkcs12-file\"") && stderr.contains("no regex"),
        "{stderr}"
    );
    assert!(
        stderr.contains("\"acme-legacy-key\"") && stderr.contains("no keywords"),
        "{stderr}"
    );
    assert!(stderr.contains("\"severity\""), "unknown key is named: {stderr}");
}

#[test]
fn without_use_default_only_the_configs_rules_run() {
    let config = CONFIG.replace("useDefault = true", "useDefault = false");
    let dir = acme_tree(&config);
    let (_, findings, stderr) = scan_json(dir.path(), &[]);
    assert!(
        places(&findings, "github-pat-classic").is_empty(),
        "{findings:#?}"
    );
    assert_eq!(places(&findings, "acme-legacy-key"), ["src/legacy.c"]);
    assert!(stderr.contains("useDefault"), "{stderr}");
}

#[test]
fn discovery_can_be_turned_off_and_config_can_be_given() {
    let dir = acme_tree(CONFIG);
    let (_, findings, _) = scan_json(dir.path(), &["--no-config-discovery"]);
    assert!(places(&findings, "acme-legacy-key").is_empty());
    // The generic rule the config disables does fire without it.
    assert!(
        places(&findings, "generic-password").contains(&"src/generic.py".to_string()),
        "{findings:#?}"
    );
    assert_eq!(
        places(&findings, "github-pat-classic"),
        ["src/gh.env", "vendor/lib/gh.env"]
    );

    let elsewhere = tempfile::tempdir().expect("tempdir");
    let config = elsewhere.path().join("team.toml");
    fs::write(&config, CONFIG).expect("write config");
    fs::remove_file(dir.path().join(".gitleaks.toml")).expect("rm");
    let (_, findings, _) = scan_json(dir.path(), &["--config", config.to_str().expect("utf-8")]);
    assert_eq!(places(&findings, "acme-legacy-key"), ["src/legacy.c"]);
}

#[test]
fn extend_path_merges_a_base_config() {
    let dir = tree(&[
        (
            "base.toml",
            br#"
[extend]
useDefault = true

[[rules]]
id = "acme-internal-token"
description = "Acme token (base)"
regex = '''\b(acme_(?:live|test)_[0-9A-Za-z]{32})\b'''
keywords = ["acme_live"]
"#,
        ),
        (
            ".gitleaks.toml",
            br#"
[extend]
path = "base.toml"

[[rules]]
id = "acme-internal-token"
keywords = ["acme_test"]
  [[rules.allowlists]]
  regexes = ['''^acme_live_Q7''']
"#,
        ),
        (
            "a.txt",
            format!("{ACME_LIVE}\n{ACME_TEST}\n{GITHUB_TOKEN}\n").as_bytes(),
        ),
    ]);
    let (_, findings, stderr) = scan_json(dir.path(), &[]);
    let acme: Vec<&Value> = findings
        .iter()
        .filter(|f| f["rule_id"] == "acme-internal-token")
        .collect();
    assert_eq!(acme.len(), 1, "{findings:#?} {stderr}");
    assert!(
        acme[0]["location"]["snippet"]
            .as_str()
            .is_some_and(|s| s.contains("acme_t")),
        "the test-mode token, redacted"
    );
    assert_eq!(acme[0]["rule_name"], "Acme token (base)");
    // The base config's useDefault carries over.
    assert_eq!(places(&findings, "github-pat-classic"), ["a.txt"]);
}

#[test]
fn go_only_regex_syntax_is_an_error_naming_the_rule() {
    let dir = tree(&[
        (
            ".gitleaks.toml",
            br#"
[[rules]]
id = "quoted-literal"
regex = '''\Qacme.key\E=([a-z0-9]{16})'''
keywords = ["acme.key"]
"#,
        ),
        ("a.txt", b"nothing\n"),
    ]);
    let (code, _, stderr) = scan_json(dir.path(), &[]);
    assert_eq!(code, 2, "{stderr}");
    assert!(
        stderr.contains(".gitleaks.toml") && stderr.contains("quoted-literal") && stderr.contains("Go"),
        "{stderr}"
    );

    fs::write(
        dir.path().join(".gitleaks.toml"),
        "[[allowlists]]\ncondition = \"XOR\"\nregexes = ['x']\n",
    )
    .expect("write");
    let (code, _, stderr) = scan_json(dir.path(), &[]);
    assert_eq!(code, 2);
    assert!(stderr.contains("XOR"), "{stderr}");
}
