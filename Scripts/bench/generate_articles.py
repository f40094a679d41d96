#!/usr/bin/env python3
"""Writes N seed-shaped article records as JSON Lines: the body paragraphs of the seed article (about
3 KB and 16 sentences) plus nine short sentences that make each article's text unique, so about 25
sentences and 3.5 KB each. Deterministic for a given N."""
import json
import sys

seed_path, count, out_path = sys.argv[1], int(sys.argv[2]), sys.argv[3]
with open(seed_path, encoding="utf-8") as f:
    blocks = [b.strip() for b in f.read().split("\n\n") if b.strip()]
start = next(i for i, b in enumerate(blocks) if b.startswith("In order to implement"))
end = next(i for i, b in enumerate(blocks) if b.startswith("Author:"))
body = blocks[start:end]
headline = next(b for b in blocks if b.startswith("World community"))
standfirst = next(b for b in blocks if b.startswith("With a UN mandate"))

with open(out_path, "w", encoding="utf-8") as out:
    for i in range(count):
        extra = " ".join(
            f"Dispatch {i}-{k} was filed on day {(i + k) % 28 + 1} by desk {k}." for k in range(9)
        )
        paragraphs = body[:5] + [extra] + body[5:]
        record = {
            "externalId": f"bench-{i}",
            "url": f"https://example.org/news/{i}",
            "title": f"{headline} ({i})",
            "section": "European Union",
            "standfirst": standfirst,
            "author": "Mazahir Afandiyev, Member of the Milli Majlis of the Republic of Azerbaijan",
            "publisher": "EU Reporter",
            "publishedAt": "2023-09-12T10:00:00Z",
            "language": "en",
            "body": "\n\n".join(paragraphs),
        }
        out.write(json.dumps(record, ensure_ascii=False) + "\n")
