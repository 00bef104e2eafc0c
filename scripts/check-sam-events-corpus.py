#!/usr/bin/env python3
"""Function events of the shared corpus: cfntool transform against aws-sam-translator.

usage: check-sam-events-corpus.py [--cfntool BIN] [--corpus ../shared/corpus] [--show N]

For each corpus template with AWS::Serverless::Function events of the types other than Api and
HttpApi, a reduced copy keeps only what those events need: the functions with those events
(AutoPublishAlias, DeploymentPreference, FunctionUrlConfig, EventInvokeConfig and the like
removed), Globals.Function, and the template's plain resources; other SAM resources go, and local
CodeUri paths become an S3 URI (aws-sam-translator refuses a path that `sam package` has not
uploaded). Both transforms then run on the copy (aws partition, ap-southeast-1) and must agree:
the same template under sam_compare.py's comparison (lists as multisets), or both refusing it
naming the same resources. Last line: the figures.
"""
import argparse
import copy
import importlib.util
import json
import os
import re
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
os.environ["AWS_DEFAULT_REGION"] = "ap-southeast-1"

from samtranslator.model.exceptions import InvalidDocumentException  # noqa: E402
from samtranslator.translator.transform import transform  # noqa: E402
from samtranslator.yaml_helper import yaml_parse  # noqa: E402

TYPES = {
    "S3", "SNS", "SQS", "Kinesis", "DynamoDB", "MSK", "MQ", "SelfManagedKafka", "DocumentDB", "Schedule",
    "ScheduleV2", "CloudWatchEvent", "EventBridgeRule", "CloudWatchLogs", "IoTRule", "AlexaSkill", "Cognito",
}
# Function properties whose resources are not the events' (left out of the comparison).
OTHERS = [
    "AutoPublishAlias", "AutoPublishCodeSha256", "DeploymentPreference", "FunctionUrlConfig", "EventInvokeConfig",
    "ProvisionedConcurrencyConfig", "VersionDescription", "SnapStart",
]


class NoManagedPolicies:
    def load(self):
        return {}


def local_to_s3(properties):
    uri = properties.get("CodeUri")
    if isinstance(uri, str) and not uri.startswith("s3://"):
        properties["CodeUri"] = "s3://bucket/code.zip"


def reduced(template):
    """The template cut down to the functions' events of this area, or None when it has none."""
    resources = template.get("Resources")
    if not isinstance(resources, dict):
        return None
    events = 0
    for logical_id in list(resources):
        resource = resources[logical_id]
        if not isinstance(resource, dict):
            continue
        kind = resource.get("Type")
        if isinstance(kind, str) and kind.startswith("AWS::Serverless::") and kind != "AWS::Serverless::Function":
            del resources[logical_id]
            continue
        if kind != "AWS::Serverless::Function":
            continue
        resource.pop("Connectors", None)
        properties = resource.get("Properties")
        if not isinstance(properties, dict):
            continue
        for name in OTHERS:
            properties.pop(name, None)
        local_to_s3(properties)
        entries = properties.get("Events")
        if isinstance(entries, dict):
            for name in list(entries):
                if isinstance(entries[name], dict) and entries[name].get("Type") in TYPES:
                    events += 1
                else:
                    del entries[name]
    globals_ = template.get("Globals")
    if isinstance(globals_, dict):
        for section in list(globals_):
            if section != "Function":
                del globals_[section]
        if isinstance(globals_.get("Function"), dict):
            for name in OTHERS:
                globals_["Function"].pop(name, None)
            local_to_s3(globals_["Function"])
    return template if events else None


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--cfntool", default=os.path.join(ROOT, ".build", "debug", "cfntool"))
    ap.add_argument("--corpus", default=os.path.join(ROOT, "..", "shared", "corpus"))
    ap.add_argument("--show", type=int, default=20)
    a = ap.parse_args()
    spec = importlib.util.spec_from_file_location("sam_compare", os.path.join(a.corpus, "..", "tools", "sam_compare.py"))
    compare = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(compare)

    templates = os.path.join(a.corpus, "templates")
    counts = {"with events": 0, "same output": 0, "both refuse": 0, "differ": 0}
    shown = 0
    for folder, _, files in sorted(os.walk(templates)):
        for name in sorted(files):
            path = os.path.join(folder, name)
            try:
                text = open(path, encoding="utf-8").read()
                template = yaml_parse(text) if "AWS::Serverless" in text else None
            except Exception:
                continue
            template = reduced(template) if isinstance(template, dict) else None
            if template is None:
                continue
            counts["with events"] += 1
            try:
                expected, error = transform(copy.deepcopy(template), {}, NoManagedPolicies()), None
            except InvalidDocumentException as e:
                expected, error = None, " ".join(c.message for c in e.causes)
            with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as f:
                json.dump(template, f)
            ours = subprocess.run(
                [a.cfntool, "transform", "--format", "json", "--partition", "aws", "--region", "ap-southeast-1", f.name],
                capture_output=True, text=True,
            )
            os.unlink(f.name)
            why = None
            if expected is None:
                want = set(re.findall(r"Resource with id \[([^\]]+)\]", error))
                got = set(re.findall(r"\[([^\]]+)\]", ours.stderr))
                if ours.returncode == 2 and want <= got:
                    counts["both refuse"] += 1
                else:
                    why = f"aws-sam-translator refuses it ({error[:150]}), cfntool exits {ours.returncode}"
            elif ours.returncode != 0:
                why = f"cfntool refuses it: {ours.stderr.strip()[:200]}"
            else:
                a_, b_ = compare.deep_sort(json.loads(ours.stdout)), compare.deep_sort(expected)
                if a_ == b_:
                    counts["same output"] += 1
                else:
                    why = compare.first_difference(a_, b_) or "differs"
            if why:
                counts["differ"] += 1
                if shown < a.show:
                    print(f"DIFFER {os.path.relpath(path, templates)}: {why}")
                    shown += 1
    print("corpus function events: " + ", ".join(f"{k} {v}" for k, v in counts.items()))
    sys.exit(1 if counts["differ"] else 0)


if __name__ == "__main__":
    main()
