//! Every source scans a blob the same way: the same content — a plain
//! token, a base64-encoded one and one inside a zip — gives the same
//! findings read from a directory, standard input, the index, a commit
//! range, a date window and the full history; commit messages are scanned
//! (decoders included) the same way under every git mode. Tokens are
//! generated here: random, with a correct checksum, and not real keys.

use std::{io::Cursor, io::Write, path::Path, process::Command};

use assert_cmd::cargo::cargo_bin;
use base64::{Engine as _, engine::general_purpose::STANDARD};
use serde_json::Value;
use sha2::{Digest, Sha256};

const BASE62: &[u8] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

/// A GitHub classic token shape: `ghp_` + 30 random base62 + the base62
/// CRC32 of those 30, six wide. `seed` makes each one distinct.
fn github_token(seed: u64) -> String {
    let mut state = seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1;
    let body: String = (0..30)
        .map(|_| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            BASE62[(state % 62) as usize] as char
        })
        .collect();
    let mut crc = crc32fast::hash(body.as_bytes());
    let mut check = [b'0'; 6];
    for slot in check.iter_mut().rev() {
        *slot = BASE62[(crc % 62) as usize];
        crc /= 62;
    }
    format!("ghp_{body}{}", String::from_utf8_lossy(&check))
}

fn zip_of(name: &str, data: &[u8]) -> Vec<u8> {
    let mut w = zip::ZipWriter::new(Cursor::new(Vec::new()));
    w.start_file(name, zip::write::SimpleFileOptions::default())
        .expect("start");
    w.write_all(data).expect("write");
    w.finish().expect("finish").into_inner()
}

fn sha256_hex(text: &str) -> String {
    Sha256::digest(text.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// The test's tokens, named so findings can be told apart by their hash.
struct Tokens {
    named: Vec<(&'static str, String)>,
}

impl Tokens {
    fn new() -> Self {
        Tokens {
            named: ["plain", "base64", "zipped", "message", "message-base64"]
                .into_iter()
                .zip(101..)
                .map(|(name, seed)| (name, github_token(seed)))
                .collect(),
        }
    }

    fn get(&self, name: &str) -> &str {
        self.named
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, t)| t.as_str())
            .expect("a named token")
    }

    fn name_of(&self, sha: &str) -> &'static str {
        self.named
            .iter()
            .find(|(_, t)| sha256_hex(t) == sha)
            .map_or("unknown", |(n, _)| *n)
    }
}

/// What a finding says about how its secret was found: which token, the
/// rule, whether decoders revealed it, whether it sat in an archive.
type Seen = (String, String, bool, bool);

fn run(dir: &Path, args: &[&str], stdin: Option<Vec<u8>>, tokens: &Tokens) -> Vec<Seen> {
    let mut cmd = Command::new(cargo_bin("leakhound"));
    cmd.args(args)
        .args(["--format", "json", "--no-progress", "--no-config-discovery"])
        .current_dir(dir)
        .env("NO_COLOR", "1");
    let out = match stdin {
        Some(input) => {
            let mut child = cmd
                .stdin(std::process::Stdio::piped())
                .stdout(std::process::Stdio::piped())
                .stderr(std::process::Stdio::piped())
                .spawn()
                .expect("runs");
            child
                .stdin
                .take()
                .expect("stdin")
                .write_all(&input)
                .expect("write stdin");
            child.wait_with_output().expect("runs")
        }
        None => cmd.output().expect("runs"),
    };
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        matches!(out.status.code(), Some(0 | 1)),
        "{args:?}: exit {:?}: {stderr}",
        out.status.code()
    );
    let findings: Vec<Value> = serde_json::from_slice(&out.stdout).expect("JSON findings");
    let mut seen: Vec<Seen> = findings
        .iter()
        .map(|f| {
            (
                tokens
                    .name_of(f["secret_sha256"].as_str().unwrap_or_default())
                    .to_string(),
                f["rule_id"].as_str().unwrap_or_default().to_string(),
                f["source"]["decoded"].is_string(),
                f["source"]["archive_member"].is_string(),
            )
        })
        .collect();
    seen.sort();
    seen
}

fn git(dir: &Path, args: &[&str]) {
    let status = Command::new("git")
        .args(args)
        .current_dir(dir)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_CONFIG_GLOBAL", dir.join(".no-global-config"))
        .env("GIT_AUTHOR_NAME", "T")
        .env("GIT_AUTHOR_EMAIL", "t@example.com")
        .env("GIT_COMMITTER_NAME", "T")
        .env("GIT_COMMITTER_EMAIL", "t@example.com")
        .status()
        .expect("git runs");
    assert!(status.success(), "git {args:?}");
}

#[test]
fn every_source_finds_the_same_secrets_in_the_same_content() {
    let tokens = Tokens::new();
    let text = format!(
        "GITHUB_TOKEN={}\nblob: {}\n",
        tokens.get("plain"),
        STANDARD.encode(format!("token: {}", tokens.get("base64")))
    );
    let bundle = zip_of(
        "conf/app.env",
        format!("GITHUB_TOKEN={}\n", tokens.get("zipped")).as_bytes(),
    );
    let message = format!(
        "add config\n\nused {} and {}\n",
        tokens.get("message"),
        STANDARD.encode(format!("token: {}", tokens.get("message-base64")))
    );

    let work = tempfile::tempdir().expect("tempdir");
    let tree = work.path().join("tree");
    std::fs::create_dir(&tree).expect("mkdir");
    std::fs::write(tree.join("config.env"), &text).expect("write");
    std::fs::write(tree.join("bundle.zip"), &bundle).expect("write");

    let in_files = run(work.path(), &["dir", "tree"], None, &tokens);
    let names: Vec<&str> = in_files.iter().map(|s| s.0.as_str()).collect();
    assert_eq!(names, ["base64", "plain", "zipped"], "{in_files:?}");
    assert!(in_files.iter().any(|s| s.0 == "base64" && s.2), "{in_files:?}");
    assert!(in_files.iter().any(|s| s.0 == "zipped" && s.3), "{in_files:?}");

    let mut from_stdin = run(work.path(), &["stdin"], Some(text.clone().into_bytes()), &tokens);
    from_stdin.extend(run(work.path(), &["stdin"], Some(bundle.clone()), &tokens));
    from_stdin.sort();
    assert_eq!(from_stdin, in_files, "stdin");

    let repo = work.path().join("repo");
    std::fs::create_dir(&repo).expect("mkdir");
    git(&repo, &["init", "-q", "-b", "main"]);
    std::fs::write(repo.join("README.md"), "hello\n").expect("write");
    git(&repo, &["add", "-A"]);
    git(&repo, &["commit", "-q", "-m", "start"]);
    std::fs::write(repo.join("config.env"), &text).expect("write");
    std::fs::write(repo.join("bundle.zip"), &bundle).expect("write");
    git(&repo, &["add", "-A"]);
    assert_eq!(run(&repo, &["staged"], None, &tokens), in_files, "staged");
    git(&repo, &["commit", "-q", "-m", &message]);

    let mut with_messages = in_files.clone();
    let rule = in_files[0].1.clone();
    with_messages.push(("message".into(), rule.clone(), false, false));
    with_messages.push(("message-base64".into(), rule, true, false));
    with_messages.sort();
    assert_eq!(run(&repo, &["git"], None, &tokens), with_messages, "full history");
    assert_eq!(
        run(&repo, &["git", "--range", "HEAD~1..HEAD"], None, &tokens),
        with_messages,
        "range"
    );
    assert_eq!(
        run(&repo, &["git", "--since", "2000-01-01"], None, &tokens),
        with_messages,
        "since"
    );
}
