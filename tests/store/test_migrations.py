"""The migrations build the schema the models describe, and undo it."""
import pytest
from sqlalchemy import inspect

from wizard.store import schema
from wizard.store.db import make_engine
from wizard.store.models import Assessment, Base

BACKENDS = pytest.mark.parametrize("empty_url", ["sqlite", "postgresql"], indirect=True)


def tables(url):
    engine = make_engine(url)
    try:
        return set(inspect(engine).get_table_names())
    finally:
        engine.dispose()


def revision(url):
    engine = make_engine(url)
    try:
        return schema.current(engine)
    finally:
        engine.dispose()


@BACKENDS
def test_upgrading_an_empty_database_gives_the_models_schema_and_downgrading_empties_it(empty_url):
    assert revision(empty_url) is None
    schema.upgrade(empty_url)
    assert tables(empty_url) == {"alembic_version", *Base.metadata.tables}
    assert revision(empty_url) == schema.head()
    schema.check(empty_url)  # raises when models and migrations disagree (`alembic check`)
    schema.downgrade(empty_url, "base")
    assert tables(empty_url) == {"alembic_version"}
    assert revision(empty_url) is None
    schema.upgrade(empty_url)  # and back again
    assert revision(empty_url) == schema.head()


def test_the_filtered_and_sorted_columns_are_indexed():
    indexed = {column.name for index in Assessment.__table__.indexes for column in index.columns}
    assert {"created_at", "updated_at", "status", "band", "administration_type", "phase", "triage", "percent",
            "name_folded", "product_folded"} <= indexed
