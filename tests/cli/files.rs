//! Files the field knows leak: values that are secrets because of the file
//! they are in. Every value here is made up for these tests.

use serde_json::Value;

use super::{json_report, leakhound, tree};

/// Runs `leakhound dir --format json` on `dir`.
fn scan_dir(dir: &std::path::Path) -> std::process::Output {
    leakhound()
        .args(["dir", "--format", "json", "--no-progress"])
        .arg(dir)
        .output()
        .expect("leakhound runs")
}

/// (rule, path suffix, line) of every finding, sorted.
fn found(findings: &[Value]) -> Vec<(String, String, u64)> {
    let mut out: Vec<_> = findings
        .iter()
        .map(|f| {
            let path = f["location"]["path"].as_str().expect("path");
            let short = path.rsplit_once("/kf/").map_or(path, |(_, p)| p);
            (
                f["rule_id"].as_str().expect("rule").to_string(),
                short.to_string(),
                f["location"]["line"].as_u64().expect("line"),
            )
        })
        .collect();
    out.sort();
    out
}

#[test]
fn secrets_known_by_the_file_they_sit_in() {
    let dir = tree(&[
        (
            "kf/k8s/db-secret.yaml",
            b"apiVersion: v1\nkind: Secret\nmetadata:\n  name: db\ntype: Opaque\ndata:\n  username: YWRtaW4=\n  password: VnE3I21McjItVHo5cFc0aw==\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\ndata:\n  mode: cHJvZHVjdGlvbg==\n", // leakhound:allow
        ),
        (
            "kf/k8s/api-secret.yaml",
            b"apiVersion: v1\nkind: Secret\nmetadata:\n  name: api\nstringData:\n  API_TOKEN: hR4!nB8qZ2wLx6Tc\n  ca.crt: not-a-secret-at-all\n", // leakhound:allow
        ),
        (
            "kf/infra/terraform.tfstate",
            b"{\n  \"version\": 4,\n  \"terraform_version\": \"1.9.5\",\n  \"resources\": [\n    {\n      \"type\": \"aws_db_instance\",\n      \"instances\": [{\n        \"attributes\": {\n          \"password\": \"Tq8vW3mZ1xLr5sKp\",\n          \"username\": \"app\"\n        }\n      }]\n    }\n  ]\n}\n",
        ),
        ("kf/app/.env", b"APP_ENV=prod\nDB_PASSWORD=Wn4rTq8zLp2x\n"), // leakhound:allow
        ("kf/app/.env.example", b"APP_ENV=prod\nDB_PASSWORD=Wn4rTq8zLp2x\n"), // leakhound:allow
        ("kf/app/settings.py", b"DB_PASSWORD=Wn4rTq8zLp2x\n"), // leakhound:allow
        (
            "kf/docker-compose.yml",
            b"services:\n  db:\n    image: postgres:16\n    environment:\n      POSTGRES_PASSWORD: Rk7mW2qZ9xTb4Lp\n      POSTGRES_USER: app\n  api:\n    environment:\n      - DB_PASSWORD=${DB_PASSWORD}\n", // leakhound:allow
        ),
        ("kf/.pypirc", b"[pypi]\nusername = release-bot\npassword = Hc9Lz2Wq7Rm4Tx8\n"), // leakhound:allow
    ]);
    let out = leakhound()
        .args([
            "dir",
            "--format",
            "json",
            "--no-progress",
            "--exclude-rule",
            "generic-",
        ])
        .arg(dir.path())
        .output()
        .expect("runs");
    let findings = json_report(&out.stdout);
    let expected: Vec<(String, String, u64)> = [
        ("docker-compose-environment-credential", "docker-compose.yml", 5),
        ("dotenv-credential", "app/.env", 2),
        ("kubernetes-secret-data", "k8s/api-secret.yaml", 6),
        ("kubernetes-secret-data", "k8s/db-secret.yaml", 8),
        ("pypirc-password", ".pypirc", 3),
        ("terraform-state-secret", "infra/terraform.tfstate", 9),
    ]
    .iter()
    .map(|(r, p, l)| (r.to_string(), p.to_string(), *l))
    .collect();
    assert_eq!(found(&findings), expected, "{findings:#?}");
    let k8s = findings
        .iter()
        .find(|f| {
            f["location"]["path"]
                .as_str()
                .is_some_and(|p| p.ends_with("db-secret.yaml"))
        })
        .expect("k8s finding");
    // The key name is in the (redacted) snippet; the rotation says what to do.
    assert!(
        k8s["location"]["snippet"]
            .as_str()
            .is_some_and(|s| s.starts_with("password:")),
        "{k8s:#?}"
    );
    assert!(
        k8s["rotation"]["summary"]
            .as_str()
            .is_some_and(|s| s.contains("Sealed Secrets"))
    );
}

#[test]
fn a_token_inside_a_kubernetes_secret_is_one_finding_under_its_own_rule() {
    // base64 of the made-up GitHub token the other tests use.
    let encoded = "Z2hwX1I4YjJLcTBaeFQ0bVY5d0wxbkM3cFkzc0Q2Zkg1akcyYUUwdQ=="; // leakhound:allow
    let manifest = format!(
        "apiVersion: v1\nkind: Secret\nmetadata:\n  name: ci\ndata:\n  GITHUB_TOKEN: {encoded} # leakhound:allow\n  password: VnE3I21McjItVHo5cFc0aw==\n"
    );
    let dir = tree(&[("kf/ci-secret.yaml", manifest.as_bytes())]);
    let out = scan_dir(dir.path());
    let findings = json_report(&out.stdout);
    // The allow marker covers the token line; without it the token is found
    // once, decoded, and the password stays a Kubernetes finding.
    assert_eq!(
        found(&findings),
        [("kubernetes-secret-data".into(), "ci-secret.yaml".into(), 7)]
    );

    let manifest = manifest.replace(" # leakhound:allow", "");
    let dir = tree(&[("kf/ci-secret.yaml", manifest.as_bytes())]);
    let out = scan_dir(dir.path());
    let findings = json_report(&out.stdout);
    assert_eq!(
        found(&findings),
        [
            ("github-pat-classic".into(), "ci-secret.yaml".into(), 6),
            ("kubernetes-secret-data".into(), "ci-secret.yaml".into(), 7),
        ],
        "{findings:#?}"
    );
    let token = findings
        .iter()
        .find(|f| f["rule_id"] == "github-pat-classic")
        .expect("token");
    assert_eq!(token["source"]["decoded"], "base64");
}

/// A DER TLV with a definite length.
fn tlv(tag: u8, body: &[u8]) -> Vec<u8> {
    let mut out = vec![tag];
    match body.len() {
        n if n < 128 => out.push(n as u8),
        n if n < 256 => out.extend([0x81, n as u8]),
        n => out.extend([0x82, (n >> 8) as u8, n as u8]),
    }
    out.extend(body);
    out
}

/// A made-up PKCS#12 file: the real structure, a bag of the given type
/// (2: shrouded private key, 3: certificate) with filler for its contents.
fn pkcs12(bag_type: u8) -> Vec<u8> {
    let data_oid = [0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x07, 0x01];
    let bag_oid = [
        0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x0C, 0x0A, 0x01, bag_type,
    ];
    let filler: Vec<u8> = (0..600u32)
        .map(|i| (i.wrapping_mul(2654435761) >> 13) as u8)
        .collect();
    let bag = tlv(
        0x30,
        &[tlv(0x06, &bag_oid), tlv(0xA0, &tlv(0x30, &filler))].concat(),
    );
    let data = |inner: &[u8]| {
        tlv(
            0x30,
            &[tlv(0x06, &data_oid), tlv(0xA0, &tlv(0x04, inner))].concat(),
        )
    };
    let auth_safe = tlv(0x30, &data(&tlv(0x30, &bag)));
    tlv(
        0x30,
        &[tlv(0x02, &[3]), data(&auth_safe), tlv(0x30, &filler[..40])].concat(),
    )
}

/// A made-up Java keystore with one entry of `tag` (1: private key, 2:
/// trusted certificate).
fn jks(tag: u32) -> Vec<u8> {
    let mut out = vec![0xFE, 0xED, 0xFE, 0xED];
    for n in [2u32, 1, tag] {
        out.extend(n.to_be_bytes());
    }
    out.extend(6u16.to_be_bytes());
    out.extend(b"server");
    out.extend(1_700_000_000_000u64.to_be_bytes());
    if tag == 2 {
        out.extend(5u16.to_be_bytes());
        out.extend(b"X.509");
    }
    out.extend(64u32.to_be_bytes());
    out.extend((0..64u8).map(|i| i.wrapping_mul(97) ^ 0x5A));
    out.extend([0u8; 24]);
    out
}

#[test]
fn keystores_holding_private_keys_are_reported_and_truststores_are_not() {
    let dir = tree(&[
        ("kf/certs/server.p12", &pkcs12(2)),
        ("kf/certs/ca-bundle.p12", &pkcs12(3)),
        ("kf/certs/server.jks", &jks(1)),
        ("kf/certs/cacerts", &jks(2)),
    ]);
    let out = scan_dir(dir.path());
    let findings = json_report(&out.stdout);
    assert_eq!(
        found(&findings),
        [
            ("java-keystore".into(), "certs/server.jks".into(), 1),
            ("pkcs12-keystore".into(), "certs/server.p12".into(), 1),
        ],
        "{findings:#?}"
    );
    let summary = String::from_utf8_lossy(&out.stderr);
    // Keystore-shaped files are read and checked, truststores included.
    assert!(summary.contains("scanned 4 files"), "{summary}");
}

#[test]
fn notebook_outputs_are_scanned_with_their_json_escapes() {
    // A made-up key body: the shape of a PEM block, not a key.
    let key = "-----BEGIN RSA PRIVATE KEY-----\\nMIIEowIBAAKCAQEAt7bC2XqkY9eP3xW1mZr8LmQnV4cT0sJ6hH2gF5dS8aK3lP9o\\nQ1wE7rT5yU3iO9pA2sD4fG6hJ8kL0zX1cV3bN5mQ7wE9rT2yU4iO6pA8sD0fG2hJ\\n-----END RSA PRIVATE KEY-----\\n"; // leakhound:allow
    let notebook = format!(
        r#"{{"nbformat": 4, "nbformat_minor": 5, "metadata": {{}}, "cells": [
 {{"cell_type": "code", "source": ["print(open('key.pem').read())"], "metadata": {{}}, "execution_count": 1,
  "outputs": [{{"output_type": "stream", "name": "stdout", "text": ["{key}"]}}]}},
 {{"cell_type": "code", "source": ["os.environ['GITHUB_TOKEN']"], "metadata": {{}}, "execution_count": 2,
  "outputs": [{{"output_type": "execute_result", "data": {{"text/plain": ["'{token}'"]}}, "metadata": {{}}, "execution_count": 2}}]}}]}}
"#,
        token = super::GITHUB_TOKEN
    );
    let dir = tree(&[("kf/analysis.ipynb", notebook.as_bytes())]);
    let out = scan_dir(dir.path());
    let rules: Vec<String> = found(&json_report(&out.stdout))
        .into_iter()
        .map(|(r, _, _)| r)
        .collect();
    assert_eq!(rules, ["github-pat-classic", "private-key-rsa"]);
}

#[test]
fn credential_files_are_found_by_their_content_whatever_their_name() {
    let dir = tree(&[
        ("kf/home/.npmrc", b"//registry.npmjs.org/:_authToken=npm_Q7w2Er9Ty4Ui8Op3As6Df1Gh5Jk0Lz2X7c9\n"), // leakhound:allow
        (
            "kf/home/.aws/credentials",
            b"[default]\naws_access_key_id = AKIAQ7W2ER9TY4UI8OP3\naws_secret_access_key = q7W2er9TY4ui8OP3as6DF1gh5JK0lz2X7c9VB3nm\n", // leakhound:allow
        ),
    ]);
    let out = scan_dir(dir.path());
    let rules: Vec<String> = found(&json_report(&out.stdout))
        .into_iter()
        .map(|(r, _, _)| r)
        .collect();
    assert_eq!(
        rules,
        [
            "aws-access-key-id",
            "aws-secret-access-key",
            "npm-npmrc-auth-token"
        ]
    );
}
