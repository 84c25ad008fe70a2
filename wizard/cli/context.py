"""What the commands need before they start: the rules and the database, or a clear message and exit 1."""
from __future__ import annotations

import sys
from pathlib import Path

import click
from sqlalchemy.orm import Session

from wizard import config as configuration
from wizard.rules.loading import RulesError, load_rules
from wizard.rules.model import Rules
from wizard.store import schema
from wizard.store.db import make_engine

EXIT_INVALID_INPUT = 2
EXIT_INTERRUPTED = 130  # the shell's code for a command stopped by Ctrl-C


def load_or_exit(folder: Path) -> Rules:
    """The rules, or the list of their problems and exit 1: nothing runs on broken rules."""
    try:
        return load_rules(folder)
    except RulesError as error:
        for problem in error.problems:
            click.echo(f"ERREUR {problem}", err=True)
        click.echo(f"Règles invalides : {len(error.problems)} problème(s). Corrigez-les puis relancez.", err=True)
        sys.exit(1)


def database_url() -> str:
    return configuration.from_environment()["DATABASE_URL"]


def open_database_or_exit() -> Session:
    """A session on the app's database, or exit 1 when its schema is not the one the code expects."""
    engine = make_engine(database_url())
    if schema.current(engine) != schema.head():
        click.echo("La base de données n'est pas à jour : lancez d'abord « eig-wizard db upgrade ».", err=True)
        sys.exit(1)
    return Session(engine, expire_on_commit=False)
