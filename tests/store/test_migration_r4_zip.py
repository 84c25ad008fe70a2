"""Migration r4_zip_1 adds the ZIPs being streamed, whose primary key lets the database itself refuse a manager's
second one; going back to r3_facts_1 takes the table away."""
import pytest
from sqlalchemy import inspect, text
from sqlalchemy.exc import IntegrityError

from wizard.store import schema
from wizard.store.db import make_engine

BACKENDS = pytest.mark.parametrize("empty_url", ["sqlite", "postgresql"], indirect=True)
ZIP_ROW = text("INSERT INTO zip_downloads (manager_id, started_at) VALUES (1, '2026-12-07 15:00:00')")


@BACKENDS
def test_r4_zip_1_holds_one_zip_per_manager_and_going_back_removes_the_table(empty_url):
    schema.upgrade(empty_url, "r3_facts_1")
    engine = make_engine(empty_url)
    try:
        with engine.begin() as connection:
            connection.execute(text("INSERT INTO managers (id, email, password_hash, created_at, role) "
                                    "VALUES (1, 'a@beta.gouv.fr', '', '2026-12-01 10:00:00', 'gestion')"))
        schema.upgrade(empty_url, "r4_zip_1")
        with engine.begin() as connection:
            connection.execute(ZIP_ROW)
        with pytest.raises(IntegrityError), engine.begin() as connection:
            connection.execute(ZIP_ROW)
        schema.downgrade(empty_url, "r3_facts_1")
        engine.dispose()
        assert "zip_downloads" not in inspect(engine).get_table_names()
    finally:
        engine.dispose()
