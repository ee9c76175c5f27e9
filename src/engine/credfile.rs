//! Structural checks for credential files whose stored form is an encoding
//! of the secret rather than the secret itself: FileZilla's base64, rclone's
//! obscured fields, JetBrains' scrambled passwords, Firefox's NSS-encrypted
//! logins, and crypt-style password hashes. Each decodes what the file holds
//! far enough to tell a real credential from an empty or placeholder one.

use base64::{
    Engine as _,
    engine::general_purpose::{STANDARD, STANDARD_NO_PAD, URL_SAFE_NO_PAD},
};

use super::allow::is_placeholder;

/// Whether decoded password bytes are a password worth reporting: printable
/// text, not empty, not a placeholder.
fn is_real_password(text: &[u8]) -> bool {
    let text = text.trim_ascii();
    !text.is_empty()
        && text
            .iter()
            .all(|b| b.is_ascii_graphic() || *b == b' ' || *b >= 0x80)
        && !is_placeholder(text)
}

/// A FileZilla `<Pass>`: base64 of the password when `base64` is true (the
/// `encoding="base64"` form), the password itself otherwise.
pub fn filezilla_password(secret: &[u8], base64: bool) -> bool {
    if !base64 {
        return is_real_password(secret);
    }
    STANDARD
        .decode(secret)
        .or_else(|_| STANDARD_NO_PAD.decode(secret))
        .is_ok_and(|decoded| is_real_password(&decoded))
}

/// rclone config keys whose values rclone stores obscured (AES-CTR under a
/// key published in rclone's source, so reversible by anyone).
const RCLONE_OBSCURED: &[&[u8]] = &[
    b"pass",
    b"password",
    b"password2",
    b"key_file_pass",
    b"api_password",
];

/// An rclone config value: an obscured field must decode (URL-safe base64
/// of a 16-byte IV and at least one byte of ciphertext); any other secret
/// field must simply not be a placeholder.
pub fn rclone_secret(name: &[u8], secret: &[u8]) -> bool {
    if RCLONE_OBSCURED.iter().any(|n| name.eq_ignore_ascii_case(n)) {
        return URL_SAFE_NO_PAD
            .decode(secret.strip_suffix(b"=").unwrap_or(secret))
            .is_ok_and(|bytes| bytes.len() > 16);
    }
    is_real_password(secret)
}

/// A JetBrains deployment password: either plain text, or the IDE's legacy
/// scrambled form (each character as the hex of its code XOR 0xDFAA, four
/// digits a character), which is decoded before the placeholder check.
pub fn jetbrains_password(secret: &[u8]) -> bool {
    match unscramble_jetbrains(secret) {
        Some(plain) => is_real_password(&plain),
        None => is_real_password(secret),
    }
}

fn unscramble_jetbrains(secret: &[u8]) -> Option<Vec<u8>> {
    if secret.is_empty() || !secret.len().is_multiple_of(4) || !secret.iter().all(u8::is_ascii_hexdigit) {
        return None;
    }
    let mut plain = Vec::with_capacity(secret.len() / 4);
    for group in secret.chunks(4) {
        let text = std::str::from_utf8(group).ok()?;
        let code = u32::from_str_radix(text, 16).ok()? ^ 0xDFAA;
        let ch = char::from_u32(code)?;
        let mut buf = [0u8; 4];
        plain.extend_from_slice(ch.encode_utf8(&mut buf).as_bytes());
    }
    Some(plain)
}

/// A Firefox `logins.json` `encryptedPassword`: base64 of a DER SEQUENCE
/// holding the NSS key id (an OCTET STRING), the cipher parameters and the
/// ciphertext, which decrypts with the profile's `key4.db` when no primary
/// password is set.
pub fn nss_encrypted(secret: &[u8]) -> bool {
    let Ok(der) = STANDARD
        .decode(secret)
        .or_else(|_| STANDARD_NO_PAD.decode(secret))
    else {
        return false;
    };
    let Some((0x30, body, rest)) = der_element(&der) else {
        return false;
    };
    // The first member is the key id; a real login has ciphertext after it.
    rest.is_empty()
        && matches!(der_element(body), Some((0x04, key_id, after)) if !key_id.is_empty() && after.len() > 8)
}

/// Splits one DER element off `bytes`: (tag, contents, what follows).
fn der_element(bytes: &[u8]) -> Option<(u8, &[u8], &[u8])> {
    let (&tag, rest) = bytes.split_first()?;
    let (&first, rest) = rest.split_first()?;
    let (len, rest) = if first < 0x80 {
        (usize::from(first), rest)
    } else {
        let count = usize::from(first & 0x7F);
        if count == 0 || count > 4 || rest.len() < count {
            return None;
        }
        let len = rest[..count]
            .iter()
            .fold(0usize, |acc, &b| (acc << 8) | usize::from(b));
        (len, &rest[count..])
    };
    (rest.len() >= len).then(|| (tag, &rest[..len], &rest[len..]))
}

/// `{SHA}` (base64 SHA-1) of the empty string: an htpasswd entry with no
/// password, which protects nothing and leaks nothing.
const SHA1_OF_EMPTY: &[u8] = b"{SHA}2jmj7l5rSw0yVb/vlWAYkK/YBwk=";

/// A crypt-style password hash worth reporting: not the hash of the empty
/// password (checked where that is cheap: `{SHA}`, and SHA-crypt `$5$`/`$6$`
/// with the default rounds or fewer).
pub fn password_hash(secret: &[u8]) -> bool {
    if secret == SHA1_OF_EMPTY {
        return false;
    }
    !super::crypt::is_sha_crypt_of_empty(secret)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn filezilla_base64_must_decode_to_a_password() {
        let good = STANDARD.encode("Vq7#mLr2-Tz9pW4k");
        assert!(filezilla_password(good.as_bytes(), true));
        assert!(!filezilla_password(STANDARD.encode("changeme").as_bytes(), true));
        assert!(!filezilla_password(b"not base64 at all!", true));
        assert!(filezilla_password(b"Vq7#mLr2-Tz9pW4k", false));
    }

    #[test]
    fn rclone_obscured_fields_decode() {
        let obscured = URL_SAFE_NO_PAD.encode([7u8; 30]);
        assert!(rclone_secret(b"pass", obscured.as_bytes()));
        assert!(!rclone_secret(b"pass", b"hunter2"));
        assert!(!rclone_secret(
            b"pass",
            URL_SAFE_NO_PAD.encode([1u8; 16]).as_bytes()
        ));
        assert!(rclone_secret(
            b"secret_access_key",
            b"q8Vz2LmR7xTk4Wp9Hs3Nc6Bf1Jd5Gy0Ea2Uo8Ki"
        ));
    }

    #[test]
    fn jetbrains_scrambled_passwords_decode() {
        let scramble = |s: &str| {
            s.chars()
                .map(|c| format!("{:x}", c as u32 ^ 0xDFAA))
                .collect::<String>()
        };
        assert_eq!(
            unscramble_jetbrains(scramble("Vq7#mLr2").as_bytes()).as_deref(),
            Some(&b"Vq7#mLr2"[..])
        );
        assert!(jetbrains_password(scramble("Vq7#mLr2").as_bytes()));
        assert!(!jetbrains_password(scramble("changeme").as_bytes()));
        assert!(jetbrains_password(b"Vq7#mLr2"));
    }

    #[test]
    fn nss_blobs_are_der_with_a_key_id() {
        let mut der = vec![0x30, 0x22, 0x04, 0x10];
        der.extend([0xF8; 16]);
        der.extend([0x04, 0x0E]);
        der.extend([0x5A; 14]);
        assert!(nss_encrypted(STANDARD.encode(&der).as_bytes()));
        assert!(!nss_encrypted(STANDARD.encode(b"plain text, not DER").as_bytes()));
        assert!(!nss_encrypted(STANDARD.encode([0x30, 0x7F, 0x04]).as_bytes()));
    }

    #[test]
    fn empty_password_hashes_are_not_reported() {
        assert!(!password_hash(SHA1_OF_EMPTY));
        assert!(password_hash(b"{SHA}qUqP5cyxm6YcTAhz05Hph5gvu9M="));
    }
}
