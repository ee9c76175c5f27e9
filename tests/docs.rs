//! The documentation stays usable: every relative link in `docs/*.md` and
//! `README.md` leads to a file that exists, nothing in them points at the
//! design folder outside the repository, which users do not have, and the
//! README's set-up scan of this checkout says what the README says it does.

use std::{
    fs,
    path::{Path, PathBuf},
};

/// The text users must never be sent to: the design folder beside the
/// repository in the development checkout.
const OUTSIDE_DESIGN_FOLDER: &str = "../shared";

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Every file in `docs/` (any extension), sorted.
fn doc_files() -> Vec<PathBuf> {
    let dir = root().join("docs");
    let mut files: Vec<PathBuf> = fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("cannot list {}: {e}", dir.display()))
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|path| path.is_file())
        .collect();
    files.sort();
    files
}

/// The Markdown pages whose links are checked: `docs/*.md` and `README.md`.
fn markdown_pages() -> Vec<PathBuf> {
    let mut pages: Vec<PathBuf> = doc_files()
        .into_iter()
        .filter(|p| p.extension().is_some_and(|e| e == "md"))
        .collect();
    pages.push(root().join("README.md"));
    pages
}

/// `line` without its inline code spans, where `](` is code, not a link.
fn without_code_spans(line: &str) -> String {
    line.split('`').step_by(2).collect::<Vec<_>>().join(" ")
}

/// Targets of the inline links `[text](target)` outside fenced code blocks.
fn link_targets(text: &str) -> Vec<String> {
    let mut targets = Vec::new();
    let mut in_fence = false;
    for line in text.lines() {
        if line.trim_start().starts_with("```") {
            in_fence = !in_fence;
            continue;
        }
        if in_fence {
            continue;
        }
        let prose = without_code_spans(line);
        let mut rest = prose.as_str();
        while let Some(at) = rest.find("](") {
            let after = &rest[at + 2..];
            let Some(end) = after.find(')') else {
                break;
            };
            let target = after[..end].split_whitespace().next().unwrap_or("");
            targets.push(target.trim_matches(|c| c == '<' || c == '>').to_string());
            rest = &after[end..];
        }
    }
    targets
}

/// Whether a link target leaves the repository's files (a URL) or stays
/// on the same page (an anchor).
fn is_external_or_anchor(target: &str) -> bool {
    target.is_empty() || target.starts_with('#') || target.contains("://") || target.starts_with("mailto:")
}

/// The file a relative link names, resolved against the page's directory.
fn resolve(page: &Path, target: &str) -> PathBuf {
    let path = target.split(['#', '?']).next().unwrap_or(target);
    page.parent().unwrap_or(Path::new(".")).join(path)
}

#[test]
fn relative_links_in_docs_and_readme_point_at_existing_files() {
    let mut broken = Vec::new();
    let mut checked = 0;
    for page in markdown_pages() {
        let text =
            fs::read_to_string(&page).unwrap_or_else(|e| panic!("cannot read {}: {e}", page.display()));
        for target in link_targets(&text) {
            if is_external_or_anchor(&target) {
                continue;
            }
            checked += 1;
            if !resolve(&page, &target).exists() {
                broken.push(format!("{}: {target}", page.display()));
            }
        }
    }
    assert!(checked > 0, "no relative links found; is the link parser broken?");
    assert!(
        broken.is_empty(),
        "links to files that do not exist:\n{}",
        broken.join("\n")
    );
}

#[test]
fn docs_do_not_point_at_the_design_folder_outside_the_repository() {
    let offenders: Vec<String> = doc_files()
        .into_iter()
        .filter(|file| fs::read_to_string(file).is_ok_and(|text| text.contains(OUTSIDE_DESIGN_FOLDER)))
        .map(|file| file.display().to_string())
        .collect();
    assert!(
        offenders.is_empty(),
        "these files mention {OUTSIDE_DESIGN_FOLDER}, which users do not have:\n{}",
        offenders.join("\n")
    );
}

#[test]
fn readme_does_not_point_at_the_design_folder_outside_the_repository() {
    let readme = root().join("README.md");
    let text =
        fs::read_to_string(&readme).unwrap_or_else(|e| panic!("cannot read {}: {e}", readme.display()));
    let lines: Vec<String> = text
        .lines()
        .enumerate()
        .filter(|(_, line)| line.contains(OUTSIDE_DESIGN_FOLDER))
        .map(|(n, line)| format!("README.md:{}: {line}", n + 1))
        .collect();
    assert!(
        lines.is_empty(),
        "README.md mentions {OUTSIDE_DESIGN_FOLDER}, which users do not have:\n{}",
        lines.join("\n")
    );
}

#[test]
fn the_link_parser_finds_links_and_skips_code() {
    let text = "See [a](a.md) and [b](docs/b.md#part \"title\").\n\
                `[not](a link)` here\n\
                ```\n[also not](fenced.md)\n```\n\
                [web](https://example.com) [anchor](#x)";
    let targets = link_targets(text);
    assert_eq!(targets, ["a.md", "docs/b.md#part", "https://example.com", "#x"]);
    assert!(is_external_or_anchor("https://example.com"));
    assert!(is_external_or_anchor("#x"));
    assert!(!is_external_or_anchor("a.md"));
    assert_eq!(
        resolve(Path::new("docs/page.md"), "b.md#part"),
        Path::new("docs/b.md")
    );
}

#[test]
fn the_readme_setup_scan_of_this_checkout_finds_no_leaks() {
    let out = assert_cmd::Command::cargo_bin("leakhound")
        .expect("the binary is built by cargo test")
        .args(["dir", ".", "--no-progress"])
        .current_dir(root())
        .output()
        .expect("leakhound runs");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(
        out.status.code(),
        Some(0),
        "fixtures need a leakhound:allow marker:\n{}",
        String::from_utf8_lossy(&out.stdout)
    );
    assert!(stderr.contains("no leaks found"), "{stderr}");
}
