"""Managers: a role each, ProConnect's identifier and name, no password for ProConnect-only accounts

Revision ID: r3_proconnect_1 (the branch r3-proconnect: Alembic refuses a "-" in an id)
Revises: r3_integrity_1
Create Date: 2026-12-07 07:40:00

"""
from typing import Sequence, Union

import sqlalchemy as sa
from alembic import op

revision: str = "r3_proconnect_1"
down_revision: Union[str, Sequence[str], None] = "r3_integrity_1"
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


# Plain ALTER TABLE on SQLite too: batch mode would copy the table, and dropping the old one would cascade to the
# open sessions. An account without a password keeps an empty hash, which no password matches.

def upgrade() -> None:
    # The accounts made before roles triaged and exported: they keep doing so ("gestion").
    op.add_column("managers", sa.Column("role", sa.String(length=20), server_default="gestion", nullable=False))
    op.add_column("managers", sa.Column("proconnect_sub", sa.String(length=255), nullable=True))
    op.add_column("managers", sa.Column("name", sa.String(length=254), nullable=True))
    op.create_index(op.f("ix_managers_proconnect_sub"), "managers", ["proconnect_sub"], unique=True)


def downgrade() -> None:
    op.drop_index(op.f("ix_managers_proconnect_sub"), table_name="managers")
    for column in ("name", "proconnect_sub", "role"):
        op.drop_column("managers", column)
