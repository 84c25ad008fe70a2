"""The columns of the managers' exports (CSV and XLSX): a French heading, a kind, and how to read each fact out
of a stored assessment. One column per fact: the answers the list shows (name, type, phase) are not repeated."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, Callable

from wizard.core import words
from wizard.core.words import PARIS, answer_text
from wizard.rules.model import Question, Rules
from wizard.store.models import ORIGIN_IMPORT, Assessment

TEXT, NUMBER, INTEGER, MOMENT = "texte", "nombre", "entier", "date"
ORIGIN_LABELS = {ORIGIN_IMPORT: "Import"}


@dataclass(frozen=True)
class Column:
    heading: str
    kind: str  # TEXT, NUMBER (a percent, one decimal), INTEGER or MOMENT (a date and time in Paris)
    value: Callable[[Assessment], Any]  # None for an empty cell


def columns(rules: Rules) -> list[Column]:
    """The summary of each assessment, then every question in questionnaire order, then every criterion's level."""
    bands = {band.id: band.label for band in rules.bands}
    labels = {criterion.id: criterion.label for criterion in rules.criteria}
    return [
        Column("N°", INTEGER, lambda a: a.id),
        Column("Enregistrée le", MOMENT, lambda a: paris(a.created_at)),
        Column("Modifiée le", MOMENT, lambda a: paris(a.updated_at)),
        Column("Origine", TEXT, lambda a: ORIGIN_LABELS.get(a.origin, "Site")),
        Column("Éligibilité", TEXT, lambda a: words.status_label(rules, a.status)),
        Column("Palier", TEXT, lambda a: bands.get(a.band)),
        Column("Score (%)", NUMBER, lambda a: a.percent),
        Column("Points", INTEGER, lambda a: _score(a).get("points")),
        Column("Points bloquants", TEXT,
               lambda a: ", ".join(labels.get(c, c) for c in _score(a).get("blocking", ())) or None),
        Column("Adresse de contact", TEXT, lambda a: a.contact_email),
        Column("Suite donnée", TEXT, lambda a: words.triage_label(rules, a.triage)),
        Column("Commentaire de la suite", TEXT, lambda a: a.triage_comment),
        Column("Suite donnée par", TEXT, lambda a: a.triage_by),
        Column("Suite donnée le", MOMENT, lambda a: paris(a.triage_at)),
        Column("Version des règles", TEXT, lambda a: a.rules_version),
        *(Column(question.label, TEXT, _answer(question)) for question in rules.questions.values()),
        *(Column(criterion.label, INTEGER, _level(criterion.id)) for criterion in rules.criteria),
    ]


def paris(moment: datetime | None) -> datetime | None:
    """A stored time (naive UTC) in Paris time, without its zone: spreadsheets keep no time zones."""
    return None if moment is None else moment.replace(tzinfo=UTC).astimezone(PARIS).replace(tzinfo=None)


def _score(assessment: Assessment) -> dict:
    return assessment.result.get("score") or {}


def _answer(question: Question) -> Callable[[Assessment], Any]:
    def value(assessment: Assessment) -> str | None:
        answer = assessment.answers.get(question.id)
        return None if answer is None or answer == [] else answer_text(question, answer)
    return value


def _level(criterion_id: str) -> Callable[[Assessment], Any]:
    return lambda assessment: assessment.answers.get(criterion_id)
