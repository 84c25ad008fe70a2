"""Database faults for the tests, on a real database: beta.gouv.fr's copy made unreadable while the rest answers
(PostgreSQL: the table locked by another transaction, and the app's connections give up after LOCK_TIMEOUT_MS;
SQLite, which has no lock a reader waits for in WAL mode: the table renamed away), and the app's connections
killed on PostgreSQL."""
from contextlib import contextmanager

from sqlalchemy import text
from sqlalchemy.engine import make_url

from wizard.store.db import make_engine, normalise_url

LOCK_TIMEOUT_MS = 300


@contextmanager
def beta_syncs_unreadable(url: str):
    """While inside, every read of the copy's stamp (beta_syncs) fails with the database's own error."""
    engine = make_engine(url)
    try:
        if url.startswith("sqlite"):
            with engine.begin() as connection:
                connection.execute(text("ALTER TABLE beta_syncs RENAME TO beta_syncs_away"))
            try:
                yield
            finally:
                with engine.begin() as connection:
                    connection.execute(text("ALTER TABLE beta_syncs_away RENAME TO beta_syncs"))
        else:
            with engine.connect() as connection:
                connection.execute(text("LOCK TABLE beta_syncs IN ACCESS EXCLUSIVE MODE"))
                try:
                    yield
                finally:
                    connection.rollback()
    finally:
        engine.dispose()


APP_NAME = "eig-wizard-under-fault"  # the app's PostgreSQL connections, told apart from the test's own


def for_the_app(url: str) -> str:
    """The URL for the app under fault: its PostgreSQL connections wait LOCK_TIMEOUT_MS at most for a lock, and
    carry APP_NAME, which kill_app_connections finds them by."""
    if not url.startswith("postgresql"):
        return url
    parsed = make_url(normalise_url(url))
    options = f"{parsed.query.get('options', '')} -clock_timeout={LOCK_TIMEOUT_MS}".strip()
    return parsed.update_query_dict({"options": options, "application_name": APP_NAME}).render_as_string(
        hide_password=False)


def kill_app_connections(url: str) -> int:
    """Terminate the app's PostgreSQL connections (pg_terminate_backend), idle or busy; return how many."""
    engine = make_engine(url)
    try:
        with engine.begin() as connection:
            return len(connection.execute(text(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = :name "
                "AND pid <> pg_backend_pid()"), {"name": APP_NAME}).all())
    finally:
        engine.dispose()
