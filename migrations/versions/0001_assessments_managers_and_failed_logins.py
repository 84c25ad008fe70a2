"""Assessments (listed facts, and their answers and result apart), managers and failed logins

Revision ID: 0001
Revises:
Create Date: 2026-11-23 12:02:51

"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0001"
down_revision: str | Sequence[str] | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

JSON_DOCUMENT = sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql")
ASSESSMENT_INDEXES = ("administration_type", "band", "created_at", "name_folded", "percent", "phase", "status",
                      "triage", "updated_at")


def upgrade() -> None:
    op.create_table(
        "assessments",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("origin", sa.String(length=10), nullable=False),
        sa.Column("token_hash", sa.String(length=64), nullable=True),
        sa.Column("import_key", sa.String(length=64), nullable=True),
        sa.Column("rules_version", sa.String(length=64), nullable=False),
        sa.Column("administration_name", sa.String(), nullable=True),
        sa.Column("name_folded", sa.String(), nullable=True),
        sa.Column("administration_type", sa.String(length=64), nullable=True),
        sa.Column("phase", sa.String(length=64), nullable=True),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("band", sa.String(length=32), nullable=True),
        sa.Column("percent", sa.Float(), nullable=True),
        sa.Column("triage", sa.String(length=20), nullable=False),
        sa.Column("triage_comment", sa.Text(), nullable=True),
        sa.Column("triage_by", sa.String(length=254), nullable=True),
        sa.Column("triage_at", sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_assessments")),
        sa.UniqueConstraint("import_key", name=op.f("uq_assessments_import_key")),
        sa.UniqueConstraint("token_hash", name=op.f("uq_assessments_token_hash")),
    )
    for column in ASSESSMENT_INDEXES:
        op.create_index(op.f(f"ix_assessments_{column}"), "assessments", [column])
    op.create_table(
        "assessment_documents",
        sa.Column("assessment_id", sa.Integer(), nullable=False),
        sa.Column("answers", JSON_DOCUMENT, nullable=False),
        sa.Column("result", JSON_DOCUMENT, nullable=False),
        sa.Column("completed_steps", JSON_DOCUMENT, nullable=True),
        sa.ForeignKeyConstraint(["assessment_id"], ["assessments.id"], ondelete="CASCADE",
                                name=op.f("fk_assessment_documents_assessment_id_assessments")),
        sa.PrimaryKeyConstraint("assessment_id", name=op.f("pk_assessment_documents")),
    )

    op.create_table(
        "login_failures",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("email", sa.String(length=254), nullable=False),
        sa.Column("ip", sa.String(length=45), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_login_failures")),
    )
    op.create_index(op.f("ix_login_failures_at"), "login_failures", ["at"])
    op.create_index("ix_login_failures_email_at", "login_failures", ["email", "at"])
    op.create_index("ix_login_failures_ip_at", "login_failures", ["ip", "at"])

    op.create_table(
        "managers",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("email", sa.String(length=254), nullable=False),
        sa.Column("password_hash", sa.String(length=255), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_managers")),
        sa.UniqueConstraint("email", name=op.f("uq_managers_email")),
    )


def downgrade() -> None:
    op.drop_table("managers")
    op.drop_table("assessment_documents")
    op.drop_table("login_failures")
    op.drop_table("assessments")
