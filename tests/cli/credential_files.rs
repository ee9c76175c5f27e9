//! Credential files whose structure is the evidence: one realistic file per
//! kind under `fixtures/credential-files/` (every secret there is made up),
//! and decoys that must stay quiet. The scan must report exactly the lines
//! listed here, and no snippet may show a secret.

use std::collections::BTreeSet;

use serde_json::Value;

use super::{json_report, leakhound};

const FIXTURES: &str = "fixtures/credential-files";

/// Every line the scan must report: (path under the fixture directory,
/// line, rule). A line holding several secrets is listed once per secret.
const EXPECTED: &[(&str, u64, &str)] = &[
    ("django/acme/settings.py", 10, "django-secret-key"),
    ("dumps/pg_dumpall.sql", 15, "sql-role-password-hash"),
    ("dumps/pg_dumpall.sql", 19, "sql-role-password-hash"),
    ("dumps/pg_dumpall.sql", 26, "sql-dump-password-hash"),
    ("dumps/pg_dumpall.sql", 27, "sql-dump-password-hash"),
    ("dumps/pg_dumpall.sql", 30, "sql-user-password"),
    ("dumps/shop.sql", 30, "sql-dump-password-hash"),
    ("dumps/shop.sql", 30, "sql-dump-password-hash"),
    ("dumps/shop.sql", 30, "sql-dump-password-hash"),
    ("dumps/shop.sql", 38, "sql-dump-password-hash"),
    ("dumps/shop.sql", 38, "sql-dump-password-hash"),
    ("dumps/shop.sql", 39, "sql-dump-password-hash"),
    ("dumps/shop.sql", 43, "sql-dump-password-hash"),
    ("dumps/shop.sql", 50, "sql-user-password"),
    ("dumps/shop.sql", 52, "sql-role-password-hash"),
    ("etc/apache2/.htpasswd", 1, "password-hash-line"),
    ("etc/apache2/.htpasswd", 2, "password-hash-line"),
    ("etc/apache2/.htpasswd", 3, "password-hash-line"),
    ("etc/shadow", 1, "password-hash-line"),
    ("etc/shadow", 8, "password-hash-line"),
    ("etc/shadow", 10, "password-hash-line"),
    (
        "home/.3T/robo-3t/1.4.4/robo3t.json",
        15,
        "database-client-saved-password",
    ),
    (
        "home/.3T/robo-3t/1.4.4/robo3t.json",
        28,
        "database-client-saved-password",
    ),
    (
        "home/.config/filezilla/recentservers.xml",
        10,
        "filezilla-password",
    ),
    ("home/.config/filezilla/sitemanager.xml", 10, "filezilla-password"),
    ("home/.config/filezilla/sitemanager.xml", 25, "filezilla-password"),
    ("home/.config/rclone/rclone.conf", 5, "rclone-config-secret"),
    ("home/.config/rclone/rclone.conf", 12, "aws-secret-access-key"),
    ("home/.config/rclone/rclone.conf", 18, "google-oauth-access-token"),
    (
        "home/.config/rclone/rclone.conf",
        18,
        "google-oauth-refresh-token",
    ),
    ("home/.docker/config.json", 4, "docker-config-auth"),
    ("home/.docker/config.json", 7, "docker-config-auth"),
    ("home/.dockercfg", 1, "docker-config-auth"),
    ("home/.esmtprc", 3, "esmtp-password"),
    ("home/.git-credentials", 1, "url-basic-auth-password"),
    ("home/.git-credentials", 2, "url-basic-auth-password"),
    ("home/.kube/config", 23, "private-key-rsa"),
    ("home/.kube/config", 26, "kubeconfig-user-credential"),
    ("home/.kube/config", 30, "kubeconfig-user-credential"),
    (
        "home/.local/share/DBeaverData/workspace6/General/.dbeaver/data-sources.json",
        19,
        "database-client-saved-password",
    ),
    (
        "home/.mozilla/firefox/k3x9w2qa.default-release/logins.json",
        12,
        "firefox-logins-password",
    ),
    (
        "home/.mozilla/firefox/k3x9w2qa.default-release/logins.json",
        28,
        "firefox-logins-password",
    ),
    ("home/.msmtprc", 12, "msmtp-password"),
    ("home/.my.cnf", 3, "mysql-option-file-password"),
    ("home/.my.cnf", 8, "mysql-option-file-password"),
    ("home/.netrc", 3, "netrc-password"),
    ("home/.netrc", 5, "netrc-password"),
    ("home/.netrc", 9, "netrc-password"),
    ("home/.pgpass", 2, "pgpass-password"),
    ("home/.pgpass", 3, "pgpass-password"),
    ("home/.pgpass", 4, "pgpass-password"),
    ("home/.s3cfg", 2, "aws-access-key-id"),
    ("home/.s3cfg", 10, "s3cmd-config-secret"),
    ("home/.s3cfg", 14, "s3cmd-config-secret"),
    ("home/.ssh/deploy.ppk", 8, "private-key-putty"),
    ("laravel/.env", 3, "laravel-app-key"),
    ("laravel/.env", 14, "dotenv-credential"),
    ("rails/config/credentials/production.key", 1, "rails-master-key"),
    ("rails/config/master.key", 1, "rails-master-key"),
    ("rails/config/secrets.yml", 10, "rails-secret-key-base"),
    ("web/.ftpconfig", 6, "editor-sftp-config-password"),
    ("web/.idea/WebServers.xml", 6, "jetbrains-deployment-password"),
    ("web/.remote-sync.json", 6, "editor-sftp-config-password"),
    ("web/.vscode/sftp.json", 7, "editor-sftp-config-password"),
    ("web/sftp-config.json", 19, "editor-sftp-config-password"),
    ("web/wp-config.php", 16, "wordpress-db-password"),
    ("web/wp-config.php", 32, "wordpress-auth-salt"),
    ("web/wp-config.php", 33, "wordpress-auth-salt"),
    ("web/wp-config.php", 34, "wordpress-auth-salt"),
    ("web/wp-config.php", 35, "wordpress-auth-salt"),
    ("web/wp-config.php", 36, "wordpress-auth-salt"),
    ("web/wp-config.php", 37, "wordpress-auth-salt"),
    ("web/wp-config.php", 38, "wordpress-auth-salt"),
    ("web/wp-config.php", 39, "wordpress-auth-salt"),
];

/// Risk lines in the fixtures that no rule reports (see
/// docs/credential-files.md): a DES-crypt htpasswd entry (13 characters
/// and nothing distinctive) and a clear-text password in an INSERT, whose
/// column only the statement's column list names.
const KNOWN_MISSES: &[(&str, u64)] = &[("etc/apache2/.htpasswd", 4), ("dumps/shop.sql", 46)];

/// Runs `leakhound dir --no-ignore --format json` over the fixtures (the
/// repository's `.ignore` keeps them out of ordinary scans).
fn scan(show_secrets: bool) -> Vec<Value> {
    let mut cmd = leakhound();
    cmd.current_dir(env!("CARGO_MANIFEST_DIR")).args([
        "dir",
        "--no-ignore",
        "--no-progress",
        "--no-config-discovery",
        "--format",
        "json",
    ]);
    if show_secrets {
        cmd.arg("--show-secrets");
    }
    let out = cmd.arg(FIXTURES).output().expect("leakhound runs");
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    json_report(&out.stdout)
}

/// (path under the fixture directory, line, rule) of a finding.
fn place(finding: &Value) -> (String, u64, String) {
    let path = finding["location"]["path"].as_str().expect("path");
    let short = path
        .split_once("credential-files/")
        .map_or(path, |(_, rest)| rest);
    (
        short.to_string(),
        finding["location"]["line"].as_u64().expect("line"),
        finding["rule_id"].as_str().expect("rule").to_string(),
    )
}

#[test]
fn credential_files_report_exactly_their_risk_lines() {
    let findings = scan(false);
    let mut found: Vec<_> = findings.iter().map(place).collect();
    found.sort();
    let mut expected: Vec<_> = EXPECTED
        .iter()
        .map(|&(path, line, rule)| (path.to_string(), line, rule.to_string()))
        .collect();
    expected.sort();
    assert_eq!(found, expected);
    assert!(
        !found.iter().any(|(path, _, _)| path.starts_with("decoys/")),
        "decoys must stay quiet"
    );
    let missed: BTreeSet<_> = KNOWN_MISSES.iter().collect();
    assert!(
        !found
            .iter()
            .any(|(path, line, _)| missed.contains(&(path.as_str(), *line))),
        "a known miss is found now: move it to EXPECTED and update docs/credential-files.md"
    );
}

#[test]
fn credential_file_snippets_do_not_show_the_secret() {
    let redacted = scan(false);
    let plain = scan(true);
    assert_eq!(redacted.len(), plain.len());
    for (hidden, shown) in redacted.iter().zip(&plain) {
        assert_eq!(place(hidden), place(shown));
        let secret = shown["secret"].as_str().expect("secret");
        let snippet = hidden["location"]["snippet"].as_str().expect("snippet");
        assert!(
            !snippet.contains(secret),
            "{:?}: the snippet shows the secret",
            place(hidden)
        );
        assert_ne!(hidden["secret"].as_str(), Some(secret));
    }
}
