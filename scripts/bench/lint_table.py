#!/usr/bin/env python3
"""`make bench` section 12: lint workloads, cfntool and cfn-lint side by side in one run.

usage: lint_table.py CFNTOOL OUTDIR CORPUS_TEMPLATES

Each workload runs under hyperfine for both tools (medians), and once under /usr/bin/time -v
for each (peak memory); cfn-lint's runs of minutes run once, timed and measured together. Prints one markdown table: times, the speed ratio, memory, and the
memory ratio. The issue's targets: one small template >= 300x and < 10 ms; 250 resources
>= 200x; 5,641 resources < 300 ms; the whole corpus in one call >= 100x; peak memory <= 1/8
of cfn-lint's everywhere.
"""
import json
import os
import re
import subprocess
import sys

cfntool, out, corpus = sys.argv[1], sys.argv[2], sys.argv[3]
gen = "../shared/tools/gen_serverless.py"
os.makedirs(out, exist_ok=True)


def write(path, text):
    with open(path, "w") as f:
        f.write(text)


write(f"{out}/one-resource.yaml", "Resources:\n  Queue:\n    Type: AWS::SQS::Queue\n    Properties:\n      DelaySeconds: 5\n")
for n, name in ((40, "lint-40.json"), (1000, "serverless-1000.json")):
    write(f"{out}/{name}", subprocess.run(["python3", gen, str(n)], capture_output=True, text=True, check=True).stdout)
os.makedirs(f"{out}/lint-50", exist_ok=True)
for i in range(1, 51):
    write(f"{out}/lint-50/serverless-{i}.json",
          subprocess.run(["python3", gen, "40", "--seed", str(i)], capture_output=True, text=True, check=True).stdout)
corpus_files = sorted(
    os.path.join(d, f) for d, _, fs in os.walk(corpus) for f in fs if f.endswith((".yaml", ".yml", ".json", ".template"))
)

# (name, cfntool arguments, cfn-lint arguments, cfntool runs, cfn-lint runs)
workloads = [
    ("one small template (pre-commit)", [f"{out}/one-resource.yaml"], [f"{out}/one-resource.yaml"], 30, 5),
    ("250 resources", [f"{out}/lint-40.json"], [f"{out}/lint-40.json"], 20, 3),
    ("5,641 resources", [f"{out}/serverless-1000.json"], [f"{out}/serverless-1000.json"], 10, 1),
    ("50 x 250 resources, one call", [f"{out}/lint-50"], sorted(f"{out}/lint-50/{f}" for f in os.listdir(f"{out}/lint-50")), 5, 1),
    (f"the shared corpus ({len(corpus_files)} files), one call", ["--format", "json", corpus], ["--format", "json", "--", *corpus_files], 5, 1),
]


def median(args, runs):
    path = f"{out}/lint-table.json"
    cmd = " ".join(a if re.fullmatch(r"[\w./,:=+-]+", a) else "'" + a.replace("'", "'\\''") + "'" for a in args)
    subprocess.run(["hyperfine", "-N", "-i", "--warmup", "1" if runs > 1 else "0", "--runs", str(max(runs, 1)),
                    "--export-json", path, cmd], capture_output=True, check=True)
    return json.load(open(path))["results"][0]["median"]


def timed(args):
    """One run under /usr/bin/time -v: (wall seconds, peak memory in MB)."""
    p = subprocess.run(["/usr/bin/time", "-v", *args], capture_output=True, text=True)
    kb = re.search(r"Maximum resident set size \(kbytes\): (\d+)", p.stderr)
    wall = re.search(r"Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (?:(\d+):)?(\d+):([\d.]+)", p.stderr)
    seconds = (int(wall.group(1) or 0) * 3600 + int(wall.group(2)) * 60 + float(wall.group(3))) if wall else float("nan")
    return seconds, (int(kb.group(1)) / 1024 if kb else float("nan"))


def peak_mb(args):
    return timed(args)[1]


def show(seconds):
    return f"{seconds * 1e3:,.1f} ms" if seconds < 10 else f"{seconds:,.1f} s"


print("| workload | cfntool lint | cfn-lint | faster | cfntool peak memory | cfn-lint peak memory | memory share |")
print("|---|---|---|---|---|---|---|")
for name, ours, theirs, r1, r2 in workloads:
    a = median([cfntool, "lint", *ours], r1)
    ma = peak_mb([cfntool, "lint", *ours])
    if r2 > 1:
        b = median(["cfn-lint", *theirs], r2)
        mb = peak_mb(["cfn-lint", *theirs])
    else:
        # A run of minutes: its time and its memory from the one run.
        b, mb = timed(["cfn-lint", *theirs])
    print(f"| {name} | {show(a)} | {show(b)} | {b / a:,.0f}x | {ma:.1f} MB | {mb:.1f} MB | 1/{mb / ma:.0f} |", flush=True)
