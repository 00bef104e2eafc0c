#!/usr/bin/env python3
"""`cfntool lint --fix` over real templates, checked as a user would check it.

Copies the templates (the shared corpus and the injected-error set, or a sample of them) to a
scratch folder, and there:
  1. lints them (JSON, with each finding's fix) as they are;
  2. runs `lint --fix` (with --unsafe-fixes unless --safe-only);
  3. lints the fixed files again, and checks for each file that
     - it still parses (no E0000 that was not there before),
     - none of the fixed findings is still reported, and no finding appeared,
     - every byte outside the original findings' fix edits is unchanged,
     - every comment line of the original is still there;
  4. runs `lint --fix` again: nothing may change.
Prints how many findings had a safe fix, how many an unsafe one, and how many were fixed.
Exits 1 on any failure.
"""

import argparse
import collections
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

LINE = re.compile(r"line \d+")


def key(f):
    path = "/".join(str(p) for p in (f["Location"].get("Path") or []))
    return (f["Rule"]["Id"], path, LINE.sub("line #", f["Message"]))


def lint(cfntool, root, extra=(), as_of="2026-11-25"):
    out = subprocess.run(
        [cfntool, "lint", "--format", "json", "--as-of", as_of, *extra, root],
        capture_output=True, text=True,
    )
    if out.returncode not in (0, 1, 2):
        sys.exit(f"cfntool lint failed ({out.returncode}): {out.stderr[-2000:]}")
    by_file = collections.defaultdict(list)
    for f in json.loads(out.stdout or "[]"):
        by_file[os.path.relpath(f["Filename"], root)].append(f)
    return by_file, out.stderr


def comments(text):
    """The comments of a YAML text, whole-line and trailing: from each `#` that starts the line
    or follows a blank, outside quotes, to the end of the line. (A `#` line inside a block
    scalar counts too: the same on both sides unless a fix removed it, which is what is checked.)"""
    out = collections.Counter()
    for line in text.splitlines():
        quote = None
        for i, c in enumerate(line):
            if quote:
                if c == quote:
                    quote = None
            elif c in "'\"" and (i == 0 or line[i - 1] in " \t:[{,-"):
                quote = c
            elif c == "#" and (i == 0 or line[i - 1] in " \t"):
                out[line[i:].rstrip()] += 1
                break
    return out


def outside_unchanged(original, fixed, edits):
    """Whether `fixed` is `original` with only the bytes of `edits` (start, end) replaced: the
    pieces of the original between the edits are all in `fixed`, in order, the first at its
    start and the last at its end."""
    merged = []
    for s, e in sorted(edits):
        if merged and s <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], e)
        else:
            merged.append([s, e])
    pieces, at = [], 0
    for s, e in merged:
        pieces.append(original[at:s])
        at = e
    pieces.append(original[at:])
    if not fixed.startswith(pieces[0]) or not fixed.endswith(pieces[-1]):
        return False
    p = len(pieces[0])
    for piece in pieces[1:-1]:
        i = fixed.find(piece, p)
        if i < 0:
            return False
        p = i + len(piece)
    return p <= len(fixed) - len(pieces[-1]) or len(pieces) == 1


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--cfntool", required=True)
    ap.add_argument("--corpus", action="append", required=True, help="a folder of templates (repeatable)")
    ap.add_argument("--sample", type=int, default=0, help="every Nth template only (0: all)")
    ap.add_argument("--safe-only", action="store_true")
    args = ap.parse_args()
    cfntool = os.path.abspath(args.cfntool)

    scratch = tempfile.mkdtemp(prefix="cfntool-fix-")
    try:
        names = []
        for n, src in enumerate(args.corpus):
            for dirpath, _, files in os.walk(src):
                for name in sorted(files):
                    if name.endswith((".yaml", ".yml", ".json", ".template")):
                        names.append((n, os.path.relpath(os.path.join(dirpath, name), src), src))
        names.sort()
        if args.sample:
            names = names[:: args.sample]
        for n, rel, src in names:
            dst = os.path.join(scratch, str(n), rel)
            os.makedirs(os.path.dirname(dst), exist_ok=True)
            shutil.copyfile(os.path.join(src, rel), dst)
        originals = {}
        for n, rel, _ in names:
            with open(os.path.join(scratch, str(n), rel), "rb") as fh:
                originals[os.path.join(str(n), rel)] = fh.read()

        before, _ = lint(cfntool, scratch)
        fix_args = ["--fix"] + ([] if args.safe_only else ["--unsafe-fixes"])
        _, fix_log = lint(cfntool, scratch, fix_args)
        after, _ = lint(cfntool, scratch)
        failures = []
        totals = collections.Counter()
        for rel, original in originals.items():
            with open(os.path.join(scratch, rel), "rb") as fh:
                fixed = fh.read()
            b = before.get(rel, [])
            a = after.get(rel, [])
            totals["findings"] += len(b)
            totals["safe"] += sum(1 for f in b if f.get("Fix", {}).get("Safety") == "safe")
            totals["unsafe"] += sum(1 for f in b if f.get("Fix", {}).get("Safety") == "unsafe")
            if fixed == original:
                continue
            totals["files"] += 1
            kb = collections.Counter(key(f) for f in b)
            ka = collections.Counter(key(f) for f in a)
            if any(f["Rule"]["Id"] == "E0000" for f in a) and not any(f["Rule"]["Id"] == "E0000" for f in b):
                failures.append(f"{rel}: the fixed file does not parse")
            new = ka - kb
            if new:
                failures.append(f"{rel}: findings appeared: {sorted(new)[:3]}")
            gone = kb - ka
            fixable = collections.Counter(key(f) for f in b if "Fix" in f)
            totals["fixed"] += sum((gone & fixable).values())
            # A finding that went without a fix of its own went with another's (the two
            # findings of one DependsOn entry); it is counted, not failed.
            edits = [(e["Start"], e["End"]) for f in b if "Fix" in f for e in f["Fix"]["Edits"]]
            if not outside_unchanged(original, fixed, edits):
                failures.append(f"{rel}: bytes outside every fix's edits changed")
            if not rel.endswith(".json"):
                lost = comments(original.decode("utf-8", "replace")) - comments(fixed.decode("utf-8", "replace"))
                if lost:
                    failures.append(f"{rel}: comments lost: {list(lost)[:3]}")
        snapshot = {}
        for rel in originals:
            with open(os.path.join(scratch, rel), "rb") as fh:
                snapshot[rel] = fh.read()
        lint(cfntool, scratch, fix_args)
        for rel, text in snapshot.items():
            with open(os.path.join(scratch, rel), "rb") as fh:
                if fh.read() != text:
                    failures.append(f"{rel}: a second --fix changed it again")
        refused = sum(1 for l in fix_log.splitlines() if " not fixed (" in l)
        level = "safe fixes" if args.safe_only else "safe and unsafe fixes"
        print(
            f"check-fix ({level}): {len(originals)} templates, {totals['findings']} findings: "
            f"{totals['safe']} with a safe fix, {totals['unsafe']} with an unsafe fix; "
            f"{totals['fixed']} fixed in {totals['files']} files, {refused} fixes refused by the fixer's test"
        )
        for f in failures[:40]:
            print("FAIL " + f)
        if failures:
            print(f"{len(failures)} failures")
            return 1
        return 0
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
