//! Secrets inside other things: decoded text, archives, git history blobs
//! that are archives, and container images. Every fixture is built here
//! with the tar, zip and flate2 crates; nothing reaches the network.
//!
//! Fake secrets are random strings of the right alphabet, written for these
//! tests; none is or was a real credential.

use std::{
    fs,
    io::{Cursor, Write},
    path::Path,
    process::Command as Process,
};

use assert_cmd::Command;
use base64::{Engine as _, engine::general_purpose::STANDARD};
use serde_json::{Value, json};

/// A GitHub classic token shape, made up for tests.
const GITHUB_TOKEN: &str = "ghp_R8b2Kq0ZxT4mV9wL1nC7pY3sD6fH5jG2aE0u"; // leakhound:allow
/// A Slack bot token shape, made up for tests.
const SLACK_TOKEN: &str = "xoxb-2841093756-7301928465-Zq8Xw2Lk5Vb7Nm3Rt9Yp1Cs4"; // leakhound:allow

fn leakhound() -> Command {
    let mut cmd = Command::cargo_bin("leakhound").expect("the binary is built by cargo test");
    cmd.env("NO_COLOR", "1");
    cmd
}

fn report(output: &[u8]) -> Vec<Value> {
    let value: Value = serde_json::from_slice(output).expect("stdout is JSON");
    value.as_array().expect("a JSON array").clone()
}

/// Runs leakhound with `args` and returns its JSON findings and stderr.
fn scan(args: &[&str], stdin: Option<Vec<u8>>) -> (Vec<Value>, String) {
    let mut cmd = leakhound();
    cmd.args(args).args(["--format", "json", "--no-progress"]);
    if let Some(input) = stdin {
        cmd.write_stdin(input);
    }
    let out = cmd.output().expect("runs");
    let code = out.status.code();
    assert!(
        matches!(code, Some(0 | 1)),
        "exit {code:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    (
        report(&out.stdout),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn zip_of(files: &[(&str, &[u8])]) -> Vec<u8> {
    let mut w = zip::ZipWriter::new(Cursor::new(Vec::new()));
    for (name, data) in files {
        w.start_file(*name, zip::write::SimpleFileOptions::default())
            .expect("start");
        w.write_all(data).expect("write");
    }
    w.finish().expect("finish").into_inner()
}

fn tar_of(files: &[(&str, &[u8])]) -> Vec<u8> {
    let mut b = tar::Builder::new(Vec::new());
    for (name, data) in files {
        let mut h = tar::Header::new_gnu();
        h.set_size(data.len() as u64);
        h.set_mode(0o644);
        h.set_cksum();
        b.append_data(&mut h, name, *data).expect("append");
    }
    b.into_inner().expect("tar")
}

fn gz(data: &[u8]) -> Vec<u8> {
    let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    e.write_all(data).expect("gz");
    e.finish().expect("gz")
}

fn decoded_of(f: &Value) -> Option<&str> {
    f["source"]["decoded"].as_str()
}

#[test]
fn decoders_reveal_base64_hex_percent_and_escaped_secrets() {
    let b64 = STANDARD.encode(format!("token: {GITHUB_TOKEN}"));
    let hexed = hex(format!("SLACK={SLACK_TOKEN}").as_bytes());
    let pct = format!("https://x.test/?t={}", GITHUB_TOKEN.replace('_', "%5F"));
    let escaped: String = "ghp_"
        .chars()
        .map(|c| format!("\\u{:04x}", c as u32))
        .collect::<String>()
        + &GITHUB_TOKEN[4..];
    let input = format!("a = \"{b64}\"\nb = \"{hexed}\"\nc = {pct}\nd = \"{escaped}\"\n");
    let (findings, _) = scan(&["stdin"], Some(input.into_bytes()));
    let got: Vec<(i64, &str, &str)> = findings
        .iter()
        .map(|f| {
            (
                f["location"]["line"].as_i64().unwrap_or(0),
                f["rule_id"].as_str().unwrap_or(""),
                decoded_of(f).unwrap_or("-"),
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            (1, "github-pat-classic", "base64"),
            (2, "slack-bot-token", "hex"),
            (3, "github-pat-classic", "percent"),
            (4, "github-pat-classic", "escape"),
        ],
        "{findings:#?}"
    );
    // The location is the encoded text in the outer blob.
    assert_eq!(findings[0]["location"]["column"], 6);
    assert_eq!(findings[0]["secret_sha256"], findings[2]["secret_sha256"]);
}

#[test]
fn depth_two_finds_base64_of_hex_and_the_flag_bounds_it() {
    let inner = hex(format!("GITHUB={GITHUB_TOKEN}").as_bytes());
    let outer = STANDARD.encode(&inner);
    let input = format!("blob: {outer}\n").into_bytes();
    let (findings, _) = scan(&["stdin"], Some(input.clone()));
    assert_eq!(findings.len(), 1);
    assert_eq!(decoded_of(&findings[0]), Some("base64>hex"));
    let (findings, _) = scan(&["stdin", "--decode-depth", "1"], Some(input.clone()));
    assert!(findings.is_empty());
    let plain_b64 = format!("x: {}\n", STANDARD.encode(format!("t={GITHUB_TOKEN}"))).into_bytes();
    let (findings, _) = scan(&["stdin", "--decode-depth", "0"], Some(plain_b64));
    assert!(findings.is_empty());
}

#[test]
fn a_secret_found_plain_and_decoded_in_one_blob_is_reported_once() {
    let input = format!(
        "token = {GITHUB_TOKEN}\nsame = {}\n",
        STANDARD.encode(format!("t={GITHUB_TOKEN}"))
    );
    let (findings, _) = scan(&["stdin"], Some(input.into_bytes()));
    assert_eq!(findings.len(), 1, "{findings:#?}");
    assert_eq!(decoded_of(&findings[0]), None);
}

#[test]
fn a_token_that_is_itself_encoded_is_one_finding_under_its_own_rule() {
    // UploadThing's token is base64 JSON holding an `sk_live_` key: the
    // decoded key is part of the same credential, not a second leak.
    let token = STANDARD.encode(
        r#"{"apiKey":"sk_live_4f0c9a7be21d5836c4a1f09e7b3d62a85c0e4f91b7a2d6c3e8f05b19a4c7d2e6","appId":"q7w2k9x4m1","regions":["sea1"]}"#, // leakhound:allow
    );
    let (findings, _) = scan(
        &["stdin"],
        Some(format!("UPLOADTHING_TOKEN={token}\n").into_bytes()),
    );
    let rules: Vec<&str> = findings.iter().filter_map(|f| f["rule_id"].as_str()).collect();
    assert_eq!(rules, ["uploadthing-token"], "{findings:#?}");
    // The same key base64-encoded on its own is still found by decoding.
    let alone = STANDARD.encode("sk_live_4f0c9a7be21d5836c4a1f09e7b3d62a85c0e4f91b7a2d6c3e8f05b19a4c7d2e6"); // leakhound:allow
    let (findings, _) = scan(&["stdin"], Some(format!("KEY={alone}\n").into_bytes()));
    assert_eq!(findings.len(), 1, "{findings:#?}");
    assert_eq!(decoded_of(&findings[0]), Some("base64"));
}

#[test]
fn tgz_holding_a_zip_names_the_member_chain() {
    let inner = zip_of(&[(
        "conf/app.env",
        format!("GITHUB_TOKEN={GITHUB_TOKEN}\n").as_bytes(),
    )]);
    let tgz = gz(&tar_of(&[
        ("inner.zip", &inner),
        ("README.md", b"nothing here\n"),
    ]));
    let dir = tempfile::tempdir().expect("tempdir");
    fs::write(dir.path().join("x.tgz"), &tgz).expect("write");
    let (findings, _) = scan(&["dir", dir.path().to_str().expect("utf-8")], None);
    assert_eq!(findings.len(), 1);
    let f = &findings[0];
    assert_eq!(f["source"]["archive_member"], "x.tgz!inner.zip!conf/app.env");
    assert!(
        f["location"]["path"]
            .as_str()
            .is_some_and(|p| p.ends_with("/x.tgz!inner.zip!conf/app.env")),
        "{f:#?}"
    );
    assert_eq!(f["location"]["line"], 1);
    // --archive-depth 0 leaves archives alone (counted as binary).
    let (findings, _) = scan(
        &["dir", "--archive-depth", "0", dir.path().to_str().expect("utf-8")],
        None,
    );
    assert!(findings.is_empty());
}

#[test]
fn jar_whl_and_gz_are_opened_by_their_magic_bytes() {
    let props = format!("slack.token={SLACK_TOKEN}\n");
    let jar = zip_of(&[("BOOT-INF/classes/application.properties", props.as_bytes())]);
    let whl = zip_of(&[(
        "pkg/settings.py",
        format!("TOKEN = \"{GITHUB_TOKEN}\"\n").as_bytes(),
    )]);
    let dir = tempfile::tempdir().expect("tempdir");
    fs::write(dir.path().join("app.jar"), jar).expect("write");
    fs::write(dir.path().join("pkg-1.0-py3-none-any.whl"), whl).expect("write");
    fs::write(
        dir.path().join("deploy.env.gz"),
        gz(format!("SLACK={SLACK_TOKEN}\nGH={GITHUB_TOKEN}\n").as_bytes()),
    )
    .expect("write");
    let (findings, _) = scan(&["dir", dir.path().to_str().expect("utf-8")], None);
    let mut members: Vec<&str> = findings
        .iter()
        .filter_map(|f| f["source"]["archive_member"].as_str())
        .collect();
    members.sort_unstable();
    assert_eq!(
        members,
        [
            "app.jar!BOOT-INF/classes/application.properties",
            "deploy.env.gz!deploy.env",
            "deploy.env.gz!deploy.env",
            "pkg-1.0-py3-none-any.whl!pkg/settings.py",
        ]
    );
}

#[test]
fn a_zip_bomb_is_skipped_counted_and_named_while_other_members_are_scanned() {
    // 1 GiB of zeros in one member: about 1 MiB compressed.
    let mut w = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default().large_file(true);
    w.start_file("bomb.bin", options).expect("start");
    let chunk = vec![0u8; 1 << 20];
    for _ in 0..1024 {
        w.write_all(&chunk).expect("write");
    }
    w.start_file("conf/secrets.env", zip::write::SimpleFileOptions::default())
        .expect("start");
    w.write_all(format!("GITHUB_TOKEN={GITHUB_TOKEN}\n").as_bytes())
        .expect("write");
    let bomb = w.finish().expect("finish").into_inner();
    assert!(bomb.len() < 8 << 20, "the bomb is small on disk");
    let dir = tempfile::tempdir().expect("tempdir");
    fs::write(dir.path().join("bomb.zip"), bomb).expect("write");
    let started = std::time::Instant::now();
    let (findings, stderr) = scan(&["dir", dir.path().to_str().expect("utf-8")], None);
    assert!(started.elapsed().as_secs() < 30);
    assert_eq!(findings.len(), 1);
    assert_eq!(
        findings[0]["source"]["archive_member"],
        "bomb.zip!conf/secrets.env"
    );
    assert!(stderr.contains("archive limit (zip-bomb guard)"), "{stderr}");
    assert!(stderr.contains("bomb.zip!bomb.bin"), "{stderr}");
}

#[test]
fn archives_nested_deeper_than_the_limit_are_counted_not_opened() {
    let mut nested = zip_of(&[("deep.env", format!("T={GITHUB_TOKEN}\n").as_bytes())]);
    for level in 0..3 {
        nested = zip_of(&[(&format!("level{level}.zip"), &nested)]);
    }
    // top.zip > level2.zip > level1.zip > level0.zip > deep.env: depth 4.
    let dir = tempfile::tempdir().expect("tempdir");
    fs::write(dir.path().join("top.zip"), &nested).expect("write");
    let root = dir.path().to_str().expect("utf-8");
    let (findings, stderr) = scan(&["dir", root], None);
    assert!(findings.is_empty());
    assert!(stderr.contains("archive nested too deep"), "{stderr}");
    let (findings, _) = scan(&["dir", "--archive-depth", "4", root], None);
    assert_eq!(
        findings[0]["source"]["archive_member"],
        "top.zip!level2.zip!level1.zip!level0.zip!deep.env"
    );
}

#[test]
fn a_corrupt_archive_is_a_warning_and_the_scan_goes_on() {
    let zip = zip_of(&[("a.env", format!("T={GITHUB_TOKEN}\n").as_bytes())]);
    let dir = tempfile::tempdir().expect("tempdir");
    fs::write(dir.path().join("broken.zip"), &zip[..zip.len() / 2]).expect("write");
    fs::write(dir.path().join("plain.env"), format!("S={SLACK_TOKEN}\n")).expect("write");
    let (findings, stderr) = scan(&["dir", dir.path().to_str().expect("utf-8")], None);
    assert_eq!(findings.len(), 1);
    assert!(stderr.contains("broken.zip"), "{stderr}");
}

fn git(dir: &Path, args: &[&str]) {
    let status = Process::new("git")
        .args(args)
        .current_dir(dir)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("HOME", dir)
        .env("GIT_AUTHOR_NAME", "T")
        .env("GIT_AUTHOR_EMAIL", "t@example.com")
        .env("GIT_COMMITTER_NAME", "T")
        .env("GIT_COMMITTER_EMAIL", "t@example.com")
        .status()
        .expect("git runs");
    assert!(status.success(), "git {args:?}");
}

#[test]
fn an_archive_committed_long_ago_is_found_in_history() {
    let dir = tempfile::tempdir().expect("tempdir");
    let repo = dir.path();
    git(repo, &["init", "-q", "-b", "main"]);
    let inner = zip_of(&[(
        "conf/app.env",
        format!("GITHUB_TOKEN={GITHUB_TOKEN}\n").as_bytes(),
    )]);
    fs::create_dir_all(repo.join("dist")).expect("mkdir");
    fs::write(repo.join("dist/x.tgz"), gz(&tar_of(&[("inner.zip", &inner)]))).expect("write");
    fs::write(repo.join("README.md"), "hello\n").expect("write");
    git(repo, &["add", "-A"]);
    git(repo, &["commit", "-q", "-m", "release bundle"]);
    git(repo, &["rm", "-q", "dist/x.tgz"]);
    git(repo, &["commit", "-q", "-m", "drop bundle"]);
    let (findings, _) = scan(&["git", repo.to_str().expect("utf-8")], None);
    assert_eq!(findings.len(), 1, "{findings:#?}");
    let f = &findings[0];
    assert_eq!(f["location"]["path"], "dist/x.tgz!inner.zip!conf/app.env");
    assert_eq!(f["source"]["archive_member"], "x.tgz!inner.zip!conf/app.env");
    assert_eq!(f["git"]["message"], "release bundle");
}

#[test]
fn a_base64_secret_in_history_is_decoded() {
    let dir = tempfile::tempdir().expect("tempdir");
    let repo = dir.path();
    git(repo, &["init", "-q", "-b", "main"]);
    let encoded = STANDARD.encode(format!("token={SLACK_TOKEN}"));
    fs::write(repo.join("values.yaml"), format!("data:\n  blob: {encoded}\n")).expect("write");
    git(repo, &["add", "-A"]);
    git(repo, &["commit", "-q", "-m", "values"]);
    let (findings, _) = scan(&["git", repo.to_str().expect("utf-8")], None);
    assert_eq!(findings.len(), 1);
    assert_eq!(decoded_of(&findings[0]), Some("base64"));
    assert_eq!(findings[0]["location"]["path"], "values.yaml");
    assert_eq!(findings[0]["location"]["line"], 2);
}

/// Layers of the test image: a secret file, its whiteout, the same
/// secret again, and an app jar.
fn image_layers() -> Vec<Vec<u8>> {
    let env = format!("GITHUB_TOKEN={GITHUB_TOKEN}\n");
    let jar = zip_of(&[(
        "application.properties",
        format!("slack={SLACK_TOKEN}\n").as_bytes(),
    )]);
    vec![
        tar_of(&[("etc/hostname", b"box\n"), ("app/.env", env.as_bytes())]),
        tar_of(&[("app/.wh..env", b""), ("app/main.py", b"print('hi')\n")]),
        tar_of(&[("srv/copy.env", env.as_bytes()), ("srv/app.jar", &jar)]),
    ]
}

fn image_config() -> Vec<u8> {
    serde_json::to_vec(&json!({
        "architecture": "amd64",
        "config": {
            "Env": ["PATH=/usr/bin", format!("DEPLOY_SLACK={SLACK_TOKEN}")],
            "Labels": {"maintainer": "ops@example.com"}
        },
        "rootfs": {"type": "layers", "diff_ids": ["sha256:aaa0", "sha256:aaa1", "sha256:aaa2"]},
        "history": [
            {"created_by": "/bin/sh -c #(nop) ADD file:abc in /"},
            {"created_by": "/bin/sh -c #(nop)  ENV DEPLOY_SLACK=xoxb-…"}
        ]
    }))
    .expect("json")
}

fn check_image_findings(findings: &[Value], layer_digest: &dyn Fn(usize) -> String) {
    let by_path: Vec<(&str, &str)> = findings
        .iter()
        .map(|f| {
            (
                f["location"]["path"].as_str().unwrap_or(""),
                f["source"]["layer"].as_str().unwrap_or("-"),
            )
        })
        .collect();
    // The GitHub token: added in layer 0, deleted in layer 1, added again in
    // layer 2: one finding. The Slack token: in the jar and in the config's Env.
    assert_eq!(by_path.len(), 2, "{findings:#?}");
    assert_eq!(by_path[0].0, "app/.env");
    assert_eq!(
        by_path[0].1,
        format!("0 {} (deleted in layer 1) (also in layers 2)", layer_digest(0))
    );
    assert_eq!(by_path[1].0, "srv/app.jar!application.properties");
    assert_eq!(by_path[1].1, format!("2 {}", layer_digest(2)));
    for f in findings {
        assert_eq!(f["source"]["kind"], "image");
    }
}

#[test]
fn docker_save_image_layers_whiteouts_and_config() {
    let layers = image_layers();
    let manifest = serde_json::to_vec(&json!([{
        "Config": "cfg.json",
        "RepoTags": ["demo:latest"],
        "Layers": ["l0/layer.tar", "l1/layer.tar", "l2/layer.tar"]
    }]))
    .expect("json");
    let config = image_config();
    let image = tar_of(&[
        ("l0/layer.tar", &layers[0]),
        ("l1/layer.tar", &layers[1]),
        ("l2/layer.tar", &layers[2]),
        ("cfg.json", &config),
        ("manifest.json", &manifest),
    ]);
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("demo.tar");
    fs::write(&path, image).expect("write");
    let (findings, _) = scan(&["image", path.to_str().expect("utf-8")], None);
    check_image_findings(&findings, &|i| format!("sha256:aaa{i}"));

    // Without the jar layer's copy, the Env secret is reported at the config.
    let only_config = tar_of(&[
        ("l0/layer.tar", &layers[0]),
        ("cfg.json", &config),
        (
            "manifest.json",
            &serde_json::to_vec(&json!([{"Config": "cfg.json", "Layers": ["l0/layer.tar"]}])).expect("json"),
        ),
    ]);
    fs::write(&path, only_config).expect("write");
    let (findings, _) = scan(&["image", path.to_str().expect("utf-8")], None);
    let env = findings
        .iter()
        .find(|f| f["location"]["path"] == "config:Env")
        .expect("the ENV secret is found");
    assert_eq!(env["location"]["line"], 2);
    assert_eq!(env["rule_id"], "slack-bot-token");
}

#[test]
fn oci_image_with_gzip_layers() {
    let layers: Vec<Vec<u8>> = image_layers().iter().map(|l| gz(l)).collect();
    let digest = |i: usize| format!("sha256:{}", format!("{i}").repeat(64));
    let config = image_config();
    let config_digest = format!("sha256:{}", "c".repeat(64));
    let manifest = serde_json::to_vec(&json!({
        "schemaVersion": 2,
        "config": {"mediaType": "application/vnd.oci.image.config.v1+json", "digest": config_digest},
        "layers": (0..3).map(|i| json!({
            "mediaType": "application/vnd.oci.image.layer.v1.tar+gzip",
            "digest": digest(i)
        })).collect::<Vec<_>>()
    }))
    .expect("json");
    let manifest_digest = format!("sha256:{}", "d".repeat(64));
    let index = serde_json::to_vec(&json!({
        "schemaVersion": 2,
        "manifests": [{"mediaType": "application/vnd.oci.image.manifest.v1+json", "digest": manifest_digest}]
    }))
    .expect("json");
    let blob = |d: &str| format!("blobs/sha256/{}", d.trim_start_matches("sha256:"));
    let names = [
        blob(&digest(0)),
        blob(&digest(1)),
        blob(&digest(2)),
        blob(&config_digest),
        blob(&manifest_digest),
    ];
    let image = tar_of(&[
        ("oci-layout", br#"{"imageLayoutVersion":"1.0.0"}"#),
        ("index.json", &index),
        (&names[4], &manifest),
        (&names[3], &config),
        (&names[0], &layers[0]),
        (&names[1], &layers[1]),
        (&names[2], &layers[2]),
    ]);
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("oci.tar");
    fs::write(&path, image).expect("write");
    let (findings, _) = scan(&["image", path.to_str().expect("utf-8")], None);
    check_image_findings(&findings, &digest);
}

#[test]
fn a_file_that_is_no_image_is_an_error() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("not-an-image.tar");
    fs::write(&path, tar_of(&[("hello.txt", b"hi\n")])).expect("write");
    leakhound()
        .args(["image", path.to_str().expect("utf-8")])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("manifest.json"));
}

#[test]
fn an_archive_piped_to_stdin_is_opened() {
    let zip = zip_of(&[(
        "conf/app.env",
        format!("GITHUB_TOKEN={GITHUB_TOKEN}\n").as_bytes(),
    )]);
    let (findings, _) = scan(&["stdin", "--path", "bundle.zip"], Some(zip));
    assert_eq!(findings.len(), 1);
    assert_eq!(findings[0]["location"]["path"], "bundle.zip!conf/app.env");
    assert_eq!(findings[0]["source"]["archive_member"], "bundle.zip!conf/app.env");
}

#[test]
fn staged_archives_and_encoded_secrets_are_caught_before_the_commit() {
    let dir = tempfile::tempdir().expect("tempdir");
    let repo = dir.path();
    git(repo, &["init", "-q", "-b", "main"]);
    fs::write(repo.join("README.md"), "hello\n").expect("write");
    git(repo, &["add", "-A"]);
    git(repo, &["commit", "-q", "-m", "start"]);
    let jar = zip_of(&[(
        "application.properties",
        format!("slack={SLACK_TOKEN}\n").as_bytes(),
    )]);
    fs::write(repo.join("app.jar"), jar).expect("write");
    let encoded = STANDARD.encode(format!("token={GITHUB_TOKEN}"));
    fs::write(repo.join("README.md"), format!("hello\nblob: {encoded}\n")).expect("write");
    git(repo, &["add", "-A"]);
    let (findings, _) = scan(&["staged", repo.to_str().expect("utf-8")], None);
    let mut got: Vec<(String, String)> = findings
        .iter()
        .map(|f| {
            (
                f["location"]["path"].as_str().unwrap_or("").to_string(),
                decoded_of(f).unwrap_or("-").to_string(),
            )
        })
        .collect();
    got.sort();
    assert_eq!(
        got,
        [
            ("README.md".to_string(), "base64".to_string()),
            ("app.jar!application.properties".to_string(), "-".to_string()),
        ]
    );
}

#[test]
fn every_version_holding_an_encoded_secret_counts_as_an_occurrence() {
    let dir = tempfile::tempdir().expect("tempdir");
    let repo = dir.path();
    git(repo, &["init", "-q", "-b", "main"]);
    let encoded = STANDARD.encode(format!("token={GITHUB_TOKEN}"));
    // Unchanged text after the secret: history scans skip chunks already
    // scanned, unless they held a secret (encoded ones too).
    let mut text = format!("blob: {encoded}\n");
    for n in 0..200 {
        text.push_str(&format!("filler {n} {}\n", "x".repeat(n % 13)));
    }
    for version in 0..3 {
        text.push_str(&format!("line added in version {version}\n"));
        fs::write(repo.join("values.yaml"), &text).expect("write");
        git(repo, &["add", "-A"]);
        git(repo, &["commit", "-q", "-m", &format!("v{version}")]);
    }
    let (findings, _) = scan(&["git", repo.to_str().expect("utf-8")], None);
    assert_eq!(findings.len(), 1);
    assert_eq!(findings[0]["git"]["occurrences"], 3);
    assert_eq!(findings[0]["git"]["message"], "v0");
}

#[test]
fn a_truncated_image_is_an_error_or_a_warning_never_a_crash() {
    let layers = image_layers();
    let manifest =
        serde_json::to_vec(&json!([{"Config": "cfg.json", "Layers": ["l0/layer.tar", "l2/layer.tar"]}]))
            .expect("json");
    let config = image_config();
    let image = tar_of(&[
        ("manifest.json", &manifest),
        ("cfg.json", &config),
        ("l0/layer.tar", &layers[0]),
        ("l2/layer.tar", &layers[2]),
    ]);
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("cut.tar");
    for cut in [100, 1000, image.len() / 2, image.len() - 700, image.len() - 1] {
        fs::write(&path, &image[..cut]).expect("write");
        let out = leakhound()
            .args(["image", "--no-progress", path.to_str().expect("utf-8")])
            .output()
            .expect("runs");
        assert!(matches!(out.status.code(), Some(0..=2)), "cut at {cut}: {out:?}");
    }
}
