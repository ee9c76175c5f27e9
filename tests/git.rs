//! History, range, staged and hook tests against repositories built here
//! with the `git` command line. Tokens are generated at run time: random,
//! shaped like the real thing, and not real keys.

use std::{
    path::{Path, PathBuf},
    process::Command,
};

use assert_cmd::cargo::cargo_bin;
use serde_json::Value;
use tempfile::TempDir;

/// A deterministic token body: `len` characters from `alphabet`.
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
const DIGITS: &[u8] = b"0123456789";

fn github_token(seed: u64) -> String {
    format!("ghp_{}", random_chars(seed, 36, ALNUM))
}

fn slack_token(seed: u64) -> String {
    format!(
        "xoxb-{}-{}-{}",
        random_chars(seed, 10, DIGITS),
        random_chars(seed + 1, 12, DIGITS),
        random_chars(seed + 2, 24, ALNUM)
    )
}

fn stripe_key(seed: u64) -> String {
    format!("sk_live_{}", random_chars(seed, 24, ALNUM))
}

/// A scratch repository driven through the git command line, with fixed
/// identities and commit dates one day apart.
struct Repo {
    _dir: TempDir,
    path: PathBuf,
    clock: u64,
}

impl Repo {
    fn new() -> Self {
        let dir = TempDir::new().expect("tempdir");
        let path = dir.path().join("repo");
        std::fs::create_dir(&path).expect("mkdir");
        let mut repo = Repo {
            _dir: dir,
            path,
            clock: 0,
        };
        repo.git(&["init", "-q", "-b", "main", "."]);
        repo
    }

    fn git(&mut self, args: &[&str]) -> String {
        git_in(&self.path, args, self.clock)
    }

    fn write(&self, file: &str, content: &str) {
        let path = self.path.join(file);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).expect("mkdir");
        }
        std::fs::write(path, content).expect("write");
    }

    /// Stages everything and commits; returns the new commit id.
    fn commit(&mut self, message: &str) -> String {
        self.clock += 1;
        self.git(&["add", "-A"]);
        self.git(&["commit", "-q", "--allow-empty", "-m", message]);
        self.head()
    }

    fn head(&mut self) -> String {
        self.git(&["rev-parse", "HEAD"]).trim().to_string()
    }
}

/// `git` in `dir` with no user or system configuration and a fixed identity.
fn git_command(dir: &Path) -> Command {
    let mut cmd = Command::new("git");
    cmd.current_dir(dir)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_CONFIG_GLOBAL", dir.join(".no-global-config"))
        .env("GIT_AUTHOR_NAME", "Ada Dev")
        .env("GIT_AUTHOR_EMAIL", "ada@example.com")
        .env("GIT_COMMITTER_NAME", "Ada Dev")
        .env("GIT_COMMITTER_EMAIL", "ada@example.com");
    cmd
}

fn git_in(dir: &Path, args: &[&str], clock: u64) -> String {
    let date = format!("{} +0000", 1_700_000_000 + clock * 86_400);
    let out = git_command(dir)
        .args(args)
        .env("GIT_AUTHOR_DATE", &date)
        .env("GIT_COMMITTER_DATE", &date)
        .output()
        .expect("git runs");
    assert!(
        out.status.success(),
        "git {args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// Runs leakhound with `args` in `dir`; returns (exit code, findings, stderr).
fn leakhound(dir: &Path, args: &[&str]) -> (i32, Vec<Value>, String) {
    let out = Command::new(cargo_bin("leakhound"))
        .args(args)
        .args(["--format", "json", "--no-progress"])
        .current_dir(dir)
        .output()
        .expect("leakhound runs");
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    let findings: Vec<Value> = if out.stdout.is_empty() {
        Vec::new()
    } else {
        serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
            panic!(
                "not JSON ({e}): {}\n{stderr}",
                String::from_utf8_lossy(&out.stdout)
            )
        })
    };
    (out.status.code().unwrap_or(-1), findings, stderr)
}

fn by_rule<'a>(findings: &'a [Value], rule: &str) -> Vec<&'a Value> {
    findings.iter().filter(|f| f["rule_id"] == rule).collect()
}

fn only<'a>(findings: &'a [Value], rule: &str) -> &'a Value {
    let found = by_rule(findings, rule);
    assert_eq!(found.len(), 1, "expected one {rule} finding in {findings:#?}");
    found[0]
}

/// Every case of the issue in one history, so packed and loose forms can be
/// compared. Returns the repository and the commit each secret came in with.
struct History {
    repo: Repo,
    deleted: String,
    branch_only: String,
    orphan: String,
    in_message: String,
    renamed: String,
    reset_away: String,
}

fn build_history() -> History {
    let mut repo = Repo::new();
    repo.write("app.py", "print('hello')\n");
    repo.commit("initial commit");

    // Added, then deleted.
    repo.write("config.py", &format!("GITHUB_TOKEN = \"{}\"\n", github_token(1)));
    let deleted = repo.commit("add config");
    std::fs::remove_file(repo.path.join("config.py")).expect("rm");
    repo.commit("remove config");

    // Later modified and renamed (and moved into a directory).
    repo.write(
        "settings.py",
        &format!("DEBUG = True\nSTRIPE_KEY = \"{}\"\n", stripe_key(2)),
    );
    let renamed = repo.commit("add settings");
    repo.write(
        "settings.py",
        &format!("DEBUG = False\nSTRIPE_KEY = \"{}\"\n", stripe_key(2)),
    );
    repo.commit("turn debug off");
    repo.git(&["mv", "settings.py", "conf_settings.py"]);
    repo.commit("rename settings");

    // Only in a commit message.
    repo.write("app.py", "print('hello, world')\n");
    let in_message = repo.commit(&format!("deploy with token {}", github_token(3)));

    // Only on an unmerged branch.
    repo.git(&["checkout", "-q", "-b", "feature"]);
    repo.write("notify.py", &format!("SLACK = '{}'\n", slack_token(4)));
    let branch_only = repo.commit("notify via slack");
    repo.git(&["checkout", "-q", "main"]);

    // Only in an orphan commit that an annotated tag keeps alive.
    repo.git(&["checkout", "-q", "--orphan", "scratch"]);
    repo.git(&["rm", "-rfq", "."]);
    repo.write("old.env", &format!("TOKEN={}\n", github_token(5)));
    let orphan = repo.commit("scratch work");
    repo.git(&["tag", "-a", "archived", "-m", "archived scratch work"]);
    repo.git(&["checkout", "-q", "-f", "main"]);
    repo.git(&["branch", "-D", "scratch"]);

    // Committed, then reset away: no ref reaches it.
    repo.write("leak.txt", &format!("stripe = {}\n", stripe_key(6)));
    let reset_away = repo.commit("oops");
    repo.git(&["reset", "-q", "--hard", "HEAD~1"]);
    repo.git(&["reflog", "expire", "--expire=now", "--all"]);

    History {
        repo,
        deleted,
        branch_only,
        orphan,
        in_message,
        renamed,
        reset_away,
    }
}

fn secret_commit<'a>(findings: &'a [Value], needle_path: Option<&str>, commit: &str) -> &'a Value {
    findings
        .iter()
        .find(|f| f["git"]["commit"] == commit && f["location"]["path"].as_str() == needle_path)
        .unwrap_or_else(|| panic!("no finding at {needle_path:?} in {commit}: {findings:#?}"))
}

fn assert_history_findings(h: &History, findings: &[Value]) {
    let deleted = secret_commit(findings, Some("config.py"), &h.deleted);
    assert_eq!(deleted["rule_id"], "github-pat-classic");
    assert_eq!(deleted["git"]["message"], "add config");
    assert_eq!(deleted["git"]["author"], "Ada Dev");
    assert_eq!(deleted["git"]["email"], "ada@example.com");
    assert_eq!(deleted["git"]["date"], "2023-11-16T22:13:20Z");
    assert_eq!(deleted["git"]["unreachable"], false);
    assert_eq!(deleted["source"]["kind"], "git");

    let renamed = secret_commit(findings, Some("settings.py"), &h.renamed);
    assert_eq!(renamed["rule_id"], "stripe-secret-key");
    assert_eq!(renamed["location"]["line"], 2);
    // Two file versions hold it; the rename adds no new blob.
    assert_eq!(renamed["git"]["occurrences"], 2);

    let message = secret_commit(findings, None, &h.in_message);
    assert_eq!(message["location"]["kind"], "commit-message");
    assert_eq!(message["location"]["line"], 1);
    assert_eq!(message["git"]["blob"], Value::Null);

    let branch = secret_commit(findings, Some("notify.py"), &h.branch_only);
    assert_eq!(branch["rule_id"], "slack-bot-token");
    assert_eq!(branch["git"]["unreachable"], false);

    let orphan = secret_commit(findings, Some("old.env"), &h.orphan);
    assert_eq!(orphan["git"]["unreachable"], false, "the tag reaches it");

    let reset = secret_commit(findings, Some("leak.txt"), &h.reset_away);
    assert_eq!(reset["git"]["unreachable"], true);
    assert_eq!(reset["git"]["message"], "oops");

    assert_eq!(findings.len(), 6, "{findings:#?}");
}

#[test]
fn full_history_finds_and_attributes_every_case_loose_and_packed() {
    let h = build_history();
    let (code, findings, stderr) = leakhound(&h.repo.path, &["git"]);
    assert_eq!(code, 1, "{stderr}");
    assert_history_findings(&h, &findings);
    assert!(stderr.contains("1 unreachable"), "{stderr}");
    // Skipping text scanned in an earlier version changes nothing reported.
    let (_, rescanned, _) = leakhound(&h.repo.path, &["git", "--rescan-unchanged"]);
    assert_eq!(findings, rescanned);

    // The same history packed (unreachable objects kept in the pack): the
    // pack traversal must find exactly the same.
    let mut packed = h;
    packed
        .repo
        .git(&["repack", "-a", "-d", "-q", "--keep-unreachable"]);
    packed.repo.git(&["prune-packed"]);
    assert!(
        std::fs::read_dir(packed.repo.path.join(".git/objects/pack"))
            .expect("pack dir")
            .count()
            >= 2
    );
    let (code, packed_findings, stderr) = leakhound(&packed.repo.path, &["git"]);
    assert_eq!(code, 1, "{stderr}");
    assert_history_findings(&packed, &packed_findings);
    assert_eq!(findings, packed_findings);
}

#[test]
fn reachable_only_and_branch_narrow_the_scan() {
    let h = build_history();
    let (_, findings, _) = leakhound(&h.repo.path, &["git", "--reachable-only"]);
    assert!(findings.iter().all(|f| f["git"]["unreachable"] == false));
    assert_eq!(findings.len(), 5);

    let (_, on_main, stderr) = leakhound(&h.repo.path, &["git", "--branch", "main"]);
    assert!(by_rule(&on_main, "slack-bot-token").is_empty(), "{on_main:#?}");
    assert_eq!(on_main.len(), 3, "{on_main:#?}\n{stderr}");

    let (code, _, stderr) = leakhound(&h.repo.path, &["git", "--branch", "no-such-branch"]);
    assert_eq!(code, 2);
    assert!(stderr.contains("no-such-branch"), "{stderr}");
}

#[test]
fn sarif_says_where_a_commit_message_finding_is_in_words() {
    let h = build_history();
    let out = Command::new(cargo_bin("leakhound"))
        .args(["git", "--format", "sarif", "--no-progress"])
        .current_dir(&h.repo.path)
        .output()
        .expect("leakhound runs");
    let sarif: Value = serde_json::from_slice(&out.stdout).expect("SARIF is JSON");
    let messages: Vec<&str> = sarif["runs"][0]["results"]
        .as_array()
        .expect("results")
        .iter()
        .filter_map(|r| r["message"]["text"].as_str())
        .collect();
    let short = &h.in_message[..12];
    assert!(
        messages
            .iter()
            .any(|m| m.contains(&format!("in the commit message, line 1 (commit {short})"))),
        "{messages:#?}"
    );
    assert!(
        messages.iter().all(|m| !m.contains("CommitMessage")),
        "{messages:#?}"
    );
}

#[test]
fn all_occurrences_lists_every_path() {
    let h = build_history();
    let (_, findings, _) = leakhound(&h.repo.path, &["git", "--all-occurrences"]);
    let stripe: Vec<&Value> = by_rule(&findings, "stripe-secret-key")
        .into_iter()
        .filter(|f| f["git"]["unreachable"] == false)
        .collect();
    assert_eq!(stripe.len(), 1);
    let paths: Vec<&str> = stripe[0]["git"]["locations"]
        .as_array()
        .expect("locations")
        .iter()
        .filter_map(|l| l["path"].as_str())
        .collect();
    assert!(
        paths.contains(&"settings.py") && paths.contains(&"conf_settings.py"),
        "{paths:?}"
    );
}

#[test]
fn range_reports_only_what_the_range_introduces() {
    let mut repo = Repo::new();
    repo.write("a.py", &format!("OLD = \"{}\"\n", github_token(10)));
    let base = repo.commit("base with an old secret");
    // Touching the file keeps the old secret but must not report it again.
    repo.write(
        "a.py",
        &format!("OLD = \"{}\"\nNEW = \"{}\"\n", github_token(10), stripe_key(11)),
    );
    let added = repo.commit("add a key");
    repo.git(&["mv", "a.py", "b.py"]);
    repo.commit("rename");

    let range = format!("{base}..HEAD");
    let (code, findings, stderr) = leakhound(&repo.path, &["git", "--range", &range]);
    assert_eq!(code, 1, "{stderr}");
    assert_eq!(findings.len(), 1, "{findings:#?}");
    let f = only(&findings, "stripe-secret-key");
    assert_eq!(f["git"]["commit"], added.as_str());
    assert_eq!(f["location"]["path"], "a.py");
    assert_eq!(f["location"]["line"], 2);

    let (code, findings, stderr) = leakhound(&repo.path, &["git", "--range", "HEAD..HEAD"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(findings.is_empty());
    assert!(stderr.contains("nothing to scan"), "{stderr}");

    let (code, _, stderr) = leakhound(&repo.path, &["git", "--range", "nope..HEAD"]);
    assert_eq!(code, 2);
    assert!(stderr.contains("nope"), "{stderr}");
}

#[test]
fn since_reports_only_recent_commits() {
    let mut repo = Repo::new();
    repo.write("a.py", &format!("A = \"{}\"\n", github_token(20)));
    repo.commit("old");
    repo.clock += 100;
    repo.write("b.py", &format!("B = \"{}\"\n", stripe_key(21)));
    repo.commit("new");
    // The first commit is at day 1, the second at day 102 after 2023-11-14.
    let (_, findings, stderr) = leakhound(&repo.path, &["git", "--since", "2024-01-01"]);
    assert_eq!(findings.len(), 1, "{findings:#?}\n{stderr}");
    only(&findings, "stripe-secret-key");
}

#[test]
fn shallow_clones_say_what_is_missing_and_never_look_clean() {
    let mut origin = Repo::new();
    origin.write("a.py", &format!("A = \"{}\"\n", github_token(30)));
    origin.commit("one");
    origin.write("b.py", "x = 1\n");
    origin.commit("two");
    origin.write("c.py", "y = 2\n");
    origin.commit("three");
    let clone_dir = TempDir::new().expect("tempdir");
    let url = format!("file://{}", origin.path.display());
    git_in(
        clone_dir.path(),
        &["clone", "-q", "--depth", "1", &url, "shallow"],
        0,
    );
    let shallow = clone_dir.path().join("shallow");

    // The full scan covers what is present (the secret is still in HEAD's tree).
    let (code, findings, stderr) = leakhound(&shallow, &["git"]);
    assert_eq!(code, 1, "{stderr}");
    assert_eq!(findings.len(), 1);
    assert!(stderr.contains("history below"), "{stderr}");

    // A date window reaching below the boundary cannot be read completely.
    let (code, _, stderr) = leakhound(&shallow, &["git", "--since", "2000-01-01"]);
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("not present"), "{stderr}");
}

#[test]
fn bare_repositories_scan_like_work_trees() {
    let h = build_history();
    let clone_dir = TempDir::new().expect("tempdir");
    let url = format!("file://{}", h.repo.path.display());
    git_in(
        clone_dir.path(),
        &["clone", "-q", "--bare", "--mirror", &url, "bare.git"],
        0,
    );
    let (code, findings, stderr) = leakhound(&clone_dir.path().join("bare.git"), &["git"]);
    assert_eq!(code, 1, "{stderr}");
    // A mirror clone has every ref but not the reset-away commit.
    assert_eq!(findings.len(), 5, "{findings:#?}");
    secret_commit(&findings, Some("old.env"), &h.orphan);
}

#[test]
fn staged_reports_added_lines_only() {
    let mut repo = Repo::new();
    repo.write("app/config.py", &format!("OLD = \"{}\"\n", github_token(40)));
    repo.commit("old secret");
    repo.write(
        "app/config.py",
        &format!("OLD = \"{}\"\nNEW = \"{}\"\n", github_token(40), stripe_key(41)),
    );
    repo.git(&["add", "app/config.py"]);
    // Unstaged changes are not what the commit would add.
    repo.write("unstaged.py", &format!("X = \"{}\"\n", slack_token(42)));

    let (code, findings, stderr) = leakhound(&repo.path, &["staged"]);
    assert_eq!(code, 1, "{stderr}");
    assert_eq!(findings.len(), 1, "{findings:#?}");
    let f = only(&findings, "stripe-secret-key");
    assert_eq!(f["location"]["path"], "app/config.py");
    assert_eq!(f["location"]["line"], 2);
    assert_eq!(f["source"]["kind"], "staged");

    // From a subdirectory, the repository is found above it.
    let (code, _, _) = leakhound(&repo.path.join("app"), &["staged"]);
    assert_eq!(code, 1);

    repo.git(&["reset", "-q"]);
    let (code, findings, stderr) = leakhound(&repo.path, &["staged"]);
    assert_eq!(code, 0, "{findings:#?}\n{stderr}");
}

#[test]
fn staged_works_before_the_first_commit() {
    let mut repo = Repo::new();
    repo.write("first.py", &format!("T = \"{}\"\n", github_token(50)));
    repo.git(&["add", "first.py"]);
    let (code, findings, stderr) = leakhound(&repo.path, &["staged"]);
    assert_eq!(code, 1, "{stderr}");
    only(&findings, "github-pat-classic");
}

#[test]
fn not_a_repository_is_a_clear_error() {
    let dir = TempDir::new().expect("tempdir");
    for command in ["git", "staged"] {
        let out = Command::new(cargo_bin("leakhound"))
            .arg(command)
            .env("GIT_CEILING_DIRECTORIES", dir.path().parent().expect("parent"))
            .current_dir(dir.path())
            .output()
            .expect("runs");
        assert_eq!(out.status.code(), Some(2));
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(stderr.contains("git repository"), "{stderr}");
    }
}

#[test]
fn hook_install_blocks_a_commit_with_a_secret_and_respects_foreign_hooks() {
    let mut repo = Repo::new();
    repo.write("a.py", "x = 1\n");
    repo.commit("start");
    let hook = repo.path.join(".git/hooks/pre-commit");
    std::fs::create_dir_all(hook.parent().expect("hooks dir")).expect("mkdir");
    std::fs::write(&hook, "#!/bin/sh\necho custom\n").expect("write");

    let install = |force: bool| {
        let mut cmd = Command::new(cargo_bin("leakhound"));
        cmd.args(["hook", "install"]).current_dir(&repo.path);
        if force {
            cmd.arg("--force");
        }
        cmd.output().expect("runs")
    };
    let refused = install(false);
    assert_eq!(refused.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&refused.stderr).contains("--force"));
    assert_eq!(
        std::fs::read_to_string(&hook).expect("hook"),
        "#!/bin/sh\necho custom\n"
    );

    assert!(install(true).status.success());
    assert!(repo.path.join(".git/hooks/pre-commit.before-leakhound").exists());
    // Reinstalling over our own hook needs no --force.
    assert!(install(false).status.success());

    repo.write("b.py", &format!("T = \"{}\"\n", github_token(60)));
    repo.git(&["add", "b.py"]);
    let blocked = git_command(&repo.path)
        .args(["commit", "-q", "-m", "add b"])
        .output()
        .expect("git runs");
    assert!(!blocked.status.success(), "the hook must block the commit");
    // git sends a hook's standard output to its standard error.
    assert!(String::from_utf8_lossy(&blocked.stderr).contains("github-pat-classic"));
}

#[test]
fn pre_receive_hook_rejects_a_push_that_adds_a_secret() {
    let mut work = Repo::new();
    work.write("a.py", "x = 1\n");
    work.commit("start");
    let server = TempDir::new().expect("tempdir");
    let bare = server.path().join("server.git");
    git_in(
        server.path(),
        &["init", "-q", "--bare", "-b", "main", "server.git"],
        0,
    );
    let hook = bare.join("hooks/pre-receive");
    std::fs::copy(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("contrib/pre-receive"),
        &hook,
    )
    .expect("copy hook");
    let bare_url = bare.display().to_string();
    work.git(&["remote", "add", "origin", &bare_url]);

    let bin_dir = cargo_bin("leakhound").parent().expect("bin dir").to_path_buf();
    let path = format!(
        "{}:{}",
        bin_dir.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let push = |repo: &Repo, refspec: &str| {
        git_command(&repo.path)
            .args(["push", "-q", "origin", refspec])
            .env("PATH", &path)
            .output()
            .expect("git push runs")
    };
    let first = push(&work, "main");
    assert!(
        first.status.success(),
        "{}",
        String::from_utf8_lossy(&first.stderr)
    );

    work.write("b.py", &format!("T = \"{}\"\n", github_token(70)));
    work.commit("add b");
    let rejected = push(&work, "main");
    let stderr = String::from_utf8_lossy(&rejected.stderr);
    assert!(!rejected.status.success(), "the push must be rejected: {stderr}");
    assert!(stderr.contains("github-pat-classic"), "{stderr}");

    // A new branch carrying the secret is rejected too; a clean one passes.
    let rejected = push(&work, "main:refs/heads/other");
    assert!(!rejected.status.success());
    work.git(&["reset", "-q", "--hard", "HEAD~1"]);
    work.write("c.py", "y = 2\n");
    work.commit("clean change");
    let accepted = push(&work, "main");
    assert!(
        accepted.status.success(),
        "{}",
        String::from_utf8_lossy(&accepted.stderr)
    );
}

#[test]
fn damaged_packs_missing_objects_submodules_odd_paths_and_many_refs() {
    let mut repo = Repo::new();
    // A path that is not UTF-8.
    {
        use std::os::unix::ffi::OsStrExt;
        let odd_name = std::ffi::OsStr::from_bytes(b"odd-\xff.txt");
        std::fs::write(
            repo.path.join(odd_name),
            format!("T = \"{}\"\n", github_token(80)),
        )
        .expect("write");
    }
    repo.write("big.txt", &"x".repeat(4096));
    let first = repo.commit("odd path and a big file");
    // A submodule entry (gitlink) without the submodule itself.
    repo.git(&[
        "update-index",
        "--add",
        "--cacheinfo",
        &format!("160000,{first},vendor/lib"),
    ]);
    // Not `commit()`: `git add -A` would drop the gitlink (no such directory).
    repo.git(&["commit", "-q", "-m", "add a submodule"]);
    // 100k refs, written the way git packs them.
    let mut packed = String::from("# pack-refs with: peeled fully-peeled sorted \n");
    for i in 0..100_000 {
        packed.push_str(&format!("{first} refs/tags/many/t{i:06}\n"));
    }
    std::fs::write(repo.path.join(".git/packed-refs"), packed).expect("packed-refs");

    let (code, findings, stderr) = leakhound(&repo.path, &["git", "--max-file-size", "1K"]);
    assert_eq!(code, 1, "{stderr}");
    let f = only(&findings, "github-pat-classic");
    assert_eq!(f["location"]["path"], "odd-\u{FFFD}.txt");
    assert!(stderr.contains("1 too large"), "{stderr}");
    assert!(stderr.contains("1 submodule"), "{stderr}");

    // Pack everything, then damage the pack: the pack is named, the loose
    // objects written afterwards are still scanned, and the scan is not clean.
    repo.git(&["repack", "-a", "-d", "-q"]);
    repo.git(&["prune-packed"]);
    repo.write("later.py", &format!("S = \"{}\"\n", stripe_key(81)));
    repo.commit("after the pack");
    let pack = std::fs::read_dir(repo.path.join(".git/objects/pack"))
        .expect("pack dir")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .find(|p| p.extension().is_some_and(|e| e == "pack"))
        .expect("a pack");
    let mut bytes = std::fs::read(&pack).expect("read pack");
    let middle = bytes.len() / 2;
    for b in &mut bytes[middle..middle + 64] {
        *b ^= 0x5A;
    }
    let mut perms = std::fs::metadata(&pack).expect("meta").permissions();
    #[allow(clippy::permissions_set_readonly_false)]
    perms.set_readonly(false);
    std::fs::set_permissions(&pack, perms).expect("chmod");
    std::fs::write(&pack, bytes).expect("damage pack");
    let (code, findings, stderr) = leakhound(&repo.path, &["git"]);
    assert_eq!(code, 2, "{stderr}");
    let name = pack.file_name().expect("name").to_string_lossy().into_owned();
    assert!(stderr.contains(&name), "the damaged pack is named: {stderr}");
    assert!(
        !by_rule(&findings, "stripe-secret-key").is_empty(),
        "{findings:#?}\n{stderr}"
    );
}

#[test]
fn a_range_with_a_missing_blob_is_not_clean() {
    let mut repo = Repo::new();
    repo.write("a.py", "x = 1\n");
    let base = repo.commit("base");
    repo.write("b.py", "y = 2\n");
    repo.commit("add b");
    // Drop b.py's blob, as a partial clone that never fetched it would lack it.
    let blob = repo.git(&["rev-parse", "HEAD:b.py"]).trim().to_string();
    std::fs::remove_file(repo.path.join(".git/objects").join(&blob[..2]).join(&blob[2..])).expect("rm blob");
    let (code, _, stderr) = leakhound(&repo.path, &["git", "--range", &format!("{base}..HEAD")]);
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("b.py"), "{stderr}");
    assert!(stderr.contains("missing object"), "{stderr}");
}

#[test]
fn partial_clones_say_what_was_not_fetched() {
    let mut origin = Repo::new();
    origin.write("a.py", &format!("A = \"{}\"\n", github_token(90)));
    let base = origin.commit("one");
    origin.write("b.py", "x = 1\n");
    origin.commit("two");
    origin.git(&["config", "uploadpack.allowFilter", "true"]);
    let clone_dir = TempDir::new().expect("tempdir");
    let url = format!("file://{}", origin.path.display());
    git_in(
        clone_dir.path(),
        &[
            "clone",
            "-q",
            "--filter=blob:none",
            "--no-checkout",
            &url,
            "partial",
        ],
        0,
    );
    let partial = clone_dir.path().join("partial");
    let (code, findings, stderr) = leakhound(&partial, &["git"]);
    // Not one blob was fetched: nothing could be read, so not clean (issue 11).
    assert_eq!(code, 2, "{findings:#?}\n{stderr}");
    assert!(stderr.contains("partial clone"), "{stderr}");
    // A range needs the blobs it introduces: without them it is not clean.
    let (code, _, stderr) = leakhound(&partial, &["git", "--range", &format!("{base}..HEAD")]);
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("b.py"), "{stderr}");
}

#[test]
fn attribution_without_the_tree_record_agrees() {
    use leakhound::{
        engine::Engine,
        rules::RuleSet,
        source::git::{GitOptions, HistoryOptions, scan_history},
    };
    let h = build_history();
    let engine = Engine::new(RuleSet::builtin().expect("rules")).expect("engine");
    for all_occurrences in [false, true] {
        let history = HistoryOptions {
            all_occurrences,
            ..HistoryOptions::default()
        };
        let guided = scan_history(&h.repo.path, &engine, &GitOptions::default(), &history).expect("scan");
        // A budget of nothing: every tree is read from the pack instead.
        let unguided = GitOptions {
            tree_entry_budget: 0,
            ..GitOptions::default()
        };
        let read_all = scan_history(&h.repo.path, &engine, &unguided, &history).expect("scan");
        assert_eq!(guided.findings.len(), 6);
        assert_eq!(guided.findings, read_all.findings);
    }
}

#[test]
fn tags_pointing_straight_at_blobs_and_trees_are_reachable() {
    let mut repo = Repo::new();
    repo.write("a.py", "x = 1\n");
    repo.commit("start");
    // A blob and a tree that no commit holds, kept alive only by tags.
    let key = repo.path.join("key.txt");
    std::fs::write(&key, format!("KEY={}\n", github_token(100))).expect("write");
    let blob = repo.git(&["hash-object", "-w", "key.txt"]).trim().to_string();
    repo.git(&["tag", "-a", "public-key", "-m", "the signing key", &blob]);
    std::fs::remove_file(&key).expect("rm");
    let tree_input = format!("100644 blob {}\tinner.env\n", {
        std::fs::write(&key, format!("T={}\n", stripe_key(101))).expect("write");
        let id = repo.git(&["hash-object", "-w", "key.txt"]).trim().to_string();
        std::fs::remove_file(&key).expect("rm");
        id
    });
    let tree = {
        let out = git_command(&repo.path)
            .args(["mktree"])
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .spawn()
            .and_then(|mut child| {
                use std::io::Write;
                child
                    .stdin
                    .take()
                    .expect("stdin")
                    .write_all(tree_input.as_bytes())?;
                child.wait_with_output()
            })
            .expect("git mktree");
        String::from_utf8_lossy(&out.stdout).trim().to_string()
    };
    repo.git(&["tag", "tree-tag", &tree]);

    let (code, findings, stderr) = leakhound(&repo.path, &["git"]);
    assert_eq!(code, 1, "{stderr}");
    let tagged_blob = only(&findings, "github-pat-classic");
    assert_eq!(tagged_blob["git"]["unreachable"], false, "{tagged_blob:#}");
    assert_eq!(tagged_blob["location"]["path"], Value::Null);
    assert_eq!(tagged_blob["git"]["message"], "tag public-key: the signing key");
    let tagged_tree = only(&findings, "stripe-secret-key");
    assert_eq!(tagged_tree["git"]["unreachable"], false, "{tagged_tree:#}");
    assert_eq!(tagged_tree["location"]["path"], "inner.env");
}

#[test]
fn hook_install_follows_core_hooks_path() {
    let mut repo = Repo::new();
    repo.git(&["config", "core.hooksPath", ".githooks"]);
    let out = Command::new(cargo_bin("leakhound"))
        .args(["hook", "install"])
        .current_dir(&repo.path)
        .output()
        .expect("runs");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let hook = std::fs::read_to_string(repo.path.join(".githooks/pre-commit")).expect("hook written there");
    assert!(hook.contains("leakhound staged"));
    assert!(!repo.path.join(".git/hooks/pre-commit").exists());
}

#[test]
fn history_findings_can_be_ignored_from_the_repository_root() {
    let mut repo = Repo::new();
    repo.write("src/config.py", &format!("T = \"{}\"\n", github_token(110)));
    repo.commit("add config");
    let (_, findings, _) = leakhound(&repo.path, &["git"]);
    let fingerprint = findings[0]["fingerprint"]
        .as_str()
        .expect("fingerprint")
        .to_string();
    repo.write(
        ".leakhoundignore",
        &format!("[[ignore]]\nfingerprint = \"{fingerprint}\"\nreason = \"revoked\"\n"),
    );
    // Run from a subdirectory: the ignore file at the top still applies.
    let (code, findings, stderr) = leakhound(&repo.path.join("src"), &["git"]);
    assert_eq!(code, 0, "{findings:#?}\n{stderr}");
    assert!(stderr.contains("1 finding(s) suppressed"), "{stderr}");
}

#[test]
fn gitleaks_allowlists_apply_to_history_by_commit_and_path() {
    let mut repo = Repo::new();
    let (first, second, third) = (github_token(901), github_token(902), github_token(903));
    repo.write("app/a.env", &format!("T={first}\n"));
    let allowed = repo.commit("rotated test token");
    repo.write("app/b.env", &format!("T={second}\n"));
    repo.write("fixtures/c.env", &format!("T={third}\n"));
    repo.commit("more");
    // The config sits in the work tree, as a team's .gitleaks.toml does.
    repo.write(
        ".gitleaks.toml",
        &format!(
            "[extend]\nuseDefault = true\n\n[[allowlists]]\ndescription = \"audited\"\ncommits = [\"{}\"]\n\n[[allowlists]]\npaths = ['''^fixtures/''']\n",
            &allowed[..12]
        ),
    );
    let (code, findings, stderr) = leakhound(&repo.path, &["git"]);
    assert_eq!(code, 1, "{stderr}");
    let found = only(&findings, "github-pat-classic");
    assert_eq!(found["location"]["path"], "app/b.env");

    // The same allowlists hold for a range scan.
    let (_, ranged, stderr) = leakhound(&repo.path, &["git", "--range", &format!("{allowed}..HEAD")]);
    assert_eq!(
        only(&ranged, "github-pat-classic")["location"]["path"],
        "app/b.env",
        "{stderr}"
    );
}

#[test]
fn a_keystore_committed_and_deleted_is_found_in_history() {
    let mut repo = Repo::new();
    repo.write("README.md", "app\n");
    repo.commit("start");
    // A made-up JKS with one private-key entry.
    let mut jks = vec![0xFE, 0xED, 0xFE, 0xED, 0, 0, 0, 2, 0, 0, 0, 1, 0, 0, 0, 1, 0, 3];
    jks.extend(b"app");
    jks.extend(1_700_000_000_000u64.to_be_bytes());
    jks.extend(48u32.to_be_bytes());
    jks.extend((0..48u8).map(|i| i.wrapping_mul(89) ^ 0xA5));
    jks.extend([0u8; 24]);
    std::fs::create_dir_all(repo.path.join("certs")).expect("mkdir");
    std::fs::write(repo.path.join("certs/app.jks"), &jks).expect("write");
    let added = repo.commit("add keystore");
    repo.git(&["rm", "-q", "certs/app.jks"]);
    repo.commit("remove keystore");
    let (code, findings, stderr) = leakhound(&repo.path, &["git"]);
    assert_eq!(code, 1, "{stderr}");
    let found = only(&findings, "java-keystore");
    assert_eq!(found["location"]["path"], "certs/app.jks");
    assert_eq!(found["git"]["commit"], added.as_str());
    // A range over the commit that adds it reports it as well.
    let (_, ranged, _) = leakhound(&repo.path, &["git", "--range", &format!("{added}~1..{added}")]);
    assert_eq!(
        only(&ranged, "java-keystore")["location"]["path"],
        "certs/app.jks"
    );
}
