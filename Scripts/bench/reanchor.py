#!/usr/bin/env python3
"""Makes the re-anchoring benchmark's inputs: a ~50 KB article (JSON Lines record, externalId "big"),
SQL for N claims on it (sentences and parts of sentences, as reviewers mark them), and a corrected
version of the article: a paragraph inserted at the top (every claim moves) and every tenth sentence
reworded (those claims need an approximate match).

Usage: reanchor.py OUT_DIR N_CLAIMS
"""
import json, random, sys

out, n_claims = sys.argv[1], int(sys.argv[2])
rng = random.Random(7)
subjects = ["The minister", "The central bank", "Opposition leaders", "The health agency", "Analysts", "The mayor", "Regional officials",
            "The statistics office", "Union representatives", "The court"]
verbs = ["said", "argued", "reported", "claimed", "warned", "announced", "confirmed", "denied", "estimated", "suggested"]
objects = ["unemployment fell to {n}% in {m}", "exports rose by {n} billion euros last year", "the deficit was cut by a {f}",
           "{n} thousand homes were built in {y}", "inflation reached {n}.{d}% in {m}", "turnout was {n}% in the {y} election",
           "the budget grew by {n}% since {y}", "{n} schools will close by {y}", "hospital waits fell by {n} days on average",
           "the new bridge cost {n} million euros"]
months = ["January", "March", "May", "July", "September", "November"]

def sentence():
    o = rng.choice(objects).format(n=rng.randint(2, 95), d=rng.randint(0, 9), m=rng.choice(months), y=rng.randint(2010, 2024),
                                   f=rng.choice(["third", "quarter", "half", "fifth"]))
    return f"{rng.choice(subjects)} {rng.choice(verbs)} that {o}."

paragraphs = []
size = 0
while size < 50_000:
    p = " ".join(sentence() for _ in range(rng.randint(3, 7)))
    paragraphs.append(p)
    size += len(p) + 2
text = "\n\n".join(paragraphs)
with open(f"{out}/big.jsonl", "w") as f:
    f.write(json.dumps({"externalId": "big", "title": "A long report", "body": text}) + "\n")

# Claims: whole sentences and stretches inside them, spread over the text.
sentences = []
offset = 0
for p in paragraphs:
    start = offset
    for s in p.split(". "):
        s = s if s.endswith(".") else s + "."
        i = text.index(s, start)
        sentences.append((i, i + len(s)))
        start = i + len(s)
    offset += len(p) + 2
with open(f"{out}/claims.sql", "w") as f:
    f.write("INSERT INTO claims (project_id, article_id, start_cp, end_cp, start_utf16, end_utf16, exact, prefix, suffix, span_ordinals) VALUES\n")
    rows = []
    for k in range(n_claims):
        s, e = sentences[(k * 7) % len(sentences)]
        if k % 3 == 1:
            s = s + rng.randint(0, max(0, (e - s) // 3))
        quote = text[s:e]
        prefix, suffix = text[max(0, s - 32):s], text[e:e + 32]
        q = lambda v: "'" + v.replace("'", "''") + "'"
        rows.append(f"((SELECT project_id FROM articles WHERE external_id = 'big'), (SELECT id FROM articles WHERE external_id = 'big'), "
                    f"{s}, {e}, {s}, {e}, {q(quote)}, {q(prefix)}, {q(suffix)}, '{{0}}')")
    f.write(",\n".join(rows) + ";\n")

# The correction: a new first paragraph, and every tenth sentence reworded a little.
def reword(s):
    return s.replace(" said ", " stated ").replace(" that ", " how ").replace(" rose ", " climbed ").replace(" fell ", " dropped ")
revised = []
for p in paragraphs:
    parts = p.split(". ")
    revised.append(". ".join(reword(x) if rng.random() < 0.1 else x for x in parts))
corrected = "Editor's note: this report was corrected on Tuesday to fix several figures.\n\n" + "\n\n".join(revised)
with open(f"{out}/big-corrected.jsonl", "w") as f:
    f.write(json.dumps({"externalId": "big", "title": "A long report", "body": corrected}) + "\n")
print(len(text))
