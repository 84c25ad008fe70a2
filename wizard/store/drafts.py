"""Where the answers live between requests, behind this one small API: server-side, in the `drafts` table.

The dossier's drafted texts (up to ~20 KB) outgrow the ~4 KB a browser keeps in a cookie, so the signed session
cookie holds only a random key, and the draft is stored under the key's SHA-256 (a copy of the table gives
no one a session). A draft unused for longer than a session (PERMANENT_SESSION_LIFETIME) has expired: it is
ignored, and deleted when a new draft starts or by `eig-wizard purge`.

Answers are stored normalised (as `engine.read_answers` returns them). Beside them, the store keeps the
steps the agent has completed: a step with only optional questions, or skipped criteria, is complete
once submitted, which the answers alone cannot tell.
"""
from __future__ import annotations

import secrets
from datetime import datetime
from typing import Any, NamedTuple
from collections.abc import Mapping

import sqlalchemy as sa
from flask import current_app, g, session
from sqlalchemy.orm import Session

from wizard.store import db
from wizard.store.assessments import hash_token
from wizard.store.models import Draft, utcnow

_KEY = "brouillon"
# Every wizard page reads its draft: a Core statement on a pooled connection, without an ORM session, costs a
# third of an ORM lookup (about 35 µs against 115, measured in the process).
_READ = sa.select(Draft.answers, Draft.completed_steps, Draft.pending).where(Draft.id == sa.bindparam("id"),
                                                               Draft.updated_at >= sa.bindparam("since"))


class _Draft(NamedTuple):
    answers: dict[str, Any]
    completed: frozenset[str]
    pending: dict[str, Any] = {}  # typed, not valid yet: by field, as typed (a step saved for later); never mutated


def get_answers() -> dict[str, Any]:
    draft = current()
    return dict(draft.answers) if draft else {}


def get_completed() -> frozenset[str]:
    draft = current()
    return draft.completed if draft else frozenset()


def get_pending() -> dict[str, Any]:
    draft = current()
    return dict(draft.pending) if draft else {}


def key() -> str | None:
    """This session's draft key, when it has a draft (it is secret: the cookie alone holds it)."""
    return session.get(_KEY) if current() else None


def save(answers: Mapping[str, Any], completed: frozenset[str], pending: Mapping[str, Any] | None = None) -> None:
    """Store the answers; `pending` replaces what was typed but not valid yet (None: kept as it is)."""
    pending = dict(get_pending() if pending is None else pending)
    values = {"answers": dict(answers), "completed_steps": sorted(completed), "pending": pending or None,
              "updated_at": utcnow()}
    key = session.get(_KEY) if current() else None
    with db.engine().begin() as connection:
        # The draft may have been purged since it was read: then, as when there is none, a new one starts.
        updated = key and connection.execute(
            sa.update(Draft).where(Draft.id == hash_token(key)).values(values)).rowcount
        if not updated:
            purge(connection, expired_before())
            key = secrets.token_urlsafe(32)
            connection.execute(sa.insert(Draft).values(id=hash_token(key), **values))
    session[_KEY] = key
    g.draft = _Draft(values["answers"], frozenset(completed), pending)


def clear() -> None:
    key = session.pop(_KEY, None)
    if key:
        with db.engine().begin() as connection:
            connection.execute(sa.delete(Draft).where(Draft.id == hash_token(key)))
    g.draft = None


def purge(database: Session | sa.Connection, before: datetime) -> int:
    """Delete the drafts last saved before `before`; return how many. The caller commits."""
    return database.execute(sa.delete(Draft).where(Draft.updated_at < before)).rowcount


def expired_before() -> datetime:
    return utcnow() - current_app.permanent_session_lifetime


def current() -> _Draft | None:
    """This session's draft, read once per request (a new value once saved); None when there is none or it has
    expired."""
    if "draft" not in g:
        key = session.get(_KEY)
        row = None
        if key:
            with db.engine().connect() as connection:
                row = connection.execute(_READ, {"id": hash_token(key), "since": expired_before()}).first()
        g.draft = _Draft(row.answers, frozenset(row.completed_steps), row.pending or {}) if row else None
    return g.draft
