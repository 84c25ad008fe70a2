"""Score 100,000 generated assessments in one process; print throughput and the ratio to json.loads.

Target: at least 50,000 assessments per second on one core. Run: .venv/bin/python bench/engine.py
"""
from __future__ import annotations

import json
import random
import sys
import time

from wizard.core.engine import assess
from wizard.rules.loading import load_rules

COUNT = 100_000


def generate(rules, rng: random.Random) -> dict:
    """Answers as a web form or a file gives them: every required question, often the criteria."""
    answers = {}
    for question in rules.questions.values():
        if question.options and (question.required or rng.random() < 0.5):
            choices = [option.id for option in question.options if not option.legacy]
            favourable = [option.id for option in question.options if option.outcome == "eligible"]
            if favourable and rng.random() < 0.8:  # most candidates answer most rules favourably
                choices = favourable
            answers[question.id] = [rng.choice(choices)] if question.kind == "multi" else rng.choice(choices)
    if rng.random() < 0.8:
        answers.update({criterion.id: rng.randint(0, 3) for criterion in rules.criteria})
    return answers


def best_of(runs: int, work) -> float:
    timings = []
    for _ in range(runs):
        start = time.perf_counter()
        work()
        timings.append(time.perf_counter() - start)
    return min(timings)


def main() -> None:
    rules = load_rules()
    rng = random.Random(7)
    answers = [generate(rules, rng) for _ in range(COUNT)]
    encoded = [json.dumps(a) for a in answers]
    # Results are consumed one by one, as a batch import does, not kept: best of three runs.
    scoring = best_of(3, lambda: all(assess(rules, a) for a in answers))
    decoding = best_of(3, lambda: all(json.loads(text) for text in encoded))
    statuses = {}
    for result in map(lambda a: assess(rules, a), answers[:1000]):
        statuses[result["eligibility"]["status"]] = statuses.get(result["eligibility"]["status"], 0) + 1
    print(f"assessments: {COUNT:,} (first 1,000 by status: {statuses})")
    print(f"scoring:    {scoring:.3f} s  -> {COUNT / scoring:,.0f} assessments/s (target: 50,000/s)")
    print(f"json.loads: {decoding:.3f} s  -> {COUNT / decoding:,.0f} documents/s")
    print(f"ratio scoring time / json.loads time: {scoring / decoding:.1f}")
    sys.exit(0)


if __name__ == "__main__":
    main()
