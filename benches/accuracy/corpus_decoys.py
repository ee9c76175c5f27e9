"""Whole files with no secret in them that secret scanners tend to flag:
templates and placeholders, references to secret stores, documentation with
the providers' own example keys and RFC test vectors, public client keys
(Sentry browser DSNs, Stripe publishable keys), lockfiles with integrity
hashes, UUIDs and checksums, public keys and certificates, encrypted or
redacted values, and random-looking data that is not a credential."""

import base64
import hashlib
import json

import corpus_crypto as cc
import corpus_decoyvals as dv
import corpus_positive as pos
from corpus_doc import pascal, upper_snake
from corpus_filler import DOMAINS, NAMES
from corpus_tokens import ALNUM, B64URL, HEX, PROVIDERS, b64, r, rbytes, uuid4

NPM = ["react", "react-dom", "lodash", "express", "axios", "chalk", "debug", "ms", "semver", "commander", "yargs", "uuid", "dotenv", "cors",
       "body-parser", "qs", "minimist", "glob", "rimraf", "mkdirp", "typescript", "eslint", "prettier", "jest", "webpack", "babel-loader", "@babel/core",
       "@types/node", "zod", "date-fns", "classnames", "tslib", "rxjs", "immer", "redux", "postcss", "autoprefixer", "tailwindcss", "vite", "esbuild"]
CRATES = ["serde", "serde_json", "tokio", "anyhow", "thiserror", "regex", "clap", "rand", "log", "tracing", "bytes", "futures", "hyper", "reqwest",
          "once_cell", "itertools", "libc", "cfg-if", "memchr", "aho-corasick", "syn", "quote", "proc-macro2", "unicode-ident", "smallvec", "hashbrown"]
PYPI = ["requests", "urllib3", "certifi", "idna", "charset-normalizer", "numpy", "pandas", "python-dateutil", "pytz", "six", "attrs", "click",
        "jinja2", "markupsafe", "pyyaml", "packaging", "pydantic", "typing-extensions", "sqlalchemy", "greenlet", "boto3", "botocore", "s3transfer"]
GOMODS = ["github.com/stretchr/testify", "github.com/spf13/cobra", "github.com/spf13/pflag", "golang.org/x/sys", "golang.org/x/net", "golang.org/x/text",
          "github.com/google/uuid", "go.uber.org/zap", "github.com/prometheus/client_golang", "gopkg.in/yaml.v3", "github.com/gorilla/mux"]


def ver(rng):
    return "%d.%d.%d" % (rng.randrange(0, 9), rng.randrange(0, 30), rng.randrange(0, 20))


def mark_all_decoy(doc, what):
    for s in doc.secrets:
        doc.decoys.append({"line": s["line"], "end_line": s["end_line"], "what": s.get("what", what)})
    doc.secrets = []
    doc.companions = []


# ---------------------------------------------------------------------------
# flavoured files whose values are not secrets


REFERENCE_FORMS = dv.REFERENCE_FORMS


def decoy_items(rng, n, mode):
    items = []
    formats = [(p, f) for p in PROVIDERS for f in p.formats]
    for _ in range(n):
        p, f = rng.choice(formats)
        var = rng.choice(f.vars)
        N = upper_snake(var)
        if mode == "placeholder":
            value = rng.choice(dv.PLACEHOLDERS + ["<%s>" % N.lower(), "your-%s" % N.lower().replace("_", "-"), "", "REPLACE_WITH_%s" % N])
            what = "placeholder"
        elif mode == "reference":
            value = rng.choice(REFERENCE_FORMS) % {"N": N, "n": N.lower(), "c": pos.camel(var), "p": rng.randrange(10**11, 10**12)}
            what = "reference"
        elif mode == "example":
            var, value, what = rng.choice([("AWS_ACCESS_KEY_ID", dv.AWS_EXAMPLE_KEY_ID, "documented-example"), ("AWS_SECRET_ACCESS_KEY", dv.AWS_EXAMPLE_SECRET, "documented-example"),
                                           ("AWS_ACCESS_KEY_ID", dv.AWS_EXAMPLE_KEY_ID_2, "documented-example"), ("AWS_SECRET_ACCESS_KEY", dv.AWS_EXAMPLE_SECRET_2, "documented-example"),
                                           ("JWT", dv.JWTIO_JWT, "documented-example"), ("STRIPE_SECRET_KEY", dv.STRIPE_DOCS_TEST_KEY, "documented-example")])
        else:
            var, value, what = dv.decoy_value(rng)
            if what in ("placeholder",):
                value = dv.sentry_public_dsn(rng)
                var, what = "SENTRY_DSN", "public-dsn"
        items.append({"var": var, "value": value, "secret": value, "what": what, "provider": p.slug})
    return items


def flavoured(mode):
    def gen(doc, rng, ctx, keys):
        flavour = rng.choice([k for k in pos.FLAVOURS if k not in ("log",)])
        ftype, render, paths, _ = pos.FLAVOURS[flavour]
        items = decoy_items(rng, rng.randrange(2, 6), mode)
        render(doc, items, ctx, rng)
        for s, it in zip(doc.secrets, items):
            s["what"] = it["what"]
        mark_all_decoy(doc, mode)
        return rng.choice(paths) if mode != "placeholder" or ftype != "env" else rng.choice([".env.example", ".env.sample", ".env.template", "env.dist"])
    return gen


def env_template(doc, rng, ctx, keys):
    doc.add("# Copy to .env and fill in. Never commit the real values.")
    formats = [(p, f) for p in PROVIDERS for f in p.formats]
    for p, f in rng.sample(formats, rng.randrange(5, 14)):
        N = upper_snake(rng.choice(f.vars))
        v = rng.choice(["", "", "changeme", "<%s>" % p.slug, "your_%s_here" % N.lower(), "xxx", "${%s}" % N])
        doc.decoy("%s=%s" % (N, v), "template")
    doc.add("PORT=3000")
    return rng.choice([".env.example", ".env.sample", ".env.template", ".env.dist", "example.env"])


# ---------------------------------------------------------------------------
# documentation with published example values


def doc_aws(doc, rng, ctx, keys):
    doc.extend(["# Configuring the AWS CLI", "", "Run `aws configure` and answer the prompts. The values below are the ones AWS uses in its own documentation;", "use your own.", "", "```"])
    doc.decoy("$ aws configure\nAWS Access Key ID [None]: %s\nAWS Secret Access Key [None]: %s\nDefault region name [None]: us-west-2\nDefault output format [None]: json" % (dv.AWS_EXAMPLE_KEY_ID, dv.AWS_EXAMPLE_SECRET), "documented-example")
    doc.extend(["```", "", "This writes `~/.aws/credentials`:", "", "```ini", "[default]"])
    doc.decoy("aws_access_key_id = %s" % dv.AWS_EXAMPLE_KEY_ID, "documented-example")
    doc.decoy("aws_secret_access_key = %s" % dv.AWS_EXAMPLE_SECRET, "documented-example")
    doc.extend(["```", "", "A second profile, as in the AWS docs:", "", "```ini", "[user1]"])
    doc.decoy("aws_access_key_id=%s\naws_secret_access_key=%s" % (dv.AWS_EXAMPLE_KEY_ID_2, dv.AWS_EXAMPLE_SECRET_2), "documented-example")
    doc.add("```")
    return rng.choice(["docs/aws-setup.md", "docs/getting-started.md", "CONTRIBUTING.md"])


def doc_jwt(doc, rng, ctx, keys):
    doc.extend(["# Authentication", "", "The API takes a JSON Web Token in the `Authorization` header. The example from RFC 7519, section 3.1:", "", "```"])
    doc.decoy(dv.RFC7519_JWT, "rfc7519-example")
    doc.extend(["```", "", "Paste it into https://jwt.io to see its parts. jwt.io's own sample token is:", ""])
    doc.decoy("    " + dv.JWTIO_JWT, "jwtio-example")
    doc.extend(["", "Never paste a production token into a website."])
    return rng.choice(["docs/auth.md", "docs/jwt.md"])


def doc_test_vectors(doc, rng, ctx, keys):
    doc.extend(['"""Known-answer tests from the RFCs."""', "", "import hashlib", "import hmac", "", ""])
    doc.add("# RFC 8032, section 7.1, TEST 1")
    doc.decoy('ED25519_SECRET = bytes.fromhex("%s")' % dv.RFC8032_SECRET, "rfc8032-test-vector")
    doc.decoy('ED25519_PUBLIC = bytes.fromhex("%s")' % dv.RFC8032_PUBLIC, "rfc8032-test-vector")
    doc.extend(["", "# RFC 4231, test case 2"])
    doc.decoy('HMAC_KEY = b"Jefe"\nHMAC_DATA = b"what do ya want for nothing?"\nHMAC_SHA256 = "%s"' % dv.RFC4231_HMAC, "rfc4231-test-vector")
    doc.extend(["", "# FIPS-197 appendix C.1"])
    doc.decoy('AES128_KEY = bytes.fromhex("000102030405060708090a0b0c0d0e0f")\nAES128_PLAIN = bytes.fromhex("00112233445566778899aabbccddeeff")\nAES128_CIPHER = bytes.fromhex("69c4e0d86a7b0430d8cdb78070b4c55a")', "fips197-test-vector")
    doc.extend(["", "", "def test_hmac():", "    assert hmac.new(HMAC_KEY, HMAC_DATA, hashlib.sha256).hexdigest() == HMAC_SHA256"])
    return rng.choice(["tests/test_vectors.py", "crypto/test_known_answers.py"])


def doc_stripe(doc, rng, ctx, keys):
    doc.extend(["# Payments", "", "In test mode use the key from Stripe's API reference:", "", "```python", "import stripe", ""])
    doc.decoy('stripe.api_key = "%s"' % dv.STRIPE_DOCS_TEST_KEY, "documented-example")
    doc.extend(["stripe.PaymentIntent.create(amount=2000, currency=\"usd\")", "```", "", "Live keys start with `sk_live_`; they live in the vault, never here."])
    return "docs/payments.md"


def code_with_examples(doc, rng, ctx, keys):
    doc.extend(["import os", "", "import boto3", "", ""])
    doc.extend(["def make_client():", '    """Build an S3 client.', "", "    Example (keys from the AWS docs):", ""])
    doc.decoy("        >>> make_client(key_id=\"%s\",\n        ...             secret=\"%s\")" % (dv.AWS_EXAMPLE_KEY_ID, dv.AWS_EXAMPLE_SECRET), "documented-example")
    doc.extend(['    """', '    return boto3.client("s3", aws_access_key_id=os.environ["AWS_ACCESS_KEY_ID"], aws_secret_access_key=os.environ["AWS_SECRET_ACCESS_KEY"])'])
    return rng.choice(["storage/s3.py", "lib/aws.py"])


# ---------------------------------------------------------------------------
# public client configuration


def sentry_client(doc, rng, ctx, keys):
    doc.extend(["import * as Sentry from '@sentry/nextjs';", "", "Sentry.init({"])
    doc.decoy("  dsn: '%s'," % dv.sentry_public_dsn(rng), "public-dsn")
    doc.extend(["  tracesSampleRate: 0.1,", "  replaysSessionSampleRate: 0.0,", "  environment: process.env.NEXT_PUBLIC_ENV,", "});"])
    return rng.choice(["sentry.client.config.js", "src/instrument.ts", "sentry.edge.config.ts"])


def public_html(doc, rng, ctx, keys):
    doc.extend(["<!doctype html>", "<html lang=\"en\">", "<head>", "  <meta charset=\"utf-8\">", "  <title>%s</title>" % pascal(ctx["app"])])
    doc.decoy('  <script src="https://cdn.jsdelivr.net/npm/bootstrap@5.3.2/dist/js/bootstrap.bundle.min.js" integrity="sha384-%s" crossorigin="anonymous"></script>' % b64(rbytes(rng, 48)), "sri-hash")
    doc.decoy('  <script async src="https://www.googletagmanager.com/gtag/js?id=G-%s"></script>' % r(rng, "ABCDEFGHJKLMNPQRSTUVWXYZ0123456789", 10), "analytics-id")
    doc.add('  <script src="https://js.stripe.com/v3/"></script>')
    doc.add("</head>")
    doc.add("<body>")
    doc.decoy('  <div class="g-recaptcha" data-sitekey="%s"></div>' % dv.recaptcha_site_key(rng), "public-key")
    doc.add("  <script>")
    doc.decoy("    const stripe = Stripe('%s');" % dv.stripe_publishable(rng), "public-key")
    doc.decoy("    mapboxgl.accessToken = '%s';" % dv.mapbox_public(rng), "public-key")
    doc.extend(["  </script>", "</body>", "</html>"])
    return rng.choice(["public/index.html", "templates/base.html", "index.html"])


def algolia_search(doc, rng, ctx, keys):
    doc.extend(["import algoliasearch from 'algoliasearch/lite';", ""])
    doc.decoy("const searchClient = algoliasearch('%s', '%s'); // search-only key, safe in the browser" % (r(rng, "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789", 10), r(rng, HEX, 32)), "public-search-key")
    doc.extend(["", "export default searchClient;"])
    return "src/search.js"


# ---------------------------------------------------------------------------
# lockfiles


def integrity(rng, algo="sha512"):
    n = {"sha512": 64, "sha384": 48, "sha256": 32, "sha1": 20}[algo]
    return "%s-%s" % (algo, b64(rbytes(rng, n)))


def package_lock(doc, rng, ctx, keys):
    pkgs = rng.sample(NPM, rng.randrange(12, 30))
    lock = {"name": ctx["app"], "version": "1.0.0", "lockfileVersion": 3, "requires": True,
            "packages": {"": {"name": ctx["app"], "version": "1.0.0", "dependencies": {p: "^" + ver(rng) for p in pkgs[:6]}}}}
    for p in pkgs:
        v = ver(rng)
        lock["packages"]["node_modules/" + p] = {"version": v, "resolved": "https://registry.npmjs.org/%s/-/%s-%s.tgz" % (p, p.split("/")[-1], v), "integrity": integrity(rng), "license": "MIT"}
    doc.add(json.dumps(lock, indent=2))
    return "package-lock.json"


def yarn_lock(doc, rng, ctx, keys):
    doc.extend(["# THIS IS AN AUTOGENERATED FILE. DO NOT EDIT THIS FILE DIRECTLY.", "# yarn lockfile v1", ""])
    for p in sorted(rng.sample(NPM, rng.randrange(12, 30))):
        v = ver(rng)
        doc.extend(['"%s@^%s":' % (p, v), '  version "%s"' % v, '  resolved "https://registry.yarnpkg.com/%s/-/%s-%s.tgz#%s"' % (p, p.split("/")[-1], v, hashlib.sha1(rbytes(rng, 8)).hexdigest()),
                    "  integrity %s" % integrity(rng), ""])
    return "yarn.lock"


def pnpm_lock(doc, rng, ctx, keys):
    doc.extend(["lockfileVersion: '9.0'", "", "settings:", "  autoInstallPeers: true", "  excludeLinksFromLockfile: false", "", "packages:", ""])
    for p in sorted(rng.sample(NPM, rng.randrange(10, 25))):
        doc.extend(["  %s@%s:" % (p, ver(rng)), "    resolution: {integrity: %s}" % integrity(rng), "    engines: {node: '>=14'}", ""])
    return "pnpm-lock.yaml"


def cargo_lock(doc, rng, ctx, keys):
    doc.extend(["# This file is automatically @generated by Cargo.", "# It is not intended for manual editing.", "version = 4", ""])
    for c in sorted(rng.sample(CRATES, rng.randrange(10, 25))):
        doc.extend(["[[package]]", 'name = "%s"' % c, 'version = "%s"' % ver(rng), 'source = "registry+https://github.com/rust-lang/crates.io-index"',
                    'checksum = "%s"' % hashlib.sha256(rbytes(rng, 8)).hexdigest(), ""])
    return "Cargo.lock"


def poetry_lock(doc, rng, ctx, keys):
    doc.add("# This file is automatically @generated by Poetry 1.8.3 and should not be changed by hand.")
    doc.add("")
    for p in sorted(rng.sample(PYPI, rng.randrange(8, 18))):
        v = ver(rng)
        doc.extend(["[[package]]", 'name = "%s"' % p, 'version = "%s"' % v, 'description = ""', "optional = false", 'python-versions = ">=3.8"', "files = [",
                    '    {file = "%s-%s-py3-none-any.whl", hash = "sha256:%s"},' % (p.replace("-", "_"), v, hashlib.sha256(rbytes(rng, 8)).hexdigest()),
                    '    {file = "%s-%s.tar.gz", hash = "sha256:%s"},' % (p, v, hashlib.sha256(rbytes(rng, 8)).hexdigest()), "]", ""])
    doc.extend(["[metadata]", 'lock-version = "2.0"', 'python-versions = "^3.11"', 'content-hash = "%s"' % hashlib.sha256(rbytes(rng, 8)).hexdigest()])
    return "poetry.lock"


def requirements_hashes(doc, rng, ctx, keys):
    doc.extend(["#", "# This file is autogenerated by pip-compile with Python 3.11", "#"])
    for p in sorted(rng.sample(PYPI, rng.randrange(6, 14))):
        doc.add("%s==%s \\" % (p, ver(rng)))
        doc.add("    --hash=sha256:%s \\" % hashlib.sha256(rbytes(rng, 8)).hexdigest())
        doc.add("    --hash=sha256:%s" % hashlib.sha256(rbytes(rng, 8)).hexdigest())
    return "requirements.txt"


def go_sum(doc, rng, ctx, keys):
    for m in sorted(rng.sample(GOMODS, rng.randrange(5, 11))):
        v = "v" + ver(rng)
        doc.add("%s %s h1:%s" % (m, v, b64(rbytes(rng, 32))))
        doc.add("%s %s/go.mod h1:%s" % (m, v, b64(rbytes(rng, 32))))
    return "go.sum"


def composer_lock(doc, rng, ctx, keys):
    pkgs = []
    for name in rng.sample(["monolog/monolog", "guzzlehttp/guzzle", "symfony/console", "laravel/framework", "nesbot/carbon", "vlucas/phpdotenv", "psr/log"], 4):
        ref = hashlib.sha1(rbytes(rng, 8)).hexdigest()
        pkgs.append({"name": name, "version": ver(rng), "source": {"type": "git", "url": "https://github.com/%s.git" % name, "reference": ref},
                     "dist": {"type": "zip", "url": "https://api.github.com/repos/%s/zipball/%s" % (name, ref), "reference": ref, "shasum": ""}})
    doc.add(json.dumps({"_readme": ["This file locks the dependencies of your project to a known state"], "content-hash": r(rng, HEX, 32), "packages": pkgs}, indent=4))
    return "composer.lock"


def flake_lock(doc, rng, ctx, keys):
    nodes = {}
    for n in ["nixpkgs", "flake-utils", "rust-overlay"]:
        nodes[n] = {"locked": {"lastModified": 1700000000 + rng.randrange(10**7), "narHash": "sha256-" + b64(rbytes(rng, 32)), "owner": "NixOS", "repo": n,
                               "rev": hashlib.sha1(rbytes(rng, 8)).hexdigest(), "type": "github"}, "original": {"owner": "NixOS", "repo": n, "type": "github"}}
    nodes["root"] = {"inputs": {k: k for k in list(nodes)}}
    doc.add(json.dumps({"nodes": nodes, "root": "root", "version": 7}, indent=2))
    return "flake.lock"


def nuget_lock(doc, rng, ctx, keys):
    deps = {}
    for p in ["Newtonsoft.Json", "Serilog", "Dapper", "Polly", "AutoMapper", "MediatR"]:
        deps[p] = {"type": "Direct", "requested": "[%s, )" % ver(rng), "resolved": ver(rng), "contentHash": b64(rbytes(rng, 64))}
    doc.add(json.dumps({"version": 1, "dependencies": {"net8.0": deps}}, indent=2))
    return "packages.lock.json"


def gradle_verification(doc, rng, ctx, keys):
    doc.extend(['<?xml version="1.0" encoding="UTF-8"?>', '<verification-metadata xmlns="https://schema.gradle.org/dependency-verification">', "   <configuration>",
                "      <verify-metadata>true</verify-metadata>", "      <verify-signatures>false</verify-signatures>", "   </configuration>", "   <components>"])
    for g, a in [("com.google.guava", "guava"), ("org.slf4j", "slf4j-api"), ("com.squareup.okhttp3", "okhttp"), ("org.jetbrains.kotlin", "kotlin-stdlib")]:
        v = ver(rng)
        doc.extend(['      <component group="%s" name="%s" version="%s">' % (g, a, v), '         <artifact name="%s-%s.jar">' % (a, v),
                    '            <sha256 value="%s" origin="Generated by Gradle"/>' % hashlib.sha256(rbytes(rng, 8)).hexdigest(), "         </artifact>", "      </component>"])
    doc.extend(["   </components>", "</verification-metadata>"])
    return "gradle/verification-metadata.xml"


# ---------------------------------------------------------------------------
# UUIDs, hashes, identifiers


def sha256sums(doc, rng, ctx, keys):
    for name in ["%s-%s-linux-amd64.tar.gz", "%s-%s-linux-arm64.tar.gz", "%s-%s-darwin-arm64.tar.gz", "%s-%s-windows-amd64.zip"]:
        doc.add("%s  %s" % (hashlib.sha256(rbytes(rng, 8)).hexdigest(), name % (ctx["app"], ver(rng))))
    return rng.choice(["SHA256SUMS", "dist/checksums.txt"])


def uuid_migration(doc, rng, ctx, keys):
    doc.extend(["-- seed reference data", "INSERT INTO plans (id, name, price_cents) VALUES"])
    rows = ["('%s', '%s', %d)" % (uuid4(rng), n, rng.randrange(0, 9999)) for n in ["free", "starter", "team", "business", "enterprise"]]
    doc.add(",\n".join(rows) + ";")
    doc.extend(["", "INSERT INTO feature_flags (id, key, enabled) VALUES"])
    doc.add(",\n".join("('%s', '%s', %s)" % (uuid4(rng), k, rng.choice(["true", "false"])) for k in ["new_checkout", "dark_mode", "beta_api"]) + ";")
    return rng.choice(["db/seeds/001_plans.sql", "migrations/20241101_seed.sql"])


def sln_file(doc, rng, ctx, keys):
    doc.crlf = True
    doc.extend(["Microsoft Visual Studio Solution File, Format Version 12.00", "# Visual Studio Version 17", "VisualStudioVersion = 17.8.34330.188"])
    guids = []
    for proj in ["Api", "Core", "Infrastructure", "Tests"]:
        g = uuid4(rng).upper()
        guids.append(g)
        doc.add('Project("{FAE04EC0-301F-11D3-BF4B-00C04F79EFBC}") = "%s.%s", "src\\%s.%s\\%s.%s.csproj", "{%s}"' % (pascal(ctx["app"]), proj, pascal(ctx["app"]), proj, pascal(ctx["app"]), proj, g))
        doc.add("EndProject")
    doc.extend(["Global", "\tGlobalSection(ProjectConfigurationPlatforms) = postSolution"])
    for g in guids:
        doc.add("\t\t{%s}.Debug|Any CPU.ActiveCfg = Debug|Any CPU" % g)
    doc.extend(["\tEndGlobalSection", "\tGlobalSection(ExtensibilityGlobals) = postSolution", "\t\tSolutionGuid = {%s}" % uuid4(rng).upper(), "\tEndGlobalSection", "EndGlobal"])
    return "%s.sln" % pascal(ctx["app"])


def pbxproj(doc, rng, ctx, keys):
    doc.extend(["// !$*UTF8*$!", "{", "\tarchiveVersion = 1;", "\tobjectVersion = 56;", "\tobjects = {", "", "/* Begin PBXBuildFile section */"])
    for f in ["AppDelegate.swift", "ContentView.swift", "Assets.xcassets", "Networking.swift", "Models.swift"]:
        doc.add("\t\t%s /* %s in Sources */ = {isa = PBXBuildFile; fileRef = %s /* %s */; };" % (r(rng, HEX.upper(), 24), f, r(rng, HEX.upper(), 24), f))
    doc.extend(["/* End PBXBuildFile section */", "\t};", "\trootObject = %s /* Project object */;" % r(rng, HEX.upper(), 24), "}"])
    return "App.xcodeproj/project.pbxproj"


def k8s_digests(doc, rng, ctx, keys):
    doc.extend(["apiVersion: apps/v1", "kind: Deployment", "metadata:", "  name: %s" % ctx["app"], "spec:", "  template:", "    spec:", "      containers:"])
    for c in ["app", "sidecar"]:
        doc.add("        - name: %s" % c)
        doc.decoy("          image: ghcr.io/%s/%s@sha256:%s" % (ctx["org"], c, hashlib.sha256(rbytes(rng, 8)).hexdigest()), "image-digest")
    doc.add("      imagePullSecrets:\n        - name: ghcr-pull")
    return "k8s/pinned.yaml"


def git_log(doc, rng, ctx, keys):
    for _ in range(rng.randrange(8, 20)):
        doc.add("commit %s" % hashlib.sha1(rbytes(rng, 8)).hexdigest())
        doc.add("Author: %s <%s@%s>" % (rng.choice(NAMES).capitalize(), rng.choice(NAMES), rng.choice(DOMAINS)))
        doc.add("Date:   Mon Nov %d 10:%02d:00 2024 +0100" % (rng.randrange(1, 29), rng.randrange(60)))
        doc.add("")
        doc.add("    %s" % rng.choice(["Fix flaky test", "Bump deps", "Add retry to webhook sender", "Refactor config loading", "Merge pull request #%d" % rng.randrange(100, 999)]))
        doc.add("")
    return rng.choice(["CHANGES.txt", "release-notes/git-log.txt"])


def fixtures_ids(doc, rng, ctx, keys):
    rows = []
    for _ in range(rng.randrange(5, 12)):
        rows.append({"id": uuid4(rng), "customer": "cus_" + r(rng, ALNUM, 14), "payment_intent": "pi_" + r(rng, ALNUM, 24), "etag": hashlib.md5(rbytes(rng, 8)).hexdigest(),
                     "instance": "i-0" + r(rng, HEX, 16), "created": "2024-0%d-1%dT12:00:00Z" % (rng.randrange(1, 10), rng.randrange(10))})
    doc.add(json.dumps(rows, indent=2))
    return rng.choice(["fixtures/orders.json", "testdata/payments.json"])


def csp_headers(doc, rng, ctx, keys):
    doc.extend(["server {", "    listen 443 ssl http2;", "    server_name %s.%s;" % (ctx["app"], ctx["domain"]), "    ssl_certificate     /etc/ssl/certs/%s.crt;" % ctx["app"],
                "    ssl_certificate_key /etc/ssl/private/%s.key;" % ctx["app"]])
    doc.decoy("    add_header Content-Security-Policy \"default-src 'self'; script-src 'self' 'sha256-%s' 'nonce-%s'\";" % (b64(rbytes(rng, 32)), r(rng, B64URL, 22)), "csp-hash")
    doc.extend(["    location / {", "        proxy_pass http://127.0.0.1:8080;", "    }", "}"])
    return "nginx/site.conf"


# ---------------------------------------------------------------------------
# public keys and certificates


def ssh_pub(doc, rng, ctx, keys):
    k = rng.choice([cc.Ed25519Key(rng), keys["cert"][rng.randrange(len(keys["cert"]))]])
    doc.decoy(cc.ssh_public_line(k, "%s@%s" % (rng.choice(NAMES), rng.choice(["laptop", "build-01"]))), "ssh-public-key")
    return rng.choice(["id_ed25519.pub", "keys/deploy.pub", "id_rsa.pub"])


def authorized_keys(doc, rng, ctx, keys):
    for _ in range(rng.randrange(2, 5)):
        k = rng.choice([cc.Ed25519Key(rng), cc.ECKey(rng), keys["cert"][rng.randrange(len(keys["cert"]))]])
        doc.decoy(cc.ssh_public_line(k, "%s@%s" % (rng.choice(NAMES), rng.choice(DOMAINS))), "ssh-public-key")
    return rng.choice(["authorized_keys", "ansible/files/authorized_keys"])


def known_hosts(doc, rng, ctx, keys):
    for _ in range(rng.randrange(3, 7)):
        k = rng.choice([cc.Ed25519Key(rng), cc.ECKey(rng)])
        host = "|1|%s|%s" % (b64(rbytes(rng, 20)), b64(rbytes(rng, 20))) if rng.random() < 0.5 else rng.choice(["github.com", "gitlab.com", "10.0.1.%d" % rng.randrange(2, 250)])
        doc.decoy("%s %s" % (host, " ".join(cc.ssh_public_line(k, "").split()[:2])), "known-host")
    return rng.choice(["known_hosts", "ci/known_hosts"])


def cert_pem(doc, rng, ctx, keys):
    for i in range(rng.randrange(1, 3)):
        k = keys["cert"][rng.randrange(len(keys["cert"]))]
        doc.decoy(cc.self_signed_cert_pem(k, "%s.%s" % (ctx["app"], ctx["domain"]), pascal(ctx["org"]), rng.randrange(10**8)).rstrip("\n"), "certificate")
    return rng.choice(["certs/server.crt", "ssl/fullchain.pem", "ca.pem", "certs/ca-bundle.crt"])


def public_pem(doc, rng, ctx, keys):
    k = rng.randrange(4)
    if k == 0:
        doc.decoy(cc.rsa_public_pem(keys["cert"][rng.randrange(len(keys["cert"]))]).rstrip("\n"), "public-key")
    elif k == 1:
        doc.decoy(cc.ec_public_pem(cc.ECKey(rng)).rstrip("\n"), "public-key")
    elif k == 2:
        doc.decoy(cc.ed25519_public_pem(cc.Ed25519Key(rng)).rstrip("\n"), "public-key")
    else:
        doc.decoy(cc.rsa_pkcs1_public_pem(keys["cert"][rng.randrange(len(keys["cert"]))]).rstrip("\n"), "public-key")
    return rng.choice(["keys/public.pem", "jwt-public.pem", "config/signing.pub.pem"])


def jwks(doc, rng, ctx, keys):
    ks = []
    for _ in range(2):
        k = keys["cert"][rng.randrange(len(keys["cert"]))]
        ks.append({"kty": "RSA", "use": "sig", "alg": "RS256", "kid": r(rng, B64URL, 43), "n": cc.b64url(k.n.to_bytes(256, "big")), "e": "AQAB"})
    doc.decoy(json.dumps({"keys": ks}, indent=2), "jwks-public-keys")
    return rng.choice(["public/.well-known/jwks.json", "config/jwks.json"])


def pgp_public(doc, rng, ctx, keys):
    k = keys["cert"][rng.randrange(len(keys["cert"]))]
    doc.decoy(cc.pgp_public_block(k, "%s <%s@%s>" % (rng.choice(NAMES).capitalize(), rng.choice(NAMES), rng.choice(DOMAINS)), 1690000000 + rng.randrange(10**7)).rstrip("\n"), "pgp-public-key")
    return rng.choice(["KEYS", "signing-key.asc", "docs/release-key.asc"])


def saml_metadata(doc, rng, ctx, keys):
    k = keys["cert"][rng.randrange(len(keys["cert"]))]
    body = "".join(cc.self_signed_cert_pem(k, "idp.%s" % ctx["domain"], "IdP", rng.randrange(10**8)).split("\n")[1:-2])
    doc.extend(['<?xml version="1.0"?>', '<md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" entityID="https://idp.%s/saml">' % ctx["domain"],
                '  <md:IDPSSODescriptor protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol">', '    <md:KeyDescriptor use="signing">',
                '      <ds:KeyInfo xmlns:ds="http://www.w3.org/2000/09/xmldsig#">', "        <ds:X509Data>"])
    doc.decoy("          <ds:X509Certificate>%s</ds:X509Certificate>" % body, "certificate")
    doc.extend(["        </ds:X509Data>", "      </ds:KeyInfo>", "    </md:KeyDescriptor>",
                '    <md:SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect" Location="https://idp.%s/sso"/>' % ctx["domain"],
                "  </md:IDPSSODescriptor>", "</md:EntityDescriptor>"])
    return rng.choice(["saml/idp-metadata.xml", "config/saml-metadata.xml"])


def tls_crt_configmap(doc, rng, ctx, keys):
    k = keys["cert"][rng.randrange(len(keys["cert"]))]
    pem = cc.self_signed_cert_pem(k, "ca.%s" % ctx["domain"], "Internal CA", rng.randrange(10**8)).rstrip("\n")
    doc.extend(["apiVersion: v1", "kind: ConfigMap", "metadata:", "  name: internal-ca", "data:", "  ca.crt: |"])
    doc.decoy("\n".join("    " + line for line in pem.split("\n")), "certificate")
    return "k8s/ca-configmap.yaml"


# ---------------------------------------------------------------------------
# encrypted, redacted and truncated values


def sops_file(doc, rng, ctx, keys):
    def enc(n):
        return "ENC[AES256_GCM,data:%s,iv:%s,tag:%s,type:str]" % (b64(rbytes(rng, n)), b64(rbytes(rng, 32)), b64(rbytes(rng, 16)))
    doc.extend(["database:"])
    doc.decoy("    password: %s" % enc(18), "sops-encrypted")
    doc.decoy("stripe_secret_key: %s" % enc(32), "sops-encrypted")
    age_armor = "-----BEGIN AGE ENCRYPTED FILE-----\n" + "\n".join(b64(rbytes(rng, 48)) for _ in range(4)) + "\n-----END AGE ENCRYPTED FILE-----"
    doc.extend(["sops:", "    kms: []", "    age:", "        - recipient: age1%s" % r(rng, "qpzry9x8gf2tvdw0s3jn54khce6mua7l", 58), "          enc: |"])
    doc.decoy("\n".join("            " + line for line in age_armor.split("\n")), "age-encrypted-data-key")
    doc.extend(["    lastmodified: \"2024-11-02T10:11:12Z\"", "    mac: %s" % enc(32), "    version: 3.9.1"])
    return rng.choice(["secrets/prod.enc.yaml", "secrets.sops.yaml"])


def ansible_vault(doc, rng, ctx, keys):
    doc.add("$ANSIBLE_VAULT;1.1;AES256")
    blob = rbytes(rng, rng.randrange(200, 400)).hex()
    for i in range(0, len(blob), 80):
        doc.add(blob[i:i + 80])
    doc.decoys.append({"line": 1, "end_line": len(doc.lines), "what": "ansible-vault"})
    return rng.choice(["group_vars/prod/vault.yml", "vars/secrets.yml"])


def sealed_secret(doc, rng, ctx, keys):
    doc.extend(["apiVersion: bitnami.com/v1alpha1", "kind: SealedSecret", "metadata:", "  name: %s-secrets" % ctx["app"], "spec:", "  encryptedData:"])
    for k in ["DATABASE_URL", "STRIPE_SECRET_KEY", "JWT_SECRET"]:
        doc.decoy("    %s: Ag%s" % (k, b64(rbytes(rng, 300))), "sealed-secret")
    return "k8s/sealed-secrets.yaml"


def jasypt(doc, rng, ctx, keys):
    doc.extend(["spring.datasource.url=jdbc:postgresql://db:5432/%s" % ctx["app"], "spring.datasource.username=%s" % ctx["app"]])
    doc.decoy("spring.datasource.password=ENC(%s)" % b64(rbytes(rng, 48)), "jasypt-encrypted")
    doc.add("jasypt.encryptor.password=${JASYPT_ENCRYPTOR_PASSWORD}")
    return "src/main/resources/application-prod.properties"


def rails_credentials_enc(doc, rng, ctx, keys):
    doc.decoy("%s--%s--%s" % (b64(rbytes(rng, 400)), b64(rbytes(rng, 12)), b64(rbytes(rng, 16))), "rails-encrypted-credentials")
    return "config/credentials.yml.enc"


def redacted_log(doc, rng, ctx, keys):
    for _ in range(rng.randrange(4, 9)):
        doc.add("2024-11-0%dT1%d:00:00Z INFO  %s request ok" % (rng.randrange(1, 9), rng.randrange(10), ctx["app"]))
        if rng.random() < 0.5:
            doc.decoy(rng.choice(["2024-11-05T10:00:01Z DEBUG headers Authorization=Bearer ***",
                                  "2024-11-05T10:00:01Z DEBUG loaded STRIPE_SECRET_KEY=sk_live_****************************",
                                  "2024-11-05T10:00:01Z DEBUG token=ghp_****...****a1b2 (redacted)",
                                  "2024-11-05T10:00:01Z DEBUG AWS_SECRET_ACCESS_KEY=[REDACTED]",
                                  "2024-11-05T10:00:01Z DEBUG password=<hidden>"]), "redacted")
    return rng.choice(["logs/app.log", "logs/debug.log"])


def truncated_docs(doc, rng, ctx, keys):
    doc.extend(["# Rotating keys", "", "Keys are shown once. In the dashboard they look like this (truncated):", ""])
    doc.decoy("- OpenAI: `sk-proj-...%s`" % r(rng, ALNUM, 4), "truncated")
    doc.decoy("- Stripe: `sk_live_...%s`" % r(rng, ALNUM, 4), "truncated")
    doc.decoy("- GitHub: `ghp_****************************%s`" % r(rng, ALNUM, 4), "truncated")
    doc.extend(["", "Revoke the old key after the new one is deployed."])
    return "docs/rotation.md"


# ---------------------------------------------------------------------------
# random-looking data that is not a credential


def data_uri_css(doc, rng, ctx, keys):
    png = b"\x89PNG\r\n\x1a\n" + rbytes(rng, rng.randrange(200, 600))
    doc.extend([".logo {", "  width: 32px;", "  height: 32px;"])
    doc.decoy("  background-image: url(data:image/png;base64,%s);" % b64(png), "data-uri")
    doc.add("}")
    return rng.choice(["static/css/app.css", "src/styles/logo.css"])


def minified_js(doc, rng, ctx, keys):
    ids = ["_0x" + r(rng, HEX, 4) for _ in range(30)]
    parts = []
    for _ in range(40):
        strings = "[%s]" % ",".join('"%s"' % r(rng, B64URL, rng.randrange(6, 30)) for _ in range(8))
        parts.append("var %s=%s;" % (rng.choice(ids), rng.choice(["function(e){return e}", strings, str(rng.randrange(10**6))])))
    doc.add("!function(){" + "".join(parts) + "}();")
    doc.add("//# sourceMappingURL=app.%s.js.map" % r(rng, HEX, 8))
    return "static/js/app.%s.min.js" % r(rng, HEX, 8)


def crc_table(doc, rng, ctx, keys):
    doc.extend(["/* Generated CRC-32 table (polynomial 0xEDB88320). */", "static const unsigned int crc32_table[256] = {"])
    table = []
    for n in range(256):
        c = n
        for _ in range(8):
            c = 0xEDB88320 ^ (c >> 1) if c & 1 else c >> 1
        table.append("0x%08x" % c)
    for i in range(0, 256, 6):
        doc.add("    " + ", ".join(table[i:i + 6]) + ",")
    doc.add("};")
    return "src/crc32_table.h"


def hash_test_data(doc, rng, ctx, keys):
    doc.extend(["package hashutil", "", "var knownDigests = map[string]string{"])
    for w in ["", "a", "abc", "message digest", "hello world"]:
        doc.decoy('\t"%s": "%s",' % (w, hashlib.sha256(w.encode()).hexdigest()), "hash")
    doc.add("}")
    return "hashutil/testdata_test.go"


def resource_ids(doc, rng, ctx, keys):
    doc.extend(["# Infrastructure inventory (exported %s)" % "2024-11-20", ""])
    doc.add("| resource | id |")
    doc.add("|---|---|")
    for kind, mk in [("VPC", lambda: "vpc-0" + r(rng, HEX, 16)), ("Subnet", lambda: "subnet-0" + r(rng, HEX, 16)), ("SG", lambda: "sg-0" + r(rng, HEX, 16)),
                     ("EC2", lambda: "i-0" + r(rng, HEX, 16)), ("Twilio account", lambda: "AC" + r(rng, HEX, 32)), ("Slack channel", lambda: "C0" + r(rng, "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789", 9)),
                     ("GA property", lambda: "G-" + r(rng, "ABCDEFGHJKLMNPQRSTUVWXYZ0123456789", 10)), ("S3 ETag", lambda: hashlib.md5(rbytes(rng, 8)).hexdigest())]:
        doc.decoy("| %s | `%s` |" % (kind, mk()), "identifier")
    return rng.choice(["docs/inventory.md", "ops/resources.md"])


def protobuf_descriptor(doc, rng, ctx, keys):
    doc.extend(["# -*- coding: utf-8 -*-", "# Generated by the protocol buffer compiler.  DO NOT EDIT!", "from google.protobuf import descriptor_pool as _descriptor_pool", ""])
    blob = "".join("\\x%02x" % b for b in rbytes(rng, 120)) + "".join(chr(rng.randrange(97, 123)) for _ in range(30))
    doc.decoy("DESCRIPTOR = _descriptor_pool.Default().AddSerializedFile(b'%s')" % blob, "serialized-descriptor")
    return "gen/api_pb2.py"


def webpack_manifest(doc, rng, ctx, keys):
    m = {"main.js": "/static/js/main.%s.js" % r(rng, HEX, 8), "main.css": "/static/css/main.%s.css" % r(rng, HEX, 8), "runtime.js": "/static/js/runtime.%s.js" % r(rng, HEX, 20)}
    doc.add(json.dumps({"files": m, "entrypoints": list(m.values()), "buildId": r(rng, B64URL, 21)}, indent=2))
    return "build/asset-manifest.json"


def random_seeds(doc, rng, ctx, keys):
    doc.extend(["experiment:", "  name: churn-v%d" % rng.randrange(2, 9), "  seed: %d" % rng.randrange(10**9), "  run_id: %s" % r(rng, HEX, 32),
                "  dataset_hash: %s" % hashlib.sha256(rbytes(rng, 8)).hexdigest(), "model:", "  lr: 0.0003", "  batch_size: 256"])
    return rng.choice(["configs/experiment.yaml", "train/config.yml"])


# name -> (generator, weight)
DECOY_CATEGORIES = {
    "placeholder-code": (flavoured("placeholder"), 60),
    "env-template": (env_template, 40),
    "reference": (flavoured("reference"), 55),
    "public-or-identifier-values": (flavoured("ids"), 20),
    "documented-example": (None, 45),
    "public-client-config": (None, 20),
    "lockfile": (None, 45),
    "uuid-hash": (None, 45),
    "public-key-certificate": (None, 40),
    "encrypted-redacted": (None, 40),
    "random-looking": (None, 40),
}

SUBGENERATORS = {
    "documented-example": [doc_aws, doc_jwt, doc_test_vectors, doc_stripe, code_with_examples, flavoured("example")],
    "public-client-config": [sentry_client, public_html, algolia_search],
    "lockfile": [package_lock, yarn_lock, pnpm_lock, cargo_lock, poetry_lock, requirements_hashes, go_sum, composer_lock, flake_lock, nuget_lock, gradle_verification],
    "uuid-hash": [sha256sums, uuid_migration, sln_file, pbxproj, k8s_digests, git_log, fixtures_ids, csp_headers],
    "public-key-certificate": [ssh_pub, authorized_keys, known_hosts, cert_pem, public_pem, jwks, pgp_public, saml_metadata, tls_crt_configmap],
    "encrypted-redacted": [sops_file, ansible_vault, sealed_secret, jasypt, rails_credentials_enc, redacted_log, truncated_docs],
    "random-looking": [data_uri_css, minified_js, crc_table, hash_test_data, resource_ids, protobuf_descriptor, webpack_manifest, random_seeds],
}

