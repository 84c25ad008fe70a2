"""Read answers files: YAML or JSON (one assessment each) and CSV (one assessment per row)."""
from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

MAX_FILE_BYTES = 50 * 1024 * 1024


@dataclass(frozen=True)
class AnswersEntry:
    """One assessment read from a file: its answers, or why they could not be read."""
    source: str  # file name, with the row for CSV
    answers: dict[str, Any] | None
    error: str | None = None
    row: int | None = None  # CSV row number, the header being row 1


def read_answers_file(path: Path) -> list[AnswersEntry]:
    name = str(path)
    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            return [AnswersEntry(name, None, f"fichier trop volumineux (plus de {MAX_FILE_BYTES // 2**20} Mo)")]
        data = path.read_bytes()
    except OSError as error:
        return [AnswersEntry(name, None, f"fichier illisible ({error.strerror})")]
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return [AnswersEntry(name, None, "le fichier doit être encodé en UTF-8")]
    suffix = path.suffix.lower()
    if suffix == ".csv":
        return read_csv(text, name)
    if suffix == ".json":
        return [_read_json(text, name)]
    if suffix in (".yaml", ".yml"):
        return [_read_yaml(text, name)]
    return [AnswersEntry(name, None, "format inconnu : un fichier .yaml, .yml, .json ou .csv est attendu")]


def _read_json(text: str, name: str) -> AnswersEntry:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        return AnswersEntry(name, None, f"JSON invalide, ligne {error.lineno} : {error.msg}")
    return _mapping(data, name)


def _read_yaml(text: str, name: str) -> AnswersEntry:
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f", ligne {mark.line + 1}" if mark else ""
        return AnswersEntry(name, None, f"YAML invalide{where} : {getattr(error, 'problem', None) or error}")
    return _mapping(data, name)


def _mapping(data: Any, name: str) -> AnswersEntry:
    if not isinstance(data, dict):
        return AnswersEntry(name, None, "un ensemble de paires « question : réponse » est attendu")
    return AnswersEntry(name, {str(key): value for key, value in data.items()})


def read_csv(text: str, name: str) -> list[AnswersEntry]:
    """One assessment per row; the header names the question ids. Comma or semicolon separated."""
    first_line = text.split("\n", 1)[0]
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    try:
        rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True))
    except csv.Error as error:
        return [AnswersEntry(name, None, f"CSV invalide : {error}")]
    if not rows or not any(cell.strip() for cell in rows[0]):
        return [AnswersEntry(name, None, "le fichier CSV est vide : une ligne d'en-tête avec les identifiants des questions est attendue")]
    header = [cell.strip() for cell in rows[0]]
    entries = []
    for number, row in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in row):
            continue
        source = f"{name}, ligne {number}"
        if len(row) != len(header):
            entries.append(AnswersEntry(source, None, f"{len(row)} colonnes au lieu des {len(header)} de l'en-tête", number))
            continue
        entries.append(AnswersEntry(source, {key: cell for key, cell in zip(header, row) if key and cell.strip()}, row=number))
    return entries
