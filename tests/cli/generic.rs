//! Generic detection end to end: passwords people chose and keys without a
//! prefix, in the files they are committed in; the placeholders,
//! references and hashes next to them stay quiet; `location.context` and
//! `--min-confidence`. Every value here is made up for these tests.

use serde_json::Value;

use super::{json_report, leakhound, tree};

/// A project tree with a leak in each usual place, and look-alikes.
fn project() -> tempfile::TempDir {
    tree(&[
        (
            "wp/wp-config.php",
            b"<?php\ndefine('DB_NAME', 'wordpress');\ndefine('DB_USER', 'wp_admin');\ndefine('DB_PASSWORD', 'Bluebird#2291');\n$pdo = new PDO($dsn, 'shop_user', 'Orchard!Lane42');\n", // leakhound:allow
        ),
        (
            "api/src/main/resources/application.properties",
            b"spring.datasource.url=jdbc:postgresql://db:5432/app\nspring.datasource.username=app\nspring.datasource.password=securepassword123\n", // leakhound:allow
        ),
        (
            "api/.env",
            b"APP_ENV=production\nDB_PASSWORD=ketchupMango77\nAPI_KEY=rtbgattmqj8mbvafwh50tvy7y9bm11nk\n", // leakhound:allow
        ),
        (
            "docker-compose.yml",
            b"services:\n  db:\n    image: postgres:16\n    environment:\n      POSTGRES_PASSWORD: Harbor2023pg\n", // leakhound:allow
        ),
        (
            "chart/values.yaml",
            b"postgresql:\n  auth:\n    password: \"Quartz55Lynx\"\n", // leakhound:allow
        ),
        (
            "web/config.json",
            b"{\n  \"database\": {\"user\": \"svc\", \"password\": \"Falcon#Ridge8\"},\n  \"maps\": {\"apiKey\": \"2evkbnvjjnqjve7fgsl03909hszw35c7\"}\n}\n", // leakhound:allow
        ),
        (
            "infra/main.tf",
            b"resource \"aws_db_instance\" \"default\" {\n  username = \"app\"\n  password = \"Gravel9Tiger\"\n}\n", // leakhound:allow
        ),
        (
            "legacy/web.config",
            b"<configuration>\n  <appSettings>\n    <add key=\"DbPassword\" value=\"Meadow77!x\" />\n  </appSettings>\n  <connectionStrings>\n    <add name=\"Main\" connectionString=\"Data Source=sql01;Initial Catalog=shop;User ID=shop;Password=Copper42Fox;\" />\n  </connectionStrings>\n</configuration>\n", // leakhound:allow
        ),
        (
            "ci/settings.xml",
            b"<settings><servers><server>\n  <id>nexus</id>\n  <username>deploy</username>\n  <password>Nexus2024deploy</password>\n</server></servers></settings>\n", // leakhound:allow
        ),
        (
            "ops/.bash_history",
            b"ls -la\nmysql -u root -pS3cretRoot7 shop\nmysqldump -u backup -p'Dump2024!x' shop > shop.sql\n", // leakhound:allow
        ),
        // Look-alikes: every one of these stays quiet.
        (
            "quiet/app.yaml",
            b"db:\n  password: ${DB_PASSWORD}\n  admin_password: \"{{ .Values.admin.password }}\"\n  replica_password: changeme\n  backup_password: \"Password123!\"\n  password_min_length: 12\n  password_hash: \"$2b$12$R9h/cIPz0gi.URNNX3kh2OPST9\"\n  reader_password: \"********\"\n  vault_password: vault:secret/data/app#password\n  token_url: https://login.internal.corp/oauth/token\n",
        ),
        (
            "quiet/settings.py",
            b"import os\nDB_PASSWORD = os.environ['DB_PASSWORD']\npassword = getpass.getpass()\nconn = connect(password=settings.DB_PASSWORD)\nif password == \"hunter2hunter2\":\n    pass\n",
        ),
        (
            "quiet/login.html",
            b"<input type=\"password\" name=\"password\" autocomplete=\"current-password\" placeholder=\"Password\">\n",
        ),
        ("quiet/sudoers", b"%admin ALL=(ALL) NOPASSWD: /usr/bin/systemctl restart app\n"),
        (
            "quiet/wp-config-sample.php",
            b"<?php\ndefine('DB_PASSWORD', 'password_here');\n",
        ),
        // Same kind of leak in a test and in the docs: reported, less sure.
        (
            "tests/test_login.py",
            b"client.login(username='alice', password='Tulip-Rain-42')\n", // leakhound:allow
        ),
        (
            "docs/setup.md",
            b"Set `spring.datasource.password=Cobalt88Heron` in production.\n", // leakhound:allow
        ),
    ])
}

fn scan(dir: &std::path::Path, extra: &[&str]) -> Vec<Value> {
    let out = leakhound()
        .args(["dir", "--format", "json", "--no-progress", "-q"])
        .args(extra)
        .arg(dir)
        .output()
        .expect("leakhound runs");
    assert!(
        out.status.code() == Some(1) || out.status.code() == Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    json_report(&out.stdout)
}

/// (path relative to the tree, rule, confidence, context), sorted.
fn summary(dir: &std::path::Path, findings: &[Value]) -> Vec<(String, String, String, String)> {
    let root = format!("{}/", dir.display());
    let mut out: Vec<_> = findings
        .iter()
        .map(|f| {
            let path = f["location"]["path"].as_str().expect("path");
            (
                path.strip_prefix(&root).unwrap_or(path).to_string(),
                f["rule_id"].as_str().expect("rule").to_string(),
                f["confidence"].as_str().expect("confidence").to_string(),
                f["location"]["context"].as_str().expect("context").to_string(),
            )
        })
        .collect();
    out.sort();
    out
}

fn row(path: &str, rule: &str, confidence: &str, context: &str) -> (String, String, String, String) {
    (path.into(), rule.into(), confidence.into(), context.into())
}

#[test]
fn passwords_and_prefixless_keys_are_found_where_they_are_committed() {
    let dir = project();
    let findings = scan(dir.path(), &[]);
    let expected = vec![
        row("api/.env", "dotenv-credential", "medium", "code"),
        row("api/.env", "dotenv-credential", "medium", "code"),
        row(
            "api/src/main/resources/application.properties",
            "generic-password",
            "low",
            "code",
        ),
        row("chart/values.yaml", "generic-password", "low", "code"),
        row("ci/settings.xml", "generic-xml-password", "low", "code"),
        row(
            "docker-compose.yml",
            "docker-compose-environment-credential",
            "medium",
            "code",
        ),
        row("docs/setup.md", "generic-password", "low", "docs"),
        row("infra/main.tf", "generic-password", "low", "code"),
        row(
            "legacy/web.config",
            "generic-config-key-value-password",
            "low",
            "code",
        ),
        row(
            "legacy/web.config",
            "mssql-connection-string-password",
            "medium",
            "code",
        ),
        row("ops/.bash_history", "mysql-cli-password", "medium", "code"),
        row("ops/.bash_history", "mysql-cli-password", "medium", "code"),
        row("tests/test_login.py", "generic-password", "low", "test"),
        row("web/config.json", "generic-password", "low", "code"),
        row("web/config.json", "generic-secret", "low", "code"),
        row("wp/wp-config.php", "database-connect-password", "medium", "code"),
        // The credential-file rule for wp-config.php is more specific than
        // the generic define('…PASSWORD', …) rule and wins the span.
        row("wp/wp-config.php", "wordpress-db-password", "high", "code"),
    ];
    assert_eq!(summary(dir.path(), &findings), expected);
    // Nothing from the look-alikes, and no secret in clear.
    let text = serde_json::to_string(&findings).expect("serializes");
    assert!(!text.contains("/quiet/"), "a look-alike was reported: {text}");
    assert!(!text.contains("securepassword123") && !text.contains("Bluebird#2291"));
}

#[test]
fn min_confidence_drops_what_tests_and_docs_made_less_sure() {
    let dir = project();
    let all = scan(dir.path(), &[]);
    let sure = scan(dir.path(), &["--min-confidence", "medium"]);
    let medium = |f: &&Value| f["confidence"] != "low";
    assert_eq!(sure.len(), all.iter().filter(medium).count());
    assert!(sure.len() >= 8, "{}", sure.len());
    assert!(sure.iter().all(|f| f["location"]["context"] == "code"));

    // A medium rule in a test directory is lowered to low, and dropped.
    let fixture = tree(&[(
        "spec/fixtures/wp-config.php",
        b"<?php\ndefine('DB_PASSWORD', 'Bluebird#2291');\n", // leakhound:allow
    )]);
    let found = scan(fixture.path(), &[]);
    assert_eq!(found.len(), 1);
    assert_eq!(found[0]["confidence"], "low");
    assert_eq!(found[0]["location"]["context"], "test");
    assert!(scan(fixture.path(), &["--min-confidence", "medium"]).is_empty());
}

#[test]
fn context_shows_in_text_and_sarif() {
    let dir = tree(&[(
        "examples/app/.env.example",
        b"spring.datasource.password=Cobalt88Heron\n", // leakhound:allow
    )]);
    let text = leakhound()
        .args(["dir", "--no-progress"])
        .arg(dir.path())
        .output()
        .expect("leakhound runs");
    let stdout = String::from_utf8_lossy(&text.stdout);
    assert!(stdout.contains(".env.example:1:28  (example)"), "{stdout}");
    let sarif = leakhound()
        .args(["dir", "--format", "sarif", "--no-progress", "-q"])
        .arg(dir.path())
        .output()
        .expect("leakhound runs");
    let log: Value = serde_json::from_slice(&sarif.stdout).expect("SARIF is JSON");
    let result = &log["runs"][0]["results"][0];
    assert_eq!(result["properties"]["context"], "example");
    assert!(
        result["message"]["text"]
            .as_str()
            .is_some_and(|m| m.contains("(example)"))
    );
}
