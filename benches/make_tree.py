#!/usr/bin/env python3
"""Builds the benchmark tree: real source files with fixture secrets sprinkled in.

usage: make_tree.py OUT_DIR [--files 4800] [--bytes 48000000] [--source DIR]

Files come from DIR (default: the local cargo registry sources, i.e. the
crates this project builds with), taken in sorted order so every run on the
same machine builds the same tree. Sources are reused if there are too few. One file in twenty gets one line from
fixtures/positive/*.txt appended, so scanners have real work to do.
"""
import argparse, os, pathlib, shutil

HERE = pathlib.Path(__file__).resolve().parent
EXTS = {".rs", ".toml", ".md", ".json", ".yml", ".yaml", ".txt", ".py", ".js", ".ts", ".c", ".h", ".sh"}

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("out")
    ap.add_argument("--files", type=int, default=4800)
    ap.add_argument("--bytes", type=int, default=48_000_000)
    default_src = pathlib.Path(os.environ.get("CARGO_HOME", pathlib.Path.home() / ".cargo")) / "registry" / "src"
    ap.add_argument("--source", default=str(default_src))
    args = ap.parse_args()
    out = pathlib.Path(args.out)
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    secrets = []
    for f in sorted((HERE.parent / "fixtures" / "positive").glob("*.txt")):
        secrets += [l for l in f.read_text().splitlines() if l.strip()]
    target_avg = args.bytes / args.files
    candidates = sorted(
        p for p in pathlib.Path(args.source).rglob("*")
        if p.is_file() and p.suffix in EXTS and target_avg / 5 <= p.stat().st_size <= 4 * target_avg
    )
    if not candidates:
        raise SystemExit(f"no source files of a useful size under {args.source}")
    written = total = 0
    # Cycle through the sources if there are fewer than the tree needs.
    for i in range(args.files * 10):
        src = candidates[i % len(candidates)]
        data = src.read_bytes()
        dest = out / f"d{written // 100:03d}" / f"{written:05d}_{src.name}"
        dest.parent.mkdir(exist_ok=True)
        if written % 20 == 0:
            data += b"\n" + secrets[(written // 20) % len(secrets)].encode() + b"\n"
        dest.write_bytes(data)
        written += 1
        total += len(data)
        if written >= args.files or total >= args.bytes:
            break
    print(f"{out}: {written} files, {total / 1e6:.1f} MB, {(written + 19) // 20} with a fixture secret")

if __name__ == "__main__":
    main()
