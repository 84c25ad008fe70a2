"""Assessments: whether a declared answer differs from beta.gouv.fr's record, the declared phase, the kind of body
beta.gouv.fr gives the sponsor, the date of the copy checked against (the managers' list and its filter)

Revision ID: r3_facts_1 (the branch r3-facts-search)
Revises: r3_team_1
Create Date: 2026-12-07 12:30:00

"""
from collections.abc import Sequence
from datetime import datetime

import sqlalchemy as sa
from alembic import op

revision: str = "r3_facts_1"
down_revision: str | Sequence[str] | None = "r3_team_1"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

COLUMNS = ("declared_differs", "declared_phase", "recorded_type", "beta_synced_at")


def upgrade() -> None:
    # Plain ALTER TABLE, as in r3_proconnect_1: no copy of the table on SQLite.
    op.add_column("assessments", sa.Column("declared_differs", sa.Boolean(), server_default=sa.false(), nullable=False))
    op.add_column("assessments", sa.Column("declared_phase", sa.String(length=64), nullable=True))
    op.add_column("assessments", sa.Column("recorded_type", sa.String(length=64), nullable=True))
    op.add_column("assessments", sa.Column("beta_synced_at", sa.DateTime(), nullable=True))
    op.create_index(op.f("ix_assessments_declared_differs"), "assessments", ["declared_differs"])
    # The assessments checked before: their stored facts say what they declared and what was recorded.
    documents = sa.table("assessment_documents", sa.column("assessment_id"), sa.column("result", sa.JSON()))
    assessments = sa.table("assessments", sa.column("id"), sa.column("verified"), *(sa.column(c) for c in COLUMNS))
    connection = op.get_bind()
    checked = sa.select(documents.c.assessment_id, documents.c.result).join(
        assessments, assessments.c.id == documents.c.assessment_id).where(assessments.c.verified.is_(True))
    for assessment_id, result in connection.execute(checked).all():
        summary = checked_summary((result or {}).get("facts"))
        connection.execute(assessments.update().where(assessments.c.id == assessment_id).values(**summary))


def checked_summary(found) -> dict:
    """wizard.core.facts.checked_summary as it was when this migration was written (a migration keeps its code)."""
    found = [fact for fact in found or () if isinstance(fact, dict)]
    by_question = {fact.get("question"): fact for fact in found}
    phase, kind = by_question.get("phase"), by_question.get("administration_type")
    synced = next((fact.get("synced_at") for fact in found if fact.get("synced_at")), None)
    return {"declared_differs": any(fact.get("recorded") is not None and fact.get("declared") is not None
                                    and fact["declared"] != fact["recorded"] for fact in found),
            "declared_phase": phase.get("declared") if phase else None,
            "recorded_type": kind.get("recorded") if kind else None,
            "beta_synced_at": datetime.fromisoformat(synced).replace(tzinfo=None) if synced else None}


def downgrade() -> None:
    op.drop_index(op.f("ix_assessments_declared_differs"), table_name="assessments")
    for column in reversed(COLUMNS):
        op.drop_column("assessments", column)
