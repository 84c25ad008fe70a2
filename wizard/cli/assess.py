"""`eig-wizard assess`: score answers files one entry at a time and write each result as soon as it is known.

Nothing grows with the input: an entry is read, scored and written, then dropped, so a CSV of any size is
assessed in bounded memory (bench/assess_memory.py measures it). A JSON list, a table and a folder of PDFs
are written as they go; only the first result is held back, to know whether there is one or several.
"""
from __future__ import annotations

import dataclasses
import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TextIO

import click

from wizard.cli.answers_files import AnswersEntry, read_answers_file
from wizard.cli.beta import VERIFY_HELP, Verifier, load_beta_or_exit
from wizard.cli.context import EXIT_INVALID_INPUT, load_or_exit, open_database_or_exit
from wizard.cli.terminal import printable
from wizard.core.engine import read_answers, result as explained_result
from wizard import config as configuration
from wizard.core import words
from wizard.report.content import build_report
from wizard.report.pdf import report_pdf
from wizard.report.result_view import result_view
from wizard.rules.model import OUTCOMES, Rules

FORMATS = ("json", "jsonl", "table", "pdf")


@click.command(name="assess")
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--format", "output_format", type=click.Choice(FORMATS), default="json", show_default=True,
              help="jsonl : un résultat par ligne, avec sa source (fichier, ligne) ; "
                   "pdf : le récapitulatif de chaque évaluation, comme le site le télécharge.")
@click.option("-o", "--output", type=click.Path(path_type=Path),
              help="Fichier de sortie (sinon la sortie standard). En pdf, obligatoire : un fichier pour une évaluation, "
                   "un dossier pour plusieurs (un PDF chacune, au nom du fichier de réponses).")
@click.option("--verify", is_flag=True, help=VERIFY_HELP)
@click.pass_obj
def assess_command(rules_dir: Path, files: tuple[Path, ...], output_format: str, output: Path | None,
                   verify: bool) -> None:
    """Évalue des fichiers de réponses (YAML, JSON ou CSV)."""
    if output_format == "pdf" and output is None:
        raise click.UsageError("le format pdf s'écrit dans des fichiers : indiquez -o FICHIER.pdf, ou -o DOSSIER.")
    rules = load_or_exit(rules_dir)
    today = _today()
    verifier = Verifier(open_database_or_exit(), rules, load_beta_or_exit(rules, rules_dir)) if verify else None
    stream = None if output_format == "pdf" else output.open("w", encoding="utf-8") if output else sys.stdout
    sink = _sink(output_format, rules, files, stream, output, today)
    scored = failed = 0
    try:
        for entry, values, result in _scored(rules, files, verifier):
            if result is None:
                failed += 1
                sink.failed()
            else:
                scored += 1
                sink.add(entry, values, result)
        sink.close()
    finally:
        if stream is not None and stream is not sys.stdout:
            stream.close()
    if failed:
        click.echo(f"{failed} évaluation(s) invalide(s), {scored} évaluée(s).", err=True)
        sys.exit(EXIT_INVALID_INPUT)


def _today():
    """The day the call's calendar is compared with (EIG_TODAY, else today in Paris), as the site does."""
    return words.today(configuration.from_environment()["TODAY"])  # checked as the command started (cli/commands.py)


def presented(rules: Rules, values: dict, result: dict, today) -> dict:
    """The result as JSON with what the page and the PDF say beside it, from the same view of the result
    (wizard/report/result_view.py): the verdict in words, what to do next, the procedure, where the call stands,
    the dossier's address only when it is offered, the notice."""
    view = result_view(rules, result, values, today)
    return {**result,
            "verdict": {"title": view["title"], "explanations": view["explanations"], "action": view["action"]["label"]},
            "next_steps": view["next_steps"], "procedure": view["procedure"],
            "dossier_url": view["dossier"]["url"] if view["dossier"] else None,
            "notice": view["notice"], "call": view["call"]}


def _scored(rules: Rules, files: tuple[Path, ...],
            verifier: Verifier | None) -> Iterator[tuple[AnswersEntry, dict | None, dict | None]]:
    """Each entry of each file with its normalised answers and result, or None once its errors are written out.
    With a verifier, the answers beta.gouv.fr records replace the declared ones (the PDF shows them too), beside
    the facts."""
    for path in files:
        for entry in read_answers_file(path):
            if entry.error:
                click.echo(printable(f"ERREUR {entry.source} : {entry.error}"), err=True)
                yield entry, None, None
                continue
            found = ()
            if verifier:
                answers, found = verifier(entry.answers, entry.source)
                entry = dataclasses.replace(entry, answers=answers)
            values, errors = read_answers(rules, entry.answers)
            for question_id, message in errors.items():
                click.echo(printable(f"ERREUR {entry.source} : {question_id} : {message}"), err=True)
            yield (entry, None, None) if errors else (entry, values, explained_result(rules, values, facts=found))


def _sink(output_format: str, rules: Rules, files: tuple[Path, ...], stream: TextIO | None, output: Path | None,
          today):
    if output_format == "pdf":
        return PdfFolder(rules, output, today)
    if output_format == "table":
        return Table(stream, rules, files, today)
    return JsonLines(stream, rules, today) if output_format == "jsonl" else JsonDocument(stream, rules, today)


class Sink:
    """Where results go, as they come: `add` a result, note an entry that `failed`, `close` at the end."""

    def add(self, entry: AnswersEntry, values: dict, result: dict) -> None:
        raise NotImplementedError

    def failed(self) -> None:
        pass

    def close(self) -> None:
        pass


class JsonDocument(Sink):
    """One result: the object. Several: a list, written element by element."""

    def __init__(self, stream: TextIO, rules: Rules, today):
        self.stream, self.first, self.count = stream, None, 0
        self.rules, self.today = rules, today

    def add(self, _entry: AnswersEntry, values: dict, result: dict) -> None:
        result = presented(self.rules, values, result, self.today)
        self.count += 1
        if self.count == 1:
            self.first = result
            return
        if self.count == 2:
            self.stream.write("[\n" + _indented(self.first))
            self.first = None
        self.stream.write(",\n" + _indented(result))

    def close(self) -> None:
        if self.count == 1:
            self.stream.write(json.dumps(self.first, ensure_ascii=False, indent=2) + "\n")
        elif self.count > 1:
            self.stream.write("\n]\n")
        else:
            self.stream.write("[]\n")


def _indented(result: dict) -> str:
    return "\n".join("  " + line for line in json.dumps(result, ensure_ascii=False, indent=2).splitlines())


class JsonLines(Sink):
    """One result per line, each with where it comes from."""

    def __init__(self, stream: TextIO, rules: Rules, today):
        self.stream, self.rules, self.today = stream, rules, today

    def add(self, entry: AnswersEntry, values: dict, result: dict) -> None:
        source = {"file": entry.file or entry.source, "line": entry.row}
        result = presented(self.rules, values, result, self.today)
        self.stream.write(json.dumps({"source": source, "result": result}, ensure_ascii=False) + "\n")


class Table(Sink):
    """A row per result. The widths are known before the first row: a source is at most its file name and
    a line number no longer than the file's size in digits; the other columns come from the rules."""

    HEADER = ("Source", "Éligibilité", "Score", "Palier", "Points bloquants")

    def __init__(self, stream: TextIO, rules: Rules, files: tuple[Path, ...], today):
        self.stream = stream
        # The table ends, as the page and the PDF do, with the notice that it is indicative and the call's state.
        self.footer = f"\n{rules.programme.notice}\n{rules.programme.call.on(today).summary}\n"
        sources = [len(str(path)) + (len(", ligne ") + len(str(_size(path))) if path.suffix.lower() == ".csv" else 0)
                   for path in files]
        points = rules.max_points
        self.widths = [max(len(self.HEADER[0]), *sources),
                       max(len(self.HEADER[1]), *map(len, OUTCOMES)),
                       max(len(self.HEADER[2]), len(f"{words.percent(99.9)} ({points}/{points})"), len("non évalué")),
                       max(len(self.HEADER[3]), *(len(band.id) for band in rules.bands))]
        self._write(self.HEADER)

    def add(self, entry: AnswersEntry, values: dict, result: dict) -> None:
        score = result["score"]
        self._write((entry.source, result["eligibility"]["status"],
                     f"{words.percent(score['percent'])} ({score['points']}/{score['max']})" if score else "non évalué",
                     score["band"] if score else "-", ", ".join(score["blocking"]) if score else "-"))

    def close(self) -> None:
        self.stream.write(self.footer)

    def _write(self, cells: tuple[str, ...]) -> None:
        padded = [cell.ljust(width) for cell, width in zip(cells, self.widths, strict=False)]  # the last cell is not padded
        self.stream.write("  ".join([*padded, cells[-1]]).rstrip() + "\n")


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


class PdfFolder(Sink):
    """One assessment read: its PDF at `output` (or in it, if it is a folder). Several: one PDF for each valid one
    in the folder `output`, named after its answers file (and its row, for a CSV file). The first one waits
    until a second entry, valid or not, says which."""

    def __init__(self, rules: Rules, output: Path, today):
        self.rules, self.output, self.pending, self.seen = rules, output, None, 0
        self.used: set[str] = set()
        self.today = today

    def add(self, entry: AnswersEntry, values: dict, result: dict) -> None:
        self._next()
        if self.seen == 1:
            self.pending = (entry, values, result)
        else:
            self._write(entry, values, result, single=False)

    def failed(self) -> None:
        self._next()

    def _next(self) -> None:
        self.seen += 1
        if self.seen == 2:
            self.output.mkdir(parents=True, exist_ok=True)
            if self.pending:
                self._write(*self.pending, single=False)
                self.pending = None

    def close(self) -> None:
        if self.pending:
            self._write(*self.pending, single=not self.output.is_dir())

    def _write(self, entry: AnswersEntry, values: dict, result: dict, single: bool) -> None:
        target = self.output if single else self.output / _pdf_name(Path(entry.file), entry.row, self.used)
        target.write_bytes(report_pdf(build_report(self.rules, values, result, self.today)))
        click.echo(f"PDF écrit : {target}")


def _pdf_name(path: Path, row: int | None, used: set[str]) -> str:
    stem = path.stem + (f"-ligne-{row}" if row else "")
    name, number = f"{stem}.pdf", 1
    while name in used:  # the same file name in two folders
        number += 1
        name = f"{stem}-{number}.pdf"
    used.add(name)
    return name

