"""A `db upgrade` killed midway (issue 26, broken 8): on a database at 0004 with many rows, the process is killed
while 0005 fills the product names; the database is left as it was before that migration, and the same command
run again upgrades it whole. On SQLite the sqlite3 module used to run each ALTER TABLE outside any transaction:
the new columns stayed while alembic_version still said 0004, and every rerun failed on « duplicate column name »."""
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import inspect, text

from wizard.store import schema
from wizard.store.db import make_engine

BACKENDS = pytest.mark.parametrize("empty_url", ["sqlite", "postgresql"], indirect=True)
ROWS = 60_000
KILL_WITHIN_SECONDS = 120  # the fill takes seconds; this bounds a run where it never starts


def fill_0004(engine) -> None:
    """ROWS assessments as 0004 stored them, each with a product name in its answers."""
    assessments = [{"id": n, "name": f"Administration {n}"} for n in range(1, ROWS + 1)]
    documents = [{"id": n, "answers": json.dumps({"product_name": f"Produit {n}"})} for n in range(1, ROWS + 1)]
    with engine.begin() as connection:
        connection.execute(text(
            "INSERT INTO assessments (id, created_at, updated_at, origin, rules_version, administration_name, status, "
            "triage) VALUES (:id, '2026-12-01 10:00:00', '2026-12-01 10:00:00', 'web', '2026.1', :name, 'eligible', "
            "'a_etudier')"), assessments)
        connection.execute(text("INSERT INTO assessment_documents (assessment_id, answers, result) "
                                "VALUES (:id, :answers, '{}')"), documents)


def upgrade_command(url: str) -> list[str]:
    return [str(Path(sys.executable).with_name("eig-wizard")), "db", "upgrade"]


def run_upgrade(url: str) -> subprocess.Popen:
    environment = {**os.environ, "DATABASE_URL": url}
    return subprocess.Popen(upgrade_command(url), env=environment, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            start_new_session=True)


def filling_product_names(url: str, watcher) -> bool:
    """Whether 0005 is writing product names: its UPDATEs fill SQLite's write-ahead log, and are PostgreSQL's
    last statement of the upgrading connection."""
    if url.startswith("sqlite"):
        log = Path(make_engine(url).url.database + "-wal")
        return log.exists() and log.stat().st_size > 4_000_000
    with watcher.connect() as connection:
        return bool(connection.execute(text(
            "SELECT count(*) FROM pg_stat_activity WHERE pid <> pg_backend_pid() "
            "AND query LIKE 'UPDATE assessments SET product_name%'")).scalar())


@BACKENDS
def test_a_db_upgrade_killed_while_0005_fills_many_rows_leaves_0004_and_runs_again_to_the_end(empty_url):
    schema.upgrade(empty_url, "0004")
    engine = make_engine(empty_url)
    try:
        fill_0004(engine)
        engine.dispose()
        upgrading = run_upgrade(empty_url)
        deadline = time.monotonic() + KILL_WITHIN_SECONDS
        while not filling_product_names(empty_url, engine):
            assert upgrading.poll() is None, f"db upgrade ended before it could be killed: {upgrading.communicate()}"
            assert time.monotonic() < deadline, "0005 never started filling the product names"
            time.sleep(0.02)
        os.killpg(upgrading.pid, signal.SIGKILL)
        upgrading.wait()
        engine.dispose()

        with engine.connect() as connection:
            assert connection.execute(text("SELECT version_num FROM alembic_version")).scalar() == "0004"
        assert not {"product_name", "product_folded", "contact_email"} & {
            column["name"] for column in inspect(engine).get_columns("assessments")}
        engine.dispose()

        again = run_upgrade(empty_url)
        out, err = again.communicate(timeout=600)
        assert again.returncode == 0, err.decode()
        with engine.connect() as connection:
            assert connection.execute(text("SELECT version_num FROM alembic_version")).scalar() == schema.head()
            assert connection.execute(text(
                "SELECT count(*) FROM assessments WHERE product_name = 'Produit ' || id")).scalar() == ROWS
    finally:
        engine.dispose()
