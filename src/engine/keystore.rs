//! Keystores that hold a private key: PKCS#12 (`.p12`, `.pfx`), Java
//! `JKS` and `JCEKS`. A committed keystore is a leak whatever its password
//! (often empty, weak, or committed next to it), and no text rule sees it:
//! it is binary, or base64 of binary.
//!
//! Truststores (certificates only, such as Java's `cacerts`) are public and
//! are not reported, so the check looks for a private-key entry rather than
//! the container alone.

use memchr::memmem;

/// A keystore format that holds private keys.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Keystore {
    /// PKCS#12 / PFX with a key bag.
    Pkcs12,
    /// Java KeyStore or JCEKS with a private-key (or secret-key) entry.
    Java,
}

impl Keystore {
    /// The rule that reports this kind of keystore.
    pub fn rule_id(self) -> &'static str {
        match self {
            Keystore::Pkcs12 => "pkcs12-keystore",
            Keystore::Java => "java-keystore",
        }
    }
}

/// DER of the PKCS#12 bag-type OID arc (1.2.840.113549.1.12.10.1.x) as it
/// starts a SafeBag; x = 1 (keyBag) or 2 (pkcs8ShroudedKeyBag) is a key.
/// Key bags sit outside the encrypted certificate bags in the files
/// openssl and Java write.
const KEY_BAG_OID_PREFIX: &[u8] = &[
    0x06, 0x0B, 0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x0C, 0x0A, 0x01,
];
/// DER of the pkcs7-data OID (1.2.840.113549.1.7.1) that starts a PFX's
/// authenticated safe.
const PKCS7_DATA_OID: &[u8] = &[0x06, 0x09, 0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x07, 0x01];

/// The kind of keystore `data` is, when it is one holding a private key.
pub fn detect(data: &[u8]) -> Option<Keystore> {
    if java_with_private_key(data) {
        return Some(Keystore::Java);
    }
    pkcs12_with_key_bag(data).then_some(Keystore::Pkcs12)
}

/// Whether `head` (a file's first bytes) starts like a keystore: cheap
/// enough for every binary file, so binary gates let these through to
/// [`detect`].
pub fn may_be(head: &[u8]) -> bool {
    head.starts_with(&[0xFE, 0xED, 0xFE, 0xED])
        || head.starts_with(&[0xCE, 0xCE, 0xCE, 0xCE])
        || der_header(head, 0x30)
            .and_then(|body| body.strip_prefix(&[0x02, 0x01, 0x03]))
            .and_then(|rest| der_header(rest, 0x30))
            .is_some_and(|content| content.starts_with(PKCS7_DATA_OID))
}

/// `SEQUENCE { INTEGER 3, SEQUENCE { OID pkcs7-data …` with a key bag
/// somewhere inside.
fn pkcs12_with_key_bag(data: &[u8]) -> bool {
    let Some(body) = der_header(data, 0x30) else {
        return false;
    };
    let Some(after_version) = body.strip_prefix(&[0x02, 0x01, 0x03]) else {
        return false;
    };
    let Some(content) = der_header(after_version, 0x30) else {
        return false;
    };
    content.starts_with(PKCS7_DATA_OID)
        && memmem::find_iter(data, KEY_BAG_OID_PREFIX)
            .any(|at| matches!(data.get(at + KEY_BAG_OID_PREFIX.len()), Some(1 | 2)))
}

/// The bytes after a DER tag and length (definite or indefinite), if `data`
/// starts with `tag`.
fn der_header(data: &[u8], tag: u8) -> Option<&[u8]> {
    if *data.first()? != tag {
        return None;
    }
    let first = *data.get(1)?;
    let skip = match first {
        // Short form, or 0x80: indefinite length (BER).
        0x00..=0x80 => 2,
        0x81..=0x84 => 2 + usize::from(first & 0x7F),
        _ => return None,
    };
    data.get(skip..)
}

/// JKS (`FEEDFEED`) or JCEKS (`CECECECE`), version 1 or 2, whose entries
/// include a private key (tag 1) or a secret key (tag 3, JCEKS).
fn java_with_private_key(data: &[u8]) -> bool {
    const JKS: &[u8] = &[0xFE, 0xED, 0xFE, 0xED];
    const JCEKS: &[u8] = &[0xCE, 0xCE, 0xCE, 0xCE];
    let mut r = Reader { data, at: 0 };
    let Some(magic) = r.take(4) else {
        return false;
    };
    if magic != JKS && magic != JCEKS {
        return false;
    }
    let (Some(version), Some(count)) = (r.u32(), r.u32()) else {
        return false;
    };
    if !(1..=2).contains(&version) {
        return false;
    }
    // A truncated or odd file after a valid header still counts if an
    // entry read before the damage is a key.
    for _ in 0..count.min(100_000) {
        let Some(tag) = r.u32() else {
            return false;
        };
        if tag == 1 || tag == 3 {
            return true;
        }
        // A trusted certificate: alias, date, (v2: cert type), cert.
        let skipped = r.utf().and_then(|_| r.take(8)).and_then(|_| {
            if version == 2 {
                r.utf()?;
            }
            let len = r.u32()? as usize;
            r.take(len)
        });
        if tag != 2 || skipped.is_none() {
            return false;
        }
    }
    false
}

/// A bounds-checked big-endian reader.
struct Reader<'a> {
    data: &'a [u8],
    at: usize,
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Option<&'a [u8]> {
        let bytes = self.data.get(self.at..self.at.checked_add(n)?)?;
        self.at += n;
        Some(bytes)
    }

    fn u32(&mut self) -> Option<u32> {
        self.take(4).map(|b| u32::from_be_bytes([b[0], b[1], b[2], b[3]]))
    }

    fn utf(&mut self) -> Option<&'a [u8]> {
        let len = self
            .take(2)
            .map(|b| usize::from(u16::from_be_bytes([b[0], b[1]])))?;
        self.take(len)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn jks(magic: [u8; 4], tag: u32) -> Vec<u8> {
        let mut out = magic.to_vec();
        out.extend(2u32.to_be_bytes());
        out.extend(1u32.to_be_bytes());
        out.extend(tag.to_be_bytes());
        out.extend(2u16.to_be_bytes());
        out.extend(b"ca");
        out.extend(1_700_000_000_000u64.to_be_bytes());
        if tag == 2 {
            out.extend(5u16.to_be_bytes());
            out.extend(b"X.509");
        }
        out.extend(3u32.to_be_bytes());
        out.extend([1, 2, 3]);
        out
    }

    #[test]
    fn java_keystores_with_keys_are_found_and_truststores_are_not() {
        assert_eq!(detect(&jks([0xFE, 0xED, 0xFE, 0xED], 1)), Some(Keystore::Java));
        assert_eq!(detect(&jks([0xCE, 0xCE, 0xCE, 0xCE], 3)), Some(Keystore::Java));
        assert_eq!(detect(&jks([0xFE, 0xED, 0xFE, 0xED], 2)), None);
        let truncated = jks([0xFE, 0xED, 0xFE, 0xED], 1);
        assert_eq!(detect(&truncated[..14]), None);
    }

    #[test]
    fn pkcs12_needs_the_structure_and_a_key_bag() {
        let mut pfx = vec![0x30, 0x82, 0x01, 0x00, 0x02, 0x01, 0x03, 0x30, 0x82, 0x00, 0x40];
        pfx.extend(PKCS7_DATA_OID);
        pfx.extend([0u8; 20]);
        assert_eq!(detect(&pfx), None, "no key bag: a certificate-only bundle");
        pfx.extend(KEY_BAG_OID_PREFIX);
        pfx.push(0x02);
        assert_eq!(detect(&pfx), Some(Keystore::Pkcs12));
        pfx[6] = 0x02;
        assert_eq!(detect(&pfx), None, "version must be 3");
    }

    #[test]
    fn nothing_panics_on_short_or_random_input() {
        for len in 0..64 {
            let data: Vec<u8> = (0..len).map(|i| (i * 37 + 0xCE) as u8).collect();
            let _ = detect(&data);
            let mut header = vec![0xFE, 0xED, 0xFE, 0xED, 0, 0, 0, 2, 0xFF, 0xFF, 0xFF, 0xFF];
            header.extend(&data);
            let _ = detect(&header);
        }
    }
}
