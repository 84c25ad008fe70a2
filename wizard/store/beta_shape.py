"""Check that beta.gouv.fr's documents have the API's shape, and read them into plain records."""
from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any


class ShapeError(Exception):
    """What is wrong with a document, in French, with where."""


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


def parse_json(body: bytes, name: str) -> Any:
    try:
        return json.loads(body.decode("utf-8"))
    except UnicodeDecodeError:
        raise ShapeError(f"{name} : le document n'est pas du texte UTF-8.") from None
    except json.JSONDecodeError as error:
        raise ShapeError(f"{name} : JSON invalide ou tronqué ({error.msg}, ligne {error.lineno}, "
                         f"colonne {error.colno}).") from None


def read_products(document: Any) -> tuple[Product, ...]:
    """The products of startups.json: {"data": [{"id", "attributes": {"name", "phases", "sponsors", …}}]}."""
    name = "startups.json"
    if not isinstance(document, dict) or not isinstance(document.get("data"), list):
        raise ShapeError(f"{name} : une liste « data » est attendue.")
    products, seen = [], set()
    for index, item in enumerate(document["data"]):
        where = f"{name} : data[{index}]"
        attributes = item.get("attributes") if isinstance(item, dict) else None
        product_id = item.get("id") if isinstance(item, dict) else None
        if not _text(product_id) or not isinstance(attributes, dict):
            raise ShapeError(f"{where} : un « id » et des « attributes » sont attendus.")
        if product_id in seen:
            raise ShapeError(f"{where} : le produit « {product_id} » figure deux fois.")
        seen.add(product_id)
        phases, sponsors = attributes.get("phases") or [], attributes.get("sponsors") or []
        if not _text(attributes.get("name")):
            raise ShapeError(f"{where} : « attributes.name » est attendu.")
        if not isinstance(phases, list) or not all(isinstance(p, dict) and _text(p.get("name")) for p in phases):
            raise ShapeError(f"{where} : « attributes.phases » doit être une liste de phases nommées.")
        if not isinstance(sponsors, list) or not all(_text(s) for s in sponsors):
            raise ShapeError(f"{where} : « attributes.sponsors » doit être une liste d'identifiants.")
        products.append(Product(
            id=product_id, name=attributes["name"].strip(), pitch=_optional(attributes.get("pitch")),
            link=_optional(attributes.get("link")),
            phases=tuple((p["name"], _optional(p.get("start")), _optional(p.get("end"))) for p in phases),
            sponsors=tuple(dict.fromkeys(sponsors))))
    return tuple(products)


def read_organisations(document: Any) -> tuple[Organisation, ...]:
    """The organisations of organisations.json: [{"id", "name", "acronym", "domaine_ministeriel", "type"}]."""
    name = "organisations.json"
    if not isinstance(document, list):
        raise ShapeError(f"{name} : une liste d'organisations est attendue.")
    organisations, seen = [], set()
    for index, item in enumerate(document):
        if not isinstance(item, dict) or not _text(item.get("id")) or not _text(item.get("name")):
            raise ShapeError(f"{name} : [{index}] : un « id » et un « name » sont attendus.")
        if item["id"] in seen:
            raise ShapeError(f"{name} : [{index}] : l'organisation « {item['id']} » figure deux fois.")
        seen.add(item["id"])
        organisations.append(Organisation(id=item["id"], name=item["name"].strip(), acronym=_optional(item.get("acronym")),
                                          domain=_optional(item.get("domaine_ministeriel")),
                                          type=_optional(item.get("type"))))
    return tuple(organisations)


def _text(value: Any) -> bool:
    return isinstance(value, str) and bool(value.strip())


def _optional(value: Any) -> str | None:
    return value.strip() or None if isinstance(value, str) else None
