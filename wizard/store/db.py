"""The database connection: one SQLAlchemy engine per app, one session per request.

SQLite (a file in the instance folder) is the embedded default; PostgreSQL, through psycopg 3, is what a
deployment with several app processes behind one database uses. The schema comes from the Alembic
migrations (wizard/store/schema.py), never from the app creating tables itself.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import TypeVar

from flask import Flask, current_app, g
from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker

# Seconds a SQLite writer waits for another one to finish before giving up.
SQLITE_BUSY_TIMEOUT = 30
# Seconds to reach the PostgreSQL server: an unreachable one fails a request, never hangs a worker.
CONNECT_TIMEOUT = 5


def normalise_url(url: str) -> str:
    """Hosting platforms hand out `postgres://` URLs: point them at the psycopg 3 driver."""
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix):]
    return url


def make_engine(url: str) -> Engine:
    url = normalise_url(url)
    if make_url(url).get_backend_name() == "sqlite":
        return _sqlite_engine(url)
    connect_args = {} if "connect_timeout" in make_url(url).query else {"connect_timeout": CONNECT_TIMEOUT}
    return create_engine(url, pool_pre_ping=True, connect_args=connect_args)


def _sqlite_engine(url: str) -> Engine:
    database = make_url(url).database
    if database and database != ":memory:":
        Path(database).parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(url, connect_args={"timeout": SQLITE_BUSY_TIMEOUT})

    @event.listens_for(engine, "connect")
    def configure(connection, _record):
        # WAL lets the managers' pages read while an agent or an import writes.
        cursor = connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.close()

    return engine


def make_migration_engine(url: str) -> Engine:
    """The engine the migrations run on. On SQLite, each migration must be one transaction, its DDL included, so
    that a migration killed midway leaves the database as it was: the sqlite3 module begins no transaction before
    ALTER or CREATE (its legacy isolation mode), so it is told to begin none, and SQLAlchemy's BEGIN starts every
    one (SQLAlchemy's documented recipe for SQLite's transactional DDL)."""
    engine = make_engine(url)
    if engine.dialect.name == "sqlite":
        @event.listens_for(engine, "connect")
        def no_driver_transactions(connection, _record):
            connection.isolation_level = None

        @event.listens_for(engine, "begin")
        def begin(connection):
            connection.exec_driver_sql("BEGIN")
    return engine


def make_sessionmaker(url: str) -> sessionmaker[Session]:
    return _sessionmaker(make_engine(url))


def _sessionmaker(bind: Engine) -> sessionmaker[Session]:
    # Objects stay readable after commit: views render what they just saved.
    return sessionmaker(bind, expire_on_commit=False)


def init_app(app: Flask) -> None:
    """Create the engine (it connects lazily) and close each request's session at teardown."""
    app.extensions["db_engine"] = make_engine(app.config["DATABASE_URL"])
    app.extensions["db"] = _sessionmaker(app.extensions["db_engine"])

    @app.teardown_appcontext
    def close_session(_error):
        db_session = g.pop("db_session", None)
        if db_session is not None:
            try:
                db_session.close()
            except SQLAlchemyError as error:
                # The connection died after the request committed its work or gave it up (the response is made):
                # the server rolls back whatever was left; the connection is dropped, not pooled again.
                current_app.logger.warning("Connexion perdue à la fin de la requête : %s", error)
                db_session.invalidate()


def engine() -> Engine:
    """The app's engine, for a statement or two that need no ORM session (the drafts read on every page)."""
    return current_app.extensions["db_engine"]


def unreachable_reason() -> str | None:
    """Why the database does not answer a trivial query right now, or None when it does."""
    try:
        with engine().connect() as connection:
            connection.execute(text("select 1"))
    except SQLAlchemyError as error:
        current_app.logger.error("Base de données injoignable : %s", error)
        return f"base de données injoignable ({type(getattr(error, 'orig', None) or error).__name__})"
    return None


def session() -> Session:
    """This request's database session."""
    if "db_session" not in g:
        g.db_session = current_app.extensions["db"]()
    return g.db_session


Row = TypeVar("Row")


def streamed(query: Callable[[Session], Iterable[Row]]) -> Iterator[Row]:
    """The rows of a streamed response's body, read in a session of their own and closed with the body. Flask
    closes the request's session at teardown, before the body is sent: reopened then, it would keep its
    connection, in a transaction, until garbage collection (fifteen exports would drain PostgreSQL's pool)."""
    with current_app.extensions["db"]() as own:
        yield from query(own)
