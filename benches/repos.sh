#!/usr/bin/env bash
# Repositories per minute for an organisation audit: `leakhound scan-repos --list`
# over K local repositories, cloned by file:// URL into a fresh cache (the clone is
# part of the work, as it is for a remote) and, for comparison, scanned in place by
# path; with --repo-concurrency 1 and 2.
#
# usage: benches/repos.sh [K] [DIR]
#
#   K    repositories (default 50), each made by benches/make_history.py with
#        400 commits, ~200 small files and ~5 MB of blobs (seeds 1..K), bare.
#   DIR  where they are made and kept (default /tmp/lh-repos); reused when present.
#
# Environment: BIN (default target/release/leakhound), RUNS (default 3; the median
# is reported), THREADS (default: all cores; --threads, shared among the repositories
# scanned at once). Needs python3 and git.
set -euo pipefail
cd "$(dirname "$0")/.."

K=${1:-50}
DIR=${2:-/tmp/lh-repos}
BIN=${BIN:-target/release/leakhound}
RUNS=${RUNS:-3}
THREADS=${THREADS:-$(nproc)}
[ -x "$BIN" ] || { echo "build first: cargo build --release" >&2; exit 2; }
mkdir -p "$DIR"

for i in $(seq 0 $((K - 1))); do
  if [ ! -d "$DIR/r$i" ]; then
    python3 benches/make_history.py "$DIR/r$i" --commits 400 --target-bytes 5000000 \
      --files 200 --seed $((i + 1)) --bare >"$DIR/r$i.log" 2>&1
  fi
done
: >"$DIR/list-url.txt"
: >"$DIR/list-path.txt"
for i in $(seq 0 $((K - 1))); do
  echo "file://$DIR/r$i" >>"$DIR/list-url.txt"
  echo "$DIR/r$i" >>"$DIR/list-path.txt"
done
blobs=$(du -sk "$DIR"/r*/ | awk '{s += $1} END {printf "%.0f", s / 1024}')
echo "$K repositories, $blobs MB on disk, $(git --git-dir "$DIR/r0" rev-list --all | wc -l) commits each; $THREADS threads; $(git --version)"

median() { sort -n | awk '{a[NR] = $1} END {print a[int((NR + 1) / 2)]}'; }

run() { # list concurrency extra-args…
  local list=$1 concurrency=$2
  shift 2
  local times=()
  for _ in $(seq "$RUNS"); do
    rm -rf "$DIR/cache"
    local start end
    start=$(date +%s.%N)
    "$BIN" scan-repos --list "$list" --repo-concurrency "$concurrency" --threads "$THREADS" \
      --format jsonl --output /dev/null --quiet --cache-dir "$DIR/cache" "$@" || [ $? -eq 1 ]
    end=$(date +%s.%N)
    times+=("$(echo "$end - $start" | bc)")
  done
  printf '%s\n' "${times[@]}" | median
}

printf '| input | --repo-concurrency | seconds (median of %s) | repositories per minute |\n|---|---|---|---|\n' "$RUNS"
for concurrency in 1 2; do
  for mode in url path; do
    if [ "$mode" = url ]; then
      secs=$(run "$DIR/list-url.txt" "$concurrency" --no-cache)
      label="file:// URL (clone + scan, --no-cache)"
    else
      secs=$(run "$DIR/list-path.txt" "$concurrency")
      label="local path (scan only)"
    fi
    rate=$(echo "scale=0; $K * 60 / $secs" | bc)
    printf '| %s | %s | %.1f | %s |\n' "$label" "$concurrency" "$secs" "$rate"
  done
done
