#!/usr/bin/env bash
# Times a full-history scan, `leakhound git REPO`, against the least work such a scan can do
# (gix's raw pack traversal, `git cat-file --batch-all-objects`) and against its peers, on the
# same repository, with the same thread count, in the same run; then the peak RSS of each.
#
# usage: benches/history.sh REPO [THREADS]
#
#   REPO     a repository, e.g. from `python3 benches/make_history.py /tmp/lh-history-big`
#            (30,000 commits, 1 GB of blobs; `--commits 2000 --target-bytes 50000000` for a
#            quick one). If REPO.planted.json exists beside it, the script counts how many of the
#            planted secrets each report contains.
#   THREADS  default 2: leakhound -j, the traversal's thread limit, kingfisher -j, GOMAXPROCS
#            for gitleaks and Betterleaks. `git cat-file` is single-threaded.
#
# Environment: RUNS (default 3), WARMUP (default 1), PEERS (default /tmp/peers; peers are
# installed as in benches/compare.sh; a missing one is left out). Needs hyperfine, python3 and
# GNU time (/usr/bin/time; `apt-get install time`) for the RSS table.
# Writes the hyperfine table to benches/history-latest.md (not committed).
set -euo pipefail
cd "$(dirname "$0")/.."

if [ $# -lt 1 ] || [ ! -d "$1" ]; then
  echo "usage: benches/history.sh REPO [THREADS]   (make one: python3 benches/make_history.py DIR)" >&2
  exit 2
fi
REPO=$(cd "$1" && pwd)
THREADS=${2:-2}
PEERS=${PEERS:-/tmp/peers}
RUNS=${RUNS:-3}
WARMUP=${WARMUP:-1}
PLANTED=$REPO.planted.json

cargo build --release --quiet --bin leakhound --example raw_pack_traversal
# Reports go to a scratch directory, never to /dev/null: a tool that writes its report by
# renaming a temporary file over the target replaces the /dev/null device with a regular file
# (seen here, and it broke cargo).
OUT=$(mktemp -d)
trap 'rm -rf "$OUT"' EXIT
LEAKHOUND=$PWD/target/release/leakhound
RAW=$PWD/target/release/examples/raw_pack_traversal
if ! "$LEAKHOUND" git --help > "$OUT/help.txt" 2>&1; then
  echo "note: this leakhound build has no 'git' subcommand yet: its line fails and its ratios mean nothing"
fi

# name | command | report file (for the planted-secret count)
names=() cmds=() reports=()
add() { names+=("$1"); cmds+=("$2"); reports+=("${3:-}"); }
add "leakhound git" \
  "'$LEAKHOUND' git '$REPO' -j $THREADS --no-progress --quiet --format json --output '$OUT/leakhound.json' --exit-code 0" \
  "$OUT/leakhound.json"
add "gix raw pack traversal" "'$RAW' '$REPO' $THREADS"
add "git cat-file --batch-all-objects" "git -C '$REPO' cat-file --batch-all-objects --batch --unordered | wc -c"

source benches/peers.sh  # the working directory is the repository root
# Peers' names start with "peer:"; the fastest of them is the one leakhound is compared with.
if [ -n "$KINGFISHER" ]; then
  add "peer: kingfisher 2.14 --git-history full" \
    "'$KINGFISHER' scan '$REPO' --git-history full -n --no-update-check -j $THREADS --format json -o '$OUT/kingfisher.json' -q" \
    "$OUT/kingfisher.json"
fi
if [ -n "$GITLEAKS" ]; then
  add "peer: gitleaks 8.30 git" \
    "GOMAXPROCS=$THREADS '$GITLEAKS' git '$REPO' --no-banner --log-level error --report-format json --report-path '$OUT/gitleaks.json' --exit-code 0" \
    "$OUT/gitleaks.json"
fi
if [ -n "$BETTERLEAKS" ]; then
  add "peer: betterleaks 2.0 git" \
    "GOMAXPROCS=$THREADS '$BETTERLEAKS' git '$REPO' --no-banner --silent --log-level error --output '$OUT/betterleaks.json' --exit-code 0" \
    "$OUT/betterleaks.json"
fi

GITDIR=$(git -C "$REPO" rev-parse --absolute-git-dir)
echo "repo: $REPO: $(git -C "$REPO" rev-list --all --count) commits," \
  "$(git -C "$REPO" cat-file --batch-all-objects --batch-check='%(objecttype) %(objectsize)' |
    awk '$1 == "blob" { n++; s += $2 } END { printf "%d blobs, %.1f MB of blobs", n, s / 1e6 }'), pack" \
  "$(du -cb "$GITDIR"/objects/pack/*.pack | tail -1 | awk '{ printf "%.1f MB", $1 / 1e6 }'); threads: $THREADS"

hf=()
for i in "${!names[@]}"; do hf+=(-n "${names[$i]}" "${cmds[$i]}"); done
hyperfine --warmup "$WARMUP" --runs "$RUNS" --ignore-failure \
  --export-markdown benches/history-latest.md --export-json "$OUT/hyperfine.json" "${hf[@]}"

# Peak RSS: one more run of each under GNU time (bash -c adds ~4 MB to nothing: the larger
# of the shell and the tool is reported, and for a pipeline the largest process in it).
: > "$OUT/runs.tsv"
for i in "${!names[@]}"; do
  rss=""
  if [ -x /usr/bin/time ]; then
    rc=0
    /usr/bin/time -v -o "$OUT/time.$i" bash -c "${cmds[$i]}" > "$OUT/stdout.$i" 2> "$OUT/stderr.$i" || rc=$?
    rss=$(awk -F': ' '/Maximum resident set size/ { print $2 }' "$OUT/time.$i")
  else
    rc=$(bash -c "${cmds[$i]}" > "$OUT/stdout.$i" 2> "$OUT/stderr.$i"; echo $?) || true
  fi
  printf '%s\t%s\t%s\t%s\n' "${names[$i]}" "${reports[$i]}" "$rss" "$rc" >> "$OUT/runs.tsv"
done
[ -x /usr/bin/time ] || echo "note: no /usr/bin/time (apt-get install time): no peak RSS"

python3 - "$OUT/hyperfine.json" "$OUT/runs.tsv" "$PLANTED" <<'EOF'
import hashlib, json, os, sys

results = json.load(open(sys.argv[1]))["results"]
runs = [line.rstrip("\n").split("\t") for line in open(sys.argv[2])]
planted = json.load(open(sys.argv[3]))["planted"] if os.path.exists(sys.argv[3]) else None


def found(report):
    """How many planted secrets a report names (as the value or its SHA-256), and its finding count."""
    if not report or not os.path.exists(report):
        return "", ""
    text = open(report, errors="replace").read()
    try:
        doc = json.loads(text)
        n = len(doc) if isinstance(doc, list) else len(doc.get("findings", []))
    except ValueError:
        n = "?"
    if planted is None:
        return "", n
    hits = sum(1 for p in planted
               if any(s in text or hashlib.sha256(s.encode()).hexdigest() in text for s in p["secrets"]))
    return f"{hits}/{len(planted)}", n


lh = results[0]["mean"]
rows = []
print(f"\n| command | mean (s) | ± (s) | min (s) | max (s) | / leakhound | peak RSS (MB) | exit | findings | planted found |")
print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
for r, (name, report, rss, rc) in zip(results, runs):
    codes = sorted(set(r.get("exit_codes") or [])) or [int(rc)]
    hits, n = found(report)
    rss_mb = f"{int(rss) / 1024:.0f}" if rss else ""
    print(f"| {name} | {r['mean']:.3f} | {r['stddev'] or 0:.3f} | {r['min']:.3f} | {r['max']:.3f} | "
          f"{r['mean'] / lh:.2f}x | {rss_mb} | {','.join(map(str, codes))} | {n} | {hits} |")

print()
lh_codes = set(results[0].get("exit_codes") or [])
if lh_codes - {0}:
    print(f"leakhound git failed (exit {sorted(lh_codes)}): the ratios below mean nothing")
by_name = {r_[0]: r for r, r_ in zip(results, runs)}
print(f"leakhound / raw pack traversal: {lh / by_name['gix raw pack traversal']['mean']:.2f}x")
print(f"leakhound / git cat-file:       {lh / by_name['git cat-file --batch-all-objects']['mean']:.2f}x")
peers = [(r["mean"], n) for n, r in by_name.items() if n.startswith("peer:") and not (set(r.get("exit_codes") or []) - {0, 200})]
if peers:
    t, n = min(peers)
    print(f"leakhound / fastest peer ({n[6:]}): {lh / t:.2f}x")
EOF
