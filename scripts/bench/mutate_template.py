#!/usr/bin/env python3
"""A deploy-sized change to a gen_serverless.py template, for the diff benchmark.

usage: mutate_template.py IN.json > OUT.json
Every function gets new code (S3Key: an update), ten functions a new FunctionName (create-only:
replaced, and carried to the versions and permissions that take their Ref), ten log groups a new
logical id (renames), every MemorySize becomes a string ("128": no difference) and every DependsOn
list is reversed (a set: no difference).
"""
import json, sys

d = json.load(open(sys.argv[1]))
res = d["Resources"]
functions = [k for k, v in res.items() if v["Type"] == "AWS::Lambda::Function"]
for i, k in enumerate(functions):
    p = res[k]["Properties"]
    p["Code"]["S3Key"] = p["Code"]["S3Key"].replace("1700000000000", "1700000099999")
    p["MemorySize"] = str(p["MemorySize"])
    if i % 100 == 0:
        p["FunctionName"] = p["FunctionName"] + "-v2"
for v in res.values():
    if isinstance(v.get("DependsOn"), list):
        v["DependsOn"].reverse()
logs = [k for k, v in res.items() if v["Type"] == "AWS::Logs::LogGroup"][:10]
out = {}
for k, v in res.items():
    out[k + "Renamed" if k in logs else k] = v
d["Resources"] = out
json.dump(d, sys.stdout, indent=2)
