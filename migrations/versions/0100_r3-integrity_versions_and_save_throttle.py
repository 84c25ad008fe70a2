"""Assessments: a version of the answers and one of the triage (stale pages refused); new saves per client address

Revision ID: r3_integrity_1 (the branch r3-integrity: Alembic refuses a "-" in an id)
Revises: 0005
Create Date: 2026-12-07 02:30:00

"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "r3_integrity_1"
down_revision: str | Sequence[str] | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


# Plain ALTER TABLE on SQLite too, as in 0005: batch mode would copy the table, and drop the documents with the old one.

def upgrade() -> None:
    op.add_column("assessments", sa.Column("version", sa.Integer(), server_default="1", nullable=False))
    op.add_column("assessments", sa.Column("triage_version", sa.Integer(), server_default="0", nullable=False))
    op.create_table(
        "anonymous_saves",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("ip", sa.String(length=45), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_anonymous_saves")),
    )
    op.create_index("ix_anonymous_saves_ip_at", "anonymous_saves", ["ip", "at"])
    op.create_index(op.f("ix_anonymous_saves_at"), "anonymous_saves", ["at"])


def downgrade() -> None:
    op.drop_index(op.f("ix_anonymous_saves_at"), table_name="anonymous_saves")
    op.drop_index("ix_anonymous_saves_ip_at", table_name="anonymous_saves")
    op.drop_table("anonymous_saves")
    for column in ("triage_version", "version"):
        op.drop_column("assessments", column)
