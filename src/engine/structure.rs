//! Structural checks a regex cannot express, named by a rule's `validate` key.

use base64::{Engine as _, engine::general_purpose::URL_SAFE_NO_PAD};
use regex::bytes::Captures;
use serde::Deserialize;

/// A check run on a candidate after the regex and the filters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Validator {
    /// Header and payload are base64url JSON objects; the header names an
    /// `alg`; public-by-design tokens (Supabase `anon`) are dropped.
    Jwt,
    /// `scheme://user:password@host`: the password is not the user name and
    /// not a well-known default of the service.
    UriCredentials,
    /// A generic `name = value` assignment: the name (group `name`) is not
    /// one that holds a reference to a secret (a URL, path, id, hash …), and
    /// the value is not a keyword of the language.
    Assignment,
    /// A password given as a literal: the [`Validator::Assignment`] checks,
    /// then a value that looks generated, or one a person chose (letters
    /// with digits or symbols) that is not a stand-in word dressed up
    /// (`Password1!`). A value the regex found unquoted (an empty group
    /// `q`) must be longer, since in code a bare word is a variable.
    Password,
    /// `Authorization: Basic …`: decodes to `user:password` with a password
    /// that is not a default.
    BasicAuth,
    /// A value (group `value`, key in group `name`) under `data:` (base64)
    /// or `stringData:` (plain) of a Kubernetes `Secret` manifest: decoded,
    /// not a placeholder, not a public certificate, not a key that holds
    /// no secret (`username`, `ca.crt` …).
    KubernetesSecret,
    /// base64 of a keystore (PKCS#12, JKS, JCEKS) that holds a private key.
    Keystore,
    /// A FileZilla `<Pass>`: base64 of a password when group `base64` took
    /// part (`encoding="base64"`), the password itself otherwise.
    FilezillaPassword,
    /// An rclone config value (key in group `name`): obscured fields must
    /// decode, others must not be placeholders.
    RcloneSecret,
    /// A JetBrains deployment password, plain or in the IDE's scrambled hex.
    JetbrainsPassword,
    /// A Firefox `logins.json` NSS-encrypted value: base64 of DER holding a
    /// key id and ciphertext.
    NssEncrypted,
    /// A crypt-style password hash that is not of the empty password.
    PasswordHash,
}

/// Last name segments that say the value is about a secret, not the secret.
const NON_SECRET_NAME_SUFFIXES: &[&str] = &[
    "url",
    "uri",
    "path",
    "file",
    "filename",
    "dir",
    "name",
    "id",
    "ids",
    "type",
    "hash",
    "hashed",
    "digest",
    "length",
    "len",
    "size",
    "count",
    "field",
    "fields",
    "policy",
    "prefix",
    "suffix",
    "header",
    "param",
    "env",
    "var",
    "label",
    "regex",
    "pattern",
    "min",
    "max",
    "format",
    "endpoint",
    "expiry",
    "expires",
    "expiration",
    "ttl",
    "timeout",
    "mode",
    "enabled",
    "required",
    "hint",
    "title",
    "text",
    "message",
    "error",
    "errors",
    "key_name",
    "ref",
    "arn",
    "location",
    "version",
    "provider",
    "strategy",
    "rotation",
    "validator",
    "validation",
    "template",
    "placeholder",
    "class",
    "store",
    "storage",
    "manager",
    "service",
    "helper",
    "index",
    "column",
    "table",
    "scope",
    "scopes",
    "reset",
    "confirm",
    "confirmation",
    "changed",
    "input",
    "route",
    "link",
    "sha1",
    "sha256",
    "sha512",
    "md5",
    "checksum",
    "fingerprint",
    "verifier",
    "algorithm",
    "algo",
    "scheme",
    "encoding",
    "hashing",
    "prompt",
    "question",
    "help",
    "description",
    "desc",
    "tooltip",
    "msg",
    "warning",
    "rule",
    "rules",
    "strength",
    "complexity",
    "chars",
    "characters",
    "generator",
    "salt",
    "iterations",
    "rounds",
    "cost",
    "encoder",
    "hasher",
    "hashers",
    "mask",
    "masked",
    "visible",
    "visibility",
    "toggle",
    "icon",
    "button",
    "btn",
    "selector",
    "xpath",
    "locator",
    "element",
    "widget",
    "attempts",
    "retries",
    "lockout",
    "age",
    "history",
    "reuse",
    "at",
    "date",
    "time",
    "updated",
    "used",
    "created",
    "modified",
    "expired",
    "last",
    "command",
    "cmd",
    "option",
    "options",
    "flag",
    "arg",
    "argument",
];

/// Endings of names (compared without separators) that hold tokens which
/// are not credentials: pagination cursors, idempotency and CSRF tokens.
const NON_SECRET_NAME_ENDINGS: &[&str] = &[
    "nexttoken",
    "pagetoken",
    "continuationtoken",
    "paginationtoken",
    "synctoken",
    "updatetoken",
    "idempotencytoken",
    "clienttoken",
    "csrftoken",
    "xsrftoken",
    "cancellationtoken",
    "tokentype",
    "tokenizer",
    "keyid",
    "keyname",
    "filename",
    "verifier",
    "verificationtoken",
    "nopasswd",
    "nopassword",
    "passwordless",
];

/// Documentation-only domains (RFC 2606 / RFC 6761): credentials in URLs to
/// them are examples, not leaks.
const DOCUMENTATION_DOMAINS: &[&str] = &["example.com", "example.org", "example.net"];
const DOCUMENTATION_TLDS: &[&str] = &[".example", ".invalid", ".test"];
/// Host names that stand for "some host" in usage text and parser tests
/// (`ssh://user:pass@host/`); a real URL names a real host.
const PLACEHOLDER_HOSTS: &[&str] = &["host", "hostname", "myhost", "yourhost", "your-host", "some-host"];

/// Values that are language keywords or schema words, never secrets.
const NON_SECRET_VALUES: &[&str] = &[
    "true",
    "false",
    "null",
    "none",
    "nil",
    "undefined",
    "bearer",
    "basic",
    "string",
    "boolean",
    "required",
    "optional",
    "password",
    "secret",
    "token",
    "hidden",
    "readonly",
    "disabled",
];

/// Default passwords of database images and tutorials: not leaks of anything.
const DEFAULT_PASSWORDS: &[&str] = &[
    "postgres",
    "postgresql",
    "mysql",
    "mariadb",
    "root",
    "admin",
    "administrator",
    "guest",
    "pass",
    "password",
    "passwd",
    "secret",
    "redis",
    "mongo",
    "mongodb",
    "user",
    "username",
    "sa",
    "changeme",
    "test",
    "testing",
    "example",
    "dev",
    "development",
    "local",
    "localhost",
    "rabbitmq",
    "default",
    "db",
    "database",
    "demo",
    "pwd",
    "foo",
    "bar",
    "qwerty",
    "letmein",
];

impl Validator {
    /// Whether the candidate passes. `haystack` is the text the regex ran
    /// on (for context just outside the match).
    pub fn accepts(self, secret: &[u8], caps: &Captures<'_>, haystack: &[u8]) -> bool {
        match self {
            Validator::Jwt => valid_jwt(secret),
            Validator::KubernetesSecret => kubernetes_secret_value(secret, caps, haystack),
            Validator::Keystore => {
                use base64::engine::general_purpose::{STANDARD, STANDARD_NO_PAD};
                STANDARD
                    .decode(secret)
                    .or_else(|_| STANDARD_NO_PAD.decode(secret))
                    .is_ok_and(|bytes| super::keystore::detect(&bytes).is_some())
            }
            Validator::UriCredentials => {
                if !userinfo_password(secret) {
                    return false;
                }
                let lower = secret.to_ascii_lowercase();
                let same_as_user = caps.name("user").is_some_and(|u| u.as_bytes() == secret);
                let documentation_host = caps
                    .name("host")
                    .is_some_and(|h| is_documentation_host(h.as_bytes()));
                !same_as_user
                    && !documentation_host
                    && !DEFAULT_PASSWORDS.iter().any(|d| lower == d.as_bytes())
            }
            Validator::Assignment => assignment(secret, caps, haystack),
            Validator::Password => assignment(secret, caps, haystack) && password_literal(secret, caps),
            Validator::BasicAuth => valid_basic_auth(secret),
            Validator::FilezillaPassword => {
                super::credfile::filezilla_password(secret, caps.name("base64").is_some())
            }
            Validator::RcloneSecret => {
                super::credfile::rclone_secret(caps.name("name").map_or(&b""[..], |n| n.as_bytes()), secret)
            }
            Validator::JetbrainsPassword => super::credfile::jetbrains_password(secret),
            Validator::NssEncrypted => super::credfile::nss_encrypted(secret),
            Validator::PasswordHash => super::credfile::password_hash(secret),
        }
    }
}

/// The name and value checks of [`Validator::Assignment`].
fn assignment(secret: &[u8], caps: &Captures<'_>, haystack: &[u8]) -> bool {
    // `name: Type = value` is a typed declaration, not a value.
    if caps.name("annotation").is_some() {
        return false;
    }
    let name_ok = caps.name("name").is_none_or(|name| {
        // `Foo::ApiKey` names a type or a resource, not a variable.
        let before = &haystack[..name.start()];
        if before.ends_with(b"::") {
            return false;
        }
        let original = name.as_bytes();
        // `PWD` is the shell's working directory.
        if original == b"PWD" || !names_a_password_if_pass(original) || names_a_public_value(original) {
            return false;
        }
        let name = original.to_ascii_lowercase();
        let last = last_word(original);
        let last = last.to_ascii_lowercase();
        let last = &last[..];
        let joined: Vec<u8> = name
            .iter()
            .copied()
            .filter(|b| b.is_ascii_alphanumeric())
            .collect();
        !NON_SECRET_NAME_SUFFIXES.iter().any(|s| last == s.as_bytes())
            && !NON_SECRET_NAME_ENDINGS
                .iter()
                .any(|e| joined.ends_with(e.as_bytes()))
    });
    let lower = secret.to_ascii_lowercase();
    name_ok && !NON_SECRET_VALUES.iter().any(|v| lower == v.as_bytes()) && !is_gpg_key_id(caps, secret)
}

/// `signingkey = 3AA5C34371567BD2` (git's `user.signingkey`, GnuPG's
/// `default-key`) names a public key by its id or fingerprint: 8, 16 or 40
/// hex digits. A signing secret (an HMAC key) is longer or not pure hex.
fn is_gpg_key_id(caps: &Captures<'_>, secret: &[u8]) -> bool {
    let names_signing_key = caps.name("name").is_some_and(|name| {
        let joined: Vec<u8> = name
            .as_bytes()
            .iter()
            .filter(|b| b.is_ascii_alphanumeric())
            .map(u8::to_ascii_lowercase)
            .collect();
        joined.ends_with(b"signingkey")
    });
    let id = secret.strip_prefix(b"0x").unwrap_or(secret);
    names_signing_key && matches!(id.len(), 8 | 16 | 40) && id.iter().all(u8::is_ascii_hexdigit)
}

/// The last word of a name: after the last `_`, `-` or `.`, and after the
/// last camelCase boundary (`passwordHint` → `Hint`, `SMTPPassword` →
/// `Password`).
fn last_word(name: &[u8]) -> &[u8] {
    let segment_start = name
        .iter()
        .rposition(|b| matches!(b, b'_' | b'-' | b'.'))
        .map_or(0, |i| i + 1);
    let segment = &name[segment_start..];
    let boundary = (1..segment.len()).rev().find(|&i| {
        let (prev, here) = (segment[i - 1], segment[i]);
        let next_lower = segment.get(i + 1).is_some_and(u8::is_ascii_lowercase);
        here.is_ascii_uppercase() && (prev.is_ascii_lowercase() || (prev.is_ascii_uppercase() && next_lower))
    });
    &segment[boundary.unwrap_or(0)..]
}

/// Shortest password a person chose that is reported in quotes (or where
/// the syntax makes it a literal: XML, `define()`, a command line).
const MIN_QUOTED_PASSWORD: usize = 6;
/// Shortest unquoted one: in code a bare word is a variable, so it must be
/// longer to tell.
const MIN_BARE_PASSWORD: usize = 8;

/// Whether a password value is a literal someone would log in with: random
/// looking, or chosen by a person (letters with digits or symbols) and not
/// a stand-in word dressed up (`Password1!`, `admin123`).
fn password_literal(secret: &[u8], caps: &Captures<'_>) -> bool {
    if crate::engine::allow::is_stand_in(secret) {
        return false;
    }
    let bare = caps.name("q").is_some_and(|q| q.is_empty());
    let min = if bare {
        MIN_BARE_PASSWORD
    } else {
        MIN_QUOTED_PASSWORD
    };
    if secret.len() < min {
        return false;
    }
    // A short string can pass the randomness test by chance (`TestCase`);
    // only a long one of letters alone counts as generated.
    chosen_by_a_person(secret)
        || (secret.len() >= MIN_GENERATED_LETTERS && crate::engine::entropy::looks_random(secret))
}

/// Shortest letters-only value taken for a generated password.
const MIN_GENERATED_LETTERS: usize = 16;

/// Letters together with digits or symbols: what password rules make
/// people type. A bare word (`Passwort`, `Contraseña`) is a label or a
/// translation far more often than a password; a number is a PIN or a port.
fn chosen_by_a_person(secret: &[u8]) -> bool {
    // Bytes beyond ASCII belong to letters of other scripts.
    let letters = secret
        .iter()
        .filter(|b| b.is_ascii_alphabetic() || **b >= 0x80)
        .count();
    let others = secret.len() - letters;
    letters >= 2 && others >= 1
}

/// `MAPBOX_PUBLIC_TOKEN`, `publicKeyToken` (a .NET assembly identity),
/// `STRIPE_PUBLISHABLE_KEY`: values meant to be shipped to browsers or
/// printed in manifests. A name that also says secret, private or password
/// (`PUBLIC_API_SECRET`) still counts.
fn names_a_public_value(name: &[u8]) -> bool {
    let lower = name.to_ascii_lowercase();
    let has = |word: &[u8]| memchr::memmem::find(&lower, word).is_some();
    (has(b"public") || has(b"publishable"))
        && ![&b"secret"[..], b"private", b"pass", b"pwd"]
            .iter()
            .any(|w| has(w))
}

/// `DB_PASS`, `dbPass` and `pass` name a password; `bypass`, `compass` and
/// `passthrough` do not. Names that mention another secret word are left
/// to the other checks.
fn names_a_password_if_pass(name: &[u8]) -> bool {
    let lower = name.to_ascii_lowercase();
    let other_words: [&[u8]; 6] = [b"pwd", b"secret", b"token", b"key", b"credential", b"auth"];
    if other_words
        .iter()
        .any(|w| memchr::memmem::find(&lower, w).is_some())
    {
        return true;
    }
    let mut found_pass = false;
    for i in memchr::memmem::find_iter(&lower, b"pass") {
        found_pass = true;
        let after = &lower[i + 4..];
        if after.starts_with(b"word") || after.starts_with(b"wd") || after.starts_with(b"phrase") {
            return true;
        }
        let camel_start = i > 0 && name[i - 1].is_ascii_lowercase() && name[i].is_ascii_uppercase();
        let starts_segment = i == 0 || !name[i - 1].is_ascii_alphanumeric() || camel_start;
        let ends_segment = name.get(i + 4).is_none_or(|&b| {
            !b.is_ascii_alphanumeric() || (b.is_ascii_uppercase() && name[i + 3].is_ascii_lowercase())
        });
        if starts_segment && ends_segment {
            return true;
        }
    }
    !found_pass
}

/// Whether `password` can be the password of a URL's userinfo: no
/// brackets, backslashes, spaces or control bytes (URL parser test data is
/// full of them), and not a port (`host:8080,host2@…` lists hosts).
fn userinfo_password(password: &[u8]) -> bool {
    let allowed = password
        .iter()
        .all(|&b| b.is_ascii_graphic() && !b"[]\\".contains(&b));
    let digits = password.iter().take_while(|b| b.is_ascii_digit()).count();
    let port_like = (1..=5).contains(&digits) && matches!(password.get(digits), None | Some(b','));
    // `http://%41:%42@x.y/` tests a URL parser: a password of one or two
    // characters once decoded is not one anybody logs in with.
    let escapes = password
        .windows(3)
        .filter(|w| w[0] == b'%' && w[1].is_ascii_hexdigit() && w[2].is_ascii_hexdigit())
        .count();
    let decoded_len = password.len() - 2 * escapes;
    allowed && !port_like && decoded_len >= MIN_URL_PASSWORD
}

/// Shortest password in a URL's userinfo that is reported.
const MIN_URL_PASSWORD: usize = 3;

fn is_documentation_host(host: &[u8]) -> bool {
    let host = host.to_ascii_lowercase();
    let host = host.split(|&b| b == b':').next().unwrap_or(&host);
    DOCUMENTATION_DOMAINS
        .iter()
        .any(|d| host == d.as_bytes() || host.ends_with(format!(".{d}").as_bytes()))
        || DOCUMENTATION_TLDS.iter().any(|t| host.ends_with(t.as_bytes()))
        || PLACEHOLDER_HOSTS.iter().any(|p| host == p.as_bytes())
}

fn valid_basic_auth(encoded: &[u8]) -> bool {
    use base64::engine::general_purpose::STANDARD;
    let Ok(decoded) = STANDARD.decode(encoded) else {
        return false;
    };
    let Some(colon) = decoded.iter().position(|&b| b == b':') else {
        return false;
    };
    let (user, password) = (&decoded[..colon], &decoded[colon + 1..]);
    let printable = decoded.iter().all(|b| b.is_ascii_graphic() || *b == b' ');
    let lower = password.to_ascii_lowercase();
    printable
        && password.len() >= 3
        && user != password
        && !crate::engine::allow::is_placeholder(password)
        && !DEFAULT_PASSWORDS.iter().any(|d| lower == d.as_bytes())
}

fn decode_json_object(part: &[u8]) -> Option<serde_json::Map<String, serde_json::Value>> {
    let bytes = URL_SAFE_NO_PAD
        .decode(part.strip_suffix(b"=").unwrap_or(part))
        .ok()?;
    match serde_json::from_slice(&bytes).ok()? {
        serde_json::Value::Object(map) => Some(map),
        _ => None,
    }
}

fn valid_jwt(token: &[u8]) -> bool {
    let mut parts = token.split(|&b| b == b'.');
    let (Some(header), Some(payload)) = (parts.next(), parts.next()) else {
        return false;
    };
    let Some(header) = decode_json_object(header) else {
        return false;
    };
    if !header.contains_key("alg") || header.get("alg").and_then(|a| a.as_str()) == Some("none") {
        return false;
    }
    let Some(payload) = decode_json_object(payload) else {
        return false;
    };
    // Supabase/PostgREST anon keys ship to browsers by design.
    payload.get("role").and_then(|r| r.as_str()) != Some("anon")
}

/// Keys of a Secret's data that are not secret themselves.
const KUBERNETES_PUBLIC_KEYS: &[&str] = &[
    "username",
    "user",
    "namespace",
    "host",
    "hostname",
    "port",
    "database",
    "dbname",
    "db",
    "email",
    "ca.crt",
    "tls.crt",
    "ca-bundle.crt",
    "service-ca.crt",
    "ca.pem",
    "cert.pem",
];

/// Lines above a key searched for its `data:` / `stringData:` header.
const MAX_SECRET_KEYS: usize = 512;

/// Whether the match is a secret value of a Kubernetes `Secret` manifest.
fn kubernetes_secret_value(secret: &[u8], caps: &Captures<'_>, haystack: &[u8]) -> bool {
    use base64::engine::general_purpose::{STANDARD, STANDARD_NO_PAD};
    use memchr::{memmem, memrchr};

    let Some(name) = caps.name("name") else {
        return false;
    };
    if KUBERNETES_PUBLIC_KEYS
        .iter()
        .any(|k| name.as_bytes().eq_ignore_ascii_case(k.as_bytes()))
    {
        return false;
    }
    // The block the key sits in: the nearest line above it indented less.
    // Checked first because it is cheap (the parent is a few lines up) and
    // rules out almost every indented `key: value` line of a YAML file.
    let line_start = memrchr(b'\n', &haystack[..name.start()]).map_or(0, |i| i + 1);
    let indent = name.start() - line_start;
    let mut end = line_start.saturating_sub(1);
    // A Secret's keys sit right under `data:`; bounding the walk keeps a
    // long flat YAML block from costing a walk over all its siblings for
    // every one of its lines.
    let mut lines_left = MAX_SECRET_KEYS;
    let block = loop {
        if end == 0 || lines_left == 0 {
            return false;
        }
        lines_left -= 1;
        let start = memrchr(b'\n', &haystack[..end]).map_or(0, |i| i + 1);
        let line = &haystack[start..end];
        let body = line.trim_ascii_start();
        let line_indent = line.len() - body.len();
        if !body.is_empty() && !body.starts_with(b"#") && line_indent < indent {
            break body.trim_ascii_end();
        }
        end = start.saturating_sub(1);
    };
    if block != b"data:" && block != b"stringData:" {
        return false;
    }
    // The YAML document holding the value must be a Secret.
    let doc_start = memmem::rfind(&haystack[..name.start()], b"\n---").map_or(0, |i| i + 4);
    let doc_end =
        memmem::find(&haystack[name.start()..], b"\n---").map_or(haystack.len(), |i| name.start() + i);
    let is_secret = haystack[doc_start..doc_end].split(|&b| b == b'\n').any(|line| {
        let line = line.trim_ascii();
        line.strip_prefix(b"kind:").is_some_and(|kind| {
            let kind = kind.trim_ascii();
            kind == b"Secret" || kind == b"\"Secret\"" || kind == b"'Secret'"
        })
    });
    if !is_secret {
        return false;
    }
    let decoded = match block {
        b"data:" => match STANDARD
            .decode(secret)
            .or_else(|_| STANDARD_NO_PAD.decode(secret))
        {
            Ok(bytes) => bytes,
            Err(_) => return false,
        },
        b"stringData:" => secret.to_vec(),
        _ => return false,
    };
    let text = decoded.trim_ascii();
    text.len() >= 4
        && !crate::engine::allow::is_placeholder(text)
        && !text.starts_with(b"-----BEGIN CERTIFICATE")
        && !text.starts_with(b"-----BEGIN PUBLIC KEY")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn b64(s: &str) -> String {
        URL_SAFE_NO_PAD.encode(s)
    }

    #[test]
    fn jwt_structure() {
        let header = b64(r#"{"alg":"HS256","typ":"JWT"}"#);
        let good = format!(
            "{header}.{}.c2lnbmF0dXJlc2lnbmF0dXJl",
            b64(r#"{"sub":"42","role":"service_role"}"#)
        );
        assert!(valid_jwt(good.as_bytes()));
        let anon = format!("{header}.{}.c2lnbmF0dXJl", b64(r#"{"role":"anon"}"#));
        assert!(!valid_jwt(anon.as_bytes()));
        let none = format!("{}.{}.", b64(r#"{"alg":"none"}"#), b64(r#"{"a":1}"#));
        assert!(!valid_jwt(none.as_bytes()));
        assert!(!valid_jwt(b"eyJnotjson.eyJnotjson.sig"));
    }

    /// Asserts `accepts` holds for every `yes` and for no `no`.
    fn sorts(accepts: fn(&[u8]) -> bool, yes: &[&str], no: &[&str]) {
        for input in yes {
            assert!(accepts(input.as_bytes()), "should accept {input}");
        }
        for input in no {
            assert!(!accepts(input.as_bytes()), "should not accept {input}");
        }
    }

    #[test]
    fn pass_as_a_name() {
        sorts(
            names_a_password_if_pass,
            &[
                "DB_PASS",
                "dbPass",
                "pass",
                "rabbitmq.default.pass",
                "db_password",
                "user-passwd",
            ],
            &["bypass", "compass_heading", "passthrough", "PASSENGER_COUNT"],
        );
    }

    #[test]
    fn public_values_by_name() {
        sorts(
            names_a_public_value,
            &["MAPBOX_PUBLIC_TOKEN", "publicKeyToken", "STRIPE_PUBLISHABLE_KEY"],
            &[
                "PUBLIC_API_SECRET",
                "api_key",
                "publicPrivateKey",
                "PUBLIC_DB_PASSWORD",
            ],
        );
    }

    #[test]
    fn last_words_of_names() {
        for (name, last) in [
            (&b"passwordHint"[..], &b"Hint"[..]),
            (b"SMTPPassword", b"Password"),
            (b"PASSWORD_HINT", b"HINT"),
            (b"db.password", b"password"),
            (b"password", b"password"),
            (b"newPasswordConfirmation", b"Confirmation"),
        ] {
            assert_eq!(last_word(name), last, "{}", String::from_utf8_lossy(name));
        }
    }

    #[test]
    fn documentation_and_placeholder_hosts() {
        sorts(
            is_documentation_host,
            &[
                "example.com",
                "db.example.org:5432",
                "api.test",
                "host",
                "HOST:22",
                "myhost",
            ],
            &["db", "hostinger.com", "prod-host.internal", "example.company.io"],
        );
    }

    #[test]
    fn userinfo_passwords() {
        for good in [&b"Vv2L8QhSV.pVgZfi"[..], b"Cx4mTPF^g1ZpgLuq", b"123456", b"8080x"] {
            assert!(userinfo_password(good), "{}", String::from_utf8_lossy(good));
        }
        for bad in [
            &b"pass["[..],
            b"foo(b]c",
            b"a\\b",
            b"a b",
            b"123,foo:bar",
            b"8080",
            b"%42",
            b"x",
        ] {
            assert!(!userinfo_password(bad), "{}", String::from_utf8_lossy(bad));
        }
    }

    #[test]
    fn chosen_passwords() {
        for yes in [
            &b"securepassword123"[..],
            b"Bluebird#2291",
            b"Gravel9Tiger",
            b"kiwi7Lemon",
        ] {
            assert!(chosen_by_a_person(yes), "{}", String::from_utf8_lossy(yes));
        }
        for no in [&b"Passwort"[..], b"Contrase\xc3\xb1a", b"12345678", b"TestCase"] {
            assert!(!chosen_by_a_person(no), "{}", String::from_utf8_lossy(no));
        }
    }

    #[test]
    fn basic_auth() {
        use base64::engine::general_purpose::STANDARD;
        assert!(valid_basic_auth(STANDARD.encode("deploy:Qx7!vR2pLm9").as_bytes()));
        assert!(!valid_basic_auth(STANDARD.encode("admin:admin").as_bytes()));
        assert!(!valid_basic_auth(STANDARD.encode("user:password").as_bytes()));
        assert!(!valid_basic_auth(STANDARD.encode("no-colon-here").as_bytes()));
        assert!(!valid_basic_auth(b"!!!notbase64"));
    }
}
