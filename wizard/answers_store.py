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
from typing import Any, Mapping

import sqlalchemy as sa
from flask import current_app, g, session
from sqlalchemy.orm import Session

from wizard import db
from wizard.assessments import hash_token
from wizard.models import Draft, utcnow

_KEY = "brouillon"


def get_answers() -> dict[str, Any]:
    draft = _draft()
    return dict(draft.answers) if draft else {}


def get_completed() -> frozenset[str]:
    draft = _draft()
    return frozenset(draft.completed_steps) if draft else frozenset()


def save(answers: Mapping[str, Any], completed: frozenset[str]) -> None:
    database = db.session()
    draft = _draft()
    if draft is None:
        purge(database, expired_before())
        key = secrets.token_urlsafe(32)
        draft = Draft(id=hash_token(key))
        database.add(draft)
        session[_KEY] = key
    # New objects, not changes in place: SQLAlchemy sees a JSON column change only when it is assigned.
    draft.answers = dict(answers)
    draft.completed_steps = sorted(completed)
    draft.updated_at = utcnow()
    database.commit()
    g.draft = draft


def clear() -> None:
    key = session.pop(_KEY, None)
    if key:
        database = db.session()
        database.execute(sa.delete(Draft).where(Draft.id == hash_token(key)))
        database.commit()
    g.draft = None


def purge(database: Session, before: datetime) -> int:
    """Delete the drafts last saved before `before`; return how many."""
    deleted = database.execute(sa.delete(Draft).where(Draft.updated_at < before)).rowcount
    database.commit()
    return deleted


def expired_before() -> datetime:
    return utcnow() - current_app.permanent_session_lifetime


def _draft() -> Draft | None:
    """This session's draft, read once per request; None when there is none or it has expired."""
    if "draft" not in g:
        key = session.get(_KEY)
        draft = db.session().get(Draft, hash_token(key)) if key else None
        g.draft = draft if draft is not None and draft.updated_at >= expired_before() else None
    return g.draft
