#!/usr/bin/env python3
"""What aws-sam-translator makes of our own SAM test templates (Tests/Fixtures/sam-*).

SAM's own fixtures (../shared/sam) leave much untested: SQS options, failure destinations,
ScheduleV2, rule dead-letter queues, FIFO topics, a user pool with triggers (sam-events);
PropagateTags and policy templates on a state machine, intrinsics and dynamic references in a
definition, the alias as event target, connectors to several destinations or that a DependsOn
names, GraphQL resolvers and authorizers (sam-sfn); and many error checks. Each
Tests/Fixtures/sam-*/NAME.yaml is run through the installed aws-sam-translator (the recorded
version) as sam_compare.py runs SAM's suite for the aws partition (region ap-southeast-1, no
managed policy map, a fixed hash seed), and NAME.json beside it gets the template it returns, or
{"errorMessage": ...} worded as SAM's error fixtures are.

    scripts/sam-expected.py          # write every NAME.json
    scripts/sam-expected.py check    # exit 1 when one differs from what the reference gives
"""
import json
import logging
import os
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
FIXTURES = [os.path.join(ROOT, "Tests", "Fixtures", d) for d in ("sam-events", "sam-sfn")]
VERSION = "1.110.0"
os.environ["AWS_DEFAULT_REGION"] = "ap-southeast-1"
# Some of SAM's lists are built through sets: a fixed hash seed keeps the output stable.
if os.environ.get("PYTHONHASHSEED") != "0":
    os.environ["PYTHONHASHSEED"] = "0"
    os.execv(sys.executable, [sys.executable] + sys.argv)

logging.disable(logging.CRITICAL)  # its metrics' warnings are noise here
import samtranslator  # noqa: E402
from samtranslator.model.exceptions import InvalidDocumentException  # noqa: E402
from samtranslator.translator.transform import transform  # noqa: E402
from samtranslator.yaml_helper import yaml_parse  # noqa: E402


class EmptyPolicyLoader:
    """The managed-policy loader SAM's suite gives: no names beyond the bundled map."""

    def load(self):
        return {}


def reference(path):
    with open(path) as f:
        template = yaml_parse(f.read())
    try:
        out = transform(template, {}, EmptyPolicyLoader())
    except InvalidDocumentException as e:
        out = {"errorMessage": " ".join([e.message] + [cause.message for cause in e.causes])}
    return json.dumps(out, indent=1, sort_keys=True) + "\n"


def main():
    if samtranslator.__version__ != VERSION:
        sys.exit(f"aws-sam-translator {samtranslator.__version__} is installed; the fixtures record {VERSION}")
    check = sys.argv[1:] == ["check"]
    stale = []
    paths = [os.path.join(d, n) for d in FIXTURES for n in sorted(os.listdir(d)) if n.endswith(".yaml")]
    for path in paths:
        name = os.path.relpath(path, ROOT)
        target = path[:-5] + ".json"
        text = reference(path)
        if check:
            current = open(target).read() if os.path.exists(target) else None
            if current != text:
                stale.append(name)
        else:
            with open(target, "w") as f:
                f.write(text)
    if stale:
        print("differ from aws-sam-translator:", ", ".join(stale))
        sys.exit(1)
    if check:
        print(f"sam-expected: {len(paths)} templates' expected outputs are aws-sam-translator {VERSION}'s")


if __name__ == "__main__":
    main()
