//! Audits at organisation scale, without the internet: httpmock (and a
//! scripted server for rate limits) on 127.0.0.1 plays the GitHub and
//! GitLab APIs, and repositories made with the git CLI are cloned by
//! `file://` URL or over git's dumb HTTP protocol served by httpmock.

use std::{
    io::{Read, Write},
    net::TcpListener,
    path::{Path, PathBuf},
    process::Command as Process,
};

use httpmock::{Method::GET, MockServer};
use serde_json::{Value, json};
use tempfile::TempDir;

use super::{GITHUB_TOKEN, SLACK_TOKEN, leakhound};

/// A made-up GitHub token given to leakhound as GITHUB_TOKEN; it must never
/// be printed.
const ENV_TOKEN: &str = "ghp_sU68Uxe4lkmGg7eAvtcW5jooLJOnAIzaH3rH"; // leakhound:allow
/// A made-up password written into a URL; it must never be printed.
const URL_PASSWORD: &str = "uL9mgZzAsa3sMn2LiGFiPbV9";

/// leakhound with no forge token from the test's environment.
fn lh() -> assert_cmd::Command {
    let mut cmd = leakhound();
    cmd.env_remove("GITHUB_TOKEN")
        .env_remove("GITLAB_TOKEN")
        .env_remove("JOB_COMPLETION_INDEX");
    cmd
}

fn git(dir: &Path, args: &[&str]) {
    let status = Process::new("git")
        .current_dir(dir)
        .args(args)
        .env("GIT_AUTHOR_NAME", "A Dev")
        .env("GIT_AUTHOR_EMAIL", "dev@example.com")
        .env("GIT_COMMITTER_NAME", "A Dev")
        .env("GIT_COMMITTER_EMAIL", "dev@example.com")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .output()
        .expect("git runs");
    assert!(
        status.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&status.stderr)
    );
}

/// A repository at `root/name` with one commit per (file, contents).
fn repo(root: &Path, name: &str, commits: &[(&str, &str)]) -> PathBuf {
    let dir = root.join(name);
    std::fs::create_dir_all(&dir).expect("mkdir");
    git(&dir, &["init", "-q", "-b", "main"]);
    for (file, contents) in commits {
        commit(&dir, file, contents);
    }
    dir
}

fn commit(dir: &Path, file: &str, contents: &str) {
    std::fs::write(dir.join(file), contents).expect("write");
    git(dir, &["add", "."]);
    git(dir, &["commit", "-q", "-m", &format!("add {file}")]);
}

fn file_url(path: &Path) -> String {
    format!("file://{}", path.display())
}

fn jsonl(output: &[u8]) -> Vec<Value> {
    String::from_utf8_lossy(output)
        .lines()
        .map(|l| serde_json::from_str(l).expect("one JSON object per line"))
        .collect()
}

fn text(output: &[u8]) -> String {
    String::from_utf8_lossy(output).into_owned()
}

fn github_repo(server: &MockServer, name: &str, fork: bool, archived: bool) -> Value {
    json!({
        "full_name": format!("acme/{name}"),
        "fork": fork,
        "archived": archived,
        "clone_url": server.url(format!("/acme/{name}.git")),
        "ssh_url": format!("git@127.0.0.1:acme/{name}.git"),
    })
}

#[test]
fn github_org_pages_are_followed_and_forks_left_out() {
    let server = MockServer::start();
    let page2 = server.mock(|when, then| {
        when.method(GET).path("/orgs/acme/repos").query_param("page", "2");
        then.status(200).json_body(json!([
            github_repo(&server, "old", false, true),
            github_repo(&server, "beta", false, false),
        ]));
    });
    let page1 = server.mock(|when, then| {
        when.method(GET)
            .path("/orgs/acme/repos")
            .query_param("type", "all")
            .query_param("per_page", "100")
            .query_param_missing("page")
            .header("authorization", format!("Bearer {ENV_TOKEN}"));
        then.status(200)
            .header(
                "link",
                format!(
                    "<{}>; rel=\"next\", <{}>; rel=\"last\"",
                    server.url("/orgs/acme/repos?type=all&per_page=100&page=2"),
                    server.url("/orgs/acme/repos?type=all&per_page=100&page=2")
                ),
            )
            .json_body(json!([
                github_repo(&server, "gamma", false, false),
                github_repo(&server, "forked", true, false),
                {"full_name": "acme/evil", "fork": false, "archived": false, "clone_url": "file:///etc"},
                github_repo(&server, "alpha", false, false),
            ]));
    });
    let out = lh()
        .env("GITHUB_TOKEN", ENV_TOKEN)
        .args(["repos", "--github-org", "acme", "--api-url", &server.base_url()])
        .assert()
        .code(0)
        .get_output()
        .clone();
    page1.assert();
    page2.assert();
    let listed: Vec<String> = text(&out.stdout).lines().map(String::from).collect();
    let expected: Vec<String> = ["alpha", "beta", "gamma", "old"]
        .iter()
        .map(|n| server.url(format!("/acme/{n}.git")))
        .collect();
    assert_eq!(listed, expected, "sorted, fork left out, archived kept");
    let stderr = text(&out.stderr);
    assert!(
        stderr.contains("file:///etc") && stderr.contains("refused"),
        "{stderr}"
    );
    assert!(stderr.contains("1 fork"), "{stderr}");
    assert!(!stderr.contains(ENV_TOKEN) && !text(&out.stdout).contains(ENV_TOKEN));

    let out = lh()
        .env("GITHUB_TOKEN", ENV_TOKEN)
        .args([
            "repos",
            "--github-org",
            "acme",
            "--include-forks",
            "--exclude-archived",
        ])
        .args(["--api-url", &server.base_url(), "--quiet"])
        .assert()
        .code(0)
        .get_output()
        .clone();
    let listed = text(&out.stdout);
    assert!(
        listed.contains("/acme/forked.git") && !listed.contains("/acme/old.git"),
        "{listed}"
    );
}

#[test]
fn gitlab_groups_page_by_x_next_page_and_encode_the_path() {
    let server = MockServer::start();
    let project = |name: &str, fork: bool| {
        json!({
            "path_with_namespace": format!("top/sub/{name}"),
            "archived": false,
            "forked_from_project": if fork { json!({"id": 1}) } else { Value::Null },
            "http_url_to_repo": server.url(format!("/top/sub/{name}.git")),
            "ssh_url_to_repo": format!("git@127.0.0.1:top/sub/{name}.git"),
        })
    };
    let page2 = server.mock(|when, then| {
        when.method(GET)
            .path_includes("/api/v4/groups/top%2Fsub/projects")
            .query_param("page", "2");
        then.status(200)
            .header("x-next-page", "")
            .json_body(json!([project("two", false)]));
    });
    let page1 = server.mock(|when, then| {
        when.method(GET)
            .path_includes("/api/v4/groups/top%2Fsub/projects")
            .query_param("include_subgroups", "true")
            .query_param_missing("page")
            .header("private-token", "glpat-nacgdmViUTgjcy63zVl1"); // leakhound:allow
        then.status(200)
            .header("x-next-page", "2")
            .json_body(json!([project("one", false), project("copy", true)]));
    });
    let out = lh()
        .env("GITLAB_TOKEN", "glpat-nacgdmViUTgjcy63zVl1") // leakhound:allow
        .args([
            "repos",
            "--gitlab-group",
            "top/sub",
            "--api-url",
            &server.base_url(),
        ])
        .assert()
        .code(0)
        .get_output()
        .clone();
    page1.assert();
    page2.assert();
    assert_eq!(
        text(&out.stdout).lines().collect::<Vec<_>>(),
        vec![server.url("/top/sub/one.git"), server.url("/top/sub/two.git")]
    );
    let out = lh()
        .env("GITLAB_TOKEN", "glpat-nacgdmViUTgjcy63zVl1") // leakhound:allow
        .args([
            "repos",
            "--gitlab-group",
            "top/sub",
            "--ssh",
            "--api-url",
            &server.base_url(),
        ])
        .assert()
        .code(0)
        .get_output()
        .clone();
    assert!(
        text(&out.stdout).starts_with("git@127.0.0.1:top/sub/one.git\n"),
        "{}",
        text(&out.stdout)
    );
}

#[test]
fn listing_errors_stop_the_audit_with_their_reason() {
    let server = MockServer::start();
    server.mock(|when, then| {
        when.method(GET).path("/orgs/nobody/repos");
        then.status(404).json_body(json!({"message": "Not Found"}));
    });
    server.mock(|when, then| {
        when.method(GET).path("/orgs/acme/repos");
        then.status(200)
            .header(
                "link",
                "<http://127.0.0.2:9/orgs/acme/repos?page=2>; rel=\"next\"",
            )
            .json_body(json!([]));
    });
    let out = lh()
        .args([
            "scan-repos",
            "--github-org",
            "nobody",
            "--api-url",
            &server.base_url(),
        ])
        .assert()
        .code(2)
        .get_output()
        .clone();
    assert!(
        text(&out.stderr).contains("GitHub organisation nobody: HTTP 404"),
        "{}",
        text(&out.stderr)
    );
    let out = lh()
        .args(["repos", "--github-org", "acme", "--api-url", &server.base_url()])
        .assert()
        .code(2)
        .get_output()
        .clone();
    assert!(
        text(&out.stderr).contains("another host (127.0.0.2)"),
        "{}",
        text(&out.stderr)
    );
    let out = lh()
        .args(["repos", "--github-org", "acme", "--api-url", "http://example.com"])
        .assert()
        .code(2)
        .get_output()
        .clone();
    assert!(
        text(&out.stderr).contains("plain http only to loopback"),
        "{}",
        text(&out.stderr)
    );
}

/// A server answering each connection with the next scripted response.
fn scripted(make: impl FnOnce(&str) -> Vec<String>) -> (String, std::thread::JoinHandle<usize>) {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
    let base = format!("http://{}", listener.local_addr().expect("addr"));
    let responses = make(&base);
    let handle = std::thread::spawn(move || {
        let mut served = 0;
        for response in responses {
            let Ok((mut stream, _)) = listener.accept() else {
                break;
            };
            let mut request = Vec::new();
            let mut buf = [0u8; 1024];
            while !request.windows(4).any(|w| w == b"\r\n\r\n") {
                match stream.read(&mut buf) {
                    Ok(0) | Err(_) => break,
                    Ok(n) => request.extend_from_slice(&buf[..n]),
                }
            }
            let _ = stream.write_all(response.as_bytes());
            served += 1;
        }
        served
    });
    (base, handle)
}

fn answer(status: &str, headers: &[(&str, String)], body: &str) -> String {
    let mut text = format!(
        "HTTP/1.1 {status}\r\nconnection: close\r\ncontent-type: application/json\r\ncontent-length: {}\r\n",
        body.len()
    );
    for (name, value) in headers {
        text.push_str(&format!("{name}: {value}\r\n"));
    }
    text.push_str("\r\n");
    text.push_str(body);
    text
}

#[test]
fn rate_limits_are_waited_out_and_said_so() {
    let reset = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .expect("clock")
        .as_secs()
        + 1;
    let (base, server) = scripted(|base| {
        vec![
            answer("429 Too Many Requests", &[("retry-after", "1".into())], "{}"),
            answer(
                "403 Forbidden",
                &[
                    ("x-ratelimit-remaining", "0".into()),
                    ("x-ratelimit-reset", reset.to_string()),
                ],
                "{}",
            ),
            answer(
                "200 OK",
                &[],
                &json!([{"fork": false, "archived": false, "clone_url": format!("{base}/acme/a.git")}])
                    .to_string(),
            ),
        ]
    });
    let out = lh()
        .args(["repos", "--github-org", "acme", "--api-url", &base])
        .assert()
        .code(0)
        .get_output()
        .clone();
    assert_eq!(server.join().expect("server"), 3);
    let stderr = text(&out.stderr);
    assert!(stderr.contains("waiting 1 s (Retry-After)"), "{stderr}");
    assert!(stderr.contains("(rate limit reset time)"), "{stderr}");
    assert_eq!(text(&out.stdout), format!("{base}/acme/a.git\n"));

    let (base, server) = scripted(|_| {
        vec![answer(
            "429 Too Many Requests",
            &[("retry-after", "3600".into())],
            "{}",
        )]
    });
    let out = lh()
        .args([
            "repos",
            "--github-org",
            "acme",
            "--max-rate-limit-wait",
            "5",
            "--api-url",
            &base,
        ])
        .assert()
        .code(2)
        .get_output()
        .clone();
    assert_eq!(server.join().expect("server"), 1);
    assert!(
        text(&out.stderr).contains("resets in 3600 s, more than --max-rate-limit-wait 5"),
        "{}",
        text(&out.stderr)
    );
}

#[test]
fn shards_cover_every_repository_exactly_once() {
    let dir = TempDir::new().expect("tempdir");
    let names: Vec<String> = (0..11)
        .map(|i| format!("https://git.example.com/team/r{i:02}.git"))
        .collect();
    let mut shuffled = names.clone();
    shuffled.reverse();
    shuffled.push(names[3].replace(".git", "")); // the same repository written differently
    let list = dir.path().join("list.txt");
    std::fs::write(&list, shuffled.join("\n")).expect("write");
    for count in 1..=4 {
        let mut seen: Vec<String> = Vec::new();
        for index in 0..count {
            let out = lh()
                .args(["repos", "--quiet", "--list"])
                .arg(&list)
                .args(["--shard", &format!("{index}/{count}")])
                .assert()
                .code(0)
                .get_output()
                .clone();
            seen.extend(text(&out.stdout).lines().map(String::from));
        }
        seen.sort();
        assert_eq!(seen.len(), names.len(), "N={count}: {seen:?}");
        seen.dedup();
        assert_eq!(seen.len(), names.len(), "N={count}: a repository in two shards");
    }
    let out = lh()
        .args(["repos", "--quiet", "--list"])
        .arg(&list)
        .args(["--shard", "auto/4"])
        .env("JOB_COMPLETION_INDEX", "2")
        .assert()
        .code(0)
        .get_output()
        .clone();
    assert_eq!(text(&out.stdout).lines().next(), Some(names[2].as_str()));
    lh().args(["repos", "--list"])
        .arg(&list)
        .args(["--shard", "auto/4"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("JOB_COMPLETION_INDEX is not set"));
}

#[test]
fn scan_repos_reports_each_repository_and_goes_on_past_failures() {
    let dir = TempDir::new().expect("tempdir");
    let root = dir.path();
    let leaky = repo(
        root,
        "leaky",
        &[
            ("README.md", "hello\n"),
            ("app.env", &format!("GITHUB_TOKEN={GITHUB_TOKEN}\n")),
        ],
    );
    let clean = repo(root, "clean", &[("README.md", "nothing here\n")]);
    let local = repo(
        root,
        "local",
        &[("slack.txt", &format!("token: {SLACK_TOKEN}\n"))],
    );
    let list = root.join("list.txt");
    std::fs::write(
        &list,
        format!(
            "# audit\n{}\n{}\n{}\n{}\n{}\n",
            file_url(&leaky),
            file_url(&clean),
            local.display(),
            file_url(&root.join("gone")),
            root.join("missing").display()
        ),
    )
    .expect("write");
    let cache = root.join("cache");
    let out = lh()
        .args([
            "scan-repos",
            "--format",
            "jsonl",
            "--repo-concurrency",
            "2",
            "--list",
        ])
        .arg(&list)
        .arg("--cache-dir")
        .arg(&cache)
        .assert()
        .code(2)
        .get_output()
        .clone();
    let findings = jsonl(&out.stdout);
    let mut repos: Vec<(&str, &str)> = findings
        .iter()
        .map(|f| {
            (
                f["repository"]
                    .as_str()
                    .expect("every finding names its repository"),
                f["rule_id"].as_str().expect("rule"),
            )
        })
        .collect();
    repos.sort();
    let leaky_url = file_url(&leaky);
    let local_path = local.display().to_string();
    assert_eq!(repos.len(), 2, "{repos:?}");
    assert!(
        repos.contains(&(leaky_url.as_str(), "github-pat-classic")),
        "{repos:?}"
    );
    assert!(repos.iter().any(|(r, _)| *r == local_path), "{repos:?}");
    let stderr = text(&out.stderr);
    assert!(
        stderr.contains(&format!("repo {}: 1 finding(s)", file_url(&leaky))),
        "{stderr}"
    );
    assert!(
        stderr.contains(&format!("repo {}: 0 finding(s)", file_url(&clean))),
        "{stderr}"
    );
    assert!(
        stderr.contains(&format!("repo {}: FAILED: ", file_url(&root.join("gone"))))
            && stderr.contains("git clone failed"),
        "{stderr}"
    );
    assert!(stderr.contains("missing: no such directory"), "{stderr}");
    assert!(
        stderr.contains("scanned 3 of 5 repositories (2 failed)"),
        "{stderr}"
    );
    // Mirrors are kept for the next run, nothing else is.
    let kept: Vec<_> = std::fs::read_dir(cache.join("mirrors"))
        .expect("mirrors")
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".git"))
        .collect();
    assert_eq!(kept.len(), 2, "{kept:?}");

    // Without failures: exit 1 for findings, and the JSON report validates.
    std::fs::write(&list, format!("{}\n{}\n", file_url(&leaky), file_url(&clean))).expect("write");
    let report = root.join("report.json");
    lh().args(["scan-repos", "--quiet", "--format", "json", "--list"])
        .arg(&list)
        .arg("--cache-dir")
        .arg(&cache)
        .arg("--output")
        .arg(&report)
        .assert()
        .code(1);
    let findings: Vec<Value> =
        serde_json::from_slice(&std::fs::read(&report).expect("report")).expect("JSON");
    assert_eq!(findings.len(), 1);
    super::schema::assert_valid(&findings, "scan-repos");
}

#[test]
fn the_cache_is_fetched_on_the_next_run_and_no_cache_leaves_nothing() {
    let dir = TempDir::new().expect("tempdir");
    let origin = repo(dir.path(), "origin", &[("README.md", "hello\n")]);
    let cache = dir.path().join("cache");
    let url = file_url(&origin);
    lh().args(["git", &url, "--cache-dir"])
        .arg(&cache)
        .assert()
        .code(0);
    commit(&origin, "deploy.env", &format!("GITHUB_TOKEN={GITHUB_TOKEN}\n"));
    let out = lh()
        .args(["git", &url, "--format", "jsonl", "--cache-dir"])
        .arg(&cache)
        .assert()
        .code(1)
        .get_output()
        .clone();
    assert!(
        text(&out.stderr).contains("leakhound: fetching"),
        "{}",
        text(&out.stderr)
    );
    assert_eq!(jsonl(&out.stdout).len(), 1);

    let fresh = dir.path().join("fresh-cache");
    lh().args(["git", &url, "--no-cache", "--quiet", "--cache-dir"])
        .arg(&fresh)
        .assert()
        .code(1);
    let left: Vec<_> = std::fs::read_dir(fresh.join("mirrors"))
        .expect("mirrors dir")
        .filter_map(|e| e.ok())
        .collect();
    assert!(left.is_empty(), "--no-cache left {left:?}");
}

/// Serves a bare copy of `repo` over git's dumb HTTP protocol at `prefix`.
fn serve_dumb(server: &MockServer, repo: &Path, prefix: &str, keep: &Path) {
    let bare = keep.join(prefix.trim_start_matches('/'));
    let status = Process::new("git")
        .args(["clone", "-q", "--bare"])
        .arg(repo)
        .arg(&bare)
        .status()
        .expect("git");
    assert!(status.success());
    git(&bare, &["repack", "-a", "-d", "-q"]);
    git(&bare, &["update-server-info"]);
    let mut stack = vec![bare.clone()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).expect("read").flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
                continue;
            }
            let relative = path.strip_prefix(&bare).expect("inside").display().to_string();
            let body = std::fs::read(&path).expect("read");
            server.mock(|when, then| {
                when.method(GET).path(format!("{prefix}/{relative}"));
                then.status(200)
                    .header("content-type", "application/octet-stream")
                    .body(body);
            });
        }
    }
}

#[test]
fn an_organisation_is_cloned_over_http_and_a_token_never_leaks() {
    let dir = TempDir::new().expect("tempdir");
    let server = MockServer::start();
    let leaky = repo(
        dir.path(),
        "leaky",
        &[("app.env", &format!("GITHUB_TOKEN={GITHUB_TOKEN}\n"))],
    );
    serve_dumb(&server, &leaky, "/acme/leaky.git", dir.path());
    // A repository the API lists but git cannot have: 404 on every request.
    server.mock(|when, then| {
        when.method(GET).path("/orgs/acme/repos");
        then.status(200).json_body(json!([
            github_repo(&server, "leaky", false, false),
            github_repo(&server, "deleted", false, false),
        ]));
    });
    let with_token = server.mock(|when, then| {
        when.method(GET)
            .path("/acme/deleted.git/info/refs")
            .header_exists("authorization");
        then.status(404);
    });
    let report = dir.path().join("shard-0.jsonl");
    let cache = dir.path().join("cache");
    let out = lh()
        .env("GITHUB_TOKEN", ENV_TOKEN)
        .args([
            "scan-repos",
            "--github-org",
            "acme",
            "--format",
            "jsonl",
            "--api-url",
            &server.base_url(),
        ])
        .args(["--shard", "auto/1"])
        .env("JOB_COMPLETION_INDEX", "0")
        .arg("--cache-dir")
        .arg(&cache)
        .arg("--output")
        .arg(&report)
        .assert()
        .code(2)
        .get_output()
        .clone();
    let stderr = text(&out.stderr);
    let findings = jsonl(&std::fs::read(&report).expect("report"));
    assert_eq!(findings.len(), 1, "{stderr}");
    assert_eq!(findings[0]["repository"], json!(server.url("/acme/leaky.git")));
    assert!(
        stderr.contains(&format!("repo {}: FAILED", server.url("/acme/deleted.git"))),
        "{stderr}"
    );
    // The token is sent to the API (and would be to git) on the API's own
    // host only, and is printed nowhere, not even in git's errors.
    assert!(
        with_token.calls() >= 1,
        "the token goes to git for the API's host"
    );
    for shown in [
        &stderr,
        &text(&out.stdout),
        &std::fs::read_to_string(&report).expect("report"),
    ] {
        assert!(!shown.contains(ENV_TOKEN), "token leaked: {shown}");
    }
    for entry in std::fs::read_dir(cache.join("mirrors"))
        .expect("mirrors")
        .flatten()
    {
        if let Ok(config) = std::fs::read_to_string(entry.path().join("config")) {
            assert!(!config.contains(ENV_TOKEN) && !config.to_ascii_lowercase().contains("authorization"));
        }
    }

    // A password written into a URL, and a clone that fails: never shown.
    let list = dir.path().join("list.txt");
    let port = server.port();
    std::fs::write(
        &list,
        format!("http://user:{URL_PASSWORD}@127.0.0.1:{port}/acme/deleted.git\nhttps://user:{URL_PASSWORD}@127.0.0.1:1/x.git\n"),
    )
    .expect("write");
    let out = lh()
        .env("GITHUB_TOKEN", ENV_TOKEN)
        .args(["scan-repos", "--list"])
        .arg(&list)
        .arg("--cache-dir")
        .arg(&cache)
        .assert()
        .code(2)
        .get_output()
        .clone();
    let all = format!("{}{}", text(&out.stdout), text(&out.stderr));
    assert!(all.contains("FAILED"), "{all}");
    assert!(
        all.contains("credentials (or a query) in the URL are not used"),
        "{all}"
    );
    assert!(!all.contains(URL_PASSWORD) && !all.contains(ENV_TOKEN), "{all}");
}

fn finding_in(repository: &str, path: &str, token: &str) -> Value {
    let out = lh()
        .args(["stdin", "--format", "json", "--path", path])
        .write_stdin(format!("GITHUB_TOKEN={token}\n"))
        .assert()
        .code(1)
        .get_output()
        .clone();
    let mut findings: Vec<Value> = serde_json::from_slice(&out.stdout).expect("JSON");
    let mut f = findings.remove(0);
    f["repository"] = json!(repository);
    f
}

fn incident_errors(incident: &Value) -> Vec<String> {
    struct Local;
    impl jsonschema::Retrieve for Local {
        fn retrieve(
            &self,
            uri: &jsonschema::Uri<String>,
        ) -> Result<Value, Box<dyn std::error::Error + Send + Sync>> {
            let name = uri
                .path()
                .as_str()
                .rsplit('/')
                .next()
                .unwrap_or_default()
                .to_string();
            let text =
                std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("docs").join(name))?;
            Ok(serde_json::from_str(&text)?)
        }
    }
    let text =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/incident.schema.json"))
            .expect("docs/incident.schema.json exists");
    let schema: Value = serde_json::from_str(&text).expect("the schema is JSON");
    let validator = jsonschema::options()
        .with_retriever(Local)
        .build(&schema)
        .expect("the schema compiles");
    validator
        .iter_errors(incident)
        .map(|e| format!("{e} at {}", e.instance_path()))
        .collect()
}

#[test]
fn merge_makes_one_incident_of_a_secret_in_many_repositories() {
    let dir = TempDir::new().expect("tempdir");
    let other = "ghp_v7YY0F2KN0g4uj2H8vp1YBMoSORM81zKoFZs"; // leakhound:allow
    let shard0 = [
        finding_in("https://git.example.com/a.git", "config/app.env", GITHUB_TOKEN),
        finding_in("https://git.example.com/b.git", "deploy.sh", GITHUB_TOKEN),
    ];
    let shard1 = [
        finding_in("https://git.example.com/c.git", ".env", GITHUB_TOKEN),
        finding_in("https://git.example.com/c.git", "x.env", other),
    ];
    let write_jsonl = |name: &str, findings: &[Value]| {
        let path = dir.path().join(name);
        let lines: Vec<String> = findings.iter().map(Value::to_string).collect();
        std::fs::write(&path, lines.join("\n") + "\n").expect("write");
        path
    };
    let a = write_jsonl("shard-0.jsonl", &shard0);
    let b = write_jsonl("shard-1.jsonl", &shard1);
    let empty = write_jsonl("shard-2.jsonl", &[]);

    let out = lh()
        .args(["merge", "--format", "json"])
        .args([&a, &b, &empty])
        .assert()
        .code(1)
        .get_output()
        .clone();
    let merged: Value = serde_json::from_slice(&out.stdout).expect("JSON");
    let incidents = merged["incidents"].as_array().expect("incidents");
    assert_eq!(incidents.len(), 2);
    let wide = &incidents[0];
    assert_eq!(wide["repository_count"], 3);
    assert_eq!(wide["place_count"], 3);
    assert_eq!(
        wide["repositories"],
        json!([
            "https://git.example.com/a.git",
            "https://git.example.com/b.git",
            "https://git.example.com/c.git"
        ])
    );
    for incident in incidents {
        let errors = incident_errors(incident);
        assert!(errors.is_empty(), "{errors:#?}\n{incident:#}");
    }
    let c = merged["repositories"]
        .as_array()
        .expect("counts")
        .iter()
        .find(|r| r["repository"] == "https://git.example.com/c.git")
        .expect("c counted")
        .clone();
    assert_eq!(
        (c["findings"].as_u64(), c["incidents"].as_u64()),
        (Some(2), Some(2))
    );
    assert_eq!(merged["rules"][0]["incidents"], 2);

    let out = lh()
        .args(["merge", "--format", "jsonl"])
        .args([&a, &b])
        .assert()
        .code(1)
        .get_output()
        .clone();
    for incident in jsonl(&out.stdout) {
        assert!(incident_errors(&incident).is_empty());
    }

    let out = lh()
        .args(["merge"])
        .args([&a, &b])
        .assert()
        .code(1)
        .get_output()
        .clone();
    let shown = text(&out.stdout);
    assert!(
        shown.contains("github-pat-classic ghp_R8…(redacted) in 3 repositories, 3 places:"),
        "{shown}"
    );
    assert!(
        shown.contains("by repository:") && shown.contains("by rule:"),
        "{shown}"
    );
    assert!(!shown.contains(GITHUB_TOKEN));

    let out = lh()
        .args(["merge", "--format", "sarif"])
        .args([&a, &b])
        .assert()
        .code(1)
        .get_output()
        .clone();
    let sarif: Value = serde_json::from_slice(&out.stdout).expect("SARIF");
    super::assert_valid_sarif(&sarif);
    let results = sarif["runs"][0]["results"].as_array().expect("results");
    assert_eq!(results.len(), 2);
    assert_eq!(results[0]["locations"].as_array().map(Vec::len), Some(3));
    assert_eq!(results[0]["properties"]["repository_count"], 3);

    lh().args(["merge"]).arg(&empty).assert().code(0);
    let broken = dir.path().join("broken.jsonl");
    std::fs::write(&broken, "{\"rule_id\": 1}\n").expect("write");
    lh().args(["merge"])
        .args([&a, &broken])
        .assert()
        .code(2)
        .stderr(predicates::str::contains(
            "broken.jsonl: not a leakhound JSON or JSONL report",
        ));
}
