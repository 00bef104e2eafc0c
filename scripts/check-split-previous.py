#!/usr/bin/env python3
"""`make check-split-previous`: split --previous never makes things worse, --max-resources is a promise.

1. Serverless apps growing 90 -> 95 -> 120 -> 300 functions, every strategy, at --max-resources
   200 (the default) and 20 (stacks of stacks): each step is split with --previous (the manifest
   of the step before) and fresh. A resource moves when the chain of stacks holding it changes.
   Each step must move at most what the fresh split moves, and no resource with a fixed name.
2. A deployed single template of 120 functions as --previous: refused (exit 2) without
   --allow-moves; with it, every refactor-N.json is a valid `--resource-mappings` value for
   `aws cloudformation create-stack-refactor` (checked against botocore's model of the API).
3. Every corpus template, --max-resources 2, 5 and 20: exit 0 with every written template
   holding at most N resources, or exit 2 with a reason.
"""
import argparse
import json
import os
import shutil
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SHARED = os.path.join(ROOT, "..", "shared")


def run(cmd, **kw):
    return subprocess.run(cmd, capture_output=True, text=True, **kw)


def split(binary, src, out, *args):
    shutil.rmtree(out, ignore_errors=True)
    return run([binary, "split", src, "-o", out, *args])


def paths(manifest):
    """resource -> the chain of stacks holding it, from the top."""
    stacks = manifest["stacks"]

    def chain(holder):
        if holder is None:
            return ()
        c = [holder]
        while stacks.get(c[0], {}).get("parent"):
            c.insert(0, stacks[c[0]]["parent"])
        return tuple(c)

    return {r: chain(h) for r, h in manifest["resources"].items()}


def moved(a, b):
    return sorted(r for r in a if r in b and a[r] != b[r])


def load(out):
    with open(os.path.join(out, "manifest.json")) as f:
        return json.load(f)


def sequences(binary, work, sizes, limits):
    failures = 0
    print("== --previous: moves with --previous (named) / a fresh split, each step")
    for limit in limits:
        for strategy in ["routes", "function", "type", "auto"]:
            cells = []
            prev = None
            for n in sizes:
                src = os.path.join(work, f"serverless-{n}.json")
                out = os.path.join(work, f"{strategy}-{limit}-{n}")
                args = ["--strategy", strategy, "--max-resources", str(limit)]
                if prev is None:
                    p = split(binary, src, out, *args)
                    if p.returncode != 0:
                        print(f"  {strategy} N={limit} {n}: exit {p.returncode}: {p.stderr.strip()[-400:]}")
                        failures += 1
                        break
                    prev = out
                    continue
                p = split(binary, src, out, *args, "--previous", os.path.join(prev, "manifest.json"))
                f = split(binary, src, out + "-fresh", *args)
                if p.returncode != 0 or f.returncode != 0:
                    print(f"  {strategy} N={limit} -> {n}: exit {p.returncode}/{f.returncode}: {(p.stderr or f.stderr).strip()[-400:]}")
                    failures += 1
                    break
                before = paths(load(prev))
                kept, fresh = load(out), load(out + "-fresh")
                k, fr = moved(before, paths(kept)), moved(before, paths(fresh))
                named = [m["logicalId"] for m in kept.get("moves", []) if m["named"]]
                cells.append(f"{n}: {len(k)} ({len(named)}) / {len(fr)}")
                if len(k) > len(fr) or named:
                    failures += 1
                    cells[-1] += " FAIL"
                prev = out
            print(f"  {strategy:8} N={limit:<3} " + ", ".join(cells))
    return failures


def refactor(binary, work):
    failures = 0
    print("== a deployed single template of 120 functions as --previous")
    src = os.path.join(work, "serverless-120.json")
    out = os.path.join(work, "single")
    p = split(binary, src, out, "--previous", src)
    ok = p.returncode == 2 and "--allow-moves" in p.stderr and not os.path.exists(out)
    print(f"  without --allow-moves: exit {p.returncode}{'' if ok else ' FAIL'}")
    failures += not ok
    p = split(binary, src, out, "--previous", src, "--allow-moves")
    if p.returncode != 0:
        print(f"  with --allow-moves: exit {p.returncode} FAIL: {p.stderr.strip()[-400:]}")
        return failures + 1
    m = load(out)
    try:
        import botocore.session
        from botocore.validate import validate_parameters
    except ImportError:
        subprocess.run([sys.executable, "-m", "pip", "install", "-q", "awscli==1.45.11"], check=True)
        import botocore.session
        from botocore.validate import validate_parameters
    model = botocore.session.get_session().get_service_model("cloudformation")
    shape = model.operation_model("CreateStackRefactor").input_shape
    mapped = 0
    for batch in m["refactor"]:
        with open(os.path.join(out, batch["file"])) as f:
            mappings = json.load(f)
        stacks = [{"StackName": s} for s in batch["stacks"]]
        try:
            validate_parameters({"ResourceMappings": mappings, "StackDefinitions": stacks}, shape)
        except Exception as e:  # botocore raises ParamValidationError
            print(f"  {batch['file']}: not a valid create-stack-refactor request: {e} FAIL")
            failures += 1
        if len(batch["stacks"]) > 5:
            print(f"  {batch['file']}: {len(batch['stacks'])} stacks, over 5 FAIL")
            failures += 1
        mapped += len(mappings)
    named = sum(1 for x in m["moves"] if x["named"])
    ok = mapped == len(m["moves"])
    print(
        f"  with --allow-moves: exit 0, {len(m['moves'])} moves ({named} named), {len(m['refactor'])} refactor files "
        f"valid for botocore {botocore.__version__}'s CreateStackRefactor{'' if ok else ' FAIL'}"
    )
    return failures + (not ok)


def corpus(binary, work, limits):
    failures = 0
    print("== --max-resources on the corpus: exit 0 with every template within N, or exit 2 with a reason")
    with open(os.path.join(SHARED, "corpus", "manifest.tsv")) as f:
        rows = [line.rstrip("\n").split("\t") for line in f][1:]
    for limit in limits:
        counts = {"split": 0, "refused": 0}
        reasons = {}
        for path, _kind, _source, _bytes, resources in rows:
            if int(resources) <= limit:
                continue
            out = os.path.join(work, "corpus-out")
            p = split(binary, os.path.join(SHARED, "corpus", "templates", path), out, "--max-resources", str(limit))
            if p.returncode == 0:
                m = load(out)
                sizes = [m["counts"]["parentResources"]] + [s["resources"] for s in m["stacks"].values()]
                if max(sizes) > limit:
                    print(f"  N={limit} {path}: a template holds {max(sizes)} FAIL")
                    failures += 1
                counts["split"] += 1
            elif p.returncode == 2 and p.stderr.strip():
                reason = p.stderr.strip().splitlines()[-1].split(": ", 1)[-1]
                key = next((k for k in ["dependency cycle", "Transform"] if k in reason), reason[:80])
                reasons[key] = reasons.get(key, 0) + 1
                counts["refused"] += 1
            else:
                print(f"  N={limit} {path}: exit {p.returncode} without a reason FAIL")
                failures += 1
        print(f"  N={limit}: {counts['split']} split within N, {counts['refused']} refused: {reasons}")
    return failures


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--cfntool", default=os.path.join(ROOT, ".build", "release", "cfntool"))
    ap.add_argument("--sizes", default="90,95,120,300")
    ap.add_argument("--limits", default="200,20")
    ap.add_argument("--corpus-limits", default="2,5,20")
    a = ap.parse_args()
    work = os.path.join(ROOT, ".build", "check-split-previous")
    shutil.rmtree(work, ignore_errors=True)
    os.makedirs(work)
    sizes = [int(x) for x in a.sizes.split(",")]
    for n in set(sizes + [120]):
        with open(os.path.join(work, f"serverless-{n}.json"), "w") as f:
            subprocess.run([sys.executable, os.path.join(SHARED, "tools", "gen_serverless.py"), str(n)], stdout=f, check=True)
    failures = sequences(a.cfntool, work, sizes, [int(x) for x in a.limits.split(",")])
    failures += refactor(a.cfntool, work)
    failures += corpus(a.cfntool, work, [int(x) for x in a.corpus_limits.split(",")])
    print("check-split-previous: " + ("ok" if failures == 0 else f"{failures} failures"))
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
