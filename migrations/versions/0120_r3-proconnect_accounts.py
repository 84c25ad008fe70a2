"""Assessments: the date of the last change (answers or triage), the triage's history, the manager it is given to. Managers: a role each, ProConnect's identifier and name, no password for ProConnect-only accounts

Revision ID: r3_proconnect_1 (the branch r3-proconnect: Alembic refuses a "-" in an id)
Revises: r3_mail_1 (re-chained at the merge of main)
Create Date: 2026-12-07 07:40:00

"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "r3_proconnect_1"
down_revision: str | Sequence[str] | None = "r3_mail_1"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


# Plain ALTER TABLE on SQLite too: batch mode would copy the table, and dropping the old one would cascade to the
# open sessions. An account without a password keeps an empty hash, which no password matches.

def upgrade() -> None:
    # The accounts made before roles triaged and exported: they keep doing so ("gestion").
    op.add_column("managers", sa.Column("role", sa.String(length=20), server_default="gestion", nullable=False))
    op.add_column("managers", sa.Column("proconnect_sub", sa.String(length=255), nullable=True))
    op.add_column("managers", sa.Column("name", sa.String(length=254), nullable=True))
    op.create_index(op.f("ix_managers_proconnect_sub"), "managers", ["proconnect_sub"], unique=True)
    # Nullable in the table, as SQLite adds a column without a copy only so; always written by the app.
    op.add_column("assessments", sa.Column("changed_at", sa.DateTime(), nullable=True))
    assessments = sa.table("assessments", sa.column("changed_at"), sa.column("updated_at"), sa.column("triage_at"))
    op.execute(assessments.update().values(changed_at=sa.case(
        (assessments.c.triage_at > assessments.c.updated_at, assessments.c.triage_at), else_=assessments.c.updated_at)))
    op.create_index(op.f("ix_assessments_changed_at"), "assessments", ["changed_at"])
    op.add_column("assessments", sa.Column("assigned_to", sa.Integer(), nullable=True))
    op.create_index(op.f("ix_assessments_assigned_to"), "assessments", ["assigned_to"])
    op.create_table(
        "triage_events",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("assessment_id", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("by", sa.String(length=254), nullable=False),
        sa.Column("from_triage", sa.String(length=20), nullable=False),
        sa.Column("to_triage", sa.String(length=20), nullable=False),
        sa.Column("comment", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(["assessment_id"], ["assessments.id"], ondelete="CASCADE",
                                name=op.f("fk_triage_events_assessment_id_assessments")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_triage_events")),
    )
    op.create_index(op.f("ix_triage_events_assessment_id"), "triage_events", ["assessment_id"])


def downgrade() -> None:
    op.drop_index(op.f("ix_triage_events_assessment_id"), table_name="triage_events")
    op.drop_table("triage_events")
    op.drop_index(op.f("ix_assessments_assigned_to"), table_name="assessments")
    op.drop_column("assessments", "assigned_to")
    op.drop_index(op.f("ix_assessments_changed_at"), table_name="assessments")
    op.drop_column("assessments", "changed_at")
    op.drop_index(op.f("ix_managers_proconnect_sub"), table_name="managers")
    for column in ("name", "proconnect_sub", "role"):
        op.drop_column("managers", column)
