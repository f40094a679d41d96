#!/usr/bin/env python3
"""Measures Verity's sentence segmenter against Pragmatic Segmenter's English Golden Rules.

Runs `verity segment --jsonl` once over every case and compares the sentences with the expected ones
(pySBD passes 49 of 52). Prints each failure and the score; with --min-passed N, exits non-zero when
fewer than N pass, so a change that makes segmentation worse fails CI.
"""
import argparse
import json
import os
import subprocess
import sys

here = os.path.dirname(os.path.abspath(__file__))
root = os.path.dirname(here)
parser = argparse.ArgumentParser(description=__doc__)
parser.add_argument("--rules", default=os.path.join(root, "..", "shared", "benchmarks", "sbd-golden-rules-en.json"))
parser.add_argument("--verity", default=os.path.join(root, ".build", "debug", "verity"))
parser.add_argument("--min-passed", type=int, default=0)
parser.add_argument("--json", action="store_true", help="print the result as one JSON object")
args = parser.parse_args()

if not os.path.exists(args.rules):
    print(f"sbd-golden: {args.rules} not found (it lives in shared/benchmarks beside the repository)", file=sys.stderr)
    sys.exit(2 if args.min_passed else 0)
with open(args.rules, encoding="utf-8") as f:
    cases = json.load(f)

stdin = "".join(json.dumps({"text": case["text"]}, ensure_ascii=False) + "\n" for case in cases)
result = subprocess.run([args.verity, "segment", "--jsonl", "-"], input=stdin.encode(), capture_output=True, check=True)
outputs = [json.loads(line) for line in result.stdout.decode().splitlines()]
assert len(outputs) == len(cases), "one line of output per case"

def normalize(sentences):
    return [" ".join(s.split()) for s in sentences]

failures = []
for case, got in zip(cases, outputs):
    if normalize(got) != normalize(case["expected"]):
        failures.append({"id": case["id"], "name": case["name"], "expected": case["expected"], "got": got})
passed = len(cases) - len(failures)
if args.json:
    print(json.dumps({"passed": passed, "total": len(cases), "failures": [f["id"] for f in failures]}))
else:
    for f in failures:
        print(f"FAIL {f['id']} ({f['name']})\n  expected: {f['expected']}\n  got:      {f['got']}")
    print(f"Golden Rules (English): {passed}/{len(cases)} passed (pySBD: 49/52)")
if passed < args.min_passed:
    print(f"sbd-golden: {passed} passed, fewer than the required {args.min_passed}", file=sys.stderr)
    sys.exit(1)
