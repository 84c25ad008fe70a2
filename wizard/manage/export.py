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

from wizard.store.models import TRIAGE_LABELS, Assessment
from wizard.core.paris_time import local_time
from wizard.rules.model import Rules

SUMMARY_COLUMNS = ("id", "enregistree_le", "modifiee_le", "origine", "administration", "type_administration",
                   "phase", "eligibilite", "palier", "pourcentage", "points", "points_bloquants", "suite_donnee",
                   "commentaire_suite", "suite_par", "suite_le", "version_regles")
# A spreadsheet runs a cell starting with one of these as a formula: such a cell gets a leading apostrophe.
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def header(rules: Rules) -> list[str]:
    """The summary columns, then every answer id: questions in questionnaire order, then the criteria (levels)."""
    return [*SUMMARY_COLUMNS, *rules.questions, *(criterion.id for criterion in rules.criteria)]


def row(rules: Rules, assessment: Assessment) -> list[str]:
    score = assessment.result.get("score") or {}
    statuses = rules.messages["statuses"]
    bands = {band.id: band.label for band in rules.bands}
    summary = [
        str(assessment.id), local_time(assessment.created_at), local_time(assessment.updated_at), assessment.origin,
        assessment.administration_name or "", assessment.administration_type or "", assessment.phase or "",
        statuses.get(assessment.status, assessment.status), bands.get(assessment.band, assessment.band or ""),
        _decimal(assessment.percent), str(score.get("points", "")), ";".join(score.get("blocking", ())),
        TRIAGE_LABELS.get(assessment.triage, assessment.triage), assessment.triage_comment or "",
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
        writer.writerow([_cell(value) for value in row(rules, assessment)])
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
        return "oui" if value else "non"
    if isinstance(value, list):
        return ";".join(value)
    return str(value)


def _cell(value: str) -> str:
    """Every cell, whatever its column (an account named `=HYPERLINK(…)@a.fr` reaches `suite_par`)."""
    return "'" + value if value.startswith(_FORMULA_STARTS) else value


def _decimal(value: float | None) -> str:
    return "" if value is None else f"{value:.1f}".replace(".", ",")
