"""Saved assessments: save, update, find, delete, list, purge and import them.

Each function takes the SQLAlchemy session to work in and commits what it changes. An assessment keeps the
answers (normalised, as the engine reads them) and the result as computed, and copies out of them the columns
the managers filter and sort on.
"""
from __future__ import annotations

import dataclasses
import enum
import hashlib
import json
import math
import secrets
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from types import SimpleNamespace
from datetime import datetime
from typing import Any
from collections.abc import Mapping

import sqlalchemy as sa
from sqlalchemy import Select, func, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session, joinedload, load_only

from wizard.core import characters, facts
from wizard.rules import ids
from wizard.store.models import (ORIGIN_IMPORT, ORIGIN_WEB, TRIAGE_DECIDED, TRIAGE_DEFAULT, TRIAGE_INFORMED, Assessment,
                                 AssessmentDocument, TriageEvent, utcnow)

PER_PAGE = 50
MAX_ID = 2**31 - 1  # PostgreSQL's integer: a larger id would be an error there, not a miss


# --- Tokens and keys ---------------------------------------------------------------------------------------

def new_token() -> str:
    """A resume token: 256 random bits, URL-safe."""
    return secrets.token_urlsafe(32)


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def import_key(values: Mapping[str, Any]) -> str:
    """The identity of an imported row: its normalised answers, whatever the file, column order or spelling."""
    canonical = json.dumps(values, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode()).hexdigest()


def fold(text: str | None) -> str | None:
    """Lower case without accents nor invisible characters, spaces collapsed: « Écologie » is found by « ecologie »,
    « éco\u200blogie » too."""
    if text is None:
        return None
    decomposed = unicodedata.normalize("NFKD", characters.without_invisible(text))
    return " ".join("".join(c for c in decomposed if not unicodedata.combining(c)).casefold().split())


def _facts(values: Mapping[str, Any], result: Mapping[str, Any]) -> dict[str, Any]:
    """The columns the managers filter and sort on, copied out of the answers and their result."""
    score = result["score"]
    name, product = values.get(ids.ADMINISTRATION_NAME), values.get(ids.PRODUCT_NAME)
    return {
        "rules_version": result["rules_version"], "administration_name": name, "name_folded": fold(name),
        "product_name": product, "product_folded": fold(product),
        "administration_type": values.get(ids.ADMINISTRATION_TYPE), "phase": values.get(ids.PHASE),
        "beta_page": page if isinstance(page := values.get(ids.BETA_PAGE_URL), str) and page else None,
        "verified": facts.verified(result.get("facts") or ()),  # an address declared, not verified, is not
        **facts.checked_summary(result.get("facts")),
        "status": result["eligibility"]["status"],
        "band": score["band"] if score else None, "percent": score["percent"] if score else None,
    }


def _document(values: Mapping[str, Any], result: Mapping[str, Any], completed_steps: Iterable[str],
              pending: Mapping[str, Any] | None = None) -> dict[str, Any]:
    return {"answers": dict(values), "result": dict(result), "completed_steps": sorted(completed_steps),
            "pending": dict(pending) if pending else None}


# --- The agent's saved assessment --------------------------------------------------------------------------

def save(db: Session, values: Mapping[str, Any], result: Mapping[str, Any],
         completed_steps: Iterable[str] = (), contact_email: str | None = None,
         token: str | None = None, on_new: Callable[[int], None] | None = None,
         pending: Mapping[str, Any] | None = None) -> tuple[Assessment, str]:
    """Store a new assessment; return it with its resume token, which only the agent will ever have.

    Given a token, the assessment is stored under it once only: a double click posts the same first save twice,
    and the second finds the first's assessment (the unique token_hash decides, in the database, whatever the
    concurrency), which it returns. A result not final yet (saved from a step, `pending` what was typed but not
    valid) makes an incomplete assessment, which the managers' list leaves out. `on_new(id)` runs in the same
    transaction when the assessment is new only
    (the e-mail with its link is queued there: one message per assessment, committed with it or not at all)."""
    token = token or new_token()
    now = utcnow()
    table = Assessment.__table__
    dialect = postgresql if db.get_bind().dialect.name == "postgresql" else sqlite
    row = {"origin": ORIGIN_WEB, "token_hash": hash_token(token), "created_at": now, "updated_at": now,
           "changed_at": now, "triage": TRIAGE_DEFAULT, "contact_email": contact_email, "complete": bool(result.get("final", True)),
           **_facts(values, result)}
    added = db.execute(dialect.insert(table).values(row).on_conflict_do_nothing(index_elements=["token_hash"])
                       .returning(table.c.id)).scalar()
    if added is not None:
        db.execute(sa.insert(AssessmentDocument.__table__).values(
            assessment_id=added, **_document(values, result, completed_steps, pending)))
        if on_new is not None:
            on_new(added)
    db.commit()
    return find_by_token(db, token), token


class Update(enum.Enum):
    DONE = "done"
    STALE = "stale"  # changed since the version the agent's page read: nothing written
    GONE = "gone"  # deleted meanwhile: nothing written, nothing made anew


def update(db: Session, assessment_id: int, values: Mapping[str, Any], result: Mapping[str, Any],
           completed_steps: Iterable[str] = (), version: int | None = None,
           pending: Mapping[str, Any] | None = None) -> tuple[Update, int | None]:
    """Replace the answers and result, facts and document in one transaction, when the stored version is still
    `version` (None: whichever); return what happened and the version now stored. The contact e-mail stays.

    The facts row is written first, its version checked and raised in the same statement: it locks the
    assessment, so concurrent saves queue behind one another, and of two saves from the same version one only
    is written. Posting again what is stored (a double click) is no change, whatever the version."""
    condition = [Assessment.id == assessment_id] + ([Assessment.version == version] if version is not None else [])
    written = db.execute(sa.update(Assessment).where(*condition)
                         .values(updated_at=(now := utcnow()), changed_at=now, version=Assessment.version + 1,
                                 complete=bool(result.get("final", True)), **_facts(values, result))
                         .returning(Assessment.version)).scalar()
    if written is not None:
        db.execute(sa.update(AssessmentDocument).where(AssessmentDocument.assessment_id == assessment_id)
                   .values(**_document(values, result, completed_steps, pending)))
        db.commit()
        return Update.DONE, written
    db.rollback()
    stored = get(db, assessment_id)
    if stored is None:
        return Update.GONE, None
    if stored.answers == dict(values) and stored.completed_steps == sorted(completed_steps):
        return Update.DONE, stored.version
    return Update.STALE, stored.version


def set_contact(db: Session, assessment_id: int, address: str | None) -> None:
    """Give, change or remove the agent's contact address (the caller commits, with the e-mail to a new one)."""
    db.execute(sa.update(Assessment).where(Assessment.id == assessment_id).values(contact_email=address))


def find_by_token(db: Session, token: str) -> Assessment | None:
    return db.scalar(select(Assessment).where(Assessment.token_hash == hash_token(token)))


def get(db: Session, assessment_id: int) -> Assessment | None:
    """The assessment, or None; an id past the column's range (2147483648 in a URL) is simply not found."""
    if not 0 < assessment_id <= MAX_ID:
        return None
    return db.get(Assessment, assessment_id, options=[joinedload(Assessment.document)])


def delete(db: Session, assessment_id: int) -> None:
    db.execute(sa.delete(Assessment).where(Assessment.id == assessment_id))
    db.commit()


def purge(db: Session, before: datetime) -> int:
    """Delete the assessments last changed before `before`; return how many."""
    deleted = db.execute(sa.delete(Assessment).where(Assessment.updated_at < before)).rowcount
    db.commit()
    return deleted


# --- Pre-screening -----------------------------------------------------------------------------------------

def set_triage(db: Session, assessment_id: int, triage: str, comment: str | None, by: str,
               triage_version: int | None = None) -> bool:
    """Write the managers' decision, when the stored one is still at `triage_version` (None: the one read here),
    and keep it in the history; False when it is not (another manager decided meanwhile) or the assessment is
    gone: nothing is written then."""
    changed = _write_triage(db, assessment_id, triage, comment, by, triage_version)
    db.commit()
    return changed


def set_triages(db: Session, shown: Mapping[int, int | None], triage: str, comment: str | None, by: str) -> list[int]:
    """The same decision for several assessments, each at the triage version its page showed (`shown`: id to
    version), in one transaction; return the ids refused (decided meanwhile, or gone), in the order given: those
    keep their decision, the others take this one, each with its event in the history."""
    refused = [assessment_id for assessment_id, version in shown.items()
               if not _write_triage(db, assessment_id, triage, comment, by, version)]
    db.commit()
    return refused


def _write_triage(db: Session, assessment_id: int, triage: str, comment: str | None, by: str,
                  triage_version: int | None) -> bool:
    stored = db.execute(sa.select(Assessment.triage, Assessment.triage_version)
                        .where(Assessment.id == assessment_id)).first()
    if stored is None:
        return False
    version = stored.triage_version if triage_version is None else triage_version
    statement = (sa.update(Assessment).where(Assessment.id == assessment_id, Assessment.triage_version == version)
                 .values(triage=triage, triage_comment=comment or None, triage_by=by, triage_at=(now := utcnow()),
                         changed_at=now, triage_version=Assessment.triage_version + 1))
    changed = db.execute(statement).rowcount == 1
    if changed:  # the version checked says the decision replaced is the one read above
        db.add(TriageEvent(assessment_id=assessment_id, at=now, by=by, from_triage=stored.triage, to_triage=triage,
                           comment=comment or None, kind=TRIAGE_DECIDED))
    return changed


def record_informed(db: Session, assessment_id: int, triage: str, by: str) -> None:
    """Keep in the history that the agent was told the outcome `triage` by e-mail (the caller commits, with the
    message queued)."""
    db.add(TriageEvent(assessment_id=assessment_id, at=utcnow(), by=by, from_triage=triage, to_triage=triage,
                       kind=TRIAGE_INFORMED))
    db.flush()


def triage_history(db: Session, assessment_id: int) -> list[TriageEvent]:
    """The assessment's triage decisions, the latest first."""
    return list(db.scalars(sa.select(TriageEvent).where(TriageEvent.assessment_id == assessment_id)
                           .order_by(TriageEvent.at.desc(), TriageEvent.id.desc())))


@dataclass(frozen=True)
class Filters:
    """What the managers' list is narrowed to; None means any. Dates are UTC bounds, `until` excluded."""
    status: str | None = None
    band: str | None = None
    administration_type: str | None = None
    phase: str | None = None
    verified: bool | None = None
    differs: bool | None = None  # a declared answer differs from beta.gouv.fr's record
    triage: str | None = None
    since: datetime | None = None
    until: datetime | None = None
    text: str | None = None  # found in the administration's name or the product's
    beta_page: str | None = None  # one product's assessments: the address of its beta.gouv.fr page


SORTS = {"date": Assessment.changed_at, "score": Assessment.percent, "nom": Assessment.name_folded,
         "produit": Assessment.product_folded, "statut": Assessment.status}
# What a line of the list shows: the heavy answers and result stay in the database.
LIST_COLUMNS = (Assessment.id, Assessment.changed_at, Assessment.assigned_to, Assessment.administration_name,
                Assessment.product_name, Assessment.beta_page, Assessment.triage_version,
                Assessment.administration_type, Assessment.phase, Assessment.status, Assessment.band, Assessment.percent, Assessment.triage,
                Assessment.origin, Assessment.verified, Assessment.declared_differs, Assessment.declared_phase,
                Assessment.recorded_type, Assessment.beta_synced_at)


def _where(statement: Select, filters: Filters) -> Select:
    statement = statement.where(Assessment.complete.is_(True))  # one saved before its verdict is the agent's only
    for column, value in ((Assessment.status, filters.status), (Assessment.band, filters.band),
                          (Assessment.administration_type, filters.administration_type),
                          (Assessment.phase, filters.phase), (Assessment.triage, filters.triage),
                          (Assessment.verified, filters.verified), (Assessment.beta_page, filters.beta_page),
                          (Assessment.declared_differs, filters.differs)):
        if value is not None:
            statement = statement.where(column == value)
    if filters.since is not None:
        statement = statement.where(Assessment.created_at >= filters.since)
    if filters.until is not None:
        statement = statement.where(Assessment.created_at < filters.until)
    if filters.text:
        pattern = "%" + fold(filters.text).replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        statement = statement.where(sa.or_(Assessment.name_folded.like(pattern, escape="\\"),
                                           Assessment.product_folded.like(pattern, escape="\\")))
    return statement


def _ordered(statement: Select, sort: str, descending: bool) -> Select:
    column = SORTS[sort]
    key = column.desc() if descending else column.asc()
    if column.nullable:
        # Assessments without a score or a name come last, whichever the direction. Only there: PostgreSQL
        # reads an index backwards for DESC only without NULLS LAST.
        key = key.nulls_last()
    tie = Assessment.id.desc() if descending else Assessment.id.asc()
    return statement.order_by(key, tie)


@dataclass(frozen=True)
class Page:
    items: Sequence[Assessment]
    total: int
    number: int
    per_page: int
    # Grouped by product: each assessment's id to how many of the list are of its product (itself included).
    group_sizes: Mapping[int, int] = dataclasses.field(default_factory=dict)

    @property
    def pages(self) -> int:
        return max(1, math.ceil(self.total / self.per_page))


def list_page(db: Session, filters: Filters, sort: str = "date", descending: bool = True, number: int = 1,
              per_page: int = PER_PAGE, grouped: bool = False) -> Page:
    """One page of the filtered, sorted list; a page number past the end gives the last page. Grouped, the page's
    assessments of one beta.gouv.fr product follow one another where the first of them is, and each knows how
    many of the whole list are of its product: the pages stay those of the sort (nothing moves from one page to
    another, so none is lost or shown twice), and a query on the page's few products counts them."""
    total = db.scalar(_where(select(func.count()).select_from(Assessment), filters))
    number = min(max(1, number), max(1, math.ceil(total / per_page)))
    statement = _ordered(_where(select(Assessment).options(load_only(*LIST_COLUMNS)), filters), sort, descending)
    items = db.scalars(statement.limit(per_page).offset((number - 1) * per_page)).all()
    if not grouped:
        return Page(items=items, total=total, number=number, per_page=per_page)
    pages = {item.beta_page for item in items if item.beta_page}
    counts = dict(db.execute(_where(select(Assessment.beta_page, func.count()), filters)
                             .where(Assessment.beta_page.in_(pages)).group_by(Assessment.beta_page)).all()) if pages else {}
    together = []
    for item in items:
        if item.beta_page is None:
            together.append(item)
        elif item.beta_page not in {placed.beta_page for placed in together}:
            together += [same for same in items if same.beta_page == item.beta_page]
    return Page(items=together, total=total, number=number, per_page=per_page,
                group_sizes={item.id: counts.get(item.beta_page, 1) for item in together})


def iterate(db: Session, filters: Filters, sort: str = "date", descending: bool = True) -> Iterator[Assessment]:
    """Every assessment of the filtered list, whole, fetched in chunks (for the export)."""
    statement = _ordered(_where(select(Assessment).options(joinedload(Assessment.document)), filters), sort, descending)
    yield from db.scalars(statement.execution_options(yield_per=500))


# What the exports read of a stored result (wizard/manage/columns.py): the score, and the facts checked on
# beta.gouv.fr (declared beside recorded); the rest of it (each criterion explained, five kilobytes a row) stays in
# the database.
EXPORTED_RESULT_KEYS = ("score", "facts")


def exported(db: Session, filters: Filters, sort: str = "date", descending: bool = True) -> Iterator[SimpleNamespace]:
    """Every assessment of the filtered list as the exports read it, fetched in chunks: plain objects (not ORM
    objects) with the assessment's columns, its `answers`, and as its `result` only EXPORTED_RESULT_KEYS. Reading
    whole objects and results made 275,000 rows take minutes (JSON decoding and the ORM's bookkeeping); a plain
    attribute is read in a fraction of a database row's (an export reads sixty-five a row)."""
    documents = AssessmentDocument.__table__
    if db.get_bind().dialect.name == "postgresql":
        parts = func.jsonb_build_object(*(part for key in EXPORTED_RESULT_KEYS
                                          for part in (key, documents.c.result.op("->")(key))))
    else:
        parts = func.json_object(*(part for key in EXPORTED_RESULT_KEYS
                                   for part in (key, func.json(func.json_extract(documents.c.result, f"$.{key}")))))
    statement = (select(*Assessment.__table__.c, documents.c.answers,
                        sa.type_coerce(parts, AssessmentDocument.result.type).label("result"))
                 .join(documents, documents.c.assessment_id == Assessment.id))
    rows = db.execute(_ordered(_where(statement, filters), sort, descending).execution_options(yield_per=500))
    names = tuple(rows.keys())
    for row in rows:
        yield SimpleNamespace(**dict(zip(names, row, strict=True)))


# --- Batch import ------------------------------------------------------------------------------------------

def import_rows(db: Session, rows: Sequence[tuple[Mapping[str, Any], Mapping[str, Any]]]) -> int:
    """Store (answers, result) pairs in one transaction; rows already imported are skipped. Return how many were new."""
    if not rows:
        return 0
    now = utcnow()
    by_key = {import_key(values): (values, result) for values, result in rows}
    facts = [{"origin": ORIGIN_IMPORT, "import_key": key, "created_at": now, "updated_at": now, "changed_at": now,
              "triage": TRIAGE_DEFAULT, **_facts(values, result)} for key, (values, result) in by_key.items()]
    dialect = postgresql if db.get_bind().dialect.name == "postgresql" else sqlite
    # Core, not the ORM: one multi-row INSERT per few hundred rows; RETURNING lists only the rows it added.
    table = Assessment.__table__
    statement = (dialect.insert(table).on_conflict_do_nothing(index_elements=["import_key"])
                 .returning(table.c.id, table.c.import_key))
    connection = db.connection()
    added = connection.execute(statement, facts).all()
    if added:
        connection.execute(sa.insert(AssessmentDocument.__table__),
                           [{"assessment_id": row.id, **_document(*by_key[row.import_key], ())} for row in added])
    db.commit()
    return len(added)


def refresh_statistics(db: Session) -> None:
    """Fresh statistics after a batch import, so that the query planner keeps choosing the right indexes for the list."""
    db.execute(sa.text("ANALYZE assessments"))
    db.commit()
