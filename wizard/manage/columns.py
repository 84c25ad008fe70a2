"""The columns of the managers' exports (CSV and XLSX): a French heading, a kind, and how to read each fact out
of a stored assessment. One column per fact: the answers the list shows (name, type, phase) are not repeated, but
for the answers checked against beta.gouv.fr's record, whose declared value sits beside the recorded one (with
the copy's date, and whether they differ) so that a spreadsheet compares them on one line. Every answer column
shows the answer as the agent declared it, never the record's in its place (wizard.core.facts.declared_answers)."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any
from collections.abc import Callable

from wizard.core import facts, words
from wizard.core.words import PARIS, answer_text
from wizard.rules import ids
from wizard.rules.model import Question, Rules
from wizard.store.models import ORIGIN_IMPORT, Assessment

TEXT, NUMBER, INTEGER, MOMENT = "texte", "nombre", "entier", "date"


@dataclass(frozen=True)
class Column:
    heading: str
    kind: str  # TEXT, NUMBER (a percent, one decimal), INTEGER or MOMENT (a date and time in Paris)
    value: Callable[[Assessment], Any]  # None for an empty cell


def columns(rules: Rules) -> list[Column]:
    """The summary of each assessment, then every question in questionnaire order, then every criterion's level."""
    bands = {band.id: band.label for band in rules.bands}
    labels = {criterion.id: criterion.label for criterion in rules.criteria}
    heading, origins = rules.messages["export_columns"], rules.messages["origins"]
    return [
        Column(heading["number"], INTEGER, lambda a: a.id),
        Column(heading["created"], MOMENT, lambda a: paris(a.created_at)),
        Column(heading["updated"], MOMENT, lambda a: paris(a.updated_at)),
        Column(heading["origin"], TEXT, lambda a: origins["import" if a.origin == ORIGIN_IMPORT else "web"]),
        Column(heading["status"], TEXT, lambda a: words.status_label(rules, a.status)),
        Column(heading["band"], TEXT, lambda a: bands.get(a.band)),
        Column(heading["percent"], NUMBER, lambda a: a.percent),
        Column(heading["points"], INTEGER, lambda a: _score(a).get("points")),
        Column(heading["blocking"], TEXT,
               lambda a: ", ".join(labels.get(c, c) for c in _score(a).get("blocking", ())) or None),
        Column(heading["contact"], TEXT, lambda a: a.contact_email),
        Column(heading["triage"], TEXT, lambda a: words.triage_label(rules, a.triage)),
        Column(heading["triage_comment"], TEXT, lambda a: a.triage_comment),
        Column(heading["triage_by"], TEXT, lambda a: a.triage_by),
        Column(heading["triage_at"], MOMENT, lambda a: paris(a.triage_at)),
        Column(heading["rules_version"], TEXT, lambda a: a.rules_version),
        *checked_columns(rules),
        *(Column(question.label, TEXT, _answer(rules, question)) for question in rules.questions.values()),
        *(Column(criterion.label, INTEGER, _level(criterion.id)) for criterion in rules.criteria),
    ]


def paris(moment: datetime | None) -> datetime | None:
    """A stored time (naive UTC) in Paris time, without its zone: spreadsheets keep no time zones."""
    return None if moment is None else moment.replace(tzinfo=UTC).astimezone(PARIS).replace(tzinfo=None)


def _score(assessment: Assessment) -> dict:
    return assessment.result.get("score") or {}


def checked_columns(rules: Rules) -> list[Column]:
    """For each answer checked against beta.gouv.fr's record, the declared value and the recorded one; then the
    copy's date and whether a declared answer differs. Empty for an assessment never checked."""
    heading, manage = rules.messages["export_columns"], rules.messages["manage"]
    pairs = []
    for question in (rules.questions[question_id] for question_id in ids.CHECKED_QUESTIONS):
        pairs += [Column(heading["declared"].format(label=question.label), TEXT, _declared(rules, question)),
                  Column(heading["recorded"].format(label=question.label), TEXT, _recorded(rules, question, manage))]
    return [*pairs, Column(heading["beta_synced"], MOMENT, lambda a: paris(a.beta_synced_at)),
            Column(heading["differs"], TEXT,
                   lambda a: words.yes_no(a.declared_differs).capitalize() if a.verified else None)]


def _facts(assessment: Assessment) -> dict[str, dict]:
    return {fact["question"]: fact for fact in assessment.result.get("facts") or ()}


def _declared(rules: Rules, question: Question) -> Callable[[Assessment], Any]:
    def value(assessment: Assessment) -> str | None:
        fact = _facts(assessment).get(question.id)
        answer = fact.get("declared") if fact else assessment.answers.get(question.id)
        return None if answer is None or answer == [] else answer_text(rules, question, answer)
    return value


def _recorded(rules: Rules, question: Question, manage: dict) -> Callable[[Assessment], Any]:
    def value(assessment: Assessment) -> str | None:
        fact = _facts(assessment).get(question.id)
        if fact is None:
            return None
        return answer_text(rules, question, fact["recorded"]) if facts.is_verified(fact) else manage["not_verified"]
    return value


def _answer(rules: Rules, question: Question) -> Callable[[Assessment], Any]:
    if question.id in ids.CHECKED_QUESTIONS:
        return _declared(rules, question)
    # A choice's words are looked up once per answer given (an export reads the same few hundreds of thousands
    # of times); a typed text is written as it is.
    known: dict[Any, str] = {}

    def value(assessment: Assessment) -> str | None:
        answer = assessment.answers.get(question.id)
        if answer is None or answer == []:
            return None
        if not question.options:
            return answer_text(rules, question, answer)
        key = tuple(answer) if isinstance(answer, list) else answer
        try:
            return known[key]
        except KeyError:
            text = known[key] = answer_text(rules, question, answer)
            return text
        except TypeError:  # an answer these rules cannot hash (a mapping): as it is
            return answer_text(rules, question, answer)
    return value


def _level(criterion_id: str) -> Callable[[Assessment], Any]:
    return lambda assessment: assessment.answers.get(criterion_id)
