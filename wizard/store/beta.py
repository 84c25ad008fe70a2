"""The copy of beta.gouv.fr's records in the database: replaced whole by a sync; read by id and by search from the
whole copy as each process keeps it (read again once the sync row says another copy was taken)."""
from __future__ import annotations

import difflib
import functools
import hashlib
import json
import unicodedata
from dataclasses import asdict, dataclass
from datetime import datetime
from collections.abc import Callable, Iterable
from urllib.parse import urlsplit

from sqlalchemy import Connection, Row, delete, insert, select
from sqlalchemy.orm import Session

from wizard.core.facts import ProductRecord, Sponsor
from wizard.store.assessments import fold
from wizard.store.beta_search import SearchIndex, address_form, query_words
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


class CopyWouldShrink(Exception):
    """The records fetched are far fewer than the copy's: an upstream that lost its records must not empty ours."""

    def __init__(self, kept: tuple[int, int], fetched: tuple[int, int]):
        super().__init__(kept, fetched)
        self.kept, self.fetched = kept, fetched  # (products, organisations)


MAX_SHRINK = 0.5  # a copy that would lose more than this share of its products or organisations needs --force
BATCH = 1000  # rows per INSERT


def replace_copy(session: Session, products: tuple[Product, ...], organisations: tuple[Organisation, ...],
                 source: str, page_url: Callable[[str], str],
                 progress: Callable[[int], None] = lambda count: None, force: bool = False) -> SyncOutcome:
    """Put these records in place of the copy, in one transaction: a failure (or `progress` raising) leaves the
    previous copy whole.

    Records identical to the copy's change nothing but the time of the check; records that would shrink the copy
    by more than MAX_SHRINK, or leave it without products, raise CopyWouldShrink unless `force`."""
    fingerprint = digest(products, organisations)
    now = utcnow()
    with session.begin():
        previous = session.scalar(select(BetaSync))
        if not force and (not products or previous is not None and _shrinks(previous, products, organisations)):
            kept = (previous.products, previous.organisations) if previous is not None else (0, 0)
            raise CopyWouldShrink(kept, (len(products), len(organisations)))
        changed = previous is None or previous.digest != fingerprint
        if changed:
            for model in (BetaSponsor, BetaPhase, BetaProduct, BetaOrganisation, BetaSync):
                session.execute(delete(model))
            _insert(session, BetaOrganisation, [asdict(o) for o in organisations])
            for start in range(0, len(products), BATCH):
                _insert_products(session, products[start:start + BATCH], page_url)
                progress(min(start + BATCH, len(products)))
            session.add(BetaSync(synced_at=now, source=source[:_SOURCE_LENGTH], digest=fingerprint,
                                 products=len(products), organisations=len(organisations)))
        else:
            previous.synced_at = now
            progress(len(products))
    return SyncOutcome(now, len(products), len(organisations), changed)


_SOURCE_LENGTH = BetaSync.source.expression.type.length


def _shrinks(previous: BetaSync, products: tuple, organisations: tuple) -> bool:
    return len(products) < previous.products * MAX_SHRINK or len(organisations) < previous.organisations * MAX_SHRINK


def _insert(session: Session, model, rows: list[dict]) -> None:
    for start in range(0, len(rows), BATCH):
        session.execute(insert(model), rows[start:start + BATCH])


def _insert_products(session: Session, products: tuple[Product, ...], page_url: Callable[[str], str]) -> None:
    _insert(session, BetaProduct, [
        {"id": p.id, "name": p.name, "pitch": p.pitch, "link": p.link,
         "search_text": " ".join(filter(None, (fold(p.name), fold(p.id), page_url(p.id).lower())))}
        for p in products])
    _insert(session, BetaPhase, [{"product_id": p.id, "position": n, "name": name, "start": start, "end": end}
                                 for p in products for n, (name, start, end) in enumerate(p.phases)])
    _insert(session, BetaSponsor, [{"product_id": p.id, "position": n, "organisation_id": sponsor}
                                   for p in products for n, sponsor in enumerate(p.sponsors)])


# Read on every wizard page (a copy puts the product step first): a Core statement, as the drafts' read.
_STAMP = select(BetaSync.digest, BetaSync.synced_at)


def sync_stamp(database: Session | Connection) -> Row | None:
    """The copy's digest and when it was taken (`.synced_at`); None when there is no copy (the wizard then asks
    everything)."""
    return database.execute(_STAMP).first()


def find_product(session: Session, product_id: str, sync: Row | None = None) -> ProductRecord | None:
    """The product of that id, compared as the site's addresses are: exactly, else the same once Unicode
    normalised (NFC: an « é » pasted in two characters) and case folded (« auxaj » is « auxAJ »), the record's own
    id then kept. `sync`: the copy's stamp, when the caller has just read it (a wizard page does)."""
    catalogue = _catalogue(session, sync)
    if not catalogue:
        return None
    return catalogue.by_id.get(product_id) or catalogue.by_key.get(id_key(product_id))


def id_key(product_id: str) -> str:
    return unicodedata.normalize("NFC", product_id).casefold()


def find_by_site(session: Session, address: str, sync: Row | None = None) -> ProductRecord | None:
    """The product whose own site (its record's `link`) is at this address's host, when one product only has it."""
    catalogue = _catalogue(session, sync)
    host = site_host(address)
    return catalogue.by_site.get(host) if catalogue and host else None


def site_host(address: str | None) -> str | None:
    """The host of a site's address as people paste it (scheme, www. and path aside)."""
    text = (address or "").strip()
    if not text:
        return None
    host = urlsplit(text if "://" in text else "https://" + text).hostname or ""
    host = host.removeprefix("www.")
    return host if "." in host else None


def closest(session: Session, text: str, count: int = 3, sync: Row | None = None) -> list[ProductRecord]:
    """The products whose id or folded name is closest to `text` (an id mistyped: « benefriche »)."""
    catalogue = _catalogue(session, sync)
    if not catalogue or not text:
        return []
    key = id_key(text)
    by_key = {**{fold(r.name): r for r in catalogue.records}, **catalogue.by_key}
    found = difflib.get_close_matches(key, list(by_key), n=count * 2, cutoff=0.75)
    return list(dict.fromkeys(by_key[match] for match in found))[:count]


@dataclass(frozen=True)
class Matches:
    records: list[ProductRecord]  # the first page, ranked
    total: int  # how many products match in all


def search_page(session: Session, query: str, limit: int = SEARCH_LIMIT, sync: Row | None = None) -> Matches:
    """Products whose name, id, addresses (beta.gouv.fr page, own site) or sponsors (name, acronym) hold every word
    of `query`, case and accents ignored, counted; the first `limit` ranked (wizard/store/beta_search.py)."""
    words = query_words(fold(query) or "")
    catalogue = _catalogue(session, sync) if words else None
    if not catalogue:
        return Matches([], 0)
    found = catalogue.index.matches(words, limit)
    return Matches([catalogue.records[index] for index in found.positions], found.total)


def search(session: Session, query: str, limit: int = SEARCH_LIMIT, sync: Row | None = None) -> list[ProductRecord]:
    """The first page of search_page."""
    return search_page(session, query, limit, sync).records


@dataclass(frozen=True)
class _Catalogue:
    """The whole copy as one process keeps it: a search reads no table but BetaSync."""
    stamp: tuple[str, datetime]  # the sync it was read from (digest, time): another sync, by any process, renews it
    by_id: dict[str, ProductRecord]
    by_key: dict[str, ProductRecord]  # by id_key(id)
    by_site: dict[str, ProductRecord]  # by the host of its own site, when no other product has it
    records: tuple[ProductRecord, ...]  # in the order of their search_text
    index: SearchIndex


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
    rows = session.execute(select(BetaProduct.id, BetaProduct.name, BetaProduct.pitch, BetaProduct.link,
                                  BetaProduct.search_text))
    products = sorted((_texts(p, tuple(sponsors.get(p.id, ()))), ProductRecord(
        id=p.id, name=p.name, pitch=p.pitch, phases=tuple(phases.get(p.id, ())), sponsors=tuple(sponsors.get(p.id, ())),
        synced_at=stamp[1], link=p.link or None)) for p in rows)
    records = tuple(record for _, record in products)
    sites: dict[str, list[ProductRecord]] = {}
    for record in records:
        if (host := site_host(record.link)) and host != "beta.gouv.fr":
            sites.setdefault(host, []).append(record)
    return _Catalogue(stamp, {record.id: record for record in records},
                      {id_key(record.id): record for record in reversed(records)},
                      {host: held[0] for host, held in sites.items() if len(held) == 1}, records,
                      SearchIndex(*zip(*(texts for texts, _ in products), strict=True)) if products
                      else SearchIndex((), (), ()))


def _texts(product: Row, sponsors: tuple[Sponsor, ...]) -> tuple[str, str, str]:
    """The product's three texts for the search (wizard/store/beta_search.py): its folded name; with its id, the
    address of its page (search_text, written at the sync, holds the three) and of its own site; with its
    sponsors' names and acronyms."""
    name = _folded(product.name)
    main = " ".join(filter(None, (_folded(product.search_text), _folded(address_form(product.link or "")))))
    bodies = _sponsors_text(sponsors)
    return name, main, f"{main} {bodies}" if bodies else main


@functools.lru_cache(maxsize=4096)
def _sponsors_text(sponsors: tuple[Sponsor, ...]) -> str:
    """Their names and acronyms, folded: computed once for each set of sponsors (they repeat)."""
    return " ".join(filter(None, (_folded(part) for s in sponsors for part in (s.name, s.acronym))))


def _folded(text: str | None) -> str:
    """As assessments.fold; an ASCII text (no accent, no invisible character) only lower-cased, spaces collapsed."""
    if not text:
        return ""
    return " ".join(text.casefold().split()) if text.isascii() else fold(text) or ""
