#!/usr/bin/env bash
# Builds a benchmark git repository out of REAL code history: the released versions of real
# crates from crates.io, one commit per release, in release order.
#
# usage: benches/make_real_history.sh OUT_DIR [PROJECT...]
#
#   OUT_DIR   the repository to create (must not exist, or be empty).
#   PROJECT   a crates.io crate name, optionally NAME@N for only its N latest releases; several
#             may be given (separate arguments or comma-separated). Default: DEFAULT_PROJECTS
#             below, about 1,200 commits and ~1 GB of blobs.
#
# With one project, each commit's tree is that release's source (the .crate tarball, top
# directory stripped). With several, each project lives in its own subdirectory NAME/ of one
# history (a monorepo): the releases of all projects are merged by publication time, and each
# commit replaces one project's subdirectory with one release's source, so the tree holds every
# project at its latest release so far. Yanked releases and pre-releases (x.y.z-alpha...) are
# skipped. Commit: author and committer "release bot", date = the release's publication time
# from the crates.io index ("pubtime"; consecutive hours after the previous commit where the
# index has none), message "NAME VERSION".
#
# Versions and dates come from the sparse index (https://index.crates.io/; the crates.io web
# API is not reachable here), tarballs from https://static.crates.io/crates/NAME/NAME-VER.crate,
# checked against the index's SHA-256 and cached in $CACHE (default /tmp/crate-cache), so a
# rerun downloads nothing. The history is streamed into `git fast-import` (only files that
# changed are sent), then `git repack -a -d -f --window=10 --depth=50`, like a fresh clone.
# As with make_history.py, OUT_DIR is a non-bare repository with no checkout (HEAD on main);
# CHECKOUT=1 checks main out.
#
# Environment: CACHE, JOBS (parallel downloads, default 8), CHECKOUT.
# Needs bash, curl, python3 (standard library), git >= 2.28.
set -euo pipefail

DEFAULT_PROJECTS="cargo tokio syn libc hyper regex"

if [ $# -lt 1 ]; then
  sed -n '2,/^set -euo/p' "$0" | sed '$d' | sed 's/^# \{0,1\}//' >&2
  exit 2
fi
OUT=$1
shift
PROJECTS=$(echo "${*:-$DEFAULT_PROJECTS}" | tr ',' ' ')
CACHE=${CACHE:-/tmp/crate-cache}
JOBS=${JOBS:-8}
START=$(date +%s)

if [ -e "$OUT" ] && [ -n "$(ls -A "$OUT")" ]; then
  echo "error: $OUT exists and is not empty" >&2
  exit 1
fi
mkdir -p "$OUT" "$CACHE/index"
OUT=$(cd "$OUT" && pwd)

# 1. The release list: "pubtime name version sha256" per release, in release order.
plan=$CACHE/plan.$$
trap 'rm -f "$plan" "$plan.get"' EXIT
python3 - "$CACHE" $PROJECTS > "$plan" <<'EOF'
import datetime, json, os, sys, urllib.request

cache, projects = sys.argv[1], sys.argv[2:]

def index_path(name):
    n = name.lower()
    if len(n) <= 2:
        return f"{len(n)}/{n}"
    if len(n) == 3:
        return f"3/{n[0]}/{n}"
    return f"{n[:2]}/{n[2:4]}/{n}"

def is_release(v):
    return "-" not in v.split("+")[0]

releases = []
for spec in projects:
    name, _, limit = spec.partition("@")
    # The index is re-read every run (one small request per project); the tarballs are cached.
    local = os.path.join(cache, "index", name.lower())
    try:
        with urllib.request.urlopen("https://index.crates.io/" + index_path(name), timeout=60) as r:
            text = r.read().decode()
        with open(local, "w") as f:
            f.write(text)
    except Exception as e:
        if not os.path.exists(local):
            sys.exit(f"error: cannot read the crates.io index for {name!r}: {e}")
        print(f"warning: index for {name} unreachable ({e}); using the cached copy", file=sys.stderr)
        text = open(local).read()
    entries = [json.loads(l) for l in text.splitlines() if l.strip()]
    # Index order is publication order; a missing pubtime (very old entries) gets the
    # previous one plus an hour.
    rel, last = [], 0
    for e in entries:
        t = e.get("pubtime")
        if t:
            last = int(datetime.datetime.strptime(t, "%Y-%m-%dT%H:%M:%SZ")
                       .replace(tzinfo=datetime.timezone.utc).timestamp())
        else:
            last += 3600
        if not e["yanked"] and is_release(e["vers"]):
            rel.append((last, e["name"], e["vers"], e["cksum"]))
    if limit:
        rel = rel[-int(limit):]
    print(f"{name}: {len(rel)} releases, {rel[0][2]} .. {rel[-1][2]}" if rel else f"{name}: no releases",
          file=sys.stderr)
    releases += rel

releases.sort(key=lambda r: r[0])  # stable: ties keep each project's index order
for t, name, vers, ck in releases:
    print(t, name, vers, ck)
EOF
echo "$(wc -l < "$plan") releases in total"

# 2. Download what is not cached yet, in parallel, each checked against the index's SHA-256.
while read -r _ name vers ck; do
  f=$CACHE/$name-$vers.crate
  [ -s "$f" ] || echo "$name $vers $ck"
done < "$plan" > "$plan.get"
if [ -s "$plan.get" ]; then
  echo "downloading $(wc -l < "$plan.get") crates into $CACHE ..."
  # shellcheck disable=SC2016
  xargs -P "$JOBS" -L 1 bash -c '
    f="$0/$1-$2.crate"
    curl -sSf --retry 3 -o "$f.part" "https://static.crates.io/crates/$1/$1-$2.crate" &&
      echo "$3  $f.part" | sha256sum -c --status && mv "$f.part" "$f" ||
      { echo "error: download of $1 $2 failed or its checksum is wrong" >&2; rm -f "$f.part"; exit 255; }
  ' "$CACHE" < "$plan.get"
fi

# 3. The history: python reads each tarball and writes a fast-import stream with only the files
#    that differ from the project's previous release (new blobs inline, deletions as D).
git init -q -b main "$OUT"
nproj=$(echo $PROJECTS | wc -w)
python3 - "$CACHE" "$nproj" "$plan" <<'EOF' | git -C "$OUT" fast-import --quiet --date-format=raw
import hashlib, sys, tarfile

cache, multi, plan = sys.argv[1], int(sys.argv[2]) > 1, sys.argv[3]
out = sys.stdout.buffer
previous = {}  # project -> {path: (mode, git blob id)}
mark = 0

def w(s):
    out.write(s if isinstance(s, bytes) else s.encode())

for line in open(plan):
    t, name, vers, _ = line.split()
    files = {}
    with tarfile.open(f"{cache}/{name}-{vers}.crate", "r:gz") as tar:
        for m in tar:
            parts = m.name.split("/", 1)
            if len(parts) < 2 or not parts[1] or m.isdir():
                continue
            path = parts[1].strip("/")
            if m.issym():
                mode, data = "120000", m.linkname.encode()
            elif m.isfile():
                mode = "100755" if m.mode & 0o111 else "100644"
                data = tar.extractfile(m).read()
            else:
                continue  # hard links, devices: none in practice
            files[path] = (mode, data)
    old = previous.get(name, {})
    new = {}
    w(f"commit refs/heads/main\n")
    w(f"author release bot <release-bot@example.invalid> {t} +0000\n")
    w(f"committer release bot <release-bot@example.invalid> {t} +0000\n")
    msg = f"{name} {vers}\n".encode()
    w(f"data {len(msg)}\n"); w(msg)
    prefix = f"{name}/" if multi else ""
    for path in old:
        if path not in files:
            w(f"D {prefix}{path}\n")
    for path, (mode, data) in sorted(files.items()):
        oid = hashlib.sha1(b"blob %d\0" % len(data) + data).hexdigest()
        new[path] = (mode, oid)
        if old.get(path) == (mode, oid):
            continue
        w(f"M {mode} inline {prefix}{path}\ndata {len(data)}\n"); w(data); w(b"\n")
    w(b"\n")
    previous[name] = new
EOF

echo "repacking ..."
git -C "$OUT" repack -a -d -f -q --window=10 --depth=50
if [ "${CHECKOUT:-0}" = 1 ]; then git -C "$OUT" checkout -q -f main; fi

# 4. What was built.
GITDIR=$(git -C "$OUT" rev-parse --absolute-git-dir)
echo "repo: $OUT"
echo "projects: $PROJECTS"
echo "commits: $(git -C "$OUT" rev-list --all --count)"
git -C "$OUT" cat-file --batch-all-objects --batch-check='%(objecttype) %(objectsize)' |
  awk '$1 == "blob" { n++; s += $2 } END { printf "blobs: %d, total blob bytes: %d (%.1f MB)\n", n, s, s / 1e6 }'
du -cb "$GITDIR"/objects/pack/*.pack | tail -1 | awk '{ printf "pack size: %d bytes (%.1f MB)\n", $1, $1 / 1e6 }'
echo "build time: $(( $(date +%s) - START )) s"
