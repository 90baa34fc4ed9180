#!/usr/bin/env python3
"""Fits the order of IvigBot's candidates with meaning on (SemanticWeights in src/IvigBot.Core/Semantic/) on the team set.

Usage (see SemanticWeights' remarks for the eval commands that write the two files):
    python3 tests/eval/fit-ranking.py team.tsv [own-words.tsv]

team.tsv: `eval tests/eval/questions.jsonl --candidates team.tsv`, one row per candidate of each question the engine
decided by confidence, with the signals of its order and of its confidence. A candidate's order is
    order_lexical + WordingWeight * order_wording + ScoreWeight * score + QuestionWeight * question_cosine
        + AnswerWeight * answer_cosine
(the lexical part weighs 1: only the ratios matter), highest first, ties by id as the engine breaks them.

A grid over the four weights, on team.tsv only: the most answer questions with the expected entry first, ties broken by
MRR@5 of the expected entry, then by the fewest off-topic questions whose first candidate the current confidence model
(CONFIDENCE, ConfidenceModel's numbers) would answer, then by the nearest to the current weights. The own-words file,
if given, is only scored and printed: a dev set, never fitted on. Standard library only.

After changing the order, refit the confidence (tests/eval/fit-confidence.py): it reads the first candidate.
"""
import csv
import itertools
import math
import sys
from collections import defaultdict

CURRENT = (1.0, 0.025, 0.25, 0.75)  # WordingWeight, ScoreWeight, QuestionWeight, AnswerWeight before the fit
GRID = (
    [0.25, 0.5, 0.75, 1.0, 1.25, 1.5],
    [0.0, 0.025, 0.05, 0.1, 0.2, 0.3, 0.4, 0.5, 0.75],
    [0.0, 0.125, 0.25, 0.375, 0.5, 0.75, 1.0, 1.5],
    [0.0, 0.25, 0.5, 0.75, 1.0, 1.25, 1.5, 2.0],
)
NAMES = ["WordingWeight", "ScoreWeight", "QuestionWeight", "AnswerWeight"]
# ConfidenceModel: intercept, lexical, question cosine, unknown share, topicality; and the answer threshold.
CONFIDENCE = (-14.94, 4.32, 14.17, -0.31, 6.48)
ANSWER_THRESHOLD = 0.42


def load(path):
    questions = defaultdict(list)
    with open(path, newline="", encoding="utf-8") as f:
        for r in csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE):
            signals = [float(r[k]) for k in ("order_wording", "score", "question_cosine", "answer_cosine")]
            confidence = [float(r[k]) for k in ("lexical", "question_cosine", "unknown_share", "topicality")]
            questions[r["question_no"]].append(
                (r["kind"], r["candidate_id"], int(r["is_expected"]), float(r["order_lexical"]), signals, confidence))
    return list(questions.values())


def answered(confidence):
    z = CONFIDENCE[0] + sum(w * x for w, x in zip(CONFIDENCE[1:], confidence))
    return 1 / (1 + math.exp(-z)) >= ANSWER_THRESHOLD


def score(questions, weights):
    """(answer questions with the expected entry first, MRR@5, right and answered, off-topic answered, answer questions, off-topic)."""
    first = mrr = right = lured = answers = offtopic = 0
    for candidates in questions:
        ordered = sorted(candidates, key=lambda c: (-(c[3] + sum(w * x for w, x in zip(weights, c[4]))), c[1]))
        kind = ordered[0][0]
        if kind == "answer":
            answers += 1
            rank = next((i + 1 for i, c in enumerate(ordered[:5]) if c[2]), None)
            first += rank == 1
            mrr += 1 / rank if rank else 0
            right += rank == 1 and answered(ordered[0][5])
        elif kind == "fallback":
            offtopic += 1
            lured += answered(ordered[0][5])
    return first, mrr / max(1, answers), right, lured, answers, offtopic


def describe(s):
    first, mrr, right, lured, answers, offtopic = s
    return (f"expected entry first {first}/{answers}, MRR@5 {mrr:.3f}, answered right (current confidence) "
            f"{right}/{answers}, off-topic answered {lured}/{offtopic}")


def main():
    team = load(sys.argv[1])
    own = load(sys.argv[2]) if len(sys.argv) > 2 else None
    best = None
    for weights in itertools.product(*GRID):
        first, mrr, _, lured, _, _ = score(team, weights)
        distance = sum((w - c) ** 2 for w, c in zip(weights, CURRENT))
        key = (first, round(mrr, 6), -lured, -distance)
        if best is None or key > best[0]:
            best = (key, weights)
    weights = best[1]
    print("SemanticWeights:")
    for name, weight in zip(NAMES, weights):
        print(f"    {name} = {weight:g}")
    print("team set before:", describe(score(team, CURRENT)))
    print("team set (fitted):", describe(score(team, weights)))
    if own is not None:
        print("own words before:", describe(score(own, CURRENT)))
        print("own words (check):", describe(score(own, weights)))


if __name__ == "__main__":
    main()
