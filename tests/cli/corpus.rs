//! The fixture corpus: every line of `fixtures/positive/*.txt` must yield
//! exactly one finding, every line of `fixtures/negative/*.txt` none.
//! Runs the library engine directly (no process per line).

use std::{fs, path::Path};

use leakhound::{Engine, RuleSet, Scratch};

fn engine() -> Engine {
    Engine::new(RuleSet::builtin().expect("built-in rules load")).expect("prefilter builds")
}

fn lines(kind: &str) -> Vec<(String, usize, String)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures").join(kind);
    let mut files: Vec<_> = fs::read_dir(&dir)
        .expect("fixture directory exists")
        .map(|e| e.expect("readable entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    files.sort();
    let mut out = Vec::new();
    for file in files {
        let name = file
            .file_name()
            .expect("file name")
            .to_string_lossy()
            .into_owned();
        let text = fs::read_to_string(&file).expect("fixture is UTF-8");
        for (i, line) in text.lines().enumerate() {
            if !line.trim().is_empty() {
                out.push((name.clone(), i + 1, line.to_string()));
            }
        }
    }
    out
}

/// Scans every line of `fixtures/KIND/*.txt` on its own and fails with the
/// list of lines whose finding count `expected` rejects.
fn check_corpus(kind: &str, expected: &str, ok: impl Fn(usize) -> bool) {
    let engine = engine();
    let mut scratch = Scratch::default();
    let corpus = lines(kind);
    assert!(
        corpus.len() > 300,
        "the {kind} corpus shrank to {} lines",
        corpus.len()
    );
    let failures: Vec<String> = corpus
        .iter()
        .filter_map(|(file, n, line)| {
            let found = engine.scan(line.as_bytes(), None, &mut scratch);
            (!ok(found.len())).then(|| {
                let ids: Vec<&str> = found.iter().map(|m| engine.rule(m).id.as_str()).collect();
                format!("{file}:{n}: {} findings {ids:?}: {line}", found.len())
            })
        })
        .collect();
    assert!(
        failures.is_empty(),
        "{} {kind} lines did not yield {expected}:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn every_positive_line_yields_exactly_one_finding() {
    check_corpus("positive", "exactly one finding", |n| n == 1);
}

#[test]
fn no_negative_line_yields_a_finding() {
    check_corpus("negative", "no finding", |n| n == 0);
}
