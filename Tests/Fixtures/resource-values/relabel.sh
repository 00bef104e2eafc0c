#!/bin/bash
# Relabels labels.tsv from cfn-lint 1.51.0: for each template and rule, the lines it reports the rule at.
cd "$(dirname "$0")"
for f in *.yaml; do
  cfn-lint -f json "$f" | python3 -c "
import json,sys
fs=json.load(sys.stdin)
for rid in sys.argv[2:]:
    print(sys.argv[1]+'\t'+rid+'\t' + ' '.join(str(x) for x in sorted(f['Location']['Start']['LineNumber'] for f in fs if f['Rule']['Id']==rid)))" "$f" E2530 E3049 E3051 E3053 E3056 E3059 E3061 E3063 E3064 E3503
done > labels.tsv
