#!/usr/bin/env python3
"""cfntool transform against aws-sam-translator 1.110.0's own test fixtures, with a floor.

usage: check-sam.py --cfntool BIN [--sam ../shared/sam] [--sample K] [--min 0.95] [--show N]

Runs ../shared/tools/sam_compare.py (SAM's comparison: lists as multisets, deployment ids
re-derived from the body's hash, error fixtures must exit 2 naming the same resources) on every
fixture, or with --sample K on every K-th fixture name in sorted order (the sample make test
runs). Prints the figures per kind and partition; exits 1 when the success fixtures of any
partition, or the error fixtures, match less than --min.
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--cfntool", required=True)
    ap.add_argument("--sam", default=os.path.join(HERE, "..", "..", "shared", "sam"))
    ap.add_argument("--sample", type=int, default=1)
    ap.add_argument("--min", type=float, default=0.95)
    ap.add_argument("--show", type=int, default=20)
    a = ap.parse_args()
    compare = os.path.join(os.path.dirname(os.path.abspath(a.sam)), "tools", "sam_compare.py")
    names = sorted(os.path.splitext(f)[0] for f in os.listdir(os.path.join(a.sam, "input")) if f.endswith(".yaml"))
    chosen = names[:: a.sample]
    with tempfile.TemporaryDirectory() as tmp:
        # A fixture folder holding the chosen fixtures only (links to the real files).
        os.makedirs(os.path.join(tmp, "input"))
        for part in os.listdir(os.path.join(a.sam, "output")):
            os.makedirs(os.path.join(tmp, "output", part))
        for n in chosen:
            os.symlink(os.path.join(os.path.abspath(a.sam), "input", n + ".yaml"), os.path.join(tmp, "input", n + ".yaml"))
            for part in os.listdir(os.path.join(a.sam, "output")):
                src = os.path.join(os.path.abspath(a.sam), "output", part, n + ".json")
                if os.path.exists(src):
                    os.symlink(src, os.path.join(tmp, "output", part, n + ".json"))
        results = os.path.join(tmp, "results.json")
        p = subprocess.run([sys.executable, compare, "--cfntool", a.cfntool, "--fixtures", tmp, "--show", str(a.show),
                            "--json", results], capture_output=True, text=True)
        sys.stdout.write(p.stdout)
        if p.returncode != 0:
            sys.stderr.write(p.stderr)
            return 2
        rows = json.load(open(results))
    failed = []
    for kind in ("success", "error"):
        for part in sorted({r["partition"] for r in rows}):
            rs = [r for r in rows if r["kind"] == kind and r["partition"] == part]
            if not rs:
                continue
            share = sum(r["ok"] for r in rs) / len(rs)
            print(f"check-sam: {kind} fixtures, {part}: {sum(r['ok'] for r in rs)}/{len(rs)} ({100 * share:.1f}%)")
            # Error fixtures exist for one partition mostly; one or two elsewhere are not a share.
            if share < a.min and len(rs) >= 5:
                failed.append(f"{kind} {part} {100 * share:.1f}% < {100 * a.min:.0f}%")
    scope = f"every {a.sample}th of {len(names)}" if a.sample > 1 else f"all {len(names)}"
    if failed:
        print(f"check-sam: FAILED ({scope} fixtures): " + "; ".join(failed))
        return 1
    print(f"check-sam: passed ({scope} fixtures, floor {100 * a.min:.0f}%)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
