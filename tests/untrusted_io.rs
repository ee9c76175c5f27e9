//! Issue 11, input and I/O side: what the scanned input cannot make the
//! scanner do. Nothing that could not be read may look clean; odd but
//! readable formats are read; images cannot make the work quadratic;
//! `hook install` writes where git looks; stdin is capped.
//!
//! The tests run as root in CI, so "unreadable" is made in ways root cannot
//! read either: FIFOs and sockets, paths longer than PATH_MAX, dangling
//! links, `/proc/self/mem` (EIO at offset 0). Fake secrets are random
//! strings of the right alphabet, made up for these tests.

use std::{
    fs,
    io::Write,
    path::{Path, PathBuf},
    process::{Command as Process, Stdio},
    time::Duration,
};

use assert_cmd::Command;
use serde_json::{Value, json};
use tempfile::TempDir;

/// A GitHub classic token shape, made up for these tests.
const GITHUB_TOKEN: &str = "ghp_VqGHVBAGkEK8KGjWGcqv4fgcsLbybId5riEY"; // leakhound:allow
/// A Stripe live secret key shape, made up for these tests.
const STRIPE_KEY: &str = "sk_live_4XPmabbFQPccg2q12G1XYEc4"; // leakhound:allow

fn leakhound() -> Command {
    let mut cmd = Command::cargo_bin("leakhound").expect("the binary is built by cargo test");
    cmd.env("NO_COLOR", "1").timeout(Duration::from_secs(120));
    cmd
}

/// Runs leakhound; returns (exit code, findings, stderr).
fn run(args: &[&str], dir: &Path) -> (i32, Vec<Value>, String) {
    let out = leakhound()
        .args(args)
        .args(["--format", "json", "--no-progress"])
        .current_dir(dir)
        .output()
        .expect("runs");
    findings_of(&out)
}

fn findings_of(out: &std::process::Output) -> (i32, Vec<Value>, String) {
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    let findings = if out.stdout.is_empty() {
        Vec::new()
    } else {
        serde_json::from_slice::<Value>(&out.stdout)
            .unwrap_or_else(|e| panic!("not JSON ({e}); stderr: {stderr}"))
            .as_array()
            .cloned()
            .unwrap_or_default()
    };
    (out.status.code().unwrap_or(-1), findings, stderr)
}

fn rules(findings: &[Value]) -> Vec<&str> {
    findings.iter().filter_map(|f| f["rule_id"].as_str()).collect()
}

fn line(secret: &str) -> Vec<u8> {
    format!("token = \"{secret}\"\n").into_bytes()
}

fn gz(data: &[u8]) -> Vec<u8> {
    let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    e.write_all(data).expect("gz");
    e.finish().expect("gz")
}

/// A tar whose entries use `header` (cloned per entry) for their type and format.
fn tar_with(header: &tar::Header, files: &[(&str, &[u8])]) -> Vec<u8> {
    let mut b = tar::Builder::new(Vec::new());
    for (name, data) in files {
        let mut h = header.clone();
        h.set_size(data.len() as u64);
        h.set_mode(0o644);
        b.append_data(&mut h, name, *data).expect("append");
    }
    b.into_inner().expect("tar")
}

fn tar_of(files: &[(&str, &[u8])]) -> Vec<u8> {
    tar_with(&tar::Header::new_gnu(), files)
}

/// Makes `depth` nested directories of 200-character names under `base`
/// (so the innermost is deeper than PATH_MAX), puts `content` in
/// `secret.txt` at the bottom and returns the bottom's path. The shell's
/// relative `cd` gets there: no single system call sees the whole path.
fn deep_tree(base: &Path, depth: usize, content: &str) -> PathBuf {
    let name = "d".repeat(200);
    let script = format!(
        "set -e; cd \"$1\"; for i in $(seq 1 {depth}); do mkdir {name}; cd -P {name}; done; printf '%s' \"$2\" > secret.txt"
    );
    let status = Process::new("sh")
        .args(["-c", &script, "sh"])
        .arg(base)
        .arg(content)
        .status()
        .expect("sh runs");
    assert!(status.success());
    let mut path = base.to_path_buf();
    for _ in 0..depth {
        path.push(&name);
    }
    path
}

// ---------------------------------------------------------------------------
// Item 8: nothing unread looks clean.

#[test]
fn a_fifo_named_as_a_root_is_fatal_and_never_opened() {
    let dir = TempDir::new().expect("tempdir");
    let fifo = dir.path().join("pipe");
    let made = Process::new("mkfifo").arg(&fifo).status().expect("mkfifo runs");
    assert!(made.success());
    // Opening a FIFO for reading blocks until a writer comes: the timeout
    // of `leakhound()` turns a hang into a failure.
    let (code, _, stderr) = run(&["dir", "pipe"], dir.path());
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("pipe"), "{stderr}");
    assert!(stderr.contains("not a regular file"), "{stderr}");
}

#[test]
fn a_socket_named_as_a_root_is_fatal() {
    let dir = TempDir::new().expect("tempdir");
    let _listener = std::os::unix::net::UnixListener::bind(dir.path().join("sock")).expect("bind");
    fs::write(dir.path().join("ok.txt"), line(GITHUB_TOKEN)).expect("write");
    // The other root is still scanned and its finding reported.
    let (code, findings, stderr) = run(&["dir", "sock", "ok.txt"], dir.path());
    assert_eq!(code, 2, "{stderr}");
    assert_eq!(rules(&findings), ["github-pat-classic"]);
    assert!(stderr.contains("sock"), "{stderr}");
}

#[cfg(target_os = "linux")]
#[test]
fn a_named_file_that_fails_to_read_is_fatal_even_for_root() {
    // A regular file that opens and then fails with EIO, whoever reads it.
    let dir = TempDir::new().expect("tempdir");
    let (code, _, stderr) = run(&["dir", "/proc/self/mem"], dir.path());
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("/proc/self/mem"), "{stderr}");
    assert!(!stderr.contains("no leaks found;"), "{stderr}");
}

#[test]
fn a_dangling_link_named_as_a_root_is_fatal() {
    let dir = TempDir::new().expect("tempdir");
    std::os::unix::fs::symlink("gone.txt", dir.path().join("link.txt")).expect("symlink");
    let (code, _, stderr) = run(&["dir", "link.txt"], dir.path());
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("link.txt"), "{stderr}");
}

#[test]
fn a_named_path_longer_than_path_max_is_fatal() {
    let dir = TempDir::new().expect("tempdir");
    let bottom = deep_tree(dir.path(), 22, &String::from_utf8_lossy(&line(GITHUB_TOKEN)));
    let file = bottom.join("secret.txt");
    assert!(file.as_os_str().len() > 4096);
    let (code, _, stderr) = run(&["dir", file.to_str().expect("utf-8")], dir.path());
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("secret.txt"), "{stderr}");
}

#[test]
fn a_subdirectory_deeper_than_path_max_is_counted_named_and_not_called_clean() {
    let dir = TempDir::new().expect("tempdir");
    let root = dir.path().join("tree");
    fs::create_dir(&root).expect("mkdir");
    deep_tree(&root, 22, &String::from_utf8_lossy(&line(GITHUB_TOKEN)));
    fs::write(root.join("top.txt"), "nothing here\n").expect("write");
    let (code, findings, stderr) = run(&["dir", "tree"], dir.path());
    // Inside a tree the scan goes on; the summary says what was not read.
    assert_eq!(code, 0, "{stderr}");
    assert!(findings.is_empty());
    assert!(stderr.contains("warning: tree/dddd"), "{stderr}");
    assert!(stderr.contains("1 walk error"), "{stderr}");
    assert!(!stderr.contains("no leaks found;"), "{stderr}");
    assert!(stderr.contains("1 input could not be read"), "{stderr}");
}

#[test]
fn gzip_with_trailing_data_is_read_and_the_rest_is_warned_about() {
    let dir = TempDir::new().expect("tempdir");
    let mut data = gz(&line(GITHUB_TOKEN));
    data.extend_from_slice(b"\0\0\0 trailing bytes that are no gzip member\n");
    fs::write(dir.path().join("notes.txt.gz"), &data).expect("write");
    let (code, findings, stderr) = run(&["dir", "notes.txt.gz"], dir.path());
    assert_eq!(code, 1, "{stderr}");
    assert_eq!(rules(&findings), ["github-pat-classic"]);
    assert!(stderr.contains("notes.txt.gz"), "{stderr}");
    assert!(stderr.contains("after the end of the gzip data"), "{stderr}");

    // Two members and garbage after them: both members are read.
    let mut multi = gz(&line(GITHUB_TOKEN));
    multi.extend(gz(&line(STRIPE_KEY)));
    multi.extend_from_slice(b"garbage");
    fs::write(dir.path().join("two.txt.gz"), &multi).expect("write");
    let (code, findings, stderr) = run(&["dir", "two.txt.gz"], dir.path());
    assert_eq!(code, 1, "{stderr}");
    let mut found = rules(&findings);
    found.sort_unstable();
    assert_eq!(found, ["github-pat-classic", "stripe-secret-key"], "{stderr}");
}

#[test]
fn contiguous_tar_entries_and_v7_tars_are_read_as_tars() {
    let dir = TempDir::new().expect("tempdir");
    let mut contiguous = tar::Header::new_ustar();
    contiguous.set_entry_type(tar::EntryType::Continuous);
    fs::write(
        dir.path().join("type7.tar"),
        tar_with(&contiguous, &[("conf/app.env", &line(GITHUB_TOKEN))]),
    )
    .expect("write");
    // Unix V7: no `ustar` magic, only a header checksum says it is a tar.
    let v7 = tar_with(&tar::Header::new_old(), &[("old/app.env", &line(STRIPE_KEY))]);
    assert_ne!(&v7[257..262], b"ustar");
    fs::write(dir.path().join("v7.tar"), &v7).expect("write");
    fs::write(dir.path().join("v7.tar.gz"), gz(&v7)).expect("write");

    let (code, findings, stderr) = run(&["dir", "."], dir.path());
    assert_eq!(code, 1, "{stderr}");
    let mut paths: Vec<&str> = findings
        .iter()
        .filter_map(|f| f["location"]["path"].as_str())
        .collect();
    paths.sort_unstable();
    assert_eq!(
        paths,
        [
            "type7.tar!conf/app.env",
            "v7.tar!old/app.env",
            "v7.tar.gz!old/app.env"
        ],
        "{stderr}"
    );
}

/// `git` with no user or system configuration and a fixed identity.
fn git(dir: &Path, args: &[&str]) -> String {
    let out = Process::new("git")
        .args(args)
        .current_dir(dir)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_AUTHOR_NAME", "Ada Dev")
        .env("GIT_AUTHOR_EMAIL", "ada@example.com")
        .env("GIT_COMMITTER_NAME", "Ada Dev")
        .env("GIT_COMMITTER_EMAIL", "ada@example.com")
        .output()
        .expect("git runs");
    assert!(
        out.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).trim().to_string()
}

fn repo_with_two_commits() -> (TempDir, PathBuf) {
    let dir = TempDir::new().expect("tempdir");
    let repo = dir.path().join("repo");
    fs::create_dir(&repo).expect("mkdir");
    git(&repo, &["init", "-q", "-b", "main", "."]);
    fs::write(repo.join("a.py"), "x = 1\n").expect("write");
    git(&repo, &["add", "-A"]);
    git(&repo, &["commit", "-q", "-m", "one"]);
    fs::write(repo.join("b.py"), line(GITHUB_TOKEN)).expect("write");
    git(&repo, &["add", "-A"]);
    git(&repo, &["commit", "-q", "-m", "two"]);
    (dir, repo)
}

#[test]
fn a_loose_object_listed_but_gone_is_counted_and_named() {
    let (_dir, repo) = repo_with_two_commits();
    let blob = git(&repo, &["rev-parse", "HEAD:a.py"]);
    let file = repo.join(".git/objects").join(&blob[..2]).join(&blob[2..]);
    fs::remove_file(&file).expect("rm");
    // Listed (the name is there) but not readable: what a deletion between
    // listing and reading leaves.
    std::os::unix::fs::symlink("deleted-meanwhile", &file).expect("symlink");
    let (code, findings, stderr) = run(&["git"], &repo);
    assert_eq!(code, 1, "{stderr}");
    assert_eq!(rules(&findings), ["github-pat-classic"]);
    assert!(stderr.contains(&blob), "the object is named: {stderr}");
    assert!(stderr.contains("1 missing object"), "{stderr}");
    assert!(stderr.contains("1 input could not be read"), "{stderr}");
}

#[test]
fn a_history_scan_that_read_no_blob_is_not_clean() {
    let (dir, origin) = repo_with_two_commits();
    git(&origin, &["config", "uploadpack.allowFilter", "true"]);
    let url = format!("file://{}", origin.display());
    git(
        dir.path(),
        &[
            "clone",
            "-q",
            "--filter=blob:none",
            "--no-checkout",
            &url,
            "partial",
        ],
    );
    let (code, findings, stderr) = run(&["git"], &dir.path().join("partial"));
    assert!(findings.is_empty());
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("no file contents could be read"), "{stderr}");
    assert!(stderr.contains("partial clone"), "{stderr}");
}

// ---------------------------------------------------------------------------
// Item 9: the hook goes where git runs hooks from.

#[test]
fn hook_install_follows_a_global_hooks_path_with_a_tilde() {
    let (dir, repo) = repo_with_two_commits();
    let home = dir.path().join("home");
    fs::create_dir(&home).expect("mkdir");
    fs::write(home.join(".gitconfig"), "[core]\n\thooksPath = ~/hooks\n").expect("write");
    let with_home = |cmd: &mut Process| {
        cmd.current_dir(&repo)
            .env("HOME", &home)
            .env("XDG_CONFIG_HOME", home.join(".config"))
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .env_remove("GIT_CONFIG_GLOBAL")
            .env_remove("GIT_DIR")
            .env("GIT_AUTHOR_NAME", "Ada Dev")
            .env("GIT_AUTHOR_EMAIL", "ada@example.com")
            .env("GIT_COMMITTER_NAME", "Ada Dev")
            .env("GIT_COMMITTER_EMAIL", "ada@example.com");
    };
    let mut install = Process::new(assert_cmd::cargo::cargo_bin("leakhound"));
    with_home(install.args(["hook", "install"]));
    let out = install.output().expect("runs");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));

    let mut ask = Process::new("git");
    with_home(ask.args(["rev-parse", "--git-path", "hooks"]));
    let hooks = String::from_utf8_lossy(&ask.output().expect("git runs").stdout)
        .trim()
        .to_string();
    let hooks = repo.join(hooks);
    assert_eq!(
        hooks.canonicalize().expect("git's hooks directory exists"),
        home.join("hooks").canonicalize().expect("hooks")
    );
    let hook = fs::read_to_string(hooks.join("pre-commit")).expect("the hook is where git looks");
    assert!(hook.contains("leakhound staged"));
    assert!(!repo.join(".git/hooks/pre-commit").exists());

    // And git runs it: a commit adding a secret is blocked.
    fs::write(repo.join("c.py"), line(STRIPE_KEY)).expect("write");
    let mut add = Process::new("git");
    with_home(add.args(["add", "c.py"]));
    assert!(add.status().expect("git runs").success());
    let mut commit = Process::new("git");
    with_home(commit.args(["commit", "-q", "-m", "add c"]));
    let blocked = commit.output().expect("git runs");
    assert!(!blocked.status.success(), "the hook must block the commit");
    assert!(String::from_utf8_lossy(&blocked.stderr).contains("stripe-secret-key"));
}

#[test]
fn hook_install_follows_an_included_relative_hooks_path_in_a_linked_worktree() {
    let (dir, repo) = repo_with_two_commits();
    let home = dir.path().join("home");
    fs::create_dir(&home).expect("mkdir");
    fs::write(home.join(".gitconfig"), "[include]\n\tpath = ~/more.gitconfig\n").expect("write");
    fs::write(home.join("more.gitconfig"), "[core]\n\thooksPath = .githooks\n").expect("write");
    let worktree = dir.path().join("wt");
    git(
        &repo,
        &[
            "worktree",
            "add",
            "-q",
            worktree.to_str().expect("utf-8"),
            "-b",
            "side",
        ],
    );
    let in_worktree = |cmd: &mut Process| {
        cmd.current_dir(&worktree)
            .env("HOME", &home)
            .env("XDG_CONFIG_HOME", home.join(".config"))
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .env_remove("GIT_CONFIG_GLOBAL")
            .env_remove("GIT_DIR");
    };
    let mut install = Process::new(assert_cmd::cargo::cargo_bin("leakhound"));
    in_worktree(install.args(["hook", "install"]));
    let out = install.output().expect("runs");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let mut ask = Process::new("git");
    in_worktree(ask.args(["rev-parse", "--git-path", "hooks"]));
    let hooks = String::from_utf8_lossy(&ask.output().expect("git runs").stdout)
        .trim()
        .to_string();
    assert_eq!(hooks, ".githooks");
    let hook = worktree.join(&hooks).join("pre-commit");
    assert!(
        fs::read_to_string(&hook).is_ok_and(|h| h.contains("leakhound staged")),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

// ---------------------------------------------------------------------------
// Item 10: images cannot make the work quadratic.

fn sha(n: usize) -> String {
    format!("sha256:{n:064x}")
}

fn blob(digest: &str) -> String {
    format!("blobs/sha256/{}", digest.trim_start_matches("sha256:"))
}

fn image_config() -> Vec<u8> {
    serde_json::to_vec(&json!({
        "config": {"Env": [format!("API_TOKEN={GITHUB_TOKEN}")]},
        "rootfs": {"type": "layers", "diff_ids": [sha(9)]},
        "history": [{"created_by": "/bin/sh -c #(nop) ENV API_TOKEN"}]
    }))
    .expect("json")
}

fn write_image(dir: &Path, entries: &[(String, Vec<u8>)]) -> PathBuf {
    let refs: Vec<(&str, &[u8])> = entries.iter().map(|(n, d)| (n.as_str(), d.as_slice())).collect();
    let path = dir.join("image.tar");
    fs::write(&path, tar_of(&refs)).expect("write");
    path
}

fn scan_image(path: &Path) -> (i32, Vec<Value>, String) {
    run(
        &["image", path.to_str().expect("utf-8")],
        path.parent().expect("dir"),
    )
}

#[test]
fn an_index_repeating_a_nested_index_reads_each_manifest_once() {
    let dir = TempDir::new().expect("tempdir");
    let layer = tar_of(&[("etc/app.env", &line(STRIPE_KEY))]);
    let manifest = json!({
        "config": {"digest": sha(1)},
        "layers": [{"digest": sha(2)}]
    });
    let nested = json!({"manifests": vec![json!({"digest": sha(3)}); 300]});
    let index = json!({"manifests": vec![json!({"digest": sha(4)}); 300]});
    let entries = vec![
        (
            "index.json".to_string(),
            serde_json::to_vec(&index).expect("json"),
        ),
        (blob(&sha(4)), serde_json::to_vec(&nested).expect("json")),
        (blob(&sha(3)), serde_json::to_vec(&manifest).expect("json")),
        (blob(&sha(1)), image_config()),
        (blob(&sha(2)), layer),
    ];
    let path = write_image(dir.path(), &entries);
    assert!(fs::metadata(&path).expect("meta").len() < 64 << 10);
    let (code, findings, stderr) = scan_image(&path);
    assert_eq!(code, 1, "{stderr}");
    let mut found = rules(&findings);
    found.sort_unstable();
    assert_eq!(found, ["github-pat-classic", "stripe-secret-key"]);
    assert!(stderr.contains("image: 1 layers, 1 config(s)"), "{stderr}");
    // The config's Env and history, and the one layer file: read once.
    assert!(stderr.contains("scanned 3 files"), "{stderr}");
}

#[test]
fn a_docker_manifest_repeating_one_config_reads_it_once() {
    let dir = TempDir::new().expect("tempdir");
    let image = json!({"Config": "cfg.json", "Layers": ["l0/layer.tar"]});
    let manifest = serde_json::to_vec(&vec![image; 300]).expect("json");
    let entries = vec![
        ("manifest.json".to_string(), manifest),
        ("cfg.json".to_string(), image_config()),
        ("l0/layer.tar".to_string(), tar_of(&[("a.txt", b"hello\n")])),
    ];
    let path = write_image(dir.path(), &entries);
    let (code, findings, stderr) = scan_image(&path);
    assert_eq!(code, 1, "{stderr}");
    assert_eq!(rules(&findings), ["github-pat-classic"]);
    assert!(stderr.contains("image: 1 layers, 1 config(s)"), "{stderr}");
    assert!(stderr.contains("scanned 3 files"), "{stderr}");
}

#[test]
fn image_fan_out_caps_count_and_name_what_they_stop() {
    let dir = TempDir::new().expect("tempdir");
    let empty_layer = tar_of(&[]);
    // One manifest listing more distinct layers than a manifest may have.
    let layers: Vec<Value> = (0..300).map(|i| json!({"digest": sha(1000 + i)})).collect();
    let wide = json!({"config": {"digest": sha(1)}, "layers": layers});
    // Indexes nested deeper than the depth cap.
    let deep3 = json!({"manifests": [{"digest": sha(30)}]});
    let deep2 = json!({"manifests": [{"digest": sha(23)}]});
    let deep1 = json!({"manifests": [{"digest": sha(22)}]});
    let index = json!({"manifests": [{"digest": sha(10)}, {"digest": sha(21)}]});
    let mut entries = vec![
        (
            "index.json".to_string(),
            serde_json::to_vec(&index).expect("json"),
        ),
        (blob(&sha(10)), serde_json::to_vec(&wide).expect("json")),
        (blob(&sha(21)), serde_json::to_vec(&deep1).expect("json")),
        (blob(&sha(22)), serde_json::to_vec(&deep2).expect("json")),
        (blob(&sha(23)), serde_json::to_vec(&deep3).expect("json")),
        (blob(&sha(1)), image_config()),
    ];
    for i in 0..300 {
        entries.push((blob(&sha(1000 + i)), empty_layer.clone()));
    }
    let path = write_image(dir.path(), &entries);
    let (code, _, stderr) = scan_image(&path);
    assert_eq!(code, 1, "{stderr}");
    assert!(stderr.contains("image: 256 layers"), "{stderr}");
    assert!(
        stderr.contains("lists 300 layers; only the first 256 were read"),
        "{stderr}"
    );
    assert!(stderr.contains("nested deeper than"), "{stderr}");
    assert!(stderr.contains("45 archive limit"), "{stderr}");
}

#[test]
fn too_many_manifests_or_images_are_counted_and_named() {
    let dir = TempDir::new().expect("tempdir");
    let listed: Vec<Value> = (0..300).map(|i| json!({"digest": sha(5000 + i)})).collect();
    let mut entries = vec![(
        "index.json".to_string(),
        serde_json::to_vec(&json!({"manifests": listed})).expect("json"),
    )];
    for i in 0..300 {
        entries.push((blob(&sha(5000 + i)), br#"{"layers": []}"#.to_vec()));
    }
    let path = write_image(dir.path(), &entries);
    let (code, _, stderr) = scan_image(&path);
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stderr.contains("lists more than 256 manifests; 44 were not read"),
        "{stderr}"
    );
    assert!(stderr.contains("44 archive limit"), "{stderr}");

    let images: Vec<Value> = (0..300)
        .map(|i| json!({"Config": format!("c{i}.json"), "Layers": []}))
        .collect();
    let entries = vec![(
        "manifest.json".to_string(),
        serde_json::to_vec(&images).expect("json"),
    )];
    let path = write_image(dir.path(), &entries);
    let (code, _, stderr) = scan_image(&path);
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stderr.contains("lists more than 256 images; 44 were not read"),
        "{stderr}"
    );
}

// ---------------------------------------------------------------------------
// Item 14: stdin is capped and gated like a file.

/// Runs `leakhound stdin ARGS` fed `input` from a writer thread that stops
/// when leakhound closes the pipe.
fn stdin_scan(args: &[&str], input: Vec<u8>) -> (i32, Vec<Value>, String) {
    let mut child = Process::new(assert_cmd::cargo::cargo_bin("leakhound"))
        .arg("stdin")
        .args(args)
        .args(["--format", "json", "--no-progress"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("runs");
    let mut pipe = child.stdin.take().expect("stdin");
    let writer = std::thread::spawn(move || {
        // A closed pipe is how leakhound says it read enough.
        let _ = pipe.write_all(&input);
    });
    let out = child.wait_with_output().expect("waits");
    writer.join().expect("writer");
    findings_of(&out)
}

#[test]
fn stdin_over_the_size_cap_is_fatal_and_not_read_past_it() {
    let mut big = line(GITHUB_TOKEN);
    big.resize(11 << 20, b'a');
    let (code, findings, stderr) = stdin_scan(&[], big);
    assert_eq!(code, 2, "{stderr}");
    assert!(findings.is_empty());
    assert!(stderr.contains("stdin"), "{stderr}");
    assert!(stderr.contains("--max-file-size"), "{stderr}");

    let (code, _, stderr) = stdin_scan(&["--max-file-size", "1K"], vec![b'x'; 32 << 20]);
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("larger than"), "{stderr}");
    let (code, findings, stderr) = stdin_scan(&["--max-file-size", "20M"], {
        let mut v = line(GITHUB_TOKEN);
        v.resize(11 << 20, b'\n');
        v
    });
    assert_eq!(code, 1, "{stderr}");
    assert_eq!(rules(&findings), ["github-pat-classic"]);
}

#[test]
fn binary_stdin_is_skipped_unless_asked_and_archives_are_still_opened() {
    let mut binary = b"\x00\x01\x02 ".to_vec();
    binary.extend(line(GITHUB_TOKEN));
    let (code, findings, stderr) = stdin_scan(&[], binary.clone());
    assert_eq!(code, 0, "{stderr}");
    assert!(findings.is_empty());
    assert!(stderr.contains("1 binary"), "{stderr}");
    assert!(stderr.contains("--scan-binary"), "{stderr}");
    let (code, findings, stderr) = stdin_scan(&["--scan-binary"], binary);
    assert_eq!(code, 1, "{stderr}");
    assert_eq!(rules(&findings), ["github-pat-classic"]);

    let tgz = gz(&tar_of(&[("conf/app.env", &line(STRIPE_KEY))]));
    let (code, findings, stderr) = stdin_scan(&[], tgz);
    assert_eq!(code, 1, "{stderr}");
    assert_eq!(rules(&findings), ["stripe-secret-key"]);
}
