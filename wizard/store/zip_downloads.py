"""The ZIPs of reports being streamed, one per manager at a time across every app process on the database.

A download writes its row before the first byte and deletes it when the response closes. The table's primary key
is the manager: a second row is refused by the database itself, whichever process writes it. A process killed
mid-stream never deletes its row; one older than STALE_AFTER, longer than any ZIP takes (100 PDFs at about a second
each), is taken over rather than locking its manager out for good.
"""
from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import Engine, delete, insert, update
from sqlalchemy.exc import IntegrityError

from wizard.store.models import ZipDownload, utcnow

STALE_AFTER = timedelta(minutes=15)


def start(engine: Engine, manager_id: int) -> datetime | None:
    """Write down that the manager's ZIP starts now; return its start (what `end` is given), or None when the
    manager already has one under way."""
    now = utcnow()
    try:
        with engine.begin() as connection:
            connection.execute(insert(ZipDownload).values(manager_id=manager_id, started_at=now))
        return now
    except IntegrityError:
        pass
    # Of several downloads taking the same stale row over, the database lets one update it.
    with engine.begin() as connection:
        taken = connection.execute(update(ZipDownload).where(ZipDownload.manager_id == manager_id,
                                                             ZipDownload.started_at < now - STALE_AFTER)
                                   .values(started_at=now)).rowcount
    return now if taken else None


def end(engine: Engine, manager_id: int, started_at: datetime) -> None:
    """The manager's ZIP begun at started_at is over. A row taken over since belongs to the newer download: kept."""
    with engine.begin() as connection:
        connection.execute(delete(ZipDownload).where(ZipDownload.manager_id == manager_id,
                                                     ZipDownload.started_at == started_at))
