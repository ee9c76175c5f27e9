//! Container images: `docker save` archives (manifest.json, `<id>/layer.tar`
//! or `blobs/sha256/…`) and OCI image layouts (index.json → manifest →
//! config and layers, plain or gzip-compressed), read from one tarball.
//!
//! Every layer is scanned, in order: a file a later layer deletes (a
//! whiteout) is still in the image, so it is reported at the layer that
//! adds it, noted as deleted later. The image config's `Env`, `Labels` and
//! history `created_by` lines are scanned too (build args and `ENV`
//! secrets). The same secret in several places is one finding.
//!
//! The tarball is read twice without holding it in memory: once to list
//! entries and where their data sits, then each layer is streamed from its
//! offset. Layer files are read one at a time, capped at the file size limit.

use std::{
    collections::{HashMap, HashSet},
    fs::File,
    io::{BufReader, Read, Seek, SeekFrom},
    path::Path,
};

use serde_json::Value;

use crate::{
    engine::Engine,
    finding::{Finding, FindingOptions, LocationKind, Origin, Source, SourceKind},
    scan::{Blob, BlobScanner, Limits, ScanOutcome, ScanStats, Scope, SkipReason, archive},
};

/// Largest JSON document (manifest, index, config) read from an image.
const MAX_JSON: u64 = 64 << 20;

/// Most levels of nested image index read below `index.json` (a
/// multi-platform index inside the layout's index is one).
const MAX_INDEX_DEPTH: u32 = 2;
/// Most distinct manifests (and nested indexes) read from one image, or
/// images from one `manifest.json`.
const MAX_MANIFESTS: usize = 256;
/// Most distinct layers read from one manifest (docker's own limit is 127).
const MAX_LAYERS_PER_MANIFEST: usize = 256;

/// Errors that stop an image scan before it produces anything.
#[derive(Debug, thiserror::Error)]
pub enum ImageError {
    /// The file cannot be opened or read.
    #[error("{path}: cannot read the image archive: {reason}")]
    Read {
        /// The image tarball.
        path: String,
        /// What failed.
        reason: String,
    },
    /// The tarball holds no image this reader understands.
    #[error("{path}: {reason}")]
    Format {
        /// The image tarball.
        path: String,
        /// What is missing or malformed, and what to do.
        reason: String,
    },
}

/// Knobs of an image scan.
#[derive(Debug, Clone, Default)]
pub struct ImageOptions {
    /// Size, binary and archive limits every file in a layer obeys
    /// (archives inside layers: jars, wheels…).
    pub limits: Limits,
    /// How matches become findings.
    pub findings: FindingOptions,
}

/// One layer to scan: where its blob sits and how it is named.
#[derive(Debug, Clone)]
struct Layer {
    entry: String,
    digest: String,
}

/// What an image's manifests say.
#[derive(Debug, Default)]
struct Layout {
    layers: Vec<Layer>,
    configs: Vec<String>,
}

/// Where an entry's data sits in the tarball.
#[derive(Debug, Clone, Copy)]
struct Span {
    offset: u64,
    size: u64,
}

/// Scans a `docker save` or OCI image archive. Findings: one per secret,
/// ordered by layer, path and position, then the config's.
pub fn scan_image(path: &Path, engine: &Engine, options: &ImageOptions) -> Result<ScanOutcome, ImageError> {
    let shown = path.display().to_string();
    let read_err = |e: &dyn std::fmt::Display| ImageError::Read {
        path: shown.clone(),
        reason: e.to_string(),
    };
    let spans = list_entries(path).map_err(|e| read_err(&e))?;
    let json = |name: &str| -> Result<Option<Value>, ImageError> {
        let Some(span) = spans.get(name) else {
            return Ok(None);
        };
        let bytes = read_span(path, *span, MAX_JSON).map_err(|e| read_err(&e))?;
        serde_json::from_slice(&bytes)
            .map(Some)
            .map_err(|e| ImageError::Format {
                path: shown.clone(),
                reason: format!("{name} is not valid JSON: {e}"),
            })
    };
    // Manifests, configs and layers are read once per digest, and caps
    // bound the fan-out: a small crafted tarball cannot make the work
    // quadratic. What a cap stops is counted and named.
    let mut stats = ScanStats::default();
    let layout = if let Some(manifest) = json("manifest.json")? {
        docker_layout(&manifest, &shown, &mut stats)
    } else if let Some(index) = json("index.json")? {
        let mut walk = OciWalk {
            json: &json,
            shown: &shown,
            read: HashSet::new(),
            refused: 0,
            layers: HashSet::new(),
            layout: Layout::default(),
        };
        walk.index(&index, 0, &mut stats)?;
        if walk.refused > 0 {
            stats.add_skips(SkipReason::ArchiveLimit, walk.refused);
            stats.warn(
                Some(shown.clone()),
                format!(
                    "lists more than {MAX_MANIFESTS} manifests; {} were not read (image fan-out cap)",
                    walk.refused
                ),
            );
        }
        walk.layout
    } else {
        return Err(ImageError::Format {
            path: shown,
            reason: "no manifest.json or index.json: not a `docker save` or OCI image archive (make one with `docker save IMAGE -o FILE.tar`)".into(),
        });
    };

    let mut scanner = BlobScanner::new(engine, &options.limits, options.findings);
    let mut findings: Vec<(usize, Finding)> = Vec::new();
    let mut deletions: Vec<Deletions> = Vec::new();
    let mut diff_ids: Vec<String> = Vec::new();
    let mut config_findings = Vec::new();
    for config in &layout.configs {
        if let Some(value) = json(config)? {
            if diff_ids.is_empty() {
                diff_ids = value["rootfs"]["diff_ids"]
                    .as_array()
                    .map(|ids| ids.iter().filter_map(|v| v.as_str().map(String::from)).collect())
                    .unwrap_or_default();
            }
            config_findings.extend(scan_config(&value, &mut scanner));
        }
    }
    for (index, layer) in layout.layers.iter().enumerate() {
        let digest = if layer.digest.is_empty() {
            diff_ids
                .get(index)
                .cloned()
                .unwrap_or_else(|| layer.entry.clone())
        } else {
            layer.digest.clone()
        };
        let label = format!("{index} {digest}");
        let mut deleted = Deletions::default();
        match spans.get(&layer.entry) {
            Some(span) => {
                let found = scan_layer(path, *span, &label, &mut scanner, &mut stats, &mut deleted);
                findings.extend(found.into_iter().map(|f| (index, f)));
            }
            None => stats.fail(
                Some(format!("{shown}!{}", layer.entry)),
                "the manifest names this layer but the archive does not hold it; it was not scanned",
            ),
        }
        deletions.push(deleted);
    }

    // Whiteouts: note where a later layer deletes what an earlier one added.
    for (index, finding) in &mut findings {
        let Some(path) = finding.location.path.as_deref() else {
            continue;
        };
        let file = path.split('!').next().unwrap_or(path);
        if let Some(later) = (*index + 1..deletions.len()).find(|&j| deletions[j].removes(file))
            && let Some(layer) = &mut finding.source.layer
        {
            layer.push_str(&format!(" (deleted in layer {later})"));
        }
    }

    // One finding per secret: the first layer that has it, then the config.
    let mut order: Vec<Finding> = findings.into_iter().map(|(_, f)| f).collect();
    order.extend(config_findings);
    let mut first: HashMap<String, usize> = HashMap::new();
    let mut others: HashMap<String, Vec<String>> = HashMap::new();
    let mut kept = Vec::new();
    for f in order {
        match first.get(&f.fingerprint) {
            Some(_) => {
                if let Some(layer) = f.source.layer.as_deref().and_then(|l| l.split(' ').next()) {
                    let list = others.entry(f.fingerprint.clone()).or_default();
                    if !list.iter().any(|l| l == layer) {
                        list.push(layer.to_string());
                    }
                }
            }
            None => {
                first.insert(f.fingerprint.clone(), kept.len());
                kept.push(f);
            }
        }
    }
    for f in &mut kept {
        let here = f
            .source
            .layer
            .as_deref()
            .and_then(|l| l.split(' ').next())
            .map(String::from);
        if let (Some(list), Some(layer)) = (others.get(&f.fingerprint), &mut f.source.layer) {
            let list: Vec<&String> = list.iter().filter(|l| Some(*l) != here.as_ref()).collect();
            if !list.is_empty() {
                let names: Vec<&str> = list.iter().map(|s| s.as_str()).collect();
                layer.push_str(&format!(" (also in layers {})", names.join(", ")));
            }
        }
    }
    stats.merge(scanner.take_stats());
    stats.coverage.push(format!(
        "image: {} layers, {} config(s)",
        layout.layers.len(),
        layout.configs.len()
    ));
    Ok(ScanOutcome {
        findings: kept,
        stats,
    })
}

/// Paths a layer deletes with whiteouts.
#[derive(Debug, Default)]
struct Deletions {
    /// `.wh.name` entries: the path they delete.
    files: HashSet<String>,
    /// `.wh..wh..opq` entries: directories whose lower contents are hidden.
    opaque: HashSet<String>,
}

impl Deletions {
    fn removes(&self, path: &str) -> bool {
        let mut current = path;
        loop {
            if self.files.contains(current) {
                return true;
            }
            let parent = current.rsplit_once('/').map_or("", |(p, _)| p);
            if self.opaque.contains(parent) {
                return true;
            }
            if parent.is_empty() {
                return false;
            }
            current = parent;
        }
    }

    /// Records `path` if it is a whiteout; says whether it was one.
    fn record(&mut self, path: &str) -> bool {
        let (dir, name) = path.rsplit_once('/').unwrap_or(("", path));
        if name == ".wh..wh..opq" {
            self.opaque.insert(dir.to_string());
            return true;
        }
        match name.strip_prefix(".wh.") {
            Some(deleted) => {
                let full = if dir.is_empty() {
                    deleted.to_string()
                } else {
                    format!("{dir}/{deleted}")
                };
                self.files.insert(full);
                true
            }
            None => false,
        }
    }
}

/// Entries of a tar file and where their data sits.
fn list_entries(path: &Path) -> std::io::Result<HashMap<String, Span>> {
    let mut archive = tar::Archive::new(BufReader::new(File::open(path)?));
    let mut spans = HashMap::new();
    // Seeking past entry data lists a multi-gigabyte image without reading its layers.
    for entry in archive.entries_with_seek()? {
        let entry = entry?;
        if !archive::is_file_entry(entry.header()) {
            continue;
        }
        let name = clean(&String::from_utf8_lossy(&entry.path_bytes()));
        spans.insert(
            name,
            Span {
                offset: entry.raw_file_position(),
                size: entry.size(),
            },
        );
    }
    Ok(spans)
}

/// A path without `./` or `/` in front.
fn clean(path: &str) -> String {
    path.trim_start_matches("./").trim_start_matches('/').to_string()
}

fn read_span(path: &Path, span: Span, cap: u64) -> std::io::Result<Vec<u8>> {
    if span.size > cap {
        return Err(std::io::Error::other(format!(
            "{} bytes, more than the {cap} read",
            span.size
        )));
    }
    let mut file = File::open(path)?;
    file.seek(SeekFrom::Start(span.offset))?;
    let mut bytes = Vec::new();
    file.take(span.size).read_to_end(&mut bytes)?;
    Ok(bytes)
}

/// `blobs/sha256/abc` for `sha256:abc`.
fn blob_path(digest: &str) -> String {
    match digest.split_once(':') {
        Some((alg, hex)) => format!("blobs/{alg}/{hex}"),
        None => digest.to_string(),
    }
}

/// Takes at most [`MAX_LAYERS_PER_MANIFEST`] distinct layers from
/// `listed` (in order), counting and naming the rest under `owner`.
fn capped_layers(listed: Vec<Layer>, owner: &str, stats: &mut ScanStats) -> Vec<Layer> {
    let mut distinct = Vec::new();
    let mut seen = HashSet::new();
    for layer in listed {
        if seen.insert(layer.entry.clone()) {
            distinct.push(layer);
        }
    }
    if distinct.len() > MAX_LAYERS_PER_MANIFEST {
        let dropped = distinct.len() - MAX_LAYERS_PER_MANIFEST;
        stats.add_skips(SkipReason::ArchiveLimit, dropped as u64);
        stats.warn(
            Some(owner.to_string()),
            format!(
                "lists {} layers; only the first {MAX_LAYERS_PER_MANIFEST} were read (image fan-out cap)",
                distinct.len()
            ),
        );
        distinct.truncate(MAX_LAYERS_PER_MANIFEST);
    }
    distinct
}

/// Adds `config` to the layout unless it is there already.
fn add_config(layout: &mut Layout, config: String) {
    if !layout.configs.contains(&config) {
        layout.configs.push(config);
    }
}

fn docker_layout(manifest: &Value, shown: &str, stats: &mut ScanStats) -> Layout {
    let mut layout = Layout::default();
    let mut seen = HashSet::new();
    let mut images = HashSet::new();
    let mut refused = 0u64;
    for image in manifest.as_array().into_iter().flatten() {
        // The same entry repeated describes the same image.
        if !images.insert(image.to_string()) {
            continue;
        }
        if images.len() > MAX_MANIFESTS {
            refused += 1;
            continue;
        }
        if let Some(config) = image["Config"].as_str() {
            add_config(&mut layout, clean(config));
        }
        let listed = image["Layers"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|layer| layer.as_str().map(clean))
            .map(|entry| {
                // Newer docker writes OCI blob paths: the path names the digest.
                let digest = entry
                    .strip_prefix("blobs/")
                    .and_then(|rest| rest.split_once('/'))
                    .map(|(alg, hex)| format!("{alg}:{hex}"))
                    .unwrap_or_default();
                Layer { entry, digest }
            })
            .collect();
        let owner = format!("{shown}!manifest.json");
        for layer in capped_layers(listed, &owner, stats) {
            if seen.insert(layer.entry.clone()) {
                layout.layers.push(layer);
            }
        }
    }
    if refused > 0 {
        stats.add_skips(SkipReason::ArchiveLimit, refused);
        stats.warn(
            Some(format!("{shown}!manifest.json")),
            format!("lists more than {MAX_MANIFESTS} images; {refused} were not read (image fan-out cap)"),
        );
    }
    layout
}

/// Walks an OCI layout's index: every manifest and nested index is read
/// once per digest, to [`MAX_INDEX_DEPTH`] and [`MAX_MANIFESTS`].
struct OciWalk<'a> {
    json: &'a dyn Fn(&str) -> Result<Option<Value>, ImageError>,
    shown: &'a str,
    /// Manifest and index blobs read (or refused) already.
    read: HashSet<String>,
    /// Distinct manifests the manifest cap left unread.
    refused: u64,
    /// Layer blobs in the layout already.
    layers: HashSet<String>,
    layout: Layout,
}

impl OciWalk<'_> {
    fn index(&mut self, index: &Value, depth: u32, stats: &mut ScanStats) -> Result<(), ImageError> {
        for descriptor in index["manifests"].as_array().into_iter().flatten() {
            let Some(digest) = descriptor["digest"].as_str() else {
                continue;
            };
            let path = blob_path(digest);
            if !self.read.insert(path.clone()) {
                continue;
            }
            if self.read.len() > MAX_MANIFESTS {
                self.refused += 1;
                continue;
            }
            let Some(manifest) = (self.json)(&path)? else {
                continue;
            };
            let shown = format!("{}!{path}", self.shown);
            if manifest["manifests"].is_array() {
                // A nested index (multi-platform image): read what it lists.
                if depth >= MAX_INDEX_DEPTH {
                    stats.add_skips(SkipReason::ArchiveLimit, 1);
                    stats.warn(
                        Some(shown),
                        format!(
                            "an image index nested deeper than {MAX_INDEX_DEPTH} levels; not read (image fan-out cap)"
                        ),
                    );
                    continue;
                }
                self.index(&manifest, depth + 1, stats)?;
                continue;
            }
            if let Some(config) = manifest["config"]["digest"].as_str() {
                add_config(&mut self.layout, blob_path(config));
            }
            let listed = manifest["layers"]
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(|layer| layer["digest"].as_str())
                .map(|digest| Layer {
                    entry: blob_path(digest),
                    digest: digest.to_string(),
                })
                .collect();
            for layer in capped_layers(listed, &shown, stats) {
                if self.layers.insert(layer.entry.clone()) {
                    self.layout.layers.push(layer);
                }
            }
        }
        Ok(())
    }
}

/// Scans the config's `Env`, `Labels` and history `created_by` lines, each
/// as its own location (`config:Env` line N = the Nth variable).
fn scan_config(config: &Value, scanner: &mut BlobScanner<'_>) -> Vec<Finding> {
    let one_line = |s: &str| s.replace(['\n', '\r'], " ");
    let env: Vec<String> = config["config"]["Env"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|v| v.as_str().map(one_line))
        .collect();
    let labels: Vec<String> = config["config"]["Labels"]
        .as_object()
        .into_iter()
        .flatten()
        .map(|(k, v)| one_line(&format!("{k}={}", v.as_str().unwrap_or_default())))
        .collect();
    let history: Vec<String> = config["history"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|h| one_line(h["created_by"].as_str().unwrap_or_default()))
        .collect();
    let mut findings = Vec::new();
    for (name, lines) in [
        ("config:Env", env),
        ("config:Labels", labels),
        ("config:history", history),
    ] {
        if lines.is_empty() {
            continue;
        }
        let text = lines.join("\n");
        let origin = Origin {
            path: Some(name.to_string()),
            kind: LocationKind::File,
            source: Source::plain(SourceKind::Image),
        };
        let blob = Blob {
            origin: &origin,
            scope: Scope::Path(None),
            display: &name,
            lines: None,
        };
        findings.extend(scanner.scan(text.as_bytes(), &blob));
    }
    findings
}

/// Streams one layer's tar (gzip-compressed or not) and scans its files.
fn scan_layer(
    image: &Path,
    span: Span,
    label: &str,
    scanner: &mut BlobScanner<'_>,
    stats: &mut ScanStats,
    deleted: &mut Deletions,
) -> Vec<Finding> {
    let max_file_size = scanner.limits().max_file_size;
    let shown = format!("{} layer {label}", image.display());
    let mut file = match File::open(image).and_then(|mut f| f.seek(SeekFrom::Start(span.offset)).map(|_| f)) {
        Ok(f) => f,
        Err(e) => {
            stats.fail(Some(shown), format!("cannot read this layer: {e}; not scanned"));
            return Vec::new();
        }
    };
    let mut magic = [0u8; 2];
    let peeked = (&mut file).take(2).read(&mut magic).unwrap_or(0);
    let raw = std::io::Cursor::new(magic[..peeked].to_vec())
        .chain(BufReader::new(file.take(span.size.saturating_sub(peeked as u64))));
    let reader: Box<dyn Read> = if magic == [0x1f, 0x8b] {
        Box::new(flate2::read::MultiGzDecoder::new(raw))
    } else {
        Box::new(raw)
    };
    let mut tar = tar::Archive::new(reader);
    let entries = match tar.entries() {
        Ok(entries) => entries,
        Err(e) => {
            stats.warn(Some(shown), format!("not a readable tar layer: {e}; not scanned"));
            return Vec::new();
        }
    };
    let mut findings = Vec::new();
    for entry in entries {
        let mut entry = match entry {
            Ok(entry) => entry,
            Err(e) => {
                stats.add_skips(SkipReason::Unreadable, 1);
                stats.warn(
                    Some(shown.clone()),
                    format!("corrupt or truncated layer (zstd layers are not read): {e}; the rest of it was not scanned"),
                );
                break;
            }
        };
        if !archive::is_file_entry(entry.header()) {
            continue;
        }
        let path = clean(&String::from_utf8_lossy(&entry.path_bytes()));
        if deleted.record(&path) {
            continue;
        }
        if entry.size() > max_file_size {
            stats.add_skips(SkipReason::TooLarge, 1);
            continue;
        }
        let mut bytes = Vec::new();
        if let Err(e) = (&mut entry).take(max_file_size).read_to_end(&mut bytes) {
            stats.add_skips(SkipReason::Unreadable, 1);
            stats.warn(
                Some(format!("{shown}: {path}")),
                format!("cannot read it: {e}; skipped"),
            );
            continue;
        }
        let origin = Origin {
            path: Some(path.clone()),
            kind: LocationKind::File,
            source: Source {
                layer: Some(label.to_string()),
                ..Source::plain(SourceKind::Image)
            },
        };
        let blob = Blob {
            origin: &origin,
            scope: Scope::Path(Some(Path::new(&path))),
            display: &path,
            lines: None,
        };
        findings.extend(scanner.scan(&bytes, &blob));
    }
    findings
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whiteouts_delete_files_and_opaque_directories_hide_what_is_below() {
        let mut layer = Deletions::default();
        assert!(layer.record("etc/.wh.passwd"));
        assert!(layer.record("srv/app/.wh..wh..opq"));
        assert!(layer.record(".wh.top.env"));
        assert!(!layer.record("etc/hosts"));
        assert!(layer.removes("etc/passwd"));
        assert!(!layer.removes("etc/passwd.bak"));
        assert!(layer.removes("srv/app/config/secret.env"));
        assert!(!layer.removes("srv/other.env"));
        assert!(layer.removes("top.env"));
        // Deleting a directory deletes what is in it.
        let mut dir = Deletions::default();
        dir.record("opt/.wh.tool");
        assert!(dir.removes("opt/tool/bin/run.sh"));
    }

    #[test]
    fn blob_paths_follow_the_oci_layout() {
        assert_eq!(blob_path("sha256:abc"), "blobs/sha256/abc");
        assert_eq!(clean("./l0/layer.tar"), "l0/layer.tar");
    }
}
