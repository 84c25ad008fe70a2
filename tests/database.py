"""The test databases (a pytest plugin, see tests/conftest.py): every test on the database runs twice, on SQLite
and on the PostgreSQL server at 127.0.0.1:5432 when one answers.

Each pass migrates a database of its own (a temporary SQLite file; a schema with a random name on PostgreSQL,
dropped at the end), and every test starts from empty tables.
"""
import os
import secrets
from urllib.parse import quote

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.orm import Session

from checked_app import TEST_CONFIG, CheckedClient, outbox_dir, pdf_cache_dir
from wizard.manage import accounts
from wizard import create_app
from wizard.store import schema
from wizard.store.db import make_engine
from wizard.store.models import Base

POSTGRES_URL = os.environ.get("EIG_TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test")
# CI may insist: with EIG_TEST_REQUIRE_POSTGRES=1 an absent server fails the run instead of skipping its pass.
REQUIRE_POSTGRES = os.environ.get("EIG_TEST_REQUIRE_POSTGRES") == "1"
_postgres_pass = {"ran": 0, "skipped": None}


def postgres_unavailable() -> str | None:
    """Why the PostgreSQL pass cannot run, or None when the server answers."""
    engine = create_engine(POSTGRES_URL, connect_args={"connect_timeout": 3})
    try:
        with engine.connect() as connection:
            connection.execute(text("select 1"))
    except Exception as error:  # any failure to connect means: no server to test against
        return f"PostgreSQL ne répond pas sur {engine.url.render_as_string(hide_password=True)} ({type(error).__name__})"
    finally:
        engine.dispose()
    return None


def _with_schema(url: str, name: str) -> str:
    return f"{url}{'&' if '?' in url else '?'}options={quote(f'-csearch_path={name}')}"


class PostgresSchema:
    """A schema of its own on the test server, so that runs never meet and leave nothing behind."""

    def __init__(self):
        self.name = f"eig_test_{secrets.token_hex(6)}"
        self.url = _with_schema(POSTGRES_URL, self.name)
        self._admin = create_engine(POSTGRES_URL, isolation_level="AUTOCOMMIT")

    def __enter__(self) -> str:
        with self._admin.connect() as connection:
            connection.execute(text(f'CREATE SCHEMA "{self.name}"'))
        return self.url

    def __exit__(self, *exc) -> None:
        with self._admin.connect() as connection:
            connection.execute(text(f'DROP SCHEMA "{self.name}" CASCADE'))
        self._admin.dispose()


def _skip_or_fail_without_postgres() -> None:
    reason = postgres_unavailable()
    if reason:
        _postgres_pass["skipped"] = reason
        if REQUIRE_POSTGRES:
            pytest.fail(f"{reason} ; EIG_TEST_REQUIRE_POSTGRES=1 exige la passe PostgreSQL")
        pytest.skip(f"passe PostgreSQL ignorée : {reason}")


@pytest.fixture(scope="session", params=["sqlite", "postgresql"])
def migrated_url(request, tmp_path_factory):
    """The URL of a database migrated to the last revision, for the whole pass of one backend."""
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path_factory.mktemp('sqlite') / 'eig-wizard.sqlite3'}"
        schema.upgrade(url)
        yield url
        return
    _skip_or_fail_without_postgres()
    with PostgresSchema() as url:
        schema.upgrade(url)
        yield url


@pytest.fixture
def db_url(migrated_url, request):
    """The migrated database, emptied after the test."""
    if migrated_url.startswith("postgresql"):
        _postgres_pass["ran"] += 1
    yield migrated_url
    engine = make_engine(migrated_url)
    with engine.begin() as connection:
        for table in reversed(Base.metadata.sorted_tables):
            connection.execute(table.delete())
    engine.dispose()


@pytest.fixture
def empty_url(request, tmp_path):
    """The URL of an empty database (no tables), for the migration tests; same two backends."""
    backend = request.param
    if backend == "sqlite":
        yield f"sqlite:///{tmp_path / 'vide.sqlite3'}"
        return
    _skip_or_fail_without_postgres()
    _postgres_pass["ran"] += 1
    with PostgresSchema() as url:
        yield url


@pytest.fixture
def db(db_url):
    engine = make_engine(db_url)
    with Session(engine, expire_on_commit=False) as session:
        yield session
    engine.dispose()


def pytest_sessionfinish(session):
    """Under pytest-xdist the tests run in workers: each sends its count to the controller, which says it."""
    if hasattr(session.config, "workeroutput"):
        session.config.workeroutput["postgres_pass"] = dict(_postgres_pass)


@pytest.hookimpl(optionalhook=True)
def pytest_testnodedown(node, error):
    worker = getattr(node, "workeroutput", {}).get("postgres_pass", {})
    _postgres_pass["ran"] += worker.get("ran", 0)
    _postgres_pass["skipped"] = _postgres_pass["skipped"] or worker.get("skipped")


def pytest_terminal_summary(terminalreporter):
    """Say plainly whether the PostgreSQL pass ran: a skipped pass must not look like a green one."""
    if _postgres_pass["skipped"]:
        terminalreporter.write_line(f"Persistance : passe PostgreSQL IGNORÉE — {_postgres_pass['skipped']}.", yellow=True)
    elif _postgres_pass["ran"]:
        terminalreporter.write_line(f"Persistance : passe PostgreSQL exécutée ({_postgres_pass['ran']} tests sur "
                                    f"{POSTGRES_URL.split('@')[-1]}).", green=True)


# --- The app on the test database -------------------------------------------------------------------------

MANAGER_EMAIL = "responsable@beta.gouv.fr"
MANAGER_PASSWORD = "un mot de passe assez long"


@pytest.fixture(scope="session")
def app_for():
    """One app per database (making one loads the rules): app_for(url). app_for(url, process=2) is a second app on
    the same database, standing for another app process of one deployment."""
    apps = {}

    def get(url, process=1):
        if (url, process) not in apps:
            # Plain HTTP in the tests that run a real server: the session cookie cannot be Secure there.
            apps[url, process] = create_app({**TEST_CONFIG, "DATABASE_URL": url, "SESSION_COOKIE_SECURE": False,
                                              "PDF_CACHE_DIR": pdf_cache_dir(), "OUTBOX_DIR": outbox_dir(),
                                              # the load tests save hundreds of assessments from one address
                                              "SAVES_PER_HOUR": 100_000})
            apps[url, process].test_client_class = CheckedClient
        return apps[url, process]
    return get


@pytest.fixture
def manager(db):
    return accounts.add_manager(db, MANAGER_EMAIL, MANAGER_PASSWORD)
