"""New assessments saved from the public site, counted per client address: past the allowance, a client waits.

Every save is written down before it is judged, so that concurrent saves see one another and cannot overshoot
the allowance; in the database, so that every app process counts the same saves (as the managers' login
throttle does, wizard/manage/throttle.py).
"""
from __future__ import annotations

import math
from datetime import timedelta

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from wizard.store.models import AnonymousSave, utcnow

WINDOW = timedelta(hours=1)


def seconds_to_wait(db: Session, ip: str, allowance: int) -> int:
    """Count this save from `ip`; 0 when it is within the allowance of the last WINDOW, else the whole seconds
    until it would be (the save refused is then not counted)."""
    now = utcnow()
    since = now - WINDOW
    db.execute(delete(AnonymousSave).where(AnonymousSave.at < since))  # what no count needs any more
    attempt = AnonymousSave(ip=ip[:45], at=now)
    db.add(attempt)
    db.commit()
    # Every save committed so far counts, this one's included: of concurrent saves, the last to commit sees all.
    recent = db.scalars(select(AnonymousSave.at).where(AnonymousSave.ip == attempt.ip, AnonymousSave.at >= since)
                        .order_by(AnonymousSave.at.desc()).limit(allowance + 1)).all()
    if len(recent) <= allowance:
        return 0
    db.execute(delete(AnonymousSave).where(AnonymousSave.id == attempt.id))
    db.commit()
    return max(1, math.ceil((recent[-1] + WINDOW - now).total_seconds()))

