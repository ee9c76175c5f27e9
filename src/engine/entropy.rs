//! Shannon entropy and a randomness test for candidate secrets.
//!
//! Plain Shannon entropy cannot tell `ThisIsMyPassword1` from `q7Xk2PzL9wR4`
//! at short lengths, because short strings cannot reach high entropy at all.
//! The randomness test instead asks: if this string had been drawn uniformly
//! from its alphabet, how likely is a character-class mix and a count of
//! common English bigrams at least this far from the expectation? Words and
//! identifiers fail it; generated tokens pass.

/// Shannon entropy of `bytes` in bits per byte (0.0 for an empty slice).
pub fn shannon(bytes: &[u8]) -> f64 {
    if bytes.is_empty() {
        return 0.0;
    }
    let mut counts = [0u32; 256];
    for &b in bytes {
        counts[usize::from(b)] += 1;
    }
    let n = bytes.len() as f64;
    counts
        .iter()
        .filter(|&&c| c > 0)
        .map(|&c| {
            let p = f64::from(c) / n;
            -p * p.log2()
        })
        .sum()
}

/// Below this probability a string is judged "not random".
const RANDOM_THRESHOLD: f64 = 1e-4;

/// The threshold for strings without a second letter case (base36 keys,
/// hex-like runs, lower-case identifiers with a digit or two). Words in
/// identifiers such as `utf8mb4unicodeci` score near 1e-4 here, random
/// base36 keys rarely below 1e-3 (about 0.5% of 16 to 40 characters).
const CASELESS_RANDOM_THRESHOLD: f64 = 1e-3;

/// Shortest string the randomness test accepts.
const MIN_RANDOM_LEN: usize = 8;

/// Frequent English and identifier bigrams (lowercase). Random strings hit
/// them at a rate fixed by the set size; words and camelCase names hit them
/// far more often.
const COMMON_BIGRAMS: &[&[u8; 2]] = &[
    b"th", b"he", b"in", b"er", b"an", b"re", b"on", b"at", b"en", b"nd", b"ti", b"es", b"or", b"te", b"of",
    b"ed", b"is", b"it", b"al", b"ar", b"st", b"to", b"nt", b"ng", b"se", b"ha", b"as", b"ou", b"io", b"le",
    b"ve", b"co", b"me", b"de", b"hi", b"ri", b"ro", b"ic", b"ne", b"ea", b"ra", b"ce", b"li", b"ch", b"ll",
    b"be", b"ma", b"si", b"om", b"ur", b"ca", b"el", b"ta", b"la", b"ns", b"di", b"fo", b"ho", b"pe", b"ec",
    b"pr", b"no", b"ct", b"us", b"ac", b"ot", b"il", b"tr", b"ly", b"nc", b"et", b"ut", b"ss", b"so", b"rs",
    b"un", b"lo", b"wa", b"ge", b"ie", b"wh", b"ee", b"wi", b"em", b"ad", b"ol", b"rt", b"po", b"we", b"na",
    b"ul", b"ni", b"ts", b"mo", b"ow", b"pa", b"im", b"mi", b"ai", b"sh", b"ir", b"su", b"id", b"os", b"iv",
    b"ia", b"am", b"fi", b"ci", b"vi", b"pl", b"ig", b"tu", b"ev", b"ld", b"ry", b"mp", b"fe", b"bl", b"ab",
    b"gh", b"ty", b"op", b"wo", b"sa", b"ay", b"ex", b"ke", b"fr", b"oo", b"av", b"ag", b"if", b"ap", b"gr",
    b"od", b"bo", b"sp", b"rd", b"do", b"uc", b"bu", b"ei", b"ov", b"by", b"rm", b"ep", b"tt", b"oc", b"fa",
    b"ef", b"cu", b"rn", b"sc", b"gi", b"da", b"yo", b"cr", b"cl", b"du", b"ga", b"qu", b"ue", b"ff", b"ba",
    b"ey", b"ls", b"va", b"um", b"pp", b"ua", b"up", b"lu", b"go", b"ht", b"ru", b"ug", b"ds", b"lt", b"pi",
    b"rc", b"rr", b"eg", b"au", b"ck", b"ew", b"mu", b"br", b"bi", b"pt", b"ak", b"pu", b"ui", b"rg", b"ib",
    b"tl", b"ny", b"ki", b"rk", b"ys", b"ob", b"mm", b"fu", b"ph", b"og", b"ms", b"ye", b"ud", b"mb", b"ip",
    b"ub", b"oi", b"rl", b"gu", b"dr", b"hr", b"cc", b"tw", b"ft", b"wn", b"nu", b"af", b"hu", b"nn", b"eo",
    b"vo", b"rv", b"nf", b"xp", b"gn", b"sm", b"fl", b"iz", b"ok", b"nl", b"my", b"gl", b"aw", b"ju", b"oa",
    b"eq", b"sy", b"sl", b"ps", b"jo", b"lf", b"nv", b"je", b"nk", b"kn", b"gs", b"dy", b"hy", b"ze", b"ks",
    b"xt", b"bs", b"ik", b"dd", b"cy", b"rp", b"sk", b"xi", b"oe", b"oy", b"ws", b"lv", b"dl", b"rf", b"eu",
    b"dg", b"wr", b"xa", b"yi", b"nm", b"eb", b"rb", b"tm", b"xc", b"eh",
];

fn is_common_bigram(a: u8, b: u8) -> bool {
    let pair = [a.to_ascii_lowercase(), b.to_ascii_lowercase()];
    COMMON_BIGRAMS.iter().any(|bg| **bg == pair)
}

/// ln(n choose k), exact enough for n up to a few thousand.
fn ln_choose(n: u64, k: u64) -> f64 {
    let k = k.min(n - k);
    (0..k)
        .map(|i| ((n - i) as f64).ln() - ((i + 1) as f64).ln())
        .sum()
}

/// P(X >= k) for X ~ Binomial(n, p).
fn binomial_upper_tail(n: u64, k: u64, p: f64) -> f64 {
    if k == 0 {
        return 1.0;
    }
    if p <= 0.0 {
        return 0.0;
    }
    if p >= 1.0 {
        return 1.0;
    }
    (k..=n)
        .map(|i| (ln_choose(n, i) + i as f64 * p.ln() + (n - i) as f64 * (1.0 - p).ln()).exp())
        .sum::<f64>()
        .min(1.0)
}

/// P(X <= k) for X ~ Binomial(n, p).
fn binomial_lower_tail(n: u64, k: u64, p: f64) -> f64 {
    if k >= n {
        return 1.0;
    }
    1.0 - binomial_upper_tail(n, k + 1, p)
}

/// Two-sided tail probability of observing `k` hits in `n` draws at rate `p`.
fn two_sided(n: u64, k: u64, p: f64) -> f64 {
    let expected = n as f64 * p;
    let tail = if (k as f64) < expected {
        binomial_lower_tail(n, k, p)
    } else {
        binomial_upper_tail(n, k, p)
    };
    (2.0 * tail).min(1.0)
}

/// Probability-like score that `s` was drawn uniformly from its alphabet.
pub fn randomness(s: &[u8]) -> f64 {
    // Dashes and underscores separate groups (UUIDs, `key_id-part`): they say
    // nothing about how the characters were drawn.
    let stripped: Vec<u8>;
    let s = if s.iter().any(|b| b"-_".contains(b)) {
        stripped = s.iter().copied().filter(|b| !b"-_".contains(b)).collect();
        &stripped[..]
    } else {
        s
    };
    // Base64 padding says nothing about randomness either.
    let s = s
        .strip_suffix(b"==")
        .or_else(|| s.strip_suffix(b"="))
        .unwrap_or(s);
    let n = s.len() as u64;
    if n == 0 {
        return 0.0;
    }
    let lower = s.iter().filter(|b| b.is_ascii_lowercase()).count() as u64;
    let upper = s.iter().filter(|b| b.is_ascii_uppercase()).count() as u64;
    let digits = s.iter().filter(|b| b.is_ascii_digit()).count() as u64;
    let other = n - lower - upper - digits;
    let is_hex = s.iter().all(u8::is_ascii_hexdigit) && (upper == 0 || lower == 0);

    // Expected share of each character class under the best-fitting alphabet.
    let mut p = if is_hex {
        let letters = lower + upper;
        two_sided(n, digits, 10.0 / 16.0).min(two_sided(n, letters, 6.0 / 16.0))
    } else {
        // Printable-ASCII passwords use punctuation; token alphabets do not,
        // except base64's `+` and `/`.
        let base64_symbols = s.iter().all(|b| b.is_ascii_alphanumeric() || b"+/".contains(b));
        let symbols = match (other, base64_symbols) {
            (0, _) => 0.0,
            (_, true) => 2.0,
            _ => 32.0,
        };
        // The alphabet is the classes the string uses: many keys are drawn
        // from lower-case letters and digits only (base36), and judging them
        // against a mixed-case alphabet would call them words for lacking
        // capitals. Symbol alphabets (printable ASCII) hold all classes.
        let letters = |count: u64| if count > 0 || symbols > 2.0 { 26.0 } else { 0.0 };
        let digit_share = if digits > 0 || symbols > 2.0 { 10.0 } else { 0.0 };
        let alphabet = letters(lower) + letters(upper) + digit_share + symbols;
        let mut p = 1.0f64;
        for (count, share) in [
            (digits, digit_share),
            (lower, letters(lower)),
            (upper, letters(upper)),
        ] {
            if share > 0.0 {
                p = p.min(two_sided(n, count, share / alphabet));
            }
        }
        if other > 0 {
            p = p.min(two_sided(n, other, symbols / alphabet));
        }
        p
    };

    if !is_hex && n >= 2 {
        let letter_pairs = s
            .windows(2)
            .filter(|w| w[0].is_ascii_alphabetic() && w[1].is_ascii_alphabetic())
            .count() as u64;
        let common = s
            .windows(2)
            .filter(|w| {
                w[0].is_ascii_alphabetic() && w[1].is_ascii_alphabetic() && is_common_bigram(w[0], w[1])
            })
            .count() as u64;
        let rate = COMMON_BIGRAMS.len() as f64 / (26.0 * 26.0);
        p *= binomial_upper_tail(letter_pairs, common, rate).min(1.0);
    }
    p
}

/// Whether `s` looks like a generated secret rather than a word, name or
/// sentence.
pub fn looks_random(s: &[u8]) -> bool {
    if s.len() < MIN_RANDOM_LEN {
        return false;
    }
    // Needs at least two character classes: a long run of lowercase letters
    // or of digits alone is a word, a number or a timestamp. Separators
    // (`-`, `_`) do not count: `SECRET_KEY_NAME` is one class.
    let classes = [
        s.iter().any(u8::is_ascii_lowercase),
        s.iter().any(u8::is_ascii_uppercase),
        s.iter().any(u8::is_ascii_digit),
        s.iter().any(|b| !b.is_ascii_alphanumeric() && !b"-_".contains(b)),
    ];
    if classes.iter().filter(|&&c| c).count() < 2 {
        return false;
    }
    let caseless = !(classes[0] && classes[1]);
    let threshold = if caseless && !s.iter().all(u8::is_ascii_hexdigit) {
        CASELESS_RANDOM_THRESHOLD
    } else {
        RANDOM_THRESHOLD
    };
    randomness(s) >= threshold
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shannon_bounds() {
        assert_eq!(shannon(b""), 0.0);
        assert_eq!(shannon(b"aaaa"), 0.0);
        assert!((shannon(b"ab") - 1.0).abs() < 1e-9);
        assert!((shannon(b"0123456789abcdef") - 4.0).abs() < 1e-9);
    }

    #[test]
    fn generated_tokens_look_random() {
        for s in [
            "q7Xk2PzL9wR4mVb8",
            "Zk3pQ9sLx2Vw7RtY5nBc",
            "8f14e45fceea167a5a36dedd4bea2543",
            "hG5$kP!2xQz9@wLm",
            "mT4vR9pXk2LqZ7wN3sYb8cFd",
            "3f2b8c1e-9d4a-4e7b-a6c5-0f1e2d3c4b5a",
            "3jEpKTmXcf+Inyy6XLHCVAs1NICH+hEUkWUDN7I8oP8=",
            // base36: lower-case letters and digits, as many SaaS keys are.
            "rtbgattmqj8mbvafwh50tvy7y9bm11nk",
            "2evkbnvjjnqjve7fgsl03909hszw35c7",
            // Upper-case letters and digits.
            "K7XQ2M9PZL4WB8RT",
        ] {
            assert!(
                looks_random(s.as_bytes()),
                "{s} should look random (p={})",
                randomness(s.as_bytes())
            );
        }
    }

    #[test]
    fn words_and_identifiers_do_not() {
        for s in [
            "ThisIsMyPassword",
            "correcthorsebatterystaple",
            "getDatabasePassword",
            "mysecretpassword",
            "deadbeefcafe",
            "1234567890123",
            "SECRET_KEY_NAME",
            "application",
            "short1A",
            "password_reset_token",
            "AuthenticationController",
            "sha256withrsaencryption",
            "utf8mb4_unicode_ci",
            "application2configuration",
            "mysecretpassword123",
            "x509certificate",
            "ed25519signature",
            "python3executable",
            "v1alpha1resource",
        ] {
            assert!(
                !looks_random(s.as_bytes()),
                "{s} should not look random (p={})",
                randomness(s.as_bytes())
            );
        }
    }
}
