"""An assessment: answers in progress with everything the pages and outputs read of them, computed once.

Pure: the answers, the steps done and the product's record (looked up before, or None) go in; the rules in force,
the answers as beta.gouv.fr's record corrects them, the facts, the normalised values, the explained result and the
next step to answer come out. Every page of a request, the report, the save and the managers' views read this one
value (wizard/web/request_assessment.py builds it once per request); nothing else rebuilds the chain.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any
from collections.abc import Mapping

from wizard.core import facts, flow
from wizard.core.engine import Value, read_answers
from wizard.core.progress import current_result
from wizard.rules.beta import BetaRules
from wizard.rules.model import Rules, Step


@dataclass(frozen=True)
class Assessment:
    rules: Rules  # as this assessment applies them (with a copy of the records, the product is asked first)
    declared: Mapping[str, Any]  # the answers as the agent gave them: what the steps' forms show
    answers: Mapping[str, Any]  # the same with what the record says in place of what was declared
    completed: frozenset[str]
    facts: tuple[Mapping, ...]  # declared versus recorded (wizard.core.facts)
    record: facts.ProductRecord | None
    values: Mapping[str, Any]  # `answers` normalised (engine.read_answers), as the store keeps them
    result: Value  # the explained result; `final` says whether the pages may show it

    @property
    def next_step(self) -> Step | None:
        """The first step still to answer, where an agent without a verdict yet is sent; as the record corrects the
        answers (a product recorded « Transféré » is asked no criteria, whatever phase was declared)."""
        return flow.first_incomplete(self.rules, self.answers, self.completed)


def assess_progress(rules: Rules, declared: Mapping[str, Any], completed: frozenset[str],
                    record: facts.ProductRecord | None = None, beta: BetaRules | None = None,
                    copy_at: datetime | None = None) -> Assessment:
    """The assessment of answers in progress; `record` (with `beta`, the rules about records) corrects them.
    `copy_at`: when the copy of the records was taken, if there is one; a page address it holds no record of is
    then a fact too (declared, not verified)."""
    checked = beta is not None and (record is not None or copy_at is not None)
    answers, found = facts.apply_record(rules, beta, declared, record, copy_at) if checked else (dict(declared), ())
    values, _ = read_answers(rules, answers, partial=True)
    return Assessment(rules=rules, declared=declared, answers=answers, completed=completed, facts=found,
                      record=record, values=values, result=current_result(rules, answers, completed, found))
