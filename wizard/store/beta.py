"""The copy of beta.gouv.fr's records in the database: replaced whole by a sync; read by id and by search from the
whole copy as each process keeps it (read again once the sync row says another copy was taken)."""
from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass
from datetime import datetime
from typing import Callable, Iterable

from sqlalchemy import Connection, Row, delete, select
from sqlalchemy.orm import Session

from wizard.core.facts import ProductRecord, Sponsor
from wizard.store.assessments import fold
from wizard.store.beta_shape import Organisation, Product
from wizard.store.models import BetaOrganisation, BetaPhase, BetaProduct, BetaSponsor, BetaSync, utcnow

SEARCH_LIMIT = 10


@dataclass(frozen=True)
class SyncOutcome:
    synced_at: datetime
    products: int
    organisations: int
    changed: bool  # False: the copy already held exactly these records


def digest(products: Iterable[Product], organisations: Iterable[Organisation]) -> str:
    canonical = json.dumps([[asdict(p) for p in products], [asdict(o) for o in organisations]], ensure_ascii=False)
    return hashlib.sha256(canonical.encode()).hexdigest()


def replace_copy(session: Session, products: tuple[Product, ...], organisations: tuple[Organisation, ...],
                 source: str, page_url: Callable[[str], str],
                 progress: Callable[[int], None] = lambda count: None) -> SyncOutcome:
    """Put these records in place of the copy, in one transaction: a failure leaves the previous copy whole.

    Records identical to the copy's change nothing but the time of the check."""
    fingerprint = digest(products, organisations)
    now = utcnow()
    with session.begin():
        previous = session.scalar(select(BetaSync))
        changed = previous is None or previous.digest != fingerprint
        if changed:
            for model in (BetaSponsor, BetaPhase, BetaProduct, BetaOrganisation, BetaSync):
                session.execute(delete(model))
            session.add_all(BetaOrganisation(id=o.id, name=o.name, acronym=o.acronym, domain=o.domain, type=o.type)
                            for o in organisations)
            for count, product in enumerate(products, 1):
                session.add(_row(product, page_url(product.id)))
                progress(count)
            session.add(BetaSync(synced_at=now, source=source, digest=fingerprint, products=len(products),
                                 organisations=len(organisations)))
        else:
            previous.synced_at = now
            progress(len(products))
    return SyncOutcome(now, len(products), len(organisations), changed)


def _row(product: Product, url: str) -> BetaProduct:
    return BetaProduct(
        id=product.id, name=product.name, pitch=product.pitch, link=product.link,
        search_text=" ".join(filter(None, (fold(product.name), fold(product.id), url.lower()))),
        phases=[BetaPhase(position=n, name=name, start=start, end=end) for n, (name, start, end) in enumerate(product.phases)],
        sponsors=[BetaSponsor(position=n, organisation_id=sponsor) for n, sponsor in enumerate(product.sponsors)])


# Read on every wizard page (a copy puts the product step first): a Core statement, as the drafts' read.
_STAMP = select(BetaSync.digest, BetaSync.synced_at)


def sync_stamp(database: Session | Connection) -> Row | None:
    """The copy's digest and when it was taken (`.synced_at`); None when there is no copy (the wizard then asks
    everything)."""
    return database.execute(_STAMP).first()


def find_product(session: Session, product_id: str, sync: Row | None = None) -> ProductRecord | None:
    """`sync`: the copy's stamp, when the caller has just read it (a wizard page does, for its steps' order)."""
    catalogue = _catalogue(session, sync)
    return catalogue.by_id.get(product_id) if catalogue else None


def search(session: Session, query: str, limit: int = SEARCH_LIMIT, sync: Row | None = None) -> list[ProductRecord]:
    """Products whose name, id or page address hold every word of `query`, case and accents ignored; those whose
    name begins with the query first, then by name as a French reader sorts (the folded name leads search_text)."""
    words = (fold(query) or "").split()
    catalogue = _catalogue(session, sync) if words else None
    if not catalogue:
        return []
    phrase = " ".join(words)
    found = [(not text.startswith(phrase), text, record) for text, record in catalogue.products
             if all(word in text for word in words)]
    return [record for *_, record in sorted(found, key=lambda match: match[:2])[:limit]]


@dataclass(frozen=True)
class _Catalogue:
    """The whole copy as one process keeps it (a few hundred products): a search reads no table but BetaSync."""
    stamp: tuple[str, datetime]  # the sync it was read from (digest, time): another sync, by any process, renews it
    by_id: dict[str, ProductRecord]
    products: tuple[tuple[str, ProductRecord], ...]  # (search_text, record)


_catalogues: dict[str, _Catalogue] = {}  # by database URL


def _catalogue(session: Session, sync: Row | None) -> _Catalogue | None:
    sync = sync or sync_stamp(session)
    if sync is None:
        return None
    url = session.get_bind().url.render_as_string(hide_password=False)
    kept = _catalogues.get(url)
    if kept is None or kept.stamp != tuple(sync):
        kept = _catalogues[url] = _read_catalogue(session, tuple(sync))
    return kept


def _read_catalogue(session: Session, stamp: tuple[str, datetime]) -> _Catalogue:
    """Every product with its phases and sponsors: three queries."""
    phases: dict[str, list] = {}
    for row in session.execute(select(BetaPhase.product_id, BetaPhase.name, BetaPhase.start, BetaPhase.end)
                               .order_by(BetaPhase.product_id, BetaPhase.position)):
        phases.setdefault(row.product_id, []).append((row.name, row.start, row.end))
    sponsors: dict[str, list] = {}
    for row in session.execute(
            select(BetaSponsor.product_id, BetaSponsor.organisation_id, BetaOrganisation.name, BetaOrganisation.acronym,
                   BetaOrganisation.type)
            .outerjoin(BetaOrganisation, BetaOrganisation.id == BetaSponsor.organisation_id)
            .order_by(BetaSponsor.product_id, BetaSponsor.position)):
        # A sponsor the organisations do not list keeps its id as its name, and no type.
        sponsors.setdefault(row.product_id, []).append(
            Sponsor(row.organisation_id, row.name or row.organisation_id, row.acronym, row.type))
    products = tuple(
        (p.search_text, ProductRecord(id=p.id, name=p.name, pitch=p.pitch, phases=tuple(phases.get(p.id, ())),
                                      sponsors=tuple(sponsors.get(p.id, ())), synced_at=stamp[1]))
        for p in session.execute(select(BetaProduct.id, BetaProduct.name, BetaProduct.pitch, BetaProduct.search_text)))
    return _Catalogue(stamp, {record.id: record for _, record in products}, products)
