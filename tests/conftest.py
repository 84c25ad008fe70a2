"""Shared fixtures: the app as configured for tests, whose test client checks every page it gets."""
import pytest

from checked_app import make_app

# The browser harness, and the test databases with their PostgreSQL pass.
pytest_plugins = ["browser.fixtures", "database"]


@pytest.fixture(scope="session")
def app():
    return make_app()


@pytest.fixture(scope="session")
def rules(app):
    return app.extensions["rules"]


@pytest.fixture
def client(app):
    return app.test_client()
