"""The managers' CSV export: one row per assessment, for a spreadsheet in French locale.

UTF-8 with a byte order mark (so that Excel reads the accents), `;` between cells and a decimal comma, as a
French-locale spreadsheet expects. Answers are written as in an answers file (ids, `oui`/`non`, `;` between
the options of a multiple choice), so that a column reads the same as the CSV the import takes.
"""
from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator
from typing import Any

from wizard.core import words
from wizard.core.words import local_time
from wizard.rules.model import Rules
from wizard.store.models import Assessment

SUMMARY_COLUMNS = ("id", "enregistree_le", "modifiee_le", "origine", "administration", "type_administration",
                   "phase", "eligibilite", "palier", "pourcentage", "points", "points_bloquants", "suite_donnee",
                   "commentaire_suite", "suite_par", "suite_le", "version_regles")
# A spreadsheet runs a cell starting with one of these as a formula: such text gets a leading apostrophe.
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def header(rules: Rules) -> list[str]:
    """The summary columns, then every answer id: questions in questionnaire order, then the criteria (levels)."""
    return [*SUMMARY_COLUMNS, *rules.questions, *(criterion.id for criterion in rules.criteria)]


def row(rules: Rules, assessment: Assessment) -> list[str]:
    score = assessment.result.get("score") or {}
    summary = [
        str(assessment.id), local_time(assessment.created_at), local_time(assessment.updated_at), assessment.origin,
        _text(assessment.administration_name), assessment.administration_type or "", assessment.phase or "",
        words.status_label(rules, assessment.status), words.band_label(rules, assessment.band),
        words.decimal(assessment.percent), str(score.get("points", "")), ";".join(score.get("blocking", ())),
        words.triage_label(rules, assessment.triage), _text(assessment.triage_comment),
        assessment.triage_by or "", local_time(assessment.triage_at), assessment.rules_version,
    ]
    answers = assessment.answers
    return summary + [_answer(answers.get(answer_id)) for answer_id in header(rules)[len(SUMMARY_COLUMNS):]]


def stream_csv(rules: Rules, assessments: Iterable[Assessment]) -> Iterator[str]:
    """The file, piece by piece: a long export starts at once and never sits whole in memory."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";")
    buffer.write("\ufeff")
    writer.writerow(header(rules))
    for number, assessment in enumerate(assessments, start=1):
        writer.writerow(row(rules, assessment))
        if number % 200 == 0:
            yield _drain(buffer)
    yield _drain(buffer)


def _drain(buffer: io.StringIO) -> str:
    text = buffer.getvalue()
    buffer.seek(0)
    buffer.truncate()
    return text


def _answer(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return words.yes_no(value)
    if isinstance(value, list):
        return ";".join(value)
    if isinstance(value, int):
        return str(value)
    return _text(value)


def _text(value: str | None) -> str:
    if not value:
        return ""
    return "'" + value if value.startswith(_FORMULA_STARTS) else value

