//! Engine throughput (MB/s) on source text with and without keyword hits,
//! with and without the decoders, and the cost of building the engine (the
//! pre-commit start-up path).
//!
//! Run: `cargo bench --bench engine`. The corpus is real Rust source from
//! the local cargo registry (the crates this project depends on), so it is
//! the same text on every machine that built leakhound.

use std::{path::PathBuf, sync::OnceLock};

use divan::{Bencher, counter::BytesCount};
use leakhound::{
    Engine, RuleSet, Scratch,
    engine::{Workload, prefilter::PrefilterScratch},
};

/// Size of each benchmark corpus.
const CORPUS_BYTES: usize = 16 << 20;

fn main() {
    divan::main();
}

fn engine() -> &'static Engine {
    static ENGINE: OnceLock<Engine> = OnceLock::new();
    ENGINE.get_or_init(|| Engine::new(RuleSet::builtin().expect("rules load")).expect("prefilter builds"))
}

fn source_files() -> Vec<PathBuf> {
    let home = std::env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cargo")))
        .expect("CARGO_HOME or HOME is set");
    let mut files = Vec::new();
    let mut stack = vec![
        home.join("registry").join("src"),
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("src"),
    ];
    while let Some(dir) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                files.push(path);
            }
        }
    }
    files.sort();
    files
}

/// Real source lines in which the prefilter finds no keyword at all.
fn text_without_hits() -> &'static [u8] {
    static TEXT: OnceLock<Vec<u8>> = OnceLock::new();
    TEXT.get_or_init(|| {
        let prefilter =
            leakhound::engine::prefilter::Prefilter::new(engine().rules().rules(), Workload::Bulk)
                .expect("builds");
        let mut scratch = PrefilterScratch::default();
        let mut out = Vec::with_capacity(CORPUS_BYTES);
        'files: for path in source_files() {
            let Ok(text) = std::fs::read(&path) else { continue };
            for line in text.split_inclusive(|&b| b == b'\n') {
                if prefilter.candidates(line, &mut scratch) == 0 {
                    out.extend_from_slice(line);
                }
                if out.len() >= CORPUS_BYTES {
                    break 'files;
                }
            }
        }
        assert!(
            out.len() > 1 << 20,
            "not enough source text found for the benchmark"
        );
        assert_eq!(prefilter.candidates(&out, &mut scratch), 0);
        out
    })
}

/// Real source as it is (keywords such as `token`, `key`, `secret`
/// included), with a fixture secret every 200 lines.
fn text_with_hits() -> &'static [u8] {
    static TEXT: OnceLock<Vec<u8>> = OnceLock::new();
    TEXT.get_or_init(|| {
        let fixtures = std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/fixtures/positive/code-hosting.txt"
        ))
        .expect("fixture corpus present");
        let secrets: Vec<&str> = fixtures.lines().collect();
        let mut out = Vec::with_capacity(CORPUS_BYTES);
        let mut n = 0usize;
        'files: for path in source_files() {
            let Ok(text) = std::fs::read(&path) else { continue };
            for line in text.split_inclusive(|&b| b == b'\n') {
                out.extend_from_slice(line);
                n += 1;
                if n.is_multiple_of(200) {
                    out.extend_from_slice(secrets[n / 200 % secrets.len()].as_bytes());
                    out.push(b'\n');
                }
                if out.len() >= CORPUS_BYTES {
                    break 'files;
                }
            }
        }
        out
    })
}

/// Scans the corpus in 64 KiB blobs, the size of a typical source file
/// batch, so per-blob costs are included.
fn scan_in_blobs(bencher: Bencher, text: &'static [u8]) {
    let engine = engine();
    bencher.counter(BytesCount::new(text.len())).bench_local(|| {
        let mut scratch = Scratch::default();
        let mut found = 0;
        for blob in text.chunks(64 << 10) {
            found += engine.scan(divan::black_box(blob), None, &mut scratch).len();
        }
        found
    });
}

/// [`scan_in_blobs`] plus the decoders ([`Engine::scan_decoded`], depth
/// 2): the difference is what decoding costs on ordinary source text.
fn scan_and_decode_in_blobs(bencher: Bencher, text: &'static [u8]) {
    let engine = engine();
    bencher.counter(BytesCount::new(text.len())).bench_local(|| {
        let mut scratch = Scratch::default();
        let mut found = 0;
        for blob in text.chunks(64 << 10) {
            let blob = divan::black_box(blob);
            found += engine.scan(blob, None, &mut scratch).len();
            found += engine.scan_decoded(blob, None, &mut scratch).len();
        }
        found
    });
}

#[divan::bench(sample_count = 10)]
fn source_without_keyword_hits_decoded(bencher: Bencher) {
    scan_and_decode_in_blobs(bencher, text_without_hits());
}

#[divan::bench(sample_count = 10)]
fn source_with_keyword_hits_decoded(bencher: Bencher) {
    scan_and_decode_in_blobs(bencher, text_with_hits());
}

#[divan::bench(sample_count = 10)]
fn source_without_keyword_hits(bencher: Bencher) {
    scan_in_blobs(bencher, text_without_hits());
}

#[divan::bench(sample_count = 10)]
fn source_with_keyword_hits(bencher: Bencher) {
    scan_in_blobs(bencher, text_with_hits());
}

/// Loading the built-in rules and building the prefilter, then scanning a
/// 2 KB file: what a pre-commit run pays besides process start-up.
#[divan::bench(sample_count = 20)]
fn startup_and_2kb_scan(bencher: Bencher) {
    let blob: Vec<u8> = text_with_hits()[..2048].to_vec();
    bencher.bench_local(|| {
        let engine = Engine::new(RuleSet::builtin().expect("rules load")).expect("prefilter builds");
        engine.scan(&blob, None, &mut Scratch::default()).len()
    });
}
