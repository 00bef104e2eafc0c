#!/usr/bin/env python3
"""Write a SAM application of N functions, as teams write them, for benchmarks and tests.

usage: gen-sam-app.py N [--json] [--no-alias] [--local] > app.yaml

What it holds, for N functions:
- Globals: runtime, memory, timeout, tracing, environment, layers, AutoPublishAlias (unless
  --no-alias), and the API's CORS;
- one shared layer, a DynamoDB table per route group (AWS::Serverless::SimpleTable), an SQS queue,
  an SNS topic, an S3 bucket and a Step Functions state machine;
- functions spread over route groups (/users, /orders, /billing, /catalog, /reports, /admin,
  /auth, /search, /notifications, /inventory): most behind REST API routes (GET/POST/PUT/DELETE
  on /group/{id}...), the others triggered by SQS, Schedule, DynamoDB streams, S3, SNS or an
  HTTP API route, in a fixed rotation;
- policies: SAM policy templates (DynamoDBCrudPolicy, SQSPollerPolicy, S3ReadPolicy,
  SNSPublishMessagePolicy, ...), a managed policy name and an inline statement.
The output is deterministic: the same N gives the same bytes.
"""
import argparse
import json
import re
import sys

GROUPS = ["users", "orders", "billing", "catalog", "reports", "admin", "auth", "search", "notifications", "inventory"]
METHODS = ["get", "post", "put", "delete"]
# Artifacts as `sam package` leaves them (S3 URIs), or as written before it (--local paths).
LOCAL = False
# Every seventh function is not behind the REST API: it takes one of these events, in turn.
OTHER_EVENTS = ["SQS", "Schedule", "DynamoDB", "S3", "SNS", "HttpApi"]


def pascal(s):
    return "".join(p[:1].upper() + p[1:] for p in s.replace("-", "_").split("_"))


def function(i, group):
    name = f"{pascal(group)}Fn{i:03d}"
    props = {
        "CodeUri": f"src/{group}/" if LOCAL else f"s3://app-artifacts/{group}/{i:03d}.zip",
        "Handler": f"handlers/{group}.handler{i}",
        "Description": f"{group} handler {i}",
        "Environment": {"Variables": {"TABLE_NAME": {"Ref": f"{pascal(group)}Table"}}},
        "Policies": [{"DynamoDBCrudPolicy": {"TableName": {"Ref": f"{pascal(group)}Table"}}}],
    }
    if i % 7 == 6:
        kind = OTHER_EVENTS[(i // 7) % len(OTHER_EVENTS)]
        if kind == "SQS":
            event = {"Type": "SQS", "Properties": {"Queue": {"Fn::GetAtt": ["WorkQueue", "Arn"]}, "BatchSize": 10}}
            props["Policies"].append({"SQSPollerPolicy": {"QueueName": {"Fn::GetAtt": ["WorkQueue", "QueueName"]}}})
        elif kind == "Schedule":
            event = {"Type": "Schedule", "Properties": {"Schedule": "rate(5 minutes)", "Description": f"tick {i}"}}
            props["Policies"].append("AWSXRayDaemonWriteAccess")
        elif kind == "DynamoDB":
            event = {"Type": "DynamoDB", "Properties": {"Stream": {"Fn::GetAtt": ["EventsTable", "StreamArn"]},
                                                        "StartingPosition": "TRIM_HORIZON", "BatchSize": 100}}
        elif kind == "S3":
            event = {"Type": "S3", "Properties": {"Bucket": {"Ref": "UploadsBucket"}, "Events": "s3:ObjectCreated:*",
                                                  "Filter": {"S3Key": {"Rules": [{"Name": "prefix", "Value": f"{group}/{i}/"}]}}}}
            props["Policies"].append({"S3ReadPolicy": {"BucketName": f"uploads-{i}"}})
        elif kind == "SNS":
            event = {"Type": "SNS", "Properties": {"Topic": {"Ref": "AlertsTopic"}}}
            props["Policies"].append({"SNSPublishMessagePolicy": {"TopicName": {"Fn::GetAtt": ["AlertsTopic", "TopicName"]}}})
        else:
            event = {"Type": "HttpApi", "Properties": {"Path": f"/v2/{group}/{i}", "Method": "GET"}}
        props["Events"] = {kind + "Event": event}
    else:
        method = METHODS[i % len(METHODS)]
        path = f"/{group}/r{i}" if i % 2 == 0 else f"/{group}/r{i}/{{id}}"
        props["Events"] = {"Api": {"Type": "Api", "Properties": {"RestApiId": {"Ref": "Api"}, "Path": path, "Method": method}}}
        if i % 5 == 0:
            props["Policies"].append({"Statement": [{"Effect": "Allow", "Action": ["ssm:GetParameter"],
                                                     "Resource": {"Fn::Sub": f"arn:${{AWS::Partition}}:ssm:${{AWS::Region}}:${{AWS::AccountId}}:parameter/{group}/*"}}]})
    return name, {"Type": "AWS::Serverless::Function", "Properties": props}


def app(n, alias=True):
    fn_globals = {
        "Runtime": "python3.12", "MemorySize": 512, "Timeout": 20, "Tracing": "Active",
        "Layers": [{"Ref": "SharedLayer"}],
        "Environment": {"Variables": {"STAGE": {"Ref": "Stage"}, "POWERTOOLS_SERVICE_NAME": "app"}},
    }
    if alias:
        fn_globals["AutoPublishAlias"] = "live"
    t = {
        "AWSTemplateFormatVersion": "2010-09-09",
        "Transform": "AWS::Serverless-2016-10-31",
        "Description": f"A SAM application of {n} functions (gen-sam-app.py)",
        "Parameters": {"Stage": {"Type": "String", "Default": "dev", "AllowedValues": ["dev", "prod"]}},
        "Globals": {
            "Function": fn_globals,
            "Api": {"Cors": {"AllowOrigin": "'*'", "AllowHeaders": "'Content-Type,Authorization'"}},
        },
        "Resources": {
            "Api": {"Type": "AWS::Serverless::Api", "Properties": {"StageName": {"Ref": "Stage"}, "TracingEnabled": True}},
            "SharedLayer": {"Type": "AWS::Serverless::LayerVersion",
                            "Properties": {"ContentUri": "layers/shared/" if LOCAL else "s3://app-artifacts/layers/shared.zip", "CompatibleRuntimes": ["python3.12"],
                                           "RetentionPolicy": "Retain"}},
            "WorkQueue": {"Type": "AWS::SQS::Queue", "Properties": {"VisibilityTimeout": 120}},
            "AlertsTopic": {"Type": "AWS::SNS::Topic"},
            "UploadsBucket": {"Type": "AWS::S3::Bucket"},
            "EventsTable": {"Type": "AWS::DynamoDB::Table", "Properties": {
                "BillingMode": "PAY_PER_REQUEST",
                "AttributeDefinitions": [{"AttributeName": "pk", "AttributeType": "S"}],
                "KeySchema": [{"AttributeName": "pk", "KeyType": "HASH"}],
                "StreamSpecification": {"StreamViewType": "NEW_AND_OLD_IMAGES"}}},
        },
        "Outputs": {"ApiUrl": {"Value": {"Fn::Sub": "https://${Api}.execute-api.${AWS::Region}.amazonaws.com/${Stage}"}}},
    }
    res = t["Resources"]
    groups = GROUPS[: max(1, min(len(GROUPS), (n + 9) // 10))]
    for g in groups:
        res[f"{pascal(g)}Table"] = {"Type": "AWS::Serverless::SimpleTable",
                                   "Properties": {"PrimaryKey": {"Name": "id", "Type": "String"}}}
    for i in range(n):
        name, fn = function(i, groups[i % len(groups)])
        res[name] = fn
    first = [k for k, v in res.items() if v["Type"] == "AWS::Serverless::Function"][:2]
    res["OrderFlow"] = {"Type": "AWS::Serverless::StateMachine", "Properties": {
        "Definition": {"StartAt": "First", "States": {
            "First": {"Type": "Task", "Resource": "${FirstArn}", "Next": "Second"},
            "Second": {"Type": "Task", "Resource": "${SecondArn}", "End": True}}},
        "DefinitionSubstitutions": {"FirstArn": {"Fn::GetAtt": [first[0], "Arn"]},
                                    "SecondArn": {"Fn::GetAtt": [first[-1], "Arn"]}},
        "Policies": [{"LambdaInvokePolicy": {"FunctionName": {"Ref": f}}} for f in first],
        "Events": {"Nightly": {"Type": "Schedule", "Properties": {"Schedule": "cron(0 2 * * ? *)"}}}}}
    return t


def to_yaml(v, indent=0):
    pad = "  " * indent
    if isinstance(v, dict):
        if not v:
            return "{}"
        if len(v) == 1:
            (k, x), = v.items()
            tags = {"Ref": "!Ref", "Fn::GetAtt": "!GetAtt", "Fn::Sub": "!Sub"}
            if k in tags and not isinstance(x, (dict, list)) or k == "Fn::GetAtt":
                if k == "Fn::GetAtt":
                    return f"!GetAtt {x[0]}.{x[1]}"
                return f"{tags[k]} {scalar(x)}"
        lines = []
        for k, x in v.items():
            rendered = to_yaml(x, indent + 1)
            if isinstance(x, (dict, list)) and x and not rendered.startswith("!"):
                lines.append(f"{pad}{k}:\n{rendered}")
            else:
                lines.append(f"{pad}{k}: {rendered}")
        return "\n".join(lines)
    if isinstance(v, list):
        if not v:
            return "[]"
        out = []
        for x in v:
            rendered = to_yaml(x, indent + 1)
            if isinstance(x, dict) and x and not rendered.startswith("!"):
                out.append(f"{pad}- " + rendered.lstrip())
            else:
                out.append(f"{pad}- {rendered}")
        return "\n".join(out)
    return scalar(v)


def scalar(v):
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, (int, float)):
        return str(v)
    s = str(v)
    if s == "" or re.fullmatch(r"[0-9][0-9_.:+-]*", s) or any(c in s for c in ":#{}[],&*!|>'\"%@`") or s.strip() != s or s.lower() in ("yes", "no", "true", "false", "on", "off", "null", "~"):
        return json.dumps(s)
    return s


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("functions", type=int)
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--no-alias", action="store_true")
    ap.add_argument("--local", action="store_true", help="local CodeUri/ContentUri paths, as before sam package")
    a = ap.parse_args()
    global LOCAL
    LOCAL = a.local
    t = app(a.functions, alias=not a.no_alias)
    if a.json:
        json.dump(t, sys.stdout, indent=2)
        sys.stdout.write("\n")
    else:
        sys.stdout.write(to_yaml(t) + "\n")


if __name__ == "__main__":
    main()
