"""The batch import of eig-wizard: score each entry of an answers file, store the valid ones, name the others."""
from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field

from sqlalchemy.orm import Session

from wizard.cli.answers_files import AnswersEntry
from wizard.core import engine
from wizard.rules.model import Rules
from wizard.store.assessments import import_rows, refresh_statistics


@dataclass
class ImportReport:
    stored: int = 0
    already_there: int = 0
    # (row number or source, question id or None, message), in file order
    problems: list[tuple[int | str, str | None, str]] = field(default_factory=list)


def import_entries(db: Session, rules: Rules, entries: Iterable[AnswersEntry], batch_size: int = 500,
                   verify: Callable[[Mapping, str], tuple[Mapping, tuple[dict, ...]]] | None = None) -> ImportReport:
    """Score every entry and store the valid ones, one transaction per batch; report the others.

    `verify` gives an entry's answers as beta.gouv.fr records them, and the facts (see cli.beta.Verifier)."""
    report, batch = ImportReport(), []
    for entry in entries:
        where = entry.row or entry.source
        if entry.error:
            report.problems.append((where, None, entry.error))
            continue
        answers, found = verify(entry.answers, entry.source) if verify else (entry.answers, ())
        values, errors = engine.read_answers(rules, answers)
        if errors:
            report.problems.extend((where, question_id, message) for question_id, message in errors.items())
            continue
        batch.append((values, engine.result(rules, values, facts=found)))
        if len(batch) >= batch_size:
            _store(db, batch, report)
            batch = []
    _store(db, batch, report)
    if report.stored:
        refresh_statistics(db)
    return report


def _store(db: Session, batch: list, report: ImportReport) -> None:
    stored = import_rows(db, batch)
    report.stored += stored
    report.already_there += len(batch) - stored
