//! Standard input: one blob, read within the size cap and scanned like a
//! file in a directory (an archive piped in is opened).

use std::{io::Read, path::Path};

use super::{ScanStats, SkipReason, skip_as_binary};
use crate::{
    engine::Engine,
    finding::{FindingOptions, LocationKind, Origin, Source, SourceKind},
    scan::{Blob, BlobScanner, Limits, ScanOutcome, Scope, sort_findings},
};

/// Reads standard input and scans it. `path` is the name it is reported
/// under (and that path-scoped rules see), if the user gave one.
pub fn scan_stdin(
    engine: &Engine,
    path: Option<&str>,
    limits: &Limits,
    findings: FindingOptions,
) -> std::io::Result<ScanOutcome> {
    let shown = path.unwrap_or("stdin");
    let mut stats = ScanStats::default();
    let read = read_stdin(
        shown,
        limits.max_file_size,
        limits.scan_binary,
        limits.open_archives(),
        &mut stats,
    )?;
    let Some(bytes) = read else {
        return Ok(ScanOutcome {
            findings: Vec::new(),
            stats,
        });
    };
    let origin = Origin {
        path: path.map(String::from),
        kind: LocationKind::Stdin,
        source: Source::plain(SourceKind::Stdin),
    };
    let mut scanner = BlobScanner::new(engine, limits, findings);
    let blob = Blob {
        origin: &origin,
        scope: Scope::Path(path.map(Path::new)),
        display: &shown,
        lines: None,
    };
    let mut found = scanner.scan(&bytes, &blob);
    stats.merge(scanner.take_stats());
    sort_findings(&mut found);
    Ok(ScanOutcome {
        findings: found,
        stats,
    })
}

/// Reads standard input as one file shown as `name`, gated like a file in
/// a directory: input larger than `max` is not scanned and is a fatal
/// warning (the user named it; at most `max + 1` bytes are read, so endless
/// input cannot exhaust memory), and binary input is skipped unless
/// `scan_binary` (archives when `open_archives`, and keystores, are kept).
/// `None`: nothing to scan; `stats` says why.
pub fn read_stdin(
    name: &str,
    max: u64,
    scan_binary: bool,
    open_archives: bool,
    stats: &mut ScanStats,
) -> std::io::Result<Option<Vec<u8>>> {
    let Some(blob) = read_capped(std::io::stdin().lock(), max)? else {
        stats.add_skips(SkipReason::TooLarge, 1);
        stats.fail(
            Some(name.to_string()),
            format!("larger than {max} bytes; not scanned (raise --max-file-size to scan it)"),
        );
        return Ok(None);
    };
    if skip_as_binary(&blob, scan_binary, open_archives) {
        stats.add_skips(SkipReason::Binary, 1);
        stats.warn(
            Some(name.to_string()),
            "looks binary; not scanned (--scan-binary scans it)",
        );
        return Ok(None);
    }
    Ok(Some(blob))
}

/// Reads `reader` to its end unless it holds more than `max` bytes (`None`).
fn read_capped(reader: impl Read, max: u64) -> std::io::Result<Option<Vec<u8>>> {
    let mut buf = Vec::new();
    reader.take(max.saturating_add(1)).read_to_end(&mut buf)?;
    Ok((buf.len() as u64 <= max).then_some(buf))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn capped_reads_stop_one_byte_past_the_cap() {
        assert_eq!(read_capped(&b"abc"[..], 3).expect("read"), Some(b"abc".to_vec()));
        let mut endless = std::io::repeat(b'x');
        assert_eq!(read_capped(&mut endless, 1024).expect("read"), None);
    }
}
