//! Provider keys without a prefix, written as one table row per provider.
//!
//! Hundreds of providers issue keys that are nothing but 32 hex characters
//! or 40 random letters and digits; only the provider's name near the value
//! says what it is. Rather than a hand-written regex per provider, a pack
//! lists them as `[[keyed]]` rows (slug, display name, the names people
//! write, the key's shape, the rotation docs), and the loader expands each
//! row into an ordinary [`RawRule`] with its own id, examples and rotation
//! playbook. Everything downstream (`rules list/show/check`, reports,
//! baselines, SARIF, overlap resolution) sees plain rules.
//!
//! The generated regex finds the key where the provider's name
//!
//! - is part of the variable or key name: `OPENWEATHER_API_KEY=…`,
//!   `"pushover": "…"`, `<pushoverToken>…</pushoverToken>`, `X-Pushover-Token: …`;
//! - or appears earlier on the same line or up to three lines above, and the
//!   key sits under a name that says "secret" (key, token, secret, pass,
//!   auth, credential, access, value): a YAML or INI block
//!   (`pushover:\n  token: …`), nested JSON, an XML parent element, an
//!   `<add key="PushoverToken" value="…"/>` pair, a URL query, a log line.
//!
//! The value must have exactly the shape (bounded on both sides), look like
//! a uniform draw from its alphabet ([`entropy::looks_drawn_from`]), and
//! pass the placeholder filter and the assignment-name check every generic
//! rule uses.

use serde::Deserialize;

use super::{Confidence, RawAllow, RawRule, Rotation, RuleError, Severity};
use crate::engine::{
    allow,
    entropy::{self, Alphabet},
    structure::Validator,
};

/// One row of a `[[keyed]]` table, as written.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawKeyed {
    /// Provider slug (`pushover`), as in a rule's `provider`.
    provider: String,
    /// Display name (`Pushover`).
    name: String,
    /// What the credential is, kebab-case; the id is `PROVIDER-KIND`.
    #[serde(default)]
    kind: Option<String>,
    /// Full rule id, when `PROVIDER-KIND` will not do.
    #[serde(default)]
    id: Option<String>,
    /// What the credential is called in prose (default: from `kind`).
    #[serde(default)]
    label: Option<String>,
    /// Names that identify the provider, matched ASCII case-insensitively
    /// at the start of a word.
    keywords: Vec<String>,
    /// Named shapes such as `hex32`, `lower-alnum40`, `alnum20..32`, `uuid`.
    #[serde(default)]
    shape: Option<OneOrMany>,
    /// A character class (`A-Za-z0-9_-`), with `length`, for other shapes.
    #[serde(default)]
    charset: Option<String>,
    /// Length of a `charset` shape: `40` or `[32, 40]`.
    #[serde(default)]
    length: Option<Length>,
    #[serde(default = "default_severity")]
    severity: Severity,
    /// The provider's page on its API keys and revoking them (https).
    docs: String,
    /// Where the key is revoked or regenerated, completing "… in X".
    #[serde(default)]
    revoke: Option<String>,
    /// Where the key's shape comes from (a docs URL or a short note).
    source: String,
    #[serde(default)]
    description: Option<String>,
    /// Examples added to the generated ones.
    #[serde(default)]
    examples: Vec<String>,
    /// Negative examples added to the generated ones.
    #[serde(default)]
    negative_examples: Vec<String>,
    /// Replaces the generated summary and steps.
    #[serde(default)]
    rotation: Option<RotationOverride>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
enum OneOrMany {
    One(String),
    Many(Vec<String>),
}

#[derive(Debug, Clone, Copy, Deserialize)]
#[serde(untagged)]
enum Length {
    Exact(usize),
    Range([usize; 2]),
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct RotationOverride {
    summary: String,
    steps: Vec<String>,
}

fn default_severity() -> Severity {
    Severity::Medium
}

/// Shortest key length accepted: shorter values are too often words or
/// numbers for a name nearby to make them a credential.
const MIN_KEY_LEN: usize = 12;
/// Longest key length accepted.
const MAX_KEY_LEN: usize = 256;

/// Words in a name that say its value is a credential.
const SECRET_NAME_WORDS: &str = "key|token|secret|pass|pwd|auth|cred|access|value";
/// Characters of a variable, key or header name.
const NAME_CHARS: &str = "[A-Za-z0-9_.-]";
/// Assignment between a name and its value: `=`, `:`, `:=`, `=>`, JSON and
/// YAML keys (closing quote first), `ENV['X'] =`, an XML element's `>`.
const ASSIGN: &str = r#"["'`]?\]?\s{0,4}(?::=|=>|=|:|>)\s{0,4}["'`]?"#;
/// How many lines above the key the provider's name may stand.
const CONTEXT_LINES: usize = 3;
/// Longest stretch of a context line the match may cross.
const CONTEXT_LINE_LEN: usize = 80;

/// A key shape: characters from one alphabet, within a length range.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Shape {
    kind: ShapeKind,
    min: usize,
    max: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum ShapeKind {
    /// A run of characters from the alphabet.
    Run(Alphabet),
    /// 8-4-4-4-12 hex digits, all lower- or all upper-case.
    Uuid,
}

impl Shape {
    /// Parses a named shape: `uuid`, or an alphabet name followed by a
    /// length (`hex32`, `base64-40`, `alnum20..32`).
    fn parse(spec: &str) -> Result<Shape, String> {
        if spec == "uuid" {
            return Ok(Shape {
                kind: ShapeKind::Uuid,
                min: 36,
                max: 36,
            });
        }
        let unknown = || {
            let names: Vec<&str> = Alphabet::names().collect();
            format!(
                "shape {spec:?} is not known; write uuid, or one of {} followed by a length \
                 (hex32, base64-40, alnum20..32), or use charset and length",
                names.join(", ")
            )
        };
        let (alphabet, rest) = Alphabet::names()
            .find_map(|name| spec.strip_prefix(name).map(|rest| (name, rest)))
            .ok_or_else(unknown)?;
        let rest = rest.strip_prefix('-').unwrap_or(rest);
        let number = |s: &str| s.parse::<usize>().map_err(|_| unknown());
        let (min, max) = match rest.split_once("..") {
            Some((min, max)) => (number(min)?, number(max)?),
            None => {
                let n = number(rest)?;
                (n, n)
            }
        };
        let alphabet = Alphabet::parse(alphabet)?;
        Shape::run(alphabet, min, max)
    }

    fn run(alphabet: Alphabet, min: usize, max: usize) -> Result<Shape, String> {
        if min > max || min < MIN_KEY_LEN || max > MAX_KEY_LEN {
            return Err(format!(
                "length {min}..{max} must be a range within {MIN_KEY_LEN}..{MAX_KEY_LEN}"
            ));
        }
        Ok(Shape {
            kind: ShapeKind::Run(alphabet),
            min,
            max,
        })
    }

    /// Alphabets whose characters the shape's values are drawn from.
    fn alphabets(self) -> Vec<Alphabet> {
        match self.kind {
            ShapeKind::Run(alphabet) => vec![alphabet],
            ShapeKind::Uuid => ["hex", "upper-hex"]
                .iter()
                .filter_map(|n| Alphabet::parse(n).ok())
                .collect(),
        }
    }

    /// Every character a value of this shape may hold.
    fn charset(self) -> Alphabet {
        match self.kind {
            ShapeKind::Run(alphabet) => alphabet,
            ShapeKind::Uuid => Alphabet::parse("0-9a-fA-F-").unwrap_or_else(|_| alnum()),
        }
    }

    fn regex(self) -> String {
        match self.kind {
            ShapeKind::Run(alphabet) if self.min == self.max => {
                format!("[{}]{{{}}}", alphabet.regex_class(), self.min)
            }
            ShapeKind::Run(alphabet) => format!("[{}]{{{},{}}}", alphabet.regex_class(), self.min, self.max),
            ShapeKind::Uuid => {
                let group = |class: &str| {
                    [8, 4, 4, 4, 12]
                        .iter()
                        .map(|n| format!("[{class}]{{{n}}}"))
                        .collect::<Vec<_>>()
                        .join("-")
                };
                format!("(?:{}|{})", group("0-9a-f"), group("0-9A-F"))
            }
        }
    }

    fn accepts_len(self, len: usize) -> bool {
        (self.min..=self.max).contains(&len)
    }

    /// A value of `len` characters drawn by `next`.
    fn generate(self, len: usize, next: &mut impl FnMut() -> u64) -> String {
        match self.kind {
            ShapeKind::Run(alphabet) => draw(alphabet, len, next),
            ShapeKind::Uuid => {
                let hex = Alphabet::parse("hex").unwrap_or_else(|_| alnum());
                let digits = draw(hex, 32, next);
                [0..8, 8..12, 12..16, 16..20, 20..32]
                    .into_iter()
                    .filter_map(|r| digits.get(r))
                    .collect::<Vec<_>>()
                    .join("-")
            }
        }
    }
}

/// `A-Za-z0-9`.
fn alnum() -> Alphabet {
    Alphabet::parse("alnum").expect("the alnum class is well-formed")
}

fn draw(alphabet: Alphabet, len: usize, next: &mut impl FnMut() -> u64) -> String {
    let chars: Vec<u8> = alphabet.chars().collect();
    (0..len)
        .map(|_| char::from(chars[(next() % chars.len() as u64) as usize]))
        .collect()
}

/// splitmix64 seeded from the rule id (FNV-1a), so generated examples are
/// the same on every load.
fn seeded(id: &str) -> impl FnMut() -> u64 {
    let mut state = id.bytes().fold(0xcbf2_9ce4_8422_2325u64, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    });
    move || {
        state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = state;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
}

/// Expands the `index`th `[[keyed]]` row of `file` into a rule.
pub(super) fn expand(file: &str, index: usize, raw: RawKeyed) -> Result<RawRule, RuleError> {
    let kind = raw.kind.clone().unwrap_or_else(|| "api-key".into());
    let id = raw
        .id
        .clone()
        .unwrap_or_else(|| format!("{}-{kind}", raw.provider));
    let invalid = |message: String| RuleError::Invalid {
        file: file.to_string(),
        id: id.clone(),
        message: format!("[[keyed]] entry {} ({}): {message}", index + 1, raw.provider),
    };
    let shapes = shapes(&raw).map_err(invalid)?;
    let shape_words = shape_text(&raw);
    check_entry(&raw).map_err(invalid)?;
    let label = raw.label.clone().unwrap_or_else(|| label_of(&kind));
    let display = raw.name.as_str();
    let keywords: Vec<String> = raw.keywords.iter().map(|k| k.to_ascii_lowercase()).collect();
    let regex = pattern(&keywords, &shapes);
    let random_in: Vec<Alphabet> = shapes.iter().flat_map(|s| s.alphabets()).collect();
    let generated_examples = ExampleSpec {
        id: id.clone(),
        kind,
        keywords: keywords.clone(),
        shapes,
        random_in: random_in.clone(),
    };
    let revoke = raw
        .revoke
        .unwrap_or_else(|| format!("in the {display} dashboard (account or API settings)"));
    let rotation = match raw.rotation {
        Some(o) => Rotation {
            summary: o.summary,
            steps: o.steps,
            docs: raw.docs,
        },
        None => template_rotation(display, &label, &revoke, raw.docs),
    };
    let description = format!(
        "{}Found where the provider's name is part of the key's name or stands up to {CONTEXT_LINES} lines above it. \
         Shape: {}. Shape source: {}.",
        raw.description.map(|d| format!("{d} ")).unwrap_or_default(),
        shape_words,
        raw.source
    );
    Ok(RawRule {
        name: format!("{display} {label}"),
        provider: raw.provider,
        description: Some(description),
        severity: raw.severity,
        confidence: Confidence::Medium,
        keywords,
        match_keyword_case: false,
        keyword_word_start: true,
        regex,
        secret_group: Some(2),
        min_entropy: None,
        require_random: false,
        random_in: random_in.clone(),
        word_start: true,
        file_context: false,
        checksum: None,
        validate: Some(Validator::Assignment),
        check_placeholders: true,
        paths: Vec::new(),
        allow: RawAllow::default(),
        examples: raw.examples,
        negative_examples: raw.negative_examples,
        example_path: None,
        generated_examples: Some(generated_examples),
        rotation,
        verify: None,
        tags: vec!["keyed".into()],
        dialect: super::Dialect::Leakhound,
        path_regex: None,
        allowlists: Vec::new(),
        id,
    })
}

fn shapes(raw: &RawKeyed) -> Result<Vec<Shape>, String> {
    match (&raw.shape, &raw.charset, raw.length) {
        (Some(shape), None, None) => {
            let specs = match shape {
                OneOrMany::One(s) => std::slice::from_ref(s),
                OneOrMany::Many(list) => list.as_slice(),
            };
            if specs.is_empty() {
                return Err("shape is an empty list".into());
            }
            specs.iter().map(|s| Shape::parse(s)).collect()
        }
        (None, Some(charset), Some(length)) => {
            let alphabet = Alphabet::parse(charset).map_err(|e| format!("charset: {e}"))?;
            let (min, max) = match length {
                Length::Exact(n) => (n, n),
                Length::Range([min, max]) => (min, max),
            };
            Ok(vec![Shape::run(alphabet, min, max)?])
        }
        (None, Some(_), None) => Err("charset needs a length (40, or [32, 40])".into()),
        (None, None, Some(_)) => Err("length needs a charset".into()),
        (None, None, None) => Err("give the key's shape: shape = \"hex32\", or charset and length".into()),
        (Some(_), _, _) => Err("give either shape or charset and length, not both".into()),
    }
}

/// The shape as the row wrote it, for the rule's description.
fn shape_text(raw: &RawKeyed) -> String {
    match (&raw.shape, &raw.charset, raw.length) {
        (Some(OneOrMany::One(shape)), _, _) => shape.clone(),
        (Some(OneOrMany::Many(shapes)), _, _) => shapes.join(" or "),
        (None, Some(charset), Some(Length::Exact(n))) => format!("{n} characters of [{charset}]"),
        (None, Some(charset), Some(Length::Range([min, max]))) => {
            format!("{min} to {max} characters of [{charset}]")
        }
        _ => String::new(),
    }
}

fn check_entry(raw: &RawKeyed) -> Result<(), String> {
    if raw.keywords.is_empty() {
        return Err("keywords is empty; list the names people give this provider's key".into());
    }
    for k in &raw.keywords {
        if k.len() < 3 || !k.bytes().all(|b| b.is_ascii_graphic() || b == b' ') {
            return Err(format!(
                "keyword {k:?} must be at least 3 printable ASCII characters"
            ));
        }
    }
    if !raw.keywords.iter().any(|k| is_identifier(k)) {
        return Err(
            "at least one keyword must be a plain identifier (letters, digits, _) for the generated examples"
                .into(),
        );
    }
    if !raw.docs.starts_with("https://") {
        return Err(format!("docs {:?} must be an https URL", raw.docs));
    }
    if raw.source.trim().is_empty() {
        return Err("source is empty; say where the key's shape is documented or observed".into());
    }
    Ok(())
}

fn is_identifier(keyword: &str) -> bool {
    keyword.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_')
}

/// `api-key` → `API key`, `oauth-client-secret` → `OAuth client secret`.
fn label_of(kind: &str) -> String {
    kind.split('-')
        .map(|word| match word {
            "api" => "API",
            "id" => "ID",
            "oauth" => "OAuth",
            "jwt" => "JWT",
            "sdk" => "SDK",
            "hmac" => "HMAC",
            other => other,
        })
        .collect::<Vec<_>>()
        .join(" ")
}

fn pattern(keywords: &[String], shapes: &[Shape]) -> String {
    let names: Vec<String> = keywords.iter().map(|k| regex::escape(k)).collect();
    let values: Vec<String> = shapes.iter().map(|s| s.regex()).collect();
    let boundary = shapes.iter().map(|s| s.charset()).fold(alnum(), Alphabet::union);
    // The bare form (`"pushover": "…"`) comes first, then a secret-ish name
    // right after the provider's (`PUSHOVER_TOKEN`), then one on the same
    // or a later line; lazy repetitions make the nearest name win.
    format!(
        r"(?i:{names})(?:|(?:(?:[^\n]{{0,{line}}}\n){{0,{lines}}}?[^\n]{{0,{line}}}?[^A-Za-z0-9_.-])??(?P<name>{NAME_CHARS}{{0,30}}?(?i:{SECRET_NAME_WORDS}){NAME_CHARS}{{0,20}})){ASSIGN}({values})(?:[^{boundary}]|$)",
        names = names.join("|"),
        line = CONTEXT_LINE_LEN,
        lines = CONTEXT_LINES,
        values = values.join("|"),
        boundary = boundary.regex_class(),
    )
}

/// The name a generated example gives the key: the kind when it says
/// "secret", else `api_key`.
fn field_name(kind: &str) -> String {
    let field = kind.replace('-', "_");
    let says_secret = SECRET_NAME_WORDS.split('|').any(|w| field.contains(w));
    match says_secret {
        true => field,
        false => "api_key".into(),
    }
}

/// What a row's examples are generated from; they are made when a rule's
/// examples are first asked for (`rules check`, `rules show`), not at
/// start-up.
#[derive(Debug, Clone)]
pub struct ExampleSpec {
    id: String,
    kind: String,
    keywords: Vec<String>,
    shapes: Vec<Shape>,
    random_in: Vec<Alphabet>,
}

impl ExampleSpec {
    /// Positive examples (`.env`, a YAML block, nested JSON) and negative
    /// ones (a reference, the key without the provider's name, a name that
    /// is not a secret's, a wrong length, a placeholder), the same on every
    /// run. Empty when no value of the shape passes the randomness test,
    /// which `rules check` then reports.
    pub fn generate(&self) -> (Vec<String>, Vec<String>) {
        generated_examples(
            &self.id,
            &self.kind,
            &self.keywords,
            &self.shapes,
            &self.random_in,
        )
        .unwrap_or_default()
    }
}

type Examples = (Vec<String>, Vec<String>);

fn generated_examples(
    id: &str,
    kind: &str,
    keywords: &[String],
    shapes: &[Shape],
    random_in: &[Alphabet],
) -> Option<Examples> {
    let keyword = keywords.iter().find(|k| is_identifier(k))?;
    let shape = *shapes.first()?;
    let field = field_name(kind);
    let env = format!("{}_{}", keyword.to_ascii_uppercase(), field.to_ascii_uppercase());
    let mut next = seeded(id);
    let mut token = || {
        (0..64)
            .map(|_| shape.generate(shape.max, &mut next))
            .find(|value| {
                entropy::looks_drawn_from(value.as_bytes(), random_in)
                    && !allow::is_placeholder(value.as_bytes())
            })
    };
    let (first, second, third) = (token()?, token()?, token()?);
    let examples = vec![
        format!("{env}={first}"),
        format!("{keyword}:\n  {field}: \"{second}\""),
        format!("{{\"{keyword}\": {{\"{field}\": \"{third}\"}}}}"),
    ];
    let mut negatives = vec![
        format!("{env}=${{{env}}}"),
        format!("API_KEY={first}"),
        format!("{keyword}_user_id = \"{second}\""),
    ];
    // A length no shape accepts, cut from or grown beyond a valid value.
    let wrong_len = [shape.max + 1, shape.min.saturating_sub(1)]
        .into_iter()
        .find(|&n| n >= 1 && !shapes.iter().any(|s| s.accepts_len(n)));
    if let (Some(n), ShapeKind::Run(alphabet)) = (wrong_len, shape.kind) {
        negatives.push(format!("{env}={}", draw(alphabet, n, &mut next)));
    }
    if let ShapeKind::Run(alphabet) = shape.kind
        && let Some(c) = alphabet
            .chars()
            .find(|c| c.is_ascii_digit())
            .or(alphabet.chars().next())
    {
        negatives.push(format!("{env}={}", char::from(c).to_string().repeat(shape.max)));
    }
    Some((examples, negatives))
}

fn template_rotation(display: &str, label: &str, revoke: &str, docs: String) -> Rotation {
    let what = format!("{display} {label}");
    Rotation {
        summary: format!(
            "Revoke or regenerate the leaked {what} {revoke}, and keep its replacement in a secret manager."
        ),
        steps: vec![
            format!("Create a replacement {what} {revoke}."),
            format!(
                "Deploy the new {what} to every service, CI/CD secret store and environment that used the leaked one."
            ),
            format!(
                "Revoke or regenerate the leaked {what} {revoke}; where the account has a single key, regenerating it is what revokes the old one."
            ),
            format!("Confirm the old {what} is rejected: a request made with it must now fail."),
            format!(
                "Review the {display} account's usage and activity for requests made with the leaked {label} during the exposure window."
            ),
        ],
        docs,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{
        engine::{Engine, Scratch},
        rules::{RuleSet, Validation, check},
    };

    const PACK: &str = r#"
[[keyed]]
provider = "acmeweather"
name = "AcmeWeather"
keywords = ["acmeweather", "acme_wx"]
shape = "hex32"
docs = "https://acmeweather.invalid/docs/api-keys"
source = "test entry"

[[keyed]]
provider = "zonkly"
name = "Zonkly"
kind = "access-token"
keywords = ["zonkly"]
shape = ["lower-alnum40", "uuid"]
severity = "high"
docs = "https://zonkly.invalid/keys"
source = "test entry"
revoke = "on the Zonkly Tokens page"
examples = ["<zonkly><token>k3v9q2m8x7p1z5w4r6t0y2u8i3o7a9s1d4f6g8h2</token></zonkly>"]
"#;

    fn engine(pack: &str) -> Engine {
        let mut rules = RuleSet::default();
        rules
            .add_pack("keyed.toml", pack, Validation::Eager)
            .expect("valid pack");
        Engine::new(rules).expect("prefilter builds")
    }

    fn ids(e: &Engine, text: &str) -> Vec<String> {
        e.scan(text.as_bytes(), None, &mut Scratch::default())
            .iter()
            .map(|m| e.rule(m).id.clone())
            .collect()
    }

    fn secrets(e: &Engine, text: &str) -> Vec<String> {
        e.scan(text.as_bytes(), None, &mut Scratch::default())
            .iter()
            .map(|m| text[m.secret.clone()].to_string())
            .collect()
    }

    #[test]
    fn rows_expand_into_rules_with_ids_names_and_rotation() {
        let e = engine(PACK);
        let rule = e.rules().get("acmeweather-api-key").expect("default kind");
        assert_eq!(rule.name, "AcmeWeather API key");
        assert_eq!(rule.provider, "acmeweather");
        assert_eq!(rule.severity, Severity::Medium);
        assert_eq!(rule.confidence, Confidence::Medium);
        assert!(rule.rotation.summary.contains("AcmeWeather API key"));
        assert_eq!(rule.rotation.docs, "https://acmeweather.invalid/docs/api-keys");
        let zonkly = e.rules().get("zonkly-access-token").expect("kind names the id");
        assert_eq!(zonkly.name, "Zonkly access token");
        assert!(zonkly.rotation.steps[0].contains("on the Zonkly Tokens page"));
        assert!(
            zonkly
                .description
                .as_deref()
                .is_some_and(|d| d.contains("lower-alnum40 or uuid"))
        );
    }

    #[test]
    fn generated_examples_are_deterministic_and_pass_rules_check() {
        let first = engine(PACK);
        let again = engine(PACK);
        let rule = first.rules().get("zonkly-access-token").expect("loaded");
        assert_eq!(
            rule.examples(),
            again
                .rules()
                .get("zonkly-access-token")
                .expect("loaded")
                .examples()
        );
        assert!(rule.examples().len() >= 4 && rule.negative_examples().len() >= 4);
        assert!(
            rule.examples()
                .iter()
                .all(|e| e.to_ascii_lowercase().contains("zonkly"))
        );
        assert_eq!(check::check_all(&first), Vec::new());
    }

    #[test]
    fn finds_keys_in_names_blocks_elements_and_nearby_lines() {
        let e = engine(PACK);
        let key = "8d2f4c1a9b7e3f6a0c5d8e2b1f4a7c9e";
        for text in [
            format!("ACMEWEATHER_API_KEY={key}"),
            format!("export ACME_WX_TOKEN=\"{key}\""),
            format!("const acmeWeatherKey = '{key}';"),
            format!("{{\"acmeweather\": \"{key}\"}}"),
            format!("acmeweather:\n  units: metric\n  api_key: {key}\n"),
            format!("[acmeweather]\ntoken = {key}\n"),
            format!("<AcmeWeather>\n  <ApiKey>{key}</ApiKey>\n</AcmeWeather>"),
            format!("<acmeweather_key>{key}</acmeweather_key>"),
            format!("<add key=\"AcmeWeatherKey\" value=\"{key}\" />"),
            format!("- name: ACMEWEATHER_KEY\n  value: {key}\n"),
            format!("curl 'https://api.acmeweather.invalid/v1?q=x&apikey={key}'"),
            format!("2024-05-01 INFO acmeweather client ready\n2024-05-01 DEBUG using api_key={key}"),
            format!("X-AcmeWeather-Key: {key}"),
        ] {
            assert_eq!(secrets(&e, &text), [key], "{text}");
            assert_eq!(ids(&e, &text), ["acmeweather-api-key"], "{text}");
        }
    }

    #[test]
    fn the_right_shape_without_the_providers_name_is_not_reported() {
        let e = engine(PACK);
        let key = "8d2f4c1a9b7e3f6a0c5d8e2b1f4a7c9e";
        for text in [
            format!("API_KEY={key}"),
            format!("weather:\n  api_key: {key}\n"),
            // Too far: four lines between the name and the key.
            format!("acmeweather:\n  a: 1\n  b: 2\n  c: 3\n  d: 4\n  api_key: {key}\n"),
            // Not a secret's name.
            format!("acmeweather:\n  commit: {key}\n"),
            format!("ACMEWEATHER_KEY_ID={key}"),
            // Inside a longer word; the wrong length; a placeholder.
            format!("NOTACMEWEATHER_KEY={key}"),
            format!("ACMEWEATHER_KEY={key}0"),
            "ACMEWEATHER_KEY=00000000000000000000000000000000".to_string(),
            "ACMEWEATHER_KEY=${ACMEWEATHER_KEY}".to_string(),
        ] {
            assert!(ids(&e, &text).is_empty(), "{text}");
        }
    }

    #[test]
    fn the_nearest_provider_owns_a_key() {
        let e = engine(&PACK.replace("shape = [\"lower-alnum40\", \"uuid\"]", "shape = \"hex32\""));
        let (a, b) = (
            "8d2f4c1a9b7e3f6a0c5d8e2b1f4a7c9e",
            "5e1c7a3f9d2b8e4a6c0f1d7b3e9a5c2f",
        );
        let text =
            format!("acmeweather:\n  api_key: ${{X}}\nzonkly:\n  token: {a}\nacmeweather:\n  key: {b}\n");
        let found = ids(&e, &text);
        assert_eq!(found, ["zonkly-access-token", "acmeweather-api-key"], "{text}");
        assert_eq!(secrets(&e, &text), [a, b]);
    }

    #[test]
    fn a_provider_rule_beats_a_generic_rule_on_the_same_key() {
        let generic = r#"
[[rule]]
id = "generic-secret"
name = "Generic"
provider = "generic"
severity = "medium"
confidence = "low"
keywords = ["key"]
regex = '''(?i)key\s*=\s*([0-9a-f]{32})'''
rotation = { summary = "Rotate it.", docs = "https://example.invalid", steps = [] }
"#;
        let e = engine(&format!("{PACK}{generic}"));
        assert_eq!(
            ids(&e, "ACMEWEATHER_API_KEY=8d2f4c1a9b7e3f6a0c5d8e2b1f4a7c9e"),
            ["acmeweather-api-key"]
        );
    }

    #[test]
    fn errors_name_the_file_and_the_entry() {
        for (broken, says) in [
            (PACK.replace("shape = \"hex32\"", "shape = \"hexx32\""), "hexx32"),
            (PACK.replace("shape = \"hex32\"", "shape = \"hex8\""), "length"),
            (
                PACK.replace("shape = \"hex32\"", "charset = \"a-z\""),
                "needs a length",
            ),
            (
                PACK.replace("https://acmeweather.invalid", "http://acmeweather.invalid"),
                "https",
            ),
            (
                PACK.replace("[\"acmeweather\", \"acme_wx\"]", "[\"wx\"]"),
                "at least 3",
            ),
            (
                PACK.replace("source = \"test entry\"\n\n", "source = \" \"\n\n"),
                "source",
            ),
        ] {
            let err = RuleSet::default()
                .add_pack("mine.toml", &broken, Validation::Eager)
                .expect_err("entry is invalid");
            let msg = err.to_string();
            assert!(
                msg.contains("mine.toml")
                    && msg.contains("acmeweather-api-key")
                    && msg.contains("entry 1")
                    && msg.contains(says),
                "{msg}"
            );
        }
        let unknown = PACK.replace(
            "source = \"test entry\"\n\n",
            "source = \"x\"\nsevertiy = \"low\"\n\n",
        );
        let msg = RuleSet::default()
            .add_pack("mine.toml", &unknown, Validation::Eager)
            .expect_err("unknown key")
            .to_string();
        assert!(msg.contains("mine.toml") && msg.contains("severtiy"), "{msg}");
    }

    /// The whole built-in engine reports every generated example of a
    /// built-in row under that row: no other row, hand-written provider rule
    /// or generic rule takes it.
    #[test]
    fn builtin_rows_own_their_examples() {
        let engine = Engine::new(RuleSet::builtin().expect("built-in rules load")).expect("prefilter builds");
        let mut wrong = Vec::new();
        let keyed = engine
            .rules()
            .rules()
            .iter()
            .filter(|r| r.tags.iter().any(|t| t == "keyed"));
        for rule in keyed {
            for example in rule.examples() {
                let found = ids(&engine, example);
                if found != [rule.id.as_str()] {
                    wrong.push(format!("{}: {example:?} -> {found:?}", rule.id));
                }
            }
        }
        assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    }

    /// A keyword shared by two providers' rows would report one key twice
    /// over, or under whichever row loaded first.
    #[test]
    fn builtin_rows_do_not_share_keywords() {
        let rules = RuleSet::builtin().expect("built-in rules load");
        let mut owner: std::collections::HashMap<&str, &str> = std::collections::HashMap::new();
        let mut shared = Vec::new();
        for rule in rules
            .rules()
            .iter()
            .filter(|r| r.tags.iter().any(|t| t == "keyed"))
        {
            for keyword in &rule.keywords {
                if let Some(first) = owner.insert(keyword, &rule.provider)
                    && first != rule.provider
                {
                    shared.push(format!("{keyword:?}: {first} and {}", rule.provider));
                }
            }
        }
        assert!(shared.is_empty(), "{shared:?}");
    }

    #[test]
    fn named_shapes_parse() {
        let hex = Shape::parse("hex32").expect("hex32");
        assert_eq!((hex.min, hex.max), (32, 32));
        assert_eq!(hex.regex(), "[0-9a-f]{32}");
        let b64 = Shape::parse("base64-40").expect("base64-40");
        assert_eq!(b64.regex(), r"[\+\/0-9A-Za-z]{40}");
        let range = Shape::parse("lower-alnum20..32").expect("range");
        assert_eq!((range.min, range.max), (20, 32));
        assert_eq!(
            Shape::parse("upper-hex40").expect("upper").regex(),
            "[0-9A-F]{40}"
        );
        assert!(Shape::parse("hex").is_err());
        assert!(Shape::parse("uuid4").is_err());
    }
}
