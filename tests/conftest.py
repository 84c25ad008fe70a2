"""Shared fixtures: the app as configured for tests, whose test client checks every page it gets."""
import pytest

from checked_app import make_app
from wizard.manage import accounts

# Hashing a password at scrypt's full cost took a quarter of a second, twice in each test that signs a manager in:
# the tests hash at a cost 32 times lower (the production cost is checked in tests/manage/test_password_cost.py).
accounts.PASSWORD_HASH_METHOD = "scrypt:1024:8:1"

# The browser harness, the test databases with their PostgreSQL pass, and the Nu HTML checker.
pytest_plugins = ["browser.fixtures", "database", "nu_checker"]


@pytest.fixture(scope="session")
def app():
    return make_app()


@pytest.fixture(scope="session")
def rules(app):
    return app.extensions["rules"]


@pytest.fixture
def client(app):
    return app.test_client()
