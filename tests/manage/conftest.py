"""The managers' area runs on the test database, on both backends (tests/database.py)."""
from app_on_database import app, client, manager_client, rules  # noqa: F401
