"""Drafts: the answers of assessments in progress, server-side

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23 12:40:00

"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0002"
down_revision: str | Sequence[str] | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

JSON_DOCUMENT = sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql")


def upgrade() -> None:
    op.create_table(
        "drafts",
        sa.Column("id", sa.String(length=64), nullable=False),
        sa.Column("answers", JSON_DOCUMENT, nullable=False),
        sa.Column("completed_steps", JSON_DOCUMENT, nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_drafts")),
    )
    op.create_index(op.f("ix_drafts_updated_at"), "drafts", ["updated_at"])


def downgrade() -> None:
    op.drop_index(op.f("ix_drafts_updated_at"), table_name="drafts")
    op.drop_table("drafts")
