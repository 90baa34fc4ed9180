#!/usr/bin/env python3
"""Fits IvigBot's confidence model (src/IvigBot.Core/Semantic/ConfidenceModel.cs) on the team set.

Usage (see ConfidenceModel's remarks for the eval commands that write the two files):
    python3 tests/eval/fit-confidence.py team.tsv [own-words.tsv]

team.tsv: `eval tests/eval/questions.jsonl --features team.tsv`, one row per question the engine decided by
confidence, with its first candidate's signals. Label: 1 when the first candidate is the expected entry of an
answer question; 0 when it is another entry, or when the question is off-topic (kind fallback).

1. Logistic regression (standardised features, L2 penalty LAMBDA, gradient descent) on team.tsv only.
2. The answer cut-off on team.tsv: the lowest that refuses at least as many off-topic questions as the bot refused
   before (REFUSED_BEFORE), i.e. the most right answers at that level of refusal.
3. The intercept moves so that the cut-off falls on ANSWER_THRESHOLD, the engine's default.
The own-words file, if given, is only scored and printed: a dev set, never fitted on. Standard library only.
"""
import csv
import math
import sys

FEATURES = ["lexical", "question_cosine", "unknown_share", "topicality"]
CSHARP = ["LexicalWeight", "QuestionCosineWeight", "UnknownShareWeight", "TopicalityWeight"]
LAMBDA = 0.01
REFUSED_BEFORE = 35  # off-topic questions of the team set refused by the bot before this model (35 of 36)
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
    refused = [z(x) < logit(ANSWER_THRESHOLD) for x, _, k, _ in rows if k == "fallback"]
    return (f"right entry answered {sum(answers)}/{len(answers)} (clarify band, right entry first: {sum(unsure)}), "
            f"off-topic not answered {sum(refused)}/{len(refused)}")


def main():
    team = load(sys.argv[1])
    weights, intercept = fit(team)
    scores = sorted(intercept + sum(wi * xi for wi, xi in zip(weights, x)) for x, _, k, _ in team if k == "fallback")
    # The lowest cut-off above all but (len - REFUSED_BEFORE) off-topic scores, midway to the next one below it.
    allowed = len(scores) - REFUSED_BEFORE
    top = scores[len(scores) - allowed - 1]
    above = [s for x, y, k, _ in team if k == "answer" and y == 1
             for s in [intercept + sum(wi * xi for wi, xi in zip(weights, x))] if s > top]
    cut = (top + min(above)) / 2 if above else top + 1e-3
    intercept += logit(ANSWER_THRESHOLD) - cut
    print("ConfidenceModel:")
    print(f"    Intercept = {intercept:.2f}")
    for name, weight in zip(CSHARP, weights):
        print(f"    {name} = {weight:.2f}")
    print("team set (fitted):", figures(team, weights, intercept))
    if len(sys.argv) > 2:
        print("own words (check):", figures(load(sys.argv[2]), weights, intercept))


if __name__ == "__main__":
    main()
