"""Provider token formats, written from each provider's documented format.

Each `Fmt` makes one kind of credential from a `random.Random`: the right
alphabet and length, and the real checksum where the format carries one
(GitHub and npm CRC32 in base62, GitLab routable tokens' CRC32 in base36,
Grafana service-account tokens' CRC32, PyPI macaroons' HMAC chain, age keys'
bech32). Nothing here is a real credential: every value is random.

`prefixed` formats are recognisable on their own; `prefixless` ones are
random strings that only the variable name around them ties to a provider,
so they are always placed next to a name that says which provider it is.
"""

import base64
import hashlib
import hmac
import json
import string
import uuid
import zlib

DIGITS = string.digits
HEX = "0123456789abcdef"
HEXU = "0123456789ABCDEF"
LOWER = string.ascii_lowercase
UPPER = string.ascii_uppercase
ALPHA = string.ascii_letters
ALNUM = string.digits + string.ascii_letters
ALNUM_U = string.digits + string.ascii_uppercase
ALNUM_L = string.digits + string.ascii_lowercase
B62 = string.digits + string.ascii_uppercase + string.ascii_lowercase
B64 = string.ascii_letters + string.digits + "+/"
B64URL = string.ascii_letters + string.digits + "-_"
B32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"


def r(rng, alphabet, n):
    return "".join(rng.choice(alphabet) for _ in range(n))


def b62(n, width):
    out = ""
    while n:
        out = B62[n % 62] + out
        n //= 62
    return out.rjust(width, "0")


def b36(n, width):
    chars = "0123456789abcdefghijklmnopqrstuvwxyz"
    out = ""
    while n:
        out = chars[n % 36] + out
        n //= 36
    return out.rjust(width, "0")


def uuid4(rng):
    return str(uuid.UUID(int=rng.getrandbits(128), version=4))


def rbytes(rng, n):
    return bytes(rng.getrandbits(8) for _ in range(n))


def b64(b):
    return base64.b64encode(b).decode()


def b64url_nopad(b):
    return base64.urlsafe_b64encode(b).rstrip(b"=").decode()


# --- checksummed formats ---------------------------------------------------


def github_classic(rng, prefix):
    body = r(rng, B62, 30)
    return prefix + body + b62(zlib.crc32(body.encode()), 6)


def npm_token(rng):
    body = r(rng, B62, 30)
    return "npm_" + body + b62(zlib.crc32(body.encode()), 6)


def gitlab_routable(rng, prefix):
    """GitLab's routable token: base64url(routing payload + 16 random bytes +
    their count) . version . payload length in base36, then CRC32 of all
    that in base36 (7 chars)."""
    payload = "c:%s\no:%s\nu:%s" % (b36(rng.randrange(1, 40), 1), b36(rng.randrange(10**5, 10**7), 1), b36(rng.randrange(10**5, 10**8), 1))
    if rng.random() < 0.5:
        payload = "c:1\ng:%s\no:%s" % (b36(rng.randrange(10**5, 10**8), 1), b36(rng.randrange(10**3, 10**6), 1))
    raw = payload.encode() + rbytes(rng, 16) + b"\x10"
    encoded = base64.urlsafe_b64encode(raw).rstrip(b"=").decode()
    head = "%s%s.01.%s" % (prefix, encoded, b36(len(encoded), 2))
    return head + b36(zlib.crc32(head.encode()), 7)


def grafana_sa(rng):
    secret = r(rng, ALNUM, 32)
    key = "glsa_" + secret
    crc = zlib.crc32(key.encode())
    return key + "_" + crc.to_bytes(4, "little").hex()


def pypi_token(rng):
    """A PyPI API token: a v2 binary macaroon for pypi.org whose signature is
    the real HMAC chain over its identifier and caveats."""

    def field(tag, data):
        n = len(data)
        out = bytearray([tag])
        while True:
            byte = n & 0x7F
            n >>= 7
            out.append(byte | (0x80 if n else 0))
            if not n:
                break
        return bytes(out) + data

    ident = uuid4(rng).encode()
    user = uuid4(rng)
    caveats = [json.dumps([1, {"user": user}] if rng.random() < 0.5 else {"version": 1, "permissions": "user"}).encode()]
    if rng.random() < 0.5:
        caveats = [json.dumps({"version": 1, "permissions": {"projects": [rng.choice(["acme-sdk", "fastq-tools", "tinyorm", "pyhelm"])]}}).encode()]
    root = rbytes(rng, 32)
    sig = hmac.new(hmac.new(b"macaroons-key-generator", root, hashlib.sha256).digest(), ident, hashlib.sha256).digest()
    for c in caveats:
        sig = hmac.new(sig, c, hashlib.sha256).digest()
    blob = b"\x02" + field(1, b"pypi.org") + field(2, ident) + b"\x00"
    for c in caveats:
        blob += field(2, c) + b"\x00"
    blob += b"\x00" + field(6, sig)
    return "pypi-" + b64url_nopad(blob)


_BECH32 = "qpzry9x8gf2tvdw0s3jn54khce6mua7l"


def _bech32_polymod(values):
    gen = [0x3B6A57B2, 0x26508E6D, 0x1EA119FA, 0x3D4233DD, 0x2A1462B3]
    chk = 1
    for v in values:
        top = chk >> 25
        chk = (chk & 0x1FFFFFF) << 5 ^ v
        for i in range(5):
            chk ^= gen[i] if ((top >> i) & 1) else 0
    return chk


def age_secret_key(rng):
    """An age X25519 identity: bech32 (with its checksum) of 32 random bytes."""
    hrp = "age-secret-key-"
    data, acc, bits = [], 0, 0
    for byte in rbytes(rng, 32):
        acc = (acc << 8) | byte
        bits += 8
        while bits >= 5:
            bits -= 5
            data.append((acc >> bits) & 31)
    if bits:
        data.append((acc << (5 - bits)) & 31)
    expanded = [ord(c) >> 5 for c in hrp] + [0] + [ord(c) & 31 for c in hrp]
    polymod = _bech32_polymod(expanded + data + [0] * 6) ^ 1
    checksum = [(polymod >> 5 * (5 - i)) & 31 for i in range(6)]
    return (hrp + "1" + "".join(_BECH32[d] for d in data + checksum)).upper()


# --- structured formats ----------------------------------------------------


def aws_key_id(rng, prefix="AKIA"):
    return prefix + r(rng, B32, 16)


def aws_secret(rng):
    return r(rng, B64, 40)


def discord_bot(rng):
    uid = str(rng.randrange(10**17, 10**18 * 2))
    return b64url_nopad(uid.encode()).replace("-", "_") + "." + r(rng, B64URL, 6) + "." + r(rng, B64URL, 38)


def sentry_org_token(rng):
    org = rng.choice(["acme", "northwind", "globex", "initech", "umbrella-labs", "hooli"])
    payload = {"iat": 1700000000 + rng.randrange(10**7) + rng.randrange(1000) / 1000, "url": "https://sentry.io", "region_url": "https://us.sentry.io", "org": org}
    return "sntrys_" + b64(json.dumps(payload, separators=(",", ":")).encode()).rstrip("=") + "_" + r(rng, ALNUM + "+/", 43)


def grafana_cloud(rng):
    payload = {"o": str(rng.randrange(100000, 999999)), "n": "stack-%d-hm-%s" % (rng.randrange(100000, 999999), rng.choice(["read", "write", "metrics-push", "logs"])), "k": r(rng, ALNUM, 24), "m": {"r": rng.choice(["us", "eu", "prod-us-east-0"])}}
    return "glc_" + b64(json.dumps(payload, separators=(",", ":")).encode())


def grafana_legacy(rng):
    payload = {"k": r(rng, ALNUM, 32), "n": rng.choice(["deploy", "ci", "terraform", "alerts"]), "id": rng.randrange(1, 20)}
    return b64(json.dumps(payload, separators=(",", ":")).encode())


def mapbox_secret(rng):
    payload = {"u": rng.choice(["acme-maps", "fleetview", "jdoe", "geo-team"]), "a": "cl" + r(rng, ALNUM_L, 23)}
    return "sk." + b64url_nopad(json.dumps(payload, separators=(",", ":")).encode()) + "." + r(rng, B64URL, 22)


def intercom_token(rng):
    u = uuid4(rng).replace("-", "_")
    return b64(("tok:%s:1:0" % u).encode())


def jfrog_reference(rng):
    return b64(("reftkn:01:%d:%s" % (rng.randrange(1800000000, 2000000000), r(rng, ALNUM, 27))).encode()).rstrip("=")


def onepassword_sa(rng):
    payload = {
        "signInAddress": "my.1password.com",
        "userAuth": {"method": "SRPg-4096", "alg": "PBES2g-HS256", "iterations": 650000, "salt": r(rng, B64URL, 22)},
        "email": "%s@1passwordserviceaccounts.com" % r(rng, ALNUM_L, 13),
        "srpX": r(rng, HEX, 64),
        "muk": {"alg": "A256GCM", "ext": True, "k": r(rng, B64URL, 43), "key_ops": ["encrypt", "decrypt"], "kty": "oct", "kid": "mp"},
        "secretKey": onepassword_secret_key(rng),
        "throttleSecret": {"seed": r(rng, HEX, 64), "uuid": r(rng, ALNUM_U, 26)},
        "deviceUuid": r(rng, ALNUM_L, 26),
    }
    return "ops_" + b64(json.dumps(payload, separators=(",", ":")).encode()).rstrip("=")


def onepassword_secret_key(rng):
    a = "23456789ABCDEFGHJKLMNPQRSTVWXYZ"
    return "A3-%s-%s-%s-%s-%s-%s" % (r(rng, a, 6), r(rng, a, 6), r(rng, a, 5), r(rng, a, 5), r(rng, a, 5), r(rng, a, 5))


def twitter_bearer(rng):
    tail = b64(rbytes(rng, 42)).replace("+", "%2B").replace("/", "%2F").replace("=", "%3D")
    return "A" * 22 + r(rng, ALNUM, 8) + "A" * 7 + tail


def teams_webhook(rng):
    tenant = rng.choice(["contoso", "acmecorp", "northwindtraders", "fabrikam"])
    return "https://%s.webhook.office.com/webhookb2/%s@%s/IncomingWebhook/%s/%s" % (tenant, uuid4(rng), uuid4(rng), r(rng, HEX, 32), uuid4(rng))


def slack_webhook(rng):
    return "https://hooks.slack.com/services/T%s/B%s/%s" % (r(rng, ALNUM_U, rng.choice([8, 10])), r(rng, ALNUM_U, rng.choice([8, 10])), r(rng, ALNUM, 24))


def discord_webhook(rng):
    return "https://discord.com/api/webhooks/%d/%s" % (rng.randrange(10**17, 10**18 * 2), r(rng, B64URL, 68))


def azure_ad_secret(rng):
    return r(rng, ALNUM, 3) + rng.choice(DIGITS) + "Q~" + r(rng, ALNUM + "_~.-", 34)


def azure_sas_sig(rng):
    return b64(rbytes(rng, 32)).replace("+", "%2B").replace("/", "%2F").replace("=", "%3D")


def stripe_secret(rng, prefix):
    if rng.random() < 0.5:
        return prefix + r(rng, ALNUM, 24)
    return prefix + "51" + r(rng, ALNUM, 97)


def openai_key(rng, prefix):
    if prefix == "sk-":
        return "sk-" + r(rng, ALNUM, 20) + "T3BlbkFJ" + r(rng, ALNUM, 20)
    return prefix + r(rng, B64URL, 74) + "T3BlbkFJ" + r(rng, B64URL, 74)


def anthropic_key(rng, prefix):
    return prefix + r(rng, B64URL, 93) + "AA"


def twilio_sid(rng, prefix):
    return prefix + r(rng, HEX, 32)


def tailscale(rng, kind):
    return "tskey-%s-%s%s-%s" % (kind, r(rng, ALNUM, 8), "CNTRL", r(rng, ALNUM, 33))


def salesforce(rng):
    return "00D" + r(rng, ALNUM, 12) + "!AR" + r(rng, ALNUM + ".", 94)


def facebook_token(rng):
    return "EAA" + rng.choice("BGI") + r(rng, ALNUM, 180)


def hvs_long(rng):
    return "hvs.CAESI" + r(rng, B64URL, 86)


def firebase_fcm(rng):
    return "AAAA" + r(rng, B64URL, 7) + ":APA91b" + r(rng, B64URL, 134)


def _acct(g):
    return g.choice(["acme", "northwind", "contoso", "fabrikam"]) + g.choice(["prod", "data", "assets", "logs"]) + str(g.randrange(10, 99))


def azure_storage_cs(g, key):
    if g.random() < 0.4:
        return None
    return ["AZURE_STORAGE_CONNECTION_STRING", "AzureWebJobsStorage", "StorageConnectionString"], (
        "DefaultEndpointsProtocol=https;AccountName=%s;AccountKey=%s;EndpointSuffix=core.windows.net" % (_acct(g), key))


def azure_cosmos_cs(g, key):
    return ["COSMOS_CONNECTION_STRING", "CosmosDb"], "AccountEndpoint=https://%s.documents.azure.com:443/;AccountKey=%s;" % (_acct(g), key)


def azure_servicebus_cs(g, key):
    return ["SERVICEBUS_CONNECTION_STRING", "ServiceBusConnection"], (
        "Endpoint=sb://%s.servicebus.windows.net/;SharedAccessKeyName=RootManageSharedAccessKey;SharedAccessKey=%s" % (_acct(g), key))


def azure_sas_url(g, sig):
    return ["AZURE_STORAGE_SAS_URL", "BLOB_SAS_URL"], (
        "https://%s.blob.core.windows.net/%s?sv=2022-11-02&ss=b&srt=sco&sp=rwdlac&se=2026-12-31T23:59:59Z&st=2024-01-01T00:00:00Z&spr=https&sig=%s"
        % (_acct(g), g.choice(["uploads", "backups", "exports"]), sig))


class Fmt:
    """One credential format of one provider."""

    def __init__(self, fid, gen, vars_, prefixed=True, checksum=False, companion=None, weight=1, wrap=None):
        self.id = fid
        # wrap: fn(rng, secret) -> (var names, text): the secret written
        # inside a larger value, such as an Azure connection string.
        self.wrap = wrap
        self.gen = gen
        self.vars = vars_
        self.prefixed = prefixed
        self.checksum = checksum
        # companion: fn(rng) -> (var name, value): the identifying half of a
        # pair (AWS key id, Twilio account SID); its line is neither a
        # secret nor a false alarm.
        self.companion = companion
        self.weight = weight


class Provider:
    def __init__(self, slug, name, category, formats):
        self.slug, self.name, self.category, self.formats = slug, name, category, formats


def P(slug, name, category, *formats):
    return Provider(slug, name, category, list(formats))


def F(fid, gen, vars_, **kw):
    return Fmt(fid, gen, vars_, **kw)


def _pl(fid, gen, vars_, **kw):
    return Fmt(fid, gen, vars_, prefixed=False, **kw)


# Weights are how many secrets of the format the corpus holds, roughly in
# proportion to how often each shows up in public leak reports: cloud keys,
# code-hosting tokens, chat webhooks and payment/AI keys lead; a long tail of
# SaaS, observability and package-registry tokens follows.
PROVIDERS = [
    # -- cloud
    P("aws", "Amazon Web Services", "cloud",
      F("aws-access-key", aws_secret, ["AWS_SECRET_ACCESS_KEY", "aws_secret_access_key", "secretAccessKey", "AWS_SECRET_KEY"], prefixed=False,
        companion=lambda g: ("AWS_ACCESS_KEY_ID", aws_key_id(g)), weight=22),
      F("aws-session-key", aws_secret, ["AWS_SECRET_ACCESS_KEY", "aws_secret_access_key"], prefixed=False,
        companion=lambda g: ("AWS_ACCESS_KEY_ID", aws_key_id(g, "ASIA")), weight=4)),
    P("gcp", "Google Cloud", "cloud",
      F("gcp-api-key", lambda g: "AIza" + r(g, B64URL, 35), ["GOOGLE_API_KEY", "GOOGLE_MAPS_API_KEY", "GEMINI_API_KEY", "apiKey", "YOUTUBE_API_KEY"], weight=12),
      F("gcp-oauth-client-secret", lambda g: "GOCSPX-" + r(g, B64URL, 28), ["GOOGLE_CLIENT_SECRET", "client_secret"], weight=4,
        companion=lambda g: ("GOOGLE_CLIENT_ID", "%d-%s.apps.googleusercontent.com" % (g.randrange(10**11, 10**12), r(g, ALNUM_L, 32)))),
      F("gcp-oauth-refresh-token", lambda g: "1//0" + r(g, ALPHA, 2) + r(g, B64URL, 97), ["GOOGLE_REFRESH_TOKEN", "refresh_token"], weight=3),
      F("gcp-oauth-access-token", lambda g: "ya29.a0" + r(g, B64URL, 150), ["GOOGLE_ACCESS_TOKEN", "access_token"], weight=1)),
    P("azure", "Microsoft Azure", "cloud",
      F("azure-storage-key", lambda g: b64(rbytes(g, 64)), ["AZURE_STORAGE_KEY", "AZURE_STORAGE_ACCOUNT_KEY", "storage_account_key"], prefixed=False, weight=7, wrap=azure_storage_cs),
      F("azure-ad-client-secret", azure_ad_secret, ["AZURE_CLIENT_SECRET", "ClientSecret", "client_secret"], weight=7,
        companion=lambda g: ("AZURE_CLIENT_ID", uuid4(g))),
      F("azure-sas-signature", azure_sas_sig, ["AZURE_STORAGE_SAS_URL"], prefixed=False, weight=3, wrap=azure_sas_url),
      F("azure-cosmos-key", lambda g: b64(rbytes(g, 64)), ["COSMOS_KEY", "COSMOS_DB_KEY"], prefixed=False, weight=2, wrap=azure_cosmos_cs),
      F("azure-servicebus-key", lambda g: b64(rbytes(g, 32)), ["SERVICEBUS_CONNECTION_STRING"], prefixed=False, weight=3, wrap=azure_servicebus_cs),
      F("azure-devops-pat", lambda g: r(g, "abcdefghijklmnopqrstuvwxyz234567", 52), ["AZURE_DEVOPS_PAT", "AZURE_DEVOPS_EXT_PAT", "ADO_PAT"], prefixed=False, weight=3),
      F("azure-openai-key", lambda g: r(g, HEX, 32), ["AZURE_OPENAI_API_KEY", "AZURE_OPENAI_KEY"], prefixed=False, weight=2)),
    P("alibaba", "Alibaba Cloud", "cloud",
      F("alibaba-access-key", lambda g: r(g, ALNUM, 30), ["ALIBABA_CLOUD_ACCESS_KEY_SECRET", "ALICLOUD_SECRET_KEY", "accessKeySecret"], prefixed=False,
        companion=lambda g: ("ALIBABA_CLOUD_ACCESS_KEY_ID", "LTAI5t" + r(g, ALNUM, 18)), weight=3)),
    P("tencent", "Tencent Cloud", "cloud",
      F("tencent-secret-key", lambda g: r(g, ALNUM, 32), ["TENCENTCLOUD_SECRET_KEY", "TENCENT_SECRET_KEY"], prefixed=False,
        companion=lambda g: ("TENCENTCLOUD_SECRET_ID", "AKID" + r(g, ALNUM, 32)), weight=2)),
    P("digitalocean", "DigitalOcean", "cloud",
      F("digitalocean-pat", lambda g: "dop_v1_" + r(g, HEX, 64), ["DIGITALOCEAN_TOKEN", "DO_API_TOKEN", "DIGITALOCEAN_ACCESS_TOKEN"], weight=4),
      F("digitalocean-oauth", lambda g: "doo_v1_" + r(g, HEX, 64), ["DO_OAUTH_TOKEN"], weight=1),
      F("digitalocean-spaces-secret", lambda g: r(g, B64, 43), ["SPACES_SECRET_ACCESS_KEY", "DO_SPACES_SECRET"], prefixed=False,
        companion=lambda g: ("SPACES_ACCESS_KEY_ID", "DO00" + r(g, ALNUM_U, 16)), weight=1)),
    P("linode", "Linode", "cloud", _pl("linode-token", lambda g: r(g, HEX, 64), ["LINODE_TOKEN", "LINODE_CLI_TOKEN"], weight=2)),
    P("vultr", "Vultr", "cloud", _pl("vultr-api-key", lambda g: r(g, ALNUM_U, 36), ["VULTR_API_KEY"], weight=2)),
    P("hetzner", "Hetzner Cloud", "cloud", _pl("hetzner-token", lambda g: r(g, ALNUM, 64), ["HCLOUD_TOKEN", "HETZNER_API_TOKEN"], weight=2)),
    P("scaleway", "Scaleway", "cloud",
      _pl("scaleway-secret-key", uuid4, ["SCW_SECRET_KEY"], companion=lambda g: ("SCW_ACCESS_KEY", "SCW" + r(g, ALNUM_U, 17)), weight=2)),
    P("ibm", "IBM Cloud", "cloud", _pl("ibm-cloud-api-key", lambda g: r(g, B64URL, 44), ["IBMCLOUD_API_KEY", "IC_API_KEY"], weight=2)),
    P("cloudflare", "Cloudflare", "cloud",
      _pl("cloudflare-api-token", lambda g: r(g, B64URL, 40), ["CLOUDFLARE_API_TOKEN", "CF_API_TOKEN"], weight=4),
      _pl("cloudflare-global-key", lambda g: r(g, HEX, 37), ["CLOUDFLARE_API_KEY", "CF_API_KEY"], weight=2),
      F("cloudflare-origin-ca-key", lambda g: "v1.0-" + r(g, HEX, 24) + "-" + r(g, HEX, 146), ["CF_ORIGIN_CA_KEY"], weight=1)),
    P("heroku", "Heroku", "cloud",
      F("heroku-api-key-v2", lambda g: "HRKU-AA" + r(g, B64URL, 58), ["HEROKU_API_KEY"], weight=2),
      _pl("heroku-api-key", uuid4, ["HEROKU_API_KEY", "HEROKU_AUTH_TOKEN"], weight=3)),
    P("backblaze", "Backblaze B2", "cloud",
      F("backblaze-app-key", lambda g: "K005" + r(g, ALNUM + "+/", 27), ["B2_APPLICATION_KEY"], prefixed=False,
        companion=lambda g: ("B2_APPLICATION_KEY_ID", "005" + r(g, HEX, 22)), weight=2)),
    P("fastly", "Fastly", "cloud", _pl("fastly-api-token", lambda g: r(g, B64URL, 32), ["FASTLY_API_TOKEN", "FASTLY_API_KEY"], weight=2)),
    P("akamai", "Akamai", "cloud",
      _pl("akamai-client-secret", lambda g: b64(rbytes(g, 33)), ["AKAMAI_CLIENT_SECRET", "EDGEGRID_CLIENT_SECRET"], weight=2)),
    P("netlify", "Netlify", "cloud", _pl("netlify-token", lambda g: r(g, B64URL, 43), ["NETLIFY_AUTH_TOKEN"], weight=2)),
    P("vercel", "Vercel", "cloud", _pl("vercel-token", lambda g: r(g, ALNUM, 24), ["VERCEL_TOKEN"], weight=2)),
    P("flyio", "Fly.io", "cloud", F("flyio-token", lambda g: "fo1_" + r(g, B64URL, 43), ["FLY_API_TOKEN"], weight=2)),
    P("render", "Render", "cloud", F("render-api-key", lambda g: "rnd_" + r(g, ALNUM, 32), ["RENDER_API_KEY"], weight=2)),
    P("railway", "Railway", "cloud", _pl("railway-token", uuid4, ["RAILWAY_TOKEN", "RAILWAY_API_TOKEN"], weight=1)),
    # -- databases and data platforms
    P("supabase", "Supabase", "database", F("supabase-access-token", lambda g: "sbp_" + r(g, HEX, 40), ["SUPABASE_ACCESS_TOKEN"], weight=3)),
    P("planetscale", "PlanetScale", "database",
      F("planetscale-token", lambda g: "pscale_tkn_" + r(g, ALNUM + "_", 43), ["PLANETSCALE_SERVICE_TOKEN"], weight=2),
      F("planetscale-password", lambda g: "pscale_pw_" + r(g, ALNUM + "_", 43), ["DATABASE_PASSWORD", "password"], weight=2)),
    P("neon", "Neon", "database", F("neon-api-key", lambda g: "napi_" + r(g, ALNUM_L, 64), ["NEON_API_KEY"], weight=2)),
    P("mongodb-atlas", "MongoDB Atlas", "database",
      _pl("mongodb-atlas-private-key", uuid4, ["MONGODB_ATLAS_PRIVATE_KEY", "MCLI_PRIVATE_API_KEY"],
          companion=lambda g: ("MONGODB_ATLAS_PUBLIC_KEY", r(g, LOWER, 8)), weight=2)),
    P("databricks", "Databricks", "database", F("databricks-token", lambda g: "dapi" + r(g, HEX, 32) + ("-2" if g.random() < 0.3 else ""), ["DATABRICKS_TOKEN"], weight=3)),
    P("upstash", "Upstash", "database", _pl("upstash-rest-token", lambda g: "AX" + r(g, B64URL, 66) + "=", ["UPSTASH_REDIS_REST_TOKEN"], weight=1)),
    P("firebase", "Firebase", "database", F("firebase-fcm-server-key", firebase_fcm, ["FCM_SERVER_KEY", "FIREBASE_SERVER_KEY"], weight=2)),
    P("confluent", "Confluent Cloud", "database",
      _pl("confluent-api-secret", lambda g: r(g, ALNUM + "+/", 64), ["CONFLUENT_CLOUD_API_SECRET", "KAFKA_API_SECRET"],
          companion=lambda g: ("CONFLUENT_CLOUD_API_KEY", r(g, ALNUM_U, 16)), weight=2)),
    P("elastic", "Elastic Cloud", "database", _pl("elastic-api-key", lambda g: b64((r(g, B64URL, 20) + ":" + r(g, B64URL, 22)).encode()), ["ELASTIC_API_KEY", "ES_API_KEY"], weight=2)),
    # -- code hosting
    P("github", "GitHub", "code-hosting",
      F("github-pat-classic", lambda g: github_classic(g, "ghp_"), ["GITHUB_TOKEN", "GH_TOKEN", "GITHUB_PAT", "token"], checksum=True, weight=12),
      F("github-oauth", lambda g: github_classic(g, "gho_"), ["GITHUB_OAUTH_TOKEN", "oauth_token"], checksum=True, weight=3),
      F("github-user-to-server", lambda g: github_classic(g, "ghu_"), ["GITHUB_USER_TOKEN"], checksum=True, weight=2),
      F("github-server-to-server", lambda g: github_classic(g, "ghs_"), ["GITHUB_INSTALLATION_TOKEN", "GH_APP_TOKEN"], checksum=True, weight=2),
      F("github-refresh", lambda g: github_classic(g, "ghr_"), ["GITHUB_REFRESH_TOKEN"], checksum=True, weight=1),
      F("github-pat-fine-grained", lambda g: "github_pat_" + r(g, ALNUM_U + "0", 22) + "_" + r(g, ALNUM, 59), ["GITHUB_TOKEN", "GH_PAT"], weight=6),
      _pl("github-oauth-app-secret", lambda g: r(g, HEX, 40), ["GITHUB_CLIENT_SECRET"], companion=lambda g: ("GITHUB_CLIENT_ID", "Iv1." + r(g, HEX, 16)), weight=2)),
    P("gitlab", "GitLab", "code-hosting",
      F("gitlab-pat", lambda g: "glpat-" + r(g, B64URL, 20), ["GITLAB_TOKEN", "GITLAB_PRIVATE_TOKEN", "CI_JOB_TOKEN_OVERRIDE"], weight=4),
      F("gitlab-pat-routable", lambda g: gitlab_routable(g, "glpat-"), ["GITLAB_TOKEN", "GL_TOKEN"], checksum=True, weight=4),
      F("gitlab-deploy-token", lambda g: "gldt-" + r(g, B64URL, 20), ["GITLAB_DEPLOY_TOKEN"], weight=1),
      F("gitlab-runner-token", lambda g: "glrt-" + r(g, B64URL, 20), ["RUNNER_TOKEN", "token"], weight=2),
      F("gitlab-runner-registration", lambda g: "GR1348941" + r(g, B64URL, 20), ["REGISTRATION_TOKEN"], weight=1),
      F("gitlab-pipeline-trigger", lambda g: "glptt-" + r(g, HEX, 40), ["TRIGGER_TOKEN"], weight=1),
      F("gitlab-feed-token", lambda g: "glft-" + r(g, B64URL, 20), ["GITLAB_FEED_TOKEN"], weight=1),
      F("gitlab-oauth-secret", lambda g: "gloas-" + r(g, HEX, 64), ["GITLAB_APP_SECRET"], weight=1),
      F("gitlab-agent-token", lambda g: "glagent-" + r(g, B64URL, 50), ["AGENT_TOKEN"], weight=1)),
    P("bitbucket", "Bitbucket", "code-hosting", F("bitbucket-app-password", lambda g: "ATBB" + r(g, ALNUM, 32), ["BITBUCKET_APP_PASSWORD", "BB_APP_PASSWORD"], weight=3)),
    P("atlassian", "Atlassian", "saas",
      F("atlassian-api-token", lambda g: "ATATT3xFfGF0" + r(g, B64URL, 171) + "=" + r(g, HEXU, 8), ["JIRA_API_TOKEN", "ATLASSIAN_API_TOKEN", "CONFLUENCE_API_TOKEN"], weight=4),
      _pl("atlassian-api-token-legacy", lambda g: r(g, ALNUM, 24), ["JIRA_API_TOKEN"], weight=1)),
    P("gitea", "Gitea", "code-hosting", _pl("gitea-token", lambda g: r(g, HEX, 40), ["GITEA_TOKEN"], weight=1)),
    P("sourcegraph", "Sourcegraph", "code-hosting", F("sourcegraph-token", lambda g: "sgp_" + r(g, HEX, 16) + "_" + r(g, HEX, 40), ["SRC_ACCESS_TOKEN"], weight=1)),
    P("huggingface", "Hugging Face", "ai", F("huggingface-token", lambda g: "hf_" + r(g, ALPHA, 34), ["HF_TOKEN", "HUGGINGFACEHUB_API_TOKEN", "HUGGING_FACE_HUB_TOKEN"], weight=7)),
    # -- CI/CD and infrastructure tooling
    P("circleci", "CircleCI", "ci",
      F("circleci-pat", lambda g: "CCIPAT_" + r(g, ALNUM, 22) + "_" + r(g, HEX, 40), ["CIRCLECI_TOKEN", "CIRCLE_TOKEN"], weight=2),
      _pl("circleci-token-legacy", lambda g: r(g, HEX, 40), ["CIRCLECI_TOKEN"], weight=1)),
    P("travis", "Travis CI", "ci", _pl("travis-token", lambda g: r(g, B64URL, 22), ["TRAVIS_TOKEN", "TRAVIS_API_TOKEN"], weight=1)),
    P("buildkite", "Buildkite", "ci", F("buildkite-token", lambda g: "bkua_" + r(g, HEX, 40), ["BUILDKITE_API_TOKEN"], weight=2)),
    P("jenkins", "Jenkins", "ci", _pl("jenkins-api-token", lambda g: "11" + r(g, HEX, 32), ["JENKINS_API_TOKEN", "JENKINS_TOKEN"], weight=2)),
    P("codecov", "Codecov", "ci", _pl("codecov-token", uuid4, ["CODECOV_TOKEN"], weight=2)),
    P("sonarqube", "SonarQube", "ci",
      F("sonarqube-user-token", lambda g: "squ_" + r(g, HEX, 40), ["SONAR_TOKEN"], weight=2),
      F("sonarqube-project-token", lambda g: "sqp_" + r(g, HEX, 40), ["SONAR_TOKEN", "sonar.token"], weight=1),
      F("sonarqube-global-token", lambda g: "sqa_" + r(g, HEX, 40), ["SONAR_TOKEN"], weight=1)),
    P("snyk", "Snyk", "ci", _pl("snyk-token", uuid4, ["SNYK_TOKEN"], weight=2)),
    P("jfrog", "JFrog", "ci",
      F("jfrog-reference-token", jfrog_reference, ["JFROG_ACCESS_TOKEN", "ARTIFACTORY_TOKEN"], weight=2),
      F("jfrog-api-key", lambda g: "AKCp" + g.choice("5678") + r(g, ALNUM, 68), ["ARTIFACTORY_API_KEY"], weight=1)),
    P("octopus", "Octopus Deploy", "ci", F("octopus-api-key", lambda g: "API-" + r(g, ALNUM_U, 26), ["OCTOPUS_API_KEY"], weight=1)),
    P("dockerhub", "Docker Hub", "ci", F("dockerhub-pat", lambda g: "dckr_pat_" + r(g, B64URL, 27), ["DOCKERHUB_TOKEN", "DOCKER_PASSWORD"], weight=4)),
    P("terraform", "HashiCorp Terraform Cloud", "ci", F("terraform-cloud-token", lambda g: r(g, ALNUM, 14) + ".atlasv1." + r(g, ALNUM, 67), ["TFE_TOKEN", "TF_API_TOKEN", "token"], weight=3)),
    P("pulumi", "Pulumi", "ci", F("pulumi-token", lambda g: "pul-" + r(g, HEX, 40), ["PULUMI_ACCESS_TOKEN"], weight=2)),
    P("vault", "HashiCorp Vault", "ci",
      F("vault-service-token", lambda g: "hvs." + r(g, ALNUM, 24), ["VAULT_TOKEN"], weight=2),
      F("vault-service-token-long", hvs_long, ["VAULT_TOKEN"], weight=2)),
    P("doppler", "Doppler", "ci",
      F("doppler-personal-token", lambda g: "dp.pt." + r(g, ALNUM, 43), ["DOPPLER_TOKEN"], weight=1),
      F("doppler-service-token", lambda g: "dp.st." + g.choice(["dev", "stg", "prd"]) + "." + r(g, ALNUM, 40), ["DOPPLER_TOKEN"], weight=1)),
    P("harness", "Harness", "ci", F("harness-pat", lambda g: "pat." + r(g, B64URL, 22) + "." + r(g, HEX, 24) + "." + r(g, ALNUM, 20), ["HARNESS_API_KEY"], weight=1)),
    P("drone", "Drone CI", "ci", _pl("drone-token", lambda g: r(g, ALNUM, 32), ["DRONE_TOKEN"], weight=1)),
    P("onepassword", "1Password", "security",
      F("onepassword-service-account", onepassword_sa, ["OP_SERVICE_ACCOUNT_TOKEN"], weight=2),
      F("onepassword-secret-key", onepassword_secret_key, ["OP_SECRET_KEY"], weight=1)),
    P("age", "age", "security", F("age-secret-key", age_secret_key, ["SOPS_AGE_KEY", "AGE_SECRET_KEY"], checksum=True, weight=2)),
    P("tailscale", "Tailscale", "security",
      F("tailscale-auth-key", lambda g: tailscale(g, "auth"), ["TS_AUTHKEY", "TAILSCALE_AUTHKEY"], weight=2),
      F("tailscale-api-key", lambda g: tailscale(g, "api"), ["TAILSCALE_API_KEY"], weight=1)),
    P("ngrok", "ngrok", "security", _pl("ngrok-authtoken", lambda g: "2" + r(g, ALNUM, 26) + "_" + r(g, ALNUM, 21), ["NGROK_AUTHTOKEN"], weight=1)),
    # -- chat and collaboration
    P("slack", "Slack", "chat",
      F("slack-bot-token", lambda g: "xoxb-%d-%d-%s" % (g.randrange(10**10, 10**12), g.randrange(10**10, 10**13), r(g, ALNUM, 24)), ["SLACK_BOT_TOKEN", "SLACK_TOKEN", "token"], weight=6),
      F("slack-user-token", lambda g: "xoxp-%d-%d-%d-%s" % (g.randrange(10**10, 10**12), g.randrange(10**10, 10**12), g.randrange(10**10, 10**13), r(g, HEX, 32)), ["SLACK_USER_TOKEN", "SLACK_TOKEN"], weight=3),
      F("slack-app-token", lambda g: "xapp-1-A%s-%d-%s" % (r(g, ALNUM_U, 10), g.randrange(10**12, 10**13), r(g, HEX, 64)), ["SLACK_APP_TOKEN"], weight=1),
      F("slack-webhook", slack_webhook, ["SLACK_WEBHOOK_URL", "webhook_url", "SLACK_WEBHOOK"], weight=6)),
    P("discord", "Discord", "chat",
      F("discord-bot-token", discord_bot, ["DISCORD_TOKEN", "DISCORD_BOT_TOKEN"], weight=3),
      F("discord-webhook", discord_webhook, ["DISCORD_WEBHOOK_URL", "webhook"], weight=3)),
    P("telegram", "Telegram", "chat", F("telegram-bot-token", lambda g: "%d:AA%s" % (g.randrange(10**8, 10**10), r(g, B64URL, 33)), ["TELEGRAM_BOT_TOKEN", "TELEGRAM_TOKEN", "BOT_TOKEN"], weight=4)),
    P("msteams", "Microsoft Teams", "chat", F("msteams-webhook", teams_webhook, ["TEAMS_WEBHOOK_URL"], weight=2)),
    P("twilio", "Twilio", "email-sms",
      _pl("twilio-auth-token", lambda g: r(g, HEX, 32), ["TWILIO_AUTH_TOKEN"], companion=lambda g: ("TWILIO_ACCOUNT_SID", twilio_sid(g, "AC")), weight=4),
      _pl("twilio-api-secret", lambda g: r(g, ALNUM, 32), ["TWILIO_API_SECRET"], companion=lambda g: ("TWILIO_API_KEY", twilio_sid(g, "SK")), weight=2)),
    P("zoom", "Zoom", "chat", _pl("zoom-client-secret", lambda g: r(g, ALNUM, 32), ["ZOOM_CLIENT_SECRET"], weight=1)),
    P("mattermost", "Mattermost", "chat", _pl("mattermost-token", lambda g: r(g, ALNUM_L, 26), ["MATTERMOST_TOKEN", "MM_ACCESS_TOKEN"], weight=1)),
    P("linear", "Linear", "saas", F("linear-api-key", lambda g: "lin_api_" + r(g, ALNUM, 40), ["LINEAR_API_KEY"], weight=2)),
    P("notion", "Notion", "saas", F("notion-token", lambda g: "secret_" + r(g, ALNUM, 43), ["NOTION_TOKEN", "NOTION_API_KEY"], weight=3)),
    P("asana", "Asana", "saas",
      F("asana-pat", lambda g: "1/%d:%s" % (g.randrange(10**15, 10**16), r(g, HEX, 32)), ["ASANA_ACCESS_TOKEN"], weight=1),
      F("asana-pat-v2", lambda g: "2/%d/%d:%s" % (g.randrange(10**15, 10**16), g.randrange(10**15, 10**16), r(g, HEX, 32)), ["ASANA_PAT"], weight=1)),
    P("trello", "Trello", "saas", _pl("trello-token", lambda g: r(g, HEX, 64), ["TRELLO_TOKEN"], companion=lambda g: ("TRELLO_KEY", r(g, HEX, 32)), weight=2)),
    P("figma", "Figma", "saas", F("figma-pat", lambda g: "figd_" + r(g, B64URL, 40), ["FIGMA_TOKEN", "FIGMA_ACCESS_TOKEN"], weight=2)),
    P("airtable", "Airtable", "saas", F("airtable-pat", lambda g: "pat" + r(g, ALNUM, 14) + "." + r(g, HEX, 64), ["AIRTABLE_API_KEY", "AIRTABLE_TOKEN"], weight=2)),
    P("clickup", "ClickUp", "saas", F("clickup-token", lambda g: "pk_%d_%s" % (g.randrange(10**7, 10**9), r(g, ALNUM_U, 32)), ["CLICKUP_API_TOKEN"], weight=1)),
    P("typeform", "Typeform", "saas", F("typeform-token", lambda g: "tfp_" + r(g, B64URL, 44) + "_" + r(g, B64URL, 14), ["TYPEFORM_TOKEN"], weight=1)),
    P("dropbox", "Dropbox", "saas", F("dropbox-token", lambda g: "sl." + r(g, B64URL, 138), ["DROPBOX_ACCESS_TOKEN", "DROPBOX_TOKEN"], weight=2)),
    P("box", "Box", "saas", _pl("box-client-secret", lambda g: r(g, ALNUM, 32), ["BOX_CLIENT_SECRET"], weight=1)),
    P("zendesk", "Zendesk", "saas", _pl("zendesk-token", lambda g: r(g, ALNUM, 40), ["ZENDESK_API_TOKEN", "ZENDESK_TOKEN"], weight=2)),
    P("freshdesk", "Freshdesk", "saas", _pl("freshdesk-key", lambda g: r(g, ALNUM, 20), ["FRESHDESK_API_KEY"], weight=1)),
    P("intercom", "Intercom", "saas", F("intercom-token", intercom_token, ["INTERCOM_ACCESS_TOKEN"], weight=1)),
    P("hubspot", "HubSpot", "saas", F("hubspot-pat", lambda g: "pat-%s-%s" % (g.choice(["na1", "na1", "eu1"]), uuid4(g)), ["HUBSPOT_ACCESS_TOKEN", "HUBSPOT_API_KEY"], weight=3)),
    P("salesforce", "Salesforce", "saas", F("salesforce-access-token", salesforce, ["SF_ACCESS_TOKEN", "SALESFORCE_TOKEN"], weight=1)),
    P("shopify", "Shopify", "saas",
      F("shopify-access-token", lambda g: "shpat_" + r(g, HEX, 32), ["SHOPIFY_ACCESS_TOKEN", "SHOPIFY_ADMIN_TOKEN"], weight=4),
      F("shopify-shared-secret", lambda g: "shpss_" + r(g, HEX, 32), ["SHOPIFY_API_SECRET"], weight=1),
      F("shopify-custom-app", lambda g: "shpca_" + r(g, HEX, 32), ["SHOPIFY_TOKEN"], weight=1),
      F("shopify-private-app", lambda g: "shppa_" + r(g, HEX, 32), ["SHOPIFY_PASSWORD"], weight=1)),
    P("contentful", "Contentful", "saas", F("contentful-pat", lambda g: "CFPAT-" + r(g, B64URL, 43), ["CONTENTFUL_MANAGEMENT_TOKEN"], weight=1)),
    P("mapbox", "Mapbox", "saas", F("mapbox-secret-token", mapbox_secret, ["MAPBOX_SECRET_TOKEN", "MAPBOX_DOWNLOADS_TOKEN"], weight=2)),
    P("algolia", "Algolia", "saas", _pl("algolia-admin-key", lambda g: r(g, HEX, 32), ["ALGOLIA_ADMIN_KEY", "ALGOLIA_API_KEY"], companion=lambda g: ("ALGOLIA_APP_ID", r(g, ALNUM_U, 10)), weight=2)),
    P("mixpanel", "Mixpanel", "saas", _pl("mixpanel-secret", lambda g: r(g, HEX, 32), ["MIXPANEL_API_SECRET"], weight=1)),
    P("launchdarkly", "LaunchDarkly", "saas",
      F("launchdarkly-sdk-key", lambda g: "sdk-" + uuid4(g), ["LAUNCHDARKLY_SDK_KEY", "LD_SDK_KEY"], weight=2),
      F("launchdarkly-api-key", lambda g: "api-" + uuid4(g), ["LAUNCHDARKLY_API_KEY"], weight=1)),
    P("okta", "Okta", "security", F("okta-api-token", lambda g: "00" + r(g, B64URL, 40), ["OKTA_API_TOKEN", "OKTA_TOKEN"], prefixed=False, weight=3)),
    P("auth0", "Auth0", "security", _pl("auth0-client-secret", lambda g: r(g, B64URL, 64), ["AUTH0_CLIENT_SECRET"], companion=lambda g: ("AUTH0_CLIENT_ID", r(g, ALNUM, 32)), weight=2)),
    P("twitch", "Twitch", "chat", _pl("twitch-client-secret", lambda g: r(g, ALNUM_L, 30), ["TWITCH_CLIENT_SECRET"], weight=1)),
    P("twitter", "X (Twitter)", "chat",
      F("twitter-bearer-token", twitter_bearer, ["TWITTER_BEARER_TOKEN", "X_BEARER_TOKEN"], weight=2),
      _pl("twitter-api-secret", lambda g: r(g, ALNUM, 50), ["TWITTER_API_SECRET", "TWITTER_CONSUMER_SECRET"], weight=1)),
    P("facebook", "Meta (Facebook)", "chat",
      F("facebook-access-token", facebook_token, ["FACEBOOK_ACCESS_TOKEN", "FB_PAGE_TOKEN", "WHATSAPP_TOKEN"], weight=2),
      _pl("facebook-app-secret", lambda g: r(g, HEX, 32), ["FACEBOOK_APP_SECRET", "FB_APP_SECRET"], weight=1)),
    P("linkedin", "LinkedIn", "chat", _pl("linkedin-client-secret", lambda g: r(g, ALNUM, 16), ["LINKEDIN_CLIENT_SECRET"], weight=1)),
    P("pagerduty", "PagerDuty", "observability", _pl("pagerduty-token", lambda g: r(g, B64URL + "+", 20), ["PAGERDUTY_TOKEN", "PAGERDUTY_API_KEY"], weight=2)),
    P("opsgenie", "Opsgenie", "observability", _pl("opsgenie-key", uuid4, ["OPSGENIE_API_KEY"], weight=1)),
    # -- payments
    P("stripe", "Stripe", "payments",
      F("stripe-secret-key", lambda g: stripe_secret(g, "sk_live_"), ["STRIPE_SECRET_KEY", "STRIPE_API_KEY", "stripe.api_key"], weight=9),
      F("stripe-restricted-key", lambda g: stripe_secret(g, "rk_live_"), ["STRIPE_RESTRICTED_KEY"], weight=2),
      F("stripe-webhook-secret", lambda g: "whsec_" + r(g, ALNUM, 32), ["STRIPE_WEBHOOK_SECRET"], weight=3)),
    P("braintree", "Braintree (PayPal)", "payments", F("braintree-access-token", lambda g: "access_token$production$%s$%s" % (r(g, ALNUM_L, 16), r(g, HEX, 32)), ["BRAINTREE_ACCESS_TOKEN"], weight=2)),
    P("paypal", "PayPal", "payments", _pl("paypal-client-secret", lambda g: "E" + r(g, B64URL, 79), ["PAYPAL_CLIENT_SECRET", "PAYPAL_SECRET"], companion=lambda g: ("PAYPAL_CLIENT_ID", "A" + r(g, B64URL, 79)), weight=2)),
    P("square", "Square", "payments",
      F("square-access-token", lambda g: "EAAA" + r(g, B64URL, 60), ["SQUARE_ACCESS_TOKEN"], weight=2),
      F("square-oauth-secret", lambda g: "sq0csp-" + r(g, B64URL, 43), ["SQUARE_APPLICATION_SECRET"], weight=1)),
    P("razorpay", "Razorpay", "payments", _pl("razorpay-key-secret", lambda g: r(g, ALNUM, 24), ["RAZORPAY_KEY_SECRET"], companion=lambda g: ("RAZORPAY_KEY_ID", "rzp_live_" + r(g, ALNUM, 14)), weight=2)),
    P("paystack", "Paystack", "payments", F("paystack-secret-key", lambda g: "sk_live_" + r(g, HEX, 40), ["PAYSTACK_SECRET_KEY"], weight=2)),
    P("flutterwave", "Flutterwave", "payments", F("flutterwave-secret-key", lambda g: "FLWSECK-" + r(g, HEX, 32) + "-X", ["FLW_SECRET_KEY"], weight=2)),
    P("mollie", "Mollie", "payments", F("mollie-api-key", lambda g: "live_" + r(g, ALNUM, 30), ["MOLLIE_API_KEY"], weight=1)),
    P("gocardless", "GoCardless", "payments", F("gocardless-token", lambda g: "live_" + r(g, B64URL, 40), ["GOCARDLESS_ACCESS_TOKEN"], weight=1)),
    P("plaid", "Plaid", "payments", _pl("plaid-secret", lambda g: r(g, HEX, 30), ["PLAID_SECRET"], companion=lambda g: ("PLAID_CLIENT_ID", r(g, HEX, 24)), weight=1)),
    P("wise", "Wise", "payments", _pl("wise-api-token", uuid4, ["WISE_API_TOKEN", "TRANSFERWISE_API_TOKEN"], weight=1)),
    P("shippo", "Shippo", "saas", F("shippo-token", lambda g: "shippo_live_" + r(g, HEX, 40), ["SHIPPO_API_TOKEN"], weight=1)),
    P("easypost", "EasyPost", "saas", F("easypost-key", lambda g: "EZAK" + r(g, ALNUM, 54), ["EASYPOST_API_KEY"], weight=1)),
    # -- AI
    P("openai", "OpenAI", "ai",
      F("openai-project-key", lambda g: openai_key(g, "sk-proj-"), ["OPENAI_API_KEY", "openai.api_key", "OPENAI_KEY"], weight=8),
      F("openai-legacy-key", lambda g: openai_key(g, "sk-"), ["OPENAI_API_KEY"], weight=3),
      F("openai-service-account-key", lambda g: openai_key(g, "sk-svcacct-"), ["OPENAI_API_KEY"], weight=1),
      F("openai-admin-key", lambda g: openai_key(g, "sk-admin-"), ["OPENAI_ADMIN_KEY"], weight=1)),
    P("anthropic", "Anthropic", "ai",
      F("anthropic-api-key", lambda g: anthropic_key(g, "sk-ant-api03-"), ["ANTHROPIC_API_KEY", "CLAUDE_API_KEY"], weight=7),
      F("anthropic-admin-key", lambda g: anthropic_key(g, "sk-ant-admin01-"), ["ANTHROPIC_ADMIN_KEY"], weight=1)),
    P("cohere", "Cohere", "ai", _pl("cohere-api-key", lambda g: r(g, ALNUM, 40), ["COHERE_API_KEY", "CO_API_KEY"], weight=2)),
    P("mistral", "Mistral AI", "ai", _pl("mistral-api-key", lambda g: r(g, ALNUM, 32), ["MISTRAL_API_KEY"], weight=2)),
    P("groq", "Groq", "ai", F("groq-api-key", lambda g: "gsk_" + r(g, ALNUM, 52), ["GROQ_API_KEY"], weight=3)),
    P("replicate", "Replicate", "ai", F("replicate-token", lambda g: "r8_" + r(g, ALNUM, 37), ["REPLICATE_API_TOKEN"], weight=2)),
    P("perplexity", "Perplexity", "ai", F("perplexity-key", lambda g: "pplx-" + r(g, ALNUM, 48), ["PERPLEXITY_API_KEY"], weight=2)),
    P("xai", "xAI", "ai", F("xai-api-key", lambda g: "xai-" + r(g, ALNUM, 80), ["XAI_API_KEY", "GROK_API_KEY"], weight=2)),
    P("deepseek", "DeepSeek", "ai", F("deepseek-api-key", lambda g: "sk-" + r(g, HEX, 32), ["DEEPSEEK_API_KEY"], prefixed=False, weight=2)),
    P("openrouter", "OpenRouter", "ai", F("openrouter-key", lambda g: "sk-or-v1-" + r(g, HEX, 64), ["OPENROUTER_API_KEY"], weight=2)),
    P("together", "Together AI", "ai", _pl("together-api-key", lambda g: r(g, HEX, 64), ["TOGETHER_API_KEY"], weight=1)),
    P("elevenlabs", "ElevenLabs", "ai", F("elevenlabs-key", lambda g: "sk_" + r(g, HEX, 48), ["ELEVENLABS_API_KEY", "XI_API_KEY"], weight=1)),
    P("assemblyai", "AssemblyAI", "ai", _pl("assemblyai-key", lambda g: r(g, HEX, 32), ["ASSEMBLYAI_API_KEY"], weight=1)),
    P("deepgram", "Deepgram", "ai", _pl("deepgram-key", lambda g: r(g, HEX, 40), ["DEEPGRAM_API_KEY"], weight=1)),
    P("stability", "Stability AI", "ai", F("stability-key", lambda g: "sk-" + r(g, ALNUM, 48), ["STABILITY_API_KEY"], prefixed=False, weight=1)),
    P("pinecone", "Pinecone", "ai", _pl("pinecone-key", uuid4, ["PINECONE_API_KEY"], weight=1)),
    P("wandb", "Weights & Biases", "ai", _pl("wandb-key", lambda g: r(g, HEX, 40), ["WANDB_API_KEY"], weight=1)),
    P("langsmith", "LangSmith", "ai", F("langsmith-key", lambda g: "lsv2_" + g.choice(["pt", "sk"]) + "_" + r(g, HEX, 32) + "_" + r(g, HEX, 10), ["LANGCHAIN_API_KEY", "LANGSMITH_API_KEY"], weight=2)),
    P("tavily", "Tavily", "ai", F("tavily-key", lambda g: "tvly-" + r(g, ALNUM, 32), ["TAVILY_API_KEY"], weight=1)),
    P("fireworks", "Fireworks AI", "ai", F("fireworks-key", lambda g: "fw_" + r(g, ALNUM, 24), ["FIREWORKS_API_KEY"], weight=1)),
    # -- email and SMS
    P("sendgrid", "SendGrid", "email-sms", F("sendgrid-api-key", lambda g: "SG." + r(g, B64URL, 22) + "." + r(g, B64URL, 43), ["SENDGRID_API_KEY", "EMAIL_HOST_PASSWORD"], weight=6)),
    P("mailgun", "Mailgun", "email-sms",
      F("mailgun-api-key", lambda g: "key-" + r(g, HEX, 32), ["MAILGUN_API_KEY"], weight=2),
      _pl("mailgun-api-key-v2", lambda g: r(g, HEX, 32) + "-" + r(g, HEX, 8) + "-" + r(g, HEX, 8), ["MAILGUN_API_KEY", "MAILGUN_PRIVATE_KEY"], weight=2)),
    P("mailchimp", "Mailchimp", "email-sms", F("mailchimp-api-key", lambda g: r(g, HEX, 32) + "-us" + str(g.randrange(1, 22)), ["MAILCHIMP_API_KEY"], weight=3)),
    P("postmark", "Postmark", "email-sms", _pl("postmark-server-token", uuid4, ["POSTMARK_SERVER_TOKEN", "POSTMARK_API_TOKEN"], weight=2)),
    P("mandrill", "Mandrill", "email-sms", F("mandrill-key", lambda g: "md-" + r(g, B64URL, 22), ["MANDRILL_API_KEY"], weight=1)),
    P("brevo", "Brevo (Sendinblue)", "email-sms", F("brevo-api-key", lambda g: "xkeysib-" + r(g, HEX, 64) + "-" + r(g, ALNUM, 16), ["BREVO_API_KEY", "SENDINBLUE_API_KEY"], weight=2)),
    P("resend", "Resend", "email-sms", F("resend-api-key", lambda g: "re_" + r(g, ALNUM, 8) + "_" + r(g, ALNUM, 24), ["RESEND_API_KEY"], weight=2)),
    P("sparkpost", "SparkPost", "email-sms", _pl("sparkpost-key", lambda g: r(g, HEX, 40), ["SPARKPOST_API_KEY"], weight=1)),
    P("vonage", "Vonage (Nexmo)", "email-sms", _pl("vonage-api-secret", lambda g: r(g, ALNUM, 16), ["VONAGE_API_SECRET", "NEXMO_API_SECRET"], companion=lambda g: ("VONAGE_API_KEY", r(g, HEX, 8)), weight=1)),
    P("plivo", "Plivo", "email-sms", _pl("plivo-auth-token", lambda g: r(g, ALNUM, 40), ["PLIVO_AUTH_TOKEN"], companion=lambda g: ("PLIVO_AUTH_ID", "MA" + r(g, ALNUM_U, 18)), weight=1)),
    P("messagebird", "MessageBird", "email-sms", _pl("messagebird-key", lambda g: r(g, ALNUM, 25), ["MESSAGEBIRD_API_KEY"], weight=1)),
    P("mailjet", "Mailjet", "email-sms", _pl("mailjet-secret", lambda g: r(g, HEX, 32), ["MAILJET_API_SECRET", "MJ_APISECRET_PRIVATE"], weight=1)),
    # -- observability
    P("datadog", "Datadog", "observability",
      _pl("datadog-api-key", lambda g: r(g, HEX, 32), ["DD_API_KEY", "DATADOG_API_KEY"], weight=4),
      _pl("datadog-app-key", lambda g: r(g, HEX, 40), ["DD_APP_KEY", "DATADOG_APP_KEY"], weight=2)),
    P("newrelic", "New Relic", "observability",
      F("newrelic-user-key", lambda g: "NRAK-" + r(g, ALNUM_U, 27), ["NEW_RELIC_API_KEY", "NEWRELIC_API_KEY"], weight=2),
      F("newrelic-license-key", lambda g: r(g, HEX, 36) + "NRAL", ["NEW_RELIC_LICENSE_KEY"], weight=2),
      F("newrelic-insert-key", lambda g: "NRII-" + r(g, B64URL, 32), ["NEW_RELIC_INSERT_KEY"], weight=1)),
    P("sentry", "Sentry", "observability",
      F("sentry-org-token", sentry_org_token, ["SENTRY_AUTH_TOKEN"], weight=2),
      F("sentry-user-token", lambda g: "sntryu_" + r(g, HEX, 64), ["SENTRY_AUTH_TOKEN"], weight=2)),
    P("grafana", "Grafana", "observability",
      F("grafana-service-account-token", grafana_sa, ["GRAFANA_TOKEN", "GRAFANA_SERVICE_ACCOUNT_TOKEN"], checksum=True, weight=2),
      F("grafana-cloud-token", grafana_cloud, ["GRAFANA_CLOUD_API_KEY", "GRAFANA_CLOUD_TOKEN"], weight=2),
      F("grafana-api-key", grafana_legacy, ["GRAFANA_API_KEY"], weight=1)),
    P("honeycomb", "Honeycomb", "observability", _pl("honeycomb-key", lambda g: r(g, HEX, 32), ["HONEYCOMB_API_KEY", "HONEYCOMB_WRITEKEY"], weight=1)),
    P("dynatrace", "Dynatrace", "observability", F("dynatrace-token", lambda g: "dt0c01." + r(g, ALNUM_U, 24) + "." + r(g, ALNUM_U, 64), ["DT_API_TOKEN", "DYNATRACE_API_TOKEN"], weight=2)),
    P("splunk", "Splunk", "observability", _pl("splunk-hec-token", lambda g: uuid4(g).upper(), ["SPLUNK_HEC_TOKEN", "SPLUNK_TOKEN"], weight=1)),
    P("logzio", "Logz.io", "observability", _pl("logzio-token", lambda g: r(g, ALPHA, 32), ["LOGZIO_TOKEN", "LOGZ_IO_TOKEN"], weight=1)),
    P("bugsnag", "Bugsnag", "observability", _pl("bugsnag-key", lambda g: r(g, HEX, 32), ["BUGSNAG_API_KEY"], weight=1)),
    P("rollbar", "Rollbar", "observability", _pl("rollbar-token", lambda g: r(g, HEX, 32), ["ROLLBAR_ACCESS_TOKEN"], weight=1)),
    P("sumologic", "Sumo Logic", "observability", _pl("sumologic-access-key", lambda g: r(g, ALNUM, 64), ["SUMOLOGIC_ACCESSKEY"], companion=lambda g: ("SUMOLOGIC_ACCESSID", "su" + r(g, ALNUM, 12)), weight=1)),
    # -- package registries
    P("npm", "npm", "package-registry", F("npm-token", npm_token, ["NPM_TOKEN", "NODE_AUTH_TOKEN"], checksum=True, weight=6)),
    P("pypi", "PyPI", "package-registry", F("pypi-token", pypi_token, ["PYPI_API_TOKEN", "TWINE_PASSWORD", "password"], checksum=True, weight=4)),
    P("rubygems", "RubyGems", "package-registry", F("rubygems-key", lambda g: "rubygems_" + r(g, HEX, 48), ["GEM_HOST_API_KEY", "RUBYGEMS_API_KEY"], weight=2)),
    P("nuget", "NuGet", "package-registry", F("nuget-key", lambda g: "oy2" + r(g, ALNUM_L, 43), ["NUGET_API_KEY"], weight=2)),
    P("cratesio", "crates.io", "package-registry", F("cratesio-token", lambda g: "cio" + r(g, ALNUM, 32), ["CARGO_REGISTRY_TOKEN"], weight=2)),
    P("clojars", "Clojars", "package-registry", F("clojars-token", lambda g: "CLOJARS_" + r(g, HEX, 60), ["CLOJARS_DEPLOY_TOKEN"], weight=1)),
    P("postman", "Postman", "saas", F("postman-api-key", lambda g: "PMAK-" + r(g, HEX, 24) + "-" + r(g, HEX, 34), ["POSTMAN_API_KEY"], weight=2)),
    P("frameio", "Frame.io", "saas", F("frameio-token", lambda g: "fio-u-" + r(g, B64URL, 64), ["FRAMEIO_TOKEN"], weight=1)),
    P("adobe", "Adobe", "saas", F("adobe-client-secret", lambda g: "p8e-" + r(g, ALNUM, 32), ["ADOBE_CLIENT_SECRET"], weight=1)),
    P("pusher", "Pusher", "saas", _pl("pusher-secret", lambda g: r(g, HEX, 20), ["PUSHER_APP_SECRET"], companion=lambda g: ("PUSHER_APP_KEY", r(g, HEX, 20)), weight=1)),
]


def all_formats():
    for p in PROVIDERS:
        for f in p.formats:
            yield p, f
