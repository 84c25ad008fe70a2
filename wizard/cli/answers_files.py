"""Read answers files: YAML or JSON (one assessment each) and CSV (one assessment per row, read as a stream).

A CSV file is read one line at a time, whatever its size: a row that cannot be read (a line not in UTF-8, a
cell over the csv module's limit, a stray quote) is an entry with its error and its line, and the rows
after it are read as usual.
"""
from __future__ import annotations

import codecs
import csv
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

import yaml

from wizard.rules.yaml_lines import load_yaml, syntax_error

MAX_DOCUMENT_BYTES = 50 * 1024 * 1024  # a YAML or JSON file is read whole
MAX_LINE_BYTES = 1024 * 1024  # a CSV line longer than this is a bad row, never held in memory whole
TOO_DEEP = "le fichier est imbriqué trop profondément pour être lu (des listes ou des tables les unes dans les autres)"

# The csv module's errors in French (it raises them in English).
_CSV_ERRORS = {
    "field larger than field limit": f"une cellule dépasse la taille maximale ({csv.field_size_limit()} caractères)",
    "expected after": "un guillemet fermant est suivi d'autre chose que le séparateur",
    "unexpected end of data": "un guillemet ouvert n'est jamais fermé",
    "new-line character seen in unquoted field": "un retour à la ligne hors guillemets",
}


@dataclass(frozen=True)
class AnswersEntry:
    """One assessment read from a file: its answers, or why they could not be read."""
    source: str  # file name, with the row for CSV
    answers: dict[str, Any] | None
    error: str | None = None
    row: int | None = None  # CSV: the line where the row starts, the header being line 1
    file: str = ""


def read_answers_file(path: Path) -> Iterator[AnswersEntry]:
    """The entries of one file, one at a time."""
    name = str(path)
    suffix = path.suffix.lower()
    if suffix not in (".csv", ".json", ".yaml", ".yml"):
        yield AnswersEntry(name, None, "format inconnu : un fichier .yaml, .yml, .json ou .csv est attendu", file=name)
        return
    try:
        if suffix == ".csv":
            with path.open("rb") as file:
                yield from read_csv(_lines(file), name)
            return
        if path.stat().st_size > MAX_DOCUMENT_BYTES:
            yield AnswersEntry(name, None, f"fichier trop volumineux (plus de {MAX_DOCUMENT_BYTES // 2**20} Mo)", file=name)
            return
        data = path.read_bytes()
    except OSError as error:
        yield AnswersEntry(name, None, f"fichier illisible ({error.strerror})", file=name)
        return
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        yield AnswersEntry(name, None, "le fichier doit être encodé en UTF-8", file=name)
        return
    yield _read_json(text, name) if suffix == ".json" else _read_yaml(text, name)


def _read_json(text: str, name: str) -> AnswersEntry:
    try:
        data = json.loads(text, object_pairs_hook=_refuse_duplicates)
    except json.JSONDecodeError as error:
        return AnswersEntry(name, None, f"JSON invalide, ligne {error.lineno} : {error.msg}", file=name)
    except _DuplicateKey as duplicate:
        return AnswersEntry(name, None, f"clé « {duplicate.key} » en double", file=name)
    except RecursionError:
        return AnswersEntry(name, None, TOO_DEEP, file=name)
    except ValueError:  # an integer of more than 4,300 digits
        return AnswersEntry(name, None, "JSON invalide : un nombre trop long pour être lu", file=name)
    return _mapping(data, name)


class _DuplicateKey(Exception):
    def __init__(self, key: str):
        self.key = key


def _refuse_duplicates(pairs: list[tuple[str, Any]]) -> dict:
    """json keeps the last of two equal keys silently: the first one may be the answer meant."""
    mapping = {}
    for key, value in pairs:
        if key in mapping:
            raise _DuplicateKey(key)
        mapping[key] = value
    return mapping


def _read_yaml(text: str, name: str) -> AnswersEntry:
    try:
        data, duplicates = load_yaml(text)
    except yaml.YAMLError as error:
        line, message = syntax_error(error)
        return AnswersEntry(name, None, f"YAML invalide, ligne {line} : {message}", file=name)
    except RecursionError:
        return AnswersEntry(name, None, TOO_DEEP, file=name)
    if duplicates:
        return AnswersEntry(name, None, "; ".join(f"ligne {line} : {message}" for line, message in duplicates), file=name)
    return _mapping(data, name)


def _mapping(data: Any, name: str) -> AnswersEntry:
    if not isinstance(data, dict):
        return AnswersEntry(name, None, "un ensemble de paires « question : réponse » est attendu", file=name)
    return AnswersEntry(name, {str(key): value for key, value in data.items()}, file=name)


def _lines(file: BinaryIO) -> Iterator[bytes | None]:
    """The file's lines, None for one longer than MAX_LINE_BYTES (skipped without being kept)."""
    while line := file.readline(MAX_LINE_BYTES):
        if len(line) == MAX_LINE_BYTES and not line.endswith(b"\n"):
            while (rest := file.readline(MAX_LINE_BYTES)) and not rest.endswith(b"\n"):
                pass
            yield None
        else:
            yield line


class _Decoded:
    """Lines decoded for the csv reader; the numbers of those that were not UTF-8 (or too long) are noted."""

    def __init__(self, lines: Iterable[bytes | None]):
        self._lines, self.bad = lines, set()

    def __iter__(self) -> Iterator[str]:
        for number, line in enumerate(self._lines, start=1):
            try:
                if line is None:
                    raise ValueError("ligne trop longue")
                yield (line.removeprefix(codecs.BOM_UTF8) if number == 1 else line).decode("utf-8")
            except ValueError:  # UnicodeDecodeError included: the row becomes a bad one, the reader goes on
                self.bad.add(number)
                yield "\n"


def read_csv(lines: Iterable[bytes | None], name: str) -> Iterator[AnswersEntry]:
    """One assessment per row; the header names the question ids. Comma or semicolon separated."""
    lines = iter(lines)
    first = next(lines, b"") or b""
    try:
        header_line = first.removeprefix(codecs.BOM_UTF8).decode("utf-8")
    except UnicodeDecodeError:
        yield AnswersEntry(name, None, "le fichier doit être encodé en UTF-8 (ligne d'en-tête illisible)", file=name)
        return
    delimiter = ";" if header_line.count(";") > header_line.count(",") else ","
    decoded = _Decoded(_chain(first, lines))
    reader = csv.reader(iter(decoded), delimiter=delimiter, strict=True)
    try:
        header = [cell.strip() for cell in next(reader, [])]
    except csv.Error as error:
        yield AnswersEntry(name, None, f"CSV invalide, ligne d'en-tête : {_in_french(error)}", file=name)
        return
    if not any(header):
        yield AnswersEntry(name, None, "le fichier CSV est vide : une ligne d'en-tête avec les identifiants des "
                                       "questions est attendue", file=name)
        return
    duplicated = sorted({key for key in header if key and header.count(key) > 1})
    if duplicated:
        yield AnswersEntry(name, None, f"colonne(s) en double dans l'en-tête : {', '.join(duplicated)}", file=name)
        return
    start = reader.line_num + 1
    while True:
        try:
            row = next(reader)
            error = None
        except StopIteration:
            return
        except csv.Error as csv_error:
            row, error = None, f"CSV invalide : {_in_french(csv_error)}"
        number, end, start = start, reader.line_num, reader.line_num + 1
        if decoded.bad.intersection(range(number, end + 1)):
            error = "ligne illisible : le texte doit être encodé en UTF-8, la ligne faire moins de 1 Mo"
        decoded.bad.difference_update(range(number, end + 1))
        source = f"{name}, ligne {number}"
        if error:
            yield AnswersEntry(source, None, error, number, name)
        elif not any(cell.strip() for cell in row):
            continue
        elif len(row) != len(header):
            yield AnswersEntry(source, None, f"{len(row)} colonnes au lieu des {len(header)} de l'en-tête", number, name)
        else:
            yield AnswersEntry(source, {key: cell for key, cell in zip(header, row, strict=True) if key and cell.strip()}, row=number,
                               file=name)


def _chain(first: bytes, rest: Iterator[bytes | None]) -> Iterator[bytes | None]:
    yield first
    yield from rest


def _in_french(error: csv.Error) -> str:
    text = str(error)
    return next((french for english, french in _CSV_ERRORS.items() if english in text), "ligne mal formée")
