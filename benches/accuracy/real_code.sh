#!/usr/bin/env bash
# Scans real code already on the machine (plus two source trees fetched once)
# with leakhound and its peers; reports findings per 100 MB and lists every
# finding, secrets redacted, for review.
#
# usage: benches/accuracy/real_code.sh [LEAKHOUND_BIN]
#
# Trees (each scanned as its own directory, same run, 2 threads):
#   cargo-registry  ~/.cargo/registry/src (what this machine's builds fetched)
#   python-stdlib   CPython's standard library without site-packages and
#                   __pycache__ (copied to $CACHE, so site-packages is out)
#   cargo           the `cargo` crate's published source, from static.crates.io
#   git             git's upstream release tarball, from Debian's source mirror
# A tree that cannot be fetched is left out and said so. $CACHE defaults to
# /tmp/lh-realcode; $WORK (reports, review lists) to a fresh temporary dir.
set -euo pipefail
cd "$(dirname "$0")/../.."

LEAKHOUND=${1:-target/release/leakhound}
CACHE=${CACHE:-/tmp/lh-realcode}
WORK=${WORK:-$(mktemp -d /tmp/lh-realcode-work.XXXXXX)}
CARGO_VERSION=${CARGO_VERSION:-0.86.0}
GIT_VERSION=${GIT_VERSION:-2.39.5}
PYSTDLIB=${PYSTDLIB:-/root/.pyenv/versions/3.11.7/lib/python3.11}
mkdir -p "$CACHE"

trees=()
if [ -d "$HOME/.cargo/registry/src" ]; then
  trees+=("$HOME/.cargo/registry/src")
else
  echo "real_code.sh: no ~/.cargo/registry/src; left out" >&2
fi

if [ -d "$PYSTDLIB" ]; then
  if [ ! -d "$CACHE/python-stdlib" ]; then
    mkdir -p "$CACHE/python-stdlib.tmp"
    tar -C "$PYSTDLIB" --exclude=./site-packages --exclude=__pycache__ -cf - . | tar -C "$CACHE/python-stdlib.tmp" -xf -
    mv "$CACHE/python-stdlib.tmp" "$CACHE/python-stdlib"
  fi
  trees+=("$CACHE/python-stdlib")
else
  echo "real_code.sh: no Python standard library at $PYSTDLIB; left out" >&2
fi

if [ ! -d "$CACHE/cargo-$CARGO_VERSION" ]; then
  if curl -fsSL --max-time 120 -o "$CACHE/cargo.crate" "https://static.crates.io/crates/cargo/cargo-$CARGO_VERSION.crate"; then
    tar -C "$CACHE" -xzf "$CACHE/cargo.crate" && rm -f "$CACHE/cargo.crate"
  else
    echo "real_code.sh: could not fetch cargo-$CARGO_VERSION.crate from static.crates.io; left out" >&2
  fi
fi
[ -d "$CACHE/cargo-$CARGO_VERSION" ] && trees+=("$CACHE/cargo-$CARGO_VERSION")

if [ ! -d "$CACHE/git-$GIT_VERSION" ]; then
  if curl -fsSL --max-time 300 -o "$CACHE/git.tar.xz" "http://deb.debian.org/debian/pool/main/g/git/git_$GIT_VERSION.orig.tar.xz"; then
    tar -C "$CACHE" -xJf "$CACHE/git.tar.xz" && rm -f "$CACHE/git.tar.xz"
  else
    echo "real_code.sh: could not fetch git_$GIT_VERSION.orig.tar.xz from deb.debian.org; left out" >&2
  fi
fi
[ -d "$CACHE/git-$GIT_VERSION" ] && trees+=("$CACHE/git-$GIT_VERSION")

python3 benches/accuracy/run.py real-code "${trees[@]}" --leakhound "$LEAKHOUND" --work "$WORK"
