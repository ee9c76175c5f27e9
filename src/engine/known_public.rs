//! Values that look like credentials and are public by design: example
//! tokens from specifications and provider documentation, test vectors,
//! emulator keys. The list is data, `rules/data/known-public.toml`, each
//! entry with its source.

use std::{collections::HashSet, sync::OnceLock};

use aho_corasick::AhoCorasick;
use serde::Deserialize;
use sha2::{Digest, Sha256};

/// The list, as written.
const KNOWN_PUBLIC: &str = include_str!("../../rules/data/known-public.toml");

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Data {
    value: Vec<Entry>,
}

/// One published value.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    /// What the value is.
    pub what: String,
    /// Where it is published.
    pub source: String,
    /// Hex SHA-256 of the whole value.
    #[serde(default)]
    pub sha256: Option<String>,
    /// A literal part of the value.
    #[serde(default)]
    pub fragment: Option<String>,
}

/// The compiled list.
#[derive(Debug)]
pub struct KnownPublic {
    fragments: Option<AhoCorasick>,
    hashes: HashSet<[u8; 32]>,
    entries: Vec<Entry>,
}

impl KnownPublic {
    fn from_data(text: &str) -> Result<Self, String> {
        let data: Data = toml::from_str(text).map_err(|e| format!("known-public data: {e}"))?;
        let mut fragments = Vec::new();
        let mut hashes = HashSet::new();
        for entry in &data.value {
            match (&entry.sha256, &entry.fragment) {
                (Some(hex), None) => {
                    hashes.insert(parse_sha256(hex).ok_or_else(|| {
                        format!("{:?}: sha256 must be 64 lowercase hex digits", entry.what)
                    })?);
                }
                (None, Some(fragment)) if fragment.len() >= 10 => fragments.push(fragment.clone()),
                _ => {
                    return Err(format!(
                        "{:?}: give either sha256 or a fragment of at least 10 bytes",
                        entry.what
                    ));
                }
            }
            if !entry.source.starts_with("https://") {
                return Err(format!("{:?}: source must be an https URL", entry.what));
            }
        }
        let fragments = if fragments.is_empty() {
            None
        } else {
            Some(AhoCorasick::new(&fragments).map_err(|e| format!("known-public fragments: {e}"))?)
        };
        Ok(KnownPublic {
            fragments,
            hashes,
            entries: data.value,
        })
    }

    /// Whether `secret` is, or holds, a published example value.
    pub fn contains(&self, secret: &[u8]) -> bool {
        if self.fragments.as_ref().is_some_and(|f| f.is_match(secret)) {
            return true;
        }
        !self.hashes.is_empty() && self.hashes.contains(&<[u8; 32]>::from(Sha256::digest(secret)))
    }

    /// The entries, as loaded.
    pub fn entries(&self) -> &[Entry] {
        &self.entries
    }
}

fn parse_sha256(hex: &str) -> Option<[u8; 32]> {
    if hex.len() != 64
        || !hex
            .bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
    {
        return None;
    }
    let mut out = [0u8; 32];
    for (i, byte) in out.iter_mut().enumerate() {
        *byte = u8::from_str_radix(hex.get(2 * i..2 * i + 2)?, 16).ok()?;
    }
    Some(out)
}

/// The built-in list.
pub fn list() -> &'static KnownPublic {
    static LIST: OnceLock<KnownPublic> = OnceLock::new();
    LIST.get_or_init(|| {
        // Compiled in and checked by the tests below.
        KnownPublic::from_data(KNOWN_PUBLIC).expect("rules/data/known-public.toml is valid")
    })
}

/// Whether `secret` is a value published as an example (see [`list`]).
pub fn is_known_public(secret: &[u8]) -> bool {
    list().contains(secret)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_list_is_well_formed() {
        let list = list();
        assert!(list.entries().len() >= 10);
        for entry in list.entries() {
            assert!(!entry.what.is_empty());
        }
    }

    #[test]
    fn matches_whole_values_by_hash_and_parts_by_fragment() {
        // A made-up list: the mechanism, not the published values.
        let list = KnownPublic::from_data(
            r#"
[[value]]
what = "made-up whole value"
source = "https://example.invalid/a"
sha256 = "4c5a33ad4f4f5fae5f0d4af0b63e2ab8c3e3d1c04b1d1d4b6d29e1e8b1f0b1a2"

[[value]]
what = "made-up fragment"
source = "https://example.invalid/b"
fragment = "Qz8rT2mK5vXbN1"
"#,
        )
        .expect("valid list");
        assert!(list.contains(b"prefix.Qz8rT2mK5vXbN1.suffix"));
        assert!(!list.contains(b"Qz8rT2mK5vXbN2"));

        let value = b"hL3k9QpZx7Vw2Nt";
        let hex: String = Sha256::digest(value).iter().map(|b| format!("{b:02x}")).collect();
        let list = KnownPublic::from_data(&format!(
            "[[value]]\nwhat = \"w\"\nsource = \"https://example.invalid\"\nsha256 = \"{hex}\"\n"
        ))
        .expect("valid list");
        assert!(list.contains(value));
        assert!(!list.contains(b"hL3k9QpZx7Vw2Nu"));
    }

    #[test]
    fn malformed_entries_are_rejected() {
        for bad in [
            "[[value]]\nwhat = \"w\"\nsource = \"https://x.invalid\"\nsha256 = \"abc\"\n",
            "[[value]]\nwhat = \"w\"\nsource = \"https://x.invalid\"\nfragment = \"short\"\n",
            "[[value]]\nwhat = \"w\"\nsource = \"http://x.invalid\"\nfragment = \"long enough value\"\n",
            "[[value]]\nwhat = \"w\"\nsource = \"https://x.invalid\"\n",
        ] {
            assert!(KnownPublic::from_data(bad).is_err(), "{bad}");
        }
    }
}
