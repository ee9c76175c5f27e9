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
        p *= bigram_tail(s);
    }
    p
}

/// Probability that a uniform draw has at least as many common English
/// bigrams among its letter pairs as `s`: words and names score low.
fn bigram_tail(s: &[u8]) -> f64 {
    let letter_pairs = s
        .windows(2)
        .filter(|w| w[0].is_ascii_alphabetic() && w[1].is_ascii_alphabetic())
        .count() as u64;
    let common = s
        .windows(2)
        .filter(|w| w[0].is_ascii_alphabetic() && w[1].is_ascii_alphabetic() && is_common_bigram(w[0], w[1]))
        .count() as u64;
    let rate = COMMON_BIGRAMS.len() as f64 / (26.0 * 26.0);
    binomial_upper_tail(letter_pairs, common, rate).min(1.0)
}

/// A set of ASCII bytes a secret is drawn from (`hex`, `lower-alnum`, or a
/// class such as `A-Za-z0-9_-`), for judging randomness against the
/// alphabet the provider actually uses: a lower-case key lacks capitals by
/// design, and hex has a lower entropy ceiling than base62.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Deserialize)]
#[serde(try_from = "String")]
pub struct Alphabet {
    bits: u128,
}

impl TryFrom<String> for Alphabet {
    type Error = String;

    fn try_from(spec: String) -> Result<Self, Self::Error> {
        Alphabet::parse(&spec)
    }
}

/// Named alphabets: (name, class).
const NAMED_ALPHABETS: &[(&str, &str)] = &[
    ("hex", "0-9a-f"),
    ("upper-hex", "0-9A-F"),
    ("lower-alnum", "a-z0-9"),
    ("upper-alnum", "A-Z0-9"),
    ("alnum", "A-Za-z0-9"),
    ("base64url", "A-Za-z0-9_-"),
    ("base64", "A-Za-z0-9+/"),
    ("digits", "0-9"),
];

/// A named alphabet, parsed and printed once per process.
#[derive(Debug)]
struct Named {
    name: &'static str,
    alphabet: Alphabet,
    class: String,
}

/// The named alphabets, longest name first (so `upper-hex` is tried
/// before `hex` when a shape name is split). Rule tables name them hundreds
/// of times at start-up.
fn named() -> &'static [Named] {
    static NAMED: std::sync::OnceLock<Vec<Named>> = std::sync::OnceLock::new();
    NAMED.get_or_init(|| {
        let mut named: Vec<Named> = NAMED_ALPHABETS
            .iter()
            .filter_map(|&(name, class)| {
                let alphabet = Alphabet::parse_class(class).ok()?;
                let class = alphabet.build_regex_class();
                Some(Named {
                    name,
                    alphabet,
                    class,
                })
            })
            .collect();
        named.sort_by_key(|n| std::cmp::Reverse(n.name.len()));
        named
    })
}

/// How far below the expected Shannon entropy of a uniform draw a secret may
/// fall, in bits per byte: about five standard deviations for 32 characters.
const ENTROPY_MARGIN: f64 = 0.7;

impl Alphabet {
    /// Names accepted by [`Alphabet::parse`], longest first (so `upper-hex`
    /// is tried before `hex` when a shape name is split).
    pub fn names() -> impl Iterator<Item = &'static str> {
        named().iter().map(|n| n.name)
    }

    /// Parses a named alphabet (`hex`, `upper-hex`, `alnum`, `lower-alnum`,
    /// `upper-alnum`, `base64`, `base64url`, `digits`) or a character class
    /// written as in a regex without brackets: ranges such as `a-z` and `0-9`,
    /// and the literal characters `_ - + / = . ~ :` (a `-` that ends a range
    /// must come first or last).
    pub fn parse(spec: &str) -> Result<Self, String> {
        match named().iter().find(|n| n.name == spec) {
            Some(n) => Ok(n.alphabet),
            None => Self::parse_class(spec),
        }
    }

    fn parse_class(class: &str) -> Result<Self, String> {
        let bytes = class.as_bytes();
        let mut bits = 0u128;
        let mut i = 0;
        while i < bytes.len() {
            let b = bytes[i];
            if let (Some(b'-'), Some(&end)) = (bytes.get(i + 1), bytes.get(i + 2)) {
                let same_kind = (b.is_ascii_digit() && end.is_ascii_digit())
                    || (b.is_ascii_lowercase() && end.is_ascii_lowercase())
                    || (b.is_ascii_uppercase() && end.is_ascii_uppercase());
                if !same_kind || end < b {
                    return Err(format!(
                        "character class {class:?}: range {}-{} must run upwards within digits, lower-case or upper-case letters",
                        b as char, end as char
                    ));
                }
                for c in b..=end {
                    bits |= 1 << c;
                }
                i += 3;
                continue;
            }
            if !(b.is_ascii_alphanumeric() || b"_-+/=.~:".contains(&b)) {
                return Err(format!(
                    "character class {class:?}: {:?} is not allowed; use ranges (a-z, A-Z, 0-9) and the characters _ - + / = . ~ :",
                    b as char
                ));
            }
            bits |= 1 << b;
            i += 1;
        }
        if bits.count_ones() < 2 {
            return Err(format!("character class {class:?} has fewer than two characters"));
        }
        Ok(Alphabet { bits })
    }

    /// Whether `b` belongs to the alphabet.
    pub fn contains(self, b: u8) -> bool {
        b < 128 && self.bits & (1 << b) != 0
    }

    /// Number of characters in the alphabet.
    pub fn len(self) -> u32 {
        self.bits.count_ones()
    }

    /// True when the alphabet holds no character (never, once parsed).
    pub fn is_empty(self) -> bool {
        self.bits == 0
    }

    /// The characters in ascending order.
    pub fn chars(self) -> impl Iterator<Item = u8> {
        (0u8..128).filter(move |&b| self.contains(b))
    }

    /// The union of two alphabets.
    pub fn union(self, other: Alphabet) -> Alphabet {
        Alphabet {
            bits: self.bits | other.bits,
        }
    }

    /// Whether every character of `self` is in `other`.
    pub fn is_subset(self, other: Alphabet) -> bool {
        self.bits & !other.bits == 0
    }

    /// The alphabet as a regex character class body (without brackets),
    /// with runs written as ranges and punctuation escaped.
    pub fn regex_class(self) -> String {
        match named().iter().find(|n| n.alphabet == self) {
            Some(n) => n.class.clone(),
            None => self.build_regex_class(),
        }
    }

    fn build_regex_class(self) -> String {
        // Letters and digits of one kind form ranges; anything else stands alone.
        let kind = |c: u8| match c {
            b'0'..=b'9' => 1,
            b'a'..=b'z' => 2,
            b'A'..=b'Z' => 3,
            _ => 0,
        };
        let push = |out: &mut String, c: u8| {
            if kind(c) == 0 {
                out.push('\\');
            }
            out.push(char::from(c));
        };
        let mut out = String::with_capacity(24);
        let mut bits = self.bits;
        while bits != 0 {
            let start = bits.trailing_zeros() as u8;
            let mut end = start;
            while kind(start) != 0 && end < 127 && kind(end + 1) == kind(start) && self.contains(end + 1) {
                end += 1;
            }
            push(&mut out, start);
            if end > start + 1 {
                out.push('-');
            }
            if end > start {
                push(&mut out, end);
            }
            for c in start..=end {
                bits &= !(1u128 << c);
            }
        }
        out
    }

    fn class_sizes(self) -> [u32; 4] {
        let count = |f: fn(&u8) -> bool| self.chars().filter(&f).count() as u32;
        let digits = count(u8::is_ascii_digit);
        let lower = count(u8::is_ascii_lowercase);
        let upper = count(u8::is_ascii_uppercase);
        [digits, lower, upper, self.len() - digits - lower - upper]
    }
}

/// Expected Shannon entropy (bits per byte) of `n` characters drawn
/// uniformly from `k`: the plug-in estimate's mean, which for short strings
/// lies well below log2(k).
pub fn expected_shannon(n: usize, k: u32) -> f64 {
    if n == 0 || k < 2 {
        return 0.0;
    }
    // Each symbol's count is Binomial(n, 1/k); walk its probabilities
    // upwards from P(0) instead of computing each binomial coefficient.
    let p = 1.0 / f64::from(k);
    let ratio = p / (1.0 - p);
    let mut probability = (n as f64 * (1.0 - p).ln()).exp();
    let mut per_symbol = 0.0;
    for x in 1..=n {
        probability *= (n - x + 1) as f64 / x as f64 * ratio;
        let share = x as f64 / n as f64;
        per_symbol -= probability * share * share.log2();
    }
    f64::from(k) * per_symbol
}

/// Whether `s` looks like a uniform draw from one of `alphabets`: the
/// smallest alphabet that holds it (dashes and underscores it lacks are
/// group separators and ignored) must explain its Shannon entropy, its mix
/// of digits, lower- and upper-case letters and symbols, and, for letter
/// alphabets, its share of common English bigrams.
pub fn looks_drawn_from(s: &[u8], alphabets: &[Alphabet]) -> bool {
    let holds = |a: &Alphabet| s.iter().all(|&b| a.contains(b) || b == b'-' || b == b'_');
    let Some(alphabet) = alphabets.iter().filter(|a| holds(a)).min_by_key(|a| a.len()) else {
        return false;
    };
    let drawn: Vec<u8> = s.iter().copied().filter(|&b| alphabet.contains(b)).collect();
    let n = drawn.len();
    if n < MIN_RANDOM_LEN {
        return false;
    }
    if shannon(&drawn) < expected_shannon(n, alphabet.len()) - ENTROPY_MARGIN {
        return false;
    }
    let k = f64::from(alphabet.len());
    let counts = [
        drawn.iter().filter(|b| b.is_ascii_digit()).count(),
        drawn.iter().filter(|b| b.is_ascii_lowercase()).count(),
        drawn.iter().filter(|b| b.is_ascii_uppercase()).count(),
        drawn.iter().filter(|b| !b.is_ascii_alphanumeric()).count(),
    ];
    let mut p = 1.0f64;
    for (size, count) in alphabet.class_sizes().into_iter().zip(counts) {
        if size > 0 && size < alphabet.len() {
            p = p.min(two_sided(n as u64, count as u64, f64::from(size) / k));
        }
    }
    let [_, lower, upper, _] = alphabet.class_sizes();
    if lower >= 26 || upper >= 26 {
        p *= bigram_tail(&drawn);
    }
    p >= RANDOM_THRESHOLD
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

    /// Deterministic pseudo-random strings from an alphabet.
    fn draws(alphabet: Alphabet, len: usize, count: usize) -> Vec<Vec<u8>> {
        let chars: Vec<u8> = alphabet.chars().collect();
        let mut state = 0x9E37_79B9_7F4A_7C15u64;
        (0..count)
            .map(|_| {
                (0..len)
                    .map(|_| {
                        state = state
                            .wrapping_mul(6_364_136_223_846_793_005)
                            .wrapping_add(1_442_695_040_888_963_407);
                        chars[((state >> 33) % chars.len() as u64) as usize]
                    })
                    .collect()
            })
            .collect()
    }

    #[test]
    fn alphabets_parse_and_print_as_regex_classes() {
        let hex = Alphabet::parse("hex").expect("named");
        assert_eq!(hex.len(), 16);
        assert_eq!(hex.regex_class(), "0-9a-f");
        assert_eq!(
            Alphabet::parse("base64url").expect("named").regex_class(),
            "\\-0-9A-Z\\_a-z"
        );
        assert_eq!(Alphabet::parse("a-z0-9.").expect("class").len(), 37);
        assert!(Alphabet::parse("z-a").is_err());
        assert!(Alphabet::parse("a-z]").is_err());
        assert!(Alphabet::parse("a").is_err());
    }

    #[test]
    fn expected_entropy_matches_known_values() {
        // Means of 20,000 simulated draws each.
        assert!((expected_shannon(32, 16) - 3.611).abs() < 0.01);
        assert!((expected_shannon(32, 62) - 4.546).abs() < 0.01);
        assert!((expected_shannon(20, 36) - 3.844).abs() < 0.01);
    }

    #[test]
    fn uniform_draws_pass_for_their_alphabet() {
        for (name, len) in [
            ("hex", 32),
            ("lower-alnum", 32),
            ("alnum", 40),
            ("upper-alnum", 20),
            ("base64", 44),
            ("hex", 16),
        ] {
            let alphabet = Alphabet::parse(name).expect("named");
            let failed = draws(alphabet, len, 500)
                .iter()
                .filter(|d| !looks_drawn_from(d, &[alphabet]))
                .count();
            assert!(failed <= 2, "{failed} of 500 {name}{len} draws judged not random");
        }
    }

    #[test]
    fn words_and_patterns_fail_for_their_alphabet() {
        let lower = Alphabet::parse("lower-alnum").expect("named");
        let hex = Alphabet::parse("hex").expect("named");
        for s in [
            "myopenweatherapikeyforprod2024x",
            "a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1",
            "ab12ab12ab12ab12ab12ab12ab12ab12",
        ] {
            assert!(!looks_drawn_from(s.as_bytes(), &[lower, hex]), "{s}");
        }
        // A lower-case alphanumeric key is random for its own alphabet, and
        // the general test judges it against the classes it uses (base36).
        let key = b"k3v9q2m8x7p1z5w4r6t0y2u8i3o7a9s1";
        assert!(looks_drawn_from(key, &[lower]));
        assert!(looks_random(key));
        // Dashes of a UUID are separators.
        assert!(looks_drawn_from(b"3f2b8c1e-9d4a-4e7b-a6c5-0f1e2d3c4b5a", &[hex]));
        assert!(
            !looks_drawn_from(b"3F2B8C1E9D4A", &[hex]),
            "upper case is not in hex"
        );
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
