#!/usr/bin/env python3
"""Label a sample of the shared corpus with cfn-lint's informational findings.

usage: label-informational.py FILES.txt LABELS.tsv [--corpus DIR]

FILES.txt names templates relative to the corpus's templates/ folder, one a line. cfn-lint
(1.51.0, the installed reference) is run once on all of them with --include-checks I from that
folder; each I finding is written to LABELS.tsv as path, rule id and start line, sorted.
"""
import argparse
import json
import os
import subprocess

ap = argparse.ArgumentParser()
ap.add_argument("files")
ap.add_argument("labels")
ap.add_argument("--corpus", default=os.path.join(os.path.dirname(__file__), "..", "..", "shared", "corpus"))
a = ap.parse_args()
files = [line.strip() for line in open(a.files) if line.strip()]
out = subprocess.run(
    ["cfn-lint", "--include-checks", "I", "--format", "json", "--regions", "us-east-1", "--"] + files,
    cwd=os.path.join(a.corpus, "templates"), capture_output=True, text=True,
).stdout
rows = set()
for f in json.loads(out or "[]"):
    if f["Rule"]["Id"].startswith("I"):
        rows.add((os.path.normpath(f["Filename"]), f["Rule"]["Id"], f["Location"]["Start"]["LineNumber"]))
with open(a.labels, "w") as w:
    for path, rule, line in sorted(rows):
        w.write(f"{path}\t{rule}\t{line}\n")
