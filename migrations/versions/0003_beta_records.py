"""The copy of beta.gouv.fr's public records: products, their phases and sponsors, organisations, when it was taken;
whether an assessment was checked against it

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-01 09:24:48

"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0003'
down_revision: str | Sequence[str] | None = '0002'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("assessments") as batch:
        batch.add_column(sa.Column("verified", sa.Boolean(), server_default=sa.false(), nullable=False))
        batch.create_index(batch.f("ix_assessments_verified"), ["verified"])
    op.create_table('beta_organisations',
    sa.Column('id', sa.String(length=200), nullable=False),
    sa.Column('name', sa.String(), nullable=False),
    sa.Column('acronym', sa.String(), nullable=True),
    sa.Column('domain', sa.String(), nullable=True),
    sa.Column('type', sa.String(length=64), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_beta_organisations'))
    )
    op.create_table('beta_products',
    sa.Column('id', sa.String(length=200), nullable=False),
    sa.Column('name', sa.String(), nullable=False),
    sa.Column('pitch', sa.Text(), nullable=True),
    sa.Column('link', sa.String(), nullable=True),
    sa.Column('search_text', sa.Text(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_beta_products'))
    )
    op.create_table('beta_syncs',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('synced_at', sa.DateTime(), nullable=False),
    sa.Column('source', sa.String(length=300), nullable=False),
    sa.Column('digest', sa.String(length=64), nullable=False),
    sa.Column('products', sa.Integer(), nullable=False),
    sa.Column('organisations', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_beta_syncs'))
    )
    op.create_table('beta_phases',
    sa.Column('product_id', sa.String(length=200), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=64), nullable=False),
    sa.Column('start', sa.String(length=32), nullable=True),
    sa.Column('end', sa.String(length=32), nullable=True),
    sa.ForeignKeyConstraint(['product_id'], ['beta_products.id'], name=op.f('fk_beta_phases_product_id_beta_products'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('product_id', 'position', name=op.f('pk_beta_phases'))
    )
    op.create_table('beta_sponsors',
    sa.Column('product_id', sa.String(length=200), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('organisation_id', sa.String(length=200), nullable=False),
    sa.ForeignKeyConstraint(['product_id'], ['beta_products.id'], name=op.f('fk_beta_sponsors_product_id_beta_products'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('product_id', 'position', name=op.f('pk_beta_sponsors'))
    )


def downgrade() -> None:
    op.drop_table('beta_sponsors')
    op.drop_table('beta_phases')
    op.drop_table('beta_syncs')
    op.drop_table('beta_products')
    op.drop_table('beta_organisations')
    with op.batch_alter_table("assessments") as batch:
        batch.drop_index(batch.f("ix_assessments_verified"))
        batch.drop_column("verified")
