#!/usr/bin/env python3
"""Generate Serverless-Framework-style compiled templates with every event source type.

usage: gen-serverless-events.py [--functions N] [--events KINDS] [--rds MODES] [--seed S]
                                [--service NAME] [--stage NAME] [--mistakes] [-o FILE]
       gen-serverless-events.py --fixtures DIR | --check DIR

The first form writes one template, the JSON that `serverless package` leaves in
.serverless/cloudformation-template-update-stack.json, to FILE (default: stdout). Functions
take the event kinds in turn (KINDS, comma-separated, default all of them):

  sqs        AWS::Lambda::EventSourceMapping on a queue: !GetAtt of a queue of the service's
             `resources`, a literal ARN, or an ARN joined from pseudo parameters (no
             StartingPosition, as Serverless writes it)
  kinesis    a `stream:` event on a Kinesis stream (!GetAtt, a literal ARN, or a stream consumer),
             StartingPosition TRIM_HORIZON or LATEST
  dynamodb   a `stream:` event on a DynamoDB table's stream (!GetAtt Table.StreamArn)
  s3         a bucket with a LambdaConfiguration, and its AWS::Lambda::Permission
  sns        a topic with a subscription (or a subscription to an existing topic ARN)
  schedule   AWS::Events::Rule (rate or cron) with its permission
  httpApi    AWS::ApiGatewayV2 HTTP API: Api, Stage, Integration, Route, permission
  websocket  AWS::ApiGatewayV2 WebSocket API: Api, Integration, Routes, Deployment, Stage
  http       REST API (API Gateway v1): RestApi, Resources, Methods, Deployment

RDS/Aurora resources go in as the service's `resources:` section would add them (MODES,
comma-separated, default `ref`; `none` for none):

  ref        an Aurora cluster and instance with `Engine: {"Ref": "EngineParam"}`
  if         a DB instance whose Engine is `Fn::If` on a condition (postgres or mysql)
  findinmap  an Aurora cluster and instance with Engine from `Fn::FindInMap` by stage
  literal    an Aurora cluster and instance with a literal engine

--mistakes adds three real errors cfn-lint reports (a literal SQS ARN with StartingPosition,
a literal Kinesis ARN without it, a literal Aurora instance with AllocatedStorage).

--fixtures DIR writes the fixed set of templates the tests use to DIR/templates, labels
each with `cfn-lint --format json` (run from DIR/templates, as the corpus is) into
DIR/expected/<name>.json, and writes DIR/manifest.tsv (the corpus layout). --check DIR
exits 1 when DIR/templates is not what this script writes (without running cfn-lint).
"""
import argparse
import hashlib
import json
import os
import random
import subprocess
import sys

KINDS = ["sqs", "kinesis", "dynamodb", "s3", "sns", "schedule", "httpApi", "websocket", "http"]
# The function of each event kind (`worker`, `worker2`, ...).
BASE_NAMES = {
    "sqs": "worker", "kinesis": "ingest", "dynamodb": "replicate", "s3": "thumbnail", "sns": "notify",
    "schedule": "cleanup", "httpApi": "users", "websocket": "chat", "http": "orders",
}
RDS_MODES = ["ref", "if", "findinmap", "literal"]
ACCOUNT = "123456789012"
REGION = "us-east-1"


def ref(name):
    return {"Ref": name}


def getatt(resource, attribute):
    return {"Fn::GetAtt": [resource, attribute]}


def join(sep, parts):
    return {"Fn::Join": [sep, parts]}


def upper_first(s):
    return s[:1].upper() + s[1:]


def normalized_function(name):
    """Serverless's getNormalizedFunctionName."""
    return upper_first(name.replace("-", "Dash").replace("_", "Underscore"))


def alnum(name):
    """Serverless's normalizeNameToAlphaNumericOnly."""
    return upper_first("".join(c for c in name if c.isalnum()))


def path_part(part):
    """Serverless's normalizePathPart: capitalised, `{id}` -> `IdVar`, `-` -> `Dash`."""
    p = part[:1].upper() + part[1:].lower()
    p = p.replace("-", "Dash")
    if p.startswith("{") and p.endswith("}"):
        p = p[1:-1] + "Var"
    return upper_first("".join(c for c in p if c.isalnum()))


def normalized_path(path):
    return "".join(path_part(p) for p in path.split("/"))


class App:
    """One service as `serverless package` compiles it."""

    def __init__(self, service, stage, rng):
        self.service, self.stage, self.rng = service, stage, rng
        self.res, self.outputs = {}, {}
        self.parameters, self.conditions, self.mappings = {}, {}, {}
        self.statements = []
        self.rest_methods, self.rest_paths = [], {}
        self.websocket_routes = []
        self.shared()

    # ------------------------------------------------------------ the provider's resources

    def shared(self):
        self.res["ServerlessDeploymentBucket"] = {
            "Type": "AWS::S3::Bucket",
            "Properties": {
                "BucketEncryption": {
                    "ServerSideEncryptionConfiguration": [
                        {"ServerSideEncryptionByDefault": {"SSEAlgorithm": "AES256"}}
                    ]
                }
            },
        }
        self.res["ServerlessDeploymentBucketPolicy"] = {
            "Type": "AWS::S3::BucketPolicy",
            "Properties": {
                "Bucket": ref("ServerlessDeploymentBucket"),
                "PolicyDocument": {
                    "Statement": [
                        {
                            "Action": "s3:*",
                            "Effect": "Deny",
                            "Principal": "*",
                            "Resource": [
                                join("", ["arn:", ref("AWS::Partition"), ":s3:::", ref("ServerlessDeploymentBucket"), "/*"]),
                                join("", ["arn:", ref("AWS::Partition"), ":s3:::", ref("ServerlessDeploymentBucket")]),
                            ],
                            "Condition": {"Bool": {"aws:SecureTransport": False}},
                        }
                    ]
                },
            },
        }
        self.outputs["ServerlessDeploymentBucketName"] = {
            "Value": ref("ServerlessDeploymentBucket"),
            "Export": {"Name": f"sls-{self.service}-{self.stage}-ServerlessDeploymentBucketName"},
        }

    def role(self):
        statements = [
            {
                "Effect": "Allow",
                "Action": ["logs:CreateLogStream", "logs:CreateLogGroup", "logs:TagResource"],
                "Resource": [{"Fn::Sub": f"arn:${{AWS::Partition}}:logs:${{AWS::Region}}:${{AWS::AccountId}}:log-group:/aws/lambda/{self.service}-{self.stage}*:*"}],
            },
            {
                "Effect": "Allow",
                "Action": ["logs:PutLogEvents"],
                "Resource": [{"Fn::Sub": f"arn:${{AWS::Partition}}:logs:${{AWS::Region}}:${{AWS::AccountId}}:log-group:/aws/lambda/{self.service}-{self.stage}*:*:*"}],
            },
        ] + self.statements
        return {
            "Type": "AWS::IAM::Role",
            "Properties": {
                "AssumeRolePolicyDocument": {
                    "Version": "2012-10-17",
                    "Statement": [
                        {"Effect": "Allow", "Principal": {"Service": ["lambda.amazonaws.com"]}, "Action": ["sts:AssumeRole"]}
                    ],
                },
                "Policies": [
                    {
                        "PolicyName": join("-", [self.service, self.stage, "lambda"]),
                        "PolicyDocument": {"Version": "2012-10-17", "Statement": statements},
                    }
                ],
                "Path": "/",
                "RoleName": join("-", [self.service, self.stage, ref("AWS::Region"), "lambdaRole"]),
            },
        }

    def allow(self, actions, resource):
        for s in self.statements:
            if s["Action"] == actions:
                s["Resource"].append(resource)
                return
        self.statements.append({"Effect": "Allow", "Action": actions, "Resource": [resource]})

    # ------------------------------------------------------------ functions

    def function(self, name, handler, timeout=6):
        F = normalized_function(name)
        full = f"{self.service}-{self.stage}-{name}"
        self.res[f"{F}LogGroup"] = {"Type": "AWS::Logs::LogGroup", "Properties": {"LogGroupName": f"/aws/lambda/{full}"}}
        self.res[f"{F}LambdaFunction"] = {
            "Type": "AWS::Lambda::Function",
            "Properties": {
                "Code": {
                    "S3Bucket": ref("ServerlessDeploymentBucket"),
                    "S3Key": f"serverless/{self.service}/{self.stage}/1718000000000-2024-06-10T06:13:20.000Z/{self.service}.zip",
                },
                "Handler": handler,
                "Runtime": "nodejs22.x",
                "FunctionName": full,
                "MemorySize": 1024,
                "Timeout": timeout,
                "Role": getatt("IamRoleLambdaExecution", "Arn"),
            },
            "DependsOn": [f"{F}LogGroup"],
        }
        sha = hashlib.sha256(full.encode()).hexdigest()
        version = f"{F}LambdaVersion" + hashlib.sha1(full.encode()).hexdigest()[:40]
        self.res[version] = {
            "Type": "AWS::Lambda::Version",
            "DeletionPolicy": "Retain",
            "Properties": {"FunctionName": ref(f"{F}LambdaFunction"), "CodeSha256": sha[:43] + "="},
        }
        self.outputs[f"{F}LambdaFunctionQualifiedArn"] = {
            "Description": "Current Lambda function version",
            "Value": ref(version),
            "Export": {"Name": f"sls-{self.service}-{self.stage}-{F}LambdaFunctionQualifiedArn"},
        }
        return F

    def arn_of(self, F):
        return getatt(f"{F}LambdaFunction", "Arn")

    def permission(self, logical_id, F, principal, source_arn=None, source_account=False, depends=None):
        props = {"FunctionName": self.arn_of(F), "Action": "lambda:InvokeFunction", "Principal": principal}
        if source_arn is not None:
            props["SourceArn"] = source_arn
        if source_account:
            props["SourceAccount"] = ref("AWS::AccountId")
        r = {"Type": "AWS::Lambda::Permission", "Properties": props}
        if depends:
            r["DependsOn"] = depends
        self.res[logical_id] = r

    # ------------------------------------------------------------ events

    def sqs(self, name, F, k):
        form = k % 3
        props = {"BatchSize": self.rng.choice([1, 5, 10]), "EventSourceArn": None, "FunctionName": self.arn_of(F), "Enabled": True}
        if form == 0:
            queue = f"{upper_first(name)}Queue"
            self.res[queue] = {
                "Type": "AWS::SQS::Queue",
                "Properties": {
                    "QueueName": f"{self.service}-{self.stage}-{name}",
                    "VisibilityTimeout": 60,
                    "MessageRetentionPeriod": 1209600,
                    "RedrivePolicy": {"deadLetterTargetArn": getatt(f"{queue}Dlq", "Arn"), "maxReceiveCount": 5},
                },
            }
            self.res[f"{queue}Dlq"] = {"Type": "AWS::SQS::Queue", "Properties": {"QueueName": f"{self.service}-{self.stage}-{name}-dlq"}}
            arn, queue_name = getatt(queue, "Arn"), queue
            props["MaximumBatchingWindowInSeconds"] = 5
            props["FunctionResponseTypes"] = ["ReportBatchItemFailures"]
        elif form == 1:
            queue_name = f"{name}-legacy-jobs"
            arn = f"arn:aws:sqs:{REGION}:{ACCOUNT}:{queue_name}"
        else:
            queue_name = f"{name}-orders"
            arn = join(":", ["arn", ref("AWS::Partition"), "sqs", ref("AWS::Region"), ref("AWS::AccountId"), queue_name])
            props["FilterCriteria"] = {"Filters": [{"Pattern": json.dumps({"body": {"type": ["order"]}})}]}
        props["EventSourceArn"] = arn
        self.allow(["sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:GetQueueAttributes"], arn)
        self.res[f"{F}EventSourceMappingSQS{alnum(queue_name)}"] = {
            "Type": "AWS::Lambda::EventSourceMapping",
            "DependsOn": ["IamRoleLambdaExecution"],
            "Properties": props,
        }

    def kinesis(self, name, F, k):
        form = k % 3
        stream = f"{upper_first(name)}Stream"
        depends = ["IamRoleLambdaExecution"]
        if form == 2:
            stream_name = f"{name}-clickstream"
            arn = f"arn:aws:kinesis:{REGION}:{ACCOUNT}:stream/{stream_name}"
        else:
            self.res[stream] = {
                "Type": "AWS::Kinesis::Stream",
                "Properties": {"Name": f"{self.service}-{self.stage}-{name}", "ShardCount": 1, "RetentionPeriodHours": 24},
            }
            stream_name, arn = stream, getatt(stream, "Arn")
        self.allow(["kinesis:GetRecords", "kinesis:GetShardIterator", "kinesis:DescribeStream", "kinesis:ListStreams"], arn)
        props = {
            "BatchSize": 100,
            "Enabled": True,
            "EventSourceArn": arn,
            "FunctionName": self.arn_of(F),
            "StartingPosition": self.rng.choice(["TRIM_HORIZON", "LATEST"]),
            "MaximumRetryAttempts": 3,
            "BisectBatchOnFunctionError": True,
        }
        if form == 1:
            consumer_name = f"{name}{stream_name}Consumer"
            consumer = f"{normalized_function(consumer_name)}StreamConsumer"
            self.res[consumer] = {"Type": "AWS::Kinesis::StreamConsumer", "Properties": {"StreamARN": arn, "ConsumerName": consumer_name}}
            props["EventSourceArn"] = ref(consumer)
            depends.append(consumer)
            self.allow(["kinesis:SubscribeToShard"], ref(consumer))
        else:
            props["ParallelizationFactor"] = 2
        self.res[f"{F}EventSourceMappingKinesis{alnum(stream_name)}"] = {
            "Type": "AWS::Lambda::EventSourceMapping",
            "DependsOn": depends,
            "Properties": props,
        }

    def dynamodb(self, name, F, k):
        table = f"{upper_first(name)}Table"
        self.res[table] = {
            "Type": "AWS::DynamoDB::Table",
            "Properties": {
                "TableName": f"{self.service}-{self.stage}-{name}",
                "BillingMode": "PAY_PER_REQUEST",
                "AttributeDefinitions": [{"AttributeName": "pk", "AttributeType": "S"}, {"AttributeName": "sk", "AttributeType": "S"}],
                "KeySchema": [{"AttributeName": "pk", "KeyType": "HASH"}, {"AttributeName": "sk", "KeyType": "RANGE"}],
                "StreamSpecification": {"StreamViewType": "NEW_AND_OLD_IMAGES"},
            },
        }
        arn = getatt(table, "StreamArn")
        self.allow(["dynamodb:GetRecords", "dynamodb:GetShardIterator", "dynamodb:DescribeStream", "dynamodb:ListStreams"], arn)
        props = {"BatchSize": 10, "Enabled": True, "EventSourceArn": arn, "FunctionName": self.arn_of(F), "StartingPosition": "LATEST"}
        if k % 2:
            dlq = f"{upper_first(name)}FailureQueue"
            self.res[dlq] = {"Type": "AWS::SQS::Queue", "Properties": {"QueueName": f"{self.service}-{self.stage}-{name}-failures"}}
            props["DestinationConfig"] = {"OnFailure": {"Destination": getatt(dlq, "Arn")}}
            props["MaximumRecordAgeInSeconds"] = 3600
            self.allow(["sqs:ListQueues", "sqs:SendMessage"], getatt(dlq, "Arn"))
        self.res[f"{F}EventSourceMappingDynamodb{alnum(table)}"] = {
            "Type": "AWS::Lambda::EventSourceMapping",
            "DependsOn": ["IamRoleLambdaExecution"],
            "Properties": props,
        }

    def s3(self, name, F, k):
        bucket = f"{self.service}-{self.stage}-{name}-uploads"
        B = alnum(bucket)
        config = {"Event": "s3:ObjectCreated:*", "Function": self.arn_of(F)}
        if k % 2:
            config["Filter"] = {"S3Key": {"Rules": [{"Name": "prefix", "Value": "incoming/"}, {"Name": "suffix", "Value": ".csv"}]}}
        self.res[f"S3Bucket{B}"] = {
            "Type": "AWS::S3::Bucket",
            "Properties": {"BucketName": bucket, "NotificationConfiguration": {"LambdaConfigurations": [config]}},
            "DependsOn": [f"{F}LambdaPermission{B}S3"],
        }
        self.permission(
            f"{F}LambdaPermission{B}S3", F, "s3.amazonaws.com",
            source_arn=join("", ["arn:", ref("AWS::Partition"), f":s3:::{bucket}"]), source_account=True,
        )

    def sns(self, name, F, k):
        if k % 2 == 0:
            topic = f"{self.service}-{self.stage}-{name}-events"
            T = alnum(topic)
            self.res[f"SNSTopic{T}"] = {"Type": "AWS::SNS::Topic", "Properties": {"TopicName": topic}}
            topic_arn = ref(f"SNSTopic{T}")
        else:
            topic = f"{name}-alerts"
            T = alnum(topic)
            topic_arn = f"arn:aws:sns:{REGION}:{ACCOUNT}:{topic}"
        sub = {"TopicArn": topic_arn, "Protocol": "lambda", "Endpoint": self.arn_of(F)}
        if k % 3 == 1:
            sub["FilterPolicy"] = {"eventType": ["created", "updated"]}
        self.res[f"{F}SnsSubscription{T}"] = {"Type": "AWS::SNS::Subscription", "Properties": sub}
        self.permission(f"{F}LambdaPermission{T}SNS", F, "sns.amazonaws.com", source_arn=topic_arn)

    def schedule(self, name, F, k):
        for index in (1, 2) if k % 2 else (1,):
            rule = f"{F}EventsRuleSchedule{index}"
            expression = "rate(10 minutes)" if index == 1 else "cron(0 3 * * ? *)"
            target = {"Arn": self.arn_of(F), "Id": f"{name}Schedule"}
            if index == 2:
                target["Input"] = json.dumps({"job": "nightly"})
            self.res[rule] = {"Type": "AWS::Events::Rule", "Properties": {"ScheduleExpression": expression, "State": "ENABLED", "Targets": [target]}}
            self.permission(f"{F}LambdaPermissionEventsRuleSchedule{index}", F, "events.amazonaws.com", source_arn=getatt(rule, "Arn"))

    def http_api(self, name, F, k):
        if "HttpApi" not in self.res:
            self.res["HttpApi"] = {"Type": "AWS::ApiGatewayV2::Api", "Properties": {"Name": f"{self.stage}-{self.service}", "ProtocolType": "HTTP"}}
            self.res["HttpApiStage"] = {
                "Type": "AWS::ApiGatewayV2::Stage",
                "Properties": {"ApiId": ref("HttpApi"), "StageName": "$default", "AutoDeploy": True, "DefaultRouteSettings": {"DetailedMetricsEnabled": False}},
            }
            self.outputs["HttpApiId"] = {"Description": "Id of the HTTP API", "Value": ref("HttpApi")}
            self.outputs["HttpApiUrl"] = {
                "Description": "URL of the HTTP API",
                "Value": join("", ["https://", ref("HttpApi"), ".execute-api.", ref("AWS::Region"), ".", ref("AWS::URLSuffix")]),
            }
        self.permission(
            f"{F}LambdaPermissionHttpApi", F, "apigateway.amazonaws.com",
            source_arn=join("", ["arn:", ref("AWS::Partition"), ":execute-api:", ref("AWS::Region"), ":", ref("AWS::AccountId"), ":", ref("HttpApi"), "/*"]),
        )
        integration = f"HttpApiIntegration{F}"
        self.res[integration] = {
            "Type": "AWS::ApiGatewayV2::Integration",
            "Properties": {
                "ApiId": ref("HttpApi"), "IntegrationType": "AWS_PROXY", "IntegrationUri": self.arn_of(F),
                "PayloadFormatVersion": "2.0", "TimeoutInMillis": 30000,
            },
        }
        for method, path in [("GET", f"/{name}"), ("POST", f"/{name}/{{id}}")][: 1 + k % 2]:
            key = f"{method} {path}"
            self.res[f"HttpApiRoute{normalized_path(key)}"] = {
                "Type": "AWS::ApiGatewayV2::Route",
                "Properties": {"ApiId": ref("HttpApi"), "RouteKey": key, "Target": join("/", ["integrations", ref(integration)])},
                "DependsOn": integration,
            }

    def websocket(self, name, F, k):
        if "WebsocketsApi" not in self.res:
            self.res["WebsocketsApi"] = {
                "Type": "AWS::ApiGatewayV2::Api",
                "Properties": {
                    "Name": f"{self.stage}-{self.service}-websockets",
                    "RouteSelectionExpression": "$request.body.action",
                    "Description": "Serverless Websockets",
                    "ProtocolType": "WEBSOCKET",
                },
            }
            self.outputs["ServiceEndpointWebsocket"] = {
                "Description": "URL of the service endpoint",
                "Value": join("", ["wss://", ref("WebsocketsApi"), ".execute-api.", ref("AWS::Region"), ".", ref("AWS::URLSuffix"), f"/{self.stage}"]),
            }
        integration = f"{F}WebsocketsIntegration"
        self.res[integration] = {
            "Type": "AWS::ApiGatewayV2::Integration",
            "Properties": {
                "ApiId": ref("WebsocketsApi"),
                "IntegrationType": "AWS_PROXY",
                "IntegrationUri": join("", ["arn:", ref("AWS::Partition"), ":apigateway:", ref("AWS::Region"), ":lambda:path/2015-03-31/functions/", self.arn_of(F), "/invocations"]),
            },
        }
        self.permission(f"{F}LambdaPermissionWebsockets", F, "apigateway.amazonaws.com", depends=["WebsocketsApi", f"{F}LambdaFunction"])
        taken = {r for r, _ in self.websocket_routes}
        choices = [r for r in ["$connect", "$disconnect", "$default", f"{name}Message"] if r not in taken]
        for route in choices[: 1 + k % 2]:
            logical = route.replace("$", "S").replace("/", "Slash").replace("-", "Dash").replace("_", "Underscore").replace(".", "Period") + "WebsocketsRoute"
            self.res[logical] = {
                "Type": "AWS::ApiGatewayV2::Route",
                "Properties": {"ApiId": ref("WebsocketsApi"), "RouteKey": route, "AuthorizationType": "NONE", "Target": join("/", ["integrations", ref(integration)])},
            }
            self.websocket_routes.append((route, logical))

    def http(self, name, F, k):
        if "ApiGatewayRestApi" not in self.res:
            self.res["ApiGatewayRestApi"] = {
                "Type": "AWS::ApiGateway::RestApi",
                "Properties": {"Name": f"{self.stage}-{self.service}", "EndpointConfiguration": {"Types": ["EDGE"]}, "Policy": ""},
            }
            self.outputs["ServiceEndpoint"] = {
                "Description": "URL of the service endpoint",
                "Value": join("", ["https://", ref("ApiGatewayRestApi"), ".execute-api.", ref("AWS::Region"), ".", ref("AWS::URLSuffix"), f"/{self.stage}"]),
                "Export": {"Name": f"sls-{self.service}-{self.stage}-ServiceEndpoint"},
            }
        parts = [name] + (["{id}"] if k % 2 else [])
        resource = self.rest_resource(parts)
        method = ["GET", "POST", "PUT", "DELETE"][k % 4]
        logical = f"ApiGatewayMethod{normalized_path('/'.join(parts))}{method.capitalize()}"
        self.res[logical] = {
            "Type": "AWS::ApiGateway::Method",
            "Properties": {
                "HttpMethod": method,
                "RequestParameters": {},
                "ResourceId": ref(resource),
                "RestApiId": ref("ApiGatewayRestApi"),
                "ApiKeyRequired": False,
                "AuthorizationType": "NONE",
                "Integration": {
                    "IntegrationHttpMethod": "POST",
                    "Type": "AWS_PROXY",
                    "Uri": join("", ["arn:", ref("AWS::Partition"), ":apigateway:", ref("AWS::Region"), ":lambda:path/2015-03-31/functions/", self.arn_of(F), "/invocations"]),
                },
                "MethodResponses": [],
            },
            "DependsOn": [f"{F}LambdaPermissionApiGateway"],
        }
        self.rest_methods.append(logical)
        self.permission(
            f"{F}LambdaPermissionApiGateway", F, "apigateway.amazonaws.com",
            source_arn=join("", ["arn:", ref("AWS::Partition"), ":execute-api:", ref("AWS::Region"), ":", ref("AWS::AccountId"), ":", ref("ApiGatewayRestApi"), "/*/*"]),
        )

    def rest_resource(self, parts):
        key = "/".join(parts)
        if key in self.rest_paths:
            return self.rest_paths[key]
        parent = getatt("ApiGatewayRestApi", "RootResourceId") if len(parts) == 1 else ref(self.rest_resource(parts[:-1]))
        logical = f"ApiGatewayResource{normalized_path(key)}"
        self.res[logical] = {"Type": "AWS::ApiGateway::Resource", "Properties": {"ParentId": parent, "PathPart": parts[-1], "RestApiId": ref("ApiGatewayRestApi")}}
        self.rest_paths[key] = logical
        return logical

    # ------------------------------------------------------------ the service's `resources:`

    def network(self):
        if "DatabaseSubnetGroup" in self.res:
            return
        self.parameters["DatabaseSubnetIds"] = {
            "Type": "List<AWS::EC2::Subnet::Id>",
            "Default": "subnet-0a1b2c3d4e5f60718,subnet-0f1e2d3c4b5a69788",
            "Description": "Private subnets for the database",
        }
        self.parameters["DatabaseSecurityGroupId"] = {"Type": "AWS::EC2::SecurityGroup::Id", "Default": "sg-0123456789abcdef0"}
        self.res["DatabaseSubnetGroup"] = {
            "Type": "AWS::RDS::DBSubnetGroup",
            "Properties": {"DBSubnetGroupDescription": f"{self.service} {self.stage} database subnets", "SubnetIds": ref("DatabaseSubnetIds")},
        }

    def aurora(self, prefix, engine, version, instance_class="db.serverless"):
        self.network()
        cluster = f"{prefix}Cluster"
        self.res[cluster] = {
            "Type": "AWS::RDS::DBCluster",
            "DeletionPolicy": "Snapshot",
            "UpdateReplacePolicy": "Snapshot",
            "Properties": {
                "Engine": engine,
                "EngineVersion": version,
                "DatabaseName": "app",
                "MasterUsername": "app_admin",
                "ManageMasterUserPassword": True,
                "DBSubnetGroupName": ref("DatabaseSubnetGroup"),
                "VpcSecurityGroupIds": [ref("DatabaseSecurityGroupId")],
                "StorageEncrypted": True,
                "BackupRetentionPeriod": 7,
                "ServerlessV2ScalingConfiguration": {"MinCapacity": 0.5, "MaxCapacity": 8},
            },
        }
        self.res[f"{prefix}Instance1"] = {
            "Type": "AWS::RDS::DBInstance",
            "Properties": {
                "Engine": engine,
                "DBClusterIdentifier": ref(cluster),
                "DBInstanceClass": instance_class,
                "PubliclyAccessible": False,
            },
        }
        self.outputs[f"{prefix}ClusterEndpoint"] = {"Value": getatt(cluster, "Endpoint.Address")}

    def stage_parameter(self):
        self.parameters["Stage"] = {"Type": "String", "Default": self.stage, "AllowedValues": ["dev", "staging", "prod"]}

    def rds(self, mode):
        if mode == "ref":
            self.parameters["EngineParam"] = {
                "Type": "String",
                "Default": "aurora-postgresql",
                "AllowedValues": ["aurora-postgresql", "aurora-mysql"],
                "Description": "Aurora engine",
            }
            self.mappings["EngineVersions"] = {
                "aurora-postgresql": {"Version": "17.5", "Family": "aurora-postgresql17"},
                "aurora-mysql": {"Version": "8.0.mysql_aurora.3.10.2", "Family": "aurora-mysql8.0"},
            }
            self.aurora("Aurora", ref("EngineParam"), {"Fn::FindInMap": ["EngineVersions", ref("EngineParam"), "Version"]})
            self.res["AuroraClusterParameterGroup"] = {
                "Type": "AWS::RDS::DBClusterParameterGroup",
                "Properties": {
                    "Description": f"{self.service} {self.stage} cluster parameters",
                    "Family": {"Fn::FindInMap": ["EngineVersions", ref("EngineParam"), "Family"]},
                    "Parameters": {"timezone": "UTC"},
                },
            }
            self.res["AuroraCluster"]["Properties"]["DBClusterParameterGroupName"] = ref("AuroraClusterParameterGroup")
            # A stand-alone instance beside it, its engine a parameter too: the storage and
            # login properties are an instance's own here.
            self.parameters["ReportingEngine"] = {"Type": "String", "Default": "postgres", "AllowedValues": ["postgres", "mysql", "mariadb"]}
            self.res["ReportingDatabase"] = {
                "Type": "AWS::RDS::DBInstance",
                "DeletionPolicy": "Snapshot",
                "UpdateReplacePolicy": "Snapshot",
                "Properties": {
                    "Engine": ref("ReportingEngine"),
                    "DBInstanceClass": "db.t4g.small",
                    "AllocatedStorage": "50",
                    "StorageEncrypted": True,
                    "CopyTagsToSnapshot": True,
                    "DeletionProtection": True,
                    "EnableIAMDatabaseAuthentication": True,
                    "MasterUsername": "reporting_admin",
                    "MasterUserPassword": "{{resolve:secretsmanager:shop/reporting:SecretString:password}}",
                    "DBSubnetGroupName": ref("DatabaseSubnetGroup"),
                    "VPCSecurityGroups": [ref("DatabaseSecurityGroupId")],
                },
            }
        elif mode == "findinmap":
            self.stage_parameter()
            self.mappings["StageDatabase"] = {
                "dev": {"Engine": "aurora-postgresql", "Version": "17.5", "InstanceClass": "db.t4g.medium"},
                "staging": {"Engine": "aurora-postgresql", "Version": "17.5", "InstanceClass": "db.r6g.large"},
                "prod": {"Engine": "aurora-mysql", "Version": "8.0.mysql_aurora.3.10.2", "InstanceClass": "db.r6g.xlarge"},
            }
            stage_value = lambda key: {"Fn::FindInMap": ["StageDatabase", ref("Stage"), key]}
            self.aurora("Reporting", stage_value("Engine"), stage_value("Version"), instance_class=stage_value("InstanceClass"))
            del self.res["ReportingCluster"]["Properties"]["ServerlessV2ScalingConfiguration"]
        elif mode == "if":
            self.network()
            self.parameters["UsePostgres"] = {"Type": "String", "Default": "true", "AllowedValues": ["true", "false"]}
            self.conditions["IsPostgres"] = {"Fn::Equals": [ref("UsePostgres"), "true"]}
            self.stage_parameter()
            self.conditions["IsProduction"] = {"Fn::Equals": [ref("Stage"), "prod"]}
            self.res["LegacyDatabase"] = {
                "Type": "AWS::RDS::DBInstance",
                "DeletionPolicy": "Snapshot",
                "UpdateReplacePolicy": "Snapshot",
                "Properties": {
                    "Engine": {"Fn::If": ["IsPostgres", "postgres", "mysql"]},
                    "EngineVersion": {"Fn::If": ["IsPostgres", "17.9", "8.4.5"]},
                    "DBInstanceClass": "db.t4g.micro",
                    "AllocatedStorage": "20",
                    "StorageType": "gp3",
                    "MasterUsername": "legacy_admin",
                    "ManageMasterUserPassword": True,
                    "DBSubnetGroupName": ref("DatabaseSubnetGroup"),
                    "VPCSecurityGroups": [ref("DatabaseSecurityGroupId")],
                    "StorageEncrypted": True,
                    "BackupRetentionPeriod": 7,
                    "MultiAZ": {"Fn::If": ["IsProduction", True, False]},
                    "DeletionProtection": {"Fn::If": ["IsProduction", True, {"Ref": "AWS::NoValue"}]},
                },
            }
            # One template for both kinds of database: an Aurora cluster's instance, or a
            # stand-alone one with its own storage; the branches go together by condition.
            no_value = {"Ref": "AWS::NoValue"}
            self.parameters["DatabaseKind"] = {"Type": "String", "Default": "aurora", "AllowedValues": ["aurora", "standalone"]}
            self.conditions["IsAurora"] = {"Fn::Equals": [ref("DatabaseKind"), "aurora"]}
            self.conditions["IsStandalone"] = {"Fn::Not": [{"Condition": "IsAurora"}]}
            self.res["SessionsCluster"] = {
                "Type": "AWS::RDS::DBCluster",
                "Condition": "IsAurora",
                "Properties": {
                    "Engine": "aurora-postgresql",
                    "EngineVersion": "17.5",
                    "MasterUsername": "sessions_admin",
                    "ManageMasterUserPassword": True,
                    "DBSubnetGroupName": ref("DatabaseSubnetGroup"),
                    "StorageEncrypted": True,
                },
            }
            self.res["SessionsDatabase"] = {
                "Type": "AWS::RDS::DBInstance",
                "Properties": {
                    "Engine": {"Fn::If": ["IsAurora", "aurora-postgresql", "postgres"]},
                    "DBClusterIdentifier": {"Fn::If": ["IsAurora", ref("SessionsCluster"), no_value]},
                    "DBInstanceClass": "db.t4g.medium",
                    "AllocatedStorage": {"Fn::If": ["IsStandalone", "20", no_value]},
                    "MasterUsername": {"Fn::If": ["IsAurora", no_value, "sessions_admin"]},
                    "ManageMasterUserPassword": {"Fn::If": ["IsAurora", no_value, True]},
                    "DeletionProtection": {"Fn::If": ["IsStandalone", True, no_value]},
                    "DBSubnetGroupName": ref("DatabaseSubnetGroup"),
                },
            }
        elif mode == "literal":
            self.aurora("Analytics", "aurora-mysql", "8.0.mysql_aurora.3.10.2")
        else:
            raise SystemExit(f"unknown RDS mode {mode!r} (one of {', '.join(RDS_MODES)}, or none)")

    def mistakes(self):
        """Real errors: cfn-lint reports each (E3634, E3633, E3682)."""
        F = self.function("mistaken", "src/mistaken.handler")
        self.res[f"{F}EventSourceMappingSQSLiteral"] = {
            "Type": "AWS::Lambda::EventSourceMapping",
            "Properties": {
                "EventSourceArn": f"arn:aws:sqs:{REGION}:{ACCOUNT}:mistaken-queue",
                "FunctionName": self.arn_of(F),
                "StartingPosition": "LATEST",
            },
        }
        self.res[f"{F}EventSourceMappingKinesisLiteral"] = {
            "Type": "AWS::Lambda::EventSourceMapping",
            "Properties": {"EventSourceArn": f"arn:aws:kinesis:{REGION}:{ACCOUNT}:stream/mistaken", "FunctionName": self.arn_of(F)},
        }
        self.network()
        self.res["MistakenAuroraCluster"] = {
            "Type": "AWS::RDS::DBCluster",
            "Properties": {
                "Engine": "aurora-postgresql",
                "MasterUsername": "app_admin",
                "ManageMasterUserPassword": True,
                "DBSubnetGroupName": ref("DatabaseSubnetGroup"),
            },
        }
        self.res["MistakenAuroraInstance"] = {
            "Type": "AWS::RDS::DBInstance",
            "Properties": {
                "Engine": "aurora-postgresql",
                "DBClusterIdentifier": ref("MistakenAuroraCluster"),
                "DBInstanceClass": "db.r6g.large",
                "AllocatedStorage": "100",
            },
        }

    def template(self):
        if any(r["Type"] == "AWS::Lambda::Function" for r in self.res.values()):
            self.res["IamRoleLambdaExecution"] = self.role()
        if self.rest_methods:
            self.res["ApiGatewayDeployment1718000000000"] = {
                "Type": "AWS::ApiGateway::Deployment",
                "Properties": {"RestApiId": ref("ApiGatewayRestApi"), "StageName": self.stage},
                "DependsOn": self.rest_methods,
            }
        if self.websocket_routes:
            deployment = "WebsocketsDeployment" + hashlib.sha1(",".join(r for r, _ in self.websocket_routes).encode()).hexdigest()[:40]
            self.res[deployment] = {
                "Type": "AWS::ApiGatewayV2::Deployment",
                "DependsOn": [logical for _, logical in self.websocket_routes],
                "Properties": {"ApiId": ref("WebsocketsApi"), "Description": "Serverless Websockets"},
            }
            self.res["WebsocketsDeploymentStage"] = {
                "Type": "AWS::ApiGatewayV2::Stage",
                "Properties": {"ApiId": ref("WebsocketsApi"), "StageName": self.stage, "Description": "Serverless Websockets", "DeploymentId": ref(deployment)},
            }
        t = {"AWSTemplateFormatVersion": "2010-09-09", "Description": "The AWS CloudFormation template for this Serverless application"}
        for key, section in (("Parameters", self.parameters), ("Conditions", self.conditions), ("Mappings", self.mappings)):
            if section:
                t[key] = section
        t["Resources"] = self.res
        t["Outputs"] = self.outputs
        return t


def build(functions, kinds, rds_modes, seed, service, stage, mistakes):
    app = App(service, stage, random.Random(seed))
    methods = {"httpApi": app.http_api}
    for i in range(functions):
        kind = kinds[i % len(kinds)]
        k = i // len(kinds)
        name = f"{BASE_NAMES[kind]}{'' if k == 0 else k + 1}"
        F = app.function(name, f"src/handlers/{BASE_NAMES[kind]}.handler")
        (methods.get(kind) or getattr(app, kind))(name, F, k)
    for mode in rds_modes:
        app.rds(mode)
    if mistakes:
        app.mistakes()
    return app.template()


# The fixtures the tests use: name, then build()'s arguments.
FIXTURES = [
    ("every-event.json", dict(functions=len(KINDS), kinds=KINDS, rds_modes=["ref"], seed=1)),
    ("every-event-twice.json", dict(functions=2 * len(KINDS), kinds=KINDS, rds_modes=["if"], seed=2)),
    ("queues-and-streams.json", dict(functions=12, kinds=["sqs", "kinesis", "dynamodb"], rds_modes=["findinmap"], seed=3)),
    ("apis.json", dict(functions=9, kinds=["httpApi", "websocket", "http"], rds_modes=["literal"], seed=4)),
    ("notifications.json", dict(functions=8, kinds=["s3", "sns", "schedule", "sqs"], rds_modes=[], seed=5)),
    ("databases.json", dict(functions=3, kinds=["sqs", "kinesis", "dynamodb"], rds_modes=RDS_MODES, seed=6)),
    ("with-mistakes.json", dict(functions=len(KINDS), kinds=KINDS, rds_modes=["ref"], seed=7, mistakes=True)),
]


def fixture_texts():
    for name, kwargs in FIXTURES:
        kwargs = dict(service="shop", stage="dev", mistakes=False) | kwargs
        t = build(**kwargs)
        yield name, t, json.dumps(t, indent=2) + "\n"


def check(out):
    stale = []
    for name, _, text in fixture_texts():
        path = os.path.join(out, "templates", name)
        try:
            with open(path) as f:
                same = f.read() == text
        except OSError:
            same = False
        if not same:
            stale.append(path)
    for path in stale:
        print(f"{path}: not what gen-serverless-events.py writes; run: python3 scripts/gen-serverless-events.py --fixtures {out}", file=sys.stderr)
    sys.exit(1 if stale else 0)


def fixtures(out):
    tdir, edir = os.path.join(out, "templates"), os.path.join(out, "expected")
    os.makedirs(tdir, exist_ok=True)
    os.makedirs(edir, exist_ok=True)
    rows = []
    for name, t, text in fixture_texts():
        path = os.path.join(tdir, name)
        with open(path, "w") as f:
            f.write(text)
        p = subprocess.run(["cfn-lint", "--format", "json", "--", name], cwd=tdir, capture_output=True, text=True)
        found = json.loads(p.stdout) if p.stdout.strip() else []
        with open(os.path.join(edir, name + ".json"), "w") as f:
            f.write(p.stdout)
        errors = sorted({m["Rule"]["Id"] for m in found if m["Level"] == "Error"})
        print(f"{name:28} {len(t['Resources']):4} resources  cfn-lint errors: {', '.join(errors) or 'none'}")
        rows.append(f"{name}\tcfn\tgen-serverless-events\t{os.path.getsize(path)}\t{len(t['Resources'])}")
    with open(os.path.join(out, "manifest.tsv"), "w") as f:
        f.write("path\tkind\tsource\tbytes\tresources\n")
        f.write("".join(r + "\n" for r in rows))


def main():
    ap = argparse.ArgumentParser(description=__doc__, usage=argparse.SUPPRESS, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--functions", type=int, default=len(KINDS))
    ap.add_argument("--events", default=",".join(KINDS))
    ap.add_argument("--rds", default="ref")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--service", default="shop")
    ap.add_argument("--stage", default="dev")
    ap.add_argument("--mistakes", action="store_true")
    ap.add_argument("-o", "--output")
    ap.add_argument("--fixtures", metavar="DIR")
    ap.add_argument("--check", metavar="DIR")
    a = ap.parse_args()
    if a.fixtures:
        fixtures(a.fixtures)
        return
    if a.check:
        check(a.check)
    kinds = [k for k in a.events.split(",") if k]
    bad = [k for k in kinds if k not in KINDS]
    if bad or not kinds:
        ap.error(f"unknown event kind {', '.join(bad) or '(none)'}; known: {', '.join(KINDS)}")
    rds = [] if a.rds == "none" else [m for m in a.rds.split(",") if m]
    if any(m not in RDS_MODES for m in rds):
        ap.error(f"unknown RDS mode in {a.rds!r}; known: {', '.join(RDS_MODES)}, or none")
    text = json.dumps(build(a.functions, kinds, rds, a.seed, a.service, a.stage, a.mistakes), indent=2) + "\n"
    if a.output:
        tmp = a.output + ".tmp"
        with open(tmp, "w") as f:
            f.write(text)
        os.replace(tmp, a.output)
    else:
        sys.stdout.write(text)


if __name__ == "__main__":
    main()
