#!/usr/bin/env python3
"""Checks a split hierarchy deployed to moto against the split output it came from.

usage: check_stacks.py --stack NAME --split DIR --packaged FILE --artifacts DIR
                       --capabilities "CAPABILITY_..." --state OUT.json [--previous STATE.json]

DIR is the `cfntool split` output (manifest.json and the templates), FILE the parent that
`aws cloudformation package` wrote, --artifacts the folder of the zips the functions' S3Keys name.
Talks to the endpoint in AWS_ENDPOINT_URL. Each check prints one line; exit 1 if any fails.
--state writes what was deployed (nested stack ids, function code hashes) for the next deploy's
--previous, which adds the checks of an update.
"""
import base64
import collections
import hashlib
import json
import logging
import os
import sys
import urllib.parse
import warnings

import boto3
import yaml

warnings.simplefilter("ignore")
logging.getLogger("moto").setLevel(logging.ERROR)  # its "no support for TYPE" lines; the checks say it
from moto.cloudformation.parsing import resource_class_from_type  # noqa: E402 (after the filter: moto warns on import)

# The property that gives a resource of these types its physical name: such a resource cannot be
# moved to another stack by an update (the new copy is created while the old one holds the name).
NAME_PROPERTIES = {
    "AWS::Lambda::Function": "FunctionName",
    "AWS::Logs::LogGroup": "LogGroupName",
    "AWS::IAM::Role": "RoleName",
    "AWS::S3::Bucket": "BucketName",
    "AWS::DynamoDB::Table": "TableName",
    "AWS::SQS::Queue": "QueueName",
    "AWS::SNS::Topic": "TopicName",
    "AWS::Events::Rule": "Name",
}
IAM_NAMES = {
    "AWS::IAM::Role": "RoleName",
    "AWS::IAM::User": "UserName",
    "AWS::IAM::Group": "GroupName",
    "AWS::IAM::ManagedPolicy": "ManagedPolicyName",
    "AWS::IAM::InstanceProfile": "InstanceProfileName",
}

failures = []


def check(ok, line):
    print(("ok    " if ok else "FAIL  ") + line)
    if not ok:
        failures.append(line)
    return ok


def load(path):
    with open(path) as f:
        return parse(f.read())


def parse(text):
    """A template in JSON or YAML (short-form tags read as the long form)."""
    try:
        return json.loads(text)
    except ValueError:
        pass

    class Loader(yaml.SafeLoader):
        pass

    def tagged(loader, suffix, node):  # !Ref x -> {"Ref": x}, !GetAtt a.b -> {"Fn::GetAtt": [a, b]}
        if isinstance(node, yaml.ScalarNode):
            value = loader.construct_scalar(node)
        elif isinstance(node, yaml.SequenceNode):
            value = loader.construct_sequence(node, deep=True)
        else:
            value = loader.construct_mapping(node, deep=True)
        if suffix == "Ref":
            return {"Ref": value}
        if suffix == "GetAtt" and isinstance(value, str):
            value = value.split(".", 1)
        return {"Fn::" + suffix: value}

    Loader.add_multi_constructor("!", tagged)
    return yaml.load(text, Loader=Loader)


def client(name):
    return boto3.client(name, region_name=os.environ.get("AWS_DEFAULT_REGION", "us-east-1"))


def implemented(resource_type):
    return resource_class_from_type(resource_type) is not None


def updates(resource_type):
    model = resource_class_from_type(resource_type)
    return model is not None and not hasattr(model.update_from_cloudformation_json, "__isabstractmethod__")


def deletes(resource_type):
    """moto deletes a resource by its `delete` method, or else its model's classmethod."""
    model = resource_class_from_type(resource_type)
    return model is not None and (hasattr(model, "delete") or not hasattr(model.delete_from_cloudformation_json, "__isabstractmethod__"))


def pages(call, key, **kwargs):
    out, token_name = [], None
    while True:
        page = call(**kwargs)
        out += page.get(key, [])
        token_name = "NextToken" if "NextToken" in page else "nextToken" if "nextToken" in page else "NextMarker" if "NextMarker" in page else None
        if not token_name or not page.get(token_name):
            return out
        kwargs["Marker" if token_name == "NextMarker" else token_name] = page[token_name]


def services():
    """What the services hold, independent of CloudFormation's view."""
    lam, logs, apigw = client("lambda"), client("logs"), client("apigateway")
    functions = {f["FunctionName"]: f for f in pages(lam.list_functions, "Functions")}
    groups = {g["logGroupName"] for g in pages(logs.describe_log_groups, "logGroups")}
    apis = pages(apigw.get_rest_apis, "items")
    api_resources = {a["id"]: pages(apigw.get_resources, "items", restApiId=a["id"], embed=["methods"]) for a in apis}
    return functions, groups, apis, api_resources


def main():
    args = sys.argv[1:]

    def arg(name, default=None):
        return args[args.index(name) + 1] if name in args else default

    if not all(n in args for n in ("--stack", "--split", "--packaged", "--artifacts", "--capabilities", "--state")):
        print(__doc__.strip(), file=sys.stderr)
        sys.exit(64)
    stack_name, split_dir, packaged_path = arg("--stack"), arg("--split"), arg("--packaged")
    artifacts, capabilities = arg("--artifacts"), set(arg("--capabilities").split())
    previous = json.load(open(arg("--previous"))) if arg("--previous") else None
    cfn, s3, lam = client("cloudformation"), client("s3"), client("lambda")

    manifest = load(os.path.join(split_dir, "manifest.json"))
    templates = {None: load(os.path.join(split_dir, manifest["parent"]))}
    expected_count = {None: manifest["counts"]["parentResources"]}
    for name, entry in manifest["stacks"].items():
        templates[name] = load(os.path.join(split_dir, entry["file"]))
        expected_count[name] = entry["resources"]
    label = lambda name: name or "parent"  # noqa: E731

    # Before anything else reads the stacks: moto creates resources lazily when a stack's resources
    # are listed, so what the services hold is taken first and compared after the listing.
    before = services()

    # The parent, as package left it: every nested template uploaded, its URL absolute.
    packaged = load(packaged_path)
    for name, resource in packaged["Resources"].items():
        if resource["Type"] != "AWS::CloudFormation::Stack":
            continue
        url = resource["Properties"]["TemplateURL"]
        parts = urllib.parse.urlparse(url)
        bucket, key = parts.path.lstrip("/").split("/", 1) if parts.scheme in ("http", "https") else (None, None)
        body = s3.get_object(Bucket=bucket, Key=key)["Body"].read().decode() if bucket else None
        same = body is not None and set(parse(body)["Resources"]) == set(templates[name]["Resources"])
        check(same, f"{name}: TemplateURL {url if bucket else repr(url) + ' is not an S3 URL'}: uploaded, the template of {manifest['stacks'][name]['file']}")

    # The stacks: the parent and each nested stack under the stack resource the manifest names.
    parent = cfn.describe_stacks(StackName=stack_name)["Stacks"][0]
    want_status = "UPDATE_COMPLETE"  # the first deploy made the stack with the deployment bucket alone
    check(parent["StackStatus"] == want_status, f"parent {stack_name}: {parent['StackStatus']}")
    listed = {None: pages(cfn.list_stack_resources, "StackResourceSummaries", StackName=parent["StackId"])}
    deployed = {None: parent}
    def depth(name):  # a stack's holder is looked at before it
        holder = manifest["stacks"][name]["parent"]
        return 0 if holder is None else 1 + depth(holder)

    order = [None] + sorted(manifest["stacks"], key=lambda n: (depth(n), n))
    for name in order[1:]:
        holder = manifest["stacks"][name]["parent"]
        rows = [r for r in listed.get(holder, []) if r["LogicalResourceId"] == name and r["ResourceType"] == "AWS::CloudFormation::Stack"]
        if not check(len(rows) == 1, f"{name}: a nested stack in {label(holder)}"):
            continue
        stack = cfn.describe_stacks(StackName=rows[0]["PhysicalResourceId"])["Stacks"][0]
        deployed[name] = stack
        listed[name] = pages(cfn.list_stack_resources, "StackResourceSummaries", StackName=stack["StackId"])
    extra = [r["LogicalResourceId"] for rows in listed.values() for r in rows if r["ResourceType"] == "AWS::CloudFormation::Stack" and r["LogicalResourceId"] not in manifest["stacks"]]
    check(not extra, f"no nested stack the manifest does not list{': ' + ', '.join(extra) if extra else ''}")

    accepted = collections.Counter()
    physical = {}  # (stack, logical id) -> physical id
    for name in order:
        if name not in deployed:
            continue
        template, rows, stack = templates[name], listed[name], deployed[name]
        ids = set(template["Resources"])
        created = {r["LogicalResourceId"] for r in rows if r["LogicalResourceId"]}
        for r in rows:
            physical[(name, r["LogicalResourceId"])] = r["PhysicalResourceId"]
        missing_types = collections.Counter(template["Resources"][i]["Type"] for i in ids if not implemented(template["Resources"][i]["Type"]))
        accepted.update(missing_types)
        blank = len(rows) - len(created)
        runnable = {i for i in ids if implemented(template["Resources"][i]["Type"])}
        problems = []
        if expected_count[name] != len(ids):
            problems.append(f"the manifest says {expected_count[name]}")
        if created - ids:
            problems.append(f"not in the template: {', '.join(sorted(created - ids)[:5])}")
        if runnable - created:
            problems.append(f"not deployed: {', '.join(sorted(runnable - created)[:5])}")
        if blank != sum(missing_types.values()):
            problems.append(f"{blank} unnamed rows for {sum(missing_types.values())} resources without a moto model")
        if name is not None:
            if stack["StackStatus"] not in ("CREATE_COMPLETE", "UPDATE_COMPLETE"):
                problems.append(stack["StackStatus"])
            params = {p["ParameterKey"]: p["ParameterValue"] for p in stack.get("Parameters", [])}
            wanted = set(template.get("Parameters", {}))
            if set(params) != wanted or any(not params.get(k) for k in wanted):
                problems.append(f"parameters {sorted(params)} for {sorted(wanted)}, empty: {sorted(k for k in wanted if not params.get(k))}")
        outputs = {o["OutputKey"]: o["OutputValue"] for o in stack.get("Outputs") or []}
        wanted = {k for k, o in template.get("Outputs", {}).items() if "Condition" not in o}
        bad = sorted(k for k in wanted if outputs.get(k) in (None, "", "None"))
        if bad:
            problems.append(f"outputs missing or empty: {', '.join(bad[:5])}")
        note = f", {sum(missing_types.values())} accepted but not created ({', '.join(sorted(missing_types))}: no moto model)" if missing_types else ""
        check(
            not problems,
            f"{label(name)} ({stack['StackStatus']}): {len(ids)} resources as in the manifest, {len(created)} created{note}; "
            f"{len(template.get('Parameters', {}))} parameters passed, {len(outputs)} outputs" + (f": {'; '.join(problems)}" if problems else ""),
        )

    # Outputs passed up: the parent's value of `!GetAtt Stack.Outputs.X` is the nested stack's X.
    parent_outputs = {o["OutputKey"]: o["OutputValue"] for o in deployed[None].get("Outputs") or []}
    relayed, wrong = 0, []
    for key, output in templates[None].get("Outputs", {}).items():
        value = output.get("Value")
        if isinstance(value, dict) and "Fn::GetAtt" in value:
            target, attribute = value["Fn::GetAtt"] if isinstance(value["Fn::GetAtt"], list) else value["Fn::GetAtt"].split(".", 1)
            if target in deployed and attribute.startswith("Outputs."):
                inner = {o["OutputKey"]: o["OutputValue"] for o in deployed[target].get("Outputs") or []}
                relayed += 1
                if parent_outputs.get(key) in (None, "") or parent_outputs.get(key) != inner.get(attribute[len("Outputs."):]):
                    wrong.append(key)
    check(relayed > 0 and not wrong, f"{relayed} parent outputs read from nested stacks' outputs, each the nested stack's value{': not ' + ', '.join(wrong[:3]) if wrong else ''}")
    exports = {e["Name"] for e in pages(cfn.list_exports, "Exports")}
    wanted = {o["Export"]["Name"] for t in templates.values() for o in t.get("Outputs", {}).values() if isinstance(o.get("Export", {}).get("Name"), str)}
    check(wanted <= exports, f"{len(wanted)} exports listed{': missing ' + ', '.join(sorted(wanted - exports)[:3]) if wanted - exports else ''}")

    after = services()
    check(
        (set(after[0]), after[1], len(after[3]), sum(map(len, after[3].values()))) == (set(before[0]), before[1], len(before[3]), sum(map(len, before[3].values()))),
        "listing the stacks created nothing (moto creates resources lazily)",
    )
    functions, groups, apis, api_resources = after

    # What the services hold, from every template of the hierarchy.
    every = [(n, i, r) for n, t in templates.items() for i, r in t["Resources"].items()]
    by_type = collections.defaultdict(list)
    for n, i, r in every:
        by_type[r["Type"]].append((n, i, r))
    digests = {}
    for n, i, r in by_type["AWS::Lambda::Function"]:
        key = r["Properties"]["Code"]["S3Key"]
        if key not in digests:
            data = open(os.path.join(artifacts, os.path.basename(key)), "rb").read()
            digests[key] = (len(data), base64.b64encode(hashlib.sha256(data).digest()).decode())
    roles = {physical.get((n, i)) for n, i, r in by_type["AWS::IAM::Role"]}
    fn_names = [r["Properties"]["FunctionName"] for n, i, r in by_type["AWS::Lambda::Function"]]
    check(sorted(functions) == sorted(fn_names), f"{len(functions)} Lambda functions, one for each AWS::Lambda::Function of the templates ({len(fn_names)})")
    wrong_code, wrong_role, no_version, no_permission = [], [], [], []
    versioned = {r["Properties"]["FunctionName"].get("Ref") for n, i, r in by_type["AWS::Lambda::Version"] if isinstance(r["Properties"]["FunctionName"], dict)}
    # A permission names its function by `!GetAtt Fn.Arn`, or by the parameter `FnArn` that carries
    # it into another stack.
    function_ids = {i for n, i, r in by_type["AWS::Lambda::Function"]}
    permitted = collections.Counter()
    for n, i, r in by_type["AWS::Lambda::Permission"]:
        target = r["Properties"]["FunctionName"]
        if isinstance(target, dict) and "Fn::GetAtt" in target:
            permitted[target["Fn::GetAtt"][0]] += 1
        elif isinstance(target, dict) and "Ref" in target and target["Ref"][:-3] in function_ids:
            permitted[target["Ref"][:-3]] += 1
    for n, i, r in by_type["AWS::Lambda::Function"]:
        name = r["Properties"]["FunctionName"]
        f = functions.get(name)
        if not f:
            continue
        if (f["CodeSize"], f["CodeSha256"]) != digests[r["Properties"]["Code"]["S3Key"]]:
            wrong_code.append(f"{name} ({f['CodeSize']} bytes)")
        if f["Role"].rsplit("/", 1)[-1] not in roles:
            wrong_role.append(name)
        if i in versioned and len(lam.list_versions_by_function(FunctionName=name)["Versions"]) < 2:
            no_version.append(name)
        if permitted[i]:
            policy = json.loads(lam.get_policy(FunctionName=name)["Policy"])
            if not any(s.get("Principal", {}).get("Service") == "apigateway.amazonaws.com" for s in policy["Statement"]):
                no_permission.append(name)
    size, digest = next(iter(digests.values())) if len(digests) == 1 else (None, None)
    check(not wrong_code, f"every function's code is the uploaded zip ({len(digests)} artifact{'s' if len(digests) != 1 else ''}{f', {size} bytes, sha256 {digest}' if size else ''}){': not ' + ', '.join(wrong_code[:3]) if wrong_code else ''}")
    check(not wrong_role, f"every function runs as a role the stacks created ({', '.join(sorted(r for r in roles if r))}){': not ' + ', '.join(wrong_role[:3]) if wrong_role else ''}")
    check(not no_version, f"{len(versioned)} functions have a published version{': not ' + ', '.join(no_version[:3]) if no_version else ''}")
    check(not no_permission, f"{sum(permitted.values())} permissions let API Gateway invoke the functions{': not ' + ', '.join(no_permission[:3]) if no_permission else ''}")
    names = {r["Properties"]["LogGroupName"] for n, i, r in by_type["AWS::Logs::LogGroup"]}
    check(names <= groups, f"{len(names)} log groups{': missing ' + ', '.join(sorted(names - groups)[:3]) if names - groups else ''}")
    apis_wanted = by_type["AWS::ApiGateway::RestApi"]
    check(len(apis) == len(apis_wanted), f"{len(apis)} REST API ({len(apis_wanted)} in the templates)")
    if len(apis) == 1 and len(apis_wanted) == 1:
        # The paths and methods the templates define: a Resource's ParentId is another Resource
        # (by Ref, also across stacks, where the parameter keeps its name) or the API's root.
        nodes = {i: r["Properties"] for n, i, r in by_type["AWS::ApiGateway::Resource"]}

        def path(node_id):
            parent_id = nodes[node_id]["ParentId"]
            up = parent_id.get("Ref") if isinstance(parent_id, dict) else None
            return (path(up) if up in nodes else "") + "/" + nodes[node_id]["PathPart"]

        paths = {"/"} | {path(i) for i in nodes}
        verbs = {(path(r["Properties"]["ResourceId"]["Ref"]) if r["Properties"]["ResourceId"].get("Ref") in nodes else "/", r["Properties"]["HttpMethod"]) for n, i, r in by_type["AWS::ApiGateway::Method"]}
        items = api_resources[apis[0]["id"]]
        methods = [(item["path"], m, body) for item in items for m, body in (item.get("resourceMethods") or {}).items()]
        got_paths, got_verbs = {item["path"] for item in items}, {(p, m) for p, m, _ in methods}
        # moto cannot delete these: a nested stack it replaces leaves them behind.
        undeletable = [t for t in ("AWS::ApiGateway::Resource", "AWS::ApiGateway::Method") if not deletes(t)]
        extra_nodes, extra_methods = len(items) - len(got_paths), len(methods) - len(got_verbs)
        left = f"; {extra_nodes} resources and {extra_methods} methods left over from the nested stacks moto replaced ({' and '.join(undeletable)}: moto deletes neither)"
        exact = previous is None or not undeletable
        check(
            got_paths == paths and got_verbs == verbs and (not exact or (extra_nodes, extra_methods) == (0, 0)),
            f"API paths and methods: the {len(paths)} paths and {len(verbs)} methods of the templates"
            + ("" if got_paths == paths else f"; paths missing {sorted(paths - got_paths)[:3]}, extra {sorted(got_paths - paths)[:3]}")
            + ("" if got_verbs == verbs else f"; methods missing {sorted(verbs - got_verbs)[:3]}, extra {sorted(got_verbs - verbs)[:3]}")
            + (left if extra_nodes or extra_methods else ""),
        )
        arns = {f["FunctionArn"] for f in functions.values()}
        unwired = [f"{m} {p}" for p, m, body in methods if not any(a in body.get("methodIntegration", {}).get("uri", "") for a in arns)]
        check(not unwired, f"every method invokes a deployed function{': not ' + ', '.join(unwired[:3]) if unwired else ''}")
        stages = {s["stageName"] for s in client("apigateway").get_stages(restApiId=apis[0]["id"])["item"]}
        deployments = by_type["AWS::ApiGateway::Deployment"]
        check(all(d[2]["Properties"].get("StageName") in stages for d in deployments), f"stage {', '.join(sorted(stages))} deployed")

    # Capabilities: moto does not ask for them; CloudFormation refuses a stack without them.
    named = [f"{i} ({r['Type']} with {IAM_NAMES[r['Type']]})" for n, i, r in every if r["Type"] in IAM_NAMES and IAM_NAMES[r["Type"]] in r.get("Properties", {})]
    iam_any = [i for n, i, r in every if r["Type"].startswith("AWS::IAM::")]
    need = "CAPABILITY_NAMED_IAM" if named else "CAPABILITY_IAM" if iam_any else None
    has = need is None or need in capabilities or (need == "CAPABILITY_IAM" and "CAPABILITY_NAMED_IAM" in capabilities)
    check(has, f"capabilities: CloudFormation needs {need or 'none'}{' for ' + ', '.join(named) if named else ''}; the recipe passes {' '.join(sorted(capabilities)) or 'none'}")
    if previous is None:
        print("      how far moto goes with each type of the hierarchy:")
        for t in sorted(by_type):
            if not implemented(t):
                what = "accepted, listed without a name, not created (no moto model)"
            else:
                what = "created; " + ("updated in place" if updates(t) else "a change is not applied (moto forgets it)") + "; " + ("deleted" if deletes(t) else "never deleted")
                if t == "AWS::CloudFormation::Stack":
                    what = "created from its TemplateURL in moto's S3; a change deletes it and creates it again; deleted"
            print(f"        {t} ({len(by_type[t])}): {what}")

    state = {
        "stacks": {label(n): s["StackId"] for n, s in deployed.items()},
        "code": {r["Properties"]["FunctionName"]: functions[r["Properties"]["FunctionName"]]["CodeSha256"] for n, i, r in by_type["AWS::Lambda::Function"] if r["Properties"]["FunctionName"] in functions},
        "resources": manifest["resources"],
        "names": {i: r["Properties"][NAME_PROPERTIES[r["Type"]]] for n, i, r in every if NAME_PROPERTIES.get(r["Type"]) in r.get("Properties", {})},
    }
    if previous:
        moved = [i for i, s in manifest["resources"].items() if i in previous["resources"] and previous["resources"][i] != s]
        named_moved = [i for i in moved if i in state["names"]]
        check(not named_moved, f"update: {len(moved)} resources changed stacks, {len(named_moved)} with a fixed name (CloudFormation cannot move those){': ' + ', '.join(named_moved[:5]) if named_moved else ''}")
        added = sorted(set(state["code"]) - set(previous["code"]))
        changed = [f for f in previous["code"] if f in state["code"] and state["code"][f] != previous["code"][f]]
        check(len(changed) == len(previous["code"]), f"update: {len(changed)} of {len(previous['code'])} functions run the new code, {len(added)} functions added")
        kept = [n for n, i in state["stacks"].items() if previous["stacks"].get(n) == i]
        recreated = [n for n, i in state["stacks"].items() if n != "parent" and n in previous["stacks"] and previous["stacks"][n] != i]
        check(state["stacks"]["parent"] == previous["stacks"]["parent"], f"update: the parent stack is the same stack ({len(kept) - 1} nested stacks kept their stack id, {len(recreated)} were deleted and created again by moto, which replaces a nested stack whose template changed where CloudFormation updates it)")
    with open(arg("--state"), "w") as f:
        json.dump(state, f, indent=1, sort_keys=True)
    if failures:
        print(f"{len(failures)} checks failed")
        sys.exit(1)


if __name__ == "__main__":
    main()
