"""`eig-wizard import`: score each entry of an answers file, store the valid ones, name the others by their line.

One transaction per batch. A row the database refuses (a NUL byte on PostgreSQL) costs only itself: its
batch is stored again row by row. Whatever stops the import (the end of the file, Ctrl-C, the database gone),
the summary says what was saved; imported rows are recognised, so running the same import again is safe.
"""
from __future__ import annotations

import signal
import sys
from contextlib import contextmanager
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

import click
from sqlalchemy.exc import DBAPIError, OperationalError
from sqlalchemy.orm import Session

from wizard.cli.beta import VERIFY_HELP, Verifier, load_beta_or_exit
from wizard.cli.answers_files import AnswersEntry, read_answers_file
from wizard.cli.context import EXIT_INTERRUPTED, EXIT_INVALID_INPUT, load_or_exit, open_database_or_exit
from wizard.cli.terminal import printable
from wizard.core import engine
from wizard.rules.model import Rules
from wizard.store.assessments import import_rows, refresh_statistics

RERUN_IS_SAFE = "Relancer la même commande est sans risque : les lignes déjà enregistrées ne le sont pas une seconde fois."

# (where: a line number or the file's name, question id or None, message)
OnProblem = Callable[[int | str, str | None, str], None]


@dataclass
class ImportReport:
    stored: int = 0
    already_there: int = 0
    bad_rows: int = 0


@click.command(name="import")
@click.argument("file", type=click.Path(path_type=Path, dir_okay=False))
@click.option("--batch-size", default=500, show_default=True, type=click.IntRange(1, 10_000),
              help="Lignes enregistrées par transaction.")
@click.option("--verify", is_flag=True, help=VERIFY_HELP)
@click.pass_obj
def import_command(rules_dir: Path, file: Path, batch_size: int, verify: bool) -> None:
    """Évalue et enregistre chaque ligne d'un fichier de réponses (même format que assess).

    Une ligne déjà importée n'est pas enregistrée une seconde fois."""
    rules = load_or_exit(rules_dir)
    report, stopped, code = ImportReport(), None, 0
    with open_database_or_exit() as db_session:
        try:
            with click.progressbar(read_answers_file(file), label="Import", file=sys.stderr, show_pos=True) as entries:
                verifier = Verifier(db_session, rules, load_beta_or_exit(rules, rules_dir)) if verify else None
                import_entries(db_session, rules, entries, report, _echo_problem, batch_size, verifier)
        except KeyboardInterrupt:
            db_session.rollback()
            stopped, code = "Import interrompu (Ctrl-C) : le lot en cours n'est pas enregistré.", EXIT_INTERRUPTED
        except OperationalError as error:
            db_session.rollback()
            stopped = f"Import arrêté : la base de données ne répond plus ({type(error.orig).__name__})."
            code = 1
    if stopped:
        click.echo(stopped, err=True)
    click.echo(f"{report.stored} évaluation(s) enregistrée(s), {report.already_there} déjà présente(s), "
               f"{report.bad_rows} ligne(s) invalide(s).")
    if stopped:
        click.echo(RERUN_IS_SAFE)
    sys.exit(code or (EXIT_INVALID_INPUT if report.bad_rows else 0))


def _echo_problem(where: int | str, question_id: str | None, message: str) -> None:
    place = f"ligne {where}" if isinstance(where, int) else where
    click.echo(printable(f"ERREUR {place} : {question_id + ' : ' if question_id else ''}{message}"), err=True)


def import_entries(db: Session, rules: Rules, entries: Iterable[AnswersEntry], report: ImportReport,
                   on_problem: OnProblem, batch_size: int = 500,
                   verify: Callable[[Mapping, str], tuple[Mapping, tuple[dict, ...]]] | None = None) -> None:
    """Score every entry and store the valid ones, one transaction per batch; name the others as they come.

    `verify` gives an entry's answers as beta.gouv.fr records them, and the facts (see cli.beta.Verifier)."""
    batch: list[tuple[int | str, dict, dict]] = []
    for entry in entries:
        where = entry.row or entry.source
        if entry.error:
            report.bad_rows += 1
            on_problem(where, None, entry.error)
            continue
        answers, found = verify(entry.answers, entry.source) if verify else (entry.answers, ())
        values, errors = engine.read_answers(rules, answers)
        if errors:
            report.bad_rows += 1
            for question_id, message in errors.items():
                on_problem(where, question_id, message)
            continue
        batch.append((where, values, engine.result(rules, values, facts=found)))
        if len(batch) >= batch_size:
            _store(db, batch, report, on_problem)
            batch = []
    _store(db, batch, report, on_problem)
    if report.stored:
        refresh_statistics(db)


def _store(db: Session, batch: list[tuple[int | str, dict, dict]], report: ImportReport, on_problem: OnProblem) -> None:
    try:
        with _ctrl_c_after():  # a batch committed is a batch counted: the summary says what was saved
            stored = import_rows(db, [(values, result) for _, values, result in batch])
            report.stored += stored
            report.already_there += len(batch) - stored
    except OperationalError:
        raise  # the database is gone, not the row: the command stops and says so
    except DBAPIError as error:
        db.rollback()
        if len(batch) > 1:
            for row in batch:
                _store(db, [row], report, on_problem)
            return
        report.bad_rows += 1
        on_problem(batch[0][0], None, f"la base de données refuse cette ligne ({_refusal(error)})")


@contextmanager
def _ctrl_c_after():
    """Ctrl-C waits until the block is done, then stops the import as it would have."""
    pressed = []
    previous = signal.signal(signal.SIGINT, lambda *_: pressed.append(True))
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)
    if pressed:
        raise KeyboardInterrupt


def _refusal(error: DBAPIError) -> str:
    if "NUL" in str(error.orig) or "\\u0000" in str(error.orig):
        return "une réponse contient un caractère nul"
    return f"valeur refusée : {type(error.orig).__name__}"
