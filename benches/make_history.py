#!/usr/bin/env python3
"""Builds a large synthetic git history for benchmarking full-history scans.

usage: make_history.py OUT_DIR [--commits 30000] [--target-bytes 1000000000] [--seed 1]
                               [--files N] [--bare] [--window 10] [--depth 50]

The history is streamed into `git fast-import` (no per-commit `git commit`), then
repacked into one delta-compressed pack (`git repack -a -d -f`), like a fresh clone.

Shape: a tree of a few thousand source-like text files (Python, Rust, JS/TS, YAML,
TOML, shell, Markdown) in directories 2-4 deep, plus a few large files (100 KB-2 MB:
fixtures, bundles, generated code, docs) whose versions make up most of the blob
bytes. Each commit edits 1-5 files (replace, insert, append or delete lines), and now
and then adds, deletes or renames a file. Three long-lived branches are merged back
into main from time to time (real merge commits); a few annotated and lightweight
tags. "Blob bytes" is the sum of the sizes of all distinct blobs in the repository;
how often the large files are edited is steered while generating so the total lands
near --target-bytes.

About 20 fake secrets (GitHub classic PAT, AWS key id + secret key, Slack bot token,
Stripe live key, GitLab PAT) are planted at known commits, half of them removed again
later. They are random values from the seeded RNG, shaped like real ones. The list
goes to OUT_DIR.planted.json, beside the repository, not inside it.

By default OUT_DIR is a non-bare repository with no checkout (only .git/, HEAD on
main), so a scanner pointed at the directory sees history only; --bare makes a bare
one. Same arguments and seed give the same history (same commit ids).

Pure Python 3 standard library; needs git >= 2.28 on PATH.
"""
import argparse
import json
import os
import pathlib
import random
import shutil
import string
import subprocess
import sys
import tempfile
import time

MARKER = "leakhound-synthetic-history"

WORDS = """user account config request response handler session cache buffer index item value
result error client server message queue event record file path stream reader writer builder
parser state context options settings manager service worker pool task job batch report metric
logger timer retry limit offset page cursor query filter schema model table column row field
entry node tree graph edge link route host port socket channel signal lock thread process memory
block chunk frame packet header body payload format encoder decoder codec digest checksum
version release build deploy target source input output data info debug trace status code count
size length total default enabled flag mode level scope role group member owner admin policy rule
check validate parse load save fetch update delete create insert remove apply commit rollback
sync spawn handle close open read write send flush reset clear init start stop run name label
kind type id uuid date time window region zone cluster node shard replica backup snapshot
archive export import upload download invoice payment order customer product price cart
""".split()
# Words the scanners' keyword prefilters look for; they show up now and then in
# identifiers, comments and config keys, mostly without any secret next to them.
KEYWORDS = ["token", "key", "password", "secret", "api", "auth", "credential", "private"]
KW_P = 0.02
VERBS = ["Fix", "Refactor", "Add", "Update", "Remove", "Improve", "Simplify", "Document", "Rename",
         "Tweak", "Handle", "Clean up", "Speed up", "Test", "Support", "Revert", "Harden", "Log"]
FIRST = ["Alice", "Bob", "Carol", "Dmitri", "Erin", "Farah", "Gustavo", "Hana", "Ivan", "Jun",
         "Kofi", "Lena", "Mateo", "Nadia", "Omar", "Priya", "Quinn", "Rosa", "Sven", "Tomasz",
         "Uma", "Viktor", "Wen", "Yusuf", "Zoe"]
LAST = ["Abara", "Becker", "Chen", "Dubois", "Eriksen", "Fischer", "Gomez", "Haddad", "Ito",
        "Jansen", "Kowalski", "Larsen", "Moreau", "Novak", "Okafor", "Petrov", "Rossi", "Sato"]
TZS = ["+0000", "+0100", "+0200", "-0500", "-0800", "+0530", "+0900", "-0300"]
TOPS = ["src", "lib", "app", "services", "tools", "docs", "config", "tests", "scripts", "web",
        "packages", "deploy", "internal", "api"]
EXT_WEIGHTS = [(".py", 26), (".rs", 18), (".js", 12), (".ts", 10), (".yaml", 10), (".md", 10),
               (".toml", 5), (".sh", 5), (".yml", 4)]
ALNUM = string.ascii_letters + string.digits


class Gen:
    """Source-like text, one list of "\\n"-terminated lines per block."""

    def __init__(self, rng):
        self.r = rng

    def word(self):
        r = self.r
        return r.choice(KEYWORDS) if r.random() < KW_P else r.choice(WORDS)

    def snake(self, lo=1, hi=3):
        return "_".join(self.word() for _ in range(self.r.randint(lo, hi)))

    def camel(self):
        ws = [self.word() for _ in range(self.r.randint(1, 3))]
        return ws[0] + "".join(w.capitalize() for w in ws[1:])

    def pascal(self):
        return "".join(self.word().capitalize() for _ in range(self.r.randint(1, 3)))

    def upper(self):
        return self.snake(1, 3).upper()

    def sentence(self, lo=4, hi=12):
        s = " ".join(self.word() for _ in range(self.r.randint(lo, hi)))
        return s[0].upper() + s[1:]

    def num(self):
        return str(self.r.choice([0, 1, 2, 3, 8, 10, 16, 30, 60, 64, 100, 128, 256, 443, 1000, 1024,
                                  3600, 8080, self.r.randint(0, 99999)]))

    def literal(self):
        r = self.r.random()
        if r < 0.4:
            return self.num()
        if r < 0.8:
            return '"' + self.snake(1, 2) + '"'
        return self.r.choice(["None", "True", "False", "[]", "{}"])

    # Python
    def py_header(self):
        r = self.r
        lines = [f'"""{self.sentence()}."""\n']
        for m in r.sample(["os", "sys", "json", "logging", "time", "re", "typing", "pathlib",
                           "collections", "dataclasses", "hashlib", "base64"], r.randint(2, 5)):
            lines.append(f"import {m}\n")
        for _ in range(r.randint(0, 3)):
            lines.append(f"from .{self.snake(1, 2)} import {self.pascal()}, {self.snake(1, 2)}\n")
        lines += ["\n", "logger = logging.getLogger(__name__)\n"]
        if r.random() < 0.5:
            lines.append(f"{self.upper()} = {self.literal()}\n")
        lines.append("\n\n")
        return lines

    def py_stmts(self, ind, n):
        r = self.r
        out = []
        for _ in range(n):
            k = r.random()
            v = self.snake(1, 2)
            if k < 0.25:
                out.append(f"{ind}{v} = {self.snake(1, 2)}.{self.snake(1, 2)}({self.snake(1, 1)}, "
                           f"{self.literal()})\n")
            elif k < 0.35:
                out += [f"{ind}if {v} is None:\n", f"{ind}    return {self.literal()}\n"]
            elif k < 0.45:
                out.append(f"{ind}# {self.sentence()}\n")
            elif k < 0.55:
                x = self.word()
                out += [f"{ind}for {x} in {v}.{self.snake(1, 2)}():\n",
                        f"{ind}    {self.snake(1, 2)}.append({x}.{self.snake(1, 1)})\n"]
            elif k < 0.65:
                out.append(f'{ind}logger.{r.choice(["debug", "info", "warning"])}("{self.sentence(3, 7)}: %s", {v})\n')
            elif k < 0.72:
                out.append(f'{ind}{v} = os.environ.get("{self.upper()}", {self.literal()})\n')
            elif k < 0.80:
                out.append(f'{ind}raise {self.pascal()}Error("{self.sentence(3, 8)}")\n')
            elif k < 0.88:
                out.append(f'{ind}{v} = {{"{self.word()}": {self.snake(1, 2)}, "{self.word()}": {self.num()}}}\n')
            else:
                out += [f"{ind}try:\n", f"{ind}    {v} = self.{self.snake(1, 2)}({self.snake(1, 1)})\n",
                        f"{ind}except {self.pascal()}Error as exc:\n",
                        f'{ind}    logger.error("{self.sentence(3, 6)}: %s", exc)\n']
        return out

    def py_block(self):
        r = self.r
        if r.random() < 0.2:
            out = [f"class {self.pascal()}({r.choice(['object', self.pascal(), 'Exception'])}):\n",
                   f'    """{self.sentence()}."""\n', "\n"]
            for _ in range(r.randint(1, 4)):
                out.append(f"    def {self.snake()}(self, {self.snake(1, 1)}, {self.snake(1, 2)}=None):\n")
                out += self.py_stmts("        ", r.randint(2, 7))
                out.append(f"        return {self.snake(1, 2)}\n\n")
            return out + ["\n"]
        out = [f"def {self.snake()}({', '.join(self.snake(1, 2) for _ in range(r.randint(0, 3)))}):\n"]
        if r.random() < 0.5:
            out.append(f'    """{self.sentence()}."""\n')
        out += self.py_stmts("    ", r.randint(2, 9))
        return out + [f"    return {self.snake(1, 2)}\n", "\n", "\n"]

    # Rust
    def rs_header(self):
        r = self.r
        lines = [f"//! {self.sentence()}.\n", "\n"]
        for _ in range(r.randint(2, 5)):
            lines.append(f"use crate::{self.snake(1, 1)}::{{{self.pascal()}, {self.snake(1, 2)}}};\n")
        lines.append(f"use std::{r.choice(['collections::HashMap', 'sync::Arc', 'io', 'path::Path', 'fmt'])};\n\n")
        return lines

    def rs_stmts(self, ind, n):
        r = self.r
        out = []
        for _ in range(n):
            k = r.random()
            v = self.snake(1, 2)
            if k < 0.3:
                out.append(f"{ind}let {v} = {self.snake(1, 1)}.{self.snake(1, 2)}(&{self.snake(1, 1)})?;\n")
            elif k < 0.45:
                out += [f"{ind}if {v}.is_empty() {{\n",
                        f"{ind}    return Err(Error::{self.pascal()}(\"{self.sentence(2, 6)}\".into()));\n",
                        f"{ind}}}\n"]
            elif k < 0.55:
                out.append(f"{ind}// {self.sentence()}\n")
            elif k < 0.68:
                x = self.word()
                out += [f"{ind}for {x} in {v}.iter() {{\n",
                        f"{ind}    {self.snake(1, 2)}.push({x}.{self.snake(1, 1)}());\n", f"{ind}}}\n"]
            elif k < 0.78:
                out.append(f"{ind}tracing::debug!({self.snake(1, 1)} = ?{v}, \"{self.sentence(3, 6)}\");\n")
            elif k < 0.88:
                out += [f"{ind}match {v} {{\n", f"{ind}    Some(x) => {self.snake(1, 2)}(x),\n",
                        f"{ind}    None => {self.num()},\n", f"{ind}}};\n"]
            else:
                out.append(f"{ind}let mut {v} = Vec::with_capacity({self.num()});\n")
        return out

    def rs_block(self):
        r = self.r
        if r.random() < 0.25:
            name = self.pascal()
            out = [f"/// {self.sentence()}.\n", "#[derive(Debug, Clone, Default)]\n", f"pub struct {name} {{\n"]
            for _ in range(r.randint(2, 6)):
                out.append(f"    pub {self.snake()}: {r.choice(['String', 'u64', 'usize', 'bool', 'Vec<u8>', 'Option<String>'])},\n")
            out += ["}\n", "\n", f"impl {name} {{\n"]
            for _ in range(r.randint(1, 3)):
                out.append(f"    pub fn {self.snake()}(&self, {self.snake(1, 1)}: &str) -> Result<usize, Error> {{\n")
                out += self.rs_stmts("        ", r.randint(2, 6))
                out += [f"        Ok({self.snake(1, 1)}.len())\n", "    }\n", "\n"]
            return out + ["}\n", "\n"]
        out = [f"/// {self.sentence()}.\n",
               f"pub fn {self.snake()}({self.snake(1, 1)}: &{self.pascal()}, {self.snake(1, 1)}: usize) "
               f"-> Result<{self.pascal()}, Error> {{\n"]
        out += self.rs_stmts("    ", r.randint(2, 8))
        return out + [f"    Ok({self.snake(1, 2)})\n", "}\n", "\n"]

    # JavaScript / TypeScript
    def js_header(self):
        r = self.r
        out = []
        for _ in range(r.randint(1, 4)):
            out.append(f"import {{ {self.camel()}, {self.camel()} }} from './{self.snake(1, 2)}';\n")
        return out + ["\n"]

    def js_stmts(self, ind, n):
        r = self.r
        out = []
        for _ in range(n):
            k = r.random()
            v = self.camel()
            if k < 0.3:
                out.append(f"{ind}const {v} = await {self.camel()}.{self.camel()}({self.camel()});\n")
            elif k < 0.45:
                out += [f"{ind}if (!{v}) {{\n", f"{ind}  throw new Error('{self.sentence(3, 7)}');\n", f"{ind}}}\n"]
            elif k < 0.55:
                out.append(f"{ind}// {self.sentence()}\n")
            elif k < 0.7:
                out += [f"{ind}for (const {self.word()} of {v}) {{\n",
                        f"{ind}  {self.camel()}.push({self.word()}.{self.camel()});\n", f"{ind}}}\n"]
            elif k < 0.8:
                out.append(f"{ind}console.debug('{self.sentence(3, 6)}', {v});\n")
            elif k < 0.9:
                out.append(f"{ind}const {v} = process.env.{self.upper()} || {self.literal()};\n")
            else:
                out.append(f"{ind}let {v} = {{ {self.camel()}: {self.num()}, {self.camel()}: '{self.word()}' }};\n")
        return out

    def js_block(self):
        r = self.r
        out = ["/**\n", f" * {self.sentence()}.\n", " */\n",
               f"export {'async ' if r.random() < 0.5 else ''}function {self.camel()}"
               f"({', '.join(self.camel() for _ in range(r.randint(0, 3)))}) {{\n"]
        out += self.js_stmts("  ", r.randint(2, 9))
        return out + [f"  return {self.camel()};\n", "}\n", "\n"]

    # YAML
    def yaml_block(self):
        r = self.r
        out = [f"{self.snake()}:\n"]
        for _ in range(r.randint(2, 7)):
            k = r.random()
            if k < 0.6:
                out.append(f"  {self.snake()}: {r.choice([self.num(), self.snake(1, 2), 'true', 'false'])}\n")
            elif k < 0.8:
                out.append(f"  {self.snake()}:\n")
                for _ in range(r.randint(1, 4)):
                    out.append(f"    - {self.snake(1, 2)}\n")
            else:
                out.append(f"  # {self.sentence()}\n")
        return out + ["\n"]

    # TOML
    def toml_block(self):
        r = self.r
        out = [f"[{self.snake(1, 2)}]\n"]
        for _ in range(r.randint(2, 6)):
            out.append(f'{self.snake()} = {r.choice([self.num(), chr(34) + self.snake(1, 2) + chr(34), "true"])}\n')
        return out + ["\n"]

    # shell
    def sh_block(self):
        r = self.r
        a, b = self.upper(), self.upper()
        out = [f"# {self.sentence()}\n", f'{a}="${{{b}:-{self.word()}}}"\n']
        if r.random() < 0.5:
            out += [f'if [ -z "${a}" ]; then\n', f'  echo "{self.sentence(3, 7)}" >&2\n', "  exit 1\n", "fi\n"]
        out.append(f'{self.word()}-{self.word()} --{self.word()}-{self.word()} "${a}" {self.snake(1, 1)}\n')
        return out + ["\n"]

    # Markdown
    def md_block(self):
        r = self.r
        out = [f"## {self.sentence(2, 6)}\n", "\n"]
        para = " ".join(self.sentence() + "." for _ in range(r.randint(2, 6)))
        while para:
            cut = para.find(" ", 76)
            if cut < 0:
                out.append(para + "\n")
                break
            out.append(para[:cut] + "\n")
            para = para[cut + 1:]
        out.append("\n")
        if r.random() < 0.5:
            out += [f"- {self.sentence(3, 9)}\n" for _ in range(r.randint(2, 5))] + ["\n"]
        if r.random() < 0.3:
            out += ["```sh\n", f"{self.word()} {self.word()} --{self.word()} {self.snake(1, 2)}\n", "```\n", "\n"]
        return out

    # JSON-ish fixture records (for the large fixture files)
    def json_block(self):
        r = self.r
        return [f'  {{"id": {r.randint(1, 10**7)}, "{self.snake(1, 1)}": "{self.snake(1, 3)}", '
                f'"{self.snake(1, 1)}": {self.num()}, "status": "{self.word()}", '
                f'"tags": ["{self.word()}", "{self.word()}"]}},\n' for _ in range(r.randint(3, 12))]

    def header(self, ext):
        if ext == ".py":
            return self.py_header()
        if ext == ".rs":
            return self.rs_header()
        if ext in (".js", ".ts"):
            return self.js_header()
        if ext == ".md":
            return [f"# {self.sentence(2, 5)}\n", "\n"]
        if ext == ".json":
            return ["[\n"]
        return [f"# {self.sentence()}\n"] if ext in (".yaml", ".yml", ".toml", ".sh") else []

    def block(self, ext):
        if ext == ".py":
            return self.py_block()
        if ext == ".rs":
            return self.rs_block()
        if ext in (".js", ".ts"):
            return self.js_block()
        if ext in (".yaml", ".yml"):
            return self.yaml_block()
        if ext == ".toml":
            return self.toml_block()
        if ext == ".sh":
            return self.sh_block()
        if ext == ".json":
            return self.json_block()
        return self.md_block()

    def file(self, ext, size):
        lines = self.header(ext)
        n = sum(map(len, lines))
        while n < size:
            b = self.block(ext)
            lines += b
            n += sum(map(len, b))
        return lines


def ext_of(path):
    return os.path.splitext(path)[1]


class FV:
    """One version of a file: its lines, the fast-import mark of its blob and its size."""
    __slots__ = ("lines", "mark", "size")

    def __init__(self, lines, mark, size):
        self.lines, self.mark, self.size = lines, mark, size


class Branch:
    def __init__(self, name, files, parent_mark):
        self.name = name
        self.files = files          # path -> FV
        self.tip = None
        self.pending_from = parent_mark
        self.changed = {}           # path -> None, ordered set of paths changed since last merge


# Secret shapes: fake, random, but shaped like real tokens.
def rand_str(r, alphabet, n):
    while True:
        s = "".join(r.choice(alphabet) for _ in range(n))
        if "EXAMPLE" not in s.upper():
            return s


def make_secret(r, kind):
    if kind == "github-pat":
        return {"GITHUB_TOKEN": "ghp_" + rand_str(r, ALNUM, 36)}
    if kind == "aws-access-key":
        return {"aws_access_key_id": "AKIA" + rand_str(r, "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", 16),
                "aws_secret_access_key": rand_str(r, ALNUM + "+/", 40)}
    if kind == "slack-bot-token":
        return {"SLACK_BOT_TOKEN": f"xoxb-{r.randint(10**9, 10**10 - 1)}-{r.randint(10**11, 10**12 - 1)}-"
                                   + rand_str(r, ALNUM, 24)}
    if kind == "stripe-live-key":
        return {"STRIPE_SECRET_KEY": "sk_live_" + rand_str(r, ALNUM, 24)}
    if kind == "gitlab-pat":
        return {"GITLAB_PRIVATE_TOKEN": "glpat-" + rand_str(r, ALNUM, 20)}
    raise ValueError(kind)


KINDS = ["github-pat", "aws-access-key", "slack-bot-token", "stripe-live-key", "gitlab-pat"]
PLANT_FILES = {  # where a plant that adds a new file puts it
    "github-pat": ("tools/release/{w}_publish.py", ".py"),
    "aws-access-key": ("config/{w}/aws_credentials.toml", ".toml"),
    "slack-bot-token": ("deploy/{w}/notify.sh", ".sh"),
    "stripe-live-key": ("services/billing/{w}_settings.py", ".py"),
    "gitlab-pat": ("ci/{w}_pipeline.yaml", ".yaml"),
}


def assign(ext, name, value):
    if name.startswith("aws_"):
        # the lower-case `aws_secret_access_key = ` form of ~/.aws/credentials: some scanners pair
        # the key id with a secret key only in that shape
        if ext == ".rs":
            return f'    let {name} = "{value}";\n'
        if ext in (".js", ".ts"):
            return f'const {name} = "{value}";\n'
        return f'{name} = "{value}"\n'
    if ext == ".py":
        return f'{name} = "{value}"\n'
    if ext == ".rs":
        return f'const {name.upper()}: &str = "{value}";\n'
    if ext in (".js", ".ts"):
        return f'const {name} = "{value}";\n'
    if ext in (".yaml", ".yml"):
        return f"  {name.lower()}: {value}\n"
    if ext == ".toml":
        return f'{name.lower()} = "{value}"\n'
    if ext == ".sh":
        return f'export {name.upper()}="{value}"\n'
    return f"    export {name.upper()}={value}\n"


class History:
    def __init__(self, args, out):
        self.a = args
        self.out = out
        self.r = random.Random(args.seed)
        self.g = Gen(self.r)
        self.mark = 0
        self.blob_bytes = 0
        self.small_bytes = 0
        self.normal_commits = 0
        self.idx = 0
        self.ts = 1420070400  # 2015-01-01
        self.authors = [(f"{f} {l}", f"{f.lower()}.{l.lower()}@corp.test", self.r.choice(TZS))
                        for f, l in zip(self.r.sample(FIRST, 20), self.r.choices(LAST, k=20))]
        self.protected = {}   # path -> None: planted files, not edited, deleted or renamed
        self.commit_marks = []
        self.planted = []

    # -- fast-import output
    def next_mark(self):
        self.mark += 1
        return self.mark

    def blob(self, lines):
        data = "".join(lines).encode()
        m = self.next_mark()
        self.out.write(b"blob\nmark :%d\ndata %d\n" % (m, len(data)))
        self.out.write(data)
        self.out.write(b"\n")
        self.blob_bytes += len(data)
        return FV(lines, m, len(data))

    def commit(self, br, msg, ops, merge=None):
        self.ts += self.r.randint(60, 16000)
        name, email, tz = self.r.choice(self.authors)
        m = self.next_mark()
        msgb = msg.encode()
        w = self.out.write
        w(b"commit refs/heads/%s\nmark :%d\n" % (br.name.encode(), m))
        who = f"{name} <{email}> {self.ts} {tz}".encode()
        w(b"author %s\ncommitter %s\ndata %d\n%s\n" % (who, who, len(msgb), msgb))
        if br.pending_from is not None:
            w(b"from :%d\n" % br.pending_from)
            br.pending_from = None
        if merge is not None:
            w(b"merge :%d\n" % merge)
        for op in ops:
            if op[0] == "M":
                w(b"M 100644 :%d %s\n" % (op[1], op[2].encode()))
            else:
                w(b"D %s\n" % op[1].encode())
        w(b"\n")
        br.tip = m
        self.commit_marks.append(m)
        self.idx += 1
        return m

    def message(self, paths):
        r = self.r
        p = paths[0] if paths else "repo"
        mod = p.split("/")[-2] if "/" in p else p
        msg = f"{r.choice(VERBS)} {self.g.snake(1, 3).replace('_', ' ')} {r.choice(['in', 'for', 'of'])} {mod}"
        if r.random() < 0.4:
            msg += "\n\n" + self.g.sentence(6, 16) + ".\n"
        return msg

    # -- paths
    def new_path(self, taken, ext=None):
        r = self.r
        if ext is None:
            ext = r.choices([e for e, _ in EXT_WEIGHTS], [w for _, w in EXT_WEIGHTS])[0]
        while True:
            d = self.dirs[int(len(self.dirs) * r.random() ** 1.5)]
            p = f"{d}/{self.g.snake(1, 3)}{ext}"
            if p not in taken:
                return p

    def small_size(self):
        return int(min(40000, max(150, self.r.lognormvariate(7.8, 0.9))))

    def big_size(self):
        return int(100_000 * 20 ** self.r.random())   # log-uniform 100 KB .. 2 MB

    # -- edits
    def edit_small(self, fv, ext):
        r = self.r
        lines = fv.lines[:]
        n = len(lines)
        k = r.random()
        if fv.size > 30000 or (k > 0.9 and n > 20):
            i = r.randrange(n)
            del lines[i:i + r.randint(3, max(4, n // 8))]
        elif k < 0.45 and n:
            i = r.randrange(n)
            lines[i:i + r.randint(1, 4)] = self.g.block(ext)[: r.randint(1, 6)]
        elif k < 0.75 and n:
            i = r.randrange(n + 1)
            lines[i:i] = self.g.block(ext)
        else:
            lines += self.g.block(ext)
            if r.random() < 0.5:
                lines += self.g.block(ext)
        if not lines:
            lines = self.g.file(ext, 200)
        return lines

    def edit_big(self, fv, ext):
        r = self.r
        lines = fv.lines[:]
        for _ in range(r.randint(1, 6)):
            i = r.randrange(len(lines))
            lines[i:i + r.randint(1, 3)] = self.g.block(ext)[: r.randint(1, 4)]
        if fv.size > 2_000_000:
            i = r.randrange(len(lines))
            del lines[i:i + len(lines) // 20]
        else:
            for _ in range(r.randint(1, 10)):
                lines += self.g.block(ext)
        return lines

    def pick(self, br, pool, tries=40):
        r = self.r
        for _ in range(tries):
            p = pool[int(len(pool) * r.random() ** 2)]
            if p in br.files and p not in self.protected:
                return p
        return None

    # -- the history
    def run(self):
        a, r, g = self.a, self.r, self.g
        N = a.commits
        # directory tree, 2-4 levels
        dirs = []
        for top in TOPS:
            for _ in range(r.randint(3, 8)):
                parts = [top] + [g.snake(1, 2) for _ in range(r.randint(1, 3))]
                dirs.append("/".join(parts))
        r.shuffle(dirs)
        self.dirs = dirs
        taken = {}
        hot = []        # every small path ever, hottest first (picked with a skewed index)
        n_files = a.files
        n_big = max(2, min(60, a.target_bytes // 25_000_000))
        n_initial = int(n_files * 0.6)
        self.future_files = n_files - n_initial
        main = Branch("main", {}, None)
        ops = []
        for _ in range(n_initial):
            p = self.new_path(taken)
            taken[p] = None
            hot.append(p)
            fv = self.blob(g.file(ext_of(p), self.small_size()))
            self.small_bytes += fv.size
            main.files[p] = fv
            ops.append(("M", fv.mark, p))
        big = []
        big_kinds = [("data/fixtures/{}.json", ".json"), ("web/vendor/{}.bundle.js", ".js"),
                     ("src/generated/{}_pb2.py", ".py"), ("docs/reference/{}.md", ".md"),
                     ("internal/generated/{}.rs", ".rs"), ("config/locales/{}.yaml", ".yaml")]
        for i in range(n_big):
            pat, ext = big_kinds[i % len(big_kinds)]
            p = pat.format(f"{g.snake(1, 2)}_{i:02d}")
            taken[p] = None
            big.append(p)
            fv = self.blob(g.file(ext, self.big_size()))
            main.files[p] = fv
            ops.append(("M", fv.mark, p))
        self.commit(main, "Initial import\n", ops)
        initial_bytes = self.blob_bytes
        self.small_bytes = 0

        branches = {"main": main}
        branch_plan = {max(1, N // 50): "develop", max(2, N // 7): "release/stable",
                       max(3, int(N * 0.4)): "feature/sync-engine"}

        # secret plants: ~20 spread over the history, every other one removed later
        n_plants = a.secrets
        plant_at, remove_at = {}, {}
        srng = random.Random(f"{a.seed}-secrets")
        for k in range(n_plants):
            i = int((k + 0.5) * N / n_plants) + srng.randint(-N // (4 * n_plants), N // (4 * n_plants))
            i = max(2, min(N - 2, i))
            while i in plant_at or i in remove_at:
                i += 1
            plant_at[i] = k
        for k_i, k in sorted(plant_at.items()):
            if k % 2 == 1:
                j = min(k_i + srng.randint(3, max(4, N // (2 * n_plants))), N - 1)
                while j < N and (j in plant_at or j in remove_at):
                    j += 1
                if j >= N:
                    j = k_i + 1
                    while j < N and (j in plant_at or j in remove_at):
                        j += 1
                if j < N:
                    remove_at[j] = k
        plant_info = {}

        merge_p = 1 / 120
        sizes = [1, 2, 3, 4, 5]
        size_w = [40, 25, 15, 12, 8]
        last_report = time.time()
        while self.idx < N:
            i = self.idx
            if i in branch_plan:
                nb = Branch(branch_plan[i], dict(main.files), main.tip)
                branches[nb.name] = nb
            if time.time() - last_report > 10:
                last_report = time.time()
                print(f"  commit {i}/{N}, {self.blob_bytes / 1e6:.0f} MB of blobs", file=sys.stderr)

            if i in remove_at:
                info = plant_info.get(remove_at[i])
                br = fv = None
                # the planting branch first; a merge may have carried an older version over it
                for name in ([info["branch"]] + sorted(branches)) if info else []:
                    cand = branches[name].files.get(info["path"])
                    if cand is not None and any(v in "".join(cand.lines) for v in info["values"].values()):
                        br, fv = branches[name], cand
                        break
                if fv is not None:
                    lines = fv.lines[:]
                    for n_, line in enumerate(lines):
                        for var, v in info["values"].items():
                            if v in line:
                                lines[n_] = line.replace(v, "${" + var.upper() + "}")
                    nfv = self.blob(lines)
                    br.files[info["path"]] = nfv
                    br.changed[info["path"]] = None
                    info["entry"]["removed_commit_index"] = self.idx
                    info["entry"]["removed_commit_mark"] = self.commit(
                        br, f"Remove hard-coded credential from {info['path'].split('/')[-1]}\n",
                        [("M", nfv.mark, info["path"])])
                    del self.protected[info["path"]]
                    continue
                # the planted line is gone already (merged over): an ordinary commit instead

            if i in plant_at:
                k = plant_at[i]
                kind = KINDS[k % len(KINDS)]
                values = make_secret(srng, kind)
                br = branches[r.choice(sorted(branches))]
                pat, ext = PLANT_FILES[kind]
                path = None
                if k % 4 < 2:   # insert into an existing file of the branch
                    for _ in range(100):
                        p = self.pick(br, hot)
                        if p and ext_of(p) in ((".py", ".toml", ".js", ".ts", ".rs") if kind == "aws-access-key"
                                               else (".py", ".yaml", ".yml", ".toml", ".sh", ".js", ".ts", ".rs")):
                            path = p
                            break
                if path is not None:
                    ext = ext_of(path)
                    lines = br.files[path].lines[:]
                    pos = r.randrange(len(lines) + 1)
                    lines[pos:pos] = [assign(ext, var, v) for var, v in values.items()]
                    how = "edit"
                else:
                    path = pat.format(w=g.snake(1, 1))
                    while path in taken:
                        path = pat.format(w=g.snake(1, 2))
                    taken[path] = None
                    lines = g.header(ext) + g.block(ext)
                    lines += [assign(ext, var, v) for var, v in values.items()] + g.block(ext)
                    how = "add"
                fv = self.blob(lines)
                br.files[path] = fv
                br.changed[path] = None
                self.protected[path] = None
                entry = {"commit_index": self.idx, "branch": br.name, "path": path, "kind": kind,
                         "how": how, "secrets": list(values.values()),
                         "removed_commit_index": None}
                entry["commit_mark"] = self.commit(
                    br, f"{'Add' if how == 'add' else 'Wire up'} {kind.split('-')[0]} integration "
                        f"in {path.split('/')[-1]}\n", [("M", fv.mark, path)])
                plant_info[k] = {"branch": br.name, "path": path, "values": values, "entry": entry}
                self.planted.append(entry)
                continue

            pending = [b for n_, b in sorted(branches.items()) if n_ != "main" and b.changed]
            if pending and r.random() < merge_p:
                b = r.choice(pending)
                mops = []
                for p in b.changed:
                    if p in b.files:
                        if main.files.get(p) is not b.files[p]:
                            main.files[p] = b.files[p]
                            mops.append(("M", b.files[p].mark, p))
                    elif p in main.files:
                        del main.files[p]
                        mops.append(("D", p))
                m = self.commit(main, f"Merge branch '{b.name}'\n", mops, merge=b.tip)
                main.changed.clear()
                b.files = dict(main.files)
                b.changed = {}
                b.pending_from = m
                continue

            # an ordinary commit
            br = main if r.random() < 0.7 or len(branches) == 1 else branches[r.choice(sorted(branches))]
            ops, touched = [], []
            remaining = N - i
            avg_small = self.small_bytes / self.normal_commits if self.normal_commits > 20 else 12_000
            budget = a.target_bytes - self.blob_bytes - avg_small * remaining
            mean_big = sum(br.files[p].size for p in big) / len(big)
            x = budget / (mean_big * remaining) if budget > 0 else 0.0
            nbig = min(4, int(x) + (r.random() < x - int(x)))
            nsmall = r.choices(sizes, size_w)[0]
            if nbig:
                nsmall = max(0, min(nsmall, 5 - nbig))
            for p in r.sample(big, min(nbig, len(big))):
                fv = self.blob(self.edit_big(br.files[p], ext_of(p)))
                br.files[p] = fv
                ops.append(("M", fv.mark, p))
                touched.append(p)
            before = self.blob_bytes
            for _ in range(nsmall):
                k = r.random()
                if k < 0.015 or (self.future_files > 0 and r.random() < self.future_files / max(1, remaining)):
                    p = self.new_path(taken)
                    taken[p] = None
                    hot.insert(r.randrange(len(hot) + 1), p)
                    self.future_files -= 1
                    fv = self.blob(g.file(ext_of(p), self.small_size()))
                    br.files[p] = fv
                    ops.append(("M", fv.mark, p))
                elif k < 0.025:
                    p = self.pick(br, hot)
                    if p is None or p in touched:
                        continue
                    del br.files[p]
                    ops.append(("D", p))
                elif k < 0.035:
                    p = self.pick(br, hot)
                    if p is None or p in touched:
                        continue
                    q = self.new_path(taken, ext_of(p))
                    taken[q] = None
                    hot[hot.index(p)] = q
                    fv = br.files.pop(p)
                    br.files[q] = fv
                    ops += [("D", p), ("M", fv.mark, q)]
                    br.changed[q] = None
                else:
                    p = self.pick(br, hot)
                    if p is None or p in touched:
                        continue
                    fv = self.blob(self.edit_small(br.files[p], ext_of(p)))
                    br.files[p] = fv
                    ops.append(("M", fv.mark, p))
                touched.append(p)
            self.small_bytes += self.blob_bytes - before
            self.normal_commits += 1
            if not ops:   # nothing picked: append to a file so the commit is not empty
                p = self.pick(br, hot, 1000) or big[0]
                fv = br.files[p]
                fv = self.blob(fv.lines + g.block(ext_of(p)))
                br.files[p] = fv
                ops.append(("M", fv.mark, p))
                touched.append(p)
            for p in touched:
                br.changed[p] = None
            self.commit(br, self.message(touched), ops)

        # tags: a few annotated releases and lightweight build tags on main's history
        tags = []
        for t in range(a.tags):
            m = self.commit_marks[int((t + 1) * (len(self.commit_marks) - 1) / a.tags)]
            name, email, tz = self.authors[t % len(self.authors)]
            if t % 3 == 2:
                self.out.write(b"reset refs/tags/build-%d\nfrom :%d\n\n" % (t, m))
                tags.append(f"build-{t}")
            else:
                msg = f"Release v1.{t}.0\n".encode()
                self.out.write(b"tag v1.%d.0\nfrom :%d\ntagger %s <%s> %d %s\ndata %d\n%s\n" % (
                    t, m, name.encode(), email.encode(), self.ts + t, tz.encode(), len(msg), msg))
                tags.append(f"v1.{t}.0")
        self.out.write(b"done\n")
        return initial_bytes, tags


def git(repo, *args, **kw):
    return subprocess.run(["git", "-C", str(repo), *args], check=True, **kw)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("out")
    ap.add_argument("--commits", type=int, default=30_000)
    ap.add_argument("--target-bytes", type=int, default=1_000_000_000,
                    help="total size of all distinct blobs (default 1e9)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--files", type=int, default=3000, help="small files over the history (default 3000)")
    ap.add_argument("--secrets", type=int, default=20)
    ap.add_argument("--tags", type=int, default=12)
    ap.add_argument("--bare", action="store_true")
    ap.add_argument("--window", type=int, default=10, help="git repack --window (default 10)")
    ap.add_argument("--depth", type=int, default=50, help="git repack --depth (default 50)")
    args = ap.parse_args()
    if args.commits < 10:
        ap.error("--commits must be at least 10")

    out = pathlib.Path(args.out).resolve()
    if out.exists() and any(out.iterdir()):
        if not ((out / MARKER).exists() or (out / ".git" / MARKER).exists()):
            sys.exit(f"{out} exists, is not empty and was not made by this script: not touching it")
        shutil.rmtree(out)
    out.mkdir(parents=True, exist_ok=True)
    t0 = time.time()
    subprocess.run(["git", "init", "-q", "-b", "main", *(["--bare"] if args.bare else []), str(out)], check=True)
    gitdir = out if args.bare else out / ".git"
    (gitdir / MARKER).write_text("made by leakhound benches/make_history.py\n")
    git(out, "config", "gc.auto", "0")
    git(out, "config", "core.autocrlf", "false")

    with tempfile.TemporaryDirectory() as tmp:
        marks_file = os.path.join(tmp, "marks")
        fi = subprocess.Popen(["git", "-C", str(out), "fast-import", "--quiet", "--done",
                               f"--export-marks={marks_file}"], stdin=subprocess.PIPE, bufsize=1 << 20)
        h = History(args, fi.stdin)
        try:
            initial_bytes, tags = h.run()
        except BrokenPipeError:
            pass
        fi.stdin.close()
        if fi.wait() != 0:
            sys.exit("git fast-import failed")
        marks = {}
        with open(marks_file) as f:
            for line in f:
                m, sha = line.split()
                marks[int(m[1:])] = sha
    t_import = time.time() - t0
    print(f"fast-import: {h.idx} commits, {h.blob_bytes / 1e6:.1f} MB of blobs written "
          f"({initial_bytes / 1e6:.1f} MB in the first commit), {t_import:.0f} s", file=sys.stderr)

    t1 = time.time()
    git(out, "repack", "-a", "-d", "-f", "-q", f"--window={args.window}", f"--depth={args.depth}",
        "--no-write-bitmap-index")
    t_repack = time.time() - t1

    planted = []
    for e in h.planted:
        e = dict(e)
        e["commit"] = marks[e.pop("commit_mark")]
        if "removed_commit_mark" in e:
            e["removed_commit"] = marks[e.pop("removed_commit_mark")]
        planted.append(e)
    planted_path = pathlib.Path(str(out) + ".planted.json")
    planted_path.write_text(json.dumps({
        "repo": str(out), "seed": args.seed, "commits": h.idx,
        "note": "fake credentials, random values shaped like real ones; commit_index is the 0-based "
                "position in import order (dates increase with it)",
        "planted": planted}, indent=2) + "\n")

    # stats from git itself
    p = subprocess.run(["git", "-C", str(out), "cat-file", "--batch-all-objects",
                        "--batch-check=%(objecttype) %(objectsize)"], check=True, capture_output=True, text=True)
    counts, sizes = {}, {}
    for line in p.stdout.splitlines():
        t, s = line.split()
        counts[t] = counts.get(t, 0) + 1
        sizes[t] = sizes.get(t, 0) + int(s)
    commits = int(git(out, "rev-list", "--all", "--count", capture_output=True, text=True).stdout)
    packs = sorted((gitdir / "objects" / "pack").glob("*.pack"))
    pack_bytes = sum(f.stat().st_size for f in packs)
    total = time.time() - t0
    print(f"{out}: {commits} commits ({counts.get('commit', 0)} commit objects), "
          f"{counts.get('blob', 0)} blobs, {sizes.get('blob', 0):,} blob bytes "
          f"({sizes.get('blob', 0) / 1e6:.1f} MB), {counts.get('tree', 0)} trees, "
          f"{counts.get('tag', 0)} tag objects, {len(tags)} tags, refs: "
          f"{len(git(out, 'for-each-ref', capture_output=True, text=True).stdout.splitlines())}")
    print(f"pack: {len(packs)} file(s), {pack_bytes:,} bytes ({pack_bytes / 1e6:.1f} MB)")
    print(f"planted: {len(planted)} secrets ({sum(1 for e in planted if e['removed_commit_index'] is not None)}"
          f" removed later) -> {planted_path}")
    print(f"time: {total:.0f} s (generate + fast-import {t_import:.0f} s, repack {t_repack:.0f} s, "
          f"stats {total - t_import - t_repack:.0f} s)")


if __name__ == "__main__":
    main()
