#!/usr/bin/env python3
"""Writes N short texts as JSON Lines, the shape of Label Studio's text-classification benchmark: one
`body` of about 620 characters (five or six sentences) per record and nothing else. The sentences are
the seed article's, rotated per record, with one numbered sentence that makes each text unique.
Deterministic for a given N."""
import json
import re
import sys

seed_path, count, out_path = sys.argv[1], int(sys.argv[2]), sys.argv[3]
with open(seed_path, encoding="utf-8") as f:
    blocks = [b.strip() for b in f.read().split("\n\n") if b.strip()]
start = next(i for i, b in enumerate(blocks) if b.startswith("In order to implement"))
end = next(i for i, b in enumerate(blocks) if b.startswith("Author:"))
sentences = [s for b in blocks[start:end] for s in re.split(r"(?<=[.!?])\s+(?=[A-Z])", b) if 40 <= len(s) <= 260]

with open(out_path, "w", encoding="utf-8") as out:
    for i in range(count):
        text = f"Item {i} was logged on day {i % 28 + 1} by desk {i % 7}."
        k = i
        while len(text) < 535:
            sentence = sentences[k % len(sentences)]
            k += 1
            if len(text) + 1 + len(sentence) <= 700:
                text += " " + sentence
        out.write(json.dumps({"body": text}, ensure_ascii=False) + "\n")
