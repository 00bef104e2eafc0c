#!/usr/bin/env python3
"""Build or check the Amazon States Language schema E3601 reads
(Sources/CFNLint/Data/StepFunctionsSchema.swift).

The schema is data cfn-lint ships in cfnlint/data/schemas/other/step_functions/statemachine.json.
cfntool's validator reads one document with `#/definitions/Name` references only, so:

- the document is written out twice, as a state machine in JSONPath (the default) and one whose
  top-level `QueryLanguage` is `JSONata`, each a definition of its own (`JSONPath`, `JSONata`),
  and the root has one property per variant. The JSONata variant is what cfn-lint 1.51.0 checks
  such a machine against: every state must be JSONata too and gives up the JSONPath fields
  (`InputPath`, `OutputPath`, `Parameters`, `ResultPath`, `ResultSelector`, a map's `ItemsPath`
  and `MaxConcurrencyPath`), a choice is a `Condition` and a `Next`, `Arguments` may be a JSONata
  expression (text) and a wait's `Seconds` too;
- references are made local to the variant: `#/` (a parallel state's branch is a state machine)
  points at the variant's own definition, and a definition's own definitions
  (`#/definitions/choice/definitions/Operator`) are moved up (`<variant>.choice.Operator`);
- an object with nothing said of its properties, or a list with nothing said of its items,
  is given "any value but null" for them, all the way down (`<variant>.any`): cfn-lint reads the inside of such a value (`Parameters`,
  `ResultSelector`, ...) when it decides whether a state's checks can be answered, so an
  intrinsic function in there leaves the state unjudged, as it does in cfn-lint.

    scripts/step-functions-schema.py build    # from the installed cfn-lint (1.51.0)
    scripts/step-functions-schema.py check    # the Swift file == what the installed cfn-lint gives; exit 1 if not
"""
import copy
import hashlib
import json
import os
import sys

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "Sources", "CFNLint", "Data", "StepFunctionsSchema.swift")
TYPES = ["array", "boolean", "integer", "number", "object", "string"]


def anything(variant):
    """Any value but null, read all the way down (cfn-lint gives the inside of a free-form value
    the same reading at every depth)."""
    ref = {"$ref": "#/definitions/" + variant + ".any"}
    return {"type": TYPES, "patternProperties": {".*": ref}, "items": ref}


def jsonata(schema):
    """The machine as cfn-lint 1.51.0 reads one whose QueryLanguage is JSONata."""
    s = copy.deepcopy(schema)
    d = s["definitions"]
    d["common"]["allOf"] = [{
        "properties": {
            "QueryLanguage": {"const": "JSONata"},
            "InputPath": False, "OutputPath": False, "Parameters": False, "ResultPath": False, "ResultSelector": False,
        },
    }]
    d["choice"]["allOf"] = [{
        "properties": {
            "Choices": {
                "items": {
                    "properties": {
                        "Comment": {"type": "string"},
                        "Condition": {"type": "string"},
                        "Next": {"pattern": "^.{1,128}$", "type": "string"},
                        "Assign": {"type": "object"},
                        "Output": {"type": ["string", "object"]},
                    },
                    "additionalProperties": False,
                    "required": ["Condition", "Next"],
                    "type": "object",
                }
            }
        }
    }]
    d["wait"]["properties"]["Seconds"] = {"maximum": 99999999, "minimum": 0, "type": ["number", "string"]}
    for name in ["ItemsPath", "MaxConcurrencyPath"]:
        d["map"]["properties"][name] = False
    for state in ["choice", "fail", "map", "parallel", "pass", "task", "wait"]:
        d[state]["properties"]["Arguments"] = {"type": ["string", "object"]}
    return s


def types(node):
    t = node.get("type", [])
    return t if isinstance(t, list) else [t]


def local(node, variant):
    """References made local to the variant, free-form objects and lists given "any value"."""
    if isinstance(node, list):
        return [local(x, variant) for x in node]
    if not isinstance(node, dict):
        return node
    out = {}
    for key, value in node.items():
        if key == "definitions":
            continue
        if key == "$ref":
            parts = [p for p in value.lstrip("#").split("/") if p]
            assert parts == [] or (parts[0] == "definitions" and len(parts) in (2, 4)), value
            out["$ref"] = "#/definitions/" + ".".join([variant] + parts[1::2])
            continue
        if key in ("properties", "patternProperties"):
            out[key] = {k: local(v, variant) for k, v in value.items()}
            continue
        out[key] = local(value, variant)
    if "object" in types(out) and not any(k in out for k in ("properties", "additionalProperties", "patternProperties")):
        out["patternProperties"] = {".*": {"$ref": "#/definitions/" + variant + ".any"}}
    if "array" in types(out) and "items" not in out:
        out["items"] = {"$ref": "#/definitions/" + variant + ".any"}
    return out


def render():
    import cfnlint  # noqa: F401
    from importlib.metadata import version

    path = os.path.join(os.path.dirname(cfnlint.__file__), "data", "schemas", "other", "step_functions", "statemachine.json")
    raw = open(path, "rb").read()
    schema = json.loads(raw)
    definitions = {}
    root = {"properties": {}, "definitions": definitions}
    for variant, doc in (("JSONPath", schema), ("JSONata", jsonata(schema))):
        definitions[variant] = local(doc, variant)
        for name, sub in doc["definitions"].items():
            definitions[variant + "." + name] = local(sub, variant)
            for inner, sub2 in sub.get("definitions", {}).items():
                definitions[variant + "." + name + "." + inner] = local(sub2, variant)
        definitions[variant + ".any"] = anything(variant)
        root["properties"][variant] = {"$ref": "#/definitions/" + variant}
    text = json.dumps(root, sort_keys=True, separators=(",", ":"))
    digest = hashlib.sha256(raw).hexdigest()
    return (
        "// Generated by scripts/step-functions-schema.py from cfn-lint " + version("cfn-lint")
        + " cfnlint/data/schemas/other/step_functions/statemachine.json\n"
        + "// sha256 " + digest + ". Do not edit.\n\n"
        + "/// The Amazon States Language schema, one JSON document: a property of the root per query\n"
        + "/// language of the machine (`JSONPath`, `JSONata`).\n"
        + "enum StepFunctionsSchema {\n"
        + "    static let json = #\"\"\"\n        " + text + "\n        \"\"\"#\n"
        + "}\n"
    )


def main():
    mode = sys.argv[1] if len(sys.argv) > 1 else "build"
    text = render()
    if mode == "check":
        current = open(OUT).read() if os.path.exists(OUT) else ""
        if current != text:
            print("Sources/CFNLint/Data/StepFunctionsSchema.swift is not what scripts/step-functions-schema.py builds", file=sys.stderr)
            return 1
        return 0
    with open(OUT + ".tmp", "w") as f:
        f.write(text)
    os.replace(OUT + ".tmp", OUT)
    return 0


if __name__ == "__main__":
    sys.exit(main())
