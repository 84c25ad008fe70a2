"""The outbox: e-mails written in the caller's transaction (so a message exists exactly when what caused it was
committed), taken by one sender at a time, each attempt recorded, retried with a growing delay until sent.

A sender claims a message by pushing its next attempt past a lease in one conditional UPDATE: of two senders
(the web process after a response, `eig-wizard mail send`), one only gets it. A message is sent at least once:
a sender killed between the server's acceptance and its record would send it again after the lease.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

import sqlalchemy as sa
from sqlalchemy.orm import Session

from wizard.store.models import OutboxAttempt, OutboxMessage, utcnow

LEASE = timedelta(minutes=5)  # longer than a sender's whole try (connection and SMTP timeouts)
FIRST_RETRY = timedelta(minutes=1)
LAST_RETRY = timedelta(hours=6)  # the delay doubles up to this, and stays there: nothing is ever dropped


@dataclass(frozen=True)
class Taken:
    id: int
    recipient: str
    raw: bytes


def add(db: Session, kind: str, recipient: str, raw: bytes) -> int:
    """Write a message in the caller's transaction (the caller commits); return its id."""
    message = OutboxMessage(kind=kind, recipient=recipient, raw=raw, created_at=utcnow(), next_attempt_at=utcnow())
    db.add(message)
    db.flush()
    return message.id


def take(db: Session, now: datetime | None = None) -> Taken | None:
    """The oldest message due, claimed for LEASE (committed), or None when none is due."""
    now = now or utcnow()
    while True:
        candidate = db.scalar(sa.select(OutboxMessage.id).where(OutboxMessage.sent_at.is_(None),
                                                                 OutboxMessage.next_attempt_at <= now)
                              .order_by(OutboxMessage.next_attempt_at, OutboxMessage.id).limit(1))
        if candidate is None:
            db.rollback()
            return None
        claimed = db.execute(sa.update(OutboxMessage)
                             .where(OutboxMessage.id == candidate, OutboxMessage.sent_at.is_(None),
                                    OutboxMessage.next_attempt_at <= now)
                             .values(next_attempt_at=now + LEASE)
                             .returning(OutboxMessage.recipient, OutboxMessage.raw)).first()
        db.commit()
        if claimed is not None:  # else another sender took it first: try the next one
            return Taken(candidate, claimed.recipient, bytes(claimed.raw))


def sent(db: Session, message_id: int) -> None:
    """The server accepted it: the attempt recorded, the content erased (the recipient stays until the purge, for
    the throttle of `recent`)."""
    now = utcnow()
    db.execute(sa.update(OutboxMessage).where(OutboxMessage.id == message_id)
               .values(sent_at=now, attempts=OutboxMessage.attempts + 1, raw=None, last_error=None))
    db.add(OutboxAttempt(message_id=message_id, at=now, error=None))
    db.commit()


def failed(db: Session, message_id: int, error: str, now: datetime | None = None) -> datetime:
    """The attempt failed: recorded with its reason, the message kept for later; return when it is due again."""
    now = now or utcnow()
    attempts = db.scalar(sa.select(OutboxMessage.attempts).where(OutboxMessage.id == message_id)) or 0
    due = now + min(FIRST_RETRY * 2 ** attempts, LAST_RETRY)
    db.execute(sa.update(OutboxMessage).where(OutboxMessage.id == message_id)
               .values(attempts=attempts + 1, next_attempt_at=due, last_error=error[:1000]))
    db.add(OutboxAttempt(message_id=message_id, at=now, error=error[:1000]))
    db.commit()
    return due


def recent(db: Session, kind: str, recipient: str, since: datetime) -> int:
    """How many messages of this kind were queued for this recipient since then, sent or not."""
    return db.scalar(sa.select(sa.func.count()).select_from(OutboxMessage)
                     .where(OutboxMessage.kind == kind, OutboxMessage.recipient == recipient,
                            OutboxMessage.created_at >= since)) or 0


def waiting(db: Session) -> int:
    return db.scalar(sa.select(sa.func.count()).select_from(OutboxMessage).where(OutboxMessage.sent_at.is_(None))) or 0


def purge(db: Session, before: datetime) -> int:
    """Delete the messages sent before `before` (their attempts with them); the caller commits."""
    return db.execute(sa.delete(OutboxMessage).where(OutboxMessage.sent_at < before)).rowcount
