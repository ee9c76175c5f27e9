//! Which rules cost the most on a corpus: the whole-engine throughput, then
//! the time each rule's windowed regex and filters take, most expensive
//! first. For rule authors: a rule with a common keyword shows up here.
//!
//! usage: cargo run --release --example rule_costs -- DIR [TOP]

use std::{
    path::PathBuf,
    time::{Duration, Instant},
};

use leakhound::{
    engine::{Engine, Scratch},
    rules::RuleSet,
};

fn main() {
    let mut args = std::env::args().skip(1);
    let Some(dir) = args.next() else {
        eprintln!("usage: rule_costs DIR [TOP]");
        std::process::exit(2);
    };
    let top: usize = args.next().and_then(|t| t.parse().ok()).unwrap_or(12);
    let engine = Engine::new(RuleSet::builtin().expect("built-in rules load")).expect("prefilter builds");

    let mut blobs = Vec::new();
    let mut stack = vec![PathBuf::from(dir)];
    while let Some(path) = stack.pop() {
        if path.is_dir() {
            let entries = std::fs::read_dir(&path).into_iter().flatten().flatten();
            stack.extend(entries.filter(|e| e.file_name() != ".git").map(|e| e.path()));
        } else if let Ok(bytes) = std::fs::read(&path)
            && !bytes[..bytes.len().min(8000)].contains(&0)
        {
            blobs.push(bytes);
        }
    }
    let total: usize = blobs.iter().map(Vec::len).sum();

    let mut scratch = Scratch::default();
    // First pass compiles the regexes the corpus wakes up; time the second.
    for blob in &blobs {
        engine.scan(blob, None, &mut scratch);
    }
    let started = Instant::now();
    for blob in &blobs {
        engine.scan(blob, None, &mut scratch);
    }
    let elapsed = started.elapsed();
    println!(
        "{} files, {:.1} MB: scan {elapsed:.1?} ({:.0} MB/s, one thread)",
        blobs.len(),
        total as f64 / 1e6,
        total as f64 / elapsed.as_secs_f64() / 1e6
    );

    let rules = engine.rules().rules();
    let mut costs = vec![Duration::ZERO; rules.len()];
    for blob in &blobs {
        engine.profile_rules(blob, &mut costs);
    }
    let sum: Duration = costs.iter().sum();
    println!("regex and filters, all rules: {sum:.1?}");
    let mut order: Vec<usize> = (0..rules.len()).collect();
    order.sort_by_key(|&i| std::cmp::Reverse(costs[i]));
    for &i in order.iter().take(top).filter(|&&i| !costs[i].is_zero()) {
        println!("{:>10.1?}  {}", costs[i], rules[i].id);
    }
}
