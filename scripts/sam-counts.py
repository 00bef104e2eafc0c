#!/usr/bin/env python3
"""How many resources aws-sam-translator 1.110.0 makes of each corpus template that declares the
AWS::Serverless-2016-10-31 transform: the reference for `cfntool count` (CountSAMTests).

For every such template of ../shared/corpus, the reference runs as check-sam-corpus.py runs it
(region ap-southeast-1, every serverless-repository application at one URL, local artifact paths
made S3 URIs first, which changes no count), and Tests/Fixtures/sam-counts/corpus.tsv gets one
line: the template's path under templates/, then the number of resources of the output, or
`error` when the reference refuses the template.

    scripts/sam-counts.py          # write corpus.tsv
    scripts/sam-counts.py check    # exit 1 when it differs from what the reference gives now
"""
import importlib.util
import logging
import os
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CORPUS = os.path.join(ROOT, "..", "shared", "corpus")
OUT = os.path.join(ROOT, "Tests", "Fixtures", "sam-counts", "corpus.tsv")
VERSION = "1.110.0"


def corpus_script():
    spec = importlib.util.spec_from_file_location("check_sam_corpus", os.path.join(ROOT, "scripts", "check-sam-corpus.py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def table():
    import samtranslator
    from samtranslator.yaml_helper import yaml_parse

    if samtranslator.__version__ != VERSION:
        sys.exit(f"aws-sam-translator {samtranslator.__version__} is installed; the counts record {VERSION}")
    cs = corpus_script()
    logging.disable(logging.CRITICAL)
    lines = []
    for line in open(os.path.join(CORPUS, "manifest.tsv")).read().splitlines()[1:]:
        rel = line.split("\t")[0]
        try:
            t = yaml_parse(open(os.path.join(CORPUS, "templates", rel), encoding="utf-8").read())
        except Exception:
            continue
        if not (isinstance(t, dict) and cs.declares(t)):
            continue
        out, errors = cs.reference(cs.packaged(t))
        if out is None and errors and errors[0].startswith("(reference failed"):
            continue
        lines.append(f"{rel}\t{'error' if out is None else len(out.get('Resources') or {})}")
    return "".join(l + "\n" for l in lines)


def main():
    text = table()
    if sys.argv[1:] == ["check"]:
        saved = open(OUT).read() if os.path.exists(OUT) else ""
        if saved != text:
            sys.exit(f"{os.path.relpath(OUT, ROOT)} is not what aws-sam-translator gives now: run scripts/sam-counts.py")
        print(f"sam counts: {len(text.splitlines())} corpus templates, as aws-sam-translator {VERSION} counts them")
        return
    os.makedirs(os.path.dirname(OUT), exist_ok=True)
    with open(OUT, "w") as f:
        f.write(text)
    print(f"wrote {os.path.relpath(OUT, ROOT)}: {len(text.splitlines())} templates")


if __name__ == "__main__":
    main()
