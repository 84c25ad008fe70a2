"""What the check-answers page needs: each step's answers in words, each with its change link."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from collections.abc import Mapping

from wizard.core import flow
from wizard.core.words import answer_words, level_words
from wizard.web.fixed_urls import fixed_url
from wizard.web.forms import RETURN_TO_CHECK, group_anchor, question_anchor
from wizard.rules.model import Rules, Step


@dataclass(frozen=True)
class AnswerRow:
    label: str
    values: tuple[str, ...]  # one line each; several for a multiple choice
    change_url: str
    subject: str = ""  # what the change link changes, said to screen readers when the label does not
    anchor: str = ""  # the row's id (reponse-<question>)
    fact: Mapping | None = None  # what beta.gouv.fr's record says beside the answer (wizard.core.facts.fact_rows)


@dataclass(frozen=True)
class StepSummary:
    step: Step
    rows: tuple[AnswerRow, ...]


def check_context(rules: Rules, answers: Mapping[str, Any], recorded: Mapping[str, Any] | None = None,
                  fact_rows: Mapping[str, Mapping] | None = None, record_anchor: str = "") -> dict:
    """`answers` as declared; `recorded`, the same as beta.gouv.fr's record corrects them, decide which steps are
    asked; `fact_rows`, what the record says beside an answer, whose change link then goes to the record's block
    of its step (`record_anchor`), which says how to change the record: never back to an answer that cannot
    change the verdict."""
    decided = recorded if recorded is not None else answers
    # The steps not asked (the criteria and commitments of a project not eligible) are not listed either.
    return {"summaries": [StepSummary(step, tuple(_rows(rules, step, answers, fact_rows or {}, record_anchor)))
                          for step in flow.flow_steps(rules) if flow.asked(rules, step, decided)]}


def _rows(rules: Rules, step: Step, answers: Mapping[str, Any], fact_rows: Mapping[str, Mapping] = {},  # noqa: B006
          record_anchor: str = ""):
    step_url = fixed_url("wizard.step", step_id=step.id, retour=RETURN_TO_CHECK)
    questions = flow.shown_questions(rules, step, answers)
    if not any(_given(answers.get(answer_id)) for answer_id in [*(q.id for q in questions), *_criteria_ids(rules, step)]):
        # A step passed, or left blank, is one line, not one "Non renseigné" per question.
        not_assessed = (rules.messages["criteria"]["not_assessed"],) if step.criteria else ()
        yield AnswerRow(rules.messages["steps"]["skipped"], not_assessed, step_url, subject=step.title)
        return
    for question in questions:
        fact = fact_rows.get(question.id)
        decides = fact is not None and not fact.get("absent")
        yield AnswerRow(question.label, answer_words(rules, question, answers.get(question.id)),
                        f"{step_url}#{record_anchor if decides and record_anchor else question_anchor(question)}",
                        anchor=f"reponse-{question.id}", fact=fact)
    if step.criteria:
        yield from _criteria_rows(rules, step_url, answers)


def _given(value: Any) -> bool:
    return value is not None and value != "" and value != []


def _criteria_ids(rules: Rules, step: Step) -> list[str]:
    return [criterion.id for criterion in rules.criteria] if step.criteria else []


def _criteria_rows(rules: Rules, step_url: str, answers: Mapping[str, Any]):
    for criterion in flow.criteria_in_page_order(rules):
        yield AnswerRow(criterion.label, (level_words(rules, answers[criterion.id]),),
                        f"{step_url}#{group_anchor(criterion.id, True)}")

