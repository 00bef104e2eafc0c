#!/usr/bin/env python3
"""Build or check the IAM policy document schemas E3510, E3512, E3513, E3514 and E3530 read
(Sources/CFNLint/Data/IAMPolicySchemas.swift).

The schemas are data cfn-lint ships in cfnlint/data/schemas/other/iam/: policy.json (the parts
every policy shares) and one file per kind of document (identity, resource, ECR repository,
trust). cfntool's validator reads one document with `#/definitions/Name` references only, so the
five files are joined into one:

- each kind is a property of the root (`identity`, `resource`, `resourceS3`, `ecr`, `trust`), its
  own definitions renamed `<kind>Statement`, ..., and `policy#/...` references to the shared file
  pointed at its definitions (a reference into a definition's inside is written out in place);
- cfn-lint's keyword hooks become what the hooked rule checks: the resource policies' `Resource`
  gets E3514's ARN pattern (a bucket policy's without `*`, hence `resourceS3`);
- `Boolean` says what cfn-lint's enum comparison lets through (any text or boolean: a string is
  compared as a boolean there, and one that is not `true` equals `false`), not its enum;
- a property that a pattern property also names (`Null`, `Bool` under `Condition`) is checked
  against both, as JSON Schema and cfn-lint do (`allOf`);
- `uniqueKeys` (statement ids) stays for the Swift side, which checks it.

    scripts/iam-policy-schemas.py build    # from the installed cfn-lint (1.51.0)
    scripts/iam-policy-schemas.py check    # the Swift file == what the installed cfn-lint gives; exit 1 if not
"""
import copy
import hashlib
import json
import os
import re
import sys

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "Sources", "CFNLint", "Data", "IAMPolicySchemas.swift")
KINDS = [("identity", "policy_identity.json"), ("resource", "policy_resource.json"), ("resourceS3", "policy_resource.json"),
         ("ecr", "policy_resource_ecr.json"), ("trust", "policy_trust.json")]
# E3514 (cfnlint/rules/resources/iam/ResourcePolicyResourceArn.py): any resource policy, and a bucket policy's.
ARN = "^(arn:aws[A-Za-z\\-]*?:[^:]+:[^:]*(:(?:\\d{12}|\\*|aws)?:.+|)|\\*)$"
ARN_S3 = "^arn:aws[A-Za-z\\-]*?:[^:]+:[^:]*(:(?:\\d{12}|\\*|aws)?:.+|)$"


def pointer(doc, path):
    node = doc
    for part in path.strip("/").split("/"):
        node = node[part]
    return node


def rewrite(node, shared, local_prefix):
    """References made local to the joined document; cfn-lint's keyword hooks dropped."""
    if isinstance(node, list):
        return [rewrite(x, shared, local_prefix) for x in node]
    if not isinstance(node, dict):
        return node
    out = {}
    for key, value in node.items():
        if key == "cfnLint" or key == "$id":
            continue
        if key == "$ref":
            target, _, path = value.partition("#")
            if target == "policy":
                parts = path.strip("/").split("/")
                if parts[0] == "definitions" and len(parts) == 2:
                    out["$ref"] = "#/definitions/" + parts[1]
                elif parts[0] == "properties" and len(parts) == 2:
                    out["$ref"] = "#/definitions/Policy" + parts[1]
                else:
                    # Into a definition's inside: written out here (a leaf: Effect, Sid).
                    out.update(rewrite(copy.deepcopy(pointer(shared, path)), shared, ""))
            else:
                out["$ref"] = "#/definitions/" + local_prefix + path.strip("/").split("/")[1]
            continue
        out[key] = rewrite(value, shared, local_prefix)
    return out


def render():
    import cfnlint  # noqa: F401
    from importlib.metadata import version

    folder = os.path.join(os.path.dirname(cfnlint.__file__), "data", "schemas", "other", "iam")
    raws = {name: open(os.path.join(folder, name), "rb").read() for name in sorted(os.listdir(folder)) if name.endswith(".json")}
    shared = json.loads(raws["policy.json"])
    definitions = {}
    for name, schema in shared["definitions"].items():
        definitions[name] = rewrite(schema, shared, "")
    for name in ("Id", "Version"):
        definitions["Policy" + name] = rewrite(shared["properties"][name], shared, "")
    definitions["Boolean"] = {"not": {"type": "number"}}
    condition = definitions["Condition"]
    for name in list(condition["properties"]):
        also = [s for p, s in condition["patternProperties"].items() if re.search(p, name)]
        if also:
            condition["properties"][name] = {"allOf": [condition["properties"][name]] + also}
    root = {"properties": {}, "definitions": definitions}
    for kind, file in KINDS:
        doc = json.loads(raws[file])
        prefix = kind
        for name, schema in doc.get("definitions", {}).items():
            schema = rewrite(schema, shared, prefix)
            if name == "Resource" and kind.startswith("resource"):
                pattern = ARN_S3 if kind == "resourceS3" else ARN
                schema["pattern"] = pattern
                schema["items"]["pattern"] = pattern
            definitions[prefix + name] = schema
        body = {k: v for k, v in doc.items() if k != "definitions"}
        root["properties"][kind] = rewrite(body, shared, prefix)
    text = json.dumps(root, sort_keys=True, separators=(",", ":"))
    assert '"#' not in text.replace('"#/definitions/', "")
    digest = hashlib.sha256(b"".join(raws[n] for n in sorted(raws))).hexdigest()
    return (
        "// Generated by scripts/iam-policy-schemas.py from cfn-lint " + version("cfn-lint")
        + " cfnlint/data/schemas/other/iam/*.json\n"
        + "// sha256 " + digest + " (the files joined in name order). Do not edit.\n\n"
        + "/// The IAM policy document schemas, one JSON document: a property of the root per kind\n"
        + "/// (`identity`, `resource`, `resourceS3`, `ecr`, `trust`).\n"
        + "enum IAMPolicySchemas {\n"
        + "    static let json = #\"\"\"\n        " + text + "\n        \"\"\"#\n"
        + "}\n"
    )


def main():
    mode = sys.argv[1] if len(sys.argv) > 1 else "build"
    text = render()
    if mode == "check":
        current = open(OUT).read() if os.path.exists(OUT) else ""
        if current != text:
            print("Sources/CFNLint/Data/IAMPolicySchemas.swift is not what scripts/iam-policy-schemas.py builds", file=sys.stderr)
            return 1
        return 0
    with open(OUT + ".tmp", "w") as f:
        f.write(text)
    os.replace(OUT + ".tmp", OUT)
    return 0


if __name__ == "__main__":
    sys.exit(main())
