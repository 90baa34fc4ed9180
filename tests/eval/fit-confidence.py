#!/usr/bin/env python3
"""Fits IvigBot's confidence model (src/IvigBot.Core/Semantic/ConfidenceModel.cs) on the team and own-words sets.

Usage (see ConfidenceModel's remarks for the eval commands that write the two files):
    python3 tests/eval/fit-confidence.py team.tsv own-words.tsv

Each file: `eval <set> --features file.tsv`, one row per question the engine decided by confidence, with its first
candidate's signals. Label: 1 when the first candidate is the expected entry of an answer question; 0 when it is
another entry, or when the question is off-topic (kind fallback).

1. Logistic regression (standardised features, L2 penalty LAMBDA, gradient descent) on both files together.
2. The answer cut-off: of those at which each set refuses at least as many off-topic questions as the bot refused
   before (REFUSED_BEFORE), the one with the most right answers on both sets. An off-topic question counts as refused
   only below the clarify cut-off (CLARIFY_THRESHOLD, as far below the answer cut-off as the engine's): in the band
   between, the bot offers close questions, and that is not a refusal.
3. The intercept moves so that the cut-off falls on ANSWER_THRESHOLD, the engine's default.
The shipped model's figures (SHIPPED) are printed first: change ConfidenceModel only for a fit that beats them. As a
cross-check, the same fit on each set alone is printed with the other set's figures. Never fit on the external
benchmarks, nor on the sealed hold-out. Standard library only.
"""
import csv
import math
import sys

FEATURES = ["lexical", "question_cosine", "unknown_share", "topicality"]
CSHARP = ["LexicalWeight", "QuestionCosineWeight", "UnknownShareWeight", "TopicalityWeight"]
LAMBDA = 0.01
SHIPPED = ([4.32, 14.17, -0.31, 6.48], -14.94)  # ConfidenceModel's weights (as CSHARP) and intercept, for comparison
REFUSED_BEFORE = (35, 21)  # off-topic questions refused (counted as below) by the shipped model: team 35 of 36, own words 21 of 25
ANSWER_THRESHOLD = 0.42
CLARIFY_THRESHOLD = 0.36


def load(path):
    with open(path, newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE))
    return [([float(r[name]) for name in FEATURES], int(r["first_is_expected"]), r["kind"], r["question"]) for r in rows]


def fit(rows):
    xs = [x for x, _, _, _ in rows]
    ys = [y for _, y, _, _ in rows]
    n, d = len(xs), len(FEATURES)
    mean = [sum(col) / n for col in zip(*xs)]
    sd = [max(1e-9, math.sqrt(sum((v - m) ** 2 for v in col) / n)) for col, m in zip(zip(*xs), mean)]
    zs = [[(v - m) / s for v, m, s in zip(x, mean, sd)] for x in xs]
    w, b = [0.0] * d, 0.0
    for _ in range(20000):
        gw, gb = [LAMBDA * wi for wi in w], 0.0
        for z, y in zip(zs, ys):
            e = 1 / (1 + math.exp(-(b + sum(wi * zi for wi, zi in zip(w, z))))) - y
            for j in range(d):
                gw[j] += e * z[j] / n
            gb += e / n
        w = [wi - 0.5 * g for wi, g in zip(w, gw)]
        b -= 0.5 * gb
    weights = [wi / s for wi, s in zip(w, sd)]
    return weights, b - sum(wi * m / s for wi, m, s in zip(w, mean, sd))


def logit(p):
    return math.log(p / (1 - p))


def figures(rows, weights, intercept):
    def z(x):
        return intercept + sum(wi * xi for wi, xi in zip(weights, x))

    answers = [(z(x) >= logit(ANSWER_THRESHOLD)) and y == 1 for x, y, k, _ in rows if k == "answer"]
    unsure = [logit(CLARIFY_THRESHOLD) <= z(x) < logit(ANSWER_THRESHOLD) and y == 1 for x, y, k, _ in rows if k == "answer"]
    refused = [z(x) < logit(CLARIFY_THRESHOLD) for x, _, k, _ in rows if k == "fallback"]
    return (f"right entry answered {sum(answers)}/{len(answers)} (clarify band, right entry first: {sum(unsure)}), "
            f"off-topic refused {sum(refused)}/{len(refused)}")


def scores(rows, weights, intercept):
    return [intercept + sum(wi * xi for wi, xi in zip(weights, x)) for x, _, _, _ in rows]


def calibrate(sets, weights, intercept):
    """The intercept that puts the chosen cut-off (step 2) on ANSWER_THRESHOLD."""
    best = None
    for cut in sorted({z for rows in sets for z in scores(rows, weights, intercept)}):
        cut += 1e-9
        clarify = cut + logit(CLARIFY_THRESHOLD) - logit(ANSWER_THRESHOLD)
        refused = [sum(z < clarify for z, (_, _, k, _) in zip(scores(rows, weights, intercept), rows) if k == "fallback") for rows in sets]
        if all(r >= before for r, before in zip(refused, REFUSED_BEFORE)):
            right = sum(z >= cut and y == 1 for rows in sets
                        for z, (_, y, k, _) in zip(scores(rows, weights, intercept), rows) if k == "answer")
            if best is None or right > best[0]:
                best = (right, cut)
    return intercept + logit(ANSWER_THRESHOLD) - best[1]


def main():
    team, own = load(sys.argv[1]), load(sys.argv[2])
    print("team set (as shipped):", figures(team, *SHIPPED))
    print("own words (as shipped):", figures(own, *SHIPPED))
    weights, intercept = fit(team + own)
    intercept = calibrate([team, own], weights, intercept)
    print("ConfidenceModel:")
    print(f"    Intercept = {intercept:.2f}")
    for name, weight in zip(CSHARP, weights):
        print(f"    {name} = {weight:.2f}")
    print("team set (fitted):", figures(team, weights, intercept))
    print("own words (fitted):", figures(own, weights, intercept))
    for name, rows in (("team set", team), ("own words", own)):
        w, b = fit(rows)
        b = calibrate([team, own], w, b)
        print(f"cross-check, weights fitted on the {name} alone (cut-off on both): team {figures(team, w, b)}; "
              f"own words {figures(own, w, b)}")


if __name__ == "__main__":
    main()
