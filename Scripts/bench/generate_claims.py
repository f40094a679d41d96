#!/usr/bin/env python3
"""Synthetic claims for the /similar benchmark: N ClaimReview JSON-LD lines (reference fact-checks), M claim
sentences (one per line, for articles whose claims cover every sentence), and Q query texts.

Claims are built from templates over places, measures, directions, numbers and years, so the collection has
the vocabulary overlap of a real desk's history (many claims share a country, a year or a measure), which is
what makes retrieval work hard. Deterministic for a seed.
Usage: generate_claims.py REFERENCES N CLAIMS M QUERIES Q
"""
import json
import random
import sys

PLACES = ["Germany", "France", "Spain", "Italy", "Poland", "the Netherlands", "Belgium", "Sweden", "Austria", "Portugal",
          "Greece", "Ireland", "Denmark", "Finland", "Czechia", "Hungary", "Romania", "Bulgaria", "Croatia", "Slovakia",
          "Slovenia", "Lithuania", "Latvia", "Estonia", "Luxembourg", "Malta", "Cyprus", "the UK", "Norway", "Switzerland",
          "the US", "Canada", "Japan", "India", "China", "Brazil", "Mexico", "Turkey", "Ukraine", "the EU"]
MEASURES = ["unemployment", "youth unemployment", "inflation", "food inflation", "the budget deficit", "public debt",
            "economic growth", "house prices", "rents", "energy prices", "electricity prices", "exports", "imports",
            "net migration", "the birth rate", "life expectancy", "carbon emissions", "coal use", "solar capacity",
            "wind power output", "defence spending", "health spending", "teacher pay", "the minimum wage",
            "child poverty", "crime", "burglaries", "road deaths", "voter turnout", "broadband coverage"]
VERBS = [("rose", "by"), ("fell", "by"), ("reached", None), ("doubled", None), ("dropped below", None), ("climbed above", None)]
UNITS = ["%", " per cent", "% of GDP", " billion euros", " million people"]


def sentence(rng):
    place = rng.choice(PLACES)
    measure = rng.choice(MEASURES)
    verb, prep = rng.choice(VERBS)
    year = rng.randint(1995, 2025)
    number = rng.choice([rng.randint(1, 99), round(rng.uniform(0.1, 20), 1)])
    unit = rng.choice(UNITS)
    subject = f"{measure[0].upper()}{measure[1:]} in {place}"
    if verb == "doubled":
        return f"{subject} doubled between {year - rng.randint(2, 15)} and {year}."
    middle = f" {prep}" if prep else ""
    return f"{subject} {verb}{middle} {number}{unit} in {year}."


def main():
    references_path, n, claims_path, m, queries_path, q = sys.argv[1], int(sys.argv[2]), sys.argv[3], int(sys.argv[4]), sys.argv[5], int(sys.argv[6])
    rng = random.Random(20261130)
    seen = set()
    with open(references_path, "w") as out:
        i = 0
        while i < n:
            text = sentence(rng)
            if text in seen:
                continue
            seen.add(text)
            i += 1
            out.write(json.dumps({
                "@context": "https://schema.org", "@type": "ClaimReview", "url": f"https://checks.example/bench/{i}",
                "claimReviewed": text, "author": {"@type": "Organization", "name": "Bench Checks"},
                "reviewRating": {"@type": "Rating", "alternateName": rng.choice(["True", "False", "Misleading", "Mostly true"])},
                "inLanguage": "en"}) + "\n")
    with open(claims_path, "w") as out:
        for _ in range(m):
            out.write(sentence(rng) + "\n")
    with open(queries_path, "w") as out:
        for _ in range(q):
            out.write(sentence(rng) + "\n")


if __name__ == "__main__":
    main()
