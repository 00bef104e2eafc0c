#!/usr/bin/env python3
"""aws-sam-translator's transform alone, in process: the median seconds of RUNS calls of
Translator.translate on one template (start-up, import and YAML parsing excluded), with
sam_compare.py's settings (region ap-southeast-1, the bundled managed-policy map).

usage: sam_transform_only.py TEMPLATE [RUNS]   -> prints the median in seconds"""
import copy
import logging
import os
import statistics
import sys
import time

os.environ.setdefault("AWS_DEFAULT_REGION", "ap-southeast-1")
logging.disable(logging.CRITICAL)
import boto3  # noqa: E402
from samtranslator.parser.parser import Parser  # noqa: E402
from samtranslator.translator.translator import Translator  # noqa: E402
from samtranslator.yaml_helper import yaml_parse  # noqa: E402

template = yaml_parse(open(sys.argv[1], encoding="utf-8").read())
runs = int(sys.argv[2]) if len(sys.argv) > 2 else 3
session = boto3.session.Session(region_name=os.environ["AWS_DEFAULT_REGION"])
times = []
for _ in range(runs):
    t = copy.deepcopy(template)  # translate changes its input
    start = time.perf_counter()
    Translator(None, Parser(), boto_session=session).translate(t, parameter_values={})
    times.append(time.perf_counter() - start)
print(f"{statistics.median(times):.4f}")
