"""The result of answers in progress, as the web wizard holds them: whether it gives a verdict yet, and what is
still missing. Every page that asks "is there a verdict, a score?" reads this one value."""
from __future__ import annotations

from typing import Any
from collections.abc import Mapping

from wizard.core import flow
from wizard.core.engine import Value, read_answers, result
from wizard.rules.model import Rules


def current_result(rules: Rules, answers: Mapping[str, Any], completed: frozenset[str],
                   facts: tuple[Mapping, ...] = ()) -> Value:
    """The explained result of the stored answers; `final` says whether the pages may show it (`facts`: see
    engine.result).

    A step is missing until it is submitted with every required question it shows answered (flow); while any
    is, the criteria are not assessed and only an "ineligible" verdict, which no later answer can change, is
    final. Stored answers that the rules in force no longer accept count as missing."""
    values, errors = read_answers(rules, answers, partial=True)
    missing = []
    for step in flow.flow_steps(rules):
        questions = flow.shown_questions(rules, step, answers)
        unanswered = tuple(q.id for q in questions if q.id in errors or (q.required and q.id not in values))
        if unanswered or not flow.is_complete(rules, step, answers, completed):
            missing.append(Value({"step": step.id, "questions": unanswered}))
    return result(rules, {key: value for key, value in values.items() if key not in errors}, tuple(missing), facts)
