#!/usr/bin/env python3
"""Build a labelled set of CloudFormation templates with one injected schema error each.

usage: inject-errors.py --corpus DIR --out DIR [--per-kind N] [--seed N] [--jobs N]
                        [--max-bytes N] [--only-clean]

Source templates are the corpus's `cfn` templates whose saved cfn-lint findings hold no
Error and that have no Transform. Each is read with cfn-lint's decoder; sites for the
mutation kinds below are found with cfn-lint's us-east-1 resource schemas, a fixed-seed
sample of sites is applied (one mutation per copy) and the copy is written as YAML or JSON
(like its source) under OUT/templates/<kind dir>/<name>. Every copy is then labelled with
`cfn-lint --format json -- <name>` run from OUT/templates (so `Filename` is the path
relative to OUT/templates, like the corpus), and only copies where cfn-lint reports the
intended rule id are kept. OUT/manifest.tsv and OUT/expected/<name>.json follow the corpus
layout; OUT/mutations.tsv says what was changed in each kept copy.

Kinds (intended cfn-lint rule):
  misspelt-property E3002   an existing property key with a letter dropped or two swapped
  missing-required  E3003   a property from the schema's `required` removed
  wrong-type        E3012   a list/object where a string is wanted, text where a number is
  enum              E3030   a string outside the schema's enum
  max-length        E3033   a string one longer than maxLength
  min-max           E3034   a number just outside minimum/maximum
  item-count        E3032   a list shorter than minItems / longer than maxItems
  pattern           E3031   a string that does not match the schema's pattern
"""
import argparse
import collections
import concurrent.futures
import copy
import json
import os
import random
import re
import shutil
import subprocess
import sys
import time

import yaml  # the PyYAML that cfn-lint depends on

from cfnlint.decode import decode
import cfnlint.data.schemas.providers.us_east_1 as us_east_1

SCHEMA_DIR = os.path.join(os.path.dirname(us_east_1.__file__), "..", "resources")

KINDS = [  # (kind, rule id, output folder)
    ("misspelt-property", "E3002", "e3002-misspelt-property"),
    ("missing-required", "E3003", "e3003-missing-required"),
    ("wrong-type", "E3012", "e3012-wrong-type"),
    ("enum", "E3030", "e3030-enum"),
    ("pattern", "E3031", "e3031-pattern"),
    ("item-count", "E3032", "e3032-item-count"),
    ("max-length", "E3033", "e3033-max-length"),
    ("min-max", "E3034", "e3034-min-max"),
]
RULE = {k: r for k, r, _ in KINDS}
FOLDER = {k: d for k, _, d in KINDS}


# ---------------------------------------------------------------- templates

def plain(x):
    """cfn-lint's node classes -> plain dict/list/str/int/float/bool/None."""
    if isinstance(x, dict):
        return {str(k): plain(v) for k, v in x.items()}
    if isinstance(x, list):
        return [plain(v) for v in x]
    if isinstance(x, bool) or x is None:
        return x
    if isinstance(x, str):
        return str(x)
    if isinstance(x, int):
        return int(x)
    if isinstance(x, float):
        return float(x)
    return x


def is_intrinsic(v):
    if not isinstance(v, dict) or len(v) != 1:
        return False
    k = next(iter(v))
    return k in ("Ref", "Condition") or k.startswith("Fn::")


def is_literal_scalar(v):
    return isinstance(v, (str, int, float)) and not isinstance(v, bool)


class Dumper(yaml.SafeDumper):
    pass


def _str(dumper, s):
    if "\n" in s:
        return dumper.represent_scalar("tag:yaml.org,2002:str", s, style="|")
    return dumper.represent_scalar("tag:yaml.org,2002:str", s)


Dumper.add_representer(str, _str)


def dump(tpl, fmt):
    if fmt == "json":
        return json.dumps(tpl, indent=2, ensure_ascii=False) + "\n"
    return yaml.dump(tpl, Dumper=Dumper, default_flow_style=False, sort_keys=False,
                     allow_unicode=True, width=4096)


# ---------------------------------------------------------------- schemas

_schemas = {}


def resource_schema(rtype):
    if rtype not in _schemas:
        sid = us_east_1.types.get(rtype)
        s = None
        if sid:
            p = os.path.join(SCHEMA_DIR, sid + ".json")
            if os.path.exists(p):
                with open(p) as f:
                    s = json.load(f)
        _schemas[rtype] = s
    return _schemas[rtype]


def resolve(root, s):
    seen = 0
    while isinstance(s, dict) and "$ref" in s and seen < 20:
        ref = s["$ref"]
        if not ref.startswith("#/definitions/"):
            return None
        s = root.get("definitions", {}).get(ref[len("#/definitions/"):])
        seen += 1
    return s if isinstance(s, dict) else None


def compiles(pattern):
    try:
        return re.compile(pattern)
    except re.error:
        return None


# ---------------------------------------------------------------- sites
# A site is (kind, path, description, new value or None for deletion, extra).
# path is a tuple of keys/indexes from the template root.

def misspell(key, taken, rng):
    options = []
    for i in range(1, len(key)):          # drop a letter (keep the first)
        options.append(key[:i] + key[i + 1:])
    for i in range(1, len(key) - 1):      # swap two neighbours that differ
        if key[i] != key[i + 1]:
            options.append(key[:i] + key[i + 1] + key[i] + key[i + 2:])
    low = {t.lower() for t in taken}
    options = sorted({o for o in options if o and o.lower() not in low})
    return rng.choice(options) if options else None


def scalar_sites(root, ps, value, path, out):
    """Sites for a literal scalar `value` whose resolved schema is `ps`."""
    if any(k in ps for k in ("oneOf", "anyOf", "allOf", "not", "if")):
        return
    typ = ps.get("type")
    enum = ps.get("enum")
    pat = ps.get("pattern")
    rx = compiles(pat) if isinstance(pat, str) else None
    # (c) wrong type
    if typ == "string" and isinstance(value, str):
        out.append(("wrong-type", path, "string -> list", None, "list"))
        out.append(("wrong-type", path, "string -> object", None, "object"))
    if typ in ("integer", "number") and is_literal_scalar(value):
        out.append(("wrong-type", path, f"{typ} -> text", "not-a-number", None))
    # (d) enum
    if typ == "string" and isinstance(enum, list) and isinstance(value, str) and value in enum \
            and all(isinstance(e, str) for e in enum):
        bad = "INVALID_ENUM_VALUE"
        if bad.lower() not in {e.lower() for e in enum}:
            out.append(("enum", path, f"{value!r} -> {bad!r}", bad, None))
    # (e) maxLength
    ml = ps.get("maxLength")
    if typ == "string" and isinstance(value, str) and isinstance(ml, int) and 0 < ml <= 1024 \
            and not enum and len(value) <= ml:
        pads = [c for c in (value[-1:] + "a0A") if c.isalnum()]
        for c in pads:
            new = value + c * (ml + 1 - len(value))
            if pat is None or (rx and rx.search(new)):
                out.append(("max-length", path, f"length {len(value)} -> {len(new)} (maxLength {ml})",
                            new, None))
                break
    # (f) minimum/maximum
    if typ in ("integer", "number") and is_literal_scalar(value):
        try:
            float(value)
            numeric = True
        except ValueError:
            numeric = False
        if numeric:
            if isinstance(ps.get("maximum"), (int, float)):
                new = ps["maximum"] + 1
                out.append(("min-max", path, f"{value!r} -> {new} (maximum {ps['maximum']})",
                            int(new) if typ == "integer" else new, None))
            if isinstance(ps.get("minimum"), (int, float)):
                new = ps["minimum"] - 1
                out.append(("min-max", path, f"{value!r} -> {new} (minimum {ps['minimum']})",
                            int(new) if typ == "integer" else new, None))
    # (h) pattern
    if typ == "string" and isinstance(value, str) and rx and not enum and rx.search(value):
        lo, hi = ps.get("minLength", 0), ps.get("maxLength", 10 ** 6)
        for bad in ("invalid value!", "INVALID#VALUE", "#bad#", "!", " "):
            if lo <= len(bad) <= hi and not rx.search(bad):
                out.append(("pattern", path, f"{value!r} -> {bad!r} (pattern {pat})", bad, None))
                break


def object_sites(root, schema, obj, path, out, depth=0):
    """Sites inside a literal object `obj` whose resolved schema is `schema`."""
    if depth > 12 or not isinstance(obj, dict) or any(is_intrinsic({k: v}) for k, v in obj.items()):
        return
    if "Tags" in path:  # tags have their own rule (E3024) that fires too; use other properties
        return
    props = schema.get("properties")
    if not isinstance(props, dict):
        return
    required = schema.get("required", []) or []
    # (a) misspelt key (not a required one: that would also be E3003)
    if schema.get("additionalProperties") is False and "patternProperties" not in schema:
        for k in obj:
            if k in props and k not in required:
                out.append(("misspelt-property", path + (k,), "key", None, "misspell"))
    # (b) required removed
    for r in required:
        if r in obj:
            out.append(("missing-required", path + (r,), f"removed required {r}", None, "delete"))
    for k, v in obj.items():
        ps = resolve(root, props.get(k))
        if ps is None or is_intrinsic(v):
            continue
        p = path + (k,)
        if is_literal_scalar(v):
            scalar_sites(root, ps, v, p, out)
        elif isinstance(v, dict):
            object_sites(root, ps, v, p, out, depth + 1)
        elif isinstance(v, list) and ps.get("type") == "array":
            # (g) item counts
            if not any(x in ps for x in ("oneOf", "anyOf")) and not any(is_intrinsic(i) for i in v):
                mi, ma = ps.get("minItems"), ps.get("maxItems")
                if isinstance(mi, int) and mi >= 1 and len(v) >= mi:
                    out.append(("item-count", p, f"{len(v)} items -> {mi - 1} (minItems {mi})",
                                None, ("truncate", mi - 1)))
                if isinstance(ma, int) and 1 <= ma <= 20 and len(v) >= 1 and len(v) <= ma \
                        and not ps.get("uniqueItems"):
                    out.append(("item-count", p, f"{len(v)} items -> {ma + 1} (maxItems {ma})",
                                None, ("extend", ma + 1)))
            items = resolve(root, ps.get("items"))
            if items is None:
                continue
            for i, item in enumerate(v):
                if is_intrinsic(item):
                    continue
                if isinstance(item, dict):
                    object_sites(root, items, item, p + (i,), out, depth + 1)
                elif is_literal_scalar(item):
                    scalar_sites(root, items, item, p + (i,), out)


def template_sites(tpl):
    out = []
    res = tpl.get("Resources")
    if not isinstance(res, dict):
        return out
    for name in sorted(res):
        r = res[name]
        if not isinstance(r, dict) or not isinstance(r.get("Type"), str):
            continue
        schema = resource_schema(r["Type"])
        props = r.get("Properties")
        if schema is None or not isinstance(props, dict) or is_intrinsic(props):
            continue
        object_sites(schema, schema, props, ("Resources", name, "Properties"), out)
    return out


def apply(tpl, site, rng):
    """A mutated deep copy of tpl, and a description (None if the site cannot be used)."""
    kind, path, desc, new, extra = site
    t = copy.deepcopy(tpl)
    parent = t
    for k in path[:-1]:
        parent = parent[k]
    last = path[-1]
    if extra == "misspell":
        taken = set(parent)
        schema_props = set()
        rtype = t["Resources"][path[1]]["Type"]
        # keep the new name clear of every property name the schema knows here
        node = resource_schema(rtype)
        root = node
        for k in path[3:-1]:
            if isinstance(k, int):
                node = resolve(root, node.get("items"))
            else:
                node = resolve(root, node.get("properties", {}).get(k))
        schema_props = set((node or {}).get("properties", {}))
        bad = misspell(last, taken | schema_props, rng)
        if bad is None:
            return None, None
        parent_items = list(parent.items())
        parent.clear()
        for k, v in parent_items:
            parent[bad if k == last else k] = v
        return t, f"{last} -> {bad}"
    if extra == "delete":
        del parent[last]
        return t, desc
    if extra == "list":
        parent[last] = [parent[last]]
        return t, desc
    if extra == "object":
        parent[last] = {"Value": parent[last]}
        return t, desc
    if isinstance(extra, tuple) and extra[0] == "truncate":
        parent[last] = parent[last][:extra[1]]
        return t, desc
    if isinstance(extra, tuple) and extra[0] == "extend":
        v = parent[last]
        parent[last] = [copy.deepcopy(v[i % len(v)]) for i in range(extra[1])]
        return t, desc
    parent[last] = new
    return t, desc


# ---------------------------------------------------------------- corpus

def load_sources(corpus, max_bytes):
    rows = []
    with open(os.path.join(corpus, "manifest.tsv")) as f:
        header = f.readline().rstrip("\n").split("\t")
        for line in f:
            rows.append(dict(zip(header, line.rstrip("\n").split("\t"))))
    sources = []
    for r in sorted(rows, key=lambda r: r["path"]):
        if r.get("kind") != "cfn" or int(r.get("bytes", 0)) > max_bytes:
            continue
        with open(os.path.join(corpus, "expected", r["path"] + ".json")) as f:
            text = f.read()
        found = json.loads(text) if text.strip() else []
        if any(m.get("Level") == "Error" for m in found):
            continue
        tpl, matches = decode(os.path.join(corpus, "templates", r["path"]))
        if tpl is None or matches or not isinstance(tpl, dict) or "Transform" in tpl:
            continue
        fmt = "json" if r["path"].endswith(".json") else "yaml"
        base_rules = {m["Rule"]["Id"] for m in found}
        sources.append((r["path"], fmt, plain(tpl), base_rules))
    return sources


def label(templates_dir, name):
    p = subprocess.run(["cfn-lint", "--format", "json", "--", name], cwd=templates_dir,
                       capture_output=True, text=True)
    return p.stdout


def pick(sites, n, rng):
    """Up to n sites: shuffled, at most 2 per source and 3 per resource type first."""
    sites = sites[:]
    rng.shuffle(sites)
    chosen, per_src, per_type = [], collections.Counter(), collections.Counter()
    for limit_src, limit_type in ((1, 2), (2, 3), (3, 6)):
        for s in sites:
            if len(chosen) >= n:
                break
            if s in chosen:
                continue
            src, rtype = s[0], s[1]
            if per_src[src] >= limit_src or per_type[rtype] >= limit_type:
                continue
            chosen.append(s)
            per_src[src] += 1
            per_type[rtype] += 1
    return chosen


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--corpus", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--per-kind", type=int, default=38, help="copies generated per kind")
    ap.add_argument("--seed", type=int, default=20261125)
    ap.add_argument("--jobs", type=int, default=2, help="cfn-lint processes in parallel")
    ap.add_argument("--max-bytes", type=int, default=18000, help="largest source template used")
    ap.add_argument("--only-clean", action="store_true",
                    help="also drop copies with an Error of another rule id than intended")
    a = ap.parse_args()

    sources = load_sources(a.corpus, a.max_bytes)
    print(f"source templates: {len(sources)}", file=sys.stderr)
    by_kind = collections.defaultdict(list)
    for src, fmt, tpl, _ in sources:
        for site in template_sites(tpl):
            rtype = tpl["Resources"][site[1][1]]["Type"]
            by_kind[site[0]].append((src, rtype, site))

    out = os.path.abspath(a.out)
    if os.path.exists(out):
        shutil.rmtree(out)
    tdir = os.path.join(out, "templates")
    edir = os.path.join(out, "expected")
    src_by_path = {s[0]: s for s in sources}
    copies = []  # (name, kind, src, site description, path, fmt, tpl)
    for ki, (kind, rule, folder) in enumerate(KINDS):
        rng = random.Random(a.seed * 31 + ki)
        chosen = pick(by_kind[kind], a.per_kind, rng)
        for n, (src, rtype, site) in enumerate(sorted(chosen, key=lambda c: (c[0], str(c[2][1])))):
            _, fmt, tpl, _ = src_by_path[src]
            mutated, desc = apply(tpl, site, random.Random(f"{a.seed}:{src}:{site[1]}"))
            if mutated is None:
                continue
            stem = os.path.splitext(os.path.basename(src))[0]
            name = f"{folder}/{n + 1:02d}-{stem}.{ 'json' if fmt == 'json' else 'yaml'}"
            os.makedirs(os.path.join(tdir, folder), exist_ok=True)
            with open(os.path.join(tdir, name), "w") as f:
                f.write(dump(mutated, fmt))
            copies.append((name, kind, src, rtype, "/".join(map(str, site[1])), desc, mutated))

    t0 = time.time()
    with concurrent.futures.ThreadPoolExecutor(max_workers=a.jobs) as pool:
        labels = list(pool.map(lambda c: label(tdir, c[0]), copies))
    took = time.time() - t0

    generated, kept, clean = collections.Counter(), collections.Counter(), collections.Counter()
    got_instead = collections.defaultdict(collections.Counter)
    manifest, notes = [], []
    for (name, kind, src, rtype, path, desc, tpl), text in zip(copies, labels):
        generated[kind] += 1
        try:
            found = json.loads(text) if text.strip() else []
        except json.JSONDecodeError:
            found = None
        errors = {m["Rule"]["Id"] for m in found or [] if m.get("Level") == "Error"}
        others = errors - {RULE[kind]}
        ok = found is not None and any(m["Rule"]["Id"] == RULE[kind] for m in found)
        if ok and others and a.only_clean:
            ok = False
        if not ok:
            got_instead[kind].update(errors or {"(none)"})
            os.remove(os.path.join(tdir, name))
            continue
        kept[kind] += 1
        clean[kind] += not others
        os.makedirs(os.path.dirname(os.path.join(edir, name)), exist_ok=True)
        with open(os.path.join(edir, name + ".json"), "w") as f:
            f.write(text)
        size = os.path.getsize(os.path.join(tdir, name))
        manifest.append(f"{name}\tcfn\tinjected-{kind}\t{size}\t{len(tpl.get('Resources', {}))}")
        notes.append(f"{name}\t{RULE[kind]}\t{src}\t{rtype}\t{path}\t{desc}\t"
                     f"{','.join(sorted(others))}")

    with open(os.path.join(out, "manifest.tsv"), "w") as f:
        f.write("path\tkind\tsource\tbytes\tresources\n")
        f.write("".join(line + "\n" for line in manifest))
    with open(os.path.join(out, "mutations.tsv"), "w") as f:
        f.write("path\trule\tsource template\tresource type\tproperty path\tchange\tother errors\n")
        f.write("".join(line + "\n" for line in notes))

    print(f"labelled {len(copies)} copies with cfn-lint in {took:.0f}s ({a.jobs} processes)")
    print("kind               rule   generated kept clean  rejected copies' error rules")
    for kind, rule, _ in KINDS:
        inst = ", ".join(f"{r} x{c}" for r, c in got_instead[kind].most_common(5))
        print(f"{kind:18} {rule:6} {generated[kind]:9} {kept[kind]:4} {clean[kind]:5}  {inst}")
    total = sum(os.path.getsize(os.path.join(dp, fn)) for dp, _, fns in os.walk(out) for fn in fns)
    print(f"total: {sum(kept.values())} templates kept, {total / 1e6:.2f} MB in {a.out}")


if __name__ == "__main__":
    sys.exit(main())
