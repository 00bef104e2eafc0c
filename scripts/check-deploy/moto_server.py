#!/usr/bin/env python3
"""moto's server (S3, CloudFormation, Lambda, IAM, API Gateway, ...) on 127.0.0.1, for
`make check-deploy`.

usage: moto_server.py PORT     (moto_server.py --probe: only print what this moto lacks)

First it asks moto itself, in-process, about the CloudFormation behaviour a split hierarchy
deployed with `aws cloudformation deploy` needs, and prints one line each:
- nested-outputs: `Fn::GetAtt [NestedStack, Outputs.NAME]`. moto 5.2 creates nested stacks (their
  TemplateURL read from its own S3) but its Stack model has no attribute lookup: the request fails
  with a 500 (AttributeError), so no split parent that reads a nested stack's output deploys.
- change-set-outputs: a stack's outputs after a change set (what `deploy` runs) is executed. moto
  5.2 re-creates the resources but keeps the output map of the template before it, so a stack that
  `deploy` created lists no outputs, and one it updated lists the old ones.
- lambda-s3-code and capabilities: whether a function whose S3 object is missing fails, whether a
  named IAM role without CAPABILITY_NAMED_IAM fails (moto 5.2: neither; check-deploy checks both
  itself, from the deployed functions' code sizes and hashes and from the templates).
For the first two, when moto lacks them, it adds them before serving, with CloudFormation's
meaning: the nested stack's output of that name (a failed deploy when it has none), and the
outputs of the template that was executed. Nothing else of moto is changed.
CHECK_DEPLOY_PLAIN_MOTO=1 serves moto as it is.
"""
import json
import os
import re
import sys

from moto import mock_aws, server
from moto.cloudformation.exceptions import ValidationError
from moto.cloudformation.models import CloudFormationBackend, Stack
from moto.cloudformation.parsing import ResourceMap

ROLE = {
    "Type": "AWS::IAM::Role",
    "Properties": {
        "RoleName": "probe-role",
        "AssumeRolePolicyDocument": {
            "Version": "2012-10-17",
            "Statement": [{"Effect": "Allow", "Principal": {"Service": ["lambda.amazonaws.com"]}, "Action": ["sts:AssumeRole"]}],
        },
    },
}


def reason(error):
    """moto's own message, also when it sent JSON where the client expected XML."""
    text = str(error)
    found = re.search(r'"message": "([^"]*)"', text) or re.search(r"\): (.*)", text)
    return found.group(1).replace("\\'", "'")[:100] if found else f"{type(error).__name__}: {text[:100]}"


def probe():
    """What this moto does, asked of moto itself: {name: (works, what it did)}."""
    import boto3

    found = {}
    with mock_aws():
        cfn = boto3.client("cloudformation", region_name="us-east-1")
        s3 = boto3.client("s3", region_name="us-east-1")
        s3.create_bucket(Bucket="probe")
        child = {"Resources": {"Topic": {"Type": "AWS::SNS::Topic"}}, "Outputs": {"TopicArn": {"Value": {"Ref": "Topic"}}}}
        s3.put_object(Bucket="probe", Key="child.json", Body=json.dumps(child))
        # The parent passes the child's output on, as a split parent does between sibling stacks.
        parent = {
            "Resources": {
                "Child": {"Type": "AWS::CloudFormation::Stack", "Properties": {"TemplateURL": "https://probe.s3.amazonaws.com/child.json"}},
                "Reader": {"Type": "AWS::SNS::Topic", "Properties": {"DisplayName": {"Fn::GetAtt": ["Child", "Outputs.TopicArn"]}}},
            }
        }
        try:
            cfn.create_stack(StackName="nested", TemplateBody=json.dumps(parent))
            topics = boto3.client("sns", region_name="us-east-1").list_topics()["Topics"]
            found["nested-outputs"] = (len(topics) == 2, f"{len(topics)} of 2 topics created")
        except Exception as e:  # moto's own failure is the finding
            found["nested-outputs"] = (False, f"a parent that reads a nested stack's output fails: {type(e).__name__}: {str(e)[:70]}")

        output = {"Value": {"Ref": "Topic"}, "Export": {"Name": "probe-topic"}}
        body = json.dumps({"Resources": {"Topic": {"Type": "AWS::SNS::Topic"}}, "Outputs": {"TopicArn": output}})
        cfn.create_change_set(StackName="cs", ChangeSetName="one", ChangeSetType="CREATE", TemplateBody=body)
        cfn.execute_change_set(StackName="cs", ChangeSetName="one")
        outputs = cfn.describe_stacks(StackName="cs")["Stacks"][0].get("Outputs", [])
        exports = cfn.list_exports()["Exports"]
        found["change-set-outputs"] = (
            bool(outputs) and bool(exports),
            f"after a change set (what `deploy` runs), the stack lists {len(outputs)} of 1 output, {len(exports)} of 1 export",
        )

        # An update that adds a Deployment listed before the Method it depends on, as a split parent
        # (the Deployment waits on the nested stacks that hold the methods) is added to the stack
        # that the first deploy made for the deployment bucket.
        api = {"Type": "AWS::ApiGateway::RestApi", "Properties": {"Name": "probe"}}
        method = {
            "Type": "AWS::ApiGateway::Method",
            "Properties": {
                "RestApiId": {"Ref": "Api"},
                "ResourceId": {"Fn::GetAtt": ["Api", "RootResourceId"]},
                "HttpMethod": "GET",
                "AuthorizationType": "NONE",
                "Integration": {
                    "Type": "AWS_PROXY",
                    "IntegrationHttpMethod": "POST",
                    "Uri": "arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:f/invocations",
                },
            },
        }
        deployment = {"Type": "AWS::ApiGateway::Deployment", "DependsOn": ["Method"], "Properties": {"RestApiId": {"Ref": "Api"}, "StageName": "dev"}}
        cfn.create_stack(StackName="order", TemplateBody=json.dumps({"Resources": {"Api": api}}))
        body = json.dumps({"Resources": {"Api": api, "Deployment": deployment, "Method": method}})
        try:
            cfn.create_change_set(StackName="order", ChangeSetName="two", ChangeSetType="UPDATE", TemplateBody=body)
            cfn.execute_change_set(StackName="order", ChangeSetName="two")
            found["update-depends-on"] = (True, "an update creates a DependsOn target first")
        except Exception as e:
            found["update-depends-on"] = (False, f"an update ignores DependsOn: {reason(e)}")

        fn = {
            "Type": "AWS::Lambda::Function",
            "Properties": {"Code": {"S3Bucket": "probe", "S3Key": "missing.zip"}, "Handler": "a.b", "Runtime": "nodejs22.x", "Role": {"Fn::GetAtt": ["Role", "Arn"]}},
        }
        try:
            cfn.create_stack(StackName="code", TemplateBody=json.dumps({"Resources": {"Role": ROLE, "Fn": fn}}))
            size = boto3.client("lambda", region_name="us-east-1").list_functions()["Functions"][0]["CodeSize"]
            found["lambda-s3-code"] = (False, f"a function whose S3 object is missing is created (CodeSize {size})")
        except Exception as e:
            found["lambda-s3-code"] = (True, f"a missing S3 object fails: {reason(e)}")

        try:
            role = dict(ROLE, Properties=dict(ROLE["Properties"], RoleName="probe-role-2"))
            cfn.create_stack(StackName="caps", TemplateBody=json.dumps({"Resources": {"Role": role}}))
            found["capabilities"] = (False, "a named IAM role without CAPABILITY_NAMED_IAM is created")
        except Exception as e:
            found["capabilities"] = (True, f"refused: {reason(e)}")
    return found


def nested_stack_attribute(self, name):
    if name.startswith("Outputs."):
        key = name[len("Outputs."):]
        for output in self.outputs or []:
            if output["OutputKey"] == key:
                return output["OutputValue"]
        raise ValidationError(message=f"Output '{key}' not found in stack '{self.name}'")
    if name == "StackId":
        return self.stack_id
    raise ValidationError(message=f"Template error: no attribute {name} on AWS::CloudFormation::Stack")


execute_change_set_as_moto_does = CloudFormationBackend.execute_change_set


def execute_change_set(self, change_set_name, stack_name=None):
    execute_change_set_as_moto_does(self, change_set_name, stack_name)
    for change_set in self.change_sets.values():
        if change_set_name in (change_set.change_set_id, change_set.change_set_name):
            stack = self.stacks[change_set.stack_id]
            for export in stack.exports:
                self.exports.pop(export.name, None)
            stack._parse_template()
            stack.output_map = stack._create_output_map()
            self._validate_export_uniqueness(stack)
            for export in stack.exports:
                self.exports[export.name] = export


build_resource_diff_as_moto_does = ResourceMap.build_resource_diff


def build_resource_diff(self, other_template, parameters=None):
    """moto's diff, with the resources an update adds in an order that keeps every DependsOn."""
    diff = build_resource_diff_as_moto_does(self, other_template, parameters)
    resources = other_template["Resources"]
    adding, ordered = set(diff["Add"]), []

    def visit(name):
        if name not in adding:
            return
        adding.discard(name)
        depends = resources[name].get("DependsOn", [])
        for other in [depends] if isinstance(depends, str) else depends:
            visit(other)
        ordered.append(name)

    for name in list(diff["Add"]):
        visit(name)
    diff["Add"] = ordered
    return diff


def add(found):
    """moto's missing behaviour, for each probe that found it missing: what was added."""
    added = []
    if not found["nested-outputs"][0]:
        Stack.get_cfn_attribute = nested_stack_attribute
        added.append("Fn::GetAtt NestedStack.Outputs.NAME")
    if not found["change-set-outputs"][0]:
        CloudFormationBackend.execute_change_set = execute_change_set
        added.append("outputs and exports after a change set")
    if not found["update-depends-on"][0]:
        ResourceMap.build_resource_diff = build_resource_diff
        added.append("DependsOn order in an update")
    return added


def report(found, prefix):
    for name, (works, what) in found.items():
        print(f"{prefix}{name}: {'yes' if works else 'NO'}: {what}", file=sys.stderr)


def main():
    args = sys.argv[1:]
    if args != ["--probe"] and (len(args) != 1 or not args[0].isdigit()):
        print(__doc__.strip(), file=sys.stderr)
        sys.exit(64)
    found = probe()
    report(found, "moto: ")
    added = add(found) if os.environ.get("CHECK_DEPLOY_PLAIN_MOTO") != "1" else []
    if added:
        print(f"moto_server.py: added {'; '.join(added)}", file=sys.stderr)
    if args == ["--probe"]:
        if added:
            report(probe(), "moto with the additions: ")
        return
    sys.stderr.flush()
    server.main(["-H", "127.0.0.1", "-p", args[0]])


if __name__ == "__main__":
    main()
