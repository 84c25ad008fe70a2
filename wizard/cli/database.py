"""The command line's way to the app's database: its URL from the environment, a session on a current schema."""
from __future__ import annotations

import sys

import click
from sqlalchemy.orm import Session

from wizard import config as configuration
from wizard.store import schema
from wizard.store.db import make_engine


def database_url() -> str:
    return configuration.from_environment()["DATABASE_URL"]


def open_database_or_exit() -> Session:
    """A session on the app's database, or exit 1 when its schema is not the one the code expects."""
    engine = make_engine(database_url())
    if schema.current(engine) != schema.head():
        click.echo("La base de données n'est pas à jour : lancez d'abord « eig-wizard db upgrade ».", err=True)
        sys.exit(1)
    return Session(engine, expire_on_commit=False)
