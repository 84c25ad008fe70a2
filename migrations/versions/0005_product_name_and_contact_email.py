"""Assessments: the product's name (listed, searched, sorted) and the agent's optional contact e-mail

Revision ID: 0005
Revises: 0004
Create Date: 2027-01-11 10:00:00

"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

from wizard.store.assessments import fold

revision: str = "0005"
down_revision: str | Sequence[str] | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

JSON_DOCUMENT = sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql")
PRODUCT_NAME = "product_name"  # the answer's id (wizard.rules.ids.PRODUCT_NAME) when this revision was written
CHUNK = 1000


# Plain ALTER TABLE, not Alembic's batch mode, on SQLite too (3.35 and later drop columns): batch mode would copy
# the table and drop the old one, and with foreign keys on, SQLite would delete every assessment's document with it.


def upgrade() -> None:
    op.add_column("assessments", sa.Column("product_name", sa.String(), nullable=True))
    op.add_column("assessments", sa.Column("product_folded", sa.String(), nullable=True))
    op.add_column("assessments", sa.Column("contact_email", sa.String(length=254), nullable=True))
    op.create_index(op.f("ix_assessments_product_folded"), "assessments", ["product_folded"])
    _fill_product_names()


def _fill_product_names() -> None:
    """Copy each stored assessment's product name out of its answers, a chunk at a time."""
    documents = sa.table("assessment_documents", sa.column("assessment_id", sa.Integer),
                         sa.column("answers", JSON_DOCUMENT))
    facts = sa.table("assessments", sa.column("id", sa.Integer), sa.column("product_name", sa.String),
                     sa.column("product_folded", sa.String))
    connection = op.get_bind()
    update = (sa.update(facts).where(facts.c.id == sa.bindparam("row_id"))
              .values(product_name=sa.bindparam("name"), product_folded=sa.bindparam("folded")))
    last = 0
    while True:
        rows = connection.execute(sa.select(documents.c.assessment_id, documents.c.answers)
                                  .where(documents.c.assessment_id > last)
                                  .order_by(documents.c.assessment_id).limit(CHUNK)).all()
        if not rows:
            return
        last = rows[-1].assessment_id
        named = [(row.assessment_id, row.answers.get(PRODUCT_NAME)) for row in rows]
        values = [{"row_id": row_id, "name": name, "folded": fold(name)}
                  for row_id, name in named if isinstance(name, str)]
        if values:
            connection.execute(update, values)


def downgrade() -> None:
    op.drop_index(op.f("ix_assessments_product_folded"), table_name="assessments")
    for column in ("contact_email", "product_folded", "product_name"):
        op.drop_column("assessments", column)
