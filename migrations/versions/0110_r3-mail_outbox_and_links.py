"""The outbox (e-mail written in the transaction that causes it) and its attempts; more links to an assessment
(sent again, read-only); what was typed but not valid yet, kept with a draft and a save from a step; whether an
assessment is complete

Revision ID: r3_mail_1 (the branch r3-mail)
Revises: r3_hardening_1
Create Date: 2026-12-07 07:40:00

"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects.postgresql import JSONB

JSON_DOCUMENT = sa.JSON().with_variant(JSONB(), "postgresql")
# Plain ALTER TABLE ADD COLUMN on SQLite too (as in 0005): batch mode would copy the tables.

revision: str = "r3_mail_1"
down_revision: str | Sequence[str] | None = "r3_hardening_1"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column("assessments", sa.Column("complete", sa.Boolean(), server_default=sa.true(), nullable=False))
    op.add_column("assessment_documents", sa.Column("pending", JSON_DOCUMENT, nullable=True))
    op.add_column("drafts", sa.Column("pending", JSON_DOCUMENT, nullable=True))
    op.create_table(
        "outbox",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("recipient", sa.String(length=254), nullable=True),
        sa.Column("raw", sa.LargeBinary(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("next_attempt_at", sa.DateTime(), nullable=False),
        sa.Column("attempts", sa.Integer(), server_default="0", nullable=False),
        sa.Column("sent_at", sa.DateTime(), nullable=True),
        sa.Column("last_error", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_outbox")),
    )
    for column in ("created_at", "next_attempt_at", "sent_at"):
        op.create_index(op.f(f"ix_outbox_{column}"), "outbox", [column])
    op.create_table(
        "outbox_attempts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("message_id", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("error", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(["message_id"], ["outbox.id"], name=op.f("fk_outbox_attempts_message_id_outbox"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_outbox_attempts")),
    )
    op.create_index(op.f("ix_outbox_attempts_message_id"), "outbox_attempts", ["message_id"])
    op.create_table(
        "assessment_links",
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("assessment_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=8), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["assessment_id"], ["assessments.id"],
                                name=op.f("fk_assessment_links_assessment_id_assessments"), ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("token_hash", name=op.f("pk_assessment_links")),
    )
    op.create_index(op.f("ix_assessment_links_assessment_id"), "assessment_links", ["assessment_id"])


def downgrade() -> None:
    op.drop_column("drafts", "pending")
    op.drop_column("assessment_documents", "pending")
    op.drop_column("assessments", "complete")
    op.drop_index(op.f("ix_assessment_links_assessment_id"), table_name="assessment_links")
    op.drop_table("assessment_links")
    op.drop_index(op.f("ix_outbox_attempts_message_id"), table_name="outbox_attempts")
    op.drop_table("outbox_attempts")
    for column in ("sent_at", "next_attempt_at", "created_at"):
        op.drop_index(op.f(f"ix_outbox_{column}"), table_name="outbox")
    op.drop_table("outbox")
