#!/usr/bin/env python3
"""Write what aws-sam-translator makes of our own SAM event fixtures (Tests/Fixtures/sam-events).

The shared fixtures (SAM's own test inputs) leave some event options untested: SQS options,
failure destinations, ScheduleV2, dead-letter queues of rules, FIFO topics, a user pool with
triggers, and several error checks. For each Tests/Fixtures/sam-events/NAME.yaml this runs the
installed aws-sam-translator (which must be the recorded version) as sam_compare.py's suite does
for the aws partition (region ap-southeast-1, no managed policy map) and writes NAME.json beside
it (with a fixed hash seed): the template, or {"errorMessage": ...} as SAM's error fixtures hold it.

    scripts/sam-events-expected.py          # rewrite every NAME.json
    scripts/sam-events-expected.py check    # exit 1 if one differs from what the reference makes
"""
import json
import os
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
FIXTURES = os.path.join(ROOT, "Tests", "Fixtures", "sam-events")
VERSION = "1.110.0"
os.environ["AWS_DEFAULT_REGION"] = "ap-southeast-1"
# SAM builds a bucket's DependsOn through a set: a fixed hash seed keeps the files stable.
if os.environ.get("PYTHONHASHSEED") != "0":
    os.environ["PYTHONHASHSEED"] = "0"
    os.execv(sys.executable, [sys.executable] + sys.argv)

import samtranslator  # noqa: E402
from samtranslator.model.exceptions import InvalidDocumentException  # noqa: E402
from samtranslator.translator.transform import transform  # noqa: E402
from samtranslator.yaml_helper import yaml_parse  # noqa: E402


class NoManagedPolicies:
    def load(self):
        return {}


def expected(path):
    with open(path) as f:
        template = yaml_parse(f.read())
    try:
        out = transform(template, {}, NoManagedPolicies())
    except InvalidDocumentException as e:
        out = {"errorMessage": " ".join([e.message] + [c.message for c in e.causes])}
    return json.dumps(out, indent=1, sort_keys=True) + "\n"


def main():
    if samtranslator.__version__ != VERSION:
        sys.exit(f"aws-sam-translator {samtranslator.__version__} is installed, the fixtures are {VERSION}'s")
    check = sys.argv[1:] == ["check"]
    differ = 0
    for name in sorted(os.listdir(FIXTURES)):
        if not name.endswith(".yaml"):
            continue
        out_path = os.path.join(FIXTURES, name[:-5] + ".json")
        text = expected(os.path.join(FIXTURES, name))
        if check:
            old = open(out_path).read() if os.path.exists(out_path) else None
            if old != text:
                print(f"{out_path}: differs from aws-sam-translator {VERSION}'s output")
                differ = 1
        else:
            with open(out_path, "w") as f:
                f.write(text)
    sys.exit(differ)


if __name__ == "__main__":
    main()
