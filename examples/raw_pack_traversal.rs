//! Baseline for `leakhound git`: decode every object of every pack of a repository with gix's
//! delta-tree pack traversal and do nothing with it but count objects and blob bytes. This is
//! about the least work a full-history scan that reads every blob can do.
//!
//! usage: cargo run --release --example raw_pack_traversal -- REPO [THREADS]
//!
//! REPO is a bare repository or a work tree with `.git/`; THREADS defaults to 2. Loose objects
//! are not read (a freshly cloned or repacked repository has none).

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::Instant;

use gix::odb::pack::{
    self,
    index::traverse::{Algorithm, Options, SafetyCheck},
};

fn pack_dir(repo: &Path) -> PathBuf {
    let dot_git = repo.join(".git").join("objects").join("pack");
    if dot_git.is_dir() {
        dot_git
    } else {
        repo.join("objects").join("pack")
    }
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args_os().skip(1);
    let Some(repo) = args.next().map(PathBuf::from) else {
        eprintln!("usage: raw_pack_traversal REPO [THREADS]");
        std::process::exit(2);
    };
    let threads: usize = match args.next() {
        Some(t) => t
            .to_str()
            .and_then(|t| t.parse().ok())
            .ok_or("THREADS must be a number")?,
        None => 2,
    };
    let dir = pack_dir(&repo);
    let mut indices: Vec<PathBuf> = std::fs::read_dir(&dir)
        .map_err(|e| format!("{}: {e}", dir.display()))?
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|ext| ext == "idx"))
        .collect();
    indices.sort();
    if indices.is_empty() {
        return Err(format!("no *.idx in {}", dir.display()).into());
    }

    let objects = AtomicU64::new(0);
    let blobs = AtomicU64::new(0);
    let blob_bytes = AtomicU64::new(0);
    let mut pack_bytes = 0u64;
    let start = Instant::now();
    for idx in &indices {
        let bundle = pack::Bundle::at(idx, gix::hash::Kind::Sha1)?;
        pack_bytes += bundle.pack.data_len() as u64;
        // Clones of this closure run on the worker threads; they share the counters.
        let (objects, blobs, blob_bytes) = (&objects, &blobs, &blob_bytes);
        let processor = move |kind: gix::objs::Kind,
                              data: &[u8],
                              _: &pack::index::Entry,
                              _: &dyn gix::progress::Progress| {
            objects.fetch_add(1, Ordering::Relaxed);
            if kind == gix::objs::Kind::Blob {
                blobs.fetch_add(1, Ordering::Relaxed);
                blob_bytes.fetch_add(data.len() as u64, Ordering::Relaxed);
            }
            Ok(())
        };
        bundle.index.traverse(
            &bundle.pack,
            &mut gix::progress::Discard,
            &AtomicBool::new(false),
            processor,
            Options {
                traversal: Algorithm::DeltaTreeLookup,
                thread_limit: Some(threads),
                check: SafetyCheck::SkipFileAndObjectChecksumVerification,
                ..Default::default()
            },
        )?;
    }
    let elapsed = start.elapsed().as_secs_f64();
    let blob_bytes = blob_bytes.into_inner();
    println!(
        "packs: {} ({:.1} MB), threads: {threads}\nobjects: {}\nblobs: {}\n\
         blob bytes: {blob_bytes} ({:.1} MB)\nelapsed: {elapsed:.3} s\n\
         throughput: {:.1} MB/s of blob content",
        indices.len(),
        pack_bytes as f64 / 1e6,
        objects.into_inner(),
        blobs.into_inner(),
        blob_bytes as f64 / 1e6,
        blob_bytes as f64 / 1e6 / elapsed,
    );
    Ok(())
}
