#!/usr/bin/env python3
"""cfntool's own lint on split output: `cfntool lint OUTDIR` gives no finding that
`cfntool lint INPUT` did not give.

Findings compare by rule id and message (the message names the resource, which keeps its
logical id across a split). Two allowances, both about what a split must change:
- W3002 (a relative TemplateURL, as cfn-lint reports it) is not counted;
- W1002 (over the 51,200 bytes --template-body takes) on the parent counts as the input's when
  the input had a size finding of its own (W1002, or E1002: over the 1,000,000 bytes of S3): the
  input could not be deployed inline either, and a nested stack hierarchy is deployed from S3.
And one requirement: every W3092 of the input (a Lambda timeout behind API Gateway) is still
found, also when the method and the function land in different nested stacks.

Usage: split-lint.py --cfntool BIN INPUT OUTDIR [OUTDIR...]; exit 1 when a folder fails.
"""

import argparse
import collections
import json
import os
import subprocess
import sys


def lint(cfntool, path):
    r = subprocess.run([cfntool, "lint", "--format", "json", path], capture_output=True, text=True)
    if r.returncode not in (0, 1):
        sys.exit(f"cfntool lint {path} exited {r.returncode}: {r.stderr.strip()}")
    return json.loads(r.stdout or "[]")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--cfntool", required=True)
    ap.add_argument("input")
    ap.add_argument("outdirs", nargs="+")
    a = ap.parse_args()
    before = lint(a.cfntool, a.input)
    key = lambda f: (f["Rule"]["Id"], f["Message"])
    have = {key(f) for f in before}
    sized = any(f["Rule"]["Id"] in ("W1002", "E1002") for f in before)
    w3092 = collections.Counter(key(f) for f in before if f["Rule"]["Id"] == "W3092")
    failed = False
    for out in a.outdirs:
        after = lint(a.cfntool, out)
        parent = os.path.join(out, json.load(open(os.path.join(out, "manifest.json")))["parent"])
        new = []
        for f in after:
            rule = f["Rule"]["Id"]
            if rule == "W3002" or key(f) in have:
                continue
            if rule == "W1002" and sized and os.path.normpath(f["Filename"]) == os.path.normpath(parent):
                continue
            new.append(f)
        lost = w3092 - collections.Counter(key(f) for f in after if f["Rule"]["Id"] == "W3092")
        ids = collections.Counter(f["Rule"]["Id"] for f in after)
        summary = ", ".join(f"{n} {i}" for i, n in sorted(ids.items())) or "none"
        print(f"cfntool lint {out}: {len(after)} findings ({summary}); new: {len(new)}; W3092 of the input lost: {sum(lost.values())}")
        for f in new[:10]:
            start = f["Location"]["Start"]
            print(f"  new: {f['Filename']}:{start['LineNumber']}:{start['ColumnNumber']}: {f['Rule']['Id']} {f['Message']}")
        for (rule, message), n in list(lost.items())[:10]:
            print(f"  lost: {rule} {message}")
        failed |= bool(new) or bool(lost)
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
