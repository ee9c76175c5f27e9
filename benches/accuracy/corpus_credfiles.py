"""Credential files in their real formats: .netrc, .pgpass, .git-credentials,
.htpasswd, shadow, docker config.json, FileZilla, sftp-config.json, .s3cfg,
rclone.conf, my.cnf, Rails master.key, kubeconfig, SQL dumps with password
hashes, Firefox logins.json, PuTTY .ppk, service-account JSON, tool
credential files (.npmrc, .pypirc, gh, terraform, gem, cargo, composer)."""

import base64
import hashlib
import hmac
import json

import corpus_crypto as cc
import corpus_tokens as T
from corpus_doc import dq
from corpus_filler import DOMAINS, HOSTS, NAMES, USERS
from corpus_special import human_password, url_password
from corpus_tokens import ALNUM, HEX, r, rbytes, uuid4

CRYPT64 = "./0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
BCRYPT64 = "./ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"


def lab(secret, fmt, provider=None, **kw):
    d = {"kind": "credential-file", "secret": secret, "format": fmt}
    if provider:
        d["provider"] = provider
    d.update(kw)
    return d


def sha512crypt(rng):
    return "$6$%s$%s" % (r(rng, CRYPT64, 16), r(rng, CRYPT64, 86))


def yescrypt(rng):
    return "$y$j9T$%s$%s" % (r(rng, CRYPT64, 22), r(rng, CRYPT64, 43))


def bcrypt_hash(rng, prefix="$2y$"):
    return "%s%02d$%s" % (prefix, rng.choice([10, 12]), r(rng, BCRYPT64, 53))


def apr1(rng):
    return "$apr1$%s$%s" % (r(rng, CRYPT64, 8), r(rng, CRYPT64, 22))


def phpass(rng):
    # "$P$", the iteration-count character, 8 salt and 22 hash characters:
    # 34 in all, as WordPress stores them.
    return "$P$B" + r(rng, CRYPT64, 30)


def mysql_native(pw):
    return "*" + hashlib.sha1(hashlib.sha1(pw.encode()).digest()).hexdigest().upper()


def scram_sha256(pw, rng):
    salt = rbytes(rng, 16)
    salted = hashlib.pbkdf2_hmac("sha256", pw.encode(), salt, 4096)
    client_key = hmac.new(salted, b"Client Key", hashlib.sha256).digest()
    stored = hashlib.sha256(client_key).digest()
    server = hmac.new(salted, b"Server Key", hashlib.sha256).digest()
    b = lambda x: base64.b64encode(x).decode()  # noqa: E731
    return "SCRAM-SHA-256$4096:%s$%s:%s" % (b(salt), b(stored), b(server))


def django_pbkdf2(rng):
    return "pbkdf2_sha256$600000$%s$%s" % (r(rng, ALNUM, 22), base64.b64encode(rbytes(rng, 32)).decode())


def email(rng):
    return "%s@%s" % (rng.choice(NAMES), rng.choice(DOMAINS))


# ---------------------------------------------------------------------------


def netrc(doc, rng, ctx, keys):
    entries = [("api.heroku.com", email(rng), T.uuid4(rng), "heroku"), ("git.heroku.com", email(rng), T.uuid4(rng), "heroku"),
               ("github.com", rng.choice(NAMES), T.github_classic(rng, "ghp_"), "github"), ("ftp.%s" % rng.choice(DOMAINS), rng.choice(USERS), human_password(rng), None),
               ("urs.earthdata.nasa.gov", rng.choice(NAMES), human_password(rng), None)]
    for host, login, pw, prov in rng.sample(entries, rng.randrange(1, 4)):
        if rng.random() < 0.5:
            doc.add("machine %s" % host)
            doc.add("  login %s" % login)
            doc.secret("  password %s" % pw, lab(pw, "netrc", prov))
        else:
            doc.secret("machine %s login %s password %s" % (host, login, pw), lab(pw, "netrc", prov))


def pgpass(doc, rng, ctx, keys):
    doc.add("# hostname:port:database:username:password")
    for _ in range(rng.randrange(1, 4)):
        pw = url_password(rng).replace(":", "").replace("\\", "")
        doc.secret("%s:5432:%s:%s:%s" % (rng.choice(HOSTS), rng.choice(["*", "orders", "analytics", "postgres"]), rng.choice(USERS), pw), lab(pw, "pgpass"))


def git_credentials(doc, rng, ctx, keys):
    for _ in range(rng.randrange(1, 3)):
        k = rng.randrange(3)
        if k == 0:
            tok, host, prov = T.github_classic(rng, "ghp_"), "github.com", "github"
        elif k == 1:
            tok, host, prov = "glpat-" + r(rng, T.B64URL, 20), "gitlab.com", "gitlab"
        else:
            tok, host, prov = "ATBB" + r(rng, ALNUM, 32), "bitbucket.org", "bitbucket"
        doc.secret("https://%s:%s@%s" % (rng.choice(NAMES), tok, host), lab(tok, "git-credentials", prov))


def htpasswd(doc, rng, ctx, keys):
    for name in rng.sample(NAMES, rng.randrange(2, 5)):
        h = rng.choice([bcrypt_hash(rng), apr1(rng), "{SHA}" + base64.b64encode(rbytes(rng, 20)).decode()])
        doc.secret("%s:%s" % (name, h), lab(h, "htpasswd"))


def shadow(doc, rng, ctx, keys):
    for sysuser in ["daemon", "bin", "sys", "sync", "games", "man", "lp", "mail", "news", "www-data", "backup", "nobody", "systemd-network", "sshd"]:
        doc.add("%s:*:19%03d:0:99999:7:::" % (sysuser, rng.randrange(100, 999)))
    h = sha512crypt(rng)
    doc.lines.insert(0, "root:%s:19%03d:0:99999:7:::" % (h, rng.randrange(100, 999)))
    doc.secrets.append(dict(lab(h, "shadow"), line=1, end_line=1))
    for name in rng.sample(NAMES, rng.randrange(1, 3)):
        h = rng.choice([sha512crypt(rng), yescrypt(rng)])
        doc.secret("%s:%s:19%03d:0:99999:7:::" % (name, h, rng.randrange(100, 999)), lab(h, "shadow"))
    doc.add("postgres:!:19%03d::::::" % rng.randrange(100, 999))


def docker_config(doc, rng, ctx, keys):
    doc.add("{")
    doc.add('\t"auths": {')
    regs = rng.sample([("https://index.docker.io/v1/", lambda: "dckr_pat_" + r(rng, T.B64URL, 27), "dockerhub"),
                       ("ghcr.io", lambda: T.github_classic(rng, "ghp_"), "github"),
                       ("registry.gitlab.com", lambda: "glpat-" + r(rng, T.B64URL, 20), "gitlab"),
                       ("%s.dkr.ecr.us-east-1.amazonaws.com" % rng.randrange(10**11, 10**12), lambda: human_password(rng), None),
                       ("registry.%s" % rng.choice(DOMAINS), lambda: human_password(rng), None)], rng.randrange(1, 4))
    for i, (reg, mk, prov) in enumerate(regs):
        pw = mk()
        auth = base64.b64encode(("%s:%s" % (rng.choice(NAMES), pw)).encode()).decode()
        doc.add('\t\t"%s": {' % reg)
        doc.secret('\t\t\t"auth": "%s"' % auth, lab(pw, "docker-config-auth", prov, encoded=auth))
        doc.add("\t\t}" + ("," if i < len(regs) - 1 else ""))
    doc.add("\t},")
    doc.add('\t"currentContext": "default"')
    doc.add("}")


def filezilla(doc, rng, ctx, keys):
    doc.extend(['<?xml version="1.0" encoding="UTF-8"?>', '<FileZilla3 version="3.66.4" platform="windows">', "\t<Servers>"])
    for _ in range(rng.randrange(1, 3)):
        pw = human_password(rng)
        doc.extend(["\t\t<Server>", "\t\t\t<Host>%s</Host>" % rng.choice(["ftp." + rng.choice(DOMAINS), "sftp.partner.example-corp.com", "203.0.113.%d" % rng.randrange(2, 250)]),
                    "\t\t\t<Port>%d</Port>" % rng.choice([21, 22]), "\t\t\t<Protocol>%d</Protocol>" % rng.choice([0, 1]), "\t\t\t<Type>0</Type>",
                    "\t\t\t<User>%s</User>" % rng.choice(USERS)])
        enc = base64.b64encode(pw.encode()).decode()
        doc.secret('\t\t\t<Pass encoding="base64">%s</Pass>' % enc, lab(pw, "filezilla-xml", encoded=enc))
        doc.extend(["\t\t\t<Logontype>1</Logontype>", "\t\t\t<Name>%s</Name>" % rng.choice(["prod", "staging", "client upload"]), "\t\t</Server>"])
    doc.extend(["\t</Servers>", "</FileZilla3>"])


def sftp_config(doc, rng, ctx, keys):
    pw = human_password(rng)
    doc.extend(["{", "    // The tab key will cycle through the settings when first created", '    "type": "sftp",', "", '    "save_before_upload": true,',
                '    "upload_on_save": true,', '    "sync_down_on_open": false,', '    "ignore_regexes": [', '        "\\\\.sublime-(project|workspace)", "sftp-config(-alt\\\\d?)?\\\\.json",', "    ],", "",
                '    "host": "%s",' % rng.choice(["web01." + rng.choice(DOMAINS), "198.51.100.%d" % rng.randrange(2, 250)]), '    "user": "%s",' % rng.choice(USERS)])
    doc.secret('    "password": %s,' % dq(pw), lab(pw, "sftp-config-json"))
    doc.extend(['    "port": "22",', "", '    "remote_path": "/var/www/html/",', '    "file_permissions": "664",', '    "connect_timeout": 30,', "}"])


def s3cfg(doc, rng, ctx, keys):
    secret = T.aws_secret(rng)
    doc.add("[default]")
    doc.companion("access_key = %s" % T.aws_key_id(rng), "aws key id")
    doc.extend(["access_token = ", "add_encoding_exts = ", "bucket_location = US", "check_ssl_certificate = True", "default_mime_type = binary/octet-stream",
                "enable_multipart = True", "encoding = UTF-8", "gpg_command = /usr/bin/gpg", "host_base = s3.amazonaws.com", "host_bucket = %(bucket)s.s3.amazonaws.com",
                "multipart_chunk_size_mb = 15"])
    doc.secret("secret_key = %s" % secret, lab(secret, "s3cfg", "aws"))
    doc.extend(["signature_v2 = False", "use_https = True", "verbosity = WARNING"])


def rclone_conf(doc, rng, ctx, keys):
    doc.extend(["[backup-sftp]", "type = sftp", "host = %s" % rng.choice(HOSTS), "user = %s" % rng.choice(USERS)])
    obscured = base64.urlsafe_b64encode(rbytes(rng, 16 + rng.randrange(10, 20))).rstrip(b"=").decode()
    doc.secret("pass = %s" % obscured, lab(obscured, "rclone-obscured-pass"))
    doc.extend(["", "[s3-archive]", "type = s3", "provider = AWS", "env_auth = false"])
    doc.companion("access_key_id = %s" % T.aws_key_id(rng), "aws key id")
    secret = T.aws_secret(rng)
    doc.secret("secret_access_key = %s" % secret, lab(secret, "rclone-s3", "aws"))
    doc.extend(["region = eu-west-1", "acl = private"])
    if rng.random() < 0.5:
        tok = {"access_token": "ya29.a0" + r(rng, T.B64URL, 150), "token_type": "Bearer", "refresh_token": "1//0" + r(rng, T.ALPHA, 2) + r(rng, T.B64URL, 97), "expiry": "2024-11-30T12:41:09.5133+01:00"}
        doc.extend(["", "[gdrive]", "type = drive", "scope = drive"])
        doc.secret("token = %s" % json.dumps(tok, separators=(",", ":")), lab(tok["refresh_token"], "rclone-oauth-token", "gcp"))


def my_cnf(doc, rng, ctx, keys):
    pw = human_password(rng)
    doc.extend(["[client]", "user=%s" % rng.choice(USERS)])
    doc.secret("password=%s" % (pw if " " not in pw and "#" not in pw else '"%s"' % pw), lab(pw, "my-cnf"))
    doc.extend(["host=%s" % rng.choice(HOSTS), "", "[mysqldump]", "single-transaction", "quick"])


def master_key(doc, rng, ctx, keys):
    k = r(rng, HEX, 32)
    doc.secret(k, lab(k, "rails-master-key"))


def kubeconfig(doc, rng, ctx, keys):
    cluster = rng.choice(["prod-eu", "staging", "gke_acme_europe-west1_main", "arn:aws:eks:us-east-1:123456789012:cluster/main"])
    ca = cc.self_signed_cert_pem(keys["cert"][0], "kubernetes", "kubernetes", rng.randrange(10**6))
    doc.extend(["apiVersion: v1", "kind: Config", "clusters:", "- cluster:", "    certificate-authority-data: %s" % base64.b64encode(ca.encode()).decode(),
                "    server: https://%s:6443" % rng.choice(["10.0.0.1", "k8s.%s" % rng.choice(DOMAINS)]), "  name: %s" % cluster, "contexts:", "- context:",
                "    cluster: %s" % cluster, "    user: admin", "  name: %s" % cluster, "current-context: %s" % cluster, "preferences: {}", "users:", "- name: admin", "  user:"])
    doc.decoys.append({"line": 5, "end_line": 5, "what": "certificate-authority-data (public CA certificate)"})
    if rng.random() < 0.5:
        from corpus_special import make_jwt
        tok = make_jwt(rng, keys)[0]
        doc.secret("    token: %s" % tok, lab(tok, "kubeconfig-token", "kubernetes"))
    else:
        cert = cc.self_signed_cert_pem(keys["cert"][1], "admin", "system:masters", rng.randrange(10**6))
        doc.decoy("    client-certificate-data: %s" % base64.b64encode(cert.encode()).decode(), "client certificate (public)")
        pem = cc.ec_sec1_pem(cc.ECKey(rng))
        enc = base64.b64encode(pem.encode()).decode()
        doc.secret("    client-key-data: %s" % enc, lab(pem.split("\n")[1], "kubeconfig-client-key", "kubernetes", encoded="base64 of EC PRIVATE KEY"))


def sql_password_hashes(doc, rng, ctx, keys):
    flavour = rng.choice(["wordpress", "django", "mysql", "postgres"])
    if flavour == "wordpress":
        doc.extend(["-- WordPress database dump", "", "DROP TABLE IF EXISTS `wp_users`;", "CREATE TABLE `wp_users` (", "  `ID` bigint unsigned NOT NULL AUTO_INCREMENT,",
                    "  `user_login` varchar(60) NOT NULL DEFAULT '',", "  `user_pass` varchar(255) NOT NULL DEFAULT '',", "  `user_email` varchar(100) NOT NULL DEFAULT '',",
                    "  PRIMARY KEY (`ID`)", ") ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;", "", "INSERT INTO `wp_users` VALUES"])
        names = rng.sample(NAMES, rng.randrange(2, 5))
        for i, n in enumerate(names):
            h = phpass(rng)
            doc.secret("(%d,'%s','%s','%s@%s')%s" % (i + 1, n, h, n, rng.choice(DOMAINS), ";" if i == len(names) - 1 else ","), lab(h, "sql-dump-password-hash", hash="phpass"))
    elif flavour == "django":
        doc.extend(["--", "-- PostgreSQL database dump", "--", "", "COPY public.auth_user (id, password, last_login, is_superuser, username, email, is_staff, is_active, date_joined) FROM stdin;"])
        for i, n in enumerate(rng.sample(NAMES, rng.randrange(2, 5))):
            h = django_pbkdf2(rng)
            doc.secret("%d\t%s\t2024-10-0%d 10:00:00+00\t%s\t%s\t%s@%s\tt\tt\t2023-01-01 00:00:00+00" % (i + 1, h, rng.randrange(1, 9), "t" if i == 0 else "f", n, n, rng.choice(DOMAINS)),
                       lab(h, "sql-dump-password-hash", hash="django-pbkdf2"))
        doc.add("\\.")
    elif flavour == "mysql":
        doc.extend(["-- mysqldump of mysql.user", "LOCK TABLES `user` WRITE;"])
        for u in rng.sample(USERS, rng.randrange(2, 4)):
            pw = human_password(rng)
            h = mysql_native(pw)
            doc.secret("INSERT INTO `user` (`Host`,`User`,`authentication_string`,`plugin`) VALUES ('%%','%s','%s','mysql_native_password');" % (u, h), lab(h, "sql-dump-password-hash", hash="mysql-native"))
        doc.add("UNLOCK TABLES;")
    else:
        doc.extend(["--", "-- PostgreSQL database cluster dump", "--", "", "SET default_transaction_read_only = off;", ""])
        for u in rng.sample(USERS, rng.randrange(2, 4)):
            doc.add("CREATE ROLE %s;" % u)
            h = scram_sha256(human_password(rng), rng)
            doc.secret("ALTER ROLE %s WITH NOSUPERUSER INHERIT NOCREATEROLE NOCREATEDB LOGIN NOREPLICATION NOBYPASSRLS PASSWORD '%s';" % (u, h), lab(h, "sql-dump-password-hash", hash="scram-sha-256"))


def nss_login_field(rng, ciphertext_len):
    """An encrypted logins.json field as Firefox writes it: base64 of DER
    SEQUENCE { OCTET STRING key id, SEQUENCE { OID des-ede3-cbc, OCTET
    STRING iv }, OCTET STRING ciphertext }, with NSS's fixed key id."""
    def der(tag, body):
        return bytes([tag, len(body)]) + body
    key_id = bytes.fromhex("f8000000000000000000000000000001")
    des3_cbc = bytes.fromhex("2a864886f70d0307")
    algorithm = der(0x30, der(0x06, des3_cbc) + der(0x04, rbytes(rng, 8)))
    return base64.b64encode(der(0x30, der(0x04, key_id) + algorithm + der(0x04, rbytes(rng, ciphertext_len)))).decode()


def logins_json(doc, rng, ctx, keys):
    logins = []
    for i in range(rng.randrange(1, 4)):
        logins.append({"id": i + 1, "hostname": "https://%s" % rng.choice(["intranet." + rng.choice(DOMAINS), "jenkins.corp.local", "grafana." + rng.choice(DOMAINS)]),
                       "httpRealm": None, "formSubmitURL": "", "usernameField": "username", "passwordField": "password",
                       "encryptedUsername": nss_login_field(rng, 16),
                       "encryptedPassword": nss_login_field(rng, 24),
                       "guid": "{%s}" % uuid4(rng), "encType": 1, "timeCreated": 1700000000000 + rng.randrange(10**9), "timeLastUsed": 1710000000000, "timePasswordChanged": 1700000000000, "timesUsed": rng.randrange(1, 80)})
    body = {"nextId": len(logins) + 1, "logins": logins, "potentiallyVulnerablePasswords": [], "dismissedBreachAlertsByLoginGUID": {}, "version": 3}
    text = json.dumps(body, separators=(",", ":"))
    doc.secret(text, lab(logins[0]["encryptedPassword"], "firefox-logins-json"))


def ppk(doc, rng, ctx, keys):
    if rng.random() < 0.5:
        k, v = cc.Ed25519Key(rng), 3
    else:
        k, v = keys["rsa"].pop(), 2
    text = cc.putty_ppk(k, "%s@%s" % (rng.choice(NAMES), rng.choice(["workstation", "laptop"])), v).rstrip("\n")
    lines = text.split("\n")
    start = next(i for i, l in enumerate(lines) if l.startswith("Private-Lines:"))
    doc.extend(lines)
    doc.secrets.append(dict(lab(lines[start + 1], "putty-ppk", ppk_version=v), line=start + 2, end_line=len(lines)))


def service_account(rng, keys, project=None):
    project = project or "%s-%d" % (rng.choice(["acme", "northwind", "data-platform", "ml-prod"]), rng.randrange(100000, 999999))
    key = keys["rsa"].pop()
    name = rng.choice(["deployer", "ci-runner", "bigquery-loader", "firebase-adminsdk-" + r(rng, T.ALNUM_L, 5)])
    sa = {"type": "service_account", "project_id": project, "private_key_id": r(rng, HEX, 40), "private_key": cc.rsa_pkcs8_pem(key),
          "client_email": "%s@%s.iam.gserviceaccount.com" % (name, project), "client_id": str(rng.randrange(10**20, 10**21)),
          "auth_uri": "https://accounts.google.com/o/oauth2/auth", "token_uri": "https://oauth2.googleapis.com/token",
          "auth_provider_x509_cert_url": "https://www.googleapis.com/oauth2/v1/certs",
          "client_x509_cert_url": "https://www.googleapis.com/robot/v1/metadata/x509/%s%%40%s.iam.gserviceaccount.com" % (name, project), "universe_domain": "googleapis.com"}
    return sa


def gcp_sa_json(doc, rng, ctx, keys):
    sa = service_account(rng, keys)
    text = json.dumps(sa, indent=2)
    start = len(doc.lines) + 1
    doc.add(text)
    for i, line in enumerate(text.split("\n")):
        if line.strip().startswith('"private_key":'):
            doc.label_existing("secret", start + i, start + i, lab(sa["private_key"].split("\n")[1], "gcp-service-account-json", "gcp"))
        if line.strip().startswith('"private_key_id":'):
            doc.label_existing("companion", start + i, start + i, {"what": "private_key_id"})


def aws_credentials(doc, rng, ctx, keys):
    for profile in ["default"] + rng.sample(["prod", "staging", "ci", "personal"], rng.randrange(0, 2)):
        doc.add("[%s]" % profile)
        doc.companion("aws_access_key_id = %s" % T.aws_key_id(rng), "aws key id")
        s = T.aws_secret(rng)
        doc.secret("aws_secret_access_key = %s" % s, lab(s, "aws-credentials", "aws"))
        if rng.random() < 0.3:
            doc.add("region = us-east-1")
        doc.add("")


def npmrc(doc, rng, ctx, keys):
    tok = T.npm_token(rng)
    doc.add("registry=https://registry.npmjs.org/")
    doc.secret("//registry.npmjs.org/:_authToken=%s" % tok, lab(tok, "npmrc", "npm"))
    if rng.random() < 0.5:
        gh = T.github_classic(rng, "ghp_")
        doc.add("@%s:registry=https://npm.pkg.github.com" % ctx["org"])
        doc.secret("//npm.pkg.github.com/:_authToken=%s" % gh, lab(gh, "npmrc", "github"))
    doc.add("save-exact=true")


def pypirc(doc, rng, ctx, keys):
    tok = T.pypi_token(rng)
    doc.extend(["[distutils]", "index-servers =", "    pypi", "    testpypi", "", "[pypi]", "username = __token__"])
    doc.secret("password = %s" % tok, lab(tok, "pypirc", "pypi"))
    doc.extend(["", "[testpypi]", "repository = https://test.pypi.org/legacy/", "username = __token__", "password = ${TEST_PYPI_TOKEN}"])
    doc.decoys.append({"line": len(doc.lines), "end_line": len(doc.lines), "what": "reference"})


def gh_hosts(doc, rng, ctx, keys):
    tok = T.github_classic(rng, "gho_")
    doc.extend(["github.com:", "    users:", "        %s:" % rng.choice(NAMES)])
    doc.secret("            oauth_token: %s" % tok, lab(tok, "gh-hosts-yml", "github"))
    doc.add("    git_protocol: https")
    doc.add("    user: %s" % rng.choice(NAMES))


def tfrc(doc, rng, ctx, keys):
    tok = r(rng, ALNUM, 14) + ".atlasv1." + r(rng, ALNUM, 67)
    doc.extend(["{", '  "credentials": {', '    "app.terraform.io": {'])
    doc.secret('      "token": "%s"' % tok, lab(tok, "terraform-credentials", "terraform"))
    doc.extend(["    }", "  }", "}"])


def gem_credentials(doc, rng, ctx, keys):
    tok = "rubygems_" + r(rng, HEX, 48)
    doc.add("---")
    doc.secret(":rubygems_api_key: %s" % tok, lab(tok, "gem-credentials", "rubygems"))


def cargo_credentials(doc, rng, ctx, keys):
    tok = "cio" + r(rng, ALNUM, 32)
    doc.add("[registry]")
    doc.secret('token = "%s"' % tok, lab(tok, "cargo-credentials", "cratesio"))


def composer_auth(doc, rng, ctx, keys):
    gh = T.github_classic(rng, "ghp_")
    pw = r(rng, HEX, 40)
    doc.extend(["{", '    "http-basic": {', '        "repo.packagist.com": {', '            "username": "token",'])
    doc.secret('            "password": "%s"' % pw, lab(pw, "composer-auth-json", "packagist"))
    doc.extend(["        }", "    },", '    "github-oauth": {'])
    doc.secret('        "github.com": "%s"' % gh, lab(gh, "composer-auth-json", "github"))
    doc.extend(["    }", "}"])


def vault_token(doc, rng, ctx, keys):
    tok = T.hvs_long(rng) if rng.random() < 0.5 else "hvs." + r(rng, ALNUM, 24)
    doc.secret(tok, lab(tok, "vault-token-file", "vault"))


def boto_cfg(doc, rng, ctx, keys):
    doc.add("[Credentials]")
    doc.companion("aws_access_key_id = %s" % T.aws_key_id(rng), "aws key id")
    s = T.aws_secret(rng)
    doc.secret("aws_secret_access_key = %s" % s, lab(s, "boto", "aws"))
    doc.extend(["", "[Boto]", "https_validate_certificates = True", "", "[GSUtil]", "default_project_id = %s" % ctx["app"]])


CREDENTIAL_FILES = [
    ("netrc", netrc, [".netrc", "home/.netrc", "_netrc"], 3),
    ("pgpass", pgpass, [".pgpass", "home/.pgpass"], 3),
    ("git-credentials", git_credentials, [".git-credentials"], 4),
    ("htpasswd", htpasswd, [".htpasswd", "nginx/.htpasswd", "conf/htpasswd"], 3),
    ("shadow", shadow, ["etc/shadow", "backup/shadow.bak"], 2),
    ("docker-config", docker_config, [".docker/config.json", "ci/docker-config.json"], 4),
    ("filezilla", filezilla, ["FileZilla/sitemanager.xml", "filezilla/recentservers.xml"], 3),
    ("sftp-config", sftp_config, ["sftp-config.json"], 2),
    ("s3cfg", s3cfg, [".s3cfg"], 2),
    ("rclone", rclone_conf, ["rclone.conf", ".config/rclone/rclone.conf"], 2),
    ("my-cnf", my_cnf, [".my.cnf", "my.cnf", "mysql/conf.d/client.cnf"], 3),
    ("master-key", master_key, ["config/master.key", "config/credentials/production.key"], 2),
    ("kubeconfig", kubeconfig, ["kubeconfig", ".kube/config", "kubeconfig.yaml"], 4),
    ("sql-hashes", sql_password_hashes, ["db/users.sql", "backup/prod.sql", "dump.sql"], 4),
    ("logins-json", logins_json, ["firefox-profile/logins.json"], 2),
    ("ppk", ppk, ["keys/server.ppk", "putty/deploy.ppk"], 3),
    ("gcp-sa", gcp_sa_json, ["service-account.json", "credentials/gcp-key.json", "firebase-adminsdk.json"], 4),
    ("aws-credentials", aws_credentials, [".aws/credentials", "aws/credentials"], 4),
    ("npmrc", npmrc, [".npmrc"], 3),
    ("pypirc", pypirc, [".pypirc"], 2),
    ("gh-hosts", gh_hosts, [".config/gh/hosts.yml"], 1),
    ("tfrc", tfrc, [".terraform.d/credentials.tfrc.json"], 1),
    ("gem", gem_credentials, [".gem/credentials"], 1),
    ("cargo", cargo_credentials, [".cargo/credentials.toml"], 1),
    ("composer", composer_auth, ["auth.json"], 1),
    ("vault-token", vault_token, [".vault-token"], 1),
    ("boto", boto_cfg, [".boto"], 1),
]
