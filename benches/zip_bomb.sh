#!/usr/bin/env bash
# Zip-bomb guard: wall time and peak RSS of `leakhound dir` on a directory
# holding 1 GiB bombs (a zip member and a tar.gz member of 1 GiB of zeros,
# about 1 MiB each on disk) next to a member with a fake secret.
#
# Usage: benches/zip_bomb.sh [SCRATCH_DIR]   (builds nothing: run
# `cargo build --release` first). Writes into SCRATCH_DIR (default: a temp
# dir), never into the repository.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
bin="$here/target/release/leakhound"
out=${1:-$(mktemp -d)}
mkdir -p "$out/bombs"
python3 - "$out/bombs" <<'PY'
import io, sys, tarfile, zipfile, gzip
out = sys.argv[1]
token = "ghp_R8b2Kq0ZxT4mV9wL1nC7pY3sD6fH5jG2aE0u"  # made-up test token shape; leakhound:allow
zeros = b"\0" * (1 << 20)
with zipfile.ZipFile(f"{out}/bomb.zip", "w", zipfile.ZIP_DEFLATED) as z:
    with z.open("bomb.bin", "w", force_zip64=True) as f:
        for _ in range(1024):
            f.write(zeros)
    z.writestr("conf/app.env", f"GITHUB_TOKEN={token}\n")
class Zeros(io.RawIOBase):
    def __init__(self, n): self.left = n
    def readable(self): return True
    def readinto(self, b):
        n = min(len(b), self.left); b[:n] = bytes(n); self.left -= n; return n
with gzip.open(f"{out}/bomb.tgz", "wb", compresslevel=1) as g:
    with tarfile.open(fileobj=g, mode="w") as t:
        info = tarfile.TarInfo("bomb.bin"); info.size = 1 << 30
        t.addfile(info, io.BufferedReader(Zeros(1 << 30)))
        data = f"GITHUB_TOKEN={token}\n".encode()
        info = tarfile.TarInfo("conf/app.env"); info.size = len(data)
        t.addfile(info, io.BytesIO(data))
PY
ls -l "$out/bombs"
/usr/bin/time -v "$bin" dir --no-progress --format jsonl -o "$out/report.jsonl" "$out/bombs" 2> "$out/time.txt" || true
grep -E "leakhound:|archive|Elapsed|Maximum resident" "$out/time.txt"
echo "findings: $(wc -l < "$out/report.jsonl") (report: $out/report.jsonl)"
