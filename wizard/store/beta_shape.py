"""Check that beta.gouv.fr's documents have the API's shape, and read them into plain records.

A document that cannot be read as a whole (not UTF-8, not JSON, nested too deep, not the API's outline) is refused
with where; a record that cannot be read (a field missing, of another type, longer than its column, holding a NUL
a control character or a lone surrogate, an id met twice) is skipped and said, so that one bad record never costs the whole copy."""
from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Column

from wizard.core import characters
from wizard.store.models import BetaOrganisation, BetaPhase, BetaProduct, BetaSponsor

# A column without a length (names, pitches) still takes no more than this from a third party.
MAX_TEXT = 10_000
MAX_INTEGER_DIGITS = 100  # longer integers are kept as a mark: no field of ours takes a number
EXCERPT = 30  # characters shown each side of where a document stops being JSON


class ShapeError(Exception):
    """What is wrong with a document, in French, with where."""


class _BadRecord(Exception):
    """Why one record is left out."""


@dataclass(frozen=True)
class Product:
    id: str
    name: str
    pitch: str | None
    link: str | None
    phases: tuple[tuple[str, str | None, str | None], ...]  # (name, start, end), in the record's order
    sponsors: tuple[str, ...]  # organisation ids


@dataclass(frozen=True)
class Organisation:
    id: str
    name: str
    acronym: str | None
    domain: str | None
    type: str | None


@dataclass(frozen=True)
class Reading:
    """The records read from one document, and why each one left out was (French, with where)."""
    records: tuple
    skipped: tuple[str, ...]


class _HugeInteger:
    """An integer of more digits than anything reads: a mark no field accepts (int() of 5,000 digits raises)."""


def _integer(digits: str) -> int | _HugeInteger:
    return int(digits) if len(digits) <= MAX_INTEGER_DIGITS else _HugeInteger()


# The json module's messages, in French.
_JSON_ERRORS = {
    "Expecting ',' delimiter": "une virgule est attendue",
    "Expecting ':' delimiter": "un deux-points est attendu",
    "Expecting value": "une valeur est attendue",
    "Expecting property name enclosed in double quotes": "un nom de champ entre guillemets est attendu",
    "Unterminated string starting at": "un texte n'est jamais fermé",
    "Invalid control character at": "un caractère de contrôle dans un texte",
    "Invalid \\escape": "un échappement invalide",
    "Invalid \\uXXXX escape": "un échappement \\u invalide",
    "Extra data": "des données suivent la fin du document",
}


def parse_json(body: bytes, name: str) -> Any:
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError:
        raise ShapeError(f"{name} : le document n'est pas du texte UTF-8.") from None
    try:
        return json.loads(text, parse_int=_integer)
    except json.JSONDecodeError as error:
        near = error.doc[max(0, error.pos - EXCERPT):error.pos + EXCERPT].replace("\n", " ")
        raise ShapeError(f"{name} : JSON invalide ou tronqué ({_JSON_ERRORS.get(error.msg, error.msg)}, "
                         f"ligne {error.lineno}, colonne {error.colno}, près de « {near} »).") from None
    except RecursionError:
        raise ShapeError(f"{name} : le document est imbriqué trop profondément pour être lu.") from None


def read_products(document: Any) -> Reading:
    """The products of startups.json: {"data": [{"id", "attributes": {"name", "phases", "sponsors", …}}]}."""
    name = "startups.json"
    if not isinstance(document, dict) or not isinstance(document.get("data"), list):
        raise ShapeError(f"{name} : une liste « data » est attendue.")
    return _records(name, document["data"], "data", _product, "le produit « {} » figure déjà plus haut")


def read_organisations(document: Any) -> Reading:
    """The organisations of organisations.json: [{"id", "name", "acronym", "domaine_ministeriel", "type"}]."""
    name = "organisations.json"
    if not isinstance(document, list):
        raise ShapeError(f"{name} : une liste d'organisations est attendue.")
    return _records(name, document, "", _organisation, "l'organisation « {} » figure déjà plus haut")


def _records(name: str, items: list, where: str, read, duplicate: str) -> Reading:
    """Each item read (`read` raises _BadRecord for one it cannot take), an id seen before skipped too: the
    records kept and, for each one skipped, where it stands and why."""
    records, skipped, seen = [], [], set()
    for index, item in enumerate(items):
        try:
            record = read(item)
            if record.id in seen:
                raise _BadRecord(duplicate.format(record.id))
        except _BadRecord as bad:
            skipped.append(f"{name} : {where}[{index}]{_named(item)} : {bad}")
            continue
        seen.add(record.id)
        records.append(record)
    return Reading(tuple(records), tuple(skipped))


def _product(item: Any) -> Product:
    if not isinstance(item, dict) or not isinstance(item.get("attributes"), dict):
        raise _BadRecord("un « id » et des « attributes » sont attendus")
    attributes = item["attributes"]
    phases, sponsors = attributes.get("phases") or [], attributes.get("sponsors") or []
    if not isinstance(phases, list) or not all(isinstance(phase, dict) for phase in phases):
        raise _BadRecord("« attributes.phases » doit être une liste de phases")
    if not isinstance(sponsors, list):
        raise _BadRecord("« attributes.sponsors » doit être une liste d'identifiants")
    return Product(
        id=_required(item.get("id"), BetaProduct.id, "id"),
        name=_required(attributes.get("name"), BetaProduct.name, "attributes.name"),
        pitch=_optional(attributes.get("pitch"), BetaProduct.pitch, "attributes.pitch"),
        link=_optional(attributes.get("link"), BetaProduct.link, "attributes.link"),
        phases=tuple((_required(phase.get("name"), BetaPhase.name, "phases[].name"),
                      _optional(phase.get("start"), BetaPhase.start, "phases[].start"),
                      _optional(phase.get("end"), BetaPhase.end, "phases[].end")) for phase in phases),
        sponsors=tuple(dict.fromkeys(_required(sponsor, BetaSponsor.organisation_id, "sponsors[]")
                                     for sponsor in sponsors)))


def _organisation(item: Any) -> Organisation:
    if not isinstance(item, dict):
        raise _BadRecord("un « id » et un « name » sont attendus")
    return Organisation(id=_required(item.get("id"), BetaOrganisation.id, "id"),
                        name=_required(item.get("name"), BetaOrganisation.name, "name"),
                        acronym=_optional(item.get("acronym"), BetaOrganisation.acronym, "acronym"),
                        domain=_optional(item.get("domaine_ministeriel"), BetaOrganisation.domain, "domaine_ministeriel"),
                        type=_optional(item.get("type"), BetaOrganisation.type, "type"))


def _required(value: Any, column, field: str) -> str:
    text = _optional(value, column, field)
    if text is None:
        raise _BadRecord(f"« {field} » est attendu")
    return text


def _optional(value: Any, column, field: str) -> str | None:
    """The field's text, stripped, checked against its column's shape before any database sees it."""
    if value is None:
        return None
    if not isinstance(value, str):
        raise _BadRecord(f"« {field} » doit être un texte")
    text = characters.without_invisible(value).strip()  # a name shown reversed (U+202E) or unfindable (U+200B)
    limit = _length(column.expression)
    if len(text) > limit:
        raise _BadRecord(f"« {field} » dépasse {limit} caractères")
    if characters.has_forbidden(text):  # NUL, another control character, a lone surrogate: no backend keeps them alike
        raise _BadRecord(f"« {field} » contient un caractère de contrôle ou un demi-caractère (substitut isolé)")
    return text or None


def _length(column: Column) -> int:
    return getattr(column.type, "length", None) or MAX_TEXT


def _named(item: Any) -> str:
    """The record's id as the message quotes it: short, and only when it is text."""
    product_id = item.get("id") if isinstance(item, dict) else None
    if not isinstance(product_id, str) or not product_id.strip():
        return ""
    shown = product_id.strip()
    return f" (« {shown[:60]}{'…' if len(shown) > 60 else ''} »)"
