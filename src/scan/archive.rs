//! Archives: zip (and jar, whl, apk, nupkg, which are zips), tar, tar.gz /
//! tgz and single-file gz, recognised by their magic bytes and opened in
//! memory, nested up to a depth.
//!
//! Archive members are attacker-controlled: declared sizes are never
//! trusted (every read goes through `Read::take`), and caps on the bytes
//! one top-level archive may unpack, on the compression ratio of large
//! members and on the member count defeat zip bombs. Whatever a cap or a
//! corrupt member stops is counted under a [`SkipReason`] and named in a
//! warning; the rest of the archive is still read.

use std::io::{self, Cursor, Read};

use super::{ScanStats, SkipReason};

/// Separator between an archive and a member in displayed paths:
/// `outer.tgz!inner.zip!conf/app.env`.
pub const SEPARATOR: char = '!';

/// Caps that keep archive expansion bounded in time and memory.
#[derive(Debug, Clone)]
pub struct ArchiveLimits {
    /// Archives nested deeper than this are not opened (the top-level
    /// archive is depth 1; 0 opens no archive at all).
    pub max_depth: u32,
    /// Most bytes unpacked from one top-level archive, all levels together.
    pub max_total: u64,
    /// Largest member read (members are held in memory one at a time per level).
    pub max_member: u64,
    /// Highest compression ratio tolerated for members bigger than `ratio_floor`.
    pub max_ratio: u64,
    /// Members up to this size may have any ratio (small text compresses well).
    pub ratio_floor: u64,
    /// Most members read from one top-level archive.
    pub max_members: u64,
    /// Scan members that look binary instead of skipping them.
    pub scan_binary: bool,
}

impl Default for ArchiveLimits {
    fn default() -> Self {
        ArchiveLimits {
            max_depth: 3,
            max_total: 1 << 30,
            max_member: 10 << 20,
            max_ratio: 100,
            ratio_floor: 1 << 20,
            max_members: 100_000,
            scan_binary: false,
        }
    }
}

/// A container format, recognised by magic bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// `PK\x03\x04` (also jar, whl, apk, nupkg, and an empty `PK\x05\x06`).
    Zip,
    /// POSIX/GNU tar (`ustar` at offset 257), or a Unix V7 tar (no magic:
    /// a valid header checksum says it).
    Tar,
    /// gzip (`1f 8b`): a tar.gz or a single compressed file.
    Gzip,
}

/// Recognises an archive by its first bytes.
pub fn detect(head: &[u8]) -> Option<Format> {
    if head.starts_with(b"PK\x03\x04") || head.starts_with(b"PK\x05\x06") {
        Some(Format::Zip)
    } else if head.starts_with(&[0x1f, 0x8b]) {
        Some(Format::Gzip)
    } else if looks_like_tar(head) {
        Some(Format::Tar)
    } else {
        None
    }
}

/// Whether `head` starts with a tar header: the `ustar` magic, or else (V7
/// tars have no magic) a header checksum that adds up.
fn looks_like_tar(head: &[u8]) -> bool {
    if head.get(257..262) == Some(b"ustar") {
        return true;
    }
    let Some(header) = head.get(..512) else {
        return false;
    };
    // The checksum field: octal digits after optional spaces, ended by NUL or space.
    let field = &header[148..156];
    let start = field.iter().take_while(|&&b| b == b' ').count();
    let digits = field[start..]
        .iter()
        .take_while(|b| (b'0'..=b'7').contains(*b))
        .count();
    let ended = field.get(start + digits).is_none_or(|&b| b == 0 || b == b' ');
    if digits == 0 || !ended || header[0] == 0 {
        return false;
    }
    let stored = field[start..start + digits].iter().fold(0u32, |sum, &d| {
        sum.saturating_mul(8).saturating_add(u32::from(d - b'0'))
    });
    // The sum of the header's bytes, the checksum field counted as spaces.
    let sum: u32 = header[..148]
        .iter()
        .chain(&header[156..])
        .map(|&b| u32::from(b))
        .sum::<u32>()
        + 8 * u32::from(b' ');
    stored == sum
}

/// Whether a tar entry holds a file's contents: a regular file, or a
/// contiguous file (type `7`), which is a regular file to every reader.
pub(crate) fn is_file_entry(header: &tar::Header) -> bool {
    let kind = header.entry_type();
    kind.is_file() || kind.is_contiguous()
}

/// A file found inside an archive, ready to scan.
#[derive(Debug)]
pub struct Member<'a> {
    /// Path below the top-level archive: `inner.zip!conf/app.env`.
    pub chain: &'a str,
    /// The member's own path in its archive (drives path-scoped rules).
    pub name: &'a str,
    /// Its contents.
    pub bytes: &'a [u8],
}

/// Opens the archive `bytes` (whose file name is `name`, shown in warnings
/// as `display`) and calls `visit` for every member that is not itself an
/// archive, descending into nested archives up to `limits.max_depth`.
/// Members scanned are counted in `stats.files`/`bytes`, members skipped
/// under a reason, and problems become warnings naming the member.
pub fn expand(
    bytes: &[u8],
    name: &str,
    display: &str,
    limits: &ArchiveLimits,
    stats: &mut ScanStats,
    visit: &mut dyn FnMut(Member<'_>),
) {
    let mut ctx = Ctx {
        limits,
        stats,
        display,
        total: 0,
        members: 0,
        visit,
    };
    if limits.max_depth == 0 {
        return;
    }
    ctx.open(bytes, name, "", 1);
}

struct Ctx<'a, 'v> {
    limits: &'a ArchiveLimits,
    stats: &'a mut ScanStats,
    display: &'a str,
    /// Bytes unpacked so far from the top-level archive.
    total: u64,
    /// Members read so far.
    members: u64,
    visit: &'a mut (dyn FnMut(Member<'_>) + 'v),
}

/// Why a member was not read in full.
enum Cut {
    /// The member is larger than `max_member`.
    TooLarge,
    /// A zip-bomb cap (ratio, total bytes, member count) stopped it.
    Bomb(String),
    /// Reading failed: truncated or corrupt data.
    Corrupt(String),
}

impl Ctx<'_, '_> {
    /// `here` is this archive's path below the top level ("" for the top).
    fn open(&mut self, bytes: &[u8], name: &str, here: &str, depth: u32) {
        match detect(bytes) {
            Some(Format::Zip) => self.zip(bytes, here, depth),
            Some(Format::Tar) => self.tar(bytes, here, depth),
            Some(Format::Gzip) => self.gzip(bytes, name, here, depth),
            None => {}
        }
    }

    fn shown(&self, chain: &str) -> String {
        if chain.is_empty() {
            self.display.to_string()
        } else {
            format!("{}{SEPARATOR}{chain}", self.display)
        }
    }

    fn skip(&mut self, reason: SkipReason, chain: &str, why: String) {
        self.stats.add_skips(reason, 1);
        let path = self.shown(chain);
        self.stats.warn(Some(path), why);
    }

    /// Counts a member against the member cap; false once it is exceeded:
    /// then the members not read are counted and the archive named. `left`
    /// is how many members the archive still holds, this one included, when
    /// its format says (zip); a tar's rest is counted as one.
    fn admit(&mut self, here: &str, left: Option<u64>) -> bool {
        self.members += 1;
        if self.members <= self.limits.max_members {
            return true;
        }
        let (count, rest) = match left {
            Some(n) => (n, format!("{n} members were not read")),
            None => (1, "the rest was not read".to_string()),
        };
        self.stats.add_skips(SkipReason::ArchiveLimit, count);
        let path = self.shown(here);
        self.stats.warn(
            Some(path),
            format!(
                "more than {} members in one archive; {rest} (zip-bomb guard)",
                self.limits.max_members
            ),
        );
        false
    }

    /// Reads a member through every cap. `compressed` is its compressed
    /// size when the format says (zip), for the ratio cap.
    fn read(&mut self, reader: &mut dyn Read, compressed: Option<u64>) -> Result<Vec<u8>, Cut> {
        let limits = self.limits;
        let remaining = limits.max_total.saturating_sub(self.total);
        let ratio_cap = compressed.map(|c| limits.ratio_floor.max(c.saturating_mul(limits.max_ratio)));
        let cap = limits
            .max_member
            .min(remaining)
            .min(ratio_cap.unwrap_or(u64::MAX));
        let mut buf = Vec::new();
        let result = reader.take(cap.saturating_add(1)).read_to_end(&mut buf);
        self.total += buf.len() as u64;
        if let Err(e) = result {
            return Err(Cut::Corrupt(e.to_string()));
        }
        if buf.len() as u64 <= cap {
            return Ok(buf);
        }
        Err(if ratio_cap == Some(cap) && cap < limits.max_member {
            Cut::Bomb(format!(
                "compression ratio above {}:1 (zip-bomb guard); skipped",
                limits.max_ratio
            ))
        } else if cap == remaining && cap < limits.max_member {
            Cut::Bomb(format!(
                "the archive unpacks to more than {} bytes (zip-bomb guard, --archive-max-bytes); skipped",
                limits.max_total
            ))
        } else {
            Cut::TooLarge
        })
    }

    /// Handles a member's bytes: a nested archive is opened, a file visited.
    fn member(&mut self, data: &[u8], name: &str, chain: &str, depth: u32) {
        if let Some(format) = detect(data) {
            if depth >= self.limits.max_depth {
                let why = format!(
                    "a {format:?} archive nested deeper than --archive-depth {}; not opened",
                    self.limits.max_depth
                );
                return self.skip(SkipReason::ArchiveTooDeep, chain, why);
            }
            let base = name.rsplit('/').next().unwrap_or(name);
            return self.open(data, base, chain, depth + 1);
        }
        // Nested archives were opened above.
        if super::skip_as_binary(data, self.limits.scan_binary, false) {
            self.stats.add_skips(SkipReason::Binary, 1);
            return;
        }
        self.stats.files += 1;
        self.stats.bytes += data.len() as u64;
        (self.visit)(Member {
            chain,
            name,
            bytes: data,
        });
    }

    fn cut(&mut self, cut: Cut, chain: &str, declared: u64) {
        match cut {
            Cut::TooLarge => self.skip(
                SkipReason::TooLarge,
                chain,
                format!(
                    "member larger than {} bytes ({declared} declared); skipped (raise --max-file-size to read it)",
                    self.limits.max_member
                ),
            ),
            Cut::Bomb(why) => self.skip(SkipReason::ArchiveLimit, chain, why),
            Cut::Corrupt(why) => self.skip(
                SkipReason::Unreadable,
                chain,
                format!("corrupt or truncated member: {why}; skipped"),
            ),
        }
    }

    fn zip(&mut self, bytes: &[u8], here: &str, depth: u32) {
        let mut archive = match zip::ZipArchive::new(Cursor::new(bytes)) {
            Ok(a) => a,
            Err(e) => {
                return self.skip(
                    SkipReason::Unreadable,
                    here,
                    format!("corrupt or truncated zip: {e}; not opened"),
                );
            }
        };
        for index in 0..archive.len() {
            if !self.admit(here, Some((archive.len() - index) as u64)) {
                return;
            }
            let mut file = match archive.by_index(index) {
                Ok(f) => f,
                Err(e) => {
                    let chain = join(here, &format!("#{index}"));
                    self.skip(
                        SkipReason::Unreadable,
                        &chain,
                        format!("cannot read this member: {e}; skipped"),
                    );
                    continue;
                }
            };
            if file.is_dir() {
                continue;
            }
            let name = String::from_utf8_lossy(file.name_raw()).into_owned();
            let chain = join(here, &name);
            let (declared, compressed) = (file.size(), file.compressed_size().min(bytes.len() as u64));
            if declared > self.limits.max_member {
                let bomb = declared > self.limits.ratio_floor
                    && declared / compressed.max(1) > self.limits.max_ratio;
                let cut = if bomb {
                    Cut::Bomb(format!(
                        "declares {declared} bytes from {compressed} compressed, a ratio above {}:1 (zip-bomb guard); skipped",
                        self.limits.max_ratio
                    ))
                } else {
                    Cut::TooLarge
                };
                self.cut(cut, &chain, declared);
                continue;
            }
            match self.read(&mut file, Some(compressed)) {
                Ok(data) => {
                    drop(file);
                    self.member(&data, &name, &chain, depth);
                }
                Err(cut) => self.cut(cut, &chain, declared),
            }
        }
    }

    fn tar(&mut self, bytes: &[u8], here: &str, depth: u32) {
        self.tar_stream(&mut Cursor::new(bytes), here, depth, None);
    }

    /// Reads a tar from a stream; `limited` reports whether a cap cut the
    /// stream short (then the error is a zip-bomb skip, not corruption).
    fn tar_stream(
        &mut self,
        reader: &mut dyn Read,
        here: &str,
        depth: u32,
        limited: Option<&dyn Fn() -> bool>,
    ) {
        let mut archive = tar::Archive::new(reader);
        let entries = match archive.entries() {
            Ok(entries) => entries,
            Err(e) => {
                return self.skip(
                    SkipReason::Unreadable,
                    here,
                    format!("corrupt tar: {e}; not opened"),
                );
            }
        };
        for entry in entries {
            let mut entry = match entry {
                Ok(entry) => entry,
                Err(e) => {
                    if limited.is_some_and(|hit| hit()) {
                        let why = format!(
                            "unpacks to more than its cap ({} bytes or {}:1; zip-bomb guard); the rest was not read",
                            self.limits.max_total, self.limits.max_ratio
                        );
                        self.skip(SkipReason::ArchiveLimit, here, why);
                    } else {
                        self.skip(
                            SkipReason::Unreadable,
                            here,
                            format!("corrupt or truncated tar: {e}; the rest was not read"),
                        );
                    }
                    return;
                }
            };
            if !is_file_entry(entry.header()) {
                continue;
            }
            if !self.admit(here, None) {
                return;
            }
            let name = String::from_utf8_lossy(&entry.path_bytes()).into_owned();
            let name = name.trim_start_matches("./").to_string();
            let chain = join(here, &name);
            let declared = entry.size();
            if declared > self.limits.max_member {
                self.cut(Cut::TooLarge, &chain, declared);
                continue;
            }
            match self.read(&mut entry, None) {
                Ok(data) => self.member(&data, &name, &chain, depth),
                Err(Cut::Corrupt(_)) if limited.is_some_and(|hit| hit()) => {
                    let why = "the archive unpacks past its cap (zip-bomb guard); the rest was not read";
                    return self.skip(SkipReason::ArchiveLimit, &chain, why.to_string());
                }
                Err(cut) => self.cut(cut, &chain, declared),
            }
        }
    }

    fn gzip(&mut self, bytes: &[u8], name: &str, here: &str, depth: u32) {
        let limits = self.limits;
        let cap = limits.max_total.saturating_sub(self.total).min(
            limits
                .ratio_floor
                .max((bytes.len() as u64).saturating_mul(limits.max_ratio)),
        );
        let hit = std::cell::Cell::new(false);
        let trailing = std::cell::Cell::new(0);
        let mut stream = Capped {
            inner: GzMembers {
                decoder: Some(flate2::bufread::GzDecoder::new(bytes)),
                trailing: &trailing,
            },
            left: cap,
            hit: &hit,
        };
        let mut head = Vec::with_capacity(512);
        if let Err(e) = (&mut stream).take(512).read_to_end(&mut head) {
            let (reason, why) = if hit.get() {
                (
                    SkipReason::ArchiveLimit,
                    "unpacks past its cap (zip-bomb guard)".to_string(),
                )
            } else {
                (SkipReason::Unreadable, format!("corrupt or truncated gzip: {e}"))
            };
            return self.skip(reason, here, format!("{why}; not opened"));
        }
        let is_tar = looks_like_tar(&head);
        let mut whole = Cursor::new(head).chain(stream);
        if is_tar {
            let hit_ref = &hit;
            self.tar_stream(&mut whole, here, depth, Some(&|| hit_ref.get()));
            return self.warn_trailing(trailing.get(), here);
        }
        // A single compressed file: named after the archive without `.gz`.
        let inner = name
            .strip_suffix(".gz")
            .or_else(|| name.strip_suffix(".tgz"))
            .filter(|n| !n.is_empty())
            .unwrap_or("(gunzipped)")
            .to_string();
        let chain = join(here, &inner);
        if !self.admit(here, None) {
            return;
        }
        let read = self.read(&mut whole, None);
        self.warn_trailing(trailing.get(), here);
        match read {
            Ok(data) => self.member(&data, &inner, &chain, depth),
            Err(Cut::Corrupt(_)) if hit.get() => self.skip(
                SkipReason::ArchiveLimit,
                &chain,
                "unpacks past its cap (zip-bomb guard); skipped".to_string(),
            ),
            Err(cut) => self.cut(cut, &chain, 0),
        }
    }
}

impl Ctx<'_, '_> {
    /// Names a gzip file followed by `bytes` of data that is no gzip member.
    fn warn_trailing(&mut self, bytes: u64, here: &str) {
        if bytes > 0 {
            let path = self.shown(here);
            self.stats.warn(
                Some(path),
                format!("{bytes} bytes after the end of the gzip data are not gzip; ignored (what came before was read)"),
            );
        }
    }
}

/// The members of a gzip file, one after another (a multi-member gzip is one
/// stream, as `gzip -d` reads it). Data after the last member that is not
/// another member ends the stream and its length is put in `trailing`
/// unless it is all zeros (padding), as gzip ignores it.
struct GzMembers<'a, 't> {
    decoder: Option<flate2::bufread::GzDecoder<&'a [u8]>>,
    trailing: &'t std::cell::Cell<u64>,
}

impl Read for GzMembers<'_, '_> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        loop {
            let Some(decoder) = &mut self.decoder else {
                return Ok(0);
            };
            let n = decoder.read(buf)?;
            if n > 0 || buf.is_empty() {
                return Ok(n);
            }
            // This member is done; the decoder consumed exactly its bytes.
            let rest: &[u8] = self.decoder.take().map_or(&[], |d| d.into_inner());
            if rest.starts_with(&[0x1f, 0x8b]) {
                self.decoder = Some(flate2::bufread::GzDecoder::new(rest));
            } else if rest.iter().any(|&b| b != 0) {
                self.trailing.set(rest.len() as u64);
            }
        }
    }
}

/// A reader that fails once more than `left` bytes were read from it, so a
/// decompression stream cannot run away; `hit` tells why reading stopped.
struct Capped<'h, R> {
    inner: R,
    left: u64,
    hit: &'h std::cell::Cell<bool>,
}

impl<R: Read> Read for Capped<'_, R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if self.left == 0 {
            // One probe byte tells a stream that ends exactly at the cap
            // from one that goes on.
            let mut probe = [0u8; 1];
            return match self.inner.read(&mut probe)? {
                0 => Ok(0),
                _ => {
                    self.hit.set(true);
                    Err(io::Error::other("archive cap reached"))
                }
            };
        }
        let want = buf.len().min(usize::try_from(self.left).unwrap_or(usize::MAX));
        let n = self.inner.read(&mut buf[..want])?;
        self.left -= n as u64;
        Ok(n)
    }
}

fn join(here: &str, name: &str) -> String {
    if here.is_empty() {
        name.to_string()
    } else {
        format!("{here}{SEPARATOR}{name}")
    }
}

#[cfg(test)]
mod tests {
    use std::io::Write;

    use super::*;

    pub(crate) fn zip_of(files: &[(&str, &[u8])]) -> Vec<u8> {
        let mut w = zip::ZipWriter::new(Cursor::new(Vec::new()));
        for (name, data) in files {
            w.start_file(*name, zip::write::SimpleFileOptions::default())
                .expect("start");
            w.write_all(data).expect("write");
        }
        w.finish().expect("finish").into_inner()
    }

    pub(crate) fn tar_of(files: &[(&str, &[u8])]) -> Vec<u8> {
        let mut b = tar::Builder::new(Vec::new());
        for (name, data) in files {
            let mut h = tar::Header::new_gnu();
            h.set_size(data.len() as u64);
            h.set_mode(0o644);
            h.set_cksum();
            b.append_data(&mut h, name, *data).expect("append");
        }
        b.into_inner().expect("tar")
    }

    fn gz(data: &[u8]) -> Vec<u8> {
        let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        e.write_all(data).expect("gz");
        e.finish().expect("gz")
    }

    fn members(bytes: &[u8], name: &str, limits: &ArchiveLimits) -> (Vec<(String, Vec<u8>)>, ScanStats) {
        let mut stats = ScanStats::default();
        let mut seen = Vec::new();
        expand(bytes, name, name, limits, &mut stats, &mut |m| {
            seen.push((m.chain.to_string(), m.bytes.to_vec()))
        });
        (seen, stats)
    }

    fn skips(stats: &ScanStats, reason: SkipReason) -> u64 {
        stats
            .skips
            .iter()
            .find(|(r, _)| *r == reason)
            .map_or(0, |(_, n)| *n)
    }

    #[test]
    fn nested_members_are_named_by_chain() {
        let inner = zip_of(&[("conf/app.env", b"KEY=value\n")]);
        let tgz = gz(&tar_of(&[("inner.zip", &inner), ("README", b"hello\n")]));
        let (seen, stats) = members(&tgz, "x.tgz", &ArchiveLimits::default());
        let names: Vec<&str> = seen.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(names, ["inner.zip!conf/app.env", "README"]);
        assert_eq!(stats.files, 2);
        let (seen, _) = members(&gz(b"just text\n"), "notes.txt.gz", &ArchiveLimits::default());
        assert_eq!(seen[0].0, "notes.txt");
    }

    #[test]
    fn depth_cap_counts_the_archive_not_opened() {
        let mut nested = zip_of(&[("deep.txt", b"x\n")]);
        for level in 0..4 {
            nested = zip_of(&[(&format!("l{level}.zip"), &nested)]);
        }
        let (seen, stats) = members(&nested, "top.zip", &ArchiveLimits::default());
        assert!(seen.is_empty());
        assert_eq!(skips(&stats, SkipReason::ArchiveTooDeep), 1);
        assert!(
            stats.warnings[0]
                .path
                .as_deref()
                .unwrap()
                .starts_with("top.zip!l3.zip!l2.zip!")
        );
    }

    #[test]
    fn bombs_are_cut_and_counted() {
        let zeros = vec![0u8; 8 << 20];
        let bomb = zip_of(&[("zeros.bin", &zeros), ("ok.txt", b"fine\n")]);
        let limits = ArchiveLimits {
            max_member: 4 << 20,
            ..ArchiveLimits::default()
        };
        let (seen, stats) = members(&bomb, "b.zip", &limits);
        assert_eq!(seen.len(), 1);
        assert_eq!(skips(&stats, SkipReason::ArchiveLimit), 1);
        let gz_bomb = gz(&tar_of(&[("zeros.bin", &zeros), ("ok.txt", b"fine\n")]));
        let (_, stats) = members(&gz_bomb, "b.tgz", &limits);
        assert!(skips(&stats, SkipReason::ArchiveLimit) + skips(&stats, SkipReason::TooLarge) >= 1);
    }

    #[test]
    fn a_zip_over_the_member_cap_says_how_many_members_were_not_read() {
        let files: Vec<(String, Vec<u8>)> = (0..5).map(|i| (format!("m{i}.txt"), b"x\n".to_vec())).collect();
        let refs: Vec<(&str, &[u8])> = files.iter().map(|(n, d)| (n.as_str(), d.as_slice())).collect();
        let limits = ArchiveLimits {
            max_members: 3,
            ..ArchiveLimits::default()
        };
        let (seen, stats) = members(&zip_of(&refs), "many.zip", &limits);
        assert_eq!(seen.len(), 3);
        assert_eq!(skips(&stats, SkipReason::ArchiveLimit), 2);
        assert_eq!(stats.warnings.len(), 1);
        assert_eq!(stats.warnings[0].path.as_deref(), Some("many.zip"));
        assert!(
            stats.warnings[0].message.contains("2 members were not read"),
            "{:?}",
            stats.warnings
        );
    }

    #[test]
    fn v7_tars_and_contiguous_entries_are_read() {
        let mut v7 = tar::Builder::new(Vec::new());
        let mut header = tar::Header::new_old();
        header.set_size(6);
        header.set_mode(0o644);
        v7.append_data(&mut header, "old.txt", &b"hello\n"[..])
            .expect("append");
        let v7 = v7.into_inner().expect("tar");
        assert_eq!(detect(&v7), Some(Format::Tar));
        let (seen, _) = members(&v7, "v7.tar", &ArchiveLimits::default());
        assert_eq!(seen.len(), 1);
        let (seen, _) = members(&gz(&v7), "v7.tgz", &ArchiveLimits::default());
        assert_eq!(seen.len(), 1);

        let mut contiguous = tar::Builder::new(Vec::new());
        let mut header = tar::Header::new_ustar();
        header.set_entry_type(tar::EntryType::Continuous);
        header.set_size(6);
        header.set_mode(0o644);
        contiguous
            .append_data(&mut header, "c.txt", &b"hello\n"[..])
            .expect("append");
        let (seen, _) = members(
            &contiguous.into_inner().expect("tar"),
            "c.tar",
            &ArchiveLimits::default(),
        );
        assert_eq!(seen.len(), 1);

        // Text with a plausible header layout but no valid checksum is no tar.
        let mut text = vec![b'a'; 600];
        text[148..156].copy_from_slice(b"0001234 ");
        assert_eq!(detect(&text), None);
        assert_eq!(detect(&[0u8; 1024]), None);
    }

    #[test]
    fn gzip_members_are_all_read_and_trailing_data_is_warned_about() {
        let mut data = gz(b"first\n");
        data.extend(gz(b"second\n"));
        let (seen, stats) = members(&data, "two.txt.gz", &ArchiveLimits::default());
        assert_eq!(seen[0].1, b"first\nsecond\n");
        assert!(stats.warnings.is_empty());
        data.extend_from_slice(b"garbage after the members");
        let (seen, stats) = members(&data, "two.txt.gz", &ArchiveLimits::default());
        assert_eq!(seen[0].1, b"first\nsecond\n");
        assert_eq!(stats.warnings.len(), 1);
        assert!(
            stats.warnings[0].message.contains("25 bytes"),
            "{:?}",
            stats.warnings
        );
        // Zero padding after the data is common and harmless: no warning.
        let mut padded = gz(b"text\n");
        padded.extend_from_slice(&[0; 512]);
        let (seen, stats) = members(&padded, "p.txt.gz", &ArchiveLimits::default());
        assert_eq!(seen[0].1, b"text\n");
        assert!(stats.warnings.is_empty(), "{:?}", stats.warnings);
    }

    #[test]
    fn truncated_archives_warn_and_keep_what_was_read() {
        let zip = zip_of(&[("a.txt", b"alpha\n"), ("b.txt", b"beta\n")]);
        for cut in [10, zip.len() / 2, zip.len() - 5] {
            let (_, stats) = members(&zip[..cut], "t.zip", &ArchiveLimits::default());
            assert!(!stats.warnings.is_empty(), "cut at {cut}");
        }
        let tgz = gz(&tar_of(&[("a.txt", &vec![b'a'; 5000]), ("b.txt", b"beta\n")]));
        let (_, stats) = members(&tgz[..tgz.len() / 2], "t.tgz", &ArchiveLimits::default());
        assert!(!stats.warnings.is_empty());
    }
}

#[cfg(test)]
mod properties {
    use proptest::prelude::*;

    use super::*;

    fn mangle(mut bytes: Vec<u8>, cut: usize, flips: Vec<(usize, u8)>) -> Vec<u8> {
        for (at, b) in flips {
            if !bytes.is_empty() {
                let i = at % bytes.len();
                bytes[i] ^= b;
            }
        }
        bytes.truncate(cut.min(bytes.len()));
        bytes
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(128))]

        #[test]
        fn never_panics_on_damaged_archives(
            kind in 0u8..3,
            cut in 0usize..2000,
            flips in proptest::collection::vec((any::<usize>(), any::<u8>()), 0..8),
        ) {
            let files: &[(&str, &[u8])] = &[("a.txt", b"alpha beta gamma\n"), ("b/c.txt", b"delta\n")];
            let base = match kind {
                0 => tests::zip_of(files),
                1 => tests::tar_of(files),
                _ => {
                    use std::io::Write;
                    let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
                    e.write_all(&tests::tar_of(files)).expect("gz");
                    e.finish().expect("gz")
                }
            };
            let bytes = mangle(base, cut, flips);
            let mut stats = ScanStats::default();
            expand(&bytes, "f", "f", &ArchiveLimits::default(), &mut stats, &mut |_| {});
        }

        #[test]
        fn never_panics_on_random_bytes_with_magic(
            magic in 0u8..3,
            body in proptest::collection::vec(any::<u8>(), 0..1500),
        ) {
            let mut bytes = match magic {
                0 => b"PK\x03\x04".to_vec(),
                1 => vec![0x1f, 0x8b, 8, 0],
                _ => Vec::new(),
            };
            bytes.extend(body);
            if magic == 2 && bytes.len() > 262 {
                bytes[257..262].copy_from_slice(b"ustar");
            }
            let mut stats = ScanStats::default();
            expand(&bytes, "f", "f", &ArchiveLimits::default(), &mut stats, &mut |_| {});
        }
    }
}
