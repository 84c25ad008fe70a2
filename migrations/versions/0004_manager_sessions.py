"""Managers' login sessions, server-side: logout, a removed account, a new password or idleness end them

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-01 09:30:00

"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | Sequence[str] | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "manager_sessions",
        sa.Column("id", sa.String(length=64), nullable=False),
        sa.Column("manager_id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("last_seen_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["manager_id"], ["managers.id"], name=op.f("fk_manager_sessions_manager_id_managers"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_manager_sessions")),
    )
    op.create_index(op.f("ix_manager_sessions_manager_id"), "manager_sessions", ["manager_id"])
    op.create_index(op.f("ix_manager_sessions_last_seen_at"), "manager_sessions", ["last_seen_at"])


def downgrade() -> None:
    op.drop_index(op.f("ix_manager_sessions_last_seen_at"), table_name="manager_sessions")
    op.drop_index(op.f("ix_manager_sessions_manager_id"), table_name="manager_sessions")
    op.drop_table("manager_sessions")
