//! Token checksums that raise or lower confidence.
//!
//! GitHub (`ghp_`, `gho_`, `ghu_`, `ghs_`, `ghr_`), npm (`npm_`) and Vercel
//! (`vcp_` …) tokens end in six base62 characters holding the CRC32 of the
//! random characters between the prefix and them. GitLab's routable tokens
//! (`glpat-….01.xx` + 7) end in the base36 CRC32 of everything before it.
//! A token whose checksum verifies is certainly of that format; one that
//! fails is still reported (people leak truncated or hand-edited tokens,
//! and test fixtures), with lower confidence.

use serde::Deserialize;

use crate::rules::Confidence;

const BASE62: &[u8; 62] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

/// A checksum scheme named by a rule's `checksum` key.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Checksum {
    /// `prefix_` + body + base62(CRC32 of the body), 6 wide (GitHub's 30
    /// character body, Vercel's 50).
    Crc32Base62,
    /// GitLab routable token: `prefix-` payload `.` [2-char version `.`]
    /// 2-char base36 length, then base36(CRC32 of all before it), 7 wide.
    /// The legacy form (no `.`) carries no checksum and keeps the rule's
    /// confidence.
    GitlabRoutable,
}

impl Checksum {
    /// Confidence of a match of a rule with base confidence `base`.
    pub fn confidence(self, token: &[u8], base: Confidence) -> Confidence {
        let valid = match self {
            Checksum::Crc32Base62 => crc32_base62_valid(token),
            Checksum::GitlabRoutable if !token.contains(&b'.') => return base,
            Checksum::GitlabRoutable => gitlab_routable_valid(token),
        };
        if valid {
            Confidence::High
        } else {
            base.min(Confidence::Medium)
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
    if body.len() < 7 {
        return false;
    }
    let (random, check) = body.split_at(body.len() - 6);
    base62(crc32fast::hash(random), 6) == check
}

/// Base36 digits of `value`, lowercase, most significant first, zero-padded
/// to `width` (a u32 needs at most 7).
fn base36(mut value: u32, width: usize) -> Vec<u8> {
    const DIGITS: &[u8; 36] = b"0123456789abcdefghijklmnopqrstuvwxyz";
    let mut digits = vec![b'0'; width];
    for slot in digits.iter_mut().rev() {
        *slot = DIGITS[(value % 36) as usize];
        value /= 36;
    }
    digits
}

/// GitLab computes the CRC over the whole token before it, prefix included
/// (`routable_token.rb`); the CRC over the text after the prefix is also
/// accepted, in case an instance passes the prefix separately.
fn gitlab_routable_valid(token: &[u8]) -> bool {
    if token.len() < 16 {
        return false;
    }
    let (before, check) = token.split_at(token.len() - 7);
    if base36(crc32fast::hash(before), 7) == check {
        return true;
    }
    let Some(dash) = before.iter().position(|&b| b == b'-') else {
        return false;
    };
    base36(crc32fast::hash(&before[dash + 1..]), 7) == check
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
    fn vercel_tokens_check_their_fifty_character_body() {
        let good = "vcp_JiMqgVub2Hbk7kWguNjaKnwrMk-Lelt0UaJ4ykfQVsJNssizhv0FpAep"; // leakhound:allow
        assert_eq!(
            Checksum::Crc32Base62.confidence(good.as_bytes(), Confidence::High),
            Confidence::High
        );
        let bad = good.replace("Aep", "Aeq");
        assert_eq!(
            Checksum::Crc32Base62.confidence(bad.as_bytes(), Confidence::High),
            Confidence::Medium
        );
    }

    #[test]
    fn gitlab_routable_tokens_with_and_without_version() {
        for good in [
            "glpat-hl3YazMIolS-jeW1HY5ZzW86NWlsOGsKdTo0MTB6aQ8.01.170ptnh79", // leakhound:allow
            "glpat-IiDG_wjuwyKu8DyfVUzBTm86MjlpcW4KdTo0bmR3dg8.171pobjwf",    // leakhound:allow
        ] {
            assert_eq!(
                Checksum::GitlabRoutable.confidence(good.as_bytes(), Confidence::High),
                Confidence::High,
                "{good}"
            );
            let bad = good.replacen("hl3Y", "hl3Z", 1).replacen("IiDG", "IiDH", 1);
            assert_eq!(
                Checksum::GitlabRoutable.confidence(bad.as_bytes(), Confidence::High),
                Confidence::Medium,
                "{bad}"
            );
        }
        // The legacy 20-character form has no checksum to check.
        assert_eq!(
            Checksum::GitlabRoutable.confidence(b"glpat-uhjKpaUYiZH7mEXbmXTI", Confidence::High), // leakhound:allow
            Confidence::High
        );
    }

    #[test]
    fn base36_pads_and_orders_digits() {
        assert_eq!(base36(0, 7), b"0000000");
        assert_eq!(base36(35, 2), b"0z");
        assert_eq!(base36(u32::MAX, 7), b"1z141z3");
    }

    #[test]
    fn base62_pads_and_orders_digits() {
        assert_eq!(base62(0, 6), b"000000");
        assert_eq!(base62(61, 2), b"0z");
        assert_eq!(base62(62, 2), b"10");
        assert_eq!(base62(u32::MAX, 6), b"4gfFC3");
    }
}
