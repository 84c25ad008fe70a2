"""What the check-answers page needs: each step's answers in words, each with its change link."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Mapping

from wizard.core import flow
from wizard.web.fixed_urls import fixed_url
from wizard.web.forms import RETURN_TO_CHECK, group_anchor, question_anchor
from wizard.rules.model import Question, Rules, Step

NOT_GIVEN = "Non renseigné"


@dataclass(frozen=True)
class AnswerRow:
    label: str
    values: tuple[str, ...]  # one line each; several for a multiple choice
    change_url: str


@dataclass(frozen=True)
class StepSummary:
    step: Step
    rows: tuple[AnswerRow, ...]


def check_context(rules: Rules, answers: Mapping[str, Any]) -> dict:
    return {"summaries": [StepSummary(step, tuple(_rows(rules, step, answers))) for step in flow.flow_steps(rules)]}


def _rows(rules: Rules, step: Step, answers: Mapping[str, Any]):
    step_url = fixed_url("wizard.step", step_id=step.id, retour=RETURN_TO_CHECK)
    for question in flow.shown_questions(rules, step, answers):
        yield AnswerRow(question.label, answer_words(question, answers.get(question.id)),
                        f"{step_url}#{question_anchor(question)}")
    if step.criteria:
        yield from _criteria_rows(rules, step_url, answers)


def _criteria_rows(rules: Rules, step_url: str, answers: Mapping[str, Any]):
    if not any(criterion.id in answers for criterion in rules.criteria):
        yield AnswerRow("Critères d’évaluation", (rules.messages["criteria"]["not_assessed"],), step_url)
        return
    for criterion in rules.criteria:
        yield AnswerRow(criterion.label, (rules.scale[answers[criterion.id]],),
                        f"{step_url}#{group_anchor(criterion.id, True)}")


def answer_words(question: Question, value: Any) -> tuple[str, ...]:
    """An answer as the agent chose it: the option's label, or the text typed."""
    if value is None or value == [] or value == "":
        return (NOT_GIVEN,)
    if question.kind == "multi":
        return tuple(option.label for option in question.options if option.id in value)
    option = question.option_for(value)
    return (option.label,) if option else (str(value),)

