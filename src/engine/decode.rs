//! Decoders: finds encoded runs (base64 standard and URL-safe, hex,
//! percent-encoding, `\uXXXX` / `\xXX` escapes) in a blob and decodes them,
//! so the engine can scan the text they hide.
//!
//! Finding runs must cost little on ordinary source text, which is full of
//! identifiers that look like base64: base64 runs are found with a skip
//! search (a byte outside the alphabet at `i + MIN - 1` rules out every run
//! starting at `i..MIN`), percent and escape runs only around `%` and `\`
//! found with memchr. Only decoded text that is mostly printable is kept, so
//! binary payloads (keys, images) are dropped after decoding a short prefix.

use std::ops::Range;

use base64::{
    Engine as _, alphabet,
    engine::{DecodePaddingMode, GeneralPurpose, GeneralPurposeConfig},
};

/// Shortest base64 run decoded (24 chars hold 18 bytes: shorter secrets
/// rarely matter and short runs are mostly identifiers).
pub const MIN_BASE64: usize = 24;
/// Shortest hex run decoded (16 bytes).
pub const MIN_HEX: usize = 32;
/// Shortest percent-encoded or escaped run decoded.
pub const MIN_ESCAPED: usize = 16;
/// Shortest decoded text worth scanning.
const MIN_DECODED: usize = 8;
/// Decoded bytes checked for printability before decoding a whole run.
const PROBE: usize = 96;

/// How deep decoding goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DecodeOptions {
    /// Decoding levels: 0 disables decoding, 2 finds base64 of hex.
    pub depth: u8,
}

impl Default for DecodeOptions {
    fn default() -> Self {
        DecodeOptions { depth: 2 }
    }
}

/// An encoding a run is decoded from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    /// Base64, standard alphabet (`+/`).
    Base64,
    /// Base64, URL-safe alphabet (`-_`).
    Base64Url,
    /// Hexadecimal.
    Hex,
    /// URL percent-encoding (`%2F`).
    Percent,
    /// String escapes (`\u0041`, `\x41`).
    Escape,
}

impl Encoding {
    /// Name shown in `source.decoded`.
    pub fn name(self) -> &'static str {
        match self {
            Encoding::Base64 | Encoding::Base64Url => "base64",
            Encoding::Hex => "hex",
            Encoding::Percent => "percent",
            Encoding::Escape => "escape",
        }
    }
}

/// A candidate run: bytes that may decode to text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Run {
    /// Byte range in the text searched.
    pub range: Range<usize>,
    /// How to decode it.
    pub encoding: Encoding,
}

const B64: u8 = 1;
const HEX: u8 = 2;
/// Bytes that may sit inside a percent-encoded or escaped run.
const URLISH: u8 = 4;

static CLASS: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut b = 0;
    while b < 256 {
        let c = b as u8;
        let mut class = 0;
        if c.is_ascii_alphanumeric() || c == b'+' || c == b'/' || c == b'-' || c == b'_' {
            class |= B64;
        }
        if c.is_ascii_hexdigit() {
            class |= HEX;
        }
        if c > b' ' && c < 0x7f && !matches!(c, b'"' | b'\'' | b'`' | b'<' | b'>' | b'(' | b')' | b',' | b';')
        {
            class |= URLISH;
        }
        t[b] = class;
        b += 1;
    }
    t
};

fn is(c: u8, class: u8) -> bool {
    CLASS[c as usize] & class != 0
}

/// Appends the candidate runs of `text` to `out`, sorted by start.
pub fn candidates(text: &[u8], out: &mut Vec<Run>) {
    let first = out.len();
    base64_runs(text, out);
    escaped_runs(text, b'%', Encoding::Percent, out);
    escaped_runs(text, b'\\', Encoding::Escape, out);
    out[first..].sort_by_key(|r| r.range.start);
}

/// Base64 and hex runs. (Building a 64-bit alphabet mask per 64-byte block
/// first, to search only blocks holding 24 alphabet bytes in a row, measured
/// slower than this skip search on source text: the skip search reads about
/// one byte in three.)
fn base64_runs(text: &[u8], out: &mut Vec<Run>) {
    skip_search(text, 0, text.len(), out);
}

/// The search for runs starting in `from..limit`: a byte outside the
/// alphabet at `i + MIN - 1` rules out every start in `i..=i + MIN - 1`.
/// Returns where a caller would resume (after the last run found, and at
/// least `limit`).
fn skip_search(text: &[u8], from: usize, limit: usize, out: &mut Vec<Run>) -> usize {
    let n = text.len();
    let mut resume = limit;
    let mut i = from;
    while i < limit && i + MIN_BASE64 <= n {
        let probe = i + MIN_BASE64 - 1;
        if !is(text[probe], B64) {
            i = probe + 1;
            continue;
        }
        // Every byte from i to probe must be in the alphabet; the last one
        // that is not moves the search past it.
        if let Some(gap) = text[i..probe].iter().rposition(|&c| !is(c, B64)) {
            i += gap + 1;
            continue;
        }
        let end = text[probe + 1..]
            .iter()
            .position(|&c| !is(c, B64))
            .map_or(n, |k| probe + 1 + k);
        if let Some(run) = classify(text, i, end) {
            out.push(run);
        }
        i = end + 1;
        resume = resume.max(i.min(n));
    }
    resume
}

/// Decides how a run of base64-alphabet bytes is decoded, if at all.
fn classify(text: &[u8], start: usize, end: usize) -> Option<Run> {
    let run = &text[start..end];
    let (mut standard, mut url_safe, mut all_hex) = (false, false, true);
    let (mut digit, mut upper, mut lower) = (false, false, false);
    for &c in run {
        match c {
            b'+' | b'/' => standard = true,
            b'-' | b'_' => url_safe = true,
            b'0'..=b'9' => digit = true,
            b'A'..=b'Z' => upper = true,
            _ => lower = true,
        }
        all_hex &= is(c, HEX);
    }
    if all_hex {
        return (run.len() >= MIN_HEX).then_some(Run {
            range: start..end,
            encoding: Encoding::Hex,
        });
    }
    let hex_prefix = run.len() > MIN_HEX + 2
        && (run.starts_with(b"0x") || run.starts_with(b"0X"))
        && run[2..].iter().all(|&c| is(c, HEX));
    if hex_prefix {
        return Some(Run {
            range: start + 2..end,
            encoding: Encoding::Hex,
        });
    }
    // Base64 of text mixes digits, upper and lower case (the first char of
    // every quad encodes an ASCII byte's top bits); identifiers
    // (snake_case, CamelCase) and paths mostly do not, and cost nothing then.
    if !(digit && upper && lower) {
        return None;
    }
    let encoding = match (standard, url_safe) {
        (true, true) => return None,
        (false, true) => Encoding::Base64Url,
        _ => Encoding::Base64,
    };
    // Padding belongs to the run (it is part of what the user sees).
    let mut end = end;
    while end < text.len() && end - start < run.len() + 2 && text[end] == b'=' {
        end += 1;
    }
    Some(Run {
        range: start..end,
        encoding,
    })
}

/// Runs around `marker` (`%` or `\`) holding at least one valid escape.
fn escaped_runs(text: &[u8], marker: u8, encoding: Encoding, out: &mut Vec<Run>) {
    let mut resume = 0;
    for at in memchr::memchr_iter(marker, text) {
        if at < resume || escape_len(&text[at..], encoding) == 0 {
            continue;
        }
        let mut start = at;
        while start > 0 && is(text[start - 1], URLISH) {
            start -= 1;
        }
        let mut end = at;
        while end < text.len() && is(text[end], URLISH) {
            end += 1;
        }
        resume = end;
        if end - start >= MIN_ESCAPED {
            out.push(Run {
                range: start..end,
                encoding,
            });
        }
    }
}

fn hex_value(c: u8) -> Option<u8> {
    match c {
        b'0'..=b'9' => Some(c - b'0'),
        b'a'..=b'f' => Some(c - b'a' + 10),
        b'A'..=b'F' => Some(c - b'A' + 10),
        _ => None,
    }
}

fn hex_byte(pair: &[u8]) -> Option<u8> {
    match pair {
        [hi, lo, ..] => Some(hex_value(*hi)? << 4 | hex_value(*lo)?),
        _ => None,
    }
}

/// Length of the escape starting at `s[0]` (`%XX`, `\xXX`, `\uXXXX`), or 0.
fn escape_len(s: &[u8], encoding: Encoding) -> usize {
    match (encoding, s) {
        (Encoding::Percent, [b'%', rest @ ..]) if hex_byte(rest).is_some() => 3,
        (Encoding::Escape, [b'\\', b'x', rest @ ..]) if hex_byte(rest).is_some() => 4,
        (Encoding::Escape, [b'\\', b'u', rest @ ..])
            if rest.len() >= 4 && rest[..4].iter().all(|&c| hex_value(c).is_some()) =>
        {
            6
        }
        _ => 0,
    }
}

/// Whether decoded bytes look like text: at least 90% printable ASCII or
/// whitespace (UTF-8 text with a few accents passes, binary does not).
pub fn mostly_printable(bytes: &[u8]) -> bool {
    if bytes.is_empty() {
        return false;
    }
    let printable = bytes
        .iter()
        .filter(|&&b| (0x20..0x7f).contains(&b) || matches!(b, b'\t' | b'\n' | b'\r'))
        .count();
    printable * 10 >= bytes.len() * 9
}

const LENIENT: GeneralPurposeConfig = GeneralPurposeConfig::new()
    .with_decode_padding_mode(DecodePaddingMode::Indifferent)
    .with_decode_allow_trailing_bits(true);
static STANDARD: GeneralPurpose = GeneralPurpose::new(&alphabet::STANDARD, LENIENT);
static URL_SAFE: GeneralPurpose = GeneralPurpose::new(&alphabet::URL_SAFE, LENIENT);

/// Decodes a run; `None` unless the result is text worth scanning.
pub fn decode(run: &[u8], encoding: Encoding) -> Option<Vec<u8>> {
    let decoded = match encoding {
        Encoding::Base64 | Encoding::Base64Url => {
            let engine = if encoding == Encoding::Base64 {
                &STANDARD
            } else {
                &URL_SAFE
            };
            let body = trim_padding(run);
            // A length of 4n+1 cannot be base64: drop the stray last char.
            let body = if body.len() % 4 == 1 {
                &body[..body.len() - 1]
            } else {
                body
            };
            // Probe a prefix first: most runs are identifiers or binary.
            let probe = (PROBE / 3 * 4).min(body.len() / 4 * 4);
            if probe < body.len() {
                let head = engine.decode(&body[..probe]).ok()?;
                if !mostly_printable(&head) {
                    return None;
                }
            }
            engine.decode(body).ok()?
        }
        Encoding::Hex => {
            let even = &run[..run.len() / 2 * 2];
            let probe = (PROBE * 2).min(even.len());
            let head: Option<Vec<u8>> = even[..probe].chunks_exact(2).map(hex_byte).collect();
            if !mostly_printable(&head?) {
                return None;
            }
            even.chunks_exact(2).map(hex_byte).collect::<Option<Vec<u8>>>()?
        }
        Encoding::Percent | Encoding::Escape => unescape(run, encoding),
    };
    (decoded.len() >= MIN_DECODED && mostly_printable(&decoded)).then_some(decoded)
}

fn trim_padding(run: &[u8]) -> &[u8] {
    let mut end = run.len();
    while end > 0 && run[end - 1] == b'=' {
        end -= 1;
    }
    &run[..end]
}

/// Replaces `%XX`, `\xXX`, `\uXXXX` and the common one-letter escapes.
fn unescape(run: &[u8], encoding: Encoding) -> Vec<u8> {
    let mut out = Vec::with_capacity(run.len());
    let mut i = 0;
    while i < run.len() {
        let len = escape_len(&run[i..], encoding);
        match len {
            3 | 4 => {
                out.push(hex_byte(&run[i + len - 2..]).unwrap_or(b'?'));
                i += len;
            }
            6 => {
                let code = run[i + 2..i + 6]
                    .iter()
                    .fold(0u32, |acc, &c| acc << 4 | u32::from(hex_value(c).unwrap_or(0)));
                let c = char::from_u32(code).unwrap_or(char::REPLACEMENT_CHARACTER);
                let mut utf8 = [0u8; 4];
                out.extend_from_slice(c.encode_utf8(&mut utf8).as_bytes());
                i += 6;
            }
            _ => {
                if encoding == Encoding::Escape && run[i] == b'\\' && i + 1 < run.len() {
                    let replaced = match run[i + 1] {
                        b'n' => Some(b'\n'),
                        b't' => Some(b'\t'),
                        b'r' => Some(b'\r'),
                        b'\\' | b'/' | b'"' | b'\'' => Some(run[i + 1]),
                        _ => None,
                    };
                    if let Some(b) = replaced {
                        out.push(b);
                        i += 2;
                        continue;
                    }
                }
                out.push(run[i]);
                i += 1;
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use base64::engine::general_purpose::{STANDARD as B64_STD, URL_SAFE_NO_PAD};

    fn runs(text: &str) -> Vec<(String, Encoding)> {
        let mut out = Vec::new();
        candidates(text.as_bytes(), &mut out);
        out.into_iter()
            .map(|r| (text[r.range].to_string(), r.encoding))
            .collect()
    }

    fn hex(bytes: &[u8]) -> String {
        bytes.iter().map(|b| format!("{b:02x}")).collect()
    }

    #[test]
    fn finds_and_decodes_each_encoding() {
        let secret = "token = \"qW3rTy7uI9oP1aS2dF4g\"";
        let b64 = B64_STD.encode(secret);
        let found = runs(&format!("x: {b64}\n"));
        assert_eq!(found, [(b64.clone(), Encoding::Base64)]);
        assert_eq!(
            decode(b64.as_bytes(), Encoding::Base64).as_deref(),
            Some(secret.as_bytes())
        );

        let url = URL_SAFE_NO_PAD.encode("a?b>c~d?e>f~g?h>i~j?k>l~m?n>o~");
        assert!(url.contains('-') || url.contains('_'), "{url}");
        assert_eq!(runs(&url)[0].1, Encoding::Base64Url);
        assert!(decode(url.as_bytes(), Encoding::Base64Url).is_some());

        let h = hex(secret.as_bytes());
        assert_eq!(runs(&format!("\"{h}\""))[0].1, Encoding::Hex);
        assert_eq!(
            decode(h.as_bytes(), Encoding::Hex).as_deref(),
            Some(secret.as_bytes())
        );

        let pct = "u=api%5Fkey%3Dabc%2Fdef%2Bghi";
        let found = runs(pct);
        assert_eq!(found, [(pct.to_string(), Encoding::Percent)]);
        assert_eq!(
            decode(pct.as_bytes(), Encoding::Percent).as_deref(),
            Some(&b"u=api_key=abc/def+ghi"[..])
        );

        let esc = r#"s = "\u0067\u0068\x70\x5fabcdefgh""#;
        let found = runs(esc);
        assert_eq!(found[0].1, Encoding::Escape);
        assert_eq!(
            decode(found[0].0.as_bytes(), Encoding::Escape).as_deref(),
            Some(&b"ghp_abcdefgh"[..])
        );
    }

    #[test]
    fn identifiers_and_binary_are_not_decoded() {
        for text in [
            "ThisIsALongIdentifierNameInCode",
            "some_long_function_name_here_ok",
        ] {
            for run in runs(text) {
                assert!(decode(run.0.as_bytes(), run.1).is_none(), "{text}");
            }
        }
        let binary = B64_STD.encode((0u8..=255).collect::<Vec<u8>>());
        assert!(decode(binary.as_bytes(), Encoding::Base64).is_none());
        assert!(runs("short abc def").is_empty());
    }

    #[test]
    fn skip_search_finds_runs_at_every_offset() {
        let run = |len: usize| "Qa1".repeat(MIN_BASE64)[..len].to_string();
        for pad in 0..40 {
            let text = format!("{} {} .", "a b".repeat(pad), run(MIN_BASE64 + pad % 3));
            let found = runs(&text);
            assert_eq!(found.len(), 1, "{text}");
            assert_eq!(found[0].0.len(), MIN_BASE64 + pad % 3);
        }
        assert!(runs(&run(MIN_BASE64 - 1)).is_empty());
    }
}

#[cfg(test)]
mod properties {
    use proptest::prelude::*;

    use super::*;

    proptest! {
        #[test]
        fn never_panics_on_any_bytes(input in proptest::collection::vec(any::<u8>(), 0..400)) {
            let mut out = Vec::new();
            candidates(&input, &mut out);
            for run in out {
                prop_assert!(run.range.end <= input.len());
                let _ = decode(&input[run.range], run.encoding);
            }
        }

        #[test]
        fn block_search_finds_what_a_plain_scan_finds(
            input in "([A-Za-z0-9+/_-]{0,90}[ .:=\n]{1,3}){0,12}",
        ) {
            let text = input.as_bytes();
            let mut fast = Vec::new();
            base64_runs(text, &mut fast);
            let mut reference = Vec::new();
            let mut i = 0;
            while i < text.len() {
                if !is(text[i], B64) {
                    i += 1;
                    continue;
                }
                let start = i;
                while i < text.len() && is(text[i], B64) {
                    i += 1;
                }
                if i - start >= MIN_BASE64 {
                    reference.extend(classify(text, start, i));
                }
            }
            prop_assert_eq!(fast, reference);
        }

        #[test]
        fn never_panics_on_escape_soup(input in "[%\\\\ux0-9a-fA-FQ+/=_-]{0,200}") {
            let mut out = Vec::new();
            candidates(input.as_bytes(), &mut out);
            for run in out {
                let _ = decode(&input.as_bytes()[run.range], run.encoding);
            }
        }
    }
}
