#!/usr/bin/env python3
"""cfntool transform against aws-sam-translator 1.110.0 on real templates (the shared corpus).

usage: check-sam-corpus.py --cfntool BIN [--corpus ../shared/corpus] [--show N] [--json OUT]

For every corpus template that declares the AWS::Serverless-2016-10-31 transform, both run on the
same input, with the settings sam_compare.py uses (region ap-southeast-1, the aws partition, every
serverless-repository application at one URL, the bundled managed-policy map). Local artifact
paths (CodeUri: ./src), which aws-sam-translator refuses and cfntool keeps for `aws cloudformation
package`, are first turned into s3://bucket/<path> in both inputs, as cfn-lint does before it
transforms. Then:
- the reference transforms: cfntool must give the same template (SAM's comparison: lists as
  multisets, API deployment ids re-derived from the body hash);
- the reference refuses it: cfntool must exit 2, name the same resources in brackets, and give
  every error a position (file:line:col).
Prints each disagreement and a summary; exits 1 if any.
"""
import argparse
import copy
import json
import logging
import os
import re
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from unittest import mock

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "..", "shared", "tools"))
REGION = "ap-southeast-1"
SAR_URL = "https://awsserverlessrepo-changesets-xxx.s3.amazonaws.com/signed-url"
ARTIFACTS = {"AWS::Serverless::Function": ["CodeUri"], "AWS::Serverless::LayerVersion": ["ContentUri"],
             "AWS::Serverless::Api": ["DefinitionUri"], "AWS::Serverless::HttpApi": ["DefinitionUri"],
             "AWS::Serverless::StateMachine": ["DefinitionUri"], "AWS::Serverless::GraphQLApi": ["SchemaUri"]}


def declares(t):
    tr = t.get("Transform") if isinstance(t, dict) else None
    names = tr if isinstance(tr, list) else [tr]
    return "AWS::Serverless-2016-10-31" in names


def packaged(t):
    """The template with local artifact paths as S3 URIs (what `sam package` would leave)."""
    t = copy.deepcopy(t)
    glob = ((t.get("Globals") or {}).get("Function") or {}) if isinstance(t.get("Globals"), dict) else {}
    if isinstance(glob, dict) and isinstance(glob.get("CodeUri"), str) and "://" not in glob["CodeUri"]:
        glob["CodeUri"] = "s3://bucket/" + glob["CodeUri"].lstrip("./")
    for r in (t.get("Resources") or {}).values():
        if not isinstance(r, dict) or not isinstance(r.get("Properties"), dict):
            continue
        for prop in ARTIFACTS.get(r.get("Type"), []):
            v = r["Properties"].get(prop)
            if isinstance(v, str) and "://" not in v and not v.startswith("{{resolve:"):
                r["Properties"][prop] = "s3://bucket/" + v.lstrip("./")
    return t


def reference(template):
    """aws-sam-translator's output, or the resource ids its errors name."""
    import boto3
    from samtranslator.model.exceptions import InvalidDocumentException
    from samtranslator.parser.parser import Parser
    from samtranslator.plugins.application.serverless_app_plugin import ServerlessAppPlugin
    from samtranslator.translator.translator import Translator

    sar = mock.Mock()
    sar.create_cloud_formation_template.return_value = {"TemplateUrl": SAR_URL, "Status": "ACTIVE",
                                                        "ApplicationId": "x", "TemplateId": "y"}
    sar.get_cloud_formation_template.return_value = {"Status": "ACTIVE"}
    session = boto3.session.Session(region_name=REGION)
    translator = Translator(None, Parser(), plugins=[ServerlessAppPlugin(sar_client=sar)], boto_session=session)
    try:
        out = translator.translate(copy.deepcopy(template), parameter_values={})
        return json.loads(json.dumps(out, default=str)), None
    except InvalidDocumentException as e:
        return None, sorted({i for c in e.causes for i in re.findall(r"Resource with id \[([^\]]+)\]", c.message)}) or ["(template)"]
    except Exception as e:  # the reference itself failed: an internal error, not an answer
        return None, [f"(reference failed: {type(e).__name__}: {e})"]


def check(binp, path, template, answer):
    import sam_compare as sc

    expected, errors = answer
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as f:
        json.dump(template, f, default=str)
        tmp = f.name
    try:
        p = subprocess.run([binp, "transform", "--format", "json", "--region", REGION, "--partition", "aws",
                            "--sar-template-url", "*=" + SAR_URL, tmp], capture_output=True, text=True, timeout=60)
    finally:
        os.unlink(tmp)
    if errors is not None:
        if errors[0].startswith("(reference failed"):
            return "skipped", errors[0]
        if p.returncode != 2:
            return "mismatch", f"reference refuses it ({', '.join(errors)}), cfntool exits {p.returncode}"
        lines = [l for l in p.stderr.splitlines() if l.strip()]
        unpositioned = [l for l in lines if not re.match(r"^.+:\d+:\d+: ", l)]
        named = set(re.findall(r"\[([^\]]+)\]", p.stderr))
        missing = [i for i in errors if i != "(template)" and i not in named]
        if missing or unpositioned:
            return "mismatch", f"errors: missing ids {missing}, unpositioned {unpositioned[:2]}"
        return "match", ""
    if p.returncode != 0:
        return "mismatch", f"reference transforms it, cfntool exits {p.returncode}: {p.stderr.strip()[:200]}"
    got = json.loads(p.stdout)
    a, b = sc.deep_sort(sc.rehash_deployments(got)), sc.deep_sort(sc.rehash_deployments(expected))
    if a == b:
        return "match", ""
    return "mismatch", sc.first_difference(a, b) or "differs"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--cfntool", required=True)
    ap.add_argument("--corpus", default=os.path.join(HERE, "..", "..", "shared", "corpus"))
    ap.add_argument("--show", type=int, default=50)
    ap.add_argument("--json")
    a = ap.parse_args()
    from samtranslator.yaml_helper import yaml_parse

    jobs = []
    for line in open(os.path.join(a.corpus, "manifest.tsv")).read().splitlines()[1:]:
        rel = line.split("\t")[0]
        path = os.path.join(a.corpus, "templates", rel)
        try:
            t = yaml_parse(open(path, encoding="utf-8").read())
        except Exception:
            continue
        if isinstance(t, dict) and declares(t):
            jobs.append((rel, packaged(t)))
    # The reference keeps global state (its region, metrics): run it in this thread, one at a time.
    logging.disable(logging.CRITICAL)
    answers = [reference(t) for _, t in jobs]
    with ThreadPoolExecutor(max_workers=os.cpu_count() or 2) as ex:
        results = list(ex.map(lambda j: (j[0][0], *check(a.cfntool, j[0][0], j[0][1], j[1])), zip(jobs, answers)))
    shown = 0
    for rel, verdict, why in results:
        if verdict != "match" and shown < a.show:
            print(f"{verdict.upper():9} {rel}: {why}")
            shown += 1
    if a.json:
        json.dump([dict(path=r, verdict=v, why=w) for r, v, w in results], open(a.json, "w"), indent=1)
    n = {v: sum(1 for r in results if r[1] == v) for v in ("match", "mismatch", "skipped")}
    print(f"sam corpus: {n['match']}/{len(results)} agree with aws-sam-translator 1.110.0 "
          f"({n['mismatch']} disagree, {n['skipped']} where the reference itself crashed)")
    return 1 if n["mismatch"] else 0


if __name__ == "__main__":
    sys.exit(main())
