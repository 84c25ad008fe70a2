"""Alembic's entry point: the database URL comes from wizard/store/schema.py, or else from the app's configuration."""
from logging.config import fileConfig

from alembic import context

from wizard import config as configuration
from wizard.store.db import make_migration_engine, normalise_url
from wizard.store.models import Base

config = context.config
# Only the `alembic` command line reads alembic.ini; the app's own calls keep the app's logging.
if config.config_file_name:
    fileConfig(config.config_file_name)
url = normalise_url(config.attributes.get("url") or configuration.from_environment()["DATABASE_URL"])


def run_migrations_offline() -> None:
    """Print the SQL instead of running it (`alembic upgrade head --sql`)."""
    context.configure(url=url, target_metadata=Base.metadata, literal_binds=True, compare_type=True,
                      render_as_batch=url.startswith("sqlite"))
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    engine = make_migration_engine(url)
    try:
        with engine.connect() as connection:
            # SQLite cannot alter most of a table: batch mode copies it into a new one instead. Each migration
            # in a transaction of its own, on SQLite as on PostgreSQL: one killed midway is undone whole, and
            # the next run starts it again from the revision before.
            context.configure(connection=connection, target_metadata=Base.metadata, compare_type=True,
                              render_as_batch=connection.dialect.name == "sqlite", transaction_per_migration=True)
            with context.begin_transaction():
                context.run_migrations()
    finally:
        engine.dispose()


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
