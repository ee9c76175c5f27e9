//! SHA-crypt (`$5$` SHA-256, `$6$` SHA-512, Drepper's scheme used by
//! glibc `crypt(3)` and `/etc/shadow`), only as far as needed to tell
//! whether a hash is of the empty password: such an entry leaks nothing.

use sha2::{Digest, Sha256, Sha512};

/// Most rounds worth spending on the check; the default is 5,000, and a
/// hash with more is reported without it.
const MAX_ROUNDS: u32 = 5_000;
const DEFAULT_ROUNDS: u32 = 5_000;

/// Byte order of the SHA-512 result in the encoded hash (groups of three,
/// most significant first; the last group is one byte).
const SHA512_ORDER: [[usize; 3]; 21] = [
    [0, 21, 42],
    [22, 43, 1],
    [44, 2, 23],
    [3, 24, 45],
    [25, 46, 4],
    [47, 5, 26],
    [6, 27, 48],
    [28, 49, 7],
    [50, 8, 29],
    [9, 30, 51],
    [31, 52, 10],
    [53, 11, 32],
    [12, 33, 54],
    [34, 55, 13],
    [56, 14, 35],
    [15, 36, 57],
    [37, 58, 16],
    [59, 17, 38],
    [18, 39, 60],
    [40, 61, 19],
    [62, 20, 41],
];

/// Byte order of the SHA-256 result (the last group is two bytes).
const SHA256_ORDER: [[usize; 3]; 10] = [
    [0, 10, 20],
    [21, 1, 11],
    [12, 22, 2],
    [3, 13, 23],
    [24, 4, 14],
    [15, 25, 5],
    [6, 16, 26],
    [27, 7, 17],
    [18, 28, 8],
    [9, 19, 29],
];

const ALPHABET: &[u8; 64] = b"./0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

/// Whether `hash` is a `$5$` or `$6$` SHA-crypt hash of the empty password
/// (false for anything else, and for hashes above the rounds budget).
pub fn is_sha_crypt_of_empty(hash: &[u8]) -> bool {
    let Ok(text) = std::str::from_utf8(hash) else {
        return false;
    };
    let (variant, rest) = if let Some(rest) = text.strip_prefix("$6$") {
        (6, rest)
    } else if let Some(rest) = text.strip_prefix("$5$") {
        (5, rest)
    } else {
        return false;
    };
    let (rounds, rest) = match rest.strip_prefix("rounds=") {
        Some(after) => {
            let Some((n, rest)) = after.split_once('$') else {
                return false;
            };
            let Ok(n) = n.parse::<u32>() else {
                return false;
            };
            (n.clamp(1_000, 999_999_999), rest)
        }
        None => (DEFAULT_ROUNDS, rest),
    };
    if rounds > MAX_ROUNDS {
        return false;
    }
    let Some((salt, encoded)) = rest.rsplit_once('$') else {
        return false;
    };
    let salt = &salt.as_bytes()[..salt.len().min(16)];
    let expected = match variant {
        6 => encode(&empty_password_digest::<Sha512>(salt, rounds), &SHA512_ORDER, 1),
        _ => encode(&empty_password_digest::<Sha256>(salt, rounds), &SHA256_ORDER, 2),
    };
    expected.as_bytes() == encoded.as_bytes()
}

/// The SHA-crypt digest of the empty password with `salt` and `rounds`.
/// With no password bytes, every step that would add the password (or a
/// digest of it) adds nothing.
fn empty_password_digest<D: Digest>(salt: &[u8], rounds: u32) -> Vec<u8> {
    let a = D::digest(salt).to_vec();
    let repeats = 16 + usize::from(a.first().copied().unwrap_or(0));
    let mut ds = D::new();
    for _ in 0..repeats {
        ds.update(salt);
    }
    let ds = ds.finalize().to_vec();
    let s_bytes = &ds[..salt.len().min(ds.len())];
    let mut c = a;
    for i in 0..rounds {
        let mut round = D::new();
        if i % 2 == 1 {
            if i % 3 != 0 {
                round.update(s_bytes);
            }
            round.update(&c);
        } else {
            round.update(&c);
            if i % 3 != 0 {
                round.update(s_bytes);
            }
        }
        c = round.finalize().to_vec();
    }
    c
}

/// crypt's base64: groups of three bytes, least significant six bits first,
/// then the leftover bytes of the digest (`tail` of them) the same way.
fn encode(digest: &[u8], order: &[[usize; 3]], tail: usize) -> String {
    let mut out = String::new();
    let mut push = |mut word: u32, chars: usize| {
        for _ in 0..chars {
            out.push(char::from(ALPHABET[(word & 0x3F) as usize]));
            word >>= 6;
        }
    };
    let byte = |i: usize| u32::from(digest.get(i).copied().unwrap_or(0));
    for &[a, b, c] in order {
        push((byte(a) << 16) | (byte(b) << 8) | byte(c), 4);
    }
    match tail {
        1 => push(byte(63), 2),
        _ => push((byte(31) << 8) | byte(30), 3),
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    // Made with Python's `crypt.crypt("", "$6$…")` / `crypt.crypt("", "$5$…")`
    // and `crypt.crypt("x", …)` for a non-empty password with the same salt.
    #[test]
    fn recognises_hashes_of_the_empty_password() {
        for (hash, empty) in [
            (SHA512_EMPTY, true),
            (SHA512_X, false),
            (SHA256_EMPTY, true),
            (SHA256_X, false),
            (SHA512_ROUNDS_EMPTY, true),
        ] {
            assert_eq!(is_sha_crypt_of_empty(hash.as_bytes()), empty, "{hash}");
        }
        assert!(!is_sha_crypt_of_empty(b"$6$rounds=900000$salt$abc"));
        assert!(!is_sha_crypt_of_empty(b"$1$salt$abc"));
        assert!(!is_sha_crypt_of_empty(b"$6$"));
    }

    const SHA512_EMPTY: &str = "$6$Qm3xT8vLr2pZ9wKs$QwM4DpG4vX5dskEaPvQHEATpwS/eE8ChT9CghLYldPat/6MBMF8Ijdza0BmNBGesILpq5bH21eCGzBQi9DEDr.";
    const SHA512_X: &str = "$6$Qm3xT8vLr2pZ9wKs$oIj6D42iGJDPXvBKyEh4EMtRQoOLqpYbxPyni3B9tmbeyJ3h1bpGt/aHFDNAqDpbtt3AomOt4JY7TvIq4IbbN1";
    const SHA256_EMPTY: &str = "$5$Hc7Wq2Lz9Rm4Tx8V$.RrvOnryoZowDoLnAQj9PT21Uwi2l7ABYY8GgK/L6E1";
    const SHA256_X: &str = "$5$Hc7Wq2Lz9Rm4Tx8V$SnYJ/6xobLtsNFFwgQOodCOAtscV3QvTD5Q394SLTJ6";
    const SHA512_ROUNDS_EMPTY: &str = "$6$rounds=1200$Nb4Kp8Zs$g5dFWlX80rXiW7UslcRLgZYrKefFu62lVaj6/TA2B3pMcZIzSYpW5V26LOQN1S1mMVvCsTi/B6ciKIZ3ZIN4A0";
}
