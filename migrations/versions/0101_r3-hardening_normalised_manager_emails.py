"""Managers' addresses in their one normalised form (NFKC, case folded, IDNA domain), which the unique index holds

Revision ID: r3_hardening_1 (the branch r3-hardening: Alembic refuses a "-" in an id)
Revises: r3_integrity_1
Create Date: 2026-12-07 07:50:00

"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from wizard.manage.accounts import normalise_email

revision: str = "r3_hardening_1"
down_revision: str | Sequence[str] | None = "r3_integrity_1"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

MANAGERS = sa.table("managers", sa.column("id", sa.Integer), sa.column("email", sa.String))


def upgrade() -> None:
    """Each address rewritten in its normalised form. Accounts made before under variants of one address
    (« ａlice@… », « Alice@… ») are one person's: the one already in the normalised form keeps it, else the oldest
    takes it; each other one is kept, renamed « doublon-<id>.<address> », so that `eig-wizard user list` shows it
    and `user remove` can delete it."""
    connection = op.get_bind()
    rows = connection.execute(sa.select(MANAGERS.c.id, MANAGERS.c.email).order_by(MANAGERS.c.id)).all()
    taken = {normalise_email(email) for _, email in rows if normalise_email(email) == email}
    for row_id, email in rows:
        normalised = normalise_email(email)
        if normalised == email:
            continue
        if normalised in taken:
            normalised = f"doublon-{row_id}.{normalised}"
        taken.add(normalised)
        connection.execute(sa.update(MANAGERS).where(MANAGERS.c.id == row_id).values(email=normalised))


def downgrade() -> None:
    """Nothing to undo: the normalised addresses are addresses the older code reads as well."""
