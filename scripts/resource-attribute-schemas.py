#!/usr/bin/env python3
"""Build or check the schemas of the resource attributes E3016, E3028, E3009 and E3055 read
(Sources/CFNLint/Data/ResourceAttributeSchemas.swift).

The schemas are data cfn-lint ships in cfnlint/data/schemas/other/resources/: update_policy.json
(a resource's UpdatePolicy, by type: E3016), metadata.json (a resource's Metadata: E3028) and
cfn_init.json (its AWS::CloudFormation::Init: E3009). cfn-lint 1.51.0 keeps the CreationPolicy
schemas (E3055) in its rule's source instead, one per resource type that takes a creation
policy; they are written out below as the data they are. cfntool's validator reads one document
with `#/definitions/Name` references only, so each schema is a property of the root (`update`,
`metadata`, `init`, `creation.<resource type>`), its own definitions renamed `<name>.<definition>`,
and a free-form object or list is read as cfn-lint reads one (`free`).

    scripts/resource-attribute-schemas.py build    # from the installed cfn-lint (1.51.0)
    scripts/resource-attribute-schemas.py check    # the Swift file == what the installed cfn-lint gives; exit 1 if not
"""
import hashlib
import json
import os
import sys

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "Sources", "CFNLint", "Data", "ResourceAttributeSchemas.swift")
FILES = [("update", "update_policy.json"), ("metadata", "metadata.json"), ("init", "cfn_init.json")]

# cfnlint/rules/resources/CreationPolicy.py (1.51.0): the resource types that take a creation
# policy, and what each takes. Any other type's creation policy is not judged there.
SIGNAL = {"additionalProperties": False, "type": "object", "properties": {"Timeout": {"type": "string"}, "Count": {"type": "integer"}}}
CREATION = {
    "AWS::AppStream::Fleet": {
        "type": "object", "additionalProperties": False, "properties": {"StartFleet": {"type": "boolean"}},
    },
    "AWS::AutoScaling::AutoScalingGroup": {
        "type": "object", "additionalProperties": False,
        "properties": {
            "AutoScalingCreationPolicy": {
                "type": "object", "additionalProperties": False,
                "properties": {"MinSuccessfulInstancesPercent": {"type": "integer"}},
            },
            "ResourceSignal": SIGNAL,
        },
    },
    "AWS::CloudFormation::WaitCondition": {
        "type": "object", "additionalProperties": False, "properties": {"ResourceSignal": SIGNAL},
    },
}


TYPES = ["array", "boolean", "integer", "number", "object", "string"]
ANY = {"$ref": "#/definitions/any"}


def free(node):
    """An object with nothing said of its properties, or a list with nothing said of its items,
    given "any value but null" for them, all the way down: cfn-lint reads the inside of such a
    value so (a null deep in a resource's Metadata is an error there)."""
    if isinstance(node, list):
        return [free(x) for x in node]
    if not isinstance(node, dict):
        return node
    out = {k: ({n: free(v) for n, v in value.items()} if k in ("properties", "patternProperties", "definitions") else free(value))
           for k, value in node.items()}
    t = out.get("type", [])
    t = t if isinstance(t, list) else [t]
    if "object" in t and not any(k in out for k in ("properties", "additionalProperties", "patternProperties")):
        out["patternProperties"] = {".*": ANY}
    if "array" in t and "items" not in out:
        out["items"] = ANY
    return out


def local(node, name):
    if isinstance(node, list):
        return [local(x, name) for x in node]
    if not isinstance(node, dict):
        return node
    out = {}
    for key, value in node.items():
        if key == "definitions":
            continue
        if key == "$ref" and value != ANY["$ref"]:
            parts = value.lstrip("#").strip("/").split("/")
            assert parts[0] == "definitions" and len(parts) == 2, value
            out["$ref"] = "#/definitions/" + name + "." + parts[1]
            continue
        if key in ("properties", "patternProperties"):
            out[key] = {k: local(v, name) for k, v in value.items()}
            continue
        out[key] = local(value, name)
    return out


def render():
    import cfnlint  # noqa: F401
    from importlib.metadata import version

    folder = os.path.join(os.path.dirname(cfnlint.__file__), "data", "schemas", "other", "resources")
    raws = {file: open(os.path.join(folder, file), "rb").read() for _, file in FILES}
    definitions = {"any": {"type": TYPES, "patternProperties": {".*": ANY}, "items": ANY}}
    root = {"properties": {}, "definitions": definitions}
    for name, file in FILES:
        doc = free(json.loads(raws[file]))
        for d, sub in doc.get("definitions", {}).items():
            definitions[name + "." + d] = local(sub, name)
        root["properties"][name] = local(doc, name)
    for type_name, schema in CREATION.items():
        root["properties"]["creation." + type_name] = free(schema)
    text = json.dumps(root, sort_keys=True, separators=(",", ":"))
    digest = hashlib.sha256(b"".join(raws[f] for _, f in FILES)).hexdigest()
    return (
        "// Generated by scripts/resource-attribute-schemas.py from cfn-lint " + version("cfn-lint")
        + " cfnlint/data/schemas/other/resources/{update_policy,metadata,cfn_init}.json\n"
        + "// and the creation policies of cfnlint/rules/resources/CreationPolicy.py\n"
        + "// sha256 " + digest + " (the files joined in this order). Do not edit.\n\n"
        + "/// The schemas of resource attributes, one JSON document: a property of the root per schema\n"
        + "/// (`update`, `metadata`, `init`, `creation.<resource type>`).\n"
        + "enum ResourceAttributeSchemas {\n"
        + "    static let json = #\"\"\"\n        " + text + "\n        \"\"\"#\n"
        + "}\n"
    )


def main():
    mode = sys.argv[1] if len(sys.argv) > 1 else "build"
    text = render()
    if mode == "check":
        current = open(OUT).read() if os.path.exists(OUT) else ""
        if current != text:
            print("Sources/CFNLint/Data/ResourceAttributeSchemas.swift is not what scripts/resource-attribute-schemas.py builds", file=sys.stderr)
            return 1
        return 0
    with open(OUT + ".tmp", "w") as f:
        f.write(text)
    os.replace(OUT + ".tmp", OUT)
    return 0


if __name__ == "__main__":
    sys.exit(main())
