#!/usr/bin/env python3
"""Build or check cfntool's resource schema bundle (Sources/CFNSchema/Data).

The data are AWS's CloudFormation resource provider schemas as cfn-lint ships them, with its
corrections, in its PyPI wheel: `cfnlint/data/schemas/providers/<region>.py` maps each resource
type to a schema id per region, `cfnlint/data/schemas/resources/<id>.json` holds the schemas.

    scripts/schema-bundle.py build [--version 1.51.0 | --wheel FILE]   # pip download, then write
    scripts/schema-bundle.py check [--wheel FILE]                      # bundle == its source?

`build` writes Data/index.txt and Data/schemas/<id>.json (minified, keys that no check reads
dropped). `check` rebuilds the bundle in memory from the wheel (or, without --wheel, from the
installed cfn-lint when its version is the recorded one) and compares it byte for byte; it also
checks the digest the index records over the schema files. Exit 0 when equal, 1 otherwise.

index.txt, one record a line, fields separated by one space:
    cfntool-schemas 1
    source cfn-lint <version>
    wheel-sha256 <hex of the wheel file, or "installed">
    digest <FNV-1a 64 over the schema ids and files, hex>
    regions <region> <region> ...            (bit i of a mask = the i-th region)
    type <TypeName> <schema id> <mask hex>   (one line per type and schema; sorted, all together
                                              after the regions line: cfntool finds a type by a
                                              binary search of these lines in place, never a table)
    getatt-all <TypeName>                    (Fn::GetAtt reads any property, not only read-only ones)
    getatt-extra <TypeName> <Attribute>      (a property Fn::GetAtt reads besides the read-only ones)
    extension <RuleId> <file> <path>         (a constraint schema, extensions/<file>, that applies
                                              at <path>: Resources/<Type>/Properties/..., * = any item)
    regional <file>                          (a constraint file keyed by region: one schema per region,
                                              each on a line of its own, `"<region>":<schema>,`, so
                                              that a lint reads one region's line, not the whole file)
The getatt records are CloudFormation facts cfn-lint keeps in cfnlint/schema/_getatts.py; the
extension records are cfn-lint's per-resource constraint schemas (data/schemas/extensions) and
where its rules apply them (read from the rule sources, not run).
"""
import argparse
import ast
import hashlib
import io
import json
import os
import subprocess
import sys
import tempfile
import zipfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DATA = os.path.join(ROOT, "Sources", "CFNSchema", "Data")
PREFIX = "cfnlint/data/schemas/"
# Top-level schema keys no cfntool check reads (AWS's documentation links, drift hints). Of
# `tagging` only `taggable` is kept (and only when true): E3024 checks the tags of taggable types.
DROPPED = {"sourceUrl", "documentationUrl", "tagging", "handlers", "propertyTransform", "$schema", "$comment"}


def fnv1a64(chunks):
    h = 0xCBF29CE484222325
    for chunk in chunks:
        for b in chunk:
            h = ((h ^ b) * 0x100000001B3) & 0xFFFFFFFFFFFFFFFF
    return h


class Source:
    """The schema files of one cfn-lint release: a wheel, or the installed package."""

    def __init__(self, wheel=None):
        self.wheel = wheel
        if wheel:
            self.zip = zipfile.ZipFile(wheel)
            names = self.zip.namelist()
            meta = [n for n in names if n.endswith(".dist-info/METADATA")][0]
            self.version = next(
                l.split(":", 1)[1].strip() for l in self.zip.read(meta).decode().splitlines() if l.startswith("Version:")
            )
            self.names = [n[len(PREFIX):] for n in names if n.startswith(PREFIX)]
            with open(wheel, "rb") as f:
                self.sha = hashlib.sha256(f.read()).hexdigest()
        else:
            import cfnlint
            from importlib.metadata import version

            self.base = os.path.join(os.path.dirname(cfnlint.__file__), "data", "schemas")
            self.version = version("cfn-lint")
            self.names = []
            for d, _, files in os.walk(self.base):
                for f in files:
                    self.names.append(os.path.relpath(os.path.join(d, f), self.base).replace(os.sep, "/"))
            self.sha = "installed"

    def read(self, name):
        if self.wheel:
            return self.zip.read(PREFIX + name)
        with open(os.path.join(self.base, name), "rb") as f:
            return f.read()

    def package_names(self, prefix):
        """Files of the cfnlint package under `prefix` (relative to the package)."""
        if self.wheel:
            return [n[len("cfnlint/"):] for n in self.zip.namelist() if n.startswith("cfnlint/" + prefix)]
        root = os.path.join(self.base, "..", "..")
        out = []
        for d, _, files in os.walk(os.path.join(root, prefix)):
            for f in files:
                out.append(os.path.relpath(os.path.join(d, f), root).replace(os.sep, "/"))
        return out

    def read_package(self, name):
        """A file of the cfnlint package (outside data/schemas)."""
        if self.wheel:
            return self.zip.read("cfnlint/" + name)
        with open(os.path.join(self.base, "..", "..", name), "rb") as f:
            return f.read()


def region_name(module):
    return module.replace("_", "-")


def build(source):
    """Returns {relative path: bytes} of the bundle."""
    providers = sorted(
        n for n in source.names
        if n.startswith("providers/") and n.endswith(".py") and n.count("/") == 1 and not n.endswith("__init__.py")
    )
    regions = [region_name(os.path.basename(n)[:-3]) for n in providers]
    masks = {}  # (type, id) -> mask
    for bit, name in enumerate(providers):
        tree = ast.parse(source.read(name))
        types = None
        for node in tree.body:
            target = getattr(node, "target", None) or (getattr(node, "targets", [None])[0])
            if getattr(target, "id", None) == "types":
                types = ast.literal_eval(node.value)
        if types is None:
            raise SystemExit(f"{name}: no `types` mapping")
        for type_name, schema_id in types.items():
            masks[(type_name, schema_id)] = masks.get((type_name, schema_id), 0) | (1 << bit)

    getatt_all, getatt_extra = [], []
    tree = ast.parse(source.read_package("schema/_getatts.py"))
    for node in tree.body:
        target = getattr(node, "target", None) or (getattr(node, "targets", [None])[0])
        if getattr(target, "id", None) == "_all_property_types":
            getatt_all = sorted(ast.literal_eval(node.value))
        elif getattr(target, "id", None) == "_exceptions":
            getatt_extra = sorted((t, a) for t, attrs in ast.literal_eval(node.value).items() for a in attrs)
    if not getatt_all:
        raise SystemExit("schema/_getatts.py: no _all_property_types")

    extensions = []
    regional = set()
    for name in sorted(source.package_names("rules/")):
        if not name.endswith(".py"):
            continue
        tree = ast.parse(source.read_package(name))
        for cls in (n for n in ast.walk(tree) if isinstance(n, ast.ClassDef)):
            rule_id = next(
                (st.value.value for st in cls.body if isinstance(st, ast.Assign) and getattr(st.targets[0], "id", None) == "id"
                 and isinstance(st.value, ast.Constant)), None)
            details = [n for n in ast.walk(cls) if isinstance(n, ast.Call) and getattr(n.func, "id", None) == "SchemaDetails"]
            keywords = None
            for call in (n for n in ast.walk(cls) if isinstance(n, ast.Call)):
                for k in call.keywords:
                    if k.arg == "keywords":
                        try:
                            keywords = ast.literal_eval(k.value)
                        except ValueError:
                            pass
            if not (rule_id and details and keywords):
                continue
            args = {k.arg: k.value for k in details[0].keywords}
            # SchemaDetails(module, filename) is written positionally by some rules.
            for name, value in zip(("module", "filename"), details[0].args):
                args.setdefault(name, value)
            module = ast.unparse(args.get("module", ast.Constant(""))).split(".")
            filename = getattr(args.get("filename"), "value", None)
            if module[:4] != ["cfnlint", "data", "schemas", "extensions"] or not filename:
                continue
            path = "extensions/" + "/".join(module[4:]) + "/" + filename
            # cfn-lint's regional rules pick the schema of each linted region out of the file.
            if any(getattr(b, "id", None) == "CfnLintJsonSchemaRegional" for b in cls.bases):
                regional.add(path)
            for keyword in keywords:
                if keyword.startswith("Resources/AWS::") and "/Properties" in keyword:
                    extensions.append((rule_id, path, keyword))
    extensions.sort()

    files = {}
    for _, path, _ in extensions:
        if path in files:
            continue
        data = json.loads(source.read(path))
        if path in regional:
            lines = [json.dumps(r, ensure_ascii=False) + ":" + json.dumps(s, separators=(",", ":"), ensure_ascii=False) for r, s in data.items()]
            files[path] = ("{\n" + ",\n".join(lines) + "\n}\n").encode()
        else:
            files[path] = json.dumps(data, separators=(",", ":"), ensure_ascii=False).encode() + b"\n"
    for schema_id in sorted({i for _, i in masks}):
        schema = json.loads(source.read(f"resources/{schema_id}.json"))
        taggable = isinstance(schema.get("tagging"), dict) and schema["tagging"].get("taggable") is True
        for key in DROPPED - ({"tagging"} if taggable else set()):
            schema.pop(key, None)
        if taggable:
            schema["tagging"] = {"taggable": True}
        files[f"schemas/{schema_id}.json"] = json.dumps(schema, separators=(",", ":"), ensure_ascii=False).encode() + b"\n"

    digest = fnv1a64(
        chunk for path in sorted(files) for chunk in (path.encode(), b"\0", files[path])
    )
    lines = [
        "cfntool-schemas 1",
        f"source cfn-lint {source.version}",
        f"wheel-sha256 {source.sha}",
        f"digest {digest:016x}",
        "regions " + " ".join(regions),
    ]
    for (type_name, schema_id), mask in sorted(masks.items()):
        lines.append(f"type {type_name} {schema_id} {mask:x}")
    lines += [f"getatt-all {t}" for t in getatt_all]
    lines += [f"getatt-extra {t} {a}" for t, a in getatt_extra]
    lines += [f"extension {i} {p} {k}" for i, p, k in extensions]
    lines += [f"regional {p}" for p in sorted(regional)]
    files["index.txt"] = ("\n".join(lines) + "\n").encode()
    return files


def download(version):
    tmp = tempfile.mkdtemp(prefix="cfn-lint-wheel-")
    subprocess.run(
        [sys.executable, "-m", "pip", "download", "--quiet", "--no-deps", "--only-binary=:all:", "-d", tmp, f"cfn-lint=={version}"],
        check=True,
    )
    return os.path.join(tmp, [f for f in os.listdir(tmp) if f.endswith(".whl")][0])


def recorded():
    with open(os.path.join(DATA, "index.txt")) as f:
        return dict(l.rstrip("\n").split(" ", 1) for l in f if not l.startswith(("type ", "getatt-", "extension ", "regional ")))


def write(files):
    """Replaces the bundle: a fresh folder is filled, then swapped in."""
    parent = os.path.dirname(DATA)
    staging = tempfile.mkdtemp(prefix=".Data-", dir=parent)
    for path, data in files.items():
        full = os.path.join(staging, path)
        os.makedirs(os.path.dirname(full), exist_ok=True)
        with open(full, "wb") as f:
            f.write(data)
    old = None
    if os.path.exists(DATA):
        old = DATA + ".old"
        os.rename(DATA, old)
    os.rename(staging, DATA)
    if old:
        subprocess.run(["rm", "-rf", old], check=True)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("command", choices=["build", "check"])
    ap.add_argument("--version", help="cfn-lint release to download (build; default: the recorded one)")
    ap.add_argument("--wheel", help="a cfn-lint wheel file")
    args = ap.parse_args()

    if args.command == "build":
        wheel = args.wheel or download(args.version or recorded()["source"].split()[-1])
        files = build(Source(wheel))
        write(files)
        print(f"wrote {len(files) - 1} schemas and index.txt ({sum(map(len, files.values())) / 1e6:.1f} MB) from {os.path.basename(wheel)}")
        return 0

    want = recorded()
    if args.wheel:
        source = Source(args.wheel)
    else:
        source = Source()
        if source.version != want["source"].split()[-1]:
            print(f"check: installed cfn-lint is {source.version}, the bundle is from {want['source']}; pass --wheel")
            return 1
    files = build(source)
    problems = []
    on_disk = set()
    for d, _, names in os.walk(DATA):
        for n in names:
            on_disk.add(os.path.relpath(os.path.join(d, n), DATA).replace(os.sep, "/"))
    for path in sorted(on_disk - set(files)):
        problems.append(f"{path}: not from the source")
    for path, data in sorted(files.items()):
        full = os.path.join(DATA, path)
        if not os.path.exists(full):
            problems.append(f"{path}: missing")
            continue
        with open(full, "rb") as f:
            have = f.read()
        if path == "index.txt":
            # The wheel's hash is what the index records; an installed package has none.
            have = b"\n".join(l for l in have.split(b"\n") if not l.startswith(b"wheel-sha256 "))
            data = b"\n".join(l for l in data.split(b"\n") if not l.startswith(b"wheel-sha256 "))
        if have != data:
            problems.append(f"{path}: differs from {want['source']}")
    for p in problems[:20]:
        print("check:", p)
    if problems:
        print(f"check: {len(problems)} differences; rebuild with: scripts/schema-bundle.py build")
        return 1
    print(f"check: the bundle ({len(files) - 1} schemas) equals {want['source']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
