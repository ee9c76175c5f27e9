//! Token checksums that raise or lower confidence.
//!
//! GitHub (`ghp_`, `gho_`, `ghu_`, `ghs_`, `ghr_`) and npm (`npm_`) tokens
//! end in six base62 characters holding the CRC32 of the thirty random
//! characters before them. A token whose checksum verifies is certainly of
//! that format; one that fails is still reported (people leak truncated or
//! hand-edited tokens, and test fixtures), with lower confidence.

use serde::Deserialize;

use crate::rules::Confidence;

const BASE62: &[u8; 62] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

/// A checksum scheme named by a rule's `checksum` key.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Checksum {
    /// `prefix_` + 30 base62 characters + base62(CRC32 of those 30), 6 wide.
    Crc32Base62,
}

impl Checksum {
    /// Confidence of a match of a rule with base confidence `base`.
    pub fn confidence(self, token: &[u8], base: Confidence) -> Confidence {
        match self {
            Checksum::Crc32Base62 if crc32_base62_valid(token) => Confidence::High,
            Checksum::Crc32Base62 => base.min(Confidence::Medium),
        }
    }
}

/// Base62 digits of `value`, most significant first, zero-padded to `width`.
fn base62(mut value: u32, width: usize) -> Vec<u8> {
    let mut digits = vec![b'0'; width];
    for slot in digits.iter_mut().rev() {
        *slot = BASE62[(value % 62) as usize];
        value /= 62;
    }
    digits
}

fn crc32_base62_valid(token: &[u8]) -> bool {
    let Some(underscore) = token.iter().position(|&b| b == b'_') else {
        return false;
    };
    let body = &token[underscore + 1..];
    if body.len() != 36 {
        return false;
    }
    let (random, check) = body.split_at(30);
    base62(crc32fast::hash(random), 6) == check
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Builds a token with a correct checksum from 30 characters.
    fn token(prefix: &str, random: &str) -> String {
        let check = base62(crc32fast::hash(random.as_bytes()), 6);
        format!(
            "{prefix}{random}{}",
            String::from_utf8(check).expect("base62 is ASCII")
        )
    }

    #[test]
    fn valid_checksum_is_high_and_broken_one_medium() {
        let good = token("ghp_", "R8b2Kq0ZxT4mV9wL1nC7pY3sD6fH5j");
        assert_eq!(
            Checksum::Crc32Base62.confidence(good.as_bytes(), Confidence::High),
            Confidence::High
        );
        let mut bad = good.clone().into_bytes();
        let last = bad.len() - 1;
        bad[last] = if bad[last] == b'A' { b'B' } else { b'A' };
        assert_eq!(
            Checksum::Crc32Base62.confidence(&bad, Confidence::High),
            Confidence::Medium
        );
        assert_eq!(
            Checksum::Crc32Base62.confidence(b"ghr_short", Confidence::High),
            Confidence::Medium
        );
    }

    #[test]
    fn base62_pads_and_orders_digits() {
        assert_eq!(base62(0, 6), b"000000");
        assert_eq!(base62(61, 2), b"0z");
        assert_eq!(base62(62, 2), b"10");
        assert_eq!(base62(u32::MAX, 6), b"4gfFC3");
    }
}
