#!/usr/bin/env python3
"""Sentence segmentation speed: `verity segment --jsonl` on the English Golden Rules text repeated to
about 1 MB, in MB of input per CPU-second (user + system time of the verity process, so a loaded machine
does not flatter or punish it), and pySBD's rate on a slice of the same lines in the same run when pySBD
is installed. Prints one JSON object.

Usage: segment.py VERITY RULES_JSON WORK_DIR [TARGET_BYTES]
"""
import json
import os
import resource
import subprocess
import sys
import time

verity, rules_path, work = sys.argv[1], sys.argv[2], sys.argv[3]
target = int(sys.argv[4]) if len(sys.argv) > 4 else 1_000_000

with open(rules_path, encoding="utf-8") as f:
    texts = [case["text"] for case in json.load(f)]

# Whole copies of the rule set until the input reaches the target: every case equally often.
lines, size = [], 0
while size < target:
    for text in texts:
        line = json.dumps({"text": text}, ensure_ascii=False) + "\n"
        lines.append(line)
        size += len(text.encode("utf-8"))
path = os.path.join(work, "segment.jsonl")
with open(path, "w", encoding="utf-8") as f:
    f.writelines(lines)


def run_verity(input_path):
    """CPU seconds and sentence count of one `verity segment --jsonl` over the file."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    with open(input_path, "rb") as stdin:
        output = subprocess.run([verity, "segment", "--jsonl", "-"], stdin=stdin, capture_output=True, check=True).stdout
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    sentences = sum(len(json.loads(line)) for line in output.decode("utf-8").splitlines())
    return cpu, sentences


# A run takes tens of milliseconds, and on a shared virtual machine one run's CPU time varies by half
# (other tenants, caches): the best of ten is the figure, the median is reported beside it. The first run
# also warms the page cache.
runs = sorted(run_verity(path) for _ in range(10))
cpu, sentences = runs[0]
median = runs[len(runs) // 2][0]
result = {
    "benchmark": "segment",
    "inputBytes": size,
    "lines": len(lines),
    "sentences": sentences,
    "verityCPUSeconds": round(cpu, 4),
    "verityMBPerCPUSecond": round(size / 1e6 / cpu, 2),
    "verityMedianMBPerCPUSecond": round(size / 1e6 / median, 2),
    "veritySentencesPerCPUSecond": round(sentences / cpu),
}

try:
    import pysbd
except ImportError:
    pysbd = None
if pysbd is not None:
    # pySBD takes minutes for the whole megabyte; a whole-rule-set slice of ~100 KB gives its rate.
    segmenter = pysbd.Segmenter(language="en", clean=False, char_span=False)
    sample, sample_bytes = [], 0
    while sample_bytes < min(size, 100_000):
        for text in texts:
            sample.append(text)
            sample_bytes += len(text.encode("utf-8"))
    start = time.process_time()
    for text in sample:
        segmenter.segment(text)
    pysbd_cpu = time.process_time() - start
    result["pysbdMBPerCPUSecond"] = round(sample_bytes / 1e6 / pysbd_cpu, 4)
    result["pysbdVersion"] = getattr(pysbd, "__version__", "?")
    result["speedup"] = round(result["verityMBPerCPUSecond"] / result["pysbdMBPerCPUSecond"], 1)

print(json.dumps(result))
