#!/usr/bin/env python3
"""What `serverless package` leaves in .serverless/, for a service of N HTTP functions.

usage: sls_package.py N_FUNCTIONS OUT_DIR --time MILLISECONDS [--generator PATH]

Writes, as the Serverless Framework (v3/v4) does for service `svc`, stage `dev`:
- cloudformation-template-update-stack.json: the compiled template (gen_serverless.py's), with the
  artifact folder `serverless/svc/dev/<time>-<ISO time>` in every S3Key and the API Gateway
  Deployment named after the time, as each `serverless package` renames them;
- cloudformation-template-create-stack.json: the first stack, the deployment bucket alone (the
  compiled template's bucket, bucket policy and bucket-name output);
- svc.zip: the service's one artifact (a real zip, one handler file per route group).
"""
import datetime
import json
import os
import subprocess
import sys
import zipfile

GENERATED_TIME = "1700000000000"
GENERATED_FOLDER = "1700000000000-2024-01-01T00:00:00.000Z"


def main():
    args = sys.argv[1:]
    if len(args) < 4 or not args[0].isdigit() or "--time" not in args:
        print(__doc__.strip(), file=sys.stderr)
        sys.exit(64)
    n, out = int(args[0]), args[1]
    millis = args[args.index("--time") + 1]
    here = os.path.dirname(os.path.abspath(__file__))
    default_generator = os.path.join(here, "..", "..", "..", "shared", "tools", "gen_serverless.py")
    generator = args[args.index("--generator") + 1] if "--generator" in args else default_generator
    compiled = subprocess.run([sys.executable, generator, str(n)], check=True, capture_output=True, text=True).stdout
    when = datetime.datetime.fromtimestamp(int(millis) / 1000, datetime.timezone.utc)
    folder = f"{millis}-{when.strftime('%Y-%m-%dT%H:%M:%S.')}{when.microsecond // 1000:03d}Z"
    compiled = compiled.replace(GENERATED_FOLDER, folder)
    compiled = compiled.replace("ApiGatewayDeployment" + GENERATED_TIME, "ApiGatewayDeployment" + millis)
    template = json.loads(compiled)
    resources = template["Resources"]
    create = {
        "AWSTemplateFormatVersion": "2010-09-09",
        "Description": template["Description"],
        "Resources": {k: resources[k] for k in ("ServerlessDeploymentBucket", "ServerlessDeploymentBucketPolicy")},
        "Outputs": {"ServerlessDeploymentBucketName": {"Value": {"Ref": "ServerlessDeploymentBucket"}}},
    }
    os.makedirs(out, exist_ok=True)
    with open(os.path.join(out, "cloudformation-template-update-stack.json"), "w") as f:
        f.write(compiled)
    with open(os.path.join(out, "cloudformation-template-create-stack.json"), "w") as f:
        json.dump(create, f, indent=2)
        f.write("\n")
    handlers = {}
    for r in resources.values():
        if r["Type"] == "AWS::Lambda::Function":
            module, name = r["Properties"]["Handler"].rsplit(".", 1)
            handlers.setdefault(module, []).append(name)
    with zipfile.ZipFile(os.path.join(out, "svc.zip"), "w", zipfile.ZIP_DEFLATED) as z:
        for module, names in sorted(handlers.items()):
            body = "".join(f"exports.{name} = async () => ({{ statusCode: 200, body: '{name}' }});\n" for name in names)
            z.writestr(zipfile.ZipInfo(module + ".js", date_time=(2024, 1, 1, 0, 0, 0)), body, zipfile.ZIP_DEFLATED)  # the same bytes each run


if __name__ == "__main__":
    main()
