#!/usr/bin/env python3
"""Compares and fits ways of ordering IvigBot's candidates on the team and own-words sets.

Usage (see SemanticWeights' and RankingWeights' remarks for the eval commands that write the files):
    python3 tests/eval/fit-ranking.py team.tsv own-words.tsv [team-headlines.tsv own-words-headlines.tsv [reworded-headlines.tsv]]
                                                                             # meaning on (SemanticWeights)
    python3 tests/eval/fit-ranking.py --meaning-off team.tsv own-words.tsv [team-headlines.tsv own-words-headlines.tsv]
                                                                             # meaning off (RankingWeights)

Each file: `eval <set> --candidates file.tsv` (the headlines files: `eval <set> --headlines-only --candidates file.tsv`,
the set's answer questions against the FAQ's entries with their headline question and answer only), one row per
candidate of each question the engine decided by confidence. With meaning on every document is a row (in_pool says
which were the engine's candidates: the BM25 results and the SemanticWeights.Candidates documents closest in meaning by
their closest phrasing and by their whole text), so that a larger pool can be tried.

Meaning on, the ways compared on the FAQ as it is (SemanticWeights.PhrasedOrder; each with the pool of 5 + 5
documents closest in meaning, and the best of them with 10 and 20):
  previous      lexical + 1 * wording + 0.025 * score + 0.25 * question_cosine + 0.75 * answer_cosine (hand-chosen
                before 2026-12-06), and the same weights refitted by a grid;
  normalised    ScoreWeight * score + QuestionWeight * question_closeness + AnswerWeight * answer_closeness: the BM25
                score relative to the best and the two cosines rescaled over the bank (0 farthest, 1 closest), weights
                by a grid;
  rrf           reciprocal rank fusion, k = 60, no weights: 1/(k + BM25 rank) + 1/(k + rank by question cosine)
                + 1/(k + rank by answer cosine), ranks over the bank (no BM25 term for a document BM25 did not find).
With the headlines files, SemanticWeights.HeadlineOrder (the order in a bank without "also asked as" phrasings) is
fitted on them: ScoreWeight * score + QuestionWeight * question_closeness + AnswerWeight * answer_closeness
+ DocumentWeight * document_closeness (the cosine of question and answer encoded together, rescaled), weights by a grid;
criterion: the most questions with the expected entry first, as shares of each set summed, ties by the MRR@5s. The
reworded set's headlines file (`eval tests/eval/questions-reworded.jsonl --headlines-only --candidates`), when given,
joins the fit, and the cross-checks fit on the team and own-words sets and score the reworded set, and the reverse;
reciprocal rank fusion (BM25 + phrasing cosine + whole document cosine) and every document as a candidate are shown
beside them.
Meaning off, the one weight of RankingWeights.Order (lexical + wording + ScoreWeight * score) by a grid; given the two
headlines files, each weight of the grid is also scored there, so that a weight is chosen for both conditions.

The criterion, on the answer questions of both sets: the most own-words questions with the expected entry first, with
the team set's not below the previous order's; ties by own-words MRR@5, then the team set's, then the nearest to the
previous weights. Each grid is also fitted on one set alone and scored on the other, as a cross-check. Never run this
on the external benchmarks (CovidFAQ, LiveQA), nor on the sealed hold-out. Standard library only.

After changing the order, refit the confidence (tests/eval/fit-confidence.py): it reads the first candidate.
"""
import csv
import itertools
import sys
from collections import defaultdict

POOL = 5  # SemanticWeights.Candidates
PREVIOUS_ON = (1.0, 0.025, 0.25, 0.75)  # wording, score, question cosine, answer cosine (the lexical part weighs 1)
PREVIOUS_GRID = (
    [0.25, 0.5, 0.75, 1.0, 1.25, 1.5],
    [0.0, 0.025, 0.1, 0.25, 0.5, 0.75, 1.0],
    [0.0, 0.25, 0.5, 0.75, 1.0, 1.5, 2.0, 3.0],
    [0.0, 0.25, 0.5, 0.75, 1.0, 1.5, 2.0, 3.0],
)
NORMALISED_GRID = ([1.0], [0.0, 0.25, 0.5, 0.75, 1.0, 1.25, 1.5, 2.0, 3.0], [0.0, 0.25, 0.4, 0.5, 0.6, 0.75, 1.0, 1.25, 1.5, 2.0])
NORMALISED_NAMES = ["ScoreWeight", "QuestionWeight", "AnswerWeight"]
HEADLINE_GRID = ([1.0], [0.0, 0.25, 0.5, 0.75, 1.0, 1.5], [0.0, 0.25, 0.5, 0.75, 1.0, 1.5, 2.0, 3.0], [0.0, 0.5, 1.0, 1.5, 2.0, 3.0, 4.0, 6.0])
HEADLINE_NAMES = ["Score", "Question", "Answer", "Document"]
PHRASED = (1.0, 1.0, 0.6, 0.0)  # SemanticWeights.PhrasedOrder, where the headline fit starts from
RRF_K = 60
PREVIOUS_OFF = 0.025  # RankingWeights.ScoreWeight before the fit
OFF_GRID = [0.0, 0.025, 0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.4, 0.5, 0.75, 1.0, 2.0]


def load(path):
    """The answer questions: per question, its candidates as dicts (with ranks over the bank added)."""
    questions = defaultdict(list)
    with open(path, newline="", encoding="utf-8") as f:
        for r in csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE):
            if r["kind"] != "answer":
                continue
            questions[r["question_no"]].append({
                "id": r["candidate_id"], "expected": r["is_expected"] == "1", "in_pool": r["in_pool"] == "1",
                **{k: float(r[k]) for k in ("order_lexical", "order_wording", "score", "question_cosine", "answer_cosine",
                                            "question_closeness", "answer_closeness", "document_cosine",
                                            "document_closeness")}})
    for candidates in questions.values():
        for key in ("question_cosine", "answer_cosine", "document_cosine"):
            for rank, c in enumerate(sorted(candidates, key=lambda c: -c[key]), 1):
                c[key + "_rank"] = rank
        found = sorted((c for c in candidates if c["score"] > 0), key=lambda c: (-c["score"], c["id"]))
        for rank, c in enumerate(found, 1):
            c["bm25_rank"] = rank
    return list(questions.values())


def previous(weights):
    w, s, q, a = weights
    return lambda c: (c["order_lexical"] + w * c["order_wording"] + s * c["score"]
                      + q * c["question_cosine"] + a * c["answer_cosine"])


def normalised(weights):
    s, q, a, d = (*weights, 0.0) if len(weights) == 3 else weights
    return lambda c: (s * c["score"] + q * c["question_closeness"] + a * c["answer_closeness"]
                      + d * c["document_closeness"])


def rrf(c):
    bm25 = 1 / (RRF_K + c["bm25_rank"]) if "bm25_rank" in c else 0
    return bm25 + 1 / (RRF_K + c["question_cosine_rank"]) + 1 / (RRF_K + c["answer_cosine_rank"])


def lexical(score_weight):
    return lambda c: c["order_lexical"] + c["order_wording"] + score_weight * c["score"]


def score(questions, order, pool=POOL):
    """(answer questions with the expected entry first, MRR@5, answer questions)."""
    first = mrr = 0
    for candidates in questions:
        considered = [c for c in candidates if c["in_pool"] or c["score"] > 0 or c["question_cosine_rank"] <= pool
                      or c["document_cosine_rank"] <= pool] \
            if pool is not None else candidates
        ordered = sorted(considered, key=lambda c: (-order(c), c["id"]))
        rank = next((i + 1 for i, c in enumerate(ordered[:5]) if c["expected"]), None)
        first += rank == 1
        mrr += 1 / rank if rank else 0
    return first, mrr / max(1, len(questions)), len(questions)


def fit(team, own, make, grid, near, floor, pool=POOL, sets="both"):
    """The best weights of the grid by the criterion (sets: both, team or own alone for the cross-checks)."""
    best = None
    for weights in itertools.product(*grid) if isinstance(grid[0], list) else ((w,) for w in grid):
        order = make(*weights) if len(weights) == 1 else make(weights)
        t = score(team, order, pool)
        o = score(own, order, pool)
        distance = sum((w - n) ** 2 for w, n in zip(weights, near))
        if sets == "shares":
            key = (t[0] / max(1, t[2]) + o[0] / max(1, o[2]), round(t[1] + o[1], 6), -distance)
        elif sets == "both":
            key = (t[0] >= floor, o[0], round(o[1], 6), round(t[1], 6), -distance)
        elif sets == "team":
            key = (t[0], round(t[1], 6), -distance)
        else:
            key = (o[0], round(o[1], 6), -distance)
        if best is None or key > best[0]:
            best = (key, weights)
    return best[1]


def fit_shares(sets, grid, near, pool=POOL):
    """The best weights of the grid by the most questions with the expected entry first, as shares of each set summed."""
    best = None
    for weights in itertools.product(*grid):
        order = normalised(weights)
        scores = [score(s, order, pool) for s in sets]
        key = (round(sum(f / max(1, n) for f, _, n in scores), 9), round(sum(m for _, m, _ in scores), 6),
               -sum((w - n) ** 2 for w, n in zip(weights, near)))
        if best is None or key > best[0]:
            best = (key, weights)
    return best[1]


def line(name, team, own, order, pool=POOL):
    t, o = score(team, order, pool), score(own, order, pool)
    print(f"  {name:<58} team {t[0]}/{t[2]} (MRR@5 {t[1]:.3f})   own words {o[0]}/{o[2]} (MRR@5 {o[1]:.3f})")


def meaning_on(team, own):
    floor = score(team, previous(PREVIOUS_ON))[0]
    print("Expected entry first, answer questions decided by confidence:")
    line("previous order, hand-chosen", team, own, previous(PREVIOUS_ON))
    refit = fit(team, own, previous, PREVIOUS_GRID, PREVIOUS_ON, floor)
    line(f"previous order refitted {refit}", team, own, previous(refit))
    line("BM25 score alone", team, own, normalised((1, 0, 0)))
    line("question cosine alone", team, own, normalised((0, 1, 0)))
    line(f"rrf (k={RRF_K}): BM25 + question cosine + answer cosine", team, own, rrf)
    weights = fit(team, own, normalised, NORMALISED_GRID, (1, 1, 1), floor)
    line(f"normalised {weights}", team, own, normalised(weights))
    kept = score(team, normalised(weights))[0]
    with_document = fit(team, own, normalised, (*NORMALISED_GRID, [0.0, 0.25, 0.5, 0.75, 1.0]), (1, 1, 1, 0), kept)
    line(f"with the whole document's cosine {with_document}", team, own, normalised(with_document))
    for pool in (10, 20):
        line(f"normalised {weights}, pool {pool}", team, own, normalised(weights), pool)
        line(f"rrf, pool {pool}", team, own, rrf, pool)
    print("Cross-checks (fitted on one set, scored on both):")
    for sets in ("team", "own"):
        w = fit(team, own, normalised, NORMALISED_GRID, (1, 1, 1), floor, sets=sets)
        line(f"normalised fitted on {sets} {w}", team, own, normalised(w))
    print("SemanticWeights.PhrasedOrder:")
    for name, weight in zip(NORMALISED_NAMES, weights):
        print(f"    {name} = {weight:g}")


def rrf_headlines(c):
    bm25 = 1 / (RRF_K + c["bm25_rank"]) if "bm25_rank" in c else 0
    return bm25 + 1 / (RRF_K + c["question_cosine_rank"]) + 1 / (RRF_K + c["document_cosine_rank"])


def headlines(team, own, team_h, own_h, reworded_h=None):
    print("Headlines only (entries with their headline question and answer, no alternates), expected entry first:")
    named = [("team", team_h), ("own words", own_h)] + ([("reworded", reworded_h)] if reworded_h else [])

    def show(name, order, pool=POOL):
        figures = [(n, score(s, order, pool)) for n, s in named]
        print(f"  {name:<58} " + "   ".join(f"{n} {f}/{t} (MRR@5 {m:.3f})" for n, (f, m, t) in figures))

    show(f"PhrasedOrder {PHRASED}", normalised(PHRASED))
    show("whole document's cosine alone", normalised((0, 0, 0, 1)))
    show(f"rrf (k={RRF_K}): BM25 + question cosine + whole document cosine", rrf_headlines)
    weights = fit_shares([s for _, s in named], HEADLINE_GRID, PHRASED)
    show(f"fitted {weights}", normalised(weights))
    show(f"fitted {weights}, every document a candidate", normalised(weights), None)
    line(f"  the same on the FAQ as it is", team, own, normalised(weights))
    print("Cross-checks (fitted on some sets, scored on all):")
    for name, sets in [("team", [team_h]), ("own words", [own_h])] \
            + ([("team and own words", [team_h, own_h]), ("reworded", [reworded_h])] if reworded_h else []):
        w = fit_shares(sets, HEADLINE_GRID, PHRASED)
        show(f"fitted on {name} {w}", normalised(w))
    print("SemanticWeights.HeadlineOrder:")
    for name, weight in zip(HEADLINE_NAMES, weights):
        print(f"    {name} = {weight:g}")


def meaning_off(team, own, headlines=None):
    floor = score(team, lexical(PREVIOUS_OFF), None)[0]
    print("Expected entry first, answer questions decided by confidence (meaning off):")
    line(f"previous, ScoreWeight {PREVIOUS_OFF}", team, own, lexical(PREVIOUS_OFF), None)
    line("BM25 score alone", team, own, normalised((1, 0, 0)), None)
    weight = fit(team, own, lexical, OFF_GRID, (PREVIOUS_OFF,), floor, None)[0]
    line(f"ScoreWeight {weight}", team, own, lexical(weight), None)
    if headlines:
        print("Headlines only (entries with their headline question and answer only), every ScoreWeight of the grid:")
        line("BM25 score alone", *headlines, normalised((1, 0, 0)), None)
        for w in OFF_GRID:
            line(f"ScoreWeight {w}", *headlines, lexical(w), None)
    print("Cross-checks (fitted on one set, scored on both):")
    for sets in ("team", "own"):
        w = fit(team, own, lexical, OFF_GRID, (PREVIOUS_OFF,), floor, None, sets)[0]
        line(f"ScoreWeight fitted on {sets}: {w}", team, own, lexical(w), None)
    print(f"RankingWeights:\n    ScoreWeight = {weight:g}")


def main():
    args = [a for a in sys.argv[1:] if a != "--meaning-off"]
    team, own = load(args[0]), load(args[1])
    if "--meaning-off" in sys.argv:
        meaning_off(team, own, (load(args[2]), load(args[3])) if len(args) == 4 else None)
        return
    meaning_on(team, own)
    if len(args) >= 4:
        headlines(team, own, load(args[2]), load(args[3]), load(args[4]) if len(args) == 5 else None)


if __name__ == "__main__":
    main()
