"""ZIP downloads: one row per manager streaming a ZIP of reports, so that one manager has one at a time across every
app process

Revision ID: r4_zip_1 (the branch r4-zip-per-manager)
Revises: r3_facts_1
Create Date: 2026-12-07 15:30:00

"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "r4_zip_1"
down_revision: str | Sequence[str] | None = "r3_facts_1"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "zip_downloads",
        sa.Column("manager_id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("started_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["manager_id"], ["managers.id"], name=op.f("fk_zip_downloads_manager_id_managers"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("manager_id", name=op.f("pk_zip_downloads")),
    )


def downgrade() -> None:
    op.drop_table("zip_downloads")
