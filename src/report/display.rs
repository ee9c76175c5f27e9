//! Making text from the scanned tree safe to print on a terminal.
//!
//! Paths, commit subjects, author names, archive member names and rule
//! strings from a config all come from whoever wrote the scanned content.
//! Printed raw, an ESC sequence can rewrite the screen, a `\r` or `\n` can
//! forge a line of the report ("no leaks found"), and bidirectional or
//! zero-width characters can make one path look like another. The text
//! report shows such characters as visible escapes; JSON and SARIF keep the
//! exact text, which their encoders escape.

use std::borrow::Cow;

/// Whether `c` must not reach a terminal as it is.
fn needs_escape(c: char) -> bool {
    c.is_control()
        || matches!(c,
            // Bidirectional embeddings, overrides and isolates, and marks.
            '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}' | '\u{061C}'
            // Zero-width and invisible characters, line and paragraph separators.
            | '\u{200B}'..='\u{200D}' | '\u{2060}'..='\u{2064}' | '\u{FEFF}' | '\u{2028}' | '\u{2029}'
            | '\u{00AD}' | '\u{180E}')
}

/// `text` with control, bidirectional and invisible characters written as
/// visible escapes (`\x1b`, `\r`, `\n`, `\t`, `\u{202e}`), and then its
/// backslashes doubled so an escape cannot be forged. Text without such
/// characters is returned as it is.
pub fn escape(text: &str) -> Cow<'_, str> {
    if !text.chars().any(needs_escape) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\\' => out.push_str("\\\\"),
            c if needs_escape(c) && (c as u32) < 0x100 => out.push_str(&format!("\\x{:02x}", c as u32)),
            c if needs_escape(c) => out.push_str(&format!("\\u{{{:x}}}", c as u32)),
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// Human-readable byte count (`48.1 MB`).
pub fn human_bytes(bytes: u64) -> String {
    const UNITS: [&str; 5] = ["B", "KB", "MB", "GB", "TB"];
    let mut value = bytes as f64;
    let mut unit = 0;
    while value >= 1000.0 && unit < UNITS.len() - 1 {
        value /= 1000.0;
        unit += 1;
    }
    if unit == 0 {
        format!("{bytes} B")
    } else {
        format!("{value:.1} {}", UNITS[unit])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ordinary_text_is_untouched() {
        assert!(matches!(escape("src/config.py"), Cow::Borrowed(_)));
        assert_eq!(escape("Ünïcödé/パス.txt"), "Ünïcödé/パス.txt");
    }

    #[test]
    fn escapes_and_forged_lines_become_visible() {
        assert_eq!(escape("a\x1b[2Jb"), "a\\x1b[2Jb");
        assert_eq!(
            escape("fix\r\nleakhound: no leaks found"),
            "fix\\r\\nleakhound: no leaks found"
        );
        assert_eq!(escape("x\u{202e}txt.exe"), "x\\u{202e}txt.exe");
        assert_eq!(escape("zero\u{200b}width"), "zero\\u{200b}width");
        assert_eq!(escape("c1\u{9b}31m"), "c1\\x9b31m");
        // A literal backslash stays distinguishable from an escape.
        assert_eq!(escape("a\\x1b\u{7}"), "a\\\\x1b\\x07");
    }
}
