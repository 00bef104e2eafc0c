#!/usr/bin/env python3
"""Check `cfntool convert --to json` against cfn-lint's own template decoder.

usage: check-convert.py --cfntool PATH [--corpus DIR] [--sample N] [--seed S]

For each corpus template (or a reproducible random sample of N), the JSON that cfntool writes,
read by Python's json module, must equal the template as cfn-lint 1.51.0's decoder reads the
original file (dates as their text, keys as JSON spells them). Exits 1 on any difference.
"""
import argparse, json, os, random, subprocess, sys

from cfnlint.decode import decode


def plain(obj):
    # cfn-lint returns dict/list/str subclasses with marks, dates for YYYY-MM-DD and Python
    # keys (True, 200) where YAML 1.1 resolves them; JSON spells them "true", "200".
    return json.loads(json.dumps(obj, default=str))


def first_diff(a, b, path=""):
    if type(a) != type(b) and not (isinstance(a, (int, float)) and isinstance(b, (int, float)) and not isinstance(a, bool) and not isinstance(b, bool)):
        return f"{path or '/'}: {type(a).__name__} {a!r:.60} vs {type(b).__name__} {b!r:.60}"
    if isinstance(a, dict):
        for k in a:
            if k not in b:
                return f"{path}/{k}: missing in cfntool output"
            d = first_diff(a[k], b[k], f"{path}/{k}")
            if d:
                return d
        for k in b:
            if k not in a:
                return f"{path}/{k}: only in cfntool output"
        return None
    if isinstance(a, list):
        if len(a) != len(b):
            return f"{path}: {len(a)} items vs {len(b)}"
        for i, (x, y) in enumerate(zip(a, b)):
            d = first_diff(x, y, f"{path}/{i}")
            if d:
                return d
        return None
    if a != b and not (a != a and b != b):  # NaN equals NaN here
        return f"{path or '/'}: {a!r:.60} vs {b!r:.60}"
    return None


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--cfntool", required=True)
    ap.add_argument("--corpus", default=os.path.join(os.path.dirname(__file__), "../../shared/corpus"))
    ap.add_argument("--sample", type=int, default=0)
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args()
    args.cfntool = os.path.abspath(args.cfntool)
    tdir = os.path.join(args.corpus, "templates")
    with open(os.path.join(args.corpus, "manifest.tsv")) as f:
        paths = [line.split("\t")[0] for line in f.read().splitlines()[1:]]
    if args.sample:
        paths = random.Random(args.seed).sample(paths, min(args.sample, len(paths)))
    checked = failed = skipped = 0
    for p in paths:
        ref, matches = decode(os.path.join(tdir, p))
        if ref is None:
            skipped += 1
            continue
        r = subprocess.run([args.cfntool, "convert", "--to", "json", p], cwd=tdir, capture_output=True)
        checked += 1
        if r.returncode != 0:
            failed += 1
            print(f"FAIL {p}: cfntool exit {r.returncode}: {r.stderr.decode(errors='replace').strip()}")
            continue
        d = first_diff(plain(ref), json.loads(r.stdout))
        if d:
            failed += 1
            print(f"FAIL {p}: {d}")
    print(f"convert-vs-cfn-lint: {checked - failed} passed, {failed} failed, {skipped} skipped (cfn-lint cannot read them)")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
