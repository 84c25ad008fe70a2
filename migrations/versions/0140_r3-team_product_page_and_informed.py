"""Assessments: the product's beta.gouv.fr page, which groups one product's assessments in the managers' list.
Triage events: their kind, a decision or the agent informed by e-mail

Revision ID: r3_team_1 (the branch r3-team)
Revises: r3_proconnect_1
Create Date: 2026-12-07 11:45:00

"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "r3_team_1"
down_revision: str | Sequence[str] | None = "r3_proconnect_1"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


# Plain ALTER TABLE on SQLite too, as 0120: no batch mode, no copy of the tables.

def upgrade() -> None:
    op.add_column("assessments", sa.Column("beta_page", sa.String(length=300), nullable=True))
    # The answer as stored in each document (the JSON path is the question's id, wizard/rules/ids.py).
    if op.get_bind().dialect.name == "postgresql":
        op.execute("UPDATE assessments SET beta_page = d.answers ->> 'beta_page_url' FROM assessment_documents d "
                   "WHERE d.assessment_id = assessments.id AND jsonb_typeof(d.answers -> 'beta_page_url') = 'string'")
    else:
        op.execute("UPDATE assessments SET beta_page = (SELECT json_extract(d.answers, '$.beta_page_url') "
                   "FROM assessment_documents d WHERE d.assessment_id = assessments.id "
                   "AND json_type(d.answers, '$.beta_page_url') = 'text')")
    op.create_index(op.f("ix_assessments_beta_page"), "assessments", ["beta_page"])
    op.add_column("triage_events", sa.Column("kind", sa.String(length=20), server_default="decided", nullable=False))


def downgrade() -> None:
    op.drop_column("triage_events", "kind")
    op.drop_index(op.f("ix_assessments_beta_page"), table_name="assessments")
    op.drop_column("assessments", "beta_page")
