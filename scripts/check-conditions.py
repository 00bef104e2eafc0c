#!/usr/bin/env python3
"""Check the lint rules that reason about conditions against cfn-lint 1.51.0 on made-up templates.

usage: check-conditions.py --cfntool PATH [--count N] [--seed S] [--keep DIR]

Writes N reproducible random templates (parameters with and without AllowedValues; conditions
of Fn::Equals, Fn::Not, Fn::And, Fn::Or and Condition, some comparing two literals; resources
and outputs with and without a Condition, their values nested Fn::If with Ref to the resources),
lints them with cfn-lint and with cfntool, and compares the W8003, W1028 and W1001 findings
(rule, line, column, how many). Prints each difference; exits 1 on any.
"""
import argparse, collections, os, random, subprocess, sys, tempfile

RULES = {"W8003", "W1028", "W1001"}


def template(seed):
    r = random.Random(seed)
    out = ["Parameters:"]
    params = []
    for i in range(r.randint(1, 3)):
        name = f"P{i}"
        params.append(name)
        out.append(f"  {name}:\n    Type: String")
        if r.random() < 0.5:
            out.append(f"    AllowedValues: [{', '.join(r.sample(['a', 'b', 'c'], r.randint(1, 3)))}]")
    conditions = []

    def condition(depth):
        k = r.random()
        if depth > 2 or k < 0.45:
            if r.random() < 0.15:
                return f"!Equals [{r.choice(['x', 'y'])}, {r.choice(['x', 'y'])}]"
            return f"!Equals [!Ref {r.choice(params)}, {r.choice(['a', 'b', 'c'])}]"
        if k < 0.6 and conditions:
            return f"!Condition {r.choice(conditions)}"
        if k < 0.75:
            return f"!Not [{condition(depth + 1)}]"
        return f"!{r.choice(['And', 'Or'])} [{condition(depth + 1)}, {condition(depth + 1)}]"

    out.append("Conditions:")
    for i in range(r.randint(2, 5)):
        out.append(f"  C{i}: {condition(0)}")
        conditions.append(f"C{i}")
    resources = []

    def value(depth):
        if depth > 2 or r.random() < 0.35:
            return f"!Ref {r.choice(resources)}" if resources and r.random() < 0.6 else "plain"
        return f"!If [{r.choice(conditions)}, {value(depth + 1)}, {value(depth + 1)}]"

    out.append("Resources:")
    for i in range(r.randint(2, 4)):
        out.append(f"  T{i}:\n    Type: AWS::SNS::Topic")
        if r.random() < 0.6:
            out.append(f"    Condition: {r.choice(conditions)}")
        out.append(f"    Properties:\n      DisplayName: {value(0)}")
        resources.append(f"T{i}")
    out.append("Outputs:")
    for i in range(2):
        out.append(f"  O{i}:")
        if r.random() < 0.5:
            out.append(f"    Condition: {r.choice(conditions)}")
        out.append(f"    Value: {value(0)}")
    return "\n".join(out) + "\n"


def findings(command, cwd):
    text = subprocess.run(command, cwd=cwd, capture_output=True, text=True).stdout
    found = collections.Counter()
    for line in text.splitlines():
        # file:line:col:endline:endcol:rule:message
        parts = line.split(":", 6)
        if len(parts) > 5 and parts[5] in RULES:
            found[(parts[0], int(parts[1]), int(parts[2]), parts[5])] += 1
    return found


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--cfntool", required=True)
    ap.add_argument("--count", type=int, default=200)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--keep", help="write the templates here instead of a temporary folder")
    a = ap.parse_args()
    folder = a.keep or tempfile.mkdtemp(prefix="cfntool-conditions-")
    os.makedirs(folder, exist_ok=True)
    names = []
    for i in range(a.count):
        name = f"t{a.seed + i}.yaml"
        with open(os.path.join(folder, name), "w") as f:
            f.write(template(a.seed + i))
        names.append(name)
    ref = findings(["cfn-lint", "--format", "parseable", *names], folder)
    got = findings([os.path.abspath(a.cfntool), "lint", "--format", "parseable", *names], folder)
    differences = 0
    for k in sorted(set(ref) | set(got)):
        if ref[k] != got[k]:
            differences += 1
            print(f"{folder}/{k[0]}:{k[1]}:{k[2]} {k[3]}: cfn-lint {ref[k]}, cfntool {got[k]}")
    same = sum(min(ref[k], got[k]) for k in ref)
    print(f"check-conditions: {a.count} templates, cfn-lint {sum(ref.values())} findings, cfntool {sum(got.values())}, the same {same}")
    return 1 if differences else 0


if __name__ == "__main__":
    sys.exit(main())
