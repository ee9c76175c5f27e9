"""Values that look like secrets and are not: placeholders, references to
where the secret really lives, the providers' own documented example keys,
public keys and identifiers that are public by design, hashes and UUIDs."""

import hashlib

from corpus_doc import assign, camel, lower_snake, upper_snake
from corpus_tokens import ALNUM, B64URL, HEX, b64, r, rbytes, uuid4

# Published in the providers' and standards' own documentation.
AWS_EXAMPLE_KEY_ID = "AKIAIOSFODNN7EXAMPLE"
AWS_EXAMPLE_SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"
AWS_EXAMPLE_KEY_ID_2 = "AKIAI44QH8DHBEXAMPLE"
AWS_EXAMPLE_SECRET_2 = "je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEY"
# RFC 7519 section 3.1 (HS256, key in appendix A.1)
RFC7519_JWT = ("eyJ0eXAiOiJKV1QiLA0KICJhbGciOiJIUzI1NiJ9"
               ".eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFtcGxlLmNvbS9pc19yb290Ijp0cnVlfQ"
               ".dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk")
# jwt.io's default debugger token ("your-256-bit-secret")
JWTIO_JWT = ("eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9"
             ".eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ"
             ".SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c")
# RFC 8032 section 7.1, TEST 1
RFC8032_SECRET = "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60"
RFC8032_PUBLIC = "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a"
# RFC 4231 test case 2 (HMAC-SHA-256 of "what do ya want for nothing?" with key "Jefe")
RFC4231_HMAC = "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"
STRIPE_DOCS_TEST_KEY = "sk_test_4eC39HqLyjWDarjtT1zdp7dc"

PLACEHOLDERS = [
    "<your-api-key>", "YOUR_API_KEY", "your-api-key-here", "changeme", "CHANGE_ME", "xxxxxxxxxxxxxxxxxxxxxxxx", "XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX",
    "replace-me", "TODO", "<token>", "********", "REDACTED", "<insert token here>", "dummy-token", "placeholder", "none", "secret",
    "<YOUR_SECRET>", "your_token_here", "000000000000000000000000", "abc123", "test", "insert-key", "sk_live_XXXXXXXXXXXXXXXXXXXXXXXX",
    "ghp_XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX", "xoxb-your-bot-token", "sk-...", "AKIAXXXXXXXXXXXXXXXX", "glpat-xxxxxxxxxxxxxxxxxxxx",
]

SECRETISH_NAMES = ["API_KEY", "API_TOKEN", "SECRET_KEY", "ACCESS_TOKEN", "AUTH_TOKEN", "CLIENT_SECRET", "DB_PASSWORD", "PASSWORD", "STRIPE_SECRET_KEY",
                   "GITHUB_TOKEN", "SLACK_BOT_TOKEN", "OPENAI_API_KEY", "SENDGRID_API_KEY", "DATADOG_API_KEY", "TWILIO_AUTH_TOKEN", "JWT_SECRET",
                   "AWS_SECRET_ACCESS_KEY", "REDIS_PASSWORD", "SMTP_PASSWORD", "ENCRYPTION_KEY", "WEBHOOK_SECRET", "NPM_TOKEN"]


def sentry_public_dsn(rng):
    return "https://%s@o%d.ingest.sentry.io/%d" % (r(rng, HEX, 32), rng.randrange(10**5, 10**7), rng.randrange(10**6, 10**7))


def stripe_publishable(rng):
    return "pk_live_" + ("51" + r(rng, ALNUM, 97) if rng.random() < 0.5 else r(rng, ALNUM, 24))


def mapbox_public(rng):
    import json
    payload = {"u": rng.choice(["acme-maps", "fleetview"]), "a": "cl" + r(rng, "0123456789abcdefghijklmnopqrstuvwxyz", 23)}
    return "pk." + b64(json.dumps(payload, separators=(",", ":")).encode()).rstrip("=") + "." + r(rng, B64URL, 22)


def recaptcha_site_key(rng):
    return "6L" + r(rng, B64URL, 38)


def google_client_id(rng):
    return "%d-%s.apps.googleusercontent.com" % (rng.randrange(10**11, 10**12), r(rng, "0123456789abcdefghijklmnopqrstuvwxyz", 32))


def sha256_hex(rng):
    return hashlib.sha256(rbytes(rng, 16)).hexdigest()


def git_sha(rng):
    return hashlib.sha1(rbytes(rng, 16)).hexdigest()


def decoy_value(rng):
    """(variable name, value, what it is) for a string that is not a secret."""
    k = rng.randrange(22)
    if k < 6:
        return rng.choice(SECRETISH_NAMES), rng.choice(PLACEHOLDERS), "placeholder"
    if k == 6:
        return "AWS_ACCESS_KEY_ID", rng.choice([AWS_EXAMPLE_KEY_ID, AWS_EXAMPLE_KEY_ID_2]), "documented-example"
    if k == 7:
        return "AWS_SECRET_ACCESS_KEY", rng.choice([AWS_EXAMPLE_SECRET, AWS_EXAMPLE_SECRET_2]), "documented-example"
    if k == 8:
        return rng.choice(["REQUEST_ID", "TENANT_ID", "ORG_ID", "INSTANCE_ID", "CORRELATION_ID"]), uuid4(rng), "uuid"
    if k == 9:
        return rng.choice(["BUILD_SHA", "GIT_COMMIT", "RELEASE_SHA"]), git_sha(rng), "git-sha"
    if k == 10:
        return rng.choice(["ASSET_CHECKSUM", "ARCHIVE_SHA256", "EXPECTED_SHA256"]), sha256_hex(rng), "hash"
    if k == 11:
        return rng.choice(["STRIPE_PUBLISHABLE_KEY", "NEXT_PUBLIC_STRIPE_KEY"]), stripe_publishable(rng), "public-key"
    if k == 12:
        return rng.choice(["SENTRY_DSN", "NEXT_PUBLIC_SENTRY_DSN"]), sentry_public_dsn(rng), "public-dsn"
    if k == 13:
        return "MAPBOX_PUBLIC_TOKEN", mapbox_public(rng), "public-key"
    if k == 14:
        return "RECAPTCHA_SITE_KEY", recaptcha_site_key(rng), "public-key"
    if k == 15:
        return "GOOGLE_CLIENT_ID", google_client_id(rng), "public-id"
    if k == 16:
        return rng.choice([("JWT_ALGORITHM", "RS256"), ("TOKEN_TYPE", "Bearer"), ("AUTH_SCHEME", "Bearer"), ("JWT_ALGORITHM", "HS256")]) + ("setting",)
    if k == 17:
        return rng.choice([("SECRET_NAME", "prod/db/password"), ("VAULT_PATH", "secret/data/app/stripe"),
                           ("DB_PASSWORD_SECRET_ID", "arn:aws:secretsmanager:us-east-1:123456789012:secret:prod/app-9fKx2Q")]) + ("reference",)
    if k == 18:
        return rng.choice([("TOKEN_URL", "https://oauth2.googleapis.com/token"), ("AUTH_URL", "https://login.microsoftonline.com/common/oauth2/v2.0/token"),
                           ("JWKS_URI", "https://auth.example.com/.well-known/jwks.json")]) + ("url",)
    if k == 19:
        return rng.choice(["API_KEY", "TOKEN", "SECRET"]), "${" + rng.choice(SECRETISH_NAMES) + "}", "reference"
    if k == 20:
        return "KMS_KEY_ID", "arn:aws:kms:us-east-1:%d:key/%s" % (rng.randrange(10**11, 10**12), uuid4(rng)), "identifier"
    return rng.choice([("PASSWORD_MIN_LENGTH", "12"), ("TOKEN_TTL_SECONDS", "3600"), ("API_KEY_HEADER", "X-API-Key")]) + ("setting",)


REFERENCE_FORMS = [
    "${%(N)s}", "${%(N)s:?}", "{{ .Values.%(c)s }}", "${{ secrets.%(N)s }}", "$(%(N)s)", "%%%(N)s%%", "#{%(N)s}#", "__%(N)s__",
    "{{ lookup('env', '%(N)s') }}", "<%%= ENV['%(N)s'] %%>", "vault:secret/data/%(n)s#value", "op://Production/%(n)s/credential",
    "arn:aws:ssm:us-east-1:123456789012:parameter/prod/%(n)s", "projects/%(p)d/secrets/%(n)s/versions/latest",
    "@Microsoft.KeyVault(SecretUri=https://kv-prod.vault.azure.net/secrets/%(n)s/)", "{{resolve:secretsmanager:prod/%(n)s:SecretString:value}}",
]


def decoy_pair(rng):
    """(name, value, what) for a key/value entry that is not a secret."""
    if rng.random() < 0.4:
        N = rng.choice(SECRETISH_NAMES)
        value = rng.choice(REFERENCE_FORMS) % {"N": N, "n": N.lower(), "c": camel(N), "p": rng.randrange(10**11, 10**12)}
        return N, value, "reference"
    return decoy_value(rng)


def reference_line(ftype, rng):
    """A line that names a secret without holding it, in the syntax of ftype."""
    N = rng.choice(SECRETISH_NAMES)
    n, c = lower_snake(N), camel(N)
    if ftype == "py":
        return rng.choice(['%s = os.environ["%s"]' % (N, N), '%s = os.getenv("%s")' % (N, N), '%s = config("%s")' % (N, N)])
    if ftype in ("js", "ts"):
        return rng.choice(["const %s = process.env.%s;" % (c, N), "const %s = process.env.%s ?? '';" % (c, N)])
    if ftype == "go":
        return '\t%s := os.Getenv("%s")' % (c, N)
    if ftype in ("java", "kt"):
        return '    private static final String %s = System.getenv("%s");' % (N, N) if ftype == "java" else '    val %s: String = System.getenv("%s") ?: ""' % (c, N)
    if ftype == "cs":
        return '        private static readonly string %s = Environment.GetEnvironmentVariable("%s");' % (N.title().replace("_", ""), N)
    if ftype == "rb":
        return "%s = ENV.fetch('%s')" % (N, N)
    if ftype == "php":
        return "$%s = getenv('%s');" % (c, N)
    if ftype == "rs":
        return 'let %s = std::env::var("%s")?;' % (n, N)
    if ftype == "swift":
        return '    static let %s = ProcessInfo.processInfo.environment["%s"] ?? ""' % (c, N)
    if ftype == "sh":
        return rng.choice(['%s="${%s:?must be set}"' % (N, N), '%s="$(cat /run/secrets/%s)"' % (N, n), 'export %s="$(vault kv get -field=value secret/%s)"' % (N, n)])
    if ftype == "env":
        return rng.choice(["%s=" % N, "%s=${%s}" % (N, N), "# %s is injected by the deploy pipeline" % N])
    if ftype == "yaml":
        return rng.choice(["%s: ${%s}" % (n, N), "%s: \"{{ .Values.%s }}\"" % (n, c), "%s: ${{ secrets.%s }}" % (N, N), "%s: \"{{ vault_%s }}\"" % (n, n)])
    if ftype == "json":
        return '"%s": "${%s}",' % (c, N)
    if ftype == "toml":
        return '%s = "${%s}"' % (n, N)
    if ftype == "ini":
        return "%s = %%(%s)s" % (n, N)
    if ftype == "properties":
        return "%s=${%s}" % (n.replace("_", "."), N)
    if ftype == "tf":
        return rng.choice(["  %s = var.%s" % (n, n), "  %s = data.aws_ssm_parameter.%s.value" % (n, n)])
    if ftype == "xml":
        return '    <add key="%s" value="${%s}" />' % (c, N)
    if ftype == "dockerfile":
        return rng.choice(["ARG %s" % N, "ENV %s=${%s}" % (N, N)])
    return "# %s comes from the environment" % N


def decoy_assignment(ftype, rng):
    """A decoy line for a positive file: (line, what)."""
    if rng.random() < 0.35:
        return reference_line(ftype, rng), "reference"
    name, value, what = decoy_value(rng)
    if ftype in ("log", "sql", "md", "http", "ipynb"):
        ftype = "env"
    return assign(ftype, name, value, rng), what


__all__ = ["decoy_value", "decoy_assignment", "reference_line", "upper_snake"]
