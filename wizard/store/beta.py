"""The copy of beta.gouv.fr's records in the database: replaced whole by a sync, read by id and by search."""
from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass
from datetime import datetime
from typing import Callable, Iterable

from sqlalchemy import delete, select
from sqlalchemy.orm import Session, selectinload

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


def last_sync(session: Session) -> BetaSync | None:
    """When the copy was taken; None when there is no copy (the wizard then asks everything)."""
    return session.scalar(select(BetaSync))


def find_product(session: Session, product_id: str) -> ProductRecord | None:
    sync = last_sync(session)
    product = session.get(BetaProduct, product_id, options=[selectinload(BetaProduct.phases),
                                                           selectinload(BetaProduct.sponsors)]) if sync else None
    return None if product is None else _records(session, [product], sync)[0]


def search(session: Session, query: str, limit: int = SEARCH_LIMIT) -> list[ProductRecord]:
    """Products whose name, id or page address hold every word of `query`, case and accents ignored."""
    words = (fold(query) or "").split()
    sync = last_sync(session)
    if not words or sync is None:
        return []
    statement = select(BetaProduct).options(selectinload(BetaProduct.phases), selectinload(BetaProduct.sponsors))
    for word in words:
        escaped = word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        statement = statement.where(BetaProduct.search_text.like(f"%{escaped}%", escape="\\"))
    products = session.scalars(statement).all()
    # Names that begin with the query first, then by name as a French reader sorts.
    first = words[0]
    products = sorted(products, key=lambda p: (not fold(p.name).startswith(first), fold(p.name)))[:limit]
    return _records(session, products, sync)


def _records(session: Session, products: list[BetaProduct], sync: BetaSync) -> list[ProductRecord]:
    ids = {sponsor.organisation_id for product in products for sponsor in product.sponsors}
    organisations = {o.id: o for o in session.scalars(select(BetaOrganisation).where(BetaOrganisation.id.in_(ids)))} if ids else {}
    return [ProductRecord(
        id=p.id, name=p.name, pitch=p.pitch, phases=tuple((ph.name, ph.start, ph.end) for ph in p.phases),
        sponsors=tuple(_sponsor(s.organisation_id, organisations.get(s.organisation_id)) for s in p.sponsors),
        synced_at=sync.synced_at) for p in products]


def _sponsor(organisation_id: str, organisation: BetaOrganisation | None) -> Sponsor:
    if organisation is None:
        return Sponsor(organisation_id, organisation_id, None, None)
    return Sponsor(organisation.id, organisation.name, organisation.acronym, organisation.type)
