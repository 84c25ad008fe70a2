"""Links to a saved assessment besides its first resume link: edit links sent again by e-mail, and the read-only
link to share. Like the first, only a token's SHA-256 is kept. The caller commits."""
from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from sqlalchemy.orm import Session, joinedload

from wizard.store.assessments import find_by_token, hash_token, new_token
from wizard.store.models import LINK_EDIT, LINK_READ, Assessment, AssessmentLink, utcnow

__all__ = ["LINK_EDIT", "LINK_READ", "add", "find", "revoke_read", "has_read", "with_address"]


def add(db: Session, assessment_id: int, kind: str, token: str | None = None) -> str:
    """A new link of this kind to the assessment (under `token`, else a random one); return its token (shown or
    sent once, never stored)."""
    token = token or new_token()
    db.add(AssessmentLink(token_hash=hash_token(token), assessment_id=assessment_id, kind=kind, created_at=utcnow()))
    db.flush()
    return token


def find(db: Session, token: str) -> tuple[Assessment, str] | None:
    """The assessment a token opens and how (LINK_EDIT or LINK_READ), or None."""
    first = find_by_token(db, token)
    if first is not None:
        return first, LINK_EDIT
    link = db.get(AssessmentLink, hash_token(token))
    if link is None:
        return None
    return db.get(Assessment, link.assessment_id, options=[joinedload(Assessment.document)]), link.kind


def revoke_read(db: Session, assessment_id: int) -> int:
    """Every read-only link of the assessment stops working; return how many there were."""
    return db.execute(sa.delete(AssessmentLink).where(AssessmentLink.assessment_id == assessment_id,
                                                      AssessmentLink.kind == LINK_READ)).rowcount


def has_read(db: Session, assessment_id: int) -> bool:
    return db.scalar(sa.select(sa.func.count()).select_from(AssessmentLink).where(
        AssessmentLink.assessment_id == assessment_id, AssessmentLink.kind == LINK_READ)) > 0


def with_address(db: Session, address: str, limit: int = 20) -> Sequence[Assessment]:
    """The assessments saved with this contact address, whatever its case, the latest first."""
    return db.scalars(sa.select(Assessment).where(sa.func.lower(Assessment.contact_email) == address.lower())
                      .order_by(Assessment.updated_at.desc()).limit(limit)).all()
