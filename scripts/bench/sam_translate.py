#!/usr/bin/env python3
"""The reference for `cfntool transform`: aws-sam-translator on one template, as a whole process
(start-up, import, YAML parse, transform, JSON out), with sam_compare.py's settings
(region ap-southeast-1, the bundled managed-policy map)."""
import json
import logging
import os
import sys

os.environ.setdefault("AWS_DEFAULT_REGION", "ap-southeast-1")
logging.disable(logging.CRITICAL)
import boto3  # noqa: E402
from samtranslator.parser.parser import Parser  # noqa: E402
from samtranslator.translator.translator import Translator  # noqa: E402
from samtranslator.yaml_helper import yaml_parse  # noqa: E402

template = yaml_parse(open(sys.argv[1], encoding="utf-8").read())
session = boto3.session.Session(region_name=os.environ["AWS_DEFAULT_REGION"])
out = Translator(None, Parser(), boto_session=session).translate(template, parameter_values={})
json.dump(out, sys.stdout, default=str)
