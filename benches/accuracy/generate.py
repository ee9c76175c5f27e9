#!/usr/bin/env python3
"""Writes leakhound's realistic accuracy corpus and its ground truth.

usage: benches/accuracy/generate.py OUT_DIR

OUT_DIR/corpus/     whole files in about 120 made-up projects: positive files
                    (secrets from ~160 providers in their real formats, human
                    passwords, URIs with credentials, private keys, signed
                    JWTs, encoded secrets, credential files) and decoy files
                    (no secret at all)
OUT_DIR/credrepo/   a repository of typical credential files (dotfiles,
                    configuration, dumps) with labelled risk lines
OUT_DIR/truth.json  ground truth for both (see README.md)

Deterministic: the same seed gives byte-identical output on every run and
machine (Python 3.11 standard library only; keys come from seeded
pure-Python prime search, EC and Ed25519 arithmetic).
"""

import json
import os
import random
import shutil
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

import corpus_credfiles as CF  # noqa: E402
import corpus_crypto as cc  # noqa: E402
import corpus_decoys as D  # noqa: E402
import corpus_positive as POS  # noqa: E402
import corpus_special as SP  # noqa: E402
import corpus_tokens as T  # noqa: E402
from corpus_doc import Doc, upper_snake  # noqa: E402
from corpus_filler import APP_WORDS, NAMES  # noqa: E402

SEED = 20261205
VERSION = 1


def sub(name):
    """An independent random stream per part, so parts do not shift each other."""
    return random.Random("%d:%s" % (SEED, name))


class RSAPool:
    """RSA-2048 keys made on demand from one seeded stream (in pop order)."""

    def __init__(self, rng):
        self.rng = rng
        self.made = 0

    def pop(self):
        self.made += 1
        return cc.RSAKey(2048, self.rng)


def make_keys():
    rng = sub("keys")
    return {
        "rsa": RSAPool(sub("rsa-pool")),
        "rsa_sign": [cc.RSAKey(2048, rng) for _ in range(2)],
        "ec_sign": [cc.ECKey(rng) for _ in range(2)],
        "ed_sign": [cc.Ed25519Key(rng) for _ in range(2)],
        "cert": [cc.RSAKey(2048, rng) for _ in range(4)],
    }


def ftype_of(path):
    base = os.path.basename(path)
    ext = os.path.splitext(base)[1].lower().lstrip(".")
    if base.startswith(".env") or base.endswith(".env") or base == "env.dist":
        return "env"
    if base.startswith("Dockerfile"):
        return "dockerfile"
    table = {"yml": "yaml", "yaml": "yaml", "json": "json", "ini": "ini", "cfg": "ini", "conf": "conf", "properties": "properties", "tf": "tf",
             "tfvars": "tf", "xml": "xml", "config": "xml", "publishsettings": "xml", "ipynb": "ipynb", "log": "log", "out": "log", "sql": "sql", "py": "py", "js": "js",
             "ts": "ts", "go": "go", "java": "java", "kt": "kt", "cs": "cs", "rb": "rb", "php": "php", "rs": "rs", "swift": "swift", "sh": "sh",
             "toml": "toml", "md": "md", "http": "http", "pem": "pem", "key": "pem", "p8": "pem", "crt": "pem", "pub": "pem", "asc": "pgp",
             "ppk": "ppk", "lock": "lock", "sum": "lock", "txt": "txt", "html": "html", "css": "css", "h": "c", "sln": "sln", "pbxproj": "pbxproj",
             "cnf": "ini", "enc": "enc"}
    if ext in table:
        return table[ext]
    if base == "master.key" or "config/credentials/" in path:
        return "rails-key"
    special = {"id_rsa": "pem", "id_ed25519": "pem", "id_ecdsa": "pem", "deploy_key": "pem", "kubeconfig": "yaml", "credentials": "ini",
               "authorized_keys": "ssh", "known_hosts": "ssh", "htpasswd": "htpasswd", ".htpasswd": "htpasswd", "shadow": "shadow", "shadow.bak": "shadow",
               "gitconfig": "gitconfig", ".gitconfig": "gitconfig", "SHA256SUMS": "txt", "KEYS": "pgp", "Brewfile": "ruby"}
    if base in special:
        return special[base]
    return "dotfile" if base.startswith(".") or base.startswith("_") else (ext or "none")


def provider_items(rng_name, scale=1.0):
    """One item per secret of every provider format, by the format's weight."""
    rng = sub(rng_name)
    items = []
    for p, f in T.all_formats():
        for _ in range(max(1, round(f.weight * scale)) if scale >= 1 else (1 if rng.random() < f.weight * scale else 0)):
            secret = f.gen(rng)
            var = rng.choice(f.vars)
            value = secret
            if f.wrap:
                wrapped = f.wrap(rng, secret)
                if wrapped:
                    var, value = rng.choice(wrapped[0]), wrapped[1]
            items.append({"kind": "provider-token" if f.prefixed else "prefixless", "provider": p.slug, "provider_name": p.name, "category": p.category,
                          "format": f.id, "secret": secret, "value": value, "checksum": f.checksum, "var": var,
                          "companion": f.companion(rng) if f.companion else None})
    return items


class Corpus:
    def __init__(self):
        self.files = []  # (relpath, Doc, role, category)
        self.projects = [("%s-%s" % (APP_WORDS[i % len(APP_WORDS)], ["api", "web", "worker", "infra", "tools", "svc"][i // len(APP_WORDS)])) for i in range(120)]
        self.taken = set()
        self.rng = sub("layout")

    def place(self, relpath, doc, role, category):
        """Put the file in a random project under its natural path."""
        for _ in range(50):
            proj = self.rng.choice(self.projects)
            path = "%s/%s" % (proj, relpath)
            if path not in self.taken:
                break
        else:
            n = 2
            while "%s/v%d/%s" % (proj, n, relpath) in self.taken:
                n += 1
            path = "%s/v%d/%s" % (proj, n, relpath)
        self.taken.add(path)
        doc.path = path
        self.files.append((path, doc, role, category))


def build_positive(corpus, keys):
    rng = sub("positive")
    ctx_rng = sub("positive-ctx")
    items = provider_items("provider-items")
    rng.shuffle(items)
    flavours = list(POS.FLAVOURS.items())
    weights = [f[1][3] for f in flavours]
    i = 0
    while i < len(items):
        name, (ftype, render, paths, _) = rng.choices(flavours, weights)[0]
        n = rng.choice([1, 1, 2, 2, 3, 4])
        chunk = distinct_names(items[i:i + n], rng)
        i += n
        ctx = POS.ctx_for(ctx_rng)
        doc = Doc("", ftype)
        render(doc, chunk, ctx, rng)
        corpus.place(rng.choice(paths), doc, "positive", "provider-token:" + name)

    def run_contexts(contexts, count, kind, make):
        for k in range(count):
            ftype, fn, paths = contexts[k % len(contexts)]
            ctx = POS.ctx_for(ctx_rng)
            doc = Doc("", ftype)
            path = make(doc, fn, ctx, paths)
            corpus.place(path, doc, "positive", kind)

    def pw(doc, fn, ctx, paths):
        style = fn(doc, rng, ctx)
        if paths is None:
            return {"properties": "src/main/resources/datasource.properties", "yaml": "src/main/resources/application.yml", "xml": "META-INF/context.xml"}[style]
        return rng.choice(paths)

    run_contexts(SP.PASSWORD_CONTEXTS, 86, "password", pw)

    def uri(doc, fn, ctx, paths):
        u, p = SP.make_uri(rng)
        fn(doc, rng, ctx, u, p)
        return rng.choice(paths)

    run_contexts(SP.URI_CONTEXTS, 50, "uri", uri)

    def jwt(doc, fn, ctx, paths):
        tok, fmt_, prov = SP.make_jwt(rng, keys)
        fn(doc, rng, ctx, tok, fmt_, prov)
        return rng.choice(paths)

    run_contexts(SP.JWT_CONTEXTS, 40, "jwt", jwt)

    def pk(doc, fn, ctx, paths):
        pem, f = SP.key_pem(rng, keys)
        fn(doc, rng, ctx, pem, f)
        path = rng.choice(paths)
        if "%s" in path:
            path = path % r10(rng)
        if path in ("id_ed25519", "id_rsa") and not f.startswith("openssh"):
            path = "keys/%s.pem" % rng.choice(["signing", "service", "client"])
        return path

    run_contexts(SP.PRIVATE_KEY_CONTEXTS, 56, "private-key", pk)

    # a PGP private key block and a few OpenSSH ECDSA keys
    for _ in range(3):
        doc = Doc("", "pgp")
        text = cc.pgp_private_block(keys["rsa"].pop(), "%s <%s@%s>" % (rng.choice(NAMES).capitalize(), rng.choice(NAMES), "acme.io"), 1690000000 + rng.randrange(10**7))
        doc.add(text.rstrip("\n"))
        doc.secrets.append({"kind": "private-key", "secret": text.split("\n")[2], "format": "pgp-private-key", "line": 1, "end_line": len(doc.lines)})
        corpus.place(rng.choice(["secring.asc", "keys/release-private.asc", "signing/private.asc"]), doc, "positive", "private-key")
    for _ in range(2):
        doc = Doc("", "pem")
        text = cc.openssh_private(cc.ECKey(rng), "ci@runner", rng)
        doc.add(text.rstrip("\n"))
        doc.secrets.append({"kind": "private-key", "secret": text.split("\n")[1], "format": "openssh-ecdsa", "line": 1, "end_line": len(doc.lines)})
        corpus.place(rng.choice(["id_ecdsa", "ci/id_ecdsa"]), doc, "positive", "private-key")
    # a certificate and its key in one PEM: the certificate is public, the key is not
    for _ in range(3):
        doc = Doc("", "pem")
        k = keys["rsa"].pop()
        doc.decoy(cc.self_signed_cert_pem(k, "www.%s" % rng.choice(["acme.io", "globex.com"]), "Acme", rng.randrange(10**8)).rstrip("\n"), "certificate")
        text = cc.rsa_pkcs8_pem(k).rstrip("\n")
        doc.secret(text, {"kind": "private-key", "secret": text.split("\n")[1], "format": "pem-pkcs8-rsa", "context": "cert+key bundle"})
        corpus.place(rng.choice(["ssl/bundle.pem", "certs/server-with-key.pem"]), doc, "positive", "private-key")

    # encoded secrets
    enc_items = provider_items("encoded-items", scale=0.14)
    rng.shuffle(enc_items)
    i = 0
    k = 0
    while i < len(enc_items):
        ftype, fn, paths, (lo, hi) = SP.ENCODED_CONTEXTS[k % len(SP.ENCODED_CONTEXTS)]
        k += 1
        n = rng.randrange(lo, hi + 1)
        chunk = enc_items[i:i + n]
        i += n
        ctx = POS.ctx_for(ctx_rng)
        doc = Doc("", ftype)
        fn(doc, rng, ctx, chunk)
        corpus.place(rng.choice(paths), doc, "positive", "encoded")
    for _ in range(3):
        sa = CF.service_account(rng, keys)
        doc = Doc("", "env")
        SP.enc_base64_json(doc, rng, POS.ctx_for(ctx_rng), json.dumps(sa, indent=2), sa["private_key"].split("\n")[1])
        corpus.place(".env.ci", doc, "positive", "encoded")

    # credential files
    for name, fn, paths, count in CF.CREDENTIAL_FILES:
        for _ in range(count):
            doc = Doc("", "")
            fn(doc, rng, POS.ctx_for(ctx_rng), keys)
            corpus.place(rng.choice(paths), doc, "positive", "credential-file:" + name)


def distinct_names(chunk, rng):
    """Two secrets of one format in one file get names as people give them
    (STAGING_…, PROD_…), not the same name twice."""
    seen = set()
    out = []
    for it in chunk:
        it = dict(it)
        if upper_snake(it["var"]) in seen:
            prefix = rng.choice(["STAGING_", "PROD_", "LEGACY_", "BACKUP_"])
            it["var"] = prefix + upper_snake(it["var"])
            if it.get("companion"):
                it["companion"] = (prefix + it["companion"][0], it["companion"][1])
        seen.add(upper_snake(it["var"]))
        out.append(it)
    return out


def r10(rng):
    return "".join(rng.choice("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789") for _ in range(10))


def build_decoys(corpus, keys):
    rng = sub("decoys")
    ctx_rng = sub("decoys-ctx")
    for cat, (gen, count) in D.DECOY_CATEGORIES.items():
        gens = [gen] if gen else D.SUBGENERATORS[cat]
        for k in range(count):
            g = gens[k % len(gens)]
            doc = Doc("", "")
            path = g(doc, rng, POS.ctx_for(ctx_rng), keys)
            if doc.secrets:
                raise AssertionError("decoy generator %s labelled a secret" % g.__name__)
            corpus.place(path, doc, "decoy", cat)


# ---------------------------------------------------------------------------
# the credential-files repository


BASHRC = ["# ~/.bashrc: executed by bash(1) for non-login shells.", "", "case $- in", "    *i*) ;;", "      *) return;;", "esac", "", "HISTCONTROL=ignoreboth",
          "shopt -s histappend", "HISTSIZE=10000", "HISTFILESIZE=20000", "shopt -s checkwinsize", "", "alias ll='ls -alF'", "alias la='ls -A'", "alias gs='git status'",
          "alias k='kubectl'", "alias tf='terraform'", "", "export EDITOR=vim", "export GOPATH=\"$HOME/go\"", "export PATH=\"$HOME/.local/bin:$GOPATH/bin:$PATH\"",
          "export AWS_DEFAULT_REGION=eu-west-1", "", "if [ -f ~/.bash_aliases ]; then", "    . ~/.bash_aliases", "fi", "",
          "[ -s \"$NVM_DIR/nvm.sh\" ] && \\. \"$NVM_DIR/nvm.sh\"", "eval \"$(starship init bash)\""]

HISTORY_PLAIN = ["ls -la", "cd ~/src/api", "git pull --rebase", "make test", "docker compose up -d", "kubectl get pods -n prod", "terraform plan",
                 "vim config/settings.yml", "npm run build", "ssh web-1", "sudo systemctl restart nginx", "tail -f /var/log/nginx/error.log", "htop",
                 "git log --oneline | head", "python3 -m venv .venv", "source .venv/bin/activate", "pip install -r requirements.txt", "df -h", "du -sh *",
                 "grep -rn TODO src/", "kubectl logs -f deploy/api -n prod", "aws s3 ls", "git push origin HEAD", "cat ~/.ssh/config", "history | grep ssh"]

PLAIN_DOTFILES = {
    ".gitconfig": ["[user]", "\tname = %(Name)s", "\temail = %(name)s@acme.io", "\tsigningkey = 3AA5C34371567BD2", "[init]", "\tdefaultBranch = main",
                   "[pull]", "\trebase = true", "[credential]", "\thelper = store", "[alias]", "\tco = checkout", "\tlg = log --graph --oneline --decorate"],
    ".ssh/config": ["Host bastion", "    HostName 203.0.113.10", "    User %(name)s", "    IdentityFile ~/.ssh/id_ed25519", "", "Host web-*", "    ProxyJump bastion",
                    "    User deploy", "", "Host *", "    AddKeysToAgent yes", "    ServerAliveInterval 60"],
    ".aws/config": ["[default]", "region = eu-west-1", "output = json", "", "[profile prod]", "role_arn = arn:aws:iam::123456789012:role/Admin",
                    "source_profile = default", "mfa_serial = arn:aws:iam::123456789012:mfa/%(name)s"],
    ".vimrc": ["set nocompatible", "syntax on", "set number", "set expandtab", "set shiftwidth=4", "set tabstop=4", "filetype plugin indent on"],
    ".tmux.conf": ["set -g mouse on", "set -g history-limit 50000", "set -g base-index 1", "bind r source-file ~/.tmux.conf"],
    ".config/starship.toml": ["add_newline = false", "[aws]", "symbol = \"aws \"", "[kubernetes]", "disabled = false"],
    ".bash_aliases": ["alias dc='docker compose'", "alias kprod='kubectl --context prod'", "alias myip='curl -s ifconfig.me'"],
    "Brewfile": ["brew \"git\"", "brew \"jq\"", "brew \"kubectl\"", "brew \"terraform\"", "cask \"docker\"", "cask \"iterm2\""],
}


def build_credrepo(keys):
    rng = sub("credrepo")
    files = []
    name = rng.choice(NAMES)
    fill = {"name": name, "Name": name.capitalize()}

    def add(path, doc):
        files.append((path, doc))

    # shell rc with a few exported tokens among ordinary settings
    for rc in (".bashrc", ".zshrc"):
        doc = Doc(rc, "sh")
        lines = list(BASHRC)
        items = T_items(rng, 3)
        slots = sorted(rng.sample(range(len(lines)), len(items)))
        k = 0
        for i, line in enumerate(lines):
            doc.add(line)
            while k < len(items) and slots[k] == i:
                it = items[k]
                doc.secret("export %s=%s" % (upper_snake(it["var"]), it["value"]), POS.label(it))
                k += 1
        add(rc, doc)
    # shell history: ordinary commands and a handful that leak
    doc = Doc(".bash_history", "sh")
    risky = []
    pw = SP.human_password(rng)
    risky.append(("mysql -h db.internal -u root -p'%s' orders" % pw, {"kind": "password", "secret": pw, "format": "mysql-cli-p"}))
    tok = T.github_classic(rng, "ghp_")
    risky.append(("git clone https://%s:%s@github.com/acme/infra.git" % (name, tok), {"kind": "uri", "secret": tok, "format": "git-clone-token", "provider": "github"}))
    tok2 = "xoxb-%d-%d-%s" % (rng.randrange(10**10, 10**12), rng.randrange(10**10, 10**12), T.r(rng, T.ALNUM, 24))
    risky.append(("curl -H \"Authorization: Bearer %s\" https://slack.com/api/auth.test" % tok2, {"kind": "provider-token", "secret": tok2, "format": "slack-bot-token", "provider": "slack"}))
    pw2 = SP.human_password(rng)
    risky.append(("docker login -u %s -p '%s' registry.acme.io" % (name, pw2), {"kind": "password", "secret": pw2, "format": "docker-login-p"}))
    s = T.aws_secret(rng)
    risky.append(("aws configure set aws_secret_access_key %s" % s, {"kind": "provider-token", "secret": s, "format": "aws-access-key", "provider": "aws"}))
    pw3 = SP.url_password(rng)
    risky.append(("psql postgres://admin:%s@pg-primary.prod:5432/orders" % pw3, {"kind": "uri", "secret": pw3, "format": "uri-cli"}))
    pw4 = SP.human_password(rng)
    risky.append(("sshpass -p '%s' ssh root@10.0.3.17" % pw4, {"kind": "password", "secret": pw4, "format": "sshpass-p"}))
    cmds = [(c, None) for c in rng.choices(HISTORY_PLAIN, k=70)] + risky
    rng.shuffle(cmds)
    for c, lab in cmds:
        if lab:
            doc.secret(c, lab)
        else:
            doc.add(c)
    add(".bash_history", doc)
    # credential files where they live in a home directory
    homes = [(".aws/credentials", CF.aws_credentials), (".netrc", CF.netrc), (".pgpass", CF.pgpass), (".git-credentials", CF.git_credentials),
             (".docker/config.json", CF.docker_config), (".npmrc", CF.npmrc), (".pypirc", CF.pypirc), (".kube/config", CF.kubeconfig),
             (".config/gh/hosts.yml", CF.gh_hosts), (".config/rclone/rclone.conf", CF.rclone_conf), (".s3cfg", CF.s3cfg), (".my.cnf", CF.my_cnf),
             (".vault-token", CF.vault_token), (".terraform.d/credentials.tfrc.json", CF.tfrc), (".gem/credentials", CF.gem_credentials),
             (".cargo/credentials.toml", CF.cargo_credentials), (".config/composer/auth.json", CF.composer_auth), (".config/filezilla/sitemanager.xml", CF.filezilla),
             (".boto", CF.boto_cfg), ("projects/shop/config/master.key", CF.master_key), ("dumps/prod-users.sql", CF.sql_password_hashes),
             ("etc/shadow.bak", CF.shadow), ("etc/nginx/.htpasswd", CF.htpasswd), (".mozilla/firefox/k3x9a2.default-release/logins.json", CF.logins_json),
             (".putty/prod.ppk", CF.ppk), ("projects/site/sftp-config.json", CF.sftp_config), (".config/gcloud/service-account.json", CF.gcp_sa_json)]
    ctx = POS.ctx_for(rng)
    for path, fn in homes:
        doc = Doc(path, "")
        fn(doc, rng, ctx, keys)
        add(path, doc)
    doc = Doc("projects/blog/wp-config.php", "php")
    SP.pw_wp_config(doc, rng, ctx)
    add("projects/blog/wp-config.php", doc)
    doc = Doc(".gradle/gradle.properties", "properties")
    doc.extend(["org.gradle.jvmargs=-Xmx4g", "org.gradle.parallel=true", "signing.keyId=24875D73", "signing.secretKeyRingFile=/home/%s/.gnupg/secring.gpg" % name])
    p = SP.human_password(rng)
    doc.secret("signing.password=%s" % p, {"kind": "password", "secret": p, "format": "gradle-signing-password"})
    doc.add("ossrhUsername=%s" % name)
    p = SP.human_password(rng)
    doc.secret("ossrhPassword=%s" % p, {"kind": "password", "secret": p, "format": "gradle-ossrh-password"})
    add(".gradle/gradle.properties", doc)
    doc = Doc(".m2/settings.xml", "xml")
    SP.pw_maven_settings(doc, rng, ctx)
    add(".m2/settings.xml", doc)
    # private key and its public half
    k = cc.Ed25519Key(rng)
    doc = Doc(".ssh/id_ed25519", "pem")
    text = cc.openssh_private(k, "%s@laptop" % name, rng).rstrip("\n")
    doc.secret(text, {"kind": "private-key", "secret": text.split("\n")[1], "format": "openssh-ed25519"})
    add(".ssh/id_ed25519", doc)
    doc = Doc(".ssh/id_ed25519.pub", "pem")
    doc.decoy(cc.ssh_public_line(k, "%s@laptop" % name), "ssh-public-key")
    add(".ssh/id_ed25519.pub", doc)
    doc = Doc(".ssh/known_hosts", "")
    D.known_hosts(doc, rng, ctx, keys)
    add(".ssh/known_hosts", doc)
    for path, lines in PLAIN_DOTFILES.items():
        doc = Doc(path, "")
        for line in lines:
            if "signingkey" in line:
                doc.decoy(line % fill, "gpg key id (public)")
            else:
                doc.add(line % fill)
        add(path, doc)
    # a project .env with a reference-only twin
    doc = Doc("projects/shop/.env", "env")
    POS.dotenv(doc, T_items(rng, 3), ctx, rng)
    add("projects/shop/.env", doc)
    doc = Doc("projects/shop/.env.example", "env")
    D.env_template(doc, rng, ctx, keys)
    add("projects/shop/.env.example", doc)
    return files


def T_items(rng, n):
    """n prefixed provider tokens for shell rc files and project .env files."""
    formats = [(p, f) for p, f in T.all_formats() if f.prefixed and not f.wrap]
    out = []
    for p, f in rng.sample(formats, n):
        s = f.gen(rng)
        out.append({"kind": "provider-token", "provider": p.slug, "provider_name": p.name, "category": p.category, "format": f.id, "secret": s, "value": s,
                    "checksum": f.checksum, "var": rng.choice(f.vars), "companion": None})
    return out


# ---------------------------------------------------------------------------


def write(out):
    t0 = time.time()
    if os.path.exists(out):
        shutil.rmtree(out)
    keys = make_keys()
    corpus = Corpus()
    build_positive(corpus, keys)
    build_decoys(corpus, keys)
    cred = build_credrepo(keys)

    truth = {"version": VERSION, "seed": SEED, "generator": "benches/accuracy/generate.py",
             "corpus": {"root": "corpus", "files": {}, "secrets": [], "decoy_lines": [], "companion_lines": []},
             "credrepo": {"root": "credrepo", "files": {}, "risk_lines": [], "decoy_lines": [], "companion_lines": []}}
    sid = 0
    for path, doc, role, category in sorted(corpus.files, key=lambda f: f[0]):
        full = os.path.join(out, "corpus", path)
        os.makedirs(os.path.dirname(full), exist_ok=True)
        with open(full, "w", newline="") as fh:
            fh.write(doc.text())
        ft = ftype_of(path)
        truth["corpus"]["files"][path] = {"role": role, "category": category, "file_type": ft, "lines": len(doc.lines)}
        for s in doc.secrets:
            sid += 1
            entry = {"id": "s%04d" % sid, "file": path, "file_type": ft}
            entry.update({k: v for k, v in s.items() if k not in ("var", "value", "companion")})
            truth["corpus"]["secrets"].append(entry)
        for d in doc.decoys:
            truth["corpus"]["decoy_lines"].append(dict(d, file=path, file_type=ft))
        for c in doc.companions:
            truth["corpus"]["companion_lines"].append(dict(c, file=path))
    rid = 0
    for path, doc in sorted(cred, key=lambda f: f[0]):
        full = os.path.join(out, "credrepo", path)
        os.makedirs(os.path.dirname(full), exist_ok=True)
        with open(full, "w", newline="") as fh:
            fh.write(doc.text())
        truth["credrepo"]["files"][path] = {"risk_lines": len(doc.secrets), "lines": len(doc.lines), "file_type": ftype_of(path)}
        for s in doc.secrets:
            rid += 1
            entry = {"id": "r%03d" % rid, "file": path}
            entry.update({k: v for k, v in s.items() if k not in ("var", "value", "companion")})
            truth["credrepo"]["risk_lines"].append(entry)
        for d in doc.decoys:
            truth["credrepo"]["decoy_lines"].append(dict(d, file=path))
        for c in doc.companions:
            truth["credrepo"]["companion_lines"].append(dict(c, file=path))
    with open(os.path.join(out, "truth.json"), "w") as fh:
        json.dump(truth, fh, indent=1, sort_keys=True)
        fh.write("\n")
    c = truth["corpus"]
    roles = [f["role"] for f in c["files"].values()]
    provs = {s.get("provider") for s in c["secrets"] if s.get("provider")}
    print("wrote %s: %d files (%d positive, %d decoy), %d secrets from %d providers, %d decoy lines; credrepo: %d files, %d risk lines; %.1fs"
          % (out, len(roles), roles.count("positive"), roles.count("decoy"), len(c["secrets"]), len(provs), len(c["decoy_lines"]),
             len(truth["credrepo"]["files"]), len(truth["credrepo"]["risk_lines"]), time.time() - t0), file=sys.stderr)


def main(argv):
    if len(argv) != 2 or argv[1].startswith("-"):
        print(__doc__.strip(), file=sys.stderr)
        return 2
    write(argv[1])
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
