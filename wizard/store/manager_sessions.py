"""Managers' login sessions, kept in the database: open, find, close, end all of an account's, purge.

The cookie holds a random key; the table keeps its SHA-256, so a database leak opens no session. Each
function takes the SQLAlchemy session to work in and commits what it changes.
"""
from __future__ import annotations

import hashlib
import secrets
from datetime import datetime, timedelta

import sqlalchemy as sa
from sqlalchemy.orm import Session, joinedload

from wizard.store.models import Manager, ManagerSession, utcnow

# last_seen_at is written at most this often: a page view is not a write.
TOUCH_EVERY = timedelta(minutes=1)


def _hash(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def open_session(db: Session, manager: Manager) -> str:
    """A new session for `manager`; return its key, which only the cookie will hold."""
    key = secrets.token_urlsafe(32)
    now = utcnow()
    db.add(ManagerSession(id=_hash(key), manager_id=manager.id, created_at=now, last_seen_at=now))
    db.commit()
    return key


def find_manager(db: Session, key: str, idle: timedelta, lifetime: timedelta) -> Manager | None:
    """The manager of a live session; a session idle for `idle` or older than `lifetime` ends here."""
    row = db.get(ManagerSession, _hash(key), options=[joinedload(ManagerSession.manager)])
    if row is None:
        return None
    now = utcnow()
    if _expired(row.last_seen_at, row.created_at, now, idle, lifetime):
        close(db, key)
        return None
    if now - row.last_seen_at >= TOUCH_EVERY:
        db.execute(sa.update(ManagerSession).where(ManagerSession.id == row.id).values(last_seen_at=now))
        db.commit()
    return row.manager


def _expired(last_seen: datetime, created: datetime, now: datetime, idle: timedelta, lifetime: timedelta) -> bool:
    return last_seen <= now - idle or created <= now - lifetime


def close(db: Session, key: str) -> None:
    db.execute(sa.delete(ManagerSession).where(ManagerSession.id == _hash(key)))
    db.commit()


def end_all(db: Session, manager_id: int) -> int:
    """End every session of an account (removed, or given a new password); return how many."""
    ended = db.execute(sa.delete(ManagerSession).where(ManagerSession.manager_id == manager_id)).rowcount
    db.commit()
    return ended


def purge(db: Session, idle: timedelta, lifetime: timedelta) -> int:
    """Delete the sessions that have ended by time; return how many."""
    now = utcnow()
    statement = sa.delete(ManagerSession).where(sa.or_(ManagerSession.last_seen_at <= now - idle,
                                                       ManagerSession.created_at <= now - lifetime))
    deleted = db.execute(statement).rowcount
    db.commit()
    return deleted
